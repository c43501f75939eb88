"""The session engine: a state machine over a plan, driven by an injected clock.

Time: remaining = deadline - clock(), never a count of ticks. `speed` runs
plan time faster than real time (previews). A clock jump larger than
`max_gap` real seconds between two ticks (the machine slept) pauses the
session at the last tick instead of skipping exercises.

Every command method and `tick()` returns the events that happened, in order;
the UI adapts them to Qt signals and the history store checkpoints on
`SegmentEnded`.

Deadlines chain: a segment that ends on time ends at its deadline, and the next
one starts *at that deadline*, not at the (later) tick that noticed it, so tick
lateness never accumulates. A pause freezes the segment; resume shifts its
deadline (and so every later one) by exactly the paused time. skip/back/done
start the new segment at the moment of the command. If a late tick finds that
several segments ended, it emits all their events in order; a count ("Three",
a rep number) found more than STALE_COUNT real seconds late is dropped.

Commands: pause/resume; skip (end the segment now, skipped=True, start the
next); back (restart this segment if more than BACK_RESTART plan seconds in,
else go to the start of the previous work segment: hold/reps/timed); done
(ends any reps segment: self-paced ones wait for it, paced ones may end early;
ignored elsewhere); stop. Commands given while paused act and stay paused.
Properties (remaining, elapsed, ...) are as of the last tick() or command.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from backcoach.core import announce
from backcoach.core.plan import Plan, Segment
from backcoach.core.routine import ExerciseStep

Clock = Callable[[], float]
"""Monotonic seconds (time.monotonic in the app, a fake clock in tests)."""

State = Literal["ready", "running", "paused", "finished"]
PauseReason = Literal["user", "clock-jump"]
FinishStatus = Literal["completed", "stopped"]
EndReason = Literal["completed", "done", "skipped", "back", "stopped"]
StepStatus = Literal["done", "skipped", "partial", "pending"]

BACK_RESTART = 2.0
"""back() restarts the current segment when more than this many plan seconds in."""
STALE_COUNT = 1.0
"""Real seconds after which a late countdown / rep-count cue is dropped."""
_EPS = 1e-9


@dataclass(frozen=True)
class SegmentStarted:
    segment: Segment
    next_segment: Segment | None
    at: float = 0.0
    """Clock time it started: the previous deadline when on time, not the tick's time."""


@dataclass(frozen=True)
class SegmentEnded:
    segment: Segment
    done_seconds: float
    """Plan seconds actually spent in it (pauses excluded)."""
    skipped: bool
    reason: EndReason = "completed"
    """completed (its time ran out), done (Done pressed), skipped, back, stopped."""
    at: float = 0.0
    """Clock time it ended (its deadline when completed on time)."""


@dataclass(frozen=True)
class CueDue:
    """Something to say, show or sound now."""

    say: str | None = None
    show: str | None = None
    sound: Literal["bell", "chime", "tick"] | None = None
    automatic: bool = True
    """False for the routine's own cues."""
    priority: bool = False
    """True for countdown numbers: may pre-empt queued speech so they land on time."""
    template: str | None = None
    """Automatic cues: the English template of `say` (see announce.TEMPLATES), so the UI
    can translate it and fill in `args`: tr(template).format(*args)."""
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paused:
    reason: PauseReason


@dataclass(frozen=True)
class Resumed:
    pass


@dataclass(frozen=True)
class Finished:
    status: FinishStatus


Event = SegmentStarted | SegmentEnded | CueDue | Paused | Resumed | Finished


@dataclass(frozen=True)
class StepResult:
    """Per routine step, for the session log."""

    index: int
    exercise: str | None
    """The exercise id (None for a rest step)."""
    planned_seconds: float
    done_seconds: float
    status: StepStatus
    name: str = ""
    """The exercise name, or the rest step's say / "Rest"."""


