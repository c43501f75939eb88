"""Recording a session without Qt: created at start, checkpointed, finished; a failing store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone

import pytest

from backcoach.core import history
from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryStore, HistoryUnavailable, SessionRecord
from backcoach.core.log.records import StepProgressLike
from backcoach.core.log.session_recorder import (
    PlannedStep,
    SaveProblem,
    SessionRecorder,
    exercises_run,
    planned_steps,
)
from backcoach.core.plan import Plan, build_plan
from backcoach.core.session import SegmentEnded, SessionEngine
from tests.core.test_session_support import small_routine

T0 = datetime(2024, 5, 6, 8, 0, tzinfo=timezone(timedelta(hours=2)))
DISK_FULL = HistoryUnavailable.of(
    (history.PROBLEM_DISK_FULL, ("/data/history.sqlite3",)), (history.FIX_DISK_FULL, ())
)


class Wall:
    """Local time that moves a minute each time it is read."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> datetime:
        self.reads += 1
        return T0 + timedelta(minutes=self.reads - 1)


class FlakyStore:
    """A real store in memory whose calls fail when told to (`fail`: name -> times left)."""

    def __init__(self) -> None:
        self.inner = HistoryStore.in_memory()
        self.fail: dict[str, int] = {}
        self.calls: list[str] = []

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if self.fail.get(name, 0) > 0:
            self.fail[name] -= 1
            raise DISK_FULL

    def start_session(self, **fields: object) -> int:
        self._call("start_session")
        return self.inner.start_session(**fields)  # type: ignore[arg-type]

    def checkpoint(
        self, session_id: int, steps: Iterable[StepProgressLike], *, at: datetime | None = None
    ) -> None:
        self._call("checkpoint")
        self.inner.checkpoint(session_id, steps, at=at)

    def finish(self, session_id: int, **fields: object) -> None:
        self._call("finish")
        self.inner.finish(session_id, **fields)  # type: ignore[arg-type]

    def record(self) -> SessionRecord:
        [rec] = self.inner.sessions(include_running=True)
        return rec


class Heard:
    """What the recorder reported, and the ids it announced."""

    def __init__(self) -> None:
        self.problems: list[SaveProblem] = []
        self.started: list[int] = []


def recorder_for(store: FlakyStore | None, heard: Heard) -> SessionRecorder:
    return SessionRecorder(
        store, report=heard.problems.append, on_started=heard.started.append, now=Wall()
    )


def start(recorder: SessionRecorder, plan: Plan) -> int | None:
    return recorder.start(
        small_routine(),
        plan,
        kind="routine",
        speed=1.0,
        pain_before=6,
        answers=[("Do you have a fever?", "no")],
    )


def run(
    engine: SessionEngine, clock: FakeClock, recorder: SessionRecorder, *, until: int | None = None
) -> int:
    """Run the engine (started if it is not yet; Done on self-paced reps), checkpointing at
    every segment end, until `until` more segments have ended or it finishes; how many ended."""
    taken = 0
    events = engine.start() if engine.state == "ready" else []
    while True:
        for event in events:
            if isinstance(event, SegmentEnded):
                recorder.checkpoint(engine.step_results())
                taken += 1
        if engine.state == "finished" or (until is not None and taken >= until):
            return taken
        clock.advance(0.5)
        seg = engine.current
        events = engine.done() if seg is not None and seg.duration is None else engine.tick()


@pytest.fixture
def plan() -> Plan:
    return build_plan(small_routine())


@pytest.fixture
def store() -> Iterator[FlakyStore]:
    flaky = FlakyStore()
    yield flaky
    flaky.inner.close()


def test_planned_steps_are_the_work_seconds_of_each_step(plan: Plan) -> None:
    steps: list[PlannedStep] = planned_steps(plan)
    assert steps == [(0, "knee-to-chest", 20.0), (1, "glute-bridge", 0.0), (2, "march", 20.0)]


def test_a_session_is_created_checkpointed_and_finished(plan: Plan, store: FlakyStore) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    session_id = start(recorder, plan)
    assert session_id is not None and heard.started == [session_id]
    assert recorder.session_id == session_id and recorder.in_progress
    rec = store.record()
    assert (rec.status, rec.started_at, rec.pain_before) == ("running", T0, 6)
    assert [(a.ask, a.answer) for a in rec.answers] == [("Do you have a fever?", "no")]
    assert [(s.exercise, s.planned_seconds, s.status) for s in rec.steps] == [
        ("knee-to-chest", 20.0, "pending"),
        ("glute-bridge", 0.0, "pending"),
        ("march", 20.0, "pending"),
    ]

    clock = FakeClock(100.0)
    engine = SessionEngine(plan, clock)
    run(engine, clock, recorder, until=2)  # get ready, then the first hold
    assert store.record().steps[0].done_seconds == pytest.approx(10.0, abs=0.5)
    taken = 2 + run(engine, clock, recorder)
    assert store.calls == ["start_session"] + ["checkpoint"] * taken

    results = engine.step_results()
    assert exercises_run(plan, results) == [
        (0, "Single knee to chest"),
        (1, "Glute bridge"),
        (2, "March on the spot"),
    ]
    assert recorder.finish(status="completed", results=results, pain_after=2, hurt=(1,), notes="ok")
    assert recorder.saved and recorder.finished and not recorder.in_progress
    rec = store.record()
    assert (rec.status, rec.pain_after, rec.notes, rec.stop_reason) == ("completed", 2, "ok", None)
    assert [s.status for s in rec.steps] == ["done", "done", "done"]
    assert [s.hurt for s in rec.steps] == [False, True, False]
    assert heard.problems == []
    # only the first finish writes
    assert recorder.finish(status="stopped", pain_after=9) is True
    assert store.calls.count("finish") == 1 and store.record().pain_after == 2


