"""The history page: sessions, adherence, pain over time, does it help, breaks; exports.

Everything is computed by `core.stats` from the session summaries, loaded in
one query when the page opens and again on `ctx.history_changed`; filters work
on that list in memory. The page is a heading, a `FilterBar`, a calm note and
one widget per tab (`history_tabs`); a change of filters recomputes the calm
note and the tab in view, and each other tab when it is next shown. The
sessions list is a model/view table, the chart is drawn only when first shown
(and downsampled), so ten years of twice-daily sessions open in well under
the 300 ms budget (`bench/bench_history_page.py`).

Which numbers follow which control:
- the routine filter narrows everything except the calm note;
- the period (From / To) narrows the sessions list, the pain chart, the
  effect table, the breaks table and the exports; the calendar shows the three
  months ending at the period's end;
- adherence ("this week", "last 4 weeks") and the calm note always look back
  from today, whatever the period. In review mode "today" is the day of the
  last session in the file, so an old export reads as it did when it was made.

Adherence is measured against the prescriptions the window passes in
(`targets`, from its scan of the routine folders; `set_targets` after a rescan).

Review mode (`open_review`): an export file is read into an in-memory store;
the page says so in a banner, never writes to the live history, and refuses to
export over the reviewed file or the live database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.export import ExportJob, records_for_export, write_export
from backcoach.core.log import stats
from backcoach.ui.history import report
from backcoach.ui.history.history_filters import FilterBar
from backcoach.ui.history.history_model import calm_note_text
from backcoach.ui.history.history_tabs import (
    AdherenceTab,
    BreaksTab,
    EffectTab,
    HistoryTab,
    PainTab,
    Selection,
    SessionsTab,
)
from backcoach.ui.widgets.plain import message_box, plain_labels, plain_tooltip

if TYPE_CHECKING:
    from backcoach.core.history import HistoryStore
    from backcoach.core.log.records import BreakRecord, SessionSummary
    from backcoach.core.routine import Prescribed
    from backcoach.ui.context import AppContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryPage", text)


class HistoryPage(QWidget):
    """The history page. `store` overrides `ctx.history` (review mode passes its own).

    The filter controls and each tab's parts are also reachable from the page
    (`routine_combo`, `sessions_model`, `calendar`, `pain_chart`, ...).
    """

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
        self._all: list[SessionSummary] = []
        self._titles: dict[str, str] = {}
        self._stale: set[int] = set()
        """Tabs not showing the current filters yet (they catch up when shown)."""
        self.ask_save_path: Callable[[str, str], Path | None] = self._ask_save_path
        """Asks where to export (tests replace it)."""
        self.show_message: Callable[[str, str], None] = self._show_message
        """Shows an export result or problem (tests replace it)."""
        self.now: Callable[[], datetime] = lambda: datetime.now().astimezone()
        """When an export is made (tests fix it)."""
        self.setObjectName("HistoryPage")
        self.setAccessibleName(self.tr("History"))
        self._build()
        plain_labels(self)  # routine titles, notes, file names: shown as typed
        if ctx is not None and review_source is None:
            ctx.history_changed.connect(self.reload)
        self.reload()

    # --- layout ------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.addWidget(self._heading())
        self.banner = self._banner()
        lay.addWidget(self.banner)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.problem.setAccessibleName(self.tr("History problem"))
        lay.addWidget(self.problem)
        self.filters = FilterBar()
        lay.addWidget(self.filters)
        self.calm_note = self._calm_note()
        lay.addWidget(self.calm_note)
        self.tabs = self._tab_widget()
        lay.addWidget(self.tabs, 1)
        self._name_parts()
        self.setTabOrder(self.filters.export_button, self.calm_note)
        self.setTabOrder(self.calm_note, self.tabs)
        self.filters.changed.connect(self.refresh)
        self.filters.export_requested.connect(self.export)
        self.tabs.currentChanged.connect(self._show_current_tab)

    def _heading(self) -> QLabel:
        heading = QLabel(self.tr("History"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(self.tr("History"))
        return heading

    def _banner(self) -> QLabel:
        banner = QLabel()
        banner.setWordWrap(True)
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        banner.setMargin(8)
        banner.setAccessibleName(self.tr("Review mode"))
        if self.review_source is not None:
            banner.setText(
                self.tr("Reviewing someone else's history: {0} (read-only)").format(
                    self.review_source.name
                )
            )
            banner.setToolTip(plain_tooltip(str(self.review_source)))
        banner.setVisible(self.review_source is not None)
        return banner

    def _calm_note(self) -> QLabel:
        note = QLabel()
        note.setWordWrap(True)
        note.setFrameShape(QFrame.Shape.StyledPanel)
        note.setMargin(8)
        note.setAccessibleName(self.tr("A note about your numbers"))
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        note.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        note.setVisible(False)
        return note

    def _tab_widget(self) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setAccessibleName(self.tr("History sections"))
        tabs.tabBar().setAccessibleName(self.tr("History sections"))
        self.sessions_tab = SessionsTab()
        self.adherence_tab = AdherenceTab()
        self.pain_chart = PainTab()
        self.effect_tab = EffectTab()
        self.breaks_tab = BreaksTab(self._breaks)
        self._tab_list: list[HistoryTab] = [
            self.sessions_tab,
            self.adherence_tab,
            self.pain_chart,
            self.effect_tab,
            self.breaks_tab,
        ]
        tabs.addTab(self.sessions_tab, self.tr("&Sessions"))
        tabs.addTab(self.adherence_tab, self.tr("&Adherence"))
        tabs.addTab(self.pain_chart, self.tr("Pa&in over time"))
        tabs.addTab(self.effect_tab, self.tr("&Does it help?"))
        tabs.addTab(self.breaks_tab, self.tr("Posture &breaks"))
        return tabs

    def _name_parts(self) -> None:
        """The filter controls and tab parts, by the names the page has always had."""
        f = self.filters
        self.routine_combo, self.period_combo = f.routine_combo, f.period_combo
        self.from_edit, self.to_edit = f.from_edit, f.to_edit
        self.export_button, self.export_actions = f.export_button, f.export_actions
        self.sessions_model = self.sessions_tab.model
        self.sessions_view = self.sessions_tab.view
        self.sessions_summary = self.sessions_tab.summary
        self.adherence_model = self.adherence_tab.model
        self.calendar = self.adherence_tab.calendar
        self.effect_model = self.effect_tab.model
        self.breaks_model = self.breaks_tab.model

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
        self._all = self._load()
        self._titles = {s.routine_id: s.routine_title or s.routine_id for s in self._all}
        self.sessions_tab.fit_titles(self._titles)
        self.filters.set_routines(self._titles)
        today = self.today()
        self.filters.set_days(today, min((s.started_at.date() for s in self._all), default=today))
        self.refresh()

    def _load(self) -> list[SessionSummary]:
        if self.store is not None:
            self.problem.setVisible(False)
            return list(self.store.summaries(include_previews=True))
        why = self.ctx.history_problem if self.ctx is not None else None
        self.problem.setText(
            self.tr("The history cannot be shown: {0}").format(why)
            if why
            else self.tr("No history is open.")
        )
        self.problem.setVisible(True)
        return []

    def _breaks(self, since: date, until: date) -> list[BreakRecord]:
        return [] if self.store is None else self.store.breaks(since=since, until=until)

    def routine_filter(self) -> str | None:
        return self.filters.routine()

    def period(self) -> tuple[date, date]:
        return self.filters.period()

    def set_period(self, start: date, end: date) -> None:
        """Show a custom period (From / To)."""
        self.filters.set_period(start, end)

    def set_routine(self, routine_id: str | None) -> None:
        self.filters.set_routine(routine_id)

    def selection(self) -> Selection:
        """What the filters pick out of the loaded sessions."""
        since, until = self.period()
        rid = self.routine_filter()
        routine_rows = [s for s in self._all if rid is None or s.routine_id == rid]
        rows = [s for s in routine_rows if since <= s.started_at.date() <= until]
        return Selection(rows, routine_rows, since, until, self._targets, self._titles)

    def shown_sessions(self) -> list[Any]:
        """The sessions of the period and routine shown (previews included)."""
        return list(self.selection().rows)

    def refresh(self) -> None:
        """Show the filters' choice: the calm note and the tab in view now, others when shown."""
        triggers = stats.calm_note_triggers(self._all, self.today())
        self.calm_note.setText(calm_note_text(triggers, reviewing=self.review_source is not None))
        self.calm_note.setVisible(bool(triggers))
        self.calm_note.setAccessibleDescription(self.calm_note.text())
        self._stale = set(range(self.tabs.count()))
        self._show_current_tab()

    def _show_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        if index in self._stale:
            self._stale.discard(index)
            self._tab_list[index].show_rows(self.selection(), self.today())

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
        message_box(self, QMessageBox.Icon.Information, title, text)

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
    from backcoach.core.log.importer import ImportProblem, review_store

    if ctx is None:
        ctx = getattr(parent, "ctx", None)
    try:
        store = review_store(Path(path))
    except ImportProblem as exc:
        text = _tr("This file cannot be reviewed.\n\n{0}").format(exc.message)
        if warn is not None:
            warn(text)
        else:
            message_box(parent, QMessageBox.Icon.Warning, _tr("Review history"), text)
        return None
    page = HistoryPage(ctx, parent, store=store, review_source=Path(path), targets=targets)
    page.destroyed.connect(store.close)  # the export's store lives as long as its page
    return page
