"""The app's style: Fusion, with check boxes, sliders and scroll bars grown with the text,
and spin boxes framed like line edits.

Its own module: defining a Python QProxyStyle makes PySide build QStyle's
enumerations (several milliseconds), which the window's first paint does not
need; `theme.apply_theme` imports it when it installs the style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOption, QStyleOptionComplex


class ScalingStyle(QProxyStyle):
    """Fusion, with check boxes, radio buttons, sliders and scroll bars grown with the text,
    and spin boxes framed like line edits (border, and the focus ring when focused).

    A 200% text size with 13-pixel check boxes is hard to see and hard to hit;
    these metrics follow the ratio of the app font to its base size.
    """

    SCALED = frozenset(
        {
            QStyle.PixelMetric.PM_IndicatorWidth,
            QStyle.PixelMetric.PM_IndicatorHeight,
            QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
            QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
            QStyle.PixelMetric.PM_ScrollBarExtent,
            QStyle.PixelMetric.PM_SliderThickness,
            QStyle.PixelMetric.PM_SliderLength,
            QStyle.PixelMetric.PM_SliderControlThickness,
        }
    )

    def __init__(self, base: QStyle, base_point_size: float) -> None:
        super().__init__(base)
        self.base_point_size = base_point_size
        self.edge = 1
        """Border width of spin boxes when not focused (2 in high contrast)."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric in self.SCALED and self.base_point_size > 0:
            ratio = QApplication.font().pointSizeF() / self.base_point_size
            if ratio > 1.0:
                value = round(value * ratio)
        return value

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_SpinBox and getattr(option, "frame", True):
            from PySide6.QtCore import QRectF, Qt
            from PySide6.QtGui import QPainter, QPen

            # The same border and 3 px focus ring the stylesheet gives line edits.
            focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
            ring = 3 if focused else self.edge
            role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(option.palette.color(role), ring))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = ring / 2
            painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 4, 4)
            painter.restore()


def installed_scaling_style(app: QApplication) -> ScalingStyle | None:
    """`app`'s ScalingStyle, if it has one.

    With a stylesheet set, `app.style()` is Qt's style-sheet style drawn over
    ours; ours is then found as the application's child (the application owns
    its style and deletes the one a new style replaces).
    """
    style = app.style()
    if isinstance(style, ScalingStyle):
        return style
    found = app.findChildren(ScalingStyle)
    return found[0] if found else None


def install_scaling_style(app: QApplication, base_point_size: float, edge: int) -> None:
    """Make `app`'s style a ScalingStyle over Fusion (once); spin boxes get `edge`-pixel borders."""
    style = installed_scaling_style(app)
    if style is None:
        fusion = QStyleFactory.create("Fusion")
        if fusion is None:
            return
        style = ScalingStyle(fusion, base_point_size)
        app.setStyle(style)
    style.edge = edge
