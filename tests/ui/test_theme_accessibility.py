"""Accessibility: countdown announcements at a sensible rate; nothing flashes fast."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from backcoach.ui.a11y import CountdownAnnouncer, announce, countdown_mark, describe_seconds
from backcoach.ui.widgets.exercise_images import ALTERNATE_MS, ExerciseImages


def test_marks() -> None:
    assert [countdown_mark(s) for s in (3.0, 2.4, 1.0, 0.0)] == [3, 3, 1, None]
    assert countdown_mark(10.0) == 10
    assert countdown_mark(11.0) is None
    assert countdown_mark(90.0) == 90
    assert countdown_mark(70.0) is None  # above a minute: every 30 s only


@dataclass
class Ex:
    name: str


@dataclass
class Seg:
    duration: float | None
    exercise: Ex | None = None
    label: str = "Rest"


class FakeAdapter(QObject):
    segment_started = Signal(object, object)
    ticked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.remaining: float | None = None
        self.state = "running"


def test_countdown_is_announced_sparingly(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    adapter = FakeAdapter()
    said: list[str] = []
    CountdownAnnouncer(label, adapter, speak=said.append)
    adapter.segment_started.emit(Seg(45.0, Ex("Bridge")), None)
    ticks = 0
    t = 45.0
    while t > 0:
        t = round(t - 0.1, 1)
        adapter.remaining = t
        adapter.ticked.emit()
        ticks += 1
    assert said[0] == "Bridge: " + describe_seconds(45)
    assert said[1:] == [describe_seconds(n) for n in (40, 30, 20, 10, 3, 2, 1)]
    assert ticks == 450  # 450 label changes, 8 announcements


def test_paused_or_self_paced_says_nothing_more(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    adapter = FakeAdapter()
    said: list[str] = []
    CountdownAnnouncer(label, adapter, speak=said.append)
    adapter.segment_started.emit(Seg(None, Ex("Dead bug")), None)
    assert len(said) == 1 and "Dead bug" in said[0]
    adapter.segment_started.emit(Seg(20.0), None)
    adapter.state = "paused"
    adapter.remaining = 10.0
    adapter.ticked.emit()
    assert len(said) == 2


def test_announce_does_not_fail_without_a_screen_reader(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    announce(label, "Ten seconds left")
    announce(label, "")
    assert label.text() == "x"


def test_pictures_never_flash_faster_than_three_times_a_second(qtbot: QtBot, repo: Path) -> None:
    assert ALTERNATE_MS >= 1000 / 3
    images = ExerciseImages()
    qtbot.addWidget(images)
    photos = sorted((repo / "assets" / "images").glob("cat-cow-*.jpg"))
    images.set_images(tuple(photos))
    images.set_animate(True)
    assert images.animating
    assert images._timer.interval() >= 1000 / 3


def test_reduced_motion_stops_the_alternation(qtbot: QtBot, repo: Path) -> None:
    images = ExerciseImages(reduced_motion=True)
    qtbot.addWidget(images)
    images.set_images(tuple(sorted((repo / "assets" / "images").glob("cat-cow-*.jpg"))))
    images.set_animate(True)
    assert not images.animating
    images.set_reduced_motion(False)
    images.set_animate(True)
    assert images.animating
    images.set_reduced_motion(True)
    assert not images.animating


def test_no_fast_timers_change_visuals_in_the_ui(repo: Path) -> None:
    """Every QTimer interval literal in the UI that drives visuals is >= 333 ms.

    The engine adapter's tick only repaints numbers (no flashing); it is excluded.
    """
    import re

    fast: list[str] = []
    for path in (repo / "src" / "backcoach" / "ui").rglob("*.py"):
        for m in re.finditer(r"(\w+_MS)\s*=\s*(\d+)", path.read_text(encoding="utf-8")):
            name, value = m.group(1), int(m.group(2))
            if any(w in name for w in ("BLINK", "FLASH", "ALTERNATE", "PULSE")) and value < 334:
                fast.append(f"{path.name}: {name} = {value}")
    assert fast == []
