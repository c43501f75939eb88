"""Deadlines stay right: jittery ticks, speed, pause, skip, back, clock jumps, late ticks."""

from __future__ import annotations

import pytest

from backcoach.core.fakeclock import FakeClock
from backcoach.core.plan import Plan, build_plan
from backcoach.core.session import (
    CueDue,
    Event,
    Finished,
    Paused,
    SegmentEnded,
    SegmentStarted,
    SessionEngine,
)
from tests.core.test_session_support import jittery_run, small_routine, thirty_minute_plan

T0 = 1000.0


def starts(events: list[tuple[float, Event]] | list[Event]) -> dict[int, float]:
    """Segment index -> clock time it started (the last start, after back())."""
    out: dict[int, float] = {}
    for item in events:
        e = item[1] if isinstance(item, tuple) else item
        if isinstance(e, SegmentStarted):
            out[e.segment.index] = e.at
    return out


def drive(engine: SessionEngine, clock: FakeClock, until: float, step: float = 0.1) -> list[Event]:
    events: list[Event] = []
    while clock() < until - 1e-9 and engine.state != "finished":
        clock.advance(min(step, until - clock()))
        events += engine.tick()
    return events


def drive_to_end(engine: SessionEngine, clock: FakeClock, step: float = 0.1) -> list[Event]:
    events: list[Event] = []
    while engine.state != "finished":
        clock.advance(step)
        events += engine.tick()
        assert clock() < T0 + 100_000
    return events


def test_thirty_minutes_of_jittery_ticks_end_on_plan() -> None:
    plan = thirty_minute_plan()
    clock = FakeClock(T0)
    engine = SessionEngine(plan, clock)
    log = jittery_run(engine, clock, seed=7)
    assert engine.finish_status == "completed"
    assert engine.started_at == T0 and engine.finished_at is not None
    drift = engine.finished_at - engine.started_at - plan.total_seconds
    print(f"drift over 30 min: {drift * 1000:.6f} ms")
    assert abs(drift) < 0.010
    # every segment started where the plan says, and was noticed by the next tick
    for seg_index, at in starts(log).items():
        assert at == pytest.approx(T0 + plan.segments[seg_index].start, abs=1e-6)
    for tick_time, e in log:
        if isinstance(e, SegmentStarted):
            assert 0 <= tick_time - e.at < 0.6
    finished_tick = next(t for t, e in log if isinstance(e, Finished))
    assert finished_tick - engine.finished_at < 0.6
    assert engine.total_elapsed == pytest.approx(1800, abs=1e-6)
    assert all(r.status == "done" for r in engine.step_results())


def test_speed_ten_runs_ten_times_faster() -> None:
    plan = thirty_minute_plan()
    clock = FakeClock(T0)
    engine = SessionEngine(plan, clock, speed=10)
    jittery_run(engine, clock, seed=3)
    assert engine.finished_at is not None
    assert engine.finished_at - T0 == pytest.approx(180.0, abs=1e-6)
    assert engine.total_elapsed == pytest.approx(1800.0, abs=1e-6)


def test_speed_reports_plan_seconds() -> None:
    clock = FakeClock(T0)
    engine = SessionEngine(build_plan(small_routine()), clock, speed=10)
    engine.start()
    clock.advance(0.2)
    engine.tick()
    assert engine.elapsed == pytest.approx(2.0)
    assert engine.remaining == pytest.approx(3.0)


def reference_starts(plan: Plan) -> dict[int, float]:
    clock = FakeClock(T0)
    engine = SessionEngine(plan, clock)
    return starts(jittery_run(engine, clock, seed=11))


def test_pause_shifts_every_later_deadline_by_exactly_the_pause() -> None:
    plan = thirty_minute_plan()
    ref = reference_starts(plan)
    clock = FakeClock(T0)
    engine = SessionEngine(plan, clock)
    events: list[Event] = list(engine.start())
    events += drive(engine, clock, T0 + 300.05)
    seg_at_pause = engine.current
    assert seg_at_pause is not None
    events += engine.pause()
    clock.advance(123.4)
    for _ in range(50):  # ticks while paused change nothing
        clock.advance(0.1)
        assert engine.tick() == []
    pause = clock() - (T0 + 300.05)
    events += engine.resume()
    events += drive_to_end(engine, clock)
    got = starts(events)
    for i, at in got.items():
        shift = pause if i > seg_at_pause.index else 0.0
        assert at == pytest.approx(ref[i] + shift, abs=1e-6), plan.segments[i].label
    assert engine.finished_at == pytest.approx(T0 + 1800 + pause, abs=1e-6)
    assert engine.total_elapsed == pytest.approx(1800, abs=1e-6)


def test_skip_starts_the_next_segment_now_and_later_ones_follow() -> None:
    plan = thirty_minute_plan()
    clock = FakeClock(T0)
    engine = SessionEngine(plan, clock)
    engine.start()
    drive(engine, clock, T0 + 12.0)  # 7 s into the first hold
    k = engine.current
    assert k is not None and k.kind == "hold"
    t_skip = clock()
    events = engine.skip()
    assert isinstance(events[0], SegmentEnded) and events[0].skipped
    assert events[0].done_seconds == pytest.approx(7.0)
    events += drive_to_end(engine, clock)
    nxt = plan.segments[k.index + 1]
    for i, at in starts(events).items():
        assert at == pytest.approx(t_skip + plan.segments[i].start - nxt.start, abs=1e-6)
    assert engine.finished_at == pytest.approx(t_skip + 1800 - nxt.start, abs=1e-6)


