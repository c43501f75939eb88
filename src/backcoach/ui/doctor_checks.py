"""`backcoach doctor`, the Qt half: platform plugin, fonts, audio output, speech.

Nothing here imports PySide6 into the doctor's own process: each probe is a
short script run in a child process with a time limit (`core.doctor.run_python_probe`),
because a missing system library can abort the interpreter and the speechd engine
can block for ever. Tests pass their own `probe` function.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from backcoach.core.doctor import (
    Check,
    ProbeOutcome,
    install_fix,
    libraries_named_in,
    missing_libraries,
    run_python_probe,
    sound_server_socket,
)

Probe = Callable[[str, Sequence[str], Mapping[str, str], float], ProbeOutcome]

PLATFORM_SCRIPT = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
print("platform", app.platformName(), flush=True)
"""

FONTS_SCRIPT = """
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
app = QGuiApplication([])
print("families", len(QFontDatabase.families()))
print("default", QFontInfo(app.font()).family(), flush=True)
"""

AUDIO_SCRIPT = """
import sys
try:
    from PySide6.QtMultimedia import QMediaDevices
except Exception as exc:
    print("import-error", exc, flush=True)
    sys.exit(3)
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
for device in QMediaDevices.audioOutputs():
    print("output", device.description())
print("done", flush=True)
"""

SPEECH_SCRIPT = """
import sys
try:
    from PySide6.QtTextToSpeech import QTextToSpeech
except Exception as exc:
    print("import-error", exc, flush=True)
    sys.exit(3)
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
print("engines", " ".join(QTextToSpeech.availableEngines()), flush=True)
if len(sys.argv) > 1:
    tts = QTextToSpeech(sys.argv[1])
    print("state", tts.state().name)
    print("error", tts.errorString())
    print("voices", len(tts.availableVoices()))
    print("voice", tts.voice().name(), flush=True)
    wanted = sys.argv[2] if len(sys.argv) > 2 else ""
    if wanted:
        found = False
        for locale in [tts.locale(), *tts.availableLocales()]:
            tts.setLocale(locale)
            if any(v.name() == wanted for v in tts.availableVoices()):
                found = True
                break
        print("wanted", "yes" if found else "no", flush=True)
"""

PREFERRED_ENGINES = ("speechd", "flite")
SOUND_SERVER_FIX = (
    "start your desktop's sound server (PipeWire: sudo apt install pipewire-pulse "
    "wireplumber; or PulseAudio: sudo apt install pulseaudio), then log in again"
)


def default_probe(
    script: str, args: Sequence[str], env: Mapping[str, str], timeout: float
) -> ProbeOutcome:
    return run_python_probe(script, args, env=env, timeout=timeout)


