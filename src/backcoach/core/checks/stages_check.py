"""Checks for `stages:`, a progression the therapist writes.

The first stage is the steps as written (only `name`); each later one has
`name`, `after` (completed sessions of the stage before) and `change`: step
id -> dose keys. Changes accumulate, and every change must leave its step
valid: a stage changes the dose of a step, never its kind (no `hold` on a
`duration` step), and the step's cues must still fall inside its hold.
"""

from __future__ import annotations

from yaml.nodes import Node

from backcoach.core.checks.keys import STEP_KEYS
from backcoach.core.checks.node_checks import NodeReader, did_you_mean, join_or
from backcoach.core.durations import format_duration
from backcoach.core.limits import MAX_CUES, MAX_REPS, MAX_SETS, cue_firings
from backcoach.core.routine import (
    STAGE_CHANGE_KEYS,
    ExerciseStep,
    RestStep,
    Stage,
    Step,
    StepChange,
)
from backcoach.core.stages import apply_change

STAGE_KEYS = ("name", "after", "change")
STAGES_EXAMPLE = "[{name: Weeks 1-2}, {name: Weeks 3-4, after: 6, change: {bridges: {reps: 12}}}]"
_INTS = ("reps", "sets")


def _whole(value: float | None) -> int | None:
    """A count read as a number (`_INTS`), as the int a StepChange holds."""
    return None if value is None else int(value)


def dose_keys(step: Step) -> tuple[str, ...]:
    """The keys a stage may change in `step`: its dose, not its kind."""
    if isinstance(step, RestStep):
        return ("rest",)
    if step.mode == "hold":
        return ("hold", "reps", "sets", "relax", "rest")
    if step.mode == "timed":
        return ("duration", "sets", "rest")
    return ("reps", "rep_time", "sets", "rest")


def step_kind(step: Step) -> str:
    if isinstance(step, RestStep):
        return "rest"
    return {"hold": "hold", "timed": "duration", "reps": "reps"}[step.mode]


def cue_period(step: ExerciseStep) -> float | None:
    """The length of one period the step's cues count in (None: self-paced)."""
    if step.hold is not None:
        return step.hold
    if step.duration is not None:
        return step.duration
    if step.rep_time is None:
        return None
    per_set = step.reps * (2 if step.sides == "alternate" else 1)
    return per_set * step.rep_time


def cue_misfit(step: ExerciseStep) -> str | None:
    """How the step's first cue that no longer fits its period is placed, or None."""
    period = cue_period(step)
    for cue in step.cues:
        if period is None:
            if cue.at_half or cue.before_end is not None:
                return (
                    "at half"
                    if cue.at_half
                    else f"{format_duration(cue.before_end or 0)} before the end"
                )
            continue
        if cue.at is not None and cue.at >= period:
            return f"at {format_duration(cue.at)}"
        if cue.before_end is not None and cue.before_end >= period:
            return f"{format_duration(cue.before_end)} before the end"
        if cue.every is not None and cue.every >= period:
            return f"every {format_duration(cue.every)}"
    return None


