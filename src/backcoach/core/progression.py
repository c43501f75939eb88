"""Where a patient is in a routine's stages, and when to offer a move.

The app never moves anyone on by itself (routine-format.md, "Stages"). It
offers the next stage when `after` sessions of the current stage are completed
and in none of the last 3 sessions of that stage did pain after exceed pain
before by 2 points or more; it offers to go back a stage after 2 sessions of
the current stage stopped for pain within 7 days. The patient chooses; the
choice is kept in the history (`HistoryStore.choose_stage`), and sessions of a
stage count from the moment it was chosen, so going back and forth never
re-offers a stage at once. Previews (speed > 1) never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal, Protocol

from backcoach.core.history import HistoryUnavailable
from backcoach.core.log.records import StageChoice, StageRef
from backcoach.core.routine import Routine

PAIN_RISE = 2
"""Pain after minus pain before at or above this holds the next stage back."""
LOOK_BACK = 3
"""How many of the latest sessions of the stage are checked for a pain rise."""
PAIN_STOPS = 2
"""Sessions stopped for pain (within BACK_WINDOW) that bring the offer to go back."""
BACK_WINDOW = timedelta(days=7)


class SessionLike(Protocol):
    """What the rule reads of a session (SessionRecord and SessionSummary have it)."""

    @property
    def started_at(self) -> datetime: ...
    @property
    def status(self) -> str: ...
    @property
    def speed(self) -> float: ...
    @property
    def pain_before(self) -> int | None: ...
    @property
    def pain_after(self) -> int | None: ...
    @property
    def stop_reason(self) -> str | None: ...
    @property
    def stage(self) -> StageRef | None: ...


class StageHistory(Protocol):
    """The part of core.history.HistoryStore the stages read and write."""

    def stage_choice(self, routine_id: str) -> StageChoice | None: ...

    def summaries(self, *, routine_id: str | None = ...) -> Sequence[SessionLike]: ...

    def choose_stage(self, routine_id: str, stage: StageRef, at: datetime) -> None: ...


@dataclass(frozen=True)
class StageRecord:
    """What the history says about one routine's stages."""

    choice: StageChoice | None = None
    sessions: tuple[SessionLike, ...] = ()


def read_record(store: StageHistory | None, routine: Routine) -> StageRecord:
    """The routine's stage choice and sessions; empty without stages or a usable store."""
    if store is None or not routine.stages:
        return StageRecord()
    try:
        return StageRecord(
            store.stage_choice(routine.id), tuple(store.summaries(routine_id=routine.id))
        )
    except HistoryUnavailable:
        return StageRecord()


@dataclass(frozen=True)
class StagePosition:
    """Where the patient stands in a routine with stages."""

    current: int
    """1-based."""
    count: int
    """How many stages the routine has."""
    since: datetime | None
    """When the current stage was chosen (None: never chosen, every session counts)."""
    completed: int
    """Completed sessions of the current stage since then."""
    needed: int | None
    """`after` of the next stage (None at the last stage)."""

    @property
    def is_last(self) -> bool:
        return self.current >= self.count

    @property
    def to_go(self) -> int | None:
        """Completed sessions still needed before the next stage is offered."""
        return None if self.needed is None else max(0, self.needed - self.completed)


@dataclass(frozen=True)
class StageOffer:
    """Offer to move to stage `target` (1-based): "next" or "back"."""

    direction: Literal["next", "back"]
    target: int
    name: str


def stage_ref(routine: Routine, number: int) -> StageRef:
    return StageRef(number, routine.stages[number - 1].name)


def current_stage(
    routine: Routine, choice: StageChoice | None, sessions: Iterable[SessionLike]
) -> tuple[int, datetime | None]:
    """The stage to run now (1-based) and since when it counts.

    The stage last chosen; without a choice (a history imported from another
    computer), the stage of the latest session with one; else the first. Kept
    within the routine's stages if the file has changed since.
    """
    count = len(routine.stages)
    if count == 0:
        return 1, None
    if choice is not None:
        number, since = choice.stage.index, choice.chosen_at
    else:
        staged = [s for s in sessions if s.stage is not None]
        latest = max(staged, key=lambda s: s.started_at, default=None)
        number = latest.stage.index if latest is not None and latest.stage else 1
        since = None
    return max(1, min(number, count)), since


def _of_stage(
    sessions: Iterable[SessionLike], number: int, since: datetime | None
) -> list[SessionLike]:
    """Real (not preview) finished sessions of stage `number` since it was chosen, oldest first."""
    out = [
        s
        for s in sessions
        if s.speed <= 1.0
        and s.status != "running"
        and s.stage is not None
        and s.stage.index == number
        and (since is None or s.started_at >= since)
    ]
    return sorted(out, key=lambda s: s.started_at)


def position(
    routine: Routine, choice: StageChoice | None, sessions: Sequence[SessionLike]
) -> StagePosition | None:
    """Where the patient stands, or None for a routine without stages."""
    if not routine.stages:
        return None
    number, since = current_stage(routine, choice, sessions)
    done = [s for s in _of_stage(sessions, number, since) if s.status == "completed"]
    needed = routine.stages[number].after if number < len(routine.stages) else None
    return StagePosition(number, len(routine.stages), since, len(done), needed)


def pain_rose(session: SessionLike) -> bool:
    before, after = session.pain_before, session.pain_after
    return before is not None and after is not None and after - before >= PAIN_RISE


def offer(
    routine: Routine,
    choice: StageChoice | None,
    sessions: Sequence[SessionLike],
    now: datetime,
) -> StageOffer | None:
    """The move to offer after a session, if the rule says so (going back first)."""
    where = position(routine, choice, sessions)
    if where is None:
        return None
    mine = _of_stage(sessions, where.current, where.since)
    recent = [
        s
        for s in mine
        if s.status == "stopped" and s.stop_reason == "pain" and now - s.started_at <= BACK_WINDOW
    ]
    if where.current > 1 and len(recent) >= PAIN_STOPS:
        target = where.current - 1
        return StageOffer("back", target, routine.stages[target - 1].name)
    if where.is_last or where.to_go != 0:
        return None
    if any(pain_rose(s) for s in mine[-LOOK_BACK:]):
        return None
    target = where.current + 1
    return StageOffer("next", target, routine.stages[target - 1].name)


@dataclass(frozen=True)
class StageSpan:
    """A stretch of sessions of one routine at one stage (for the report)."""

    routine_title: str
    stage: StageRef
    first: date
    last: date
    sessions: int


def stage_spans(sessions: Iterable[Any]) -> list[StageSpan]:
    """Consecutive sessions of a routine at the same stage, per routine, oldest first.

    Takes any session records with `started_at`, `speed` and (maybe) `stage`."""
    spans: list[StageSpan] = []
    open_span: dict[str, int] = {}
    for s in sorted(sessions, key=lambda s: s.started_at):
        stage: StageRef | None = getattr(s, "stage", None)
        if stage is None or s.speed > 1.0:
            continue
        title = str(getattr(s, "routine_title", "") or getattr(s, "routine_id", ""))
        day = s.started_at.date()
        at = open_span.get(title)
        if at is not None and spans[at].stage.index == stage.index:
            span = spans[at]
            spans[at] = StageSpan(title, span.stage, span.first, day, span.sessions + 1)
            continue
        open_span[title] = len(spans)
        spans.append(StageSpan(title, stage, day, day, 1))
    return spans
