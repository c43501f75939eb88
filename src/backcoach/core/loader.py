"""Routine files -> the model, checked strictly, every mistake as FILE:LINE:COL.

`load_file(path, catalog=...)` reads one file and returns a `LoadResult`: a
`Routine` (a file with `steps`), an `ExerciseLibrary` (`exercises` and no
`steps`), and the problems found. It never raises for anything in the file.
Exercise ids a routine does not define itself are looked up in an
`ExerciseCatalog` (the libraries in the same folder, then the bundled one);
`backcoach.core.library` builds those catalogs and is what most callers use
(`load_routine`, `check_paths`, `scan_folders`).

The YAML is composed into nodes (see `yaml_nodes`), never constructed; this
module walks the nodes against format 1 (docs/routine-format.md), so every
message can name the node's line and column and the path to it
(`steps[1].hold`, 0-based indexes).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from backcoach.core import paths as app_paths
from backcoach.core.durations import DurationError, format_duration, parse_duration
from backcoach.core.problems import Problem
from backcoach.core.routine import (
    DEFAULT_RELAX,
    DEFAULT_REST,
    DEFAULT_SWITCH,
    IF_YES,
    KINDS,
    LEVELS,
    SIDES,
    SOUNDS,
    Cue,
    Exercise,
    ExerciseLibrary,
    ExerciseStep,
    Flare,
    Prescribed,
    Question,
    RestStep,
    Routine,
    Step,
)
from backcoach.core.yaml_nodes import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    MERGE,
    NULL,
    SCALAR_TAGS,
    SEQ,
    STR,
    Budget,
    TooBig,
    parse_bytes,
    read_file,
    scalar_tag,
)

FORMAT_VERSION = 1
MAX_PROBLEMS = 1000
"""Kept per file (the check command shows the first 50)."""

TOP_KEYS = (
    "backcoach",
    "title",
    "summary",
    "author",
    "level",
    "tags",
    "prescribed",
    "kind",
    "defaults",
    "before_you_start",
    "flare",
    "exercises",
    "steps",
)
LIBRARY_KEYS = ("backcoach", "title", "summary", "author", "tags", "exercises")
ROUTINE_ONLY_KEYS = ("level", "prescribed", "kind", "defaults", "before_you_start", "flare")
EXERCISE_KEYS = ("name", "how", "careful", "image", "images", "muscles")
STEP_KEYS = (
    "exercise",
    "id",
    "hold",
    "reps",
    "rep_time",
    "duration",
    "sets",
    "sides",
    "relax",
    "switch",
    "rest",
    "say",
    "cues",
)
REST_STEP_KEYS = ("rest", "say", "id")
DEFAULT_KEYS = ("rest", "relax", "switch", "rep_time")
CUE_POSITIONS = ("at", "before_end", "every")
CUE_ACTIONS = ("say", "show", "sound")
CUE_KEYS = CUE_POSITIONS + CUE_ACTIONS
QUESTION_KEYS = ("ask", "if_yes", "advice")
FLARE_KEYS = ("scale", "skip")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")

_WHOLE = re.compile(r"^[0-9]+$")
_NUMBER = re.compile(r"^[-+]?[0-9]+(?:\.[0-9]+)?$")
_PRESCRIBED = re.compile(r"^\s*([0-9]+)\s*/\s*(day|week)\s*$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_DRIVE = re.compile(r"^[A-Za-z]:")

Items = dict[str, tuple[Node, Node]]
"""A mapping's keys -> (key node, value node), merge keys applied."""


