"""The routines shipped with backcoach, read with a therapist's eye for lupus
(docs/clinical-notes.md): what they must ask, what they must not do, and that
their summaries say how long they really take."""

from __future__ import annotations

import re

import pytest

from backcoach.core.library import scan_folders
from backcoach.core.paths import bundled_routines_dir
from backcoach.core.plan import build_plan
from backcoach.core.routine import ExerciseStep, Routine

ROUTINES = sorted(
    (e.routine for e in scan_folders([bundled_routines_dir()]) if e.routine is not None),
    key=lambda r: r.id,
)
FULL = [r for r in ROUTINES if r.kind == "routine"]

END_RANGE_FLEXION = {
    "double-knee-to-chest",  # both knees hugged: full lumbar flexion
    "childs-pose",  # full flexion under body weight, deep hip flexion
    "upper-back-stretch",  # thoracic rounding, where steroid fractures happen
    "knee-across-body",  # flexion with rotation; hip flexion-adduction-internal rotation
    "single-knee-to-chest",  # pulled toward the chest: end-range lumbar flexion
}
DEEP_HIP_FLEXION = {
    "figure-four-stretch",
    "seated-figure-four",
    "knee-across-body",
    "double-knee-to-chest",
    "childs-pose",
}
GENTLE_FLEXION_OR_TWIST = {"pelvic-tilt", "lower-trunk-rotation", "cat-cow", "seated-rotation"}
HANDS_BEAR_WEIGHT = {"bird-dog", "cat-cow", "childs-pose"}
BACK_EXTENSORS = {"back-raise-lying", "arm-leg-lift-lying", "wall-stand-tall"}


def exercises(routine: Routine) -> set[str]:
    return {s.exercise.id for s in routine.steps if isinstance(s, ExerciseStep)}


def test_the_library_ships_what_the_notes_describe() -> None:
    ids = {r.id for r in ROUTINES}
    assert {
        "morning-lower-back",
        "core-stability",
        "hamstring-glute-stretches",
        "flare-day-gentle",
        "back-on-your-feet",
        "desk-posture-break",
        "seated-stretch-break",
        "standing-desk-break",
    } <= ids


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_no_end_range_or_loaded_flexion_and_no_deep_hip_flexion(routine: Routine) -> None:
    used = exercises(routine)
    assert not used & END_RANGE_FLEXION
    assert not used & DEEP_HIP_FLEXION
    for step in routine.steps:
        if isinstance(step, ExerciseStep) and step.exercise.id in GENTLE_FLEXION_OR_TWIST:
            assert step.exercise.cautions, f"{step.exercise.id} needs a caution"


def test_the_morning_routine_keeps_the_spine_straight() -> None:
    """Discs are fullest in the first hour after waking: no bending of the spine at all."""
    morning = next(r for r in ROUTINES if r.id == "morning-lower-back")
    assert not exercises(morning) & (END_RANGE_FLEXION | GENTLE_FLEXION_OR_TWIST)


@pytest.mark.parametrize("routine", FULL, ids=lambda r: r.id)
def test_full_routines_ask_the_lupus_stop_questions(routine: Routine) -> None:
    questions = routine.before_you_start
    urgent = [q.ask.lower() for q in questions if q.if_yes == "stop" and q.urgent]
    assert any("chest pain" in a and "breathless" in a for a in urgent)
    assert any("calves" in a and "swollen" in a for a in urgent)
    assert any("bladder" in a for a in urgent)
    calm = [q.ask.lower() for q in questions if q.if_yes == "stop" and not q.urgent]
    assert any("groin" in a and "limp" in a for a in calm)
    assert any("fever" in a for a in calm)
    bones = [q for q in questions if q.if_yes == "note" and "osteoporosis" in q.ask]
    assert bones and bones[0].advice
    if exercises(routine) & HANDS_BEAR_WEIGHT:
        hands = [q for q in questions if q.if_yes == "note" and "hands" in q.ask]
        assert hands and "fists" in (hands[0].advice or "")
    if routine.flare is not None:
        assert any(q.if_yes == "flare" for q in questions) or routine.id == "flare-day-gentle"


def test_bird_dog_has_a_fists_option() -> None:
    bird_dog = next(
        s.exercise
        for r in ROUTINES
        for s in r.steps
        if isinstance(s, ExerciseStep) and s.exercise.id == "bird-dog"
    )
    assert "fists" in bird_dog.how


def test_back_extensors_progress_by_stages_in_two_routines() -> None:
    progressing = []
    for routine in ROUTINES:
        ids = {
            s.id
            for s in routine.steps
            if isinstance(s, ExerciseStep) and s.exercise.id in BACK_EXTENSORS
        }
        changed = {c.step_id for stage in routine.stages for c in stage.changes}
        if ids & changed:
            progressing.append(routine.id)
    assert len(progressing) >= 2, progressing


def test_back_on_your_feet_leads_to_the_morning_routine_in_about_two_weeks() -> None:
    feet = next(r for r in ROUTINES if r.id == "back-on-your-feet")
    days = sum(s.after or 0 for s in feet.stages) + 3  # the last stage's own sessions
    assert 10 <= days <= 16
    assert "morning routine" in feet.stages[-1].name
    first = build_plan(feet, stage=1)
    last = build_plan(feet, stage=len(feet.stages))
    walk = [s.duration for s in first.segments if s.exercise_id == "walk" and s.duration]
    walk_last = [s.duration for s in last.segments if s.exercise_id == "walk" and s.duration]
    assert walk and walk_last and walk_last[0] > 5 * walk[0]
    assert {"hip-hinge", "lift-practice", "walk", "sit-to-stand"} <= exercises(feet)


def _claimed_minutes(summary: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+)(?= minutes| in )", summary)]


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_summaries_say_the_real_length(routine: Routine) -> None:
    """Every length a summary gives is a real total (to the nearest minute) of a stage."""
    totals = {
        round(build_plan(routine, stage=n).total_seconds / 60)
        for n in range(1, max(1, len(routine.stages)) + 1)
    }
    claimed = _claimed_minutes(" ".join(routine.summary.split()))
    assert claimed, "the summary says how long it takes"
    assert set(claimed) <= totals, (claimed, totals)
    assert round(build_plan(routine).total_seconds / 60) == claimed[0]
