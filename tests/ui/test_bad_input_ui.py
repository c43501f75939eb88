"""Bad input at start-up and during a session: the window opens, says what and where, loses nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import open_history
from backcoach.ui.context import AppContext
from backcoach.ui.main_window import MainWindow
from backcoach.ui.widgets.exercise_images import load_pixmap
from tests.ui.kit import make_ctx, run_until, settle_writes, write_routines

LIBRARY = "backcoach: 1\nexercises:\n  roll:\n    name: Shoulder rolls\n"


def window_for(
    qtbot: QtBot, ctx: AppContext, *, start: str | None = None, review: Path | None = None
) -> MainWindow:
    window = MainWindow(
        ctx, start=start, review=review, clock=FakeClock(1000.0), cue_factory=None, autopilot=True
    )
    window.confirm_close = lambda: True
    qtbot.addWidget(window)
    return window


def ctx_for(data_dir: Path, routines: list[Path], *, read_only: bool = False) -> AppContext:
    first, *more = routines
    return make_ctx(data_dir, first, more_routines=tuple(more), read_only=read_only)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("nope", "No routine called “nope” was found"),
        ("{tmp}/nowhere/x.yaml", "There is no file “{tmp}/nowhere/x.yaml”"),
        ("{tmp}/r", "“{tmp}/r” is not a routine file"),
        ("exercises", "“exercises” is an exercise library, not a routine"),
        (
            "{tmp}/r/exercises.yaml",
            "“{tmp}/r/exercises.yaml” is an exercise library, not a routine",
        ),
        ("broken", "“broken” can't be started:\n{tmp}/r/broken.yaml:4:15:"),
    ],
)
def test_start_that_cannot_start_opens_the_library_and_says_why(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, start: str, expected: str
) -> None:
    routines = write_routines(tmp_path / "r", broken=True)
    (routines / "exercises.yaml").write_text(LIBRARY)
    window = window_for(qtbot, make_ctx(data_dir, routines), start=start.format(tmp=tmp_path))
    assert window.stack.currentWidget() is window.library_page
    assert window.flow is None
    assert any(expected.format(tmp=tmp_path) in m for m in window.notice.messages), (
        window.notice.messages
    )


def test_missing_routines_folder_is_named_and_the_rest_still_runs(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    routines = write_routines(tmp_path / "r")
    missing = tmp_path / "typo"
    window = window_for(qtbot, ctx_for(data_dir, [routines, missing]))
    assert window.notice.messages == [
        f"The routine folder {missing} was not found; its routines are not listed."
    ]
    assert {e.path.name for e in window.entries} == {"tiny.yaml", "desk.yaml"}


@pytest.mark.parametrize("under", [False, True])
def test_data_dir_that_is_a_file_runs_and_names_it(
    qtbot: QtBot, tmp_path: Path, under: bool
) -> None:
    routines = write_routines(tmp_path / "r")
    blocker = tmp_path / "blocker"
    blocker.write_text("mine")
    ctx = ctx_for(blocker / "sub" if under else blocker, [routines])
    window = window_for(qtbot, ctx, start="tiny")
    assert ctx.history is None
    assert any(f"{blocker} is a file, not a folder" in m for m in window.notice.messages)
    assert window.flow is not None  # sessions still run, unsaved
    assert blocker.read_text() == "mine"


def test_corrupt_history_is_moved_aside_and_the_notice_says_where(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    garbage = os.urandom(4096)
    (data_dir / "history.sqlite3").write_bytes(garbage)
    window = window_for(qtbot, ctx_for(data_dir, [write_routines(tmp_path / "r")]))
    aside = [p for p in data_dir.iterdir() if p.name.startswith("history.sqlite3.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert any(f"It was moved to {aside[0]}" in m for m in window.notice.messages)


@pytest.mark.parametrize("content", ["[]", '{"volume": "loud"}', "{not json"])
def test_broken_settings_are_told_then_kept_aside_when_saved(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, content: str
) -> None:
    (data_dir / "settings.json").write_text(content)
    ctx = ctx_for(data_dir, [write_routines(tmp_path / "r")])
    window = window_for(qtbot, ctx)
    assert any("settings.json.bad-" in m for m in window.notice.messages)
    assert (data_dir / "settings.json").read_text() == content  # untouched so far
    ctx.update_settings(ctx.settings.replace(volume=0.4))
    aside = ctx.settings_store.moved_aside
    assert aside is not None and aside.read_text() == content
    assert json.loads((data_dir / "settings.json").read_text())["volume"] == 0.4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', 'no "format" field'),
        (None, "cannot read the file"),
        ('{"format": "backcoach-history", "version": 99, "sessions": []}', "made by a newer"),
    ],
)
def test_review_of_a_file_that_is_not_a_usable_export(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, text: str | None, expected: str
) -> None:
    path = tmp_path / "export.json"
    if text is not None:
        path.write_text(text)
    ctx = ctx_for(data_dir, [write_routines(tmp_path / "r")], read_only=True)
    window = window_for(qtbot, ctx, review=path)
    assert window.review_page is None
    assert any(str(path) in m and expected in m for m in window.notice.messages)


PICTURES = """\
backcoach: 1
title: Pictures
exercises:
  a:
    name: A
    images: [bad.png, notxml.svg, empty.jpg]
  b:
    name: B
    image: empty.jpg