class SessionEngine:
    """Runs a plan against a clock; see the module docstring for the timing rules.

    Commands while paused act and stay paused: skip/back/done move to the new
    segment, which waits (elapsed 0) until resume(). Commands before start() or
    after the session finished do nothing and return [].
    """

    def __init__(
        self, plan: Plan, clock: Clock, *, speed: float = 1.0, max_gap: float = 5.0
    ) -> None:
        if not (math.isfinite(speed) and speed > 0):
            raise ValueError(f"SessionEngine: speed must be a positive number, got {speed!r}")
        if not (max_gap > 0):
            raise ValueError(f"SessionEngine: max_gap must be positive, got {max_gap!r}")
        self._plan = plan
        self._clock = clock
        self._speed = float(speed)
        self._max_gap = float(max_gap)
        self._state: State = "ready"
        self._index = -1
        self._anchor = 0.0
        """Real time at which the current segment's elapsed time was 0 (shifted by pauses)."""
        self._paused_at: float | None = None
        self._pause_reason: PauseReason | None = None
        self._last: float | None = None
        """The clock as of the last tick or command: the engine's 'now'."""
        self._cues: list[tuple[float, CueDue]] = []
        self._cue_pos = 0
        self._visits = [_Visit() for _ in plan.segments]
        self._spent_before = 0.0
        self._started_at: float | None = None
        self._finished_at: float | None = None
        self._finish_status: FinishStatus | None = None
        self._stop_position = 0.0

    # --- state -----------------------------------------------------------
    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def state(self) -> State:
        return self._state

    @property
    def paused(self) -> bool:
        return self._state == "paused"

    @property
    def pause_reason(self) -> PauseReason | None:
        """Why the session is paused ("user" or "clock-jump"), None when not paused."""
        return self._pause_reason if self._state == "paused" else None

    @property
    def finish_status(self) -> FinishStatus | None:
        return self._finish_status

    @property
    def current(self) -> Segment | None:
        if self._state in ("running", "paused"):
            return self._plan.segments[self._index]
        return None

    @property
    def current_index(self) -> int | None:
        return self._index if self.current is not None else None

    @property
    def next_segment(self) -> Segment | None:
        if self.current is None or self._index + 1 >= len(self._plan.segments):
            return None
        return self._plan.segments[self._index + 1]

    @property
    def is_self_paced(self) -> bool:
        """True while in a set of reps with no known end (the patient presses Done)."""
        seg = self.current
        return seg is not None and seg.duration is None

    @property
    def remaining(self) -> float | None:
        """Plan seconds left in the current segment (None when self-paced or not running).

        As of the last tick() or command: the UI ticks, then reads.
        """
        seg = self.current
        if seg is None or seg.duration is None:
            return None
        return max(0.0, seg.duration - self.elapsed)

    @property
    def elapsed(self) -> float:
        """Plan seconds spent in the current segment (as of the last tick or command)."""
        seg = self.current
        if seg is None or self._last is None:
            return 0.0
        return self._elapsed_at(self._paused_at if self._paused_at is not None else self._last)

    @property
    def segment_progress(self) -> float:
        """0..1 of the current segment (0 when self-paced or not running)."""
        seg = self.current
        if seg is None or not seg.duration:
            return 0.0
        return min(1.0, self.elapsed / seg.duration)

    @property
    def total_elapsed(self) -> float:
        """Plan seconds spent in the session so far, pauses excluded; never decreases."""
        return self._spent_before + (self.elapsed if self.current is not None else 0.0)

    @property
    def session_progress(self) -> float:
        """0..1 of the plan's known duration: where in the plan we are (back moves it back)."""
        total = self._plan.total_seconds
        if self._state == "finished":
            if self._finish_status == "completed":
                return 1.0
            pos = self._stop_position
        elif self.current is None:
            return 0.0
        else:
            seg = self.current
            pos = seg.start + (min(self.elapsed, seg.duration) if seg.duration is not None else 0.0)
        if total <= 0:
            return 0.0
        return max(0.0, min(1.0, pos / total))

    @property
    def deadline(self) -> float | None:
        """Clock time at which the current segment ends, if running and not self-paced."""
        seg = self.current
        if self._state != "running" or seg is None or seg.duration is None:
            return None
        return self._anchor + seg.duration / self._speed

    @property
    def started_at(self) -> float | None:
        """Clock time of start()."""
        return self._started_at

    @property
    def finished_at(self) -> float | None:
        """Clock time the session ended: the last deadline when completed on time."""
        return self._finished_at

    # --- commands ----------------------------------------------------------
    def start(self) -> list[Event]:
        if self._state != "ready":
            return []
        now = self._now()
        self._last = now
        self._started_at = now
        self._state = "running"
        return self._enter(0, now)

    def tick(self) -> list[Event]:
        if not self._active():
            return []
        return self._catch_up(self._now())

    def pause(self) -> list[Event]:
        if not self._active():
            return []
        now = self._now()
        events = self._catch_up(now)
        if self._state == "running":
            self._pause(now, "user")
            events.append(Paused("user"))
        return events

    def resume(self) -> list[Event]:
        if not self._active():
            return []
        now = self._now()
        events = self._catch_up(now)
        if self._state == "paused" and self._paused_at is not None:
            self._anchor += now - self._paused_at
            self._paused_at = None
            self._pause_reason = None
            self._state = "running"
            events.append(Resumed())
            events += self._advance(now)
        return events

    def skip(self) -> list[Event]:
        """End the current segment now (skipped) and start the next one."""
        if not self._active():
            return []
        now = self._now()
        events = self._catch_up(now)
        if self._active():
            t = self._t(now)
            events += self._end(t, self._elapsed_at(t), "skipped")
            events += self._enter(self._index + 1, t)
        return events

    def back(self) -> list[Event]:
        """Restart this segment if more than BACK_RESTART plan seconds in, else go
        to the start of the previous work segment (hold/reps/timed); with none
        before it, restart this one."""
        if not self._active():
            return []
        now = self._now()
        events = self._catch_up(now)
        if self._active():
            t = self._t(now)
            spent = self._elapsed_at(t)
            target = self._index
            if spent <= BACK_RESTART:
                for j in range(self._index - 1, -1, -1):
                    if self._plan.segments[j].is_work:
                        target = j
                        break
            events += self._end(t, spent, "back")
            events += self._enter(target, t)
        return events

    def done(self) -> list[Event]:
        """The patient finished a set of reps (self-paced, or paced ones early).

        Ignored (returns the catch-up events only) outside a reps segment.
        """
        if not self._active():
            return []
        now = self._now()
        events = self._catch_up(now)
        seg = self.current
        if seg is not None and seg.kind == "reps":
            t = self._t(now)
            events += self._end(t, self._elapsed_at(t), "done")
            events += self._enter(self._index + 1, t)
        return events

    def stop(self) -> list[Event]:
        if self._state == "finished":
            return []
        now = self._now()
        if self._state == "ready":
            self._last = now
            return self._finish(now, "stopped")
        events = self._catch_up(now)
        if self._active():
            t = self._t(now)
            seg = self._plan.segments[self._index]
            spent = self._elapsed_at(t)
            self._stop_position = seg.start + (
                min(spent, seg.duration) if seg.duration is not None else 0.0
            )
            events += self._end(t, spent, "stopped")
            events += self._finish(t, "stopped")
        return events

    def step_results(self) -> list[StepResult]:
        """Per routine step: planned and done work seconds, and how it went.

        Work segments are hold/reps/timed (a rest step has none: 0 seconds, its
        status from its rest segment). done: every work segment completed;
        pending: none entered yet; skipped: none completed and every one entered
        was skipped; partial: anything else (some done, or stopped part-way).
        Going back and redoing counts the time spent in both tries.
        """
        out: list[StepResult] = []
        for i, step in enumerate(self._plan.steps):
            segs = [s for s in self._plan.segments if s.step_index == i]
            work = [s for s in segs if s.is_work] or segs
            planned = sum((s.duration or 0.0 for s in segs if s.is_work), 0.0)
            done = sum((self._visits[s.index].spent for s in segs if s.is_work), 0.0)
            if self.current is not None and self.current.step_index == i and self.current.is_work:
                done += self.elapsed
            visits = [self._visits[s.index] for s in work]
            entered = [v for v in visits if v.entered]
            status: StepStatus
            if not entered:
                status = "pending"
            elif all(v.completed for v in visits):
                status = "done"
            elif not any(v.completed for v in visits) and all(v.skipped for v in entered):
                status = "skipped"
            else:
                status = "partial"
            if isinstance(step, ExerciseStep):
                exercise: str | None = step.exercise.id
                name = step.exercise.name
            else:
                exercise, name = None, step.say or "Rest"
            out.append(StepResult(i, exercise, planned, done, status, name))
        return out

    # --- internals -----------------------------------------------------------
    def _active(self) -> bool:
        return self._state in ("running", "paused")

    def _now(self) -> float:
        """The clock, never earlier than what we already saw."""
        t = float(self._clock())
        if self._last is not None and not t >= self._last:
            t = self._last
        return t

    def _t(self, now: float) -> float:
        """The time a command acts at: now, or the moment we paused."""
        return self._paused_at if self._paused_at is not None else now

    def _elapsed_at(self, t: float) -> float:
        seg = self._plan.segments[self._index]
        e = max(0.0, (t - self._anchor) * self._speed)
        return e if seg.duration is None else min(e, seg.duration)

    def _pause(self, at: float, reason: PauseReason) -> None:
        self._paused_at = at
        self._pause_reason = reason
        self._state = "paused"

    def _catch_up(self, now: float) -> list[Event]:
        """Bring the session to `now`: a clock jump pauses, otherwise what fell due happens."""
        events: list[Event] = []
        if self._state == "running" and self._last is not None:
            if now - self._last > self._max_gap:
                self._pause(self._last, "clock-jump")
                events.append(Paused("clock-jump"))
            else:
                events += self._advance(now)
        self._last = now
        return events

    def _advance(self, now: float) -> list[Event]:
        events: list[Event] = []
        while self._state == "running":
            seg = self._plan.segments[self._index]
            if seg.duration is None:
                events += self._due_cues(now, now)
                break
            deadline = self._anchor + seg.duration / self._speed
            if now < deadline:
                events += self._due_cues(now, now)
                break
            events += self._due_cues(deadline + _EPS, now)
            events += self._end(deadline, seg.duration, "completed")
            events += self._enter(self._index + 1, deadline)
        return events

    def _due_cues(self, limit: float, now: float) -> list[Event]:
        events: list[Event] = []
        while self._cue_pos < len(self._cues):
            offset, cue = self._cues[self._cue_pos]
            due = self._anchor + offset / self._speed
            if due > limit:
                break
            self._cue_pos += 1
            if cue.priority and now - due > STALE_COUNT:
                continue  # a count this late would mislead: drop it
            events.append(cue)
        return events

    def _end(self, at: float, spent: float, reason: EndReason) -> list[Event]:
        seg = self._plan.segments[self._index]
        visit = self._visits[self._index]
        visit.spent += spent
        self._spent_before += spent
        if reason in ("completed", "done"):
            visit.completed = True
        elif reason == "skipped":
            visit.skipped = True
        self._cues, self._cue_pos = [], 0
        return [SegmentEnded(seg, spent, reason == "skipped", reason=reason, at=at)]

    def _enter(self, index: int, anchor: float) -> list[Event]:
        segments = self._plan.segments
        if index >= len(segments):
            cue = _cue(announce.session_complete())
            return [cue, *self._finish(anchor, "completed")]
        seg = segments[index]
        self._index = index
        self._anchor = anchor
        self._visits[index].entered = True
        prev = segments[index - 1] if index > 0 else None
        nxt = segments[index + 1] if index + 1 < len(segments) else None
        self._cues = _schedule(seg, prev, nxt)
        self._cue_pos = 0
        events: list[Event] = [SegmentStarted(seg, nxt, at=anchor)]
        while self._cue_pos < len(self._cues) and self._cues[self._cue_pos][0] <= 0:
            events.append(self._cues[self._cue_pos][1])
            self._cue_pos += 1
        return events

    def _finish(self, at: float, status: FinishStatus) -> list[Event]:
        self._state = "finished"
        self._index = len(self._plan.segments)
        self._paused_at = None
        self._pause_reason = None
        self._cues, self._cue_pos = [], 0
        self._finished_at = at
        self._finish_status = status
        return [Finished(status)]


@dataclass
class _Visit:
    """What happened to one plan segment (it may be entered again after back())."""

    spent: float = 0.0
    entered: bool = False
    completed: bool = False
    skipped: bool = False


def _cue(a: announce.Announcement) -> CueDue:
    return CueDue(
        say=a.text,
        automatic=a.template is not None,
        priority=a.priority,
        template=a.template,
        args=a.args,
    )


def _schedule(
    seg: Segment, prev: Segment | None, nxt: Segment | None
) -> list[tuple[float, CueDue]]:
    """Every cue of a segment as (plan-second offset, cue), in the order to emit them:
    by offset; at equal offsets the opening words, then the routine's cues, then counts."""
    ranked: list[tuple[float, int, CueDue]] = []
    ranked += [(0.0, 0, _cue(a)) for a in announce.segment_start(seg, prev, nxt)]
    ranked += [
        (c.offset, 1, CueDue(say=c.say, show=c.show, sound=c.sound, automatic=False))
        for c in seg.cues
    ]
    ranked += [(off, 2, _cue(a)) for off, a in announce.timed(seg)]
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [(off, cue) for off, _, cue in ranked]
