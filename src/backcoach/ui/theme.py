"""Themes and text size: palettes (light, dark, high contrast, or following the system),
the text scale applied to every font, and a stylesheet that draws a clear focus ring.

Every palette here is checked for WCAG contrast by tests/ui/test_contrast.py (text at
least 4.5:1, high contrast at least 7:1), so "follow the system" picks one of them by
the system's colour scheme and contrast preference rather than trusting whatever
colours the desktop offers. The Fusion style is used so palettes apply everywhere.

Nothing is kept at module level: what a running app needs to remember (the base
font size) lives as a property on the QApplication itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from backcoach.core.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

BASE_POINT_SIZE_PROPERTY = "backcoach_base_point_size"
"""The QApplication property holding the font size that 100 % text means."""

_ROLE_OF: Mapping[str, Role] = {
    "window": Role.Window,
    "window_text": Role.WindowText,
    "base": Role.Base,
    "alternate_base": Role.AlternateBase,
    "text": Role.Text,
    "placeholder": Role.PlaceholderText,
    "button": Role.Button,
    "button_text": Role.ButtonText,
    "highlight": Role.Highlight,
    "highlighted_text": Role.HighlightedText,
    "bright_text": Role.BrightText,
    "light": Role.Light,
    "midlight": Role.Midlight,
    "mid": Role.Mid,
    "dark": Role.Dark,
    "shadow": Role.Shadow,
    "link": Role.Link,
    "link_visited": Role.LinkVisited,
    "tooltip_base": Role.ToolTipBase,
    "tooltip_text": Role.ToolTipText,
    "accent": Role.Accent,
}

# Calm colours: no pure white on black except in high contrast (glare for light-
# sensitive eyes), a soft blue for selection and focus. Contrast is tested.
COLOURS: Mapping[str, Mapping[str, str]] = {
    "light": {
        "window": "#f4f3ef",
        "window_text": "#1d1d1b",
        "base": "#ffffff",
        "alternate_base": "#e9e7e1",
        "text": "#1a1a1a",
        "placeholder": "#5c5c5c",
        "button": "#e6e4de",
        "button_text": "#1a1a1a",
        "highlight": "#1c5a9e",
        "highlighted_text": "#ffffff",
        "bright_text": "#000000",
        "light": "#ffffff",
        "midlight": "#d9d7d0",
        "mid": "#7a7873",
        "dark": "#5f5d58",
        "shadow": "#3a3935",
        "link": "#1a4f8c",
        "link_visited": "#5b3a8a",
        "tooltip_base": "#fffbe6",
        "tooltip_text": "#1a1a1a",
        "disabled_text": "#5f5f5c",
        "accent": "#1c5a9e",
    },
    "dark": {
        "window": "#1e1f22",
        "window_text": "#e4e4e2",
        "base": "#26272b",
        "alternate_base": "#2f3035",
        "text": "#e6e6e4",
        "placeholder": "#a9a9a6",
        "button": "#33353a",
        "button_text": "#e6e6e4",
        "highlight": "#8db8ea",
        "highlighted_text": "#101114",
        "bright_text": "#ffffff",
        "light": "#4a4c52",
        "midlight": "#3c3e44",
        "mid": "#8a8d94",
        "dark": "#15161a",
        "shadow": "#000000",
        "link": "#8fbcef",
        "link_visited": "#c3a6ea",
        "tooltip_base": "#33353a",
        "tooltip_text": "#e6e6e4",
        "disabled_text": "#a2a29f",
        "accent": "#8db8ea",
    },
    "high-contrast": {
        "window": "#000000",
        "window_text": "#ffffff",
        "base": "#000000",
        "alternate_base": "#1a1a1a",
        "text": "#ffffff",
        "placeholder": "#d6d6d6",
        "button": "#000000",
        "button_text": "#ffffff",
        "highlight": "#ffe600",
        "highlighted_text": "#000000",
        "bright_text": "#ffffff",
        "light": "#ffffff",
        "midlight": "#bdbdbd",
        "mid": "#ffffff",
        "dark": "#ffffff",
        "shadow": "#ffffff",
        "link": "#8fd0ff",
        "link_visited": "#e0b3ff",
        "tooltip_base": "#000000",
        "tooltip_text": "#ffffff",
        "disabled_text": "#c8c8c8",
        "accent": "#ffe600",
    },
}

PALETTE_THEMES: tuple[str, ...] = tuple(COLOURS)
"""The themes with their own palette ("system" picks one of these)."""


def make_palette(theme: str) -> QPalette:
    """The QPalette for a palette theme ("light", "dark" or "high-contrast")."""
    colours = COLOURS[theme]
    pal = QPalette()
    for name, role in _ROLE_OF.items():
        colour = QColor(colours[name])
        for group in (Group.Active, Group.Inactive, Group.Disabled):
            pal.setColor(group, role, colour)
    disabled = QColor(colours["disabled_text"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        pal.setColor(Group.Disabled, role, disabled)
    # A disabled selection keeps readable text on a muted background.
    pal.setColor(Group.Disabled, Role.Highlight, QColor(colours["mid"]))
    pal.setColor(Group.Disabled, Role.HighlightedText, QColor(colours["window"]))
    return pal


def theme_for_system(scheme: Qt.ColorScheme, contrast: Qt.ContrastPreference | None) -> str:
    """The palette theme matching a system colour scheme and contrast preference."""
    from PySide6.QtCore import Qt

    if contrast == Qt.ContrastPreference.HighContrast:
        return "high-contrast"
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def system_theme(app: QGuiApplication | None = None) -> str:
    """The palette theme that matches the system: high contrast, dark, or light."""
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is None:
        return "light"
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)  # Qt >= 6.10
    contrast = accessibility().contrastPreference() if accessibility is not None else None
    return theme_for_system(hints.colorScheme(), contrast)


def resolve_theme(theme: str, app: QGuiApplication | None = None) -> str:
    """ "system" -> the matching palette theme; anything unknown -> light."""
    if theme == "system":
        return system_theme(app)
    return theme if theme in COLOURS else "light"


def focus_stylesheet(theme: str) -> str:
    """A visible focus ring (3 px in the highlight colour) on every kind of control.

    The normal border is thinner and the padding makes up the difference, so the
    focused control does not shift. High contrast draws thicker normal borders.
    Spin boxes and time edits are left to the style (a border here would make Qt
    draw their up/down buttons blank): ScalingStyle draws their focus ring.
    """
    edge = 2 if theme == "high-contrast" else 1
    ring = 3
    pad = ring - edge
    return f"""
