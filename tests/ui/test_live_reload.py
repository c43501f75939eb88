"""Live reload: edits in routine folders reach the library within a second or two."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.ui.routine_watcher import RoutineWatcher, paths_to_watch
from tests.ui.test_flow_kit import TINY, make_ctx, open_window, write_routines


def test_paths_to_watch_walks_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "a" / "one.yaml").write_text("x")
    (tmp_path / "a" / "sub" / "two.yml").write_text("x")
    (tmp_path / "a" / "notes.txt").write_text("x")
    got = paths_to_watch([tmp_path / "a", tmp_path / "missing"])
    assert str(tmp_path / "a" / "one.yaml") in got
    assert str(tmp_path / "a" / "sub" / "two.yml") in got
    assert str(tmp_path / "a" / "sub") in got
    assert not any(p.endswith("notes.txt") for p in got)


def test_edit_new_and_replace_by_rename_each_signal(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    f = folder / "a.yaml"
    f.write_text("one")
    w = RoutineWatcher(delay_ms=50, min_interval_ms=0)
    w.watch([folder])
    with qtbot.waitSignal(w.changed, timeout=3000):
        f.write_text("two")
    with qtbot.waitSignal(w.changed, timeout=3000):
        (folder / "b.yaml").write_text("new")
    # an editor's save: write elsewhere, rename over the file
    tmp = folder / ".a.yaml.swp"
    with qtbot.waitSignal(w.changed, timeout=3000):
        tmp.write_text("three")
        os.replace(tmp, f)
    with qtbot.waitSignal(w.changed, timeout=3000):
        f.write_text("four")  # still watched after the rename
    assert str(f) in w.watched()


def test_bursts_are_debounced(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    w = RoutineWatcher(delay_ms=200)
    w.watch([folder])
    seen: list[int] = []
    w.changed.connect(lambda: seen.append(1))
    with qtbot.waitSignal(w.changed, timeout=3000):
        for i in range(5):
            (folder / f"f{i}.yaml").write_text("x")
    qtbot.wait(400)  # a quiet spell: nothing more may arrive
    assert seen == [1]


def test_library_shows_an_edit_and_its_errors(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    routines = write_routines(tmp_path / "routines")
    ctx = make_ctx(data_dir, routines)
    window = open_window(qtbot, ctx, FakeClock())
    watcher = window.routine_watcher  # the window watches its folders itself
    assert "Tiny test routine" in window.library_page.visible_titles()
    (routines / "tiny.yaml").write_text(TINY.replace("Tiny test routine", "Renamed routine"))
    qtbot.waitUntil(lambda: "Renamed routine" in window.library_page.visible_titles(), timeout=3000)
    (routines / "tiny.yaml").write_text(TINY.replace("hold: 10s", "hold: ten seconds"))
    qtbot.waitUntil(
        lambda: any("tiny.yaml" in t for t in window.library_page.visible_titles()), timeout=3000
    )
    assert watcher.folders
