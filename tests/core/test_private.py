"""Private by default: the data folder 0700 and every file backcoach writes in it 0600,
whatever the umask; older, looser ones tightened once, and the user told once."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.core.doctor import check_privacy
from backcoach.core.history import open_history
from backcoach.core.private import (
    PRIVATE_MARKER,
    create_private_dir,
    create_private_file,
    tighten_data_folder,
)
from backcoach.core.settings import Settings, SettingsStore
from tests.core.history_fixtures import fill

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual desktop umask (files 0644, folders 0755 unless told otherwise)."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_a_new_history_is_private_with_its_wal_and_shm(tmp_path: Path) -> None:
    data = tmp_path / "share" / "backcoach"
    with open_history(data / "history.sqlite3") as store:
        fill(store)
        wal = data / "history.sqlite3-wal"
        shm = data / "history.sqlite3-shm"
        assert wal.exists() and shm.exists()
        assert {p.name: mode(p) for p in data.iterdir()} == {
            "history.sqlite3": 0o600,
            "history.sqlite3-wal": 0o600,
            "history.sqlite3-shm": 0o600,
        }
    assert mode(data) == 0o700
    assert mode(tmp_path / "share") == 0o700  # created by backcoach, so private too


@pytest.mark.usefixtures("umask_022")
def test_settings_are_saved_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    SettingsStore(data / "settings.json").save(Settings(volume=0.5))
    assert mode(data) == 0o700
    assert mode(data / "settings.json") == 0o600


def test_modes_do_not_depend_on_a_strict_umask(tmp_path: Path) -> None:
    old = os.umask(0o277)  # would make a plain mkdir 0500 and a plain file 0400
    try:
        assert create_private_dir(tmp_path / "a" / "b")
        assert create_private_file(tmp_path / "a" / "b" / "f")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a") == mode(tmp_path / "a" / "b") == 0o700
    assert mode(tmp_path / "a" / "b" / "f") == 0o600
    assert not create_private_file(tmp_path / "a" / "b" / "f")  # an existing file is kept


def loose_folder(data: Path) -> None:
    """A data folder as an older backcoach left it under umask 022."""
    data.mkdir(mode=0o755)
    with open_history(data / "history.sqlite3") as store:
        fill(store)
    for name in ("history.sqlite3", "settings.json", "settings.json.bad-20250101-000000"):
        (data / name).touch()
        (data / name).chmod(0o644)
    (data / "routines" / "Dr Ruiz").mkdir(parents=True)
    (data / "routines").chmod(0o755)
    (data / "routines" / "Dr Ruiz").chmod(0o755)
    (data / "routines" / "Dr Ruiz" / "a.yaml").write_text("x")
    (data / "routines" / "Dr Ruiz" / "a.yaml").chmod(0o664)
    (data / "notes.txt").write_text("not backcoach's")
    (data / "notes.txt").chmod(0o644)
    data.chmod(0o755)


@pytest.mark.usefixtures("umask_022")
def test_an_older_loose_folder_is_tightened_and_the_user_told_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    loose_folder(data)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("linked")
    outside.chmod(0o644)
    (data / "settings.json.link").symlink_to(outside)

    first = tighten_data_folder(data)
    assert first.tell and first.parts
    assert set(first.changed) == {
        data,
        data / "history.sqlite3",
        data / "settings.json",
        data / "settings.json.bad-20250101-000000",
        data / "routines",
        data / "routines" / "Dr Ruiz",
        data / "routines" / "Dr Ruiz" / "a.yaml",
    }
    assert mode(data) == 0o700
    assert mode(data / "history.sqlite3") == mode(data / "settings.json") == 0o600
    assert mode(data / "routines" / "Dr Ruiz") == 0o700
    assert mode(data / "routines" / "Dr Ruiz" / "a.yaml") == 0o600
    assert mode(data / "notes.txt") == 0o644  # not backcoach's: left alone
    assert mode(outside) == 0o644  # a symlink is not followed
    assert mode(data / PRIVATE_MARKER) == 0o600
    assert json.loads((data / PRIVATE_MARKER).read_text())["count"] == 7

    again = tighten_data_folder(data)
    assert again.changed == () and not again.tell
    (data / "settings.json").chmod(0o644)  # loosened again later: tightened, not told again
    later = tighten_data_folder(data)
    assert later.changed == (data / "settings.json",) and not later.tell and not later.parts
    assert mode(data / "settings.json") == 0o600


def test_a_shared_sticky_folder_is_never_changed(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    assert not tighten_data_folder(shared).changed
    assert mode(shared) == 0o1777


@pytest.mark.usefixtures("umask_022")
def test_doctor_has_a_privacy_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert check_privacy(data).level == "ok"  # not there yet: will be created private
    loose_folder(data)
    before = check_privacy(data)
    assert before.level == "warning" and not before.blocking
    assert f"{data} (mode 0755)" in before.message and "chmod -R go-rwx" in before.fix
    tighten_data_folder(data)
    after = check_privacy(data)
    assert after.level == "ok"
    assert "can be read only by you (backcoach made them private on 20" in after.message


@pytest.mark.usefixtures("umask_022")
def test_import_command_creates_a_private_history(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_history(tmp_path / "other" / "history.sqlite3") as store:
        fill(store)
    export = tmp_path / "export.json"
    assert main(["export", "--data-dir", str(tmp_path / "other"), "-o", str(export)]) == 0
    assert main(["import", str(export), "--data-dir", str(data)]) == 0
    assert mode(data) == 0o700
    assert {mode(p) for p in data.iterdir()} == {0o600}


def test_an_empty_folder_is_tightened_without_news(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o755)
    done = tighten_data_folder(data)
    assert done.changed == (data,) and not done.tell
    assert mode(data) == 0o700
    assert not (data / PRIVATE_MARKER).exists()
