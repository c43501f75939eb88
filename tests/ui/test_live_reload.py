"""Live reload: edits in routine folders reach the library within a second or two."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.routine import ExerciseStep
from backcoach.ui.library.routine_watcher import RoutineWatcher, paths_to_watch
from backcoach.ui.main_window import MainWindow
from tests.ui.kit import TINY, make_ctx, open_window, top_item, write_routines


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
    assert watcher is not None
    assert "Tiny test routine" in window.library_page.visible_titles()
    (routines / "tiny.yaml").write_text(TINY.replace("Tiny test routine", "Renamed routine"))
    qtbot.waitUntil(lambda: "Renamed routine" in window.library_page.visible_titles(), timeout=3000)
    (routines / "tiny.yaml").write_text(TINY.replace("hold: 10s", "hold: ten seconds"))
    qtbot.waitUntil(
        lambda: any("tiny.yaml" in t for t in window.library_page.visible_titles()), timeout=3000
    )
    assert watcher.folders


# -- the routine page and a session not yet started follow the file ----------------

FOLLOW_MS = 2000
"""An edit shows within this (the watcher settles 0.3 s after the last change)."""


def _open_tiny(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> tuple[MainWindow, Path]:
    routines = write_routines(tmp_path / "routines")
    window = open_window(qtbot, make_ctx(data_dir, routines), FakeClock())
    entry = next(e for e in window.entries if e.path.name == "tiny.yaml")
    window.open_entry(entry)
    assert window.stack.currentWidget() is window.routine_page
    return window, routines / "tiny.yaml"


def _first_row(window: MainWindow) -> str:
    return top_item(window.routine_page.steps, 0).text(1)


def test_routine_page_follows_an_edit_and_start_runs_the_new_version(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window, path = _open_tiny(qtbot, data_dir, tmp_path)
    page = window.routine_page
    assert "× 2" in _first_row(window)
    before_total = page.total.text()
    path.write_text(TINY.replace("    reps: 2\n", "    reps: 3\n"), encoding="utf-8")
    qtbot.waitUntil(lambda: "× 3" in _first_row(window), timeout=FOLLOW_MS)
    assert page.total.text() != before_total
    assert window.stack.currentWidget() is page  # still on the page, not sent away
    page.start.click()
    flow = window.flow
    assert flow is not None
    step = flow.routine.steps[0]
    assert isinstance(step, ExerciseStep) and step.reps == 3
    assert flow.routine.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_start_reads_the_file_even_before_the_page_has_followed(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window, path = _open_tiny(qtbot, data_dir, tmp_path)
    path.write_text(TINY.replace("    reps: 2\n", "    reps: 4\n"), encoding="utf-8")
    window.routine_page.start.click()  # at once: no time for the watcher
    flow = window.flow
    assert flow is not None
    step = flow.routine.steps[0]
    assert isinstance(step, ExerciseStep) and step.reps == 4


def test_routine_page_shows_errors_when_the_file_breaks_and_start_refuses(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window, path = _open_tiny(qtbot, data_dir, tmp_path)
    page = window.routine_page
    path.write_text(TINY.replace("    hold: 10s\n", "    hold: 10 sec\n"), encoding="utf-8")
    qtbot.waitUntil(lambda: page.errors.isVisible(), timeout=FOLLOW_MS)
    assert "tiny.yaml:" in page.errors.toPlainText()
    assert "help: write 10s" in page.errors.toPlainText()
    assert not page.start.isVisible()
    path.write_text(TINY, encoding="utf-8")  # fixed again: the steps come back
    qtbot.waitUntil(lambda: page.steps.isVisible() and page.start.isVisible(), timeout=FOLLOW_MS)
    path.write_text(TINY.replace("    hold: 10s\n", "    hold: 10 sec\n"), encoding="utf-8")
    page.start.click()  # before the watcher says so: Start reads the file, finds it broken
    assert window.flow is None
    assert page.errors.isVisible() and not page.start.isVisible()


def test_a_session_not_yet_started_follows_the_file_and_a_running_one_does_not(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window, path = _open_tiny(qtbot, data_dir, tmp_path)
    window.routine_page.start.click()
    flow = window.flow
    assert flow is not None and not flow.started()  # the check-in before the session
    path.write_text(TINY.replace("    reps: 5\n", "    reps: 6\n"), encoding="utf-8")
    bridge = 1

    def bridge_reps() -> int:
        step = flow.routine.steps[bridge]
        return step.reps if isinstance(step, ExerciseStep) else 0

    qtbot.waitUntil(lambda: bridge_reps() == 6, timeout=FOLLOW_MS)
    flow.checkin.autopilot()  # pain 0, "no" to each question, Start
    assert flow.started() and window.flow is flow
    assert flow.plan is not None
    assert any(s.kind == "reps" and s.reps == 6 for s in flow.plan.segments)
    started_with = flow.routine
    path.write_text(TINY.replace("    reps: 5\n", "    reps: 7\n"), encoding="utf-8")

    # the library follows (the routine page too) while the session keeps its routine
    def listed_reps() -> int:
        entry = next(e for e in window.entries if e.path.name == "tiny.yaml")
        step = entry.routine.steps[bridge] if entry.routine is not None else None
        return step.reps if isinstance(step, ExerciseStep) else 0

    qtbot.waitUntil(lambda: listed_reps() == 7, timeout=FOLLOW_MS)
    assert window.flow is flow and flow.routine is started_with and bridge_reps() == 6


def test_a_session_not_yet_started_stops_when_its_file_breaks(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window, path = _open_tiny(qtbot, data_dir, tmp_path)
    window.routine_page.start.click()
    assert window.flow is not None and not window.flow.started()
    path.write_text(TINY.replace("title: Tiny test routine", "title Tiny"), encoding="utf-8")
    qtbot.waitUntil(lambda: window.flow is None, timeout=FOLLOW_MS)
    assert window.stack.currentWidget() is window.routine_page
    assert "missing ':' after 'title'" in window.routine_page.errors.toPlainText()
    assert "tiny.yaml" in window.notice.label.text()


def test_the_broken_card_no_longer_mentions_f5(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    routines = write_routines(tmp_path / "routines", broken=True)
    window = open_window(qtbot, make_ctx(data_dir, routines), FakeClock())
    cards = [
        window.library_page.list.item(i).data(Qt.ItemDataRole.UserRole + 2)
        for i in range(window.library_page.list.count())
    ]
    broken = [c for c in cards if c.broken]
    assert broken
    assert all("F5" not in c.facts and "follows the file" in c.facts for c in broken)


def test_the_check_in_start_runs_the_file_as_it_is_now(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window, path = _open_tiny(qtbot, data_dir, tmp_path)
    window.routine_page.start.click()
    flow = window.flow
    assert flow is not None
    path.write_text(TINY.replace("    reps: 5\n", "    reps: 8\n"), encoding="utf-8")
    flow.checkin.autopilot()  # Start at once, before the watcher has said anything
    assert flow.started() and flow.plan is not None
    assert any(s.kind == "reps" and s.reps == 8 for s in flow.plan.segments)


def test_the_check_in_start_refuses_a_file_broken_meanwhile(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    window, path = _open_tiny(qtbot, data_dir, tmp_path)
    window.routine_page.start.click()
    flow = window.flow
    assert flow is not None
    path.write_text(TINY.replace("    reps: 5\n", "    reps: five\n"), encoding="utf-8")
    flow.checkin.autopilot()
    assert window.flow is None and not flow.started()
    assert window.stack.currentWidget() is window.routine_page
    assert "reps: expected a whole number" in window.routine_page.errors.toPlainText()
