"""Importing a JSON export: round trip, idempotence, refusals that change nothing."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from backcoach.core.export import export_json
from backcoach.core.history import HistoryStore, open_history
from backcoach.core.log.importer import (
    ImportProblem,
    import_sessions,
    parse_export,
    read_export,
    read_export_data,
    review_store,
)
from tests.core.history_fixtures import TZ, fill

NOW = datetime(2025, 4, 1, 12, 0, tzinfo=TZ)


def export_dict() -> dict[str, Any]:
    with HistoryStore.in_memory() as store:
        fill(store)
        data = export_json(store.sessions(), exported_at=NOW, breaks=store.breaks())
    copy: dict[str, Any] = json.loads(json.dumps(data))
    return copy


def write(tmp_path: Path, data: Any, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def comparable(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Sessions without the local row ids, which differ between logs."""
    return [{k: v for k, v in s.items() if k != "id"} for s in data["sessions"]]


def test_round_trip_keeps_everything(tmp_path: Path, data_dir: Path) -> None:
    original = export_dict()
    path = write(tmp_path, original)
    with open_history(data_dir / "history.sqlite3") as store:
        result = import_sessions(store, read_export_data(path))
        assert (result.added, result.skipped) == (3, 0)
        again = export_json(store.sessions(), exported_at=NOW, breaks=store.breaks())
    again = json.loads(json.dumps(again))
    assert comparable(again) == comparable(original)
    assert again["breaks"] == original["breaks"]  # including the link to its session


def test_import_twice_adds_nothing(tmp_path: Path, data_dir: Path) -> None:
    path = write(tmp_path, export_dict())
    with open_history(data_dir / "history.sqlite3") as store:
        first = import_sessions(store, read_export(path))
        second = import_sessions(store, read_export_data(path))
        assert (first.added, first.skipped) == (3, 0)
        assert (second.added, second.skipped) == (0, 3)
        assert store.count() == 3
        assert len(store.breaks()) == 2


def test_export_of_the_same_log_merges_into_itself_as_nothing(data_dir: Path) -> None:
    with open_history(data_dir / "history.sqlite3") as store:
        fill(store)
        data = parse_export(json.loads(json.dumps(export_json(store.sessions(), exported_at=NOW))))
        result = import_sessions(store, data)
        assert (result.added, result.skipped) == (0, 3)


def test_same_routine_and_start_is_a_duplicate_even_with_another_uuid(tmp_path: Path) -> None:
    data = export_dict()
    copy = json.loads(json.dumps(data["sessions"][0]))
    copy["uuid"] = "00000000-0000-4000-8000-000000000001"
    data["sessions"].append(copy)
    records = read_export(write(tmp_path, data))
    with HistoryStore.in_memory() as store:
        result = import_sessions(store, records)
        assert (result.added, result.skipped) == (3, 1)


def test_sessions_without_uuid_get_a_stable_one(tmp_path: Path) -> None:
    data = export_dict()
    for s in data["sessions"]:
        del s["uuid"], s["id"]
    del data["breaks"]
    path = write(tmp_path, data)
    a, b = read_export(path), read_export(path)
    assert [s.uuid for s in a] == [s.uuid for s in b]
    with HistoryStore.in_memory() as store:
        assert import_sessions(store, a).added == 3
        assert import_sessions(store, b).added == 0


def test_file_with_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(export_dict()).encode())
    assert len(read_export(path)) == 3


def test_review_store_holds_the_export_in_memory(tmp_path: Path, data_dir: Path) -> None:
    path = write(tmp_path, export_dict())
    with review_store(path) as store:
        assert store.path == Path(":memory:")
        assert [s.status for s in store.sessions()] == ["completed", "stopped", "completed"]
    assert list(data_dir.iterdir()) == []


# --- refusals ---------------------------------------------------------------------
def refusal(tmp_path: Path, content: Any, *, raw: bytes | None = None) -> str:
    path = tmp_path / "bad.json"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(ImportProblem) as info:
        read_export(path)
    return info.value.message.replace(str(path), "FILE")


def test_refuses_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="cannot read the file"):
        read_export(tmp_path / "nope.json")


def test_refuses_non_json(tmp_path: Path) -> None:
    message = refusal(tmp_path, None, raw=b'{"format": "backcoach-history",\n  oops}')
    assert message == (
        "FILE: not a backcoach history export (not valid JSON: Expecting property name "
        "enclosed in double quotes at line 2, column 3)"
    )


def test_refuses_binary(tmp_path: Path) -> None:
    message = refusal(tmp_path, None, raw=b"\x89PNG\r\n\x1a\n\xff\xfe")
    assert message == "FILE: not a backcoach history export (not UTF-8 text: byte 0)"


