"""Routine files -> the model, checked strictly, every mistake as FILE:LINE:COL.

`load_file(path, catalog=...)` reads one file and returns a `LoadResult`: a
`Routine` (a file with `steps`), an `ExerciseLibrary` (`exercises` and no
`steps`), and the problems found. It never raises for anything in the file.
Exercise ids a routine does not define itself are looked up in an
`ExerciseCatalog` (the libraries in the same folder, then the bundled one);
`backcoach.core.library` builds those catalogs and is what most callers use
(`load_routine`, `check_paths`, `scan_folders`).

The YAML is composed into nodes (see `yaml_nodes`), never constructed; the
checks walk the nodes against format 1 (docs/routine-format.md), so every
message can name the node's line and column and the path to it
(`steps[1].hold`, 0-based indexes). They live beside this module:
`node_checks` (reading values off nodes), `exercises_check`, `steps_check`
(steps and cues) and `routine_check` (the top level, defaults,
before_you_start, flare), combined in `routine_check.RoutineReader`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node

from backcoach.core import paths as app_paths
from backcoach.core.checks.exercise_catalog import ExerciseCatalog
from backcoach.core.checks.node_checks import MAX_PROBLEMS, did_you_mean
from backcoach.core.checks.routine_check import FORMAT_VERSION, Reading, RoutineReader
from backcoach.core.checks.yaml_nodes import MAX_VISITS, TooBig, has_aliases, parse_bytes, read_file
from backcoach.core.problems import Problem, with_sources
from backcoach.core.routine import Exercise, ExerciseLibrary, Routine

__all__ = [
    "FORMAT_VERSION",
    "MAX_PROBLEMS",
    "ExerciseCatalog",
    "LoadResult",
    "did_you_mean",
    "load_bytes",
    "load_file",
]


@dataclass
class LoadResult:
    """One file, loaded: a routine, or a library, or neither; and its problems.

    `routine`/`library` are None when the file has any problem, except that a
    library with some broken exercises still offers its good ones through
    `usable_exercises` (so one typo does not break every routine using it).
    """

    path: Path
    display: str
    routine: Routine | None = None
    library: ExerciseLibrary | None = None
    problems: list[Problem] = field(default_factory=list)
    is_library: bool = False
    usable_exercises: dict[str, Exercise] = field(default_factory=dict)
    sha256: str = ""
    exercise_ids: frozenset[str] = frozenset()
    """Every exercise id the file defines, usable or not."""
    blamed: tuple[Path, ...] = ()
    """Library files with errors that exercises used here come from (reported there)."""

    @property
    def ok(self) -> bool:
        return not self.problems


def load_file(
    path: Path,
    *,
    display: str | None = None,
    catalog: ExerciseCatalog | None = None,
    assets: Path | None = None,
) -> LoadResult:
    """Read and check one routine or library file; never raises for its content.

    `display` is how problems name the file (default: `str(path)`); `catalog`
    the exercises available from elsewhere; `assets` the app's assets folder
    (images are looked up below the file's folder, then there).
    """
    shown = str(path) if display is None else display
    parsed = read_file(Path(path), shown)
    return _build(Path(path), shown, parsed.data, parsed.root, parsed.problems, catalog, assets)


def load_bytes(
    data: bytes,
    path: Path,
    *,
    display: str | None = None,
    catalog: ExerciseCatalog | None = None,
    assets: Path | None = None,
) -> LoadResult:
    """Like load_file, for bytes already read (`path` names it and anchors its images)."""
    shown = str(path) if display is None else display
    parsed = parse_bytes(data, shown)
    return _build(Path(path), shown, parsed.data, parsed.root, parsed.problems, catalog, assets)


def too_many_values(root: Node | None) -> str:
    """Why the walker stopped: aliases that expand too far, or simply too many values."""
    if root is not None and has_aliases(root):
        return (
            "anchors and aliases expand to too many values "
            "(an 'alias bomb'?); write the routine out more plainly"
        )
    return (
        f"too many values for a routine file (more than {MAX_VISITS:,}); "
        "a routine needs a few hundred"
    )


def _build(
    path: Path,
    shown: str,
    data: bytes,
    root: Node | None,
    problems: list[Problem],
    catalog: ExerciseCatalog | None,
    assets: Path | None,
) -> LoadResult:
    result = LoadResult(path=path, display=shown, sha256=hashlib.sha256(data).hexdigest())
    if problems:
        result.problems = with_sources(problems, data.decode("utf-8", "replace"))
        return result
    reader = RoutineReader(path, catalog or ExerciseCatalog(), assets or app_paths.assets_dir())
    reading = Reading()
    try:
        reader.read(root, reading, result.sha256)
    except TooBig as exc:
        reader.issues = [(exc.node, too_many_values(root), "")]
        reading.routine = reading.library = None
        reading.usable_exercises = {}
    except RecursionError:
        reader.issues = [(root, "the file's anchors and aliases refer to themselves", "")]
        reading.routine = reading.library = None
    result.is_library = reading.is_library
    result.usable_exercises = reading.usable_exercises
    result.exercise_ids = frozenset(reader.own_ids)
    result.blamed = tuple(dict.fromkeys(reader.blamed))
    result.routine, result.library = reading.routine, reading.library
    result.problems = with_sources(reader.problems(shown), data.decode("utf-8", "replace"))
    if result.problems:
        result.routine = result.library = None
    return result
