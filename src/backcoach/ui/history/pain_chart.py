"""Pain over time: a QtCharts chart with a table of the same numbers for screen readers.

The chart is drawn lazily (when it is first shown) and downsampled to
`MAX_CHART_POINTS` evenly spread sessions, so ten years of sessions still open
fast; the table always lists every session. `paint_pain_chart` draws the same
chart with a bare QPainter for the PDF report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QCoreApplication, QDateTime, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.log import stats
from backcoach.ui.history.history_model import RowsModel, pain_headers, pain_rows
from backcoach.ui.widgets.plain import PlainLabel

MAX_CHART_POINTS = 1000


def _ms(at: datetime) -> float:
    return at.timestamp() * 1000.0


def series_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(before, after) colours from the theme: a muted grey for before, the accent for after.

    The two also differ in marker shape (circle / square) and line width.
    """
    return (
        palette.color(QPalette.ColorRole.PlaceholderText),
        palette.color(QPalette.ColorRole.Highlight),
    )


class PainChart(QWidget):
    """Pain before and after each session, with 7-day averages; a button shows the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[stats.PainPoint] = []
        self._titles: dict[str, str] = {}
        self._dirty = False

        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setBackgroundRoundness(0)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(self.tr("Pain chart"))
        self.view.setAccessibleDescription(
            self.tr("Pain before and after each session; use Show as table for the numbers")
        )
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.table_model = RowsModel(pain_headers(), self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(self.tr("Pain before and after each session, as a table"))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setStyleSheet(
            "QTableView { padding: 0px; } QHeaderView { border: none; padding: 0px; }"
        )  # see history_page._table

        self.empty = PlainLabel(self.tr("No pain ratings in this period."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.toggle = QPushButton(self.tr("Show as &table"))
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(self.tr("Show the pain numbers as a table"))
        self.toggle.toggled.connect(self._on_toggle)
        self.note = PlainLabel()
        self.note.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.toggle)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.stack, 1)

    def set_points(self, points: Sequence[stats.PainPoint], titles: dict[str, str]) -> None:
        self._points = list(points)
        self._titles = dict(titles)
        self.table_model.set_rows(pain_rows(self._points, self._titles))
        shown = min(len(self._points), MAX_CHART_POINTS)
        if len(self._points) > MAX_CHART_POINTS:
            self.note.setText(
                self.tr(
                    "{0} sessions; the chart shows {1} of them, evenly spread "
                    "(the averages use every session). Pick a shorter period to see each one."
                ).format(len(self._points), shown)
            )
        else:
            self.note.setText(self.tr("{0} sessions with a pain rating.").format(len(self._points)))
        self._dirty = True
        self._update_stack()
        if self.isVisible():
            self._rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._rebuild()

    def _on_toggle(self, on: bool) -> None:
        self.toggle.setText(self.tr("Show as &chart") if on else self.tr("Show as &table"))
        self._update_stack()

    def _update_stack(self) -> None:
        if self.toggle.isChecked():
            self.stack.setCurrentWidget(self.table)
        elif not self._points:
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.view)

    def _rebuild(self) -> None:
        self._dirty = False
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundBrush(pal.brush(QPalette.ColorRole.Base))
        chart.legend().setLabelColor(pal.color(QPalette.ColorRole.Text))
        if not self._points:
            return
        pts = stats.downsample(self._points, MAX_CHART_POINTS)
        c_before, c_after = series_colors(pal)
        x_axis = QDateTimeAxis()
        span_days = (pts[-1].at - pts[0].at).days
        x_axis.setFormat("d MMM" if span_days < 200 else "MMM yyyy")
        x_axis.setTickCount(7)
        y_axis = QValueAxis()
        y_axis.setRange(0, 10)
        y_axis.setTickCount(6)
        y_axis.setLabelFormat("%d")
        y_axis.setTitleText(self.tr("Pain (0–10)"))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        text = pal.color(QPalette.ColorRole.Text)
        for axis in (x_axis, y_axis):
            axis.setLabelsColor(text)
            axis.setTitleBrush(text)
        # Raw ratings as dots (before: circles, after: squares), averages as solid
        # lines: dashed or dotted QtCharts lines are several times slower to draw.
        marker = max(self.fontMetrics().height() * 0.35, 4.0)
        raw: list[tuple[str, QColor, QScatterSeries.MarkerShape, Callable[[Any], Any]]] = [
            (
                self.tr("Pain before"),
                c_before,
                QScatterSeries.MarkerShape.MarkerShapeCircle,
                _before,
            ),
            (
                self.tr("Pain after"),
                c_after,
                QScatterSeries.MarkerShape.MarkerShapeRectangle,
                _after,
            ),
        ]
        for name, color, shape, get in raw:
            dots = QScatterSeries()
            dots.setName(name)
            dots.setMarkerShape(shape)
            dots.setMarkerSize(marker)
            dots.setColor(color)
            dots.setBorderColor(color)
            dots.replace([QPointF(_ms(p.at), float(v)) for p in pts if (v := get(p)) is not None])
            self._add(dots, x_axis, y_axis)
        avg: list[tuple[str, QColor, float, Callable[[Any], Any]]] = [
            (self.tr("7-day average before"), c_before, 2.0, _avg_before),
            (self.tr("7-day average after"), c_after, 3.0, _avg_after),
        ]
        for name, color, width, get in avg:
            line = QLineSeries()
            line.setName(name)
            line.setPen(QPen(color, width))
            line.replace([QPointF(_ms(p.at), float(v)) for p in pts if (v := get(p)) is not None])
            self._add(line, x_axis, y_axis)
        lo = pts[0].at
        hi = pts[-1].at
        if lo == hi:
            lo -= timedelta(days=1)
            hi += timedelta(days=1)
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_ms(lo))), QDateTime.fromMSecsSinceEpoch(int(_ms(hi)))
        )

    def _add(self, series: QXYSeries, x_axis: QDateTimeAxis, y_axis: QValueAxis) -> None:
        self.chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)


def _before(p: stats.PainPoint) -> int | None:
    return p.before


def _after(p: stats.PainPoint) -> int | None:
    return p.after


def _avg_before(p: stats.PainPoint) -> float | None:
    return p.avg_before


def _avg_after(p: stats.PainPoint) -> float | None:
    return p.avg_after


def tr(text: str) -> str:
    return QCoreApplication.translate("PainChart", text)


@dataclass(frozen=True)
class _Pens:
    """The colours the printed chart is drawn with."""

    before: QColor
    after: QColor
    text: QColor
    grid: QColor


class _Axes:
    """Where a value (0-10) and a time fall in the plot area."""

    def __init__(self, plot: QRectF, pts: Sequence[stats.PainPoint] = ()) -> None:
        self.plot = plot
        self.t0 = _ms(pts[0].at) if pts else 0.0
        self.t1 = _ms(pts[-1].at) if pts else 0.0
        self.span = max(self.t1 - self.t0, 1.0)

    def y_of(self, v: float) -> float:
        return self.plot.bottom() - v / 10.0 * self.plot.height()

    def x_of(self, at: datetime) -> float:
        if self.t1 == self.t0:
            return self.plot.center().x()
        return self.plot.left() + (_ms(at) - self.t0) / self.span * self.plot.width()


def paint_pain_chart(
    painter: QPainter,
    rect: QRectF,
    points: Sequence[stats.PainPoint],
    font: QFont,
    *,
    before_color: QColor,
    after_color: QColor,
    text_color: QColor,
    grid_color: QColor,
) -> None:
    """Draw the pain chart into `rect` with plain QPainter calls (for the PDF report)."""
    pens = _Pens(before_color, after_color, text_color, grid_color)
    painter.save()
    painter.setFont(font)
    fm = painter.fontMetrics()
    left = rect.left() + fm.horizontalAdvance("10") + fm.height() * 0.8
    bottom = rect.bottom() - fm.height() * 2.8
    top = rect.top() + fm.height() * 0.5
    right = rect.right() - fm.height() * 0.3
    plot = QRectF(left, top, right - left, bottom - top)
    _paint_grid(painter, rect, _Axes(plot), pens)
    if not points:
        painter.setPen(QPen(text_color))
        painter.drawText(
            plot, int(Qt.AlignmentFlag.AlignCenter), tr("No pain ratings in this period.")
        )
        painter.restore()
        return
    pts = stats.downsample(points, MAX_CHART_POINTS)
    axes = _Axes(plot, pts)
    _paint_dates(painter, axes, pts, pens)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _paint_dots(painter, axes, pts, pens)
    _paint_averages(painter, axes, pts, pens)
    _paint_legend(painter, rect, plot, pens)
    painter.restore()


def _paint_grid(painter: QPainter, rect: QRectF, axes: _Axes, pens: _Pens) -> None:
    """Lines at 0, 2, ... 10, numbered on the left."""
    fm = painter.fontMetrics()
    plot = axes.plot
    painter.setPen(QPen(pens.grid, 0.5))
    for v in range(0, 11, 2):
        y = axes.y_of(v)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QPen(pens.text))
        painter.drawText(
            QRectF(rect.left(), y - fm.height() / 2, plot.left() - rect.left() - 4, fm.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(v),
        )
        painter.setPen(QPen(pens.grid, 0.5))


def _paint_dates(
    painter: QPainter, axes: _Axes, pts: Sequence[stats.PainPoint], pens: _Pens
) -> None:
    """Date labels: first, middle and last."""
    fm = painter.fontMetrics()
    painter.setPen(QPen(pens.text))
    for p, align in (
        (pts[0], Qt.AlignmentFlag.AlignLeft),
        (pts[len(pts) // 2], Qt.AlignmentFlag.AlignHCenter),
        (pts[-1], Qt.AlignmentFlag.AlignRight),
    ):
        x = axes.x_of(p.at)
        w = fm.horizontalAdvance("0000-00-00") * 1.2
        box = QRectF(x - w / 2, axes.plot.bottom() + 2, w, fm.height())
        if align == Qt.AlignmentFlag.AlignLeft:
            box.moveLeft(x)
        elif align == Qt.AlignmentFlag.AlignRight:
            box.moveRight(x)
        painter.drawText(box, int(align | Qt.AlignmentFlag.AlignTop), p.at.strftime("%Y-%m-%d"))


def _paint_dots(
    painter: QPainter, axes: _Axes, pts: Sequence[stats.PainPoint], pens: _Pens
) -> None:
    """One dot per rating, before and after."""
    dot = max(painter.fontMetrics().height() * 0.12, 1.5)
    for get, color in ((_before, pens.before), (_after, pens.after)):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for p in pts:
            v = get(p)
            if v is not None:
                painter.drawEllipse(QPointF(axes.x_of(p.at), axes.y_of(v)), dot, dot)


def _paint_averages(
    painter: QPainter, axes: _Axes, pts: Sequence[stats.PainPoint], pens: _Pens
) -> None:
    """The 7-day averages as lines: dashed before, solid after."""
    width = max(painter.fontMetrics().height() * 0.12, 1.5)
    for get, color, style in (
        (_avg_before, pens.before, Qt.PenStyle.DashLine),
        (_avg_after, pens.after, Qt.PenStyle.SolidLine),
    ):
        path = QPainterPath()
        started = False
        for p in pts:
            v = get(p)
            if v is None:
                continue
            pt = QPointF(axes.x_of(p.at), axes.y_of(v))
            if started:
                path.lineTo(pt)
            else:
                path.moveTo(pt)
                started = True
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color, width, style))
        painter.drawPath(path)


def _paint_legend(painter: QPainter, rect: QRectF, plot: QRectF, pens: _Pens) -> None:
    """Under the dates: what the dots and each line are."""
    fm = painter.fontMetrics()
    painter.setPen(QPen(pens.text))
    lx = plot.left()
    ly = rect.bottom() - fm.height()
    for label, color, style in (
        (tr("Pain before (dots) and its 7-day average"), pens.before, Qt.PenStyle.DashLine),
        (tr("Pain after (dots) and its 7-day average"), pens.after, Qt.PenStyle.SolidLine),
    ):
        painter.setPen(QPen(color, max(fm.height() * 0.12, 1.5), style))
        painter.drawLine(
            QPointF(lx, ly + fm.height() / 2), QPointF(lx + fm.height() * 2, ly + fm.height() / 2)
        )
        painter.setPen(QPen(pens.text))
        tx = lx + fm.height() * 2.4
        painter.drawText(QPointF(tx, ly + fm.ascent()), label)
        lx = tx + fm.horizontalAdvance(label) + fm.height() * 1.5
