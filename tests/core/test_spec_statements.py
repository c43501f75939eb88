"""Statements of the format spec (shared/design/routine-format.md), checked one by one.

Each test quotes the sentence it checks; the loader tests cover the messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.loader import LoadResult, load_bytes
from backcoach.core.plan import Segment, build_plan
from backcoach.core.routine import ExerciseStep, Routine

HEAD = "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\n  b: {name: B}\n"


def segment_seconds(segment: Segment) -> float:
    """A timed segment's length (self-paced reps have none)."""
    assert segment.duration is not None, f"a {segment.kind} segment without a duration"
    return segment.duration


def _load(tmp_path: Path, text: str) -> LoadResult:
    return load_bytes(text.encode(), tmp_path / "r.yaml", display="r.yaml", assets=tmp_path)


def _routine(tmp_path: Path, text: str) -> Routine:
    result = _load(tmp_path, HEAD + text)
    assert [str(p) for p in result.problems] == []
    assert result.routine is not None
    return result.routine


@pytest.mark.parametrize(("written", "seconds"), [(".5", 0.5), ("5.", 5.0), ("7.5", 7.5)])
def test_a_decimal_number_of_seconds(tmp_path: Path, written: str, seconds: float) -> None:
    """'A whole or decimal number of seconds (45, 7.5)': YAML's .5 and 5. are numbers too."""
    (step,) = _routine(tmp_path, f"steps: [{{exercise: a, hold: {written}}}]\n").steps
    assert isinstance(step, ExerciseStep) and step.hold == seconds


@pytest.mark.parametrize(("written", "scale"), [(".5", 0.5), ("1", 1.0), ("0.25", 0.25)])
def test_flare_scale_is_a_number(tmp_path: Path, written: str, scale: float) -> None:
    """'scale (0 < scale <= 1)'."""
    routine = _routine(
        tmp_path, f"flare: {{scale: {written}}}\nsteps: [{{exercise: a, hold: 8s}}]\n"
    )
    assert routine.flare is not None and routine.flare.scale == scale


def test_the_order_of_one_exercise_step(tmp_path: Path) -> None:
    """'for each side, for each set, the reps (each hold followed by relax, except the last
    of the set), then rest between sets; the switch pause between sides; then rest before
    the next step (none after the last step, none before a rest step)'."""
    routine = _routine(
        tmp_path,
        "steps:\n"
        "  - {exercise: a, hold: 10s, reps: 2, sets: 2, sides: each, relax: 3s, switch: 4s, rest: 7s}\n"
        "  - {exercise: b, hold: 5s, rest: 9s}\n"
        "  - {rest: 1m}\n"
        "  - {exercise: b, duration: 1m, rest: 11s}\n",
    )
    durations = [round(segment_seconds(s)) for s in build_plan(routine).segments]
    one_side = [10, 3, 10, 7, 10, 3, 10]
    assert durations == [5, *one_side, 4, *one_side, 7, 5, 60, 60]


def test_flare_scales_holds_durations_and_reps_rounded_up(tmp_path: Path) -> None:
    """'scale multiplies hold, duration and reps (reps rounded up, never below 1)'; rests,
    relax and rep_time are not scaled."""
    routine = _routine(
        tmp_path,
        "flare: {scale: 0.3}\n"
        "steps:\n"
        "  - {exercise: a, hold: 10s, reps: 2, relax: 3s, rest: 7s}\n"
        "  - {exercise: b, reps: 5, rep_time: 2s, rest: 9s}\n"
        "  - {exercise: b, duration: 1m}\n",
    )
    durations = [round(segment_seconds(s), 1) for s in build_plan(routine, flare=True).segments]
    # hold 10s x0.3 = 3s, reps 2 x0.3 -> 1 (no relax); reps 5 x0.3 -> 2 at 2s each;
    # rests 7s and 9s unchanged; duration 1m x0.3 = 18s
    assert durations == [5, 3, 7, 4, 9, 18]


def test_flare_skip_drops_the_step_and_its_rest(tmp_path: Path) -> None:
    """'skip lists step ids to leave out'."""
    routine = _routine(
        tmp_path,
        "flare: {skip: [mid]}\n"
        "steps:\n"
        "  - {exercise: a, hold: 10s, rest: 7s}\n"
        "  - {exercise: b, id: mid, hold: 20s, rest: 9s}\n"
        "  - {exercise: b, hold: 30s}\n",
    )
    durations = [round(segment_seconds(s)) for s in build_plan(routine, flare=True).segments]
    assert durations == [5, 10, 7, 30]


def test_an_own_exercise_wins_over_the_catalog(tmp_path: Path) -> None:
    """'An exercise defined in the routine itself wins over a library one of the same id.'"""
    routine = _routine(tmp_path, "steps: [{exercise: a, hold: 5s}]\n")
    result = _load(
        tmp_path,
        "backcoach: 1\ntitle: T\nexercises:\n  glute-bridge: {name: Mine}\n"
        "steps: [{exercise: glute-bridge, reps: 3}]\n",
    )
    assert routine.exercises["a"].name == "A"
    assert result.routine is not None
    assert result.routine.exercises["glute-bridge"].name == "Mine"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "backcoach: 2\ntitle: T\nsteps: [{rest: 1m}]\n",
            "backcoach: made for a newer backcoach (format 2); this version reads format 1",
        ),
        (
            "backcoach: 1\ntitle: T\nsteps: [{rest: 1m, say: hi, cues: []}]\n",
            "steps[0]: 'cues' belongs to an exercise step; a rest step has only rest, say and id "
            "(add 'exercise:' if this step is an exercise)",
        ),
        (
            "backcoach: 1\ntitle: T\nflare: {scale: 0}\nsteps: [{rest: 1m}]\n",
            "flare.scale: expected a number more than 0 and at most 1 "
            "(0.5 halves holds, durations and reps), got 0",
        ),
    ],
    ids=["newer-version", "rest-step-has-nothing-of-an-exercise", "scale-above-0"],
)
def test_refused(tmp_path: Path, body: str, message: str) -> None:
    result = _load(tmp_path, body)
    assert [p.message for p in result.problems] == [message]