@dataclass(frozen=True)
class ExerciseCatalog:
    """Exercises a routine may use besides its own, in priority order.

    `sources` are (label, exercises) pairs, e.g. ("exercises.yaml in this
    folder", {...}) then ("the bundled library", {...}); the first that has
    an id wins.
    """

    sources: tuple[tuple[str, Mapping[str, Exercise]], ...] = ()

    def find(self, exercise_id: str) -> Exercise | None:
        for _, exercises in self.sources:
            found = exercises.get(exercise_id)
            if found is not None:
                return found
        return None

    def ids(self) -> list[str]:
        out: dict[str, None] = {}
        for _, exercises in self.sources:
            out.update(dict.fromkeys(exercises))
        return list(out)

    def describe(self) -> str:
        labels = ["this file", *(label for label, _ in self.sources)]
        if len(labels) == 1:
            return labels[0]
        return ", ".join(labels[:-1]) + " and " + labels[-1]


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
        result.problems = problems
        return result
    reader = _Reader(path, catalog or ExerciseCatalog(), assets or app_paths.assets_dir())
    try:
        reader.read(root, result)
    except TooBig as exc:
        reader.issues = [
            (
                exc.node,
                "anchors and aliases expand to too many values "
                "(an 'alias bomb'?); write the routine out more plainly",
            )
        ]
        result.routine = result.library = None
        result.usable_exercises = {}
    except RecursionError:
        reader.issues = [(root, "the file's anchors and aliases refer to themselves")]
        result.routine = result.library = None
    result.problems = reader.problems(shown)
    if result.problems:
        result.routine = result.library = None
    return result


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean 'hold'?" when one of `choices` is close to `word`, else ""."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _join(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _show(node: Node) -> str:
    """How a value is shown after 'got': 'thirty', 2.5, true, nothing, a list."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    value = str(node.value)
    tag = scalar_tag(node)
    if tag == NULL:
        return "nothing"
    if len(value) > 40:
        value = value[:37] + "..."
    return repr(value) if tag == STR else value


class _Reader:
    """Walks one file's nodes; collects (node, message) issues."""

    def __init__(self, path: Path, catalog: ExerciseCatalog, assets: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.catalog = catalog
        self.assets = assets
        self.issues: list[tuple[Node | None, str]] = []
        self.budget = Budget()
        self.own_ids: set[str] = set()
        self.step_ids: dict[str, int] = {}

    # -- reporting ---------------------------------------------------------

    def error(self, node: Node | None, path: str, message: str) -> None:
        if len(self.issues) < MAX_PROBLEMS:
            self.issues.append((node, f"{path}: {message}" if path else message))

    def problems(self, shown: str) -> list[Problem]:
        seen: set[tuple[int, int, str]] = set()
        out: list[Problem] = []
        for node, message in self.issues:
            line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
            if (line, col, message) not in seen:
                seen.add((line, col, message))
                out.append(Problem(shown, line, col, message))
        out.sort(key=lambda p: (p.line, p.col))
        return out

    # -- node shapes -------------------------------------------------------

    def tag_ok(self, node: Node, path: str) -> bool:
        tag = node.tag
        if isinstance(node, ScalarNode):
            ok = tag in SCALAR_TAGS
        elif isinstance(node, MappingNode):
            ok = tag == MAP
        else:
            ok = tag == SEQ
        if not ok:
            short = tag.replace("tag:yaml.org,2002:", "!!")
            self.error(
                node,
                path,
                f"the tag '{short}' is not allowed; routine files are plain YAML "
                "(text, numbers, lists and mappings)",
            )
        return ok

    def mapping(self, node: Node, path: str, what: str) -> Items | None:
        if not self.tag_ok(node, path):
            return None
        if not isinstance(node, MappingNode):
            self.error(node, path, f"expected {what}, got {_show(node)}")
            return None
        return self._flatten(node, path, ())

    def _flatten(self, node: MappingNode, path: str, stack: tuple[int, ...]) -> Items:
        self.budget.spend(node, 1 + 2 * len(node.value))
        out: Items = {}
        merges: list[Node] = []
        for knode, vnode in node.value:
            if knode.value == "<<" and scalar_tag(knode) == MERGE:
                merges.append(vnode)
                continue
            key = self.key(knode, path)
            if key is None:
                continue
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.error(
                    knode, path, f"duplicate key '{key}' (first on line {first}); keep only one"
                )
                continue
            out[key] = (knode, vnode)
        stack = (*stack, id(node))
        for merge in merges:
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                if not isinstance(source, MappingNode) or source.tag != MAP:
                    self.error(
                        source,
                        path,
                        f"a merge key (<<) takes a mapping or a list of them, got {_show(source)}",
                    )
                    continue
                if id(source) in stack:
                    self.error(source, path, "a merge key (<<) refers to the mapping it is in")
                    continue
                for key, pair in self._flatten(source, path, stack).items():
                    out.setdefault(key, pair)
        return out

    def key(self, node: Node, path: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.error(node, path, f"a key must be a word, got {_show(node)}")
            return None
        if not self.tag_ok(node, path):
            return None
        if node.value in ("", "~") and scalar_tag(node) == NULL:
            self.error(node, path, "a key is missing before ':'")
            return None
        return str(node.value)

    def unknown(self, items: Items, allowed: tuple[str, ...], path: str) -> None:
        for key, (knode, _) in items.items():
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                if not hint:
                    hint = f"; the keys here are {', '.join(allowed)}"
                self.error(knode, path, f"unknown key '{key}'{hint}")
                self.forbid_tags(items[key][1], path)

    def forbid_tags(self, node: Node, path: str) -> None:
        """Report non-plain tags (!!python/...) below a node the walker does not read."""
        stack, seen = [node], set()
        while stack:
            current = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            self.budget.spend(current)
            if not self.tag_ok(current, path):
                continue
            if isinstance(current, SequenceNode):
                stack += current.value
            elif isinstance(current, MappingNode):
                for knode, vnode in current.value:
                    stack += [knode, vnode]

    def sequence(self, node: Node, path: str, example: str) -> list[Node] | None:
        if not self.tag_ok(node, path):
            return None
        if not isinstance(node, SequenceNode):
            self.error(node, path, f"expected a list like {example}, got {_show(node)}")
            return None
        self.budget.spend(node, 1 + len(node.value))
        return list(node.value)

    # -- scalars -----------------------------------------------------------

    def scalar(self, node: Node, path: str, what: str) -> ScalarNode | None:
        if not self.tag_ok(node, path):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, path, f"expected {what}, got {_show(node)}")
            return None
        return node

    def text(self, node: Node, path: str, what: str = "text") -> str | None:
        scalar = self.scalar(node, path, what)
        if scalar is None:
            return None
        if scalar.value in ("", "~") and scalar_tag(scalar) == NULL:
            self.error(node, path, f"expected {what}, got nothing")
            return None
        value = str(scalar.value).strip()
        if not value:
            self.error(node, path, f"expected {what}, got an empty text")
            return None
        return value

    def whole(self, node: Node, path: str, minimum: int = 1) -> int | None:
        what = f"a whole number of at least {minimum}"
        scalar = self.scalar(node, path, what)
        if scalar is None:
            return None
        value = str(scalar.value)
        if _WHOLE.match(value) and scalar_tag(scalar) == INT and int(value) >= minimum:
            return int(value)
        self.error(node, path, f"expected {what}, got {_show(node)}")
        return None

    def duration(self, node: Node, path: str, *, pause: bool = False) -> float | None:
        """Seconds, more than 0 and at most 2h (the format's rule for every duration).

        `pause` marks rest, relax and switch: 0 is refused there too, with a hint,
        because the format has no "0 = no pause".
        """
        scalar = self.scalar(node, path, "a duration like 30s or 1m30s")
        if scalar is None:
            return None
        value = str(scalar.value)
        raw: object = value
        tag = scalar_tag(scalar) if scalar.tag != STR else STR
        if tag in (INT, FLOAT) and _NUMBER.match(value):
            raw = float(value)
        elif tag in (BOOL, NULL, INT, FLOAT):
            raw = None
        try:
            return parse_duration(raw)
        except DurationError as exc:
            message = str(exc)
            message = message.rsplit(", got", 1)[0] + f", got {_show(node)}"
            if pause and "more than 0" in message:
                message += " (every pause is more than 0; leave the key out for the default)"
            self.error(node, path, message)
            return None

    def choice(self, node: Node, path: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, path, f"one of {_join(allowed)}")
        if value is None:
            return None
        if value not in allowed:
            hint = did_you_mean(value, allowed)
            self.error(node, path, f"expected one of {_join(allowed)}, got {_show(node)}{hint}")
            return None
        return value

    def words(self, node: Node, path: str, example: str) -> tuple[str, ...] | None:
        items = self.sequence(node, path, example)
        if items is None:
            return None
        out = [self.text(item, f"{path}[{i}]") for i, item in enumerate(items)]
        return tuple(w for w in out if w is not None)

    # -- the file ----------------------------------------------------------

    def read(self, root: Node | None, result: LoadResult) -> None:
        if root is None:
            self.error(
                None,
                "",
                "the file is empty; a routine starts with 'backcoach: 1' and 'title: ...'",
            )
            return
        top = self.mapping(
            root, "", "a mapping of keys like 'backcoach: 1' and 'title: ...' at the top level"
        )
        if top is None:
            return
        if not self.version(top, root):
            return
        is_library = (
            "steps" not in top
            and "exercises" in top
            and not any(k in top for k in ROUTINE_ONLY_KEYS)
        )
        result.is_library = is_library
        self.unknown(top, LIBRARY_KEYS if is_library else TOP_KEYS, "")
        if is_library:
            for key, (knode, _) in top.items():
                if key in TOP_KEYS and key not in LIBRARY_KEYS:
                    self.error(
                        knode,
                        "",
                        f"'{key}' belongs in a routine; this file has exercises and no "
                        "steps, so it is an exercise library",
                    )
        title = self.optional_text(top, "title")
        if title is None and not is_library and "title" not in top:
            self.error(root, "", "missing 'title': the routine's name, shown in the library")
        own = self.exercises(top)
        if is_library:
            result.usable_exercises = own
            if not self.issues:
                result.library = ExerciseLibrary(
                    id=self.path.stem, exercises=own, path=self.path, title=title or ""
                )
            self.optional_text(top, "summary")
            self.optional_text(top, "author")
            if "tags" in top:
                self.words(top["tags"][1], "tags", "[hamstrings, glutes]")
            return
        routine = self.routine(top, root, title or "", own, result.sha256)
        if routine is not None and not self.issues:
            result.routine = routine

    def optional_text(self, items: Items, key: str, path: str = "") -> str | None:
        if key not in items:
            return None
        return self.text(items[key][1], f"{path}.{key}" if path else key)

    def version(self, top: Items, root: Node) -> bool:
        """False when the file is for another format (then nothing else is checked)."""
        if "backcoach" not in top:
            self.error(
                root,
                "",
                "missing 'backcoach: 1' (the format version); add it as the first line",
            )
            return True
        node = top["backcoach"][1]
        value = str(node.value) if isinstance(node, ScalarNode) else ""
        if isinstance(node, ScalarNode) and scalar_tag(node) == INT and _WHOLE.match(value):
            number = int(value)
            if number == FORMAT_VERSION:
                return True
            if number > FORMAT_VERSION:
                self.error(
                    node,
                    "backcoach",
                    f"made for a newer backcoach (format {number}); this version reads "
                    f"format {FORMAT_VERSION}",
                )
                return False
        self.error(
            node, "backcoach", f"expected the format version {FORMAT_VERSION}, got {_show(node)}"
        )
        return True

    # -- exercises ---------------------------------------------------------

    def exercises(self, top: Items) -> dict[str, Exercise]:
        out: dict[str, Exercise] = {}
        if "exercises" not in top:
            return out
        items = self.mapping(
            top["exercises"][1], "exercises", "a mapping of exercise id -> exercise"
        )
        if items is None:
            return out
        self.own_ids.update(items)
        for ex_id, (_, vnode) in items.items():
            exercise = self.exercise(ex_id, vnode, f"exercises.{ex_id}")
            if exercise is not None:
                out[ex_id] = exercise
        return out

    def exercise(self, ex_id: str, node: Node, path: str) -> Exercise | None:
        items = self.mapping(node, path, "an exercise (a mapping with name, how, image...)")
        if items is None:
            return None
        before = len(self.issues)
        self.unknown(items, EXERCISE_KEYS, path)
        name = self.optional_text(items, "name", path)
        if "name" not in items:
            self.error(node, path, "missing 'name': the exercise's name, spoken and shown")
        how = self.optional_text(items, "how", path) or ""
        careful = self.optional_text(items, "careful", path) or ""
        images: list[Path] = []
        if "image" in items and "images" in items:
            self.error(
                items["images"][0], path, "use either image (one) or images (a list), not both"
            )
        elif "image" in items:
            found = self.image(items["image"][1], f"{path}.image")
            images += [found] if found else []
        elif "images" in items:
            nodes = self.sequence(
                items["images"][1], f"{path}.images", "[images/bridge-0.jpg, images/bridge-1.jpg]"
            )
            if nodes is not None and not nodes:
                self.error(items["images"][1], f"{path}.images", "the list of images is empty")
            for i, inode in enumerate(nodes or []):
                found = self.image(inode, f"{path}.images[{i}]")
                images += [found] if found else []
        muscles: tuple[str, ...] = ()
        if "muscles" in items:
            muscles = self.words(items["muscles"][1], f"{path}.muscles", "[hamstrings]") or ()
        if len(self.issues) > before or name is None:
            return None
        return Exercise(ex_id, name, how, careful, tuple(images), muscles)

    def image(self, node: Node, path: str) -> Path | None:
        value = self.text(node, path, "an image path like images/bridge-0.jpg")
        if value is None:
            return None
        example = "write it relative to this file's folder, like images/bridge-0.jpg"
        if _DRIVE.match(value) or value.startswith(("/", "\\")) or PureWindowsPath(value).anchor:
            self.error(node, path, f"{value!r} is an absolute path; {example}")
            return None
        if _URL.match(value):
            self.error(node, path, f"{value!r} is a web address; images must be files, {example}")
            return None
        parts = re.split(r"[\\/]", value)
        if ".." in parts:
            self.error(
                node,
                path,
                f"{value!r} leaves this file's folder (..); put the image in this folder "
                "or below it",
            )
            return None
        if not value.lower().endswith(IMAGE_SUFFIXES):
            self.error(
                node,
                path,
                f"expected a PNG, JPEG or SVG image (.png, .jpg, .jpeg, .svg), got {value!r}",
            )
            return None
        relative = Path(*[p for p in parts if p not in ("", ".")])
        for base in (self.folder, self.assets):
            candidate = base / relative
            if candidate.is_file():
                try:
                    inside = candidate.resolve().is_relative_to(base.resolve())
                except OSError:
                    inside = False
                if inside:
                    return candidate.absolute()
        self.error(
            node,
            path,
            f"image {value!r} not found (looked in this file's folder and in the app's assets)",
        )
        return None

    # -- the routine -------------------------------------------------------

    def routine(
        self, top: Items, root: Node, title: str, own: dict[str, Exercise], sha: str
    ) -> Routine | None:
        summary = self.optional_text(top, "summary") or ""
        author = self.optional_text(top, "author") or ""
        level = self.choice(top["level"][1], "level", LEVELS) if "level" in top else None
        kind = self.choice(top["kind"][1], "kind", KINDS) if "kind" in top else "routine"
        tags: tuple[str, ...] = ()
        if "tags" in top:
            tags = self.words(top["tags"][1], "tags", "[hamstrings, glutes]") or ()
        prescribed = self.prescribed(top["prescribed"][1]) if "prescribed" in top else None
        defaults = self.defaults(top["defaults"][1]) if "defaults" in top else {}
        questions = self.questions(top["before_you_start"][1]) if "before_you_start" in top else ()
        steps: list[Step] = []
        if "steps" not in top:
            self.error(
                root,
                "",
                "missing 'steps': the list of exercises and rests of the routine "
                "(a file with exercises and no steps is an exercise library)",
            )
        else:
            steps = self.steps(top["steps"][1], defaults, own)
        flare = self.flare(top["flare"][1], steps) if "flare" in top else None
        if self.issues:
            return None
        used = dict(own)
        for step in steps:
            if isinstance(step, ExerciseStep):
                used.setdefault(step.exercise.id, step.exercise)
        return Routine(
            id=self.path.stem,
            title=title,
            steps=tuple(steps),
            path=self.path,
            sha256=sha,
            summary=summary,
            author=author,
            level=level,  # type: ignore[arg-type]
            tags=tags,
            prescribed=prescribed,
            kind=kind or "routine",  # type: ignore[arg-type]
            before_you_start=questions,
            flare=flare,
            exercises=used,
        )

    def prescribed(self, node: Node) -> Prescribed | None:
        value = self.text(node, "prescribed", "N/day or N/week")
        if value is None:
            return None
        match = _PRESCRIBED.match(value)
        if match is None or int(match.group(1)) < 1:
            self.error(
                node,
                "prescribed",
                "expected N/day or N/week with N a whole number of at least 1 "
                f"(like 1/day or 3/week), got {_show(node)}",
            )
            return None
        return Prescribed(int(match.group(1)), match.group(2))  # type: ignore[arg-type]

    def defaults(self, node: Node) -> dict[str, tuple[float, Node]]:
        out: dict[str, tuple[float, Node]] = {}
        items = self.mapping(node, "defaults", "a mapping like {rest: 15s}")
        if items is None:
            return out
        for key, (knode, vnode) in items.items():
            if key not in DEFAULT_KEYS:
                hint = did_you_mean(key, DEFAULT_KEYS)
                if hint and key not in STEP_KEYS:
                    message = f"unknown key '{key}'{hint}"
                else:
                    what = "cannot have a default" if key in STEP_KEYS else "is not a step pause"
                    message = f"'{key}' {what}; defaults may set rest, relax, switch and rep_time"
                self.error(knode, "defaults", message)
                self.forbid_tags(vnode, "defaults")
                continue
            seconds = self.duration(vnode, f"defaults.{key}", pause=key != "rep_time")
            if seconds is not None:
                out[key] = (seconds, vnode)
        return out

    def questions(self, node: Node) -> tuple[Question, ...]:
        nodes = self.sequence(node, "before_you_start", "[{ask: ..., if_yes: stop, advice: ...}]")
        out: list[Question] = []
        for i, qnode in enumerate(nodes or []):
            path = f"before_you_start[{i}]"
            items = self.mapping(qnode, path, "a question like {ask: ..., if_yes: note}")
            if items is None:
                continue
            self.unknown(items, QUESTION_KEYS, path)
            ask = self.optional_text(items, "ask", path)
            if_yes = (
                self.choice(items["if_yes"][1], f"{path}.if_yes", IF_YES)
                if "if_yes" in items
                else None
            )
            advice = self.optional_text(items, "advice", path)
            if "ask" not in items:
                self.error(qnode, path, "missing 'ask': the question put to the patient")
            if "if_yes" not in items:
                self.error(qnode, path, f"missing 'if_yes': what a yes does ({_join(IF_YES)})")
            if if_yes == "stop" and "advice" not in items:
                self.error(
                    items["if_yes"][1],
                    f"{path}.if_yes",
                    "'stop' needs 'advice': what the patient should do instead of exercising",
                )
            if ask is not None and if_yes is not None:
                out.append(Question(ask, if_yes, advice))  # type: ignore[arg-type]
        return tuple(out)

    def flare(self, node: Node, steps: list[Step]) -> Flare | None:
        items = self.mapping(node, "flare", "a mapping like {scale: 0.5, skip: [plank]}")
        if items is None:
            return None
        self.unknown(items, FLARE_KEYS, "flare")
        scale = 1.0
        if "scale" in items:
            snode = items["scale"][1]
            value = str(snode.value) if isinstance(snode, ScalarNode) else ""
            ok = (
                isinstance(snode, ScalarNode)
                and scalar_tag(snode) in (INT, FLOAT)
                and _NUMBER.match(value) is not None
                and 0 < float(value) <= 1
            )
            if ok:
                scale = float(value)
            else:
                self.error(
                    snode,
                    "flare.scale",
                    f"expected a number more than 0 and at most 1 (0.5 halves holds, "
                    f"durations and reps), got {_show(snode)}",
                )
        skip: list[str] = []
        if "skip" in items:
            snode = items["skip"][1]
            nodes = self.sequence(snode, "flare.skip", "[plank, bridges]")
            ids = list(self.step_ids)
            for i, inode in enumerate(nodes or []):
                step_id = self.text(inode, f"flare.skip[{i}]", "a step id")
                if step_id is None:
                    continue
                if step_id not in ids:
                    hint = did_you_mean(step_id, ids) or (
                        f"; the step ids are {', '.join(ids)}"
                        if ids
                        else "; no step has an id yet (give the step 'id: NAME' first)"
                    )
                    self.error(inode, f"flare.skip[{i}]", f"no step has the id '{step_id}'{hint}")
                skip.append(step_id)
            left = [s for s in steps if isinstance(s, ExerciseStep) and s.id not in skip]
            if steps and not left and not self.issues:
                self.error(snode, "flare.skip", "leaves no exercise to do on a flare day")
        return Flare(scale=scale, skip=tuple(skip))

    # -- steps -------------------------------------------------------------

    def steps(
        self, node: Node, defaults: dict[str, tuple[float, Node]], own: dict[str, Exercise]
    ) -> list[Step]:
        nodes = self.sequence(node, "steps", "[{exercise: ..., hold: 30s}, {rest: 1m}]")
        if nodes is None:
            return []
        if not nodes:
            self.error(node, "steps", "a routine needs at least one step")
            return []
        out: list[Step] = []
        ids = self.step_ids
        for i, snode in enumerate(nodes):
            path = f"steps[{i}]"
            items = self.mapping(snode, path, "a step (a mapping with exercise: or rest:)")
            if items is None:
                continue
            step: Step | None
            if "exercise" in items:
                step = self.exercise_step(items, snode, path, defaults, own)
            elif "rest" in items:
                step = self.rest_step(items, path)
            else:
                self.unknown(items, STEP_KEYS, path)
                self.error(
                    snode,
                    path,
                    "a step needs 'exercise:' (an exercise id) or 'rest:' (a pause, like 1m)",
                )
                step = None
            if "id" in items:
                step_id = self.text(items["id"][1], f"{path}.id", "a step id")
                if step_id is not None and step_id in ids:
                    self.error(
                        items["id"][1],
                        f"{path}.id",
                        f"'{step_id}' is already the id of steps[{ids[step_id]}]; ids must be unique",
                    )
                elif step_id is not None:
                    ids[step_id] = i
            if step is not None:
                out.append(step)
        return out

    def rest_step(self, items: Items, path: str) -> RestStep | None:
        for key, (knode, _) in items.items():
            if key in REST_STEP_KEYS:
                continue
            if key in STEP_KEYS:
                self.error(
                    knode,
                    path,
                    f"'{key}' belongs to an exercise step; a rest step has only rest, say and id "
                    "(add 'exercise:' if this step is an exercise)",
                )
            else:
                self.unknown({key: items[key]}, REST_STEP_KEYS, path)
        rest = self.duration(items["rest"][1], f"{path}.rest")
        say = self.optional_text(items, "say", path)
        step_id = self.optional_text(items, "id", path)
        if rest is None:
            return None
        return RestStep(rest=rest, say=say, id=step_id)

    def exercise_step(
        self,
        items: Items,
        node: Node,
        path: str,
        defaults: dict[str, tuple[float, Node]],
        own: dict[str, Exercise],
    ) -> ExerciseStep | None:
        before = len(self.issues)
        self.unknown(items, STEP_KEYS, path)
        exercise = self.step_exercise(items["exercise"][1], f"{path}.exercise", own)

        def dur(key: str, pause: bool = False) -> float | None:
            return (
                self.duration(items[key][1], f"{path}.{key}", pause=pause) if key in items else None
            )

        hold = dur("hold")
        duration = dur("duration")
        rep_time = dur("rep_time")
        reps = self.whole(items["reps"][1], f"{path}.reps") if "reps" in items else 1
        sets = self.whole(items["sets"][1], f"{path}.sets") if "sets" in items else 1
        sides = (
            self.choice(items["sides"][1], f"{path}.sides", SIDES) if "sides" in items else "none"
        )
        relax, switch, rest = dur("relax", True), dur("switch", True), dur("rest", True)
        say = self.optional_text(items, "say", path)

        def key_node(key: str) -> Node:
            return items[key][0]

        has = items.__contains__
        if has("hold") and has("duration"):
            self.error(key_node("duration"), path, "use either hold or duration, not both")
        if has("duration") and has("reps"):
            self.error(
                key_node("reps"),
                path,
                "a duration step is one continuous period and takes no reps "
                "(for repeated holds, use hold with reps)",
            )
        if has("rep_time") and has("hold"):
            self.error(
                key_node("rep_time"),
                path,
                "rep_time paces movements; a hold step is paced by hold and relax "
                "(remove rep_time)",
            )
        if has("rep_time") and has("duration"):
            self.error(
                key_node("rep_time"),
                path,
                "rep_time paces reps; a duration step runs for its duration (remove rep_time)",
            )
        typo = any(k not in STEP_KEYS for k in items)  # e.g. hold_time: reported above
        if not (has("hold") or has("duration") or has("reps")) and not typo:
            if has("rep_time"):
                self.error(key_node("rep_time"), path, "rep_time needs reps: how many movements")
            else:
                self.error(
                    node,
                    path,
                    "an exercise step needs one of hold (a stretch or hold, like 30s), "
                    "duration (a continuous activity, like 2m) or reps (movements, like 10)",
                )
        if has("relax") and not has("hold"):
            self.error(
                key_node("relax"), path, "relax is the pause between holds; this step has no hold"
            )
        if has("switch") and sides != "each":
            self.error(
                key_node("switch"),
                path,
                "switch is the pause to change sides; it only applies with sides: each",
            )
        if not has("hold") and not has("duration") and rep_time is None and "rep_time" in defaults:
            rep_time = defaults["rep_time"][0]
        period, period_name = self.period(hold, duration, reps, rep_time, has("reps"))
        cues = (
            self.cues(items["cues"][1], f"{path}.cues", period, period_name) if has("cues") else ()
        )
        if len(self.issues) > before or exercise is None:
            return None
        if reps is None or sets is None or sides is None:
            return None
        return ExerciseStep(
            exercise=exercise,
            id=self.optional_text(items, "id", path),
            hold=hold,
            reps=reps,
            rep_time=rep_time if hold is None and duration is None else None,
            duration=duration,
            sets=sets,
            sides=sides,  # type: ignore[arg-type]
            relax=relax if relax is not None else defaults.get("relax", (DEFAULT_RELAX,))[0],
            switch=switch if switch is not None else defaults.get("switch", (DEFAULT_SWITCH,))[0],
            rest=rest if rest is not None else defaults.get("rest", (DEFAULT_REST,))[0],
            say=say,
            cues=cues,
        )

    @staticmethod
    def period(
        hold: float | None,
        duration: float | None,
        reps: int | None,
        rep_time: float | None,
        has_reps: bool,
    ) -> tuple[float | None, str]:
        """The length of the period cues run in, and its name for messages."""
        if hold is not None:
            return hold, f"{format_duration(hold)} hold"
        if duration is not None:
            return duration, f"{format_duration(duration)} duration"
        if has_reps and reps is not None and rep_time is not None:
            length = reps * rep_time
            return (
                length,
                f"{format_duration(length)} set ({reps} reps x {format_duration(rep_time)})",
            )
        return None, "self-paced set of reps"

    def step_exercise(self, node: Node, path: str, own: dict[str, Exercise]) -> Exercise | None:
        ex_id = self.text(node, path, "an exercise id")
        if ex_id is None:
            return None
        found = own.get(ex_id) or self.catalog.find(ex_id)
        if found is None and ex_id not in self.own_ids:
            known = list(dict.fromkeys([*own, *self.catalog.ids()]))
            self.error(
                node,
                path,
                f"unknown exercise '{ex_id}'{did_you_mean(ex_id, known)} "
                f"(looked in {self.catalog.describe()})",
            )
        return found

    def cues(
        self, node: Node, path: str, period: float | None, period_name: str
    ) -> tuple[Cue, ...]:
        nodes = self.sequence(node, path, "[{at: 10s, say: Breathe out}]")
        out: list[Cue] = []
        for i, cnode in enumerate(nodes or []):
            cpath = f"{path}[{i}]"
            items = self.mapping(cnode, cpath, "a cue like {at: 10s, say: Breathe out}")
            if items is None:
                continue
            before = len(self.issues)
            self.unknown(items, CUE_KEYS, cpath)
            positions = [k for k in items if k in CUE_POSITIONS]
            actions = [k for k in items if k in CUE_ACTIONS]
            if not positions:
                self.error(
                    cnode,
                    cpath,
                    "a cue needs a position: at (like 10s, or half), before_end or every",
                )
            for extra in positions[1:]:
                self.error(
                    items[extra][0],
                    cpath,
                    f"a cue has one position; this one already has {positions[0]}",
                )
            if not actions:
                self.error(cnode, cpath, "a cue needs something to do: say, show or sound")
            at: float | None = None
            at_half = False
            before_end = every = None
            if "at" in items:
                anode = items["at"][1]
                if isinstance(anode, ScalarNode) and anode.value == "half":
                    at_half = True
                else:
                    at = self.duration(anode, f"{cpath}.at")
            if "before_end" in items:
                before_end = self.duration(items["before_end"][1], f"{cpath}.before_end")
            if "every" in items:
                every = self.duration(items["every"][1], f"{cpath}.every")
            say = self.optional_text(items, "say", cpath)
            show = self.optional_text(items, "show", cpath)
            sound = (
                self.choice(items["sound"][1], f"{cpath}.sound", SOUNDS)
                if "sound" in items
                else None
            )
            if len(self.issues) == before:
                self.cue_fits(items, cpath, period, period_name, at, at_half, before_end, every)
            if len(self.issues) == before:
                out.append(Cue(at, at_half, before_end, every, say, show, sound))  # type: ignore[arg-type]
        return tuple(out)

    def cue_fits(
        self,
        items: Items,
        path: str,
        period: float | None,
        name: str,
        at: float | None,
        at_half: bool,
        before_end: float | None,
        every: float | None,
    ) -> None:
        """A cue that could never be heard is a mistake the therapist wants to know about."""
        if period is None:
            if at_half or before_end is not None:
                key = "at" if at_half else "before_end"
                self.error(
                    items[key][1],
                    f"{path}.{key}",
                    "a self-paced set of reps has no known end; use at or every "
                    "(or give the step a rep_time)",
                )
            return
        if at is not None and at >= period:
            self.error(
                items["at"][1],
                f"{path}.at",
                f"{format_duration(at)} is at or after the end of the {name}",
            )
        if before_end is not None and before_end >= period:
            self.error(
                items["before_end"][1],
                f"{path}.before_end",
                f"{format_duration(before_end)} before the end is at or before the start of the {name}",
            )
        if every is not None and every >= period:
            self.error(
                items["every"][1],
                f"{path}.every",
                f"every {format_duration(every)} never comes within the {name}",
            )
