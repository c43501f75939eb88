"""Live reload: watch the routine folders and files, and say (once) when something changed.

A therapist edits a routine in any editor and the library shows it, errors
included, a moment later. Editors often save by writing a new file and renaming
it over the old one, which ends QFileSystemWatcher's watch on that file; so
after every change the folders are walked again and any file no longer watched is
watched anew.
A burst of changes (an editor writes, renames, touches) becomes one `changed`
after `delay_ms` of quiet.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from backcoach.core.library import ROUTINE_SUFFIXES

DEBOUNCE_MS = 300
MAX_WATCHED = 2000
"""Stop adding paths after this many (inotify watches are a shared, limited resource)."""


def paths_to_watch(folders: Iterable[Path]) -> list[str]:
    """Every existing folder below `folders` and every routine file in them."""
    out: list[str] = []
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for root, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            out.append(root)
            out += [
                os.path.join(root, n) for n in sorted(filenames) if n.endswith(ROUTINE_SUFFIXES)
            ]
            if len(out) >= MAX_WATCHED:
                return out[:MAX_WATCHED]
    return out


class RoutineWatcher(QObject):
    """Emits `changed` shortly after any routine file or folder changes."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.folders: tuple[Path, ...] = ()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._settled)

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
        self._timer.start()

    def _settled(self) -> None:
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
