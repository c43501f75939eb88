"""Merging (importing) in batches: the write lock is let go between batches, and a
session written in between is not added twice; the writer's own connection."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from backcoach.core import history
from backcoach.core.history import (
    BreakRecord,
    HistoryStore,
    HistoryUnavailable,
    SessionRecord,
    open_history,
    open_writer,
)
from backcoach.core.log.records import StepRecord
from tests.core.history_fixtures import T0, fill


def sessions(n: int) -> list[SessionRecord]:
    """`n` finished sessions a day apart, each with two steps and an answer."""
    with HistoryStore.in_memory() as source:
        fill(source)
        [model, *_] = source.sessions()
    return [
        replace(
            model,
            uuid=f"00000000-0000-4000-8000-{i:012d}",
            started_at=T0 + timedelta(days=i),
            ended_at=T0 + timedelta(days=i, minutes=4),
            steps=(
                StepRecord(0, "cat-cow", "done", 60.0, 60.0),
                StepRecord(1, None, "done", 30.0, 30.0),
            ),
        )
        for i in range(n)
    ]


def count_transactions(store: HistoryStore) -> list[str]:
    """The write transactions the store's connection begins, as they begin."""
    begun: list[str] = []
    store._conn.set_trace_callback(
        lambda sql: begun.append(sql) if sql == "BEGIN IMMEDIATE" else None
    )
    return begun


def test_a_big_merge_commits_in_batches_and_lets_others_write_in_between(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_dir / "history.sqlite3"
    records = sessions(7)
    with open_history(path) as store:
        begun = count_transactions(store)
        other = sqlite3.connect(path, isolation_level=None, timeout=0)
        between: list[int] = []
        prepare = history._MergedSession.of

        def prepared(rec: SessionRecord) -> history._MergedSession:
            """Rows are prepared with the lock let go: another connection writes then."""
            if rec.uuid in (records[3].uuid, records[6].uuid):  # the first of batches 2 and 3
                between.append(len(begun))
                other.execute("BEGIN IMMEDIATE")  # timeout 0: the lock must be free
                other.execute(
                    "INSERT INTO breaks (uuid, due_at, status) VALUES (?, ?, 'taken')",
                    (f"other-{len(begun)}", T0.isoformat()),
                )
                if rec is records[3]:  # and session 5 arrives meanwhile
                    other.execute(
                        "INSERT INTO sessions (uuid, routine_id, routine_title, routine_sha256,"
                        " started_at, status) VALUES (?, ?, ?, '', ?, 'completed')",
                        (
                            records[5].uuid,
                            records[5].routine_id,
                            records[5].routine_title,
                            records[5].started_at.isoformat(),
                        ),
                    )
                other.execute("COMMIT")
            return prepare(rec)

        monkeypatch.setattr(history._MergedSession, "of", prepared)
        result = store.merge(records, batch_size=3)
        monkeypatch.undo()
        other.close()
        assert len(begun) == 3  # 3 + 3 + 1 sessions
        assert between == [1, 2]  # another connection wrote before batches 2 and 3
        assert (result.added, result.skipped) == (6, 1)
        assert store.count() == 7 and len(store.breaks()) == 2
        assert len({s.uuid for s in store.sessions()}) == 7
        # merging again adds nothing, whatever the batch size
        assert store.merge(records, batch_size=2).added == 0


def test_breaks_are_merged_in_batches_linked_to_their_sessions_once(data_dir: Path) -> None:
    records = sessions(3)
    brk = BreakRecord(0, "b0000000-0000-4000-8000-000000000000", T0, T0, "taken", None, 2)
    others = [
        BreakRecord(
            0,
            f"b0000000-0000-4000-8000-{i:012d}",
            T0 + timedelta(hours=i),
            None,
            "skipped",
            None,
            None,
        )
        for i in range(1, 5)
    ]
    with open_history(data_dir / "history.sqlite3") as store:
        begun = count_transactions(store)
        # the same break twice in one file is added once
        result = store.merge(records, [brk, *others, brk], batch_size=2)
        assert (result.added, result.skipped) == (3, 0)
        assert len(begun) == 2 + 3  # sessions 2 + 1; breaks 2 + 2 + 2
        rows = store.breaks()
        assert len(rows) == 5
        [linked] = [b for b in rows if b.session_id is not None]
        third = store.sessions()[2]
        assert linked.uuid == brk.uuid and linked.session_id == third.id


def test_a_merge_refuses_a_batch_size_below_one(data_dir: Path) -> None:
    with (
        open_history(data_dir / "history.sqlite3") as store,
        pytest.raises(ValueError, match="batch_size"),
    ):
        store.merge(sessions(1), batch_size=0)


def test_the_writer_connection_fails_at_once_on_a_locked_file(data_dir: Path) -> None:
    path = data_dir / "history.sqlite3"
    with open_history(path) as store:
        fill(store)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with open_writer(path, busy_timeout=0) as writer:
            assert writer.count() == 3  # reading is fine while another connection writes
            with pytest.raises(HistoryUnavailable, match="another program is using it"):
                writer.log_break(due_at=T0, status="taken")
        other.execute("COMMIT")
        with open_writer(path, busy_timeout=0) as writer:
            writer.log_break(due_at=T0, status="taken")
            assert writer._conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
            assert writer._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    finally:
        other.close()


def test_the_writer_connection_never_creates_the_log(data_dir: Path) -> None:
    with pytest.raises(HistoryUnavailable, match="cannot be opened"):
        open_writer(data_dir / "history.sqlite3")
    assert list(data_dir.iterdir()) == []
