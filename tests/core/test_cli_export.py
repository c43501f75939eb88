"""`backcoach export` and `backcoach import`: output, filters, exit codes."""

from __future__ import annotations

import csv
import io
import json
import socket
import sys
import types
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from backcoach.cli import main
from backcoach.core.export import ExportJob
from backcoach.core.history import open_history
from backcoach.core.instance import PID_NAME, pid_file_text, write_pid_file
from backcoach.core.routine import Prescribed
from backcoach.core.settings import Settings, SettingsStore
from tests.core.history_fixtures import T0, make_log, stored


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_json_to_stdout(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    make_log(data_dir)
    code, out, _ = run(capsys, "export", "--data-dir", str(data_dir))
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "backcoach-history"
    assert [s["status"] for s in data["sessions"]] == ["completed", "stopped", "completed"]
    assert len(data["breaks"]) == 2


def test_export_uses_env_data_dir(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_log(data_dir)
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(data_dir))
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and len(json.loads(out)["sessions"]) == 3


def test_export_csv_file_has_bom_and_parses(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    make_log(data_dir)
    target = tmp_path / "history.csv"
    code, out, err = run(
        capsys, "export", "--format", "csv", "-o", str(target), "--data-dir", str(data_dir)
    )
    assert (code, out) == (0, "")
    assert "Exported 3 sessions" in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,started_at,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["status"] for r in rows] == ["completed", "stopped", "completed"]
    assert rows[1]["notes"] == "'=tight on the left, «ça tire»"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_csv_to_stdout_has_no_bom(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    make_log(data_dir)
    code, out, _ = run(capsys, "export", "--format", "csv", "--data-dir", str(data_dir))
    assert code == 0 and out.startswith("id,started_at,")


def test_export_fhir_with_date_filter(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    make_log(data_dir)
    code, out, _ = run(
        capsys, "export", "--format", "fhir", "--since", "2025-03-02", "--data-dir", str(data_dir)
    )
    assert code == 0
    bundle = Bundle.model_validate(json.loads(out))
    values = [e.resource.valueInteger for e in bundle.entry or []]  # type: ignore[union-attr]
    assert values == [4, 6]  # the stopped session; the preview on 03-03 is left out


def test_export_until_filter(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    make_log(data_dir)
    code, out, _ = run(capsys, "export", "--until", "2025-03-01", "--data-dir", str(data_dir))
    assert code == 0
    assert [s["started_at"][:10] for s in json.loads(out)["sessions"]] == ["2025-03-01"]


def test_export_without_history_is_empty_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere"
    code, out, err = run(capsys, "export", "--data-dir", str(missing))
    assert code == 0
    assert json.loads(out)["sessions"] == []
    assert "no history yet" in err
    assert not missing.exists()


def _start_running_session(path: Path) -> int:
    with open_history(path) as store:
        return store.start_session(
            routine_id="r",
            title="R",
            sha256="",
            started_at=T0,
            speed=1.0,
            flare=False,
            pain_before=None,
            answers=[],
            steps=[],
        )


def test_export_lists_a_dead_apps_session_as_interrupted(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """No window holds the data folder: a `running` session is one whose app died."""
    path = make_log(data_dir)
    sid = _start_running_session(path)
    (data_dir / PID_NAME).write_text(pid_file_text(999999999, socket.gethostname()))
    code, out, _ = run(capsys, "export", "--data-dir", str(data_dir))
    sessions = json.loads(out)["sessions"]
    assert code == 0 and len(sessions) == 4
    assert [s["status"] for s in sessions if s["routine"]["id"] == "r"] == ["interrupted"]
    with open_history(path, recover=False) as store:
        assert stored(store, sid).status == "running"


def test_export_leaves_a_running_session_alone(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = make_log(data_dir)
    # a live window holds the folder (this test process stands in for it)
    write_pid_file(data_dir)
    sid = _start_running_session(path)
    code, out, _ = run(capsys, "export", "--data-dir", str(data_dir))
    assert code == 0 and len(json.loads(out)["sessions"]) == 3
    with open_history(path, recover=False) as store:
        assert stored(store, sid).status == "running"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "xml"], "invalid choice"),
        (["--since", "yesterday"], "not a date like 2025-03-01"),
        (["--format", "pdf"], "--format pdf needs -o FILE"),
        (["--since", "2025-03-02", "--until", "2025-03-01"], "is after --until"),
    ],
)
def test_export_usage_errors(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "export", "--data-dir", str(data_dir), *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_export_corrupt_history_fails_and_leaves_the_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = data_dir / "history.sqlite3"
    path.write_bytes(b"garbage" * 500)
    code, out, err = run(capsys, "export", "--data-dir", str(data_dir))
    assert (code, out) == (1, "")
    assert str(path) in err and "damaged" in err
    assert [p.name for p in data_dir.iterdir()] == ["history.sqlite3"]


def test_export_to_unwritable_place_fails(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    make_log(data_dir)
    code, _, err = run(
        capsys, "export", "-o", str(tmp_path / "missing" / "x.json"), "--data-dir", str(data_dir)
    )
    assert code == 1 and "cannot write" in err


FAKE_PDF = b"%PDF-1.4\nnot really a report\n%%EOF\n"


def fake_report(monkeypatch: pytest.MonkeyPatch) -> list[ExportJob]:
    """Stands in for backcoach.ui.history.report (Qt): records each job, returns FAKE_PDF."""
    jobs: list[ExportJob] = []

    def render_pdf_report(job: ExportJob) -> bytes:
        jobs.append(job)
        return FAKE_PDF

    monkeypatch.setitem(
        sys.modules, "backcoach.ui.history.report", report_module(render_pdf_report)
    )
    return jobs


def report_module(render: Callable[[ExportJob], bytes]) -> types.ModuleType:
    """A stand-in for backcoach.ui.history.report with `render` as its render_pdf_report."""
    fake = types.ModuleType("backcoach.ui.history.report")
    fake.__dict__.update(
        render_pdf_report=render,
        ensure_gui_app=lambda platform=None: None,
        headless_platform=lambda env: None,
    )
    return fake


def test_export_pdf_calls_the_report_writer(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_log(data_dir)
    jobs = fake_report(monkeypatch)
    target = tmp_path / "r.pdf"
    code, _, err = run(
        capsys,
        "export",
        "--format",
        "pdf",
        "-o",
        str(target),
        "--since",
        "2025-03-02",
        "--data-dir",
        str(data_dir),
    )
    assert code == 0
    (job,) = jobs
    assert target.read_bytes() == FAKE_PDF
    assert job.since == date(2025, 3, 2) and job.until is None
    assert len(job.sessions) == 2 and "Session history" in job.title
    assert "morning-lower-back" in job.targets  # the bundled routines' prescriptions
    assert "Exported 2 sessions" in err


def test_export_pdf_measures_adherence_against_the_users_own_routines(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_log(data_dir)
    mine = tmp_path / "my-routines"
    mine.mkdir()
    (mine / "my-knees.yaml").write_text(
        "backcoach: 1\ntitle: My knees\nprescribed: 2/day\nsteps: [{rest: 1m}]\n"
    )
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "imported.yaml").write_text(
        "backcoach: 1\ntitle: Imported\nprescribed: 3/week\nsteps: [{rest: 1m}]\n"
    )
    SettingsStore(data_dir / "settings.json").save(Settings(routine_folders=(str(mine),)))
    jobs = fake_report(monkeypatch)
    code, _, _ = run(
        capsys,
        "export",
        "--format",
        "pdf",
        "-o",
        str(tmp_path / "r.pdf"),
        "--data-dir",
        str(data_dir),
    )
    assert code == 0
    (job,) = jobs
    assert job.targets["my-knees"] == Prescribed(2, "day")
    assert job.targets["imported"] == Prescribed(3, "week")


def test_export_pdf_names_a_routine_folder_it_cannot_read(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_log(data_dir)
    gone = tmp_path / "unplugged-drive"
    SettingsStore(data_dir / "settings.json").save(Settings(routine_folders=(str(gone),)))
    fake_report(monkeypatch)
    code, _, err = run(
        capsys,
        "export",
        "--format",
        "pdf",
        "-o",
        str(tmp_path / "r.pdf"),
        "--data-dir",
        str(data_dir),
    )
    assert code == 0
    assert f"The routine folder {gone} was not found" in err


def test_a_report_that_does_not_check_out_leaves_the_old_file(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_log(data_dir)
    fake = report_module(lambda _job: b"%PDF-1.4 cut short")
    monkeypatch.setitem(sys.modules, "backcoach.ui.history.report", fake)
    target = tmp_path / "r.pdf"
    target.write_bytes(b"the report from last month")
    code, _, err = run(
        capsys, "export", "--format", "pdf", "-o", str(target), "--data-dir", str(data_dir)
    )
    assert code == 1
    assert f"cannot write {target}: the PDF report is incomplete" in err
    assert target.read_bytes() == b"the report from last month"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "r.pdf"]


def test_export_pdf_without_report_module_fails_clearly(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "backcoach.ui.history.report", None)
    code, _, err = run(
        capsys,
        "export",
        "--format",
        "pdf",
        "-o",
        str(tmp_path / "r.pdf"),
        "--data-dir",
        str(data_dir),
    )
    assert code == 1 and "PDF export is not available" in err


# --- import -------------------------------------------------------------------------
def test_import_then_again(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    make_log(data_dir)
    export = tmp_path / "e.json"
    assert run(capsys, "export", "-o", str(export), "--data-dir", str(data_dir))[0] == 0
    other = tmp_path / "other"
    code, out, _ = run(capsys, "import", str(export), "--data-dir", str(other))
    assert code == 0
    assert "3 sessions added, 0 already in the history" in out
    code, out, _ = run(capsys, "import", str(export), "--data-dir", str(other))
    assert code == 0
    assert "0 sessions added, 3 already in the history" in out
    with open_history(other / "history.sqlite3") as store:
        assert store.count() == 3


def test_import_refused_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    path = make_log(data_dir)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "backcoach-history", "version": 1, "sessions": [{"x": 1}]}')
    with open_history(path) as store:
        before = store.sessions()
    code, out, err = run(capsys, "import", str(bad), "--data-dir", str(data_dir))
    assert (code, out) == (1, "")
    assert str(bad) in err and "sessions[0].routine: missing" in err
    with open_history(path) as store:
        assert store.sessions() == before


def test_import_not_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    code, _, err = run(capsys, "import", str(bad), "--data-dir", str(tmp_path / "d"))
    assert code == 1 and "not valid JSON" in err
    assert not (tmp_path / "d").exists()


def test_import_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import")
    assert code == 2 and "FILE.json" in err


def test_import_into_unusable_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    make_log(data_dir)
    export = tmp_path / "e.json"
    run(capsys, "export", "-o", str(export), "--data-dir", str(data_dir))
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    code, _, err = run(capsys, "import", str(export), "--data-dir", str(blocker / "sub"))
    assert code == 1 and "Cannot create the data folder" in err


def test_import_into_corrupt_history_moves_it_aside_and_says_where(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    make_log(data_dir)
    export = tmp_path / "e.json"
    run(capsys, "export", "-o", str(export), "--data-dir", str(data_dir))
    other = tmp_path / "other"
    other.mkdir()
    (other / "history.sqlite3").write_bytes(b"\x00garbage" * 100)
    code, out, err = run(capsys, "import", str(export), "--data-dir", str(other))
    assert code == 0 and "3 sessions added" in out
    (aside,) = [p for p in other.iterdir() if ".corrupt-" in p.name]
    assert aside.read_bytes() == b"\x00garbage" * 100
    assert str(aside) in err
