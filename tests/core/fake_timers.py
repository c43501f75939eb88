"""Timers on a FakeClock: what a recorder schedules fires when the test moves time on."""

from __future__ import annotations

from collections.abc import Callable

from backcoach.core.fakeclock import FakeClock


class FakeTimers:
    """Call as `schedule(delay, callback)`; `advance` / `run_due` fire what fell due, in order."""

    def __init__(self, clock: FakeClock, after_each: Callable[[], None] = lambda: None) -> None:
        """`after_each` runs after every timer fired (e.g. to hand back a writer's outcomes,
        which may set the next timer)."""
        self.clock = clock
        self.after_each = after_each
        self.due: list[tuple[float, int, Callable[[], None]]] = []
        self.delays: list[float] = []
        """Every delay asked for, in order (to check the backoff)."""
        self._n = 0

    def __call__(self, delay: float, callback: Callable[[], None]) -> None:
        self.delays.append(delay)
        self._n += 1
        self.due.append((self.clock.now + delay, self._n, callback))

    def run_due(self) -> int:
        """Fire the timers due by now (and those they set that are due too); how many."""
        fired = 0
        while True:
            ready = sorted(t for t in self.due if t[0] <= self.clock.now)
            if not ready:
                return fired
            self.due.remove(ready[0])
            ready[0][2]()
            self.after_each()
            fired += 1

    def advance(self, dt: float) -> None:
        """Move the clock on by `dt`, firing each timer at its own time."""
        end = self.clock.now + dt
        while True:
            upcoming = [t for t in self.due if t[0] <= end]
            if not upcoming:
                break
            self.clock.set(max(self.clock.now, min(upcoming)[0]))
            self.run_due()
        self.clock.set(end)
