"""backcoach doctor, the Qt-free checks: data folder, history, routines, packages, report."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest

from backcoach.core import doctor
from backcoach.core.doctor import (
    Check,
    check_data_folder,
    check_history,
    check_routine_folders,
    exit_code,
    format_report,
    install_fix,
)


def test_data_folder_writable_missing_and_not_a_folder(tmp_path: Path) -> None:
    assert check_data_folder(tmp_path).level == "ok"
    assert list(tmp_path.iterdir()) == []  # the probe file is gone
    later = check_data_folder(tmp_path / "a" / "b")
    assert later.level == "ok" and "will be created" in later.message
    file = tmp_path / "file"
    file.write_text("x")
    assert check_data_folder(file).level == "problem"


def test_unwritable_data_folder_is_a_blocking_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    check = check_data_folder(tmp_path)
    assert check.blocking
    assert "not writable (Permission denied)" in check.message
    assert "--data-dir" in check.fix


def test_history_missing_healthy_and_damaged(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    missing = check_history(db)
    assert missing.level == "ok" and "no history yet" in missing.message
    assert not db.exists()  # read-only: never created

    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
    conn.execute("INSERT INTO sessions DEFAULT VALUES")
    conn.commit()
    conn.close()
    healthy = check_history(db)
    assert healthy.level == "ok" and "1 session(s)" in healthy.message

    db.write_bytes(b"SQLite format 3\x00" + b"garbage" * 200)
    damaged = check_history(db)
    assert damaged.level == "problem"
    assert "damaged" in damaged.message and "moves the damaged file aside" in damaged.fix
    assert db.read_bytes().startswith(b"SQLite format 3\x00garbage")  # left untouched


def test_routine_folders_valid_invalid_and_missing(repo: Path, tmp_path: Path) -> None:
    bundled = repo / "routines"
    ok = check_routine_folders([bundled])
    assert [c.level for c in ok] == ["ok"]
    assert "all valid" in ok[0].message

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "broken.yaml").write_text("backcoach: 1\nname: Broken\nsteps: nope\n")
    gone = tmp_path / "gone"
    checks = check_routine_folders([bundled, mine, gone], required=[mine, gone])
    problems = [c for c in checks if c.level == "problem"]
    assert len(problems) == 2
    assert any(str(gone) in c.message for c in problems)
    broken = next(c for c in problems if "broken.yaml" in c.message)
    assert "backcoach check" in broken.fix and broken.blocking


def test_no_valid_routine_at_all_is_a_problem(tmp_path: Path) -> None:
    checks = check_routine_folders([tmp_path])
    assert [c.level for c in checks] == ["problem"]
    assert "no valid routine" in checks[0].message


def test_install_fix_maps_libraries_to_debian_packages() -> None:
    fix = install_fix(["libxcb-cursor.so.0", "libEGL.so.1", "libpulse.so.0", "libxcb-icccm.so.4"])
    assert fix == "sudo apt install libegl1 libpulse0 libxcb-cursor0 libxcb-icccm4"
    assert "libfoo.so.9" in install_fix(["libfoo.so.9"])


def test_missing_libraries_parses_ldd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_ldd = tmp_path / "ldd"
    fake_ldd.write_text(
        "#!/bin/sh\necho '\tlibxcb-cursor.so.0 => not found'\n"
        "echo '\tlibc.so.6 => /lib/libc.so.6 (0x1)'\necho '\tlibEGL.so.1 => not found'\n"
    )
    fake_ldd.chmod(0o755)
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"\x7fELF")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert doctor.missing_libraries(plugin) == ["libEGL.so.1", "libxcb-cursor.so.0"]


def test_report_and_exit_code() -> None:
    voice = Check("Voice", "warning", "no engine", "sudo apt install speech-dispatcher", False)
    ok = Check("Fonts", "ok", "35 families")
    assert exit_code([ok, voice]) == 0
    assert "A session can run" in format_report([ok, voice])
    assert voice.line() == ("WARNING  Voice: no engine Fix: sudo apt install speech-dispatcher")
    window = Check("Qt platform plugin", "problem", "missing", "sudo apt install libegl1")
    assert exit_code([ok, voice, window]) == 1
    assert format_report([window]).splitlines()[-1].startswith("1 problem(s)")


def test_sound_server_socket(tmp_path: Path) -> None:
    assert doctor.sound_server_socket({}) is None
    assert doctor.sound_server_socket({"XDG_RUNTIME_DIR": str(tmp_path)}) is None
    (tmp_path / "pipewire-0").touch()
    assert doctor.sound_server_socket({"XDG_RUNTIME_DIR": str(tmp_path)}) == tmp_path / "pipewire-0"


def test_probe_timeout_kills_the_child() -> None:
    outcome = doctor.run_python_probe("import time; time.sleep(30)", timeout=0.5)
    assert outcome.timed_out


def test_history_check_names_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    check = check_history(blocker / "history.sqlite3")
    assert check.level == "problem"
    assert str(blocker) in check.message and "is a file" in check.message