QPushButton, QToolButton {{
    background-color: palette(button);
    color: palette(button-text);
    border: {edge}px solid palette(mid);
    border-radius: 6px;
    padding: {4 + pad}px {12 + pad}px;
}}
QPushButton:hover, QToolButton:hover {{ background-color: palette(midlight); }}
QPushButton:pressed, QToolButton:pressed, QPushButton:checked, QToolButton:checked {{
    background-color: palette(alternate-base);
}}
QPushButton:default {{ border-color: palette(window-text); }}
QPushButton:disabled, QToolButton:disabled {{ border-style: dashed; }}
QPushButton:focus, QToolButton:focus {{
    border: {ring}px solid palette(highlight);
    padding: 4px 12px;
}}
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView, QKeySequenceEdit {{
    border: {edge}px solid palette(mid);
    border-radius: 4px;
    padding: {pad}px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,
QAbstractItemView:focus {{
    border: {ring}px solid palette(highlight);
    padding: 0px;
}}
QCheckBox, QRadioButton, QSlider, QGroupBox::title {{
    border: {ring}px solid transparent;
    border-radius: 4px;
    padding: 2px;
}}
QCheckBox:focus, QRadioButton:focus, QSlider:focus {{
    border: {ring}px solid palette(highlight);
}}
QTabBar::tab:focus {{ text-decoration: underline; }}
"""


def base_point_size(app: QApplication) -> float:
    """The font size 100 % means: the app's font when first themed (remembered on the app)."""
    stored = app.property(BASE_POINT_SIZE_PROPERTY)
    if isinstance(stored, int | float) and stored > 0:
        return float(stored)
    size = app.font().pointSizeF()
    if size <= 0:
        size = 10.0
    app.setProperty(BASE_POINT_SIZE_PROPERTY, size)
    return size


def apply_text_scale(app: QApplication, percent: int) -> None:
    """Scale the app font to `percent` of its base, and every font set explicitly with it.

    Pages derive big fonts from their widget's font when they are built; those
    are explicit fonts, so they are scaled by the same ratio here, which makes a
    change apply at once to what is already on screen.
    """
    base = base_point_size(app)
    percent = min(200, max(100, percent))
    old = app.font().pointSizeF()
    new = base * percent / 100
    if old <= 0 or abs(new - old) < 0.01:
        return
    ratio = new / old
    font = QFont(app.font())
    font.setPointSizeF(new)
    app.setFont(font)
    widgets = app.allWidgets()
    if not widgets:  # before any window (the app's start-up): Qt's enums not needed
        return
    from PySide6.QtCore import Qt

    for widget in widgets:
        if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            # QApplication only tells widgets once exec() runs; tell them now.
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationFontChange))
            continue
        f = QFont(widget.font())
        if f.pointSizeF() > 0:
            f.setPointSizeF(f.pointSizeF() * ratio)
            widget.setFont(f)
        elif f.pixelSize() > 0:
            f.setPixelSize(max(1, round(f.pixelSize() * ratio)))
            widget.setFont(f)


