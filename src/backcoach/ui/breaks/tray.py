"""The posture-break reminder: a tray icon (or a small window), the scheduler, the break window.

`run_tray(ctx, app)` is what `backcoach --tray` runs. The `BreakScheduler`
(core, Qt-free) decides; this module wakes it with a single-shot coarse timer
at `next_wakeup()` (at most every 30 s), shows what it says, and logs every
`BreakResolved` to the history store. The icon is redrawn only when the
minutes shown change. Where the desktop has no system tray (or under the
offscreen platform), a small always-available `StatusWindow` stands in.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QProcess, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.breaks import (
    SNOOZE_SECONDS,
    BreakConfig,
    BreakDue,
    BreakResolved,
    BreakScheduler,
    BreakStarted,
    Event,
    Status,
)
from backcoach.core.breaks_support import autostart
from backcoach.core.breaks_support.idle import IdleSupport, detect
from backcoach.core.library import RoutineCatalog, scan_library
from backcoach.core.paths import standard_data_dir
from backcoach.core.routine import Routine
from backcoach.core.settings import Settings
from backcoach.ui.breaks.break_window import BreakWindow, FlowFactory, make_session_flow
from backcoach.ui.breaks.tray_icon import icon_key, make_icon, minutes_left
from backcoach.ui.context import AppContext
from backcoach.ui.settings_follow import SettingsFollower
from backcoach.ui.translations import LIBRARY_CONTEXT, parts_text
from backcoach.ui.widgets.plain import PlainLabel

HOUR = 3600.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("Tray", text)


def last_break_routine(ctx: AppContext, today: date) -> str | None:
    """The routine of the last logged break (the rotation carries on from it)."""
    if ctx.history is None:
        return None
    try:
        rows = ctx.history.breaks(today - timedelta(days=30), today)
    except (sqlite3.Error, OSError, ValueError, RuntimeError):
        return None
    for row in reversed(rows):
        if row.routine_id:
            return row.routine_id
    return None


def aware(moment: datetime) -> datetime:
    """The scheduler's naive local times, with the local UTC offset the store wants."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def describe_status(status: Status, today: date | None = None) -> str:
    """ "Next break in 23 min", "Paused until 14:30", ... for the menu and the window."""
    if status.state == "disabled":
        return _tr("Posture breaks are off (see Settings)")
    if status.state == "due":
        return _tr("A posture break is due")
    if status.state == "on-break":
        return _tr("On a posture break")
    if status.state == "paused" and status.paused_until is not None:
        until = status.paused_until
        if until.date() == (today or date.today()):
            return _tr("Paused until {0}").format(until.strftime("%H:%M"))
        return _tr("Paused until {0}").format(until.strftime("%a %H:%M"))
    if status.state == "off-hours":
        if status.next_start is None:
            return _tr("No break days chosen (see Settings)")
        return _tr("No breaks until {0}").format(status.next_start.strftime("%a %H:%M"))
    minutes = minutes_left(status.seconds_left or 0.0)
    if minutes <= 1:
        return _tr("Next break in 1 minute")
    return _tr("Next break in {0} minutes").format(minutes)


def describe_support(support: IdleSupport | None) -> str:
    """What counts as time away here, in the user's words (for this window and Settings)."""
    if support is None:
        return ""
    if support.idle is None and support.locked is None:
        return _tr("Idle detection is not available on this desktop: only sleep resets the timer.")
    names = [n for n in (support.idle_name, support.lock_name) if n]
    return _tr("Time away resets the timer (detected with {0}).").format(", ".join(names))


def open_main_window(ctx: AppContext) -> None:
    """Start the main window as its own process, with the same data folder."""
    args = ["-m", "backcoach"]
    if ctx.paths.data_dir != standard_data_dir():
        args += ["--data-dir", str(ctx.paths.data_dir)]
    QProcess.startDetached(sys.executable, args)


