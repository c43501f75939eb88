"""Stages in the app: the routine page shows the stage and what changes next, the
summary offers a move when the rule says so, the patient chooses (Y / N), and the
stage is recorded with every session. Keyboard only, fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryStore, now_local
from backcoach.core.log.records import StageRef
from backcoach.ui.context import AppContext
from backcoach.ui.main_window import MainWindow
from tests.ui.kit import make_ctx, open_window, press, run_until, top_item, write_routines

STAGED = """\
backcoach: 1
title: Staged bridges
exercises:
  bridge: {name: Bridge, equipment: [mat], cautions: Ask first after spinal surgery.,
           video: 'https://example.org/bridge'}
stages:
  - name: Weeks 1-2
  - name: Weeks 3-4
    after: 2
    change:
      bridges: {reps: 4}
steps:
  - exercise: bridge
    id: bridges
    reps: 2
    rep_time: 1s
"""

ONE = StageRef(1, "Weeks 1-2")
TWO = StageRef(2, "Weeks 3-4")


def ctx_with(tmp_path: Path, data_dir: Path) -> AppContext:
    folder = write_routines(tmp_path / "routines")
    (folder / "staged.yaml").write_text(STAGED, encoding="utf-8")
    return make_ctx(data_dir, folder)


def log(store: HistoryStore, stage: StageRef, days_ago: float, **finish: object) -> None:
    start = now_local() - timedelta(days=days_ago)
    sid = store.start_session(
        routine_id="staged",
        title="Staged bridges",
        sha256="",
        started_at=start,
        speed=1.0,
        flare=False,
        pain_before=3,
        answers=[],
        steps=[(0, "bridge", 2.0)],
        stage=stage,
    )
    kwargs: dict[str, object] = {"status": "completed", "pain_after": 3}
    kwargs.update(finish)
    store.finish(sid, ended_at=start + timedelta(minutes=1), **kwargs)  # type: ignore[arg-type]


def run_session(qtbot: QtBot, window: MainWindow, clock: FakeClock, pain_after: str = "3") -> None:
    """From the check-in to the summary: pain 3, start, the session, pain after."""
    press(qtbot, window, "3")
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)  # ready: start
    flow = window.flow
    assert flow is not None
    run_until(window, clock, lambda: flow.currentWidget() is flow.after)
    press(qtbot, window, pain_after)
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.summary
    # The session is saved on the writer thread; the stage rule counts it once it is.
    qtbot.waitUntil(lambda: flow.recorder.saved and "Saved" in flow.summary.saved.text())


def test_routine_page_shows_stage_needs_cautions_and_video(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = ctx_with(tmp_path, data_dir)
    assert ctx.history is not None
    log(ctx.history, ONE, 2)
    window = open_window(qtbot, ctx, FakeClock())
    entry = next(e for e in window.entries if e.id == "staged")
    window.open_entry(entry)
    page = window.routine_page
    about = page.about.text()
    assert "You need: mat." in about
    assert "Take care — Bridge: Ask first after spinal surgery." in about
    assert "Stage 1 of 2: Weeks 1-2." in about
    assert (
        "Next, Weeks 3-4, offered after 1 more completed session(s): Bridge: 4 times instead of 2."
        in about
    )
    assert page.about.textFormat() == Qt.TextFormat.PlainText
    assert not page.stage_back.isVisible()
    assert "Ask first / take care: Ask first after spinal surgery." in page.details.text()
    opened: list[str] = []
    from backcoach.ui.library import video

    def open_video(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(video, "open_video", open_video)
    assert page.video.isVisible() and opened == []  # nothing is fetched until asked
    page.video.setFocus()
    qtbot.keyClick(page.video, Qt.Key.Key_Space)
    assert opened == ["https://example.org/bridge"]


def test_next_stage_is_offered_taken_and_recorded(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    ctx = ctx_with(tmp_path, data_dir)
    store = ctx.history
    assert store is not None
    log(store, ONE, 2)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="staged")
    run_session(qtbot, window, clock)
    flow = window.flow
    assert flow is not None
    summary = flow.summary
    assert summary.offer_panel.isVisible()
    assert "Ready for the next stage, Weeks 3-4?" in summary.offer_panel.text.text()
    assert "Bridge: 4 times instead of 2" in summary.offer_panel.text.text()
    press(qtbot, window, "y")
    assert "your next session runs Weeks 3-4" in summary.offer_panel.text.text()
    choice = store.stage_choice("staged")
    assert choice is not None and choice.stage == TWO
    assert store.sessions()[-1].stage == ONE  # the session just done ran at stage 1
    press(qtbot, window, Qt.Key.Key_Return)  # Done: back to the library
    window.start_by_name("staged")
    assert window.flow is not None and window.flow.stage == 2
    run_session(qtbot, window, clock)
    latest = store.sessions()[-1]
    assert latest.stage == TWO
    assert latest.steps[0].planned_seconds == 4 * 1.0 * 1  # 4 reps, one a second
    assert not window.flow.summary.offer_panel.isVisible()  # the last stage


def test_not_yet_changes_nothing(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    ctx = ctx_with(tmp_path, data_dir)
    assert ctx.history is not None
    log(ctx.history, ONE, 2)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="staged")
    run_session(qtbot, window, clock)
    assert window.flow is not None
    press(qtbot, window, "n")
    assert "comes again after your next session" in window.flow.summary.offer_panel.text.text()
    assert ctx.history.stage_choice("staged") is None


def test_a_pain_rise_holds_the_offer_back(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    ctx = ctx_with(tmp_path, data_dir)
    assert ctx.history is not None
    log(ctx.history, ONE, 2)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="staged")
    run_session(qtbot, window, clock, pain_after="6")  # 3 -> 6
    assert window.flow is not None
    assert not window.flow.summary.offer_panel.isVisible()


def test_going_back_is_offered_after_two_pain_stops_and_possible_any_time(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    ctx = ctx_with(tmp_path, data_dir)
    store = ctx.history
    assert store is not None
    store.choose_stage("staged", TWO, now_local() - timedelta(days=5))
    log(store, TWO, 3, status="stopped", stop_reason="pain", pain_after=5)
    log(store, TWO, 1, status="stopped", stop_reason="pain", pain_after=5)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="staged")
    run_session(qtbot, window, clock)
    flow = window.flow
    assert flow is not None
    assert "Go back to the stage before, Weeks 1-2" in flow.summary.offer_panel.text.text()
    press(qtbot, window, "n")
    choice = store.stage_choice("staged")
    assert choice is not None and choice.stage == TWO
    press(qtbot, window, Qt.Key.Key_Return)
    # on the routine page, at any time
    entry = next(e for e in window.entries if e.id == "staged")
    window.open_entry(entry)
    page = window.routine_page
    assert "Stage 2 of 2: Weeks 3-4." in page.about.text()
    assert page.stage_back.isVisible()
    page.stage_back.setFocus()
    qtbot.keyClick(page.stage_back, Qt.Key.Key_Space)
    choice = store.stage_choice("staged")
    assert choice is not None and choice.stage == ONE
    assert "Stage 1 of 2: Weeks 1-2." in page.about.text()
    assert not page.stage_back.isVisible()
    rows = [top_item(page.steps, i).text(1) for i in range(page.steps.topLevelItemCount())]
    assert rows == ["Bridge — 2 reps, one every 1s"]
