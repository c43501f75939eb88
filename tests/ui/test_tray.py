"""The tray controller offscreen: no tray there, so the fallback window; breaks logged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.breaks import BreakConfig, BreakScheduler, State, Status
from backcoach.core.history import HistoryStore, open_history
from backcoach.core.library import scan_library
from backcoach.core.routine import Routine
from backcoach.core.settings import Settings
from backcoach.ui.breaks.break_window import BreakWindow, SimpleBreak
from backcoach.ui.breaks.tray import TrayController, describe_status
from backcoach.ui.breaks.tray_icon import draw_icon, icon_label, make_icon
from backcoach.ui.context import AppContext
from tests.ui.kit import make_ctx, settle_writes

MONDAY_9 = datetime(2024, 6, 3, 9, 0)


@dataclass
class FakeTime:
    mono: float = 0.0
    wall: datetime = MONDAY_9

    def clock(self) -> float:
        return self.mono

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


class FakeFlow(QWidget):
    """Stands in for SessionFlow: `finished` after a "session" was logged."""

    finished = Signal()

    def __init__(self, routine: Routine, parent: QWidget) -> None:
        super().__init__(parent)
        self.routine = routine
        self.session_id: int | None = None
        self.begun = False
        self.shut = False
        QLabel(routine.title, self)

    def begin(self) -> None:
        self.begun = True

    def shutdown(self) -> None:
        self.shut = True

    def complete(self, session_id: int) -> None:
        self.session_id = session_id
        self.finished.emit()


@pytest.fixture
def ctx(tmp_path: Path, data_dir: Path) -> Iterator[AppContext]:
    history = open_history(data_dir / "history.sqlite3")
    yield make_ctx(data_dir, history=history)
    history.close()


def shut_down_at_teardown(qtbot: QtBot, controller: TrayController) -> None:
    """The controller's windows go as the app's do at Quit: `shutdown` hides and deletes them.

    Not qtbot.addWidget(controller.window): closing the status window only
    minimises it, so it would stay on screen (and active) for the tests after.
    """
    qtbot.addWidget(controller.break_window, before_close_func=lambda _w: controller.shutdown())


def routine(rid: str) -> Routine:
    return Routine(id=rid, title=f"Routine {rid}", steps=(), kind="posture-break")


@dataclass
class Rig:
    t: FakeTime
    scheduler: BreakScheduler
    controller: TrayController
    flows: list[FakeFlow]
    opened: list[bool]


@pytest.fixture
def rig(qtbot: QtBot, ctx: AppContext) -> Rig:
    t = FakeTime()
    routines = {"a": routine("a"), "b": routine("b")}
    scheduler = BreakScheduler(
        BreakConfig(interval=45 * 60), clock=t.clock, now=t.now, routines=sorted(routines)
    )
    flows: list[FakeFlow] = []
    opened: list[bool] = []

    def factory(_ctx: AppContext, r: Routine, parent: QWidget) -> QWidget:
        flow = FakeFlow(r, parent)
        flows.append(flow)
        return flow

    controller = TrayController(
        ctx,
        scheduler,
        routines=routines,
        flow_factory=factory,
        open_main=lambda: opened.append(True),
    )
    assert controller.window is not None
    shut_down_at_teardown(qtbot, controller)
    controller.start()
    return Rig(t, scheduler, controller, flows, opened)


def step(rig: Rig, seconds: float) -> None:
    """Tick every 30 s like the timer would (one big step would look like a sleep)."""
    while seconds > 0:
        rig.t.advance(min(30.0, seconds))
        seconds -= 30.0
        rig.controller.tick()


def due(rig: Rig) -> None:
    step(rig, 45 * 60)


def state(rig: Rig) -> State:
    """The scheduler's state read through a call: mypy keeps a property narrowed by
    an earlier assert even across the calls that change it."""
    return rig.scheduler.state


def focus_within(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and widget.isAncestorOf(focused)


def history(ctx: AppContext) -> HistoryStore:
    assert ctx.history is not None
    return ctx.history


def test_offscreen_has_no_tray_so_the_window_appears(rig: Rig, qtbot: QtBot) -> None:
    c = rig.controller
    assert c.tray is None
    assert c.window is not None
    qtbot.waitUntil(c.window.isVisible)
    assert "45 minutes" in c.window.status_label.text()
    assert "no system tray" in c.window.note_label.text()
    assert c.timer.isActive()
    assert c.timer.interval() <= 30_000


def test_window_buttons_drive_the_scheduler(rig: Rig, qtbot: QtBot) -> None:
    w = rig.controller.window
    assert w is not None
    step(rig, 5 * 60)
    qtbot.mouseClick(w.snooze_button, Qt.MouseButton.LeftButton)
    assert rig.scheduler.next_due_in() == pytest.approx(50 * 60)
    qtbot.mouseClick(w.pause_hour_button, Qt.MouseButton.LeftButton)
    assert state(rig) == "paused"
    assert rig.scheduler.paused_until == rig.t.wall + timedelta(hours=1)
    assert w.resume_button.isVisibleTo(w)
    assert "Paused until 10:05" in w.status_label.text()
    qtbot.mouseClick(w.resume_button, Qt.MouseButton.LeftButton)
    assert state(rig) == "waiting"
    assert not w.resume_button.isVisibleTo(w)
    qtbot.mouseClick(w.pause_day_button, Qt.MouseButton.LeftButton)
    assert rig.scheduler.paused_until == datetime(2024, 6, 4, 8, 0)
    qtbot.mouseClick(w.open_button, Qt.MouseButton.LeftButton)
    assert rig.opened == [True]
    with qtbot.waitSignal(rig.controller.quit_requested):
        qtbot.mouseClick(w.quit_button, Qt.MouseButton.LeftButton)


def test_buttons_work_from_the_keyboard(rig: Rig, qtbot: QtBot) -> None:
    w = rig.controller.window
    assert w is not None
    w.snooze_button.setFocus()
    qtbot.keyClick(w.snooze_button, Qt.Key.Key_Space)
    assert rig.scheduler.postpones_in_a_row == 1
    for b in (w.take_button, w.snooze_button, w.quit_button, w.open_button):
        assert b.accessibleName()
        assert b.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_menu_actions_call_the_scheduler(rig: Rig) -> None:
    c = rig.controller
    c.snooze_action.trigger()
    assert rig.scheduler.next_due_in() == pytest.approx(55 * 60)
    c.pause_hour_action.trigger()
    assert state(rig) == "paused"
    assert c.resume_action.isVisible()
    c.resume_action.trigger()
    assert state(rig) == "waiting"
    assert c.status_action.text() == "Next break in 45 minutes"


def test_due_break_opens_the_window_with_the_routine_and_logs_taken(
    rig: Rig, qtbot: QtBot, ctx: AppContext
) -> None:
    due(rig)
    bw = rig.controller.break_window
    qtbot.waitUntil(bw.isVisible)
    assert "Routine a" in bw.detail.text()
    assert bw.postpone_button.isEnabled()
    session_id = history(ctx).start_session(
        routine_id="a",
        title="Routine a",
        sha256="",
        started_at=datetime.now().astimezone(),
        speed=1.0,
        flare=False,
        pain_before=None,
        answers=(),
        steps=(),
        kind="posture-break",
    )
    with qtbot.waitSignal(ctx.history_changed):
        qtbot.mouseClick(bw.start_button, Qt.MouseButton.LeftButton)
        assert state(rig) == "on-break"
        assert len(rig.flows) == 1
        flow = rig.flows[0]
        assert flow.routine.id == "a"
        assert flow.begun
        assert bw.stack.currentWidget() is flow
        flow.complete(session_id)
    rows = history(ctx).breaks()
    assert [(r.status, r.routine_id, r.session_id) for r in rows] == [("taken", "a", session_id)]
    assert not bw.isVisible()
    assert state(rig) == "waiting"


def test_skip_and_postpone_are_logged_and_postpone_is_limited(
    rig: Rig, qtbot: QtBot, ctx: AppContext
) -> None:
    bw = rig.controller.break_window
    for _ in range(3):
        due(rig)
        qtbot.waitUntil(bw.isVisible)
        assert bw.postpone_button.isEnabled()
        qtbot.mouseClick(bw.postpone_button, Qt.MouseButton.LeftButton)
        assert not bw.isVisible()
        step(rig, 5 * 60)
    qtbot.waitUntil(bw.isVisible)
    assert not bw.postpone_button.isEnabled()
    assert "Postponed 3 times in a row" in bw.why_not.text()
    w = rig.controller.window
    assert w is not None and not w.snooze_button.isEnabled()
    qtbot.mouseClick(bw.skip_button, Qt.MouseButton.LeftButton)
    statuses = [(r.status, r.routine_id) for r in history(ctx).breaks()]
    assert statuses == [("postponed", "a")] * 3 + [("skipped", "a")]
    # The rotation moves on after the skip.
    due(rig)
    qtbot.waitUntil(bw.isVisible)
    assert "Routine b" in bw.detail.text()


def test_take_now_from_the_window_and_close_before_the_routine_started(
    rig: Rig, qtbot: QtBot, ctx: AppContext
) -> None:
    w = rig.controller.window
    assert w is not None
    qtbot.mouseClick(w.take_button, Qt.MouseButton.LeftButton)
    bw = rig.controller.break_window
    qtbot.waitUntil(bw.isVisible)
    assert state(rig) == "on-break"
    bw.close()  # nothing started: a skip
    assert [r.status for r in history(ctx).breaks()] == ["skipped"]
    assert rig.flows[0].shut


def test_break_without_routines_uses_the_simple_page(qtbot: QtBot, ctx: AppContext) -> None:
    t = FakeTime()
    scheduler = BreakScheduler(BreakConfig(), clock=t.clock, now=t.now)
    c = TrayController(ctx, scheduler, routines={}, open_main=lambda: None)
    assert c.window is not None
    shut_down_at_teardown(qtbot, c)
    c.start()
    for _ in range(90):
        t.advance(30)
        c.tick()
    bw = c.break_window
    assert "Stand up" in bw.detail.text()
    qtbot.keyClick(bw.start_button, Qt.Key.Key_Return)
    page = bw.stack.currentWidget()
    assert isinstance(page, SimpleBreak)
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    rows = history(ctx).breaks()
    assert [(r.status, r.routine_id) for r in rows] == [("taken", None)]


def test_idle_while_due_closes_the_prompt_and_logs_time_away(
    rig: Rig, qtbot: QtBot, ctx: AppContext
) -> None:
    idle = {"s": 0.0}
    rig.scheduler._idle = lambda: idle["s"]  # the provider, swapped for this test
    due(rig)
    bw = rig.controller.break_window
    qtbot.waitUntil(bw.isVisible)
    idle["s"] = 600
    rig.t.advance(30)
    rig.controller.tick()
    assert not bw.isVisible()
    assert [r.status for r in history(ctx).breaks()] == ["taken"]


def test_shipped_break_routines_are_found(ctx: AppContext) -> None:
    found = scan_library(ctx.paths, ctx.settings.routine_folders).break_routines()
    assert "desk-posture-break" in found
    assert all(r.kind == "posture-break" for r in found.values())


def test_real_session_flow_is_embedded(qtbot: QtBot, ctx: AppContext) -> None:
    found = scan_library(ctx.paths, ctx.settings.routine_folders).break_routines()
    bw = BreakWindow(ctx)
    qtbot.addWidget(bw)
    bw.run_break(found["desk-posture-break"])
    from backcoach.ui.session.session_flow import SessionFlow

    assert isinstance(bw.flow, SessionFlow)
    assert bw.stack.currentWidget() is bw.flow
    # A posture break without safety questions skips the pain check-in; one with
    # a flare section offers the flare-day choice first, and Enter starts it. The
    # player runs, and leaving it counts as a (short) break taken.
    checkin = bw.flow.checkin
    assert bw.flow.currentWidget() is checkin
    assert checkin.currentWidget() is checkin.ready_page
    assert checkin.ready_page.flare.isVisibleTo(checkin.ready_page)
    checkin.ready_page.primary.emit()
    assert bw.flow.currentWidget() is bw.flow.player
    assert bw.flow.plan is not None and not bw.flow.plan.flare
    flow = bw.flow
    qtbot.waitUntil(lambda: flow.session_id is not None)  # written on the writer thread
    with qtbot.waitSignal(bw.done) as blocker:
        bw.close()
    taken, session_id = blocker.args
    assert taken is True and isinstance(session_id, int)


def test_posture_break_flare_variant_runs(qtbot: QtBot, ctx: AppContext) -> None:
    """Every shipped break has a flare section and no question leading to it: the
    flare-day choice (F) on its ready page runs the flare variant."""
    found = scan_library(ctx.paths, ctx.settings.routine_folders).break_routines()
    routine = found["desk-posture-break"]
    assert routine.flare is not None
    assert not any(q.if_yes == "flare" for q in routine.before_you_start)
    bw = BreakWindow(ctx)
    qtbot.addWidget(bw)
    bw.show()
    qtbot.waitExposed(bw)
    bw.run_break(routine)
    from backcoach.ui.session.session_flow import SessionFlow

    flow = bw.flow
    assert isinstance(flow, SessionFlow)
    ready = flow.checkin.ready_page
    qtbot.waitUntil(lambda: ready.isVisible())
    bw.activateWindow()
    qtbot.waitUntil(lambda: focus_within(ready))
    normal = ready.body.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F)
    assert ready.flare.isChecked()
    assert ready.body.text() != normal and "flare version" in ready.body.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.player
    assert flow.plan is not None and flow.plan.flare
    skipped = set(routine.flare.skip)
    ran = {getattr(s, "id", None) for s in flow.plan.steps}
    assert skipped and not (skipped & ran)
    with qtbot.waitSignal(bw.done):
        bw.close()
    settle_writes(ctx)  # the session is written on the writer thread
    sessions = history(ctx).sessions(include_running=True)
    assert sessions and sessions[-1].flare


def status(state: State, seconds: float | None) -> Status:
    return Status(state, seconds, None, None, 0, True, None)


def test_icon_labels_and_pixels(qtbot: QtBot) -> None:
    assert icon_label(status("waiting", 23 * 60 + 10)) == "24"
    assert icon_label(status("waiting", 59)) == "1"
    assert icon_label(status("waiting", 150 * 60)) == "3h"
    assert icon_label(status("due", 0)) == "!"
    assert icon_label(status("paused", None)) == "II"
    assert icon_label(status("off-hours", None)) == "–"
    palette = QApplication.palette()
    full = draw_icon(22, "45", 1.0, palette, alert=False).toImage()
    empty = draw_icon(22, "45", 0.0, palette, alert=False).toImage()
    assert full.size().width() == 22
    accent = palette.color(QPalette.ColorRole.Highlight)
    top = full.pixelColor(11, 1)
    assert abs(top.red() - accent.red()) + abs(top.blue() - accent.blue()) < 60
    assert full != empty
    icon = make_icon(status("waiting", 600), 2700, palette)
    assert not icon.pixmap(22, 22).isNull()
    assert describe_status(status("waiting", 600)) == "Next break in 10 minutes"


def test_settings_change_reconfigures_and_writes_the_login_item(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    t = FakeTime()
    scheduler = BreakScheduler(BreakConfig(), clock=t.clock, now=t.now)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    c = TrayController(ctx, scheduler, routines={}, open_main=lambda: None, autostart_env=env)
    assert c.window is not None
    shut_down_at_teardown(qtbot, c)
    c.start()
    ctx.update_settings(ctx.settings.replace(break_interval_minutes=20, start_at_login=True))
    assert scheduler.next_due_in() == 20 * 60
    entry = tmp_path / "cfg" / "autostart" / "backcoach-tray.desktop"
    assert "--tray" in entry.read_text(encoding="utf-8")
    ctx.update_settings(ctx.settings.replace(start_at_login=False))
    assert not entry.exists()


def test_a_failed_log_write_is_shown_not_raised(rig: Rig, qtbot: QtBot, ctx: AppContext) -> None:
    class Broken:
        def log_break(self, **_: object) -> int:
            raise OSError("disk full")

    ctx.state.set_history(cast("HistoryStore", Broken()), None)
    due(rig)
    qtbot.mouseClick(rig.controller.break_window.skip_button, Qt.MouseButton.LeftButton)
    assert state(rig) == "waiting"
    w = rig.controller.window
    assert w is not None
    assert "could not be saved" in w.note_label.text()
    assert "disk full" in w.note_label.text()


def test_a_routine_folder_that_cannot_be_read_is_shown_not_printed(
    rig: Rig, ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo"
    ctx.update_settings(Settings(routine_folders=(str(typo),)))
    said = f"The routine folder {typo} was not found; its routines are not listed."
    window = rig.controller.window
    assert window is not None
    assert said in window.note_label.text()
    assert "desk-posture-break" in rig.controller.routines  # the folders that could be read
    assert capsys.readouterr().err == ""
    ctx.update_settings(Settings())  # the folder taken out of Settings: the problem goes
    assert said not in window.note_label.text()
    assert rig.controller.problem is None
