"""A flare day's steps: skipped ids removed, holds, durations and reps scaled."""

from __future__ import annotations

import dataclasses
import math

from backcoach.core.routine import ExerciseStep, RestStep, Routine, Step


def flare_steps(routine: Routine, steps: tuple[Step, ...] | None = None) -> tuple[Step, ...]:
    """The routine's steps on a flare day: skipped ids removed, holds/durations/reps scaled.

    `steps` are the steps of the current stage (default: as written): a flare day
    applies `flare` on top of the stage.

    Reps are rounded up, never below 1; rep_time, rests and pauses are not scaled.
    Rest steps left at the end only because the exercises after them were
    skipped are dropped too (a session never ends on a pause the therapist
    put *between* exercises); a routine that itself ends with a rest step keeps it.
    """
    steps = routine.steps if steps is None else steps
    if routine.flare is None:
        return steps
    scale = routine.flare.scale
    skip = set(routine.flare.skip)
    out: list[Step] = []
    for step in steps:
        if step.id is not None and step.id in skip:
            continue
        if isinstance(step, ExerciseStep):
            step = dataclasses.replace(
                step,
                hold=None if step.hold is None else step.hold * scale,
                duration=None if step.duration is None else step.duration * scale,
                reps=max(1, math.ceil(step.reps * scale - 1e-9)),
            )
        out.append(step)
    # A rest step that only led into skipped exercises would now end the session.
    ended_by_skip = isinstance(routine.steps[-1], ExerciseStep) if routine.steps else False
    while ended_by_skip and out and isinstance(out[-1], RestStep):
        out.pop()
    return tuple(out)
