"""Statistics on hand-built session records."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from backcoach.core.log import stats
from backcoach.core.log.records import BreakRecord, BreakStatus, SessionRecord
from backcoach.core.log.stats import DayState
from backcoach.core.routine import Prescribed

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 18)  # a Wednesday


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


def rec(
    day: date,
    *,
    rid: str = "gentle",
    hour: int = 9,
    status: str = "completed",
    before: int | None = 5,
    after: int | None = 3,
    speed: float = 1.0,
    stop_reason: str | None = None,
    flare: bool = False,
    kind: str = "routine",
) -> SessionRecord:
    start = at(day, hour)
    return SessionRecord(
        id=0,
        uuid=f"{rid}-{start.isoformat()}",
        routine_id=rid,
        routine_title=rid.title(),
        routine_sha256="",
        started_at=start,
        ended_at=start + timedelta(minutes=10),
        status=status,  # type: ignore[arg-type]
        speed=speed,
        flare=flare,
        pain_before=before,
        pain_after=after,
        stop_reason=stop_reason,
        notes="",
        kind=kind,
    )


def d(offset: int) -> date:
    return TODAY + timedelta(days=offset)


DAILY = {"gentle": Prescribed(1, "day")}
WEEKLY = {"core": Prescribed(3, "week")}


def test_previews_running_and_breaks_are_not_counted() -> None:
    rows = [
        rec(d(0)),
        rec(d(0), speed=4.0),
        rec(d(0), status="running"),
        rec(d(0), kind="posture-break"),
    ]
    assert len(stats.counted(rows)) == 1
    assert stats.adherence(rows, DAILY, TODAY)[0].week_done == 1
    assert len(stats.pain_series(rows)) == 1


def test_daily_day_states_done_partial_missed() -> None:
    rows = [
        rec(d(-3)),  # first day: done
        rec(d(-2), status="stopped", stop_reason="tired"),  # partial
        # d(-1): missed
        rec(d(0)),
    ]
    states = stats.day_states(rows, DAILY, d(-5), d(1), TODAY)
    assert states[d(-5)] is DayState.REST  # before the routine was started
    assert states[d(-3)] is DayState.DONE
    assert states[d(-2)] is DayState.PARTIAL
    assert states[d(-1)] is DayState.MISSED
    assert states[d(0)] is DayState.DONE
    assert states[d(1)] is DayState.REST  # the future


def test_twice_a_day_needs_two_completed() -> None:
    rows = [rec(d(-1)), rec(d(-1), hour=18), rec(d(0))]
    states = stats.day_states(rows, {"gentle": Prescribed(2, "day")}, d(-1), d(0), TODAY)
    assert states[d(-1)] is DayState.DONE
    assert states[d(0)] is DayState.PARTIAL


def test_weekly_days_are_done_or_rest_never_missed() -> None:
    rows = [rec(d(-2), rid="core"), rec(d(0), rid="core", status="interrupted")]
    states = stats.day_states(rows, WEEKLY, d(-2), d(0), TODAY)
    assert states == {d(-2): DayState.DONE, d(-1): DayState.REST, d(0): DayState.PARTIAL}


def test_preview_alone_does_not_make_a_day_done() -> None:
    rows = [rec(d(-1)), rec(d(0), speed=2.0)]
    states = stats.day_states(rows, DAILY, d(-1), d(0), TODAY)
    assert states[d(0)] is DayState.MISSED


def test_two_routines_on_one_day() -> None:
    targets = {**DAILY, **WEEKLY}
    rows = [rec(d(-1)), rec(d(-1), rid="core"), rec(d(0), rid="core")]
    states = stats.day_states(rows, targets, d(-1), d(0), TODAY)
    assert states[d(-1)] is DayState.DONE
    assert states[d(0)] is DayState.PARTIAL  # the daily one is missing


def test_adherence_daily_this_week_and_four_weeks() -> None:
    rows = [rec(d(-i)) for i in range(0, 40) if i % 2 == 0]
    rows.append(rec(d(-1), status="stopped", stop_reason="pain"))
    (a,) = stats.adherence(rows, DAILY, TODAY)
    assert a.target == "1/day"
    # Monday d(-2), Tuesday d(-1), Wednesday d(0): done Mon and Wed.
    assert (a.week_done, a.week_target) == (2, 3)
    assert (a.weeks4_done, a.weeks4_target) == (14, 28)
    assert a.stopped == 1
    assert a.weeks4_ratio == pytest.approx(0.5)


def test_adherence_weekly() -> None:
    rows = [rec(d(-i), rid="core") for i in (0, 2, 5, 9, 12, 16, 19, 23, 26)]
    (a,) = stats.adherence(rows, WEEKLY, TODAY)
    assert a.target == "3/week"
    assert (a.week_done, a.week_target) == (2, 3)  # d(0) and d(-2), this Monday
    assert (a.weeks4_done, a.weeks4_target) == (9, 12)


def test_adherence_target_pro_rata_for_a_new_routine() -> None:
    rows = [rec(d(-4)), rec(d(0))]
    (a,) = stats.adherence(rows, DAILY, TODAY)
    assert a.weeks4_target == 5


def test_adherence_without_target() -> None:
    (a,) = stats.adherence([rec(d(0), rid="unknown")], DAILY, TODAY)
    assert a.target == ""
    assert a.week_target is None
    assert a.weeks4_ratio is None


def test_rolling_seven_day_average() -> None:
    rows = [
        rec(d(-10), before=8, after=8),
        rec(d(-6), before=6, after=4),
        rec(d(-3), before=4, after=2),
        rec(d(0), before=2, after=None),
    ]
    pts = stats.pain_series(rows)
    assert [p.avg_before for p in pts] == [8, 7, 5, 4]  # d(-10) drops out at d(-3)
    assert [p.avg_after for p in pts] == [8, 6, 3, 3]


def test_pain_series_for_one_routine() -> None:
    rows = [rec(d(0)), rec(d(0), rid="core", before=9)]
    assert [p.before for p in stats.pain_series(rows, "core")] == [9]


def test_downsample_keeps_ends() -> None:
    pts = stats.pain_series([rec(d(-i)) for i in range(100)])
    small = stats.downsample(pts, 10)
    assert len(small) == 10
    assert small[0] == pts[0] and small[-1] == pts[-1]


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [
        (8, 6, True),  # 2 points
        (3, 2, True),  # 1 point, 33 %
        (10, 8, True),
        (9, 8, False),  # 1 point, 11 %
        (5, 5, False),
        (2, 4, False),
        (0, 0, False),
        (10, 7, True),
    ],
)
def test_meaningful_threshold(before: int, after: int, meaningful: bool) -> None:
    assert stats.is_meaningful_drop(before, after) is meaningful


def test_effects_per_routine() -> None:
    rows = [
        rec(d(-3), before=6, after=3),
        rec(d(-2), before=6, after=5),
        rec(d(-1), before=4, after=5),
        rec(d(-1), before=None, after=None),
        rec(d(0), before=9, after=0, speed=3.0),  # preview: left out
        rec(d(0), rid="core", before=None, after=2),
    ]
    eff = {e.routine_id: e for e in stats.effects(rows)}
    g = eff["gentle"]
    assert g.rated == 3
    assert g.mean_change == pytest.approx(-1.0)
    assert g.meaningful == 1
    assert g.meaningful_share == pytest.approx(1 / 3)
    assert eff["core"].rated == 0 and eff["core"].mean_change is None


def test_no_calm_note_when_fine() -> None:
    rows = [rec(d(-i), before=4, after=2) for i in range(30)]
    assert stats.calm_note_triggers(rows, TODAY) == []


def test_calm_note_worse_after_three_of_five() -> None:
    rows = [rec(d(-i), before=4, after=2) for i in range(5, 20)]
    rows += [
        rec(d(-4), before=3, after=5),
        rec(d(-3), before=4, after=3),
        rec(d(-2), before=3, after=4),
        rec(d(-1), before=3, after=3),
        rec(d(0), before=2, after=6),
    ]
    (t,) = stats.calm_note_triggers(rows, TODAY)
    assert isinstance(t, stats.WorseAfter)
    assert (t.worse, t.of) == (3, 5)
    assert t.sessions[-1][1:] == (2, 6)


def test_calm_note_two_of_five_is_fine() -> None:
    rows = [rec(d(-i), before=3, after=2) for i in range(3)]
    rows += [rec(d(-4), before=2, after=5), rec(d(-3), before=2, after=5)]
    assert stats.calm_note_triggers(rows, TODAY) == []


def test_calm_note_pain_trend() -> None:
    rows = [rec(d(-i), before=3, after=3) for i in range(14, 28)]
    rows += [rec(d(-i), before=5, after=5) for i in range(0, 14)]
    (t,) = stats.calm_note_triggers(rows, TODAY)
    assert isinstance(t, stats.PainTrend)
    assert t.rise == pytest.approx(2.0)
    assert (t.recent_n, t.earlier_n) == (14, 14)


def test_calm_note_trend_needs_enough_ratings() -> None:
    rows = [rec(d(-20), before=1, after=1), rec(d(-1), before=8, after=8)]
    assert stats.calm_note_triggers(rows, TODAY) == []


def test_calm_note_stops_for_pain() -> None:
    rows = [rec(d(-i), before=3, after=2) for i in range(10)]
    rows += [
        rec(d(-i), hour=18, status="stopped", stop_reason="pain", before=3, after=None)
        for i in (1, 5, 9)
    ]
    rows.append(rec(d(-20), status="stopped", stop_reason="pain"))  # too old
    (t,) = stats.calm_note_triggers(rows, TODAY)
    assert isinstance(t, stats.PainStops)
    assert t.count == 3


def test_stops_for_other_reasons_are_fine() -> None:
    rows = [rec(d(-i), status="stopped", stop_reason="tired", after=None) for i in range(5)]
    assert stats.calm_note_triggers(rows, TODAY) == []


def brk(day: date, hour: int, status: BreakStatus) -> BreakRecord:
    return BreakRecord(
        id=0,
        uuid="",
        due_at=at(day, hour),
        at=None,
        status=status,
        routine_id=None,
        session_id=None,
    )


def test_breaks_per_day() -> None:
    breaks = [
        brk(d(-1), 9, "taken"),
        brk(d(-1), 10, "postponed"),
        brk(d(-1), 11, "taken"),  # the postponed one, taken later
        brk(d(-1), 12, "skipped"),
        brk(d(0), 9, "taken"),
        brk(d(0), 10, "postponed"),
        brk(d(0), 11, "postponed"),  # never taken: one break missed
    ]
    days = stats.breaks_per_day(breaks)
    assert [(b.day, b.taken, b.due) for b in days] == [(d(-1), 2, 3), (d(0), 1, 2)]


def test_flare_days() -> None:
    rows = [rec(d(-1), flare=True), rec(d(-1), hour=18, flare=True), rec(d(0), speed=2, flare=True)]
    assert stats.flare_days(rows) == [d(-1)]


def test_period_adherence() -> None:
    rows = [rec(d(-i)) for i in range(10)] + [rec(d(-3), status="stopped", after=None)]
    (a,) = stats.period_adherence(rows, DAILY, d(-6), d(0))
    assert (a.done, a.expected, a.stopped) == (7, 7, 1)
    (w,) = stats.period_adherence([rec(d(-i), rid="core") for i in (0, 3)], WEEKLY, d(-13), d(0))
    assert (w.done, w.expected) == (2, 2)  # first done 3 days ago: 4 days x 3/7
