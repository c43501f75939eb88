"""Every window test starts from the same application: what one test changes goes with it.

The QApplication lives for the whole run, so its look (style, palette, font,
style sheet, dynamic properties, UI effects) and the objects parented to it
would otherwise carry from one test to the next, and the next test's result
would depend on the order. After each test: widgets closed by pytest-qt are
really deleted (their `deleteLater` needs an event loop the test may never
run), the history stores the test opened are closed, and the look is put back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.kit import close_opened_stores

EFFECTS = (
    Qt.UIEffect.UI_AnimateMenu,
    Qt.UIEffect.UI_FadeMenu,
    Qt.UIEffect.UI_AnimateCombo,
    Qt.UIEffect.UI_AnimateTooltip,
    Qt.UIEffect.UI_FadeTooltip,
    Qt.UIEffect.UI_AnimateToolBox,
)


def _ours(obj: QObject) -> bool:
    return type(obj).__module__.startswith("backcoach.")


def _property_names(obj: QObject) -> list[str]:
    return [bytes(name.data()).decode() for name in obj.dynamicPropertyNames()]


@pytest.fixture(autouse=True)
def fresh_application(qapp: QApplication) -> Iterator[None]:
    app = qapp
    style, style_name = app.style(), app.style().name()
    palette, font, sheet = QPalette(app.palette()), QFont(app.font()), app.styleSheet()
    properties = {name: app.property(name) for name in _property_names(app)}
    effects = {e: app.isEffectEnabled(e) for e in EFFECTS}
    children = app.children()  # wrappers held: their ids stay theirs
    known = {id(child) for child in children}
    yield
    if app.style() is not style:
        app.setStyle(style_name)  # the app deletes the style it had
    # An Appearance (or any of our objects) left on the app keeps re-applying its look.
    for child in app.children():
        if id(child) not in known and _ours(child):
            child.setParent(None)
            child.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    close_opened_stores()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if app.palette() != palette:
        app.setPalette(palette)
    if app.font() != font:
        app.setFont(font)
    for name in _property_names(app):
        if name not in properties:
            app.setProperty(name, None)  # removes it
    for name, value in properties.items():
        app.setProperty(name, value)
    for effect, enabled in effects.items():
        app.setEffectEnabled(effect, enabled)
    # No API lists the installed translators: a leftover one shows as translated English.
    assert QCoreApplication.translate("MainWindow", "&File") == "&File", "a translator was left"
