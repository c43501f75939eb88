"""Where things live: the bundled routines and assets, and the user's data folder.

Plain paths, worked out once at start-up and passed in; no module-level state.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

APP_NAME = "backcoach"
DATA_DIR_ENV = "BACKCOACH_DATA_DIR"


def bundled_dir(name: str) -> Path:
    """A folder of bundled data (`routines` or `assets`).

    In an installed wheel it is package data, `backcoach/<name>`, found through
    importlib.resources. In a source checkout (an editable install included)
    the folders stay at the top of the tree, beside `src/`, where therapists
    and the tests find them.
    """
    from importlib import resources

    packaged = resources.files("backcoach") / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / name


def bundled_routines_dir() -> Path:
    return bundled_dir("routines")


def assets_dir() -> Path:
    return bundled_dir("assets")


def standard_data_dir(env: dict[str, str] | None = None) -> Path:
    """The user's standard data folder (XDG on Linux), overridable by BACKCOACH_DATA_DIR."""
    env = dict(os.environ) if env is None else env
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    if sys.platform == "win32":
        base = Path(env.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    extra_routine_dirs: tuple[Path, ...] = ()
    bundled_routines: Path = field(default_factory=bundled_routines_dir)
    assets: Path = field(default_factory=assets_dir)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def user_routines(self) -> Path:
        """Where imported routines are copied."""
        return self.data_dir / "routines"

    def routine_dirs(self, configured: tuple[str, ...] = ()) -> tuple[Path, ...]:
        """Every folder the library shows: bundled, the user's own, settings', --routines."""
        dirs = [self.bundled_routines, self.user_routines]
        dirs += [Path(p).expanduser() for p in configured]
        dirs += list(self.extra_routine_dirs)
        seen: list[Path] = []
        for d in dirs:
            if d not in seen:
                seen.append(d)
        return tuple(seen)
