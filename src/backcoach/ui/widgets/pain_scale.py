"""The 0–10 pain scale: eleven large buttons, driven by digits, Up/Down and +/−."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

# The chosen number must stand out at a glance: filled with the palette's highlight.
CHECKED_STYLE = (
    "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border: 2px solid palette(text); }"
)


class PainScale(QFrame):
    """value is None until chosen. Digits 0–9 set it; Up/+ and Down/− move by one."""

    value_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Pain from 0 to 10"))
        self.setAccessibleDescription(
            self.tr("0 is no pain, 10 the worst imaginable. Type a digit, or use Up and Down.")
        )
        self._value: int | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWidth(2)
        self.setStyleSheet(CHECKED_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        self.buttons: list[QPushButton] = []
        for n in range(11):
            b = QPushButton(str(n))
            b.setCheckable(True)
            b.setFont(big)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setMinimumHeight(int(b.fontMetrics().height() * 2.0))
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance("10") + 16)
            b.setAccessibleName(self.tr("Pain {0}").format(n))
            self.group.addButton(b, n)
            self.buttons.append(b)
            row.addWidget(b)
        outer.addLayout(row)
        ends = QHBoxLayout()
        low = QLabel(self.tr("0 = no pain"))
        high = QLabel(self.tr("10 = worst imaginable"))
        self.readout = QLabel()
        self.readout.setFont(big)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ends.addWidget(low)
        ends.addStretch(1)
        ends.addWidget(self.readout)
        ends.addStretch(1)
        ends.addWidget(high)
        outer.addLayout(ends)
        self.group.idClicked.connect(self.set_value)

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int) -> None:
        value = max(0, min(10, int(value)))
        self.buttons[value].setChecked(True)
        if value != self._value:
            self._value = value
            self.readout.setText(self.tr("Your answer: {0}").format(value))
            self.setAccessibleDescription(self.tr("Pain {0} of 10").format(value))
            self.value_changed.emit(value)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setFrameShape(QFrame.Shape.Box)  # visible focus
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setFrameShape(QFrame.Shape.NoFrame)
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.set_value(int(text))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Plus, Qt.Key.Key_Right) or text == "+":
            self.set_value(0 if self._value is None else self._value + 1)
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Minus, Qt.Key.Key_Left) or text in ("-", "−"):
            self.set_value(0 if self._value is None else self._value - 1)
        else:
            super().keyPressEvent(event)
