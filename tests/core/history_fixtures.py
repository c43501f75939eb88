"""Sample sessions for the history, export and import tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from backcoach.core.history import HistoryStore, StepProgress, open_history
from backcoach.core.log.records import SessionRecord

TZ = timezone(timedelta(hours=1))
T0 = datetime(2025, 3, 1, 8, 15, 0, tzinfo=TZ)
TITLE = "Morning lower-back routine"


def stored(store: HistoryStore, session_id: int) -> SessionRecord:
    """The session `session_id`, which the test expects the store to hold."""
    record = store.session(session_id)
    assert record is not None, f"no session {session_id}"
    return record


def fill(store: HistoryStore) -> list[int]:
    """Three sessions: completed; stopped for pain during a flare; a preview. Plus breaks."""
    ids = []
    for day, (status, speed, flare) in enumerate(
        [("completed", 1.0, False), ("stopped", 1.0, True), ("completed", 8.0, False)]
    ):
        start = T0 + timedelta(days=day)
        sid = store.start_session(
            routine_id="morning-lower-back",
            title=TITLE,
            sha256="ab" * 32,
            started_at=start,
            speed=speed,
            flare=flare,
            pain_before=5 - day,
            answers=[("Any new numbness?", "no"), ("Fever today?", "no")],
            steps=[(0, "cat-cow", 60.0), (1, "pelvic-tilt", 90.0), (2, None, 30.0)],
        )
        stopped = status == "stopped"
        store.finish(
            sid,
            status=status,
            ended_at=start + timedelta(minutes=4),
            pain_after=[None, 6, 1][day],
            hurt=[1] if stopped else [],
            notes="=tight on the left, «ça tire»" if stopped else "",
            stop_reason="pain" if stopped else None,
            steps=[
                StepProgress(0, 60.0, "done"),
                StepProgress(1, 20.0 if stopped else 0.0, "partial" if stopped else "skipped"),
                *([] if stopped else [StepProgress(2, 30.0, "done")]),
            ],
        )
        ids.append(sid)
    store.log_break(due_at=T0 - timedelta(hours=1), at=T0, status="taken", session_id=ids[0])
    store.log_break(due_at=T0 + timedelta(hours=3), status="skipped")
    return ids


def make_log(data_dir: Path) -> Path:
    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        fill(store)
    return path
