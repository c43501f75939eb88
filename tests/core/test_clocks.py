"""The app's real clock counts through suspend, so the engine can see that the machine slept."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from backcoach.core.clocks import WallAnchor, awake_clock


def test_awake_clock_never_goes_back() -> None:
    readings = [awake_clock() for _ in range(1000)]
    assert readings == sorted(readings)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux clock ids")
def test_on_linux_it_is_boottime_not_monotonic() -> None:
    boot = time.clock_gettime(time.CLOCK_BOOTTIME)
    assert abs(awake_clock() - boot) < 0.5


def test_wall_anchor_follows_the_monotonic_clock() -> None:
    start = datetime(2025, 3, 30, 1, 59, tzinfo=timezone(timedelta(hours=1)))
    anchor = WallAnchor(start, 500.0)
    assert anchor.at(590.0) - start == timedelta(seconds=90)
    assert anchor.at(590.0).utcoffset() is not None
    assert anchor.at(400.0) == start  # a monotonic clock never goes back; if it did: the start
    end_of_time = WallAnchor(datetime.max.replace(tzinfo=UTC), 0.0)
    assert end_of_time.at(60.0) == end_of_time.wall
