"""The session engine's basic behaviour on a fake clock."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from backcoach.core.fakeclock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.session import (
    CueDue,
    Event,
    Finished,
    Paused,
    Resumed,
    SegmentEnded,
    SegmentStarted,
    SessionEngine,
)
from tests.core.test_session_support import small_routine


def make(speed: float = 1.0) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock(100.0)
    return SessionEngine(build_plan(small_routine()), clock, speed=speed), clock


def run_for(
    engine: SessionEngine, clock: FakeClock, seconds: float, step: float = 0.25
) -> list[Event]:
    """Tick every `step` seconds for `seconds` (small steps: no clock jump)."""
    events: list[Event] = []
    end = clock() + seconds
    while clock() < end - 1e-9:
        clock.advance(min(step, end - clock()))
        events += engine.tick()
    return events


def kinds(events: Sequence[object]) -> list[str]:
    return [type(e).__name__ for e in events]


def test_fake_clock_only_moves_forward() -> None:
    c = FakeClock(1.0)
    assert c() == 1.0
    assert c.advance(0.5) == 1.5
    with pytest.raises(ValueError, match="dt"):
        c.advance(-1)
    assert c() == 1.5


def test_nothing_happens_before_start() -> None:
    engine, clock = make()
    assert engine.state == "ready"
    assert engine.current is None
    clock.advance(10)
    assert engine.tick() == [] and engine.skip() == [] and engine.pause() == []


def test_start_announces_get_ready() -> None:
    engine, _ = make()
    events = engine.start()
    assert isinstance(events[0], SegmentStarted)
    assert events[0].segment.kind == "get-ready"
    says = [e.say for e in events if isinstance(e, CueDue)]
    assert says == ["Get ready.", "First: Single knee to chest."]
    assert engine.state == "running"
    assert engine.remaining == 5.0
    assert engine.start() == []


def test_segments_follow_deadlines_and_wait_for_done() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(4.9)
    assert not any(isinstance(e, SegmentStarted) for e in engine.tick())
    assert engine.remaining == pytest.approx(0.1)
    clock.advance(0.2)
    events = engine.tick()
    ended = [e for e in events if isinstance(e, SegmentEnded)]
    started = [e for e in events if isinstance(e, SegmentStarted)]
    assert ended[0].segment.kind == "get-ready" and ended[0].at == 105.0
    assert started[0].segment.kind == "hold" and started[0].at == 105.0
    assert engine.elapsed == pytest.approx(0.1)
    # hold 10 + relax 5 + hold 10 + rest 10 -> self-paced reps at 105 + 35
    run_for(engine, clock, 35.0)
    assert engine.current is not None and engine.current.kind == "reps"
    assert engine.is_self_paced and engine.remaining is None
    run_for(engine, clock, 300)
    segment = engine.current
    assert segment is not None and segment.kind == "reps"
    assert engine.elapsed == pytest.approx(300.1)  # waits for Done
    events = engine.done()
    assert kinds(events)[:2] == ["SegmentEnded", "SegmentStarted"]
    segment = engine.current
    assert segment is not None and segment.kind == "timed"
    events = run_for(engine, clock, 20.0)
    assert isinstance(events[-1], Finished) and events[-1].status == "completed"
    assert events[-2] == CueDue(
        say="Well done. Session complete.", template="Well done. Session complete."
    )
    assert engine.state == "finished"
    assert engine.session_progress == 1.0
    assert [r.status for r in engine.step_results()] == ["done", "done", "done"]


def test_pause_resume_shifts_deadline() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(1.5)
    assert engine.pause() == [Paused("user")]
    assert engine.state == "paused" and engine.deadline is None
    clock.advance(60)
    assert engine.tick() == []
    assert engine.elapsed == 1.5
    assert engine.resume() == [Resumed()]
    assert engine.deadline == 100 + 5 + 60
    clock.advance(3.4)
    assert not any(isinstance(e, SegmentEnded) for e in engine.tick())
    clock.advance(0.2)
    assert any(isinstance(e, SegmentEnded) for e in engine.tick())


def test_skip_and_stop() -> None:
    engine, clock = make()
    engine.start()
    clock.advance(1)
    events = engine.skip()
    assert events[0] == SegmentEnded(events[0].segment, 1.0, True, reason="skipped", at=101.0)  # type: ignore[union-attr]
    assert engine.current is not None and engine.current.kind == "hold"
    assert engine.deadline == 111.0
    clock.advance(3)
    events = engine.stop()
    assert kinds(events) == ["SegmentEnded", "Finished"]
    assert events[-1] == Finished("stopped")
    assert engine.state == "finished" and engine.stop() == []
    results = engine.step_results()
    assert results[0].status == "partial" and results[0].done_seconds == 3.0
    assert results[0].planned_seconds == 20.0
    assert results[1].status == "pending"
