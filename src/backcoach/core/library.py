"""Folders of routine files: find them, load them with their exercise libraries.

An exercise id in a routine resolves, in order, against the routine's own
`exercises`, then the library files (files with `exercises` and no `steps`)
in the routine's folder, by file name, then the bundled library (the
library files in `paths.bundled_routines_dir()`). `LibraryIndex` loads each
folder's libraries once and is what every function here shares.

Callers:
- the UI library page: `scan_folders(dirs)` -> one `LibraryEntry` per file,
  with a routine, a library or the problems; never raises;
- `backcoach check`: `expand_paths(args)` then `check_files(files)`;
- anything that needs one routine: `load_routine(path)` (raises RoutineError).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core import paths as app_paths
from backcoach.core.loader import ExerciseCatalog, LoadResult, load_bytes, load_file
from backcoach.core.problems import Problem, RoutineError
from backcoach.core.routine import Exercise, ExerciseLibrary, Routine
from backcoach.core.yaml_nodes import MAX_BYTES

ROUTINE_SUFFIXES = (".yaml", ".yml")
BUNDLED_LABEL = "the bundled library"
_HAS_STEPS = re.compile(rb"^steps\s*:", re.MULTILINE)


@dataclass(frozen=True)
class LibraryEntry:
    """One file found in a routine folder."""

    path: Path
    routine: Routine | None = None
    library: ExerciseLibrary | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def id(self) -> str:
        return self.path.stem


@dataclass(frozen=True)
class FileArg:
    """A file to check: its path, and how messages name it (as given on the command line)."""

    path: Path
    display: str


@dataclass
class LibraryIndex:
    """Loads each folder's exercise libraries once, and builds catalogs from them."""

    bundled: Path | None = field(default_factory=app_paths.bundled_routines_dir)
    assets: Path | None = field(default_factory=app_paths.assets_dir)
    _folders: dict[Path, list[tuple[Path, dict[str, Exercise]]]] = field(
        default_factory=dict, repr=False
    )
    _catalogs: dict[Path, ExerciseCatalog] = field(default_factory=dict, repr=False)

    def libraries_in(self, folder: Path) -> list[tuple[Path, dict[str, Exercise]]]:
        """(path, usable exercises) of every library file directly in `folder`, by name."""
        key = _key(folder)
        if key not in self._folders:
            found: list[tuple[Path, dict[str, Exercise]]] = []
            for path in _yaml_files_in(folder):
                data = _read_small(path)
                if data is None or _HAS_STEPS.search(data):
                    continue  # a routine (a top-level `steps:` line), or unreadable
                result = load_bytes(data, path, catalog=None, assets=self.assets)
                if result.is_library and result.usable_exercises:
                    found.append((path, result.usable_exercises))
            self._folders[key] = found
        return self._folders[key]

    def catalog_for(self, folder: Path) -> ExerciseCatalog:
        """The exercises a routine in `folder` can use besides its own."""
        key = _key(folder)
        if key not in self._catalogs:
            sources: list[tuple[str, dict[str, Exercise]]] = [
                (f"{path.name} in this folder", exercises)
                for path, exercises in self.libraries_in(folder)
            ]
            if self.bundled is not None and _key(self.bundled) != key:
                merged: dict[str, Exercise] = {}
                for _, exercises in self.libraries_in(self.bundled):
                    for ex_id, exercise in exercises.items():
                        merged.setdefault(ex_id, exercise)
                if merged:
                    sources.append((BUNDLED_LABEL, merged))
            self._catalogs[key] = ExerciseCatalog(tuple(sources))
        return self._catalogs[key]

    def load(self, path: Path, display: str | None = None) -> LoadResult:
        """Load one file with its folder's catalog; never raises."""
        try:
            return load_file(
                path,
                display=display,
                catalog=self.catalog_for(path.parent),
                assets=self.assets,
            )
        except Exception as exc:  # the loader should never raise; a scan must not die
            shown = str(path) if display is None else display
            return LoadResult(
                path=path,
                display=shown,
                problems=[Problem(shown, 1, 1, f"internal error while reading: {exc!r}")],
            )


