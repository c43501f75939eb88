"""The tray icon: a ring that empties as the next break comes, minutes left inside.

Drawn with QPainter in palette colours on a disc of the palette's base colour,
so the number stays readable on light and dark panels alike. Readable at 22 px:
at most two characters ("45", "2h", "!", "II").
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap

from backcoach.core.breaks import Status

ICON_SIZES = (16, 22, 24, 32, 48, 64)


def minutes_left(seconds: float) -> int:
    """Whole minutes shown for `seconds` left: rounded up, so "1" until the break is due."""
    return max(0, math.ceil(seconds / 60.0 - 1e-9))


def icon_label(status: Status) -> str:
    """The one or two characters drawn inside the ring."""
    if status.state == "due" or status.state == "on-break":
        return "!"
    if status.state == "paused":
        return "II"
    if status.state in ("off-hours", "disabled") or status.seconds_left is None:
        return "–"
    minutes = minutes_left(status.seconds_left)
    if minutes >= 100:
        return f"{math.ceil(minutes / 60)}h"
    return str(minutes)


def icon_fraction(status: Status, interval: float) -> float:
    """How much of the ring is left (1.0 = a whole interval to go)."""
    if status.state == "due" or status.state == "on-break":
        return 1.0
    if status.seconds_left is None or interval <= 0:
        return 0.0
    return max(0.0, min(1.0, status.seconds_left / interval))


def icon_key(status: Status, interval: float) -> tuple[str, str, int]:
    """What the icon shows; redraw only when this changes (at most once a minute)."""
    return (status.state, icon_label(status), round(icon_fraction(status, interval) * 24))


def draw_icon(size: int, label: str, fraction: float, palette: QPalette, *, alert: bool) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    ring = max(2.0, size * 0.11)
    margin = ring / 2 + (0.5 if size <= 24 else size * 0.02)
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)

    accent = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    track = QColor(text)
    track.setAlphaF(0.22)

    # The disc: the label's background, whatever the panel colour.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(accent if alert else base)
    p.drawEllipse(rect.adjusted(-ring / 2, -ring / 2, ring / 2, ring / 2))
    # The track, then what is left of the interval, clockwise from 12 o'clock.
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(track, ring, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    p.drawEllipse(rect)
    if fraction > 0 and not alert:
        p.setPen(QPen(accent, ring, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        p.drawArc(rect, 90 * 16, -round(fraction * 360 * 16))

    font = QFont()
    font.setBold(True)
    inner = size - 2 * ring - 2 * margin
    factor = 0.95 if len(label) <= 1 else 0.86
    font.setPixelSize(max(6, round(inner * factor)))
    p.setFont(font)
    # Shrink until it fits the inner circle's width.
    while p.fontMetrics().horizontalAdvance(label) > inner * 1.12 and font.pixelSize() > 6:
        font.setPixelSize(font.pixelSize() - 1)
        p.setFont(font)
    p.setPen(palette.color(QPalette.ColorRole.HighlightedText) if alert else text)
    center = QPointF(size / 2, size / 2)
    box = QRectF(center.x() - size / 2, center.y() - size / 2, size, size)
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    p.end()
    return pixmap


def make_icon(status: Status, interval: float, palette: QPalette) -> QIcon:
    label = icon_label(status)
    fraction = icon_fraction(status, interval)
    alert = status.state in ("due", "on-break")
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(draw_icon(size, label, fraction, palette, alert=alert))
    return icon
