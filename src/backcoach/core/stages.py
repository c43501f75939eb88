"""Stages: the progression a therapist writes, applied to the steps.

`stage_steps(routine, n)` is the routine's steps at stage n (1-based): the
changes of stages 2..n applied in turn, so they accumulate. The rule for
offering a move (on, or back) lives in `progression`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from backcoach.core.routine import ExerciseStep, Routine, Step

_INTS = ("reps", "sets")


class StageError(ValueError):
    """A stage number the routine does not have."""


def apply_change(step: Step, values: dict[str, float]) -> Step:
    """`step` with a stage's dose values (keys its kind takes, see stages_check.dose_keys)."""
    fields = {k: (int(v) if k in _INTS else v) for k, v in values.items()}
    return dataclasses.replace(step, **fields)  # type: ignore[arg-type]


def check_stage(routine: Routine, number: int) -> None:
    """Raise StageError unless `number` is one of the routine's stages (1 without any)."""
    count = max(1, len(routine.stages))
    if not 1 <= number <= count:
        if not routine.stages:
            raise StageError(f"this routine has no stages (asked for stage {number})")
        raise StageError(f"this routine has stages 1 to {count}, not {number}")


def stage_steps(routine: Routine, number: int) -> tuple[Step, ...]:
    """The steps at stage `number` (1-based; 1 is the steps as written)."""
    check_stage(routine, number)
    by_id: dict[str, dict[str, float]] = {}
    for stage in routine.stages[1:number]:
        for change in stage.changes:
            by_id.setdefault(change.step_id, {}).update(change.values())
    if not by_id:
        return routine.steps
    return tuple(
        apply_change(step, by_id[step.id]) if step.id is not None and step.id in by_id else step
        for step in routine.steps
    )


@dataclass(frozen=True)
class DoseChange:
    """One step whose dose changes from one stage to the next."""

    index: int
    before: Step
    after: Step
    keys: tuple[str, ...]


def changes_between(routine: Routine, old: int, new: int) -> list[DoseChange]:
    """The steps whose dose differs between stage `old` and stage `new`."""
    before, after = stage_steps(routine, old), stage_steps(routine, new)
    out: list[DoseChange] = []
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if a == b:
            continue
        keys = tuple(
            f.name for f in dataclasses.fields(a) if getattr(a, f.name) != getattr(b, f.name)
        )
        out.append(DoseChange(i, a, b, keys))
    return out


def step_name(step: Step) -> str:
    return step.exercise.name if isinstance(step, ExerciseStep) else (step.say or "Rest")
