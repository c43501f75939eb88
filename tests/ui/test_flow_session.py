"""A whole routine through the window, keyboard only, then read back from the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import open_history
from backcoach.ui.main_window import MainWindow
from backcoach.ui.session.session_flow import SessionFlow
from tests.ui.kit import (
    current_entry_name,
    make_ctx,
    open_window,
    press,
    run_until,
    settle_writes,
    write_routines,
)

Setup = tuple[Path, Path]
"""The data folder and the folder of test routines."""


@pytest.fixture
def setup(tmp_path: Path, data_dir: Path) -> Setup:
    routines = write_routines(tmp_path / "routines")
    return data_dir, routines


def check_in(qtbot: QtBot, window: MainWindow, pain: str, answers: str) -> SessionFlow:
    """From `--start tiny`: type the pain digit, Enter, then answer each question."""
    flow = window.flow
    assert flow is not None
    press(qtbot, window, pain)
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in answers:
        press(qtbot, window, answer)
    return flow


def test_whole_routine_keyboard_only(qtbot: QtBot, setup: Setup) -> None:
    data_dir, routines = setup
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    # library -> routine page -> check-in, all with Enter
    assert window.stack.currentWidget() is window.library_page
    lib = window.library_page
    while current_entry_name(lib) != "tiny.yaml":
        press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.routine_page
    press(qtbot, window, Qt.Key.Key_Return)
    flow = window.flow
    assert flow is not None and window.stack.currentWidget() is flow

    # pain 10 = 9 then Up; Enter continues
    press(qtbot, window, "9")
    press(qtbot, window, Qt.Key.Key_Up)
    assert flow.checkin.pain_page.scale.value() == 10
    press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Down)
    assert flow.checkin.pain_page.scale.value() == 8
    press(qtbot, window, Qt.Key.Key_Return)
    # fever? N. flare? N. slept badly? Y (a note)
    for answer in ("n", "n", "y"):
        assert flow.checkin.currentWidget() is flow.checkin.question_page
        press(qtbot, window, answer)
    assert flow.checkin.currentWidget() is flow.checkin.ready_page
    press(qtbot, window, Qt.Key.Key_Return)  # Start
    assert flow.currentWidget() is flow.player
    settle_writes(ctx)  # the row is written on the writer thread
    assert flow.session_id is not None

    # run to the self-paced step, then Enter = Done
    player = flow.player
    run_until(window, clock, lambda: player.segment is not None and player.segment.duration is None)
    assert player.done_button.isVisible()
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.after)

    # after: pain 3, tick the first step as hurting, a note, Save
    press(qtbot, window, "3")
    after = flow.after
    after.hurt.setFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    after.notes.setFocus()
    press(qtbot, window, "felt ok")
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.summary
    assert flow.summary.value_text("pain") == "8 → 3"
    assert flow.summary.value_text("steps") == "3 of 3"
    settle_writes(ctx)
    assert flow.summary.saved.text() == "Saved in your history."
    press(qtbot, window, Qt.Key.Key_Return)  # Done -> library
    assert window.stack.currentWidget() is window.library_page

    store = open_history(ctx.paths.db_path, recover=False)
    [rec] = store.sessions()
    assert rec.status == "completed"
    assert rec.pain_before == 8 and rec.pain_after == 3
    assert rec.notes == "felt ok"
    assert [(a.ask, a.answer) for a in rec.answers] == [
        ("Do you have a fever?", "no"),
        ("Is today a flare day?", "no"),
        ("Did you sleep badly?", "yes"),
    ]
    assert not rec.flare and rec.speed == 1.0
    done = {s.index: s.done_seconds for s in rec.steps}
    assert done[0] == pytest.approx(40.0, abs=0.6)  # 2 holds x 10 s x 2 sides
    assert done[1] == pytest.approx(10.0, abs=0.6)  # 5 reps x 2 s
    assert [s.status for s in rec.steps] == ["done", "done", "done"]
    assert [s.hurt for s in rec.steps] == [True, False, False]
    store.close()


def test_stop_question_shows_advice_and_nothing_starts(qtbot: QtBot, setup: Setup) -> None:
    data_dir, routines = setup
    ctx = make_ctx(data_dir, routines)
    window = open_window(qtbot, ctx, FakeClock(), start="tiny")
    flow = window.flow
    assert flow is not None
    press(qtbot, window, "2")
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, "y")  # fever: stop
    assert flow.checkin.currentWidget() is flow.checkin.advice_page
    assert "Contact your care team" in flow.checkin.advice_page.body.text()
    assert flow.adapter is None
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library_page
    assert ctx.history is not None and ctx.history.count() == 0


def test_flare_answer_runs_flare_plan_and_says_so(qtbot: QtBot, setup: Setup) -> None:
    data_dir, routines = setup
    ctx = make_ctx(data_dir, routines)
    window = open_window(qtbot, ctx, FakeClock(), start="tiny")
    flow = check_in(qtbot, window, "4", "nyn")
    assert "flare version" in flow.checkin.ready_page.body.text()
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.plan is not None and flow.plan.flare
    assert all(s.exercise_id != "bridge" for s in flow.plan.segments)
    holds = [s.duration for s in flow.plan.segments if s.kind == "hold"]
    assert holds and all(d == 5.0 for d in holds)
    assert ctx.history is not None
    settle_writes(ctx)
    [rec] = ctx.history.sessions(include_running=True)
    assert rec.flare and rec.answers[1].answer == "yes"


def test_flare_answer_without_flare_variant_says_it_runs_unchanged(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    routines = write_routines(tmp_path / "routines")
    text = (routines / "tiny.yaml").read_text()
    head, _, rest = text.partition("flare:\n  scale: 0.5\n  skip: [bridges]\n")
    (routines / "tiny.yaml").write_text(head + rest)
    ctx = make_ctx(data_dir, routines)
    window = open_window(qtbot, ctx, FakeClock(), start="tiny")
    flow = check_in(qtbot, window, "1", "nyn")
    assert "no flare version" in flow.checkin.ready_page.body.text()
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.plan is not None and not flow.plan.flare


def test_escape_enter_stops_and_asks_why(qtbot: QtBot, setup: Setup) -> None:
    data_dir, routines = setup
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="tiny")
    flow = check_in(qtbot, window, "5", "nnn")
    press(qtbot, window, Qt.Key.Key_Return)
    player = flow.player
    run_until(window, clock, lambda: player.segment is not None and player.segment.kind == "hold")
    adapter = flow.adapter
    assert adapter is not None
    run_until(window, clock, lambda: (adapter.elapsed or 0) >= 4)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert player.confirming and player.stop_panel.isVisible()
    assert flow.adapter is not None and flow.adapter.state == "paused"
    press(qtbot, window, Qt.Key.Key_Escape)  # keep going
    assert not player.confirming and flow.adapter.state == "running"
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, "t")  # tired
    press(qtbot, window, Qt.Key.Key_Return)  # confirm
    assert flow.currentWidget() is flow.after
    press(qtbot, window, "6")
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.summary
    assert ctx.history is not None
    settle_writes(ctx)
    [rec] = ctx.history.sessions()
    assert rec.status == "stopped" and rec.stop_reason == "tired"
    assert rec.pain_before == 5 and rec.pain_after == 6
    assert rec.steps[0].status == "partial"
    assert rec.steps[0].done_seconds == pytest.approx(4.0, abs=0.6)
    assert [s.status for s in rec.steps[1:]] == ["pending", "pending"]


def test_space_pauses_and_arrows_skip_and_go_back(qtbot: QtBot, setup: Setup) -> None:
    data_dir, routines = setup
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="tiny")
    flow = check_in(qtbot, window, "0", "nnn")
    press(qtbot, window, Qt.Key.Key_Return)
    adapter = flow.adapter
    assert adapter is not None
    press(qtbot, window, Qt.Key.Key_Space)
    assert adapter.state == "paused"
    assert "Resume" in flow.player.pause_button.text()
    press(qtbot, window, Qt.Key.Key_Space)
    assert adapter.state == "running"
    press(qtbot, window, Qt.Key.Key_Right)  # get-ready -> first hold
    first = adapter.current
    assert first is not None and first.kind == "hold"
    press(qtbot, window, Qt.Key.Key_Right)  # -> relax
    press(qtbot, window, Qt.Key.Key_Right)  # -> second hold
    assert adapter.current is not None and adapter.current.index == first.index + 2
    press(qtbot, window, Qt.Key.Key_Left)  # back to the previous hold
    assert adapter.current.index == first.index


def test_closing_mid_session_records_stopped(qtbot: QtBot, setup: Setup) -> None:
    data_dir, routines = setup
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="tiny")
    flow = check_in(qtbot, window, "2", "nnn")
    press(qtbot, window, Qt.Key.Key_Return)
    run_until(
        window,
        clock,
        lambda: flow.player.segment is not None and flow.player.segment.kind == "hold",
    )
    asked: list[bool] = []

    def say_no() -> bool:
        asked.append(False)
        return False

    window.confirm_close = say_no
    window.close()
    assert asked and window.isVisible()  # said no: still open
    window.confirm_close = lambda: True
    window.close()
    assert not window.isVisible()
    assert ctx.history is not None
    [rec] = ctx.history.sessions()
    assert rec.status == "stopped"
    assert rec.pain_before == 2 and rec.pain_after is None


def test_posture_break_runs_without_check_ins(qtbot: QtBot, setup: Setup) -> None:
    """A break with no safety questions goes straight to the player and then the summary."""
    data_dir, routines = setup
    ctx = make_ctx(data_dir, routines)
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    lib = window.library_page
    while current_entry_name(lib) != "desk.yaml":
        press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Return)  # Start
    flow = window.flow
    assert flow is not None and flow.currentWidget() is flow.player
    run_until(window, clock, lambda: flow.currentWidget() is flow.summary)
    assert ctx.history is not None
    settle_writes(ctx)
    (session,) = ctx.history.sessions()
    assert session.status == "completed" and session.kind == "posture-break"
    assert session.pain_before is None and session.pain_after is None
