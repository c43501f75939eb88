"""A calendar of several months showing done, partial and missed days at a glance.

Each day is a shape as well as a colour, so it reads without colour vision and
in any theme: done = filled disc, partial = thick ring, missed = thin dashed
ring, rest = the plain day number. Colours come from the palette. Keyboard:
Left / Right (or Page Up / Page Down) show earlier / later months; the
accessible description lists each month's counts for screen readers.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.core.log.stats import DayState


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


class CalendarView(QWidget):
    """`months` months side by side, the last one containing `end`."""

    months_changed = Signal()

    def __init__(self, months: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months = months
        self._states: dict[date, DayState] = {}
        today = date.today()
        self._last = (today.year, today.month)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Adherence calendar"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setToolTip(
            self.tr(
                "Filled: done. Thick ring: partial. Dashed ring: missed. Left and Right arrows: other months."
            )
        )

    # --- data ------------------------------------------------------------------
    def set_states(self, states: Mapping[date, DayState], end: date) -> None:
        self._states = dict(states)
        self._last = (end.year, end.month)
        self._describe()
        self.update()

    def shown_months(self) -> list[tuple[int, int]]:
        y, m = self._last
        return [add_months(y, m, -i) for i in range(self._months - 1, -1, -1)]

    def first_shown_day(self) -> date:
        y, m = self.shown_months()[0]
        return date(y, m, 1)

    def last_shown_day(self) -> date:
        y, m = self._last
        return date(y, m, calendar.monthrange(y, m)[1])

    def month_counts(self, year: int, month: int) -> dict[DayState, int]:
        counts = dict.fromkeys(DayState, 0)
        for day in range(1, calendar.monthrange(year, month)[1] + 1):
            st = self._states.get(date(year, month, day))
            if st is not None:
                counts[st] += 1
        return counts

    def _describe(self) -> None:
        parts = []
        for y, m in self.shown_months():
            c = self.month_counts(y, m)
            parts.append(
                self.tr("{0}: {1} done, {2} partial, {3} missed").format(
                    date(y, m, 1).strftime("%B %Y"),
                    c[DayState.DONE],
                    c[DayState.PARTIAL],
                    c[DayState.MISSED],
                )
            )
        self.setAccessibleDescription("; ".join(parts))

    def shift(self, months: int) -> None:
        self._last = add_months(*self._last, months)
        self._describe()
        self.update()
        self.months_changed.emit()

    # --- input -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.shift(-1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.shift(1)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- painting --------------------------------------------------------------
    def _cell(self) -> float:
        return self.fontMetrics().height() * 1.7

    def sizeHint(self) -> QSize:
        cell = self._cell()
        return QSize(int(cell * 7.6 * self._months), int(cell * 9.3))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        cell = self._cell()
        month_w = cell * 7.6
        weekday_names = [calendar.day_abbr[i][:2] for i in range(7)]
        title_font = self.font()
        title_font.setBold(True)
        for mi, (y, m) in enumerate(self.shown_months()):
            x0 = mi * month_w
            p.setPen(text)
            p.setFont(title_font)
            p.drawText(
                QRectF(x0, 0, cell * 7, cell),
                int(Qt.AlignmentFlag.AlignCenter),
                date(y, m, 1).strftime("%B %Y"),
            )
            p.setFont(self.font())
            p.setPen(muted)
            for wd, name in enumerate(weekday_names):
                p.drawText(
                    QRectF(x0 + wd * cell, cell, cell, cell * 0.8),
                    int(Qt.AlignmentFlag.AlignCenter),
                    name,
                )
            first_wd = date(y, m, 1).weekday()
            for day in range(1, calendar.monthrange(y, m)[1] + 1):
                slot = first_wd + day - 1
                r = QRectF(x0 + (slot % 7) * cell, cell * 1.8 + (slot // 7) * cell, cell, cell)
                st = self._states.get(date(y, m, day), DayState.REST)
                self._mark(p, r, st, str(day))
        # Legend under the months.
        ly = cell * 1.8 + 6 * cell + cell * 0.2
        x = 0.0
        p.setFont(self.font())
        for st, label in (
            (DayState.DONE, self.tr("done")),
            (DayState.PARTIAL, self.tr("partial")),
            (DayState.MISSED, self.tr("missed")),
        ):
            self._mark(p, QRectF(x, ly, cell, cell), st, "")
            p.setPen(text)
            w = self.fontMetrics().horizontalAdvance(label) + cell * 0.6
            p.drawText(
                QRectF(x + cell * 1.1, ly, w, cell),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                label,
            )
            x += cell * 1.1 + w
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        p.end()

    def _mark(self, p: QPainter, r: QRectF, st: DayState, label: str) -> None:
        pal = self.palette()
        accent = pal.color(QPalette.ColorRole.Highlight)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        radius = r.height() * 0.42
        c = r.center()
        pen_text = pal.color(QPalette.ColorRole.WindowText)
        if st is DayState.DONE:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(accent)
            p.drawEllipse(c, radius, radius)
            pen_text = pal.color(QPalette.ColorRole.HighlightedText)
        elif st is DayState.PARTIAL:
            p.setPen(QPen(accent, max(r.height() * 0.09, 1.5)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(c, radius * 0.92, radius * 0.92)
        elif st is DayState.MISSED:
            p.setPen(QPen(muted, 1.2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(c, radius, radius)
        else:
            pen_text = muted
        if label:
            p.setPen(pen_text)
            p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), label)
