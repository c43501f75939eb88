"""The session log: a SQLite file in the data folder.

A session is written when it starts and checkpointed at the end of every
segment, each write in its own transaction, so a crash, a kill -9 or a power
cut loses at most the segment in progress: the next `open_history` finds the
session still `running`, marks it `interrupted` (ended at its last checkpoint)
and lists it in `store.recovered`.

Durability: WAL journal with `synchronous=FULL`. With NORMAL, WAL commits are
not synced and a power cut may roll back the last few checkpoints (the file
stays consistent, but the promise above would not hold). FULL costs one fsync
per checkpoint, i.e. one every segment (tens of seconds apart), and one per
batch of an import: negligible. An import commits a few hundred sessions per
transaction, so it never holds the write lock for more than milliseconds at a
time, and the app writes a running session on a thread of its own (`open_writer`).

Unreadable data is never overwritten: a corrupt file is moved aside to
`<name>.corrupt-YYYYmmdd-HHMMSS` (with its -wal/-shm) and `store.notice` says
where; a folder that is read-only, full or cannot be created raises
`HistoryUnavailable` with a message naming the path and the fix; so does a
file written by a newer backcoach (left untouched).

A `-wal` beside the file that is not its own (a backup copied over the history
next to the old log) is never merged: it is moved aside to
`<name>-wal.foreign-YYYYmmdd-HHMMSS` (with its -shm) before SQLite opens the
file, and `store.notice` says so (core/log/wal_guard.py). After an unclean
shutdown (a log left behind) the file is checked with a full
`PRAGMA integrity_check`, otherwise with `quick_check`.

New files are created 0600 in a 0700 folder (core/private.py).
"""

from __future__ import annotations

import errno
import os
import secrets
import sqlite3
import stat
import uuid as uuidlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from backcoach.core.log import wal_guard
from backcoach.core.log.records import (
    BREAK_STATUSES,
    FINISHED_STATUSES,
    STEP_STATUSES,
    STOP_REASONS,
    Answer,
    BreakRecord,
    SessionRecord,
    SessionSummary,
    StageChoice,
    StageRef,
    StepProgress,
    StepProgressLike,
    StepRecord,
)
from backcoach.core.log.schema import SCHEMA_VERSION, migrate, user_version
from backcoach.core.private import create_private_dir, create_private_file

__all__ = [
    "SCHEMA_VERSION",
    "Answer",
    "BreakRecord",
    "HistoryStore",
    "HistoryUnavailable",
    "MergeResult",
    "SessionRecord",
    "SessionSummary",
    "StepProgress",
    "StepRecord",
    "iso",
    "open_history",
    "open_writer",
]

BUSY_TIMEOUT_SECONDS = 5.0
FILE_ID_LIMIT = 2**31
"""The file's id is 1 .. 2**31 - 1 (`PRAGMA application_id` is a signed 32-bit number)."""
WRITER_BUSY_TIMEOUT = 0.1
"""How long a writer thread's connection waits for the write lock before failing (it
retries later): long enough to slip in between two batches of an import."""
MERGE_BATCH = 200
"""Sessions per transaction when merging: each holds the write lock for milliseconds."""


Parts = tuple[tuple[str, tuple[object, ...]], ...]
"""A message as English (template, args) sentences: the UI translates each template."""

