"""Screenshots of every page, for docs/screenshots/ (run by tools/screenshots.sh under Xvfb).

Drives the real window with a fake clock, so each shot lands on a chosen moment.
Usage: python tools/screenshots.py OUTDIR [WIDTHxHEIGHT] [--text-scale PERCENT]
e.g. `... OUT 800x600 --text-scale 200` checks large text in a small window.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from backcoach.core.fakeclock import FakeClock
from backcoach.core.history import HistoryStore
from backcoach.ui.app import app_icon, build_context, make_application
from backcoach.ui.main_window import MainWindow
from backcoach.ui.theme import apply_text_scale

BROKEN = """\
backcoach: 1
title: Evening stretch (draft)
steps:
  - exercise: knee-to-chest
    hold_time: 30s
  - exercise: cat-cow
    reps: ten
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("size", nargs="?", default="1100x760", help="window WIDTHxHEIGHT")
    parser.add_argument(
        "--text-scale", type=int, default=100, help="text size in percent (100-200)"
    )
    return parser.parse_args(argv)


def seed_history(store: HistoryStore) -> None:
    """A few finished sessions over the last days, so the history page has content."""
    today = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0)
    for days, before, after, status in (
        (6, 5, 3, "completed"),
        (4, 6, 5, "stopped"),
        (2, 4, 2, "completed"),
        (1, 3, 3, "completed"),
    ):
        start = today - timedelta(days=days)
        sid = store.start_session(
            routine_id="morning",
            title="Gentle morning routine",
            sha256="",
            started_at=start,
            speed=1.0,
            flare=days == 4,
            pain_before=before,
            answers=[],
            steps=[(0, "knee-to-chest", 60.0), (1, "cat-cow", 90.0)],
        )
        store.finish(
            sid,
            status=status,
            ended_at=start + timedelta(minutes=12),
            pain_after=after,
            hurt=(1,) if status == "stopped" else (),
            notes="Left hip a little tight." if days == 2 else "",
            stop_reason="pain" if status == "stopped" else None,
        )


def main() -> int:
    opts = parse_args(sys.argv[1:])
    out = opts.out
    w, h = (int(x) for x in opts.size.split("x"))
    suffix = "" if opts.text_scale == 100 else f"-{opts.text_scale}pct"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    if opts.text_scale != 100:
        apply_text_scale(app, opts.text_scale)
    tmp = Path(tempfile.mkdtemp())
    extra = tmp / "drafts"
    extra.mkdir()
    (extra / "evening-draft.yaml").write_text(BROKEN, encoding="utf-8")
    args = argparse.Namespace(data_dir=tmp / "data", routines=[extra], speed=1.0)
    ctx = build_context(args, env={})
    if ctx.history is not None:
        seed_history(ctx.history)
    app.setWindowIcon(app_icon(ctx.paths))
    clock = FakeClock(100.0)
    win = MainWindow(ctx, clock=clock, cue_factory=None)
    win.confirm_close = lambda: True
    win.resize(w, h)
    win.show()
    win.activateWindow()
    QTest.qWaitForWindowExposed(win)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()
        QTest.qWait(50)

    def shot(name: str) -> None:
        settle()
        target = out / f"{name}{suffix}.png"
        (QApplication.activeModalWidget() or win).grab().save(str(target))
        print("saved", target)

    def key(k: Qt.Key | str) -> None:
        target = QApplication.focusWidget() or win
        if isinstance(k, str):
            QTest.keyClicks(target, k)
        else:
            QTest.keyClick(target, k)
        settle()

    def run_until(done: Callable[[], bool], step: float = 0.5) -> None:
        for _ in range(20000):
            if done():
                return
            clock.advance(step)
            assert win.flow is not None and win.flow.adapter is not None
            win.flow.adapter.tick()
        raise RuntimeError("never got there")

    shot("library")
    lib = win.library_page
    for i in range(lib.list.count()):
        if (
            "draft" in lib.list.item(i).text().lower()
            or "evening" in lib.list.item(i).text().lower()
        ):
            lib.list.setCurrentRow(i)
            lib.list.scrollToItem(lib.list.item(i))
    shot("library-errors")
    key(Qt.Key.Key_Return)
    shot("routine-errors")
    key(Qt.Key.Key_Escape)
    lib.search.setFocus()
    key("morning")
    key(Qt.Key.Key_Return)
    shot("routine")
    key(Qt.Key.Key_Return)
    key("3")
    shot("checkin-pain")
    key(Qt.Key.Key_Return)
    shot("checkin-question")
    flow = win.flow
    assert flow is not None
    while flow.checkin.currentWidget() is flow.checkin.question_page:
        key("n")
    shot("checkin-ready")
    key(Qt.Key.Key_Return)
    player = flow.player
    run_until(
        lambda: (
            player.segment is not None
            and player.segment.kind == "hold"
            and player.segment.side is not None
        )
    )
    run_until(lambda: (flow.adapter.elapsed if flow.adapter else 0) >= 7.2)
    shot("player-hold-side")
    run_until(
        lambda: player.segment is not None and player.segment.kind in ("rest", "relax", "switch")
    )
    run_until(lambda: (flow.adapter.elapsed if flow.adapter else 0) >= 1.2)
    shot("player-rest")
    key(Qt.Key.Key_Space)
    shot("player-paused")
    key(Qt.Key.Key_Space)
    run_until(lambda: player.segment is not None and player.segment.kind == "hold")
    run_until(lambda: (flow.adapter.elapsed if flow.adapter else 0) >= 3)
    win.resize(800, 600)
    shot("player-800x600")
    win.resize(w, h)
    key(Qt.Key.Key_Escape)
    key("p")
    shot("player-stop")
    key(Qt.Key.Key_Escape)
    run_until(lambda: flow.currentWidget() is flow.after, step=2.0)
    key("2")
    flow.after.notes.setText("Left hip a little tight.")
    shot("checkin-after")
    key(Qt.Key.Key_Return)
    shot("summary")
    win.resize(800, 600)
    key(Qt.Key.Key_Return)
    shot("library-800x600")
    win.resize(w, h)
    win.open_history_page()
    shot("history")
    win.open_settings()
    dialog = QApplication.activeModalWidget()
    settle()
    shot("settings")
    if dialog is not None:
        dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