def test_back_restarts_or_goes_to_previous_work_segment() -> None:
    plan = thirty_minute_plan()
    clock = FakeClock(T0)
    engine = SessionEngine(plan, clock)
    engine.start()
    # 1.0 s into the relax after hold 1: back goes to hold 1
    drive(engine, clock, T0 + 5 + 30 + 1.0)
    assert engine.current is not None and engine.current.kind == "relax"
    relax = engine.current
    t1 = clock()
    events = engine.back()
    assert isinstance(events[0], SegmentEnded) and events[0].reason == "back"
    assert not events[0].skipped
    hold1 = plan.segments[relax.index - 1]
    assert engine.current == hold1 and engine.deadline == pytest.approx(t1 + 30)
    # 10 s in: back restarts the same hold
    drive(engine, clock, t1 + 10)
    t2 = clock()
    engine.back()
    assert engine.current == hold1 and engine.elapsed == 0.0
    events = drive_to_end(engine, clock)
    for i, at in starts(events).items():
        assert at == pytest.approx(t2 + plan.segments[i].start - hold1.start, abs=1e-6)
    # every try counts: hold 1 done (30 s), 1 s of relax, 10 s of hold 1, then all again
    assert engine.total_elapsed == pytest.approx(1800 + 30 + 1 + 10, abs=1e-6)
    knee = engine.step_results()[0]
    assert knee.status == "done"
    assert knee.done_seconds == pytest.approx(knee.planned_seconds + 30 + 10, abs=1e-6)


def test_back_in_the_first_work_segment_restarts_it() -> None:
    clock = FakeClock(T0)
    engine = SessionEngine(build_plan(small_routine()), clock)
    engine.start()
    drive(engine, clock, T0 + 6)
    first = engine.current
    engine.back()
    assert engine.current == first and engine.elapsed == 0.0


def test_clock_jump_pauses_at_the_last_tick() -> None:
    plan = thirty_minute_plan()
    clock = FakeClock(T0)
    engine = SessionEngine(plan, clock)
    engine.start()
    drive(engine, clock, T0 + 20.0)
    seg, before = engine.current, engine.remaining
    clock.advance(3600)  # the laptop slept for an hour
    assert engine.tick() == [Paused("clock-jump")]
    assert engine.state == "paused" and engine.pause_reason == "clock-jump"
    assert engine.current == seg and engine.remaining == before
    clock.advance(30)
    assert engine.tick() == []
    engine.resume()
    assert before is not None
    assert engine.deadline == pytest.approx(clock() + before)
    drive_to_end(engine, clock)
    assert all(r.status == "done" for r in engine.step_results())


def test_clock_jump_is_noticed_by_any_command() -> None:
    clock = FakeClock(T0)
    engine = SessionEngine(build_plan(small_routine()), clock)
    engine.start()
    clock.advance(2)
    engine.tick()
    clock.advance(60)
    events = engine.skip()
    assert events[0] == Paused("clock-jump")
    # the skip acts at the paused moment, and the new segment waits for resume
    assert isinstance(events[1], SegmentEnded) and events[1].done_seconds == 2.0
    assert engine.state == "paused" and engine.current is not None
    assert engine.current.kind == "hold" and engine.elapsed == 0.0


def test_user_pause_is_unaffected_by_a_clock_jump() -> None:
    clock = FakeClock(T0)
    engine = SessionEngine(build_plan(small_routine()), clock)
    engine.start()
    clock.advance(1)
    engine.pause()
    clock.advance(7200)
    assert engine.tick() == []
    assert engine.pause_reason == "user"


def test_gap_just_under_max_gap_is_not_a_jump() -> None:
    clock = FakeClock(T0)
    engine = SessionEngine(build_plan(small_routine()), clock, max_gap=5.0)
    engine.start()
    clock.advance(4.9)
    assert not any(isinstance(e, Paused) for e in engine.tick())
    clock.advance(0.2)
    engine.tick()
    assert engine.current is not None and engine.current.kind == "hold"


def test_a_late_tick_emits_every_transition_in_order_and_drops_stale_counts() -> None:
    clock = FakeClock(T0)
    engine = SessionEngine(build_plan(small_routine()), clock, max_gap=30)
    engine.start()
    clock.advance(4.0 + 10.0 + 5.0 + 1.0)  # get-ready, hold, relax all end in one tick
    events = engine.tick()
    names = [type(e).__name__ for e in events if not isinstance(e, CueDue)]
    assert names == [
        "SegmentEnded",
        "SegmentStarted",
        "SegmentEnded",
        "SegmentStarted",
        "SegmentEnded",
        "SegmentStarted",
    ]
    ats = [e.at for e in events if isinstance(e, SegmentStarted)]
    assert ats == [T0 + 5, T0 + 15, T0 + 20]
    says = [e.say for e in events if isinstance(e, CueDue)]
    assert "Relax." in says and "Hold 2 of 2." in says
    # the counts of segments long gone are dropped; the latest ("One" at T0+19, 1 s late) kept
    assert says.count("Three") == 0 and says.count("Two") == 0
    assert says.count("One") == 1
