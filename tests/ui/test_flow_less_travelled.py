"""Less-travelled flows end to end, keyboard where a person would use it, fake clocks.

Posture break from the tray, review mode, a flare day, a speed preview, and the
history page showing sessions that were really run through the window.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.breaks import BreakConfig, BreakScheduler
from backcoach.core.export import export_json
from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryStore
from backcoach.core.library import load_routine, scan_library
from backcoach.core.plan import build_plan
from backcoach.core.routine import Routine
from backcoach.ui.breaks.tray import TrayController
from backcoach.ui.context import AppContext
from backcoach.ui.main_window import MainWindow
from backcoach.ui.session.session_flow import SessionFlow
from tests.ui.kit import make_ctx, open_window, press, run_until, settle_writes, write_routines
from tests.ui.test_tray import FakeTime, shut_down_at_teardown


@pytest.fixture
def routines(tmp_path: Path) -> Path:
    return write_routines(tmp_path / "routines")


def keyboard_session(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    *,
    flare: bool = False,
    pain: tuple[str, str] = ("4", "2"),
) -> SessionFlow:
    """The tiny routine from the library to the summary, keyboard only; returns its flow."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_library()
    lib = window.library_page
    lib.focus_list()
    for _ in range(10):
        entry = lib.current_entry()
        if entry is not None and entry.path.name == "tiny.yaml":
            break
        press(qtbot, window, Qt.Key.Key_Down)
    else:
        pytest.fail("the tiny routine is not in the library list")
    press(qtbot, window, Qt.Key.Key_Return)  # routine page
    press(qtbot, window, Qt.Key.Key_Return)  # Start -> check-in
    flow = window.flow
    assert flow is not None
    press(qtbot, window, pain[0])
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in ("n", "y" if flare else "n", "n"):  # fever, flare day, slept badly
        press(qtbot, window, answer)
    press(qtbot, window, Qt.Key.Key_Return)  # Start
    assert flow.currentWidget() is flow.player
    player = flow.player

    def self_paced_done() -> None:
        if player.segment is not None and player.segment.duration is None:
            press(qtbot, window, Qt.Key.Key_Return)  # Done with the reps

    run_until(window, clock, lambda: flow.currentWidget() is flow.after, on_tick=self_paced_done)
    press(qtbot, window, pain[1])
    press(qtbot, window, Qt.Key.Key_Return)  # Save
    assert flow.currentWidget() is flow.summary
    settle_writes(window.ctx)
    assert flow.summary.saved.text().startswith("Saved in your history.")
    return flow


# --- (a) a posture break from the tray -------------------------------------------------


def tray_rig(
    qtbot: QtBot, ctx: AppContext, routines: Path
) -> tuple[FakeTime, BreakScheduler, TrayController]:
    t = FakeTime()
    # the posture-break routines of the library folders
    found = scan_library(ctx.paths, ctx.settings.routine_folders).break_routines()
    assert sorted(found) == ["desk"]
    config = BreakConfig.from_settings(ctx.settings)
    assert config.interval == 45 * 60
    scheduler = BreakScheduler(config, clock=t.clock, now=t.now, routines=sorted(found))

    def factory(c: AppContext, r: Routine, parent: QWidget) -> QWidget:
        return SessionFlow(
            c, r, clock=t.clock, cue_factory=None, kind="posture-break", parent=parent
        )

    controller = TrayController(
        ctx,
        scheduler,
        routines=found,
        use_tray=False,
        flow_factory=factory,
        open_main=lambda: None,
    )
    assert controller.window is not None
    shut_down_at_teardown(qtbot, controller)
    controller.start()
    return t, scheduler, controller


def tick_for(t: FakeTime, controller: TrayController, seconds: float) -> None:
    """Tick every 30 s as the timer would."""
    while seconds > 0:
        t.advance(min(30.0, seconds))
        seconds -= 30.0
        controller.tick()


