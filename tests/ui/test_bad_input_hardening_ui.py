"""Bad input reaching the window is a message, never a traceback: odd settings, an
unreadable data folder, odd exports under File → Open history…, a foreign log, extreme
dates in an older history, a wall clock that jumps during a session."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from backcoach.cli import main
from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryStore, open_history
from backcoach.ui.library.routine_watcher import paths_to_watch
from backcoach.ui.main_window import MainWindow
from backcoach.ui.session import session_flow
from tests.core.history_fixtures import fill
from tests.core.test_import import export_dict
from tests.core.test_import_limits import BAD, text_with
from tests.ui.kit import make_ctx, run_until, settle_writes, write_routines


def window_for(qtbot: QtBot, data: Path, routines: Path, **kw: Any) -> MainWindow:
    clock = kw.pop("clock", None) or FakeClock(1000.0)
    window = MainWindow(make_ctx(data, routines), clock=clock, cue_factory=None, **kw)
    window.confirm_close = lambda: True
    qtbot.addWidget(window)
    return window


SETTINGS = [
    ('{"volume": ' + "9" * 5000 + "}", "holds a number of thousands of digits"),
    ('{"volume": ' + "9" * 400 + "}", "has values of the wrong kind (volume: 9999"),
    (
        '{"routine_folders": ["/nowhere/a\\u0000b", "{r}"]}',
        'routine_folders: ["/nowhere/a\\u0000b"',
    ),
    ('{"routine_folders": ["/nowhere/\\ud800"]}', 'routine_folders: ["/nowhere/\\ud800"]'),
]


@pytest.mark.parametrize(("text", "expected"), SETTINGS)
def test_odd_settings_are_told_and_the_window_runs(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, text: str, expected: str
) -> None:
    routines = write_routines(tmp_path / "r")
    (data_dir / "settings.json").write_text(text.replace("{r}", str(routines)))
    window = window_for(qtbot, data_dir, routines)
    assert any(expected in m for m in window.notice.messages), window.notice.messages
    assert window.entries  # the library still loads
    assert all("\x00" not in f for f in window.ctx.settings.routine_folders)


def test_a_data_folder_of_mode_000_is_no_traceback(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores modes, so the calls a folder of mode 000 refuses are made to refuse."""
    data = tmp_path / "data"
    (data / "routines").mkdir(parents=True)
    (data / "routines" / "x.yaml").write_text("x")
    locked = str(data) + os.sep
    for name in ("stat", "lstat", "scandir", "listdir", "open"):
        real: Callable[..., Any] = getattr(os, name)

        def refusing(path: Any = ".", *a: Any, _real: Any = real, **kw: Any) -> Any:
            if isinstance(path, str | os.PathLike) and os.fspath(path).startswith(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return _real(path, *a, **kw)

        monkeypatch.setattr(os, name, refusing)
    routines = write_routines(tmp_path / "r")
    assert paths_to_watch([data / "routines", routines]) == [
        str(routines),
        str(routines / "desk.yaml"),
        str(routines / "tiny.yaml"),
    ]
    window = window_for(qtbot, data, routines)
    assert window.ctx.history is None
    assert any("Permission denied" in m for m in window.notice.messages), window.notice.messages
    assert {e.path.name for e in window.entries} == {"tiny.yaml", "desk.yaml"}
    assert main(["export", "--data-dir", str(data)]) == 1
    export = tmp_path / "export.json"
    export.write_text(json.dumps(export_dict()))
    assert main(["import", str(export), "--data-dir", str(data)]) == 1


@pytest.mark.parametrize(("mutate", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_open_history_of_a_bad_export_says_why(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, mutate: Any, expected: str
) -> None:
    path = tmp_path / "someone.json"
    path.write_text(text_with(export_dict(), mutate), encoding="utf-8")
    window = window_for(qtbot, data_dir, write_routines(tmp_path / "r"))
    window.open_review(path)  # what File → Open history… does with the chosen file
    assert window.review_page is None
    assert any("cannot be reviewed" in m and expected in m for m in window.notice.messages)


def test_a_restored_backup_beside_another_historys_log_is_told(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    with open_history(tmp_path / "theirs" / "history.sqlite3") as theirs:
        fill(theirs)
        for side in ("", "-wal", "-shm"):
            shutil.copyfile(f"{theirs.path}{side}", data_dir / f"history.sqlite3{side}")
    with open_history(tmp_path / "backup" / "history.sqlite3"):
        pass  # an empty history, backed up
    shutil.copyfile(tmp_path / "backup" / "history.sqlite3", data_dir / "history.sqlite3")
    window = window_for(qtbot, data_dir, write_routines(tmp_path / "r"))
    assert window.ctx.history is not None and window.ctx.history.count() == 0
    aside = next(data_dir.glob("history.sqlite3-wal.foreign-*"))
    assert any(
        "belongs to another database" in m and f"It was moved to {aside}" in m
        for m in window.notice.messages
    )


def extreme_history(data: Path) -> None:
    """Sessions at both ends of time, as an import before the date limits could leave."""
    ends = (
        datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5))),
        datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))),
    )
    with open_history(data / "history.sqlite3") as store:
        for start in ends:
            sid = store.start_session(
                routine_id="tiny", title="Tiny", sha256="", started_at=start, speed=1.0,
                flare=False, pain_before=4, answers=[], steps=[(0, "knee", 20.0)],
            )  # fmt: skip
            store.finish(sid, status="completed", ended_at=start, pain_after=2)


def test_extreme_dates_in_the_history_export_and_show(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    extreme_history(data_dir)
    pdf = tmp_path / "report.pdf"
    assert main(["export", "--format", "pdf", "-o", str(pdf), "--data-dir", str(data_dir)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    window = window_for(qtbot, data_dir, write_routines(tmp_path / "r"))
    window.open_history_page()
    page = window.history_page
    assert page is not None
    all_time = page.period_combo.findData(-1)
    page.period_combo.setCurrentIndex(all_time)
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)  # the pain chart too
    # Nothing raised (pytest-qt fails a test on an exception in a slot); the page is up.
    assert page.period_combo.currentData() == -1


def test_a_wall_clock_jump_mid_session_keeps_the_real_duration(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wall = [datetime(2025, 3, 30, 1, 59, 0, tzinfo=timezone(timedelta(hours=1)))]
    monkeypatch.setattr(session_flow, "now_local", lambda: wall[0])
    clock = FakeClock(1000.0)
    window = window_for(qtbot, data_dir, write_routines(tmp_path / "r"), clock=clock, start="desk")
    flow = window.flow
    assert flow is not None and flow.adapter is not None  # a posture break: no check-in
    wall[0] -= timedelta(hours=3)  # the wall clock is set back mid-session
    started = clock()
    run_until(window, clock, lambda: flow.recorder.finished)
    elapsed = clock() - started
    settle_writes(window.ctx)  # the writer thread saves it
    qtbot.waitUntil(lambda: flow.recorder.saved)
    store = window.ctx.history
    assert isinstance(store, HistoryStore)
    (record,) = store.sessions(include_previews=True)
    assert record.ended_at is not None
    assert record.ended_at > record.started_at
    assert abs((record.ended_at - record.started_at).total_seconds() - elapsed) <= 1.0
    assert record.started_at == datetime(2025, 3, 30, 1, 59, 0, tzinfo=timezone(timedelta(hours=1)))
    assert json.loads(json.dumps(elapsed)) >= 20.0
