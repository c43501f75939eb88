"""Plan timing against hand-computed totals, one order rule at a time.

Every plan opens with a 5 s get-ready. Rules (routine-format.md, "Steps"): for
each side, for each set, the reps (each hold followed by relax, except the
last of the set), then rest between sets; switch between sides; then rest
before the next step (none after the last step, none before a rest step).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.loader import load_bytes
from backcoach.core.plan import build_plan
from backcoach.core.routine import Routine

HEAD = "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\n  b: {name: B}\n"


def routine(tmp_path: Path, body: str) -> Routine:
    result = load_bytes((HEAD + body).encode(), tmp_path / "r.yaml", assets=tmp_path)
    assert result.problems == []
    assert result.routine is not None
    return result.routine


CASES = [
    # (body, flare, expected total, why)
    ("steps:\n  - {exercise: a, hold: 30s}\n", False, 5 + 30, "get-ready + one hold"),
    (
        "steps:\n  - {exercise: a, hold: 30s, reps: 3}\n",
        False,
        5 + 3 * 30 + 2 * 5,
        "relax 5s between holds, none after the last",
    ),
    (
        "steps:\n  - {exercise: a, hold: 30s, reps: 2, sides: each}\n",
        False,
        5 + 2 * (30 + 5 + 30) + 5,
        "both sides, switch 5s",
    ),
    ("steps:\n  - {exercise: a, hold: 30s, sides: left}\n", False, 5 + 30, "one side: no switch"),
    (
        "steps:\n  - {exercise: a, hold: 20s, reps: 2, sets: 2, rest: 10s}\n",
        False,
        5 + 2 * (20 + 5 + 20) + 10,
        "rest between sets, none after the last step",
    ),
    (
        "steps:\n  - {exercise: a, hold: 20s, sets: 2, rest: 10s, sides: each, switch: 3s}\n",
        False,
        5 + 2 * (20 + 10 + 20) + 3,
        "rest between sets on each side, then switch",
    ),
    (
        "steps:\n  - {exercise: a, hold: 30s, rest: 10s}\n  - {exercise: b, hold: 30s}\n",
        False,
        5 + 30 + 10 + 30,
        "rest before the next step",
    ),
    (
        "defaults: {rest: 15s}\nsteps:\n  - {exercise: a, hold: 30s}\n  - {exercise: a, hold: 30s}\n  - {exercise: b, hold: 30s}\n",
        False,
        5 + 3 * 30 + 2 * 15,
        "defaults.rest between steps",
    ),
    (
        "defaults: {relax: 2s, switch: 1s}\nsteps:\n  - {exercise: a, hold: 10s, reps: 2, sides: each}\n",
        False,
        5 + 2 * (10 + 2 + 10) + 1,
        "defaults.relax and switch",
    ),
    (
        "steps:\n  - {exercise: a, hold: 10s, reps: 3, relax: 1s}\n",
        False,
        5 + 30 + 2,
        "a short relax between holds",
    ),
    (
        "steps:\n  - {exercise: a, hold: 30s, rest: 10s}\n  - {rest: 1m}\n  - {exercise: b, hold: 30s}\n",
        False,
        5 + 30 + 60 + 30,
        "no step rest before a rest step",
    ),
    (
        "steps:\n  - {exercise: a, hold: 30s}\n  - {rest: 1m}\n",
        False,
        5 + 30 + 60,
        "a routine may end on a rest step",
    ),
    (
        "steps:\n  - {exercise: a, hold: 30s, rest: 20s}\n",
        False,
        5 + 30,
        "no rest after the last step",
    ),
    (
        "steps:\n  - {exercise: a, reps: 10, rep_time: 4s, sets: 2, rest: 30s}\n",
        False,
        5 + 40 + 30 + 40,
        "paced reps: reps x rep_time per set",
    ),
    (
        "defaults: {rep_time: 3s}\nsteps:\n  - {exercise: a, reps: 5}\n  - {exercise: b, hold: 10s, reps: 2}\n",
        False,
        5 + 15 + 10 + 5 + 10,
        "defaults.rep_time paces reps, not holds",
    ),
    (
        "steps:\n  - {exercise: a, reps: 10, sets: 2, rest: 30s}\n",
        False,
        5 + 30,
        "self-paced reps count 0 (null), their rest counts",
    ),
    (
        "steps:\n  - {exercise: a, duration: 2m, sides: each, switch: 3s}\n",
        False,
        5 + 120 + 3 + 120,
        "timed both sides",
    ),
    (
        "flare: {scale: 0.5}\nsteps:\n  - {exercise: a, hold: 30s, reps: 3}\n",
        True,
        5 + 15 + 5 + 15,
        "scale halves holds, reps 3 -> 2 (rounded up)",
    ),
    (
        "flare: {scale: 0.5}\nsteps:\n  - {exercise: a, hold: 30s, reps: 3}\n",
        False,
        5 + 3 * 30 + 2 * 5,
        "flare unused on a normal day",
    ),
    (
        "flare: {scale: 0.1}\nsteps:\n  - {exercise: a, reps: 1, rep_time: 10s}\n  - {exercise: a, duration: 1m}\n",
        True,
        5 + 10 + 6,
        "reps never below 1, rep_time not scaled, duration scaled",
    ),
    (
        "flare: {skip: [x]}\nsteps:\n  - {exercise: a, id: x, hold: 30s, rest: 10s}\n  - {exercise: b, hold: 20s}\n",
        True,
        5 + 20,
        "skip drops the step and its rest",
    ),
    (
        "flare: {skip: [x]}\nsteps:\n  - {exercise: a, hold: 30s}\n  - {rest: 1m}\n  - {exercise: b, id: x, hold: 20s}\n",
        True,
        5 + 30,
        "a rest step left last by skip is dropped",
    ),
    (
        "flare: {skip: [r]}\nsteps:\n  - {exercise: a, hold: 30s, rest: 10s}\n  - {rest: 1m, id: r}\n  - {exercise: b, hold: 20s}\n",
        True,
        5 + 30 + 10 + 20,
        "skipping a rest step brings back the step rest",
    ),
    (
        "steps:\n  - {exercise: a, hold: 30s}\n",
        True,
        5 + 30,
        "--flare without a flare key: unchanged",
    ),
]


@pytest.mark.parametrize(("body", "flare", "total", "why"), CASES, ids=[c[3] for c in CASES])
def test_plan_total(tmp_path: Path, body: str, flare: bool, total: float, why: str) -> None:
    plan = build_plan(routine(tmp_path, body), flare=flare)
    assert plan.total_seconds == pytest.approx(total), why
    assert plan.segments[0].kind == "get-ready" and plan.segments[0].duration == 5
    starts = 0.0
    for seg in plan.segments:
        assert seg.start == pytest.approx(starts)
        starts += seg.duration or 0


def test_order_of_one_step(tmp_path: Path) -> None:
    body = "steps:\n  - {exercise: a, hold: 10s, reps: 2, sets: 2, rest: 7s, sides: each}\n"
    plan = build_plan(routine(tmp_path, body))
    kinds = [(s.kind, s.side, s.set, s.rep) for s in plan.segments[1:]]
    left = [
        ("hold", "left", 1, 1),
        ("relax", "left", 1, 1),
        ("hold", "left", 1, 2),
        ("rest", "left", 2, None),
        ("hold", "left", 2, 1),
        ("relax", "left", 2, 1),
        ("hold", "left", 2, 2),
    ]
    right = [(k, "right", st, r) for k, _, st, r in left]
    assert kinds == [*left, ("switch", "right", None, None), *right]


def test_self_paced_segment_is_null_in_json(tmp_path: Path) -> None:
    plan = build_plan(routine(tmp_path, "steps:\n  - {exercise: a, reps: 10}\n"))
    data = plan.to_json()
    assert data["total_seconds"] == 5
    segments = data["segments"]
    assert isinstance(segments, list)
    assert segments[1]["kind"] == "reps" and segments[1]["duration"] is None
    assert plan.self_paced


def test_cues_are_placed_and_scaled_cues_past_the_end_dropped(tmp_path: Path) -> None:
    body = (
        "flare: {scale: 0.5}\nsteps:\n  - exercise: a\n    hold: 30s\n    cues:\n"
        "      - {at: half, say: half}\n      - {at: 20s, say: late}\n"
        "      - {before_end: 5s, sound: bell}\n      - {every: 10s, show: tick}\n"
    )
    r = routine(tmp_path, body)
    normal = build_plan(r).segments[1].cues
    assert [(c.offset, c.say or c.show or c.sound) for c in normal] == [
        (10, "tick"),
        (15, "half"),
        (20, "late"),
        (20, "tick"),
        (25, "bell"),
    ]
    flare = build_plan(r, flare=True).segments[1].cues
    assert [(c.offset, c.say or c.show or c.sound) for c in flare] == [
        (7.5, "half"),
        (10, "bell"),
        (10, "tick"),
    ]


# -- how a plan reads -------------------------------------------------------------

LONG = (
    "steps:\n"
    "  - {exercise: a, id: first, hold: 7.5, reps: 3, relax: 2.5}\n"
    "  - rest: 1m\n"
    "    id: water\n"
    "    say: Take a minute. Sip some water, and shake out your arms and legs before we go on.\n"
    "  - {exercise: b, reps: 5}\n"
)


def test_the_table_fits_80_columns_and_cuts_labels(tmp_path: Path) -> None:
    from backcoach.commands.plan import render_table

    text = render_table(build_plan(routine(tmp_path, LONG)))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    rest = next(line for line in lines if "rest: Take a minute." in line)
    assert "shake out" not in rest and "…" in rest
    assert lines[-1] == "total: 1m32.5s + self-paced steps"


def test_start_times_show_tenths_as_durations_do(tmp_path: Path) -> None:
    from backcoach.commands.plan import render_table

    lines = render_table(build_plan(routine(tmp_path, LONG))).splitlines()
    relax = [line.split() for line in lines if " relax " in f" {line} "]
    # 5 get-ready + 7.5 hold: the first relax starts at 12.5 s and lasts 2.5 s
    assert relax[0][0] == "0:12.5" and relax[0][-1] == "2.5s"
    assert relax[1][0] == "0:22.5"


def test_a_rest_steps_say_is_not_its_label(tmp_path: Path) -> None:
    plan = build_plan(routine(tmp_path, LONG))
    rest = next(s for s in plan.segments if s.kind == "rest")
    assert rest.label == "Rest"
    assert rest.say is not None and rest.say.startswith("Take a minute.")


def test_json_says_flare_self_paced_and_each_segments_step_id(tmp_path: Path) -> None:
    plan = build_plan(routine(tmp_path, LONG))
    data = plan.to_json()
    assert data["flare"] is False
    assert data["self_paced"] is True
    segments = data["segments"]
    assert isinstance(segments, list)
    ids = [(s["kind"], s["id"]) for s in segments]
    assert ids[0] == ("get-ready", None)
    assert ids[1:6] == [("hold", "first"), ("relax", "first")] * 2 + [("hold", "first")]
    assert ids[6:] == [("rest", "water"), ("reps", None)]
    assert build_plan(routine(tmp_path, LONG), flare=True).to_json()["flare"] is True


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (12.5, "0:12.5"), (59.96, "1:00"), (3725.26, "1:02:05.3"), (90, "1:30")],
)
def test_format_offset(seconds: float, text: str) -> None:
    from backcoach.core.durations import format_offset

    assert format_offset(seconds) == text
