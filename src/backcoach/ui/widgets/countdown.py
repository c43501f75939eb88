"""The countdown: huge tabular digits readable from a mat across the room."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

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
    """Shows seconds as 0:25 / 1:30; text for self-paced sets. Silent for screen readers."""

    def __init__(self, parent: QWidget | None = None, scale: float = COUNTDOWN_SCALE) -> None:
        super().__init__(parent)
        self.scale = scale
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Time left"))
        self._apply_font()

    def _apply_font(self) -> None:
        parent = self.parentWidget()
        base = QFont(parent.font() if parent is not None else self.font())
        f = tabular(base)
        f.setPointSizeF(base.pointSizeF() * self.scale)
        f.setBold(True)
        self.setFont(f)

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._apply_font()

    def show_seconds(self, seconds: float | None) -> None:
        text = "—" if seconds is None else format_clock(seconds)
        if text != self.text():
            self.setText(text)
