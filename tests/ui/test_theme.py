"""Themes, text size and the focus ring, applied to a live QApplication (then restored)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.settings import Settings
from backcoach.ui.theme import (
    BASE_POINT_SIZE_PROPERTY,
    Appearance,
    apply_text_scale,
    apply_theme,
    make_palette,
    resolve_theme,
    theme_for_system,
)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test QApplication, with its look put back afterwards."""
    palette, font, sheet = QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet()
    style = (type(qapp.style()), qapp.style().name())
    yield qapp
    if type(qapp.style()) is not style[0]:  # apply_theme installs its own (scaling) style
        qapp.setStyle(style[1])
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setProperty(BASE_POINT_SIZE_PROPERTY, None)


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_apply_theme_sets_palette(app: QApplication, qtbot: QtBot, theme: str) -> None:
    assert apply_theme(app, theme) == theme
    want = make_palette(theme).color(QPalette.ColorRole.Window)
    label = QLabel("x")
    qtbot.addWidget(label)
    assert label.palette().color(QPalette.ColorRole.Window) == want
    assert ":focus" in app.styleSheet()


def test_unknown_and_system_themes_resolve(app: QApplication) -> None:
    assert resolve_theme("nonsense", app) == "light"
    assert resolve_theme("system", app) in ("light", "dark", "high-contrast")


def test_system_theme_follows_scheme_and_contrast() -> None:
    assert theme_for_system(Qt.ColorScheme.Dark, None) == "dark"
    assert theme_for_system(Qt.ColorScheme.Light, None) == "light"
    assert theme_for_system(Qt.ColorScheme.Unknown, None) == "light"
    high = Qt.ContrastPreference.HighContrast
    assert theme_for_system(Qt.ColorScheme.Light, high) == "high-contrast"
    assert theme_for_system(Qt.ColorScheme.Dark, Qt.ContrastPreference.NoPreference) == "dark"


def test_text_scale_scales_app_and_explicit_fonts(app: QApplication, qtbot: QtBot) -> None:
    base = app.font().pointSizeF()
    page = QWidget()
    qtbot.addWidget(page)
    big = QLabel("Big", page)
    f = QFont(big.font())
    f.setPointSizeF(base * 3)
    big.setFont(f)
    plain = QLabel("plain", page)
    apply_text_scale(app, 200)
    assert app.font().pointSizeF() == pytest.approx(base * 2)
    assert plain.font().pointSizeF() == pytest.approx(base * 2)
    assert big.font().pointSizeF() == pytest.approx(base * 6)
    apply_text_scale(app, 150)
    assert big.font().pointSizeF() == pytest.approx(base * 4.5)
    apply_text_scale(app, 999)  # clamped to 200 %
    assert app.font().pointSizeF() == pytest.approx(base * 2)
    apply_text_scale(app, 100)
    assert big.font().pointSizeF() == pytest.approx(base * 3)


def test_appearance_follows_settings(app: QApplication) -> None:
    base = app.font().pointSizeF()
    look = Appearance(app, Settings(theme="dark", text_scale=120))
    assert look.theme == "dark"
    assert app.font().pointSizeF() == pytest.approx(base * 1.2)
    look.apply(Settings(theme="high-contrast", text_scale=100, reduced_motion=True))
    assert app.palette().color(QPalette.ColorRole.Window) == make_palette("high-contrast").color(
        QPalette.ColorRole.Window
    )
    assert not app.isEffectEnabled(Qt.UIEffect.UI_AnimateCombo)
    look.apply(Settings())
    assert app.font().pointSizeF() == pytest.approx(base)
    look.deleteLater()


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_focus_ring_is_visible(app: QApplication, qtbot: QtBot, theme: str) -> None:
    """A focused control looks different from the same control unfocused, in the highlight."""
    apply_theme(app, theme)
    host = QWidget()
    layout = QVBoxLayout(host)
    button = QPushButton("Start")
    box = QCheckBox("Voice")
    other = QPushButton("Other")
    for w in (button, box, other):
        layout.addWidget(w)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    highlight = host.palette().color(QPalette.ColorRole.Highlight).rgb()
    for widget in (button, box):
        other.setFocus()
        qtbot.waitUntil(lambda: other.hasFocus())
        unfocused = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        focused = widget.grab().toImage()
        assert focused != unfocused
        edge = [focused.pixel(x, focused.height() // 2) for x in range(4)]
        assert highlight in edge, f"{type(widget).__name__}: no focus ring in {theme}"


def test_check_boxes_grow_with_the_text_size(app: QApplication, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QStyle

    from backcoach.core.settings import Settings
    from backcoach.ui.theme import install_appearance

    # `app` puts the look back afterwards: later tests measure layouts at 200 % text
    appearance = install_appearance(app, Settings(text_scale=100))
    metric = QStyle.PixelMetric.PM_IndicatorWidth
    normal = app.style().pixelMetric(metric)
    appearance.apply(Settings(text_scale=200))
    try:
        assert app.style().pixelMetric(metric) >= 2 * normal - 1
    finally:
        appearance.apply(Settings(text_scale=100))
        appearance.deleteLater()
    assert app.style().pixelMetric(metric) == normal
