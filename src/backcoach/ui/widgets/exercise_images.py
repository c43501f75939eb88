"""An exercise's pictures: start and end position in turn, scaled smoothly to fit.

Alternates every 2.5 s while `animate` is on (during holds and reps); with
reduced motion it shows both side by side instead, never flipping.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImageReader, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

ALTERNATE_MS = 2500


def load_pixmap(path: Path) -> QPixmap | None:
    """The picture, or None when it is missing, unreadable or not a picture at all."""
    if not path.is_file():  # a pipe named .png would block the reader
        return None
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)


class ExerciseImages(QWidget):
    def __init__(self, parent: QWidget | None = None, *, reduced_motion: bool = False) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setAccessibleName(self.tr("Exercise pictures"))
        self.reduced_motion = reduced_motion
        self.pixmaps: list[QPixmap] = []
        self.paths: tuple[Path, ...] = ()
        self.shown = 0
        self._timer = QTimer(self)
        self._timer.setInterval(ALTERNATE_MS)
        self._timer.timeout.connect(self._next)

    def set_images(self, paths: tuple[Path, ...]) -> None:
        if tuple(paths) == self.paths:
            return
        self.paths = tuple(paths)
        self.pixmaps = [p for p in (load_pixmap(x) for x in self.paths) if p is not None]
        self.shown = 0
        self.update()

    def set_reduced_motion(self, on: bool) -> None:
        self.reduced_motion = on
        if on:
            self._timer.stop()
            self.shown = 0
        self.update()

    def set_animate(self, on: bool) -> None:
        if on and not self.reduced_motion and len(self.pixmaps) > 1:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    @property
    def animating(self) -> bool:
        return self._timer.isActive()

    def _next(self) -> None:
        if self.pixmaps:
            self.shown = (self.shown + 1) % len(self.pixmaps)
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 320)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.pixmaps:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.reduced_motion and len(self.pixmaps) > 1:
            shown = self.pixmaps[:2]
            gap = 8
            w = (self.width() - gap) // 2
            for i, pm in enumerate(shown):
                self._draw(p, pm, QRect(i * (w + gap), 0, w, self.height()))
        else:
            self._draw(p, self.pixmaps[self.shown % len(self.pixmaps)], self.rect())
        p.end()

    @staticmethod
    def _draw(p: QPainter, pm: QPixmap, area: QRect) -> None:
        size = pm.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = area.x() + (area.width() - size.width()) // 2
        y = area.y() + (area.height() - size.height()) // 2
        p.drawPixmap(QRect(x, y, size.width(), size.height()), pm)
