"""Import routines from the window: file dialogs, drops, the clash question, the result.

What is imported, and where it goes, is `core/imports/routine_import.py`; this module
asks the person and translates what the core reports (its templates are listed
in ui/translatable.py under the "RoutineImport" context).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backcoach.core.imports.import_check import ImportCheck, is_routine_file
from backcoach.core.imports.routine_import import Clash, ImportReport, describe, import_files
from backcoach.core.messages import Message
from backcoach.ui.translations import parts_text

CONTEXT = "RoutineImport"
"""The context the core's import messages are translated in."""


def message_text(message: Message) -> str:
    """One of the core's import messages, translated."""
    return parts_text(CONTEXT, [message])


class RoutineImporter(QObject):
    """The UI side: file dialog, clash question, result message, drops on a window."""

    imported = Signal(list)  # list[Path] of new or replaced files

    def __init__(self, ctx: Any, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.ask_clash: Callable[[ImportCheck], Clash] = self._ask_clash
        self.show_result: Callable[[str, str, bool], None] = self._show_result
        """(summary, details, is_problem); tests replace these two."""

    @property
    def dest_dir(self) -> Path:
        return Path(self.ctx.paths.user_routines)

    def choose(self) -> ImportReport | None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import routine"),
            str(Path.home()),
            self.tr("Routine files (*.yaml *.yml)"),
        )
        return self.import_paths([Path(p) for p in paths]) if paths else None

    def choose_folder(self) -> ImportReport | None:
        """Import a whole folder from a therapist (the keyboard's way to drop one)."""
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Import a folder of routines"), str(Path.home())
        )
        return self.import_paths([Path(folder)]) if folder else None

    def import_paths(self, paths: list[Path]) -> ImportReport:
        report = import_files(
            paths,
            self.dest_dir,
            bundled=self.ctx.paths.bundled_routines,
            assets=self.ctx.paths.assets,
            ask_clash=self.ask_clash,
        )
        summary, details = describe(report).render(message_text)
        if summary or details:
            self.show_result(summary, details, report.has_problems)
        if report.imported:
            self.imported.emit(report.imported)
        return report

    def _ask_clash(self, check: ImportCheck) -> Clash:
        box = QMessageBox(self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and problems, as typed
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("A routine with this name exists"))
        box.setText(
            self.tr("Your routines already have a different “{0}”. Replace it?").format(
                check.dest.name
            )
        )
        replace = box.addButton(self.tr("&Replace"), QMessageBox.ButtonRole.DestructiveRole)
        both = box.addButton(self.tr("&Keep both"), QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton(self.tr("&Skip this file"), QMessageBox.ButtonRole.RejectRole)
        replace.setAccessibleName(self.tr("Replace the routine"))
        both.setAccessibleName(self.tr("Keep both routines"))
        skip.setAccessibleName(self.tr("Skip this file"))
        box.setDefaultButton(both)
        box.setEscapeButton(skip)
        box.exec()
        clicked = box.clickedButton()
        if clicked is replace:
            return "replace"
        if clicked is both:
            return "keep-both"
        return "skip"

    def _show_result(self, summary: str, details: str, problem: bool) -> None:
        box = QMessageBox(self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and problems, as typed
        box.setIcon(QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Import routine"))
        box.setText(summary or self.tr("Nothing was imported."))
        if details:
            box.setInformativeText(details)
        box.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        box.exec()

    # --- drag and drop ---------------------------------------------------------------
    def accept_drops_on(self, widget: QWidget) -> None:
        """Let routine files and folders be dropped anywhere on `widget`."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    @staticmethod
    def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDropEvent) and event.type() in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            paths = self.dropped_paths(event)
            if not paths or not all(is_routine_file(p) or p.is_dir() for p in paths):
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.import_paths(paths)
            return True
        return super().eventFilter(watched, event)


def install_importer(window: Any) -> RoutineImporter:
    """Drops on `window` import routines; the library reloads and says what came in."""
    importer = RoutineImporter(window.ctx, window)
    importer.accept_drops_on(window)

    def imported(paths: list[Path]) -> None:
        watcher = getattr(window, "routine_watcher", None)
        if watcher is not None:  # the routines folder may be new: watch it now
            watcher.watch(watcher.folders)
        window.reload_library()

    importer.imported.connect(imported)
    return importer
