"""Odd input outside imports is a message, never a traceback: settings with numbers of
thousands of digits or NUL characters in folder names, routine folders with symlink loops,
data folders whose mode is 000 (simulated: the tests run as root, which ignores modes)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backcoach.cli import main
from backcoach.core.doctor import check_data_folder, check_history
from backcoach.core.history import HistoryUnavailable, open_history
from backcoach.core.library import expand_paths, scan_folders
from backcoach.core.settings import Settings, SettingsStore
from tests.core.history_fixtures import make_log
from tests.core.test_bad_input import ROUTINE


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"volume": ' + "1" * 5000 + "}", "holds a number of thousands of digits"),
        ('{"volume": ' + "1" * 400 + "}", "has values of the wrong kind (volume: 1111"),
        ('{"routine_folders": ["/a\\u0000b", "/ok"]}', 'routine_folders: ["/a\\u0000b", "/ok"]'),
        ('{"routine_folders": ["/a\\ud800"]}', 'routine_folders: ["/a\\ud800"]'),
    ],
)
def test_odd_settings_fall_back_with_a_message(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    store = SettingsStore(path)
    settings = store.load()
    assert store.problem is not None and problem in store.problem
    store.problem.encode("utf-8")  # printable: `backcoach doctor` prints it
    assert settings.volume == Settings().volume
    assert all("\x00" not in f for f in settings.routine_folders)
    assert settings.routine_folders in ((), ("/ok",))


def test_a_symlink_loop_in_a_routine_folder_is_a_problem_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ok.yaml").write_text(ROUTINE)
    (tmp_path / "self.yaml").symlink_to("self.yaml")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    entries = {e.path.name: e for e in scan_folders([tmp_path])}
    assert entries["ok.yaml"].ok
    for name in ("self.yaml", "a.yaml", "b.yaml"):
        assert "symbolic links" in entries[name].problems[0].message
    assert main(["check", str(tmp_path)]) == 1
    assert "3 of 4 files with problems" in capsys.readouterr().err


def refuse_under(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the calls a folder of mode 000 refuses (to anyone but root) refuse."""
    locked = str(folder)
    for name in ("stat", "lstat", "scandir", "listdir", "open"):
        real: Callable[..., Any] = getattr(os, name)

        def refusing(path: Any = ".", *a: Any, _real: Any = real, **kw: Any) -> Any:
            if isinstance(path, str | os.PathLike):
                text = os.fspath(path)
                if text.startswith(locked + os.sep):
                    raise PermissionError(13, "Permission denied", text)
            return _real(path, *a, **kw)

        monkeypatch.setattr(os, name, refusing)


def test_a_data_folder_of_mode_000_is_a_message_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    make_log(data)
    (data / "r.yaml").write_text(ROUTINE)
    export = tmp_path / "export.json"
    assert main(["export", "--data-dir", str(data), "-o", str(export)]) == 0
    refuse_under(data, monkeypatch)
    capsys.readouterr()

    assert main(["export", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"cannot use {data} as the data folder" in err and "Permission denied" in err
    assert main(["import", str(export), "--data-dir", str(data)]) == 1
    assert "Permission denied" in capsys.readouterr().err
    with pytest.raises(HistoryUnavailable, match="Permission denied"):
        open_history(data / "history.sqlite3")
    history = check_history(data / "history.sqlite3")
    assert history.level == "problem" and "Permission denied" in history.message
    assert check_data_folder(data / "sub").level == "problem"
    files, errors = expand_paths([str(data / "r.yaml")])
    assert [f.display for f in files] == [str(data / "r.yaml")] and not errors
    assert main(["check", str(data / "r.yaml")]) == 1
    assert "Permission denied" in capsys.readouterr().out
