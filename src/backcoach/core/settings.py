"""User settings: a versioned JSON file in the data folder, loaded and saved explicitly.

No singleton: the app loads a `Settings` at start-up and passes it (or the
`SettingsStore`) to whoever needs it. Unknown or bad values fall back to the
defaults field by field, so a hand-edited or older file never stops the app.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from backcoach.core.files import atomic_write, read_regular
from backcoach.core.private import create_private_dir

SETTINGS_VERSION = 1
Theme = Literal["system", "light", "dark", "high-contrast"]
THEMES: tuple[str, ...] = ("system", "light", "dark", "high-contrast")


@dataclass(frozen=True)
class Settings:
    version: int = SETTINGS_VERSION
    # voice and sound
    voice_enabled: bool = True
    voice_name: str = ""
    """Empty: the engine's default voice."""
    speech_rate: float = 0.0
    """-1.0 (slow) .. 1.0 (fast), as QTextToSpeech takes it."""
    volume: float = 0.8
    """0.0 .. 1.0, for voice and sounds."""
    sounds_enabled: bool = True
    # look
    theme: Theme = "system"
    text_scale: int = 100
    """Percent, 100..200, applied to every font."""
    reduced_motion: bool = False
    # routines
    routine_folders: tuple[str, ...] = ()
    # posture breaks
    breaks_enabled: bool = True
    break_interval_minutes: int = 45
    break_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    """Weekdays, Monday = 0."""
    break_start: str = "08:00"
    break_end: str = "18:00"
    break_routine: str = ""
    """A posture-break routine id, or empty to rotate through all of them."""
    idle_reset_minutes: int = 5
    """Idle this long counts as a break taken."""
    start_at_login: bool = False

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}

    @classmethod
    def from_json(cls, data: object) -> Settings:
        """Build settings from parsed JSON, keeping defaults for anything missing or wrong."""
        base = cls()
        if not isinstance(data, dict):
            return base
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name == "version" or f.name not in data:
                continue
            value = _coerce_field(f.name, getattr(base, f.name), data[f.name])
            if value is not None:
                changes[f.name] = value
        return _clamped(dataclasses.replace(base, **changes))


def _coerce_field(name: str, default: Any, value: Any) -> Any:
    """`_coerce`, and folder paths the system can take (no NUL, no lone surrogate)."""
    coerced = _coerce(default, value)
    if name == "routine_folders" and coerced is not None:
        return tuple(p for p in coerced if _is_path(p))
    return coerced


def _is_path(text: str) -> bool:
    """True for text the operating system takes as a path (os.stat raises ValueError
    for a NUL character, and UnicodeEncodeError for a lone surrogate)."""
    if "\x00" in text:
        return False
    try:
        os.fsencode(text)
    except UnicodeEncodeError:  # a lone surrogate such as "\ud800"
        return False
    return True


def _coerce(default: Any, value: Any) -> Any:
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, int):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(default, float):
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        try:
            return float(value)
        except OverflowError:  # a whole number of hundreds of digits
            return None
    if isinstance(default, str):
        return value if isinstance(value, str) else None
    if isinstance(default, tuple):
        if not isinstance(value, list):
            return None
        kind = type(default[0]) if default else None
        items = [v for v in value if kind is None or isinstance(v, kind)]
        return tuple(items)
    return None


def rejected_fields(data: object) -> list[str]:
    """What `Settings.from_json` drops from `data`: 'volume: "loud"', one per bad field.

    The key and the value as the file has them (JSON), so no English is in it.
    """
    if not isinstance(data, dict):
        return []
    base = Settings()
    out = []
    for f in dataclasses.fields(Settings):
        if f.name == "version" or f.name not in data:
            continue
        value = _coerce_field(f.name, getattr(base, f.name), data[f.name])
        if value is None or (isinstance(value, tuple) and len(value) != len(data[f.name])):
            out.append(f"{f.name}: {_as_json(data[f.name])}")
    return out


def _as_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    # A lone surrogate ("\ud800") stays an escape: printed, it would stop `backcoach doctor`.
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 60 else text[:59] + "…"


def _holds(data: object) -> str:
    """The sentence for a settings file whose JSON is not an object."""
    kinds = {list: HOLDS_LIST, str: HOLDS_TEXT, bool: HOLDS_BOOL, type(None): HOLDS_NULL}
    return kinds.get(type(data), HOLDS_NUMBER)


def _clamped(s: Settings) -> Settings:
    return dataclasses.replace(
        s,
        theme=s.theme if s.theme in THEMES else "system",
        text_scale=min(200, max(100, s.text_scale)),
        volume=min(1.0, max(0.0, s.volume)),
        speech_rate=min(1.0, max(-1.0, s.speech_rate)),
        break_interval_minutes=min(240, max(5, s.break_interval_minutes)),
        break_days=tuple(sorted({d for d in s.break_days if 0 <= d <= 6})),
        idle_reset_minutes=min(120, max(1, s.idle_reset_minutes)),
    )


