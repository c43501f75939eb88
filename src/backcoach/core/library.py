"""Folders of routine files: find them, load them with their exercise libraries.

An exercise id in a routine resolves, in order, against the routine's own
`exercises`, then the library files (files with `exercises` and no `steps`)
in the routine's folder, by file name, then the bundled library (the
library files in `paths.bundled_routines_dir()`). `LibraryIndex` loads each
folder's libraries once and is what every function here shares.

Callers:
- the window, the tray, `backcoach plan` and `backcoach export`:
  `scan_library(paths, routine_folders)` -> a `RoutineCatalog`, one scan of
  every folder the window lists that answers the library questions (the
  entries, a routine by id, the posture-break routines, each routine's
  prescription) and says which folders could not be read, as (template,
  values) sentences the UI translates in the "library" context; never raises;
- `scan_folders(dirs)` -> just the entries of such a scan;
- `backcoach check`: `expand_paths(args)` then `check_files(files)`;
- anything that needs one routine: `load_routine(path)` (raises RoutineError).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core import paths as app_paths
from backcoach.core.checks.exercise_catalog import BrokenLibrary
from backcoach.core.checks.yaml_nodes import MAX_BYTES
from backcoach.core.loader import ExerciseCatalog, LoadResult, load_bytes, load_file
from backcoach.core.problems import Problem, RoutineError
from backcoach.core.routine import (
    POSTURE_BREAK_KIND,
    Exercise,
    ExerciseLibrary,
    Prescribed,
    Routine,
)

ROUTINE_SUFFIXES = (".yaml", ".yml")
BUNDLED_LABEL = "the bundled library"
_HAS_STEPS = re.compile(rb"^steps\s*:", re.MULTILINE)
_HAS_EXERCISES = re.compile(rb"^exercises\s*:", re.MULTILINE)
_KEYS = re.compile(
    rb"^[ \t]*(?:- +)?['\"]?([\w.-]+)['\"]?[ \t]*:|[{,][ \t]*([\w.-]+)[ \t]*:", re.MULTILINE
)
"""Key-like words of a file that cannot be read as YAML (its exercise ids among them)."""

Message = tuple[str, tuple[object, ...]]
"""An English sentence template and its values; the UI translates the template."""

FOLDER_NOT_FOUND = "The routine folder {0} was not found; its routines are not listed."
FOLDER_IS_A_FILE = "The routine folder {0} is a file, not a folder; choose a folder in Settings."
FOLDER_UNREADABLE = "The routine folder {0} could not be read ({1}); its routines are not listed."
MESSAGE_TEMPLATES: tuple[str, ...] = (FOLDER_NOT_FOUND, FOLDER_IS_A_FILE, FOLDER_UNREADABLE)
"""RoutineCatalog.problems' sentences; the UI translates them in the "library" context."""


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
    _broken: dict[Path, list[BrokenLibrary]] = field(default_factory=dict, repr=False)
    _catalogs: dict[Path, ExerciseCatalog] = field(default_factory=dict, repr=False)
    _keys: dict[Path, Path] = field(default_factory=dict, repr=False)

    def _key(self, folder: Path) -> Path:
        """`path_key(folder)`, worked out once per folder: resolving walks every part of
        the path, and a check of a thousand files in one folder asked four times a file."""
        key = self._keys.get(folder)
        if key is None:
            key = self._keys[folder] = path_key(folder)
        return key

    def libraries_in(self, folder: Path) -> list[tuple[Path, dict[str, Exercise]]]:
        """(path, usable exercises) of every library file directly in `folder`, by name."""
        key = self._key(folder)
        if key not in self._folders:
            self._scan(folder, key)
        return self._folders[key]

    def broken_in(self, folder: Path) -> list[BrokenLibrary]:
        """Library files directly in `folder` that have errors, by name."""
        key = self._key(folder)
        if key not in self._broken:
            self._scan(folder, key)
        return self._broken[key]

    def _scan(self, folder: Path, key: Path) -> None:
        found: list[tuple[Path, dict[str, Exercise]]] = []
        broken: list[BrokenLibrary] = []
        for path in _yaml_files_in(folder):
            data = _read_small(path)
            if data is None or _HAS_STEPS.search(data):
                continue  # a routine (a top-level `steps:` line), or unreadable
            result = load_bytes(data, path, catalog=None, assets=self.assets)
            if result.is_library and result.usable_exercises:
                found.append((path, result.usable_exercises))
            if result.problems and (result.is_library or _HAS_EXERCISES.search(data)):
                ids = result.exercise_ids or _key_words(data)
                broken.append(BrokenLibrary(path.name, path, ids))
        self._folders[key] = found
        self._broken[key] = broken

    def catalog_for(self, folder: Path) -> ExerciseCatalog:
        """The exercises a routine in `folder` can use besides its own."""
        key = self._key(folder)
        if key not in self._catalogs:
            sources: list[tuple[str, dict[str, Exercise]]] = [
                (f"{path.name} in this folder", exercises)
                for path, exercises in self.libraries_in(folder)
            ]
            broken = list(self.broken_in(folder))
            if self.bundled is not None and self._key(self.bundled) != key:
                merged: dict[str, Exercise] = {}
                for _, exercises in self.libraries_in(self.bundled):
                    for ex_id, exercise in exercises.items():
                        merged.setdefault(ex_id, exercise)
                if merged:
                    sources.append((BUNDLED_LABEL, merged))
                broken += self.broken_in(self.bundled)
            self._catalogs[key] = ExerciseCatalog(tuple(sources), tuple(broken))
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
        try:  # os.stat, not Path.is_dir: that raises PermissionError in a folder of mode 000
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except (FileNotFoundError, NotADirectoryError):
            errors.append(f"{arg}: no such file or folder")
            continue
        except OSError:  # reading it will say what is wrong
            is_folder = False
        except ValueError:
            errors.append(f"{arg!r}: not a usable file name")
            continue
        if not is_folder:
            files.append(FileArg(path, arg))
            continue
        below = _yaml_files_below(path)
        if not below:  # not "0 files checked, all valid": likely the wrong folder
            errors.append(f"{arg}: a folder with no .yaml or .yml files in it")
        for found in below:
            files.append(FileArg(found, os.path.join(arg, str(found.relative_to(path)))))
    return files, errors


