"""The history page's tabs, one widget each: sessions, adherence, pain, does it help, breaks.

Each tab shows a `Selection` (what the filters picked) with `show_rows(rows,
today)`, computing only its own numbers; the page calls it for the tab in
view, and for another tab when that one is brought into view. Their strings
keep the "HistoryPage" translation context they had when the page built them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.log import stats
from backcoach.ui.history.calendar_view import CalendarView
from backcoach.ui.history.history_model import (
    RowsModel,
    SessionsModel,
    change_text,
    done_of_text,
    target_text,
)
from backcoach.ui.history.pain_chart import PainChart
from backcoach.ui.widgets.plain import PlainLabel

if TYPE_CHECKING:
    from backcoach.core.log.records import BreakRecord, SessionSummary
    from backcoach.core.routine import Prescribed


@dataclass(frozen=True)
class Selection:
    """What the history page's filters pick out of the loaded sessions."""

    rows: Sequence[SessionSummary]
    """The sessions of the period and routine chosen, previews included."""
    routine_rows: Sequence[SessionSummary]
    """The sessions of the routine chosen, whatever the period (adherence looks back
    from today)."""
    since: date
    until: date
    targets: Mapping[str, Prescribed]
    titles: Mapping[str, str]
    """routine id -> title, of every loaded session."""


class HistoryTab(Protocol):
    def show_rows(self, rows: Selection, today: date) -> None: ...


