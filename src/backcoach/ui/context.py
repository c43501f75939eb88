"""What the windows share, passed in explicitly: paths, settings, the history store."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from backcoach.core.paths import AppPaths
from backcoach.core.settings import Settings, SettingsStore

if TYPE_CHECKING:
    from backcoach.core.history import HistoryStore
    from backcoach.ui.history_writer import HistoryWriter


class AppContext(QObject):
    """One per running app (or per test). Not a singleton: constructed and passed down."""

    settings_changed = Signal(object)  # Settings
    history_changed = Signal()  # a session or break was logged / imported

    def __init__(
        self,
        paths: AppPaths,
        settings_store: SettingsStore,
        settings: Settings,
        history: HistoryStore | None,
        *,
        speed: float = 1.0,
        history_problem: str | None = None,
        read_only: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.settings_store = settings_store
        self.settings = settings
        self.history = history
        self.speed = speed
        self.history_problem = history_problem
        """Why `history` is None (unreadable or corrupt database), shown to the user."""
        self.read_only = read_only
        self.history_writer: HistoryWriter | None = None
        """Writes the sessions off the UI thread; made with the first session flow
        (`session_writer`). Tests may set their own first."""

    def session_writer(self) -> HistoryWriter | None:
        """The app's session writer for `history` (None without a history)."""
        if self.history_writer is None and self.history is not None:
            from backcoach.ui.history_writer import writer_for

            self.history_writer = writer_for(self.history, parent=self)
        return self.history_writer

    def update_settings(self, settings: Settings) -> None:
        """Save and announce new settings; a failed save keeps them for this run."""
        self.settings = settings
        with contextlib.suppress(OSError):
            self.settings_store.save(settings)
        self.settings_changed.emit(settings)
