"""step_results() for the session log, stop(), and random command sequences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.core.fakeclock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.routine import ExerciseStep, RestStep, Routine
from backcoach.core.session import (
    CueDue,
    Event,
    Finished,
    SegmentEnded,
    SegmentStarted,
    SessionEngine,
)
from tests.core.test_session_support import BRIDGE, KNEE, MARCH, small_routine


def ticking(engine: SessionEngine, clock: FakeClock, seconds: float) -> list[Event]:
    events: list[Event] = []
    for _ in range(round(seconds / 0.1)):
        clock.advance(0.1)
        events += engine.tick()
    return events


def test_stop_part_way_gives_partial_skipped_and_pending() -> None:
    clock = FakeClock()
    engine = SessionEngine(build_plan(small_routine()), clock)
    engine.start()
    engine.skip()  # get-ready
    while engine.current is not None and engine.current.step_index == 0:
        engine.skip()  # every part of the knee step, at once
    assert engine.current is not None and engine.current.kind == "reps"
    ticking(engine, clock, 5.0)
    events = engine.stop()
    assert isinstance(events[0], SegmentEnded) and events[0].reason == "stopped"
    assert events[0].done_seconds == pytest.approx(5.0)
    assert events[-1] == Finished("stopped")
    assert engine.finish_status == "stopped" and engine.state == "finished"
    knee, bridge, march = engine.step_results()
    assert (knee.exercise, knee.status, knee.planned_seconds, knee.done_seconds) == (
        "knee-to-chest",
        "skipped",
        20.0,
        0.0,
    )
    assert bridge.status == "partial" and bridge.planned_seconds == 0.0
    assert bridge.done_seconds == pytest.approx(5.0)
    assert (
        march.status == "pending"
        and march.done_seconds == 0.0
        and march.name == "March on the spot"
    )
    assert 0 < engine.session_progress < 1


def test_some_holds_done_is_partial() -> None:
    clock = FakeClock()
    engine = SessionEngine(build_plan(small_routine()), clock)
    engine.start()
    ticking(engine, clock, 5 + 10 + 5 + 4)  # get-ready, hold 1, relax, 4 s of hold 2
    engine.skip()
    assert engine.step_results()[0].status == "partial"
    assert engine.step_results()[0].done_seconds == pytest.approx(14.0)


def test_results_while_running_count_the_current_segment() -> None:
    clock = FakeClock()
    engine = SessionEngine(build_plan(small_routine()), clock)
    engine.start()
    ticking(engine, clock, 5 + 3)
    knee = engine.step_results()[0]
    assert knee.status == "partial" and knee.done_seconds == pytest.approx(3.0)


def test_rest_steps_are_reported_by_their_rest() -> None:
    routine = Routine(
        "r",
        "R",
        (ExerciseStep(KNEE, hold=5), RestStep(30, say="Water."), ExerciseStep(MARCH, duration=5)),
    )
    clock = FakeClock()
    engine = SessionEngine(build_plan(routine), clock)
    engine.start()
    ticking(engine, clock, 10.2)
    assert engine.current is not None and engine.current.kind == "rest"
    engine.skip()
    rest = engine.step_results()[1]
    assert (rest.exercise, rest.name, rest.planned_seconds, rest.status) == (
        None,
        "Water.",
        0.0,
        "skipped",
    )


def test_done_is_ignored_outside_reps_and_ends_paced_reps_early() -> None:
    routine = Routine(
        "r", "R", (ExerciseStep(KNEE, hold=5), ExerciseStep(BRIDGE, reps=10, rep_time=3))
    )
    clock = FakeClock()
    engine = SessionEngine(build_plan(routine), clock)
    engine.start()
    ticking(engine, clock, 6)
    assert engine.current is not None and engine.current.kind == "hold"
    assert engine.done() == []
    ticking(engine, clock, 5)
    segment = engine.current
    assert segment is not None and segment.kind == "reps"
    events = engine.done()
    assert isinstance(events[0], SegmentEnded) and events[0].reason == "done"
    assert engine.state == "finished"
    assert [r.status for r in engine.step_results()] == ["done", "done"]


def test_stop_before_start_and_empty_plan() -> None:
    engine = SessionEngine(build_plan(small_routine()), FakeClock())
    assert engine.stop() == [Finished("stopped")]
    assert [r.status for r in engine.step_results()] == ["pending"] * 3
    empty = SessionEngine(build_plan(Routine("e", "E", ())), FakeClock())
    events = empty.start()
    assert events[-1] == Finished("completed") and empty.state == "finished"


def test_bad_speed_is_refused() -> None:
    with pytest.raises(ValueError, match="speed"):
        SessionEngine(build_plan(small_routine()), FakeClock(), speed=0)


def test_a_clock_that_steps_back_is_held_at_its_latest_value() -> None:
    times = iter([10.0, 12.0, 11.0, 11.5, 13.0])
    engine = SessionEngine(build_plan(small_routine()), lambda: next(times))
    engine.start()
    engine.tick()
    assert engine.elapsed == 2.0
    engine.tick()
    engine.tick()
    assert engine.elapsed == 2.0
    engine.tick()
    assert engine.elapsed == 3.0


OPS = st.sampled_from(["tick", "tick", "tick", "pause", "resume", "skip", "back", "done", "stop"])
DTS = st.one_of(
    st.floats(0, 0.5), st.floats(0, 4.0), st.floats(4.9, 5.1), st.floats(5, 4000), st.just(0.0)
)


@settings(max_examples=150, deadline=None)
@given(
    ops=st.lists(st.tuples(OPS, DTS), max_size=80),
    speed=st.sampled_from([1.0, 2.5, 10.0]),
    which=st.sampled_from(["small", "sides"]),
)
def test_random_commands_never_raise_and_time_never_goes_back(
    ops: list[tuple[str, float]], speed: float, which: str
) -> None:
    routine = small_routine()
    if which == "sides":
        routine = Routine(
            "s",
            "S",
            (
                ExerciseStep(KNEE, hold=3, reps=2, sides="each", sets=2, relax=1, rest=2),
                RestStep(4),
                ExerciseStep(BRIDGE, reps=3, rep_time=1.5, sets=2, rest=1),
            ),
        )
    plan = build_plan(routine)
    clock = FakeClock(5.0)
    engine = SessionEngine(plan, clock, speed=speed)
    events: list[Event] = list(engine.start())
    total = engine.total_elapsed
    finished = False
    for op, dt in ops:
        clock.advance(dt)
        new = getattr(engine, op)()
        if finished:
            assert new == []
        events += new
        finished = finished or any(isinstance(e, Finished) for e in new)
        assert engine.total_elapsed >= total - 1e-9
        total = engine.total_elapsed
        assert engine.elapsed >= 0
        rem = engine.remaining
        seg = engine.current
        if rem is not None and seg is not None and seg.duration is not None:
            assert 0 <= rem <= seg.duration + 1e-9
        assert 0.0 <= engine.session_progress <= 1.0
        assert (engine.state == "finished") == finished
        for r in engine.step_results():
            assert r.done_seconds >= 0
    # events are well formed: every start is closed by an end before the next start
    open_seg = None
    for e in events:
        if isinstance(e, SegmentStarted):
            assert open_seg is None
            open_seg = e.segment
        elif isinstance(e, SegmentEnded):
            assert e.segment == open_seg
            open_seg = None
        elif isinstance(e, CueDue):
            assert e.say or e.show or e.sound
    starts_at = [e.at for e in events if isinstance(e, SegmentStarted)]
    assert starts_at == sorted(starts_at)
    assert sum(1 for e in events if isinstance(e, Finished)) == (1 if finished else 0)
