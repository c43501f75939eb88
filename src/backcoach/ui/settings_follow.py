"""Follow the settings file when another backcoach process saves it.

The tray reminder runs as its own process; when the person changes the break
options in the main window, that process learns of it through the file
(inotify via QFileSystemWatcher: no polling, so the idle tray stays cheap).
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from backcoach.ui.context import AppContext


class SettingsFollower(QObject):
    """Reloads `ctx.settings` from disk after an outside save and emits settings_changed."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.watcher = QFileSystemWatcher(self)
        # The store saves by renaming a temporary file over the old one, which ends
        # a watch on the file itself: watch the folder, and the file when it exists.
        folder = ctx.paths.settings_path.parent
        if folder.is_dir():
            self.watcher.addPath(str(folder))
        self._watch_file()
        self.debounce = QTimer(self, singleShot=True, interval=200)
        self.debounce.timeout.connect(self.reload)
        self.watcher.directoryChanged.connect(lambda _p: self.debounce.start())
        self.watcher.fileChanged.connect(lambda _p: self.debounce.start())

    def _watch_file(self) -> None:
        path = str(self.ctx.paths.settings_path)
        if self.ctx.paths.settings_path.exists() and path not in self.watcher.files():
            self.watcher.addPath(path)

    def reload(self) -> None:
        self._watch_file()
        settings = self.ctx.settings_store.load()
        if self.ctx.settings_store.problem is None and settings != self.ctx.settings:
            self.ctx.state.set_settings(settings)
