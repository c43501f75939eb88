"""Writing a session's record away from the UI thread, and knowing when to try again.

Why a writer thread, rather than short attempts on the UI thread with
busy_timeout 0 and a timer: a failed attempt would cost nothing, but a
successful one still ends with an fsync (the log runs with synchronous=FULL),
and while another program writes hundreds of megabytes to the same disk (an
import of a big backup) one fsync can take a second or more. On the UI thread
that freezes the player, and a freeze of more than 5 s reads as "the computer
was asleep". So the session's writes run on a thread of their own, with a
SQLite connection of their own (`history.open_writer`) whose busy timeout is
short: a locked file makes an attempt fail soon, the thread is free again,
and the recorder (on the UI thread, with its timers) decides when to try
again, with backoff. Until then the session stays in memory.

The thread runs only while there is work: it opens its connection for a burst
of jobs and closes it when the queue is empty, so nothing lingers between two
checkpoints (tens of seconds apart) or after the window has closed.

A job is a snapshot of everything not written yet: the session row if it is
not created, the newest checkpoint (each carries every step's progress so
far), the end. So any write that works after failures writes the whole
session so far, and only the newest checkpoint is ever worth writing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from backcoach.core import history
from backcoach.core.log.records import StageRef, StepProgress, StepProgressLike, StepStatus

PlannedStep = tuple[int, str | None, float]
"""(step index, exercise id or None, planned work seconds), as the log keeps them."""

SQLITE_BUSY = 5
SQLITE_LOCKED = 6


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

    def write(self, store: SessionStore) -> int:
        """Create the row (status `running`); its id."""
        return store.start_session(
            routine_id=self.routine_id,
            title=self.title,
            sha256=self.sha256,
            started_at=self.started_at,
            speed=self.speed,
            flare=self.flare,
            pain_before=self.pain_before,
            answers=self.answers,
            steps=self.steps,
            kind=self.kind,
            stage=self.stage,
        )


@dataclass(frozen=True)
class Checkpoint:
    """Every step's progress at a segment end; `version` counts the checkpoints taken."""

    version: int
    steps: tuple[StepProgress, ...]
    at: datetime


def progress_of(results: Iterable[StepProgressLike]) -> tuple[StepProgress, ...]:
    """A frozen copy of the engine's step results, safe to hand to another thread."""
    out = []
    for r in results:
        status: StepStatus = r.status  # type: ignore[assignment]  # the store checks it
        out.append(StepProgress(int(r.index), float(r.done_seconds), status))
    return tuple(out)


@dataclass(frozen=True)
class SessionEnd:
    """What finishing the session writes (the after check-in), kept until it is written."""

    status: str
    ended_at: datetime
    pain_after: int | None
    hurt: tuple[int, ...]
    notes: str
    stop_reason: str | None


@dataclass(frozen=True)
class WriteOutcome:
    """What a job got into the log, and the error that stopped it (None: all of it)."""

    session_id: int | None
    version: int
    """The newest checkpoint the log has (0: none)."""
    ended: bool
    error: Exception | None = None


@dataclass(frozen=True)
class WriteJob:
    """Everything one session has that the log does not, written in one go."""

    start: SessionStart
    session_id: int | None
    """None: the row is not created yet (the job creates it first)."""
    written_version: int
    checkpoint: Checkpoint | None
    end: SessionEnd | None

    def run(self, store: SessionStore) -> WriteOutcome:
        """Write it; never raises (the error comes back in the outcome)."""
        sid = self.session_id
        try:
            if sid is None:
                sid = self.start.write(store)
            if self.end is not None:
                self._finish(store, sid)
                return WriteOutcome(sid, self._version, True)
            if self.checkpoint is not None:
                store.checkpoint(sid, self.checkpoint.steps, at=self.checkpoint.at)
        except Exception as exc:  # HistoryUnavailable, sqlite3 or OS errors, a bad value
            return WriteOutcome(sid, self.written_version, False, exc)
        return WriteOutcome(sid, self._version, False)

    @property
    def _version(self) -> int:
        return self.checkpoint.version if self.checkpoint is not None else self.written_version

    def _finish(self, store: SessionStore, session_id: int) -> None:
        end = self.end
        assert end is not None
        store.finish(
            session_id,
            status=end.status,
            ended_at=end.ended_at,
            pain_after=end.pain_after,
            hurt=end.hurt,
            notes=end.notes,
            stop_reason=end.stop_reason,
            steps=self.checkpoint.steps if self.checkpoint is not None else (),
        )


def failed(job: WriteJob, exc: Exception) -> WriteOutcome:
    """The outcome of a job that could not even start (no connection)."""
    return WriteOutcome(job.session_id, job.written_version, False, exc)


