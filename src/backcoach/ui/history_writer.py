"""The app's session writer: the writer thread, its retry timers, and the sessions not
written yet.

One per app (`AppContext.session_writer()`). Each session flow records through
it: the writes run on a thread of their own with a connection of their own,
never on the UI thread (core/log/session_writer.py says why), and a failed write
is tried again on a Qt timer with backoff. It outlives the flows, so a session
whose last writes wait for a busy log is still written after its page has
gone; closing the window flushes what is left, waiting a bounded time
(`flush`), and says plainly what could not be saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backcoach.core.history import HistoryStore, now_local, open_writer
from backcoach.core.log.session_recorder import SaveProblem, SessionRecorder
from backcoach.core.log.session_writer import InlineRunner, SessionStore, ThreadRunner, WriteRunner
from backcoach.ui.translations import parts_text

CLOSE_WAIT_SECONDS = 3.0
"""How long closing the window waits for a busy log before giving up on the last writes."""
FLUSH_PAUSE_SECONDS = 0.1
"""Between two attempts while closing (the log may be let go in between)."""
ATTEMPT_WAIT_SECONDS = 1.0
"""The least time closing waits for an attempt under way to come back."""


class HistoryWriter(QObject):
    """Runs the session recorders' writes and keeps the recorders until the log has it all."""

    _outcomes_in = Signal()  # emitted on the writer thread: deliver on this one

    def __init__(
        self,
        store: SessionStore,
        *,
        open_store: Callable[[], SessionStore] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        schedule: Callable[[float, Callable[[], None]], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`open_store` opens the writer thread's own connection; without it the writes
        run at once on `store`, on this thread (an in-memory log, a stand-in). `clock`
        and `sleep` time the bounded wait of `flush`; `schedule` sets the retry timers
        (a single-shot QTimer by default). Tests pass fakes for the three."""
        super().__init__(parent)
        self._outcomes_in.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.runner: WriteRunner = (
            ThreadRunner(open_store, wake=self._outcomes_in.emit)
            if open_store is not None
            else InlineRunner(store)
        )
        self.store = store
        self.clock = clock
        self.sleep = sleep
        self.schedule = schedule or self._start_timer
        self.recorders: list[SessionRecorder] = []
        """The recorders made here that may still have something to write."""

    def recorder(
        self,
        *,
        report: Callable[[SaveProblem], None],
        on_started: Callable[[int], None] | None = None,
        on_written: Callable[[], None] | None = None,
        on_saved: Callable[[], None] | None = None,
        now: Callable[[], datetime] = now_local,
    ) -> SessionRecorder:
        """A recorder for one session, writing through this writer (the listeners and
        `now` are SessionRecorder's); kept here until it has nothing left to write."""
        recorder = SessionRecorder(
            self.store,
            report=report,
            now=now,
            on_started=on_started,
            on_written=on_written,
            on_saved=on_saved,
            runner=self.runner,
            schedule=self.schedule,
        )
        self.recorders = [r for r in self.recorders if not r.settled]
        self.recorders.append(recorder)
        return recorder

    @property
    def pending(self) -> list[SessionRecorder]:
        """The recorders with something the log does not have yet."""
        return [r for r in self.recorders if r.pending]

    def flush(self, timeout: float = CLOSE_WAIT_SECONDS) -> list[SessionRecorder]:
        """Write what is left now, trying again for up to `timeout` seconds (the window
        is closing); the recorders still not written (their `waiting` says why).

        Each attempt is waited for (the writer's connection gives up on a lock within
        a tenth of a second), so what this returns is what the log lacks: no attempt
        is still under way unless the disk itself took more than ATTEMPT_WAIT_SECONDS.
        """
        deadline = self.clock() + timeout
        while waiting := self.pending:
            for recorder in waiting:
                recorder.write_now()
            left = deadline - self.clock()
            self.runner.wait_idle(max(left, ATTEMPT_WAIT_SECONDS))
            left = deadline - self.clock()
            if left <= 0 or not self.pending:
                break
            self.sleep(min(FLUSH_PAUSE_SECONDS, left))
        self.recorders = [r for r in self.recorders if not r.settled]
        return self.pending

    def unsaved_text(self, left: list[SessionRecorder]) -> str:
        """What to tell the person about sessions `flush` could not write."""
        recorder = left[0]
        problem = recorder.waiting
        if problem is None:
            why = self.tr("writing to the disk took too long.")
        else:
            why = parts_text("history", problem.parts) if problem.parts else problem.detail
        if recorder.session_id is None:
            return self.tr(
                "Your session could not be saved before closing, and it is not in your history: {0}"
            ).format(why)
        return self.tr(
            "The end of your session could not be saved before closing: {0} What was saved "
            "up to its last checkpoint is kept; it will be listed as interrupted."
        ).format(why)

    def _start_timer(self, delay: float, callback: Callable[[], None]) -> None:
        QTimer.singleShot(max(0, round(delay * 1000)), self, callback)

    def _deliver(self) -> None:
        self.runner.deliver()


def writer_for(store: SessionStore, *, parent: QObject | None = None) -> HistoryWriter:
    """The writer for the app's log: a writer thread for a log in a file, the store
    itself otherwise."""
    if isinstance(store, HistoryStore) and store.path != Path(":memory:"):
        return HistoryWriter(store, open_store=partial(open_writer, store.path), parent=parent)
    return HistoryWriter(store, parent=parent)
