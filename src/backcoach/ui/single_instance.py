"""One window per data folder: a second start hands its request to the first and exits.

The first instance holds a QLockFile in the data folder and listens on a
QLocalServer whose name comes from the user and the data folder (so test runs
with their own temporary data folders never meet). A later start fails to take
the lock, connects, sends one JSON line (`{"start": ..., "speed": ...}`) and
waits briefly for "ok". A lock left by a crashed process names a dead pid:
QLockFile treats it as stale and the next start takes it over.

The app takes the lock at start-up (`take_lock`, QtCore only) and listens
once its window is up (`listen`); until then a later start keeps trying to
connect while the lock's holder is alive. `claim()` does both at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from backcoach.core.instance import LOCK_NAME, remove_pid_file, write_pid_file
from backcoach.core.private import FILE_MODE, create_private_dir

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    from backcoach.ui.options import GuiOptions

REPLY = b"ok\n"
MAX_MESSAGE = 64 * 1024
RETRY_MS = 50
"""How often a later start tries again while the first is still coming up."""


def server_name(data_dir: Path) -> str:
    """A local-socket name unique to this user and data folder."""
    import getpass
    import hashlib

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = "user"
    try:
        folder = str(data_dir.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11, 3.12)
        folder = str(data_dir.absolute())
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:16]
    safe_user = "".join(c for c in user if c.isalnum())[:16] or "user"
    return f"backcoach-{safe_user}-{digest}"


class SingleInstance(QObject):
    """`claim()` makes this the running instance; otherwise `send()` to the one that is."""

    message_received = Signal(dict)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._name = ""
        self.lock = QLockFile(str(data_dir / LOCK_NAME))
        # Only a dead owner makes the lock stale, never its age: a session can run for hours.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None
        self.held_elsewhere = False
        """The lock is another live instance's (take_lock said so)."""

    @property
    def name(self) -> str:
        """The local-socket name the first instance listens on."""
        if not self._name:
            self._name = server_name(self.data_dir)
        return self._name

    # --- the first instance ------------------------------------------------------
    def claim(self) -> bool:
        """Take the lock and listen; False when another live instance holds it."""
        if not self.take_lock():
            return False
        self.listen()
        return True

    def take_lock(self) -> bool:
        """Take the lock (not listening yet); False when another live instance holds it."""
        try:
            create_private_dir(self.data_dir)
        except OSError:
            return True  # no data folder to lock: run on; the window will say what is wrong
        if not self.lock.tryLock(0):
            # Only a live holder stops us; a permission error must not block the app.
            self.held_elsewhere = self.lock.error() == QLockFile.LockError.LockFailedError
            return not self.held_elsewhere
        with contextlib.suppress(OSError):  # Qt creates it with the umask's mode
            os.chmod(self.data_dir / LOCK_NAME, FILE_MODE)
        with contextlib.suppress(OSError):  # read by `backcoach export` (core/instance.py)
            write_pid_file(self.data_dir, FILE_MODE)
        return True

    def listen(self) -> None:
        """Take later starts' messages (only while holding the lock)."""
        if self.server is not None or not self.lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # We hold the lock, so a socket left under this name is a crashed run's.
            QLocalServer.removeServer(self.name)
            server.listen(self.name)
        server.newConnection.connect(self._accept)
        self.server = server

    @property
    def is_primary(self) -> bool:
        return self.lock.isLocked()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            remove_pid_file(self.data_dir)
            self.lock.unlock()

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            # Only C++-side connections: Python closures holding sockets crash at teardown.
            sock.disconnected.connect(sock.deleteLater)
            sock.readyRead.connect(self._ready)
            if sock.bytesAvailable():
                self._read(sock)

    def _ready(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        sock = self.sender()
        if isinstance(sock, QLocalSocket):
            self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        held = sock.property("pending")
        data = (bytes(held) if held else b"") + bytes(sock.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                sock.abort()
            else:
                sock.setProperty("pending", data)
            return
        line = data.split(b"\n", 1)[0]
        sock.setProperty("pending", None)
        try:
            message = json.loads(line.decode("utf-8"))
        except ValueError:
            message = None
        if isinstance(message, dict):
            sock.write(REPLY)
            sock.flush()
        sock.disconnectFromServer()
        if isinstance(message, dict):
            self.message_received.emit(message)

    # --- a later start -------------------------------------------------------------
    def send(self, message: dict[str, Any], *, timeout_ms: int = 3000) -> bool:
        """Hand `message` to the running instance; True once it said "ok".

        `timeout_ms=0` only writes it (for a sender in the receiver's own thread).
        While the lock's live holder is still starting (not listening yet), the
        connection is tried again for up to `timeout_ms` (at least a second).
        """
        sock = self._connect(max(timeout_ms, 1000))
        if sock is None:
            return False
        payload = json.dumps(message).encode("utf-8") + b"\n"
        sock.write(payload)
        if not sock.waitForBytesWritten(max(timeout_ms, 1000)):
            return False
        if timeout_ms == 0:
            return True
        reply = b""
        while REPLY not in reply and sock.waitForReadyRead(timeout_ms):
            reply += bytes(sock.readAll().data())
        sock.disconnectFromServer()
        return REPLY in reply

    def _connect(self, timeout_ms: int) -> QLocalSocket | None:
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            sock = QLocalSocket()
            sock.connectToServer(self.name)
            if sock.waitForConnected(timeout_ms):
                return sock
            if not self.held_elsewhere or time.monotonic() >= deadline:
                return None
            QThread.msleep(RETRY_MS)


def message_from_args(options: GuiOptions) -> dict[str, Any]:
    """What a second start passes on: the routine to start and the preview speed."""
    start = options.start
    if start and Path(start).expanduser().exists():
        start = str(Path(start).expanduser().resolve())  # the first may run elsewhere
    return {"start": start, "speed": options.speed or 1.0}


class RunningFlow(Protocol):
    """What `deliver` asks of the window's session flow."""

    def in_session(self) -> bool: ...


class Receiver(Protocol):
    """What `deliver` needs from the main window."""

    @property
    def flow(self) -> RunningFlow | None: ...

    def notify(self, text: str) -> None: ...

    def start_by_name(self, name: str, speed: float | None = None) -> bool: ...


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def deliver(window: Receiver, message: dict[str, Any]) -> None:
    """Act on a second start's message: come forward and open the routine's check-in.

    A preview speed applies to that one session only (the window's own speed stays
    for later ones). A running session is never replaced.
    """
    if isinstance(window, QWidget):
        bring_forward(window)
    start = message.get("start")
    if not isinstance(start, str) or not start:
        return
    flow = window.flow
    if flow is not None and flow.in_session():
        window.notify(
            QCoreApplication.translate(
                "SingleInstance", "Finish or stop this session first, then start “{0}”."
            ).format(start)
        )
        return
    speed = message.get("speed")
    given = float(speed) if isinstance(speed, int | float) and speed > 0 else None
    window.start_by_name(start, speed=given)


def connect_window(instance: SingleInstance, window: Receiver) -> None:
    """Route messages from later starts to `window`."""
    instance.message_received.connect(lambda message: deliver(window, message))
