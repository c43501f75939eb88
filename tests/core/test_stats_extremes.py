"""Statistics never overflow, whatever dates an older history holds (year 1 or 9999)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

from backcoach.core.log import stats
from backcoach.core.log.stats import DayState
from tests.core.test_stats import DAILY, rec

EAST = timezone(timedelta(hours=5))
WEST = timezone(timedelta(hours=-5))


def test_day_states_run_to_the_last_day_there_is() -> None:
    last = rec(date.max, hour=9)
    states = stats.day_states([last], DAILY, date.max - timedelta(days=2), date.max, date.max)
    assert list(states) == [date.max - timedelta(days=n) for n in (2, 1, 0)]
    assert states[date.max] is DayState.DONE


def test_rolling_means_near_year_one() -> None:
    first = dataclasses.replace(rec(date.min), started_at=datetime(1, 1, 1, 0, 30, tzinfo=EAST))
    later = rec(date(1, 1, 3))
    points = stats.pain_series([first, later])
    assert [p.avg_before for p in points] == [5.0, 5.0]


def test_windows_that_would_start_before_year_one() -> None:
    early = [rec(date(1, 1, n), status="stopped", stop_reason="pain") for n in (1, 2, 3)]
    assert stats.calm_note_triggers(early, date(1, 1, 3))  # three stops for pain
    assert stats.adherence(early, DAILY, date(1, 1, 3))
    last = datetime(9999, 12, 31, 23, 0, tzinfo=WEST)  # after date.max in UTC
    latest = [dataclasses.replace(rec(date.max), started_at=last)]
    assert stats.calm_note_triggers(latest, date.max) == []
    assert stats.pain_series(latest)[0].avg_before == 5.0
