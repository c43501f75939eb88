"""LEFT / RIGHT, unmistakable: a word, an arrow shape pointing that way, and a colour.

"alternate" (a self-paced set of reps that alternate sides) shows both ways:
"L ⇄ R" in a shape pointing both ways, in a third colour.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

# Two hues told apart with every common colour-vision deficiency (blue vs orange),
# each dark enough for white text at > 4.5:1. The shape and word carry the meaning too.
LEFT_COLOUR = QColor(0x1F, 0x4E, 0xA8)
RIGHT_COLOUR = QColor(0xA8, 0x4A, 0x00)
ALTERNATE_COLOUR = QColor(0x4A, 0x3A, 0x70)
SIDES = ("left", "right", "alternate")


class SideBadge(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side: str | None = None
        self.factor = 2.6
        """Text size, times the widget font (smaller on a short page: set_factor)."""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Side"))
        self.hide()

    def set_side(self, side: str | None) -> None:
        self.side = side
        if side in SIDES:
            self.setAccessibleDescription(self.text())
            self.show()
        else:
            self.hide()
        self.update()

    def set_factor(self, factor: float) -> None:
        if factor != self.factor:
            self.factor = factor
            self.updateGeometry()
            self.update()

    def text(self) -> str:
        texts = {"left": self.tr("LEFT"), "right": self.tr("RIGHT"), "alternate": self.tr("L ⇄ R")}
        return texts.get(self.side or "", "")

    def _font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * self.factor)
        f.setBold(True)
        f.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        return f

    def sizeHint(self) -> QSize:
        from PySide6.QtGui import QFontMetrics

        fm = QFontMetrics(self._font())
        h = int(fm.height() * 1.6)
        return QSize(fm.horizontalAdvance("RIGHT") + 2 * h, h)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.side not in SIDES:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        hint = self.sizeHint()
        w = min(self.width(), hint.width())
        h = min(self.height(), hint.height())
        x0 = (self.width() - w) / 2
        r = QRectF(x0, (self.height() - h) / 2, w, h)
        tip = h * 0.45
        path = QPainterPath()
        if self.side == "left":
            path.moveTo(QPointF(r.left(), r.center().y()))
            path.lineTo(QPointF(r.left() + tip, r.top()))
            path.lineTo(r.topRight())
            path.lineTo(r.bottomRight())
            path.lineTo(QPointF(r.left() + tip, r.bottom()))
            colour = LEFT_COLOUR
            text_rect = r.adjusted(tip, 0, 0, 0)
        elif self.side == "alternate":
            path.moveTo(QPointF(r.left(), r.center().y()))
            path.lineTo(QPointF(r.left() + tip, r.top()))
            path.lineTo(QPointF(r.right() - tip, r.top()))
            path.lineTo(QPointF(r.right(), r.center().y()))
            path.lineTo(QPointF(r.right() - tip, r.bottom()))
            path.lineTo(QPointF(r.left() + tip, r.bottom()))
            colour = ALTERNATE_COLOUR
            text_rect = r
        else:
            path.moveTo(r.topLeft())
            path.lineTo(QPointF(r.right() - tip, r.top()))
            path.lineTo(QPointF(r.right(), r.center().y()))
            path.lineTo(QPointF(r.right() - tip, r.bottom()))
            path.lineTo(r.bottomLeft())
            colour = RIGHT_COLOUR
            text_rect = r.adjusted(0, 0, -tip, 0)
        path.closeSubpath()
        p.fillPath(path, colour)
        p.setPen(self.palette().color(QPalette.ColorRole.Window))
        p.setPen(QColor(Qt.GlobalColor.white))
        p.setFont(self._font())
        p.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self.text())
        p.end()
