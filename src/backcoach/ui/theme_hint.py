"""The system's theme as last seen, so that a start paints in it before asking the system.

With the "system" theme, asking Qt for the colour scheme and contrast makes
PySide build every enumeration of its `Qt` namespace, about 12 ms that the
window's first paint would wait for; the answer rarely changes between starts.
So the first paint uses the palette theme the system had last time, and right
after it the system is asked (`Appearance.complete`): if its answer differs,
the window changes to it at once and the new answer is kept for next time.
The hint is one word in a private file (0600, like everything backcoach keeps
in the data folder); missing or not a palette theme, the first paint asks the
system after all.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from backcoach.core.files import atomic_write
from backcoach.core.private import HINT_FILE
from backcoach.ui.theme import PALETTE_THEMES


def read_system_theme(data_dir: Path) -> str | None:
    """The system's palette theme as last seen, or None."""
    try:
        word = (data_dir / HINT_FILE).read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return None
    return word if word in PALETTE_THEMES else None


def remember_system_theme(data_dir: Path, theme: str) -> None:
    """Keep `theme` for the next start (quietly nothing if the folder can't take it)."""
    if theme not in PALETTE_THEMES:
        return
    with contextlib.suppress(OSError):
        atomic_write(data_dir / HINT_FILE, (theme + "\n").encode("utf-8"))
