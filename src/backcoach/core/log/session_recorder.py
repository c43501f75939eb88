"""Recording one session in the history store, by the log rules.

The session row is created when the player starts, checkpointed at every
segment end, and finished after the check-in (or at once if the window closes
first). The recorder keeps the whole session in memory until the log has it:
each write (through a `WriteRunner`: at once on this thread, or on a writer
thread, see core/log/session_writer.py) carries everything not written yet, so
after any failure the next checkpoint, a retry, or the final save writes it
all (a session row that could not be created is created then, with its
original start time).

A failure does not stop the session. A busy log (another program holds the
write lock, e.g. an import) is tried again after a short backoff and is not
reported: it is normal for a moment, and the session waits in memory. Any
other failure (a full disk, a read-only folder) is reported once
(`SaveProblem`, for the UI to word) and tried again the same way. Without a
store the session still runs, and that too is reported once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from backcoach.core.history import Parts, now_local
from backcoach.core.log.records import StageRef, StepProgressLike
from backcoach.core.log.session_writer import (
    Backoff,
    Checkpoint,
    InlineRunner,
    PlannedStep,
    SessionEnd,
    SessionStart,
    SessionStore,
    WriteJob,
    WriteOutcome,
    WriteRunner,
    is_locked,
    is_transient,
    progress_of,
)
from backcoach.core.plan import Plan
from backcoach.core.routine import ExerciseStep, Routine

__all__ = [
    "PlannedStep",
    "SaveProblem",
    "SessionRecorder",
    "SessionStart",
    "SessionStore",
    "exercises_run",
    "planned_steps",
]

Schedule = Callable[[float, Callable[[], None]], None]
"""Call the function after so many seconds (a Qt timer in the app, a fake in tests)."""


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
        on_written: Callable[[], None] | None = None,
        on_saved: Callable[[], None] | None = None,
        now: Callable[[], datetime] = now_local,
        runner: WriteRunner | None = None,
        schedule: Schedule | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        """`report` hears, once, why the session can't be saved; `on_started` hears the
        session's id when its row is created; `on_written` hears after every write
        attempt (see `saved` and `waiting`); `on_saved` hears once, when the finish is
        written; `now` gives the local time with its offset.

        `runner` runs the writes (default: at once on `store`, on this thread);
        `schedule` sets the retry timers (without it a failed write is tried again at
        the next checkpoint or the final save only).
        """
        self.store = store
        self.runner: WriteRunner | None = runner
        if runner is None and store is not None:
            self.runner = InlineRunner(store)
        self.report = report
        self.on_started = on_started
        self.on_written = on_written
        self.on_saved = on_saved
        self.now = now
        self.schedule = schedule
        self.backoff = backoff or Backoff()
        self.session_id: int | None = None
        self.start_record: SessionStart | None = None
        self.results: list[StepProgressLike] = []
        """Every step's progress so far, as the last checkpoint gave it."""
        self.last: Checkpoint | None = None
        """The newest checkpoint, kept until it is written."""
        self.written_version = 0
        """The newest checkpoint the log has (0: none)."""
        self.end: SessionEnd | None = None
        self.finished = False
        self.saved = False
        """The finish was written."""
        self.problem: SaveProblem | None = None
        """The problem reported (the first one)."""
        self.waiting: SaveProblem | None = None
        """Why the last write failed (a busy log too); None once one works."""
        self._in_flight = False
        self._retry_set = False

    @property
    def in_progress(self) -> bool:
        """Started and not finished yet."""
        return self.start_record is not None and not self.finished

    @property
    def pending(self) -> bool:
        """Started, with something the log does not have yet (the row, the newest
        checkpoint or the finish) and a store to write it to."""
        if self.start_record is None or self.runner is None:
            return False
        if self.session_id is None or (self.end is not None and not self.saved):
            return True
        return self.last is not None and self.last.version > self.written_version

    @property
    def settled(self) -> bool:
        """Nothing more will be written: finished, and the log has it all (or no store)."""
        return (self.finished or self.start_record is None) and not self.pending

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
        """Create the session row as the player starts; its id, or None if not written
        (yet: a writer thread reports it through `on_started`)."""
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
        if self.runner is None:
            self._say(SaveProblem(no_store=True))
        self.write_now()
        return self.session_id

    def checkpoint(self, results: Iterable[StepProgressLike]) -> None:
        """At a segment end: save every step's progress so far (the row first, if a
        failure kept it from being created)."""
        self._keep(results)
        self.write_now()

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
        """Close the session with the after check-in; True if it is in the history now
        (a writer thread reports it later, through `on_saved`).

        Only the first call writes (later ones return what it did). A status other
        than `completed` (none yet: the window is closing) is recorded as `stopped`,
        the only status that keeps `stop_reason`.
        """
        if self.finished:
            return self.saved
        self.finished = True
        if results is not None:
            self._keep(results)
        if self.start_record is None or self.runner is None:
            return False
        final = status if status in ("completed", "stopped") else "stopped"
        self.end = SessionEnd(
            status=final,
            ended_at=ended_at or self.now(),
            pain_after=pain_after,
            hurt=tuple(hurt),
            notes=notes,
            stop_reason=stop_reason if final == "stopped" else None,
        )
        self.write_now()
        return self.saved

    def write_now(self) -> None:
        """Write what the log does not have yet, unless a write is under way (then its
        outcome starts the next one)."""
        if self._in_flight or not self.pending:
            return
        assert self.runner is not None and self.start_record is not None
        job = WriteJob(
            start=self.start_record,
            session_id=self.session_id,
            written_version=self.written_version,
            checkpoint=self.last,
            end=self.end,
        )
        self._in_flight = True
        self.runner.submit(job, self._written)

    def _keep(self, results: Iterable[StepProgressLike]) -> None:
        steps = progress_of(results)
        self.results = list(steps)
        version = (self.last.version if self.last is not None else 0) + 1
        self.last = Checkpoint(version, steps, self.now())

    def _written(self, outcome: WriteOutcome) -> None:
        """A write came back: note what the log has now; go on, or try again later."""
        self._in_flight = False
        if outcome.session_id is not None and self.session_id is None:
            self.session_id = outcome.session_id
            if self.on_started is not None:
                self.on_started(outcome.session_id)
        self.written_version = max(self.written_version, outcome.version)
        newly_saved = outcome.ended and not self.saved
        self.saved = self.saved or outcome.ended
        error = outcome.error
        self.waiting = None if error is None else SaveProblem.of(error)
        if error is None:
            self.backoff.reset()
        elif not is_locked(error):
            self._say(SaveProblem.of(error))
        if self.on_written is not None:
            self.on_written()
        if newly_saved and self.on_saved is not None:
            self.on_saved()
        if error is None:
            self.write_now()  # what came in while this write was under way
        elif is_transient(error):
            self._retry_later()

    def _retry_later(self) -> None:
        if self.schedule is None or self._retry_set:
            return
        self._retry_set = True
        self.schedule(self.backoff.next(), self._retry)

    def _retry(self) -> None:
        self._retry_set = False
        self.write_now()

    def _say(self, problem: SaveProblem) -> None:
        """Report the first problem only: the person hears it once, the session goes on."""
        if self.problem is None:
            self.problem = problem
            self.report(problem)
