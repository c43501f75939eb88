"""The routine model: what a routine file means, after loading and checking.

Frozen dataclasses, built by `loader.py` (or directly, in tests). Every value
is already resolved: defaults applied, exercise ids looked up, image paths made
absolute, durations in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeGuard, get_args

Level = Literal["gentle", "moderate", "strong"]
POSTURE_BREAK_KIND: Literal["posture-break"] = "posture-break"
"""The `kind` of a posture-break routine (the tray runs them; statistics leave them out)."""
Kind = Literal["routine", "posture-break"]
Sides = Literal["none", "each", "left", "right", "alternate"]
IfYes = Literal["stop", "flare", "note"]
Sound = Literal["bell", "chime", "tick"]
Per = Literal["day", "week"]

# Each Literal's values at run time, read from the Literal itself.
LEVELS: tuple[Level, ...] = get_args(Level)
KINDS: tuple[Kind, ...] = get_args(Kind)
SIDES: tuple[Sides, ...] = get_args(Sides)
IF_YES: tuple[IfYes, ...] = get_args(IfYes)
SOUNDS: tuple[Sound, ...] = get_args(Sound)
PERS: tuple[Per, ...] = get_args(Per)


def is_level(value: str) -> TypeGuard[Level]:
    return value in LEVELS


def is_kind(value: str) -> TypeGuard[Kind]:
    return value in KINDS


def is_sides(value: str) -> TypeGuard[Sides]:
    return value in SIDES


def is_if_yes(value: str) -> TypeGuard[IfYes]:
    return value in IF_YES


def is_sound(value: str) -> TypeGuard[Sound]:
    return value in SOUNDS


def is_per(value: str) -> TypeGuard[Per]:
    return value in PERS


DEFAULT_RELAX = 5.0
DEFAULT_SWITCH = 5.0
DEFAULT_REST = 0.0


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    how: str = ""
    careful: str = ""
    images: tuple[Path, ...] = ()
    muscles: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    """What the patient needs (mat, strap, chair): the routine page lists it."""
    video: str = ""
    """An https:// address of a demonstration, opened only when the patient asks."""
    cautions: str = ""
    """Who should take care or ask first (osteoporosis, a hip replacement...)."""


@dataclass(frozen=True)
class Cue:
    """One cue of a step: exactly one position, at least one action.

    Position: `at` seconds from the start of each hold/duration period, or
    `at_half`, or `before_end` seconds before its end, or `every` seconds.
    """

    at: float | None = None
    at_half: bool = False
    before_end: float | None = None
    every: float | None = None
    say: str | None = None
    show: str | None = None
    sound: Sound | None = None


@dataclass(frozen=True)
class ExerciseStep:
    exercise: Exercise
    id: str | None = None
    hold: float | None = None
    reps: int = 1
    rep_time: float | None = None
    duration: float | None = None
    sets: int = 1
    sides: Sides = "none"
    relax: float = DEFAULT_RELAX
    switch: float = DEFAULT_SWITCH
    rest: float = DEFAULT_REST
    say: str | None = None
    cues: tuple[Cue, ...] = ()

    @property
    def mode(self) -> Literal["hold", "reps", "timed"]:
        if self.hold is not None:
            return "hold"
        if self.duration is not None:
            return "timed"
        return "reps"


@dataclass(frozen=True)
class RestStep:
    rest: float
    say: str | None = None
    id: str | None = None


Step = ExerciseStep | RestStep


@dataclass(frozen=True)
class Question:
    ask: str
    if_yes: IfYes
    advice: str | None = None
    urgent: bool = False
    """With if_yes stop: the advice means "get medical help now"."""


@dataclass(frozen=True)
class Flare:
    scale: float = 1.0
    skip: tuple[str, ...] = ()


STAGE_CHANGE_KEYS: tuple[str, ...] = (
    "hold",
    "reps",
    "sets",
    "rep_time",
    "duration",
    "rest",
    "relax",
)


@dataclass(frozen=True)
class StepChange:
    """What a stage changes in one step (by its id): only dose keys, None = unchanged."""

    step_id: str
    hold: float | None = None
    reps: int | None = None
    sets: int | None = None
    rep_time: float | None = None
    duration: float | None = None
    rest: float | None = None
    relax: float | None = None

    def values(self) -> dict[str, float]:
        """The keys this change sets, in STAGE_CHANGE_KEYS order."""
        out: dict[str, float] = {}
        for key in STAGE_CHANGE_KEYS:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True)
class Stage:
    """One stage of a progression. The first is the steps as written (no `after`,
    no changes); a later one is offered after `after` completed sessions of the
    one before, and its changes come on top of every earlier stage's."""

    name: str
    after: int | None = None
    changes: tuple[StepChange, ...] = ()

    @property
    def change(self) -> dict[str, dict[str, float]]:
        """`change:` as the file writes it: step id -> the dose keys it sets."""
        return {c.step_id: c.values() for c in self.changes}


@dataclass(frozen=True)
class Prescribed:
    """`N/day` or `N/week`: the adherence target."""

    count: int
    per: Per

    def __str__(self) -> str:
        return f"{self.count}/{self.per}"

    @property
    def per_week(self) -> float:
        return self.count * 7.0 if self.per == "day" else float(self.count)


@dataclass(frozen=True)
class Routine:
    """A routine file (with `steps`), ready to plan and run."""

    id: str
    title: str
    steps: tuple[Step, ...]
    path: Path | None = None
    sha256: str = ""
    summary: str = ""
    author: str = ""
    level: Level | None = None
    tags: tuple[str, ...] = ()
    prescribed: Prescribed | None = None
    kind: Kind = "routine"
    before_you_start: tuple[Question, ...] = ()
    flare: Flare | None = None
    stages: tuple[Stage, ...] = ()
    language: str = "en"
    """The IETF language tag of the file's text (`language:`), default en."""
    exercises: dict[str, Exercise] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ExerciseLibrary:
    """A file with `exercises` and no `steps`."""

    id: str
    exercises: dict[str, Exercise]
    path: Path | None = None
    title: str = ""
    language: str = "en"
