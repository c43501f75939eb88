"""Every file `check` accepts plans quickly and in little memory (a Hypothesis property).

Routines are generated with holds, reps, sets, sides, rep_time, cues `every`,
flare and stages within the limits and just past them; a file the loader
accepts must plan, at every stage and on a flare day, in under 100 ms and
under 50 MB (tracemalloc peak); a file past them is refused, never planned.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.core.loader import load_bytes
from backcoach.core.plan import build_plan
from backcoach.core.routine import Routine

# Mostly within the limits (repeated values are drawn more often), some just past.
SECONDS = st.sampled_from(
    ["0.1", "0.5", "1", "1", "5", "5", "30s", "10m", "1h", "2h", "2h1s", "25h"]
)
EVERY = st.sampled_from(["0.5", "1s", "5s", "10s", "1m", "1m", "0.0000001s"])
REPS = st.sampled_from([1, 2, 10, 50, 99, 100, 100, 100, 101, 10**8])
SETS = st.sampled_from([1, 2, 10, 19, 20, 20, 20, 21])
SIDES = st.sampled_from(["none", "each", "left", "alternate"])


@st.composite
def step(draw: st.DrawFn, index: int) -> str:
    kind = draw(st.sampled_from(["hold", "duration", "reps", "rest", "dense"]))
    if kind == "dense":  # many short holds: near the limit on a session's parts
        reps, sets = draw(st.integers(20, 101)), draw(st.integers(5, 21))
        sides = draw(SIDES)
        return (
            f"  - {{exercise: a, id: s{index}, hold: 0.5, relax: 0.5, reps: {reps}, "
            f"sets: {sets}, sides: {sides}, rest: 1s}}\n"
        )
    if kind == "rest":
        return f"  - {{rest: {draw(SECONDS)}, id: s{index}}}\n"
    parts = [f"exercise: a, id: s{index}", f"sets: {draw(SETS)}"]
    if kind == "hold":
        parts += [f"hold: {draw(SECONDS)}", f"reps: {draw(REPS)}", f"relax: {draw(SECONDS)}"]
    elif kind == "duration":
        parts.append(f"duration: {draw(SECONDS)}")
    else:
        parts += [f"reps: {draw(REPS)}", f"rep_time: {draw(SECONDS)}"]
    if kind != "duration":
        parts.append(f"sides: {draw(SIDES)}")
    if draw(st.booleans()):
        parts.append(f"cues: [{{every: {draw(EVERY)}, say: x}}]")
    parts.append(f"rest: {draw(SECONDS)}")
    return "  - {" + ", ".join(parts) + "}\n"


@st.composite
def routine_text(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 4))
    steps = "".join(draw(step(i)) for i in range(count))
    text = "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\nsteps:\n" + steps
    if draw(st.booleans()):
        skip = draw(st.integers(0, count - 1))
        text += f"flare: {{scale: {draw(st.sampled_from([0.1, 0.5, 1]))}, skip: [s{skip}]}}\n"
    if draw(st.booleans()):
        key = draw(st.sampled_from(["reps: " + str(draw(REPS)), "sets: " + str(draw(SETS))]))
        text += f"stages:\n  - {{name: A}}\n  - {{name: B, after: 2, change: {{s0: {{{key}}}}}}}\n"
    return text


def _plans(routine: Routine) -> list[tuple[int, bool]]:
    stages = range(1, max(1, len(routine.stages)) + 1)
    flares = (False, True) if routine.flare else (False,)
    return [(n, f) for n in stages for f in flares]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routine_text())
def test_every_accepted_file_plans_fast_and_small(text: str) -> None:
    result = load_bytes(text.encode(), Path("/nowhere/r.yaml"), display="r.yaml")
    if result.routine is None:
        assert result.problems
        return
    for stage, flare in _plans(result.routine):
        best = min(_timed(result.routine, stage, flare) for _ in range(2))
        assert best < 0.1, (text, stage, flare, best)
        tracemalloc.start()
        try:
            build_plan(result.routine, stage=stage, flare=flare)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 50 * 1024 * 1024, (text, stage, flare, peak)


def _timed(routine: Routine, stage: int, flare: bool) -> float:
    start = time.perf_counter()
    build_plan(routine, stage=stage, flare=flare)
    return time.perf_counter() - start
