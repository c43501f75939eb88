"""Idle and lock probes: output parsing, detection with a fake command runner, giving up."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import pytest

from backcoach.core.breaks_support import idle


def test_parsers() -> None:
    assert idle.parse_gdbus_number("(uint64 12345,)\n") == 12345
    assert idle.parse_gdbus_number("(uint32 7,)") == 7
    assert idle.parse_gdbus_number("Error: no such service") is None
    assert idle.parse_gdbus_number(None) is None
    assert idle.parse_gdbus_bool("(true,)") is True
    assert idle.parse_gdbus_bool("(false,)") is False
    assert idle.parse_gdbus_bool("") is None
    assert idle.parse_locked_hint("LockedHint=yes\n") is True
    assert idle.parse_locked_hint("LockedHint=no\n") is False
    assert idle.parse_ioreg_idle('  |   "HIDIdleTime" = 2500000000\n') == pytest.approx(2.5)


class FakeRunner:
    def __init__(self, answers: dict[str, str | None]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, argv: Sequence[str]) -> str | None:
        key = " ".join(argv)
        self.calls.append(key)
        for needle, answer in self.answers.items():
            if needle in key:
                return answer
        return None


def test_gnome_wayland_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    run = FakeRunner(
        {"IdleMonitor": "(uint64 61000,)", "org.gnome.ScreenSaver.GetActive": "(false,)"}
    )
    env = {
        "XDG_CURRENT_DESKTOP": "ubuntu:GNOME",
        "XDG_SESSION_TYPE": "wayland",
        "WAYLAND_DISPLAY": "wayland-0",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus",
    }
    support = idle.detect(env, "linux", run)
    assert support.idle_name == "GNOME Mutter IdleMonitor"
    assert support.lock_name == "org.gnome.ScreenSaver"
    assert support.idle is not None
    assert support.idle() == pytest.approx(61.0)
    assert "GNOME" in support.describe()


def test_nothing_available_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    support = idle.detect({"XDG_SESSION_TYPE": "wayland"}, "linux", FakeRunner({}))
    assert support.idle is None
    assert support.locked is None
    assert support.describe().startswith("Idle detection is not available")


def test_logind_lock_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    run = FakeRunner({"LockedHint": "LockedHint=yes\n"})
    probes = idle.lock_candidates({"XDG_SESSION_ID": "3"}, "linux", run)
    chosen = idle.first_answering(probes)
    assert chosen is not None
    assert chosen.name == "systemd-logind LockedHint"
    assert chosen() is True


def test_a_probe_gives_up_after_repeated_failures() -> None:
    run = FakeRunner({})
    probe = idle.gnome_idle_probe(run)
    for _ in range(idle.MAX_FAILURES):
        assert probe() is None
    assert probe.gave_up
    calls = len(run.calls)
    assert probe() is None
    assert len(run.calls) == calls  # no more subprocesses once it gave up


def test_run_command_handles_missing_programs() -> None:
    assert idle.run_command(["backcoach-no-such-program-xyz"]) is None


def test_x11_probe_without_display_is_none() -> None:
    assert idle.x11_idle_probe(None) is None
