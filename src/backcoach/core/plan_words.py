"""Plan wording: what a segment is called, which side, set and rep, what to do now.

The one place the words for a plan's segments are chosen. Each function returns
`Words`: a fixed English template and its values, so the UI translates the template
(every one is listed in `TEMPLATES`, and in ui/translatable.py for the catalogue)
and the CLI prints the English. Exercise names and a rest step's `say` are the
therapist's words: they are values, never translated. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from backcoach.core.durations import format_duration

if TYPE_CHECKING:
    from backcoach.core.plan import Plan, Segment

Value: TypeAlias = "str | int | float | Words | tuple[Words, ...]"
"""A template's value: text or a number as it is, words to translate, or a list of
words shown joined by ", "."""


@dataclass(frozen=True)
class Words:
    """An English template (str.format's {0}, {1}...) and the values that fill it."""

    template: str
    args: tuple[Value, ...] = ()

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        """The text, each template passed through `translate` first (none: English)."""
        if not self.template:
            return ""
        tr = translate or _same
        return tr(self.template).format(*(_render_value(a, tr) for a in self.args))

    def english(self) -> str:
        return self.render()


def _same(text: str) -> str:
    return text


def _render_value(value: Value, tr: Callable[[str], str]) -> str:
    if isinstance(value, Words):
        return value.render(tr)
    if isinstance(value, tuple):
        return ", ".join(w.render(tr) for w in value)
    return str(value)


AS_WRITTEN = "{0}"
GET_READY = "Get ready"
SWITCH_LEFT = "Switch to the left side"
SWITCH_RIGHT = "Switch to the right side"
SWITCH_SIDES = "Switch sides"
RELAX = "Relax"
REST = "Rest"
REST_BETWEEN_SETS = "Rest between sets"
LEFT_SIDE = "left side"
RIGHT_SIDE = "right side"
SET_OF = "set {0} of {1}"
HOLD_OF = "hold {0} of {1}"
ALTERNATING = "alternating sides"
REPS_EACH_SIDE = "{0} reps each side"
REPS = "{0} reps"
NAME_AND_DETAILS = "{0} — {1}"
TOTAL_SELF_PACED = "{0} + self-paced steps"
# What to do now, under the countdown.
NOW_HOLD = "Hold"
NOW_SELF_PACED = "At your own pace — press Enter when done"
NOW_FOLLOW = "Follow the count"
NOW_KEEP_GOING = "Keep going"
NOW_POSITION = "Get into position"
NOW_BREATHE = "Breathe easy"
# The counts beside the countdown.
COUNT_SET = "Set {0} of {1}"
COUNT_REP = "Rep {0} of {1}"
# The line about what comes next.
NEXT = "Next: {0}"
NEXT_FINISH = "Next: finish"
NAME_ON_SIDE = "{0} ({1})"

TEMPLATES: tuple[str, ...] = (
    AS_WRITTEN,
    GET_READY,
    SWITCH_LEFT,
    SWITCH_RIGHT,
    SWITCH_SIDES,
    RELAX,
    REST,
    REST_BETWEEN_SETS,
    LEFT_SIDE,
    RIGHT_SIDE,
    SET_OF,
    HOLD_OF,
    ALTERNATING,
    REPS_EACH_SIDE,
    REPS,
    NAME_AND_DETAILS,
    TOTAL_SELF_PACED,
    NOW_HOLD,
    NOW_SELF_PACED,
    NOW_FOLLOW,
    NOW_KEEP_GOING,
    NOW_POSITION,
    NOW_BREATHE,
    COUNT_SET,
    COUNT_REP,
    NEXT,
    NEXT_FINISH,
    NAME_ON_SIDE,
)
"""Every template here, for the UI's translation catalogue (the "PlanText" context)."""

COUNTS_SEPARATOR = "   ·   "
"""Between the counts ("Set 1 of 2   ·   Rep 2 of 3")."""

NOTHING = Words("")


def as_written(text: str) -> Words:
    """The routine's own words (a name, a `say`), shown as they are."""
    return Words(AS_WRITTEN, (text,))


def rest_between_sets(seg: Segment) -> bool:
    """A rest between two sets of one exercise (not the rest after a step)."""
    return seg.kind == "rest" and seg.set is not None and seg.set > 1


def side_words(side: str | None) -> Words | None:
    """ "left side", "right side", or None for no side."""
    if side == "left":
        return Words(LEFT_SIDE)
    if side == "right":
        return Words(RIGHT_SIDE)
    return None


def set_words(seg: Segment) -> Words | None:
    """ "set 1 of 2" for a segment of an exercise done in more than one set."""
    if seg.sets and seg.sets > 1 and seg.set:
        return Words(SET_OF, (seg.set, seg.sets))
    return None


def hold_words(seg: Segment) -> Words | None:
    """ "hold 2 of 3" for one of several holds in a set."""
    if seg.kind == "hold" and seg.reps and seg.reps > 1 and seg.rep:
        return Words(HOLD_OF, (seg.rep, seg.reps))
    return None


def reps_words(seg: Segment) -> Words | None:
    """ "10 reps", or "10 reps each side" for alternating sides."""
    if seg.kind != "reps" or not seg.reps:
        return None
    return Words(REPS_EACH_SIDE if seg.alternate else REPS, (seg.reps,))


def where_words(seg: Segment) -> tuple[Words, ...]:
    """The side and the set: "left side, set 1 of 2" (empty when there is neither)."""
    return tuple(w for w in (side_words(seg.side), set_words(seg)) if w is not None)


def _pause_label(seg: Segment) -> Words | None:
    """The label of a segment between exercises, None for an exercise's own segment."""
    if seg.kind == "get-ready":
        return Words(GET_READY)
    if seg.kind == "switch":
        return Words({"left": SWITCH_LEFT, "right": SWITCH_RIGHT}.get(seg.side or "", SWITCH_SIDES))
    if seg.kind == "relax":
        return Words(RELAX)
    if seg.kind == "rest":
        if seg.say:
            return as_written(seg.say)
        return Words(REST_BETWEEN_SETS if rest_between_sets(seg) else REST)
    return None


def segment_label(seg: Segment) -> Words:
    """What a segment is, e.g. "Cat-cow — left side, set 1 of 2, hold 2 of 3"."""
    pause = _pause_label(seg)
    if pause is not None:
        return pause
    name = seg.exercise.name if seg.exercise is not None else ""
    details = list(where_words(seg))
    if seg.kind == "reps" and seg.alternate and seg.reps:
        details.insert(0, Words(ALTERNATING))
    details += [w for w in (hold_words(seg), reps_words(seg)) if w is not None]
    if not details:
        return as_written(name)
    return Words(NAME_AND_DETAILS, (name, tuple(details)))


def now_words(seg: Segment) -> Words:
    """What to do now, shown under the countdown ("Hold", "Breathe easy"; nothing
    while getting ready)."""
    if seg.kind == "hold":
        return Words(NOW_HOLD)
    if seg.kind == "reps":
        return Words(NOW_SELF_PACED if seg.duration is None else NOW_FOLLOW)
    if seg.kind == "timed":
        return Words(NOW_KEEP_GOING)
    if seg.kind == "switch":
        return Words(NOW_POSITION)
    if seg.kind == "relax":
        return Words(NOW_BREATHE)
    if seg.kind == "rest":
        return Words(REST)
    return NOTHING


def title_words(seg: Segment) -> Words:
    """The player's title: the exercise's name, or what the pause is."""
    if seg.is_work:
        return as_written(seg.exercise.name) if seg.exercise else segment_label(seg)
    if seg.kind == "switch":
        return Words(SWITCH_SIDES)
    if seg.kind == "rest":
        return as_written(seg.say) if seg.say else Words(REST)
    return segment_label(seg)


def counts_words(seg: Segment) -> tuple[Words, ...]:
    """The counts beside the countdown: "Set 1 of 2", "Rep 2 of 3", "10 reps"."""
    counts: list[Words] = []
    if seg.sets and seg.sets > 1:
        counts.append(Words(COUNT_SET, (seg.set or 0, seg.sets)))
    if seg.kind == "hold" and seg.reps and seg.reps > 1 and seg.rep:
        counts.append(Words(COUNT_REP, (seg.rep, seg.reps)))
    reps = reps_words(seg)
    if reps is not None:
        counts.append(reps)
    return tuple(counts)


def next_words(nxt: Segment | None) -> Words:
    """ "Next: Cat-cow (left side)", "Next: Relax", "Next: finish"."""
    if nxt is None:
        return Words(NEXT_FINISH)
    if nxt.exercise is not None and nxt.is_work:
        side = side_words(nxt.side)
        name = nxt.exercise.name
        return Words(NEXT, (Words(NAME_ON_SIDE, (name, side)) if side else name,))
    if nxt.kind in ("relax", "switch", "rest"):
        return Words(NEXT, (Words({"relax": RELAX, "switch": SWITCH_SIDES}.get(nxt.kind, REST)),))
    return Words(NEXT, (segment_label(nxt),))


def total_words(plan: Plan) -> Words:
    """ "12m30s", or "12m30s + self-paced steps" (their time is not in the 12m30s)."""
    text = format_duration(plan.total_seconds) if plan.total_seconds else "0s"
    return Words(TOTAL_SELF_PACED, (text,)) if plan.self_paced else as_written(text)
