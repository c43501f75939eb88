"""A step's dose in words, in the user's language: "Hold 30 seconds, 2 times, each side,
rest 15 seconds", and what a stage changes ("12 times instead of 10").

For the routine page, the summary's stage offer and the printed handout. The
numbers come from the routine model; only the words are translated here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backcoach.core.routine import ExerciseStep, RestStep, Step
from backcoach.core.stages import DoseChange

CONTEXT = "DoseText"


def tr(text: str) -> str:
    return QCoreApplication.translate("DoseText", text)


def _number(value: float) -> str:
    return f"{value:g}"


def seconds_words(seconds: float) -> str:
    """ "30 seconds", "1 minute", "1 minute 30 seconds", "2 hours"."""
    whole = round(seconds)
    if abs(seconds - whole) > 1e-6 or whole < 60:
        value = round(seconds, 1)
        return tr("1 second") if value == 1 else tr("{0} seconds").format(_number(value))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(tr("1 hour") if hours == 1 else tr("{0} hours").format(hours))
    if minutes:
        parts.append(tr("1 minute") if minutes == 1 else tr("{0} minutes").format(minutes))
    if secs:
        parts.append(tr("1 second") if secs == 1 else tr("{0} seconds").format(secs))
    return " ".join(parts)


def times_words(reps: int) -> str:
    return tr("once") if reps == 1 else tr("{0} times").format(reps)


def sides_words(step: ExerciseStep) -> str:
    return {
        "each": tr("each side"),
        "left": tr("left side only"),
        "right": tr("right side only"),
        "alternate": tr("alternating sides"),
    }.get(step.sides, "")


def _work_words(step: ExerciseStep) -> list[str]:
    alternate = step.sides == "alternate"
    if step.hold is not None:
        parts = [tr("Hold {0}").format(seconds_words(step.hold))]
        if step.reps > 1 or alternate:
            each = tr("{0} each side") if alternate else "{0}"
            parts.append(each.format(times_words(step.reps)))
        return parts
    if step.duration is not None:
        return [tr("For {0}").format(seconds_words(step.duration))]
    count = times_words(step.reps)
    if alternate:
        count = tr("{0} each side").format(count)
    if step.rep_time is not None:
        return [count, tr("one every {0}").format(seconds_words(step.rep_time))]
    return [count, tr("at your own pace")]


def dose_words(step: Step, *, rest_after: bool = True) -> str:
    """The whole dose of a step, as a therapist would write it on a handout.

    `rest_after` False: the step's rest comes only between its sets (it is the last
    step, or a rest step follows it), so it is named only when there are sets."""
    if isinstance(step, RestStep):
        return tr("Rest {0}").format(seconds_words(step.rest))
    parts = _work_words(step)
    side = sides_words(step)
    if side:
        parts.append(side)
    if step.sets > 1:
        parts.append(tr("{0} sets").format(step.sets))
    if step.rest > 0 and (rest_after or step.sets > 1):
        parts.append(tr("rest {0}").format(seconds_words(step.rest)))
    return ", ".join(parts)


def _value_words(key: str, value: float | None) -> str:
    if value is None:
        return tr("at your own pace")
    if key in ("reps", "sets"):
        return str(int(value))
    return seconds_words(value)


_CHANGE = {
    "hold": "hold {0} instead of {1}",
    "reps": "{0} times instead of {1}",
    "sets": "{0} sets instead of {1}",
    "rep_time": "one every {0} instead of {1}",
    "duration": "{0} instead of {1}",
    "rest": "rest {0} instead of {1}",
    "relax": "relax {0} between holds instead of {1}",
}
"""Templates for what a stage changes, by key (registered in ui/translatable.py)."""


def change_words(change: DoseChange) -> str:
    """ "Bridge: 12 times instead of 10, 3 sets instead of 2"."""
    parts = []
    for key in change.keys:
        template = _CHANGE.get(key)
        if template is None:
            continue
        old = _value_words(key, getattr(change.before, key))
        new = _value_words(key, getattr(change.after, key))
        parts.append(tr(template).format(new, old))
    name = (
        change.after.exercise.name
        if isinstance(change.after, ExerciseStep)
        else (change.after.say or tr("Rest"))
    )
    return tr("{0}: {1}").format(name, ", ".join(parts))
