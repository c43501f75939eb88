"""Qt face of the core SessionEngine: a timer drives `tick()`, events become signals.

The adapter never computes timing: the engine works out remaining time from its
injected clock (core.clocks.awake_clock here, which counts through suspend, a FakeClock in tests). The QTimer only
decides how often the engine is asked, so a late or dropped tick costs nothing
but a repaint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backcoach.core.clocks import awake_clock
from backcoach.core.plan import Plan, Segment
from backcoach.core.session import (
    Clock,
    CueDue,
    Event,
    Finished,
    Paused,
    Resumed,
    SegmentEnded,
    SegmentStarted,
    SessionEngine,
    StepResult,
)

EngineFactory = Callable[..., SessionEngine]


def tick_interval_ms(speed: float) -> int:
    """How often to ask the engine: 100 ms at real speed (low CPU), faster for previews."""
    return max(10, min(100, round(100 / max(speed, 0.01))))


class EngineAdapter(QObject):
    """Runs one plan. Signals carry the core event objects unchanged."""

    segment_started = Signal(object, object)  # Segment, next Segment | None
    segment_ended = Signal(object)  # SegmentEnded
    cue_due = Signal(object)  # CueDue
    paused = Signal(str)  # reason: "user" | "clock-jump"
    resumed = Signal()
    finished = Signal(str)  # "completed" | "stopped"
    ticked = Signal()  # after every tick: time to repaint

    def __init__(
        self,
        plan: Plan,
        *,
        clock: Clock = awake_clock,
        speed: float = 1.0,
        engine_factory: EngineFactory = SessionEngine,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.speed = speed
        self.engine = engine_factory(plan, clock, speed=speed)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_interval_ms(speed))
        self._timer.timeout.connect(self.tick)

    # --- state passthrough ---------------------------------------------------
    @property
    def state(self) -> str:
        return self.engine.state

    @property
    def current(self) -> Segment | None:
        return self.engine.current

    @property
    def remaining(self) -> float | None:
        return self.engine.remaining

    @property
    def elapsed(self) -> float:
        return self.engine.elapsed

    @property
    def session_progress(self) -> float:
        return self.engine.session_progress

    def step_results(self) -> list[StepResult]:
        return self.engine.step_results()

    @property
    def timer_interval(self) -> int:
        return self._timer.interval()

    # --- commands ------------------------------------------------------------
    def start(self) -> None:
        self._timer.start()
        self._emit(self.engine.start())

    def tick(self) -> None:
        if self.engine.state == "finished":
            self._timer.stop()
            return
        self._emit(self.engine.tick())  # emits ticked

    def pause(self) -> None:
        if self.engine.state == "running":
            self._emit(self.engine.pause())

    def resume(self) -> None:
        if self.engine.state == "paused":
            self._emit(self.engine.resume())

    def toggle_pause(self) -> None:
        if self.engine.state == "running":
            self.pause()
        elif self.engine.state == "paused":
            self.resume()

    def skip(self) -> None:
        if self.engine.state in ("running", "paused"):
            self._emit(self.engine.skip())

    def back(self) -> None:
        if self.engine.state in ("running", "paused"):
            self._emit(self.engine.back())

    def done(self) -> None:
        if self.engine.state in ("running", "paused"):
            self._emit(self.engine.done())

    def stop(self) -> None:
        if self.engine.state != "finished":
            self._emit(self.engine.stop())
        self._timer.stop()

    # --- events -> signals -----------------------------------------------------
    def _emit(self, events: Iterable[Event]) -> None:
        for ev in events:
            if isinstance(ev, SegmentStarted):
                self.segment_started.emit(ev.segment, ev.next_segment)
            elif isinstance(ev, SegmentEnded):
                self.segment_ended.emit(ev)
            elif isinstance(ev, CueDue):
                self.cue_due.emit(ev)
            elif isinstance(ev, Paused):
                self.paused.emit(ev.reason)
            elif isinstance(ev, Resumed):
                self.resumed.emit()
            elif isinstance(ev, Finished):
                self._timer.stop()
                self.finished.emit(ev.status)
        self.ticked.emit()