steps:
  - exercise: a
    duration: 5s
  - exercise: b
    duration: 5s
"""


def test_corrupt_pictures_show_nothing_and_the_session_runs(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    routines = tmp_path / "r"
    routines.mkdir()
    (routines / "bad.png").write_bytes(os.urandom(3000))
    (routines / "notxml.svg").write_text("<svg <<< not xml")
    (routines / "empty.jpg").write_bytes(b"")
    (routines / "pics.yaml").write_text(PICTURES)
    ctx = make_ctx(data_dir, routines)
    window = window_for(qtbot, ctx, start="pics")
    window.show()
    flow = window.flow
    assert flow is not None
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.player)
    player = flow.player
    clock = window.clock
    assert isinstance(clock, FakeClock)
    seen: list[tuple[str, bool]] = []

    def look() -> None:
        if player.segment is not None and player.segment.exercise is not None:
            seen.append((player.segment.exercise.name, player.images.isVisible()))
            player.grab()  # paints with no picture

    run_until(window, clock, lambda: flow.currentWidget() is not player, on_tick=look)
    assert {name for name, _ in seen} == {"A", "B"}
    assert not any(visible for _, visible in seen)
    assert player.images.pixmaps == []
    os.mkfifo(routines / "pipe.png")
    assert load_pixmap(routines / "pipe.png") is None  # never opened: it would block


def test_routine_edited_then_deleted_mid_session_runs_on_and_is_logged(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    routines = write_routines(tmp_path / "r")
    ctx = make_ctx(data_dir, routines)
    window = window_for(qtbot, ctx, start="desk")
    window.show()
    flow = window.flow
    assert flow is not None
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.player)
    clock = window.clock
    assert isinstance(clock, FakeClock)
    run_until(
        window, clock, lambda: flow.player.segment is not None and flow.player.segment.is_work
    )
    desk = routines / "desk.yaml"
    desk.write_text(desk.read_text().replace("20s", "5m").replace("Desk stretch", "Edited"))
    watcher = window.routine_watcher
    assert watcher is not None
    with qtbot.waitSignal(watcher.changed, timeout=5000):
        desk.unlink()
    qtbot.waitUntil(lambda: all(e.path != desk for e in window.entries))
    assert window.flow is flow and flow.currentWidget() is flow.player
    run_until(window, clock, lambda: flow.currentWidget() is not flow.player, limit=60)
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.summary)
    assert ctx.history is not None
    settle_writes(ctx)
    ctx.history.close()
    with open_history(data_dir / "history.sqlite3") as store:
        records = store.sessions()
    assert [(r.routine_title, r.status) for r in records] == [("Desk stretch", "completed")]
