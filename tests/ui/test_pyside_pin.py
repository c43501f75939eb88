"""Regression test for the PySide6 6.12.0 crash on Python 3.11.

6.12.0 leaks a reference to None on every Qt call returning nothing and the
process aborts (none_dealloc) after about 5,000 of them; pyproject pins
PySide6 < 6.12 on Python < 3.12.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".")[:2] if p.isdigit())


def test_installed_pyside_is_pinned_below_6_12_on_old_python() -> None:
    if sys.version_info < (3, 12):
        assert _version(PySide6.__version__) < (6, 12), PySide6.__version__


def test_many_calls_returning_none_do_not_crash(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(f"text {i}")  # returns None: the 6.12.0 leak
    grown = sys.getrefcount(None) - before
    assert label.text() == "text 19999"
    # 6.12.0 adds one reference per call (20,000 here); a sound build only a few, if any.
    # (On Python 3.12+ None is immortal and its count does not move at all.)
    assert grown < 100, f"None gained {grown} references over 20,000 calls"
