"""Idle cost of the posture-break reminder: CPU and memory of `backcoach --tray`.

Starts `python -m backcoach --tray --data-dir TMP` (offscreen unless
QT_QPA_PLATFORM says otherwise) as a subprocess, lets it settle, then samples
its CPU time (utime+stime from /proc/PID/stat) and resident memory (VmRSS
from /proc/PID/status) for DURATION seconds (default 60). Prints idle CPU as a
percentage of one core (target: under 0.1 %) and memory. Linux only.

    python bench/bench_tray.py            # a minute
    python bench/bench_tray.py 10         # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """utime + stime of `pid`, in seconds."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    # After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("duration", nargs="?", type=float, default=60.0, help="seconds to sample")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds to wait after start")
    args = parser.parse_args()
    if not Path("/proc/self/stat").exists():
        print("bench_tray: needs Linux /proc", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="bench-tray-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        # Breaks every day, all day, so the scheduler is counting (not off-hours).
        settings = {"break_days": list(range(7)), "break_start": "00:00", "break_end": "00:00"}
        (data / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        proc = subprocess.Popen(
            [sys.executable, "-m", "backcoach", "--tray", "--data-dir", str(data)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            time.sleep(args.settle)
            if proc.poll() is not None:
                print(f"bench_tray: the tray exited early ({proc.returncode}):", file=sys.stderr)
                print(proc.stderr.read() if proc.stderr else "", file=sys.stderr)
                return 1
            start_cpu, start_wall = cpu_seconds(proc.pid), time.monotonic()
            start_rss = rss_kib(proc.pid)
            peak_rss = start_rss
            deadline = start_wall + args.duration
            while time.monotonic() < deadline:
                time.sleep(min(5.0, max(0.0, deadline - time.monotonic())))
                peak_rss = max(peak_rss, rss_kib(proc.pid))
            cpu = cpu_seconds(proc.pid) - start_cpu
            wall = time.monotonic() - start_wall
            end_rss = rss_kib(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    percent = 100.0 * cpu / wall
    verdict = "OK" if percent < 0.1 else "OVER TARGET"
    print(f"tray idle for {wall:.1f} s (platform {env['QT_QPA_PLATFORM']})")
    print(f"  CPU: {cpu * 1000:.0f} ms = {percent:.3f} % of one core (target < 0.1 %: {verdict})")
    print(
        f"  RSS: {end_rss / 1024:.1f} MiB at the end (start {start_rss / 1024:.1f}, peak {peak_rss / 1024:.1f})"
    )
    print(f"  CPU-time resolution: {1000 / TICKS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
