"""CPU and memory of the player during a real-speed session, against a bare Qt window.

Each side runs in its own subprocess under offscreen Qt for SECONDS (default 25):
- player: the main window running the bundled morning routine at speed 1
  (check-in answered by the test autopilot, no sound), from the first segment on;
- bare: an empty PySide6 QWidget shown for the same time.
CPU = process_time delta / wall time (share of one core); RSS = ru_maxrss.
Usage: python bench/bench_player.py [SECONDS]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(mode: str, seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([])
    keep: list[object] = []
    if mode == "player":
        from backcoach.ui.app import build_context
        from backcoach.ui.main_window import MainWindow
        from backcoach.ui.options import GuiOptions

        data = Path(tempfile.mkdtemp())
        ctx = build_context(GuiOptions(data_dir=data), env={})
        win = MainWindow(ctx, start="morning-lower-back", autopilot=True, cue_factory=None)
        win.confirm_close = lambda: True
        win.resize(1100, 760)
        keep.append(win)
        win.show()
        # let it reach the player before measuring
        deadline = time.monotonic() + 10
        while (win.flow is None or win.flow.adapter is None) and time.monotonic() < deadline:
            app.processEvents()
        assert win.flow is not None and win.flow.adapter is not None, "the player did not start"
    else:
        w = QWidget()
        w.resize(1100, 760)
        w.show()
        keep.append(w)
    for _ in range(20):
        app.processEvents()
    cpu0, wall0 = time.process_time(), time.monotonic()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"cpu_share": cpu / wall, "cpu_seconds": cpu, "wall": wall, "rss_mib": rss_kib / 1024}
    return result


def run_child(mode: str, seconds: float) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(seconds)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2], float(sys.argv[3]))))
        return 0
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 25.0
    bare = run_child("bare", seconds)
    player = run_child("player", seconds)
    print(f"player session vs bare QWidget, {seconds:g} s each, offscreen Qt")
    print(f"{'':8} {'CPU (% of a core)':>18} {'peak RSS (MiB)':>15}")
    for name, r in (("bare", bare), ("player", player)):
        print(f"{name:8} {100 * r['cpu_share']:18.2f} {r['rss_mib']:15.1f}")
    extra_cpu = 100 * (player["cpu_share"] - bare["cpu_share"])
    print(f"player - bare: {extra_cpu:+.2f} points of a core, ", end="")
    print(
        f"{player['rss_mib'] - bare['rss_mib']:+.1f} MiB ({player['rss_mib'] / bare['rss_mib']:.2f}x RSS)"
    )
    ok = player["cpu_share"] < 0.02
    print("target: player under 2% of one core:", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
