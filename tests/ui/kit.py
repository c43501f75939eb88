"""Shared helpers for the window tests: a tiny routine folder, a window, keyboard-only driving."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.ui.app import build_context
from backcoach.ui.context import AppContext
from backcoach.ui.main_window import MainWindow
from backcoach.ui.options import GuiOptions

if TYPE_CHECKING:
    from backcoach.core.history import HistoryStore
    from backcoach.ui.library.library_page import LibraryPage

TINY = """\
backcoach: 1
title: Tiny test routine
summary: Two short stretches and some bridges.
author: T. Tester, PT
level: gentle
tags: [hips, testing]
prescribed: 1/day
before_you_start:
  - ask: Do you have a fever?
    if_yes: stop
    advice: Contact your care team before exercising today.
  - ask: Is today a flare day?
    if_yes: flare
  - ask: Did you sleep badly?
    if_yes: note
flare:
  scale: 0.5
  skip: [bridges]
exercises:
  knee:
    name: Knee to chest
    how: Lie on your back and hug one knee.
    careful: Keep the other foot flat.
  bridge:
    name: Glute bridge
  bug:
    name: Dead bug
steps:
  - exercise: knee
    hold: 10s
    reps: 2
    sides: each
    relax: 3s
    switch: 4s
    rest: 5s
  - exercise: bridge
    id: bridges
    reps: 5
    rep_time: 2s
  - exercise: bug
    reps: 4
"""

OTHER = """\
backcoach: 1
title: Desk stretch
kind: posture-break
tags: [desk]
summary: A short break at the desk.
exercises:
  roll:
    name: Shoulder rolls
steps:
  - exercise: roll
    duration: 20s
"""

BROKEN = """\
backcoach: 1
title: Broken routine
steps:
  - exercise: nowhere
    hold_time: 10s
"""


def write_routines(folder: Path, *, broken: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.yaml").write_text(TINY, encoding="utf-8")
    (folder / "desk.yaml").write_text(OTHER, encoding="utf-8")
    if broken:
        (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


class Store(enum.Enum):
    """`make_ctx(history=Store.OPEN)`: open the data folder's own history store."""

    OPEN = "open"


_OPENED: list[HistoryStore] = []
"""The history stores `make_ctx` opened; tests/ui/conftest.py closes them after each test."""


def close_opened_stores() -> None:
    """Close what `make_ctx` opened (a test may have closed it already, or swapped it)."""
    while _OPENED:
        _OPENED.pop().close()


def make_ctx(
    data_dir: Path,
    routines: Path | None = None,
    *,
    more_routines: tuple[Path, ...] = (),
    history: HistoryStore | Literal[Store.OPEN] | None = Store.OPEN,
    history_problem: str | None = None,
    speed: float = 1.0,
    read_only: bool = False,
) -> AppContext:
    """The one way the tests build an AppContext: as the app does (`build_context`).

    `routines`: listed, and the only bundled folder (so the tests don't depend on
    the shipped routines); `more_routines` are listed too. `history`: the data folder's own store (closed when the
    test ends), a given store, or None (with `history_problem` saying why).
    """
    options = GuiOptions(
        data_dir=data_dir,
        routines=((routines,) if routines is not None else ()) + more_routines,
        speed=speed,
    )
    ctx = build_context(options, env={}, open_store=history is Store.OPEN)
    if history is Store.OPEN:
        if ctx.history is not None:
            _OPENED.append(ctx.history)
    else:
        ctx.state.set_history(history, history_problem)
    ctx = dataclasses.replace(ctx, read_only=read_only)
    if routines is not None:
        ctx = dataclasses.replace(
            ctx, paths=dataclasses.replace(ctx.paths, bundled_routines=routines)
        )
    return ctx


def open_window(
    qtbot: QtBot, ctx: AppContext, clock: FakeClock, *, start: str | None = None
) -> MainWindow:
    window = MainWindow(ctx, start=start, clock=clock, cue_factory=None)
    window.confirm_close = lambda: True  # never a modal question at teardown
    window.warn_unsaved = lambda text: None  # nor a modal warning
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    # Keys go to the focus widget: it must be this window's (not one a test before left).
    qtbot.waitUntil(
        lambda: QApplication.activeWindow() is window and QApplication.focusWidget() is not None
    )
    return window


def settle_writes(ctx: AppContext) -> None:
    """Let the app's writer thread finish the writes it was given and hand back their
    outcomes (it takes milliseconds; the window does the same from its event loop)."""
    writer = ctx.history_writer
    assert writer is None or writer.runner.wait_idle(10.0)


def top_item(tree: QTreeWidget, row: int) -> QTreeWidgetItem:
    """The tree's top-level item at `row`, which the test expects to be there."""
    item = tree.topLevelItem(row)
    assert item is not None, f"no top-level item at row {row}"
    return item


def current_entry_name(library: LibraryPage) -> str | None:
    """The file name of the routine selected in the library, if any."""
    entry = library.current_entry()
    return None if entry is None else entry.path.name


def next_in_focus_chain(w: QWidget) -> QWidget:
    """The widget after `w` in its window's focus chain (a chain is a closed loop)."""
    after = w.nextInFocusChain()
    assert after is not None, f"{w!r} has no next widget in the focus chain"
    return after


def press(qtbot: QtBot, window: QWidget, key: Qt.Key | str) -> None:
    """A key press on whatever has focus, as a person would."""
    target = QApplication.focusWidget() or window
    if isinstance(key, str):
        qtbot.keyClicks(target, key)
    else:
        qtbot.keyClick(target, key)


def run_until(
    window: MainWindow,
    clock: FakeClock,
    done: Callable[[], bool],
    *,
    step: float = 0.5,
    limit: float = 600.0,
    on_tick: Callable[[], None] | None = None,
) -> None:
    """Advance the fake clock and tick the engine until `done()` (or fail at `limit`)."""
    spent = 0.0
    while not done():
        assert spent < limit, "the session did not get there in time"
        clock.advance(step)
        spent += step
        flow = window.flow
        assert flow is not None and flow.adapter is not None
        flow.adapter.tick()
        if on_tick is not None:
            on_tick()