def apply_reduced_motion(app: QApplication, reduced: bool) -> None:
    """No animated menus, combo boxes or tool tips when reduced motion is on."""
    from PySide6.QtCore import Qt

    for effect in (
        Qt.UIEffect.UI_AnimateMenu,
        Qt.UIEffect.UI_FadeMenu,
        Qt.UIEffect.UI_AnimateCombo,
        Qt.UIEffect.UI_AnimateTooltip,
        Qt.UIEffect.UI_FadeTooltip,
        Qt.UIEffect.UI_AnimateToolBox,
    ):
        app.setEffectEnabled(effect, not reduced)


def apply_theme(app: QApplication, theme: str, *, style: bool = True) -> str:
    """Set the style, palette and focus stylesheet for `theme`; returns the palette theme used.

    `style=False` sets the palette only, leaving the style as it is (Fusion, from
    make_application's "-style Fusion") and no stylesheet yet: for the app's first
    paint, a window with its menu bar and no control the stylesheet has a rule
    for, which looks the same; ScalingStyle (its Python class alone costs the
    start-up several milliseconds) and the stylesheet come with
    `Appearance.complete()` right after.
    """
    resolved = resolve_theme(theme, app)
    if style:
        from backcoach.ui.scaling_style import install_scaling_style

        install_scaling_style(app, base_point_size(app), 2 if resolved == "high-contrast" else 1)
    app.setPalette(make_palette(resolved))
    if style:
        # palette(...) in a stylesheet is resolved when it is set: set it again each time.
        app.setStyleSheet(focus_stylesheet(resolved))
    return resolved


class Appearance(QObject):
    """Keeps the app's look in step with the settings (and the system, for "system").

    Made once in run_app (or a test) and given the settings; listens to nothing
    itself except the system's colour scheme: call `apply(settings)` on
    `settings_changed`.
    """

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        *,
        complete: bool = True,
        system_hint: str | None = None,
    ) -> None:
        """`complete=False`: the palette and text size now, the rest with `complete()`;
        until then a "system" theme shows as `system_hint` (the system's palette theme
        as last seen) when one is given, without asking the system."""
        super().__init__(app)
        self.app = app
        self.settings = settings
        self.theme = ""
        self.following_system = False
        base_point_size(app)
        if complete:
            self.complete()
        else:
            first: str = settings.theme
            if first == "system" and system_hint in PALETTE_THEMES:
                first = system_hint
            self.theme = apply_theme(app, first, style=False)
            apply_text_scale(app, settings.text_scale)

    def apply(self, settings: object) -> None:
        if not isinstance(settings, Settings):
            return
        self.settings = settings
        self.theme = apply_theme(self.app, settings.theme)
        apply_text_scale(self.app, settings.text_scale)
        apply_reduced_motion(self.app, settings.reduced_motion)

    def complete(self) -> None:
        """All of the settings' look: the style and stylesheet, the system's own theme
        for "system" (if it changed since `system_hint`, the window changes with it)
        and reduced motion; from now on the system's changes are followed too."""
        self.apply(self.settings)
        if self.following_system:
            return
        self.following_system = True
        hints = self.app.styleHints()
        hints.colorSchemeChanged.connect(self._system_changed)
        accessibility = getattr(hints, "accessibility", None)  # Qt >= 6.10
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(self._system_changed)

    def _system_changed(self, *_: object) -> None:
        if self.settings.theme == "system":
            self.theme = apply_theme(self.app, "system")


def install_appearance(
    app: QApplication,
    settings: Settings,
    *,
    complete: bool = True,
    system_hint: str | None = None,
) -> Appearance:
    """Apply the settings' look now; the returned object re-applies it on request.

    `complete=False` (the app, before its first paint): what the first paint shows now
    (palette, text size; "system" as `system_hint` if given), the style, stylesheet,
    the system's theme and reduced motion with `complete()`.
    """
    return Appearance(app, settings, complete=complete, system_hint=system_hint)


__all__ = [
    "PALETTE_THEMES",
    "Appearance",
    "apply_reduced_motion",
    "apply_text_scale",
    "apply_theme",
    "focus_stylesheet",
    "install_appearance",
    "make_palette",
    "resolve_theme",
    "system_theme",
]
