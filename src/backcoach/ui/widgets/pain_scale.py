"""The 0–10 pain scale: eleven large buttons, driven by digits, Up/Down and +/−."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetricsF, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcoach.ui.widgets.plain import PlainLabel

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
        self.buttons: list[QPushButton] = []
        for n in range(11):
            b = QPushButton(str(n))
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setAccessibleName(self.tr("Pain {0}").format(n))
            self.group.addButton(b, n)
            self.buttons.append(b)
            row.addWidget(b)
        outer.addLayout(row)
        ends = QHBoxLayout()
        low = PlainLabel(self.tr("0 = no pain"))
        high = PlainLabel(self.tr("10 = worst imaginable"))
        high.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for end in (low, high):
            end.setWordWrap(True)
            ends.addWidget(end, 1)
        outer.addLayout(ends)
        # On its own line under the scale: beside the end labels it had no room at
        # 200 % text and was drawn over the buttons.
        self.readout = PlainLabel()
        self.readout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.readout.setWordWrap(True)
        outer.addWidget(self.readout)
        self._fitting = False
        for w in (*self.buttons, self.readout):
            # theme.apply_text_scale rescales explicit fonts itself: size them again.
            w.installEventFilter(self)
        self._fit_buttons()
        self.group.idClicked.connect(self.set_value)

    def _fit_buttons(self) -> None:
        """Digits 1.8x the text size, smaller (down to 1.1x) when eleven of them would
        not fit the width; the heights follow the chosen font."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit_fonts()
        finally:
            self._fitting = False

    def _fit_fonts(self) -> None:
        base = QFont(QApplication.font())
        base_size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        readout = QFont(base)
        readout.setPointSizeF(base_size * 1.3)
        readout.setBold(True)
        self.readout.setFont(readout)
        width = self.contentsRect().width() - 12 - 6 * 10  # margins and spacing
        size = base_size * 1.8
        big = QFont(base)
        big.setBold(True)
        while True:
            big.setPointSizeF(size)
            need = QFontMetricsF(big).horizontalAdvance("10") + 28
            if width <= 0 or need * 11 <= width or size <= base_size * 1.1:
                break
            size *= 0.95
        fm = QFontMetricsF(big)
        for b in self.buttons:
            if abs(b.font().pointSizeF() - size) > 0.1:
                b.setFont(big)
            b.setMinimumHeight(round(fm.height() * 2.0))
            b.setMinimumWidth(round(fm.horizontalAdvance("10") + 28))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self._fit_buttons()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_buttons()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self._fit_buttons()

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
