"""Sessions through the window survive a busy or full log, and closing flushes them.

The lock is real: a second SQLite connection holding `BEGIN IMMEDIATE`, as
`backcoach import` does while it commits a batch. Time is not: the engine, the
retry timers and the bounded wait at closing all run on one FakeClock, and the
only real waiting is for the writer thread to finish a job (milliseconds).

The player's clock is that fake time plus the real time the test has taken,
so a UI thread held up for seconds shows as a clock jump, as it would in the
app: "Paused: the computer was asleep".
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryStore, SessionRecord, open_history, open_writer
from backcoach.ui.context import AppContext
from backcoach.ui.history_writer import CLOSE_WAIT_SECONDS, HistoryWriter, writer_for
from backcoach.ui.session.session_flow import SessionFlow
from tests.core.fake_timers import FakeTimers
from tests.core.test_session_writer import FULL, Flaky
from tests.ui.kit import (
    make_ctx,
    open_window,
    press,
    run_until,
    settle_writes,
    write_routines,
)

SAVED = "Saved in your history."


class FakePlusReal:
    """The fake time plus the real time since the test began."""

    def __init__(self, fake: FakeClock) -> None:
        self.fake = fake
        self.began = time.monotonic()

    def __call__(self) -> float:
        return self.fake.now + (time.monotonic() - self.began)


class Rig:
    """A window whose session writer runs on the test's fake clock."""

    def __init__(self, qtbot: QtBot, ctx: AppContext, open_store: object = None) -> None:
        assert ctx.history is not None
        self.ctx = ctx
        self.clock = FakeClock(1000.0)
        self.timers = FakeTimers(self.clock, after_each=self.settle)
        self.released_at: float | None = None
        """When the closing wait's sleep lets the import's lock go (fake time)."""
        self.lock: sqlite3.Connection | None = None
        ctx.state.history_writer = HistoryWriter(
            ctx.history,
            open_store=open_store or partial(open_writer, ctx.paths.db_path, busy_timeout=0),  # type: ignore[arg-type]
            clock=self.clock,
            sleep=self._sleep,
            schedule=self.timers,
            parent=ctx.state,
        )
        self.window = open_window(qtbot, ctx, FakePlusReal(self.clock), start="tiny")  # type: ignore[arg-type]
        self.warnings: list[str] = []
        self.window.warn_unsaved = self.warnings.append
        self.pauses: list[str] = []
        self.qtbot = qtbot

    @property
    def flow(self) -> SessionFlow:
        flow = self.window.flow
        assert flow is not None
        return flow

    def settle(self) -> None:
        settle_writes(self.ctx)

    def tick(self) -> None:
        """After each player tick: writes come back, due retries fire."""
        self.settle()
        self.timers.run_due()

    def take_lock(self) -> None:
        """Another program (an import) takes the write lock."""
        self.lock = sqlite3.connect(self.ctx.paths.db_path, isolation_level=None)
        self.lock.execute("BEGIN IMMEDIATE")

    def release_lock(self) -> None:
        assert self.lock is not None
        self.lock.execute("COMMIT")
        self.lock.close()
        self.lock = None

    def _sleep(self, seconds: float) -> None:
        self.clock.advance(seconds)
        if self.released_at is not None and self.clock.now >= self.released_at:
            self.released_at = None
            self.release_lock()

    def check_in(self, pain: str = "4") -> None:
        press(self.qtbot, self.window, pain)
        press(self.qtbot, self.window, Qt.Key.Key_Return)
        for answer in "nnn":
            press(self.qtbot, self.window, answer)

    def start(self) -> None:
        press(self.qtbot, self.window, Qt.Key.Key_Return)  # Start
        flow = self.flow
        assert flow.currentWidget() is flow.player and flow.adapter is not None
        flow.adapter.paused.connect(self.pauses.append)

    def run(self, done: object) -> None:
        """Run the player (Done on self-paced reps) until `done()`."""
        player = self.flow.player

        def tick() -> None:
            if player.segment is not None and player.segment.duration is None:
                press(self.qtbot, self.window, Qt.Key.Key_Return)
            self.tick()

        run_until(self.window, self.clock, done, on_tick=tick)  # type: ignore[arg-type]

    def after(self, pain: str) -> None:
        press(self.qtbot, self.window, pain)
        press(self.qtbot, self.window, Qt.Key.Key_Return)  # Save
        assert self.flow.currentWidget() is self.flow.summary

    def records(self) -> list[SessionRecord]:
        assert self.ctx.history is not None
        return self.ctx.history.sessions(include_running=True)


@pytest.fixture
def ctx(tmp_path: Path, data_dir: Path) -> Iterator[AppContext]:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    yield ctx
    if ctx.history_writer is not None:
        ctx.history_writer.runner.wait_idle(10.0)


