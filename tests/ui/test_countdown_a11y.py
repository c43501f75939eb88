"""What a screen reader hears during a 45 s hold: a few announcements, no per-tick churn."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.library import load_routine
from backcoach.core.plan import build_plan
from backcoach.ui.session.engine_adapter import EngineAdapter
from backcoach.ui.session.player_page import PlayerPage
from tests.ui.kit import make_ctx

HOLD = """\
backcoach: 1
title: One long hold
exercises:
  knee:
    name: Knee to chest
steps:
  - exercise: knee
    hold: 45s
"""


def a11y_text(widget: object, which: QAccessible.Text) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)  # type: ignore[arg-type]
    assert iface is not None
    return iface.text(which)


def test_a_45_second_hold_is_announced_sparingly(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "hold.yaml").write_text(HOLD, encoding="utf-8")
    ctx = make_ctx(data_dir, folder)
    player = PlayerPage(ctx)
    qtbot.addWidget(player)
    player.show()
    clock = FakeClock(100.0)
    adapter = EngineAdapter(
        build_plan(load_routine(folder / "hold.yaml")), clock=clock, parent=player
    )
    player.attach(adapter)
    heard: list[tuple[str, float]] = []
    player.announcer.speak = lambda text: heard.append((text, clock.now))
    adapter.start()

    names: set[str] = set()
    descriptions: set[str] = set()
    bar_values: list[int] = []
    session_values: list[int] = []
    hold_start: float | None = None
    ticks = 0
    while adapter.state != "finished":
        assert clock.now < 200, "the hold never ended"
        seg = adapter.current
        if seg is not None and seg.kind == "hold":
            if hold_start is None:
                hold_start = clock.now
            names.add(a11y_text(player.countdown, QAccessible.Text.Name))
            descriptions.add(a11y_text(player.countdown, QAccessible.Text.Description))
            if not bar_values or bar_values[-1] != player.step_bar.value():
                bar_values.append(player.step_bar.value())
            if not session_values or session_values[-1] != player.session_bar.value():
                session_values.append(player.session_bar.value())
        clock.advance(0.1)  # the adapter's real tick rate at speed 1
        adapter.tick()
        ticks += 1
    assert hold_start is not None
    during = [text for text, at in heard if at >= hold_start - 1e-6]
    # The start of the hold, a few round marks, the last three seconds: never every tick.
    assert 5 <= len(during) <= 10, during
    assert during[0].endswith("45 seconds left")
    assert during[-3:] == ["3", "2", "1"]
    assert ticks > 400  # 10 ticks a second for 45 s, and still only these few
    # The big countdown label keeps one name and one description the whole time
    # (its digits change every second without telling the screen reader).
    assert names == {"Time left"}
    assert len(descriptions) == 1
    # The progress bars move at most once a second (each move is an accessibility event).
    assert len(bar_values) <= 47, len(bar_values)
    assert len(session_values) <= 47, len(session_values)
    assert bar_values[-1] >= 950
