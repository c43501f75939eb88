"""Screen-reader helpers: polite announcements, and a countdown that speaks sparingly.

The countdown label changes every tick; a screen reader reading each change
would talk over everything. Instead the player announces the time at the start
of each timed segment, then at round marks (every 30 s above a minute left,
every 10 s below), and each of the last three seconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

from backcoach.core.plan import Segment
from backcoach.ui.library.plan_text import segment_label

COUNTDOWN_LAST = 3
"""Announce each of the last this many seconds."""


def tr(text: str) -> str:
    return QCoreApplication.translate("A11y", text)


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Ask screen readers to say `text` (politely: after what they are saying)."""
    if not text:
        return
    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # Qt < 6.8: update the description and say it changed
        widget.setAccessibleDescription(text)
        QAccessible.updateAccessibility(
            QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
        )
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def countdown_mark(remaining: float) -> int | None:
    """The whole second to announce when `remaining` is at or just below it, else None."""
    left = math.ceil(remaining - 1e-6)
    if left <= 0:
        return None
    if left <= COUNTDOWN_LAST:
        return left
    step = 30 if left > 60 else 10
    return left if left % step == 0 else None


def describe_seconds(seconds: int) -> str:
    if seconds >= 60:
        minutes, rest = divmod(seconds, 60)
        if rest == 0:
            return tr("{0} min left").format(minutes)
        return tr("{0} min {1} s left").format(minutes, rest)
    if seconds <= COUNTDOWN_LAST:
        return str(seconds)
    return tr("{0} seconds left").format(seconds)


class CountdownAnnouncer(QObject):
    """Follows an EngineAdapter and announces the countdown at a sensible rate.

    `speak(text)` defaults to `announce(widget, text)`; tests pass a list's append.
    """

    def __init__(
        self,
        widget: QWidget,
        adapter: Any,
        *,
        speak: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.adapter = adapter
        self.speak = speak or (lambda text: announce(widget, text))
        self.last: int | None = None
        adapter.segment_started.connect(self._segment_started)
        adapter.ticked.connect(self._ticked)

    def _segment_started(self, seg: Any, _next: Any = None) -> None:
        duration = getattr(seg, "duration", None)
        title = getattr(getattr(seg, "exercise", None), "name", None) or (
            segment_label(seg) if isinstance(seg, Segment) else getattr(seg, "label", "")
        )
        if duration is None:
            self.last = None
            self.speak(tr("{0}: at your own pace, press Enter when done").format(title))
            return
        seconds = max(1, math.ceil(duration - 1e-6))
        self.last = seconds
        self.speak(tr("{0}: {1}").format(title, describe_seconds(seconds)))

    def _ticked(self) -> None:
        remaining = getattr(self.adapter, "remaining", None)
        if remaining is None or getattr(self.adapter, "state", "running") != "running":
            return
        mark = countdown_mark(remaining)
        if mark is None or self.last is None or mark >= self.last:
            return
        self.last = mark
        self.speak(describe_seconds(mark))


def attach_countdown_announcer(widget: QWidget, adapter: Any) -> CountdownAnnouncer:
    return CountdownAnnouncer(widget, adapter)
