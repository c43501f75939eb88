"""The data folder is private: the folder 0700, every file backcoach writes in it 0600.

The history and the settings are health data. Modes are given explicitly when
something is created (`mkdir(mode=...)`, `os.open(..., 0o600)`, mkstemp's own
0600) and tightened with chmod when something older is found looser; the
process umask is never changed (it is process-wide and would race with other
threads). SQLite gives a database's `-wal` and `-shm` files the mode of the
database file, so creating the database 0600 before SQLite first opens it
keeps those private too.

`tighten_data_folder` runs when the app starts: it removes group and other
permissions from the data folder and from what backcoach keeps in it (never
following a symlink, never touching other people's files), and the first time
it tightens anything in a folder that holds backcoach's files it remembers that
in `PRIVATE_MARKER`, so the user is told once (a notice in the window, a line in
`backcoach doctor`).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
LOOSE_BITS = 0o077
"""Group and other permissions: what "private" takes away."""
PRIVATE_MARKER = ".private.json"
"""Written (0600) the first time something was tightened: when, and what."""
HINT_FILE = "system-theme"
"""The system's theme as the app last saw it (ui/theme_hint.py)."""
OWN_PREFIXES = (
    "history.sqlite3",
    "settings.json",
    "instance.lock",
    ".settings-",
    ".private",
    HINT_FILE,
    f".{HINT_FILE}.",
)
"""Names of what backcoach keeps directly in the data folder (with -wal, .bad-… and the like)."""
OWN_FOLDERS = ("routines",)
"""Folders of the data folder that backcoach fills (imported routines)."""
MAX_TIGHTENED = 10_000
"""A bound on the walk through OWN_FOLDERS."""

TIGHTENED = (
    "backcoach made its data folder {0} private: it and the files in it can now be "
    "read only by you ({1} changed)."
)
MESSAGE_TEMPLATES: tuple[str, ...] = (TIGHTENED,)
"""The sentences of `Tightened.parts`; the UI translates them in the "private" context."""

Parts = tuple[tuple[str, tuple[object, ...]], ...]


@dataclass(frozen=True)
class Tightened:
    """What `tighten_data_folder` changed, and whether the user is still to be told."""

    data_dir: Path
    changed: tuple[Path, ...] = ()
    tell: bool = False
    """True the first time anything was tightened in this data folder."""

    @property
    def parts(self) -> Parts:
        if not self.tell:
            return ()
        return ((TIGHTENED, (self.data_dir, len(self.changed))),)


def create_private_dir(path: Path) -> bool:
    """Create the folder `path`, and any missing folder above it, 0700 whatever the
    umask; True when `path` was created. An existing folder is left as it is
    (`tighten_data_folder` deals with those). Raises OSError like Path.mkdir.
    """
    if path.parent != path and not os.path.lexists(path.parent):
        create_private_dir(path.parent)
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
        return False
    os.chmod(path, DIR_MODE)
    return True


def create_private_file(path: Path) -> bool:
    """Create `path` empty and 0600 whatever the umask if nothing is there; True when
    it was created. A symlink or anything else already at `path` is left alone.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return True


def is_loose(mode: int) -> bool:
    return bool(stat.S_IMODE(mode) & LOOSE_BITS)


def _tighten(path: Path, *, follow: bool = False) -> bool:
    """Remove group and other permissions from `path`; True when its mode changed.

    Only a folder or a regular file owned by this user; a symlink is not followed
    (unless `follow`, for the data folder itself), and a shared folder with the
    sticky bit (like /tmp) is never changed. Errors leave the mode as it was.
    """
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except (OSError, ValueError):
        return False
    kind_ok = stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)
    mine = not hasattr(os, "geteuid") or st.st_uid == os.geteuid()
    if not (kind_ok and mine and is_loose(st.st_mode)) or st.st_mode & stat.S_ISVTX:
        return False
    try:
        os.chmod(path, stat.S_IMODE(st.st_mode) & ~LOOSE_BITS)
    except OSError:
        return False
    return True


def own_paths(data_dir: Path) -> Iterator[Path]:
    """What backcoach keeps in `data_dir`: its own files, and its folders with what is in them."""
    try:
        names = sorted(os.listdir(data_dir))
    except (OSError, ValueError):
        return
    for name in names:
        if name.startswith(OWN_PREFIXES):
            yield data_dir / name
        elif name in OWN_FOLDERS:
            yield from _below(data_dir / name)


def _below(folder: Path) -> Iterator[Path]:
    """`folder` and everything under it, never following symlinks; at most MAX_TIGHTENED."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return
    except (OSError, ValueError):
        return
    count = 0
    for root, dirs, files in os.walk(folder):
        for name in [".", *dirs, *files]:
            count += 1
            if count > MAX_TIGHTENED:
                return
            yield Path(root) if name == "." else Path(root) / name


def loose_paths(data_dir: Path) -> list[tuple[Path, int]]:
    """(path, mode) of the data folder and backcoach's files in it that others can read."""
    out = []
    for path in [data_dir, *own_paths(data_dir)]:
        try:
            st = os.stat(path) if path == data_dir else os.lstat(path)
        except (OSError, ValueError):
            continue
        if (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)) and is_loose(st.st_mode):
            out.append((path, stat.S_IMODE(st.st_mode)))
    return out


def tighten_data_folder(data_dir: Path) -> Tightened:
    """Make an existing data folder and backcoach's files in it private (see the module doc).

    Never raises: what cannot be changed stays as it was.
    """
    try:
        if not stat.S_ISDIR(os.stat(data_dir).st_mode):
            return Tightened(data_dir)
    except (OSError, ValueError):
        return Tightened(data_dir)
    own = list(own_paths(data_dir))
    changed = [p for p in [data_dir, *own] if _tighten(p, follow=p == data_dir)]
    marker = data_dir / PRIVATE_MARKER
    if not own or not changed or os.path.lexists(marker):
        # Nothing of backcoach's in it yet (an empty folder made by someone else): no news.
        return Tightened(data_dir, tuple(changed))
    _remember(marker, changed)
    return Tightened(data_dir, tuple(changed), tell=True)


def _remember(marker: Path, changed: list[Path]) -> None:
    """Write the marker (if it cannot be written, the user is told again next time)."""
    from datetime import datetime  # here: the app's start-up runs this module's checks

    record = {
        "tightened_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "changed": [os.fsdecode(p) for p in changed[:50]],
        "count": len(changed),
    }
    try:
        create_private_file(marker)
        marker.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    except OSError:
        pass


def tightened_on(data_dir: Path) -> str | None:
    """When backcoach first made this data folder private, as recorded (ISO text), or None."""
    try:
        data = json.loads((data_dir / PRIVATE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    when = data.get("tightened_at") if isinstance(data, dict) else None
    return when if isinstance(when, str) else None
