"""The player shows what the engine says: countdown, side, counts, next; controls and settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.routine import Exercise, ExerciseStep, Routine
from backcoach.ui.main_window import MainWindow
from backcoach.ui.session.engine_adapter import EngineAdapter, tick_interval_ms
from backcoach.ui.widgets.exercise_images import ExerciseImages
from tests.ui.kit import make_ctx, open_window, press, run_until, write_routines


def started(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> tuple[MainWindow, FakeClock]:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "r"))
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="tiny")
    press(qtbot, window, "0")
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in "nnn":
        press(qtbot, window, answer)
    press(qtbot, window, Qt.Key.Key_Return)
    return window, clock


def test_hold_shows_countdown_side_counts_and_next(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    window, clock = started(qtbot, tmp_path, data_dir)
    flow = window.flow
    assert flow is not None
    p = flow.player
    assert p.title.text() == "Get ready" and p.countdown.text() == "0:05"
    assert p.next.text() == "Next: Knee to chest (left side)"
    run_until(window, clock, lambda: p.segment is not None and p.segment.kind == "hold")
    run_until(window, clock, lambda: flow.adapter is not None and flow.adapter.elapsed >= 2.5)
    assert p.title.text() == "Knee to chest"
    assert p.countdown.text() == "0:08"
    assert p.side.isVisible() and p.side.text() == "LEFT"
    assert p.counts.text() == "Rep 1 of 2"
    assert p.next.text() == "Next: Relax"
    assert "hug one knee" in p.how.text() and p.careful.text().startswith("Careful:")
    assert 200 <= p.step_bar.value() <= 300
    assert p.session_bar.format().endswith("of 1:10")
    assert not p.done_button.isVisible()
    run_until(
        window,
        clock,
        lambda: p.segment is not None and p.segment.side == "right" and p.segment.kind == "hold",
    )
    assert p.side.text() == "RIGHT"
    # the countdown is huge: a multiple of the base font
    assert p.countdown.font().pointSizeF() >= 6 * window.font().pointSizeF()


def test_every_control_has_an_accessible_name(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    window, _ = started(qtbot, tmp_path, data_dir)
    assert window.flow is not None
    p = window.flow.player
    for w in (
        p.back_button,
        p.pause_button,
        p.skip_button,
        p.done_button,
        p.stop_button,
        p.voice,
        p.volume,
        p.step_bar,
        p.session_bar,
        p.countdown,
    ):
        assert w.accessibleName(), w
    for b in (p.back_button, p.pause_button, p.skip_button, p.done_button, p.stop_button):
        assert "(" in b.text()  # the key is shown


def test_voice_toggle_and_volume_change_settings(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    window, _ = started(qtbot, tmp_path, data_dir)
    ctx = window.ctx
    assert window.flow is not None
    p = window.flow.player
    with qtbot.waitSignal(ctx.settings_changed):
        p.voice.setChecked(False)
    assert ctx.settings.voice_enabled is False
    p.volume.setValue(30)
    assert abs(ctx.settings.volume - 0.3) < 1e-9
    assert ctx.settings_store.load().volume == ctx.settings.volume


def image_file(path: Path, colour: str) -> Path:
    img = QImage(40, 30, QImage.Format.Format_RGB32)
    img.fill(QColor(colour))
    assert img.save(str(path))
    return path


def test_images_alternate_unless_reduced_motion(qtbot: QtBot, tmp_path: Path) -> None:
    paths = (image_file(tmp_path / "a.png", "red"), image_file(tmp_path / "b.png", "blue"))
    w = ExerciseImages()
    qtbot.addWidget(w)
    w.set_images(paths)
    assert len(w.pixmaps) == 2
    w.set_animate(True)
    assert w.animating and w._timer.interval() >= 334  # never more than 3 changes a second
    w._timer.timeout.emit()
    assert w.shown == 1
    w.set_reduced_motion(True)
    assert not w.animating and w.shown == 0
    w.set_animate(True)
    assert not w.animating
    w.set_images((tmp_path / "missing.png",))  # a missing picture is just not shown
    assert w.pixmaps == []


def test_adapter_tick_interval_is_low_cost() -> None:
    assert tick_interval_ms(1.0) == 100
    assert 10 <= tick_interval_ms(50) < 100
    assert tick_interval_ms(1000) == 10


def test_adapter_emits_signals_from_engine_events(qtbot: QtBot) -> None:
    ex = Exercise("x", "X")
    routine = Routine("r", "R", (ExerciseStep(ex, hold=2.0),))
    clock = FakeClock()
    adapter = EngineAdapter(build_plan(routine), clock=clock)
    started: list[str] = []
    adapter.segment_started.connect(lambda seg, nxt: started.append(seg.kind))
    with qtbot.waitSignal(adapter.segment_started):
        adapter.start()
    clock.advance(5.0)
    adapter.tick()
    clock.advance(2.0)
    with qtbot.waitSignal(adapter.finished) as blocker:
        adapter.tick()
    assert blocker.args == ["completed"]
    assert started == ["get-ready", "hold"]
