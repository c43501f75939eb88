"""Benchmark: `backcoach check` on 1,000 routine files vs a bare libyaml load of them.

Generates 1,000 realistic routines (the shipped ones, varied) and the
exercise library in a temp folder, then times, in one run:
- baseline: read + `yaml.load(f, Loader=yaml.CSafeLoader)` of every file;
- check: the `backcoach check` command's function in-process on the folder
  (every check: keys, types, durations, exercise ids, images, cues);
- one `python -m backcoach check FOLDER` subprocess (includes start-up).
Prints both times and the ratio; the target is check <= 1.5x the baseline.
"""

from __future__ import annotations

import io
import re
import shutil
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


def main() -> int:
    if not getattr(yaml, "__with_libyaml__", False):
        print("libyaml (yaml.CSafeLoader) is not available; the comparison needs it")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = generate(folder)
        size = sum(p.stat().st_size for p in files)
        print(f"{len(files)} files, {size / 1024:.0f} KiB, in {folder}")
        base = min(baseline(files) for _ in range(REPEAT))
        ours = min(in_process(folder) for _ in range(REPEAT))
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "backcoach", "check", str(folder)],
            capture_output=True,
            text=True,
        )
        sub = time.perf_counter() - start
        print(f"libyaml load (yaml.load CSafeLoader):  {base:.3f} s")
        print(f"backcoach check, in process:           {ours:.3f} s")
        print(f"backcoach check, subprocess (exit {proc.returncode}): {sub:.3f} s")
        ratio = ours / base
        print(f"ratio check / libyaml load: {ratio:.2f}x (target <= 1.5x)")
        return 0 if proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
