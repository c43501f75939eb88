"""What the session log holds, as plain frozen dataclasses (no SQLite, no Qt).

`SessionRecord` carries every field of the JSON export; the history store
returns them, the exporters and the PDF report read them, the importer builds
them from a file.

Step status values:
- ``done``: the step ran to its planned time (or its reps were marked done);
- ``partial``: started, but left before its planned time was up;
- ``skipped``: the patient skipped it;
- ``pending``: never reached, because the session was stopped or interrupted
  first. Only a stopped or interrupted session has pending steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol, TypeGuard, get_args

SessionStatus = Literal["running", "completed", "stopped", "interrupted"]
"""`running` only while a session is under way; a store opened after a crash
turns a leftover `running` into `interrupted`."""
StepStatus = Literal["done", "skipped", "partial", "pending"]
BreakStatus = Literal["taken", "skipped", "postponed"]
StopReason = Literal["pain", "tired", "interrupted", "other"]

# Each Literal's values at run time, read from the Literal itself.
SESSION_STATUSES: tuple[SessionStatus, ...] = get_args(SessionStatus)
FINISHED_STATUSES: tuple[SessionStatus, ...] = ("completed", "stopped", "interrupted")
STEP_STATUSES: tuple[StepStatus, ...] = get_args(StepStatus)
BREAK_STATUSES: tuple[BreakStatus, ...] = get_args(BreakStatus)
STOP_REASONS: tuple[StopReason, ...] = get_args(StopReason)


def is_session_status(value: str) -> TypeGuard[SessionStatus]:
    return value in SESSION_STATUSES


def is_step_status(value: str) -> TypeGuard[StepStatus]:
    return value in STEP_STATUSES


def is_break_status(value: str) -> TypeGuard[BreakStatus]:
    return value in BREAK_STATUSES


class StepProgressLike(Protocol):
    """Anything with these attributes can be checkpointed (e.g. session.StepResult)."""

    @property
    def index(self) -> int: ...

    @property
    def done_seconds(self) -> float: ...

    @property
    def status(self) -> str: ...


@dataclass(frozen=True, slots=True)
class StepProgress:
    """How far one routine step got, passed to `HistoryStore.checkpoint`."""

    index: int
    done_seconds: float
    status: StepStatus


@dataclass(frozen=True, slots=True)
class Answer:
    """A safety question asked before the session, and the patient's answer."""

    ask: str
    answer: str


@dataclass(frozen=True, slots=True)
class StageRef:
    """The stage of a routine's progression a session ran at (index from 1)."""

    index: int
    name: str


@dataclass(frozen=True, slots=True)
class StageChoice:
    """The stage a patient chose for a routine, and when."""

    routine_id: str
    stage: StageRef
    chosen_at: datetime


@dataclass(frozen=True, slots=True)
class StepRecord:
    index: int
    exercise: str | None
    status: StepStatus
    planned_seconds: float
    done_seconds: float
    hurt: bool = False


class _SessionFigures:
    """What both a full session record and a list summary derive from their fields."""

    __slots__ = ()
    speed: float
    pain_before: int | None
    pain_after: int | None

    if TYPE_CHECKING:  # a field of one subclass, a property of the other

        @property
        def done_seconds(self) -> float: ...

    @property
    def is_preview(self) -> bool:
        """A sped-up run-through (a therapist checking a routine), not real exercise."""
        return self.speed > 1.0

    @property
    def minutes(self) -> float:
        """Minutes of exercise actually done (plan time, pauses excluded)."""
        return self.done_seconds / 60.0

    @property
    def pain_change(self) -> int | None:
        """pain_after - pain_before: negative means it hurt less afterwards."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before


@dataclass(frozen=True, slots=True)
class SessionRecord(_SessionFigures):
    """One session of the log, with its answers and steps."""

    id: int
    """The local row id (0 for a record read from an export file)."""
    uuid: str
    """Stable across exports and computers: the key `import` deduplicates on."""
    routine_id: str
    routine_title: str
    routine_sha256: str
    started_at: datetime
    """Aware: local time with its UTC offset."""
    ended_at: datetime | None
    status: SessionStatus
    speed: float
    flare: bool
    pain_before: int | None
    pain_after: int | None
    stop_reason: str | None
    notes: str
    answers: tuple[Answer, ...] = ()
    steps: tuple[StepRecord, ...] = ()
    kind: str = "routine"
    stage: StageRef | None = None
    """The stage it ran at, for a routine with stages."""

    @property
    def done_seconds(self) -> float:
        return sum(s.done_seconds for s in self.steps)

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.steps if s.status in ("done", "partial"))

    @property
    def steps_skipped(self) -> int:
        return sum(1 for s in self.steps if s.status == "skipped")

    @property
    def hurt_steps(self) -> tuple[int, ...]:
        return tuple(s.index for s in self.steps if s.hurt)


@dataclass(frozen=True, slots=True)
class SessionSummary(_SessionFigures):
    """A session without its steps and answers, with aggregates computed in SQL.

    What the history list needs, loaded by one query (`HistoryStore.summaries`).
    """

    id: int
    uuid: str
    routine_id: str
    routine_title: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    speed: float
    flare: bool
    pain_before: int | None
    pain_after: int | None
    stop_reason: str | None
    notes: str
    kind: str
    done_seconds: float
    steps_total: int
    steps_done: int
    steps_skipped: int
    steps_hurt: int
    stage: StageRef | None = None


@dataclass(frozen=True, slots=True)
class BreakRecord:
    """A posture-break reminder and what the user did with it."""

    id: int
    uuid: str
    due_at: datetime
    at: datetime | None
    """When the user acted on it (None if never)."""
    status: BreakStatus
    routine_id: str | None
    session_id: int | None
    """The session it started, when the break was taken as a routine."""
