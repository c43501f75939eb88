"""The posture-break scheduler: a small state machine driven by injected clocks.

No Qt, no sleeping, no threads: the tray calls `tick()` from a timer (every
~30 s, or sooner when something is due) and the user's choices as methods.
Every call returns the events that happened, in order; the UI shows them and
logs each `BreakResolved` to the history store.

Two clocks:
- `awake_clock`: monotonic seconds that keep counting while the machine is
  suspended (CLOCK_BOOTTIME on Linux, see `awake_clock()`); intervals and
  sleep detection (a jump bigger than `max_gap` between two ticks).
- `now`: local wall-clock time (naive `datetime`), for the days and hours
  breaks apply, pause-until times and what is logged.

"Computer use" is sitting time: it counts while the user is neither idle for
`idle_reset` seconds nor behind a locked screen. Time away (idle or locked
that long, or a suspend) counts as a break: the countdown restarts at a full
interval. Outside the chosen days and hours nothing counts and the countdown
restarts when the work window opens.

States:
- ``waiting``: counting use towards the next break;
- ``due``: a break is due, waiting for take / postpone / skip;
- ``on-break``: the break routine is running (idle is expected, ignored);
- ``paused``: the user paused reminders until `paused_until`;
- ``off-hours``: outside the chosen days and hours;
- ``disabled``: breaks are off in the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as dtime
from typing import Literal

from backcoach.core.clocks import awake_clock
from backcoach.core.log.records import BreakStatus
from backcoach.core.settings import Settings

MonotonicClock = Callable[[], float]
WallClock = Callable[[], datetime]
IdleProvider = Callable[[], "float | None"]
"""Seconds since the last keyboard/mouse input, or None when unknown."""
LockedProvider = Callable[[], "bool | None"]
"""True while the screen is locked, None when unknown."""

State = Literal["waiting", "due", "on-break", "paused", "off-hours", "disabled"]
ResetReason = Literal["idle", "locked", "sleep", "day-start", "break", "skipped", "resumed"]

POSTPONE_SECONDS = 5 * 60
SNOOZE_SECONDS = 10 * 60
MAX_POSTPONES = 3
MAX_GAP_SECONDS = 60.0
"""A tick further than this from the last one means the machine slept."""
TICK_SECONDS = 30.0
"""How often the tray needs a tick at most (idle and lock probes)."""


def parse_hhmm(text: str, default: dtime) -> dtime:
    """ "08:00" -> time(8, 0); anything unreadable -> `default`. "24:00" is end of day."""
    try:
        hours, minutes = text.strip().split(":")
        h, m = int(hours), int(minutes)
    except ValueError:
        return default
    if (h, m) == (24, 0):
        return dtime.max
    if 0 <= h <= 23 and 0 <= m <= 59:
        return dtime(h, m)
    return default


@dataclass(frozen=True)
class BreakConfig:
    enabled: bool = True
    interval: float = 45 * 60.0
    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    """Weekdays, Monday = 0."""
    start: dtime = dtime(8, 0)
    end: dtime = dtime(18, 0)
    idle_reset: float = 5 * 60.0
    routine: str = ""
    """A posture-break routine id, or "" to rotate through `routines`."""

    @classmethod
    def from_settings(cls, s: Settings) -> BreakConfig:
        return cls(
            enabled=s.breaks_enabled,
            interval=max(60.0, s.break_interval_minutes * 60.0),
            days=tuple(s.break_days),
            start=parse_hhmm(s.break_start, dtime(8, 0)),
            end=parse_hhmm(s.break_end, dtime(18, 0)),
            idle_reset=max(60.0, s.idle_reset_minutes * 60.0),
            routine=s.break_routine,
        )

    def in_hours(self, when: datetime) -> bool:
        """Is `when` inside the chosen days and hours? (start == end: all day.)"""
        if when.weekday() not in self.days:
            return False
        t = when.time()
        if self.start == self.end:
            return True
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end  # a window past midnight

    def next_start(self, when: datetime) -> datetime | None:
        """The next moment the work window opens after `when` (None: no days chosen)."""
        if not self.days:
            return None
        day = when.replace(hour=0, minute=0, second=0, microsecond=0)
        for offset in range(8):
            candidate = datetime.combine(day.date() + timedelta(days=offset), self.start)
            if candidate > when and self.in_hours(candidate):
                return candidate
        return None


# --- events ------------------------------------------------------------------


@dataclass(frozen=True)
class BreakDue:
    due_at: datetime
    routine_id: str | None
    postpones_in_a_row: int
    can_postpone: bool


@dataclass(frozen=True)
class BreakStarted:
    due_at: datetime
    routine_id: str | None


@dataclass(frozen=True)
class BreakResolved:
    """What to log: one row in the history's breaks table."""

    due_at: datetime
    at: datetime
    status: BreakStatus
    routine_id: str | None
    session_id: int | None = None
    away: bool = False
    """True when time away (idle, lock, sleep) stood in for the break."""


