"""Ten years of twice-daily sessions (7,300): import, load and export times.

Targets: import <= 2 s (reading, validating and merging the export into a new
log file); the history page's load well under 300 ms. Prints figures; exits 1
if the import target is missed.

    .venv/bin/python bench/bench_history.py [SESSIONS]
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from backcoach.core.export import export_json, fhir_bundle, write_csv
from backcoach.core.history import StepProgress, open_history
from backcoach.core.log.importer import import_sessions, read_export_data

T = TypeVar("T")
IMPORT_TARGET = 2.0
STEPS = 10
EXERCISES = ("cat-cow", "pelvic-tilt", "knee-to-chest", "bridge", "child-pose", None)


def make_export(count: int) -> dict[str, Any]:
    """A synthetic export: two sessions a day, 10 steps each, some stopped, some previews."""
    tz = timezone(timedelta(hours=1))
    start = datetime(2015, 1, 1, 8, 0, tzinfo=tz)
    sessions = []
    for n in range(count):
        began = start + timedelta(days=n // 2, hours=10 * (n % 2))
        stopped = n % 17 == 0
        steps = []
        for i in range(STEPS):
            status = "done"
            if stopped and i >= 6:
                status = "pending"
            elif i == 3 and n % 5 == 0:
                status = "skipped"
            steps.append(
                {
                    "index": i,
                    "exercise": EXERCISES[i % len(EXERCISES)],
                    "status": status,
                    "planned_seconds": 60.0,
                    "done_seconds": 60.0 if status == "done" else 0.0,
                    "hurt": stopped and i == 5,
                }
            )
        sessions.append(
            {
                "id": n + 1,
                "uuid": str(uuid.UUID(int=n + 1, version=4)),
                "kind": "routine",
                "routine": {
                    "id": f"routine-{n % 4}",
                    "title": f"Routine {n % 4}",
                    "sha256": "ab" * 32,
                },
                "started_at": began.isoformat(),
                "ended_at": (began + timedelta(minutes=12)).isoformat(),
                "status": "stopped" if stopped else "completed",
                "speed": 8.0 if n % 50 == 0 else 1.0,
                "flare": n % 30 < 3,
                "pain_before": n % 8,
                "pain_after": max(0, n % 8 - 1),
                "stop_reason": "pain" if stopped else None,
                "notes": "felt stiff" if n % 7 == 0 else "",
                "answers": [
                    {"ask": "Any new numbness or weakness?", "answer": "no"},
                    {"ask": "Fever today?", "answer": "no"},
                    {"ask": "Is this a flare day?", "answer": "yes" if n % 30 < 3 else "no"},
                ],
                "steps": steps,
            }
        )
    return {
        "format": "backcoach-history",
        "version": 1,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "sessions": sessions,
        "breaks": [],
    }


def timed(label: str, fn: Callable[[], T], figures: dict[str, float]) -> T:
    t0 = time.perf_counter()
    result = fn()
    figures[label] = time.perf_counter() - t0
    print(f"  {label:<44} {figures[label] * 1000:8.1f} ms")
    return result


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 7300
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        export_path = root / "export.json"
        export_path.write_text(json.dumps(make_export(count)), encoding="utf-8")
        size = export_path.stat().st_size / 1e6
        print(f"history bench: {count} sessions x {STEPS} steps, export {size:.1f} MB")

        db = root / "data" / "history.sqlite3"

        def do_import() -> Any:
            data = read_export_data(export_path)
            with open_history(db, recover=False) as store:
                return import_sessions(store, data)

        t0 = time.perf_counter()
        data = timed("read + validate export", lambda: read_export_data(export_path), figures)
        with open_history(db, recover=False) as store:
            result = timed("merge into a new log (one transaction)", lambda: import_sessions(store, data), figures)  # fmt: skip
        figures["import total"] = time.perf_counter() - t0
        print(f"  {'import total (read, open, merge)':<44} {figures['import total'] * 1000:8.1f} ms  (target <= {IMPORT_TARGET * 1000:.0f})")  # fmt: skip
        assert result.added == count, result
        again = timed("import again (all skipped)", do_import, figures)
        assert again.added == 0 and again.skipped == count, again
        print(f"  database file {db.stat().st_size / 1e6:.1f} MB")

        store = timed("open_history on the full log (quick_check)", lambda: open_history(db), figures)  # fmt: skip
        with store:
            summaries = timed("summaries() all (history list, 1 query)", store.summaries, figures)  # fmt: skip
            sessions = timed("sessions() all, with steps and answers", store.sessions, figures)  # fmt: skip
            assert len(sessions) == len(summaries) == count
            timed("sessions() last 90 days", lambda: store.sessions(since=sessions[-1].started_at.date() - timedelta(days=90)), figures)  # fmt: skip
            timed("export json (dict + dumps)", lambda: json.dumps(export_json(sessions, exported_at=datetime.now().astimezone())), figures)  # fmt: skip
            timed("export csv", lambda: write_csv(sessions, io.StringIO(newline="")), figures)
            timed("export fhir", lambda: json.dumps(fhir_bundle(sessions)), figures)

            sid = store.start_session(
                routine_id="r",
                title="R",
                sha256="",
                started_at=datetime.now().astimezone(),
                speed=1.0,
                flare=False,
                pain_before=3,
                answers=[("ok?", "yes")],
                steps=[(i, "x", 60.0) for i in range(STEPS)],
            )
            laps = []
            for i in range(50):
                t = time.perf_counter()
                store.checkpoint(sid, [StepProgress(i % STEPS, 60.0, "done")])
                laps.append(time.perf_counter() - t)
            print(f"  {'checkpoint (synchronous=FULL), median of 50':<44} {statistics.median(laps) * 1000:8.2f} ms")  # fmt: skip

    ok = figures["import total"] <= IMPORT_TARGET
    print("import target met" if ok else "IMPORT TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
