"""Telling a live window's lock from one left by a crash, without Qt."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from backcoach.core.instance import LOCK_NAME, app_running


def test_no_lock_means_no_app(tmp_path: Path) -> None:
    assert app_running(tmp_path) is False


def test_a_live_owner_on_this_machine_is_running(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text(f"{os.getpid()}\nbackcoach\n{socket.gethostname()}\n")
    assert app_running(tmp_path) is True


def test_a_dead_owner_is_not(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text(f"999999999\nbackcoach\n{socket.gethostname()}\n")
    assert app_running(tmp_path) is False


def test_another_machines_lock_is_taken_as_running(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text("999999999\nbackcoach\nsome-other-host\n")
    assert app_running(tmp_path) is True


def test_garbage_in_the_lock_is_not_an_owner(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_bytes(b"\xff\xfe not a pid")
    assert app_running(tmp_path) is False