# PROBLEM_*: what is wrong with the history file; FIX_*: what the user can do about
# that problem; NOTE_*: what was done about it; *_TAIL: the end of a FIX_ sentence.
OTHER_FOLDER_TAIL = "choose another data folder (--data-dir or BACKCOACH_DATA_DIR)."
PROBLEM_NOT_A_FILE = "The history file {0} is not a file."
FIX_NOT_A_FILE = "Move it away, or " + OTHER_FOLDER_TAIL
PROBLEM_NEWER_VERSION = (
    "The history file {0} was made by a newer backcoach (history "
    "version {1}; this one knows up to {2})."
)
FIX_NEWER_VERSION = "Update backcoach to use it; the file was left unchanged."
PROBLEM_UNREADABLE_NOT_MOVED = (
    "The history file {0} cannot be read, and it could not be moved aside ({1})."
)
FIX_UNREADABLE_NOT_MOVED = "Move it away yourself to start a new history."
PROBLEM_FOLDER_IS_A_FILE = "Cannot create the data folder {0}: {1} is a file, not a folder."
FIX_FOLDER_IS_A_FILE = "Choose another data folder (--data-dir or BACKCOACH_DATA_DIR)."
PROBLEM_FOLDER_NOT_CREATED = "Cannot create the data folder {0} for the history ({1})."
FIX_FOLDER_NOT_CREATED = "Check that the folder can be written, or " + OTHER_FOLDER_TAIL
PROBLEM_DISK_FULL = "Cannot use the history file {0}: the disk is full."
FIX_DISK_FULL = "Free some disk space and try again."
PROBLEM_READ_ONLY = "Cannot use the history file {0}: the file or its folder is read-only."
FIX_READ_ONLY = "Make {0} writable, or " + OTHER_FOLDER_TAIL
PROBLEM_LOCKED = "Cannot use the history file {0}: another program is using it."
FIX_LOCKED = "Close the other backcoach window or command and try again."
PROBLEM_CANNOT_OPEN = "Cannot use the history file {0}: it cannot be opened or created."
FIX_CANNOT_OPEN = "Check that {0} exists and can be written, or " + OTHER_FOLDER_TAIL
PROBLEM_OS_ERROR = "Cannot use the history file {0}: {1}."
FIX_OS_ERROR = "Check the disk and the folder's permissions, then try again."
PROBLEM_DAMAGED = "Cannot use the history file {0}: it is damaged ({1})."
FIX_DAMAGED = "Move it away to start a new history; keep it, it may be recoverable."
PROBLEM_CORRUPT_MOVED_ASIDE = "The history file {0} could not be read ({1})."
NOTE_MOVED_ASIDE = "It was moved to {0} and a new, empty history was started."
NOTE_KEEP_MOVED_FILE = "Keep the old file: it may be recoverable."
PROBLEM_FOREIGN_LOG_MOVED = (
    "The file {0} beside the history belongs to another database, "
    "so it was not merged into the history."
)
NOTE_FOREIGN_LOG_MOVED = "It was moved to {0}; the history is as it was last saved."
PROBLEM_FOREIGN_LOG_IN_THE_WAY = (
    "Cannot use the history file {0}: the file {1} beside it belongs to another database."
)
START_TO_SET_ASIDE = (
    "Start backcoach once: it moves that file aside and opens the history as it was saved."
)
PROBLEM_FOREIGN_LOG_NOT_MOVED = (
    "The file {0} beside the history belongs to another database and could not be "
    "moved aside ({1})."
)
FIX_FOREIGN_LOG_NOT_MOVED = "Move it away yourself; until then the history is left as it is."
MESSAGE_TEMPLATES: tuple[str, ...] = (
    PROBLEM_NOT_A_FILE,
    FIX_NOT_A_FILE,
    PROBLEM_NEWER_VERSION,
    FIX_NEWER_VERSION,
    PROBLEM_UNREADABLE_NOT_MOVED,
    FIX_UNREADABLE_NOT_MOVED,
    PROBLEM_FOLDER_IS_A_FILE,
    FIX_FOLDER_IS_A_FILE,
    PROBLEM_FOLDER_NOT_CREATED,
    FIX_FOLDER_NOT_CREATED,
    PROBLEM_DISK_FULL,
    FIX_DISK_FULL,
    PROBLEM_READ_ONLY,
    FIX_READ_ONLY,
    PROBLEM_LOCKED,
    FIX_LOCKED,
    PROBLEM_CANNOT_OPEN,
    FIX_CANNOT_OPEN,
    PROBLEM_OS_ERROR,
    FIX_OS_ERROR,
    PROBLEM_DAMAGED,
    FIX_DAMAGED,
    PROBLEM_CORRUPT_MOVED_ASIDE,
    NOTE_MOVED_ASIDE,
    NOTE_KEEP_MOVED_FILE,
    PROBLEM_FOREIGN_LOG_MOVED,
    NOTE_FOREIGN_LOG_MOVED,
    PROBLEM_FOREIGN_LOG_IN_THE_WAY,
    START_TO_SET_ASIDE,
    PROBLEM_FOREIGN_LOG_NOT_MOVED,
    FIX_FOREIGN_LOG_NOT_MOVED,
)
"""Every sentence of HistoryUnavailable.parts and HistoryStore.notice_parts; the UI
translates them in the "history" context (ui/translatable.py HISTORY_MESSAGES)."""


def english(parts: Parts) -> str:
    return " ".join(template.format(*args) for template, args in parts)


class HistoryUnavailable(Exception):
    """The log cannot be opened or written; `message` says where and what to do.

    `parts` is the same message as (template, args) sentences, for the UI to translate.
    """

    def __init__(self, message: str, parts: Parts = ()) -> None:
        super().__init__(message)
        self.message = message
        self.parts = parts

    @classmethod
    def of(cls, *parts: tuple[str, tuple[object, ...]]) -> HistoryUnavailable:
        return cls(english(parts), parts)


@dataclass(frozen=True)
class MergeResult:
    added: int
    skipped: int


