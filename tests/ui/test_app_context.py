"""run_app's set-up: data folder from --data-dir / env, notices about the log, no store at all."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import open_history
from backcoach.ui.app import build_context, data_dir_from
from backcoach.ui.options import GuiOptions
from tests.ui.kit import make_ctx, open_window, press, run_until, settle_writes, write_routines


def test_data_dir_from_flag_then_env(tmp_path: Path) -> None:
    flag = GuiOptions(data_dir=tmp_path / "flag")
    assert data_dir_from(flag, {"BACKCOACH_DATA_DIR": str(tmp_path / "env")}) == tmp_path / "flag"
    none = GuiOptions()
    assert data_dir_from(none, {"BACKCOACH_DATA_DIR": str(tmp_path / "env")}) == tmp_path / "env"
    assert data_dir_from(none, {"XDG_DATA_HOME": str(tmp_path / "x")}).name == "backcoach"


def test_build_context_opens_store_and_routine_dirs(tmp_path: Path) -> None:
    args = GuiOptions(data_dir=tmp_path / "d", routines=(tmp_path / "r",), speed=3.0)
    ctx = build_context(args, env={})
    assert ctx.history is not None and ctx.history_problem is None
    assert ctx.paths.db_path == tmp_path / "d" / "history.sqlite3"
    assert tmp_path / "r" in ctx.paths.routine_dirs(ctx.settings.routine_folders)
    assert ctx.speed == 3.0
    ctx.history.close()


def test_unusable_store_still_runs_sessions_and_says_why_once(qtbot: QtBot, tmp_path: Path) -> None:
    routines = write_routines(tmp_path / "r")
    blocker = tmp_path / "data"
    blocker.mkdir()
    (blocker / "history.sqlite3").mkdir()  # a folder where the file should be
    ctx = make_ctx(blocker, routines)
    assert ctx.history is None and ctx.history_problem
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="tiny")
    assert "can't be saved" in window.notice.label.text()
    flow = window.flow
    assert flow is not None
    press(qtbot, window, "1")
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in "nnn":
        press(qtbot, window, answer)
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.adapter is not None and flow.adapter.state == "running"
    assert flow.player.problem.isVisible() and "can't be saved" in flow.player.problem.text()
    run_until(
        window,
        clock,
        lambda: flow.player.segment is not None and flow.player.segment.duration is None,
    )
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, "1")
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.summary
    assert "Not saved" in flow.summary.saved.text()
    said = [m for m in window.notice.messages if "can't be saved" in m]
    assert len(said) == 1, window.notice.messages


def test_a_store_failing_mid_session_says_so_once_and_saves_at_the_end(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.core import history

    ctx = make_ctx(data_dir, write_routines(tmp_path / "r"))
    store = ctx.history
    assert store is not None
    real_checkpoint = history.HistoryStore.checkpoint
    failures = {"left": 2}

    def checkpoint(self: history.HistoryStore, *args: Any, **kwargs: Any) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise history.HistoryUnavailable.of((history.PROBLEM_DISK_FULL, (ctx.paths.db_path,)))
        real_checkpoint(self, *args, **kwargs)

    # the writer thread's store, like any other
    monkeypatch.setattr(history.HistoryStore, "checkpoint", checkpoint)
    clock = FakeClock()
    window = open_window(qtbot, ctx, clock, start="tiny")
    flow = window.flow
    assert flow is not None
    press(qtbot, window, "4")
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in "nnn":
        press(qtbot, window, answer)
    press(qtbot, window, Qt.Key.Key_Return)
    settle_writes(ctx)
    run_until(
        window,
        clock,
        lambda: flow.player.segment is not None and flow.player.segment.duration is None,
        on_tick=lambda: settle_writes(ctx),
    )
    assert failures["left"] == 0  # both failed, later checkpoints wrote
    said = [m for m in window.notice.messages if "can't be saved" in m]
    assert len(said) == 1 and "the disk is full" in said[0], window.notice.messages
    assert not flow.player.problem.isVisible()  # saving works again, and the window says so
    assert any("can be written again" in m for m in window.notice.messages)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, "1")
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.summary
    settle_writes(ctx)
    assert flow.summary.saved.text() == "Saved in your history."
    said = [m for m in window.notice.messages if "can't be saved" in m]
    assert len(said) == 1, window.notice.messages
    [rec] = store.sessions()
    assert rec.status == "completed" and rec.pain_before == 4 and rec.pain_after == 1
    assert [s.status for s in rec.steps] == ["done", "done", "done"]


def test_interrupted_session_is_reported_calmly(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    from datetime import datetime

    from backcoach.core.log.records import StepProgress

    store = open_history(data_dir / "history.sqlite3")
    sid = store.start_session(
        routine_id="tiny",
        title="Tiny test routine",
        sha256="",
        started_at=datetime.now(UTC),
        speed=1.0,
        flare=False,
        pain_before=3,
        answers=[],
        steps=[(0, "knee", 40.0), (1, "bridge", 10.0)],
    )
    store.checkpoint(sid, [StepProgress(0, 40.0, "done")])
    store.close()
    ctx = make_ctx(data_dir, write_routines(tmp_path / "r"))
    window = open_window(qtbot, ctx, FakeClock())
    text = window.notice.label.text()
    assert "interrupted" in text and "1 step" in text and "Tiny test routine" in text


def test_preview_speed_shows_banner_and_is_logged(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "r"), speed=50)
    window = open_window(qtbot, ctx, FakeClock(), start="tiny")
    flow = window.flow
    assert flow is not None
    press(qtbot, window, "0")
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in "nnn":
        press(qtbot, window, answer)
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.player.preview.isVisible()
    assert "Preview ×50" in flow.player.preview.text()
    assert ctx.history is not None
    settle_writes(ctx)
    [rec] = ctx.history.sessions(include_running=True)
    assert rec.speed == 50.0 and rec.is_preview


def test_review_opens_an_export_read_only(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    import json
    from datetime import datetime

    from backcoach.core.export import export_json
    from backcoach.core.history import HistoryStore
    from backcoach.ui.main_window import MainWindow

    with HistoryStore.in_memory() as src:
        now = datetime.now(UTC)
        sid = src.start_session(
            routine_id="tiny",
            title="Tiny test routine",
            sha256="",
            started_at=now,
            speed=1.0,
            flare=False,
            pain_before=4,
            answers=[],
            steps=[(0, "knee", 40.0)],
        )
        src.finish(sid, status="completed", ended_at=now, pain_after=2)
        export = tmp_path / "patient.json"
        export.write_text(
            json.dumps(export_json(src.sessions(), exported_at=now)), encoding="utf-8"
        )
    ctx = make_ctx(data_dir, write_routines(tmp_path / "r"))
    window = MainWindow(ctx, review=export, cue_factory=None)
    qtbot.addWidget(window)
    assert window.review_page is not None
    assert window.stack.currentWidget() is window.review_page
    assert "patient.json" in window.windowTitle()
    assert ctx.history is not None and ctx.history.count() == 0  # the live log is untouched