class StatusWindow(QWidget):
    """The stand-in for a tray: time to the next break and the menu's actions as buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Posture breaks — backcoach"))
        self.setAccessibleName(self.tr("Posture break reminder"))
        self.icon_label = PlainLabel(parent=self)
        self.icon_label.setAccessibleName(self.tr("Time left icon"))
        self.status_label = PlainLabel(parent=self)
        font = self.status_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.status_label.setFont(font)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Time to the next break"))
        self.note_label = PlainLabel(parent=self)
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName(self.tr("About this window"))

        def button(text: str, name: str) -> QPushButton:
            b = QPushButton(text, self)
            b.setAccessibleName(name)
            b.setAutoDefault(True)
            return b

        self.take_button = button(self.tr("&Take a break now"), self.tr("Take a break now"))
        self.snooze_button = button(self.tr("&Snooze 10 minutes"), self.tr("Snooze 10 minutes"))
        self.pause_hour_button = button(self.tr("Pause for an &hour"), self.tr("Pause for an hour"))
        self.pause_day_button = button(
            self.tr("Pause until to&morrow"), self.tr("Pause until tomorrow")
        )
        self.resume_button = button(self.tr("&Resume breaks"), self.tr("Resume breaks"))
        self.open_button = button(self.tr("&Open backcoach"), self.tr("Open backcoach"))
        self.quit_button = button(self.tr("&Quit"), self.tr("Quit the break reminder"))

        top = QGridLayout()
        top.addWidget(self.icon_label, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.status_label, 0, 1)
        top.addWidget(self.note_label, 1, 1)
        top.setColumnStretch(1, 1)
        grid = QGridLayout()
        grid.addWidget(self.take_button, 0, 0)
        grid.addWidget(self.snooze_button, 0, 1)
        grid.addWidget(self.pause_hour_button, 1, 0)
        grid.addWidget(self.pause_day_button, 1, 1)
        grid.addWidget(self.resume_button, 2, 0, 1, 2)
        grid.addWidget(self.open_button, 3, 0)
        grid.addWidget(self.quit_button, 3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing only minimises it: it is the only way back to the reminder (Quit quits)."""
        event.ignore()
        self.showMinimized()


