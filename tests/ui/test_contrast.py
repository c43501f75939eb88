"""WCAG contrast of every theme palette, computed from the QPalette itself."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from backcoach.ui.theme import PALETTE_THEMES, make_palette

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

TEXT_PAIRS = (
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.PlaceholderText, Role.Base),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
    (Role.WindowText, Role.AlternateBase),  # the notice bar
)


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance."""
    r, g, b = (_channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast(QColor("#000"), QColor("#fff")) == pytest.approx(21.0)
    assert contrast(QColor("#777"), QColor("#fff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", PALETTE_THEMES)
def test_text_contrast_meets_wcag(theme: str) -> None:
    pal = make_palette(theme)
    need = 7.0 if theme == "high-contrast" else 4.5
    for group in (Group.Active, Group.Inactive):
        for fg, bg in TEXT_PAIRS:
            ratio = contrast(pal.color(group, fg), pal.color(group, bg))
            assert ratio >= need, f"{theme}: {fg.name} on {bg.name} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", PALETTE_THEMES)
def test_disabled_text_stays_readable(theme: str) -> None:
    """Disabled text (used for hints too) keeps 4.5:1; WCAG only asks nothing of it."""
    pal = make_palette(theme)
    for fg, bg in ((Role.WindowText, Role.Window), (Role.Text, Role.Base)):
        ratio = contrast(pal.color(Group.Disabled, fg), pal.color(Group.Disabled, bg))
        assert ratio >= 4.5, f"{theme}: disabled {fg.name} is {ratio:.2f}:1"
    assert pal.color(Group.Disabled, Role.WindowText) != pal.color(Group.Active, Role.WindowText)


@pytest.mark.parametrize("theme", PALETTE_THEMES)
def test_focus_ring_and_edges_are_visible(theme: str) -> None:
    """Non-text contrast (WCAG 1.4.11): the focus ring and control edges at least 3:1."""
    pal = make_palette(theme)
    for bg in (Role.Window, Role.Base, Role.Button):
        assert contrast(pal.color(Role.Highlight), pal.color(bg)) >= 3.0, (theme, bg.name)
        assert contrast(pal.color(Role.Mid), pal.color(bg)) >= 3.0, (theme, bg.name)


def test_themes_differ() -> None:
    windows = {make_palette(t).color(Role.Window).name() for t in PALETTE_THEMES}
    assert len(windows) == len(PALETTE_THEMES)
