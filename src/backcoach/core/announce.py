"""What the coach says on its own: the automatic cues, as pure functions of segments.

The routine format promises these without being asked: the exercise name and the
step's `say` at the start, a get-ready countdown, "switch sides", the last three
seconds counted down, "rest" and what comes next. We also say which side and
which set starts, "Hold 2 of 3", "Relax", count paced reps aloud, and close with
"Well done. Session complete."

Each announcement is one short sentence built from a fixed English template and
its arguments, so the UI can translate the template (every one is listed in
`TEMPLATES`) and then fill in the arguments. Exercise names and the routine's
own `say` come from the routine file and are never translated (template None).
No Qt here: the core stays importable without PySide6.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.plan import Segment

COUNTDOWN_FROM = 3
"""The last this many seconds of a timed segment are counted down."""

MIN_LEAD = 1.0
"""A countdown number is only said if it falls at least this long after the start,
so it never talks over the segment's opening announcement."""

_WORDS = (
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
    "Twenty",
)

GET_READY = "Get ready."
FIRST = "First: {0}."
NAME = "{0}."
LEFT_SIDE = "Left side."
RIGHT_SIDE = "Right side."
SET_OF = "Set {0} of {1}."
HOLD = "Hold."
HOLD_OF = "Hold {0} of {1}."
REPS_PACED = "{0} reps. I will count."
REPS_SELF = "{0} reps, at your own pace."
PRESS_DONE = "Press Done when you finish."
BEGIN = "Begin."
RELAX = "Relax."
SWITCH_SIDES = "Switch sides."
REST = "Rest."
NEXT = "Next: {0}."
NEXT_SET = "Next: set {0} of {1}."
NUMBER = "{0}"
SESSION_COMPLETE = "Well done. Session complete."
ALTERNATE_PACED = "{0} reps each side, alternating. I will count."
ALTERNATE_SELF = "{0} reps each side, alternating, at your own pace."
LEFT_N = "Left {0}"
RIGHT_N = "Right {0}"

TEMPLATES: tuple[str, ...] = (
    GET_READY,
    FIRST,
    NAME,
    LEFT_SIDE,
    RIGHT_SIDE,
    SET_OF,
    HOLD,
    HOLD_OF,
    REPS_PACED,
    REPS_SELF,
    PRESS_DONE,
    BEGIN,
    RELAX,
    SWITCH_SIDES,
    REST,
    NEXT,
    NEXT_SET,
    NUMBER,
    SESSION_COMPLETE,
    ALTERNATE_PACED,
    ALTERNATE_SELF,
    LEFT_N,
    RIGHT_N,
    *_WORDS,
)
"""Every automatic template, for the UI's translation catalogue (QT_TRANSLATE_NOOP)."""


@dataclass(frozen=True)
class Announcement:
    """One sentence to say. `template` None: the routine's own words (not translated)."""

    text: str
    template: str | None = None
    args: tuple[str, ...] = ()
    priority: bool = False
    """Counting (countdown, rep counts): should land on time, may pre-empt queued speech."""


def _say(template: str, *args: object, priority: bool = False) -> Announcement:
    strs = tuple(str(a) for a in args)
    return Announcement(template.format(*strs), template, strs, priority)


def number(n: int) -> Announcement:
    """ "One" ... "Twenty" as words, larger numbers as digits."""
    if 1 <= n <= len(_WORDS):
        return _say(_WORDS[n - 1], priority=True)
    return _say(NUMBER, n, priority=True)


def starts_step(seg: Segment, prev: Segment | None) -> bool:
    """True for the first segment of a routine step (nothing of that step came before)."""
    return prev is None or prev.step_index != seg.step_index