def check_files(files: Iterable[FileArg], index: LibraryIndex | None = None) -> list[LoadResult]:
    """Load every file (routines and libraries), in order; never raises."""
    index = index or LibraryIndex()
    return [index.load(f.path, f.display) for f in files]


@dataclass(frozen=True)
class RoutineCatalog:
    """One scan of the routine folders, and the answers the app needs from it.

    `problems` names each folder that could not be read (missing, a file, no
    permission), so a caller shows it rather than listing fewer routines in
    silence. A file that cannot be used is an entry with its own problems.
    """

    folders: tuple[Path, ...] = ()
    entries: tuple[LibraryEntry, ...] = ()
    problems: tuple[Message, ...] = ()

    @classmethod
    def scan(
        cls,
        folders: Iterable[Path],
        *,
        may_be_missing: Collection[Path] = (),
        index: LibraryIndex | None = None,
    ) -> RoutineCatalog:
        """Every routine and library file below `folders` (a file found twice counts once).

        A folder in `may_be_missing` that does not exist is no problem (the
        user's own routines folder, made by the first import). Never raises.
        """
        index = index or LibraryIndex()
        folders = tuple(Path(f) for f in folders)
        entries: list[LibraryEntry] = []
        problems: list[Message] = []
        seen: set[Path] = set()
        for folder in folders:
            files, found = _scan_folder(folder, missing_ok=folder in may_be_missing)
            problems += found
            for path in files:
                key = path_key(path)
                if key not in seen:
                    seen.add(key)
                    entries.append(_entry(index, path))
        return cls(folders, tuple(entries), tuple(problems))

    def routines(self) -> list[Routine]:
        """The usable routines, posture breaks included, in folder order."""
        return [e.routine for e in self.entries if e.routine is not None]

    def find(self, id_or_path: str | Path) -> LibraryEntry | None:
        """The entry of a routine id (file stem) or path; see `find_routine`."""
        return find_routine(self.entries, id_or_path)

    def break_routines(self) -> dict[str, Routine]:
        """Every usable posture-break routine, by id (the first of an id wins)."""
        found: dict[str, Routine] = {}
        for routine in self.routines():
            if routine.kind == POSTURE_BREAK_KIND:
                found.setdefault(routine.id, routine)
        return found

    def break_choices(self) -> list[tuple[str, str]]:
        """(id, title) of each posture-break routine, by title, for a menu."""
        found = self.break_routines().items()
        return sorted(((rid, r.title) for rid, r in found), key=lambda c: c[1].lower())

    def targets(self) -> dict[str, Prescribed]:
        """routine id -> what it prescribes ("2 a day"), posture breaks left out."""
        out: dict[str, Prescribed] = {}
        for routine in self.routines():
            if routine.prescribed is not None and routine.kind != POSTURE_BREAK_KIND:
                out.setdefault(routine.id, routine.prescribed)
        return out

    def problem_texts(self) -> list[str]:
        """`problems` in English, for the command line."""
        return [template.format(*values) for template, values in self.problems]


