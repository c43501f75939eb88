"""backcoach doctor, the Qt probes, with scripted probe results; and one real run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from backcoach.core.doctor import ProbeOutcome
from backcoach.ui import doctor_checks
from backcoach.ui.doctor_checks import (
    AUDIO_SCRIPT,
    FONTS_SCRIPT,
    PLATFORM_SCRIPT,
    SPEECH_SCRIPT,
    QtChecks,
)

XCB_FAILURE = (
    "qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt "
    'xcb platform plugin.\nqt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" '
    "even though it was found.\nThis application failed to start because no Qt platform "
    "plugin could be initialized.\n"
)


class ScriptedProbe:
    """Answers each probe script with a canned outcome; records what was asked."""

    def __init__(self, answers: Mapping[str, ProbeOutcome]) -> None:
        self.answers = dict(answers)
        self.calls: list[tuple[str, tuple[str, ...], dict[str, str]]] = []

    def __call__(
        self, script: str, args: Sequence[str], env: Mapping[str, str], timeout: float
    ) -> ProbeOutcome:
        self.calls.append((script, tuple(args), dict(env)))
        key = {
            PLATFORM_SCRIPT: "platform",
            FONTS_SCRIPT: "fonts",
            AUDIO_SCRIPT: "audio",
            SPEECH_SCRIPT: "speech-engine" if args else "speech",
        }[script]
        return self.answers[key]


def ok(stdout: str) -> ProbeOutcome:
    return ProbeOutcome(0, stdout, "")


GOOD = {
    "platform": ok("platform xcb\n"),
    "fonts": ok("families 35\ndefault DejaVu Sans\n"),
    "audio": ok("output Built-in Audio\ndone\n"),
    "speech": ok("engines speechd mock\n"),
    "speech-engine": ok("state Ready\nerror \nvoices 12\nvoice English (America)\n"),
}


def checks(
    answers: Mapping[str, ProbeOutcome], env: Mapping[str, str] | None = None
) -> tuple[QtChecks, ScriptedProbe]:
    probe = ScriptedProbe(answers)
    qt = QtChecks(env=dict(env or {"DISPLAY": ":0", "PATH": os.environ["PATH"]}), probe=probe)
    qt.plugins = None  # no ldd on the real plugins: only the scripted answers count
    return qt, probe


@pytest.fixture
def speech_dispatcher_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda *_a, **_k: "/usr/bin/x")


def test_everything_works(speech_dispatcher_installed: None) -> None:
    qt, _ = checks(GOOD)
    results = qt.run()
    assert [c.level for c in results] == ["ok"] * 4, [c.line() for c in results]
    assert results[0].message == "xcb works (display :0)."
    assert results[3].message == "speechd, 12 voices (default: English (America))."


def test_missing_xcb_cursor_names_the_package() -> None:
    qt, _ = checks({**GOOD, "platform": ProbeOutcome(-6, "", XCB_FAILURE)})
    check = qt.platform()
    assert check.blocking
    assert check.message == "the xcb plugin cannot load: missing libxcb-cursor.so.0."
    assert check.fix == "sudo apt install libxcb-cursor0"


def test_ldd_findings_are_added_to_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    qt, _ = checks({**GOOD, "platform": ProbeOutcome(-6, "", XCB_FAILURE)})
    qt.plugins = Path("/nowhere")
    monkeypatch.setattr(
        doctor_checks, "missing_libraries", lambda _p: ["libxcb-icccm.so.4", "libEGL.so.1"]
    )
    assert qt.platform().fix == "sudo apt install libegl1 libxcb-cursor0 libxcb-icccm4"


def test_no_display_is_a_problem_with_a_headless_hint() -> None:
    qt, probe = checks(GOOD, env={"PATH": "/usr/bin"})
    check = qt.platform()
    assert check.blocking and "DISPLAY" in check.message and "xvfb-run" in check.fix
    assert probe.calls == []


def test_platform_choice_follows_the_environment() -> None:
    assert QtChecks(env={"QT_QPA_PLATFORM": "offscreen"}).target_platform() == "offscreen"
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    assert QtChecks(env=wayland).target_platform() == "wayland"
    assert QtChecks(env={"DISPLAY": ":1"}).target_platform() == "xcb"


def test_fonts_probe_runs_offscreen_and_no_fonts_is_blocking() -> None:
    qt, probe = checks({**GOOD, "fonts": ok("families 0\ndefault \n")})
    check = qt.fonts()
    assert check.blocking and "fonts-dejavu-core" in check.fix
    assert probe.calls[0][2]["QT_QPA_PLATFORM"] == "offscreen"


def test_missing_libpulse_is_a_warning_for_sound_and_voice() -> None:
    failed = ProbeOutcome(
        3, "import-error libpulse.so.0: cannot open shared object file: No such file\n", ""
    )
    qt, _ = checks({**GOOD, "audio": failed, "speech": failed})
    for check in (qt.audio(), qt.speech()):
        assert check.level == "warning" and not check.blocking
        assert check.fix == "sudo apt install libpulse0"


def test_no_engine_suggests_speech_dispatcher() -> None:
    qt, _ = checks({**GOOD, "speech": ok("engines mock\n")})
    check = qt.speech()
    assert check.level == "warning" and check.fix == "sudo apt install speech-dispatcher"


def test_speechd_is_not_started_without_a_sound_server(speech_dispatcher_installed: None) -> None:
    qt, probe = checks({**GOOD, "audio": ok("done\n")})
    results = qt.run()
    assert results[2].level == "warning" and "no audio output" in results[2].message
    assert results[3].level == "warning" and "no sound server" in results[3].message
    assert all(not args for _s, args, _e in probe.calls)  # the engine was never constructed
    assert all(not c.blocking for c in results[2:])


def test_stuck_speech_dispatcher_times_out_with_a_fix(speech_dispatcher_installed: None) -> None:
    qt, _ = checks({**GOOD, "speech-engine": ProbeOutcome(None, "", "")})
    qt.audio()
    check = qt.speech()
    assert check.level == "warning" and "did not answer" in check.message
    assert check.fix.startswith("pkill -u $USER speech-dispatcher")


def test_unknown_voice_in_settings_is_reported(speech_dispatcher_installed: None) -> None:
    answer = ok("state Ready\nerror \nvoices 3\nvoice Alan\nwanted no\n")
    qt, probe = checks({**GOOD, "speech-engine": answer})
    qt.audio()
    check = qt.speech("Zelda")
    assert check.level == "warning" and "Zelda" in check.message
    assert probe.calls[-1][1] == ("speechd", "Zelda")


@pytest.mark.slow
def test_real_doctor_run(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("BACKCOACH_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "backcoach", "doctor", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines[0] == "OK       Qt platform plugin: offscreen works."
    assert any(line.startswith("OK       Fonts:") for line in lines)
    assert any(line.startswith("OK       Routines:") for line in lines)
    assert any("Voice:" in line for line in lines)
    assert not (tmp_path / "data").exists()  # the doctor creates nothing
