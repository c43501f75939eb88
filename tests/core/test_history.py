"""The session log: schema, writes, checkpoints, crash recovery, damaged files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from backcoach.core.history import (
    HistoryStore,
    HistoryUnavailable,
    StepProgress,
    open_history,
)
from backcoach.core.log.records import StageRef
from backcoach.core.log.schema import SCHEMA_VERSION, user_version
from tests.core.history_fixtures import stored

TZ = timezone(timedelta(hours=1))
T0 = datetime(2025, 3, 1, 8, 15, 0, tzinfo=TZ)


def start(store: HistoryStore, when: datetime = T0, **over: object) -> int:
    kwargs: dict[str, object] = {
        "routine_id": "morning-lower-back",
        "title": "Morning lower-back routine",
        "sha256": "ab" * 32,
        "started_at": when,
        "speed": 1.0,
        "flare": False,
        "pain_before": 4,
        "answers": [("Any new numbness?", "no"), ("Feeling dizzy?", "no")],
        "steps": [(0, "cat-cow", 60.0), (1, "pelvic-tilt", 90.0), (2, None, 30.0)],
    }
    kwargs.update(over)
    return store.start_session(**kwargs)  # type: ignore[arg-type]


# --- schema and migrations -------------------------------------------------------
def test_new_file_gets_schema_wal_and_foreign_keys(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        assert store.notice is None
        assert store.recovered == []
        conn = store._conn
        assert user_version(conn) == SCHEMA_VERSION == 2
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"sessions", "steps", "answers", "breaks", "stage_choices"} <= tables


def test_missing_data_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "history.sqlite3"
    with open_history(path) as store:
        assert store.count() == 0
    assert path.is_file()


def test_reopening_current_version_keeps_data(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        sid = start(store)
        store.finish(sid, status="completed", ended_at=T0 + timedelta(minutes=5), pain_after=2)
    with open_history(path) as store:
        assert user_version(store._conn) == SCHEMA_VERSION
        assert [s.id for s in store.sessions()] == [sid]


def test_empty_existing_file_is_migrated(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    path.write_bytes(b"")
    with open_history(path) as store:
        assert store.notice is None
        assert user_version(store._conn) == SCHEMA_VERSION


def test_newer_schema_is_refused_and_left_unchanged(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable) as info:
        open_history(path)
    assert "made by a newer backcoach" in info.value.message
    assert str(path) in info.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["history.sqlite3"]


# --- writing a session ------------------------------------------------------------
def test_session_round_trip(data_dir: Path) -> None:
    with open_history(data_dir / "history.sqlite3") as store:
        sid = start(store)
        assert store.sessions() == []  # running sessions are not listed by default
        store.checkpoint(sid, [StepProgress(0, 60.0, "done")])
        store.checkpoint(sid, [StepProgress(1, 45.0, "partial")])
        store.finish(
            sid,
            status="stopped",
            ended_at=T0 + timedelta(minutes=3),
            pain_after=6,
            hurt=[1],
            notes="sharp on the left",
            stop_reason="pain",
        )
        rec = store.session(sid)
    assert rec is not None
    assert rec.status == "stopped"
    assert rec.started_at == T0 and rec.started_at.utcoffset() == timedelta(hours=1)
    assert rec.ended_at == T0 + timedelta(minutes=3)
    assert (rec.pain_before, rec.pain_after, rec.pain_change) == (4, 6, 2)
    assert rec.stop_reason == "pain" and rec.notes == "sharp on the left"
    assert [(a.ask, a.answer) for a in rec.answers] == [
        ("Any new numbness?", "no"),
        ("Feeling dizzy?", "no"),
    ]
    assert [(s.index, s.exercise, s.status, s.done_seconds, s.hurt) for s in rec.steps] == [
        (0, "cat-cow", "done", 60.0, False),
        (1, "pelvic-tilt", "partial", 45.0, True),
        (2, None, "pending", 0.0, False),
    ]
    assert rec.minutes == pytest.approx(105 / 60)
    assert (rec.steps_done, rec.steps_skipped, rec.hurt_steps) == (2, 0, (1,))
    assert not rec.is_preview


def test_finish_with_final_steps_and_checkpoint_accepts_engine_results(data_dir: Path) -> None:
    from backcoach.core.session import StepResult

    with open_history(data_dir / "history.sqlite3") as store:
        sid = start(store)
        store.checkpoint(sid, [StepResult(0, "cat-cow", 60.0, 60.0, "done")])
        store.finish(
            sid,
            status="completed",
            ended_at=T0 + timedelta(minutes=4),
            pain_after=None,
            steps=[StepProgress(1, 0.0, "skipped"), StepProgress(2, 30.0, "done")],
        )
        rec = store.session(sid)
    assert rec is not None
    assert [s.status for s in rec.steps] == ["done", "skipped", "done"]
    assert rec.pain_after is None and rec.pain_change is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda s, sid: s.finish(sid, status="running", ended_at=T0, pain_after=1),
            "finish status",
        ),
        (lambda s, sid: s.finish(sid, status="stopped", ended_at=T0, pain_after=11), "pain_after"),
        (
            lambda s, sid: s.finish(
                sid, status="stopped", ended_at=T0, pain_after=1, stop_reason="bored"
            ),
            "stop_reason",
        ),
        (lambda s, sid: s.checkpoint(sid, [StepProgress(0, 1.0, "half")]), "status"),  # type: ignore[arg-type]
        (
            lambda s, sid: s.finish(
                sid, status="stopped", ended_at=T0.replace(tzinfo=None), pain_after=1
            ),
            "UTC offset",
        ),
    ],
)
def test_bad_arguments_are_refused_and_nothing_written(
    data_dir: Path, call: object, message: str
) -> None:
    with open_history(data_dir / "history.sqlite3") as store:
        sid = start(store)
        with pytest.raises(ValueError, match=message):
            call(store, sid)  # type: ignore[operator]
        rec = store.session(sid)
        assert rec is not None and rec.status == "running"
        assert all(s.status == "pending" for s in rec.steps)


def test_finish_unknown_session_raises(data_dir: Path) -> None:
    with open_history(data_dir / "history.sqlite3") as store, pytest.raises(KeyError):
        store.finish(99, status="completed", ended_at=T0, pain_after=None)


def test_filters_and_order(data_dir: Path) -> None:
    with open_history(data_dir / "history.sqlite3") as store:
        ids = []
        for day in (3, 1, 2):
            sid = start(store, T0.replace(day=day), routine_id=f"r{day}")
            store.finish(sid, status="completed", ended_at=T0.replace(day=day), pain_after=1)
            ids.append(sid)
        preview = start(store, T0.replace(day=2, hour=9), speed=8.0)
        store.finish(preview, status="completed", ended_at=T0.replace(day=2), pain_after=None)
        days = [s.started_at.day for s in store.sessions()]
        assert days == [1, 2, 2, 3]
        assert [s.id for s in store.sessions(since=date(2025, 3, 2), until=date(2025, 3, 2))] == [
            ids[2],
            preview,
        ]
        assert [s.id for s in store.sessions(routine_id="r3")] == [ids[0]]
        assert preview not in [s.id for s in store.sessions(include_previews=False)]
        assert stored(store, preview).is_preview
        summaries = store.summaries(since=date(2025, 3, 2))
        assert [s.id for s in summaries] == [ids[2], preview, ids[0]]


def test_summaries_aggregate_like_records(data_dir: Path) -> None:
    with open_history(data_dir / "history.sqlite3") as store:
        sid = start(store)
        store.finish(
            sid,
            status="stopped",
            ended_at=T0,
            pain_after=3,
            hurt=[0],
            stop_reason="tired",
            steps=[StepProgress(0, 60.0, "done"), StepProgress(1, 10.0, "skipped")],
        )
        (summary,) = store.summaries()
        rec = store.session(sid)
    assert rec is not None
    assert summary.minutes == pytest.approx(rec.minutes)
    assert (summary.steps_total, summary.steps_done, summary.steps_skipped) == (3, 1, 1)
    assert summary.steps_hurt == 1 and summary.stop_reason == "tired"


# --- breaks -----------------------------------------------------------------------
def test_breaks_logged_and_filtered(data_dir: Path) -> None:
    with open_history(data_dir / "history.sqlite3") as store:
        sid = start(store)
        store.log_break(due_at=T0, at=T0 + timedelta(minutes=1), status="taken", session_id=sid)
        store.log_break(due_at=T0 + timedelta(days=1), status="postponed", routine_id="neck")
        with pytest.raises(ValueError, match="break status"):
            store.log_break(due_at=T0, status="ignored")
        all_breaks = store.breaks()
        assert [(b.status, b.session_id, b.routine_id) for b in all_breaks] == [
            ("taken", sid, None),
            ("postponed", None, "neck"),
        ]
        assert all_breaks[1].at is None
        assert [b.status for b in store.breaks(since=date(2025, 3, 2))] == ["postponed"]
        assert [b.status for b in store.breaks(until=date(2025, 3, 1))] == ["taken"]


# --- crash recovery -----------------------------------------------------------------
def test_unfinished_session_is_interrupted_on_next_open(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        sid = start(store)
        store.checkpoint(sid, [StepProgress(0, 60.0, "done")], at=T0 + timedelta(minutes=1))
    with open_history(path) as store:
        assert store.recovered == [sid]
        rec = store.session(sid)
    assert rec is not None and rec.status == "interrupted"
    assert rec.ended_at == T0 + timedelta(minutes=1)  # the last checkpoint
    assert [s.status for s in rec.steps] == ["done", "pending", "pending"]
    with open_history(path) as store:
        assert store.recovered == []


def test_open_without_recover_leaves_running_session(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        sid = start(store)
    with open_history(path, recover=False) as store:
        assert store.recovered == []
        assert stored(store, sid).status == "running"


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from backcoach.core.history import open_history, StepProgress
    t0 = datetime(2025, 3, 1, 8, 15, tzinfo=timezone(timedelta(hours=1)))
    store = open_history(Path(sys.argv[1]))
    sid = store.start_session(routine_id="r", title="R", sha256="0" * 64, started_at=t0,
        speed=1.0, flare=True, pain_before=5, answers=[("ok?", "yes")],
        steps=[(0, "a", 30.0), (1, "b", 30.0), (2, "c", 30.0)])
    store.checkpoint(sid, [StepProgress(0, 30.0, "done")], at=t0 + timedelta(seconds=30))
    store.checkpoint(sid, [StepProgress(1, 12.0, "skipped")], at=t0 + timedelta(seconds=42))
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_mid_session_loses_only_the_segment_in_progress(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    proc = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(path)], capture_output=True, timeout=60
    )
    assert proc.returncode == -9, proc.stderr.decode()
    with open_history(path) as store:
        assert store.recovered == [1]
        (rec,) = store.sessions()
    assert rec.status == "interrupted" and rec.flare and rec.pain_before == 5
    assert rec.ended_at == datetime(2025, 3, 1, 8, 15, 42, tzinfo=TZ)
    assert [(s.status, s.done_seconds) for s in rec.steps] == [
        ("done", 30.0),
        ("skipped", 12.0),
        ("pending", 0.0),
    ]


# --- damaged or unusable files --------------------------------------------------------
def test_corrupt_file_is_moved_aside_with_notice(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    (data_dir / "history.sqlite3-wal").write_bytes(b"old wal")
    with open_history(path) as store:
        assert store.count() == 0
        assert store.notice is not None
        moved = [p for p in data_dir.iterdir() if ".corrupt-" in p.name]
        main = [p for p in moved if not p.name.endswith("-wal")]
        assert len(main) == 1
        assert main[0].read_bytes() == garbage
        assert (data_dir / (main[0].name + "-wal")).read_bytes() == b"old wal"
        assert str(main[0]) in store.notice and str(path) in store.notice
        sid = start(store)
        assert store.session(sid) is not None


def test_corrupt_file_without_repair_is_refused_and_kept(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(HistoryUnavailable, match="damaged"):
        open_history(path, repair=False)
    assert path.read_bytes() == b"not a database at all" * 100
    assert [p.name for p in data_dir.iterdir()] == ["history.sqlite3"]


def test_damaged_page_fails_quick_check_and_is_moved_aside(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        for day in range(1, 28):
            start(store, T0.replace(day=day), title="x" * 500)
    store._conn.close()
    data = bytearray(path.read_bytes())
    assert len(data) > 4096 * 3
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096  # trash a b-tree page, keep the header
    path.write_bytes(bytes(data))
    with open_history(path) as store:
        assert store.notice is not None and ".corrupt-" in store.notice
        assert store.count() == 0


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("I am a file")
    path = blocker / "sub" / "history.sqlite3"
    with pytest.raises(HistoryUnavailable) as info:
        open_history(path)
    assert str(path.parent) in info.value.message
    assert "--data-dir" in info.value.message
    assert blocker.read_text() == "I am a file"


def test_history_path_that_is_a_folder(data_dir: Path) -> None:
    (data_dir / "history.sqlite3").mkdir()
    with pytest.raises(HistoryUnavailable, match="is not a file"):
        open_history(data_dir / "history.sqlite3")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder(data_dir: Path) -> None:
    data_dir.chmod(0o500)
    try:
        with pytest.raises(HistoryUnavailable) as info:
            open_history(data_dir / "history.sqlite3")
        assert str(data_dir) in info.value.message
    finally:
        data_dir.chmod(0o700)


def test_write_failure_becomes_history_unavailable(data_dir: Path) -> None:
    """A full disk during a checkpoint: simulated with SQLite's max_page_count."""
    with open_history(data_dir / "history.sqlite3") as store:
        sid = start(store)
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(HistoryUnavailable, match="disk is full"):
            for n in range(200):
                store.log_break(due_at=T0, status="taken", routine_id="x" * 2000 + str(n))
        assert not store._conn.in_transaction
        assert store.session(sid) is not None


