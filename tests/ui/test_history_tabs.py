"""The history page in parts: the filter bar, and tabs that catch up only when shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core.history import HistoryStore
from backcoach.ui.history.history_filters import FilterBar
from backcoach.ui.history.history_page import HistoryPage
from tests.ui.test_history_page import TARGETS, TODAY, sample_records


@pytest.fixture
def page(qtbot: QtBot) -> Iterator[HistoryPage]:
    store = HistoryStore.in_memory()
    store.merge(*sample_records())
    p = HistoryPage(None, store=store, targets=TARGETS, today=lambda: TODAY)
    qtbot.addWidget(p)
    yield p
    store.close()


def test_a_filter_change_recomputes_the_tab_in_view_and_the_others_when_shown(
    page: HistoryPage,
) -> None:
    page.tabs.setCurrentWidget(page.effect_tab)
    both = [row[0] for row in page.effect_model.rows()]
    assert sorted(both) == ["Core stability", "Morning routine"]
    page.tabs.setCurrentWidget(page.sessions_tab)
    page.set_routine("core")
    assert {
        page.sessions_model.session(r).routine_id for r in range(page.sessions_model.rowCount())
    } == {"core"}
    assert [row[0] for row in page.effect_model.rows()] == both  # not in view: not redone yet
    page.tabs.setCurrentWidget(page.effect_tab)
    assert [row[0] for row in page.effect_model.rows()] == ["Core stability"]


def test_every_tab_shows_the_same_selection(page: HistoryPage) -> None:
    page.set_period(TODAY - timedelta(days=6), TODAY)
    chosen = page.selection()
    assert chosen.since == TODAY - timedelta(days=6) and chosen.until == TODAY
    assert list(chosen.rows) == page.shown_sessions()
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
    assert len(page.pain_chart.table_model.rows()) == sum(
        1 for s in chosen.rows if s.pain_before is not None or s.pain_after is not None
    )
    assert page.breaks_model.rows() == [("2026-03-17", "1", "2", "1", "0")]


def test_the_filter_bar_sets_periods_and_says_when_they_change(qtbot: QtBot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    changes: list[None] = []
    bar.changed.connect(lambda: changes.append(None))
    today, first = date(2026, 3, 18), date(2020, 1, 5)
    bar.set_days(today, first)
    assert bar.period() == (today - timedelta(days=90), today)  # "Last 3 months"
    assert changes == []  # set from the code: no one to tell
    bar.period_combo.setCurrentIndex(bar.period_combo.findData(-1))  # All time
    assert bar.period() == (first, today) and len(changes) == 1
    bar.set_period(date(2026, 1, 1), date(2026, 1, 31))
    assert bar.period_combo.currentData() == 0  # Custom
    assert bar.period() == (date(2026, 1, 1), date(2026, 1, 31)) and len(changes) == 2
    bar.set_days(today, first)  # a custom period stays as it is
    assert bar.period() == (date(2026, 1, 1), date(2026, 1, 31))
    bar.set_routines({"core": "Core stability", "am": "Morning routine"})
    bar.set_routine("core")
    assert bar.routine() == "core" and len(changes) == 3
    bar.set_routines({"core": "Core stability"})  # reloaded: the choice is kept
    assert bar.routine() == "core" and len(changes) == 3
    exported: list[str] = []
    bar.export_requested.connect(exported.append)
    bar.export_actions["csv"].trigger()
    assert exported == ["csv"]
