"""Sound backends for the cue player: one preloaded QSoundEffect per shipped WAV.

QtMultimedia is imported lazily: it needs libpulse0, which a fresh machine
may lack, and the app must still run (silently) without it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal

SOUND_NAMES: tuple[str, ...] = ("bell", "chime", "tick")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CuePlayer", text)


def import_optional(module: str) -> tuple[ModuleType | None, str | None]:
    """Import a Qt module that needs libpulse0 (QtMultimedia, QtTextToSpeech).

    Returns the module, or None and the fix (translated) for why it would not load.
    """
    try:
        return importlib.import_module(module), None
    except (ImportError, OSError) as exc:
        detail = str(exc) or type(exc).__name__
        if "libpulse" in detail:
            return None, _tr("libpulse0 is missing: sudo apt install libpulse0")
        return None, _tr("{0}; on Debian/Ubuntu try: sudo apt install libpulse0").format(detail)


def load_multimedia() -> tuple[ModuleType | None, str | None]:
    """Import QtMultimedia, or explain (translated) why it cannot be used."""
    multimedia, fix = import_optional("PySide6.QtMultimedia")
    if multimedia is None:
        return None, _tr("No sound: could not load QtMultimedia ({0}).").format(fix)
    return multimedia, None


def audio_output_names(multimedia: ModuleType) -> list[str]:
    return [str(d.description()) for d in multimedia.QMediaDevices.audioOutputs()]


class SoundBackend(QObject):
    """What the cue player needs to play a named sound; tests subclass it with fakes.

    `failed(message)` when a sound cannot be played (bad file, device gone).
    """

    failed = Signal(str)

    def play(self, name: str) -> None:
        raise NotImplementedError

    def set_volume(self, volume: float) -> None:
        """0.0 .. 1.0"""

    def stop(self) -> None:
        pass


class QtSoundBackend(SoundBackend):
    """QSoundEffect per sound, loaded at construction so the first cue is not late."""

    def __init__(
        self, multimedia: ModuleType, sounds_dir: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._errors = multimedia.QSoundEffect.Status.Error
        self._effects: dict[str, Any] = {}
        self.missing: list[Path] = []
        for name in SOUND_NAMES:
            path = sounds_dir / f"{name}.wav"
            if not path.is_file():
                self.missing.append(path)
                continue
            effect = multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.statusChanged.connect(lambda e=effect, p=path: self._check(e, p))
            self._effects[name] = effect

    def _check(self, effect: Any, path: Path) -> None:
        if effect.status() == self._errors:
            self.failed.emit(_tr("No sound: could not play {0} on this audio device.").format(path))

    def play(self, name: str) -> None:
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()

    def set_volume(self, volume: float) -> None:
        for effect in self._effects.values():
            effect.setVolume(volume)

    def volume(self) -> float:
        return float(next(iter(self._effects.values())).volume()) if self._effects else 0.0

    def stop(self) -> None:
        for effect in self._effects.values():
            effect.stop()
