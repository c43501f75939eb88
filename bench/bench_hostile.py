"""Benchmark: `check` and `plan` on every shipped routine and a hostile corpus.

    .venv/bin/python bench/bench_hostile.py
    .venv/bin/python bench/bench_hostile.py --keep DIR   # write the corpus to DIR

Writes the hostile files to a temp folder (a cue every 0.0000001s in a 2h
hold, 100,000,000 reps and sets, a million 2h reps, 3,000 unmatched
flare.skip ids in ~1 MiB, a 20,000-digit reps, a 5,000-digit hold, a
5,000-character image path, 80,000 steps, 50,000 exercises, 300,000 plain
values, alias bombs, deep nesting, a ~1 MiB text, and the largest routine
the limits allow), then for each file, shipped ones first: loads it as
`backcoach check` does and, when it is valid, builds its plan at every stage
and on a flare day. Per file it prints the problems found (or the plan's
parts), the time, the tracemalloc peak of that file, and the whole process's
peak RSS so far (resource.getrusage); then the worst figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backcoach.core.library import LibraryIndex
from backcoach.core.loader import LoadResult
from backcoach.core.paths import bundled_routines_dir
from backcoach.core.plan import build_plan

REPO = Path(__file__).resolve().parent.parent
H = "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\n"


def _skips() -> str:
    steps = "".join(
        f"  - {{exercise: a, id: step-{i:03d}-{'x' * 300}, hold: 5s}}\n" for i in range(150)
    )
    skips = "".join(f"    - skip-{i:04d}-{'y' * 300}\n" for i in range(3000))
    return H + "steps:\n" + steps + "flare:\n  skip:\n" + skips


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _known_key_bomb() -> str:
    cues = ", ".join(["{at: 1s, say: hi}"] * 1000)
    rest = "".join("  - {exercise: a, hold: 30s, cues: *c}\n" for _ in range(199))
    return H + f"steps:\n  - exercise: a\n    hold: 30s\n    cues: &c [{cues}]\n" + rest


def _largest_valid() -> str:
    step = "  - {exercise: a, hold: 1.5, relax: 0.5, reps: 25, sets: 2, sides: each,"
    step += " cues: [{every: 1s, say: x}, {at: 0.25, say: y}], rest: 1s}\n"
    return H + "steps:\n" + step * 24


CORPUS: dict[str, Callable[[], str]] = {
    "cue-every-0.0000001s.yaml": lambda: (
        H + "steps:\n  - exercise: a\n    hold: 2h\n    cues: [{every: 0.0000001s, say: x}]\n"
    ),
    "reps-sets-1e8.yaml": lambda: (
        H + "steps:\n  - {exercise: a, hold: 1s, reps: 100000000, sets: 100000000, sides: each}\n"
    ),
    "reps-1e6-rep-time-2h.yaml": lambda: (
        H + "steps:\n  - {exercise: a, reps: 1000000, rep_time: 2h, sets: 1000000}\n"
    ),
    "session-4000h.yaml": lambda: (
        H + "steps:\n  - {exercise: a, reps: 100, rep_time: 2h, sets: 20}\n"
    ),
    "3000-skips-1mib.yaml": _skips,
    "reps-20000-digits.yaml": lambda: (
        H + "steps:\n  - {exercise: a, hold: 5s, reps: " + "1" * 20000 + "}\n"
    ),
    "hold-5000-digits.yaml": lambda: H + "steps:\n  - {exercise: a, hold: " + "9" * 5000 + "}\n",
    "image-5000-chars.yaml": lambda: (
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A, image: "
        + "d/" * 2500
        + "a.png}\nsteps:\n  - {exercise: a, hold: 5s}\n"
    ),
    "80000-steps.yaml": lambda: H + "steps:\n" + "- rest: 1\n" * 80_000,
    "50000-exercises.yaml": lambda: (
        "backcoach: 1\ntitle: T\nexercises:\n"
        + "".join(f"  e{i}: {{name: E}}\n" for i in range(50_000))
        + "steps:\n  - {rest: 1s}\n"
    ),
    "300000-plain-values.yaml": lambda: H + "tags: [" + ", ".join(["t"] * 300_000) + "]\n",
    "alias-bomb.yaml": _alias_bomb,
    "alias-bomb-in-cues.yaml": _known_key_bomb,
    "nested-3000.yaml": lambda: "[" * 3000,
    "nested-99.yaml": lambda: H + "tags: " + "[" * 99 + "]" * 99 + "\nsteps:\n  - {rest: 1s}\n",
    "nested-500000.yaml": lambda: "{a: " * 200_000,
    "text-1mib.yaml": lambda: H + "summary: " + "word " * 200_000 + "\nsteps:\n  - {rest: 1s}\n",
    "largest-valid.yaml": _largest_valid,
}


@dataclass
class Row:
    name: str
    size: int
    seconds: float
    traced_mb: float
    rss_mb: float
    outcome: str


def _rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _plan_all(result: LoadResult) -> str:
    routine = result.routine
    if routine is None:
        first = result.problems[0].message if result.problems else "not a routine"
        return f"{len(result.problems)} problem(s): {first[:70]}"
    parts = 0
    for stage in range(1, max(1, len(routine.stages)) + 1):
        for flare in (False, True) if routine.flare else (False,):
            parts = max(parts, len(build_plan(routine, stage=stage, flare=flare).segments))
    return f"valid, plan of {parts} parts"


def _check_and_plan(path: Path) -> str:
    return _plan_all(LibraryIndex().load(path, display=path.name))


def measure(path: Path) -> Row:
    """Time without tracemalloc (it slows allocation down), then the traced peak."""
    start = time.perf_counter()
    outcome = _check_and_plan(path)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _check_and_plan(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return Row(path.name, path.stat().st_size, seconds, peak / 2**20, _rss_mb(), outcome)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the hostile corpus here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name, make in CORPUS.items():
            # One folder each: a file's folder is its exercise catalog.
            (folder / name).mkdir(exist_ok=True)
            (folder / name / name).write_text(make(), encoding="utf-8")
        shipped = sorted(
            {*(REPO / "routines").glob("*.yaml"), *bundled_routines_dir().glob("*.yaml")}
        )
        rows = [measure(p) for p in shipped] + [measure(folder / n / n) for n in CORPUS]
    print(f"{'file':<34} {'bytes':>9} {'time':>9} {'traced':>9} {'RSS':>8}  outcome")
    for row in rows:
        print(
            f"{row.name:<34} {row.size:>9,} {row.seconds * 1000:>7.1f}ms "
            f"{row.traced_mb:>7.1f}MB {row.rss_mb:>6.0f}MB  {row.outcome}"
        )
    slow = max(rows, key=lambda r: r.seconds)
    big = max(rows, key=lambda r: r.traced_mb)
    print(f"\nworst time:   {slow.seconds * 1000:.1f} ms ({slow.name})")
    print(f"worst traced: {big.traced_mb:.1f} MB ({big.name})")
    print(f"process peak RSS: {_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
