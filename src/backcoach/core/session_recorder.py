"""Recording one session in the history store, by the log rules.

The session row is created when the player starts, checkpointed at every
segment end, and finished after the check-in (or at once if the window closes
first). A store that fails part-way does not stop the session: the failure is
reported once (`SaveProblem`, for the UI to word) and the session stays in
memory, so the next checkpoint, and the final save, try again and write
everything (each checkpoint carries every step's progress so far; a session
row that could not be created is created then, with its original start time).
Without a store the session still runs, and that too is reported once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from backcoach.core.history import Parts, now_local
from backcoach.core.plan import Plan
from backcoach.core.records import StageRef, StepProgressLike
from backcoach.core.routine import ExerciseStep, Routine

PlannedStep = tuple[int, str | None, float]
"""(step index, exercise id or None, planned work seconds), as the log keeps them."""


class SessionStore(Protocol):
    """The part of core.history.HistoryStore a recording uses."""

    def start_session(
        self,
        *,
        routine_id: str,
        title: str,
        sha256: str,
        started_at: datetime,
        speed: float,
        flare: bool,
        pain_before: int | None,
        answers: Sequence[tuple[str, str]],
        steps: Sequence[PlannedStep],
        kind: str = ...,
        stage: StageRef | None = ...,
    ) -> int: ...

    def checkpoint(
        self, session_id: int, steps: Iterable[StepProgressLike], *, at: datetime | None = ...
    ) -> None: ...

    def finish(
        self,
        session_id: int,
        *,
        status: str,
        ended_at: datetime,
        pain_after: int | None,
        hurt: Sequence[int] = ...,
        notes: str = ...,
        stop_reason: str | None = ...,
        steps: Iterable[StepProgressLike] | None = ...,
    ) -> None: ...


@dataclass(frozen=True)
class SaveProblem:
    """Why the session can't be saved, for the UI to put in words."""

    parts: Parts = ()
    """The store's own message as (template, args) sentences (the "history" context)."""
    detail: str = ""
    """Otherwise the error's own words."""
    no_store: bool = False
    """There is no store at all (the app said so when it opened)."""

    @classmethod
    def of(cls, exc: Exception) -> SaveProblem:
        """From what the store raised: HistoryUnavailable carries parts and a message."""
        parts: Parts = getattr(exc, "parts", ()) or ()
        return cls(parts=parts, detail=getattr(exc, "message", None) or str(exc))


@dataclass(frozen=True)
class SessionStart:
    """What creating the session row writes, kept until it is written."""

    routine_id: str
    title: str
    sha256: str
    started_at: datetime
    speed: float
    flare: bool
    pain_before: int | None
    answers: tuple[tuple[str, str], ...]
    steps: tuple[PlannedStep, ...]
    kind: str
    stage: StageRef | None = None


def planned_steps(plan: Plan) -> list[PlannedStep]:
    """(step index, exercise id, planned work seconds) per step of the plan, for the log."""
    seconds: dict[int, float] = {}
    for seg in plan.segments:
        if seg.step_index is not None and seg.is_work:
            seconds[seg.step_index] = seconds.get(seg.step_index, 0.0) + (seg.duration or 0.0)
    out: list[PlannedStep] = []
    for i, step in enumerate(plan.steps):
        ex = step.exercise.id if isinstance(step, ExerciseStep) else None
        out.append((i, ex, seconds.get(i, 0.0)))
    return out


def exercises_run(plan: Plan, results: Iterable[StepProgressLike]) -> list[tuple[int, str]]:
    """(step index, exercise name) of the exercises done or partly done: what the after
    check-in asks about ("did any of these hurt?")."""
    return [
        (r.index, step.exercise.name)
        for r in results
        if r.status in ("done", "partial") and isinstance(step := plan.steps[r.index], ExerciseStep)
    ]


