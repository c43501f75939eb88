"""The XDG autostart entry: written under XDG_CONFIG_HOME, quoted, removed when off."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.breaks_support import autostart


def split_exec(value: str) -> list[str]:
    """Split an Exec value as the Desktop Entry spec says (quotes, backslash escapes)."""
    args: list[str] = []
    current, quoted, i, started = "", False, 0, False
    while i < len(value):
        c = value[i]
        if quoted and c == "\\":
            current += value[i + 1]
            i += 2
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if started:
                args.append(current)
            current, started = "", False
        else:
            current += c
            started = True
        i += 1
    if started:
        args.append(current)
    return args


def test_enable_writes_an_entry_under_xdg_config_home(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    path = autostart.enable(env, python="/usr/bin/python3")
    assert path == tmp_path / "cfg" / "autostart" / "backcoach-tray.desktop"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    assert "Exec=/usr/bin/python3 -m backcoach --tray\n" in text
    assert "Type=Application" in text
    assert autostart.is_enabled(env)


def test_relative_xdg_config_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"XDG_CONFIG_HOME": "relative/dir"}
    assert autostart.autostart_dir(env) == Path.home() / ".config" / "autostart"


def test_exec_quotes_spaces_and_reserved_characters(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    python = '/home/ana maría/venv "x"/bin/python$1'
    path = autostart.enable(env, python=python, data_dir=Path("/data/50% done"))
    line = next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("Exec="))
    value = line.removeprefix("Exec=")
    # Undo the string-level escaping, then the Exec quoting, then %%.
    argv = [a.replace("%%", "%") for a in split_exec(value.replace("\\\\", "\\"))]
    assert argv == [python, "-m", "backcoach", "--tray", "--data-dir", "/data/50% done"]


def test_disable_removes_our_entry_only(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert autostart.disable(env) is False
    autostart.enable(env, python="/py")
    assert autostart.disable(env) is True
    assert not autostart.entry_path(env).exists()
    foreign = autostart.entry_path(env)
    foreign.write_text("[Desktop Entry]\nExec=something-else\n", encoding="utf-8")
    assert autostart.disable(env) is False
    assert foreign.exists()


def test_apply_follows_the_setting_and_reports_problems(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert autostart.apply(True, env, python="/py") is None
    assert autostart.is_enabled(env)
    assert autostart.apply(False, env) is None
    assert not autostart.is_enabled(env)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    problem = autostart.apply(True, {"XDG_CONFIG_HOME": str(blocker)}, python="/py")
    assert problem is not None
    assert "backcoach-tray.desktop" in problem