def test_posture_break_runs_the_routine_and_logs_taken(
    qtbot: QtBot, data_dir: Path, routines: Path
) -> None:
    ctx = make_ctx(data_dir, routines)
    t, scheduler, controller = tray_rig(qtbot, ctx, routines)
    bw = controller.break_window
    tick_for(t, controller, 45 * 60)
    qtbot.waitUntil(bw.isVisible)
    assert "Desk stretch" in bw.detail.text()
    bw.activateWindow()
    qtbot.waitUntil(bw.start_button.hasFocus)
    qtbot.keyClick(bw.start_button, Qt.Key.Key_Space)
    flow = bw.flow
    assert isinstance(flow, SessionFlow) and flow.routine.id == "desk"
    assert flow.currentWidget() is flow.player  # no questions: straight to the player
    while flow.currentWidget() is not flow.summary:
        assert t.mono < 46 * 60, "the break routine never finished"
        t.advance(0.5)
        assert flow.adapter is not None
        flow.adapter.tick()
    settle_writes(ctx)  # the session is in the log, its id known to link the break
    with qtbot.waitSignal(ctx.history_changed):
        qtbot.keyClick(flow.summary, Qt.Key.Key_Return)  # Done
    assert not bw.isVisible()
    assert scheduler.state == "waiting"
    store = ctx.history
    assert store is not None
    [row] = store.breaks()
    assert (row.status, row.routine_id) == ("taken", "desk")
    [session] = store.sessions()
    assert row.session_id == session.id
    assert session.kind == "posture-break" and session.routine_id == "desk"
    assert session.status == "completed"


def test_posture_break_postpone_three_times_then_skip(
    qtbot: QtBot, data_dir: Path, routines: Path
) -> None:
    ctx = make_ctx(data_dir, routines)
    t, _scheduler, controller = tray_rig(qtbot, ctx, routines)
    bw = controller.break_window
    tick_for(t, controller, 45 * 60)
    for _ in range(3):
        qtbot.waitUntil(bw.isVisible)
        assert bw.postpone_button.isEnabled()
        bw.activateWindow()
        bw.postpone_button.setFocus()
        qtbot.keyClick(bw.postpone_button, Qt.Key.Key_Space)
        assert not bw.isVisible()
        tick_for(t, controller, 5 * 60)
    qtbot.waitUntil(bw.isVisible)
    assert not bw.postpone_button.isEnabled()
    reason = bw.why_not.text()
    assert "Postponed 3 times in a row" in reason and reason.strip()
    assert bw.postpone_button.accessibleDescription() == reason  # a screen reader hears why
    bw.activateWindow()
    bw.skip_button.setFocus()
    qtbot.keyClick(bw.skip_button, Qt.Key.Key_Space)
    store = ctx.history
    assert store is not None
    assert [(r.status, r.routine_id) for r in store.breaks()] == [("postponed", "desk")] * 3 + [
        ("skipped", "desk")
    ]
    assert store.sessions() == []


# --- (b) review mode ---------------------------------------------------------------------


def test_review_mode_shows_the_export_and_leaves_live_data_alone(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, routines: Path
) -> None:
    from tests.ui.test_history_page import sample_records

    someone = HistoryStore.in_memory()
    rows, breaks = sample_records()
    someone.merge(rows, breaks)
    export = tmp_path / "patient.json"
    data = export_json(
        someone.sessions(), exported_at=datetime.now().astimezone(), breaks=someone.breaks()
    )
    someone.close()
    export.write_text(json.dumps(data), encoding="utf-8")

    # The live data folder has its own history (one real session).
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    keyboard_session(qtbot, window, clock)
    press(qtbot, window, Qt.Key.Key_Return)  # summary Done
    window.close()
    assert ctx.history is not None
    ctx.history.close()
    live = {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_dir.iterdir() if p.is_file()
    }
    assert "history.sqlite3" in live

    # backcoach --review patient.json: read-only context, the review page.
    review_ctx = make_ctx(data_dir, routines, read_only=True)
    window = MainWindow(review_ctx, review=export, clock=clock, cue_factory=None)
    window.confirm_close = lambda: True
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.review_page
    assert page is not None and window.stack.currentWidget() is page
    assert page.banner.isVisible() and "patient.json" in page.banner.text()
    shown = {
        page.sessions_model.session(r).routine_title for r in range(page.sessions_model.rowCount())
    }
    assert "Morning routine" in shown and "Tiny test routine" not in shown
    window.close()
    if review_ctx.history is not None:
        review_ctx.history.close()
    after = {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data_dir.iterdir() if p.is_file()
    }
    assert after == live


