"""The session engine: a state machine over a plan, driven by an injected clock.

SKELETON: the event types and the public API are the contract the UI codes
against; the engine helper fills in the behaviour (keep these names).

Time: remaining = deadline - clock(), never a count of ticks. `speed` runs
plan time faster than real time (previews). A clock jump larger than
`max_gap` real seconds between two ticks (the machine slept) pauses the
session at the last tick instead of skipping exercises.

Every command method and `tick()` returns the events that happened, in order;
the UI adapts them to Qt signals and the history store checkpoints on
`SegmentEnded`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from backcoach.core.plan import Plan, Segment

Clock = Callable[[], float]
"""Monotonic seconds (time.monotonic in the app, a fake clock in tests)."""

State = Literal["ready", "running", "paused", "finished"]


@dataclass(frozen=True)
class SegmentStarted:
    segment: Segment
    next_segment: Segment | None


@dataclass(frozen=True)
class SegmentEnded:
    segment: Segment
    done_seconds: float
    """Plan seconds actually spent in it (pauses excluded)."""
    skipped: bool


@dataclass(frozen=True)
class CueDue:
    """Something to say, show or sound now."""

    say: str | None = None
    show: str | None = None
    sound: Literal["bell", "chime", "tick"] | None = None
    automatic: bool = True
    """False for the routine's own cues."""
    priority: bool = False
    """True for countdown numbers: may pre-empt queued speech so they land on time."""


@dataclass(frozen=True)
class Paused:
    reason: Literal["user", "clock-jump"]


@dataclass(frozen=True)
class Resumed:
    pass


@dataclass(frozen=True)
class Finished:
    status: Literal["completed", "stopped"]


Event = SegmentStarted | SegmentEnded | CueDue | Paused | Resumed | Finished


@dataclass(frozen=True)
class StepResult:
    """Per routine step, for the session log."""

    index: int
    exercise: str | None
    planned_seconds: float
    done_seconds: float
    status: Literal["done", "skipped", "partial", "pending"]


class SessionEngine:
    def __init__(
        self, plan: Plan, clock: Clock, *, speed: float = 1.0, max_gap: float = 5.0
    ) -> None:
        raise NotImplementedError

    # --- state -----------------------------------------------------------
    @property
    def state(self) -> State:
        raise NotImplementedError

    @property
    def current(self) -> Segment | None:
        raise NotImplementedError

    @property
    def remaining(self) -> float | None:
        """Plan seconds left in the current segment (None when self-paced)."""
        raise NotImplementedError

    @property
    def elapsed(self) -> float:
        """Plan seconds spent in the current segment."""
        raise NotImplementedError

    @property
    def session_progress(self) -> float:
        """0..1 of the plan's known duration."""
        raise NotImplementedError

    # --- commands ----------------------------------------------------------
    def start(self) -> list[Event]:
        raise NotImplementedError

    def tick(self) -> list[Event]:
        raise NotImplementedError

    def pause(self) -> list[Event]:
        raise NotImplementedError

    def resume(self) -> list[Event]:
        raise NotImplementedError

    def skip(self) -> list[Event]:
        raise NotImplementedError

    def back(self) -> list[Event]:
        raise NotImplementedError

    def done(self) -> list[Event]:
        """The patient finished a self-paced set of reps."""
        raise NotImplementedError

    def stop(self) -> list[Event]:
        raise NotImplementedError

    def step_results(self) -> list[StepResult]:
        raise NotImplementedError
