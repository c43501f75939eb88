"""The countdown: huge tabular digits readable from a mat across the room."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QWidget

from backcoach.core.durations import format_clock

COUNTDOWN_SCALE = 8.5
"""Countdown size as a multiple of the base font (so text-size settings scale it)."""


def tabular(font: QFont) -> QFont:
    """Digits of equal width, so the number does not jiggle as it counts."""
    f = QFont(font)
    with contextlib.suppress(AttributeError, TypeError):  # Qt < 6.7 has no features
        f.setFeature(QFont.Tag("tnum"), 1)
    return f


class Countdown(QLabel):
    """Shows seconds as 0:25 / 1:30; text for self-paced sets. Silent for screen readers.

    The font is `scale` times the base font, shrunk only as far as needed to fit
    the space the layout gives it (a small window never clips the digits).
    """

    def __init__(self, parent: QWidget | None = None, scale: float = COUNTDOWN_SCALE) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.scale = scale
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Expanding from a small hint (not Ignored: a layout with word-wrapped neighbours
        # then squeezed it below its minimum, over the "Hold" under it).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Time left"))
        self._base = QFont(parent.font() if parent is not None else self.font())
        self.setMinimumHeight(round(QFontMetricsF(self._base).height() * 2.5))
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.minimumHeight())

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._fit()

    def biggest_size(self) -> float:
        return self._base.pointSizeF() * self.scale

    def _fit(self) -> None:
        f = tabular(self._base)
        f.setBold(True)
        size = self.biggest_size()
        f.setPointSizeF(size)
        fm = QFontMetricsF(f)
        sample = max(self.text(), "0:00", key=len)
        need_w = fm.horizontalAdvance(sample) * 1.05
        need_h = fm.height()
        if self.width() > 0 and self.height() > 0:
            factor = min(1.0, self.width() / need_w, self.height() / need_h)
            size = max(self._base.pointSizeF() * 2, size * factor)
        if abs(size - self.font().pointSizeF()) > 0.25:
            f.setPointSizeF(size)
            self.setFont(f)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationFontChange:
            parent = self.parentWidget()
            self._base = QFont(parent.font() if parent is not None else QApplication.font())
            self.setMinimumHeight(round(QFontMetricsF(self._base).height() * 2.5))
            self._fit()
        super().changeEvent(event)

    def show_seconds(self, seconds: float | None) -> None:
        text = "—" if seconds is None else format_clock(seconds)
        if text != self.text():
            self.setText(text)
