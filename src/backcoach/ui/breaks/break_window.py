"""The break window: "time for a posture break" (start / postpone / skip), then the routine.

The routine runs in the same `SessionFlow` as any session (check-in, player,
cues, voice, logging). The flow is made by one small function,
`make_session_flow`, so the window works (and is tested) with a stand-in.
Without any posture-break routine the window shows a short "stand up and
move" page instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.routine import Routine
from backcoach.ui.context import AppContext
from backcoach.ui.widgets.plain import PlainLabel


class FlowLike(Protocol):
    """What the break window needs of a session flow."""

    @property
    def finished(self) -> SignalInstance: ...

    def begin(self) -> None: ...

    def shutdown(self) -> None: ...


FlowFactory = Callable[[AppContext, Routine, QWidget], QWidget]


def make_session_flow(
    ctx: AppContext, routine: Routine, parent: QWidget, *, autopilot: bool = False
) -> QWidget:
    """The real session flow, for a posture-break routine.

    `autopilot` (the check-in answers itself) is for the tests' app launcher only;
    bind it with functools.partial to get a `FlowFactory`.
    """
    from backcoach.ui.session.session_flow import SessionFlow

    return SessionFlow(ctx, routine, autopilot=autopilot, parent=parent)


def session_id_of(flow: QObject | None) -> int | None:
    """The id of the session the flow logged, if any (0 means "not saved")."""
    value = getattr(flow, "session_id", None)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


def break_taken(flow: QObject | None) -> bool:
    """Did the break happen? The routine started (even if unsaved), or the simple page was done."""
    if flow is None:
        return False
    if isinstance(flow, SimpleBreak):
        return flow.confirmed
    return session_id_of(flow) is not None or getattr(flow, "adapter", None) is not None


class BreakWindow(QWidget):
    """A top-level window; the tray controller tells it what to show and hears the choice."""

    start_requested = Signal()
    postpone_requested = Signal()
    skip_requested = Signal()
    done = Signal(bool, object)
    """(taken, session id or None): the break is over; the window hides itself."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        flow_factory: FlowFactory = make_session_flow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._flow_factory = flow_factory
        self.flow: QWidget | None = None
        self.routine: Routine | None = None
        self._running = False
        self.setWindowTitle(self.tr("Posture break — backcoach"))
        self.setAccessibleName(self.tr("Posture break"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)

        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self.prompt = QWidget(self)
        self.title = PlainLabel(self.tr("Time for a posture break"), self.prompt)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.detail = PlainLabel(parent=self.prompt)
        self.detail.setWordWrap(True)
        self.why_not = PlainLabel(parent=self.prompt)
        self.why_not.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Start the break"), self.prompt)
        self.start_button.setAccessibleName(self.tr("Start the break"))
        self.start_button.setDefault(True)
        self.postpone_button = QPushButton(self.tr("&Postpone 5 minutes"), self.prompt)
        self.postpone_button.setAccessibleName(self.tr("Postpone 5 minutes"))
        self.skip_button = QPushButton(self.tr("S&kip this one"), self.prompt)
        self.skip_button.setAccessibleName(self.tr("Skip this break"))
        buttons = QHBoxLayout()
        for b in (self.start_button, self.postpone_button, self.skip_button):
            buttons.addWidget(b)
        p = QVBoxLayout(self.prompt)
        p.addWidget(self.title)
        p.addWidget(self.detail)
        p.addWidget(self.why_not)
        p.addStretch(1)
        p.addLayout(buttons)
        self.stack.addWidget(self.prompt)

        self.start_button.clicked.connect(self.start_requested)
        self.postpone_button.clicked.connect(self.postpone_requested)
        self.skip_button.clicked.connect(self.skip_requested)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.prompt, self.close)
        self.resize(560, 220)

    # --- what the controller calls -------------------------------------------------

    def show_due(self, routine: Routine | None, can_postpone: bool, postpones: int) -> None:
        """Show the prompt for a due break."""
        self._drop_flow()
        self.routine = routine
        if routine is not None:
            self.detail.setText(
                self.tr("Up next: {0}. It takes a few minutes.").format(routine.title)
            )
        else:
            self.detail.setText(
                self.tr(
                    "Stand up, walk a few steps, roll your shoulders and look into the distance."
                )
            )
        self.postpone_button.setEnabled(can_postpone)
        if can_postpone:
            self.why_not.setText("")
            self.postpone_button.setToolTip("")
        else:
            text = self.tr(
                "Postponed {0} times in a row: take the break now, or skip this one."
            ).format(postpones)
            self.why_not.setText(text)
            self.postpone_button.setToolTip(text)
        self.postpone_button.setAccessibleDescription(self.why_not.text())
        self.stack.setCurrentWidget(self.prompt)
        self._present()
        self.start_button.setFocus()

    def run_break(self, routine: Routine | None) -> None:
        """The break started: run the routine (or the simple page without one)."""
        self._drop_flow()
        self.routine = routine
        self._running = True
        if routine is not None:
            try:
                self.flow = self._flow_factory(self.ctx, routine, self)
            except ImportError:
                self.flow = None
        if self.flow is None:
            self.flow = SimpleBreak(self)
        self.stack.addWidget(self.flow)
        self.stack.setCurrentWidget(self.flow)
        finished = getattr(self.flow, "finished", None)
        if finished is not None:
            finished.connect(self._flow_finished)
        self._present()
        begin = getattr(self.flow, "begin", None)
        if callable(begin):
            begin()

    @property
    def running(self) -> bool:
        return self._running

    # --- internals ------------------------------------------------------------------

    def _present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()

    def _flow_finished(self, *args: object) -> None:
        if not self._running:
            return
        self._end(break_taken(self.flow), session_id_of(self.flow))

    def _end(self, taken: bool, session_id: int | None) -> None:
        self._running = False
        self.hide()
        self._drop_flow()
        self.done.emit(taken, session_id)

    def _drop_flow(self) -> None:
        if self.flow is None:
            return
        flow, self.flow = self.flow, None
        shutdown = getattr(flow, "shutdown", None)
        if callable(shutdown):
            shutdown()
        self.stack.removeWidget(flow)
        flow.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing while the routine runs ends the break (taken if a session was logged);
        closing the prompt postpones if allowed, else skips."""
        if self._running:
            self._end(break_taken(self.flow), session_id_of(self.flow))
        elif self.isVisible():
            if self.postpone_button.isEnabled():
                self.postpone_requested.emit()
            else:
                self.skip_requested.emit()
        event.accept()


class SimpleBreak(QWidget):
    """The break without a routine: a few words and a Done button."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirmed = False
        text = PlainLabel(
            self.tr(
                "Stand up and move for two or three minutes: walk, roll your shoulders, "
                "reach up tall, look into the distance. Come back when you are done."
            ),
            self,
        )
        text.setWordWrap(True)
        font = text.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        text.setFont(font)
        self.done_button = QPushButton(self.tr("&Done"), self)
        self.done_button.setAccessibleName(self.tr("Done with the break"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self._done)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)

    def begin(self) -> None:
        self.done_button.setFocus()

    def _done(self) -> None:
        self.confirmed = True
        self.finished.emit()
