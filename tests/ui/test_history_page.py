"""The history page over a populated temporary store, and review mode."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCharts import QScatterSeries
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.export import export_json
from backcoach.core.history import HistoryStore, open_history
from backcoach.core.log import stats
from backcoach.core.log.records import Answer, BreakRecord, SessionRecord, StepRecord
from backcoach.core.routine import Prescribed
from backcoach.ui.context import AppContext
from backcoach.ui.history.history_page import HistoryPage, open_review
from tests.ui.kit import make_ctx, next_in_focus_chain

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 18)
TARGETS = {"morning": Prescribed(1, "day"), "core": Prescribed(3, "week")}


def session(
    day: date,
    *,
    rid: str = "morning",
    title: str = "Morning routine",
    hour: int = 8,
    status: str = "completed",
    before: int | None = 5,
    after: int | None = 3,
    speed: float = 1.0,
    stop_reason: str | None = None,
    flare: bool = False,
    notes: str = "",
    fever: str = "no",
) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)
    return SessionRecord(
        id=0,
        uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{rid}/{start.isoformat()}")),
        routine_id=rid,
        routine_title=title,
        routine_sha256="",
        started_at=start,
        ended_at=start + timedelta(minutes=12),
        status=status,  # type: ignore[arg-type]
        speed=speed,
        flare=flare,
        pain_before=before,
        pain_after=after,
        stop_reason=stop_reason,
        notes=notes,
        answers=(
            Answer("Do you have a fever?", fever),
            Answer("Is today a flare day?", "yes" if flare else "no"),
        ),
        steps=(StepRecord(0, "bridge", "done", 300.0, 300.0),),
    )


def sample_records() -> tuple[list[SessionRecord], list[BreakRecord]]:
    """60 days: a morning routine most days, core 3 a week, a few previews and stops."""
    rows: list[SessionRecord] = []
    for i in range(60):
        day = TODAY - timedelta(days=i)
        if i % 7 != 3:
            rows.append(
                session(day, before=5 + i % 3, after=3 + i % 2, notes="stiff" if i == 5 else "")
            )
        if day.weekday() in (0, 2, 4):
            rows.append(
                session(day, rid="core", title="Core stability", hour=18, before=4, after=4)
            )
    rows.append(session(TODAY - timedelta(days=2), hour=12, speed=4.0, before=None, after=None))
    rows.append(session(TODAY - timedelta(days=40), hour=12, speed=2.0))
    rows.append(
        session(
            TODAY - timedelta(days=9),
            hour=20,
            status="stopped",
            stop_reason="pain",
            after=None,
            flare=True,
            fever="yes",
            notes="back spasm",
        )
    )
    due = datetime(2026, 3, 17, 10, 0, tzinfo=TZ)
    breaks = [
        BreakRecord(0, "b1", due, due, "taken", None, None),
        BreakRecord(0, "b2", due + timedelta(hours=1), None, "skipped", None, None),
    ]
    return rows, breaks


@pytest.fixture
def store() -> Iterator[HistoryStore]:
    st = HistoryStore.in_memory()
    rows, breaks = sample_records()
    st.merge(rows, breaks)
    yield st
    st.close()


@pytest.fixture
def ctx(data_dir: Path, store: HistoryStore) -> AppContext:
    return make_ctx(data_dir, history=store)


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> HistoryPage:
    p = HistoryPage(ctx, targets=TARGETS, today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1100, 800)
    return p


def test_rows_follow_period_and_routine(page: HistoryPage, store: HistoryStore) -> None:
    all_rows = store.summaries()
    since = TODAY - timedelta(days=90)
    assert page.period() == (since, TODAY)
    assert page.sessions_model.rowCount() == len(all_rows)

    page.set_routine("core")
    assert page.sessions_model.rowCount() == sum(1 for s in all_rows if s.routine_id == "core")
    assert {
        page.sessions_model.session(r).routine_id for r in range(page.sessions_model.rowCount())
    } == {"core"}

    page.set_routine(None)
    page.set_period(TODAY - timedelta(days=6), TODAY)
    expected = [s for s in all_rows if s.started_at.date() >= TODAY - timedelta(days=6)]
    assert page.sessions_model.rowCount() == len(expected)
    assert page.period_combo.currentData() == 0  # "Custom"
    # Newest first.
    first = page.sessions_model.session(0).started_at
    assert first == max(s.started_at for s in expected)


def test_preview_rows_are_marked_and_not_counted(page: HistoryPage) -> None:
    m = page.sessions_model
    previews = [r for r in range(m.rowCount()) if m.session(r).is_preview]
    assert len(previews) == 2
    idx = m.index(previews[0], 2)
    assert "Preview" in m.data(idx)
    assert m.data(idx, Qt.ItemDataRole.FontRole).italic()
    assert not m.data(m.index(previews[0] + 1, 2), Qt.ItemDataRole.FontRole)
    assert "2 of them are previews" in page.sessions_summary.text()
    # The effect table leaves previews out.
    page.tabs.setCurrentWidget(page.effect_tab)
    rated = stats.effects([m.session(r) for r in range(m.rowCount())])
    assert page.effect_model.rows()[0][1] == str(rated[0].rated)


def test_chart_table_has_the_chart_numbers(page: HistoryPage, qtbot: QtBot) -> None:
    page.show()
    page.tabs.setCurrentWidget(page.pain_chart)
    qtbot.waitUntil(lambda: bool(page.pain_chart.chart.series()))
    points = stats.pain_series(page.shown_sessions())
    rows = page.pain_chart.table_model.rows()
    assert len(rows) == len(points)
    assert [(r[2], r[3]) for r in rows] == [
        (
            str(p.before) if p.before is not None else "–",
            str(p.after) if p.after is not None else "–",
        )
        for p in points
    ]
    assert rows[-1][4] == f"{points[-1].avg_before:.1f}"
    scatter = [s for s in page.pain_chart.chart.series() if isinstance(s, QScatterSeries)]
    before = next(s for s in scatter if s.name() == "Pain before")
    assert [round(p.y()) for p in before.points()] == [
        p.before for p in points if p.before is not None
    ]
    page.pain_chart.toggle.click()
    assert page.pain_chart.stack.currentWidget() is page.pain_chart.table


def test_adherence_calendar_and_breaks(page: HistoryPage) -> None:
    page.tabs.setCurrentWidget(page.adherence_tab)
    rows = {r[0]: r for r in page.adherence_model.rows()}
    assert rows["Core stability"][1] == "3 a week"
    assert rows["Morning routine"][1] == "1 a day"
    assert rows["Core stability"][2] == "2 of 3"  # Monday and Wednesday of this week
    desc = page.calendar.accessibleDescription()
    assert "March 2026" in desc and "done" in desc
    assert page.calendar.month_counts(2026, 3)[stats.DayState.MISSED] >= 1
    page.tabs.setCurrentWidget(page.breaks_tab)
    assert page.breaks_model.rows() == [("2026-03-17", "1", "2", "1", "0")]


def test_calm_note(qtbot: QtBot, ctx: AppContext, store: HistoryStore, page: HistoryPage) -> None:
    assert not page.calm_note.isVisibleTo(page)
    worse = [
        session(
            TODAY - timedelta(days=i), hour=21, status="stopped", stop_reason="pain", after=None
        )
        for i in (1, 3, 5)
    ]
    store.merge(worse)
    ctx.history_changed.emit()
    assert page.calm_note.isVisibleTo(page)
    assert "4 sessions were stopped because of pain" in page.calm_note.text()
    assert "care team" in page.calm_note.text()


def test_history_changed_refreshes(ctx: AppContext, store: HistoryStore, page: HistoryPage) -> None:
    before = page.sessions_model.rowCount()
    store.merge([session(TODAY, hour=22, rid="new", title="New routine")])
    ctx.history_changed.emit()
    assert page.sessions_model.rowCount() == before + 1
    assert page.routine_combo.findData("new") > 0


def focus_chain(page: HistoryPage) -> list[QWidget]:
    """The widgets Tab visits, in order: the focus chain, keeping visible tab-focusable ones."""
    start = page.routine_combo
    out: list[QWidget] = [start]
    w = next_in_focus_chain(start)
    for _ in range(500):
        if w is start:
            break
        tab = bool(w.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
        if tab and w.isVisibleTo(page) and w.isEnabled() and w.focusProxy() is None:
            out.append(w)
        w = next_in_focus_chain(w)
    return out


def _reached(chain: list[QWidget], target: QWidget) -> bool:
    return any(w is target or target.isAncestorOf(w) for w in chain)


def test_keyboard_focus_reaches_every_control(qtbot: QtBot, page: HistoryPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    chain = focus_chain(page)
    order = [page.routine_combo, page.period_combo, page.from_edit, page.to_edit]
    positions = [next(i for i, w in enumerate(chain) if _reached([w], t)) for t in order]
    assert positions == sorted(positions)
    for w in (
        page.routine_combo,
        page.period_combo,
        page.from_edit,
        page.to_edit,
        page.export_button,
        page.tabs.tabBar(),
        page.sessions_view,
    ):
        assert _reached(chain, w), w.accessibleName()
        assert w.accessibleName()
    page.tabs.setCurrentWidget(page.pain_chart)
    chain = focus_chain(page)
    assert _reached(chain, page.pain_chart.toggle)
    page.pain_chart.toggle.click()
    chain = focus_chain(page)
    assert _reached(chain, page.pain_chart.table)
    page.tabs.setCurrentIndex(1)
    assert _reached(focus_chain(page), page.calendar)


def test_export_json_and_pdf(page: HistoryPage, tmp_path: Path) -> None:
    messages: list[str] = []
    page.show_message = lambda _t, text: messages.append(text)
    page.set_period(TODAY - timedelta(days=6), TODAY)
    target = tmp_path / "out.json"
    page.ask_save_path = lambda _fmt, _name: target
    assert page.export("json") == target
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "backcoach-history"
    assert len(data["sessions"]) == page.sessions_model.rowCount()
    pdf = tmp_path / "out.pdf"
    page.ask_save_path = lambda _fmt, _name: pdf
    assert page.export("pdf") == pdf
    assert pdf.read_bytes().startswith(b"%PDF")
    csv_file = tmp_path / "out.csv"
    page.ask_save_path = lambda _fmt, _name: csv_file
    assert page.export("csv") == csv_file
    assert csv_file.read_text(encoding="utf-8-sig").startswith("id,started_at")
    assert messages[-1].startswith("Exported to")


def test_export_refuses_the_live_database(page: HistoryPage, ctx: AppContext) -> None:
    messages: list[str] = []
    page.show_message = lambda _t, text: messages.append(text)
    page.ask_save_path = lambda _fmt, _name: ctx.paths.db_path
    assert page.export("json") is None
    assert not ctx.paths.db_path.exists()
    assert "choose another file name" in messages[0]


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    rows, breaks = sample_records()
    path = tmp_path / "patient-export.json"
    data = export_json(rows, exported_at=datetime(2026, 3, 18, 20, 0, tzinfo=TZ), breaks=breaks)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_review_mode(qtbot: QtBot, data_dir: Path, export_file: Path) -> None:
    live = open_history(data_dir / "history.sqlite3")
    ctx = make_ctx(data_dir, history=live)
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        parent.ctx = ctx  # type: ignore[attr-defined]
        review = open_review(export_file, parent, warn=pytest.fail)
        assert review is not None
        assert review.read_only
        assert review.banner.isVisibleTo(review)
        assert review.banner.text() == (
            "Reviewing someone else's history: patient-export.json (read-only)"
        )
        assert review.store is not live
        assert review.sessions_model.rowCount() > 0
        assert review.today() == TODAY  # the day of the file's last session
        assert live.count() == 0
        # No delete anywhere, and no export over the reviewed file.
        assert not [
            a
            for a in review.findChildren(QObject)
            if "delete" in str(getattr(a, "text", lambda: "")()).lower()
        ]
        messages: list[str] = []
        review.show_message = lambda _t, text: messages.append(text)
        review.ask_save_path = lambda _fmt, _name: export_file
        before = export_file.read_bytes()
        assert review.export("json") is None
        assert export_file.read_bytes() == before
        assert "choose another file name" in messages[0]
        assert live.count() == 0
    finally:
        live.close()


def test_review_refuses_a_non_export(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    told: list[str] = []
    assert open_review(bad, None, None, warn=told.append) is None
    assert "not a backcoach history export" in told[0]
    assert "notes.json" in told[0]


def test_page_without_history_says_why(qtbot: QtBot, data_dir: Path) -> None:
    ctx = make_ctx(data_dir, history=None, history_problem="disk full")
    p = HistoryPage(ctx, targets={})
    qtbot.addWidget(p)
    assert "disk full" in p.problem.text()
    assert p.sessions_model.rowCount() == 0


def test_calm_note_speaks_to_the_patient_or_about_them_in_review() -> None:
    from backcoach.core.log import stats
    from backcoach.ui.history.history_model import calm_note_text

    trend = stats.PainTrend(recent_mean=7.0, recent_n=5, earlier_mean=4.5, earlier_n=6)
    own = calm_note_text([trend])
    review = calm_note_text([trend], reviewing=True)
    assert "from 4.5 to 7.0" in own and "from 4.5 to 7.0" in review
    assert "your care team" in own
    assert "with the patient" in review and "your" not in review.lower()
