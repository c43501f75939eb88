"""kill -9 mid-session loses at most the segment in progress: the log says `interrupted`.

Starts a real app process through the test-only entry script autopilot_app.py
(the session flow answers its own check-in so the player starts), waits for a
checkpointed step in the SQLite file, then SIGKILLs it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backcoach.core.history import open_history
from tests.ui.kit import write_routines

AUTOPILOT_APP = Path(__file__).with_name("autopilot_app.py")


def checkpointed_steps(db: Path) -> int:
    """Steps with at least one whole 10 s hold saved."""
    if not db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as c:
            row = c.execute("SELECT count(*) FROM steps WHERE done_seconds >= 9.99").fetchone()
            return int(row[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_sigkill_mid_session_leaves_interrupted_session_with_steps(tmp_path: Path) -> None:
    routines = write_routines(tmp_path / "routines")
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("BACKCOACH_DATA_DIR", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(AUTOPILOT_APP),
            "--data-dir",
            str(data),
            "--start",
            str(routines / "tiny.yaml"),
            "--speed",
            "20",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    db = data / "history.sqlite3"
    try:
        deadline = time.monotonic() + 60
        while checkpointed_steps(db) == 0:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "no step was checkpointed within 60 s"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    store = open_history(db)
    try:
        assert len(store.recovered) == 1
        [rec] = store.sessions()
        assert rec.status == "interrupted"
        assert rec.speed == 20.0
        assert rec.pain_before == 0
        assert rec.steps[0].done_seconds >= 10.0 - 1e-6  # at least one whole 10 s hold
        assert rec.steps[-1].status == "pending"
    finally:
        store.close()
