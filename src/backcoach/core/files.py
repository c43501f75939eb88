"""Reading a file the user named, safely: regular files only, never blocking.

A path given on the command line or found in a folder may be a named pipe
(opening it waits forever for a writer), a device such as /dev/zero (endless
data) or a folder. `read_regular` opens without blocking, checks what it got,
and refuses anything but a regular file with an OSError whose `strerror`
says what it is.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


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
