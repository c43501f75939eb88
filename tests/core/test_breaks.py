"""The break scheduler on fake clocks: step time, never sleep."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dtime
from typing import TypeVar

import pytest

from backcoach.core.breaks import (
    MAX_POSTPONES,
    BreakConfig,
    BreakDue,
    BreakResolved,
    BreakScheduler,
    BreakStarted,
    Event,
    HoursChanged,
    Paused,
    Resumed,
    Snoozed,
    State,
    TimerReset,
    parse_hhmm,
)
from backcoach.core.settings import Settings

E = TypeVar("E")

MONDAY_9 = datetime(2024, 6, 3, 9, 0)  # a Monday


@dataclass
class FakeTime:
    """One fake clock for both: `advance` moves monotonic and wall time together."""

    mono: float = 1000.0
    wall: datetime = MONDAY_9
    idle: float | None = None
    locked: bool | None = None
    events: list[object] = field(default_factory=list)

    def clock(self) -> float:
        return self.mono

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float, *, wall: bool = True) -> None:
        self.mono += seconds
        if wall:
            self.wall += timedelta(seconds=seconds)


def make(
    t: FakeTime, config: BreakConfig | None = None, routines: tuple[str, ...] = ("a",)
) -> BreakScheduler:
    return BreakScheduler(
        config or BreakConfig(interval=45 * 60, idle_reset=5 * 60),
        clock=t.clock,
        now=t.now,
        idle_seconds=lambda: t.idle,
        locked=lambda: t.locked,
        routines=routines,
    )


def run(s: BreakScheduler, t: FakeTime, seconds: float, step: float = 30.0) -> list[Event]:
    """Tick every `step` seconds for `seconds`, collecting events."""
    events: list[Event] = []
    done = 0.0
    while done < seconds:
        t.advance(step)
        done += step
        events += s.tick()
    return events


def of(kind: type[E], events: Sequence[object]) -> list[E]:
    return [e for e in events if isinstance(e, kind)]


def state(s: BreakScheduler) -> State:
    """`s.state` read through a call: mypy keeps a property narrowed by an earlier
    assert even across the scheduler calls that change it."""
    return s.state


def test_break_due_after_interval_of_use() -> None:
    t = FakeTime()
    s = make(t)
    assert state(s) == "waiting"
    assert s.next_due_in() == 45 * 60
    events = run(s, t, 44 * 60)
    assert not of(BreakDue, events)
    assert s.next_due_in() == pytest.approx(60)
    events = run(s, t, 60)
    due = of(BreakDue, events)
    assert len(due) == 1
    assert due[0].routine_id == "a"
    assert due[0].due_at == MONDAY_9 + timedelta(minutes=45)
    assert state(s) == "due"
    assert s.next_due_in() == 0
    # Staying due does not fire again.
    assert not of(BreakDue, run(s, t, 300))


def test_every_n_minutes_repeatedly() -> None:
    t = FakeTime()
    s = make(t, BreakConfig(interval=20 * 60))
    dues = 0
    for _ in range(3):
        events = run(s, t, 20 * 60)
        dues += len(of(BreakDue, events))
        s.take()
        s.finish_break(taken=True, session_id=7)
    assert dues == 3


def test_take_finish_logs_taken_with_session() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 45 * 60)
    started = s.take()
    assert isinstance(started[0], BreakStarted)
    assert state(s) == "on-break"
    t.idle = 600  # on the mat: idle is expected and ignored
    run(s, t, 300)
    assert state(s) == "on-break"
    events = s.finish_break(taken=True, session_id=42)
    resolved = of(BreakResolved, events)[0]
    assert resolved.status == "taken"
    assert resolved.session_id == 42
    assert resolved.routine_id == "a"
    assert state(s) == "waiting"
    assert s.next_due_in() == 45 * 60


def test_closing_the_window_without_a_session_is_a_skip() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 45 * 60)
    s.take()
    events = s.finish_break(taken=False)
    assert of(BreakResolved, events)[0].status == "skipped"


def test_take_now_from_the_menu_before_due() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 10 * 60)
    events = s.take()
    assert of(BreakStarted, events)[0].due_at == t.wall
    events = s.finish_break(taken=True, session_id=1)
    assert of(BreakResolved, events)[0].status == "taken"
    assert s.next_due_in() == 45 * 60


def test_skip_logs_and_restarts_a_full_interval() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 45 * 60)
    events = s.skip()
    assert of(BreakResolved, events)[0].status == "skipped"
    assert state(s) == "waiting"
    assert s.next_due_in() == 45 * 60


def test_postpone_limit_three_in_a_row() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 45 * 60)
    for i in range(MAX_POSTPONES):
        assert s.can_postpone
        events = s.postpone()
        assert of(BreakResolved, events)[0].status == "postponed"
        assert s.postpones_in_a_row == i + 1
        assert s.next_due_in() == 5 * 60
        events = run(s, t, 5 * 60)
        due = of(BreakDue, events)
        assert len(due) == 1
        assert due[0].postpones_in_a_row == i + 1
    assert not s.can_postpone
    assert s.postpone() == []
    assert state(s) == "due"
    assert not s.status().can_postpone
    s.skip()
    assert s.postpones_in_a_row == 0
    assert s.can_postpone


def test_snooze_when_not_due_pushes_back_and_counts() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 40 * 60)
    events = s.snooze()
    assert of(Snoozed, events)[0].seconds == 600
    assert s.next_due_in() == pytest.approx(15 * 60)
    assert s.postpones_in_a_row == 1


def test_snooze_when_due_is_a_ten_minute_postpone() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 45 * 60)
    events = s.snooze()
    assert of(BreakResolved, events)[0].status == "postponed"
    assert s.next_due_in() == 10 * 60
    assert of(BreakDue, run(s, t, 10 * 60))


def test_postponed_break_keeps_its_routine() -> None:
    t = FakeTime()
    s = make(t, routines=("a", "b"))
    first = of(BreakDue, run(s, t, 45 * 60))[0]
    s.postpone()
    again = of(BreakDue, run(s, t, 5 * 60))[0]
    assert again.routine_id == first.routine_id


def test_rotation_through_routines() -> None:
    t = FakeTime()
    s = make(t, routines=("a", "b", "c"))
    seen = []
    for _ in range(4):
        due = of(BreakDue, run(s, t, 45 * 60))[0]
        seen.append(due.routine_id)
        s.skip()
    assert seen == ["a", "b", "c", "a"]


def test_rotation_continues_from_the_last_logged_routine() -> None:
    t = FakeTime()
    s = BreakScheduler(
        BreakConfig(), clock=t.clock, now=t.now, routines=("a", "b", "c"), last_routine="b"
    )
    assert s.status().routine_id == "c"


def test_chosen_routine_wins_and_missing_one_falls_back_to_rotation() -> None:
    t = FakeTime()
    s = make(t, BreakConfig(routine="b"), routines=("a", "b"))
    assert of(BreakDue, run(s, t, 45 * 60))[0].routine_id == "b"
    s.skip()
    assert of(BreakDue, run(s, t, 45 * 60))[0].routine_id == "b"
    s.skip()
    s.configure(BreakConfig(routine="gone"))
    assert s.status().routine_id in ("a", "b")


def test_no_routines_gives_a_routine_less_break() -> None:
    t = FakeTime()
    s = make(t, routines=())
    assert of(BreakDue, run(s, t, 45 * 60))[0].routine_id is None


def test_idle_resets_the_countdown_once() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 30 * 60)
    t.idle = 299
    run(s, t, 30)
    assert s.next_due_in() == pytest.approx(14 * 60 + 30)  # short idle still counts
    t.idle = 300
    events = run(s, t, 30)
    assert of(TimerReset, events)[0].reason == "idle"
    assert s.next_due_in() == 45 * 60
    t.idle = 900
    assert not of(TimerReset, run(s, t, 600))  # still away: no new reset, no counting
    assert s.next_due_in() == 45 * 60
    t.idle = 2
    run(s, t, 60)
    assert s.next_due_in() == pytest.approx(44 * 60)


def test_idle_while_due_counts_as_a_break_taken_away() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 45 * 60)
    assert state(s) == "due"
    t.idle = 400
    events = run(s, t, 30)
    resolved = of(BreakResolved, events)[0]
    assert resolved.status == "taken"
    assert resolved.away
    assert state(s) == "waiting"


def test_locked_screen_does_not_count_and_resets_after_a_while() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 10 * 60)
    t.locked = True
    events = run(s, t, 4 * 60)
    assert not of(TimerReset, events)
    assert s.next_due_in() == pytest.approx(35 * 60)  # locked time is not use
    events = run(s, t, 60)
    assert of(TimerReset, events)[0].reason == "locked"
    t.locked = False
    run(s, t, 60)
    assert s.next_due_in() == pytest.approx(44 * 60)


def test_clock_jump_resets_the_countdown() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 40 * 60)
    t.advance(2 * 3600)  # the machine slept: one big step
    events = s.tick()
    assert of(TimerReset, events)[0].reason == "sleep"
    assert s.next_due_in() == 45 * 60
    assert not of(BreakDue, run(s, t, 44 * 60))


def test_no_idle_provider_only_sleep_resets() -> None:
    t = FakeTime()
    s = BreakScheduler(BreakConfig(), clock=t.clock, now=t.now)
    assert of(BreakDue, run(s, t, 45 * 60))


def test_only_within_days_and_hours() -> None:
    t = FakeTime(wall=datetime(2024, 6, 3, 17, 30))  # Monday 17:30
    s = make(t)
    events = run(s, t, 30 * 60)
    assert of(HoursChanged, events) == [HoursChanged(False)]
    assert state(s) == "off-hours"
    assert s.next_due_in() is None
    assert s.status().next_start == datetime(2024, 6, 4, 8, 0)
    assert not of(BreakDue, run(s, t, 3 * 3600, step=300))


def test_weekend_has_no_breaks_and_monday_starts_a_full_interval() -> None:
    t = FakeTime(wall=datetime(2024, 6, 1, 10, 0))  # Saturday
    s = make(t)
    assert state(s) == "off-hours"
    assert s.status().next_start == datetime(2024, 6, 3, 8, 0)
    # Jump to Monday 07:59 in small steps would be slow: move the wall clock only.
    t.wall = datetime(2024, 6, 3, 7, 59)
    s.tick()
    events = run(s, t, 60)
    assert HoursChanged(True) in events
    assert TimerReset("day-start") in events
    assert s.next_due_in() == 45 * 60
    assert of(BreakDue, run(s, t, 45 * 60))


def test_pause_for_an_hour() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 40 * 60)
    events = s.pause_for(3600)
    assert of(Paused, events)[0].until == t.wall + timedelta(hours=1)
    assert state(s) == "paused"
    assert s.paused_until == t.wall + timedelta(hours=1)
    assert not of(BreakDue, run(s, t, 59 * 60 + 30))
    events = run(s, t, 30)
    assert of(Resumed, events)
    assert state(s) == "waiting"
    assert s.next_due_in() == 45 * 60


def test_pause_until_tomorrow() -> None:
    t = FakeTime(wall=datetime(2024, 6, 3, 11, 0))
    s = make(t)
    s.pause_until_tomorrow()
    assert s.paused_until == datetime(2024, 6, 4, 8, 0)
    friday = FakeTime(wall=datetime(2024, 6, 7, 11, 0))
    f = make(friday)
    f.pause_until_tomorrow()
    assert f.paused_until == datetime(2024, 6, 10, 8, 0)  # the next work day


def test_pause_while_due_skips_it_and_resume_restarts() -> None:
    t = FakeTime()
    s = make(t)
    run(s, t, 45 * 60)
    events = s.pause_for(3600)
    assert of(BreakResolved, events)[0].status == "skipped"
    events = s.resume()
    assert Resumed() in events
    assert s.next_due_in() == 45 * 60


def test_disabled_does_nothing() -> None:
    t = FakeTime()
    s = make(t, BreakConfig(enabled=False))
    assert state(s) == "disabled"
    assert not run(s, t, 2 * 3600, step=60)
    assert s.take() == []


def test_configure_caps_the_countdown_at_the_new_interval() -> None:
    t = FakeTime()
    s = make(t)
    s.configure(BreakConfig(interval=20 * 60))
    assert s.next_due_in() == 20 * 60


def test_next_wakeup_is_short_near_a_due_break() -> None:
    t = FakeTime()
    s = make(t)
    assert s.next_wakeup() == 30
    run(s, t, 45 * 60 - 10, step=5)
    assert s.next_wakeup() == pytest.approx(10)


def test_config_from_settings() -> None:
    c = BreakConfig.from_settings(
        Settings(break_interval_minutes=30, break_start="07:30", break_end="bad")
    )
    assert c.interval == 1800
    assert c.start == dtime(7, 30)
    assert c.end == dtime(18, 0)
    assert parse_hhmm("24:00", dtime(0, 0)) == dtime.max
    assert parse_hhmm("25:00", dtime(1, 0)) == dtime(1, 0)


def test_window_past_midnight() -> None:
    c = BreakConfig(days=tuple(range(7)), start=dtime(22, 0), end=dtime(6, 0))
    assert c.in_hours(datetime(2024, 6, 3, 23, 0))
    assert c.in_hours(datetime(2024, 6, 3, 5, 0))
    assert not c.in_hours(datetime(2024, 6, 3, 12, 0))
