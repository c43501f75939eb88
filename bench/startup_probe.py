"""Run a Qt program until its first window is painted, print when, and exit.

    python bench/startup_probe.py bare                       # a bare QMainWindow
    python bench/startup_probe.py app --data-dir DIR [...]   # `python -m backcoach ...`

Used by bench_startup.py. The probe wraps `QApplication.exec`: when the
program enters its event loop (its windows shown, nothing painted yet: on X,
windows are exposed and painted by the loop), an event filter goes on the
native window of each visible top-level widget - on those windows only, as an
application-wide Python filter would make every event pass through Python and
slow both programs down. On the first Expose of one of them the probe queues a
zero-delay call, which runs once that expose has been handled (the window
painted and flushed to the screen), ahead of anything the program queues from
the same expose (the probe's filter was installed last, so it sees it first).
It prints `visible MONOTONIC_NS VMHWM_KIB CPU_NS` (the peak resident memory
and the CPU time used so far), lets the program run on for SETTLE_MS (what it
does right after its first paint), prints `settled VMHWM_KIB` and quits the
event loop; the program tears down as it normally would. The app is started
through its own entry point (`backcoach.cli.main`) and knows nothing of the
probe.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow

SETTLE_MS = 500


def peak_rss_kib() -> int:
    """VmHWM (peak resident set) of this process, in KiB; 0 where /proc is missing."""
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class FirstExpose(QObject):
    """Reports the first painted window once, then (after SETTLE_MS) quits the application."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.seen = False

    def watch(self, window: QWindow) -> None:
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.seen
            and event.type() == QEvent.Type.Expose
            and isinstance(watched, QWindow)
            and watched.isExposed()
        ):
            self.seen = True
            QTimer.singleShot(0, self.report)  # after this expose is painted
        return False

    def report(self) -> None:
        now = time.monotonic_ns()
        print(f"visible {now} {peak_rss_kib()} {time.process_time_ns()}", flush=True)
        QTimer.singleShot(SETTLE_MS, self.settled)

    def settled(self) -> None:
        print(f"settled {peak_rss_kib()}", flush=True)
        self.app.quit()


def watch_exec() -> None:
    """Make `QApplication.exec` watch the shown windows before it runs the loop."""
    original = QApplication.exec  # a static method: runs the one application's loop

    def exec_with_probe(*_args: object) -> int:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            probe = FirstExpose(app)
            for widget in app.topLevelWidgets():
                handle = widget.windowHandle()
                if widget.isVisible() and handle is not None:
                    probe.watch(handle)
        return int(original())

    QApplication.exec = exec_with_probe  # type: ignore[method-assign]


def run_bare() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 760)
    window.show()
    return app.exec()


def run_app(args: list[str]) -> int:
    from backcoach.cli import main as backcoach_main

    sys.argv = ["backcoach", *args]
    return backcoach_main(args)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("bare", "app"):
        print("usage: startup_probe.py bare | app [backcoach options]", file=sys.stderr)
        return 2
    watch_exec()
    if sys.argv[1] == "bare":
        return run_bare()
    return run_app(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
