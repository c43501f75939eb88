"""Small helpers shared by the session pages: big fonts, page-local key bindings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QPainter, QPaintEvent, QPalette, QPen, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

PAGE_MARGINS = (24, 16, 24, 16)
"""Left, top, right, bottom margins of every page (library, routine, check-ins, player,
summary): small enough that the player fits 800x600 at 100 % text without clipping."""

READABLE_CHARS = 66
"""A page's content column is at most this many characters of its body text wide."""


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


class ReadableColumn(QWidget):
    """A column at most READABLE_CHARS characters of body text wide (never narrower
    than what it holds), so long questions and advice keep a readable line length."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(18)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._fit()

    def _fit(self) -> None:
        # Body text is about 1.3x the widget font; the width follows the text size.
        readable = int(self.fontMetrics().averageCharWidth() * 1.3 * READABLE_CHARS)
        width = max(readable, self.column.minimumSize().width())
        if width != self.maximumWidth():
            self.setMaximumWidth(width)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LayoutRequest):
            self._fit()
        return super().event(event)


class PageBody(QWidget):
    """What a page scrolls: as wide as the page, always (no sideways scrolling), so its
    controls shrink or wrap to the width they are given; only the height may grow."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())


class PageScroll(QScrollArea):
    """A frameless, see-through scroll area that never takes the focus itself (Tab
    goes from control to control as before) and scrolls the focused control into view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A control inside that gets the focus (Tab, a shortcut, setFocus) is
        scrolled into view."""
        body = self.widget()
        if new is not None and body is not None and body.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)


class Page(QWidget):
    """A heading and content in a centred, readable column, placed in the upper middle
    of the page (1 part of the spare height above, 2 below), and the page's action
    buttons at the bottom right, where every page keeps its primary button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(*PAGE_MARGINS)
        outer.setSpacing(18)
        # The column scrolls when it is taller than the page (large text in a small
        # window) instead of being squashed; the buttons stay in view below it.
        self.scroll_area = PageScroll()
        body = PageBody()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(0)
        inner.addStretch(1)
        self.content = ReadableColumn()
        # Centred: the column takes the width it may have (up to its maximum) and the
        # two equal stretches on its sides share what is left.
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(self.content, 1000)
        centre.addStretch(1)
        inner.addLayout(centre)
        inner.addStretch(2)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(24)
        self.action_row.addStretch(1)
        outer.addLayout(self.action_row)
        self._outer = inner
        self.column = self.content.column
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # questions come from routine files
        self.heading.setFont(scaled_font(self, 2.0, bold=True))
        self.heading.setWordWrap(True)
        self.column.addWidget(self.heading)

    def fill_height(self) -> None:
        """Let the column take the whole height (a page with a list that should grow)."""
        self._outer.setStretch(0, 0)
        self._outer.setStretch(1, 1)
        self._outer.setStretch(2, 0)
        self.content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def add_action(self, button: QPushButton) -> None:
        """A button in the bottom-right row (added left to right)."""
        self.action_row.addWidget(button)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_focus_ring(self)

    def text_label(self, text: str = "", factor: float = 1.3, *, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)  # advice and notes come from routine files
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
