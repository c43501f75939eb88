"""The stage each session ran at: kept in the log, exported (JSON, CSV) and imported back."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

from backcoach.core.export import export_json, write_csv
from backcoach.core.history import open_history
from backcoach.core.log.importer import import_sessions, read_export_data
from backcoach.core.log.records import StageRef
from tests.core.history_fixtures import T0, TITLE


def staged_log(path: Path) -> None:
    with open_history(path) as store:
        for day, stage in enumerate((None, StageRef(1, "Weeks 1-2"), StageRef(2, "Weeks 3-4"))):
            start = T0 + timedelta(days=day)
            sid = store.start_session(
                routine_id="core",
                title=TITLE,
                sha256="cd" * 32,
                started_at=start,
                speed=1.0,
                flare=False,
                pain_before=3,
                answers=[],
                steps=[(0, "glute-bridge", 40.0)],
                stage=stage,
            )
            store.finish(
                sid, status="completed", ended_at=start + timedelta(minutes=5), pain_after=2
            )


def test_json_export_has_the_stage_and_import_keeps_it(data_dir: Path, tmp_path: Path) -> None:
    staged_log(data_dir / "history.sqlite3")
    with open_history(data_dir / "history.sqlite3") as store:
        data = export_json(store.sessions(), exported_at=T0 + timedelta(days=5))
    stages = [s["stage"] for s in data["sessions"]]
    assert stages == [None, {"index": 1, "name": "Weeks 1-2"}, {"index": 2, "name": "Weeks 3-4"}]
    file = tmp_path / "export.json"
    file.write_text(json.dumps(data))
    other = tmp_path / "other" / "history.sqlite3"
    with open_history(other) as store:
        result = import_sessions(store, read_export_data(file))
        assert result.added == 3
        assert [s.stage for s in store.sessions()] == [
            None,
            StageRef(1, "Weeks 1-2"),
            StageRef(2, "Weeks 3-4"),
        ]


def test_an_export_without_stages_still_imports(data_dir: Path, tmp_path: Path) -> None:
    staged_log(data_dir / "history.sqlite3")
    with open_history(data_dir / "history.sqlite3") as store:
        data = export_json(store.sessions(), exported_at=T0)
    for s in data["sessions"]:
        del s["stage"]
    file = tmp_path / "old.json"
    file.write_text(json.dumps(data))
    with open_history(tmp_path / "o" / "h.sqlite3") as store:
        assert import_sessions(store, read_export_data(file)).added == 3
        assert {s.stage for s in store.sessions()} == {None}


def test_csv_has_stage_columns(data_dir: Path) -> None:
    staged_log(data_dir / "history.sqlite3")
    with open_history(data_dir / "history.sqlite3") as store:
        buf = io.StringIO(newline="")
        write_csv(store.sessions(), buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [(r["stage"], r["stage_name"]) for r in rows] == [
        ("", ""),
        ("1", "Weeks 1-2"),
        ("2", "Weeks 3-4"),
    ]
