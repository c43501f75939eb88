"""Import a routine file: check it first, then copy it into the user's routines folder.

Dropped on the window or chosen with File → Import routine…. A file is checked
as it will be at its new place (with that folder's exercise libraries and the
bundled ones); an invalid file is never copied, and its problems are shown with
their lines. A name already taken asks: replace, keep both, or skip. Libraries
are imported before routines, so a routine and the library it uses can be
dropped together. Copies are atomic (temporary file, then rename).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backcoach.core.library import ROUTINE_SUFFIXES, LibraryIndex
from backcoach.core.loader import load_bytes
from backcoach.core.problems import format_problems

MAX_IMPORT_BYTES = 1_000_000
_HAS_STEPS = re.compile(rb"^steps\s*:", re.MULTILINE)

Clash = Literal["replace", "keep-both", "skip"]


def tr(text: str) -> str:
    return QCoreApplication.translate("RoutineImport", text)


@dataclass
class ImportCheck:
    """What importing `source` would do, before anything is copied."""

    source: Path
    dest: Path
    data: bytes = b""
    problems: list[str] = field(default_factory=list)
    hint: str = ""
    """Why it fails at the new place when it works where it is (files it needs)."""
    title: str = ""
    is_library: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def clash(self) -> bool:
        return self.dest.exists()

    @property
    def same(self) -> bool:
        """The destination already holds exactly this file."""
        try:
            return self.dest.read_bytes() == self.data
        except OSError:
            return False


def is_routine_file(path: Path) -> bool:
    return path.suffix.lower() in ROUTINE_SUFFIXES


def check_import(source: Path, dest_dir: Path, index: LibraryIndex) -> ImportCheck:
    """Read and check `source` as if it were already in `dest_dir`; never raises."""
    check = ImportCheck(source=source, dest=dest_dir / source.name)
    if not is_routine_file(source):
        check.problems = [
            tr("{0}: only routine files (.yaml or .yml) can be imported").format(source.name)
        ]
        return check
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:
            check.problems = [tr("{0}: the file is too big for a routine").format(source.name)]
            return check
        check.data = source.read_bytes()
    except OSError as exc:
        check.problems = [tr("{0}: can't be read ({1})").format(source.name, exc.strerror or exc)]
        return check
    here = load_bytes(
        check.data,
        check.dest,
        display=source.name,
        catalog=index.catalog_for(dest_dir),
        assets=index.assets,
    )
    check.is_library = here.is_library
    if here.routine is not None:
        check.title = here.routine.title
    if here.problems:
        check.problems = format_problems(here.problems, limit=12)
        at_home = index.load(source, display=source.name)
        if at_home.ok:
            check.hint = tr(
                "It works in its own folder because it uses exercises or pictures kept "
                "next to it. Import those files together with it."
            )
    elif here.routine is None and here.library is None:
        check.problems = [tr("{0}: this is not a routine").format(source.name)]
    return check


def free_name(dest: Path) -> Path:
    """`dest`, or `name-2.yaml`, `name-3.yaml`… the first that does not exist yet."""
    n = 2
    candidate = dest
    while candidate.exists():
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
        n += 1
    return candidate


def copy_atomically(data: bytes, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".import-", suffix=dest.suffix, dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def libraries_first(paths: Iterable[Path]) -> list[Path]:
    """Exercise libraries (no `steps:`) before routines, so routines find what they use."""

    def is_routine(path: Path) -> bool:
        try:
            with path.open("rb") as fh:
                return bool(_HAS_STEPS.search(fh.read(MAX_IMPORT_BYTES)))
        except OSError:
            return True

    return sorted(paths, key=lambda p: (is_routine(p), p.name))


@dataclass
class ImportReport:
    imported: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[ImportCheck] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def import_files(
    paths: Iterable[Path],
    dest_dir: Path,
    *,
    bundled: Path | None,
    assets: Path | None,
    ask_clash: Callable[[ImportCheck], Clash],
) -> ImportReport:
    """Check then copy each file; `ask_clash` decides when the name is taken."""
    report = ImportReport()
    for source in libraries_first(Path(p) for p in paths):
        index = LibraryIndex(bundled=bundled, assets=assets)  # fresh: sees earlier imports
        check = check_import(source, dest_dir, index)
        if not check.ok:
            report.refused.append(check)
            continue
        if source.resolve() == check.dest.resolve() or (check.clash and check.same):
            report.unchanged.append(check.dest)
            continue
        dest = check.dest
        if check.clash:
            choice = ask_clash(check)
            if choice == "skip":
                report.skipped.append(source)
                continue
            if choice == "keep-both":
                dest = free_name(dest)
        try:
            copy_atomically(check.data, dest)
        except OSError as exc:
            report.failed.append(
                tr("{0}: can't be copied to {1} ({2})").format(
                    source.name, dest.parent, exc.strerror or exc
                )
            )
            continue
        report.imported.append(dest)
    return report


def describe(report: ImportReport) -> tuple[str, str]:
    """(summary, details) for the person, or ("", "") when nothing happened."""
    lines: list[str] = []
    if report.imported:
        names = ", ".join(p.name for p in report.imported)
        lines.append(tr("Imported into your routines: {0}").format(names))
    if report.unchanged:
        names = ", ".join(p.name for p in report.unchanged)
        lines.append(tr("Already in your routines, unchanged: {0}").format(names))
    details: list[str] = []
    for check in report.refused:
        details.append(
            tr("“{0}” was not imported. Please fix these problems first:").format(check.source.name)
        )
        details += ["  " + p for p in check.problems]
        if check.hint:
            details.append("  " + check.hint)
    details += report.failed
    if report.refused or report.failed:
        lines.append(tr("Some files were not imported; nothing was copied for them."))
    return "\n".join(lines), "\n".join(details)


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

    def import_paths(self, paths: list[Path]) -> ImportReport:
        report = import_files(
            paths,
            self.dest_dir,
            bundled=self.ctx.paths.bundled_routines,
            assets=self.ctx.paths.assets,
            ask_clash=self.ask_clash,
        )
        summary, details = describe(report)
        if summary or details:
            self.show_result(summary, details, bool(report.refused or report.failed))
        if report.imported:
            self.imported.emit(report.imported)
        return report

    def _ask_clash(self, check: ImportCheck) -> Clash:
        box = QMessageBox(self.window)
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
        """Let routine files be dropped anywhere on `widget`."""
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
            if not paths or not all(is_routine_file(p) for p in paths):
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
