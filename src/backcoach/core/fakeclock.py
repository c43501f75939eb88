"""A fake monotonic clock for tests: call it for the time, advance() it by hand.

The session engine takes any `() -> float` clock; with this one a test steps
time explicitly (no sleeping, no event loop) and gets the same answer every run.
"""

from __future__ import annotations

import math


class FakeClock:
    """Seconds as a float, starting at `start`; only moves when told to."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)

    def __call__(self) -> float:
        return self._now

    @property
    def now(self) -> float:
        return self._now

    def advance(self, dt: float) -> float:
        """Move forward by `dt` seconds (>= 0: a monotonic clock never goes back); return the new time."""
        if not math.isfinite(dt) or dt < 0:
            raise ValueError(f"FakeClock.advance: dt must be a finite number >= 0, got {dt!r}")
        self._now += dt
        return self._now

    def set(self, t: float) -> float:
        """Jump to absolute time `t` (not earlier than now)."""
        return self.advance(t - self._now)

    def __repr__(self) -> str:
        return f"FakeClock({self._now!r})"
