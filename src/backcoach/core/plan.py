"""Routine -> plan: the flat list of timed segments a session runs through.

The order rules are the format's (routine-format.md, "Steps"):
for each side, for each set, the reps (each hold followed by `relax`, except
the last of the set), then `rest` between sets; the `switch` pause between
sides; then `rest` before the next step (none after the last step, none before
a rest step). A get-ready countdown opens the session.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from backcoach.core.flare import flare_steps
from backcoach.core.limits import (
    GET_READY_SECONDS,
    MAX_CUES,
    PlanTooLong,
    cue_firings,
    describe_size,
    first_too_long,
)
from backcoach.core.routine import Cue, Exercise, ExerciseStep, RestStep, Routine, Sound, Step
from backcoach.core.stages import stage_steps

SegmentKind = Literal["get-ready", "hold", "relax", "reps", "timed", "switch", "rest"]
SEGMENT_KINDS: tuple[str, ...] = ("get-ready", "hold", "relax", "reps", "timed", "switch", "rest")

# Segments the patient works in; the others are pauses between them.
WORK_KINDS: frozenset[str] = frozenset({"hold", "reps", "timed"})


@dataclass(frozen=True)
class PlannedCue:
    """A routine cue placed at `offset` seconds into its segment."""

    offset: float
    say: str | None = None
    show: str | None = None
    sound: Sound | None = None


@dataclass(frozen=True)
class Segment:
    index: int
    kind: SegmentKind
    start: float
    """Seconds from the session start, counting only known durations before it."""
    duration: float | None
    """None for a self-paced set of reps (the patient presses Done)."""
    label: str
    step_index: int | None = None
    exercise: Exercise | None = None
    side: Literal["left", "right"] | None = None
    set: int | None = None
    sets: int | None = None
    rep: int | None = None
    reps: int | None = None
    """Holds in this set (hold), or movements in this set (reps)."""
    rep_time: float | None = None
    say: str | None = None
    cues: tuple[PlannedCue, ...] = ()
    step_id: str | None = None
    """The `id:` of the step this segment belongs to, if it has one."""
    alternate: bool = False
    """Part of a `sides: alternate` step: a hold on one side (side set), or a set of
    reps alternating left, right, ... (side None; `reps` is per side)."""

    @property
    def exercise_id(self) -> str | None:
        return self.exercise.id if self.exercise else None

    def side_at(self, elapsed: float) -> Literal["left", "right"] | None:
        """The side worked `elapsed` plan seconds into the segment.

        A paced set of alternating reps changes side every rep_time, starting
        left; a self-paced one has no side at any moment (None).
        """
        turn = self._turn(elapsed)
        if turn is None:
            return self.side
        return "left" if turn % 2 == 0 else "right"

    def rep_at(self, elapsed: float) -> int | None:
        """The rep (counted per side) worked `elapsed` seconds into a paced alternating set."""
        turn = self._turn(elapsed)
        return self.rep if turn is None else turn // 2 + 1

    def _turn(self, elapsed: float) -> int | None:
        """0, 1, 2... : which rep of a paced alternating set (None for other segments)."""
        if not (self.alternate and self.side is None and self.rep_time and self.reps):
            return None
        turn = math.floor(max(0.0, elapsed) / self.rep_time + 1e-9)
        return min(turn, 2 * self.reps - 1)

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS

    @property
    def after_step(self) -> bool:
        """The rest an exercise step is followed by (not a rest between its sets)."""
        return self.kind == "rest" and self.exercise is not None and self.set is None

    def to_json(self) -> dict[str, object]:
        return {
            "start": _round(self.start),
            "duration": None if self.duration is None else _round(self.duration),
            "kind": self.kind,
            "exercise": self.exercise_id,
            "id": self.step_id,
            "side": "alternate" if self.alternate and self.side is None else self.side,
            "set": self.set,
            "rep": self.rep,
            "label": self.label,
        }


@dataclass(frozen=True)
class Plan:
    title: str
    segments: tuple[Segment, ...]
    flare: bool = False
    steps: tuple[Step, ...] = ()
    """The steps that run (the stage's, after flare scaling and skipping), by step_index."""
    stage: int | None = None
    """The stage planned (1-based), None for a routine without stages."""
    stage_name: str = ""

    @property
    def total_seconds(self) -> float:
        return sum(s.duration for s in self.segments if s.duration is not None)

    @property
    def self_paced(self) -> bool:
        """Some steps are self-paced: their time is not in `total_seconds`."""
        return any(s.duration is None for s in self.segments)

    def to_json(self) -> dict[str, object]:
        stage = None if self.stage is None else {"index": self.stage, "name": self.stage_name}
        return {
            "title": self.title,
            "flare": self.flare,
            "stage": stage,
            "total_seconds": _round(self.total_seconds),
            "self_paced": self.self_paced,
            "segments": [s.to_json() for s in self.segments],
        }


def build_plan(routine: Routine, *, flare: bool = False, stage: int = 1) -> Plan:
    """The session of `routine` at `stage` (1-based), on a flare day or not.

    Raises stages.StageError for a stage the routine does not have, and
    limits.PlanTooLong for a session past the format's limits (the checker
    refuses such files; a routine built in code is measured before it is expanded).
    """
    staged = stage_steps(routine, stage)
    steps = flare_steps(routine, staged) if flare else staged
    over = first_too_long(steps, GET_READY_SECONDS)
    if over is not None:
        raise PlanTooLong(f"{routine.title}: the session {describe_size(over[1])}")
    builder = _Builder()
    if steps:
        builder.add("get-ready", GET_READY_SECONDS, "Get ready")
    for i, step in enumerate(steps):
        nxt = steps[i + 1] if i + 1 < len(steps) else None
        builder.step_id = step.id
        if isinstance(step, RestStep):
            builder.add("rest", step.rest, "Rest", step_index=i, say=step.say)
            continue
        _add_exercise_step(builder, step, i)
        if nxt is not None and not isinstance(nxt, RestStep) and step.rest > 0:
            builder.add("rest", step.rest, "Rest", step_index=i, exercise=step.exercise)
    named = routine.stages[stage - 1].name if routine.stages else ""
    return Plan(
        routine.title,
        tuple(builder.segments),
        flare=flare,
        steps=steps,
        stage=stage if routine.stages else None,
        stage_name=named,
    )


def _add_exercise_step(b: _Builder, step: ExerciseStep, i: int) -> None:
    if step.sides == "alternate":
        _add_alternating_step(b, step, i)
        return
    ex = step.exercise
    cues = _place_cues(step.cues, _period(step))
    sides: list[Literal["left", "right"] | None]
    sides = {"none": [None], "each": ["left", "right"], "left": ["left"], "right": ["right"]}[
        step.sides
    ]  # type: ignore[assignment]
    first = True
    for side_no, side in enumerate(sides):
        if side_no > 0:
            b.add(
                "switch",
                step.switch,
                f"Switch to the {side} side",
                step_index=i,
                exercise=ex,
                side=side,
            )
        for set_no in range(1, step.sets + 1):
            common = {
                "step_index": i,
                "exercise": ex,
                "side": side,
                "set": set_no,
                "sets": step.sets,
            }
            if set_no > 1 and step.rest > 0:
                b.add("rest", step.rest, "Rest between sets", **common)
            say = step.say if first else None
            first = False
            where = _where(side, set_no, step.sets)
            if step.hold is not None:
                for rep in range(1, step.reps + 1):
                    rep_text = f", hold {rep} of {step.reps}" if step.reps > 1 else ""
                    b.add(
                        "hold",
                        step.hold,
                        f"{ex.name}{where}{rep_text}",
                        rep=rep,
                        reps=step.reps,
                        say=say if rep == 1 else None,
                        cues=cues,
                        **common,
                    )
                    if rep < step.reps:
                        b.add("relax", step.relax, "Relax", rep=rep, reps=step.reps, **common)
            elif step.duration is not None:
                b.add(
                    "timed",
                    step.duration,
                    f"{ex.name}{where}",
                    say=say,
                    cues=cues,
                    **common,
                )
            else:
                length = None if step.rep_time is None else step.reps * step.rep_time
                b.add(
                    "reps",
                    length,
                    f"{ex.name}{where}, {step.reps} reps",
                    reps=step.reps,
                    rep_time=step.rep_time,
                    say=say,
                    cues=cues,
                    **common,
                )


def _add_alternating_step(b: _Builder, step: ExerciseStep, i: int) -> None:
    """`sides: alternate`: reps alternate left, right, ... starting left, `reps` per side.

    Holds: each rep a hold on one side, `relax` (not `switch`) between them except
    after the last of the set. Reps: one set of 2 x reps, paced by rep_time (the
    side changes every rep) or self-paced (one Done ends the set).
    """
    ex = step.exercise
    cues = _place_cues(step.cues, _period(step))
    for set_no in range(1, step.sets + 1):
        common = {"step_index": i, "exercise": ex, "set": set_no, "sets": step.sets}
        if set_no > 1 and step.rest > 0:
            b.add("rest", step.rest, "Rest between sets", **common)
        say = step.say if set_no == 1 else None
        sets_text = f", set {set_no} of {step.sets}" if step.sets > 1 else ""
        if step.hold is None:
            length = None if step.rep_time is None else 2 * step.reps * step.rep_time
            b.add(
                "reps",
                length,
                f"{ex.name} — alternating sides{sets_text}, {step.reps} reps each side",
                reps=step.reps,
                rep_time=step.rep_time,
                say=say,
                cues=cues,
                alternate=True,
                **common,
            )
            continue
        order = [(rep, side) for rep in range(1, step.reps + 1) for side in ("left", "right")]
        for n, (rep, side) in enumerate(order):
            b.add(
                "hold",
                step.hold,
                f"{ex.name} — {side} side{sets_text}, hold {rep} of {step.reps}",
                side=side,
                rep=rep,
                reps=step.reps,
                say=say if n == 0 else None,
                cues=cues,
                alternate=True,
                **common,
            )
            if n + 1 < len(order):
                nxt_side = order[n + 1][1]
                b.add(
                    "relax",
                    step.relax,
                    "Relax",
                    side=nxt_side,
                    rep=rep,
                    reps=step.reps,
                    alternate=True,
                    **common,
                )


def _where(side: str | None, set_no: int, sets: int) -> str:
    parts = []
    if side:
        parts.append(f"{side} side")
    if sets > 1:
        parts.append(f"set {set_no} of {sets}")
    return (" — " + ", ".join(parts)) if parts else ""


def _period(step: ExerciseStep) -> float | None:
    """The length of the periods the step's cues are placed in (None: self-paced)."""
    if step.hold is not None:
        return step.hold
    if step.duration is not None:
        return step.duration
    if step.rep_time is None:
        return None
    return step.reps * step.rep_time * (2 if step.sides == "alternate" else 1)


def _place_cues(cues: tuple[Cue, ...], length: float | None) -> tuple[PlannedCue, ...]:
    """Offsets of a step's cues within one period of `length` seconds (None: self-paced).

    Cues that would fall at or after the end (a flare-scaled hold, say) are dropped;
    a self-paced period only gets `at` and `every` cues (it has no known end), the
    `every` ones for up to 10 minutes.
    """
    if cue_firings(cues, length) > MAX_CUES:
        raise PlanTooLong(f"cues would be heard more than {MAX_CUES} times in one period")
    horizon = length if length is not None else 600.0
    out: list[PlannedCue] = []
    for cue in cues:
        offsets: list[float] = []
        if cue.at is not None:
            offsets = [cue.at]
        elif cue.at_half and length is not None:
            offsets = [length / 2]
        elif cue.before_end is not None and length is not None:
            offsets = [length - cue.before_end]
        elif cue.every is not None:
            n = 1
            while cue.every * n < horizon - 1e-9:
                offsets.append(cue.every * n)
                n += 1
        for off in offsets:
            if 0 <= off < horizon - 1e-9:
                out.append(PlannedCue(off, cue.say, cue.show, cue.sound))
    out.sort(key=lambda c: c.offset)
    return tuple(out)


class _Builder:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.clock = 0.0
        self.step_id: str | None = None
        """The id of the step whose segments are being added."""

    def add(self, kind: SegmentKind, duration: float | None, label: str, **kw: object) -> None:
        seg = Segment(
            index=len(self.segments),
            kind=kind,
            start=self.clock,
            duration=duration,
            label=label,
            step_id=self.step_id if kw.get("step_index") is not None else None,
            **kw,  # type: ignore[arg-type]
        )
        self.segments.append(seg)
        if duration is not None:
            self.clock += duration


def _round(x: float) -> float | int:
    r = round(x, 3)
    return int(r) if r == int(r) else r
