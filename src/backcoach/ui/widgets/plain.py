"""Text from a file or a person is shown as plain text, never as markup.

A QLabel, a tooltip and a QMessageBox guess: text that looks like HTML (Qt's
mightBeRichText) is rendered as HTML. A routine's title, an exercise's cue, a
safety question, a note or an import's message is the therapist's or the
person's text, so `<b>`, `<img src=...>` or `<a href=...>` in it must show as
typed, not become bold, load a picture or make a link. Every label of the app
is a PlainLabel; a tooltip that holds such text goes through `plain_tooltip`;
message boxes are made by `message_box`. A label that must be rich (none is,
today) escapes what it inserts with html.escape.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

PLAIN = Qt.TextFormat.PlainText


class PlainLabel(QLabel):
    """A QLabel that shows its text as typed (Qt.TextFormat.PlainText)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(PLAIN)


def plain_labels(widget: QWidget) -> None:
    """Make every QLabel below `widget` plain text (for pages built with plain QLabels)."""
    for label in widget.findChildren(QLabel):
        label.setTextFormat(PLAIN)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as typed: tooltips have no text format of their own,
    so it is handed over as HTML with `<`, `>` and `&` escaped."""
    if not text:
        return ""
    return GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox.StandardButton:
    """QMessageBox.warning / information / question, with `text` shown as plain text."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(PLAIN)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
