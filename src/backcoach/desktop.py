"""Desktop integration: `python -m backcoach.desktop install|uninstall` (per user, XDG paths).

Writes `$XDG_DATA_HOME/applications/backcoach.desktop` (default ~/.local/share)
starting the current interpreter with `-m backcoach`, and copies the SVG icon to
`$XDG_DATA_HOME/icons/hicolor/scalable/apps/backcoach.svg`. Uninstall removes only
files this installed (the entry carries X-Backcoach-Installed). No Qt here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from backcoach.core.breaks_support.autostart import exec_line
from backcoach.core.files import atomic_write
from backcoach.core.paths import assets_dir

APP_ID = "backcoach"
MARKER = "X-Backcoach-Installed=true"


def data_home(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or ""
    return Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"


def entry_path(env: Mapping[str, str] | None = None) -> Path:
    return data_home(env) / "applications" / f"{APP_ID}.desktop"


def icon_path(env: Mapping[str, str] | None = None) -> Path:
    return data_home(env) / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def entry_text(argv: Sequence[str], icon: Path) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=backcoach",
            "GenericName=Back exercise coach",
            "GenericName[es]=Entrenador de ejercicios para la espalda",
            "Comment=Guided, timed stretching and exercise sessions for lower back pain",
            "Comment[es]=Sesiones guiadas de estiramientos y ejercicios para el dolor lumbar",
            f"Exec={exec_line(argv)}",
            f"TryExec={argv[0]}",
            f"Icon={icon}",
            "Terminal=false",
            "Categories=Education;MedicalSoftware;",
            "Keywords=exercise;stretching;back;pain;physiotherapy;posture;",
            "Keywords[es]=ejercicio;estiramientos;espalda;dolor;fisioterapia;postura;",
            f"StartupWMClass={APP_ID}",
            "StartupNotify=true",
            MARKER,
            "",
        ]
    )


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def validate(path: Path) -> str | None:
    """desktop-file-validate's complaints, or None (also when it is not installed)."""
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        return None
    proc = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    out = (proc.stdout + proc.stderr).strip()
    return out or None if proc.returncode != 0 else None


def install(
    env: Mapping[str, str] | None = None,
    *,
    python: str | None = None,
    icon_source: Path | None = None,
) -> list[str]:
    """Install the entry and icon; returns what it did, line by line (raises OSError)."""
    icon_src = icon_source or assets_dir() / "icons" / f"{APP_ID}.svg"
    icon = icon_path(env)
    _write_atomically(icon, icon_src.read_bytes())
    entry = entry_path(env)
    argv = [python or sys.executable, "-m", "backcoach"]
    _write_atomically(entry, entry_text(argv, icon).encode("utf-8"))
    done = [f"installed {entry}", f"installed {icon}"]
    problem = validate(entry)
    if problem:
        done.append(f"desktop-file-validate: {problem}")
    updater = shutil.which("update-desktop-database")
    if updater:
        subprocess.run([updater, str(entry.parent)], capture_output=True, check=False)
    return done


def uninstall(env: Mapping[str, str] | None = None) -> list[str]:
    """Remove the entry and icon if this installed them; leaves anything else alone."""
    done: list[str] = []
    entry = entry_path(env)
    try:
        text = entry.read_text(encoding="utf-8")
    except OSError:
        text = ""
    if MARKER in text:
        entry.unlink(missing_ok=True)
        done.append(f"removed {entry}")
        icon = icon_path(env)
        if icon.is_file():
            icon.unlink()
            done.append(f"removed {icon}")
    elif entry.exists():
        done.append(f"left {entry} alone: backcoach did not install it")
    return done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m backcoach.desktop",
        description="Add backcoach to (or remove it from) your desktop's application menu.",
    )
    parser.add_argument("action", choices=("install", "uninstall"))
    args = parser.parse_args(argv)
    try:
        lines = install() if args.action == "install" else uninstall()
    except OSError as exc:
        print(f"backcoach.desktop: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for line in lines or ["nothing to do"]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
