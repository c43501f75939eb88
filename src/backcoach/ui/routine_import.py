"""Import routines: check them first, then copy them, with what they use, into the user's folder.

Dropped on the window or chosen with File → Import routine…. What goes where
(docs/routine-format.md, "Handing a routine to a patient", says the same):

- a routine that needs nothing beside it (its exercises are its own, in the
  user's folder or bundled; its pictures are the app's) is copied into the
  routines folder as it is, checked as it will be there;
- a routine that uses pictures below its folder or an exercise library file
  beside it gets a folder of its own, `<routines>/<file stem>/`, holding the
  routine, the library files it uses and those pictures at the same relative
  paths: nothing of the user's can clash, and the routine file is copied byte
  for byte (its sha256 stays the therapist's);
- a dropped folder becomes `<routines>/<folder name>/` with every valid
  routine and library file directly in it, and the pictures they use;
- an exercise library dropped alone is copied into the routines folder (so
  every routine there can use it); one that needs its own pictures must come
  as a folder.

An invalid file is never copied, and its problems are shown with their lines.
A name already taken asks: replace, keep both, or skip. Everything is staged
in a hidden temporary folder inside the destination, the staged routines are
loaded again, and only then renamed into place; on any failure nothing is left
behind and nothing existing is touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backcoach.core.files import read_regular
from backcoach.core.library import ROUTINE_SUFFIXES, LibraryIndex
from backcoach.core.loader import LoadResult, load_bytes
from backcoach.core.problems import format_problems
from backcoach.core.routine import Exercise

MAX_IMPORT_BYTES = 1_000_000
_HAS_STEPS = re.compile(rb"^steps\s*:", re.MULTILINE)

Clash = Literal["replace", "keep-both", "skip"]


def tr(text: str) -> str:
    return QCoreApplication.translate("RoutineImport", text)


class StagedCopyFailed(Exception):
    """The staged copy does not load like the original (it changed while being copied?)."""


@dataclass
class ImportCheck:
    """What importing `source` (a file or a folder) would do, before anything is copied."""

    source: Path
    dest: Path
    """The file to write, or the folder to create when `files` is not empty."""
    data: bytes = b""
    problems: list[str] = field(default_factory=list)
    title: str = ""
    is_library: bool = False
    files: dict[str, Path] = field(default_factory=dict)
    """For a folder of its own: relative path inside `dest` -> the source file to copy."""
    main: str = ""
    """The routine whose name the folder takes (renamed with it on "keep both"); "" for a folder."""
    inner_refused: list[ImportCheck] = field(default_factory=list)
    """A dropped folder's files that are not imported, with their problems."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def in_folder(self) -> bool:
        return bool(self.files)

    @property
    def taken(self) -> list[Path]:
        """What already holds this name: the destination, and for a routine's own folder a
        routine file of the same name (the same routine id) directly in the routines folder."""
        places = [self.dest]
        if self.main:
            places.append(self.dest.parent / self.main)
        return [p for p in places if p.exists() or p.is_symlink()]

    @property
    def clash(self) -> bool:
        return bool(self.taken)

    @property
    def same(self) -> bool:
        """The destination already holds exactly these files (nothing else of that name)."""
        try:
            if not self.in_folder:
                return self.dest.read_bytes() == self.data
            if self.taken != [self.dest] or not self.dest.is_dir():
                return False
            return all(
                (self.dest / rel).read_bytes() == src.read_bytes()
                for rel, src in self.files.items()
            )
        except OSError:
            return False


def is_routine_file(path: Path) -> bool:
    return path.suffix.lower() in ROUTINE_SUFFIXES


def _read(source: Path) -> tuple[bytes, list[str]]:
    """The file's bytes, or a problem saying why they can't be imported."""
    if not is_routine_file(source):
        return b"", [
            tr("{0}: only routine files (.yaml or .yml) can be imported").format(source.name)
        ]
    try:
        data = read_regular(source, MAX_IMPORT_BYTES)  # a pipe or device never blocks here
        if len(data) > MAX_IMPORT_BYTES:
            return b"", [tr("{0}: the file is too big for a routine").format(source.name)]
        return data, []
    except OSError as exc:
        return b"", [tr("{0}: can't be read ({1})").format(source.name, exc.strerror or exc)]


def _below(path: Path, folder: Path) -> str | None:
    """`path` relative to `folder` (posix), if it is a file below it, also once resolved."""
    try:
        rel = path.absolute().relative_to(folder.absolute())
        if not path.resolve().is_relative_to(folder.resolve()):
            return None
    except (ValueError, OSError):
        return None
    return rel.as_posix() if rel.parts else None


