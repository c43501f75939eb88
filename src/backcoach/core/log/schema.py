"""The session log's SQLite schema and its migrations.

The schema version lives in `PRAGMA user_version`. `MIGRATIONS[n]` takes a
database from version n to n + 1; an empty file is version 0. To change the
schema, append a migration (never edit a released one) and add a test that
migrates a file of the previous version.

Timestamps are ISO 8601 text with the UTC offset, in local time
(`2025-03-01T08:15:00+01:00`): their first ten characters are the local date,
so date filters are plain string comparisons on an indexed column.
"""

from __future__ import annotations

import sqlite3

_V1: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'routine',
        routine_id TEXT NOT NULL,
        routine_title TEXT NOT NULL,
        routine_sha256 TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        checkpoint_at TEXT,
        status TEXT NOT NULL
            CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
        speed REAL NOT NULL DEFAULT 1.0,
        flare INTEGER NOT NULL DEFAULT 0 CHECK (flare IN (0, 1)),
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        stop_reason TEXT,
        notes TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX sessions_started_at ON sessions (started_at)",
    "CREATE INDEX sessions_status ON sessions (status) WHERE status = 'running'",
    """
    CREATE TABLE answers (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        ask TEXT NOT NULL,
        answer TEXT NOT NULL,
        PRIMARY KEY (session_id, position)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE steps (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        exercise TEXT,
        status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'partial', 'pending')),
        planned_seconds REAL NOT NULL DEFAULT 0,
        done_seconds REAL NOT NULL DEFAULT 0,
        hurt INTEGER NOT NULL DEFAULT 0 CHECK (hurt IN (0, 1)),
        PRIMARY KEY (session_id, idx)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE breaks (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        due_at TEXT NOT NULL,
        at TEXT,
        status TEXT NOT NULL CHECK (status IN ('taken', 'skipped', 'postponed')),
        routine_id TEXT,
        session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL
    )
    """,
    "CREATE INDEX breaks_due_at ON breaks (due_at)",
)

_V2: tuple[str, ...] = (
    # The stage of a routine's progression each session ran at (NULL: no stages).
    "ALTER TABLE sessions ADD COLUMN stage_index INTEGER"
    " CHECK (stage_index IS NULL OR stage_index >= 1)",
    "ALTER TABLE sessions ADD COLUMN stage_name TEXT",
    # The stage the patient chose for each routine, and when (sessions count from then).
    """
    CREATE TABLE stage_choices (
        routine_id TEXT PRIMARY KEY,
        stage_index INTEGER NOT NULL CHECK (stage_index >= 1),
        stage_name TEXT NOT NULL,
        chosen_at TEXT NOT NULL
    ) WITHOUT ROWID
    """,
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
"""MIGRATIONS[n]: the statements taking version n to n + 1."""

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target`, in one transaction; returns the version found.

    The connection must be in autocommit mode (isolation_level=None): the
    transaction is managed here so that a failed migration leaves the file as
    it was. The caller checks for a version newer than this code knows first.
    """
    found = user_version(conn)
    if found >= target:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(found, target):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(target)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return found
