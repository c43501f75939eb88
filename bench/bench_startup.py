"""Start-up cost: `python -m backcoach` against a bare PySide6 QMainWindow, under X.

    .venv/bin/python bench/bench_startup.py             # 7 launches of each
    .venv/bin/python bench/bench_startup.py --runs 15   # steadier medians
    .venv/bin/python bench/bench_startup.py --strict    # exit 1 when a target is missed

Launches, alternately, (a) a bare script that creates a QApplication and a
QMainWindow and shows it, and (b) the real app on a temporary --data-dir (the
bundled routines, saved settings; a first, uncounted launch makes the history
database and notes the system's theme, as any earlier use of the app would
have). Both run through bench/startup_probe.py, which notes the moment each
process's first window has been painted (from filters on the shown windows
only, so that neither program pays for the probe), lets it run on for half a
second and quits it; the app is started by its own entry point and does
everything it normally does before that paint. Under X (xcb): the DISPLAY
given, else a private Xvfb on a free display. The sources are byte-compiled
first and PYTHONDONTWRITEBYTECODE is removed from the children's environment,
so no launch pays for compiling. One launch of each, uncounted, warms the disk
cache.

Reading the figures: "to visible" is the wall time from just before the
process is spawned to just after its first window was painted (the child reads
the same monotonic clock), so it includes starting Python, importing Qt and
everything the app does before its first paint. "CPU to vis." is the CPU time
the process used until then (all its threads): steadier than the wall time on
a busy machine, and the better guide there. "RSS visible" is the peak resident
memory (VmHWM) at that moment. "RSS settled" is the peak over the whole
process (os.wait4's maxrss): half a second after the paint, by which time the
app has done what it leaves until after the paint (the history opened, the
library built and its folders scanned and watched, the single-instance server
listening) - shown for information, as that is what the app holds once
running. Each figure is the median of the runs; the ratios are app / bare, and
the targets (at most 1.3x) are on time to visible and RSS at visible. The bare
window already pays for Python, Qt's widget libraries and the X connection, so
a ratio says what backcoach adds on top of the least any PySide6 window costs.
On a loaded machine (a test run beside it) wall times stretch and scatter, the
ratio with them: compare ratios from one run, read the CPU ratio beside the
wall one, and raise --runs when the medians look unsteady.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = HERE / "startup_probe.py"
TARGET = 1.3
LAUNCH_TIMEOUT = 30.0


@dataclass(frozen=True)
class Launch:
    seconds: float  # spawn to first painted window
    cpu_seconds: float  # CPU time the child used until then
    at_paint_kib: int  # VmHWM read at the first paint
    peak_kib: int  # max RSS of the whole process (wait4), half a second after it


def free_display() -> int:
    for number in range(90, 200):
        if not (
            Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :199")


@contextmanager
def x_display() -> Iterator[str]:
    """The DISPLAY given, else a private Xvfb started (and stopped) here."""
    given = os.environ.get("DISPLAY")
    if given:
        yield given
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("bench_startup: needs a DISPLAY or Xvfb (apt install xvfb)")
    number = free_display()
    proc = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bench_startup: Xvfb :{number} did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def byte_compile() -> None:
    """Write the .pyc files a normal install has, for backcoach and what it imports."""
    import PySide6
    import shiboken6
    import yaml

    import backcoach

    for package in (backcoach, PySide6, shiboken6, yaml):
        folder = Path(package.__file__ or "").parent
        compileall.compile_dir(folder, quiet=1, rx=re.compile(r"[/\\]scripts[/\\]"))


def make_data_dir(folder: Path) -> Path:
    """A data folder as someone who has used the app has: settings saved (the history
    database is made by the first, uncounted launch)."""
    from backcoach.core.paths import AppPaths
    from backcoach.core.settings import Settings, SettingsStore

    SettingsStore(AppPaths(data_dir=folder).settings_path).save(Settings())
    return folder


def child_env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    for name in ("QT_SCALE_FACTOR", "BACKCOACH_DATA_DIR", "QT_LOGGING_RULES"):
        env.pop(name, None)
    return env


def launch(args: list[str], env: dict[str, str]) -> Launch:
    with tempfile.TemporaryFile("w+") as errors:
        start = time.monotonic_ns()
        proc = subprocess.Popen(
            [sys.executable, str(PROBE), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        watchdog = threading.Timer(LAUNCH_TIMEOUT, proc.kill)
        watchdog.start()
        try:
            assert proc.stdout is not None
            out = proc.stdout.read()
            proc.stdout.close()
            # wait4, not proc.wait(): its resource usage is this child's alone.
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        errors.seek(0)
        err = errors.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [line.split() for line in out.splitlines() if line.startswith("visible ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(
            f"bench_startup: {' '.join(args)} exited {proc.returncode} without a window:\n{err}"
        )
    if err.strip():  # a Qt warning at start-up is a bug too
        print(f"  stderr of {args[0]}: {err.strip()}", file=sys.stderr)
    _, stamp, hwm, cpu = lines[0]
    return Launch((int(stamp) - start) / 1e9, int(cpu) / 1e9, int(hwm), int(usage.ru_maxrss))


def medians(runs: list[Launch]) -> Launch:
    return Launch(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
        int(statistics.median(r.at_paint_kib for r in runs)),
        int(statistics.median(r.peak_kib for r in runs)),
    )


def verdict(ratio: float) -> str:
    return "ok" if ratio <= TARGET else "OVER"


def report(b: Launch, a: Launch) -> bool:
    """Print the medians and ratios; True when a target is missed."""
    ratios = (
        a.seconds / b.seconds,
        a.cpu_seconds / b.cpu_seconds,
        a.at_paint_kib / b.at_paint_kib,
        a.peak_kib / b.peak_kib,
    )
    heads = ("to visible", "CPU to vis.", "RSS visible", "RSS settled")
    print(f"{'':22}" + "".join(f"{h:>13}" for h in heads))
    for name, m in (("bare QMainWindow", b), ("python -m backcoach", a)):
        print(
            f"{name:<22}{m.seconds * 1000:>10.0f} ms{m.cpu_seconds * 1000:>10.0f} ms"
            f"{m.at_paint_kib / 1024:>9.1f} MiB{m.peak_kib / 1024:>9.1f} MiB"
        )
    print(f"{'ratio app / bare':<22}" + "".join(f"{r:>12.2f}x" for r in ratios))
    print(
        f"targets <= {TARGET}x: time to visible {verdict(ratios[0])}, "
        f"memory at visible {verdict(ratios[2])}"
    )
    return ratios[0] > TARGET or ratios[2] > TARGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="launches of each (at least 5)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--verbose", action="store_true", help="print every launch")
    options = parser.parse_args()
    runs = max(5, options.runs)
    byte_compile()
    with x_display() as display, tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = child_env(display)
        bare_args = ["bare"]
        app_args = ["app", "--data-dir", str(make_data_dir(Path(tmp) / "data"))]
        launch(bare_args, env)  # warm-up, uncounted (the app's creates its database)
        launch(app_args, env)
        bare: list[Launch] = []
        app: list[Launch] = []
        for i in range(runs):
            order = [(bare_args, bare), (app_args, app)]
            for args, into in order if i % 2 == 0 else order[::-1]:
                into.append(launch(args, env))
                if options.verbose:
                    r = into[-1]
                    print(
                        f"  {args[0]:<4} {r.seconds * 1000:6.0f} ms {r.cpu_seconds * 1000:6.0f} ms"
                        f" {r.at_paint_kib / 1024:6.1f} MiB {r.peak_kib / 1024:6.1f} MiB"
                    )
    print(f"start-up under X ({display}), median of {runs} launches each")
    missed = report(medians(bare), medians(app))
    return 1 if options.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