def test_refuses_other_json(tmp_path: Path) -> None:
    assert refusal(tmp_path, [1, 2]) == (
        "FILE: not a backcoach history export (expected a JSON object at the top, found a list)"
    )
    assert refusal(tmp_path, {"resourceType": "Bundle"}) == (
        'FILE: not a backcoach history export (no "format" field; expected "backcoach-history")'
    )
    assert refusal(tmp_path, {"format": "other", "version": 1}) == (
        'FILE: not a backcoach history export ("format" is \'other\'; expected "backcoach-history")'
    )


def test_refuses_newer_version(tmp_path: Path) -> None:
    data = export_dict()
    data["version"] = 2
    assert refusal(tmp_path, data) == (
        "FILE: made by a newer backcoach (export version 2; this one reads version 1). "
        "Update backcoach to import it."
    )


def test_refuses_malformed_fields_naming_each_place(tmp_path: Path) -> None:
    data = export_dict()
    data["sessions"][0]["steps"][1]["status"] = "half"
    data["sessions"][1]["started_at"] = "2025-03-02 08:15"
    data["sessions"][1]["pain_after"] = 11
    data["sessions"][2]["flare"] = "no"
    data["sessions"][2]["status"] = "running"
    del data["sessions"][2]["routine"]["id"]
    assert refusal(tmp_path, data) == "\n".join(
        [
            "FILE: cannot import, nothing was changed:",
            "  sessions[0].steps[1].status: must be one of done, skipped, partial, pending, "
            "found the text 'half'",
            "  sessions[1].started_at: has no UTC offset (like +01:00): '2025-03-02 08:15'",
            "  sessions[1].pain_after: must be 0..10, found 11",
            "  sessions[2].routine.id: missing",
            "  sessions[2].status: a session still running cannot be imported",
            "  sessions[2].flare: must be true or false, found the text 'no'",
        ]
    )


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(sessions={}), "sessions: must be a list, found an object"),
        (lambda d: d["sessions"].append(3), "sessions[3]: must be an object, found the number 3"),
        (lambda d: d["sessions"][0].pop("steps"), "sessions[0].steps: missing"),
        (lambda d: d["sessions"][0].update(speed=True), "sessions[0].speed: must be a number"),
        (lambda d: d["sessions"][0].update(pain_before=True), "sessions[0].pain_before: must be a whole number"),
        (lambda d: d["sessions"][0].update(ended_at="soon"), "sessions[0].ended_at: not an ISO 8601 date-time: 'soon'"),
        (lambda d: d["sessions"][0].update(uuid="xyz"), "sessions[0].uuid: not a UUID: 'xyz'"),
        (lambda d: d["sessions"][0].update(stop_reason="bored"), "sessions[0].stop_reason: must be one of pain"),
        (lambda d: d["sessions"][0]["steps"][1].update(index=0), "sessions[0].steps[1].index: step 0 appears twice"),
        (lambda d: d["sessions"][0]["steps"][0].update(done_seconds=-1), "sessions[0].steps[0].done_seconds: must be a number of at least 0"),
        (lambda d: d["sessions"][0]["answers"].append({"ask": "x"}), "sessions[0].answers[2].answer: missing"),
        (lambda d: d["breaks"][0].update(status="ignored"), "breaks[0].status: must be one of taken"),
    ],
)  # fmt: skip
def test_refusal_messages(tmp_path: Path, mutate: Any, expected: str) -> None:
    data = export_dict()
    mutate(data)
    assert expected in refusal(tmp_path, data)


def test_many_problems_are_summarised(tmp_path: Path) -> None:
    data = export_dict()
    data["sessions"] = [3] * 20
    message = refusal(tmp_path, data)
    assert message.count("must be an object") == 8
    assert message.endswith("... and 12 more")


def test_refused_import_changes_nothing(tmp_path: Path, data_dir: Path) -> None:
    good = export_dict()
    bad = json.loads(json.dumps(good))
    for s in bad["sessions"]:
        s["uuid"] = s["uuid"][:-1] + "0"
        s["started_at"] = s["started_at"].replace("2025", "2024")
    bad["sessions"][2]["steps"][0]["hurt"] = "yes"
    with open_history(data_dir / "history.sqlite3") as store:
        import_sessions(store, read_export(write(tmp_path, good)))
        before = store.sessions()
        with pytest.raises(ImportProblem, match=r"sessions\[2\]\.steps\[0\]\.hurt"):
            import_sessions(store, read_export(write(tmp_path, bad, "bad.json")))
        assert store.sessions() == before