def iso(moment: datetime) -> str:
    """How timestamps are stored: ISO 8601 to the second, with the UTC offset."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"timestamp {moment!r} has no UTC offset (use .astimezone())")
    return moment.isoformat(timespec="seconds")


def now_local() -> datetime:
    return datetime.now().astimezone()


def open_history(db_path: Path, *, recover: bool = True, repair: bool = True) -> HistoryStore:
    """Open (creating if needed) the log at `db_path`.

    recover: mark sessions left `running` as `interrupted` (the app does this
    at start-up; a command run while the app may be open passes False).
    repair: move a corrupt file aside and start afresh (False: raise instead,
    leaving the file where it is).
    """
    db_path = Path(db_path)
    try:
        create_private_dir(db_path.parent)
    except OSError as exc:
        raise HistoryUnavailable.of(*_folder_problem(db_path, exc)) from exc
    try:  # os.stat, not Path.exists: that raises PermissionError in a folder of mode 000
        if not stat.S_ISREG(os.stat(db_path).st_mode):
            raise HistoryUnavailable.of((PROBLEM_NOT_A_FILE, (db_path,)), (FIX_NOT_A_FILE, ()))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise HistoryUnavailable.of(
            (PROBLEM_OS_ERROR, (db_path, exc.strerror or exc)), (FIX_OS_ERROR, ())
        ) from exc
    notice = _set_aside_foreign_log(db_path, repair=repair)
    check = "integrity_check" if wal_guard.unclean(db_path) else "quick_check"
    try:
        _check_header(db_path)
        conn = _connect(db_path, check=check)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) or not repair:
            raise HistoryUnavailable.of(*_sqlite_problem(db_path, exc)) from exc
        aside = _move_aside(db_path)
        notice += (
            (PROBLEM_CORRUPT_MOVED_ASIDE, (db_path, exc)),
            (NOTE_MOVED_ASIDE, (aside,)),
            (NOTE_KEEP_MOVED_FILE, ()),
        )
        try:
            conn = _connect(db_path)
        except sqlite3.DatabaseError as exc2:
            raise HistoryUnavailable.of(*_sqlite_problem(db_path, exc2)) from exc2
    store = HistoryStore(conn, db_path)
    store.checked_with = check
    store.notice = english(notice) if notice else None
    store.notice_parts = notice
    if recover:
        store.recovered = store.recover_interrupted()
    return store


def _set_aside_foreign_log(db_path: Path, *, repair: bool) -> Parts:
    """Move a -wal (with its -shm) that is not this history's own aside, before SQLite
    could merge it (core/log/wal_guard.py); returns the notice, or () when it is its own.

    Without `repair` nothing is moved: HistoryUnavailable says what to do instead.
    """
    if wal_guard.foreign_reason(db_path) is None:
        return ()
    wal = wal_guard.wal_path(db_path)
    if not repair:
        raise HistoryUnavailable.of(
            (PROBLEM_FOREIGN_LOG_IN_THE_WAY, (db_path, wal)), (START_TO_SET_ASIDE, ())
        )
    try:
        aside = wal_guard.set_aside(db_path)
    except OSError as exc:
        raise HistoryUnavailable.of(
            (PROBLEM_FOREIGN_LOG_NOT_MOVED, (wal, exc.strerror or exc)),
            (FIX_FOREIGN_LOG_NOT_MOVED, ()),
        ) from exc
    return ((PROBLEM_FOREIGN_LOG_MOVED, (wal,)), (NOTE_FOREIGN_LOG_MOVED, (aside,)))


def open_writer(db_path: Path, *, busy_timeout: float = WRITER_BUSY_TIMEOUT) -> HistoryStore:
    """Another connection to a log `open_history` opened, for a writer thread.

    It never creates the file and does not check or migrate it (`open_history`
    did, in this process). Its busy timeout is short: a file another connection
    is writing makes a write fail soon ("database is locked", as
    HistoryUnavailable) instead of waiting up to BUSY_TIMEOUT_SECONDS, and the
    writer tries again later. Raises HistoryUnavailable if it cannot connect.
    """
    db_path = Path(db_path)
    try:
        conn = sqlite3.connect(
            f"{db_path.absolute().as_uri()}?mode=rw",
            uri=True,
            isolation_level=None,
            timeout=busy_timeout,
        )
    except sqlite3.Error as exc:
        raise HistoryUnavailable.of(*_sqlite_problem(db_path, exc)) from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise HistoryUnavailable.of(*_sqlite_problem(db_path, exc)) from exc
    return HistoryStore(conn, db_path)


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_header(db_path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it.

    SQLite, given garbage, may still treat a neighbouring `-wal` file as its own
    and delete it on close; checking the header first keeps both intact.
    """
    try:
        with db_path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise sqlite3.OperationalError(f"unable to open database file ({exc.strerror})") from exc
    if head and head != SQLITE_HEADER:
        raise sqlite3.DatabaseError("file is not a database")


