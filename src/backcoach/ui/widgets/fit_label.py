"""A word-wrapped label whose font shrinks (within limits) so its text fits a few lines."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class FitLabel(QLabel):
    """Bold text at `factor` times the base font, shrunk towards `floor` times it until
    the wrapped text takes at most `lines` lines of the label's width.

    A long exercise name in a narrow window at 200 % text stays whole (smaller, wrapped)
    instead of being cut; below `floor` it simply wraps onto more lines.
    """

    def __init__(
        self,
        factor: float,
        floor: float,
        lines: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # an exercise's name, as typed
        self.factor = factor
        self.floor = floor
        self.lines = lines
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # exercise names come from routine files
        self._fitting = False
        self._fit()

    def _base(self) -> QFont:
        # The application font, not the parent's: while the text size changes, a
        # parent may not have been told yet (theme.apply_text_scale walks all widgets).
        return QFont(QApplication.font())

    def chosen_size(self, width: int) -> float:
        """The biggest point size (a step of 5 %) whose wrapped text fits `lines` lines."""
        base = self._base()
        base_size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        f = QFont(base)
        f.setBold(True)
        text = self.text()
        size = base_size * self.factor
        if not text or width <= 0:
            return size
        while size > base_size * self.floor:
            f.setPointSizeF(size)
            fm = QFontMetricsF(f)
            rect = fm.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
            if rect.width() <= width and rect.height() <= fm.lineSpacing() * self.lines + 1:
                return size
            size *= 0.95
        return base_size * self.floor

    def _fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            size = self.chosen_size(self.contentsRect().width())
            if abs(size - self.font().pointSizeF()) > 0.25 or not self.font().bold():
                f = self._base()
                f.setBold(True)
                f.setPointSizeF(size)
                self.setFont(f)
        finally:
            self._fitting = False

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationFontChange, QEvent.Type.FontChange):
            self._fit()
