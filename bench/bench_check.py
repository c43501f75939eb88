"""Benchmark: `backcoach check` on 1,000 routine files vs a bare libyaml load of them.

    .venv/bin/python bench/bench_check.py            # 7 whole-process runs of each
    .venv/bin/python bench/bench_check.py --runs 15

Generates 1,000 realistic routines (the shipped ones, varied) and the
exercise library in a temp folder, then times, in one run:
- in process: read + `yaml.load(f, Loader=yaml.CSafeLoader)` of every file
  (best of 3), against the `backcoach check` command's function on the folder
  (every check: keys, types, durations, exercise ids, images, cues; best of 3);
- whole processes, alternating (default 7 of each): `python -c` that imports
  yaml and loads every file with CSafeLoader, against `python -m backcoach
  check FOLDER`; each includes starting Python and its imports. The sources
  are byte-compiled first and PYTHONDONTWRITEBYTECODE is removed from the
  children's environment, so neither pays for compiling.
Prints the times and the ratios; the targets are check <= 1.5x the baseline,
in process and as a whole process.

Reading the figures: the in-process ratio is the checking itself (parsing
plus every rule) against parsing alone. The whole-process ratio is what a
person or a CI job waits for: it adds what each process imports before its
first file (Python's own start-up is in both), so it shows when `check`
starts to load more than checking needs. Whole-process times are medians of
wall times (the target) and of CPU time (user + system, from wait4); a
loaded machine stretches wall times on both sides and scatters them, so
compare the ratios from one run, read the CPU ratio beside it, and raise
--runs when the medians look unsteady.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from backcoach.commands.check import check
from backcoach.core.paths import bundled_routines_dir

N_FILES = 1000
REPEAT = 3
TARGET = 1.5
YAML_ONLY = """\
import glob, sys, yaml
for name in sorted(glob.glob(sys.argv[1] + "/*.yaml")):
    with open(name, "rb") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""


def generate(folder: Path) -> list[Path]:
    shipped = sorted(bundled_routines_dir().glob("*.yaml"))
    templates = [p.read_text() for p in shipped if re.search(r"^steps\s*:", p.read_text(), re.M)]
    for p in shipped:
        if p.read_text() not in templates:
            shutil.copy(p, folder / p.name)  # the exercise library
    files = []
    for i in range(N_FILES):
        text = templates[i % len(templates)]
        text = re.sub(r"^title: (.*)$", rf"title: \1 (variant {i})", text, count=1, flags=re.M)
        extra = i % 5
        text = re.sub(r"hold: (\d+)s", lambda m, e=extra: f"hold: {int(m.group(1)) + e}s", text)
        path = folder / f"routine-{i:04d}.yaml"
        path.write_text(text)
        files.append(path)
    return sorted(folder.glob("*.yaml"))


def baseline(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        with path.open("rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def in_process(folder: Path) -> float:
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    status = check([str(folder)], out=out, err=err)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"check found problems:\n{out.getvalue()[:2000]}")
    return elapsed


def byte_compile() -> None:
    """Write the .pyc files a normal install has, for backcoach and yaml."""
    import backcoach

    for package in (backcoach, yaml):
        compileall.compile_dir(Path(package.__file__ or "").parent, quiet=1)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, from wait4) of one run of `command`."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command[:4])} failed:\n{errors.read()[-2000:]!r}")
    return elapsed, usage.ru_utime + usage.ru_stime


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def whole_processes(folder: Path, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) of `python -c` loading with libyaml and of `backcoach check`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    baseline_cmd = [sys.executable, "-c", YAML_ONLY, str(folder)]
    check_cmd = [sys.executable, "-m", "backcoach", "check", "-q", str(folder)]
    timed(baseline_cmd, env)  # warm-up, uncounted
    timed(check_cmd, env)
    base: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    for i in range(runs):
        pairs = [(baseline_cmd, base), (check_cmd, ours)]
        for command, into in pairs if i % 2 == 0 else pairs[::-1]:
            into.append(timed(command, env))
    return medians(base), medians(ours)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="whole-process runs of each")
    options = parser.parse_args()
    options.runs = max(1, options.runs)
    if not getattr(yaml, "__with_libyaml__", False):
        print("libyaml (yaml.CSafeLoader) is not available; the comparison needs it")
        return 1
    byte_compile()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = generate(folder)
        size = sum(p.stat().st_size for p in files)
        print(f"{len(files)} files, {size / 1024:.0f} KiB, in {folder}")
        base = min(baseline(files) for _ in range(REPEAT))
        ours = min(in_process(folder) for _ in range(REPEAT))
        (base_wall, base_cpu), (ours_wall, ours_cpu) = whole_processes(folder, options.runs)
    print(f"libyaml load (yaml.load CSafeLoader), in process:  {base:.3f} s")
    print(f"backcoach check, in process:                       {ours:.3f} s")
    print(f"median of {options.runs} whole processes each:        wall        CPU")
    print(f"python -c (import yaml, CSafeLoader load):      {base_wall:7.3f} s {base_cpu:7.3f} s")
    print(f"python -m backcoach check:                      {ours_wall:7.3f} s {ours_cpu:7.3f} s")
    ratio = ours / base
    whole = ours_wall / base_wall
    print(f"ratio check / libyaml load, in process:    {ratio:.2f}x (target <= {TARGET}x)")
    print(f"ratio check / libyaml load, whole process: {whole:.2f}x (target <= {TARGET}x)")
    print(f"  the same in CPU time (steadier on a busy machine): {ours_cpu / base_cpu:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
