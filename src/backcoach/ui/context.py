"""What the windows share, passed in explicitly: paths, settings, the history store.

`AppContext` is fixed for the run (a frozen dataclass). What changes while the
app runs lives in its `AppState`: the settings (edited in the dialog or in the
file) and the history store (opened after the first paint).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

from backcoach.core.paths import AppPaths
from backcoach.core.settings import Settings, SettingsStore

if TYPE_CHECKING:
    from backcoach.core.history import HistoryStore
    from backcoach.ui.history_writer import HistoryWriter

PrivacyParts = tuple[tuple[str, tuple[object, ...]], ...]


class AppState(QObject):
    """The app's changing state: the current settings and the history store, with signals."""

    settings_changed = Signal(object)  # Settings
    history_changed = Signal()  # a session or break was logged / imported

    def __init__(
        self,
        settings: Settings,
        history: HistoryStore | None = None,
        history_problem: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._history = history
        self._history_problem = history_problem
        self.history_writer: HistoryWriter | None = None
        """Writes the sessions off the UI thread; made with the first session flow."""

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def history(self) -> HistoryStore | None:
        return self._history

    @property
    def history_problem(self) -> str | None:
        """Why `history` is None (unreadable or corrupt database), shown to the user."""
        return self._history_problem

    def set_settings(self, settings: Settings) -> None:
        """Take new settings (already saved, or read from the file) and announce them."""
        self._settings = settings
        self.settings_changed.emit(settings)

    def set_history(self, history: HistoryStore | None, problem: str | None) -> None:
        """The history store once opened, or None and why it could not be."""
        self._history = history
        self._history_problem = problem

    def session_writer(self) -> HistoryWriter | None:
        """The app's session writer for `history` (None without a history), made when
        the first session needs it; tests may set `history_writer` first."""
        if self.history_writer is None and self._history is not None:
            from backcoach.ui.history_writer import writer_for

            self.history_writer = writer_for(self._history, parent=self)
        return self.history_writer


@dataclass(frozen=True, eq=False)
class AppContext:
    """One per running app (or per test). Not a singleton: constructed and passed down."""

    paths: AppPaths
    settings_store: SettingsStore
    state: AppState
    speed: float = 1.0
    """Sessions run this many times faster (a therapist's preview)."""
    read_only: bool = False
    """A patient's export opened for review: nothing is written."""
    privacy_parts: PrivacyParts = ()
    """Set when the data folder was just made private: the one-time notice (core/private.py)."""

    @property
    def settings(self) -> Settings:
        return self.state.settings

    @property
    def history(self) -> HistoryStore | None:
        return self.state.history

    @property
    def history_problem(self) -> str | None:
        return self.state.history_problem

    @property
    def settings_changed(self) -> SignalInstance:
        return self.state.settings_changed

    @property
    def history_changed(self) -> SignalInstance:
        return self.state.history_changed

    @property
    def history_writer(self) -> HistoryWriter | None:
        """Writes the sessions off the UI thread (`session_writer`); None until then."""
        return self.state.history_writer

    def session_writer(self) -> HistoryWriter | None:
        return self.state.session_writer()

    def update_settings(self, settings: Settings) -> None:
        """Save and announce new settings; a failed save keeps them for this run."""
        with contextlib.suppress(OSError):
            self.settings_store.save(settings)
        self.state.set_settings(settings)
