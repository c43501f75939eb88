"""Routines and drivers shared by the session engine tests (built in code, no files)."""

from __future__ import annotations

import random

from backcoach.core.fakeclock import FakeClock
from backcoach.core.plan import Plan, build_plan
from backcoach.core.routine import Cue, Exercise, ExerciseStep, RestStep, Routine
from backcoach.core.session import Event, SessionEngine

KNEE = Exercise("knee-to-chest", "Single knee to chest")
BRIDGE = Exercise("glute-bridge", "Glute bridge")
CAT = Exercise("cat-cow", "Cat and cow")
MARCH = Exercise("march", "March on the spot")
PLANK = Exercise("plank", "Plank")
DEADBUG = Exercise("dead-bug", "Dead bug")


def thirty_minute_routine() -> Routine:
    """Holds with relax, sides, sets, rests, paced reps, timed steps: exactly 30 minutes."""
    steps = (
        ExerciseStep(
            KNEE,
            hold=30,
            reps=3,
            sides="each",
            relax=5,
            switch=10,
            rest=20,
            say="Lie on your back.",
            cues=(Cue(at=10, say="Breathe out."), Cue(at_half=True, sound="chime")),
        ),
        ExerciseStep(BRIDGE, id="bridges", reps=10, rep_time=4, sets=3, rest=30),
        RestStep(60, say="Sip some water."),
        ExerciseStep(
            MARCH,
            duration=180,
            rest=15,
            cues=(Cue(every=30, sound="tick"), Cue(before_end=10, say="Slow down.")),
        ),
        ExerciseStep(PLANK, id="plank", hold=20, reps=4, sets=2, relax=10, rest=40),
        ExerciseStep(CAT, hold=15, reps=5, sides="each", relax=5, switch=5, rest=25),
        ExerciseStep(DEADBUG, reps=8, rep_time=5, sets=2, sides="each", rest=20),
        RestStep(90),
        ExerciseStep(MARCH, duration=120, rest=0),
    )
    base = build_plan(Routine("thirty", "Thirty minutes", steps))
    pad = 1800 - base.total_seconds
    assert pad > 30, pad  # the last timed step soaks up the difference
    steps = (*steps[:-1], ExerciseStep(MARCH, duration=120 + pad))
    return Routine("thirty", "Thirty minutes", steps)


def thirty_minute_plan() -> Plan:
    plan = build_plan(thirty_minute_routine())
    assert abs(plan.total_seconds - 1800) < 1e-9
    return plan


def small_routine() -> Routine:
    """get-ready 5, hold 10 (x2, relax 5), rest 10, reps self-paced, timed 20."""
    return Routine(
        "small",
        "Small",
        (
            ExerciseStep(KNEE, hold=10, reps=2, relax=5, rest=10),
            ExerciseStep(BRIDGE, reps=5, rest=0),
            ExerciseStep(MARCH, duration=20),
        ),
    )


def jittery_run(
    engine: SessionEngine, clock: FakeClock, seed: int = 1, limit: float = 10_000
) -> list[tuple[float, Event]]:
    """Tick every 100 ms, 0-80 ms late, with an occasional 400 ms stall, until finished."""
    rng = random.Random(seed)
    out = [(clock(), e) for e in engine.start()]
    while engine.state != "finished":
        dt = 0.1 + rng.uniform(0, 0.08)
        if rng.random() < 0.02:
            dt += 0.4
        clock.advance(dt)
        out += [(clock(), e) for e in engine.tick()]
        assert clock() < limit, "session never finished"
    return out


def test_thirty_minute_plan_is_thirty_minutes() -> None:
    plan = thirty_minute_plan()
    kinds = {s.kind for s in plan.segments}
    assert kinds == {"get-ready", "hold", "relax", "reps", "timed", "switch", "rest"}
