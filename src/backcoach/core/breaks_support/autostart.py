"""Start the break reminder at login: an XDG autostart entry (Linux desktops).

`~/.config/autostart/backcoach-tray.desktop` (respecting XDG_CONFIG_HOME) runs
the current interpreter with `-m backcoach --tray`. Turning the setting off
removes the file, but only if it is ours (it carries X-Backcoach-Autostart).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from backcoach.core.files import atomic_write

FILE_NAME = "backcoach-tray.desktop"
MARKER = "X-Backcoach-Autostart=true"


def autostart_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "autostart"


def entry_path(env: Mapping[str, str] | None = None) -> Path:
    return autostart_dir(env) / FILE_NAME


def quote_exec_arg(arg: str) -> str:
    """Quote one argument for a desktop entry's Exec key (Desktop Entry spec, "Exec key").

    Arguments with reserved characters go in double quotes, with `"`, `` ` ``,
    `$` and `\\` backslash-escaped; `%` is doubled. Then the whole value is a
    string value, so each backslash is escaped once more.
    """
    arg = arg.replace("%", "%%")
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if arg and not any(c in reserved for c in arg):
        quoted = arg
    else:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        quoted = f'"{inner}"'
    return quoted.replace("\\", "\\\\")


def exec_line(argv: Sequence[str]) -> str:
    return " ".join(quote_exec_arg(a) for a in argv)


def tray_command(python: str | None = None, data_dir: Path | None = None) -> list[str]:
    argv = [python or sys.executable, "-m", "backcoach", "--tray"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    return argv


def entry_text(argv: Sequence[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=backcoach posture breaks",
            "Comment=Reminds you to get up from the desk and runs a short posture break",
            f"Exec={exec_line(argv)}",
            "Icon=backcoach",
            "Terminal=false",
            "Categories=Utility;",
            "X-GNOME-Autostart-enabled=true",
            MARKER,
            "",
        ]
    )


def is_enabled(env: Mapping[str, str] | None = None) -> bool:
    return entry_path(env).is_file()


def enable(
    env: Mapping[str, str] | None = None,
    *,
    python: str | None = None,
    data_dir: Path | None = None,
) -> Path:
    """Write (or rewrite) the autostart entry, atomically; returns its path.

    Raises OSError with the path in its message if the folder is not writable.
    """
    path = entry_path(env)
    text = entry_text(tray_command(python, data_dir))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))
    return path


def disable(env: Mapping[str, str] | None = None) -> bool:
    """Remove our entry; True if one was removed. A file we did not write is left alone."""
    path = entry_path(env)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return False
    if MARKER not in text:
        return False
    path.unlink(missing_ok=True)
    return True


def apply(
    enabled: bool,
    env: Mapping[str, str] | None = None,
    *,
    python: str | None = None,
    data_dir: Path | None = None,
) -> str | None:
    """Make the entry match the setting; returns a problem to show, or None."""
    try:
        if enabled:
            enable(env, python=python, data_dir=data_dir)
        else:
            disable(env)
    except OSError as exc:
        return f"{entry_path(env)}: could not update the login item ({exc.strerror or exc})"
    return None
