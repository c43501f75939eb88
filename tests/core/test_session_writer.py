"""Sessions survive a busy log: writes on a thread of their own, retried with backoff.

The lock is real (a second SQLite connection holding `BEGIN IMMEDIATE`, as an
import does); time is not: the engine and the retry timers run on one FakeClock,
and the test waits only for the writer thread to finish a job (`wait_idle`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from backcoach.core import history
from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryUnavailable, SessionRecord, open_history, open_writer
from backcoach.core.log.session_recorder import SaveProblem, SessionRecorder
from backcoach.core.log.session_writer import (
    Backoff,
    SessionStore,
    ThreadRunner,
    is_locked,
    is_transient,
)
from backcoach.core.plan import Plan, build_plan
from backcoach.core.session import SegmentEnded, SessionEngine
from tests.core.fake_timers import FakeTimers
from tests.core.test_session_recorder import T0, FlakyStore, Heard, Wall, start
from tests.core.test_session_support import small_routine

WAIT = 10.0
"""Longest real wait for the writer thread to finish its queue (it takes milliseconds)."""
FULL = "database or disk is full"


@pytest.fixture
def plan() -> Plan:
    return build_plan(small_routine())


@pytest.fixture
def log(data_dir: Path) -> Path:
    path = data_dir / "history.sqlite3"
    open_history(path).close()
    return path


@pytest.fixture
def import_lock(log: Path) -> Iterator[sqlite3.Connection]:
    """Another connection (an import, say) holding the write lock until it commits."""
    other = sqlite3.connect(log, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.close()


def saved(path: Path) -> list[SessionRecord]:
    with open_history(path, recover=False) as store:
        return store.sessions(include_running=True)


class Rig:
    """A recorder writing through a writer thread, an engine, and one fake clock for both."""

    def __init__(self, plan: Plan, open_store: object) -> None:
        self.clock = FakeClock(100.0)
        self.runner = ThreadRunner(open_store)  # type: ignore[arg-type]
        self.timers = FakeTimers(self.clock, after_each=self.settle)
        self.heard = Heard()
        self.saved_heard = 0
        self.recorder = SessionRecorder(
            None,
            runner=self.runner,
            schedule=self.timers,
            report=self.heard.problems.append,
            on_started=self.heard.started.append,
            on_saved=self._saved,
            now=Wall(),
        )
        self.engine = SessionEngine(plan, self.clock)
        self.plan = plan

    def _saved(self) -> None:
        self.saved_heard += 1

    def settle(self) -> None:
        """Let the writer thread finish what it was given, and hand the outcomes back."""
        assert self.runner.wait_idle(WAIT)

    def run(self, *, until: float | None = None) -> None:
        """Run the engine (Done on self-paced reps), checkpointing at every segment end
        and firing the retry timers, until it finishes or the clock reaches `until`."""
        events = self.engine.start() if self.engine.state == "ready" else []
        while True:
            if any(isinstance(e, SegmentEnded) for e in events):
                self.recorder.checkpoint(self.engine.step_results())
            self.settle()
            done = self.engine.state == "finished"
            if done or (until is not None and self.clock.now >= until):
                return
            self.timers.advance(0.5)
            self.settle()
            seg = self.engine.current
            events = self.engine.done() if seg and seg.duration is None else self.engine.tick()


def test_a_write_lock_held_for_10_s_during_a_session_loses_nothing(
    plan: Plan, log: Path, import_lock: sqlite3.Connection
) -> None:
    rig = Rig(plan, lambda: open_writer(log, busy_timeout=0))
    assert start(rig.recorder, plan) is None  # not written yet: the import has the lock
    rig.settle()
    assert rig.recorder.session_id is None and rig.recorder.pending
    rig.run(until=110.0)  # ten seconds of the session with the lock held
    assert saved(log) == []
    assert rig.timers.delays[:5] == [0.25, 0.5, 1.0, 2.0, 4.0]  # backoff, not a busy loop
    assert rig.heard.problems == []  # a lock is waited out, not reported
    assert rig.recorder.waiting is not None and locked(rig.recorder.waiting)

    import_lock.execute("COMMIT")  # the import lets go
    rig.run()
    assert rig.engine.state == "finished" and rig.recorder.waiting is None
    [rec] = saved(log)
    assert (rec.status, rec.started_at) == ("running", T0)  # when the player started
    assert [s.status for s in rec.steps] == ["done", "done", "done"]
    assert rig.heard.started == [rec.id]

    # the next batch of the import holds the lock as the after check-in is saved
    import_lock.execute("BEGIN IMMEDIATE")
    assert not rig.recorder.finish(status="completed", pain_after=2, hurt=(1,), notes="ok")
    rig.settle()
    assert not rig.recorder.saved and rig.recorder.pending and rig.saved_heard == 0
    rig.timers.advance(3.0)
    rig.settle()
    assert saved(log)[0].status == "running"
    import_lock.execute("COMMIT")
    rig.timers.advance(4.0)
    rig.settle()
    assert rig.recorder.saved and rig.recorder.settled and rig.saved_heard == 1
    [rec] = saved(log)
    assert (rec.status, rec.pain_after, rec.notes) == ("completed", 2, "ok")
    assert [s.hurt for s in rec.steps] == [False, True, False]
    assert [s.done_seconds for s in rec.steps] == [20.0, 0.5, 20.0]
    assert rig.heard.problems == []


def locked(problem: SaveProblem) -> bool:
    return bool(problem.parts) and problem.parts[0][0] == history.PROBLEM_LOCKED


class Flaky:
    """The writer thread's stores, each failing while `fail[name]` > 0 (shared counts)."""

    def __init__(self, log: Path, error: Exception) -> None:
        self.log = log
        self.error = error
        self.fail: dict[str, int] = {}
        self.calls: list[str] = []

    def open(self) -> SessionStore:
        return _FlakyStore(self, open_writer(self.log, busy_timeout=0))


