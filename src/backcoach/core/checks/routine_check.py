"""Checks for a whole file: the top-level keys, a routine's settings, or a library.

`RoutineReader` combines the exercise and step checks with the top level:
the format version, title, level, kind, tags, prescribed, defaults,
before_you_start and flare. `read()` fills a `Reading`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from yaml.nodes import Node, ScalarNode

from backcoach.core.checks.exercises_check import ExerciseChecks
from backcoach.core.checks.keys import (
    DEFAULT_KEYS,
    FLARE_KEYS,
    LIBRARY_KEYS,
    QUESTION_KEYS,
    ROUTINE_ONLY_KEYS,
    STEP_KEYS,
    TOP_KEYS,
)
from backcoach.core.checks.node_checks import (
    NUMBER_RE,
    WHOLE_RE,
    Items,
    did_you_mean,
    join_or,
    show_value,
)
from backcoach.core.checks.stages_check import StageChecks
from backcoach.core.checks.steps_check import StepChecks
from backcoach.core.checks.yaml_nodes import FLOAT, INT, scalar_tag
from backcoach.core.flare import flare_steps
from backcoach.core.limits import GET_READY_SECONDS, MAX_DIGITS, describe_size, first_too_long
from backcoach.core.routine import (
    IF_YES,
    KINDS,
    LEVELS,
    Exercise,
    ExerciseLibrary,
    ExerciseStep,
    Flare,
    Prescribed,
    Question,
    RestStep,
    Routine,
    Step,
    is_if_yes,
    is_kind,
    is_level,
    is_per,
)
from backcoach.core.stages import stage_steps

FORMAT_VERSION = 1

_PRESCRIBED = re.compile(r"^\s*([0-9]+)\s*/\s*(day|week)\s*$")


@dataclass
class Reading:
    """What `RoutineReader.read` found (kept as far as it got if reading stops early)."""

    is_library: bool = False
    usable_exercises: dict[str, Exercise] = field(default_factory=dict)
    routine: Routine | None = None
    library: ExerciseLibrary | None = None


class RoutineReader(ExerciseChecks, StepChecks, StageChecks):
    """Reads one file's root node as a routine or an exercise library."""

    def read(self, root: Node | None, out: Reading, sha256: str) -> None:
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
        out.is_library = is_library
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
        meant = self.meant(top, TOP_KEYS)
        if title is None and not is_library and "title" not in top and "title" not in meant:
            self.error(root, "", "missing 'title': the routine's name, shown in the library")
        own = self.exercises(top)
        language = self.language(top)
        if is_library:
            out.usable_exercises = own
            if not self.issues:
                out.library = ExerciseLibrary(
                    id=self.path.stem,
                    exercises=own,
                    path=self.path,
                    title=title or "",
                    language=language,
                )
            self.optional_text(top, "summary")
            self.optional_text(top, "author")
            if "tags" in top:
                self.words(top["tags"][1], "tags", "[hamstrings, glutes]")
            return
        routine = self.routine(top, root, title or "", own, sha256)
        if routine is not None and not self.issues:
            out.routine = dataclasses.replace(routine, language=language)

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
        whole = scalar_tag(node) == INT and WHOLE_RE.match(value) and len(value) <= MAX_DIGITS
        if isinstance(node, ScalarNode) and whole:
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
            node,
            "backcoach",
            f"expected the format version {FORMAT_VERSION}, got {show_value(node)}",
        )
        return True

    def routine(
        self, top: Items, root: Node, title: str, own: dict[str, Exercise], sha: str
    ) -> Routine | None:
        summary = self.optional_text(top, "summary") or ""
        author = self.optional_text(top, "author") or ""
        level = self.choice(top["level"][1], "level", LEVELS) if "level" in top else None
        kind = self.choice(top["kind"][1], "kind", KINDS) if "kind" in top else None
        tags: tuple[str, ...] = ()
        if "tags" in top:
            tags = self.words(top["tags"][1], "tags", "[hamstrings, glutes]") or ()
        prescribed = self.prescribed(top["prescribed"][1]) if "prescribed" in top else None
        defaults = self.defaults(top["defaults"][1]) if "defaults" in top else {}
        questions = self.questions(top["before_you_start"][1]) if "before_you_start" in top else ()
        steps: list[Step] = []
        if "steps" not in top and "steps" not in self.meant(top, TOP_KEYS):
            self.error(
                root,
                "",
                "missing 'steps': the list of exercises and rests of the routine "
                "(a file with exercises and no steps is an exercise library)",
            )
        elif "steps" in top:
            steps = self.steps(top["steps"][1], defaults, own)
        if self.steps_refused:
            return None
        flare = self.flare(top["flare"][1], steps) if "flare" in top else None
        stages = self.stages(top["stages"][1], steps) if "stages" in top else ()
        if self.issues:
            return None
        used = dict(own)
        for step in steps:
            if isinstance(step, ExerciseStep):
                used.setdefault(step.exercise.id, step.exercise)
        routine = Routine(
            id=self.path.stem,
            title=title,
            steps=tuple(steps),
            path=self.path,
            sha256=sha,
            summary=summary,
            author=author,
            level=level if level is not None and is_level(level) else None,
            tags=tags,
            prescribed=prescribed,
            kind=kind if kind is not None and is_kind(kind) else "routine",
            before_you_start=questions,
            flare=flare,
            stages=stages,
            exercises=used,
        )
        return routine if self.session_fits(routine, top) else None

    def session_fits(self, routine: Routine, top: Items) -> bool:
        """The session is within the limits at every stage, on a flare day or not.

        The error points at the step that takes it past them (as written), the
        stage (a stage's doses), or `flare` (a flare day's skips and scale).
        """
        days = (False, True) if _flare_may_be_longer(routine) else (False,)
        for number in range(1, max(1, len(routine.stages)) + 1):
            staged = stage_steps(routine, number)
            for flare in days:
                steps = flare_steps(routine, staged) if flare else staged
                over = first_too_long(steps, GET_READY_SECONDS)
                if over is not None:
                    node, path, where = self.blame_session(top, number, flare, over[0])
                    self.error(node, path, f"{where}the session {describe_size(over[1])}")
                    return False
        return True

    @staticmethod
    def blame_session(top: Items, number: int, flare: bool, index: int) -> tuple[Node, str, str]:
        """(node, path, words) for a session past the limits at stage `number`."""
        day = "on a flare day " if flare else ""
        if number > 1:
            return (
                top["stages"][1].value[number - 1],
                f"stages[{number - 1}]",
                f"{day}at this stage ",
            )
        if flare:
            return top["flare"][1], "flare", day
        return top["steps"][1].value[index], f"steps[{index}]", ""

    def prescribed(self, node: Node) -> Prescribed | None:
        value = self.text(node, "prescribed", "N/day or N/week")
        if value is None:
            return None
        match = _PRESCRIBED.match(value)
        per = match.group(2) if match is not None else ""
        if (
            match is None
            or len(match.group(1)) > MAX_DIGITS
            or int(match.group(1)) < 1
            or not is_per(per)
        ):
            self.error(
                node,
                "prescribed",
                "expected N/day or N/week with N a whole number of at least 1 "
                f"(like 1/day or 3/week), got {show_value(node)}",
            )
            return None
        return Prescribed(int(match.group(1)), per)

    def defaults(self, node: Node) -> dict[str, tuple[float, Node]]:
        out: dict[str, tuple[float, Node]] = {}
        items = self.mapping(node, "defaults", "a mapping like {rest: 15s}")
        if items is None:
            return out
        for key, (knode, vnode) in items.items():
            if key not in DEFAULT_KEYS:
                hint = did_you_mean(key, DEFAULT_KEYS, keys=True)
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
            else:
                self.unreadable_defaults.add(key)
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
            urgent = self.urgent(items, path, if_yes)
            meant = self.meant(items, QUESTION_KEYS)
            if "ask" not in items and "ask" not in meant:
                self.error(qnode, path, "missing 'ask': the question put to the patient")
            if "if_yes" not in items and "if_yes" not in meant:
                self.error(qnode, path, f"missing 'if_yes': what a yes does ({join_or(IF_YES)})")
            if if_yes == "stop" and "advice" not in items:
                self.error(
                    items["if_yes"][1],
                    f"{path}.if_yes",
                    "'stop' needs 'advice': what the patient should do instead of exercising",
                )
            if ask is not None and if_yes is not None and is_if_yes(if_yes):
                out.append(Question(ask, if_yes, advice, urgent))
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
                and NUMBER_RE.match(value) is not None
                and 0 < float(value) <= 1
            )
            if ok:
                scale = float(value)
            else:
                self.error(
                    snode,
                    "flare.scale",
                    f"expected a number more than 0 and at most 1 (0.5 halves holds, "
                    f"durations and reps), got {show_value(snode)}",
                )
        skip: list[str] = []
        if "skip" in items:
            snode = items["skip"][1]
            nodes = self.sequence(snode, "flare.skip", "[plank, bridges]")
            ids = list(self.step_ids)
            known = set(ids)
            for i, inode in enumerate(nodes or []):
                step_id = self.text(inode, f"flare.skip[{i}]", "a step id")
                if step_id is None:
                    continue
                if step_id not in known:
                    hint = self.id_hint(step_id, ids)
                    self.error(inode, f"flare.skip[{i}]", f"no step has the id '{step_id}'{hint}")
                skip.append(step_id)
            skipped = set(skip)
            left = [s for s in steps if isinstance(s, ExerciseStep) and s.id not in skipped]
            if steps and not left and not self.issues:
                self.error(snode, "flare.skip", "leaves no exercise to do on a flare day")
        return Flare(scale=scale, skip=tuple(skip))


def _flare_may_be_longer(routine: Routine) -> bool:
    """Whether a flare day can take longer, or have more parts, than the same stage.

    A flare day scales holds, durations and reps down (0 < scale <= 1) and drops
    steps; dropping an exercise step never lengthens the rest of the session.
    Dropping a rest step can: the exercise before it then pauses for its own
    `rest` before the next one, which may be longer than the step it replaces.
    """
    if routine.flare is None:
        return False
    skip = set(routine.flare.skip)
    return any(isinstance(s, RestStep) and s.id in skip for s in routine.steps)