def companions(result: LoadResult, folder: Path, index: LibraryIndex) -> dict[str, Path]:
    """Files below `folder` that a loaded routine or library uses: the library files beside
    it that provide its exercises, and the pictures of those exercises kept below `folder`
    (pictures from the app's assets are not listed). Relative path -> file."""
    out: dict[str, Path] = {}
    exercises: list[Exercise] = []
    used: dict[str, Exercise] = {}
    if result.routine is not None:
        used = result.routine.exercises
    elif result.library is not None:
        used = result.library.exercises
    exercises += used.values()
    for lib_path, lib_exercises in index.libraries_in(folder):
        if lib_path == result.path:
            continue
        if any(lib_exercises.get(ex_id) is exercise for ex_id, exercise in used.items()):
            out[lib_path.name] = lib_path
            exercises += lib_exercises.values()  # copied whole: with all of its pictures
    for exercise in exercises:
        for image in exercise.images:
            rel = _below(image, folder)
            if rel is not None:
                out[rel] = image
    return out


def check_import(source: Path, dest_dir: Path, index: LibraryIndex) -> ImportCheck:
    """What importing `source` (a file or a folder) into `dest_dir` does; never raises."""
    if source.is_dir():
        return check_folder(source, dest_dir, index)
    check = ImportCheck(source=source, dest=dest_dir / source.name)
    check.data, check.problems = _read(source)
    if check.problems:
        return check
    home = load_bytes(
        check.data,
        source,
        display=source.name,
        catalog=index.catalog_for(source.parent),
        assets=index.assets,
    )
    check.is_library = home.is_library
    if home.ok and (home.routine is not None or home.library is not None):
        needs = companions(home, source.parent, index)
        if needs and home.routine is None:
            check.problems = [
                tr(
                    "{0}: this exercise library uses pictures kept next to it; import the "
                    "whole folder instead (drop the folder on the window)"
                ).format(source.name)
            ]
            return check
        if needs:
            check.title = home.routine.title if home.routine else ""
            check.dest = dest_dir / source.stem
            check.main = source.name
            check.files = {source.name: source, **needs}
            return check
    here = load_bytes(
        check.data,
        check.dest,
        display=source.name,
        catalog=index.catalog_for(dest_dir),
        assets=index.assets,
    )
    if here.ok and (here.routine is not None or here.library is not None):
        check.title = here.routine.title if here.routine else ""
        return check
    shown = home if home.problems else here
    check.problems = format_problems(shown.problems, limit=12, style="line") or [
        tr("{0}: this is not a routine").format(source.name)
    ]
    return check


def check_folder(folder: Path, dest_dir: Path, index: LibraryIndex) -> ImportCheck:
    """A dropped folder: its valid routine and library files (not those in folders inside
    it) with the pictures and libraries they use; its invalid files in `inner_refused`."""
    check = ImportCheck(source=folder, dest=dest_dir / folder.name)
    try:
        names = sorted(n for n in os.listdir(folder) if n.lower().endswith(ROUTINE_SUFFIXES))
    except OSError as exc:
        check.problems = [tr("{0}: can't be read ({1})").format(folder.name, exc.strerror or exc)]
        return check
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        inner = ImportCheck(source=path, dest=check.dest / name)
        inner.data, inner.problems = _read(path)
        if not inner.problems:
            result = index.load(path, display=name)
            if result.ok and (result.routine is not None or result.library is not None):
                check.files[name] = path
                check.files.update(companions(result, folder, index))
                continue
            inner.problems = format_problems(result.problems, limit=12, style="line") or [
                tr("{0}: this is not a routine").format(name)
            ]
        check.inner_refused.append(inner)
    if not check.files:
        check.problems = [
            tr("{0}: no valid routine or exercise library directly in this folder").format(
                folder.name
            )
        ]
    return check


def free_name(dest: Path) -> Path:
    """`dest`, or `name-2.yaml`, `name-3.yaml`… the first that does not exist yet."""
    n = 2
    candidate = dest
    while candidate.exists():
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
        n += 1
    return candidate


def free_place(check: ImportCheck) -> tuple[Path, str]:
    """(destination, main file name) for "keep both": `name-2`, `name-3`… A routine's own
    folder and the routine in it are renamed together, so the two keep different ids."""
    if not check.in_folder:
        return free_name(check.dest), ""
    n = 2
    while True:
        dest = check.dest.with_name(f"{check.dest.name}-{n}")
        main = f"{Path(check.main).stem}-{n}{Path(check.main).suffix}" if check.main else ""
        if not (dest.exists() or dest.is_symlink() or (main and (dest.parent / main).exists())):
            return dest, main
        n += 1


