"""Bad input at the command line: a clear message naming what and where, never a hang or a crash."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.core import history as history_module
from backcoach.core.files import read_regular
from backcoach.core.history import open_history
from backcoach.core.settings import Settings, SettingsStore
from tests.core.history_fixtures import make_log

ROUTINE = (
    "backcoach: 1\ntitle: T\nexercises:\n  a:\n    name: A\nsteps:\n  - exercise: a\n    hold: 5s\n"
)


def run_cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The real command in a child process: a hang fails the test instead of stalling it."""
    return subprocess.run(
        [sys.executable, "-m", "backcoach", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_read_regular_refuses_folders_and_devices(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="is a folder, not a file"):
        read_regular(tmp_path)
    with pytest.raises(OSError, match="is a device, not a file"):
        read_regular(Path("/dev/zero"))
    (tmp_path / "f").write_bytes(b"x" * 100)
    assert read_regular(tmp_path / "f", 10) == b"x" * 11  # limit + 1: the caller sees "too big"


def test_check_refuses_a_pipe_instead_of_waiting_on_it(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "ok.yaml").write_text(ROUTINE)
    os.mkfifo(folder / "pipe.yaml")
    proc = run_cli("check", str(folder), timeout=20)
    assert proc.returncode == 1, proc.stderr
    assert f"{folder}/pipe.yaml:1:1: is a pipe, not a file" in proc.stdout
    proc = run_cli("plan", str(folder / "pipe.yaml"), timeout=20)
    assert proc.returncode == 2
    assert "pipe.yaml: not a routine file (a folder, pipe or device)" in proc.stderr


def test_check_refuses_an_endless_device(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/dev/zero"]) == 1
    assert "/dev/zero:1:1: is a device, not a file" in capsys.readouterr().out


def test_check_a_folder_without_routines_is_not_all_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "looks.yaml").mkdir()  # a folder named like a routine
    assert main(["check", str(tmp_path / "looks.yaml")]) == 2
    err = capsys.readouterr().err
    assert "looks.yaml: a folder with no .yaml or .yml files in it" in err
    assert "all valid" not in err


def test_check_does_not_follow_a_symlink_loop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ok.yaml").write_text(ROUTINE)
    (tmp_path / "loop").symlink_to(".")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    assert main(["check", str(tmp_path)]) == 0
    assert "1 file checked, all valid" in capsys.readouterr().err


def test_check_interrupted_exits_130_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    (tmp_path / "ok.yaml").write_text(ROUTINE)
    monkeypatch.setattr("backcoach.commands.check.check_files", interrupted)
    assert main(["check", str(tmp_path)]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_plan_json_into_a_closed_pipe_prints_no_traceback(tmp_path: Path) -> None:
    steps = "".join("  - exercise: a\n    duration: 2s\n    sets: 20\n" for _ in range(200))
    path = tmp_path / "big.yaml"
    path.write_text(ROUTINE.replace("steps:\n  - exercise: a\n    hold: 5s\n", "steps:\n" + steps))
    proc = subprocess.Popen(
        [sys.executable, "-m", "backcoach", "plan", "--json", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    with proc.stdout, proc.stderr:
        assert proc.stdout.read(10)  # `| head -c 10`
        proc.stdout.close()
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_import_refuses_a_pipe_and_a_device(tmp_path: Path, data_dir: Path) -> None:
    os.mkfifo(tmp_path / "export.json")
    proc = run_cli("import", "--data-dir", str(data_dir), str(tmp_path / "export.json"))
    assert proc.returncode == 1
    assert "export.json: cannot read the file (is a pipe, not a file)" in proc.stderr
    proc = run_cli("import", "--data-dir", str(data_dir), "/dev/zero")
    assert proc.returncode == 1
    assert "/dev/zero: cannot read the file (is a device, not a file)" in proc.stderr


def test_data_dir_that_is_a_file_is_named(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_log(data_dir)
    assert main(["export", "--data-dir", str(data_dir), "-o", str(tmp_path / "e.json")]) == 0
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    for where in (blocker, blocker / "sub"):
        capsys.readouterr()
        assert main(["import", "--data-dir", str(where), str(tmp_path / "e.json")]) == 1
        err = capsys.readouterr().err
        assert f"{blocker} is a file, not a folder" in err
    assert blocker.read_text() == "a file, not a folder"


def test_export_to_a_folder_or_a_missing_folder_says_so(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_log(data_dir)
    assert main(["export", "--data-dir", str(data_dir), "-o", str(tmp_path)]) == 1
    assert f"cannot write {tmp_path}: Is a directory" in capsys.readouterr().err
    missing = tmp_path / "missing" / "e.json"
    assert main(["export", "--data-dir", str(data_dir), "-o", str(missing)]) == 1
    assert f"cannot write {missing}: there is no folder {missing.parent}" in capsys.readouterr().err
    pdf = tmp_path / "missing" / "e.pdf"
    assert main(["export", "--data-dir", str(data_dir), "--format", "pdf", "-o", str(pdf)]) == 1
    assert f"cannot write {pdf}: there is no folder {pdf.parent}" in capsys.readouterr().err
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    assert main(["export", "--data-dir", str(blocker)]) == 1
    assert f"{blocker} is a file, not a folder" in capsys.readouterr().err
    assert main(["export", "--since", "2025-03-02", "--until", "2025-03-01"]) == 2
    assert "--since 2025-03-02 is after --until 2025-03-01" in capsys.readouterr().err


def test_import_waits_briefly_for_a_busy_log_then_says_why(
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = make_log(data_dir)
    assert main(["export", "--data-dir", str(data_dir), "-o", str(tmp_path / "e.json")]) == 0
    monkeypatch.setattr(history_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        # A reader still gets the committed history (WAL) ...
        out = tmp_path / "again.json"
        assert main(["export", "--data-dir", str(data_dir), "-o", str(out)]) == 0
        assert len(json.loads(out.read_text())["sessions"]) == 3
        # ... and a writer gives up after the busy timeout with a clear message.
        capsys.readouterr()
        assert main(["import", "--data-dir", str(data_dir), str(tmp_path / "e.json")]) == 1
        assert "another program is using it" in capsys.readouterr().err
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_import_refuses_steps_of_the_wrong_type(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_log(data_dir)
    export = tmp_path / "e.json"
    assert main(["export", "--data-dir", str(data_dir), "-o", str(export)]) == 0
    data = json.loads(export.read_text())
    data["sessions"][0]["steps"][0]["index"] = "zero"
    data["sessions"][0]["steps"].append("a text")
    data["sessions"][1]["steps"] = {"not": "a list"}
    export.write_text(json.dumps(data))
    other = tmp_path / "other"
    assert main(["import", "--data-dir", str(other), str(export)]) == 1
    err = capsys.readouterr().err
    assert "sessions[0].steps[0].index: must be a whole number, found the text 'zero'" in err
    assert "sessions[1].steps: must be a list" in err


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("[]", "holds a list, not settings"),
        ("{not json", "is not valid JSON (line 1)"),
        ('{"volume": "loud", "theme": "dark"}', 'values of the wrong kind (volume: "loud")'),
    ],
)
def test_unreadable_settings_are_kept_aside_before_the_first_save(
    tmp_path: Path, content: str, why: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    store = SettingsStore(path)
    settings = store.load()
    assert store.problem is not None and why in store.problem and str(path) in store.problem
    assert "settings.json.bad-" in store.problem  # told before anything is touched
    assert path.read_text() == content
    if "theme" in content:
        assert settings.theme == "dark" and settings.volume == Settings().volume
    store.save(settings.replace(volume=0.5))
    assert store.moved_aside is not None
    assert store.moved_aside.name.startswith("settings.json.bad-")
    assert store.moved_aside.read_text() == content  # nothing lost
    assert json.loads(path.read_text())["volume"] == 0.5
    store.save(settings.replace(volume=0.6))  # only once
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json", store.moved_aside.name]


def test_good_settings_are_saved_in_place(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = SettingsStore(path)
    store.save(Settings(volume=0.3))
    assert store.load().volume == 0.3 and store.problem is None
    store.save(Settings(volume=0.4))
    assert store.moved_aside is None
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_settings_under_a_file_say_which_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    store = SettingsStore(tmp_path / "file" / "settings.json")
    assert store.load() == Settings()
    assert store.problem is not None and f"{tmp_path / 'file'} is not a folder" in store.problem


def test_a_routine_file_name_that_is_not_utf8_is_still_logged(tmp_path: Path) -> None:
    with open_history(tmp_path / "history.sqlite3") as store:
        sid = store.start_session(
            routine_id=os.fsdecode(b"caf\xe9"),  # the stem of a Latin-1 file name
            title="Café",
            sha256="ab" * 32,
            started_at=datetime(2025, 3, 1, 8, 0, tzinfo=UTC),
            speed=1.0,
            flare=False,
            pain_before=2,
            answers=[],
            steps=[(0, "a", 5.0)],
        )
        record = store.session(sid)
    assert record is not None and record.routine_id == "caf\ufffd"