def segment_start(seg: Segment, prev: Segment | None, nxt: Segment | None) -> list[Announcement]:
    """What to say as `seg` starts (`prev`/`nxt`: its neighbours in the plan)."""
    out: list[Announcement] = []
    if seg.kind == "get-ready":
        out.append(_say(GET_READY))
        if nxt is not None and nxt.exercise is not None:
            out.append(_say(FIRST, nxt.exercise.name))
        return out
    if seg.kind == "relax":
        return [_say(RELAX)]
    if seg.kind == "switch":
        return [_say(SWITCH_SIDES)]
    if seg.kind == "rest":
        out.append(_say(REST))
        if seg.say:
            out.append(Announcement(seg.say))
        out.extend(_next(seg, nxt))
        return out
    return _work_start(seg, prev)


def _work_start(seg: Segment, prev: Segment | None) -> list[Announcement]:
    """A hold, reps or timed segment: its name and `say` if it opens its step, the
    side, the set, then what to do."""
    out: list[Announcement] = []
    first = starts_step(seg, prev)
    if first and seg.exercise is not None:
        out.append(_say(NAME, seg.exercise.name))
    if seg.say:
        out.append(Announcement(seg.say))
    turned = prev is not None and prev.kind == "switch"
    if seg.side is not None and (first or turned or seg.alternate):
        out.append(_say(LEFT_SIDE if seg.side == "left" else RIGHT_SIDE))
    opens_set = seg.rep in (None, 1) and not (seg.alternate and seg.side == "right")
    if seg.sets is not None and seg.sets > 1 and opens_set:
        out.append(_say(SET_OF, seg.set, seg.sets))
    out.extend(_what_to_do(seg))
    return out


def _what_to_do(seg: Segment) -> list[Announcement]:
    if seg.kind == "hold":
        if seg.reps is not None and seg.reps > 1:
            return [_say(HOLD_OF, seg.rep, seg.reps)]
        return [_say(HOLD)]
    if seg.kind != "reps":
        return [_say(BEGIN)]
    if seg.duration is None:
        template = ALTERNATE_SELF if seg.alternate else REPS_SELF
        return [_say(template, seg.reps), _say(PRESS_DONE)]
    return [_say(ALTERNATE_PACED if seg.alternate else REPS_PACED, seg.reps)]


def _next(seg: Segment, nxt: Segment | None) -> list[Announcement]:
    if nxt is None or nxt.exercise is None:
        return []
    if nxt.step_index == seg.step_index and nxt.sets is not None and nxt.sets > 1:
        return [_say(NEXT_SET, nxt.set, nxt.sets)]
    return [_say(NEXT, nxt.exercise.name)]


def timed(seg: Segment) -> list[tuple[float, Announcement]]:
    """Announcements at plan-second offsets into `seg`: the countdown, or the rep count.

    Paced reps are counted ("One" ... at the end of each rep; the last at the
    segment's end) instead of counted down. Self-paced reps have no end: nothing.
    Other segments get "Three", "Two", "One" at 3, 2 and 1 seconds before the end.
    """
    if seg.duration is None:
        return []
    if seg.kind == "reps":
        if seg.rep_time is None or seg.reps is None:
            return []
        if seg.alternate:
            return alternating_count(seg.reps, seg.rep_time)
        return [(k * seg.rep_time, number(k)) for k in range(1, seg.reps + 1)]
    out: list[tuple[float, Announcement]] = []
    for n in range(COUNTDOWN_FROM, 0, -1):
        offset = seg.duration - n
        if offset >= MIN_LEAD:
            out.append((offset, number(n)))
    return out


def alternating_count(reps: int, rep_time: float) -> list[tuple[float, Announcement]]:
    """Paced alternating reps: the side and its rep as each rep starts ("Left 1",
    "Right 1", "Left 2"...). The first waits its turn after the opening words; the
    others are counts that should land on time."""
    out: list[tuple[float, Announcement]] = []
    for turn in range(2 * reps):
        template = LEFT_N if turn % 2 == 0 else RIGHT_N
        out.append((turn * rep_time, _say(template, turn // 2 + 1, priority=turn > 0)))
    return out


def session_complete() -> Announcement:
    return _say(SESSION_COMPLETE)