def make_table(name: str, model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    vh = view.verticalHeader()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(int(view.fontMetrics().height() * 1.6))
    view.setWordWrap(False)
    # A padded item view (the app's focus-ring style sheet) draws its header
    # clipped (QHeaderView is an item view too): no padding, no header border here.
    view.setStyleSheet("QTableView { padding: 0px; } QHeaderView { border: none; padding: 0px; }")
    return view


def fit_height(view: QTableView, rows: int) -> None:
    """Make a short table as tall as its rows (no empty box under them, no scroll bar).

    `AdjustToContents` lets the view's size hint follow the rows and header as
    the style and font actually draw them.
    """
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    view.setVerticalScrollBarPolicy(
        Qt.ScrollBarPolicy.ScrollBarAsNeeded if rows > 12 else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    )
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
    view.updateGeometry()


def _wrapped(text: str) -> QLabel:
    label = PlainLabel(text)
    label.setWordWrap(True)
    return label


class SessionsTab(QWidget):
    """Every session of the selection, newest first, under a one-line summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SessionsModel(self)
        self.view = make_table(QCoreApplication.translate("HistoryPage", "Sessions"), self.model)
        self._size_columns()
        self.summary = _wrapped("")
        v = QVBoxLayout(self)
        v.addWidget(self.summary)
        v.addWidget(self.view, 1)

    def _size_columns(self) -> None:
        fm = self.view.fontMetrics()
        samples = (
            "2026-11-22 08:35",
            "Morning lower-back routine",
            QCoreApplication.translate("HistoryPage", "Preview (4×), completed"),
            QCoreApplication.translate("HistoryPage", "{0} h {1:02d} min").format(1, 5),
            "10 → 10",
            QCoreApplication.translate("HistoryPage", "Flare"),
            QCoreApplication.translate("HistoryPage", "Interrupted"),
        )
        headers = self.model.headers()
        for col, sample in enumerate(samples):
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(headers[col]))
            self.view.setColumnWidth(col, width + fm.height())
        self.view.horizontalHeader().setStretchLastSection(True)

    def fit_titles(self, titles: Mapping[str, str]) -> None:
        """Widen the routine column for the longest title (up to 20 lines' height)."""
        fm = self.view.fontMetrics()
        longest = max((fm.horizontalAdvance(t) for t in titles.values()), default=0)
        if longest:
            self.view.setColumnWidth(1, min(longest + fm.height(), fm.height() * 20))

    def show_rows(self, rows: Selection, today: date) -> None:
        self.model.set_sessions(list(rows.rows))
        previews = sum(1 for s in rows.rows if s.is_preview)
        text = QCoreApplication.translate("HistoryPage", "{0} sessions in this period.").format(
            len(rows.rows)
        )
        if previews:
            text += " " + QCoreApplication.translate(
                "HistoryPage",
                "{0} of them are previews (sped up, shown in italics) and are left out "
                "of every statistic.",
            ).format(previews)
        self.summary.setText(text)


class AdherenceTab(QWidget):
    """Sessions done against each routine's prescription, and a calendar of days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(
            [
                QCoreApplication.translate("HistoryPage", "Routine"),
                QCoreApplication.translate("HistoryPage", "Target"),
                QCoreApplication.translate("HistoryPage", "This week"),
                QCoreApplication.translate("HistoryPage", "Last 4 weeks"),
                QCoreApplication.translate("HistoryPage", "Stopped early (4 weeks)"),
            ],
            self,
        )
        self.view = make_table(QCoreApplication.translate("HistoryPage", "Adherence"), self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.calendar = CalendarView(3)
        self.help = _wrapped(
            QCoreApplication.translate(
                "HistoryPage",
                "A day is done with the sessions its routines ask for, partial with fewer "
                "(or only stopped ones), missed with none. Weekly routines are counted per week.",
            )
        )
        v = QVBoxLayout(self)
        v.addWidget(self.view)
        v.addWidget(self.help)
        v.addWidget(self.calendar)
        v.addStretch(1)
        self._shown: tuple[Selection, date] | None = None
        self.calendar.months_changed.connect(self._color_calendar)

    def show_rows(self, rows: Selection, today: date) -> None:
        self._shown = (rows, today)
        adh = stats.adherence(rows.routine_rows, rows.targets, today)
        self.model.set_rows(
            [
                (
                    a.title,
                    target_text(a.target),
                    done_of_text(a.week_done, a.week_target),
                    done_of_text(a.weeks4_done, a.weeks4_target),
                    str(a.stopped),
                )
                for a in adh
            ]
        )
        fit_height(self.view, max(len(adh), 1))
        self.calendar.set_states({}, rows.until)  # the three months ending with the period
        self._color_calendar()

    def _color_calendar(self) -> None:
        """Each day of the months in view: done, partial or missed."""
        if self._shown is None:
            return
        rows, today = self._shown
        start, end = self.calendar.first_shown_day(), self.calendar.last_shown_day()
        states = stats.day_states(rows.routine_rows, rows.targets, start, end, today)
        self.calendar.set_states(states, end)


class PainTab(PainChart):
    """Pain before and after each session of the selection (drawn when first seen)."""

    def show_rows(self, rows: Selection, today: date) -> None:
        self.set_points(stats.pain_series(rows.rows), dict(rows.titles))


class EffectTab(QWidget):
    """Per routine: how pain changed from before to after a session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(
            [
                QCoreApplication.translate("HistoryPage", "Routine"),
                QCoreApplication.translate("HistoryPage", "Sessions rated"),
                QCoreApplication.translate("HistoryPage", "Average change"),
                QCoreApplication.translate("HistoryPage", "Meaningful relief"),
            ],
            self,
        )
        name = QCoreApplication.translate("HistoryPage", "Does it help")
        self.view = make_table(name, self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.help = _wrapped(
            QCoreApplication.translate(
                "HistoryPage",
                "Average change is pain after minus pain before (negative: it hurt less "
                "afterwards). Meaningful relief: pain went down by 2 points or more, or by "
                "30% or more, the usual threshold for low back pain.",
            )
        )
        v = QVBoxLayout(self)
        v.addWidget(self.help)
        v.addWidget(self.view)
        v.addStretch(1)

    def show_rows(self, rows: Selection, today: date) -> None:
        eff = stats.effects(rows.rows)
        self.model.set_rows([self._row(e) for e in eff])
        fit_height(self.view, max(len(eff), 1))

    @staticmethod
    def _row(e: stats.RoutineEffect) -> tuple[str, ...]:
        relief = (
            QCoreApplication.translate("HistoryPage", "{0} of {1} ({2:.0%})").format(
                e.meaningful, e.rated, e.meaningful_share
            )
            if e.rated
            else "–"
        )
        return (e.title, str(e.rated), change_text(e.mean_change), relief)


class BreaksTab(QWidget):
    """Posture breaks per day of the period, read from the store when shown."""

    def __init__(
        self,
        load: Callable[[date, date], Sequence[BreakRecord]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self.model = RowsModel(
            [
                QCoreApplication.translate("HistoryPage", "Day"),
                QCoreApplication.translate("HistoryPage", "Taken"),
                QCoreApplication.translate("HistoryPage", "Due"),
                QCoreApplication.translate("HistoryPage", "Skipped"),
                QCoreApplication.translate("HistoryPage", "Put off, never taken"),
            ],
            self,
        )
        name = QCoreApplication.translate("HistoryPage", "Posture breaks")
        self.view = make_table(name, self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = _wrapped("")
        v = QVBoxLayout(self)
        v.addWidget(self.summary)
        v.addWidget(self.view, 1)

    def show_rows(self, rows: Selection, today: date) -> None:
        # Breaks are read per period: years of them (5 a working day) are slow to load.
        days = stats.breaks_per_day(self._load(rows.since, rows.until))
        self.model.set_rows(
            [
                (b.day.isoformat(), str(b.taken), str(b.due), str(b.skipped), str(b.postponed))
                for b in reversed(days)
            ]
        )
        taken = sum(b.taken for b in days)
        due = sum(b.due for b in days)
        self.summary.setText(
            QCoreApplication.translate(
                "HistoryPage",
                "{0} of {1} posture breaks taken in this period. Due = taken + skipped + "
                "reminders put off and never taken that day. Breaks are not counted in the "
                "routine statistics.",
            ).format(taken, due)
            if days
            else QCoreApplication.translate(
                "HistoryPage", "No posture-break reminders in this period."
            )
        )