def _connect(db_path: Path, *, check: str = "quick_check") -> sqlite3.Connection:
    """Connect, check, configure, migrate and stamp; raises sqlite3 errors as they come.

    A plain sqlite3.DatabaseError (not OperationalError) means the file is not
    a readable database. A newer schema raises HistoryUnavailable before
    anything is written. `check` is the PRAGMA that checks the file:
    `integrity_check` (every index against its table) after an unclean
    shutdown, the faster `quick_check` otherwise.
    """
    if db_path != Path(":memory:"):
        _create_private(db_path)
    conn = sqlite3.connect(
        str(db_path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=True
    )
    try:
        found = user_version(conn)
        if found > SCHEMA_VERSION:
            raise HistoryUnavailable.of(
                (PROBLEM_NEWER_VERSION, (db_path, found, SCHEMA_VERSION)), (FIX_NEWER_VERSION, ())
            )
        if db_path != Path(":memory:"):
            pragma = "integrity_check" if check == "integrity_check" else "quick_check"
            result = [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
            if result != ["ok"]:
                raise sqlite3.DatabaseError("integrity check failed: " + "; ".join(result[:3]))
        _configure(conn)
        migrate(conn)
        _stamp(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _create_private(db_path: Path) -> None:
    """Create a new database file 0600 before SQLite does (its -wal and -shm copy the mode).

    OSError becomes the sqlite3 error SQLite itself would have raised.
    """
    try:
        create_private_file(db_path)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise sqlite3.OperationalError("database or disk is full") from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise sqlite3.OperationalError("attempt to write a readonly database") from exc
        raise sqlite3.OperationalError(f"unable to open database file ({exc.strerror})") from exc


def _stamp(conn: sqlite3.Connection) -> None:
    """Give a file without one its random id (core/log/wal_guard.py), and checkpoint so the
    database file itself holds it, not only its log."""
    if int(conn.execute("PRAGMA application_id").fetchone()[0]) != 0:
        return
    conn.execute(f"PRAGMA application_id = {secrets.randbelow(FILE_ID_LIMIT - 1) + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")


def _move_aside(db_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{n}")
    try:
        db_path.rename(aside)
        for suffix in ("-wal", "-shm"):
            extra = db_path.with_name(db_path.name + suffix)
            if extra.exists():
                extra.rename(aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise HistoryUnavailable.of(
            (PROBLEM_UNREADABLE_NOT_MOVED, (db_path, exc.strerror or exc)),
            (FIX_UNREADABLE_NOT_MOVED, ()),
        ) from exc
    return aside


def _folder_problem(db_path: Path, exc: OSError) -> Parts:
    in_the_way = next(
        (
            p
            for p in (db_path.parent, *db_path.parent.parents)
            if os.path.exists(p) and not os.path.isdir(p)  # never raise (mode 000)
        ),
        None,
    )
    if in_the_way is not None:  # "File exists" / "Not a directory" would not say which
        return (
            (PROBLEM_FOLDER_IS_A_FILE, (db_path.parent, in_the_way)),
            (FIX_FOLDER_IS_A_FILE, ()),
        )
    reason = exc.strerror or str(exc)
    return ((PROBLEM_FOLDER_NOT_CREATED, (db_path.parent, reason)), (FIX_FOLDER_NOT_CREATED, ()))


def _sqlite_problem(db_path: Path, exc: sqlite3.Error) -> Parts:
    text = str(exc).lower()
    folder = (db_path.parent,)
    if "full" in text:
        return ((PROBLEM_DISK_FULL, (db_path,)), (FIX_DISK_FULL, ()))
    if "readonly" in text or "read-only" in text:
        return ((PROBLEM_READ_ONLY, (db_path,)), (FIX_READ_ONLY, folder))
    if "locked" in text or "busy" in text:
        return ((PROBLEM_LOCKED, (db_path,)), (FIX_LOCKED, ()))
    if "unable to open" in text:
        return ((PROBLEM_CANNOT_OPEN, (db_path,)), (FIX_CANNOT_OPEN, folder))
    if isinstance(exc, sqlite3.OperationalError):
        return ((PROBLEM_OS_ERROR, (db_path, exc)), (FIX_OS_ERROR, ()))
    return ((PROBLEM_DAMAGED, (db_path, exc)), (FIX_DAMAGED, ()))


_SESSION_COLUMNS = (
    "id, uuid, routine_id, routine_title, routine_sha256, started_at, ended_at, status, "
    "speed, flare, pain_before, pain_after, stop_reason, notes, kind, stage_index, stage_name"
)


def _session_fields(r: sqlite3.Row) -> dict[str, Any]:
    """The fields a `_SESSION_COLUMNS` row gives both SessionRecord and SessionSummary."""
    return {
        "id": r["id"],
        "uuid": r["uuid"],
        "routine_id": r["routine_id"],
        "routine_title": r["routine_title"],
        "started_at": datetime.fromisoformat(r["started_at"]),
        "ended_at": _dt(r["ended_at"]),
        "status": r["status"],
        "speed": r["speed"],
        "flare": bool(r["flare"]),
        "pain_before": r["pain_before"],
        "pain_after": r["pain_after"],
        "stop_reason": r["stop_reason"],
        "notes": r["notes"],
        "kind": r["kind"],
        "stage": (
            None
            if r["stage_index"] is None
            else StageRef(int(r["stage_index"]), r["stage_name"] or "")
        ),
    }


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class HistoryStore:
    """The log. Use `open_history` (a file) or `HistoryStore.in_memory()` (a review copy)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._file_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        """This file's random id, set again by every write (core/log/wal_guard.py)."""
        self.checked_with = "quick_check"
        """The PRAGMA that checked the file when it was opened."""
        self.notice: str | None = None
        """Set when a corrupt file or a foreign log was moved aside: what happened, where."""
        self.notice_parts: Parts = ()
        """`notice` as (template, args) sentences, for the UI to translate."""
        self.recovered: list[int] = []
        """Ids of sessions found `running` at open and marked `interrupted`."""

    @classmethod
    def in_memory(cls) -> HistoryStore:
        """An empty log in memory, e.g. to review an export without touching the real one."""
        return cls(_connect(Path(":memory:")), Path(":memory:"))

    # --- plumbing ------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; SQLite I/O failures become HistoryUnavailable.

        It also writes the file's id into page 1 again, so that every commit in the
        log carries it: how the next open knows the log is this file's (wal_guard.py).
        """
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            if self._file_id:
                conn.execute(f"PRAGMA application_id = {self._file_id}")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite may already have rolled back (disk full)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise HistoryUnavailable.of(*_sqlite_problem(self.path, exc)) from exc

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """The rows of a query, read by column name (or unpacked in column order)."""
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        try:
            return list(cursor.execute(sql, params).fetchall())
        except sqlite3.OperationalError as exc:
            raise HistoryUnavailable.of(*_sqlite_problem(self.path, exc)) from exc

    # --- sessions: writing ---------------------------------------------------
    def recover_interrupted(self) -> list[int]:
        """Mark sessions left `running` as `interrupted`, ended at their last checkpoint."""
        ids = [row[0] for row in self._read("SELECT id FROM sessions WHERE status = 'running'")]
        if ids:
            with self._write() as conn:
                conn.execute(
                    "UPDATE sessions SET status = 'interrupted', "
                    "ended_at = COALESCE(checkpoint_at, started_at) WHERE status = 'running'"
                )
        return ids

    def start_session(
        self,
        *,
        routine_id: str,
        title: str,
        sha256: str,
        started_at: datetime,
        speed: float,
        flare: bool,
        pain_before: int | None,
        answers: Sequence[tuple[str, str]],
        steps: Sequence[tuple[int, str | None, float]],
        kind: str = "routine",
        stage: StageRef | None = None,
    ) -> int:
        """Record a session as it starts (status `running`); returns its id."""
        _check_pain("pain_before", pain_before)
        # The id is the file name's stem: a name that is not UTF-8 (os.fsdecode
        # surrogates) would make SQLite refuse the row and the session go unsaved.
        routine_id = routine_id.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        started = iso(started_at)
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO sessions (uuid, kind, routine_id, routine_title, routine_sha256,"
                " started_at, checkpoint_at, status, speed, flare, pain_before, stage_index,"
                " stage_name) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)",
                (
                    str(uuidlib.uuid4()),
                    kind,
                    routine_id,
                    title,
                    sha256,
                    started,
                    started,
                    float(speed),
                    int(bool(flare)),
                    pain_before,
                    None if stage is None else stage.index,
                    None if stage is None else stage.name,
                ),
            )
            session_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO answers (session_id, position, ask, answer) VALUES (?, ?, ?, ?)",
                [(session_id, i, ask, ans) for i, (ask, ans) in enumerate(answers)],
            )
            conn.executemany(
                "INSERT INTO steps (session_id, idx, exercise, status, planned_seconds)"
                " VALUES (?, ?, ?, 'pending', ?)",
                [(session_id, idx, ex, float(planned)) for idx, ex, planned in steps],
            )
        return session_id

    def checkpoint(
        self,
        session_id: int,
        steps: Iterable[StepProgressLike],
        *,
        at: datetime | None = None,
    ) -> None:
        """Save how far each given step got (cumulative), in one transaction.

        Called at every segment end with the engine's step results; steps not
        given keep what they had.
        """
        rows = _step_rows(session_id, steps)
        stamp = iso(at or now_local())
        with self._write() as conn:
            _upsert_steps(conn, rows)
            conn.execute("UPDATE sessions SET checkpoint_at = ? WHERE id = ?", (stamp, session_id))

    def finish(
        self,
        session_id: int,
        *,
        status: str,
        ended_at: datetime,
        pain_after: int | None,
        hurt: Sequence[int] = (),
        notes: str = "",
        stop_reason: str | None = None,
        steps: Iterable[StepProgressLike] | None = None,
    ) -> None:
        """Close a session: `completed` or `stopped` (with the reason for stopping early).

        `steps`, when given, is a last checkpoint written in the same transaction.
        """
        if status not in ("completed", "stopped"):
            raise ValueError(f"finish status must be 'completed' or 'stopped', not {status!r}")
        if stop_reason is not None and stop_reason not in STOP_REASONS:
            raise ValueError(
                f"stop_reason must be one of {STOP_REASONS} or None, not {stop_reason!r}"
            )
        _check_pain("pain_after", pain_after)
        rows = _step_rows(session_id, steps or ())
        ended = iso(ended_at)
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, checkpoint_at = ?, pain_after = ?,"
                " notes = ?, stop_reason = ? WHERE id = ?",
                (status, ended, ended, pain_after, notes, stop_reason, session_id),
            )
            if cur.rowcount != 1:
                raise KeyError(f"no session with id {session_id}")
            _upsert_steps(conn, rows)
            conn.execute("UPDATE steps SET hurt = 0 WHERE session_id = ?", (session_id,))
            conn.executemany(
                "UPDATE steps SET hurt = 1 WHERE session_id = ? AND idx = ?",
                [(session_id, int(i)) for i in hurt],
            )

    # --- sessions: reading ---------------------------------------------------
    def sessions(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        routine_id: str | None = None,
        include_previews: bool = True,
        include_running: bool = False,
    ) -> list[SessionRecord]:
        """Sessions started between `since` and `until` (local dates, inclusive), oldest first.

        Three queries whatever the count: sessions, then all their answers and
        steps in bulk.
        """
        where, params = _session_filter(since, until, routine_id, include_previews, include_running)
        return self._records(where, params)

    def session(self, session_id: int) -> SessionRecord | None:
        found = self._records("id = ?", [session_id])
        return found[0] if found else None

    def summaries(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        routine_id: str | None = None,
        include_previews: bool = True,
        include_running: bool = False,
    ) -> list[SessionSummary]:
        """The session list with per-session step aggregates, in one query (for list views)."""
        where, params = _session_filter(since, until, routine_id, include_previews, include_running)
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS},"
            " (SELECT total(done_seconds) FROM steps WHERE session_id = s.id) AS done_seconds,"
            " (SELECT count(*) FROM steps WHERE session_id = s.id) AS steps_total,"
            " (SELECT count(*) FROM steps WHERE session_id = s.id"
            " AND status IN ('done', 'partial')) AS steps_done,"
            " (SELECT count(*) FROM steps WHERE session_id = s.id"
            " AND status = 'skipped') AS steps_skipped,"
            " (SELECT count(*) FROM steps WHERE session_id = s.id AND hurt = 1) AS steps_hurt"
            f" FROM sessions AS s WHERE {where} ORDER BY started_at, id",
            params,
        )
        return [
            SessionSummary(
                **_session_fields(r),
                done_seconds=r["done_seconds"],
                steps_total=r["steps_total"],
                steps_done=r["steps_done"],
                steps_skipped=r["steps_skipped"],
                steps_hurt=r["steps_hurt"],
            )
            for r in rows
        ]

    def count(self) -> int:
        return int(self._read("SELECT count(*) FROM sessions")[0][0])

    def _records(self, where: str, params: Sequence[Any]) -> list[SessionRecord]:
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE {where} ORDER BY started_at, id",
            params,
        )
        if not rows:
            return []
        sub = f"SELECT id FROM sessions WHERE {where}"
        answers: dict[int, list[Answer]] = {}
        for sid, ask, ans in self._read(
            f"SELECT session_id, ask, answer FROM answers WHERE session_id IN ({sub})"
            " ORDER BY session_id, position",
            params,
        ):
            answers.setdefault(sid, []).append(Answer(ask, ans))
        steps: dict[int, list[StepRecord]] = {}
        for sid, idx, ex, status, planned, done, hurt in self._read(
            "SELECT session_id, idx, exercise, status, planned_seconds, done_seconds, hurt"
            f" FROM steps WHERE session_id IN ({sub}) ORDER BY session_id, idx",
            params,
        ):
            steps.setdefault(sid, []).append(StepRecord(idx, ex, status, planned, done, bool(hurt)))
        return [
            SessionRecord(
                **_session_fields(r),
                routine_sha256=r["routine_sha256"],
                answers=tuple(answers.get(r["id"], ())),
                steps=tuple(steps.get(r["id"], ())),
            )
            for r in rows
        ]

    # --- stages ------------------------------------------------------------------
    def choose_stage(self, routine_id: str, stage: StageRef, at: datetime) -> None:
        """Remember the stage the patient chose for a routine (sessions count from `at`)."""
        if stage.index < 1:
            raise ValueError(f"stage index must be at least 1, not {stage.index!r}")
        with self._write() as conn:
            conn.execute(
                "INSERT INTO stage_choices (routine_id, stage_index, stage_name, chosen_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (routine_id) DO UPDATE SET"
                " stage_index = excluded.stage_index, stage_name = excluded.stage_name,"
                " chosen_at = excluded.chosen_at",
                (routine_id, stage.index, stage.name, iso(at)),
            )

    def stage_choice(self, routine_id: str) -> StageChoice | None:
        """The stage last chosen for the routine, or None if none was."""
        rows = self._read(
            "SELECT stage_index, stage_name, chosen_at FROM stage_choices WHERE routine_id = ?",
            (routine_id,),
        )
        if not rows:
            return None
        index, name, at = rows[0]
        return StageChoice(routine_id, StageRef(int(index), name), datetime.fromisoformat(at))

    # --- posture breaks --------------------------------------------------------
    def log_break(
        self,
        *,
        due_at: datetime,
        status: str,
        at: datetime | None = None,
        routine_id: str | None = None,
        session_id: int | None = None,
    ) -> int:
        """Record what was done with a posture-break reminder; returns its id."""
        if status not in BREAK_STATUSES:
            raise ValueError(f"break status must be one of {BREAK_STATUSES}, not {status!r}")
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO breaks (uuid, due_at, at, status, routine_id, session_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    str(uuidlib.uuid4()),
                    iso(due_at),
                    None if at is None else iso(at),
                    status,
                    routine_id,
                    session_id,
                ),
            )
            return int(cur.lastrowid or 0)

    def breaks(self, since: date | None = None, until: date | None = None) -> list[BreakRecord]:
        """Breaks due between `since` and `until` (local dates, inclusive), oldest first."""
        clauses, params = _date_range("due_at", since, until)
        rows = self._read(
            "SELECT id, uuid, due_at, at, status, routine_id, session_id FROM breaks"
            f" WHERE {' AND '.join(clauses) or '1'} ORDER BY due_at, id",
            params,
        )
        return [
            BreakRecord(
                id=r["id"],
                uuid=r["uuid"],
                due_at=datetime.fromisoformat(r["due_at"]),
                at=_dt(r["at"]),
                status=r["status"],
                routine_id=r["routine_id"],
                session_id=r["session_id"],
            )
            for r in rows
        ]

    # --- merging (import) ------------------------------------------------------
    def merge(
        self,
        sessions: Sequence[SessionRecord],
        breaks: Sequence[BreakRecord] = (),
        *,
        batch_size: int = MERGE_BATCH,
    ) -> MergeResult:
        """Add the sessions (and breaks) not already here, `batch_size` per transaction.

        A session is already here when its uuid is, or when one of the same
        routine started at the same second. `BreakRecord.session_id` is read
        as an index into `sessions` (or None). Ids of the records are ignored.
        Only finished sessions may be merged (`running` raises ValueError).

        Batches keep the write lock short: however big the file, the lock is
        held for one batch at a time (tens of milliseconds), and the rows of
        the next batch are prepared with the lock released, so a running
        session's checkpoint (another connection, perhaps another process)
        gets its turn in between. Each batch looks up what is already there
        inside its own transaction, so a session written meanwhile is not
        added twice. A failure part-way keeps the batches already committed:
        merging the same records again adds only the rest.
        """
        for rec in sessions:
            if rec.status not in FINISHED_STATUSES:
                raise ValueError(f"session {rec.uuid}: cannot merge status {rec.status!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size!r}")
        new_ids: list[int | None] = []
        for first in range(0, len(sessions), batch_size):
            batch = [_MergedSession.of(rec) for rec in sessions[first : first + batch_size]]
            with self._write() as conn:
                new_ids += _insert_merged(conn, batch)
        rows = [_merged_break(b, new_ids) for b in breaks]
        for first in range(0, len(rows), batch_size):
            with self._write() as conn:
                conn.executemany(
                    "INSERT INTO breaks (uuid, due_at, at, status, routine_id, session_id)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING",
                    rows[first : first + batch_size],
                )
        added = sum(1 for sid in new_ids if sid is not None)
        return MergeResult(added, len(sessions) - added)


_ALREADY_HERE = (
    "SELECT 1 FROM sessions WHERE uuid = ? OR (started_at = ? AND routine_id = ?) LIMIT 1"
)


@dataclass(frozen=True)
class _MergedSession:
    """One session to merge, as rows (prepared before its batch takes the write lock)."""

    uuid: str
    routine_id: str
    started: str
    row: tuple[Any, ...]
    answers: tuple[tuple[int, str, str], ...]
    steps: tuple[tuple[int, str | None, str, float, float, int], ...]

    @classmethod
    def of(cls, rec: SessionRecord) -> _MergedSession:
        started = iso(rec.started_at)
        ended = None if rec.ended_at is None else iso(rec.ended_at)
        row = (
            rec.uuid,
            rec.kind,
            rec.routine_id,
            rec.routine_title,
            rec.routine_sha256,
            started,
            ended,
            ended,
            rec.status,
            rec.speed,
            int(rec.flare),
            rec.pain_before,
            rec.pain_after,
            rec.stop_reason,
            rec.notes,
            None if rec.stage is None else rec.stage.index,
            None if rec.stage is None else rec.stage.name,
        )
        return cls(
            uuid=rec.uuid,
            routine_id=rec.routine_id,
            started=started,
            row=row,
            answers=tuple((i, a.ask, a.answer) for i, a in enumerate(rec.answers)),
            steps=tuple(
                (s.index, s.exercise, s.status, s.planned_seconds, s.done_seconds, int(s.hurt))
                for s in rec.steps
            ),
        )


def _insert_merged(conn: sqlite3.Connection, batch: Sequence[_MergedSession]) -> list[int | None]:
    """Insert the sessions of one batch not already in the log; their new ids (None: skipped)."""
    new_ids: list[int | None] = []
    answer_rows: list[tuple[int, int, str, str]] = []
    step_rows: list[tuple[int, int, str | None, str, float, float, int]] = []
    for rec in batch:
        if conn.execute(_ALREADY_HERE, (rec.uuid, rec.started, rec.routine_id)).fetchone():
            new_ids.append(None)
            continue
        cur = conn.execute(
            "INSERT INTO sessions (uuid, kind, routine_id, routine_title, routine_sha256,"
            " started_at, ended_at, checkpoint_at, status, speed, flare, pain_before,"
            " pain_after, stop_reason, notes, stage_index, stage_name)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rec.row,
        )
        sid = int(cur.lastrowid or 0)
        new_ids.append(sid)
        answer_rows += [(sid, *answer) for answer in rec.answers]
        step_rows += [(sid, *step) for step in rec.steps]
    conn.executemany(
        "INSERT INTO answers (session_id, position, ask, answer) VALUES (?, ?, ?, ?)",
        answer_rows,
    )
    conn.executemany(
        "INSERT INTO steps (session_id, idx, exercise, status, planned_seconds,"
        " done_seconds, hurt) VALUES (?, ?, ?, ?, ?, ?, ?)",
        step_rows,
    )
    return new_ids


def _merged_break(
    b: BreakRecord, new_ids: Sequence[int | None]
) -> tuple[str, str, str | None, str, str | None, int | None]:
    at = None if b.at is None else iso(b.at)
    return (
        b.uuid,
        iso(b.due_at),
        at,
        b.status,
        b.routine_id,
        _linked_session(b.session_id, new_ids),
    )


def _linked_session(position: int | None, new_ids: Sequence[int | None]) -> int | None:
    if position is None or not 0 <= position < len(new_ids):
        return None
    return new_ids[position]


def _check_pain(name: str, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not 0 <= int(value) <= 10):
        raise ValueError(f"{name} must be 0..10 or None, not {value!r}")


def _step_rows(
    session_id: int, steps: Iterable[StepProgressLike]
) -> list[tuple[int, int, str, float]]:
    rows = []
    for step in steps:
        if step.status not in STEP_STATUSES:
            raise ValueError(f"step {step.index}: status must be one of {STEP_STATUSES}")
        rows.append((session_id, int(step.index), str(step.status), float(step.done_seconds)))
    return rows


def _upsert_steps(conn: sqlite3.Connection, rows: list[tuple[int, int, str, float]]) -> None:
    conn.executemany(
        "INSERT INTO steps (session_id, idx, status, done_seconds) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (session_id, idx) DO UPDATE"
        " SET status = excluded.status, done_seconds = excluded.done_seconds",
        rows,
    )


def _date_range(column: str, since: date | None, until: date | None) -> tuple[list[str], list[Any]]:
    """Local-date bounds as string comparisons (stored text starts with the local date)."""
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append(f"{column} < ?")
        params.append((until + timedelta(days=1)).isoformat())
    return clauses, params


def _session_filter(
    since: date | None,
    until: date | None,
    routine_id: str | None,
    include_previews: bool,
    include_running: bool,
) -> tuple[str, list[Any]]:
    clauses, params = _date_range("started_at", since, until)
    if routine_id is not None:
        clauses.append("routine_id = ?")
        params.append(routine_id)
    if not include_previews:
        clauses.append("speed <= 1.0")
    if not include_running:
        clauses.append("status != 'running'")
    return " AND ".join(clauses) or "1", params
