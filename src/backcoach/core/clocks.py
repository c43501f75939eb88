"""The real clock the app runs on (tests inject a FakeClock instead)."""

from __future__ import annotations

import sys
import time


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
