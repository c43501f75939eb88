"""The real clock the app runs on (tests inject a FakeClock instead)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta


def awake_clock() -> float:
    """Monotonic seconds that include time suspended, where the platform has such a clock.

    Linux `time.monotonic()` (CLOCK_MONOTONIC) stops while suspended, so a
    sleep would not show as a jump; CLOCK_BOOTTIME keeps counting. On macOS
    CLOCK_MONOTONIC includes sleep while `time.monotonic()` does not. Windows'
    `time.monotonic()` already includes sleep. The session engine and the break
    scheduler both need the jump to see that the machine slept.
    """
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        return time.clock_gettime(time.CLOCK_MONOTONIC)
    return time.monotonic()


@dataclass(frozen=True)
class WallAnchor:
    """A wall-clock moment tied to a monotonic reading, so that later wall times follow
    the monotonic clock.

    A session's start is read from the wall clock; its checkpoints and end are the
    start plus the monotonic time elapsed since. If the wall clock jumps meanwhile
    (NTP, a time zone or daylight-saving change, a hand-set clock), the log still
    holds the real duration, and an end after the start.
    """

    wall: datetime
    mono: float

    def at(self, mono: float) -> datetime:
        """The wall time `mono` stands for, in the local time zone of that moment."""
        elapsed = timedelta(seconds=max(0.0, mono - self.mono))
        try:
            return (self.wall + elapsed).astimezone()
        except OverflowError:  # a wall clock set to the end of time
            return self.wall