class SessionRecorder:
    """One session's record: start, checkpoints, finish; never raises for the store."""

    def __init__(
        self,
        store: SessionStore | None,
        *,
        report: Callable[[SaveProblem], None],
        on_started: Callable[[int], None] | None = None,
        now: Callable[[], datetime] = now_local,
    ) -> None:
        """`report` hears, once, why the session can't be saved; `on_started` hears the
        session's id when its row is created; `now` gives the local time with its offset."""
        self.store = store
        self.report = report
        self.on_started = on_started
        self.now = now
        self.session_id: int | None = None
        self.start_record: SessionStart | None = None
        self.results: list[StepProgressLike] = []
        """Every step's progress so far, as the last checkpoint gave it."""
        self.finished = False
        self.saved = False
        """The finish was written."""
        self.problem: SaveProblem | None = None
        """The problem reported (the first one)."""

    @property
    def in_progress(self) -> bool:
        """Started and not finished yet."""
        return self.start_record is not None and not self.finished

    def start(
        self,
        routine: Routine,
        plan: Plan,
        *,
        kind: str,
        speed: float,
        pain_before: int | None,
        answers: Sequence[tuple[str, str]],
    ) -> int | None:
        """Create the session row as the player starts; its id, or None if not written."""
        self.start_record = SessionStart(
            routine_id=routine.id,
            title=routine.title,
            sha256=routine.sha256,
            started_at=self.now(),
            speed=speed,
            flare=plan.flare,
            pain_before=pain_before,
            answers=tuple(answers),
            steps=tuple(planned_steps(plan)),
            kind=kind,
            stage=None if plan.stage is None else StageRef(plan.stage, plan.stage_name),
        )
        if self.store is None:
            self._say(SaveProblem(no_store=True))
        return self._written_start()

    def checkpoint(self, results: Iterable[StepProgressLike]) -> None:
        """At a segment end: save every step's progress so far (the row first, if a
        failure kept it from being created)."""
        self.results = list(results)
        session_id = self._written_start()
        if self.store is None or session_id is None:
            return
        try:
            self.store.checkpoint(session_id, self.results, at=self.now())
        except Exception as exc:  # HistoryUnavailable, or a disk error
            self._say(SaveProblem.of(exc))

    def finish(
        self,
        *,
        status: str | None,
        results: Iterable[StepProgressLike] | None = None,
        ended_at: datetime | None = None,
        pain_after: int | None = None,
        hurt: Sequence[int] = (),
        notes: str = "",
        stop_reason: str | None = None,
    ) -> bool:
        """Close the session with the after check-in; True if it is in the history.

        Only the first call writes (later ones return what it did). A status other
        than `completed` (none yet: the window is closing) is recorded as `stopped`,
        the only status that keeps `stop_reason`.
        """
        if self.finished:
            return self.saved
        self.finished = True
        if results is not None:
            self.results = list(results)
        session_id = self._written_start()
        if self.store is None or session_id is None:
            return False
        final = status if status in ("completed", "stopped") else "stopped"
        try:
            self.store.finish(
                session_id,
                status=final,
                ended_at=ended_at or self.now(),
                pain_after=pain_after,
                hurt=hurt,
                notes=notes,
                stop_reason=stop_reason if final == "stopped" else None,
                steps=self.results,
            )
        except Exception as exc:
            self._say(SaveProblem.of(exc))
            return False
        self.saved = True
        return True

    def _written_start(self) -> int | None:
        """The session's id, creating its row now if that has not worked yet."""
        start = self.start_record
        if self.session_id is not None or self.store is None or start is None:
            return self.session_id
        try:
            self.session_id = self.store.start_session(
                routine_id=start.routine_id,
                title=start.title,
                sha256=start.sha256,
                started_at=start.started_at,
                speed=start.speed,
                flare=start.flare,
                pain_before=start.pain_before,
                answers=start.answers,
                steps=start.steps,
                kind=start.kind,
                stage=start.stage,
            )
        except Exception as exc:
            self._say(SaveProblem.of(exc))
            return None
        if self.on_started is not None:
            self.on_started(self.session_id)
        return self.session_id

    def _say(self, problem: SaveProblem) -> None:
        """Report the first problem only: the person hears it once, the session goes on."""
        if self.problem is None:
            self.problem = problem
            self.report(problem)