class _FlakyStore:
    def __init__(self, flaky: Flaky, inner: history.HistoryStore) -> None:
        self.flaky = flaky
        self.inner = inner

    def _call(self, name: str) -> None:
        self.flaky.calls.append(name)
        if self.flaky.fail.get(name, 0) > 0:
            self.flaky.fail[name] -= 1
            raise self.flaky.error

    def start_session(self, **fields: object) -> int:
        self._call("start_session")
        return self.inner.start_session(**fields)  # type: ignore[arg-type]

    def checkpoint(self, session_id: int, steps: object, *, at: datetime | None = None) -> None:
        self._call("checkpoint")
        self.inner.checkpoint(session_id, steps, at=at)  # type: ignore[arg-type]

    def finish(self, session_id: int, **fields: object) -> None:
        self._call("finish")
        self.inner.finish(session_id, **fields)  # type: ignore[arg-type]

    def close(self) -> None:
        self.inner.close()


def test_a_disk_full_as_the_session_starts_then_freed_saves_it_all(plan: Plan, log: Path) -> None:
    flaky = Flaky(log, sqlite3.OperationalError(FULL))
    flaky.fail = {"start_session": 3}
    rig = Rig(plan, flaky.open)
    start(rig.recorder, plan)
    rig.settle()
    assert rig.heard.problems == [SaveProblem(detail=FULL)]  # said once, at once
    rig.timers.advance(0.25 + 0.5)  # two retries, both still full
    rig.settle()
    assert flaky.calls == ["start_session"] * 3 and saved(log) == []
    rig.run()  # space was freed: the next attempt writes the row and every step so far
    [rec] = saved(log)
    assert rec.started_at == T0 and rec.pain_before == 6
    assert [s.status for s in rec.steps] == ["done", "done", "done"]
    flaky.fail = {"finish": 1}
    assert not rig.recorder.finish(status="completed", pain_after=1)
    rig.settle()
    assert not rig.recorder.saved
    rig.timers.advance(0.25)
    rig.settle()
    assert rig.recorder.saved and saved(log)[0].status == "completed"
    assert rig.heard.problems == [SaveProblem(detail=FULL)] and rig.saved_heard == 1


