"""Reading a file the user named, safely; writing one whole or not at all.

A path given on the command line or found in a folder may be a named pipe
(opening it waits forever for a writer), a device such as /dev/zero (endless
data) or a folder. `read_regular` opens without blocking, checks what it got,
and refuses anything but a regular file with an OSError whose `strerror`
says what it is.

`atomic_write` is the one way backcoach writes a file (settings, exports, the
PDF report, imported routines, menu and login entries): a crash, a full disk or
a failed check leaves the old file exactly as it was, never half a new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

Verify = Callable[[Path], str | None]
"""Looks at the written temporary file; returns what is wrong with it, or None."""

FILE_MODE = 0o600
"""New files are the user's alone: exports and settings hold health data."""

_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of `path` (at most `limit` + 1 of them, so a caller sees it is too big).

    Raises OSError for a missing or unreadable file, and for anything that is
    not a regular file (strerror: "is a folder, not a file", "is a pipe, ...").
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, not_regular_reason(mode), str(path))
        chunks: list[bytes] = []
        remaining = -1 if limit is None else limit + 1
        while remaining != 0:
            chunk = os.read(fd, 1 << 20 if remaining < 0 else min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            if remaining > 0:
                remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def not_regular_reason(mode: int) -> str:
    """What a non-regular file is, in words a user understands."""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


class WriteCheckFailed(OSError):
    """The file was written but did not pass its check; the old one is untouched."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def atomic_write(target: Path, data: bytes, *, verify: Verify | None = None) -> None:
    """Replace `target` with `data` whole, or leave it as it was.

    The bytes go to a new temporary file beside `target` (a random name,
    created exclusively and never through a symlink, mode 0600), are flushed
    and fsynced, checked by `verify` if given, then renamed over `target`; the
    folder is fsynced last so the rename itself survives a power cut. On any
    failure the temporary file is removed and an OSError naming `target` is
    raised (`WriteCheckFailed` when `verify` refused the file).
    """
    target = Path(target)
    fd, tmp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        problem = verify(tmp) if verify is not None else None
        if problem:
            raise WriteCheckFailed(errno.EIO, problem, str(target))
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, WriteCheckFailed) and exc.errno:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc  # name the file asked for
        raise
    _fsync_folder(target.parent)


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new, empty, exclusively created file beside `target`: (fd, path)."""
    import secrets  # here: reading settings at start-up needs no OpenSSL

    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, _CREATE, FILE_MODE), tmp
        except FileExistsError:
            continue  # a name already taken (or a symlink planted there): draw another
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
    raise OSError(errno.EEXIST, "no free temporary name beside the file", str(target))


def _fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable. Best effort: the new file is already in place,
    and some systems (Windows, some network file systems) cannot fsync a folder."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(folder, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
