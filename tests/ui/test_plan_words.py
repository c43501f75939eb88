"""One wording for a plan's segments: the CLI's `plan --json` labels are the
window's labels (English), for every segment of every shipped routine, on every
stage and on flare days; and the player's texts come from the same words."""

from __future__ import annotations

import io
import json

import pytest
from PySide6.QtWidgets import QApplication

from backcoach.commands.plan import plan
from backcoach.core import plan_words
from backcoach.core.library import scan_folders
from backcoach.core.paths import bundled_routines_dir
from backcoach.core.plan import Segment, build_plan
from backcoach.core.routine import Exercise, Routine
from backcoach.ui import translatable
from backcoach.ui.library import plan_text

ROUTINES: list[tuple[Routine, str]] = sorted(
    (
        (e.routine, str(e.path))
        for e in scan_folders([bundled_routines_dir()])
        if e.routine is not None
    ),
    key=lambda pair: pair[0].id,
)


def variants(routine: Routine) -> list[tuple[int, bool]]:
    stages = range(1, max(1, len(routine.stages)) + 1)
    flares = (False, True) if routine.flare is not None else (False,)
    return [(stage, flare) for stage in stages for flare in flares]


def cli_labels(path: str, stage: int, flare: bool) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    assert plan(path, flare=flare, as_json=True, out=out, err=err, stage=stage) == 0, err
    return [s["label"] for s in json.loads(out.getvalue())["segments"]]


@pytest.mark.parametrize(("routine", "path"), ROUTINES, ids=[r.id for r, _ in ROUTINES])
def test_cli_and_window_label_every_segment_alike(
    qapp: QApplication, routine: Routine, path: str
) -> None:
    assert ROUTINES, "no shipped routines found"
    for stage, flare in variants(routine):
        segments = build_plan(routine, flare=flare, stage=stage).segments
        window = [plan_text.segment_label(seg) for seg in segments]
        assert cli_labels(path, stage, flare) == window, (stage, flare)
        assert all(window), (stage, flare)


def test_every_template_is_registered_for_translation() -> None:
    assert tuple(str(t) for t in translatable.PLAN_TEXT) == plan_words.TEMPLATES


def test_one_rule_for_rest_between_sets(qapp: QApplication) -> None:
    ex = Exercise(id="knee", name="Knee to chest")
    between = Segment(1, "rest", 0, 5, "", exercise=ex, set=2, sets=2)
    after = Segment(2, "rest", 0, 5, "", exercise=ex)
    assert plan_words.rest_between_sets(between) and not plan_words.rest_between_sets(after)
    assert plan_text.segment_label(between) == "Rest between sets"
    assert plan_text.segment_label(after) == "Rest"


def test_what_to_do_now_is_one_table(qapp: QApplication) -> None:
    ex = Exercise(id="knee", name="Knee to chest")
    now = {
        kind: plan_text.now_text(Segment(0, kind, 0, 5, "", exercise=ex, side="left"))
        for kind in ("get-ready", "hold", "timed", "switch", "relax", "rest")
    }
    assert now == {
        "get-ready": "",
        "hold": "Hold",
        "timed": "Keep going",
        "switch": "Get into position",
        "relax": "Breathe easy",
        "rest": "Rest",
    }
    self_paced = Segment(0, "reps", 0, None, "", exercise=ex, reps=8)
    assert plan_text.now_text(self_paced) == "At your own pace — press Enter when done"
    assert plan_text.counts_text(self_paced) == "8 reps"
    assert plan_text.next_text(Segment(0, "hold", 0, 5, "", exercise=ex, side="right")) == (
        "Next: Knee to chest (right side)"
    )