@dataclass(frozen=True)
class TimerReset:
    reason: ResetReason


@dataclass(frozen=True)
class Snoozed:
    seconds: float


@dataclass(frozen=True)
class Paused:
    until: datetime


@dataclass(frozen=True)
class Resumed:
    pass


@dataclass(frozen=True)
class HoursChanged:
    in_hours: bool


Event = (
    BreakDue | BreakStarted | BreakResolved | TimerReset | Snoozed | Paused | Resumed | HoursChanged
)


@dataclass(frozen=True)
class Status:
    """A snapshot for the tray's menu, icon and window."""

    state: State
    seconds_left: float | None
    """Seconds of computer use before the next break (waiting), 0 when due, else None."""
    paused_until: datetime | None
    next_start: datetime | None
    """When breaks start again, when off hours."""
    postpones_in_a_row: int
    can_postpone: bool
    routine_id: str | None
    """The routine of the due break (or the one the next break will use)."""


class BreakScheduler:
    """See the module docstring. All times in seconds; no Qt."""

    def __init__(
        self,
        config: BreakConfig,
        *,
        clock: MonotonicClock = awake_clock,
        now: WallClock = datetime.now,
        idle_seconds: IdleProvider | None = None,
        locked: LockedProvider | None = None,
        routines: Sequence[str] = (),
        last_routine: str | None = None,
        max_gap: float = MAX_GAP_SECONDS,
    ) -> None:
        self._config = config
        self._clock = clock
        self._now = now
        self._idle = idle_seconds or (lambda: None)
        self._locked = locked or (lambda: None)
        self._routines: tuple[str, ...] = tuple(routines)
        self._last_routine = last_routine
        self.max_gap = max_gap
        self._remaining = config.interval
        self._last_tick = clock()
        self._away = False
        """True once this away period has reset the timer (so it resets once)."""
        self._locked_since: float | None = None
        self._due_at: datetime | None = None
        self._due_routine: str | None = None
        self._on_break = False
        self.paused_until: datetime | None = None
        self.postpones_in_a_row = 0
        self._in_hours = config.in_hours(now())

    # --- state -------------------------------------------------------------------

    @property
    def config(self) -> BreakConfig:
        return self._config

    @property
    def state(self) -> State:
        if not self._config.enabled:
            return "disabled"
        if self._on_break:
            return "on-break"
        if self._due_at is not None:
            return "due"
        if self.paused_until is not None:
            return "paused"
        if not self._in_hours:
            return "off-hours"
        return "waiting"

    def now(self) -> datetime:
        """The scheduler's wall clock (the fake one in tests)."""
        return self._now()

    @property
    def can_postpone(self) -> bool:
        return self.postpones_in_a_row < MAX_POSTPONES

    def next_due_in(self) -> float | None:
        """Seconds of computer use until the next break; 0 when due; None when none is coming."""
        state = self.state
        if state == "waiting":
            return max(0.0, self._remaining)
        if state == "due":
            return 0.0
        return None

    def status(self) -> Status:
        state = self.state
        return Status(
            state=state,
            seconds_left=self.next_due_in(),
            paused_until=self.paused_until if state == "paused" else None,
            next_start=self._config.next_start(self._now()) if state == "off-hours" else None,
            postpones_in_a_row=self.postpones_in_a_row,
            can_postpone=self.can_postpone,
            routine_id=self._due_routine if self._due_at is not None else self._pick_routine(),
        )

    def next_wakeup(self) -> float:
        """Seconds until the next `tick()` is worth making (for a single-shot timer)."""
        wake = TICK_SECONDS
        state = self.state
        if state == "waiting":
            wake = min(wake, max(0.0, self._remaining))
        elif state == "paused" and self.paused_until is not None:
            wake = min(wake, max(0.0, (self.paused_until - self._now()).total_seconds()))
        return max(1.0, wake)

    # --- configuration -------------------------------------------------------------

    def configure(self, config: BreakConfig) -> list[Event]:
        """Apply new settings; the countdown keeps what is left, capped at the new interval."""
        old = self._config
        self._config = config
        self._remaining = min(self._remaining, config.interval)
        if config.interval != old.interval and self._remaining <= 0:
            self._remaining = config.interval
        if not config.enabled:
            self._due_at = None
            self._on_break = False
            self._remaining = config.interval
        return self.tick()

    def set_routines(self, routine_ids: Sequence[str]) -> None:
        """The posture-break routines available (for the rotation and the chosen one)."""
        self._routines = tuple(routine_ids)

    def _pick_routine(self) -> str | None:
        chosen = self._config.routine
        if chosen and (chosen in self._routines or not self._routines):
            return chosen
        if not self._routines:
            return None
        if self._last_routine in self._routines:
            i = self._routines.index(self._last_routine)
            return self._routines[(i + 1) % len(self._routines)]
        return self._routines[0]

    # --- the clock -------------------------------------------------------------------

    def tick(self) -> list[Event]:
        """Account for the time since the last tick and report what happened."""
        events: list[Event] = []
        mono = self._clock()
        previous = self._last_tick
        dt = mono - previous
        self._last_tick = mono
        now = self._now()
        if not self._config.enabled:
            return events
        slept = dt > self.max_gap
        dt = max(0.0, dt)

        fresh = False  # the countdown restarted in this tick: time before it does not count
        if self.paused_until is not None and now >= self.paused_until:
            self.paused_until = None
            self._remaining = self._config.interval
            fresh = True
            events.append(Resumed())

        in_hours = self._config.in_hours(now)
        if in_hours != self._in_hours:
            self._in_hours = in_hours
            events.append(HoursChanged(in_hours))
            if in_hours and self.state == "waiting":
                self._remaining = self._config.interval
                self.postpones_in_a_row = 0
                fresh = True
                events.append(TimerReset("day-start"))

        if self._on_break:
            return events  # the routine is running: idle is expected, sleep pauses the session

        away = self._away_reason(previous, mono, slept)
        if away is not None:
            if not self._away:
                self._away = True
                events += self._time_away(away, now)
            return events
        self._away = False

        if self.state != "waiting" or fresh:
            return events
        if self._locked_now():
            return events
        self._remaining -= dt
        if self._remaining <= 0:
            self._remaining = 0.0
            events.append(self._make_due(now))
        return events

    def _locked_now(self) -> bool:
        return self._locked_since is not None

    def _away_reason(self, previous: float, mono: float, slept: bool) -> ResetReason | None:
        """Why the user counts as away right now (None: at the desk)."""
        locked = self._locked()
        if locked:
            if self._locked_since is None:
                self._locked_since = previous  # locked some time since the last tick
        else:
            self._locked_since = None
        if slept:
            return "sleep"
        idle = self._idle()
        if idle is not None and idle >= self._config.idle_reset:
            return "idle"
        if self._locked_since is not None and mono - self._locked_since >= self._config.idle_reset:
            return "locked"
        if self._away and (locked or (idle is not None and idle >= self._config.idle_reset / 2)):
            # Still away (e.g. the lock screen took the input): don't count, don't reset again.
            return "idle"
        return None

    def _time_away(self, reason: ResetReason, now: datetime) -> list[Event]:
        events: list[Event] = []
        if self._due_at is not None:
            events.append(
                BreakResolved(self._due_at, now, "taken", self._due_routine, None, away=True)
            )
            self._last_routine = self._due_routine or self._last_routine
            self._due_at = None
            self._due_routine = None
        self.postpones_in_a_row = 0
        self._remaining = self._config.interval
        events.append(TimerReset(reason))
        return events

    def _make_due(self, now: datetime) -> BreakDue:
        if self._due_routine is None or self.postpones_in_a_row == 0:
            self._due_routine = self._pick_routine()
        self._due_at = now
        return BreakDue(now, self._due_routine, self.postpones_in_a_row, self.can_postpone)

    # --- the user's choices ------------------------------------------------------------

    def take(self) -> list[Event]:
        """Start the break now: the due one, or an early one from the tray menu."""
        if not self._config.enabled or self._on_break:
            return []
        now = self._now()
        if self._due_at is None:
            self._due_at = now
            self._due_routine = self._pick_routine()
        self._on_break = True
        self.paused_until = None
        return [BreakStarted(self._due_at, self._due_routine)]

    def finish_break(self, *, taken: bool = True, session_id: int | None = None) -> list[Event]:
        """The break window closed: `taken` if the routine ran (the session was logged)."""
        if not self._on_break or self._due_at is None:
            return []
        now = self._now()
        status: BreakStatus = "taken" if taken else "skipped"
        events: list[Event] = [
            BreakResolved(self._due_at, now, status, self._due_routine, session_id)
        ]
        self._last_routine = self._due_routine or self._last_routine
        self._on_break = False
        self._due_at = None
        self._due_routine = None
        self.postpones_in_a_row = 0
        self._remaining = self._config.interval
        self._last_tick = self._clock()
        events.append(TimerReset("break" if taken else "skipped"))
        return events

    def skip(self) -> list[Event]:
        """Skip the due break; the next one comes a full interval later."""
        if self._due_at is None or self._on_break:
            return []
        now = self._now()
        events: list[Event] = [BreakResolved(self._due_at, now, "skipped", self._due_routine)]
        self._last_routine = self._due_routine or self._last_routine
        self._due_at = None
        self._due_routine = None
        self.postpones_in_a_row = 0
        self._remaining = self._config.interval
        events.append(TimerReset("skipped"))
        return events

    def postpone(self, seconds: float = POSTPONE_SECONDS) -> list[Event]:
        """Postpone the due break (at most MAX_POSTPONES times in a row)."""
        if self._due_at is None or self._on_break or not self.can_postpone:
            return []
        now = self._now()
        events: list[Event] = [BreakResolved(self._due_at, now, "postponed", self._due_routine)]
        self._due_at = None  # the routine stays chosen for when it comes back
        self.postpones_in_a_row += 1
        self._remaining = seconds
        events.append(Snoozed(seconds))
        return events

    def snooze(self, seconds: float = SNOOZE_SECONDS) -> list[Event]:
        """The tray's "Snooze": postpone a due break, or push the coming one back.

        It counts towards the postpone limit either way, so snoozing cannot
        put breaks off forever.
        """
        if self._due_at is not None:
            return self.postpone(seconds)
        if self.state != "waiting" or not self.can_postpone:
            return []
        self.postpones_in_a_row += 1
        self._remaining += seconds
        return [Snoozed(seconds)]

    def pause(self, until: datetime) -> list[Event]:
        """No reminders until `until` (wall clock). A due break is logged as skipped."""
        if not self._config.enabled or self._on_break:
            return []
        events: list[Event] = []
        if self._due_at is not None:
            events += self.skip()
        self.paused_until = until
        events.append(Paused(until))
        return events

    def pause_for(self, seconds: float) -> list[Event]:
        return self.pause(self._now() + timedelta(seconds=seconds))

    def pause_until_tomorrow(self) -> list[Event]:
        """Pause until the work window opens on a later day (or tomorrow 00:00 without one)."""
        now = self._now()
        midnight = datetime.combine(now.date() + timedelta(days=1), dtime(0, 0))
        start = self._config.next_start(midnight - timedelta(microseconds=1))
        return self.pause(start or midnight)

    def resume(self) -> list[Event]:
        """End a pause early; the countdown restarts at a full interval."""
        if self.paused_until is None:
            return []
        self.paused_until = None
        self._remaining = self._config.interval
        self._last_tick = self._clock()
        return [Resumed(), *self.tick()]