class TrayController(QObject):
    """Owns the scheduler, the tray icon or status window, the break window and the timer."""

    status_changed = Signal(object)  # Status
    quit_requested = Signal()

    def __init__(
        self,
        ctx: AppContext,
        scheduler: BreakScheduler,
        *,
        routines: dict[str, Routine] | None = None,
        support: IdleSupport | None = None,
        use_tray: bool | None = None,
        flow_factory: FlowFactory = make_session_flow,
        open_main: Callable[[], None] | None = None,
        autostart_env: dict[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scheduler = scheduler
        self.routines: dict[str, Routine] = dict(routines or {})
        self.support = support
        self._open_main = open_main or (lambda: open_main_window(ctx))
        self._autostart_env = autostart_env
        self._start_at_login = ctx.settings.start_at_login
        self.problem: str | None = None
        """The last thing that went wrong (a failed log write, a routine folder that could
        not be read), shown in the tooltip/window."""
        self._library_problem: str | None = None
        self.logged: list[BreakResolved] = []
        self._icon_key: tuple[str, str, int] | None = None
        self.icon = QIcon()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self.timer.timeout.connect(self.tick)

        self.break_window = self._build_break_window(flow_factory)
        available = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        self.tray: QSystemTrayIcon | None = None
        self.window: StatusWindow | None = None
        self.menu = self._build_menu()
        if available:
            self._show_in_tray()
        else:
            self._show_in_window()
        ctx.settings_changed.connect(self._settings_changed)

    def _build_break_window(self, flow_factory: FlowFactory) -> BreakWindow:
        """The window that offers a break and runs it."""
        window = BreakWindow(self.ctx, flow_factory=flow_factory)
        window.start_requested.connect(self.take_break)
        window.postpone_requested.connect(self.postpone)
        window.skip_requested.connect(self.skip)
        window.done.connect(self._break_done)
        return window

    def _build_menu(self) -> QMenu:
        """The tray menu: the status, then the break commands, then open and quit."""
        menu = QMenu()
        self.status_action = menu.addAction("")
        self.status_action.setEnabled(False)
        menu.addSeparator()
        self.take_action = menu.addAction(_tr("Take a break now"), self.take_break)
        self.snooze_action = menu.addAction(_tr("Snooze 10 minutes"), self.snooze)
        self.pause_hour_action = menu.addAction(_tr("Pause for an hour"), self.pause_hour)
        self.pause_day_action = menu.addAction(
            _tr("Pause until tomorrow"), self.pause_until_tomorrow
        )
        self.resume_action = menu.addAction(_tr("Resume breaks"), self.resume)
        menu.addSeparator()
        self.open_action = menu.addAction(_tr("Open backcoach"), self.open_main)
        self.quit_action = menu.addAction(_tr("Quit"), self.quit)
        menu.aboutToShow.connect(self.refresh)
        return menu

    def _show_in_tray(self) -> None:
        """The tray icon, with the menu on it."""
        self.tray = QSystemTrayIcon(self)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._tray_activated)

    def _show_in_window(self) -> None:
        """No system tray: a small status window with the same commands as buttons."""
        self.window = StatusWindow()
        w = self.window
        w.take_button.clicked.connect(self.take_break)
        w.snooze_button.clicked.connect(self.snooze)
        w.pause_hour_button.clicked.connect(self.pause_hour)
        w.pause_day_button.clicked.connect(self.pause_until_tomorrow)
        w.resume_button.clicked.connect(self.resume)
        w.open_button.clicked.connect(self.open_main)
        w.quit_button.clicked.connect(self.quit)

    # --- start -----------------------------------------------------------------------

    def start(self) -> None:
        """Show the icon (or the window) and start ticking."""
        self.refresh()
        if self.tray is not None:
            self.tray.show()
        if self.window is not None:
            self.window.note_label.setText(self._window_note())
            self.window.show()
        self._handle(self.scheduler.tick())

    def _window_note(self) -> str:
        lines = [
            _tr(
                "This desktop has no system tray, so this small window stands in for it. "
                "Closing it only minimises it."
            )
        ]
        lines.append(describe_support(self.support))
        return "\n".join(line for line in lines if line)

    # --- the clock ----------------------------------------------------------------------

    def tick(self) -> None:
        self._handle(self.scheduler.tick())

    def _schedule(self) -> None:
        self.timer.start(round(self.scheduler.next_wakeup() * 1000))

    # --- actions (menu, window, break window) ---------------------------------------------

    def take_break(self) -> None:
        self._handle(self.scheduler.take())

    def snooze(self) -> None:
        if self.break_window.isVisible() and not self.break_window.running:
            self.break_window.hide()
        self._handle(self.scheduler.snooze(SNOOZE_SECONDS))

    def postpone(self) -> None:
        self.break_window.hide()
        self._handle(self.scheduler.postpone())

    def skip(self) -> None:
        self.break_window.hide()
        self._handle(self.scheduler.skip())

    def pause_hour(self) -> None:
        self.break_window.hide()
        self._handle(self.scheduler.pause_for(HOUR))

    def pause_until_tomorrow(self) -> None:
        self.break_window.hide()
        self._handle(self.scheduler.pause_until_tomorrow())

    def resume(self) -> None:
        self._handle(self.scheduler.resume())

    def open_main(self) -> None:
        self._open_main()

    def quit(self) -> None:
        self.timer.stop()
        self.break_window.hide()
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.hide()
        self.quit_requested.emit()

    def _break_done(self, taken: bool, session_id: object) -> None:
        sid = session_id if isinstance(session_id, int) else None
        self._handle(self.scheduler.finish_break(taken=taken, session_id=sid))

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.refresh()
            if self.tray is not None:
                self.tray.showMessage(
                    "backcoach",
                    describe_status(self.scheduler.status(), self.scheduler.now().date()),
                    self.icon,
                    4000,
                )

    # --- events -------------------------------------------------------------------------

    def _handle(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, BreakDue):
                self._break_due(event)
            elif isinstance(event, BreakStarted):
                routine = self.routines.get(event.routine_id or "")
                self.break_window.run_break(routine)
            elif isinstance(event, BreakResolved):
                self._log(event)
                if event.away and self.break_window.isVisible() and not self.break_window.running:
                    self.break_window.hide()
        self.refresh()
        self._schedule()

    def _break_due(self, event: BreakDue) -> None:
        routine = self.routines.get(event.routine_id or "")
        title = _tr("Time for a posture break")
        text = (
            _tr("Up next: {0}").format(routine.title)
            if routine is not None
            else _tr("Stand up and move for a few minutes.")
        )
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10000)
        elif self.window is not None:
            self.window.showNormal()
            self.window.raise_()
        self.break_window.show_due(routine, event.can_postpone, event.postpones_in_a_row)

    def _log(self, event: BreakResolved) -> None:
        self.logged.append(event)
        history = self.ctx.history
        if history is None:
            return
        try:
            history.log_break(
                due_at=aware(event.due_at),
                status=event.status,
                at=aware(event.at),
                routine_id=event.routine_id,
                session_id=event.session_id,
            )
        except Exception as exc:  # HistoryUnavailable, sqlite3 or disk errors: say, don't crash
            parts = getattr(exc, "parts", ())
            why = parts_text("history", parts) if parts else str(exc)
            self.problem = _tr("The break could not be saved to the history: {0}").format(why)
            return
        self.ctx.history_changed.emit()

    def use_catalog(self, catalog: RoutineCatalog) -> None:
        """Take the posture-break routines of a scan of the routine folders.

        A scan that finds none keeps the ones known (a folder briefly unreadable
        must not turn every break into a plain one); a folder that could not be
        read is shown in the tooltip or window.
        """
        self.routines = catalog.break_routines() or self.routines
        self.scheduler.set_routines(sorted(self.routines))
        said = parts_text(LIBRARY_CONTEXT, catalog.problems) if catalog.problems else None
        if said == self._library_problem:
            return
        if said is not None or self.problem == self._library_problem:
            self.problem = said  # a folder put right takes its problem away; a failed save stays
        self._library_problem = said
        self.refresh()

    def _settings_changed(self, settings: Settings) -> None:
        self.use_catalog(scan_library(self.ctx.paths, settings.routine_folders))
        self._handle(self.scheduler.configure(BreakConfig.from_settings(settings)))
        if settings.start_at_login != self._start_at_login:
            # Only a change is applied, so a run never rewrites a login item by itself.
            self._start_at_login = settings.start_at_login
            data_dir = self.ctx.paths.data_dir
            problem = autostart.apply(
                settings.start_at_login,
                self._autostart_env,
                data_dir=None if data_dir == standard_data_dir() else data_dir,
            )
            if problem:
                self.problem = problem
                self.refresh()

    # --- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        status = self.scheduler.status()
        text = describe_status(status, self.scheduler.now().date())
        self.status_action.setText(text)
        paused = status.state == "paused"
        self.take_action.setEnabled(status.state not in ("on-break", "disabled"))
        self.snooze_action.setEnabled(status.state in ("waiting", "due") and status.can_postpone)
        self.resume_action.setVisible(paused)
        key = icon_key(status, self.scheduler.config.interval)
        if key != self._icon_key:
            self._icon_key = key
            palette = QApplication.palette()
            self.icon = make_icon(status, self.scheduler.config.interval, palette)
            if self.tray is not None:
                self.tray.setIcon(self.icon)
            if self.window is not None:
                self.window.setWindowIcon(self.icon)
                self.window.icon_label.setPixmap(self.icon.pixmap(64, 64))
        tooltip = "backcoach — " + text + (f"\n{self.problem}" if self.problem else "")
        if self.tray is not None:
            self.tray.setToolTip(tooltip)
        if self.window is not None:
            w = self.window
            w.status_label.setText(text)
            w.take_button.setEnabled(self.take_action.isEnabled())
            w.snooze_button.setEnabled(self.snooze_action.isEnabled())
            w.snooze_button.setToolTip(
                ""
                if status.can_postpone
                else _tr("Postponed {0} times in a row: take the break or skip it.").format(
                    status.postpones_in_a_row
                )
            )
            w.resume_button.setVisible(paused)
            w.pause_hour_button.setEnabled(status.state not in ("disabled", "on-break"))
            w.pause_day_button.setEnabled(status.state not in ("disabled", "on-break"))
            note = self._window_note() + (f"\n{self.problem}" if self.problem else "")
            if w.note_label.text() != note:
                w.note_label.setText(note)
        self.status_changed.emit(status)

    def shutdown(self) -> None:
        self.timer.stop()
        with contextlib.suppress(RuntimeError):
            self.ctx.settings_changed.disconnect(self._settings_changed)
        self.break_window.close()
        self.break_window.deleteLater()
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
        self.menu.deleteLater()


