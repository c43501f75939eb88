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
"""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from backcoach.core.history_schema import SCHEMA_VERSION, migrate, user_version
from backcoach.core.records import (
    BREAK_STATUSES,
    FINISHED_STATUSES,
    STEP_STATUSES,
    STOP_REASONS,
    Answer,
    BreakRecord,
    SessionRecord,
    SessionSummary,
    StepProgress,
    StepProgressLike,
    StepRecord,
)

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
WRITER_BUSY_TIMEOUT = 0.1
"""How long a writer thread's connection waits for the write lock before failing (it
retries later): long enough to slip in between two batches of an import."""
MERGE_BATCH = 200
"""Sessions per transaction when merging: each holds the write lock for milliseconds."""


Parts = tuple[tuple[str, tuple[object, ...]], ...]
"""A message as English (template, args) sentences: the UI translates each template."""

OTHER_FOLDER = "choose another data folder (--data-dir or BACKCOACH_DATA_DIR)."
NOT_A_FILE = "The history file {0} is not a file."
MOVE_IT_OR_CHOOSE = "Move it away, or " + OTHER_FOLDER
NEWER = (
    "The history file {0} was made by a newer backcoach (history "
    "version {1}; this one knows up to {2})."
)
UPDATE_TO_USE = "Update backcoach to use it; the file was left unchanged."
NOT_MOVED_ASIDE = "The history file {0} cannot be read, and it could not be moved aside ({1})."
MOVE_IT_YOURSELF = "Move it away yourself to start a new history."
FOLDER_IN_THE_WAY = "Cannot create the data folder {0}: {1} is a file, not a folder."
CHOOSE_FOLDER = "Choose another data folder (--data-dir or BACKCOACH_DATA_DIR)."
CANNOT_CREATE_FOLDER = "Cannot create the data folder {0} for the history ({1})."
CHECK_FOLDER = "Check that the folder can be written, or " + OTHER_FOLDER
DISK_FULL = "Cannot use the history file {0}: the disk is full."
FREE_SPACE = "Free some disk space and try again."
READ_ONLY = "Cannot use the history file {0}: the file or its folder is read-only."
MAKE_WRITABLE = "Make {0} writable, or " + OTHER_FOLDER
LOCKED = "Cannot use the history file {0}: another program is using it."
CLOSE_OTHER = "Close the other backcoach window or command and try again."
CANNOT_OPEN = "Cannot use the history file {0}: it cannot be opened or created."
CHECK_EXISTS = "Check that {0} exists and can be written, or " + OTHER_FOLDER
OTHER_ERROR = "Cannot use the history file {0}: {1}."
CHECK_DISK = "Check the disk and the folder's permissions, then try again."
DAMAGED = "Cannot use the history file {0}: it is damaged ({1})."
MOVE_IT_KEEP_IT = "Move it away to start a new history; keep it, it may be recoverable."
CORRUPT = "The history file {0} could not be read ({1})."
MOVED_TO = "It was moved to {0} and a new, empty history was started."
KEEP_OLD = "Keep the old file: it may be recoverable."
MESSAGE_TEMPLATES: tuple[str, ...] = (
    NOT_A_FILE,
    MOVE_IT_OR_CHOOSE,
    NEWER,
    UPDATE_TO_USE,
    NOT_MOVED_ASIDE,
    MOVE_IT_YOURSELF,
    FOLDER_IN_THE_WAY,
    CHOOSE_FOLDER,
    CANNOT_CREATE_FOLDER,
    CHECK_FOLDER,
    DISK_FULL,
    FREE_SPACE,
    READ_ONLY,
    MAKE_WRITABLE,
    LOCKED,
    CLOSE_OTHER,
    CANNOT_OPEN,
    CHECK_EXISTS,
    OTHER_ERROR,
    CHECK_DISK,
    DAMAGED,
    MOVE_IT_KEEP_IT,
    CORRUPT,
    MOVED_TO,
    KEEP_OLD,
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
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HistoryUnavailable.of(*_folder_problem(db_path, exc)) from exc
    if db_path.exists() and not db_path.is_file():
        raise HistoryUnavailable.of((NOT_A_FILE, (db_path,)), (MOVE_IT_OR_CHOOSE, ()))
    notice: Parts = ()
    try:
        _check_header(db_path)
        conn = _connect(db_path)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) or not repair:
            raise HistoryUnavailable.of(*_sqlite_problem(db_path, exc)) from exc
        aside = _move_aside(db_path)
        notice = ((CORRUPT, (db_path, exc)), (MOVED_TO, (aside,)), (KEEP_OLD, ()))
        try:
            conn = _connect(db_path)
        except sqlite3.DatabaseError as exc2:
            raise HistoryUnavailable.of(*_sqlite_problem(db_path, exc2)) from exc2
    store = HistoryStore(conn, db_path)
    store.notice = english(notice) if notice else None
    store.notice_parts = notice
    if recover:
        store.recovered = store.recover_interrupted()
    return store


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


def _connect(db_path: Path) -> sqlite3.Connection:
    """Connect, check, configure and migrate; raises sqlite3 errors as they come.

    A plain sqlite3.DatabaseError (not OperationalError) means the file is not
    a readable database. A newer schema raises HistoryUnavailable before
    anything is written.
    """
    conn = sqlite3.connect(
        str(db_path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=True
    )
    try:
        found = user_version(conn)
        if found > SCHEMA_VERSION:
            raise HistoryUnavailable.of(
                (NEWER, (db_path, found, SCHEMA_VERSION)), (UPDATE_TO_USE, ())
            )
        if db_path != Path(":memory:"):
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise sqlite3.DatabaseError("integrity check failed: " + "; ".join(result[:3]))
        _configure(conn)
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


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
            (NOT_MOVED_ASIDE, (db_path, exc.strerror or exc)), (MOVE_IT_YOURSELF, ())
        ) from exc
    return aside


def _folder_problem(db_path: Path, exc: OSError) -> Parts:
    in_the_way = next(
        (p for p in (db_path.parent, *db_path.parent.parents) if p.exists() and not p.is_dir()),
        None,
    )
    if in_the_way is not None:  # "File exists" / "Not a directory" would not say which
        return ((FOLDER_IN_THE_WAY, (db_path.parent, in_the_way)), (CHOOSE_FOLDER, ()))
    reason = exc.strerror or str(exc)
    return ((CANNOT_CREATE_FOLDER, (db_path.parent, reason)), (CHECK_FOLDER, ()))


def _sqlite_problem(db_path: Path, exc: sqlite3.Error) -> Parts:
    text = str(exc).lower()
    folder = (db_path.parent,)
    if "full" in text:
        return ((DISK_FULL, (db_path,)), (FREE_SPACE, ()))
    if "readonly" in text or "read-only" in text:
        return ((READ_ONLY, (db_path,)), (MAKE_WRITABLE, folder))
    if "locked" in text or "busy" in text:
        return ((LOCKED, (db_path,)), (CLOSE_OTHER, ()))
    if "unable to open" in text:
        return ((CANNOT_OPEN, (db_path,)), (CHECK_EXISTS, folder))
    if isinstance(exc, sqlite3.OperationalError):
        return ((OTHER_ERROR, (db_path, exc)), (CHECK_DISK, ()))
    return ((DAMAGED, (db_path, exc)), (MOVE_IT_KEEP_IT, ()))


_SESSION_COLUMNS = (
    "id, uuid, routine_id, routine_title, routine_sha256, started_at, ended_at, status, "
    "speed, flare, pain_before, pain_after, stop_reason, notes, kind"
)


def _session_fields(r: Sequence[Any]) -> dict[str, Any]:
    """The fields a `_SESSION_COLUMNS` row gives both SessionRecord and SessionSummary."""
    return {
        "id": r[0],
        "uuid": r[1],
        "routine_id": r[2],
        "routine_title": r[3],
        "started_at": datetime.fromisoformat(r[5]),
        "ended_at": _dt(r[6]),
        "status": r[7],
        "speed": r[8],
        "flare": bool(r[9]),
        "pain_before": r[10],
        "pain_after": r[11],
        "stop_reason": r[12],
        "notes": r[13],
        "kind": r[14],
    }


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class HistoryStore:
    """The log. Use `open_history` (a file) or `HistoryStore.in_memory()` (a review copy)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self.notice: str | None = None
        """Set when a corrupt file was moved aside: what happened and where it went."""
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
        """One transaction; SQLite I/O failures become HistoryUnavailable."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
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

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
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
                " started_at, checkpoint_at, status, speed, flare, pain_before)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)",
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
            " (SELECT total(done_seconds) FROM steps WHERE session_id = s.id),"
            " (SELECT count(*) FROM steps WHERE session_id = s.id),"
            " (SELECT count(*) FROM steps WHERE session_id = s.id AND status IN ('done', 'partial')),"
            " (SELECT count(*) FROM steps WHERE session_id = s.id AND status = 'skipped'),"
            " (SELECT count(*) FROM steps WHERE session_id = s.id AND hurt = 1)"
            f" FROM sessions AS s WHERE {where} ORDER BY started_at, id",
            params,
        )
        return [
            SessionSummary(
                **_session_fields(r),
                done_seconds=r[15],
                steps_total=r[16],
                steps_done=r[17],
                steps_skipped=r[18],
                steps_hurt=r[19],
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
                routine_sha256=r[4],
                answers=tuple(answers.get(r[0], ())),
                steps=tuple(steps.get(r[0], ())),
            )
            for r in rows
        ]

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
            BreakRecord(r[0], r[1], datetime.fromisoformat(r[2]), _dt(r[3]), r[4], r[5], r[6])
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
            " pain_after, stop_reason, notes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