def test_in_memory_store_is_separate(data_dir: Path) -> None:
    with HistoryStore.in_memory() as review:
        start(review)
        assert review.count() == 1
    assert list(data_dir.iterdir()) == []


def test_a_later_migration_applies_in_one_transaction(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How a later version is added: appended statements, applied once, all or nothing."""
    from backcoach.core.log import schema as history_schema

    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        sid = start(store)
    now = history_schema.SCHEMA_VERSION
    later = now + 1
    current = history_schema.MIGRATIONS
    broken = (
        *current,
        ("ALTER TABLE sessions ADD COLUMN mood TEXT", "SELECT * FROM no_such_table"),
    )
    monkeypatch.setattr(history_schema, "MIGRATIONS", broken)
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        history_schema.migrate(conn, target=later)
    assert user_version(conn) == now
    assert "mood" not in [r[1] for r in conn.execute("PRAGMA table_info(sessions)")]
    good = (*current, ("ALTER TABLE sessions ADD COLUMN mood TEXT",))
    monkeypatch.setattr(history_schema, "MIGRATIONS", good)
    assert history_schema.migrate(conn, target=later) == now
    assert user_version(conn) == later
    assert conn.execute("SELECT id FROM sessions").fetchall() == [(sid,)]
    assert history_schema.migrate(conn, target=later) == later  # nothing left to do
    conn.close()


def test_a_version_1_file_gains_the_stage_of_each_session(data_dir: Path) -> None:
    """Version 2 adds the stage to sessions (NULL for the old ones) and the stage choices."""
    from backcoach.core.log import schema as history_schema

    path = data_dir / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    history_schema.migrate(conn, target=1)
    conn.execute(
        "INSERT INTO sessions (uuid, routine_id, routine_title, routine_sha256, started_at,"
        " status) VALUES ('u1', 'morning', 'Morning', '', '2025-03-01T08:00:00+01:00',"
        " 'completed')"
    )
    conn.close()
    with open_history(path) as store:
        assert user_version(store._conn) == 2
        (old,) = store.sessions()
        assert old.stage is None and old.routine_id == "morning"
        sid = start(store, stage=StageRef(2, "Weeks 3-4"))
        store.finish(sid, status="completed", ended_at=T0 + timedelta(minutes=10), pain_after=2)
        assert stored(store, sid).stage == StageRef(2, "Weeks 3-4")
        assert store.summaries()[-1].stage == StageRef(2, "Weeks 3-4")
        assert store.stage_choice("morning") is None
        store.choose_stage("morning", StageRef(2, "Weeks 3-4"), T0)
        store.choose_stage("morning", StageRef(1, "Weeks 1-2"), T0 + timedelta(days=1))
        choice = store.stage_choice("morning")
        assert choice is not None
        assert (choice.stage, choice.chosen_at) == (
            StageRef(1, "Weeks 1-2"),
            T0 + timedelta(days=1),
        )
