"""`python -m backcoach.desktop`: per-user entry and icon under XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach import desktop


def test_install_and_uninstall(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "share")}
    lines = desktop.install(env, python="/opt/my python/bin/python3")
    entry = tmp_path / "share" / "applications" / "backcoach.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "backcoach.svg"
    assert entry.is_file() and icon.is_file()
    assert icon.read_text().lstrip().startswith("<svg")
    assert any("installed" in line for line in lines)
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry)
    section = parser["Desktop Entry"]
    assert section["Exec"] == '"/opt/my python/bin/python3" -m backcoach'
    assert section["Icon"] == str(icon)
    assert section["Type"] == "Application" and section["Name"] == "backcoach"
    assert desktop.uninstall(env) and not entry.exists() and not icon.exists()


def test_uninstall_leaves_foreign_entries(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path)}
    entry = desktop.entry_path(env)
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nName=someone else's\n")
    assert "alone" in desktop.uninstall(env)[0]
    assert entry.exists()


def test_relative_xdg_data_home_is_ignored(tmp_path: Path) -> None:
    assert desktop.data_home({"XDG_DATA_HOME": "relative/path"}) == Path.home() / ".local/share"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no validator")
def test_entry_validates(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path)}
    desktop.install(env, python=sys.executable)
    assert desktop.validate(desktop.entry_path(env)) is None


def test_command_line(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "backcoach.desktop", "install"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "applications" / "backcoach.desktop").is_file()