def test_a_checkpoint_returns_while_the_write_is_still_under_way(plan: Plan, log: Path) -> None:
    """The caller never waits for the store: a write stuck in the thread (a slow fsync,
    say) leaves the recorder answering at once, and later checkpoints wait their turn."""
    go = threading.Event()

    def slow_store() -> SessionStore:
        assert go.wait(WAIT)
        return open_writer(log, busy_timeout=0)

    rig = Rig(plan, slow_store)
    began = time.perf_counter()
    start(rig.recorder, plan)
    rig.recorder.checkpoint(rig.engine.step_results())
    rig.recorder.checkpoint(rig.engine.step_results())
    assert time.perf_counter() - began < 1.0  # the store is held up for up to WAIT seconds
    assert rig.runner.working and rig.recorder.session_id is None
    go.set()
    rig.settle()
    assert rig.recorder.session_id is not None and not rig.recorder.pending
    assert rig.recorder.written_version == 2
    assert not rig.runner.working  # the thread ends with its queue, its connection closed


def test_a_store_that_cannot_be_opened_is_reported_and_tried_again(plan: Plan, log: Path) -> None:
    attempts: list[int] = []

    def store() -> SessionStore:
        attempts.append(1)
        if len(attempts) == 1:
            raise HistoryUnavailable.of(
                (history.PROBLEM_READ_ONLY, (log,)), (history.FIX_READ_ONLY, (log.parent,))
            )
        return open_writer(log, busy_timeout=0)

    rig = Rig(plan, store)
    start(rig.recorder, plan)
    rig.settle()
    assert len(rig.heard.problems) == 1 and "read-only" in rig.heard.problems[0].detail
    rig.timers.advance(0.25)
    rig.settle()
    assert rig.recorder.session_id is not None and len(attempts) == 2


def test_a_plain_error_is_not_retried_on_a_timer(plan: Plan, log: Path) -> None:
    flaky = Flaky(log, ValueError("not a step status"))
    flaky.fail = {"checkpoint": 1}
    rig = Rig(plan, flaky.open)
    start(rig.recorder, plan)
    rig.recorder.checkpoint(rig.engine.step_results())
    rig.settle()
    assert rig.heard.problems == [SaveProblem(detail="not a step status")]
    assert rig.timers.due == [] and rig.recorder.pending  # the next checkpoint tries again
    rig.recorder.checkpoint(rig.engine.step_results())
    rig.settle()
    assert not rig.recorder.pending


def test_what_counts_as_a_lock_and_what_is_worth_retrying(log: Path) -> None:
    busy = sqlite3.OperationalError("database is locked")
    wrapped = HistoryUnavailable.of((history.PROBLEM_LOCKED, (log,)), (history.FIX_LOCKED, ()))
    assert is_locked(busy) and is_locked(wrapped)
    assert not is_locked(sqlite3.OperationalError(FULL)) and not is_locked(ValueError("x"))
    assert is_transient(busy) and is_transient(wrapped) and is_transient(OSError(28, "full"))
    assert not is_transient(ValueError("x")) and not is_transient(KeyError(3))
    other = sqlite3.connect(log, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with open_writer(log, busy_timeout=0) as store, pytest.raises(HistoryUnavailable) as info:
            store.log_break(due_at=T0, status="taken")
        assert is_locked(info.value) and is_locked(info.value.__cause__)  # type: ignore[arg-type]
    finally:
        other.close()


def test_backoff_doubles_up_to_its_cap_and_starts_again_after_a_success() -> None:
    backoff = Backoff(first=0.25, cap=4.0)
    assert [backoff.next() for _ in range(7)] == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    backoff.reset()
    assert backoff.next() == 0.25


def test_the_core_recorder_still_writes_at_once_on_its_own_store(plan: Plan) -> None:
    store, heard = FlakyStore(), Heard()
    with store.inner:  # closed at the end
        recorder = SessionRecorder(store, report=heard.problems.append, now=Wall())
        assert start(recorder, plan) == 1 and not recorder.pending
