"""Import routines: check them first, then copy them, with what they use, into the user's folder.

What goes where (docs/routine-format.md, "Handing a routine to a patient", says
the same):

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

An invalid file is never copied, and its problems are reported with their
lines (`import_check`). A name already taken is decided by `ask_clash`:
replace, keep both, or skip. Folders are staged and loaded again before they
are renamed into place (`import_place`). What happened is described as
`Message`s the UI translates in the "RoutineImport" context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from backcoach.core.files import read_regular
from backcoach.core.imports.import_check import (
    MAX_IMPORT_BYTES,
    ImportCheck,
    check_import,
)
from backcoach.core.imports.import_place import (
    StagedCopyFailed,
    copy_atomically,
    free_place,
    place_folder,
    placed_name,
)
from backcoach.core.library import LibraryIndex
from backcoach.core.messages import Message

Clash = Literal["replace", "keep-both", "skip"]

_HAS_STEPS = re.compile(rb"^steps\s*:", re.MULTILINE)

CANNOT_COPY = "{0}: can't be copied to {1} ({2})"
IMPORTED = "Imported into your routines: {0}"
PUT_IN_FOLDER = "Put in the folder “{0}” in your routines: {1}"
OWN_FOLDER = (
    "Routines that bring their own pictures or exercise files get a folder of "
    "their own, so nothing you already have is overwritten."
)
UNCHANGED = "Already in your routines, unchanged: {0}"
NOT_IMPORTED = "“{0}” was not imported. Please fix these problems first:"
SOME_NOT_IMPORTED = "Some files were not imported; nothing was copied for them."
MESSAGE_TEMPLATES: tuple[str, ...] = (
    CANNOT_COPY,
    IMPORTED,
    PUT_IN_FOLDER,
    OWN_FOLDER,
    UNCHANGED,
    NOT_IMPORTED,
    SOME_NOT_IMPORTED,
)
"""With import_check.MESSAGE_TEMPLATES, every template an import reports."""


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
    failed: list[Message] = field(default_factory=list)

    @property
    def has_problems(self) -> bool:
        """Something was refused or could not be copied."""
        return bool(self.refused or self.failed)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11, 3.12)
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
        elif check.clash and check.same:
            report.unchanged.append(check.dest)
        else:
            _place(check, ask_clash, fresh_index, report)
    return report


def _place(
    check: ImportCheck,
    ask_clash: Callable[[ImportCheck], Clash],
    index: Callable[[], LibraryIndex],
    report: ImportReport,
) -> None:
    """Copy one valid import into place (asking first if its name is taken)."""
    dest, main, replace = check.dest, check.main, []
    if check.clash:
        choice = ask_clash(check)
        if choice == "skip":
            report.skipped.append(check.source)
            return
        if choice == "keep-both":
            dest, main = free_place(check)
        else:
            replace = check.taken
    try:
        if check.in_folder:
            placed = place_folder(check, dest, main, replace=replace, index=index)
            files = [placed_name(check, rel, main) for rel in check.files]
            report.folders.append((dest, files))
        else:
            copy_atomically(check.data, dest)
            placed = [dest]
    except (OSError, StagedCopyFailed) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        report.failed.append(Message(CANNOT_COPY, (check.source.name, dest.parent, why)))
        return
    report.imported += placed


@dataclass(frozen=True)
class ImportDescription:
    """What an import did, for the person: a summary, and details of what went wrong."""

    summary: tuple[Message, ...] = ()
    details: tuple[tuple[Message, tuple[Message, ...]], ...] = ()
    """Each a heading and the lines under it (a refused file's problems)."""

    def render(self, text: Callable[[Message], str] = str) -> tuple[str, str]:
        """(summary, details) as text, each message through `text` (the UI translates);
        ("", "") when nothing happened."""
        details: list[str] = []
        for heading, lines in self.details:
            details.append(text(heading))
            details += ["  " + text(line) for line in lines]
        return "\n".join(text(m) for m in self.summary), "\n".join(details)


def describe(report: ImportReport) -> ImportDescription:
    summary: list[Message] = []
    if report.imported:
        summary.append(Message(IMPORTED, (", ".join(p.name for p in report.imported),)))
    for folder, files in report.folders:
        summary.append(Message(PUT_IN_FOLDER, (folder.name, ", ".join(files))))
    if report.folders:
        summary.append(Message(OWN_FOLDER))
    if report.unchanged:
        summary.append(Message(UNCHANGED, (", ".join(p.name for p in report.unchanged),)))
    details = [
        (Message(NOT_IMPORTED, (check.source.name,)), tuple(check.problems))
        for check in report.refused
    ]
    details += [(failed, ()) for failed in report.failed]
    if report.has_problems:
        summary.append(Message(SOME_NOT_IMPORTED))
    return ImportDescription(tuple(summary), tuple(details))
