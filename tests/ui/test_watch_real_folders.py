"""Live reload watches only real folders and regular files, and reloads at most once a
second however busy a folder is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.ui.library.routine_watcher import RoutineWatcher, paths_to_watch, real_folders
from tests.ui.kit import make_ctx, open_window, write_routines

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")


def test_devices_pipes_and_links_to_them_are_never_watched(tmp_path: Path) -> None:
    folder = write_routines(tmp_path / "r")
    (folder / "null.yaml").symlink_to("/dev/null")
    os.mkfifo(folder / "pipe.yaml")
    (tmp_path / "null-folder").symlink_to("/dev/null")
    (tmp_path / "same").symlink_to(folder)  # the same folder under another name
    (folder / "loop.yaml").symlink_to("loop.yaml")
    got = paths_to_watch(
        [folder, tmp_path / "same", tmp_path / "null-folder", Path("/dev/null"), tmp_path / "no"]
    )
    real = folder.resolve()
    assert got == [str(real), str(real / "desk.yaml"), str(real / "tiny.yaml")]
    assert real_folders([tmp_path / "same", folder, Path("/dev/null")]) == [real]


def test_a_folder_linked_to_dev_null_reloads_nothing(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    routines = write_routines(tmp_path / "r")
    (tmp_path / "null-folder").symlink_to("/dev/null")
    (routines / "null.yaml").symlink_to("/dev/null")
    ctx = make_ctx(data_dir, routines)
    ctx.state.set_settings(ctx.settings.replace(routine_folders=(str(tmp_path / "null-folder"),)))
    window = open_window(qtbot, ctx, FakeClock())
    watcher = window.routine_watcher
    assert watcher is not None
    watched = watcher.watched()
    assert watched and str(routines.resolve()) in watched
    assert not any(os.path.realpath(p) == "/dev/null" for p in watched)
    assert not any(p.endswith("null.yaml") or "null-folder" in p for p in watched)


def test_reloads_are_debounced_then_rate_limited(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.yaml").write_text("one")
    clock = FakeClock(100.0)
    w = RoutineWatcher(delay_ms=20, min_interval_ms=5000, clock=clock)
    w.watch([folder])
    seen: list[float] = []
    w.changed.connect(lambda: seen.append(clock()))
    with qtbot.waitSignal(w.changed, timeout=3000):
        (folder / "a.yaml").write_text("two")
    assert seen == [100.0]
    clock.advance(1.0)
    (folder / "a.yaml").write_text("three")  # 1 s after a reload: too soon
    for _ in range(3):  # the quiet spell ends, and ends again: no reload yet
        with qtbot.waitSignal(w.timer.timeout, timeout=3000):
            pass
        assert seen == [100.0] and w.timer.isActive()
    clock.advance(4.0)  # 5 s after the last reload: it comes
    with qtbot.waitSignal(w.changed, timeout=3000):
        pass
    assert seen == [100.0, 105.0] and not w.timer.isActive()
