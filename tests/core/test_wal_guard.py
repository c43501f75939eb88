"""A -wal that is not the history's own is never merged; an unclean shutdown gets a full
integrity check."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.core.history import HistoryStore, HistoryUnavailable, open_history
from backcoach.core.log import wal_guard
from tests.core.history_fixtures import T0, fill

SIDES = ("", "-wal", "-shm")


def crashed_copy(store: HistoryStore, folder: Path) -> Path:
    """The history as a crash would leave it: the file and its log, copied while open."""
    folder.mkdir(parents=True, exist_ok=True)
    for side in SIDES:
        shutil.copyfile(f"{store.path}{side}", folder / f"history.sqlite3{side}")
    return folder / "history.sqlite3"


def one_session(store: HistoryStore, routine_id: str) -> None:
    sid = store.start_session(
        routine_id=routine_id,
        title=routine_id.title(),
        sha256="cd" * 32,
        started_at=T0 - timedelta(days=30),
        speed=1.0,
        flare=False,
        pain_before=3,
        answers=[],
        steps=[(0, "walk", 60.0)],
    )
    store.finish(sid, status="completed", ended_at=T0 - timedelta(days=30, minutes=-5),
                 pain_after=2)  # fmt: skip


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def routines_in(store: HistoryStore) -> list[str]:
    return [s.routine_id for s in store.sessions(include_running=True)]


def test_a_backup_restored_next_to_another_historys_log_is_left_untouched(
    tmp_path: Path,
) -> None:
    # Someone else's history, left with its log after a crash ...
    with open_history(tmp_path / "theirs" / "history.sqlite3") as theirs:
        fill(theirs)
        crashed = crashed_copy(theirs, tmp_path / "data")
    assert wal_guard.foreign_reason(crashed) is None  # its own log: fine
    # ... and a backup of another history copied over the file, the old log still there.
    with open_history(tmp_path / "backup" / "history.sqlite3") as backup:
        one_session(backup, "backup-only")
    backup_bytes = (tmp_path / "backup" / "history.sqlite3").read_bytes()
    shutil.copyfile(tmp_path / "backup" / "history.sqlite3", crashed)
    old_log = (tmp_path / "data" / "history.sqlite3-wal").read_bytes()
    assert wal_guard.foreign_reason(crashed) == "it was written for another history file"

    with open_history(crashed) as store:
        assert routines_in(store) == ["backup-only"]
        assert store.recovered == []
        assert store.notice is not None and "belongs to another database" in store.notice
        notice = store.notice
    aside = sorted((tmp_path / "data").glob("history.sqlite3-wal.foreign-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == old_log
    assert f"It was moved to {aside[0]}" in notice
    assert list((tmp_path / "data").glob("history.sqlite3-shm.foreign-*"))
    assert integrity(crashed) == ["ok"]
    with open_history(crashed) as again:  # and the backup's data is all there is
        assert routines_in(again) == ["backup-only"]
        assert again.notice is None
    assert len(backup_bytes) > 0


def test_its_own_log_after_a_crash_is_merged_and_checked_in_full(tmp_path: Path) -> None:
    with open_history(tmp_path / "live" / "history.sqlite3") as live:
        fill(live)
        live.start_session(
            routine_id="in-progress", title="T", sha256="", started_at=T0, speed=1.0,
            flare=False, pain_before=None, answers=[], steps=[],
        )  # fmt: skip
        crashed = crashed_copy(live, tmp_path / "data")
    with open_history(crashed) as store:
        assert store.checked_with == "integrity_check"
        assert store.notice is None
        assert routines_in(store).count("morning-lower-back") == 3
        assert "in-progress" in routines_in(store) and len(store.recovered) == 1
    assert not list((tmp_path / "data").glob("*.foreign-*"))
    with open_history(crashed) as clean:  # closed cleanly: no log, the quick check
        assert clean.checked_with == "quick_check"


def test_a_log_written_by_another_program_is_set_aside(tmp_path: Path) -> None:
    with open_history(tmp_path / "live" / "history.sqlite3") as live:
        fill(live)
    db = tmp_path / "live" / "history.sqlite3"
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("UPDATE sessions SET notes = 'edited elsewhere'")
    crashed = tmp_path / "data" / "history.sqlite3"
    crashed.parent.mkdir()
    for side in SIDES:
        shutil.copyfile(f"{db}{side}", f"{crashed}{side}")
    other.close()
    assert wal_guard.foreign_reason(crashed) == "no commit in it was written by backcoach"
    with open_history(crashed) as store:
        assert {s.notes for s in store.sessions()} != {"edited elsewhere"}


def test_a_log_with_another_page_size_is_set_aside(tmp_path: Path) -> None:
    with open_history(tmp_path / "data" / "history.sqlite3") as store:
        fill(store)
    big = sqlite3.connect(tmp_path / "big.sqlite3", isolation_level=None)
    big.execute("PRAGMA page_size = 8192")
    big.execute("PRAGMA journal_mode = WAL")
    big.execute("PRAGMA wal_autocheckpoint = 0")
    big.execute("CREATE TABLE t (x)")
    big.execute("INSERT INTO t VALUES (1)")
    shutil.copyfile(tmp_path / "big.sqlite3-wal", tmp_path / "data" / "history.sqlite3-wal")
    big.close()
    reason = wal_guard.foreign_reason(tmp_path / "data" / "history.sqlite3")
    assert reason == "its pages are 8192 bytes, the history's 4096"
    with open_history(tmp_path / "data" / "history.sqlite3") as reopened:
        assert len(reopened.sessions()) == 3 and reopened.notice is not None


def test_a_history_from_before_the_id_keeps_its_log(tmp_path: Path) -> None:
    """An older backcoach wrote no id: only the page size can be checked, and its log is
    merged as it always was; the file gets its id then."""
    db = tmp_path / "live" / "history.sqlite3"
    with open_history(db) as live:
        fill(live)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    old = sqlite3.connect(db, isolation_level=None)
    old.execute("PRAGMA wal_autocheckpoint = 0")
    old.execute("UPDATE sessions SET notes = 'last words'")
    crashed = tmp_path / "data" / "history.sqlite3"
    crashed.parent.mkdir()
    for side in SIDES:
        shutil.copyfile(f"{db}{side}", f"{crashed}{side}")
    old.close()
    assert wal_guard.database_header(crashed) == (4096, 0)
    with open_history(crashed) as store:
        assert {s.notes for s in store.sessions()} == {"last words"}
        assert store.notice is None
    header = wal_guard.database_header(crashed)
    assert header is not None and header[1] != 0


def test_a_torn_last_frame_is_not_evidence(tmp_path: Path) -> None:
    with open_history(tmp_path / "live" / "history.sqlite3") as live:
        fill(live)
        crashed = crashed_copy(live, tmp_path / "data")
    wal = wal_guard.wal_path(crashed)
    with wal.open("ab") as fh:
        fh.write(b"\x00\x00\x00\x01" + b"\xff" * 2000)  # half a frame, as a power cut leaves
    assert wal_guard.foreign_reason(crashed) is None
    garbage = tmp_path / "garbage" / "history.sqlite3"
    garbage.parent.mkdir()
    shutil.copyfile(crashed, garbage)
    wal_guard.wal_path(garbage).write_bytes(b"not a log at all" * 100)
    assert wal_guard.foreign_reason(garbage) is None  # SQLite replays nothing from it


def test_export_never_moves_it_and_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_history(tmp_path / "theirs" / "history.sqlite3") as theirs:
        fill(theirs)
        crashed = crashed_copy(theirs, tmp_path / "data")
    with open_history(tmp_path / "backup" / "history.sqlite3") as backup:
        one_session(backup, "backup-only")
    shutil.copyfile(tmp_path / "backup" / "history.sqlite3", crashed)
    before = {p.name: p.read_bytes() for p in (tmp_path / "data").iterdir()}
    with pytest.raises(HistoryUnavailable, match="belongs to another database"):
        open_history(crashed, recover=False, repair=False)
    assert main(["export", "--data-dir", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "belongs to another database" in err and "Start backcoach once" in err
    assert {p.name: p.read_bytes() for p in (tmp_path / "data").iterdir()} == before
