"""History statistics: adherence, pain averages, per-routine effect, calm-note triggers, breaks.

Pure functions over session and break records (``records.SessionRecord`` or the
lighter ``records.SessionSummary``; anything shaped like `SessionLike`). No Qt,
no SQLite, no clock: "today" is always passed in.

Decisions (the issue left these open; the history page and the PDF report
both rely on them):

- **What is counted.** Every statistic leaves out previews (speed > 1: a
  therapist's run-through), sessions still ``running`` and posture-break
  sessions (``kind == "posture-break"``, shown apart as breaks). Stopped and
  interrupted sessions *are* counted wherever they carry the ratings a
  statistic needs (a session stopped for pain says a lot about pain).
- **Done / partial / missed, per routine and day.** A session is *done* when its
  status is ``completed``. For an ``N/day`` routine a day is *done* with at least
  N completed sessions, *partial* with fewer (or only stopped / interrupted
  ones), *missed* with none. For an ``N/week`` routine a day is *done* with a
  completed session, *partial* with only stopped / interrupted ones, and
  otherwise a *rest* day, never missed: the week summary compares the count
  with N instead. A routine without a target behaves like ``N/week``.
- **Several routines on one day** (the calendar for "all routines"): the day is
  *done* when every daily routine is done, *missed* when a daily routine is due
  and nothing at all was done, *partial* otherwise; with only weekly routines
  the day is done / partial / rest as above.
- **When a routine counts.** A routine is only due from the day of its first
  counted session on, so the weeks before a patient started it are not missed.
- **Adherence windows.** *This week* is Monday to today. The target so far is
  N x days elapsed for ``N/day`` and N for ``N/week`` (the week is not over).
  *Last 4 weeks* is the 28 days ending today, target N x 28 or N x 4, cut down
  pro rata when the routine was first done less than 28 days ago.
- **7-day average** at a session: the mean of the ratings of the sessions in the
  7 days ending at that session (itself included), i.e. a rolling mean over
  ``(t - 7 days, t]``.
- **Clinically meaningful drop**: pain_before - pain_after >= 2 points OR
  >= 30 % of pain_before (the usual threshold for low back pain on 0-10).
- **Calm-note triggers** (a note, never an alarm):
  1. pain after > pain before in at least 3 of the last 5 sessions rated both ways;
  2. mean pain_before of the last 14 days at least 2 points above the mean of
     the 14 days before (each window needs at least 3 ratings);
  3. at least 3 sessions stopped for pain in the last 14 days.
- **Breaks due per day** = taken + skipped + 1 when the day's last reminders
  were postponed and never followed by a taken or skipped one. A postponed
  reminder is re-shown later (a new record), so counting every postponed record
  would count the same break several times; a postponement that is the day's
  last word was never taken, so it is one break due and missed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Protocol

from backcoach.core.routine import POSTURE_BREAK_KIND

MEANINGFUL_POINTS = 2
MEANINGFUL_FRACTION = 0.30
ROLLING_DAYS = 7
WORSE_AFTER_WINDOW = 5
WORSE_AFTER_COUNT = 3
TREND_DAYS = 14
TREND_POINTS = 2.0
TREND_MIN_RATINGS = 3
PAIN_STOPS_DAYS = 14
PAIN_STOPS_COUNT = 3


class SessionLike(Protocol):
    """The fields statistics read; `SessionRecord` and `SessionSummary` both fit."""

    @property
    def routine_id(self) -> str: ...
    @property
    def routine_title(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def status(self) -> str: ...
    @property
    def speed(self) -> float: ...
    @property
    def flare(self) -> bool: ...
    @property
    def pain_before(self) -> int | None: ...
    @property
    def pain_after(self) -> int | None: ...
    @property
    def stop_reason(self) -> str | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def notes(self) -> str: ...


class BreakLike(Protocol):
    @property
    def due_at(self) -> datetime: ...
    @property
    def status(self) -> str: ...


class TargetLike(Protocol):
    """`routine.Prescribed`: N per day or per week."""

    @property
    def count(self) -> int: ...
    @property
    def per(self) -> str: ...


def is_counted(s: SessionLike) -> bool:
    """True for a session the statistics use (see the module docstring)."""
    return s.speed <= 1.0 and s.status != "running" and s.kind != POSTURE_BREAK_KIND


def counted(sessions: Iterable[SessionLike]) -> list[SessionLike]:
    """The counted sessions, oldest first."""
    return sorted((s for s in sessions if is_counted(s)), key=lambda s: s.started_at)


def _days_before(day: date, days: int) -> date:
    """`day - days`, stopping at date.min (a session stamped in year 1 must not overflow)."""
    return date.fromordinal(max(1, day.toordinal() - days))


def local_day(s: SessionLike) -> date:
    """The calendar day of a session, in the local time it was recorded in."""
    return s.started_at.date()


# ---------------------------------------------------------------- adherence


class DayState(Enum):
    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    REST = "rest"
    """Nothing due (a weekly routine's day off, before the first session, the future)."""


def _routine_day_state(completed: int, attempted: int, target: TargetLike | None) -> DayState:
    daily = target is not None and target.per == "day"
    need = target.count if (target is not None and daily) else 1
    if completed >= need:
        return DayState.DONE
    if completed or attempted:
        return DayState.PARTIAL
    return DayState.MISSED if daily else DayState.REST


def day_states(
    sessions: Iterable[SessionLike],
    targets: Mapping[str, TargetLike],
    start: date,
    end: date,
    today: date,
) -> dict[date, DayState]:
    """Done / partial / missed / rest for each day from `start` to `end` (inclusive).

    `targets` maps routine id to its prescription; routines without one are
    treated as weekly. Days after `today` are rest. A day without any session
    is missed once a daily routine is due, and rest otherwise, without looking
    further: a period of centuries (a session stamped in year 1 or 9999 by an
    older import) takes a second, not minutes.
    """
    first_day: dict[str, date] = {}
    completed: dict[tuple[str, date], int] = {}
    attempted: dict[tuple[str, date], int] = {}
    for s in counted(sessions):
        d = local_day(s)
        first_day.setdefault(s.routine_id, d)
        tally = completed if s.status == "completed" else attempted
        tally[s.routine_id, d] = tally.get((s.routine_id, d), 0) + 1
    busy = {d for _, d in completed} | {d for _, d in attempted}
    daily_from = min((f for rid, f in first_day.items() if _daily(targets.get(rid))), default=None)
    out: dict[date, DayState] = {}
    # By ordinal, not `day += timedelta(days=1)`: a period ending on date.max (a
    # session stamped 9999-12-31) must not overflow.
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        day = date.fromordinal(ordinal)
        if day > today:
            out[day] = DayState.REST
        elif day not in busy:
            due = daily_from is not None and day >= daily_from
            out[day] = DayState.MISSED if due else DayState.REST
        else:
            states = [
                (
                    _routine_day_state(
                        completed.get((rid, day), 0), attempted.get((rid, day), 0), targets.get(rid)
                    ),
                    _daily(targets.get(rid)),
                )
                for rid, first in first_day.items()
                if first <= day
            ]
            out[day] = _combine(states)
    return out


def _daily(target: TargetLike | None) -> bool:
    return target is not None and target.per == "day"


def _combine(states: Sequence[tuple[DayState, bool]]) -> DayState:
    if not states:
        return DayState.REST
    daily = [st for st, is_daily in states if is_daily]
    anything = any(st in (DayState.DONE, DayState.PARTIAL) for st, _ in states)
    if daily:
        if all(st is DayState.DONE for st in daily):
            return DayState.DONE
        return DayState.PARTIAL if anything else DayState.MISSED
    if any(st is DayState.DONE for st, _ in states):
        return DayState.DONE
    return DayState.PARTIAL if anything else DayState.REST


@dataclass(frozen=True)
class RoutineAdherence:
    routine_id: str
    title: str
    target: str
    """"1/day", "3/week", or "" when the routine has no target (or is not in the library)."""
    week_done: int
    week_target: int | None
    weeks4_done: int
    weeks4_target: int | None
    stopped: int
    """Stopped or interrupted sessions in the last 4 weeks (not counted as done)."""

    @property
    def weeks4_ratio(self) -> float | None:
        if not self.weeks4_target:
            return None
        return self.weeks4_done / self.weeks4_target


def adherence(
    sessions: Iterable[SessionLike], targets: Mapping[str, TargetLike], today: date
) -> list[RoutineAdherence]:
    """Per routine with a counted session: done sessions this week and in the last 4 weeks."""
    rows = counted(sessions)
    week_start = _days_before(today, today.weekday())
    window_start = _days_before(today, 27)
    by_routine: dict[str, list[SessionLike]] = defaultdict(list)
    for s in rows:
        by_routine[s.routine_id].append(s)
    out = []
    for rid, items in by_routine.items():
        first = local_day(items[0])
        title = items[-1].routine_title or rid
        target = targets.get(rid)
        week = [s for s in items if week_start <= local_day(s) <= today]
        last4 = [s for s in items if window_start <= local_day(s) <= today]
        week_target: int | None = None
        weeks4_target: int | None = None
        if target is not None:
            start4 = max(window_start, first)
            days4 = (today - start4).days + 1 if start4 <= today else 0
            days_week = (today - max(week_start, first)).days + 1 if first <= today else 0
            if target.per == "day":
                week_target = target.count * max(days_week, 0)
                weeks4_target = target.count * days4
            else:
                week_target = target.count if first <= today else 0
                weeks4_target = round(target.count * days4 / 7)
                weeks4_target = max(weeks4_target, target.count if days4 >= 7 else 1)
        out.append(
            RoutineAdherence(
                routine_id=rid,
                title=title,
                target=_target_text(target),
                week_done=_completed(week),
                week_target=week_target,
                weeks4_done=_completed(last4),
                weeks4_target=weeks4_target,
                stopped=len(last4) - _completed(last4),
            )
        )
    out.sort(key=lambda a: a.title.lower())
    return out


def _target_text(target: TargetLike | None) -> str:
    """ "1/day", "3/week", or "" for a routine without a prescription."""
    return f"{target.count}/{target.per}" if target is not None else ""


def _completed(sessions: Sequence[SessionLike]) -> int:
    return sum(1 for s in sessions if s.status == "completed")


@dataclass(frozen=True)
class PeriodAdherence:
    """Completed sessions of one routine in a chosen period, against its target."""

    routine_id: str
    title: str
    target: str
    done: int
    expected: int | None
    """Target over the days of the period from the routine's first session on."""
    stopped: int


def period_adherence(
    sessions: Iterable[SessionLike], targets: Mapping[str, TargetLike], since: date, until: date
) -> list[PeriodAdherence]:
    """Per routine: sessions done from `since` to `until` against its target for those days.

    The expected count starts at the routine's first counted session (ever, or in
    the period when only the period is given): N x days for ``N/day``, N x days / 7
    (rounded) for ``N/week``.
    """
    rows = counted(sessions)
    first: dict[str, date] = {}
    for s in rows:
        first.setdefault(s.routine_id, local_day(s))
    by: dict[str, list[SessionLike]] = defaultdict(list)
    for s in rows:
        if since <= local_day(s) <= until:
            by[s.routine_id].append(s)
    out = []
    for rid, items in by.items():
        target = targets.get(rid)
        expected: int | None = None
        if target is not None:
            days = (until - max(since, first[rid])).days + 1
            expected = (
                target.count * days if target.per == "day" else round(target.count * days / 7)
            )
            expected = max(expected, 1)
        out.append(
            PeriodAdherence(
                routine_id=rid,
                title=items[-1].routine_title or rid,
                target=_target_text(target),
                done=_completed(items),
                expected=expected,
                stopped=len(items) - _completed(items),
            )
        )
    out.sort(key=lambda a: a.title.lower())
    return out


# ---------------------------------------------------------------- pain over time


@dataclass(frozen=True)
class PainPoint:
    at: datetime
    routine_id: str
    before: int | None
    after: int | None
    avg_before: float | None
    """7-day rolling mean of pain_before ending at this session (None without ratings)."""
    avg_after: float | None


def _rolling(
    times: Sequence[datetime], values: Sequence[int | None], days: int
) -> list[float | None]:
    """Mean of the non-None values in (t - days, t] for each t (times sorted ascending)."""
    out: list[float | None] = []
    total = 0.0
    n = 0
    lo = 0
    span = timedelta(days=days)
    for i, t in enumerate(times):
        v = values[i]
        if v is not None:
            total += v
            n += 1
        while t - times[lo] >= span:  # not `t - span`: overflows near year 1
            old = values[lo]
            if old is not None:
                total -= old
                n -= 1
            lo += 1
        out.append(total / n if n else None)
    return out


def pain_series(
    sessions: Iterable[SessionLike], routine_id: str | None = None, days: int = ROLLING_DAYS
) -> list[PainPoint]:
    """Every counted session with a rating, oldest first, with 7-day rolling means."""
    rows = [
        s
        for s in counted(sessions)
        if (routine_id is None or s.routine_id == routine_id)
        and (s.pain_before is not None or s.pain_after is not None)
    ]
    times = [s.started_at for s in rows]
    avg_b = _rolling(times, [s.pain_before for s in rows], days)
    avg_a = _rolling(times, [s.pain_after for s in rows], days)
    return [
        PainPoint(s.started_at, s.routine_id, s.pain_before, s.pain_after, avg_b[i], avg_a[i])
        for i, s in enumerate(rows)
    ]


def downsample(points: Sequence[PainPoint], max_points: int) -> list[PainPoint]:
    """At most `max_points` points, evenly spread, always keeping the first and last."""
    n = len(points)
    if n <= max_points or max_points < 2:
        return list(points)
    step = (n - 1) / (max_points - 1)
    return [points[round(i * step)] for i in range(max_points)]


# ---------------------------------------------------------------- does it help


def _rated(rows: Iterable[SessionLike]) -> list[tuple[SessionLike, int, int]]:
    """(session, before, after) for the sessions rated both ways."""
    out = []
    for s in rows:
        if s.pain_before is not None and s.pain_after is not None:
            out.append((s, s.pain_before, s.pain_after))
    return out


def is_meaningful_drop(before: int, after: int) -> bool:
    """A drop of 2 points or more, or of 30 % or more of the pain before."""
    drop = before - after
    if drop <= 0:
        return False
    return drop >= MEANINGFUL_POINTS or (before > 0 and drop / before >= MEANINGFUL_FRACTION - 1e-9)


@dataclass(frozen=True)
class RoutineEffect:
    routine_id: str
    title: str
    rated: int
    """Counted sessions with both ratings."""
    mean_change: float | None
    """Mean of pain_after - pain_before: negative means it hurt less afterwards."""
    meaningful: int
    """Sessions whose drop was clinically meaningful."""

    @property
    def meaningful_share(self) -> float | None:
        return self.meaningful / self.rated if self.rated else None


def effects(sessions: Iterable[SessionLike]) -> list[RoutineEffect]:
    """Per routine: the average change from before to after, and how often it mattered."""
    rows = counted(sessions)
    titles = {s.routine_id: s.routine_title or s.routine_id for s in rows}
    by: dict[str, list[tuple[int, int]]] = {rid: [] for rid in titles}
    for s, before, after in _rated(rows):
        by[s.routine_id].append((before, after))
    out = []
    for rid, pairs in by.items():
        changes = [a - b for b, a in pairs]
        out.append(
            RoutineEffect(
                routine_id=rid,
                title=titles[rid],
                rated=len(pairs),
                mean_change=sum(changes) / len(changes) if changes else None,
                meaningful=sum(1 for b, a in pairs if is_meaningful_drop(b, a)),
            )
        )
    out.sort(key=lambda e: e.title.lower())
    return out


# ---------------------------------------------------------------- calm note


@dataclass(frozen=True)
class WorseAfter:
    """Pain after higher than before in `worse` of the last `of` rated sessions."""

    worse: int
    of: int
    sessions: tuple[tuple[datetime, int, int], ...]
    """(started_at, before, after) of the sessions looked at, oldest first."""


@dataclass(frozen=True)
class PainTrend:
    """Mean pain before sessions: the last 14 days against the 14 days before."""

    recent_mean: float
    recent_n: int
    earlier_mean: float
    earlier_n: int

    @property
    def rise(self) -> float:
        return self.recent_mean - self.earlier_mean


@dataclass(frozen=True)
class PainStops:
    """Sessions stopped for pain in the last `days` days."""

    count: int
    days: int
    dates: tuple[date, ...]


Trigger = WorseAfter | PainTrend | PainStops


def calm_note_triggers(sessions: Iterable[SessionLike], today: date) -> list[Trigger]:
    """What turned, with its figures; an empty list when all is fine."""
    rows = [s for s in counted(sessions) if local_day(s) <= today]
    out: list[Trigger] = []

    last = _rated(rows)[-WORSE_AFTER_WINDOW:]
    worse = sum(1 for _, before, after in last if after > before)
    if worse >= WORSE_AFTER_COUNT:
        out.append(
            WorseAfter(
                worse=worse,
                of=len(last),
                sessions=tuple((s.started_at, b, a) for s, b, a in last),
            )
        )

    recent_start = _days_before(today, TREND_DAYS - 1)
    earlier_start = _days_before(recent_start, TREND_DAYS)
    recent = [
        s.pain_before for s in rows if s.pain_before is not None and local_day(s) >= recent_start
    ]
    earlier = [
        s.pain_before
        for s in rows
        if s.pain_before is not None and earlier_start <= local_day(s) < recent_start
    ]
    if len(recent) >= TREND_MIN_RATINGS and len(earlier) >= TREND_MIN_RATINGS:
        trend = PainTrend(
            recent_mean=sum(recent) / len(recent),
            recent_n=len(recent),
            earlier_mean=sum(earlier) / len(earlier),
            earlier_n=len(earlier),
        )
        if trend.rise >= TREND_POINTS - 1e-9:
            out.append(trend)

    stops_start = _days_before(today, PAIN_STOPS_DAYS - 1)
    stops = [
        local_day(s)
        for s in rows
        if s.status == "stopped" and s.stop_reason == "pain" and local_day(s) >= stops_start
    ]
    if len(stops) >= PAIN_STOPS_COUNT:
        out.append(PainStops(count=len(stops), days=PAIN_STOPS_DAYS, dates=tuple(stops)))
    return out


# ---------------------------------------------------------------- breaks


@dataclass(frozen=True)
class BreakDay:
    day: date
    taken: int
    skipped: int
    postponed: int
    """Postponed reminders never followed by another that day (counted as due, not taken)."""

    @property
    def due(self) -> int:
        return self.taken + self.skipped + self.postponed


def breaks_per_day(breaks: Iterable[BreakLike]) -> list[BreakDay]:
    """Breaks taken against breaks due, per day with any reminder, oldest first."""
    by_day: dict[date, list[BreakLike]] = defaultdict(list)
    for b in breaks:
        by_day[b.due_at.date()].append(b)
    out = []
    for day in sorted(by_day):
        items = sorted(by_day[day], key=lambda b: b.due_at)
        taken = sum(1 for b in items if b.status == "taken")
        skipped = sum(1 for b in items if b.status == "skipped")
        trailing = 0
        for b in reversed(items):
            if b.status != "postponed":
                break
            trailing += 1
        # A run of postponements at the end of the day is one reminder put off
        # again and again: it counts once.
        out.append(BreakDay(day, taken, skipped, 1 if trailing else 0))
    return out


# ---------------------------------------------------------------- small helpers


def flare_days(sessions: Iterable[SessionLike]) -> list[date]:
    """Days with a counted session run as a flare day, oldest first."""
    return sorted({local_day(s) for s in counted(sessions) if s.flare})


def in_range(at: datetime, since: date | None, until: date | None) -> bool:
    d = at.date()
    return (since is None or d >= since) and (until is None or d <= until)
