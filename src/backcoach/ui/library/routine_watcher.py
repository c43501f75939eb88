"""Live reload: watch the routine folders and files, and say (once) when something changed.

A therapist edits a routine in any editor and the library shows it, errors
included, a moment later. Editors often save by writing a new file and renaming
it over the old one, which ends QFileSystemWatcher's watch on that file; so
after every change the folders are walked again and any file no longer watched is
watched anew.

Only real folders and regular files are watched: each folder is resolved
first (two names for one folder are one watch), and anything that is not a
folder (a symlink to /dev/null, a FIFO, a device) or not a regular file is
left out, since /dev/null "changes" at every write anyone makes to it.
A folder that cannot be read (mode 000) is skipped, never an error.

A burst of changes (an editor writes, renames, touches) becomes one `changed`
after `delay_ms` of quiet, and `changed` comes at most once every
`min_interval_ms` however busy the folder is.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from backcoach.core.library import ROUTINE_SUFFIXES

DEBOUNCE_MS = 300
MIN_INTERVAL_MS = 1000
"""At most one reload a second."""
MAX_WATCHED = 2000
"""Stop adding paths after this many (inotify watches are a shared, limited resource)."""


def real_folders(folders: Iterable[Path]) -> list[Path]:
    """Each folder resolved, once, if it is a folder (not a device, a pipe or a file).

    Never raises: a folder that is missing, unreadable, a symlink loop or a name
    the system refuses is left out.
    """
    out: list[Path] = []
    for folder in folders:
        try:
            resolved = Path(folder).expanduser().resolve(strict=True)
            is_folder = stat.S_ISDIR(os.stat(resolved).st_mode)
        except (OSError, RuntimeError, ValueError):  # RuntimeError: a loop (3.11, 3.12)
            continue
        if is_folder and resolved not in out:
            out.append(resolved)
    return out


def _regular_file(path: str) -> bool:
    """A regular file, behind any symlink (a symlink to /dev/null or a FIFO is not)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def paths_to_watch(folders: Iterable[Path]) -> list[str]:
    """Every real folder below `folders` and every routine file in them (see the module doc)."""
    out: list[str] = []
    for folder in real_folders(folders):
        # os.walk skips what it cannot list and does not follow symlinked folders.
        for root, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            out.append(root)
            names = [
                os.path.join(root, n) for n in sorted(filenames) if n.endswith(ROUTINE_SUFFIXES)
            ]
            out += [p for p in names if _regular_file(p)]
            if len(out) >= MAX_WATCHED:
                return out[:MAX_WATCHED]
    return out


class RoutineWatcher(QObject):
    """Emits `changed` shortly after any routine file or folder changes (see the module doc).

    `clock` (monotonic seconds) times the rate limit; tests pass a fake one.
    """

    changed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        delay_ms: int = DEBOUNCE_MS,
        min_interval_ms: int = MIN_INTERVAL_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.folders: tuple[Path, ...] = ()
        self._clock = clock
        self._min_interval = min_interval_ms / 1000.0
        self._last_emit: float | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._settled)

    def watch(self, folders: Iterable[Path]) -> None:
        """Watch these folders (and what is in them) instead of the previous ones."""
        self.folders = tuple(Path(f) for f in folders)
        self._rewatch()

    def watched(self) -> list[str]:
        return [*self._watcher.directories(), *self._watcher.files()]

    def _rewatch(self) -> None:
        wanted = set(paths_to_watch(self.folders))
        current = set(self.watched())
        stale = sorted(current - wanted)
        if stale:
            self._watcher.removePaths(stale)
        # A file replaced by rename has dropped out of the watcher's list: add it again.
        # (Never remove and re-add a live watch: inotify reuses the id and the late
        # IN_IGNORED of the old watch would cancel the new one.)
        fresh = sorted(wanted - set(self.watched()))
        if fresh:
            self._watcher.addPaths(fresh)

    def _poke(self, _path: str) -> None:
        self.timer.start()  # restarted by every change: fires after a quiet spell

    def _settled(self) -> None:
        now = self._clock()
        if self._last_emit is not None and now - self._last_emit < self._min_interval:
            self.timer.start()  # too soon after the last reload: look again later
            return
        self._last_emit = now
        self._rewatch()
        self.changed.emit()


class LibraryWindow(Protocol):
    ctx: Any

    def reload_library(self) -> None: ...


def routine_folders(window: LibraryWindow) -> tuple[Path, ...]:
    ctx = window.ctx
    return tuple(ctx.paths.routine_dirs(ctx.settings.routine_folders))


def watch_library(window: LibraryWindow, parent: QObject) -> RoutineWatcher:
    """Reload `window`'s library whenever its routine folders change, or the list of them."""
    watcher = RoutineWatcher(parent)
    watcher.watch(routine_folders(window))
    watcher.changed.connect(window.reload_library)

    def settings_changed(_settings: object) -> None:
        folders = routine_folders(window)
        if folders != watcher.folders:
            watcher.watch(folders)
            window.reload_library()

    window.ctx.settings_changed.connect(settings_changed)
    return watcher
