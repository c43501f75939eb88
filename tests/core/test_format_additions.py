"""The additions to format 1: alternate sides, urgent stops, advice on a note,
exercise details and stages. Valid files load to the right model, every new key
has its invalid cases (exact FILE:LINE:COL and message), and plans of
alternating steps and of each stage match totals computed by hand."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from backcoach.commands.plan import plan
from backcoach.core.loader import load_bytes
from backcoach.core.plan import build_plan
from backcoach.core.routine import ExerciseStep, Routine
from backcoach.core.schema import routine_schema
from backcoach.core.stages import StageError, changes_between, stage_steps

H = "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\n"
ONE_REST = "steps: [{rest: 1m}]\n"
STAGE_HEAD = "stages:\n  - {name: A}\n"


def load(tmp_path: Path, text: str) -> Routine:
    result = load_bytes(text.encode(), tmp_path / "r.yaml", assets=tmp_path)
    assert [str(p) for p in result.problems] == []
    assert result.routine is not None
    return result.routine


# -- valid files: the model ----------------------------------------------------


def test_additions_load_into_the_model(tmp_path: Path) -> None:
    text = (
        "backcoach: 1\ntitle: T\n"
        "before_you_start:\n"
        "  - {ask: Chest pain?, if_yes: stop, advice: Call for help now., urgent: true}\n"
        "  - {ask: Fever?, if_yes: stop, advice: Rest today., urgent: false}\n"
        "  - {ask: Cold hands?, if_yes: note, advice: Warm your hands first.}\n"
        "exercises:\n"
        "  bird-dog:\n"
        "    name: Bird dog\n"
        "    equipment: [mat, cushion]\n"
        "    video: https://example.org/bird-dog?t=3\n"
        "    cautions: Ask first after a hip replacement.\n"
        "stages:\n"
        "  - name: Weeks 1-2\n"
        "  - name: Weeks 3-4\n"
        "    after: 6\n"
        "    change:\n"
        "      bd: {hold: 8s, reps: 6}\n"
        "steps:\n"
        "  - {exercise: bird-dog, id: bd, hold: 5s, reps: 4, sides: alternate}\n"
    )
    routine = load(tmp_path, text)
    urgent, calm, note = routine.before_you_start
    assert (urgent.if_yes, urgent.urgent) == ("stop", True)
    assert (calm.if_yes, calm.urgent) == ("stop", False)
    assert (note.if_yes, note.advice) == ("note", "Warm your hands first.")
    ex = routine.exercises["bird-dog"]
    assert ex.equipment == ("mat", "cushion")
    assert ex.video == "https://example.org/bird-dog?t=3"
    assert ex.cautions == "Ask first after a hip replacement."
    step = routine.steps[0]
    assert isinstance(step, ExerciseStep) and step.sides == "alternate"
    assert [s.name for s in routine.stages] == ["Weeks 1-2", "Weeks 3-4"]
    assert routine.stages[0].after is None and routine.stages[0].changes == ()
    assert routine.stages[1].after == 6
    assert routine.stages[1].changes[0].values() == {"hold": 8.0, "reps": 6}
    assert routine.stages[1].change == {"bd": {"hold": 8.0, "reps": 6}}


def test_language_of_a_routine_and_a_library(tmp_path: Path) -> None:
    assert load(tmp_path, "backcoach: 1\ntitle: T\n" + ONE_REST).language == "en"
    assert (
        load(tmp_path, "backcoach: 1\ntitle: T\nlanguage: pt-BR\n" + ONE_REST).language == "pt-BR"
    )
    lib = load_bytes(
        b"backcoach: 1\nlanguage: es\nexercises:\n  a: {name: A}\n", tmp_path / "l.yaml"
    )
    assert lib.library is not None and lib.library.language == "es"


def test_routines_in_the_users_language_come_first(tmp_path: Path) -> None:
    from backcoach.core.library import in_language_order, scan_folders

    (tmp_path / "es").mkdir()
    for folder, lang in ((tmp_path, "en"), (tmp_path / "es", "es")):
        (folder / "back.yaml").write_text(
            f"backcoach: 1\ntitle: Back {lang}\nlanguage: {lang}\n" + ONE_REST
        )
    entries = scan_folders([tmp_path])
    spanish_first = in_language_order(entries, "es-MX")
    assert [e.routine.language for e in spanish_first if e.routine] == ["es", "en"]
    assert [e.id for e in spanish_first] == ["back", "back"]  # translations share the id
    english_first = in_language_order(entries, "en")
    assert [e.routine.language for e in english_first if e.routine] == ["en", "es"]


# -- invalid files: one problem each, where and what -----------------------------

INVALID = [
    pytest.param(
        H + "steps:\n  - {exercise: a, duration: 1m, sides: alternate}\n",
        6,
        40,
        "steps[0].sides: alternate changes side every rep; a duration step is one continuous "
        "period (use sides: each, or reps with hold or rep_time)",
        id="alternate-duration",
    ),
    pytest.param(
        H + "steps:\n  - {exercise: a, hold: 5s, reps: 4, sides: alternate, switch: 2s}\n",
        6,
        56,
        "steps[0]: switch is the pause to change sides; it only applies with sides: each",
        id="alternate-switch",
    ),
    pytest.param(
        H + "steps:\n  - {exercise: a, hold: 5s, sides: both}\n",
        6,
        36,
        "steps[0].sides: expected one of none, each, left, right or alternate, got 'both'",
        id="sides-enum",
    ),
    pytest.param(
        H + "steps:\n  - {exercise: a, reps: 4, rep_time: 5s, sides: alternate,"
        " cues: [{at: 40s, say: hi}]}\n",
        6,
        72,
        "steps[0].cues[0].at: 40s is at or after the end of the 40s set (8 reps x 5s)",
        id="alternate-cue-past-set",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nbefore_you_start:\n  - {ask: Q, if_yes: note, urgent: true}\n"
        + ONE_REST,
        4,
        28,
        "before_you_start[0]: 'urgent' goes only with if_yes: stop (advice that means get "
        "medical help now); this question has if_yes: note",
        id="urgent-note",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nbefore_you_start:\n"
        "  - {ask: Q, if_yes: stop, advice: Go, urgent: yes}\n" + ONE_REST,
        4,
        48,
        "before_you_start[0].urgent: expected true or false, got yes",
        id="urgent-yes",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nbefore_you_start:\n"
        "  - {ask: Q, if_yes: stop, advice: Go, urgent: very}\n" + ONE_REST,
        4,
        48,
        "before_you_start[0].urgent: expected true or false, got 'very'",
        id="urgent-text",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nbefore_you_start:\n  - {ask: Q, if_yes: note, advice: ''}\n"
        + ONE_REST,
        4,
        36,
        "before_you_start[0].advice: expected text, got an empty text",
        id="note-advice-empty",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, video: 'http://example.org/v'}\n"
        + ONE_REST,
        4,
        23,
        "exercises.a.video: expected an https:// address (like https://example.org/bird-dog), "
        "got 'http://example.org/v'",
        id="video-http",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nexercises:\n"
        "  a: {name: A, video: 'https://a.org/v https://b.org/w'}\n" + ONE_REST,
        4,
        23,
        "exercises.a.video: expected one web address like https://example.org/bird-dog, "
        "got 'https://a.org/v https://b.org/w'",
        id="video-two",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, video: [https://a.org/v]}\n" + ONE_REST,
        4,
        23,
        "exercises.a.video: expected a web address like https://example.org/bird-dog, got a list",
        id="video-list",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, video: 'https:///v'}\n" + ONE_REST,
        4,
        23,
        "exercises.a.video: expected an https:// address with a site name "
        "(like https://example.org/bird-dog), got 'https:///v'",
        id="video-no-host",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, equipment: mat}\n" + ONE_REST,
        4,
        27,
        "exercises.a.equipment: expected a list like [mat, strap], got 'mat'",
        id="equipment-word",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, cautions: ''}\n" + ONE_REST,
        4,
        26,
        "exercises.a.cautions: expected text, got an empty text",
        id="cautions-empty",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, caution: Ask first}\n" + ONE_REST,
        4,
        16,
        "exercises.a: unknown key 'caution'; did you mean 'cautions'?",
        id="cautions-typo",
    ),
    pytest.param(
        H + "stages:\n  - name: A\nsteps:\n  - {exercise: a, id: s, hold: 30s}\n",
        6,
        3,
        "stages: a progression needs at least 2 stages: the steps as written, then one that "
        "changes them",
        id="stages-one",
    ),
    pytest.param(
        H + "stages: {name: A}\nsteps:\n  - {exercise: a, id: s, hold: 30s}\n",
        5,
        9,
        "stages: expected a list like [{name: Weeks 1-2}, {name: Weeks 3-4, after: 6, "
        "change: {bridges: {reps: 12}}}], got a mapping",
        id="stages-mapping",
    ),
    pytest.param(
        H + "stages:\n  - {name: A, after: 3}\n  - {name: B, after: 3, change: {s: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        6,
        15,
        "stages[0]: the first stage is the steps as written; it has only a name (remove 'after')",
        id="stage-first-after",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, change: {s: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        5,
        "stages[1]: missing 'after': how many completed sessions of the stage before lead "
        "to this one, like 6",
        id="stage-no-after",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 0, change: {s: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        22,
        "stages[1].after: expected a whole number of at least 1, got 0",
        id="stage-after-zero",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3}\nsteps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        5,
        "stages[1]: missing 'change': what this stage changes, by step id, like "
        "{bridges: {reps: 12}}",
        id="stage-no-change",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {after: 3, change: {s: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        5,
        "stages[1]: missing 'name': what the patient sees, like Weeks 3-4",
        id="stage-no-name",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: A, after: 3, change: {s: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        12,
        "stages[1].name: 'A' is already the name of stages[0]; names must be unique",
        id="stage-duplicate-name",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, afterr: 3, after: 3, change: {s: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        15,
        "stages[1]: unknown key 'afterr'; did you mean 'after'?",
        id="stage-unknown-key",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {ss: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        34,
        "stages[1].change: no step has the id 'ss'; the step ids are s",
        id="stage-unknown-step-id",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {hold_time: 40s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        38,
        "stages[1].change.s: unknown key 'hold_time'; did you mean 'hold'?",
        id="stage-unknown-dose-key",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {sides: each}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        38,
        "stages[1].change.s: 'sides' is not a dose; a stage changes only hold, reps, sets, "
        "rep_time, duration, rest or relax",
        id="stage-not-a-dose",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {w: {hold: 40s}}}\n"
        "steps:\n  - {exercise: a, id: w, duration: 2m}\n",
        7,
        38,
        "stages[1].change.w: steps[0] is a duration step; a stage changes its dose, not its "
        "kind, so it takes duration, sets or rest, not 'hold'",
        id="stage-hold-on-duration",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {rep_time: 4s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        38,
        "stages[1].change.s: steps[0] is a hold step; a stage changes its dose, not its "
        "kind, so it takes hold, reps, sets, relax or rest, not 'rep_time'",
        id="stage-rep-time-on-hold",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {r: {reps: 2}}}\n"
        "steps:\n  - {exercise: a, hold: 30s}\n  - {rest: 1m, id: r}\n",
        7,
        38,
        "stages[1].change.r: steps[1] is a rest step; a stage changes its dose, not its "
        "kind, so it takes rest, not 'reps'",
        id="stage-reps-on-rest",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {hold: forty}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        44,
        "stages[1].change.s.hold: expected a duration like 30s or 1m30s (or 1h, or seconds "
        "like 45 or 7.5), got 'forty'",
        id="stage-bad-duration",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {reps: 2.5}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        44,
        "stages[1].change.s.reps: expected a whole number of at least 1, got 2.5",
        id="stage-reps-float",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {rest: 0}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        44,
        "stages[1].change.s.rest: a duration must be more than 0 seconds, got 0",
        id="stage-rest-zero",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        33,
        "stages[1].change: changes nothing; give a step id and what changes, like "
        "{bridges: {reps: 12}}",
        id="stage-empty-change",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s}\n",
        7,
        37,
        "stages[1].change.s: changes nothing; give what changes, like {reps: 12}",
        id="stage-empty-step-change",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {hold: 20s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s, cues: [{at: 25s, say: hi}]}\n",
        7,
        37,
        "stages[1].change.s: leaves the cue at 25s of steps[0] outside its 20s hold; "
        "change the cue or the dose",
        id="stage-cue-outside-hold",
    ),
    pytest.param(
        H + STAGE_HEAD + "  - {name: B, after: 3, change: {s: {hold: 40s}}}\n"
        "  - {name: C, after: 3, change: {s: {hold: 20s}}}\n"
        "steps:\n  - {exercise: a, id: s, hold: 30s, cues: [{at: 25s, say: hi}]}\n",
        8,
        37,
        "stages[2].change.s: leaves the cue at 25s of steps[0] outside its 20s hold; "
        "change the cue or the dose",
        id="stage-changes-accumulate",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nlanguage: spanish\n" + ONE_REST,
        3,
        11,
        "language: expected a language tag like en, es or pt-BR, got 'spanish'",
        id="language-word",
    ),
    pytest.param(
        "backcoach: 1\ntitle: T\nlanguage: [es]\n" + ONE_REST,
        3,
        11,
        "language: expected a language tag like en, es or pt-BR, got a list",
        id="language-list",
    ),
    pytest.param(
        "backcoach: 1\nstages: [{name: A}, {name: B}]\nexercises:\n  a: {name: A}\n",
        1,
        1,
        "missing 'title': the routine's name, shown in the library",
        id="stages-make-it-a-routine",
    ),
]


@pytest.mark.parametrize(("text", "line", "col", "message"), INVALID)
def test_invalid_addition_reports_exact_problem(
    tmp_path: Path, text: str, line: int, col: int, message: str
) -> None:
    result = load_bytes(
        text.encode(), tmp_path / "r.yaml", display="routines/r.yaml", assets=tmp_path / "none"
    )
    assert result.routine is None and result.library is None
    shown = [str(p) for p in result.problems]
    assert shown[0] == f"routines/r.yaml:{line}:{col}: {message}"
    if "make-it-a-routine" not in text:
        assert len(shown) == 1 or "stages: [{name: A}, {name: B}]" in text, shown


# -- plans: alternate sides ---------------------------------------------------------

ALTERNATE_TOTALS = [
    # body, expected total, why
    (
        "steps:\n  - {exercise: a, hold: 5s, reps: 8, sides: alternate}\n",
        5 + 2 * 8 * 5 + (2 * 8 - 1) * 5,
        "16 holds alternating, relax 5s between, none after the last",
    ),
    (
        "steps:\n  - {exercise: a, hold: 10s, reps: 3, relax: 2s, sets: 2, rest: 10s,"
        " sides: alternate}\n",
        5 + 2 * (2 * 3 * 10 + 5 * 2) + 10,
        "two sets of 6 holds, rest between the sets",
    ),
    (
        "steps:\n  - {exercise: a, reps: 8, rep_time: 3s, sides: alternate}\n",
        5 + 2 * 8 * 3,
        "16 paced reps",
    ),
    (
        "steps:\n  - {exercise: a, reps: 1, hold: 20s, sides: alternate}\n",
        5 + 20 + 5 + 20,
        "one rep per side: left, relax, right",
    ),
    (
        "steps:\n  - {exercise: a, reps: 5, rep_time: 4s, sides: alternate, rest: 15s}\n"
        "  - {exercise: a, hold: 30s}\n",
        5 + 40 + 15 + 30,
        "rest before the next step as usual",
    ),
]


@pytest.mark.parametrize(
    ("body", "total", "why"), ALTERNATE_TOTALS, ids=[c[2] for c in ALTERNATE_TOTALS]
)
def test_alternate_totals(tmp_path: Path, body: str, total: float, why: str) -> None:
    assert build_plan(load(tmp_path, H + body)).total_seconds == total, why


def test_alternate_holds_change_side_every_rep_with_relax_between(tmp_path: Path) -> None:
    routine = load(tmp_path, H + "steps:\n  - {exercise: a, hold: 5s, reps: 2, sides: alternate}\n")
    segs = build_plan(routine).segments[1:]
    assert [(s.kind, s.side, s.rep) for s in segs] == [
        ("hold", "left", 1),
        ("relax", "right", 1),
        ("hold", "right", 1),
        ("relax", "left", 1),
        ("hold", "left", 2),
        ("relax", "right", 2),
        ("hold", "right", 2),
    ]
    assert all(s.alternate for s in segs)
    assert "switch" not in {s.kind for s in segs}


def test_alternate_paced_reps_side_follows_the_count(tmp_path: Path) -> None:
    routine = load(
        tmp_path, H + "steps:\n  - {exercise: a, reps: 3, rep_time: 4s, sides: alternate}\n"
    )
    seg = build_plan(routine).segments[1]
    assert (seg.kind, seg.duration, seg.reps, seg.side, seg.alternate) == (
        "reps",
        24.0,
        3,
        None,
        True,
    )
    sides = [(seg.side_at(t), seg.rep_at(t)) for t in (0, 3.9, 4, 8, 12, 16, 20, 23.9, 24)]
    assert sides == [
        ("left", 1),
        ("left", 1),
        ("right", 1),
        ("left", 2),
        ("right", 2),
        ("left", 3),
        ("right", 3),
        ("right", 3),
        ("right", 3),
    ]
    assert seg.to_json()["side"] == "alternate"


def test_alternate_self_paced_is_one_set_ended_by_done(tmp_path: Path) -> None:
    routine = load(tmp_path, H + "steps:\n  - {exercise: a, reps: 8, sides: alternate}\n")
    plan = build_plan(routine)
    seg = plan.segments[1]
    assert (seg.kind, seg.duration, seg.reps, seg.side_at(100)) == ("reps", None, 8, None)
    assert plan.self_paced and plan.total_seconds == 5


def test_alternate_on_a_flare_day_scales_reps_per_side(tmp_path: Path) -> None:
    routine = load(
        tmp_path,
        H
        + "flare: {scale: 0.5}\nsteps:\n  - {exercise: a, hold: 10s, reps: 5, sides: alternate}\n",
    )
    # 5 reps per side x 0.5 = 2.5, rounded up: 3 per side, holds of 5 s
    assert build_plan(routine, flare=True).total_seconds == 5 + 2 * 3 * 5 + 5 * 5


# -- plans: stages -------------------------------------------------------------------

STAGED = H + (
    "defaults: {rest: 10s}\n"
    "flare: {scale: 0.5, skip: [walk]}\n"
    "stages:\n"
    "  - name: Weeks 1-2\n"
    "  - name: Weeks 3-4\n"
    "    after: 6\n"
    "    change:\n"
    "      stretch: {hold: 45s}\n"
    "      bridges: {reps: 12, sets: 3}\n"
    "  - name: Weeks 5-6\n"
    "    after: 4\n"
    "    change:\n"
    "      bridges: {rep_time: 5s}\n"
    "      walk: {duration: 3m}\n"
    "steps:\n"
    "  - {exercise: a, id: stretch, hold: 30s, reps: 2, sides: each}\n"
    "  - {exercise: a, id: bridges, reps: 10, rep_time: 4s, sets: 2, rest: 20s}\n"
    "  - {exercise: a, id: walk, duration: 2m}\n"
)
STAGE_TOTALS = [
    # stage, flare, expected total, why
    (1, False, 5 + (2 * (30 + 5 + 30) + 5) + 10 + (40 + 20 + 40) + 20 + 120, "as written"),
    (
        2,
        False,
        5 + (2 * (45 + 5 + 45) + 5) + 10 + (3 * 48 + 2 * 20) + 20 + 120,
        "hold 45s; 12 reps, 3 sets",
    ),
    (
        3,
        False,
        5 + (2 * (45 + 5 + 45) + 5) + 10 + (3 * 60 + 2 * 20) + 20 + 180,
        "stage 2 kept, rep_time 5s and a 3m walk added",
    ),
    (
        3,
        True,
        # flare on top: one 22.5 s hold a side, 6 reps at 5s, the walk skipped (and so
        # no rest after the bridges, now the last step)
        5 + (22.5 + 5 + 22.5) + 10 + (3 * 30 + 2 * 20),
        "flare on top of stage 3",
    ),
]


@pytest.mark.parametrize(
    ("stage", "flare", "total", "why"), STAGE_TOTALS, ids=[c[3] for c in STAGE_TOTALS]
)
def test_stage_totals(tmp_path: Path, stage: int, flare: bool, total: float, why: str) -> None:
    plan = build_plan(load(tmp_path, STAGED), stage=stage, flare=flare)
    assert plan.total_seconds == total, why
    assert plan.stage == stage


def test_stage_steps_accumulate_and_name_what_changes(tmp_path: Path) -> None:
    routine = load(tmp_path, STAGED)
    bridges = stage_steps(routine, 3)[1]
    assert isinstance(bridges, ExerciseStep)
    assert (bridges.reps, bridges.sets, bridges.rep_time) == (12, 3, 5.0)
    assert stage_steps(routine, 1) == routine.steps
    changed = changes_between(routine, 2, 3)
    assert [(c.index, c.keys) for c in changed] == [(1, ("rep_time",)), (2, ("duration",))]
    with pytest.raises(StageError):
        stage_steps(routine, 4)


def test_plan_command_shows_a_stage(tmp_path: Path) -> None:
    path = tmp_path / "staged.yaml"
    path.write_text(STAGED)
    out, err = io.StringIO(), io.StringIO()
    assert plan(str(path), stage=2, out=out, err=err) == 0
    assert "stage 2: Weeks 3-4" in out.getvalue()
    assert "total: 8m54s" in out.getvalue()
    out = io.StringIO()
    assert plan(str(path), stage=3, flare=True, as_json=True, out=out, err=err) == 0
    data = json.loads(out.getvalue())
    assert data["stage"] == {"index": 3, "name": "Weeks 5-6"}
    assert data["flare"] is True
    out, err = io.StringIO(), io.StringIO()
    assert plan(str(path), stage=4, out=out, err=err) == 2
    assert "this routine has stages 1 to 3, not 4" in err.getvalue()


def test_plan_json_of_a_routine_without_stages(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(H + "steps:\n  - {exercise: a, hold: 30s}\n")
    out, err = io.StringIO(), io.StringIO()
    assert plan(str(path), as_json=True, out=out, err=err) == 0
    assert json.loads(out.getvalue())["stage"] is None
    assert plan(str(path), stage=2, out=io.StringIO(), err=err) == 2
    assert "this routine has no stages" in err.getvalue()


# -- the schema knows the additions ---------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(routine_schema())


def test_schema_accepts_the_additions(validator: jsonschema.Draft202012Validator) -> None:
    doc = yaml.safe_load(
        STAGED.replace(
            "  a: {name: A}",
            "  a: {name: A, equipment: [mat], video: 'https://example.org/a', cautions: Ask.}",
        )
        + "  - {exercise: a, hold: 5s, reps: 4, sides: alternate}\n"
        + "before_you_start:\n"
        + "  - {ask: Q, if_yes: stop, advice: Go now., urgent: true}\n"
        + "  - {ask: Q, if_yes: note, advice: Good to know.}\n"
    )
    assert list(validator.iter_errors(doc)) == []


SCHEMA_REFUSES = [
    "language-word",
    "language-list",
    "alternate-duration",
    "sides-enum",
    "urgent-note",
    "urgent-text",
    "video-http",
    "video-two",
    "video-list",
    "video-no-host",
    "equipment-word",
    "cautions-empty",
    "cautions-typo",
    "stages-one",
    "stages-mapping",
    "stage-first-after",
    "stage-no-after",
    "stage-after-zero",
    "stage-no-change",
    "stage-no-name",
    "stage-unknown-key",
    "stage-unknown-dose-key",
    "stage-not-a-dose",
    "stage-bad-duration",
    "stage-reps-float",
    "stage-rest-zero",
    "stage-empty-change",
    "stage-empty-step-change",
]


@pytest.mark.parametrize("name", SCHEMA_REFUSES)
def test_schema_refuses_invalid_additions(
    validator: jsonschema.Draft202012Validator, name: str
) -> None:
    text = next(str(c.values[0]) for c in INVALID if c.id == name)
    assert list(validator.iter_errors(yaml.safe_load(text))), name
