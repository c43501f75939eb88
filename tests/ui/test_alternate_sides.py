"""`sides: alternate` in the engine and the player: the side badge changes every rep,
the voice counts each rep with its side ("Left 1", "Right 1", ...)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.core import announce
from backcoach.core.fakeclock import FakeClock
from backcoach.core.loader import load_bytes
from backcoach.core.plan import build_plan
from backcoach.core.routine import Routine
from backcoach.core.session import CueDue
from backcoach.ui.session.engine_adapter import EngineAdapter
from backcoach.ui.session.player_page import PlayerPage
from backcoach.ui.translations import cue_text
from tests.ui.kit import make_ctx, write_routines

HEAD = "backcoach: 1\ntitle: Alternating\nexercises:\n  bd: {name: Bird dog}\n"


def routine(tmp_path: Path, step: str) -> Routine:
    result = load_bytes((HEAD + "steps:\n" + step).encode(), tmp_path / "a.yaml", assets=tmp_path)
    assert result.routine is not None, result.problems
    return result.routine


def player(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, r: Routine
) -> tuple[PlayerPage, EngineAdapter, FakeClock, list[str]]:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    page = PlayerPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()
    clock = FakeClock()
    adapter = EngineAdapter(build_plan(r), clock=clock, parent=page)
    said: list[str] = []

    def heard(cue: CueDue) -> None:
        text = cue_text(cue)
        if text:
            said.append(text)

    adapter.cue_due.connect(heard)
    page.attach(adapter)
    adapter.start()
    return page, adapter, clock, said


def step_to(adapter: EngineAdapter, clock: FakeClock, seconds: float) -> None:
    """Advance plan time to `seconds` after the start, half a second at a time."""
    while clock.now + 1e-9 < seconds:
        clock.advance(min(0.5, seconds - clock.now))
        adapter.tick()


def test_paced_alternating_reps_turn_the_badge_and_count_each_side(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    r = routine(tmp_path, "  - {exercise: bd, reps: 3, rep_time: 4s, sides: alternate}\n")
    page, adapter, clock, said = player(qtbot, tmp_path, data_dir, r)
    seen: list[str] = []
    for t in range(5, 29, 2):  # the reps run from 5 s to 29 s, a rep every 4 s
        step_to(adapter, clock, t + 1)
        seen.append(page.side.text())
    assert (
        seen
        == ["LEFT"] * 2
        + ["RIGHT"] * 2
        + ["LEFT"] * 2
        + ["RIGHT"] * 2
        + ["LEFT"] * 2
        + ["RIGHT"] * 2
    )
    assert page.counts.text() == "3 reps each side"
    counts = [s for s in said if s.startswith(("Left ", "Right "))]
    assert counts == ["Left 1", "Right 1", "Left 2", "Right 2", "Left 3", "Right 3"]
    assert "3 reps each side, alternating. I will count." in said


def test_alternating_holds_say_the_side_every_hold(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    r = routine(tmp_path, "  - {exercise: bd, hold: 5s, reps: 2, relax: 2s, sides: alternate}\n")
    page, adapter, clock, said = player(qtbot, tmp_path, data_dir, r)
    badges: list[tuple[str, str]] = []
    for seg in adapter.plan.segments[1:]:
        step_to(adapter, clock, seg.start + 0.5)
        badges.append((seg.kind, page.side.text()))
    assert badges == [
        ("hold", "LEFT"),
        ("relax", "RIGHT"),
        ("hold", "RIGHT"),
        ("relax", "LEFT"),
        ("hold", "LEFT"),
        ("relax", "RIGHT"),
        ("hold", "RIGHT"),
    ]
    sides = [s for s in said if s in ("Left side.", "Right side.")]
    assert sides == ["Left side.", "Right side.", "Left side.", "Right side."]
    assert "Switch sides." not in said


def test_self_paced_alternating_set_is_one_done(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    r = routine(tmp_path, "  - {exercise: bd, reps: 6, sides: alternate}\n")
    page, adapter, clock, said = player(qtbot, tmp_path, data_dir, r)
    step_to(adapter, clock, 6)
    assert page.side.text() == "L ⇄ R" and page.side.isVisible()
    assert page.done_button.isVisible()
    assert "6 reps each side, alternating, at your own pace." in said
    page.done()
    assert adapter.state == "finished"


def test_alternating_count_lands_as_each_rep_starts() -> None:
    count = announce.alternating_count(2, 3.0)
    assert [(off, a.text, a.priority) for off, a in count] == [
        (0.0, "Left 1", False),
        (3.0, "Right 1", True),
        (6.0, "Left 2", True),
        (9.0, "Right 2", True),
    ]


def test_cautions_and_video_before_the_step_not_on_every_hold(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "backcoach: 1\ntitle: Careful\nexercises:\n"
        "  bd: {name: Bird dog, how: On hands and knees., careful: Keep your back flat.,"
        " cautions: Ask first after a hip replacement., video: 'https://example.org/bird-dog',"
        " equipment: [mat, cushion]}\n"
        "steps:\n  - {exercise: bd, hold: 3s, reps: 2, sides: each}\n"
    )
    result = load_bytes(text.encode(), tmp_path / "c.yaml", assets=tmp_path)
    assert result.routine is not None
    page, adapter, clock, _ = player(qtbot, tmp_path, data_dir, result.routine)
    # get ready: how, careful, the cautions and the video button
    assert page.segment is not None and page.segment.kind == "get-ready"
    assert page.how.text() == "On hands and knees."
    assert page.cautions.text() == (
        "Ask first / take care: Ask first after a hip replacement.\nYou need: mat, cushion."
    )
    assert page.cautions.textFormat() == Qt.TextFormat.PlainText
    assert page.video_button.isVisible()
    opened: list[str] = []
    from backcoach.ui.library import video

    def open_video(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(video, "open_video", open_video)
    qtbot.mouseClick(page.video_button, Qt.MouseButton.LeftButton)
    assert opened == ["https://example.org/bird-dog"]
    assert adapter.state == "paused"  # the patient is watching
    adapter.resume()
    step_to(adapter, clock, 5.5)  # the first hold: cautions still shown as it starts
    segment = page.segment
    assert segment is not None and segment.kind == "hold" and page.cautions.isVisible()
    assert "You need" not in page.cautions.text()
    assert not page.video_button.isVisible()
    step_to(adapter, clock, 5 + 3 + 5 + 0.5)  # the second hold of the step: no more
    segment = page.segment
    assert segment is not None and segment.kind == "hold" and segment.rep == 2
    assert not page.cautions.isVisible()
    assert page.careful.text() == "Careful: Keep your back flat."