def test_stopped_early_records_the_reason_and_asks_about_what_ran(
    plan: Plan, store: FlakyStore
) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    start(recorder, plan)
    clock = FakeClock(100.0)
    engine = SessionEngine(plan, clock)
    run(engine, clock, recorder, until=3)  # get ready, hold, relax: into the second hold
    engine.stop()
    results = engine.step_results()
    assert exercises_run(plan, results) == [(0, "Single knee to chest")]
    assert recorder.finish(status="stopped", results=results, stop_reason="tired")
    rec = store.record()
    assert (rec.status, rec.stop_reason) == ("stopped", "tired")
    assert [s.status for s in rec.steps] == ["partial", "pending", "pending"]


def test_closing_before_the_engine_finished_is_recorded_as_stopped(
    plan: Plan, store: FlakyStore
) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    start(recorder, plan)
    assert recorder.finish(status=None, stop_reason="interrupted")
    rec = store.record()
    assert (rec.status, rec.stop_reason) == ("stopped", "interrupted")
    assert rec.ended_at == T0 + timedelta(minutes=1)  # the recorder's clock, read at finish


def test_a_store_that_raises_on_a_checkpoint_is_reported_once_and_caught_up(
    plan: Plan,
    store: FlakyStore,
) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    session_id = start(recorder, plan)
    store.fail["checkpoint"] = 2
    clock = FakeClock(100.0)
    engine = SessionEngine(plan, clock)
    run(engine, clock, recorder, until=2)  # both checkpoints fail
    assert heard.problems == [SaveProblem(parts=DISK_FULL.parts, detail=DISK_FULL.message)]
    assert recorder.session_id == session_id  # the store is kept, the session too
    assert [s.done_seconds for s in store.record().steps] == [0.0, 0.0, 0.0]
    run(engine, clock, recorder, until=1)  # the next one writes everything so far
    assert store.record().steps[0].done_seconds == pytest.approx(10.0, abs=0.5)
    run(engine, clock, recorder)
    assert recorder.finish(status="completed", results=engine.step_results(), pain_after=3)
    assert [s.status for s in store.record().steps] == ["done", "done", "done"]
    assert len(heard.problems) == 1


def test_a_store_that_keeps_failing_is_reported_once_and_the_session_runs_on(
    plan: Plan,
    store: FlakyStore,
) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    start(recorder, plan)
    store.fail = {"checkpoint": 99, "finish": 1}
    clock = FakeClock(100.0)
    engine = SessionEngine(plan, clock)
    taken = run(engine, clock, recorder)
    assert engine.state == "finished" and taken > 3
    assert store.calls.count("checkpoint") == taken  # every checkpoint was tried
    assert recorder.finish(status="completed", results=engine.step_results()) is False
    assert recorder.finished and not recorder.saved
    assert store.record().status == "running"  # found as interrupted at the next start
    assert len(heard.problems) == 1


def test_a_session_row_that_could_not_be_created_is_created_later(
    plan: Plan, store: FlakyStore
) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    store.fail["start_session"] = 1
    assert start(recorder, plan) is None
    assert recorder.session_id is None and recorder.in_progress
    assert heard.problems and heard.started == []
    clock = FakeClock(100.0)
    engine = SessionEngine(plan, clock)
    run(engine, clock, recorder, until=2)
    assert recorder.session_id is not None and heard.started == [recorder.session_id]
    rec = store.record()
    assert rec.started_at == T0  # when the player started, not when it was written
    assert rec.pain_before == 6 and rec.steps[0].done_seconds == pytest.approx(10.0, abs=0.5)
    assert len(heard.problems) == 1


def test_the_final_save_creates_the_row_if_no_checkpoint_could(
    plan: Plan, store: FlakyStore
) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    store.fail["start_session"] = 1
    start(recorder, plan)
    assert recorder.finish(status="stopped", stop_reason="pain", pain_after=7)
    rec = store.record()
    assert (rec.status, rec.started_at, rec.stop_reason, rec.pain_after) == (
        "stopped",
        T0,
        "pain",
        7,
    )


def test_without_a_store_the_session_runs_and_says_so_once(plan: Plan) -> None:
    heard = Heard()
    recorder = recorder_for(None, heard)
    assert start(recorder, plan) is None
    assert heard.problems == [SaveProblem(no_store=True)]
    recorder.checkpoint([])
    assert recorder.finish(status="completed") is False
    assert heard.problems == [SaveProblem(no_store=True)] and heard.started == []


def test_finishing_a_session_that_never_started_writes_nothing(
    plan: Plan, store: FlakyStore
) -> None:
    heard = Heard()
    recorder = recorder_for(store, heard)
    assert recorder.finish(status=None) is False  # the window closed at the check-in
    assert store.calls == [] and heard.problems == [] and not recorder.in_progress


def test_a_plain_error_is_reported_in_its_own_words() -> None:
    assert SaveProblem.of(OSError("disk on fire")) == SaveProblem(detail="disk on fire")
