"""Is a backcoach window running on this data folder? (Read from its lock file, without Qt.)

The window holds a QLockFile named LOCK_NAME in the data folder; Qt writes the
owner's pid on the file's first line and the host name on its third. Commands
such as `export` use this to tell a session that is running right now from one
whose app died (a crash, kill -9, a power cut) and was never marked interrupted.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK_NAME = "instance.lock"


def app_running(data_dir: Path) -> bool:
    """True when the lock's owner is a live process on this machine (unsure: True)."""
    try:
        lines = (data_dir / LOCK_NAME).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    import socket  # here: the app's start-up imports this module for LOCK_NAME only

    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        return False  # not a lock Qt wrote: nobody holds it
    if len(lines) > 2 and lines[2] and lines[2] != socket.gethostname():
        return True  # a data folder shared with another machine: don't guess
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
