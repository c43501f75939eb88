"""The cue player: plays the engine's `CueDue` events as sounds and speech.

Speech goes through a FIFO queue so a sentence is never cut off by the next
cue, while countdown numbers (`priority`) jump the queue, drop stale queued
sentences, and, if the sentence being spoken runs on too long, cut it so the
number still lands on time. A watchdog turns an engine that never starts or
never finishes (speechd without a sound server) into one plain message and
silence. Nothing here blocks: all timing is QTimer, real engines are first
tried in a child process (`speech.SpeechProbe`).

Without QtMultimedia/QtTextToSpeech (no libpulse0), an audio device or a
speech engine, the player still works, silently, and says once what is
missing through `problem`.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QObject, QTimer, Signal

from backcoach.core.session import CueDue
from backcoach.core.settings import Settings
from backcoach.ui.session.sound import (
    QtSoundBackend,
    SoundBackend,
    audio_output_names,
    load_multimedia,
)
from backcoach.ui.session.speech import (
    TEST_ENGINE,
    QtSpeechBackend,
    SpeechBackend,
    SpeechProbe,
    available_voices,
    choose_engine,
    load_tts,
)
from backcoach.ui.translations import cue_text

__all__ = ["CuePlayer", "CueStatus", "CueTiming", "available_voices"]


@dataclass(frozen=True)
class CueTiming:
    """The queue's and watchdog's time limits, in seconds (tests shrink them)."""

    stale_after: float = 3.0
    """A queued sentence older than this is dropped when a countdown number arrives."""
    priority_patience: float = 1.0
    """How long a countdown number waits for the current sentence before cutting it."""
    start_timeout: float = 2.0
    """The engine must start speaking within this long after say()."""
    speak_base: float = 2.0
    speak_per_char: float = 0.15
    """A sentence may take speak_base + speak_per_char * len(text) (doubled at the slowest rate)."""
    probe_timeout: float = 8.0
    """A real engine must come up in a child process within this long."""


@dataclass(frozen=True)
class CueStatus:
    """What works right now, for the status line and `backcoach doctor`."""

    voice: str
    """"ready", "starting" (engine being tried), "off" (engine "none"), "unavailable", "broken"."""
    engine: str | None
    sound: bool
    problems: tuple[str, ...]

    @property
    def voice_ok(self) -> bool:
        return self.voice in ("ready", "starting")


@dataclass
class _Utterance:
    text: str
    priority: bool
    queued_at: float


class CuePlayer(QObject):
    """Plays cues. One per app or per session; settings can change at any time."""

    problem = Signal(str)
    """Once per kind of problem, in plain words with the fix."""
    spoken = Signal(str)
    """An utterance started to sound."""
    sounded = Signal(str)
    """A sound was due and sounds are on (also without an audio device: a visual hint can use it)."""
    status_changed = Signal()

    def __init__(
        self,
        settings: Settings,
        sounds_dir: Path,
        *,
        engine: str | None = None,
        parent: QObject | None = None,
        speech_backend: SpeechBackend | None = None,
        sound_backend: SoundBackend | None = None,
        clock: Callable[[], float] = time.monotonic,
        timing: CueTiming | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._clock = clock
        self._timing = timing or CueTiming()
        self._problem_kinds: set[str] = set()
        self._problems: list[str] = []
        self._pending: list[str] = []
        self._emit_ready = False

        self._queue: deque[_Utterance] = deque()
        self._current: _Utterance | None = None
        self._speech: SpeechBackend | None = None
        self._voice_state = "unavailable"
        self._engine: str | None = None
        self._probe: SpeechProbe | None = None
        self._tts: ModuleType | None = None

        self._watchdog = self._timer(self._on_watchdog)
        self._patience = self._timer(self._on_patience)
        self._pump_timer = self._timer(self._pump)
        self._pump_timer.setInterval(0)

        self._sound: SoundBackend | None = None
        self._audio_outputs: bool | None = None
        self._set_up_sound(sounds_dir, sound_backend)
        self._set_up_speech(engine, speech_backend)
        self._apply(settings, None)
        # Problems found while constructing are emitted once the caller had a chance to connect.
        QTimer.singleShot(0, self, self._flush_problems)

    # --- public API --------------------------------------------------------------------
    @property
    def status(self) -> CueStatus:
        return CueStatus(
            voice=self._voice_state,
            engine=self._engine,
            sound=self._sound is not None,
            problems=tuple(self._problems),
        )

    @property
    def problems(self) -> list[str]:
        """Every problem reported so far (for a window that connects late)."""
        return list(self._problems)

    @property
    def speech_backend(self) -> SpeechBackend | None:
        return self._speech

    @property
    def sound_backend(self) -> SoundBackend | None:
        return self._sound

    @property
    def busy(self) -> bool:
        """Speaking or with sentences queued."""
        return self._current is not None or bool(self._queue)

    def play(self, cue: CueDue) -> None:
        if cue.sound and self._settings.sounds_enabled:
            if self._sound is not None:
                self._sound.play(cue.sound)
            self.sounded.emit(cue.sound)
        say = cue_text(cue)  # automatic cues: the template translated, then filled in
        if say and self._settings.voice_enabled and self._voice_state == "ready":
            self._enqueue(_Utterance(say, cue.priority, self._clock()))

    def stop(self) -> None:
        """Clear the queue and stop speaking and sounding now (session stopped or paused)."""
        self._silence()
        if self._sound is not None:
            self._sound.stop()

    def set_settings(self, settings: Settings) -> None:
        old, self._settings = self._settings, settings
        self._apply(settings, old)

    # --- set-up --------------------------------------------------------------------------
    def _timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    def _set_up_sound(self, sounds_dir: Path, injected: SoundBackend | None) -> None:
        if injected is not None:
            self._attach_sound(injected)
            return
        multimedia, error = load_multimedia()
        if multimedia is None:
            self._report("sound", error or "")
            return
        self._audio_outputs = bool(audio_output_names(multimedia))
        if not self._audio_outputs:
            self._report(
                "sound",
                self.tr(
                    "No sound: no audio output was found (is a sound server such as PipeWire "
                    "or PulseAudio running?). Sessions run with text only."
                ),
            )
            return
        backend = QtSoundBackend(multimedia, sounds_dir, self)
        if backend.missing:
            self._report(
                "sound-files",
                self.tr("Some cue sounds are missing: {0}. Reinstall backcoach.").format(
                    ", ".join(str(p) for p in backend.missing)
                ),
            )
        self._attach_sound(backend)

    def _attach_sound(self, backend: SoundBackend) -> None:
        self._sound = backend
        backend.failed.connect(lambda message: self._report("sound-play", message))

    def _set_up_speech(self, engine: str | None, injected: SpeechBackend | None) -> None:
        if injected is not None:
            self._engine = injected.name
            self._attach_speech(injected)
            return
        if engine == "none":
            self._voice_state = "off"
            return
        tts, error = load_tts()
        if tts is None:
            self._report("voice", error or "")
            return
        self._tts = tts
        engines = [str(e) for e in tts.QTextToSpeech.availableEngines()]
        name = engine or choose_engine(engines)
        if name is None:
            self._report(
                "voice",
                self.tr(
                    "No voice: speech-dispatcher is not installed (sudo apt install "
                    "speech-dispatcher). Sessions run with sounds and text only."
                ),
            )
            return
        self._engine = name
        if name not in engines:
            self._report(
                "voice",
                self.tr(
                    "No voice: the speech engine '{0}' is not available (found: {1}). "
                    "Sessions run with sounds and text only."
                ).format(name, ", ".join(engines) or self.tr("none")),
            )
            return
        if name == TEST_ENGINE:
            self._start_engine(name)
            return
        if self._audio_outputs is False:
            # speechd with nowhere to play gets stuck for good (and stays stuck for the
            # next start): don't even try.
            self._report(
                "voice",
                self.tr(
                    "No voice: there is no audio output for the speech engine to use. "
                    "Sessions run with text only."
                ),
            )
            return
        self._voice_state = "starting"
        self._probe = SpeechProbe(name, timeout=self._timing.probe_timeout, parent=self)
        self._probe.done.connect(self._on_probe_done)
        self._probe.start()

    def _on_probe_done(self, ok: bool, detail: str) -> None:
        name = self._engine or ""
        if ok:
            self._start_engine(name)
            return
        self._voice_state = "unavailable"
        if detail == "timeout":
            message = self.tr(
                "No voice: the speech service ({0}) did not answer within {1:.0f} s; it may be "
                "stuck (try: pkill -u $USER speech-dispatcher, or log out and in). "
                "Sessions run with sounds and text only."
            ).format(name, self._timing.probe_timeout)
        else:
            hint = " (sudo apt install speech-dispatcher)" if name == "speechd" else ""
            message = self.tr(
                "No voice: the speech engine '{0}' could not start{1}: {2}. "
                "Sessions run with sounds and text only."
            ).format(name, hint, detail or self.tr("no details"))
        self._report("voice", message)
        self.status_changed.emit()

    def _start_engine(self, name: str) -> None:
        assert self._tts is not None
        backend = QtSpeechBackend(self._tts, name, self)
        if backend.error is not None:
            self._voice_state = "unavailable"
            self._report(
                "voice",
                self.tr(
                    "No voice: the speech engine '{0}' reported: {1}. "
                    "Sessions run with sounds and text only."
                ).format(name, backend.error),
            )
            return
        self._attach_speech(backend)
        self._apply(self._settings, None)
        self.status_changed.emit()

    def _attach_speech(self, backend: SpeechBackend) -> None:
        self._speech = backend
        self._voice_state = "ready"
        backend.started.connect(self._on_started)
        backend.finished.connect(self._on_finished)
        backend.failed.connect(self._on_failed)

    def _apply(self, settings: Settings, old: Settings | None) -> None:
        if self._sound is not None:
            self._sound.set_volume(settings.volume)
            if not settings.sounds_enabled:
                self._sound.stop()
        if self._speech is None or self._voice_state != "ready":
            return
        self._speech.set_volume(settings.volume)
        self._speech.set_rate(settings.speech_rate)
        if (old is None or old.voice_name != settings.voice_name) and not self._speech.set_voice(
            settings.voice_name
        ):
            self._report(
                "voice-name",
                self.tr("The voice '{0}' is not available here; using the default voice.").format(
                    settings.voice_name
                ),
            )
        if not settings.voice_enabled:
            self._silence()

    # --- the queue -------------------------------------------------------------------------
    def _enqueue(self, item: _Utterance) -> None:
        if item.priority:
            limit = self._timing.stale_after
            self._queue = deque(
                q for q in self._queue if not q.priority and item.queued_at - q.queued_at <= limit
            )
            self._queue.appendleft(item)
            if self._current is not None:
                self._patience.start(round(self._timing.priority_patience * 1000))
        else:
            self._queue.append(item)
        self._pump()

    def _pump(self) -> None:
        if self._current is not None or not self._queue or self._speech is None:
            return
        if self._voice_state != "ready" or not self._settings.voice_enabled:
            return
        item = self._queue.popleft()
        self._current = item
        self._watchdog.start(round(self._timing.start_timeout * 1000))
        self._speech.say(item.text)

    def _on_started(self) -> None:
        if self._current is None:
            return
        text = self._current.text
        slow = 1.0 + max(0.0, -self._settings.speech_rate)
        bound = (self._timing.speak_base + self._timing.speak_per_char * len(text)) * slow
        self._watchdog.start(round(bound * 1000))
        self.spoken.emit(text)

    def _on_finished(self) -> None:
        if self._current is None:
            return
        self._current = None
        self._watchdog.stop()
        if not (self._queue and self._queue[0].priority):
            self._patience.stop()
        # Not from inside the engine's own signal: some engines dislike say() re-entered.
        self._pump_timer.start()

    def _on_patience(self) -> None:
        """A countdown number has waited long enough: cut the sentence in its way."""
        if self._current is not None and self._queue and self._queue[0].priority:
            assert self._speech is not None
            self._speech.stop()

    def _on_watchdog(self) -> None:
        self._break_speech(
            self.tr(
                "The voice stopped responding, so the session goes on with sounds and text "
                "only. Run 'backcoach doctor' to see why."
            )
        )

    def _on_failed(self, detail: str) -> None:
        self._break_speech(
            self.tr(
                "The voice failed ({0}), so the session goes on with sounds and text only."
            ).format(detail or self.tr("no details"))
        )

    def _break_speech(self, message: str) -> None:
        speech, self._speech = self._speech, None
        self._voice_state = "broken"
        self._queue.clear()
        self._current = None
        for timer in (self._watchdog, self._patience, self._pump_timer):
            timer.stop()
        if speech is not None:
            speech.started.disconnect(self._on_started)
            speech.finished.disconnect(self._on_finished)
            speech.failed.disconnect(self._on_failed)
            speech.stop()
        self._report("voice-stopped", message)
        self.status_changed.emit()

    def _silence(self) -> None:
        self._queue.clear()
        for timer in (self._watchdog, self._patience, self._pump_timer):
            timer.stop()
        if self._current is not None:
            self._current = None
            if self._speech is not None:
                self._speech.stop()

    # --- problems ------------------------------------------------------------------------
    def _report(self, kind: str, message: str) -> None:
        if kind in self._problem_kinds:
            return
        self._problem_kinds.add(kind)
        self._problems.append(message)
        if self._emit_ready:
            self.problem.emit(message)
        else:
            self._pending.append(message)

    def _flush_problems(self) -> None:
        self._emit_ready = True
        pending, self._pending = self._pending, []
        for message in pending:
            self.problem.emit(message)