# --- (c) a flare day ---------------------------------------------------------------------


def test_flare_day_runs_the_flare_plan_and_logs_flare(
    qtbot: QtBot, data_dir: Path, routines: Path
) -> None:
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    flow = keyboard_session(qtbot, window, clock, flare=True)
    routine = load_routine(routines / "tiny.yaml")
    normal, flared = build_plan(routine), build_plan(routine, flare=True)
    assert flow.plan is not None and flow.plan.flare
    assert flow.plan.total_seconds == flared.total_seconds < normal.total_seconds
    ran = [
        flow.plan.steps[r.index].exercise.id  # type: ignore[union-attr]
        for r in flow.results
        if r.status in ("done", "partial")
    ]
    assert ran == ["knee", "bug"]  # the bridges are skipped on a flare day
    assert all(seg.exercise_id != "bridge" for seg in flow.plan.segments)
    press(qtbot, window, Qt.Key.Key_Return)
    assert ctx.history is not None
    [rec] = ctx.history.sessions()
    assert rec.flare and rec.status == "completed"
    db = sqlite3.connect(ctx.paths.db_path)
    try:
        assert db.execute("SELECT flare FROM sessions").fetchall() == [(1,)]
    finally:
        db.close()


# --- (d) a speed preview, and (e) the history page after real sessions -----------------------


def test_speed_preview_is_logged_listed_and_left_out_of_statistics(
    qtbot: QtBot, data_dir: Path, routines: Path
) -> None:
    ctx = make_ctx(data_dir, routines, speed=20.0)
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    started = clock.now
    keyboard_session(qtbot, window, clock)
    assert clock.now - started < 10  # 20 times faster (the routine is over a minute)
    press(qtbot, window, Qt.Key.Key_Return)
    assert ctx.history is not None
    [rec] = ctx.history.sessions(include_previews=True)
    assert rec.speed == 20.0 and rec.is_preview
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    page = window.history_page
    assert page is not None and window.stack.currentWidget() is page
    m = page.sessions_model
    assert m.rowCount() == 1 and m.session(0).is_preview
    assert "Preview" in m.data(m.index(0, 2))
    summary = page.sessions_summary.text()
    assert "1 of them" in summary and "preview" in summary
    page.tabs.setCurrentWidget(page.effect_tab)
    for row in page.effect_model.rows():
        assert row[1] in ("0", "")
    page.tabs.setCurrentWidget(page.pain_chart)
    assert page.pain_chart.table_model.rowCount() == 0
    assert not any(p for p in page.pain_chart._points)


def test_history_page_shows_sessions_run_through_the_window(
    qtbot: QtBot, data_dir: Path, routines: Path
) -> None:
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    keyboard_session(qtbot, window, clock, pain=("6", "3"))
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    page = window.history_page
    assert page is not None
    m = page.sessions_model
    assert m.rowCount() == 1
    assert m.session(0).routine_title == "Tiny test routine"
    assert m.session(0).pain_before == 6 and m.session(0).pain_after == 3
    # A second session: the page, opened already, follows the history.
    keyboard_session(qtbot, window, clock, pain=("5", "5"))
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    assert m.rowCount() == 2
    assert sorted(m.session(r).pain_before for r in range(2)) == [5, 6]
    page.tabs.setCurrentWidget(page.pain_chart)
    assert len(page.pain_chart.table_model.rows()) == 2