def test_an_import_holding_the_lock_for_10_s_loses_nothing_and_never_stalls_the_player(
    qtbot: QtBot, ctx: AppContext
) -> None:
    rig = Rig(qtbot, ctx)
    rig.check_in("4")
    rig.take_lock()
    began = rig.clock.now
    rig.start()
    rig.run(lambda: rig.clock.now >= began + 10.0)  # ten seconds of the session, locked
    flow = rig.flow
    assert rig.records() == []  # nothing could be written
    assert flow.recorder.pending and flow.recorder.session_id is None
    assert rig.pauses == []  # no "the computer was asleep": the UI thread never waited
    assert flow.adapter is not None and flow.adapter.state == "running"
    assert "asleep" not in flow.player.state_label.text()
    assert not flow.player.problem.isVisible() and rig.window.notice.messages == []
    assert rig.timers.delays[:5] == [0.25, 0.5, 1.0, 2.0, 4.0]  # retried with backoff

    rig.release_lock()  # the import is done
    rig.run(lambda: flow.currentWidget() is flow.after)
    [rec] = rig.records()
    assert rec.status == "running" and [s.status for s in rec.steps] == ["done"] * 3

    # the next import takes the lock again just as the after check-in is saved
    rig.take_lock()
    rig.after("2")
    rig.settle()
    note = flow.summary.saved.text()
    assert note.startswith("Not saved yet:") and "another program is using it" in note
    rig.timers.advance(5.0)
    assert rig.records()[0].status == "running"
    with qtbot.waitSignal(ctx.history_changed):
        rig.release_lock()
        rig.timers.advance(4.0)
    assert flow.summary.saved.text() == SAVED
    [rec] = rig.records()
    assert (rec.status, rec.pain_before, rec.pain_after) == ("completed", 4, 2)
    assert rig.pauses == [] and rig.warnings == []


def test_a_full_disk_as_the_session_starts_then_freed_is_saved(
    qtbot: QtBot, ctx: AppContext
) -> None:
    flaky = Flaky(ctx.paths.db_path, sqlite3.OperationalError(FULL))
    flaky.fail = {"start_session": 2, "checkpoint": 1}
    rig = Rig(qtbot, ctx, open_store=flaky.open)
    rig.check_in("5")
    rig.start()
    rig.settle()
    flow = rig.flow
    said = [m for m in rig.window.notice.messages if "can't be saved" in m]
    assert said == [f"This session can't be saved: {FULL}"]
    assert flow.player.problem.isVisible()
    rig.run(lambda: flow.currentWidget() is flow.after)  # space is freed meanwhile
    assert flaky.fail == {"start_session": 0, "checkpoint": 0}
    assert not flow.player.problem.isVisible()
    assert any("can be written again" in m for m in rig.window.notice.messages)
    rig.after("3")
    rig.settle()
    assert flow.summary.saved.text() == SAVED
    [rec] = rig.records()
    assert (rec.status, rec.pain_before, rec.pain_after) == ("completed", 5, 3)
    assert [s.status for s in rec.steps] == ["done"] * 3
    said = [m for m in rig.window.notice.messages if "can't be saved" in m]
    assert len(said) == 1


def test_a_session_waiting_for_the_log_is_written_after_its_page_is_gone(
    qtbot: QtBot, ctx: AppContext
) -> None:
    rig = Rig(qtbot, ctx)
    rig.check_in()
    rig.start()
    flow = rig.flow
    rig.run(lambda: flow.currentWidget() is flow.after)
    rig.take_lock()
    rig.after("1")
    press(qtbot, rig.window, Qt.Key.Key_Return)  # Done: back to the library
    assert rig.window.flow is None
    rig.settle()
    assert rig.records()[0].status == "running"
    with qtbot.waitSignal(ctx.history_changed):
        rig.release_lock()
        rig.timers.advance(1.0)
    assert rig.records()[0].status == "completed"
    assert ctx.history_writer is not None and ctx.history_writer.pending == []


def test_closing_mid_session_waits_for_a_busy_log_a_bounded_time(
    qtbot: QtBot, ctx: AppContext
) -> None:
    rig = Rig(qtbot, ctx)
    rig.check_in()
    rig.start()
    flow = rig.flow
    rig.run(lambda: rig.records() != [] and flow.recorder.written_version >= 2)
    rig.take_lock()
    rig.released_at = rig.clock.now + 1.0  # the import lets go a second into the wait
    began = rig.clock.now
    rig.window.close()
    assert rig.clock.now - began < CLOSE_WAIT_SECONDS
    assert rig.warnings == []
    [rec] = rig.records()
    assert (rec.status, rec.stop_reason) == ("stopped", "interrupted")


def test_closing_with_the_log_locked_throughout_says_what_was_not_saved(
    qtbot: QtBot, ctx: AppContext
) -> None:
    rig = Rig(qtbot, ctx)
    rig.check_in()
    rig.start()
    flow = rig.flow
    rig.run(lambda: rig.records() != [] and flow.recorder.written_version >= 2)
    kept = [s.done_seconds for s in rig.records()[0].steps]
    rig.take_lock()
    began = rig.clock.now
    rig.window.close()
    waited = rig.clock.now - began
    assert CLOSE_WAIT_SECONDS <= waited < CLOSE_WAIT_SECONDS + 0.5  # bounded
    [warning] = rig.warnings
    assert "could not be saved before closing" in warning
    assert "another program is using it" in warning and "interrupted" in warning
    rig.release_lock()
    with open_history(ctx.paths.db_path) as store:  # the next start
        [rec] = store.sessions()
    assert rec.status == "interrupted"
    assert [s.done_seconds for s in rec.steps] == kept  # the last checkpoint is kept


def test_an_in_memory_log_is_written_at_once_on_the_ui_thread(qtbot: QtBot) -> None:
    store = HistoryStore.in_memory()
    writer = writer_for(store)
    heard: list[object] = []
    recorder = writer.recorder(report=heard.append)
    assert recorder.runner is writer.runner and writer.recorders == [recorder]
    assert writer.flush(0.0) == []
    assert not hasattr(writer.runner, "threads_started")
    store.close()
