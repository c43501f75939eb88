"""The format's limits, and the size of a session worked out without building it.

A routine is something a person does: a session of at most `MAX_SESSION_SECONDS`,
steps with at most `MAX_REPS` reps and `MAX_SETS` sets, cues at most once a
second. `plan_size` counts a plan's segments and seconds from the steps alone
(the same rules as `plan.build_plan`), so the checker can refuse a routine
whose session is too long and `build_plan` never expands one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backcoach.core.durations import format_duration
from backcoach.core.routine import Cue, ExerciseStep, RestStep, Step

GET_READY_SECONDS = 5.0
"""The countdown every session opens with (it counts in the session's length)."""
MAX_SESSION_SECONDS = 4 * 60 * 60
"""A whole session (get-ready, work and pauses), on a flare day and at every stage."""
MAX_SEGMENTS = 5000
"""Parts of a session (each hold, relax, set and rest is one)."""
MAX_STEPS = 200
MAX_EXERCISES = 500
"""Exercises defined in one file."""
MAX_REPS = 100
MAX_SETS = 20
MIN_EVERY = 1.0
"""A repeating cue comes at most once a second."""
MAX_CUES = 120
"""Cues heard in one hold, duration or set (an `every` cue counts each time)."""
SELF_PACED_HORIZON = 600.0
"""A self-paced set has no known end: its `every` cues are placed over 10 minutes."""
MAX_IMAGE_PATH = 1000
"""Characters in an image path."""
MAX_DIGITS = 9
"""A whole number with more digits is out of range whatever it counts."""
MAX_WHOLE: int = 10**MAX_DIGITS - 1


class PlanTooLong(ValueError):
    """A routine whose session is past the limits (the checker refuses such files)."""


@dataclass(frozen=True)
class Size:
    """How many segments a (part of a) plan has and the seconds they last (known ones)."""

    segments: int = 0
    seconds: float = 0.0

    def __add__(self, other: Size) -> Size:
        return Size(self.segments + other.segments, self.seconds + other.seconds)

    @property
    def too_long(self) -> bool:
        return self.seconds > MAX_SESSION_SECONDS or self.segments > MAX_SEGMENTS


def cue_firings(cues: tuple[Cue, ...], length: float | None) -> int:
    """How many times `cues` are heard in one period of `length` seconds (None: self-paced)."""
    horizon = length if length is not None else SELF_PACED_HORIZON
    count = 0
    for cue in cues:
        if cue.every is not None:
            if cue.every <= 0 or not math.isfinite(cue.every):
                return MAX_WHOLE
            count += max(0, math.ceil((horizon - 1e-9) / cue.every) - 1)
        else:
            count += 1
    return count


def _work(step: ExerciseStep) -> tuple[int, float]:
    """(segments, seconds) of one set of the step on one side (or both, alternating)."""
    turns = 2 if step.sides == "alternate" else 1
    if step.hold is not None:
        holds = step.reps * turns
        return 2 * holds - 1, holds * step.hold + (holds - 1) * step.relax
    if step.duration is not None:
        return 1, step.duration
    length = 0.0 if step.rep_time is None else step.reps * turns * step.rep_time
    return 1, length


def _step_parts(step: Step, nxt: Step | None) -> tuple[int, float]:
    """(segments, seconds) of one step in a plan, the rest before `nxt` included.

    Plain numbers, not `Size`: the checker adds these up for every stage and
    flare day of every file it reads.
    """
    if isinstance(step, RestStep):
        return 1, step.rest
    sides = 2 if step.sides == "each" else 1
    work_segments, work_seconds = _work(step)
    between_sets = step.sets - 1 if step.rest > 0 else 0
    segments = (work_segments * step.sets + between_sets) * sides + sides - 1
    seconds = (work_seconds * step.sets + between_sets * step.rest) * sides
    seconds += (sides - 1) * step.switch
    if nxt is not None and not isinstance(nxt, RestStep) and step.rest > 0:
        segments += 1
        seconds += step.rest
    return segments, seconds


def step_size(step: Step, nxt: Step | None) -> Size:
    """The segments of one step in a plan, the rest before `nxt` included."""
    return Size(*_step_parts(step, nxt))


def first_too_long(steps: tuple[Step, ...], get_ready: float) -> tuple[int, Size] | None:
    """(index of the step that takes the session past the limits, whole size), or None."""
    segments, seconds = (1, get_ready) if steps else (0, 0.0)
    over: int | None = None
    last = len(steps) - 1
    for i, step in enumerate(steps):
        more_segments, more_seconds = _step_parts(step, steps[i + 1] if i < last else None)
        segments += more_segments
        seconds += more_seconds
        if over is None and (seconds > MAX_SESSION_SECONDS or segments > MAX_SEGMENTS):
            over = i
    return None if over is None else (over, Size(segments, seconds))


def describe_size(size: Size) -> str:
    """What is too much about a session, for messages: its length or its parts."""
    if size.seconds > MAX_SESSION_SECONDS:
        return (
            f"would last {format_duration(size.seconds)}; a session is at most "
            f"{format_duration(MAX_SESSION_SECONDS)}"
        )
    return (
        f"would have {size.segments:,} parts (each hold, relax, set and rest is one); "
        f"a session has at most {MAX_SEGMENTS:,}"
    )