NOT_A_FOLDER = (
    "{0} is not a folder (a file is in the way); "
    "using the default settings, and changes can't be saved."
)
UNREADABLE = "The settings file {0} could not be read ({1})."
NOT_JSON = "The settings file {0} is not valid JSON (line {1})."
TOO_DEEP = "The settings file {0} is not valid JSON (nested too deeply)."
TOO_LONG = "The settings file {0} holds a number of thousands of digits."
NOT_UTF8 = "The settings file {0} could not be read (not UTF-8 text)."
HOLDS_LIST = "The settings file {0} holds a list, not settings."
HOLDS_TEXT = "The settings file {0} holds a text, not settings."
HOLDS_BOOL = "The settings file {0} holds true or false, not settings."
HOLDS_NULL = "The settings file {0} holds null, not settings."
HOLDS_NUMBER = "The settings file {0} holds a number, not settings."
WRONG_KIND = "The settings file {0} has values of the wrong kind ({1})."
DEFAULTS_INSTEAD = "backcoach uses the defaults instead."
DEFAULTS_FOR_THOSE = "backcoach uses the defaults for those."
KEPT = "The file is kept: the next time settings are saved it is renamed {0}.bad-<date> first."
PROBLEM_TEMPLATES: tuple[str, ...] = (
    NOT_A_FOLDER,
    UNREADABLE,
    NOT_JSON,
    TOO_DEEP,
    TOO_LONG,
    NOT_UTF8,
    HOLDS_LIST,
    HOLDS_TEXT,
    HOLDS_BOOL,
    HOLDS_NULL,
    HOLDS_NUMBER,
    WRONG_KIND,
    DEFAULTS_INSTEAD,
    DEFAULTS_FOR_THOSE,
    KEPT,
)
"""SettingsStore.problem's sentences; the UI translates them in the "settings" context."""


@dataclass
class SettingsStore:
    """Loads and saves `Settings` at `path`, atomically; remembers why a load failed.

    A file that could not be read, or only in part, is never overwritten: the
    first `save` after such a load moves it aside to `settings.json.bad-<stamp>`
    (`moved_aside`), and `problem` has told the user so beforehand.
    """

    path: Path
    problem: str | None = field(default=None, init=False)
    problem_parts: tuple[tuple[str, tuple[object, ...]], ...] = field(default=(), init=False)
    """`problem` as English (template, args) sentences, for the UI to translate."""
    moved_aside: Path | None = field(default=None, init=False)
    _keep_aside: bool = field(default=False, init=False, repr=False)

    def load(self) -> Settings:
        self.problem = None
        self.problem_parts = ()
        self._keep_aside = False
        try:
            text = read_regular(self.path).decode("utf-8")
        except FileNotFoundError:
            return Settings()
        except NotADirectoryError:
            self._tell((NOT_A_FOLDER, (self.path.parent,)))
            return Settings()
        except UnicodeDecodeError:
            return self._unreadable(NOT_UTF8)
        except OSError as exc:
            return self._unreadable(UNREADABLE, exc.strerror or exc)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._unreadable(NOT_JSON, exc.lineno)
        except RecursionError:
            return self._unreadable(TOO_DEEP)
        except ValueError:  # Python refuses to read a number of thousands of digits
            return self._unreadable(TOO_LONG)
        if not isinstance(data, dict):
            return self._unreadable(_holds(data))
        rejected = rejected_fields(data)
        if rejected:
            self._unreadable(WRONG_KIND, "; ".join(rejected[:3]), partly=True)
        return Settings.from_json(data)

    def _unreadable(self, why: str, *args: object, partly: bool = False) -> Settings:
        self._keep_aside = True
        self._tell(
            (why, (self.path, *args)),
            (DEFAULTS_FOR_THOSE if partly else DEFAULTS_INSTEAD, ()),
            (KEPT, (self.path.name,)),
        )
        return Settings()

    def _tell(self, *parts: tuple[str, tuple[object, ...]]) -> None:
        self.problem_parts = parts
        self.problem = " ".join(template.format(*args) for template, args in parts)

    def save(self, settings: Settings) -> None:
        """Write atomically (`atomic_write`: 0600, fsync, rename), so a crash never leaves
        half a file; a new data folder is made 0700 (core/private.py)."""
        create_private_dir(self.path.parent)
        if self._keep_aside:
            self._move_aside()  # raises OSError rather than overwrite it
        text = json.dumps(settings.to_json(), indent=2, sort_keys=True) + "\n"
        atomic_write(self.path, text.encode("utf-8"))

    def _move_aside(self) -> None:
        if self.path.exists() or self.path.is_symlink():
            from datetime import datetime

            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"{self.path.name}.bad-{stamp}")
            n = 1
            while aside.exists():
                n += 1
                aside = self.path.with_name(f"{self.path.name}.bad-{stamp}-{n}")
            self.path.rename(aside)
            self.moved_aside = aside
        self._keep_aside = False
