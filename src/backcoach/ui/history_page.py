"""The history page: sessions, adherence, pain over time, does it help, breaks; exports.

Everything is computed by `core.stats` from the session summaries, loaded in
one query when the page opens and again on `ctx.history_changed`; filters work
on that list in memory. The sessions list is a model/view table, the chart is
built only when its tab is first shown (and downsampled), so ten years of
twice-daily sessions open in well under the 300 ms budget
(`bench/bench_history_page.py`).

Which numbers follow which control:
- the routine filter narrows everything except the calm note;
- the period (From / To) narrows the sessions list, the pain chart, the
  effect table, the breaks table and the exports; the calendar shows the three
  months ending at the period's end;
- adherence ("this week", "last 4 weeks") and the calm note always look back
  from today, whatever the period. In review mode "today" is the day of the
  last session in the file, so an old export reads as it did when it was made.

Review mode (`open_review`): an export file is read into an in-memory store;
the page says so in a banner, never writes to the live history, and refuses to
export over the reviewed file or the live database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt
from PySide6.QtGui import QAction, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core import stats
from backcoach.core.export import ExportJob, records_for_export, write_export
from backcoach.ui import report
from backcoach.ui.calendar_view import CalendarView
from backcoach.ui.history_model import (
    RowsModel,
    SessionsModel,
    calm_note_text,
    change_text,
    done_of_text,
    target_text,
)
from backcoach.ui.pain_chart import PainChart

if TYPE_CHECKING:
    from backcoach.core.history import HistoryStore
    from backcoach.core.routine import Prescribed
    from backcoach.ui.context import AppContext

DEFAULT_PERIOD = 1
EXPORT_FORMATS: tuple[str, ...] = ("json", "csv", "pdf", "fhir")


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryPage", text)


def _table(name: str, model: Any) -> QTableView:
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


def _fit_height(view: QTableView, rows: int) -> None:
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


class HistoryPage(QWidget):
    """The history page. `store` overrides `ctx.history` (review mode passes its own)."""

    def __init__(
        self,
        ctx: AppContext | None,
        parent: QWidget | None = None,
        *,
        store: HistoryStore | None = None,
        review_source: Path | None = None,
        targets: Mapping[str, Prescribed] | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.review_source = review_source
        self.store = store if store is not None else (ctx.history if ctx is not None else None)
        self.read_only = review_source is not None or bool(ctx is not None and ctx.read_only)
        self._targets: dict[str, Prescribed] = dict(targets or {})
        self._today_fn = today or date.today
        self._all: list[Any] = []
        self._breaks: list[Any] = []
        self._titles: dict[str, str] = {}
        self._chart_dirty = True
        self.ask_save_path: Callable[[str, str], Path | None] = self._ask_save_path
        """Asks where to export (tests replace it)."""
        self.show_message: Callable[[str, str], None] = self._show_message
        """Shows an export result or problem (tests replace it)."""
        self.now: Callable[[], datetime] = lambda: datetime.now().astimezone()
        """When an export is made (tests fix it)."""
        self.setObjectName("HistoryPage")
        self.setAccessibleName(self.tr("History"))
        self._build()
        if ctx is not None and review_source is None:
            ctx.history_changed.connect(self.reload)
        self.reload()

    # --- layout ------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        heading = QLabel(self.tr("History"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(self.tr("History"))
        lay.addWidget(heading)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.banner.setMargin(8)
        self.banner.setAccessibleName(self.tr("Review mode"))
        if self.review_source is not None:
            self.banner.setText(
                self.tr("Reviewing someone else's history: {0} (read-only)").format(
                    self.review_source.name
                )
            )
            self.banner.setToolTip(str(self.review_source))
        self.banner.setVisible(self.review_source is not None)
        lay.addWidget(self.banner)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.problem.setAccessibleName(self.tr("History problem"))
        lay.addWidget(self.problem)

        # The filter row: routine+period, then dates+export; the two halves stack
        # when the row would squeeze its fields (large text, small window).
        bar = QHBoxLayout()
        self.routine_combo = QComboBox()
        self.routine_combo.setAccessibleName(self.tr("Routine filter"))
        self.routine_combo.setMinimumContentsLength(18)
        lbl = QLabel(self.tr("&Routine:"))
        lbl.setBuddy(self.routine_combo)
        bar.addWidget(lbl)
        bar.addWidget(self.routine_combo)

        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName(self.tr("Period"))
        self.period_combo.addItem(self.tr("Last 4 weeks"), 28)
        self.period_combo.addItem(self.tr("Last 3 months"), 91)
        self.period_combo.addItem(self.tr("Last 12 months"), 365)
        self.period_combo.addItem(self.tr("All time"), -1)
        self.period_combo.addItem(self.tr("Custom"), 0)
        self.period_combo.setCurrentIndex(DEFAULT_PERIOD)
        lbl = QLabel(self.tr("&Period:"))
        lbl.setBuddy(self.period_combo)
        bar.addWidget(lbl)
        bar.addWidget(self.period_combo)
        bar.addStretch(1)
        self.filter_halves = (bar, QHBoxLayout())
        bar = self.filter_halves[1]

        self.from_edit = QDateEdit()
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("yyyy-MM-dd")
        self.from_edit.setAccessibleName(self.tr("From date"))
        self.to_edit = QDateEdit()
        self.to_edit.setCalendarPopup(True)
        self.to_edit.setDisplayFormat("yyyy-MM-dd")
        self.to_edit.setAccessibleName(self.tr("To date"))
        lbl = QLabel(self.tr("&From"))
        lbl.setBuddy(self.from_edit)
        bar.addWidget(lbl)
        bar.addWidget(self.from_edit)
        lbl = QLabel(self.tr("&to"))
        lbl.setBuddy(self.to_edit)
        bar.addWidget(lbl)
        bar.addWidget(self.to_edit)
        bar.addStretch(1)

        self.export_button = QToolButton()
        self.export_button.setText(self.tr("&Export…"))
        self.export_button.setAccessibleName(self.tr("Export the period shown"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        menu = QMenu(self.export_button)
        self.export_actions: dict[str, QAction] = {}
        for fmt, label in (
            ("pdf", self.tr("&PDF report for the care team…")),
            ("csv", self.tr("&CSV spreadsheet…")),
            ("json", self.tr("&JSON (complete, for backup or review)…")),
            ("fhir", self.tr("&FHIR pain scores…")),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            self.export_actions[fmt] = action
        self.export_button.setMenu(menu)
        bar.addWidget(self.export_button)
        self.filter_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for half in self.filter_halves:
            half.setContentsMargins(0, 0, 0, 0)
            self.filter_row.addLayout(half)
        self.filter_row.setStretch(1, 1)  # side by side, the dates half takes the slack
        lay.addLayout(self.filter_row)

        self.calm_note = QLabel()
        self.calm_note.setWordWrap(True)
        self.calm_note.setFrameShape(QFrame.Shape.StyledPanel)
        self.calm_note.setMargin(8)
        self.calm_note.setAccessibleName(self.tr("A note about your numbers"))
        self.calm_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.calm_note.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.calm_note.setVisible(False)
        lay.addWidget(self.calm_note)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("History sections"))
        self.tabs.tabBar().setAccessibleName(self.tr("History sections"))
        lay.addWidget(self.tabs, 1)

        # Sessions
        self.sessions_model = SessionsModel(self)
        self.sessions_view = _table(self.tr("Sessions"), self.sessions_model)
        hh = self.sessions_view.horizontalHeader()
        fm = self.sessions_view.fontMetrics()
        samples = (
            "2026-11-22 08:35",
            "Morning lower-back routine",
            self.tr("Preview (4×), completed"),
            self.tr("{0} h {1:02d} min").format(1, 5),
            "10 → 10",
            self.tr("Flare"),
            self.tr("Interrupted"),
        )
        headers = self.sessions_model.headers()
        for col, sample in enumerate(samples):
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(headers[col]))
            self.sessions_view.setColumnWidth(col, width + fm.height())
        hh.setStretchLastSection(True)
        self.sessions_summary = QLabel()
        self.sessions_summary.setWordWrap(True)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.sessions_summary)
        v.addWidget(self.sessions_view, 1)
        self.tabs.addTab(page, self.tr("&Sessions"))

        # Adherence
        self.adherence_model = RowsModel(
            [
                self.tr("Routine"),
                self.tr("Target"),
                self.tr("This week"),
                self.tr("Last 4 weeks"),
                self.tr("Stopped early (4 weeks)"),
            ],
            self,
        )
        self.adherence_view = _table(self.tr("Adherence"), self.adherence_model)
        self.adherence_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.calendar = CalendarView(3)
        self.adherence_help = QLabel(
            self.tr(
                "A day is done with the sessions its routines ask for, partial with fewer "
                "(or only stopped ones), missed with none. Weekly routines are counted per week."
            )
        )
        self.adherence_help.setWordWrap(True)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.adherence_view)
        v.addWidget(self.adherence_help)
        v.addWidget(self.calendar)
        v.addStretch(1)
        self.tabs.addTab(page, self.tr("&Adherence"))

        # Pain
        self.pain_chart = PainChart()
        self.tabs.addTab(self.pain_chart, self.tr("Pa&in over time"))

        # Does it help
        self.effect_model = RowsModel(
            [
                self.tr("Routine"),
                self.tr("Sessions rated"),
                self.tr("Average change"),
                self.tr("Meaningful relief"),
            ],
            self,
        )
        self.effect_view = _table(self.tr("Does it help"), self.effect_model)
        self.effect_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        help_label = QLabel(
            self.tr(
                "Average change is pain after minus pain before (negative: it hurt less "
                "afterwards). Meaningful relief: pain went down by 2 points or more, or by "
                "30% or more, the usual threshold for low back pain."
            )
        )
        help_label.setWordWrap(True)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(help_label)
        v.addWidget(self.effect_view)
        v.addStretch(1)
        self.tabs.addTab(page, self.tr("&Does it help?"))

        # Breaks
        self.breaks_model = RowsModel(
            [
                self.tr("Day"),
                self.tr("Taken"),
                self.tr("Due"),
                self.tr("Skipped"),
                self.tr("Put off, never taken"),
            ],
            self,
        )
        self.breaks_view = _table(self.tr("Posture breaks"), self.breaks_model)
        self.breaks_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.breaks_summary = QLabel()
        self.breaks_summary.setWordWrap(True)
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.breaks_summary)
        v.addWidget(self.breaks_view, 1)
        self.tabs.addTab(page, self.tr("Posture &breaks"))

        self.setTabOrder(self.routine_combo, self.period_combo)
        self.setTabOrder(self.period_combo, self.from_edit)
        self.setTabOrder(self.from_edit, self.to_edit)
        self.setTabOrder(self.to_edit, self.export_button)
        self.setTabOrder(self.export_button, self.calm_note)
        self.setTabOrder(self.calm_note, self.tabs)

        self.routine_combo.currentIndexChanged.connect(self._filters_changed)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        self.calendar.months_changed.connect(self._update_calendar)
        self.tabs.currentChanged.connect(self._tab_changed)

    def _reflow_filters(self) -> None:
        """Stack the filter row's halves when side by side they'd squeeze their fields."""
        lay = self.layout()
        if lay is None:
            return
        margins = lay.contentsMargins()
        room = self.contentsRect().width() - margins.left() - margins.right()
        first, second = self.filter_halves
        need = first.sizeHint().width() + self.filter_row.spacing() + second.sizeHint().width()
        direction = (
            QBoxLayout.Direction.TopToBottom if need > room else QBoxLayout.Direction.LeftToRight
        )
        if self.filter_row.direction() != direction:
            self.filter_row.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reflow_filters()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # fonts or texts changed
            self._reflow_filters()
        return super().event(event)

    # --- data --------------------------------------------------------------------
    def today(self) -> date:
        if self.review_source is not None and self._all:
            return max(s.started_at.date() for s in self._all)
        return self._today_fn()

    def targets(self) -> dict[str, Prescribed]:
        """routine id -> its prescription, from the window's scan of the routine folders."""
        return self._targets

    def set_targets(self, targets: Mapping[str, Prescribed]) -> None:
        """New prescriptions (the routine folders were scanned again)."""
        if dict(targets) != self._targets:
            self._targets = dict(targets)
            self.refresh()

    def reload(self) -> None:
        """Read the store again (on open and whenever the history changes)."""
        self._all = []
        self._breaks = []
        if self.store is None:
            why = self.ctx.history_problem if self.ctx is not None else None
            self.problem.setText(
                self.tr("The history cannot be shown: {0}").format(why)
                if why
                else self.tr("No history is open.")
            )
            self.problem.setVisible(True)
        else:
            self.problem.setVisible(False)
            self._all = list(self.store.summaries(include_previews=True))
        self._titles = {}
        for s in self._all:
            self._titles[s.routine_id] = s.routine_title or s.routine_id
        fm = self.sessions_view.fontMetrics()
        longest = max((fm.horizontalAdvance(t) for t in self._titles.values()), default=0)
        if longest:
            self.sessions_view.setColumnWidth(1, min(longest + fm.height(), fm.height() * 20))
        current = self.routine_combo.currentData()
        self.routine_combo.blockSignals(True)
        self.routine_combo.clear()
        self.routine_combo.addItem(self.tr("All routines"), None)
        for rid, title in sorted(self._titles.items(), key=lambda kv: kv[1].lower()):
            self.routine_combo.addItem(title, rid)
        found = self.routine_combo.findData(current) if current else 0
        self.routine_combo.setCurrentIndex(max(found, 0))
        self.routine_combo.blockSignals(False)
        self._apply_period(recompute=False)
        self.refresh()

    def routine_filter(self) -> str | None:
        data = self.routine_combo.currentData()
        return str(data) if data else None

    def period(self) -> tuple[date, date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def _apply_period(self, recompute: bool = True) -> None:
        days = self.period_combo.currentData()
        if days == 0:
            return
        end = self.today()
        if days == -1:
            start = min((s.started_at.date() for s in self._all), default=end)
        else:
            start = end - timedelta(days=int(days) - 1)
        for edit, value in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        if recompute:
            self.refresh()

    def _period_changed(self) -> None:
        self._apply_period()

    def _dates_edited(self) -> None:
        custom = self.period_combo.findData(0)
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(custom)
        self.period_combo.blockSignals(False)
        self.refresh()

    def _filters_changed(self) -> None:
        self.refresh()

    def set_period(self, start: date, end: date) -> None:
        """Show a custom period (From / To)."""
        self.from_edit.blockSignals(True)
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.from_edit.blockSignals(False)
        self.to_edit.setDate(QDate(end.year, end.month, end.day))
        self._dates_edited()

    def set_routine(self, routine_id: str | None) -> None:
        self.routine_combo.setCurrentIndex(max(self.routine_combo.findData(routine_id), 0))

    def shown_sessions(self) -> list[Any]:
        """The sessions of the period and routine shown (previews included)."""
        since, until = self.period()
        rid = self.routine_filter()
        return [
            s
            for s in self._all
            if (rid is None or s.routine_id == rid) and since <= s.started_at.date() <= until
        ]

    def refresh(self) -> None:
        """Recompute every section from the loaded sessions and the filters."""
        rows = self.shown_sessions()
        rid = self.routine_filter()
        routine_rows = [s for s in self._all if rid is None or s.routine_id == rid]
        today = self.today()

        self.sessions_model.set_sessions(rows)
        previews = sum(1 for s in rows if s.is_preview)
        text = self.tr("{0} sessions in this period.").format(len(rows))
        if previews:
            text += " " + self.tr(
                "{0} of them are previews (sped up, shown in italics) and are left out "
                "of every statistic."
            ).format(previews)
        self.sessions_summary.setText(text)

        targets = self.targets()
        adh = stats.adherence(routine_rows, targets, today)
        self.adherence_model.set_rows(
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
        _fit_height(self.adherence_view, max(len(adh), 1))
        self._update_calendar()

        self._points = stats.pain_series(rows)
        self._chart_dirty = True
        if self.tabs.currentWidget() is self.pain_chart:
            self._update_chart()

        eff = stats.effects(rows)
        self.effect_model.set_rows(
            [
                (
                    e.title,
                    str(e.rated),
                    change_text(e.mean_change),
                    (
                        self.tr("{0} of {1} ({2:.0%})").format(
                            e.meaningful, e.rated, e.meaningful_share
                        )
                        if e.rated
                        else "–"
                    ),
                )
                for e in eff
            ]
        )
        _fit_height(self.effect_view, max(len(eff), 1))

        since, until = self.period()
        # Breaks are read per period: years of them (5 a working day) are slow to load.
        self._breaks = [] if self.store is None else self.store.breaks(since=since, until=until)
        days = stats.breaks_per_day(self._breaks)
        self.breaks_model.set_rows(
            [
                (b.day.isoformat(), str(b.taken), str(b.due), str(b.skipped), str(b.postponed))
                for b in reversed(days)
            ]
        )
        taken = sum(b.taken for b in days)
        due = sum(b.due for b in days)
        self.breaks_summary.setText(
            self.tr(
                "{0} of {1} posture breaks taken in this period. Due = taken + skipped + "
                "reminders put off and never taken that day. Breaks are not counted in the "
                "routine statistics."
            ).format(taken, due)
            if days
            else self.tr("No posture-break reminders in this period.")
        )

        triggers = stats.calm_note_triggers(self._all, today)
        self.calm_note.setText(calm_note_text(triggers, reviewing=self.review_source is not None))
        self.calm_note.setVisible(bool(triggers))
        self.calm_note.setAccessibleDescription(self.calm_note.text())

    def _update_calendar(self) -> None:
        rid = self.routine_filter()
        rows = [s for s in self._all if rid is None or s.routine_id == rid]
        _, until = self.period()
        if self.sender() is not self.calendar:
            self.calendar.set_states({}, until)
        start, end = self.calendar.first_shown_day(), self.calendar.last_shown_day()
        states = stats.day_states(rows, self.targets(), start, end, self.today())
        self.calendar.set_states(states, end)

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.pain_chart and self._chart_dirty:
            self._update_chart()

    def _update_chart(self) -> None:
        self._chart_dirty = False
        self.pain_chart.set_points(self._points, self._titles)

    # --- exports -------------------------------------------------------------------
    def _ask_save_path(self, fmt: str, suggested: str) -> Path | None:
        filters = {
            "pdf": self.tr("PDF report (*.pdf)"),
            "csv": self.tr("CSV spreadsheet (*.csv)"),
            "json": self.tr("backcoach history (*.json)"),
            "fhir": self.tr("FHIR bundle (*.json)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export history"), str(Path.home() / suggested), filters[fmt]
        )
        return Path(name) if name else None

    def _show_message(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def _protected_paths(self) -> list[Path]:
        out = []
        if self.review_source is not None:
            out.append(self.review_source)
        if self.ctx is not None:
            out.append(self.ctx.paths.db_path)
        return [p.resolve() for p in out]

    def export(self, fmt: str) -> Path | None:
        """Export the period shown in `fmt` (json, csv, pdf, fhir); returns the file written."""
        since, until = self.period()
        ext = "pdf" if fmt == "pdf" else ("csv" if fmt == "csv" else "json")
        suffix = "-fhir" if fmt == "fhir" else ""
        suggested = f"backcoach-{since.isoformat()}-to-{until.isoformat()}{suffix}.{ext}"
        target = self.ask_save_path(fmt, suggested)
        if target is None:
            return None
        title = self.tr("Export history")
        if target.resolve() in self._protected_paths():
            self.show_message(
                title,
                self.tr("{0} is the history being shown: choose another file name.").format(target),
            )
            return None
        if self.store is None:
            self.show_message(title, self.tr("No history is open: nothing to export."))
            return None
        try:
            sessions, breaks = records_for_export(self.store, since, until, app_running=True)
            self._write_export(fmt, sessions, breaks, target, since, until)
        except Exception as exc:  # show every failure; the old file is left untouched
            self.show_message(title, self.tr("Could not export to {0}: {1}").format(target, exc))
            return None
        self.show_message(title, self.tr("Exported to {0}.").format(target))
        return target

    def _write_export(
        self,
        fmt: str,
        sessions: list[Any],
        breaks: list[Any],
        target: Path,
        since: date,
        until: date,
    ) -> None:
        job = ExportJob(
            sessions,
            breaks,
            since,
            until,
            self.now(),
            title=self.tr("Exercise and pain report"),
            targets=self.targets(),
        )
        write_export(fmt, target, job, render_pdf=report.render_pdf_report)


def open_review(
    path: Path,
    parent: QWidget | None = None,
    ctx: AppContext | None = None,
    *,
    warn: Callable[[str], None] | None = None,
    targets: Mapping[str, Prescribed] | None = None,
) -> HistoryPage | None:
    """A read-only history page for someone's JSON export, or None (after saying why).

    The export is read into an in-memory store: nothing is written to the live
    history. `ctx` defaults to `parent.ctx` when the parent has one; `warn`
    (a message box by default) is told why a file cannot be reviewed;
    `targets` are the reviewer's prescriptions (routine id -> Prescribed).
    """
    from backcoach.core.importer import ImportProblem, review_store

    if ctx is None:
        ctx = getattr(parent, "ctx", None)
    try:
        store = review_store(Path(path))
    except ImportProblem as exc:
        text = _tr("This file cannot be reviewed.\n\n{0}").format(exc.message)
        if warn is not None:
            warn(text)
        else:
            QMessageBox.warning(parent, _tr("Review history"), text)
        return None
    return HistoryPage(ctx, parent, store=store, review_source=Path(path), targets=targets)