def build_scheduler(
    ctx: AppContext, routines: dict[str, Routine], support: IdleSupport
) -> BreakScheduler:
    return BreakScheduler(
        BreakConfig.from_settings(ctx.settings),
        idle_seconds=support.idle,
        locked=support.locked,
        routines=sorted(routines),
        last_routine=last_break_routine(ctx, date.today()),
    )


def run_tray(ctx: AppContext, app: QApplication, *, autopilot: bool = False) -> int:
    """`backcoach --tray`: run the reminder until Quit (`autopilot`: see make_session_flow)."""
    app.setQuitOnLastWindowClosed(False)
    support = detect()
    catalog = scan_library(ctx.paths, ctx.settings.routine_folders)
    routines = catalog.break_routines()
    controller = TrayController(
        ctx,
        build_scheduler(ctx, routines, support),
        routines=routines,
        support=support,
        flow_factory=functools.partial(make_session_flow, autopilot=autopilot),
    )
    controller.use_catalog(catalog)
    controller.quit_requested.connect(app.quit)
    _follower = SettingsFollower(ctx, controller)  # changes saved by the main window
    if controller.tray is None:
        print(
            _tr("backcoach: no system tray here; showing a small window instead."),
            file=sys.stderr,
        )
    controller.start()
    code = app.exec()
    controller.shutdown()
    writer = ctx.history_writer  # the break sessions' last writes, a bounded wait
    if writer is not None and (left := writer.flush()):
        print(f"backcoach: {writer.unsaved_text(left)}", file=sys.stderr)
    return code