def copy_atomically(data: bytes, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".import-", suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def place_folder(
    check: ImportCheck,
    dest: Path,
    main: str,
    *,
    replace: list[Path],
    index: Callable[[], LibraryIndex],
) -> list[Path]:
    """Copy `check.files` into a staged folder, load its routines again, then rename it
    to `dest`, moving `replace` aside first (and back if that fails). Returns the routine
    and library files placed. On any failure the destination is left exactly as it was."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".import-", dir=dest.parent))
    aside = stage.with_name(stage.name + "-old")
    moved: list[tuple[Path, Path]] = []
    try:
        yaml_names: list[str] = []
        for rel, src in check.files.items():
            name = main if check.main and rel == check.main else rel
            target = stage / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            if is_routine_file(target) and "/" not in name:
                yaml_names.append(name)
        staged_index = index()
        for name in yaml_names:
            result = staged_index.load(stage / name, display=name)
            if not result.ok:
                raise StagedCopyFailed("; ".join(format_problems(result.problems, limit=3)))
        if replace:
            aside.mkdir()
            for i, old in enumerate(replace):
                keep = aside / str(i)
                os.replace(old, keep)
                moved.append((keep, old))
        os.replace(stage, dest)
    except BaseException:
        for keep, old in reversed(moved):
            with contextlib.suppress(OSError):  # else kept in the hidden folder, not lost
                os.rename(keep, old)
        shutil.rmtree(stage, ignore_errors=True)
        if aside.is_dir() and not any(aside.iterdir()):
            aside.rmdir()
        raise
    if aside.exists():
        shutil.rmtree(aside, ignore_errors=True)
    return [dest / name for name in yaml_names]


def libraries_first(paths: Iterable[Path]) -> list[Path]:
    """Exercise libraries (no `steps:`) before routines, so routines find what they use."""

    def is_routine(path: Path) -> bool:
        try:
            return bool(_HAS_STEPS.search(read_regular(path, MAX_IMPORT_BYTES)))
        except OSError:
            return True  # a folder, or unreadable: after the libraries

    return sorted(paths, key=lambda p: (is_routine(p), p.name))


@dataclass
class ImportReport:
    imported: list[Path] = field(default_factory=list)
    """Routine and library files placed (new or replaced), also those in folders."""
    folders: list[tuple[Path, list[str]]] = field(default_factory=list)
    """Folders created: (folder, the relative paths of every file in it)."""
    unchanged: list[Path] = field(default_factory=list)
    refused: list[ImportCheck] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def import_files(
    paths: Iterable[Path],
    dest_dir: Path,
    *,
    bundled: Path | None,
    assets: Path | None,
    ask_clash: Callable[[ImportCheck], Clash],
) -> ImportReport:
    """Check then copy each file or folder; `ask_clash` decides when the name is taken."""
    report = ImportReport()

    def fresh_index() -> LibraryIndex:  # fresh: sees earlier imports
        return LibraryIndex(bundled=bundled, assets=assets)

    for source in libraries_first(Path(p) for p in paths):
        if _inside(source, dest_dir):
            report.unchanged.append(source)  # already among the routines
            continue
        check = check_import(source, dest_dir, fresh_index())
        report.refused += check.inner_refused
        if not check.ok:
            report.refused.append(check)
            continue
        if check.clash and check.same:
            report.unchanged.append(check.dest)
            continue
        dest, main, replace = check.dest, check.main, []
        if check.clash:
            choice = ask_clash(check)
            if choice == "skip":
                report.skipped.append(source)
                continue
            if choice == "keep-both":
                dest, main = free_place(check)
            else:
                replace = check.taken
        try:
            if check.in_folder:
                placed = place_folder(check, dest, main, replace=replace, index=fresh_index)
                files = [main if check.main and rel == check.main else rel for rel in check.files]
                report.folders.append((dest, files))
            else:
                copy_atomically(check.data, dest)
                placed = [dest]
        except (OSError, StagedCopyFailed) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            report.failed.append(
                tr("{0}: can't be copied to {1} ({2})").format(source.name, dest.parent, why)
            )
            continue
        report.imported += placed
    return report


def describe(report: ImportReport) -> tuple[str, str]:
    """(summary, details) for the person, or ("", "") when nothing happened."""
    lines: list[str] = []
    if report.imported:
        names = ", ".join(p.name for p in report.imported)
        lines.append(tr("Imported into your routines: {0}").format(names))
    for folder, files in report.folders:
        lines.append(
            tr("Put in the folder “{0}” in your routines: {1}").format(
                folder.name, ", ".join(files)
            )
        )
    if report.folders:
        lines.append(
            tr(
                "Routines that bring their own pictures or exercise files get a folder of "
                "their own, so nothing you already have is overwritten."
            )
        )
    if report.unchanged:
        names = ", ".join(p.name for p in report.unchanged)
        lines.append(tr("Already in your routines, unchanged: {0}").format(names))
    details: list[str] = []
    for check in report.refused:
        details.append(
            tr("“{0}” was not imported. Please fix these problems first:").format(check.source.name)
        )
        details += ["  " + p for p in check.problems]
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