def qt_plugins_dir() -> Path | None:
    """PySide6's Qt plugin folder, found without importing PySide6."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"


def _lines(text: str, key: str) -> list[str]:
    prefix = key + " "
    return [line[len(prefix) :].strip() for line in text.splitlines() if line.startswith(prefix)]


def _first(text: str, key: str) -> str | None:
    found = _lines(text, key)
    return found[0] if found else None


@dataclass
class QtChecks:
    """Runs the Qt probes; `probe` and `plugins` are injectable for tests."""

    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    probe: Probe = default_probe
    plugins: Path | None = field(default_factory=qt_plugins_dir)
    timeout: float = 20.0
    speech_timeout: float = 10.0
    audio_outputs: list[str] | None = field(default=None, init=False)

    def run(self, voice_name: str = "") -> list[Check]:
        return [self.platform(), self.fonts(), self.audio(), self.speech(voice_name)]

    # --- window --------------------------------------------------------------------------
    def target_platform(self) -> str | None:
        """The platform plugin the user would get (None: no display at all)."""
        forced = self.env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
        if forced:
            return forced
        if self.env.get("WAYLAND_DISPLAY") and self.env.get("XDG_SESSION_TYPE") == "wayland":
            return "wayland"
        if self.env.get("DISPLAY"):
            return "xcb"
        if self.env.get("WAYLAND_DISPLAY"):
            return "wayland"
        return None

    def _plugin_missing(self, platform: str) -> list[str]:
        if self.plugins is None:
            return []
        return missing_libraries(self.plugins / "platforms" / f"libq{platform}.so")

    def platform(self) -> Check:
        name = "Qt platform plugin"
        target = self.target_platform()
        if target is None:
            missing = self._plugin_missing("xcb")
            extra = f" (and for X11: {install_fix(missing)})" if missing else ""
            return Check(
                name,
                "problem",
                "no display: neither DISPLAY nor WAYLAND_DISPLAY is set.",
                "run backcoach from a desktop session (headless: xvfb-run backcoach, or "
                "QT_QPA_PLATFORM=offscreen for tests)" + extra,
            )
        missing = self._plugin_missing(target)
        outcome = self.probe(PLATFORM_SCRIPT, (), self.env, self.timeout)
        got = _first(outcome.stdout, "platform")
        where = self._display_text(target)
        if outcome.returncode == 0 and got:
            if missing:  # works through a fallback, but the wanted plugin is broken
                return Check(
                    name,
                    "warning",
                    f"{target} cannot load (missing {', '.join(missing)}); Qt used {got}.",
                    install_fix(missing),
                )
            return Check(name, "ok", f"{got} works{where}.")
        if outcome.timed_out:
            return Check(
                name,
                "problem",
                f"starting Qt with {target}{where} did not finish within {self.timeout:.0f} s.",
                "check that the display server is running and reachable",
            )
        stderr = outcome.stderr
        missing = sorted(set(missing) | set(self._missing_from_message(stderr)))
        if missing:
            return Check(
                name,
                "problem",
                f"the {target} plugin cannot load: missing {', '.join(missing)}.",
                install_fix(missing),
            )
        if "could not connect to display" in stderr or "Failed to create wl_display" in stderr:
            return Check(
                name,
                "problem",
                f"cannot connect to the display{where}.",
                "check DISPLAY / WAYLAND_DISPLAY, or that the display server is running",
            )
        detail = _last_meaningful_line(stderr) or f"exit status {outcome.returncode}"
        return Check(name, "problem", f"Qt could not start with {target}: {detail}.")

    @staticmethod
    def _missing_from_message(stderr: str) -> list[str]:
        found = [
            lib
            for lib in libraries_named_in(stderr)
            if "cannot open shared object" in stderr or "is needed" in stderr
        ]
        if "xcb-cursor0 or libxcb-cursor0 is needed" in stderr:
            found.append("libxcb-cursor.so.0")
        return found

    def _display_text(self, target: str) -> str:
        if target == "xcb" and self.env.get("DISPLAY"):
            return f" (display {self.env['DISPLAY']})"
        if target == "wayland" and self.env.get("WAYLAND_DISPLAY"):
            return f" (display {self.env['WAYLAND_DISPLAY']})"
        return ""

    # --- fonts ---------------------------------------------------------------------------
    def fonts(self) -> Check:
        name = "Fonts"
        env = {**self.env, "QT_QPA_PLATFORM": "offscreen"}
        outcome = self.probe(FONTS_SCRIPT, (), env, self.timeout)
        families = _first(outcome.stdout, "families")
        fix = "sudo apt install fontconfig fonts-dejavu-core"
        if outcome.returncode != 0 or families is None:
            missing = libraries_named_in(outcome.stderr)
            detail = _last_meaningful_line(outcome.stderr) or "no output"
            return Check(
                name,
                "problem",
                f"could not list fonts ({detail}).",
                install_fix(missing) if missing else fix,
            )
        if int(families) == 0:
            return Check(name, "problem", "no fonts are installed: text cannot be shown.", fix)
        default = _first(outcome.stdout, "default") or "?"
        return Check(name, "ok", f"{families} font families (default: {default}).")

    # --- sound ---------------------------------------------------------------------------
    def audio(self) -> Check:
        name = "Sound"
        outcome = self.probe(AUDIO_SCRIPT, (), self.env, self.timeout)
        error = _first(outcome.stdout, "import-error")
        if error is not None or outcome.returncode != 0:
            detail = error or _last_meaningful_line(outcome.stderr) or "no output"
            missing = libraries_named_in(detail) or (self._qt_lib_missing("libQt6Multimedia.so.6"))
            return Check(
                name,
                "warning",
                f"cannot load QtMultimedia ({detail}); sessions run without sounds.",
                install_fix(missing) if missing else "sudo apt install libpulse0",
                needed=False,
            )
        self.audio_outputs = _lines(outcome.stdout, "output")
        if not self.audio_outputs:
            return Check(
                name,
                "warning",
                "no audio output found (no sound server running?); sessions run without "
                "sounds or voice.",
                SOUND_SERVER_FIX,
                needed=False,
            )
        return Check(name, "ok", "audio output: " + ", ".join(self.audio_outputs) + ".")

    def _qt_lib_missing(self, library: str) -> list[str]:
        if self.plugins is None:
            return []
        return missing_libraries(self.plugins.parent / "lib" / library)

    # --- voice ---------------------------------------------------------------------------
    def speech(self, voice_name: str = "") -> Check:
        name = "Voice"
        outcome = self.probe(SPEECH_SCRIPT, (), self.env, self.timeout)
        error = _first(outcome.stdout, "import-error")
        if error is not None or outcome.returncode != 0:
            detail = error or _last_meaningful_line(outcome.stderr) or "no output"
            missing = libraries_named_in(detail)
            return Check(
                name,
                "warning",
                f"cannot load QtTextToSpeech ({detail}); sessions run without a voice.",
                install_fix(missing) if missing else "sudo apt install libpulse0",
                needed=False,
            )
        engines = (_first(outcome.stdout, "engines") or "").split()
        real = [e for e in engines if e != "mock"]
        engine = next((e for e in PREFERRED_ENGINES if e in real), real[0] if real else None)
        if engine is None:
            lacking: list[str] = []
            if self.plugins is not None:
                plugin = self.plugins / "texttospeech" / "libqtexttospeech_speechd.so"
                lacking = missing_libraries(plugin)
            why = f" (the speechd plugin lacks {', '.join(lacking)})" if lacking else ""
            return Check(
                name,
                "warning",
                f"no speech engine found{why}; sessions run with sounds and text only.",
                "sudo apt install speech-dispatcher",
                needed=False,
            )
        if engine == "speechd":
            if shutil.which("speech-dispatcher", path=self.env.get("PATH")) is None:
                return Check(
                    name,
                    "warning",
                    "speech-dispatcher is not installed; sessions run with sounds and text only.",
                    "sudo apt install speech-dispatcher",
                    needed=False,
                )
            if self.audio_outputs == [] or (
                self.audio_outputs is None and sound_server_socket(self.env) is None
            ):
                # Trying would leave speech-dispatcher stuck 'speaking' for good.
                return Check(
                    name,
                    "warning",
                    "speech-dispatcher is installed but there is no sound server for it to "
                    "speak through; backcoach keeps the voice off.",
                    SOUND_SERVER_FIX,
                    needed=False,
                )
        args = [engine, voice_name] if voice_name else [engine]
        outcome = self.probe(SPEECH_SCRIPT, args, self.env, self.speech_timeout)
        if outcome.timed_out:
            return Check(
                name,
                "warning",
                f"the {engine} speech engine did not answer within {self.speech_timeout:.0f} s "
                "(speech-dispatcher may be stuck); backcoach keeps the voice off.",
                "pkill -u $USER speech-dispatcher (it restarts when needed)",
                needed=False,
            )
        state = _first(outcome.stdout, "state")
        if state != "Ready":
            detail = _first(outcome.stdout, "error") or _last_meaningful_line(outcome.stderr)
            return Check(
                name,
                "warning",
                f"the {engine} speech engine is not ready ({detail or state or 'no output'}).",
                "sudo apt install speech-dispatcher espeak-ng",
                needed=False,
            )
        voices = _first(outcome.stdout, "voices") or "0"
        default = _first(outcome.stdout, "voice") or "?"
        if voice_name and _first(outcome.stdout, "wanted") == "no":
            return Check(
                name,
                "warning",
                f"the chosen voice '{voice_name}' is not available; the default ({default}) "
                "is used.",
                "choose another voice in Settings",
                needed=False,
            )
        return Check(name, "ok", f"{engine}, {voices} voices (default: {default}).")


def _last_meaningful_line(text: str) -> str:
    noise = ("symbolsresolver", "Couldn't load", "Couldn't resolve", "FFmpeg version")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    lines = [ln for ln in lines if not any(n in ln for n in noise)]
    return lines[-1] if lines else ""
