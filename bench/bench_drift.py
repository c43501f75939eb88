"""How far a 30-minute session drifts on a jittery clock: the engine vs. a tick counter.

The engine computes remaining = deadline - clock() and chains deadlines, so tick
lateness never accumulates. A timer that counts 100 ms ticks instead loses every
tick that arrives late or is swallowed while the main thread is busy.

The fake clock ticks every 100 ms, 0-80 ms late, with a 400 ms stall on 2% of
ticks (seeded). Plain Python, no Qt, no waiting: prints figures and exits.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from backcoach.core.fakeclock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.routine import Exercise, ExerciseStep, RestStep, Routine
from backcoach.core.session import CueDue, SegmentStarted, SessionEngine

TICK = 0.1


def routine() -> Routine:
    knee = Exercise("knee-to-chest", "Single knee to chest")
    bridge = Exercise("glute-bridge", "Glute bridge")
    march = Exercise("march", "March on the spot")
    plank = Exercise("plank", "Plank")
    steps = (
        ExerciseStep(knee, hold=30, reps=3, sides="each", relax=5, switch=10, rest=20),
        ExerciseStep(bridge, reps=10, rep_time=4, sets=3, rest=30),
        RestStep(60),
        ExerciseStep(march, duration=180, rest=15),
        ExerciseStep(plank, hold=20, reps=4, sets=2, relax=10, rest=40),
        ExerciseStep(knee, hold=15, reps=5, sides="each", relax=5, rest=25),
        RestStep(90),
    )
    total = build_plan(Routine("b", "B", steps)).total_seconds
    return Routine("b", "B", (*steps, ExerciseStep(march, duration=1800 - total)))


COUNTS = {"Three": 3.0, "Two": 2.0, "One": 1.0}


def intervals(seed: int) -> Iterator[float]:
    """Jittery 100 ms ticks: 0-80 ms late, and a 400 ms stall on 2% of them."""
    rng = random.Random(seed)
    while True:
        dt = TICK + rng.uniform(0, 0.08)
        if rng.random() < 0.02:
            dt += 0.4
        yield dt


def busy_intervals() -> Iterator[float]:
    """The measurement in architecture.md: 100 ms ticks, main thread busy 250 ms every 2 s
    (a tick due during the busy spell fires once at its end; the others are lost)."""
    t = 0.0
    while True:
        nxt = t + TICK
        phase = nxt % 2.0
        if phase < 0.25:  # busy from 0 to 0.25 s of every 2 s window
            nxt += 0.25 - phase
        yield nxt - t
        t = nxt


def run_engine(gen: Iterator[float], speed: float = 1.0) -> tuple[float, float, float, float]:
    """(drift s, worst segment-start error s, worst notice latency s, worst count latency s)."""
    plan = build_plan(routine())
    clock = FakeClock(1000.0)
    engine = SessionEngine(plan, clock, speed=speed)
    engine.start()
    worst_start = worst_notice = worst_count = 0.0
    while engine.state != "finished":
        clock.advance(next(gen))
        for e in engine.tick():
            if isinstance(e, SegmentStarted):
                want = 1000.0 + e.segment.start / speed
                worst_start = max(worst_start, abs(e.at - want))
                worst_notice = max(worst_notice, clock() - e.at)
            elif isinstance(e, CueDue) and e.say in COUNTS and engine.remaining is not None:
                seg = engine.current
                if seg is not None and seg.kind != "reps":  # a countdown, not a rep count
                    late = (COUNTS[e.say] - engine.remaining) / speed
                    worst_count = max(worst_count, late)
    assert engine.finished_at is not None
    drift = engine.finished_at - 1000.0 - plan.total_seconds / speed
    return drift, worst_start, worst_notice, worst_count


def run_tick_counter(gen: Iterator[float], total: float) -> float:
    """Real seconds a 100 ms tick counter takes to count `total` seconds, minus `total`."""
    real = counted = 0.0
    while counted < total - 1e-9:
        real += next(gen)
        counted += TICK
    return real - total


def main() -> int:
    total = build_plan(routine()).total_seconds
    seeds = range(20)
    t0 = time.perf_counter()
    results = [run_engine(intervals(s)) for s in seeds]
    cpu = (time.perf_counter() - t0) / len(seeds)
    drifts = [r[0] for r in results]
    fast = [run_engine(intervals(s), speed=10)[0] for s in seeds]
    busy_engine = run_engine(busy_intervals())[0]
    counter = [run_tick_counter(intervals(s), total) for s in seeds]
    busy = run_tick_counter(busy_intervals(), total)
    print(
        f"plan: {total:.0f} s ({total / 60:.0f} min); ticks every 100 ms + 0-80 ms, 2% stall 400 ms"
    )
    print(f"runs: {len(seeds)} seeds")
    print(f"engine drift at the end:          max {max(abs(d) for d in drifts):.1e} s")
    print(f"engine drift at speed 10:         max {max(abs(d) for d in fast):.1e} s")
    print(f"engine worst segment-start error: {max(r[1] for r in results):.1e} s")
    print(
        f"engine worst notice latency:      {max(r[2] for r in results) * 1e3:.1f} ms (one late tick)"
    )
    print(f"engine worst countdown latency:   {max(r[3] for r in results) * 1e3:.1f} ms")
    print(
        f"100 ms tick counter overshoot:    mean {statistics.mean(counter):.1f} s "
        f"({statistics.mean(counter) / total * 100:.1f}% of the plan; "
        f"{statistics.mean(counter) / (total + statistics.mean(counter)) * 100:.1f}% of ticks lost)"
    )
    print(
        f"100 ms tick counter, busy 250 ms every 2 s: overshoot {busy:.1f} s "
        f"({busy / (total + busy) * 100:.1f}% of ticks lost); the engine: {busy_engine:.1e} s"
    )
    print(f"engine cost: {cpu * 1e3:.0f} ms CPU per simulated 30-minute session")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
