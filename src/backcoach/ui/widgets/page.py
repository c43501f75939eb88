"""Small helpers shared by the session pages: big fonts, page-local key bindings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QPainter, QPaintEvent, QPalette, QPen, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    """The widget's font times `factor`, so a global text size scales everything."""
    f = QFont(widget.font())
    f.setPointSizeF(f.pointSizeF() * factor)
    f.setBold(bold)
    return f


def paint_focus_ring(widget: QWidget) -> None:
    """A page that holds the focus itself (its keys work anywhere on it) shows a ring.

    Call at the end of the page's paintEvent; nothing is drawn while a child has focus.
    """
    if widget.focusProxy() is not None or not widget.hasFocus():
        return
    painter = QPainter(widget)
    painter.setPen(QPen(widget.palette().color(QPalette.ColorRole.Highlight), 3))
    painter.drawRect(widget.rect().adjusted(1, 1, -2, -2))
    painter.end()


def bind(
    widget: QWidget, keys: str | QKeySequence | Qt.Key, slot: Callable[[], object]
) -> QShortcut:
    """A key that works while focus is anywhere inside `widget` (and only then)."""
    seq = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    sc = QShortcut(seq, widget)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc


def bind_enter(widget: QWidget, slot: Callable[[], object]) -> list[QShortcut]:
    return [bind(widget, Qt.Key.Key_Return, slot), bind(widget, Qt.Key.Key_Enter, slot)]


class Page(QWidget):
    """A centred column with a heading, generous margins and room to breathe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.setSpacing(18)
        self.column = outer
        self.heading = QLabel()
        self.heading.setFont(scaled_font(self, 2.0, bold=True))
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_focus_ring(self)

    def text_label(self, text: str = "", factor: float = 1.3, *, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setFont(scaled_font(self, factor, bold=bold))
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def big_button(self, text: str, accessible: str, factor: float = 1.3) -> QPushButton:
        b = QPushButton(text)
        b.setFont(scaled_font(self, factor, bold=True))
        b.setAccessibleName(accessible)
        b.setMinimumHeight(int(b.fontMetrics().height() * 2.2))
        b.setMinimumWidth(b.fontMetrics().horizontalAdvance(text) + 48)
        return b
