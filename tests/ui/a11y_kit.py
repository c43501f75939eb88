"""Accessibility audit for a live window: names, Tab reachability, visible focus.

What counts (decided here, used by tests/ui/test_a11y_walk.py):
- An *interactive* widget is a visible, enabled control of a kind a person
  operates (buttons, edits, combo/spin boxes, sliders, item views, tab bars,
  calendars) or any other widget that takes Tab focus itself (custom controls
  such as the pain scale). Parts Qt builds inside a compound control (the line
  edit in a spin box, the view in a combo box, the navigation bar and table of
  a calendar, a scroll area's viewport) belong to that control and are not
  counted separately.
- Its *name* is what a screen reader gets: the accessibility interface's
  Text.Name. Qt fills that from setAccessibleName, else from the visible text
  (buttons, tabs, check boxes), else from a QLabel buddy. It must not be empty.
- *Reachable*: walking focusNextChild from the first focus widget until it
  comes back visits it (an exclusive set of radio buttons is one stop: Tab
  reaches the set, arrows move inside it). Controls that take no keyboard focus on purpose (mouse
  helpers whose job a key does too, Qt.NoFocus) are not counted; click-only
  focus is a failure.
- *Visible focus*: the control drawn with focus differs from the same control
  drawn without it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

CONTROL_TYPES: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QAbstractItemView,
    QTabBar,
    QCalendarWidget,
)
COMPOUND: tuple[type[QWidget], ...] = (QAbstractSpinBox, QComboBox, QCalendarWidget)


def _inside_compound(w: QWidget, root: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not root.window().parentWidget():
        if isinstance(p, COMPOUND):
            return True
        if p is root:
            return False
        p = p.parentWidget()
    return False


def takes_tab(w: QWidget) -> bool:
    return bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus) and w.focusProxy() is None


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """Visible, enabled controls under `root` (the root's window included), per the rules above."""
    out: list[QWidget] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or not w.isEnabled() or w.window() is not root.window():
            continue
        if isinstance(w, QTabWidget):
            continue  # its QTabBar is the control
        if isinstance(w, QScrollBar) and not takes_tab(w):
            continue  # scroll bars belong to their area; the keyboard scrolls the area
        if _inside_compound(w, root):
            continue
        is_control = isinstance(w, CONTROL_TYPES)
        if is_control and w.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue  # deliberately mouse-only (a key does the same job)
        if not is_control and not takes_tab(w):
            continue
        if not is_control and isinstance(w, QAbstractScrollArea):
            continue
        out.append(w)
    return out


def accessible_name(w: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(w)
    if iface is None:
        return ""
    return (iface.text(QAccessible.Text.Name) or "").strip()


def describe(w: QWidget) -> str:
    text = ""
    if isinstance(w, QAbstractButton):
        text = w.text()
    return f"{type(w).__name__}(objectName={w.objectName()!r}, text={text!r}, parent={type(w.parentWidget()).__name__})"


def unnamed(widgets: list[QWidget]) -> list[str]:
    return [describe(w) for w in widgets if not accessible_name(w)]


def tab_walk(window: QWidget, limit: int = 400) -> list[QWidget]:
    """Every widget focusNextChild visits from the current focus until it comes back."""
    start = QApplication.focusWidget()
    if start is None or start.window() is not window:
        window.focusNextChild()
        start = QApplication.focusWidget()
    assert start is not None, "nothing in the window takes focus"
    seen: list[QWidget] = [start]
    for _ in range(limit):
        # The window's own walk: an item view's Tab moves between its cells first
        # (standard Qt; Tab leaves after the last cell, Ctrl+Tab at once).
        window.focusNextChild()
        now = QApplication.focusWidget()
        if now is None or now is start or now in seen:
            break
        seen.append(now)
    return seen


def _focus_target(w: QWidget) -> QWidget:
    proxy = w.focusProxy()
    while proxy is not None:
        w = proxy
        proxy = w.focusProxy()
    return w


def _radio_group(w: QWidget) -> list[QWidget]:
    """An exclusive set of radio buttons is one Tab stop (arrows move inside it)."""
    if not isinstance(w, QRadioButton):
        return [w]
    group = w.group()
    if group is not None and group.exclusive():
        return list(group.buttons())
    parent = w.parentWidget()
    if w.autoExclusive() and parent is not None:
        return [
            b
            for b in parent.findChildren(QRadioButton)
            if b.autoExclusive() and b.parentWidget() is parent and b.group() is None
        ]
    return [w]


def unreachable(window: QWidget, widgets: list[QWidget]) -> list[str]:
    walked = {id(_focus_target(w)) for w in tab_walk(window)}
    return [
        describe(w)
        for w in widgets
        if not any(id(_focus_target(m)) in walked for m in _radio_group(w))
    ]


def _grab(w: QWidget) -> QImage:
    return w.grab().toImage()


def _focus_is(w: QWidget, wanted: bool) -> Callable[[], bool]:
    return lambda: w.hasFocus() == wanted


def focus_invisible(qtbot: QtBot, widgets: list[QWidget]) -> list[str]:
    """Controls that look the same with and without focus."""
    bad: list[str] = []
    for w in widgets:
        w.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(_focus_is(w, True), timeout=1000)
        focused = _grab(w)
        w.clearFocus()
        qtbot.waitUntil(_focus_is(w, False), timeout=1000)
        plain = _grab(w)
        if focused == plain:
            bad.append(describe(w))
    return bad


def audit(qtbot: QtBot, root: QWidget, *, focus: bool = True) -> dict[str, list[str]]:
    """Every problem found on what `root` shows now (empty lists when all is well)."""
    window = root.window()
    widgets = interactive_widgets(root)
    assert widgets, f"no controls found under {type(root).__name__}"
    problems = {
        "unnamed": unnamed(widgets),
        "unreachable": unreachable(window, widgets),
        "focus invisible": focus_invisible(qtbot, widgets) if focus else [],
    }
    return {k: v for k, v in problems.items() if v}
