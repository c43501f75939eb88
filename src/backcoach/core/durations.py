"""Durations as therapists write them ("30s", "1m30s", 45, 7.5) <-> seconds."""

from __future__ import annotations

import math
import re

MAX_SECONDS = 2 * 60 * 60
OUT_OF_RANGE_SECONDS = 24 * 60 * 60
"""Past a day (or past what a float holds) a value is "out of range", not just over 2h."""

_NUM = r"[0-9]+(?:\.[0-9]+)?"
DURATION_PATTERN = (
    rf"^\s*(?:{_NUM}|(?=[0-9])(?:{_NUM}\s*h)?\s*(?:{_NUM}\s*m)?\s*(?:{_NUM}\s*s)?)\s*$"
)
"""Every text form parse_duration accepts (range aside); the JSON Schema uses it too."""

_NUMBER = re.compile(rf"^\s*({_NUM})\s*$")
_UNITS = re.compile(rf"^\s*(?=[0-9])(?:({_NUM})\s*h)?\s*(?:({_NUM})\s*m)?\s*(?:({_NUM})\s*s)?\s*$")

ACCEPTED_FORMS = "a duration like 30s or 1m30s (or 1h, or seconds like 45 or 7.5)"


class DurationError(ValueError):
    """A value that is not a valid duration; the message says what was accepted."""


def parse_duration(value: object) -> float:
    """Return the number of seconds `value` means, or raise DurationError.

    Accepted: an int/float of seconds, a text number of seconds (`45`, `7.5`),
    or a text of `h`, `m`, `s` parts in that order (`30s`, `1m`, `1m30s`,
    `1h`, `1.5m`, `1m 30s`); > 0 and at most 2h. Booleans are refused: YAML's
    `yes` would otherwise be one second. Nothing else (no `1e3`, no `1:30`).
    """
    if isinstance(value, bool) or value is None:
        raise DurationError(f"expected {ACCEPTED_FORMS}, got {_show(value)}")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        number = _NUMBER.match(value)
        units = None if number else _UNITS.match(value)
        if number:
            seconds = float(number.group(1))
        elif units and any(units.groups()):
            h, m, s = (float(g) if g else 0.0 for g in units.groups())
            seconds = h * 3600 + m * 60 + s
        else:
            raise DurationError(f"expected {ACCEPTED_FORMS}, got {_show(value)}")
    else:
        raise DurationError(f"expected {ACCEPTED_FORMS}, got {_show(value)}")
    if not math.isfinite(seconds) or seconds > OUT_OF_RANGE_SECONDS:
        raise DurationError(
            f"out of range: a duration is more than 0 and at most 2h, got {_show(value)}"
        )
    if seconds <= 0:
        raise DurationError(f"a duration must be more than 0 seconds, got {_show(value)}")
    if seconds > MAX_SECONDS:
        raise DurationError(f"a duration must be at most 2h, got {_show(value)}")
    return seconds


def format_duration(seconds: float) -> str:
    """Compact form for tables and labels: 45s, 1m30s, 1h2m, 7.5s."""
    if seconds < 60:
        return f"{_num(seconds)}s"
    total = round(seconds, 1)
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    out = ""
    if h:
        out += f"{int(h)}h"
    if m:
        out += f"{int(m)}m"
    if s:
        out += f"{_num(s)}s"
    return out


def format_clock(seconds: float) -> str:
    """m:ss (or h:mm:ss) for countdowns; rounds up partial seconds (a countdown shows 0:01
    until the very end). Plans show times with `format_offset` instead."""
    whole = max(0, math.ceil(seconds - 1e-9))
    h, rem = divmod(whole, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_offset(seconds: float) -> str:
    """m:ss (or h:mm:ss) from the start, to the tenth like `format_duration`: 0:12.5."""
    tenths = round(max(0.0, seconds) * 10)
    whole, tenth = divmod(tenths, 10)
    h, rem = divmod(whole, 3600)
    m, s = divmod(rem, 60)
    text = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
    return f"{text}.{tenth}" if tenth else text


def _num(x: float) -> str:
    r = round(x, 1)
    return str(int(r)) if r == int(r) else str(r)


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)
