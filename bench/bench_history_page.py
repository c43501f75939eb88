"""How long the history page takes to open with ten years of twice-daily sessions.

    .venv/bin/python bench/bench_history_page.py            # 7,300 sessions, prints timings
    .venv/bin/python bench/bench_history_page.py --sessions 2000
    .venv/bin/python bench/bench_history_page.py --demo DIR # a data folder with ~120 sessions

Builds a history database in a temporary folder (one `merge` transaction),
then times, offscreen: HistoryPage construction + show + first paint (until
`grab()` returns, which paints the whole page), with the default period (last
3 months) and after switching to "All time" (every session in the list and the
chart). The budget is 300 ms to open.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from backcoach.core.log.records import Answer, BreakRecord, SessionRecord, StepRecord

TZ = timezone(timedelta(hours=1))
ROUTINES = (
    ("morning-lower-back", "Morning lower-back routine", 8),
    ("hamstring-glute-stretches", "Hamstring and glute stretches", 6),
    ("core-stability", "Core stability", 7),
)
NOTES = (
    "",
    "",
    "",
    "",
    "Stiff this morning, better after the cat-cow.",
    "Knees sore, went gently.",
    "Slept badly.",
    "Felt good!",
    "Left hip clicky on the bridges.",
)


def _session(
    rng: random.Random,
    routine: tuple[str, str, int],
    start: datetime,
    base_pain: float,
    *,
    preview: bool = False,
) -> SessionRecord:
    rid, title, n_steps = routine
    flare = rng.random() < 0.06
    roll = rng.random()
    if preview:
        status, reason = "completed", None
    elif roll < 0.05:
        status, reason = "stopped", "pain"
    elif roll < 0.09:
        status, reason = "stopped", rng.choice(("tired", "other"))
    elif roll < 0.11:
        status, reason = "interrupted", None
    else:
        status, reason = "completed", None
    before = max(0, min(10, round(base_pain + rng.gauss(0, 1.0) + (1.5 if flare else 0))))
    relief = rng.choice((0, 1, 1, 2, 2, 3) if base_pain < 6 else (-2, -1, -1, 0, 1))
    after: int | None = max(0, before - relief) if status != "stopped" else None
    if reason == "pain":
        after = min(10, before + 1)
    if rng.random() < 0.08:
        after = None
    steps = []
    reached = n_steps if status == "completed" else rng.randint(1, n_steps - 1)
    for i in range(n_steps):
        planned = 60.0
        if i < reached:
            steps.append(StepRecord(i, f"ex-{i}", "done", planned, planned))
        else:
            steps.append(StepRecord(i, f"ex-{i}", "pending", planned, 0.0))
    done = sum(s.done_seconds for s in steps)
    speed = 4.0 if preview else 1.0
    return SessionRecord(
        id=0,
        uuid=str(uuid.UUID(int=rng.getrandbits(128))),
        routine_id=rid,
        routine_title=title,
        routine_sha256="0" * 64,
        started_at=start,
        ended_at=start + timedelta(seconds=done / speed + 120),
        status=status,  # type: ignore[arg-type]
        speed=speed,
        flare=flare,
        pain_before=None if preview else before,
        pain_after=None if preview else after,
        stop_reason=reason,
        notes="" if preview else rng.choice(NOTES),
        answers=(
            Answer("Do you have a fever, or pink, brown or foamy urine?", "no"),
            Answer("Is today a flare day?", "yes" if flare else "no"),
        ),
        steps=tuple(steps),
    )


def make_history(
    days: int, per_day: int, end: date, *, seed: int = 7, worse_at_end: bool = False
) -> tuple[list[SessionRecord], list[BreakRecord]]:
    """`per_day` sessions on most of `days` days ending at `end`, plus posture breaks."""
    rng = random.Random(seed)
    sessions: list[SessionRecord] = []
    breaks: list[BreakRecord] = []
    for offset in range(days - 1, -1, -1):
        day = end - timedelta(days=offset)
        base = 5.2 - 1.5 * (1 - offset / max(days, 1))
        if worse_at_end and offset < 14:
            base += 3.0
        hours = (8, 19) if per_day >= 2 else (8,)
        for n, hour in enumerate(hours[:per_day]):
            if rng.random() < 0.12:
                continue
            routine = ROUTINES[0] if n == 0 else ROUTINES[1]
            if day.weekday() in (0, 2, 4) and n == 1:
                routine = ROUTINES[2]
            start = datetime.combine(day, dtime(hour, rng.randint(0, 50)), TZ)
            sessions.append(_session(rng, routine, start, base))
        if rng.random() < 0.03:
            start = datetime.combine(day, dtime(13, 5), TZ)
            sessions.append(_session(rng, ROUTINES[2], start, base, preview=True))
        if day.weekday() < 5:
            for hour in (10, 11, 14, 15, 16):
                status = rng.choice(("taken", "taken", "taken", "skipped", "postponed"))
                due = datetime.combine(day, dtime(hour, 0), TZ)
                breaks.append(
                    BreakRecord(
                        0, str(uuid.UUID(int=rng.getrandbits(128))), due, due, status, None, None
                    )
                )
    return sessions, breaks


def build_db(data_dir: Path, days: int, per_day: int, end: date, **kw: bool) -> int:
    from backcoach.core.history import open_history

    sessions, breaks = make_history(days, per_day, end, **kw)
    data_dir.mkdir(parents=True, exist_ok=True)
    store = open_history(data_dir / "history.sqlite3")
    try:
        store.merge(sessions, breaks)
        return store.count()
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=7300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--demo", type=Path, help="build a demo data folder and exit")
    args = parser.parse_args(argv)

    if args.demo:
        n = build_db(args.demo, 92, 2, date.today(), worse_at_end=True)
        print(f"{args.demo}: {n} sessions")
        return 0

    from PySide6.QtWidgets import QApplication

    from backcoach.core.history import open_history
    from backcoach.core.library import scan_library
    from backcoach.core.paths import AppPaths
    from backcoach.core.settings import Settings, SettingsStore
    from backcoach.ui.context import AppContext, AppState
    from backcoach.ui.history.history_page import HistoryPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        t0 = time.perf_counter()
        days = (args.sessions + 1) // 2
        # Twice a day with ~12% skipped: add days to land near the asked count.
        n = build_db(data, int(days / 0.88), 2, date.today())
        print(f"built {n} sessions in {time.perf_counter() - t0:.1f} s")
        store = open_history(data / "history.sqlite3")
        paths = AppPaths(data_dir=data)
        ctx = AppContext(paths, SettingsStore(paths.settings_path), AppState(Settings(), store))
        open_times, all_times = [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            page = HistoryPage(ctx, targets=scan_library(paths).targets())
            page.resize(1200, 850)
            page.show()
            page.grab()
            app.processEvents()
            open_times.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            page.period_combo.setCurrentIndex(page.period_combo.findData(-1))
            page.tabs.setCurrentWidget(page.pain_chart)
            page.grab()
            app.processEvents()
            all_times.append((time.perf_counter() - t0) * 1000)
            rows = page.sessions_model.rowCount()
            t0 = time.perf_counter()
            page.tabs.setCurrentIndex(0)
            for frac in (0.25, 0.5, 0.75, 1.0):
                page.sessions_view.scrollTo(page.sessions_model.index(int((rows - 1) * frac), 0))
                page.sessions_view.viewport().grab()
            scroll_ms = (time.perf_counter() - t0) * 1000 / 4
            page.close()
            page.deleteLater()
            app.processEvents()
        store.close()
    print(
        f"history page open + first paint, {n} sessions (default period, last 3 months): "
        f"median {statistics.median(open_times):.0f} ms, max {max(open_times):.0f} ms "
        f"(first run {open_times[0]:.0f} ms; budget 300 ms)"
    )
    print(
        f"switch to All time ({rows} rows in the list, chart downsampled) + paint: "
        f"median {statistics.median(all_times):.0f} ms"
    )
    print(f"scroll the list by a quarter and repaint: {scroll_ms:.1f} ms per jump")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
