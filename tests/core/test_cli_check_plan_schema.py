"""`backcoach check`, `plan` and `schema` through the CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach.cli import main

REPO = Path(__file__).resolve().parents[2]
VALID = Path(__file__).parent / "fixtures" / "valid"


def test_check_valid_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(VALID)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "2 files checked, all valid" in err


def test_check_names_files_as_given_below_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rs" / "sub").mkdir(parents=True)
    (tmp_path / "rs" / "sub" / "bad.yaml").write_text(
        "backcoach: 1\ntitle: T\nlevel: easy\nsteps: [{rest: 1m}]\n"
    )
    (tmp_path / "rs" / "ok.yml").write_text("backcoach: 1\ntitle: T\nsteps: [{rest: 1m}]\n")
    (tmp_path / "rs" / "notes.txt").write_text("not checked")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "short", "rs", "rs/ok.yml"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "rs/sub/bad.yaml:3:8: level: expected one of gentle, moderate or strong, got 'easy'"
    ]
    assert "1 of 3 files with problems" in err


def test_check_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2
    _, err = capsys.readouterr()
    assert "no such file or folder" in err


def test_check_caps_problems_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    steps = "".join(f"  - {{exercise: a, hold: {i}x}}\n" for i in range(80))
    path = tmp_path / "many.yaml"
    path.write_text("backcoach: 1\ntitle: T\nexercises: {a: {name: A}}\nsteps:\n" + steps)
    assert main(["check", "-q", "--format", "short", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 51
    assert lines[-1].startswith(f"{path}:55:")
    assert "... and 30 more problems in this file" in lines[-1]


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe\x00\x01", b"key: [unclosed\n", b"\x00\x01\x02", b"- - - -", b"a: *x\n"],
)
def test_check_never_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    assert main(["check", str(path)]) == 1
    out, _ = capsys.readouterr()
    assert out.startswith(f"{path}:") and "Traceback" not in out


def test_plan_table_and_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(VALID / "morning.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Morning lower-back routine"
    assert " 0:05  hold: Single knee to chest" in out
    assert out.rstrip().endswith("total: 5m45s")


def test_plan_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--json", "--flare", str(VALID / "morning.yaml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Morning lower-back routine"
    assert data["flare"] is True and data["self_paced"] is False
    assert data["total_seconds"] == 125
    assert sum(s["duration"] for s in data["segments"]) == 125
    assert set(data["segments"][0]) == {
        "start",
        "duration",
        "kind",
        "exercise",
        "id",
        "side",
        "set",
        "rep",
        "label",
    }
    assert "plank" not in {s["exercise"] for s in data["segments"]}


def test_plan_flare_without_flare_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("backcoach: 1\ntitle: T\nsteps: [{rest: 1m}]\n")
    assert main(["plan", "--flare", str(path)]) == 0
    out = capsys.readouterr().out
    assert "no flare variant" in out and "total: 1m5s" in out


def test_plan_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("backcoach: 1\ntitle: T\nsteps:\n  - rest: soon\n")
    assert main(["plan", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}:4:11: steps[0].rest: expected a duration like 30s")
    assert err.splitlines()[1:3] == [" 4 |   - rest: soon", "   |           ^"]  # as check shows it
    assert main(["plan", str(tmp_path / "missing.yaml")]) == 2


def test_plan_takes_a_routine_id_as_start_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    (data / "routines").mkdir(parents=True)
    (data / "routines" / "my-own.yaml").write_text(
        "backcoach: 1\ntitle: My own\nsteps: [{rest: 1m}]\n"
    )
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(data))
    monkeypatch.chdir(tmp_path)  # no routines/ here: the id is looked up, not a path
    assert main(["plan", "morning-lower-back"]) == 0
    assert capsys.readouterr().out.startswith("Morning lower-back routine")
    assert main(["plan", "my-own"]) == 0
    assert capsys.readouterr().out.startswith("My own")
    assert main(["plan", "no-such-routine"]) == 2
    assert "no such file or routine id" in capsys.readouterr().err


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "backcoach routine (format 1)"


@pytest.mark.slow
def test_check_subprocess_on_shipped_routines() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "backcoach", "check", str(REPO / "routines")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all valid" in proc.stderr
