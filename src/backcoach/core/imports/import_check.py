"""Checking a routine import before anything is copied: is it valid, and what does it use?

A file or a dropped folder is read and loaded twice when needed: once where it
is (with the exercise libraries beside it) and once as it would load in the
user's routines folder. What it uses below its folder (an exercise library
file beside it, pictures) decides whether it gets a folder of its own; see
`routine_import` for what goes where. Problems are `Message`s the UI translates
in the "RoutineImport" context (ui/translatable.py lists `MESSAGE_TEMPLATES`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core.files import read_regular
from backcoach.core.library import ROUTINE_SUFFIXES, LibraryIndex
from backcoach.core.loader import LoadResult, load_bytes
from backcoach.core.messages import Message, verbatim
from backcoach.core.problems import format_problems
from backcoach.core.routine import Exercise

MAX_IMPORT_BYTES = 1_000_000
PROBLEM_LIMIT = 12
"""At most this many of a file's problem lines are shown (then how many more)."""

NOT_A_ROUTINE_FILE = "{0}: only routine files (.yaml or .yml) can be imported"
TOO_BIG = "{0}: the file is too big for a routine"
CANNOT_READ = "{0}: can't be read ({1})"
LIBRARY_NEEDS_FOLDER = (
    "{0}: this exercise library uses pictures kept next to it; import the "
    "whole folder instead (drop the folder on the window)"
)
NOT_A_ROUTINE = "{0}: this is not a routine"
NOTHING_VALID_IN_FOLDER = "{0}: no valid routine or exercise library directly in this folder"
MESSAGE_TEMPLATES: tuple[str, ...] = (
    NOT_A_ROUTINE_FILE,
    TOO_BIG,
    CANNOT_READ,
    LIBRARY_NEEDS_FOLDER,
    NOT_A_ROUTINE,
    NOTHING_VALID_IN_FOLDER,
)


@dataclass
class ImportCheck:
    """What importing `source` (a file or a folder) would do, before anything is copied."""

    source: Path
    dest: Path
    """The file to write, or the folder to create when `files` is not empty."""
    data: bytes = b""
    problems: list[Message] = field(default_factory=list)
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


def read_source(source: Path) -> tuple[bytes, list[Message]]:
    """The file's bytes, or a problem saying why they can't be imported."""
    if not is_routine_file(source):
        return b"", [Message(NOT_A_ROUTINE_FILE, (source.name,))]
    try:
        data = read_regular(source, MAX_IMPORT_BYTES)  # a pipe or device never blocks here
    except OSError as exc:
        return b"", [Message(CANNOT_READ, (source.name, exc.strerror or exc))]
    if len(data) > MAX_IMPORT_BYTES:
        return b"", [Message(TOO_BIG, (source.name,))]
    return data, []


def _below(path: Path, folder: Path) -> str | None:
    """`path` relative to `folder` (posix), if it is a file below it, also once resolved."""
    try:
        rel = path.absolute().relative_to(folder.absolute())
        if not path.resolve().is_relative_to(folder.resolve()):
            return None
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (3.11, 3.12)
        return None
    return rel.as_posix() if rel.parts else None


def _loaded(result: LoadResult) -> bool:
    """A valid routine or exercise library (not an empty or unknown document)."""
    return result.ok and (result.routine is not None or result.library is not None)


def _refusal(result: LoadResult, name: str) -> list[Message]:
    lines = format_problems(result.problems, limit=PROBLEM_LIMIT, style="line")
    return [verbatim(line) for line in lines] or [Message(NOT_A_ROUTINE, (name,))]


def companions(result: LoadResult, folder: Path, index: LibraryIndex) -> dict[str, Path]:
    """Files below `folder` that a loaded routine or library uses: the library files beside
    it that provide its exercises, and the pictures of those exercises kept below `folder`
    (pictures from the app's assets are not listed). Relative path -> file."""
    out: dict[str, Path] = {}
    used: dict[str, Exercise] = {}
    if result.routine is not None:
        used = result.routine.exercises
    elif result.library is not None:
        used = result.library.exercises
    exercises: list[Exercise] = list(used.values())
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
    check.data, check.problems = read_source(source)
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
    if _loaded(home) and _needs_a_folder(check, home, index):
        return check
    here = load_bytes(
        check.data,
        check.dest,
        display=source.name,
        catalog=index.catalog_for(dest_dir),
        assets=index.assets,
    )
    if _loaded(here):
        check.title = here.routine.title if here.routine else ""
        return check
    check.problems = _refusal(home if home.problems else here, source.name)
    return check


def _needs_a_folder(check: ImportCheck, home: LoadResult, index: LibraryIndex) -> bool:
    """Does the file, loaded where it is, use files beside it? Then `check` says where
    they all go (or why a library alone can't bring them) and is complete."""
    source = check.source
    needs = companions(home, source.parent, index)
    if not needs:
        return False
    if home.routine is None:
        check.problems = [Message(LIBRARY_NEEDS_FOLDER, (source.name,))]
        return True
    check.title = home.routine.title
    check.dest = check.dest.parent / source.stem
    check.main = source.name
    check.files = {source.name: source, **needs}
    return True


def check_folder(folder: Path, dest_dir: Path, index: LibraryIndex) -> ImportCheck:
    """A dropped folder: its valid routine and library files (not those in folders inside
    it) with the pictures and libraries they use; its invalid files in `inner_refused`."""
    check = ImportCheck(source=folder, dest=dest_dir / folder.name)
    try:
        names = sorted(n for n in os.listdir(folder) if n.lower().endswith(ROUTINE_SUFFIXES))
    except OSError as exc:
        check.problems = [Message(CANNOT_READ, (folder.name, exc.strerror or exc))]
        return check
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        inner = ImportCheck(source=path, dest=check.dest / name)
        inner.data, inner.problems = read_source(path)
        if not inner.problems:
            result = index.load(path, display=name)
            if _loaded(result):
                check.files[name] = path
                check.files.update(companions(result, folder, index))
                continue
            inner.problems = _refusal(result, name)
        check.inner_refused.append(inner)
    if not check.files:
        check.problems = [Message(NOTHING_VALID_IN_FOLDER, (folder.name,))]
    return check
