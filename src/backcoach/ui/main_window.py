"""The main window: a stack of pages (library, routine, session) under a notice bar.

Other parts plug in through `add_page` / `show_page` / `notify`, and the
menus import the history page and settings dialog lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.clocks import awake_clock
from backcoach.core.routine import Routine
from backcoach.core.session import Clock
from backcoach.ui.context import AppContext
from backcoach.ui.library_page import LibraryPage
from backcoach.ui.routine_import import install_importer
from backcoach.ui.routine_page import RoutinePage
from backcoach.ui.routine_watcher import watch_library
from backcoach.ui.session_flow import CueFactory, SessionFlow, default_cue_player
from backcoach.ui.translations import parts_text

if TYPE_CHECKING:
    from backcoach.core.library import LibraryEntry


class NoticeBar(QFrame):
    """A calm, dismissible message across the top of the window (not a pop-up)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss the message"))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button.clicked.connect(self.clear)
        self.messages: list[str] = []
        self.hide()

    def add(self, text: str) -> None:
        if text in self.messages:
            return
        self.messages.append(text)
        self.label.setText("\n".join(self.messages))
        self.label.setAccessibleName(self.tr("Message"))
        self.label.setAccessibleDescription(self.label.text())
        self.show()

    def clear(self) -> None:
        self.messages.clear()
        self.label.clear()
        self.hide()


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        *,
        start: str | None = None,
        review: Path | None = None,
        clock: Clock = awake_clock,
        autopilot: bool = False,
        cue_factory: CueFactory | None = default_cue_player,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.clock = clock
        self.autopilot = autopilot
        self.entries: list[LibraryEntry] = []
        self.flow: SessionFlow | None = None
        self.history_page: QWidget | None = None
        self.review_page: QWidget | None = None
        self.cue_factory = cue_factory
        """Makes each session's cue player; tests pass None for silence."""
        self.confirm_close: Callable[[], bool] = self._ask_close
        """Asked when the window closes mid-session; tests replace it."""
        self.setWindowTitle(self.tr("backcoach"))
        self.resize(1100, 760)
        self.setMinimumSize(800, 600)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = NoticeBar()
        layout.addWidget(self.notice)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.library_page = LibraryPage()
        self.routine_page = RoutinePage()
        self.add_page(self.library_page)
        self.add_page(self.routine_page)
        self.library_page.routine_chosen.connect(self.open_entry)
        self.library_page.reload_requested.connect(self.reload_library)
        self.routine_page.back_requested.connect(self.show_library)
        self.routine_page.start_requested.connect(self.start_from_page)
        self._errors_at_start = False
        """The last Start found the file broken: show its errors when the flow ends."""

        self._build_menus()
        self._startup_notices()
        self.reload_library()
        self.routine_watcher = watch_library(self, self)  # live reload of routine folders
        self.importer = install_importer(self)  # drops and File → Import routine…
        if review is not None:
            self.open_review(review)
        elif start:
            self.start_by_name(start)

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
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.reload_action = QAction(self.tr("&Reload routines"), self)
        self.reload_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.reload_action.triggered.connect(self.reload_library)
        file_menu.addAction(self.reload_action)
        self.import_action = QAction(self.tr("&Import routine…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(lambda: self.importer.choose())
        file_menu.addAction(self.import_action)
        self.import_folder_action = QAction(self.tr("Import &folder of routines…"), self)
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_folder_action.triggered.connect(lambda: self.importer.choose_folder())
        file_menu.addAction(self.import_folder_action)
        self.review_action = QAction(self.tr("&Open history…"), self)
        self.review_action.triggered.connect(self.choose_review)
        file_menu.addAction(self.review_action)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view = bar.addMenu(self.tr("&View"))
        self.library_action = QAction(self.tr("&Library"), self)
        self.library_action.setShortcut(QKeySequence("Ctrl+L"))
        self.library_action.triggered.connect(self.show_library)
        view.addAction(self.library_action)
        self.history_action = QAction(self.tr("&History"), self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.open_history_page)
        view.addAction(self.history_action)

    def _nav_allowed(self) -> bool:
        if self.flow is not None and self.flow.in_session():
            self.notify(self.tr("Finish or stop the session first (Esc stops it)."))
            return False
        return True

    def open_history_page(self) -> None:
        if not self._nav_allowed():
            return
        if self.history_page is None:
            try:
                from backcoach.ui.history_page import HistoryPage
            except ImportError:
                QMessageBox.information(
                    self,
                    self.tr("History"),
                    self.tr("The history page is not available in this build."),
                )
                return
            self.history_page = HistoryPage(self.ctx, self)
        self.show_page(self.history_page)

    def open_settings(self) -> None:
        try:
            from backcoach.ui.settings_dialog import SettingsDialog
        except ImportError:
            QMessageBox.information(
                self,
                self.tr("Settings"),
                self.tr("The settings dialog is not available in this build."),
            )
            return
        dialog = SettingsDialog(self.ctx, self)
        dialog.open()

    def open_review(self, path: Path) -> None:
        """Review mode: a patient's history export shown read-only (never the live log).

        The live history page stays as it was (View → History goes back to it).
        """
        self.setWindowTitle(self.tr("backcoach — reviewing {0}").format(path.name))
        try:
            from backcoach.ui.history_page import open_review
        except ImportError:
            self.notify(self.tr("Reviewing a history is not available in this build."))
            return
        page = open_review(path, self, self.ctx, warn=self.notify)
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
    def reload_library(self) -> None:
        from backcoach.core.library import scan_folders

        dirs = self.ctx.paths.routine_dirs(self.ctx.settings.routine_folders)
        self.entries = scan_folders(list(dirs))
        self.library_page.set_entries(self.entries)
        self._follow_files()

    def _follow_files(self) -> None:
        """The routine page, and a session not yet started, show their file as it is now.

        A running session is never touched: it keeps the routine it started with.
        """
        shown = self.routine_page.entry
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
        self.routine_page.set_entry(entry)
        self.show_page(self.routine_page)
        self.routine_page.focus_start()

    def start_by_name(self, name: str) -> bool:
        """--start: an id (file stem) or a path; a wrong name says so and shows the library."""
        from backcoach.core.library import find_routine, load_routine

        found = find_routine(self.entries, name)
        problems: list[str] = []
        if found is not None and found.routine is not None:
            self.start_routine(found.routine)
            return True
        if found is not None:
            problems = [str(p) for p in found.problems]
        elif Path(name).expanduser().is_file():
            try:
                routine = load_routine(Path(name).expanduser())
            except Exception as exc:  # RoutineError: every problem, with FILE:LINE:COL
                problems = [str(p) for p in getattr(exc, "problems", [exc])]
            else:
                self.start_routine(routine)
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
    def start_routine(self, routine: Routine) -> None:
        self._drop_flow()
        flow = SessionFlow(
            self.ctx,
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
        asked = [Path(p).expanduser() for p in ctx.settings.routine_folders]
        for folder in [*asked, *ctx.paths.extra_routine_dirs]:
            if not folder.is_dir():  # a typo in --routines, or an unplugged drive
                self.notify(
                    self.tr(
                        "The routine folder {0} was not found; its routines are not listed."
                    ).format(folder)
                )
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
        event.accept()

    def _ask_close(self) -> bool:
        answer = QMessageBox.question(
            self,
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
