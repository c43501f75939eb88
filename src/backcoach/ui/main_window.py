"""The main window: a stack of pages (library, routine, session) under a notice bar.

Other parts plug in through `add_page` / `show_page` / `notify`, and the
menus import the history page and settings dialog lazily. Only the shell (title,
menus, an empty page stack) is built before the first paint; `finish_startup`
does the rest: the menus' shortcuts, the library page with the routine folders
scanned and watched, start-up notices, drops, and --start / --review. The notice bar, the routine
page, the importer and each session's pages are made when first needed.

The window owns the one scan of the routine folders (`catalog`), redone by
`reload_library` (F5, the routine watcher, an import, a change of folders in
Settings): the library page lists it, `--start` finds routines in it, the
history page measures adherence against its prescriptions and the settings
dialog offers its posture breaks. A folder it could not read is said in the
notice bar.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QVBoxLayout, QWidget

from backcoach.ui.context import AppContext
from backcoach.ui.translations import LIBRARY_CONTEXT, parts_text

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from backcoach.core.library import LibraryEntry, RoutineCatalog
    from backcoach.core.progression import StagePosition
    from backcoach.core.routine import Routine
    from backcoach.core.session import Clock
    from backcoach.ui.history.history_page import HistoryPage
    from backcoach.ui.library.library_page import LibraryPage
    from backcoach.ui.library.routine_import import RoutineImporter
    from backcoach.ui.library.routine_page import RoutinePage
    from backcoach.ui.library.routine_watcher import RoutineWatcher
    from backcoach.ui.notice_bar import NoticeBar
    from backcoach.ui.session.session_flow import CueFactory, SessionFlow


def default_cue_player(ctx: AppContext, parent: QObject) -> Any:
    """The real cue player (sound + speech), made when a session starts."""
    from backcoach.ui.session.session_flow import default_cue_player as make

    return make(ctx, parent)


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        *,
        start: str | None = None,
        review: Path | None = None,
        clock: Clock | None = None,
        autopilot: bool = False,
        cue_factory: CueFactory | None = default_cue_player,
        defer_startup: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`defer_startup=True` leaves `finish_startup()` to the caller (after the first paint)."""
        super().__init__(parent)
        self.ctx = ctx
        self._clock = clock
        self.autopilot = autopilot
        self._catalog: RoutineCatalog | None = None
        self.entries: list[LibraryEntry] = []
        self.flow: SessionFlow | None = None
        self.history_page: HistoryPage | None = None
        self.review_page: HistoryPage | None = None
        self.cue_factory = cue_factory
        """Makes each session's cue player; tests pass None for silence."""
        self.confirm_close: Callable[[], bool] = self._ask_close
        """Asked when the window closes mid-session; tests replace it."""
        self.ask_printer: Callable[[Any], bool] = self._ask_printer
        """Shows the print dialog for a QPrinter (True: print); tests replace it."""
        self.warn_unsaved: Callable[[str], None] = self._warn_unsaved
        """Told, as the window closes, what could not be saved; tests replace it."""
        self.setWindowTitle(self.tr("backcoach"))
        self.resize(1100, 760)
        self.setMinimumSize(800, 600)

        central = QWidget()
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.stack = QStackedWidget()
        self.stack.currentChanged.connect(self._page_changed)
        self._column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._notice: NoticeBar | None = None
        self._library_page: LibraryPage | None = None
        self._routine_page: RoutinePage | None = None
        self._importer: RoutineImporter | None = None
        self.routine_watcher: RoutineWatcher | None = None
        """Live reload of the routine folders, from `finish_startup` on."""
        self._errors_at_start = False
        """The last Start found the file broken: show its errors when the flow ends."""

        self._build_menus()
        self._start = start
        self._review = review
        self.startup_finished = False
        if not defer_startup:
            self.finish_startup()

    def finish_startup(self) -> None:
        """What can wait for the first paint: the menus' shortcuts, the library page and
        its routines, notices, live reload, drops, and --start / --review."""
        if self.startup_finished:
            return
        self.startup_finished = True
        from backcoach.ui.library.routine_watcher import watch_library

        self._bind_shortcuts()
        if self.focusWidget() is None:  # as when the page is there from the start
            self.library_page.search.setFocus()
        self._startup_notices()
        self.reload_library()
        self.routine_watcher = watch_library(self, self)
        _ = self.importer  # drops on the window from now on
        if self._review is not None:
            self.open_review(self._review)
        elif self._start:
            self.start_by_name(self._start)

    @property
    def clock(self) -> Clock:
        """The sessions' clock: the one given, else the real one (looked up when first
        needed, as core.clocks is not needed before the first paint)."""
        if self._clock is None:
            from backcoach.core.clocks import awake_clock

            self._clock = awake_clock
        return self._clock

    @property
    def notice(self) -> NoticeBar:
        """The bar across the top for calm messages, made with the first one."""
        if self._notice is None:
            from backcoach.ui.notice_bar import NoticeBar

            self._notice = NoticeBar()
            self._column.insertWidget(0, self._notice)
        return self._notice

    @property
    def library_page(self) -> LibraryPage:
        """The list of routines: the first page, made right after the window's first paint."""
        if self._library_page is None:
            from backcoach.ui.library.library_page import LibraryPage

            page = LibraryPage()
            page.routine_chosen.connect(self.open_entry)
            page.reload_requested.connect(self.reload_library)
            self.stack.insertWidget(0, page)  # current if the stack was empty
            self._library_page = page
        return self._library_page

    @property
    def routine_page(self) -> RoutinePage:
        """The page showing one routine's steps, made the first time it is needed."""
        if self._routine_page is None:
            from backcoach.ui.library.routine_page import RoutinePage

            page = RoutinePage()
            page.back_requested.connect(self.show_library)
            page.start_requested.connect(self.start_from_page)
            page.stage_back_requested.connect(self.go_back_a_stage)
            self.add_page(page)
            self._routine_page = page
        return self._routine_page

    @property
    def importer(self) -> RoutineImporter:
        """Drops on the window and File → Import routine… (made when first needed)."""
        if self._importer is None:
            from backcoach.ui.library.routine_import import install_importer

            self._importer = install_importer(self)
        return self._importer

    # --- pages (other parts use these) -------------------------------------------
    def add_page(self, page: QWidget) -> None:
        if self.stack.indexOf(page) < 0:
            self.stack.addWidget(page)

    def show_page(self, page: QWidget) -> None:
        self.add_page(page)
        self.stack.setCurrentWidget(page)

    def notify(self, text: str) -> None:
        """Show a calm message in the notice bar (kept until dismissed)."""
        self.notice.add(text)

    # --- menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        """The menus; their shortcuts are bound by `_bind_shortcuts` (after the first paint:
        the first shortcut sets up the keyboard map, which a closed menu does not need)."""
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.reload_action = self._action(file_menu, self.tr("&Reload routines"))
        self.reload_action.triggered.connect(self.reload_library)
        self.import_action = self._action(file_menu, self.tr("&Import routine…"))
        self.import_action.triggered.connect(lambda: self.importer.choose())
        self.import_folder_action = self._action(file_menu, self.tr("Import &folder of routines…"))
        self.import_folder_action.triggered.connect(lambda: self.importer.choose_folder())
        self.review_action = self._action(file_menu, self.tr("&Open history…"))
        self.review_action.triggered.connect(self.choose_review)
        self.settings_action = self._action(file_menu, self.tr("&Settings…"))
        self.settings_action.triggered.connect(self.open_settings)
        self.print_action = self._action(file_menu, self.tr("Print &handout…"))
        self.print_action.setStatusTip(self.tr("The routine's home-exercise sheet, on A4"))
        self.print_action.triggered.connect(self.print_handout)
        self.print_action.setEnabled(False)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, self.tr("&Quit"))
        self.quit_action.triggered.connect(self.close)

        view = bar.addMenu(self.tr("&View"))
        self.library_action = self._action(view, self.tr("&Library"))
        self.library_action.triggered.connect(self.show_library)
        self.history_action = self._action(view, self.tr("&History"))
        self.history_action.triggered.connect(self.open_history_page)

    def _action(self, menu: QMenu, text: str) -> QAction:
        # QAction(self) then setText: QAction(text, self) makes PySide build QIcon's
        # enumerations (to tell its overloads apart), a millisecond before the first paint.
        action = QAction(self)
        action.setText(text)
        menu.addAction(action)
        return action

    def _bind_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence

        keys = QKeySequence.StandardKey
        for action, key in (
            (self.reload_action, QKeySequence(keys.Refresh)),
            (self.import_action, QKeySequence("Ctrl+I")),
            (self.import_folder_action, QKeySequence("Ctrl+Shift+I")),
            (self.settings_action, QKeySequence("Ctrl+,")),
            (self.print_action, QKeySequence(keys.Print)),
            (self.quit_action, QKeySequence(keys.Quit)),
            (self.library_action, QKeySequence("Ctrl+L")),
            (self.history_action, QKeySequence("Ctrl+H")),
        ):
            action.setShortcut(key)

    def _page_changed(self, _index: int) -> None:
        """Print handout… works on the routine page, for a routine without errors."""
        page = self._routine_page
        shown = page is not None and self.stack.currentWidget() is page
        self.print_action.setEnabled(
            shown and page is not None and page.entry is not None and page.start.isEnabled()
        )

    def print_handout(self) -> None:
        """File → Print handout…: the routine on screen, at the patient's stage, A4."""
        page = self._routine_page
        if page is None or self.stack.currentWidget() is not page or page.entry is None:
            return
        routine = page.entry.routine
        if routine is None or not page.start.isEnabled():
            return
        from PySide6.QtPrintSupport import QPrinter

        from backcoach.ui.library.handout import a4_layout, render

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())
        printer.setDocName(routine.title)
        if not self.ask_printer(printer):
            return
        stage = page.where.current if page.where is not None else 1
        try:
            render(routine, printer, stage)
        except OSError as exc:
            self.notify(self.tr("The handout could not be printed: {0}").format(exc))

    def _ask_printer(self, printer: Any) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print handout"))
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    def _nav_allowed(self) -> bool:
        if self.flow is not None and self.flow.in_session():
            self.notify(self.tr("Finish or stop the session first (Esc stops it)."))
            return False
        return True

    def open_history_page(self) -> None:
        if not self._nav_allowed():
            return
        if self.history_page is None:
            from PySide6.QtWidgets import QMessageBox

            from backcoach.ui.widgets.plain import message_box

            try:
                from backcoach.ui.history.history_page import HistoryPage
            except ImportError:
                message_box(
                    self,
                    QMessageBox.Icon.Information,
                    self.tr("History"),
                    self.tr("The history page is not available in this build."),
                )
                return
            self.history_page = HistoryPage(self.ctx, self, targets=self.catalog.targets())
        self.show_page(self.history_page)

    def open_settings(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from backcoach.ui.widgets.plain import message_box

        try:
            from backcoach.ui.settings_dialog import SettingsDialog
        except ImportError:
            message_box(
                self,
                QMessageBox.Icon.Information,
                self.tr("Settings"),
                self.tr("The settings dialog is not available in this build."),
            )
            return
        dialog = SettingsDialog(self.ctx, self, breaks=self.catalog.break_choices())
        dialog.open()

    def open_review(self, path: Path) -> None:
        """Review mode: a patient's history export shown read-only (never the live log).

        The live history page stays as it was (View → History goes back to it).
        """
        self.setWindowTitle(self.tr("backcoach — reviewing {0}").format(path.name))
        try:
            from backcoach.ui.history.history_page import open_review
        except ImportError:
            self.notify(self.tr("Reviewing a history is not available in this build."))
            return
        page = open_review(path, self, self.ctx, warn=self.notify, targets=self.catalog.targets())
        if page is None:
            return
        if self.review_page is not None:
            self.stack.removeWidget(self.review_page)
            self.review_page.deleteLater()
        self.review_page = page
        self.show_page(page)

    def choose_review(self) -> None:
        """File → Open history…: pick someone's JSON export and review it read-only."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open someone's history"), "", self.tr("backcoach history (*.json)")
        )
        if name and self._nav_allowed():
            self.open_review(Path(name))

    # --- library -----------------------------------------------------------------------
    @property
    def catalog(self) -> RoutineCatalog:
        """The last scan of the routine folders (see the module docstring); empty before
        the first, which comes right after the first paint."""
        if self._catalog is None:
            from backcoach.core.library import RoutineCatalog

            self._catalog = RoutineCatalog()
        return self._catalog

    def reload_library(self) -> None:
        """Scan the routine folders again and pass the scan on; say each new problem."""
        from backcoach.core.library import scan_library

        before = self.catalog.problems
        self._catalog = scan_library(self.ctx.paths, self.ctx.settings.routine_folders)
        self.entries = list(self.catalog.entries)
        self.library_page.set_entries(self.entries)
        for page in (self.history_page, self.review_page):
            if page is not None:
                page.set_targets(self.catalog.targets())
        for problem in self.catalog.problems:
            if problem not in before:  # said once, not again at every reload
                self.notify(parts_text(LIBRARY_CONTEXT, [problem]))
        self._follow_files()

    def _follow_files(self) -> None:
        """The routine page, and a session not yet started, show their file as it is now.

        A running session is never touched: it keeps the routine it started with.
        """
        if self._routine_page is None:  # not made yet: nothing shown to follow
            return
        shown = self._routine_page.entry
        if shown is None:
            return
        fresh = self._entry_now(shown.path)
        if fresh != shown:
            self.routine_page.set_entry(fresh)
        flow = self.flow
        path = flow.routine.path if flow is not None else None
        if flow is None or flow.started() or path is None or not _same_file(path, shown.path):
            return
        if fresh.routine is not None and not fresh.problems:
            flow.set_routine(fresh.routine)
        else:  # broken before it started: show the errors instead of the check-in
            self._drop_flow()
            self.show_page(self.routine_page)
            self.notify(
                self.tr("“{0}” changed and now has errors, so it can't be started.").format(
                    fresh.path.name
                )
            )

    def _entry_now(self, path: Path) -> LibraryEntry:
        """The library's entry for `path`, or one saying the file is gone."""
        from backcoach.core.library import LibraryEntry
        from backcoach.core.problems import Problem

        for entry in self.entries:
            if _same_file(entry.path, path):
                return entry
        gone = self.tr("the file is no longer there (moved, renamed or deleted)")
        return LibraryEntry(path=path, problems=(Problem(str(path), 1, 1, gone),))

    def _load_now(self, path: Path) -> LibraryEntry:
        """`path` read from disk this moment (not the library's last scan)."""
        from backcoach.core.library import LibraryEntry, LibraryIndex

        if not path.is_file():
            return self._entry_now(path)
        result = LibraryIndex().load(path)
        return LibraryEntry(
            path=path,
            routine=result.routine,
            library=result.library,
            problems=tuple(result.problems),
        )

    def start_from_page(self, routine: Routine) -> None:
        """Start: the routine as its file is now; a file now broken shows its errors."""
        entry = self.routine_page.entry
        path = entry.path if entry is not None else routine.path
        if path is None:
            self.start_routine(routine)
            return
        fresh = self._load_now(path)
        if fresh.routine is None or fresh.problems:
            self.routine_page.set_entry(fresh)
            return
        self.start_routine(fresh.routine)

    def _fresh_routine(self, routine: Routine) -> Routine | None:
        """For a flow's own Start: the routine as its file is now, or None (errors shown)."""
        if routine.path is None:
            return routine
        fresh = self._load_now(routine.path)
        if fresh.routine is not None and not fresh.problems:
            return fresh.routine
        self.routine_page.set_entry(fresh)
        self._errors_at_start = True
        return None

    def show_library(self) -> None:
        if not self._nav_allowed():
            return
        self._drop_flow()
        self.show_page(self.library_page)
        self.library_page.focus_list()

    def open_entry(self, entry: LibraryEntry) -> None:
        self.routine_page.set_entry(entry, self._stage_position(entry.routine))
        self.show_page(self.routine_page)
        self.routine_page.focus_start()

    def _stage_position(self, routine: Routine | None) -> StagePosition | None:
        """Where the patient stands in the routine's stages (None without stages)."""
        from backcoach.core.progression import position, read_record

        if routine is None:
            return None
        record = read_record(self.ctx.history, routine)
        return position(routine, record.choice, record.sessions)

    def go_back_a_stage(self, routine: Routine, target: int) -> None:
        """The patient chose an earlier stage on the routine page: keep it, show it."""
        from backcoach.core.history import now_local
        from backcoach.core.progression import stage_ref

        store = self.ctx.history
        if store is None:
            self.notify(self.tr("The stage can't be changed: the history is not available."))
            return
        try:
            store.choose_stage(routine.id, stage_ref(routine, target), now_local())
        except Exception as exc:  # HistoryUnavailable: say so, calmly
            self.notify(self.tr("The new stage could not be saved: {0}").format(exc))
            return
        page = self.routine_page
        if page.entry is not None:
            page.set_entry(page.entry, self._stage_position(page.entry.routine))
            if page.stage_back.isVisible():
                page.stage_back.setFocus()
            else:
                page.focus_start()

    def start_by_name(self, name: str, speed: float | None = None) -> bool:
        """--start: an id (file stem) or a path; a wrong name says so and shows the library.

        `speed` (a later start's preview speed) applies to this one session only.
        """
        found = self.catalog.find(name)
        problems: list[str] = []
        if found is not None and found.routine is not None:
            self.start_routine(found.routine, speed=speed)
            return True
        if found is not None:
            problems = [str(p) for p in found.problems]
        elif Path(name).expanduser().is_file():
            from backcoach.core.library import load_routine

            try:
                routine = load_routine(Path(name).expanduser())
            except Exception as exc:  # RoutineError: every problem, with FILE:LINE:COL
                problems = [str(p) for p in getattr(exc, "problems", [exc])]
            else:
                self.start_routine(routine, speed=speed)
                return True
        given = Path(name).expanduser()
        is_library = (found is not None and found.library is not None) or any(
            e.library is not None and e.id == name for e in self.entries
        )
        if problems:
            self.notify(
                self.tr("“{0}” can't be started:\n{1}").format(name, "\n".join(problems[:5]))
            )
        elif is_library:
            self.notify(
                self.tr(
                    "“{0}” is an exercise library, not a routine. Choose a routine from the list."
                ).format(name)
            )
        elif given.exists():
            self.notify(
                self.tr("“{0}” is not a routine file. Choose a routine from the list.").format(name)
            )
        elif "/" in name or name.endswith((".yaml", ".yml")):
            self.notify(
                self.tr("There is no file “{0}”. Choose a routine from the list.").format(name)
            )
        else:
            self.notify(
                self.tr("No routine called “{0}” was found. Choose one from the list.").format(name)
            )
        self.show_library()
        return False

    # --- sessions --------------------------------------------------------------------
    def start_routine(self, routine: Routine, speed: float | None = None) -> None:
        from backcoach.ui.session.session_flow import SessionFlow

        self._drop_flow()
        flow = SessionFlow(
            self.ctx if speed is None else dataclasses.replace(self.ctx, speed=speed),
            routine,
            clock=self.clock,
            autopilot=self.autopilot,
            cue_factory=self.cue_factory,
        )
        flow.finished.connect(self._flow_finished)
        flow.message.connect(self.notify)
        flow.fresh_routine = self._fresh_routine
        self.flow = flow
        self.show_page(flow)
        flow.begin()

    def _flow_finished(self) -> None:
        if self._errors_at_start:  # Start found the file broken: show why
            self._errors_at_start = False
            self._drop_flow()
            self.show_page(self.routine_page)
            return
        self.show_library()

    def _drop_flow(self) -> None:
        if self.flow is not None:
            flow, self.flow = self.flow, None
            flow.shutdown()
            self.stack.removeWidget(flow)
            flow.deleteLater()

    # --- start-up ----------------------------------------------------------------------
    def _startup_notices(self) -> None:
        ctx = self.ctx
        store = ctx.settings_store
        if store.problem:
            parts = getattr(store, "problem_parts", ())
            self.notify(parts_text("settings", parts) if parts else store.problem)
        if ctx.privacy_parts:
            self.notify(parts_text("private", ctx.privacy_parts))
        if ctx.history is None:
            if ctx.history_problem:
                self.notify(
                    self.tr("Sessions can't be saved this time: {0}").format(ctx.history_problem)
                )
            return
        notice = getattr(ctx.history, "notice", None)
        if notice:
            parts = getattr(ctx.history, "notice_parts", ())
            self.notify(parts_text("history", parts) if parts else notice)
        for sid in getattr(ctx.history, "recovered", []) or []:
            self.notify(self._recovered_text(sid))

    def _recovered_text(self, session_id: int) -> str:
        record = None
        try:
            record = self.ctx.history.session(session_id)  # type: ignore[union-attr]
        except Exception:
            record = None
        if record is None:
            return self.tr("Your last session was interrupted; what you did is saved.")
        done = sum(1 for s in record.steps if s.status in ("done", "partial"))
        return self.tr(
            "Your last session ({0}) was interrupted; the {1} step(s) you did are saved."
        ).format(record.routine_title, done)

    # --- closing ---------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.flow is not None and self.flow.in_session():
            if not self.confirm_close():
                event.ignore()
                return
            self.flow.stop_session(reason="interrupted")
        if self.flow is not None:
            self.flow.shutdown()
        self._flush_history()
        event.accept()

    def _flush_history(self) -> None:
        """Write what the sessions have left to write, waiting a bounded time for a busy
        log, and say plainly if something could not be saved."""
        writer = self.ctx.history_writer
        if writer is None:
            return
        left = writer.flush()
        if left:
            self.warn_unsaved(writer.unsaved_text(left))

    def _warn_unsaved(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("Not saved"), text)

    def _ask_close(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        from backcoach.ui.widgets.plain import message_box

        answer = message_box(
            self,
            QMessageBox.Icon.Question,
            self.tr("Stop the session?"),
            self.tr("A session is running. Stop it and close? What you did so far is saved."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


def heading_font(widget: QWidget, factor: float) -> QFont:
    f = QFont(widget.font())
    f.setPointSizeF(f.pointSizeF() * factor)
    f.setBold(True)
    return f
