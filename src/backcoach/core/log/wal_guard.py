"""Is the `-wal` beside a history file its own? Checked before SQLite opens the file.

SQLite replays whatever `<name>-wal` lies beside a database when it opens it.
A log left there by another database (a backup copied over the history while
the old log stayed, a copy from another computer with a stale log beside it)
would be merged into it: pages of one history written over another's.

Nothing in SQLite's own formats ties a log to its database: the log header's
salts are new random numbers at every log restart and are recorded nowhere in
the database file (https://www.sqlite.org/fileformat2.html#walformat). So
backcoach ties them itself:

- the database header's application id (offset 68, `PRAGMA application_id`)
  holds a random number chosen when backcoach first opens the file;
- every write transaction sets it again (history.py), so every commit in the
  log carries page 1, and with it that number.

A log is the database's own when its page size is the database's and every
committed page-1 frame carries the database's number (at least one must).
A log SQLite would not replay (no valid header, no committed frame: empty, or
a torn write) merges nothing and is left to SQLite. A database whose header
has no number yet (written by an older backcoach) can only be checked for
the page size. Frames are validated as SQLite validates them: the salts of the
log header, and the cumulative checksum from the header on.
"""

from __future__ import annotations

import os
import stat
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

WAL_MAGIC = (0x377F0682, 0x377F0683)
"""The log header's magic number; its last bit says the checksums are big-endian."""
WAL_VERSION = 3007000
WAL_HEADER = 32
FRAME_HEADER = 24
DB_HEADER = 100
APP_ID_OFFSET = 68
"""Where the database header, and so page 1, holds the application id."""
SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True)
class WalScan:
    """What a log would bring to a database if SQLite replayed it."""

    page_size: int
    committed: int
    """Frames up to and including the last valid commit: what SQLite would replay."""
    page1_ids: tuple[int, ...]
    """The application id in each committed copy of page 1, in order."""


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    """SQLite's log checksum of `data` (a multiple of 8 bytes), continuing from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _page_size(raw: int) -> int:
    return 65536 if raw == 1 else raw


def _valid_page_size(size: int) -> bool:
    return 512 <= size <= 65536 and size & (size - 1) == 0


def scan_wal(fh: BinaryIO) -> WalScan | None:
    """Read a log from the start; None when SQLite would not take it for one."""
    head = fh.read(WAL_HEADER)
    if len(head) < WAL_HEADER:
        return None
    magic, version, size, _seq, salt1, salt2, ck1, ck2 = struct.unpack(">8I", head)
    if magic not in WAL_MAGIC or version != WAL_VERSION or not _valid_page_size(size):
        return None
    big = bool(magic & 1)
    sums = _checksum(head[:24], big, 0, 0)
    if sums != (ck1, ck2):
        return None
    committed = 0
    ids: list[int] = []
    pending: list[int] = []
    for number, (frame, page) in enumerate(_frames(fh, size), start=1):
        pgno, commit, f_salt1, f_salt2, f_ck1, f_ck2 = struct.unpack(">6I", frame)
        if (f_salt1, f_salt2) != (salt1, salt2) or pgno == 0:
            break
        sums = _checksum(page, big, *_checksum(frame[:8], big, *sums))
        if sums != (f_ck1, f_ck2):
            break
        if pgno == 1:
            pending.append(struct.unpack_from(">I", page, APP_ID_OFFSET)[0])
        if commit:
            committed = number
            ids += pending
            pending = []
    return WalScan(size, committed, tuple(ids))


def _frames(fh: BinaryIO, page_size: int) -> Iterator[tuple[bytes, bytes]]:
    while True:
        frame = fh.read(FRAME_HEADER)
        page = fh.read(page_size)
        if len(frame) < FRAME_HEADER or len(page) < page_size:
            return
        yield frame, page


def database_header(db_path: Path) -> tuple[int, int] | None:
    """(page size, application id) of a database file, or None when it has no header."""
    try:
        with open(db_path, "rb") as fh:
            head = fh.read(DB_HEADER)
    except OSError:
        return None
    if len(head) < DB_HEADER or not head.startswith(b"SQLite format 3\x00"):
        return None
    size = _page_size(struct.unpack_from(">H", head, 16)[0])
    return size, struct.unpack_from(">I", head, APP_ID_OFFSET)[0]


def wal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def foreign_reason(db_path: Path) -> str | None:
    """Why the log beside `db_path` is not its own (English, for logs and tests), or None
    when it is, or when SQLite would merge nothing from it."""
    wal = wal_path(db_path)
    try:
        st = os.lstat(wal)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file"
    if st.st_size == 0:
        return None
    try:
        with open(wal, "rb") as fh:
            scan = scan_wal(fh)
    except OSError:
        return None  # SQLite will say what is wrong with it
    if scan is None or scan.committed == 0:
        return None
    return _mismatch(database_header(db_path), scan)


def _mismatch(header: tuple[int, int] | None, scan: WalScan) -> str | None:
    if header is None:
        return "the history file has no pages of its own: the log is not its log"
    page_size, file_id = header
    if page_size != scan.page_size:
        return f"its pages are {scan.page_size} bytes, the history's {page_size}"
    if file_id == 0:
        return None  # a history from before the id: nothing more to compare
    if not scan.page1_ids:
        return "no commit in it was written by backcoach"
    if any(found != file_id for found in scan.page1_ids):
        return "it was written for another history file"
    return None


def set_aside(db_path: Path, now: datetime | None = None) -> Path:
    """Rename the log (and its index, `-shm`) to `<name>-wal.foreign-<stamp>`; returns
    the log's new path. Raises OSError when it cannot be moved."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = f".foreign-{stamp}"
    n = 1
    while any(os.path.lexists(str(_side(db_path, s)) + suffix) for s in SIDE_FILES):
        n += 1
        suffix = f".foreign-{stamp}-{n}"
    for side in SIDE_FILES:
        path = _side(db_path, side)
        if os.path.lexists(path):
            os.rename(path, str(path) + suffix)
    return Path(str(wal_path(db_path)) + suffix)


def _side(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def unclean(db_path: Path) -> bool:
    """A log with something in it: the last program to use the history did not close it
    (SQLite checkpoints and deletes the log when the last connection closes)."""
    try:
        return os.stat(wal_path(db_path)).st_size > 0
    except OSError:
        return False
