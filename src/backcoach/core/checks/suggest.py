"""Suggestions for mistakes: the key or id that was meant, the duration that was meant.

A suggestion is made only when it is close and means the same kind of thing:
a typo (`titel` -> `title`: a letter or two off, fewer for short words), a key
named inside a longer word (`hold_time` -> `hold`), a therapist's word for a key
(`repetitions` -> `reps`); never a different key that only looks alike
(`rest_time` -> `rep_time` would change the meaning: `rest` is suggested).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from backcoach.core.durations import DurationError, parse_duration

SYNONYMS: dict[str, str] = {
    "repetitions": "reps",
    "repeats": "reps",
    "description": "summary",
    "instructions": "how",
    "caution": "careful",
    "warning": "careful",
    "pause": "rest",
}
"""Words therapists use for a key of the format (suggested where that key is allowed)."""

_PART_SPLIT = re.compile(r"[_\-\s]+|(?<=[a-z])(?=[A-Z])")


MAX_SUGGEST_LENGTH = 64
"""Longer words get no typo suggestion (no key or id of the format is that long)."""


def distance(a: str, b: str, cap: int | None = None) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from `a` to `b`.

    With `cap`, any distance over it is returned as cap + 1, found early: two
    rows in a row over the cap can only lead to more.
    """
    if cap is not None and abs(len(a) - len(b)) > cap:
        return cap + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if cap is not None and min(row) > cap and min(prev) > cap:
            return cap + 1
        prev2, prev = prev, row
    return prev[-1] if cap is None else min(prev[-1], cap + 1)


def _limit(word: str) -> int:
    """How many edits still count as a typo of a word this long."""
    if len(word) <= 5:
        return 1
    return 2 if len(word) <= 10 else 3


def closest(word: str, choices: Iterable[str], *, keys: bool = False) -> str | None:
    """The choice `word` was most likely meant to be, or None when none is close.

    `keys`: the choices are key names, so a key named inside `word`
    (`hold_time` -> `hold`) and the synonyms above count too.
    """
    options = list(dict.fromkeys(choices))
    lower = word.lower()
    by_lower = {c.lower(): c for c in options}
    if lower in by_lower:
        return by_lower[lower]
    if len(word) > MAX_SUGGEST_LENGTH:
        return None
    cap = _limit(word)
    near = sorted((distance(lower, c.lower(), cap), c) for c in options)
    if near and near[0][0] <= 1 and len(word) > 2:
        return near[0][1]
    if keys:
        meant = SYNONYMS.get(lower)
        if meant in options:
            return meant
        for part in _PART_SPLIT.split(word):
            if len(part) >= 3 and part.lower() in by_lower:
                return by_lower[part.lower()]
    if near and near[0][0] <= _limit(word) and len(word) > 2:
        return near[0][1]
    return None


_UNITS = {
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "m": ("m", "min", "mins", "minute", "minutes"),
    "s": ("s", "sec", "secs", "second", "seconds"),
}
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words}
_ORDER = "hms"
_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):([0-5]\d)$")
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*(?:,|and)?\s*")


def _clock(text: str) -> str | None:
    """ "1:30" -> "1m30s", "1:05:00" -> "1h5m" (a clock-like duration)."""
    match = _CLOCK.match(text)
    if match is None:
        return None
    h, m, s = (int(g) if g else 0 for g in match.groups())
    if not match.group(1):  # m:ss
        h, m = 0, int(match.group(2))
    parts = [f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (s, "s")) if v]
    return "".join(parts) or None


def _units(text: str) -> str | None:
    """ "30 sec" -> "30s", "1min30" -> "1m30s", "2 minutes" -> "2m"."""
    pos, last, out = 0, -1, ""
    while pos < len(text):
        match = _PART.match(text, pos)
        if match is None or match.end() == pos:
            return None
        number, word = match.group(1).replace(",", "."), match.group(2)
        unit = _UNIT_OF.get(word) if word else (_ORDER[last + 1] if 0 <= last < 2 else None)
        if unit is None or _ORDER.index(unit) <= last:
            return None
        last = _ORDER.index(unit)
        out += number + unit
        pos = match.end()
    return out or None


def suggest_duration(text: str) -> str | None:
    """The duration `text` was meant to be, written as the format wants it, or None.

    Only for texts that are clearly a duration in other words (`30 sec`,
    `1min30`, `90 seconds`, `1:30`) and within the format's range.
    """
    cleaned = text.strip().lower().rstrip(".")
    fix = _clock(cleaned) or _units(cleaned)
    if fix is None or fix == cleaned:
        return None
    try:
        parse_duration(fix)
    except DurationError:
        return None
    return fix
