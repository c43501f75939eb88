"""Speech backends for the cue player: Qt's QTextToSpeech behind a small interface.

QtTextToSpeech is imported lazily (it needs libpulse0 even for the mock
engine), and the `speechd` engine is dangerous in-process: with no sound
server, `say()` stays "speaking" forever and leaves speech-dispatcher stuck,
after which constructing another speechd engine blocks for ever. So a real
engine is first constructed in a child process (`SpeechProbe`, with a time
limit) and only then in the app; the cue player adds a watchdog on top.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QProcess, QTimer, Signal

from backcoach.ui.session.sound import import_optional

PREFERRED_ENGINES: tuple[str, ...] = ("speechd", "flite", "winrt", "sapi", "darwin", "android")
TEST_ENGINE = "mock"

PROBE_SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
tts = QTextToSpeech(sys.argv[1])
state = tts.state()
print("state", state.name, len(tts.availableVoices()), tts.errorString(), flush=True)
sys.exit(0 if state != QTextToSpeech.State.Error else 1)
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("CuePlayer", text)


def load_tts() -> tuple[ModuleType | None, str | None]:
    """Import QtTextToSpeech, or explain (translated) why it cannot be used."""
    tts, fix = import_optional("PySide6.QtTextToSpeech")
    if tts is None:
        return None, _tr(
            "No voice: could not load QtTextToSpeech ({0}). Sessions run with sounds and text only."
        ).format(fix)
    return tts, None


def available_engines() -> list[str]:
    tts, _ = load_tts()
    if tts is None:
        return []
    return [str(e) for e in tts.QTextToSpeech.availableEngines()]


def choose_engine(engines: list[str]) -> str | None:
    """The best real engine available; never the mock engine (that one is for tests)."""
    for name in PREFERRED_ENGINES:
        if name in engines:
            return name
    others = [e for e in engines if e != TEST_ENGINE]
    return others[0] if others else None


def available_voices(engine: str | None = None) -> list[str]:
    """Voice names an engine offers, for the settings dialog ([] when there is none).

    Constructing the `speechd` engine can block when speech-dispatcher is stuck,
    so for real engines call this only after `SpeechProbe` succeeded (or pass
    "mock" in tests).
    """
    tts, _ = load_tts()
    if tts is None:
        return []
    name = engine or choose_engine(available_engines())
    if name is None:
        return []
    backend = QtSpeechBackend(tts, name)
    try:
        return backend.voices()
    finally:
        backend.deleteLater()


class SpeechBackend(QObject):
    """What the cue player needs from a speech engine; tests subclass it with fakes.

    `started` when an utterance begins to sound, `finished` when the engine is
    idle again (done or stopped), `failed(message)` when the engine reports an
    error.
    """

    started = Signal()
    finished = Signal()
    failed = Signal(str)

    name: str = "none"

    def say(self, text: str) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def set_volume(self, volume: float) -> None:
        """0.0 .. 1.0"""

    def set_rate(self, rate: float) -> None:
        """-1.0 .. 1.0"""

    def set_voice(self, name: str) -> bool:
        """Use the named voice ("" = the default); False when there is no such voice."""
        return not name

    def voices(self) -> list[str]:
        return []

    def volume(self) -> float:
        return 1.0


class QtSpeechBackend(SpeechBackend):
    """A QTextToSpeech engine. Construct only with an engine known not to block."""

    def __init__(self, tts_module: ModuleType, engine: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = engine
        qtts = tts_module.QTextToSpeech
        self._states = qtts.State
        self._tts: Any = qtts(engine, self)
        self._speaking = False
        self._default_voice = self._tts.voice()
        self._use_readable_locale()
        self._tts.stateChanged.connect(self._on_state)

    def _use_readable_locale(self) -> None:
        """Under the C locale speechd picks the alphabetically first voice; prefer English."""
        system = QLocale.system()
        if system.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
            system = QLocale("en_US")
        if any(loc.language() == system.language() for loc in self._tts.availableLocales()):
            self._tts.setLocale(system)
            self._default_voice = self._tts.voice()

    @property
    def tts(self) -> Any:
        """The QTextToSpeech object (tests listen to its word signals)."""
        return self._tts

    @property
    def error(self) -> str | None:
        if self._tts.state() == self._states.Error:
            return str(self._tts.errorString()) or _tr("the speech engine reported an error")
        return None

    def _on_state(self, state: Any) -> None:
        if state == self._states.Speaking:
            if not self._speaking:
                self._speaking = True
                self.started.emit()
        elif state == self._states.Error:
            self._speaking = False
            self.failed.emit(str(self._tts.errorString()))
        elif state == self._states.Ready and self._speaking:
            self._speaking = False
            self.finished.emit()

    def say(self, text: str) -> None:
        self._tts.say(text)

    def stop(self) -> None:
        self._tts.stop()

    def set_volume(self, volume: float) -> None:
        self._tts.setVolume(volume)

    def volume(self) -> float:
        return float(self._tts.volume())

    def set_rate(self, rate: float) -> None:
        self._tts.setRate(rate)

    def set_voice(self, name: str) -> bool:
        if not name:
            self._tts.setVoice(self._default_voice)
            return True
        for voice in self._tts.availableVoices():
            if voice.name() == name:
                self._tts.setVoice(voice)
                return True
        # not a voice of the current language: look through the others
        current = self._tts.locale()
        for locale in self._tts.availableLocales():
            self._tts.setLocale(locale)
            for voice in self._tts.availableVoices():
                if voice.name() == name:
                    self._tts.setVoice(voice)
                    return True
        self._tts.setLocale(current)
        return False

    def voices(self) -> list[str]:
        """The voices for the current language (the user's, or English under the C locale)."""
        return sorted({str(v.name()) for v in self._tts.availableVoices()})


class SpeechProbe(QObject):
    """Constructs an engine in a child process, with a time limit, without blocking.

    `done(ok, detail)`: ok when the engine came up; otherwise detail says why
    ("timeout" when it did not answer in time: speech-dispatcher is stuck).
    """

    done = Signal(bool, str)

    def __init__(
        self,
        engine: str,
        *,
        timeout: float = 8.0,
        command: list[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._command = command or [sys.executable, "-c", PROBE_SCRIPT, engine]
        self._process = QProcess(self)
        self._process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self._process.finished.connect(self._on_finished)
        self._process.errorOccurred.connect(self._on_error)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(round(timeout * 1000))
        self._timer.timeout.connect(self._on_timeout)
        self._reported = False

    def start(self) -> None:
        self._timer.start()
        self._process.start(self._command[0], self._command[1:])

    def _report(self, ok: bool, detail: str) -> None:
        if self._reported:
            return
        self._reported = True
        self._timer.stop()
        self.done.emit(ok, detail)

    def _on_finished(self, code: int, _status: object) -> None:
        output = bytes(self._process.readAll().data()).decode(errors="replace").strip()
        self._report(code == 0, output.splitlines()[-1] if output else "")

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._report(False, self._process.errorString())

    def _on_timeout(self) -> None:
        self._report(False, "timeout")
        self.cancel()

    def cancel(self) -> None:
        """Kill the child (ours, by handle) if it is still running."""
        self._timer.stop()
        if self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()
            self._process.waitForFinished(1000)
