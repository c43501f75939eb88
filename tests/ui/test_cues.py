"""CuePlayer: the speech queue, the watchdog and graceful degradation.

Speech goes through Qt's `mock` engine (about 100 ms per word, really spoken
in the event loop) or fake backends; sounds through a fake backend.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core.session import CueDue
from backcoach.core.settings import Settings
from backcoach.ui.session import cues as cues_module
from backcoach.ui.session.cues import CuePlayer, CueTiming, available_voices
from backcoach.ui.session.sound import SoundBackend
from backcoach.ui.session.speech import QtSpeechBackend, SpeechBackend, SpeechProbe


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class FakeSound(SoundBackend):
    def __init__(self) -> None:
        super().__init__()
        self.played: list[str] = []
        self.volumes: list[float] = []
        self.stops = 0

    def play(self, name: str) -> None:
        self.played.append(name)

    def set_volume(self, volume: float) -> None:
        self.volumes.append(volume)

    def stop(self) -> None:
        self.stops += 1


class StuckSpeech(SpeechBackend):
    """Like speechd without a sound server: starts 'speaking' and never finishes."""

    name = "stuck"

    def __init__(self, *, starts: bool = True) -> None:
        super().__init__()
        self.starts = starts
        self.said: list[str] = []
        self.stops = 0

    def say(self, text: str) -> None:
        self.said.append(text)
        if self.starts:
            self.started.emit()

    def stop(self) -> None:
        self.stops += 1  # and, like the real thing, stays "speaking"


@pytest.fixture
def sounds_dir(repo: Path) -> Path:
    return repo / "assets" / "sounds"


@pytest.fixture
def make_player(sounds_dir: Path) -> Iterator[Callable[..., CuePlayer]]:
    """Builds players (mock engine, fake sounds unless told otherwise); stops them after."""
    players: list[CuePlayer] = []

    def make(settings: Settings | None = None, **kwargs: Any) -> CuePlayer:
        kwargs.setdefault("sound_backend", FakeSound())
        kwargs.setdefault("engine", "mock")
        player = CuePlayer(settings or Settings(), sounds_dir, **kwargs)
        players.append(player)
        return player

    yield make
    for player in players:
        player.stop()


def record(player: CuePlayer) -> list[tuple[float, str]]:
    log: list[tuple[float, str]] = []
    player.spoken.connect(lambda text: log.append((time.monotonic(), text)))
    return log


def mock_words(player: CuePlayer) -> list[str]:
    backend = player.speech_backend
    assert isinstance(backend, QtSpeechBackend)
    words: list[str] = []
    backend.tts.sayingWord.connect(lambda word, *_: words.append(word))
    return words


def test_mock_engine_speaks_every_word_in_order_without_cutting(
    qtbot: QtBot, make_player: Callable[..., CuePlayer]
) -> None:
    player = make_player()
    assert player.status.voice == "ready" and player.status.engine == "mock"
    spoken = record(player)
    words = mock_words(player)
    sentences = ["Lie on your back", "Bend both knees", "Breathe out slowly"]
    for text in sentences:
        player.play(CueDue(say=text))

    qtbot.waitUntil(lambda: not player.busy, timeout=5000)
    assert [text for _, text in spoken] == sentences
    # the mock engine restarts on a new say(): every word heard means nothing was cut
    assert words == " ".join(sentences).split()
    # and each sentence started only after the previous one's words (>= 100 ms each)
    starts = [t for t, _ in spoken]
    assert starts[1] - starts[0] >= 0.35
    assert starts[2] - starts[1] >= 0.25


def test_sounds_play_at_once_and_respect_the_setting(
    qtbot: QtBot, make_player: Callable[..., CuePlayer]
) -> None:
    sound = FakeSound()
    player = make_player(sound_backend=sound)
    with qtbot.waitSignal(player.sounded) as blocker:
        player.play(CueDue(sound="bell", show="Rest"))
    assert blocker.args == ["bell"]
    assert sound.played == ["bell"]

    player.set_settings(Settings(sounds_enabled=False))
    with qtbot.assertNotEmitted(player.sounded):
        player.play(CueDue(sound="tick"))
    assert sound.played == ["bell"]


def test_countdown_jumps_a_backed_up_queue_and_lands_on_time(
    qtbot: QtBot, make_player: Callable[..., CuePlayer]
) -> None:
    clock = FakeClock()
    player = make_player(clock=clock)
    spoken = record(player)
    words = mock_words(player)
    first = "Hold the stretch and keep breathing"  # 6 words: about 0.6 s
    player.play(CueDue(say=first))
    player.play(CueDue(say="stale one"))
    player.play(CueDue(say="stale two"))
    clock.now = 5.0  # those two waited longer than stale_after
    player.play(CueDue(say="Next, child's pose"))
    player.play(CueDue(say="Three", priority=True))
    asked = time.monotonic()
    player.play(CueDue(say="Two", priority=True))  # supersedes the queued "Three"

    qtbot.waitUntil(lambda: not player.busy, timeout=5000)
    texts = [text for _, text in spoken]
    assert texts == [first, "Two", "Next, child's pose"]
    landed = next(t for t, text in spoken if text == "Two")
    assert landed - asked < 0.6 + 0.3  # the rest of the first sentence, plus slack
    assert words[:6] == first.split()  # the first sentence was not cut


def test_countdown_cuts_a_sentence_only_after_the_patience_runs_out(
    qtbot: QtBot, make_player: Callable[..., CuePlayer]
) -> None:
    timing = CueTiming(priority_patience=0.3)
    player = make_player(timing=timing)
    spoken = record(player)
    long_text = " ".join(["and"] * 40)  # about 4 s in the mock engine
    with qtbot.waitSignal(player.spoken):
        player.play(CueDue(say=long_text))
    asked = time.monotonic()
    player.play(CueDue(say="Three", priority=True))
    qtbot.waitUntil(lambda: [text for _, text in spoken] == [long_text, "Three"], timeout=3000)
    late = spoken[1][0] - asked
    assert 0.25 <= late < 0.3 + 0.4


def test_voice_off_and_volume_apply_mid_session(
    qtbot: QtBot, make_player: Callable[..., CuePlayer]
) -> None:
    sound = FakeSound()
    player = make_player(sound_backend=sound)
    backend = player.speech_backend
    assert isinstance(backend, QtSpeechBackend)
    with qtbot.waitSignal(player.spoken):
        player.play(CueDue(say="one two three four five six seven eight"))
    player.play(CueDue(say="queued behind it"))

    player.set_settings(Settings(volume=0.3, speech_rate=0.5))
    assert backend.tts.volume() == pytest.approx(0.3)
    assert backend.tts.rate() == pytest.approx(0.5)
    assert sound.volumes[-1] == pytest.approx(0.3)

    player.set_settings(Settings(voice_enabled=False, volume=0.3))
    assert not player.busy  # the queue is gone and the engine stopped
    qtbot.waitUntil(lambda: backend.tts.state() == backend.tts.State.Ready, timeout=1000)
    player.play(CueDue(say="not said", sound="chime"))
    assert not player.busy
    assert sound.played == ["chime"]  # sounds still play

    player.set_settings(Settings(voice_enabled=True))
    with qtbot.waitSignal(player.spoken) as blocker:
        player.play(CueDue(say="back again"))
    assert blocker.args == ["back again"]


def test_unknown_voice_name_falls_back_with_one_message(
    qtbot: QtBot, make_player: Callable[..., CuePlayer]
) -> None:
    player = make_player(settings=Settings(voice_name="Nobody"))
    backend = player.speech_backend
    assert isinstance(backend, QtSpeechBackend)
    assert available_voices("mock") == backend.voices()
    assert len(backend.voices()) == 2  # the mock engine's two voices for the language
    with qtbot.waitSignal(player.problem) as blocker:
        pass
    assert "Nobody" in blocker.args[0]
    player.set_settings(Settings(voice_name="Anne"))  # en_GB: found in another language too
    assert backend.tts.voice().name() == "Anne"


@pytest.mark.parametrize("starts", [True, False], ids=["never-finishes", "never-starts"])
def test_watchdog_turns_a_stuck_engine_into_one_message_and_silence(
    qtbot: QtBot, make_player: Callable[..., CuePlayer], starts: bool
) -> None:
    stuck = StuckSpeech(starts=starts)
    timing = CueTiming(start_timeout=0.2, speak_base=0.2, speak_per_char=0.01)
    player = make_player(speech_backend=stuck, timing=timing)
    problems: list[str] = []
    player.problem.connect(problems.append)

    with qtbot.waitSignal(player.problem, timeout=2000):
        player.play(CueDue(say="Hello"))
        player.play(CueDue(say="Queued"))
    assert "stopped responding" in problems[0]
    assert stuck.said == ["Hello"]
    assert stuck.stops == 1
    assert player.status.voice == "broken" and not player.status.voice_ok
    assert not player.busy

    player.play(CueDue(say="Still there?", sound="tick"))
    player.play(CueDue(say="Three", priority=True))
    assert stuck.said == ["Hello"]
    assert not player.busy
    assert len(problems) == 1
    assert player.problems == problems


def test_engine_error_is_reported_once(qtbot: QtBot, make_player: Callable[..., CuePlayer]) -> None:
    stuck = StuckSpeech()
    player = make_player(speech_backend=stuck)
    with qtbot.waitSignal(player.problem) as blocker:
        stuck.failed.emit("device busy")
    assert "device busy" in blocker.args[0]
    player.play(CueDue(say="anything"))
    assert stuck.said == []


def test_missing_qttexttospeech_degrades_to_silence_with_one_message(
    qtbot: QtBot, make_player: Callable[..., CuePlayer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    player = make_player(engine=None)
    problems: list[str] = []
    player.problem.connect(problems.append)  # connected after construction: still told
    with qtbot.assertNotEmitted(player.spoken):
        player.play(CueDue(say="Lie down", sound="bell"))
        qtbot.waitUntil(lambda: len(problems) == 1)
    assert problems[0].startswith("No voice:")
    assert "libpulse0" in problems[0]
    assert player.status.voice == "unavailable"
    assert player.status.sound
    player.play(CueDue(say="again"))
    assert len(problems) == 1


def test_missing_qtmultimedia_degrades_to_silence_with_one_message(
    qtbot: QtBot, make_player: Callable[..., CuePlayer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    player = make_player(sound_backend=None, engine="none")
    with qtbot.waitSignal(player.problem) as blocker:
        pass
    assert blocker.args[0].startswith("No sound: could not load QtMultimedia")
    assert not player.status.sound
    assert player.status.voice == "off"
    with qtbot.waitSignal(player.sounded):  # a visual hint can still follow the cue
        player.play(CueDue(sound="bell"))


def test_no_audio_output_means_no_sound_and_no_speechd(
    qtbot: QtBot, make_player: Callable[..., CuePlayer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cues_module, "audio_output_names", lambda _m: [])
    monkeypatch.setattr(cues_module, "choose_engine", lambda _e: "speechd")
    player = make_player(sound_backend=None, engine=None)
    problems: list[str] = []
    player.problem.connect(problems.append)
    qtbot.waitUntil(lambda: len(problems) == 2)
    assert problems[0].startswith("No sound: no audio output")
    assert problems[1].startswith("No voice: there is no audio output")
    assert player.speech_backend is None


def test_speech_probe_times_out_and_kills_the_child(qtbot: QtBot) -> None:
    probe = SpeechProbe(
        "speechd", timeout=0.3, command=[sys.executable, "-c", "import time; time.sleep(30)"]
    )
    with qtbot.waitSignal(probe.done, timeout=3000) as blocker:
        probe.start()
    assert blocker.args == [False, "timeout"]
    assert probe._process.state() == probe._process.ProcessState.NotRunning


@pytest.mark.slow
def test_speech_probe_brings_up_the_mock_engine(qtbot: QtBot) -> None:
    probe = SpeechProbe("mock", timeout=20)
    with qtbot.waitSignal(probe.done, timeout=25000) as blocker:
        probe.start()
    ok, detail = blocker.args
    assert ok, detail
    assert detail.startswith("state Ready 2")