def scan_library(
    paths: app_paths.AppPaths,
    routine_folders: Iterable[str] = (),
    *,
    index: LibraryIndex | None = None,
) -> RoutineCatalog:
    """The folders the window lists (bundled, the user's own, Settings', --routines), scanned."""
    return RoutineCatalog.scan(
        paths.routine_dirs(tuple(routine_folders)),
        may_be_missing=(paths.user_routines,),
        index=index,
    )


def scan_folders(dirs: Iterable[Path], *, index: LibraryIndex | None = None) -> list[LibraryEntry]:
    """Every routine and library file below `dirs` (missing folders are skipped); never raises."""
    return list(RoutineCatalog.scan(dirs, index=index).entries)


def _scan_folder(folder: Path, *, missing_ok: bool) -> tuple[list[Path], list[Message]]:
    """The routine files below `folder`, and what kept any part of it from being read."""
    try:
        is_dir = folder.is_dir()
        exists = is_dir or folder.exists()
    except OSError as exc:  # a parent folder that may not be searched
        return [], [(FOLDER_UNREADABLE, (folder, exc.strerror or exc))]
    if not exists:
        return [], [] if missing_ok else [(FOLDER_NOT_FOUND, (folder,))]
    if not is_dir:
        return [], [(FOLDER_IS_A_FILE, (folder,))]
    errors: list[OSError] = []
    files = _yaml_files_below(folder, errors)
    problems: list[Message] = [
        (FOLDER_UNREADABLE, (exc.filename or folder, exc.strerror or exc)) for exc in errors
    ]
    return files, problems


def _entry(index: LibraryIndex, path: Path) -> LibraryEntry:
    result = index.load(path)
    return LibraryEntry(
        path=path,
        routine=result.routine,
        library=result.library,
        problems=tuple(result.problems),
    )


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
    wanted_key = (
        path_key(Path(wanted))
        if ("/" in wanted or os.sep in wanted or wanted.endswith(ROUTINE_SUFFIXES))
        else None
    )
    matches = [
        e
        for e in candidates
        if (wanted_key is not None and path_key(e.path) == wanted_key)
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


def path_key(path: Path) -> Path:
    """The path resolved, to tell files reached twice apart; as given when it can't be.

    A symlink loop raises RuntimeError from Path.resolve on Python 3.11 and 3.12
    (OSError from 3.13 on).
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def _key_words(data: bytes) -> frozenset[str]:
    """Every key-like word in `data` (for a file that cannot be read as YAML)."""
    return frozenset((a or b).decode("utf-8", "replace") for a, b in _KEYS.findall(data) if a or b)


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


def _yaml_files_below(folder: Path, errors: list[OSError] | None = None) -> list[Path]:
    """*.yaml/*.yml files below `folder`, sorted, not following symlinked folders.

    Hidden folders (a name starting with ".") are not searched: an import stages
    its files in one (routine_import.py), and a half-copied routine is no routine.
    A folder that cannot be listed is added to `errors` (when given) and skipped.
    """
    out: list[Path] = []
    for root, dirnames, filenames in os.walk(
        folder, onerror=None if errors is None else errors.append
    ):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(root)
        out += [base / n for n in sorted(filenames) if n.endswith(ROUTINE_SUFFIXES)]
    return out