def is_locked(exc: BaseException) -> bool:
    """Another connection holds the log's write lock (SQLITE_BUSY or SQLITE_LOCKED)."""
    parts = getattr(exc, "parts", ()) or ()
    if parts and parts[0][0] == history.PROBLEM_LOCKED:
        return True
    for err in (exc, exc.__cause__):
        if isinstance(err, sqlite3.OperationalError):
            code = getattr(err, "sqlite_errorcode", None)
            if isinstance(code, int):
                return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
            text = str(err).lower()
            return "locked" in text or "busy" in text
    return False


def is_transient(exc: BaseException) -> bool:
    """Worth trying again later: a busy file, or an I/O failure (a full disk, a drive
    that went read-only or away) that may be put right while the app runs."""
    return isinstance(exc, sqlite3.OperationalError | history.HistoryUnavailable | OSError)


@dataclass
class Backoff:
    """Delays between retries: `first`, doubling up to `cap` seconds; `reset` after a success."""

    first: float = 0.25
    cap: float = 4.0
    _next: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self._next = self.first

    def next(self) -> float:
        delay = self._next
        self._next = min(self.cap, delay * 2)
        return delay

    def reset(self) -> None:
        self._next = self.first


Done = Callable[[WriteOutcome], None]


class WriteRunner(Protocol):
    """Runs write jobs in order and hands each outcome back on the owner's thread."""

    def submit(self, job: WriteJob, done: Done) -> None:
        """Queue a job; `done` hears its outcome (from `deliver`, or at once)."""

    def deliver(self) -> int:
        """Hand the outcomes that are in to their `done` (on the owner's thread); how many."""

    def wait_idle(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every queued job, then deliver; False if
        some job is still running."""


class InlineRunner:
    """Runs each job at once on the caller's thread (an in-memory log, core tests)."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store

    def submit(self, job: WriteJob, done: Done) -> None:
        done(job.run(self.store))

    def deliver(self) -> int:
        return 0

    def wait_idle(self, timeout: float) -> bool:
        return True


@dataclass
class _Ticket:
    job: WriteJob
    done: Done
    outcome: WriteOutcome | None = None


class ThreadRunner:
    """Runs jobs one after another on a thread of its own, with a store of its own.

    `open_store` is called on that thread when a burst of jobs begins (the
    store is closed when the queue is empty). `wake` is called on that thread
    after each job: the owner then calls `deliver` on its own thread (the UI
    connects it to a queued signal).
    """

    def __init__(
        self,
        open_store: Callable[[], SessionStore],
        *,
        wake: Callable[[], None] = lambda: None,
        name: str = "backcoach-history-writer",
    ) -> None:
        self._open_store = open_store
        self._wake = wake
        self._name = name
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._jobs: deque[_Ticket] = deque()
        self._done: deque[_Ticket] = deque()
        self._working = False
        self.threads_started = 0

    def submit(self, job: WriteJob, done: Done) -> None:
        with self._lock:
            self._jobs.append(_Ticket(job, done))
            if self._working:
                return
            self._working = True
            self.threads_started += 1
        threading.Thread(target=self._work, name=self._name, daemon=True).start()

    def deliver(self) -> int:
        """Hand the outcomes in to their `done`; how many."""
        with self._lock:
            tickets = list(self._done)
            self._done.clear()
        for ticket in tickets:
            assert ticket.outcome is not None
            ticket.done(ticket.outcome)
        return len(tickets)

    def wait_idle(self, timeout: float) -> bool:
        """Wait for the queue to empty and deliver, again while what is delivered queues
        more (a recorder writes what came in meanwhile), for `timeout` seconds at most."""
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            with self._idle:
                left = max(0.0, deadline - time.monotonic())
                idle = self._idle.wait_for(lambda: not self._working, timeout=left)
            if not self.deliver() or not idle:
                return idle

    @property
    def working(self) -> bool:
        """A thread is working through the queue."""
        with self._lock:
            return self._working

    def _work(self) -> None:
        """Bursts of jobs until the queue stays empty; the connection is closed before
        the runner counts as idle (closing the last connection to a log takes its lock
        for a moment, which must not fail the next burst's first write)."""
        while True:
            self._burst()
            with self._lock:
                if not self._jobs:
                    self._working = False
                    self._idle.notify_all()
                    return

    def _burst(self) -> None:
        store: SessionStore | None = None
        try:
            while (ticket := self._next()) is not None:
                if store is None:
                    try:
                        store = self._open_store()
                    except Exception as exc:  # the next job tries again
                        self._finish(ticket, failed(ticket.job, exc))
                        continue
                self._finish(ticket, ticket.job.run(store))
        finally:
            close = getattr(store, "close", None)
            if callable(close):
                close()

    def _next(self) -> _Ticket | None:
        with self._lock:
            return self._jobs.popleft() if self._jobs else None

    def _finish(self, ticket: _Ticket, outcome: WriteOutcome) -> None:
        ticket.outcome = outcome
        with self._lock:
            self._done.append(ticket)
        # A wake-up that fails (its receiver is gone: the app is closing) must not stop
        # the writes; `wait_idle` still delivers.
        with contextlib.suppress(Exception):
            self._wake()
