"""The app's real clock counts through suspend, so the engine can see that the machine slept."""

from __future__ import annotations

import sys
import time

import pytest

from backcoach.core.clocks import awake_clock


def test_awake_clock_never_goes_back() -> None:
    readings = [awake_clock() for _ in range(1000)]
    assert readings == sorted(readings)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux clock ids")
def test_on_linux_it_is_boottime_not_monotonic() -> None:
    boot = time.clock_gettime(time.CLOCK_BOOTTIME)
    assert abs(awake_clock() - boot) < 0.5
