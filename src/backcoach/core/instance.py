"""Is a backcoach window running on this data folder? (Read from its own PID file, without Qt.)

The window holds a QLockFile named LOCK_NAME in the data folder (its format is
Qt's and is never read here) and, while it holds it, writes PID_NAME beside it
in backcoach's own format:

    backcoach-instance 1
    <pid>
    <host name>

Commands such as `export` use this to tell a session that is running right now
from one whose app died (a crash, kill -9, a power cut) and was never marked
interrupted.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

LOCK_NAME = "instance.lock"
PID_NAME = "instance.pid"
PID_HEADER = "backcoach-instance 1"


def pid_file_text(pid: int, host: str) -> str:
    """The PID file's content (see the module doc)."""
    return f"{PID_HEADER}\n{pid}\n{host}\n"


def hostname() -> str:
    """This machine's name, as socket.gethostname() gives it.

    os.uname() where there is one (the same name, without loading the socket
    module, as the app writes the PID file before its window's first paint).
    """
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def write_pid_file(data_dir: Path, mode: int = 0o600) -> None:
    """Say that this process runs the window on `data_dir` (after taking the lock)."""
    path = data_dir / PID_NAME
    part = path.with_name(f".{PID_NAME}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(pid_file_text(os.getpid(), hostname()))
    os.replace(part, path)


def remove_pid_file(data_dir: Path) -> None:
    """The window is closing: remove its PID file (if it is this process's)."""
    path = data_dir / PID_NAME
    with contextlib.suppress(OSError):
        lines = path.read_text(encoding="utf-8").splitlines()
        if lines[:2] == [PID_HEADER, str(os.getpid())]:
            path.unlink()


def app_running(data_dir: Path) -> bool:
    """True when the PID file's process is alive on this machine (unsure: True)."""
    try:
        lines = (data_dir / PID_NAME).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    if not lines or lines[0] != PID_HEADER:
        return False  # not a file the app wrote: nobody runs
    try:
        pid = int(lines[1])
    except (IndexError, ValueError):
        return False
    if len(lines) > 2 and lines[2] and lines[2] != hostname():
        return True  # a data folder shared with another machine: don't guess
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
