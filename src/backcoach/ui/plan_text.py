"""Plan wording for the screen, built from the plan's data in the user's language.

core/plan.py keeps an English `Segment.label` (for `backcoach plan` and the JSON
export); the UI never shows it, and builds its own text here from the segment's
kind, side, set and rep so it goes through Qt's translation. Exercise names and a
rest step's `say` are the therapist's words and are shown as written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backcoach.core.durations import format_duration
from backcoach.core.plan import Plan, Segment

CONTEXT = "PlanText"


def tr(text: str) -> str:
    return QCoreApplication.translate("PlanText", text)


def total_text(plan: Plan) -> str:
    """ "12m30s", or "12m30s + self-paced steps" in the user's language."""
    text = format_duration(plan.total_seconds) if plan.total_seconds else "0s"
    if plan.self_paced:
        return tr("{0} + self-paced steps").format(text)
    return text


def side_text(side: str | None) -> str:
    if side == "left":
        return tr("left side")
    if side == "right":
        return tr("right side")
    return ""


def where_text(seg: Segment) -> str:
    """ "left side, set 1 of 2" (empty when there is neither)."""
    parts = []
    if seg.side:
        parts.append(side_text(seg.side))
    if seg.sets and seg.sets > 1 and seg.set:
        parts.append(tr("set {0} of {1}").format(seg.set, seg.sets))
    return ", ".join(parts)


def segment_label(seg: Segment) -> str:
    """What a segment is, e.g. "Cat-cow — left side, set 1 of 2, hold 2 of 3"."""
    kind = seg.kind
    if kind == "get-ready":
        return tr("Get ready")
    if kind == "switch":
        if seg.side == "left":
            return tr("Switch to the left side")
        if seg.side == "right":
            return tr("Switch to the right side")
        return tr("Switch sides")
    if kind == "relax":
        return tr("Relax")
    if kind == "rest":
        if seg.say:
            return seg.say
        return tr("Rest between sets") if seg.set and seg.set > 1 else tr("Rest")
    name = seg.exercise.name if seg.exercise is not None else ""
    details = [d for d in (where_text(seg),) if d]
    if kind == "hold" and seg.reps and seg.reps > 1 and seg.rep:
        details.append(tr("hold {0} of {1}").format(seg.rep, seg.reps))
    if kind == "reps" and seg.reps and seg.alternate:
        details.insert(0, tr("alternating sides"))
        details.append(tr("{0} reps each side").format(seg.reps))
    elif kind == "reps" and seg.reps:
        details.append(tr("{0} reps").format(seg.reps))
    if not details:
        return name
    return tr("{0} — {1}").format(name, ", ".join(details))
