"""The format's limits: hostile files get a plain FILE:LINE:COL message, fast, and
build_plan never expands a session past them."""

from __future__ import annotations

import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from backcoach.core.limits import MAX_CUES, PlanTooLong
from backcoach.core.loader import LoadResult, load_bytes
from backcoach.core.plan import build_plan
from backcoach.core.routine import Cue, Exercise, ExerciseStep, Routine
from backcoach.core.schema import routine_schema

H = "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\n"


def _load(tmp_path: Path, text: str) -> LoadResult:
    return load_bytes(text.encode(), tmp_path / "r.yaml", display="r.yaml", assets=tmp_path)


def _first(result: LoadResult) -> tuple[int, int, str]:
    assert result.routine is None and result.problems
    p = result.problems[0]
    return p.line, p.col, p.message


def test_the_121_byte_file_with_a_cue_every_tenth_of_a_microsecond(tmp_path: Path) -> None:
    text = H + "steps:\n  - exercise: a\n    hold: 2h\n    cues: [{every: 0.0000001s, say: x}]\n"
    assert _first(_load(tmp_path, text)) == (
        8,
        20,
        "steps[0].cues[0].every: a repeating cue comes at most once a second "
        "(every: 1s or more), got '0.0000001s'",
    )


def test_a_hundred_million_reps_and_sets(tmp_path: Path) -> None:
    text = H + (
        "steps:\n  - exercise: a\n    hold: 1s\n    reps: 100000000\n"
        "    sets: 100000000\n    sides: each\n"
    )
    problems = _load(tmp_path, text).problems
    assert [(p.line, p.col, p.message) for p in problems] == [
        (
            8,
            11,
            "steps[0].reps: out of range: expected a whole number from 1 to 100, got 100000000",
        ),
        (9, 11, "steps[0].sets: out of range: expected a whole number from 1 to 20, got 100000000"),
    ]


def test_a_million_two_hour_reps(tmp_path: Path) -> None:
    text = H + "steps:\n  - exercise: a\n    reps: 1000000\n    rep_time: 2h\n    sets: 1000000\n"
    problems = _load(tmp_path, text).problems
    assert [(p.line, p.col, p.message) for p in problems] == [
        (7, 11, "steps[0].reps: out of range: expected a whole number from 1 to 100, got 1000000"),
        (9, 11, "steps[0].sets: out of range: expected a whole number from 1 to 20, got 1000000"),
    ]


def test_a_session_past_four_hours_is_blamed_on_the_step_that_passes_them(
    tmp_path: Path,
) -> None:
    step = "  - {exercise: a, reps: 100, rep_time: 2h, sets: 20}\n"
    assert _first(_load(tmp_path, H + "steps:\n  - {rest: 1m}\n" + step)) == (
        7,
        5,
        "steps[1]: the session would last 4000h1m5s; a session is at most 4h",
    )


def test_a_stage_and_a_flare_day_are_measured_too(tmp_path: Path) -> None:
    steps = "steps:\n  - {exercise: a, id: s, hold: 90m, rest: 1h}\n  - {rest: 1s, id: r}\n"
    steps += "  - {exercise: a, hold: 90m}\n"
    flare = "flare: {skip: [r]}\n"
    line, col, message = _first(_load(tmp_path, H + steps + flare))
    assert (line, col) == (9, 8)
    assert message == "flare: on a flare day the session would last 4h5s; a session is at most 4h"
    stages = "stages:\n  - {name: One}\n  - {name: Two, after: 2, change: {s: {sets: 3}}}\n"
    line, col, message = _first(_load(tmp_path, H + steps + stages))
    assert (line, col) == (11, 5)
    assert message.startswith("stages[1]: at this stage the session would last")


def test_3000_unmatched_flare_skips_in_a_megabyte_check_fast(tmp_path: Path) -> None:
    steps = "".join(
        f"  - {{exercise: a, id: step-{i:03d}-{'x' * 300}, hold: 5s}}\n" for i in range(150)
    )
    skips = "".join(f"    - skip-{i:04d}-{'y' * 300}\n" for i in range(3000))
    text = H + "steps:\n" + steps + "flare:\n  skip:\n" + skips
    assert len(text) > 900_000
    start = time.perf_counter()
    result = _load(tmp_path, text)
    assert time.perf_counter() - start < 1.0
    assert len(result.problems) == 1000  # MAX_PROBLEMS
    first, later = result.problems[0], result.problems[10]
    assert (first.line, first.col) == (158, 7)
    assert first.message.startswith("flare.skip[0]: no step has the id 'skip-0000-yyy")
    assert later.message == f"flare.skip[10]: no step has the id 'skip-0010-{'y' * 300}'"


