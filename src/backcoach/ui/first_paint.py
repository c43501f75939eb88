"""Run start-up work that can wait until a window has been painted once.

The window shows at once (themed, with its menus and empty pages) and what
fills it, or is only needed later, runs right after: `after_first_paint(window,
work)` calls `work` once, just after the first Expose of the window's native
window has been handled (so that paint is on screen), or after `fallback_ms` if
no Expose comes (a window shown minimised, a platform that never exposes).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000


class FirstPaint(QObject):
    """Calls `work` once after `window`'s first paint; made by `after_first_paint`."""

    def __init__(
        self, window: QWidget, work: Callable[[], object], *, fallback_ms: int = FALLBACK_MS
    ) -> None:
        super().__init__(window)
        self.work: Callable[[], object] | None = work
        self.handle: QWindow | None = window.windowHandle()
        if self.handle is not None:
            self.handle.installEventFilter(self)
        self.fallback = QTimer(self)
        self.fallback.setSingleShot(True)
        self.fallback.timeout.connect(self.run)
        self.fallback.start(fallback_ms if self.handle is not None else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.handle
            and event.type() == QEvent.Type.Expose
            and self.handle is not None
            and self.handle.isExposed()
        ):
            self.handle.removeEventFilter(self)
            self.handle = None
            # Queued: this Expose is painted and flushed before the work starts.
            QTimer.singleShot(0, self, self.run)
        return False

    def run(self) -> None:
        work, self.work = self.work, None
        if work is None:
            return
        self.fallback.stop()
        if self.handle is not None:
            self.handle.removeEventFilter(self)
            self.handle = None
        work()
        self.deleteLater()


def after_first_paint(
    window: QWidget, work: Callable[[], object], *, fallback_ms: int = FALLBACK_MS
) -> FirstPaint:
    """Call `work` once, right after `window` (shown already) is first painted."""
    return FirstPaint(window, work, fallback_ms=fallback_ms)
