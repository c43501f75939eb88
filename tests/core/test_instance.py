"""Telling a live window's lock from one left by a crash, without Qt."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from backcoach.core.instance import (
    PID_NAME,
    app_running,
    pid_file_text,
    remove_pid_file,
    write_pid_file,
)


def test_no_lock_means_no_app(tmp_path: Path) -> None:
    assert app_running(tmp_path) is False


def test_a_live_owner_on_this_machine_is_running(tmp_path: Path) -> None:
    write_pid_file(tmp_path)
    assert app_running(tmp_path) is True


def test_a_dead_owner_is_not(tmp_path: Path) -> None:
    (tmp_path / PID_NAME).write_text(pid_file_text(999999999, socket.gethostname()))
    assert app_running(tmp_path) is False


def test_another_machines_lock_is_taken_as_running(tmp_path: Path) -> None:
    (tmp_path / PID_NAME).write_text(pid_file_text(999999999, "some-other-host"))
    assert app_running(tmp_path) is True


def test_garbage_in_the_lock_is_not_an_owner(tmp_path: Path) -> None:
    (tmp_path / PID_NAME).write_bytes(b"\xff\xfe not a pid")
    assert app_running(tmp_path) is False


def test_a_qt_lock_file_alone_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "instance.lock").write_text(f"{os.getpid()}\nbackcoach\n{socket.gethostname()}\n")
    assert app_running(tmp_path) is False


def test_the_pid_file_goes_with_its_owner_only(tmp_path: Path) -> None:
    write_pid_file(tmp_path)
    remove_pid_file(tmp_path)
    assert not (tmp_path / PID_NAME).exists()
    (tmp_path / PID_NAME).write_text(pid_file_text(999999999, socket.gethostname()))
    remove_pid_file(tmp_path)  # another process's file stays
    assert (tmp_path / PID_NAME).exists()
