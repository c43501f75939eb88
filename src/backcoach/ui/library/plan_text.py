"""Plan wording for the screen: core/plan_words.py's words in the user's language.

The words are chosen in core/plan_words.py (the CLI prints them in English); here
their templates go through Qt's translation, in the "PlanText" context (listed in
ui/translatable.py). Exercise names and a rest step's `say` are the therapist's
words and are shown as written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backcoach.core import plan_words
from backcoach.core.plan import Plan, Segment
from backcoach.core.plan_words import Words

CONTEXT = "PlanText"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def text(words: Words | None) -> str:
    """`words` in the user's language ("" for none)."""
    return "" if words is None else words.render(tr)


def total_text(plan: Plan) -> str:
    """ "12m30s", or "12m30s + self-paced steps" in the user's language."""
    return text(plan_words.total_words(plan))


def side_text(side: str | None) -> str:
    return text(plan_words.side_words(side))


def segment_label(seg: Segment) -> str:
    """What a segment is, e.g. "Cat-cow — left side, set 1 of 2, hold 2 of 3"."""
    return text(plan_words.segment_label(seg))


def title_text(seg: Segment) -> str:
    """The player's title: the exercise's name, or what the pause is."""
    return text(plan_words.title_words(seg))


def now_text(seg: Segment) -> str:
    """What to do now ("Hold", "Breathe easy"), under the countdown."""
    return text(plan_words.now_words(seg))


def counts_text(seg: Segment) -> str:
    """ "Set 1 of 2   ·   Rep 2 of 3"."""
    return plan_words.COUNTS_SEPARATOR.join(text(w) for w in plan_words.counts_words(seg))


def next_text(nxt: Segment | None) -> str:
    """ "Next: Cat-cow (left side)", "Next: finish"."""
    return text(plan_words.next_words(nxt))