def test_a_20000_digit_reps_is_out_of_range(tmp_path: Path) -> None:
    text = H + "steps:\n  - exercise: a\n    hold: 5s\n    reps: " + "1" * 20000 + "\n"
    assert _first(_load(tmp_path, text)) == (
        8,
        11,
        "steps[0].reps: out of range: expected a whole number from 1 to 100, got "
        + "1" * 37
        + "...",
    )


def test_a_5000_digit_hold_is_out_of_range(tmp_path: Path) -> None:
    text = H + "steps:\n  - exercise: a\n    hold: " + "9" * 5000 + "\n"
    assert _first(_load(tmp_path, text)) == (
        7,
        11,
        "steps[0].hold: out of range: a duration is more than 0 and at most 2h, got "
        + "9" * 37
        + "...",
    )


def test_a_5000_character_image_path_is_refused_plainly(tmp_path: Path) -> None:
    text = (
        "backcoach: 1\ntitle: T\nexercises:\n  a:\n    name: A\n    image: "
        + "d/" * 2500
        + "a.png\nsteps:\n  - {exercise: a, hold: 5s}\n"
    )
    assert _first(_load(tmp_path, text)) == (
        6,
        12,
        "exercises.a.image: the image path is 5,005 characters long; at most 1000",
    )


def test_80000_steps_without_aliases_are_too_many_steps(tmp_path: Path) -> None:
    text = H + "steps:\n" + "- rest: 1\n" * 80_000
    assert _first(_load(tmp_path, text)) == (
        206,
        3,
        "steps[200]: a routine has at most 200 steps; this one has 80,000",
    )


def test_many_plain_values_are_not_called_an_alias_bomb(tmp_path: Path) -> None:
    text = H + "tags: [" + ", ".join(["t"] * 300_000) + "]\nsteps:\n  - {rest: 1s}\n"
    line, col, message = _first(_load(tmp_path, text))
    assert (line, col) == (5, 7)
    assert (
        message
        == "too many values for a routine file (more than 200,000); a routine needs a few hundred"
    )


def test_50000_exercises_are_too_many_for_one_file(tmp_path: Path) -> None:
    exercises = "".join(f"  e{i}: {{name: E}}\n" for i in range(50_000))
    text = "backcoach: 1\ntitle: T\nexercises:\n" + exercises + "steps:\n  - {rest: 1s}\n"
    assert _first(_load(tmp_path, text)) == (
        4,
        3,
        "exercises: a file defines at most 500 exercises; this one has 50,000 "
        "(put them in several exercise libraries)",
    )


def test_too_many_cues_in_one_hold(tmp_path: Path) -> None:
    text = H + "steps:\n  - exercise: a\n    hold: 2h\n    cues: [{every: 1s, say: x}]\n"
    assert _first(_load(tmp_path, text)) == (
        8,
        11,
        f"steps[0].cues: these cues would be heard 7,199 times in each 2h hold; at most {MAX_CUES} "
        "(repeat them less often)",
    )


def _routine(step: ExerciseStep) -> Routine:
    return Routine(id="r", title="R", steps=(step,), path=Path("r.yaml"), sha256="")


def test_build_plan_refuses_a_routine_built_in_code_past_the_limits() -> None:
    ex = Exercise("a", "A")
    huge = ExerciseStep(exercise=ex, hold=1.0, reps=10**8, sets=10**8, sides="each")
    with pytest.raises(PlanTooLong, match="would last"):
        build_plan(_routine(huge))
    cued = ExerciseStep(exercise=ex, hold=7200.0, cues=(Cue(every=1e-7, say="x"),))
    with pytest.raises(PlanTooLong, match="cues"):
        build_plan(_routine(cued))


@pytest.mark.parametrize(
    "text",
    [
        H + "steps:\n  - {exercise: a, hold: 5s, reps: 101}\n",
        H + "steps:\n  - {exercise: a, hold: 5s, sets: 21}\n",
        H + "steps:\n  - {exercise: a, hold: 5s, cues: [{every: 0.5, say: x}]}\n",
        H + "steps:\n" + "  - {rest: 1s}\n" * 201,
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, image: " + "a" * 1001 + ".png}\n"
        "steps:\n  - {exercise: a, hold: 5s}\n",
    ],
    ids=["reps", "sets", "every", "steps", "image"],
)
def test_the_schema_refuses_what_check_refuses(tmp_path: Path, text: str) -> None:
    schema = routine_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert not jsonschema.Draft202012Validator(schema).is_valid(yaml.safe_load(text))
    assert _load(tmp_path, text).problems
