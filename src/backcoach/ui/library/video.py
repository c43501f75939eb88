"""Opening an exercise's demonstration video: in the user's own browser, only on a click.

backcoach never fetches the address itself; this is the one place that hands it over.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_video(url: str) -> bool:
    """Open `url` (an https:// address the loader checked) in the default browser."""
    return bool(QDesktopServices.openUrl(QUrl(url)))
