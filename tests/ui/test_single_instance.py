"""One instance per data folder: lock, hand-over of --start, stale locks from crashes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core.instance import LOCK_NAME
from backcoach.ui.options import GuiOptions
from backcoach.ui.single_instance import (
    SingleInstance,
    deliver,
    message_from_args,
    server_name,
)


def test_names_differ_per_data_folder(tmp_path: Path) -> None:
    a, b = server_name(tmp_path / "a"), server_name(tmp_path / "b")
    assert a != b
    assert a == server_name(tmp_path / "a")
    assert a.startswith("backcoach-")


def test_second_instance_hands_over_its_start(qtbot: QtBot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.claim()
    assert first.is_primary
    second = SingleInstance(data_dir)
    try:
        assert not second.claim()
        with qtbot.waitSignal(first.message_received, timeout=3000) as got:
            assert second.send({"start": "morning", "speed": 1.0}, timeout_ms=0)
        assert got.args == [{"start": "morning", "speed": 1.0}]
    finally:
        first.release()
    # once the first is gone, the next start takes over
    assert second.claim()
    second.release()


def test_other_data_folder_is_another_instance(tmp_path: Path) -> None:
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    try:
        assert a.claim()
        assert b.claim()
    finally:
        a.release()
        b.release()


def _dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(proc.stdout)


def test_stale_lock_from_a_crash_does_not_block(data_dir: Path) -> None:
    pid = _dead_pid()
    # QLockFile's format: pid, app name, host name (one per line)
    (data_dir / LOCK_NAME).write_text(f"{pid}\nbackcoach\n{os.uname().nodename}\n")
    inst = SingleInstance(data_dir)
    try:
        assert inst.claim()
        assert inst.is_primary
    finally:
        inst.release()


def test_send_without_a_running_instance_fails(data_dir: Path) -> None:
    assert not SingleInstance(data_dir).send({"start": None}, timeout_ms=200)


def test_garbage_is_ignored(qtbot: QtBot, data_dir: Path) -> None:
    from PySide6.QtNetwork import QLocalSocket

    first = SingleInstance(data_dir)
    assert first.claim()
    received: list[dict[str, object]] = []
    first.message_received.connect(received.append)
    try:
        sock = QLocalSocket()
        sock.connectToServer(first.name)
        assert sock.waitForConnected(1000)
        sock.write(b"not json\n")
        sock.waitForBytesWritten(1000)
        qtbot.waitUntil(lambda: sock.state() == QLocalSocket.LocalSocketState.UnconnectedState)
        assert received == []
    finally:
        first.release()


@pytest.mark.slow
def test_real_second_process_hands_over(qtbot: QtBot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.claim()
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from backcoach.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        inst = SingleInstance(Path({str(data_dir)!r}))
        if inst.claim():
            sys.exit(3)
        sys.exit(0 if inst.send({{"start": "tiny", "speed": 4.0}}) else 4)
        """
    )
    from PySide6.QtCore import QProcess

    proc = QProcess()
    try:
        with qtbot.waitSignal(first.message_received, timeout=10_000) as got:
            proc.start(sys.executable, ["-c", script])
        assert got.args == [{"start": "tiny", "speed": 4.0}]
        with qtbot.waitSignal(proc.finished, timeout=10_000) as done:
            pass
        assert done.args[0] == 0, bytes(proc.readAllStandardError().data()).decode()
    finally:
        first.release()


def test_message_from_args_resolves_paths(tmp_path: Path) -> None:
    routine = tmp_path / "r.yaml"
    routine.write_text("x")
    msg = message_from_args(GuiOptions(start=str(routine), speed=2.0))
    assert msg == {"start": str(routine.resolve()), "speed": 2.0}
    assert message_from_args(GuiOptions(start="morning")) == {
        "start": "morning",
        "speed": 1.0,
    }


class FakeFlow:
    def __init__(self, running: bool) -> None:
        self.running = running

    def in_session(self) -> bool:
        return self.running


class FakeWindow:
    def __init__(self, running: bool = False) -> None:
        self.flow: FakeFlow | None = FakeFlow(running) if running else None
        self.notes: list[str] = []
        self.started: list[tuple[str, float]] = []

    def notify(self, text: str) -> None:
        self.notes.append(text)

    def start_by_name(self, name: str, speed: float | None = None) -> bool:
        self.started.append((name, speed or 1.0))
        return False


def test_deliver_starts_the_routine_with_its_speed() -> None:
    w = FakeWindow()
    deliver(w, {"start": "tiny", "speed": 3.0})
    assert w.started == [("tiny", 3.0)]


def test_deliver_never_replaces_a_running_session() -> None:
    w = FakeWindow(running=True)
    deliver(w, {"start": "tiny", "speed": 1.0})
    assert w.started == []
    assert w.notes and "tiny" in w.notes[0]