class StageChecks(NodeReader):
    """`stages:` against the steps already read."""

    def stages(self, node: Node, steps: list[Step]) -> tuple[Stage, ...]:
        nodes = self.sequence(node, "stages", STAGES_EXAMPLE)
        if nodes is None:
            return ()
        if len(nodes) < 2:
            self.error(
                node,
                "stages",
                "a progression needs at least 2 stages: the steps as written, then one "
                "that changes them",
            )
            return ()
        by_id: dict[str, Step] = {s.id: s for s in steps if s.id is not None}
        out: list[Stage] = []
        names: dict[str, int] = {}
        for i, snode in enumerate(nodes):
            stage = self.stage(snode, f"stages[{i}]", i, by_id, names)
            if stage is not None:
                out.append(stage)
        return tuple(out) if len(out) == len(nodes) else ()

    def stage(
        self, node: Node, path: str, i: int, by_id: dict[str, Step], names: dict[str, int]
    ) -> Stage | None:
        what = (
            "a stage like {name: Weeks 1-2}"
            if i == 0
            else "a stage like {name: ..., after: 6, change: {...}}"
        )
        items = self.mapping(node, path, what)
        if items is None:
            return None
        self.unknown(items, STAGE_KEYS, path)
        name = self.optional_text(items, "name", path)
        if "name" not in items:
            self.error(node, path, "missing 'name': what the patient sees, like Weeks 3-4")
        elif name is not None and name in names:
            self.error(
                items["name"][1],
                f"{path}.name",
                f"'{name}' is already the name of stages[{names[name]}]; names must be unique",
            )
        elif name is not None:
            names[name] = i
        if i == 0:
            for key in ("after", "change"):
                if key in items:
                    self.error(
                        items[key][0],
                        path,
                        f"the first stage is the steps as written; it has only a name "
                        f"(remove '{key}')",
                    )
            return Stage(name) if name is not None else None
        after = self.whole(items["after"][1], f"{path}.after") if "after" in items else None
        if "after" not in items:
            self.error(
                node,
                path,
                "missing 'after': how many completed sessions of the stage before lead to "
                "this one, like 6",
            )
        changes: tuple[StepChange, ...] | None = None
        if "change" not in items:
            self.error(
                node,
                path,
                "missing 'change': what this stage changes, by step id, like {bridges: {reps: 12}}",
            )
        else:
            changes = self.changes(items["change"][1], f"{path}.change", by_id)
        if name is None or after is None or changes is None:
            return None
        return Stage(name, after, changes)

    def changes(
        self, node: Node, path: str, by_id: dict[str, Step]
    ) -> tuple[StepChange, ...] | None:
        items = self.mapping(
            node, path, "a mapping of step id -> what changes, like {bridges: {reps: 12}}"
        )
        if items is None:
            return None
        if not items:
            self.error(
                node,
                path,
                "changes nothing; give a step id and what changes, like {bridges: {reps: 12}}",
            )
            return None
        before = len(self.issues)
        out: list[StepChange] = []
        nodes: dict[str, Node] = {}
        for step_id, (knode, vnode) in items.items():
            nodes[step_id] = vnode
            if step_id not in self.step_ids:
                hint = self.id_hint(step_id, list(self.step_ids))
                self.error(knode, path, f"no step has the id '{step_id}'{hint}")
                self.forbid_tags(vnode, path)
                continue
            change = self.step_change(step_id, vnode, f"{path}.{step_id}", by_id.get(step_id))
            if change is not None:
                out.append(change)
        if len(self.issues) > before:
            return None
        self.accumulate(out, by_id, nodes, path)
        return tuple(out)

    def step_change(
        self, step_id: str, node: Node, path: str, step: Step | None
    ) -> StepChange | None:
        items = self.mapping(node, path, "what changes in this step, like {reps: 12, sets: 3}")
        if items is None:
            return None
        if not items:
            self.error(node, path, "changes nothing; give what changes, like {reps: 12}")
            return None
        values: dict[str, float] = {}
        for key, (knode, vnode) in items.items():
            value = self.change_value(key, knode, vnode, path, step_id, step)
            if value is not None:
                values[key] = value
        if len(values) != len(items):
            return None
        return StepChange(
            step_id,
            hold=values.get("hold"),
            reps=_whole(values.get("reps")),
            sets=_whole(values.get("sets")),
            rep_time=values.get("rep_time"),
            duration=values.get("duration"),
            rest=values.get("rest"),
            relax=values.get("relax"),
        )

    def change_value(
        self, key: str, knode: Node, vnode: Node, path: str, step_id: str, step: Step | None
    ) -> float | None:
        if key not in STAGE_CHANGE_KEYS:
            hint = "" if key in STEP_KEYS else did_you_mean(key, STAGE_CHANGE_KEYS, keys=True)
            only = f"a stage changes only {join_or(STAGE_CHANGE_KEYS)}"
            if key in STEP_KEYS:
                message = f"'{key}' is not a dose; {only}"
            else:
                message = f"unknown key '{key}'{hint or '; ' + only}"
            self.error(knode, path, message)
            self.forbid_tags(vnode, path)
            return None
        if step is not None and key not in dose_keys(step):
            index = self.step_ids[step_id]
            self.error(
                knode,
                path,
                f"steps[{index}] is a {step_kind(step)} step; a stage changes its dose, not "
                f"its kind, so it takes {join_or(dose_keys(step))}, not '{key}'",
            )
            self.forbid_tags(vnode, path)
            return None
        if key in _INTS:
            most = MAX_REPS if key == "reps" else MAX_SETS
            whole = self.whole(vnode, f"{path}.{key}", 1, most)
            return None if whole is None else float(whole)
        return self.duration(vnode, f"{path}.{key}")

    def accumulate(
        self, changes: list[StepChange], by_id: dict[str, Step], nodes: dict[str, Node], path: str
    ) -> None:
        """Apply this stage's changes to the steps as they stand (earlier stages
        included) and check that each step's cues still fit."""
        for change in changes:
            step = by_id.get(change.step_id)
            if step is None:
                continue
            changed = apply_change(step, change.values())
            by_id[change.step_id] = changed
            if isinstance(changed, ExerciseStep):
                self.cues_still_fit(changed, nodes[change.step_id], f"{path}.{change.step_id}")

    def cues_still_fit(self, step: ExerciseStep, node: Node, path: str) -> None:
        """A stage's dose leaves the step's cues inside its period, and not too many."""
        assert step.id is not None
        index = self.step_ids[step.id]
        misfit = cue_misfit(step)
        if misfit is not None:
            self.error(
                node,
                path,
                f"leaves the cue {misfit} of steps[{index}] outside its "
                f"{format_period(step)}; change the cue or the dose",
            )
            return
        heard = cue_firings(step.cues, cue_period(step))
        if heard > MAX_CUES:
            self.error(
                node,
                path,
                f"makes the cues of steps[{index}] heard {heard:,} times in its "
                f"{format_period(step)}; at most {MAX_CUES} (change the cues or the dose)",
            )


def format_period(step: ExerciseStep) -> str:
    period = cue_period(step)
    if period is None:
        return "self-paced set of reps"
    if step.hold is not None:
        return f"{format_duration(period)} hold"
    if step.duration is not None:
        return f"{format_duration(period)} duration"
    return f"{format_duration(period)} set"