def expand_paths(args: Iterable[str]) -> tuple[list[FileArg], list[str]]:
    """Files to check for command-line `args` (files, or folders searched for *.yaml/*.yml).

    Returns (files, errors): an error for each argument that does not exist,
    and for each folder holding no routine file.
    A file is named as given; a file found below a folder as the folder as
    given joined with its relative path.
    """
    files: list[FileArg] = []
    errors: list[str] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            below = _yaml_files_below(path)
            if not below:  # not "0 files checked, all valid": likely the wrong folder
                errors.append(f"{arg}: a folder with no .yaml or .yml files in it")
            for found in below:
                files.append(FileArg(found, os.path.join(arg, str(found.relative_to(path)))))
        elif path.exists():
            files.append(FileArg(path, arg))
        else:
            errors.append(f"{arg}: no such file or folder")
    return files, errors


def check_files(files: Iterable[FileArg], index: LibraryIndex | None = None) -> list[LoadResult]:
    """Load every file (routines and libraries), in order; never raises."""
    index = index or LibraryIndex()
    return [index.load(f.path, f.display) for f in files]


def scan_folders(dirs: Iterable[Path], *, index: LibraryIndex | None = None) -> list[LibraryEntry]:
    """Every routine and library file below `dirs` (missing folders are skipped); never raises."""
    index = index or LibraryIndex()
    entries: list[LibraryEntry] = []
    seen: set[Path] = set()
    for folder in dirs:
        try:
            files = _yaml_files_below(Path(folder))
        except OSError:
            continue
        for path in files:
            key = _key(path)
            if key in seen:
                continue
            seen.add(key)
            result = index.load(path)
            entries.append(
                LibraryEntry(
                    path=path,
                    routine=result.routine,
                    library=result.library,
                    problems=tuple(result.problems),
                )
            )
    return entries


def in_language_order(entries: Iterable[LibraryEntry], language: str) -> list[LibraryEntry]:
    """The entries with routines in `language` (its primary subtag: es matches es-MX)
    first, the others after, each group in its own order."""
    wanted = language.split("-")[0].lower()

    def other(entry: LibraryEntry) -> bool:
        routine = entry.routine
        return routine is not None and routine.language.split("-")[0].lower() != wanted

    return sorted(entries, key=other)


def find_routine(entries: Iterable[LibraryEntry], id_or_path: str | Path) -> LibraryEntry | None:
    """The entry whose routine id (file stem) or path is `id_or_path`, preferring valid ones."""
    wanted = str(id_or_path)
    candidates = list(entries)
    path_key = (
        _key(Path(wanted))
        if ("/" in wanted or os.sep in wanted or wanted.endswith(ROUTINE_SUFFIXES))
        else None
    )
    matches = [
        e
        for e in candidates
        if (path_key is not None and _key(e.path) == path_key)
        or (e.library is None and e.id == wanted)
    ]
    matches.sort(key=lambda e: e.routine is None)
    return matches[0] if matches else None


def load_routine(
    path: Path, *, display: str | None = None, index: LibraryIndex | None = None
) -> Routine:
    """The routine in `path`, or RoutineError with every problem (also for a library file)."""
    result = (index or LibraryIndex()).load(Path(path), display)
    if result.routine is not None:
        return result.routine
    problems = result.problems or [
        Problem(
            result.display,
            1,
            1,
            "this is an exercise library (exercises and no steps), not a routine",
        )
    ]
    raise RoutineError(problems)


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _read_small(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _yaml_files_in(folder: Path) -> list[Path]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / n for n in names if n.endswith(ROUTINE_SUFFIXES) and (folder / n).is_file()]


def _yaml_files_below(folder: Path) -> list[Path]:
    """*.yaml/*.yml files below `folder`, sorted, not following symlinked folders.

    Hidden folders (a name starting with ".") are not searched: an import stages
    its files in one (routine_import.py), and a half-copied routine is no routine.
    """
    out: list[Path] = []
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(root)
        out += [base / n for n in sorted(filenames) if n.endswith(ROUTINE_SUFFIXES)]
    return out
