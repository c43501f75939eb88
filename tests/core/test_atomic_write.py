"""atomic_write: the whole new file or the old one, never half; 0600; no symlink followed."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

import pytest

from backcoach.core.files import WriteCheckFailed, atomic_write


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_writes_the_bytes_as_a_private_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write(target, b'{"a": 1}\n')
    assert target.read_bytes() == b'{"a": 1}\n'
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")
    atomic_write(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert leftovers(tmp_path) == []


def test_a_refused_check_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 the old report %%EOF")
    seen: list[bytes] = []

    def verify(tmp: Path) -> str | None:
        seen.append(tmp.read_bytes())
        assert tmp.parent == tmp_path and tmp != target
        return "the PDF has no %%EOF at its end"

    with pytest.raises(WriteCheckFailed) as info:
        atomic_write(target, b"%PDF-1.4 cut short", verify=verify)
    assert seen == [b"%PDF-1.4 cut short"]  # the check saw everything written
    assert str(info.value) == f"{target}: the PDF has no %%EOF at its end"
    assert info.value.strerror == "the PDF has no %%EOF at its end"
    assert target.read_bytes() == b"%PDF-1.4 the old report %%EOF"
    assert leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_old_file_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "history.csv"
    target.write_bytes(b"old")

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError) as info:
        atomic_write(target, b"new")
    assert info.value.errno == errno.ENOSPC
    assert info.value.filename == str(target)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "report.pdf"
    with pytest.raises(FileNotFoundError) as info:
        atomic_write(target, b"x")
    assert info.value.filename == str(target)
    assert not target.parent.exists()


def test_a_folder_in_the_way_fails_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.mkdir()
    with pytest.raises(IsADirectoryError):
        atomic_write(target, b"x")
    assert target.is_dir()
    assert leftovers(tmp_path) == []


def test_a_planted_symlink_at_the_temporary_name_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    target = tmp_path / "out.json"
    names = iter(["guessed", "fresh"])
    monkeypatch.setattr(secrets, "token_hex", lambda _n: next(names))  # the names drawn
    trap = tmp_path / ".out.json.guessed.tmp"
    trap.symlink_to(victim)
    atomic_write(target, b"new")
    assert victim.read_bytes() == b"precious"
    assert target.read_bytes() == b"new" and not target.is_symlink()
    assert trap.is_symlink()  # someone else's file: left alone


def test_a_symlink_target_is_replaced_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    target = tmp_path / "out.json"
    target.symlink_to(victim)
    atomic_write(target, b"new")
    assert victim.read_bytes() == b"precious"
    assert not target.is_symlink() and target.read_bytes() == b"new"


def test_the_file_and_then_its_folder_are_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[bool] = []  # True for a folder
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    atomic_write(tmp_path / "out.json", b"x")
    assert synced == [False, True]


def test_an_interrupted_write_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def interrupt(_tmp: Path) -> str | None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new", verify=interrupt)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
