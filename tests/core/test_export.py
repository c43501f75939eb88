"""JSON, CSV and FHIR exports of the log."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle

from backcoach.core.export import (
    CSV_COLUMNS,
    EXPORT_FORMAT,
    PAIN_CODE,
    export_json,
    fhir_bundle,
    write_csv,
)
from backcoach.core.history import HistoryStore
from backcoach.core.log.records import SessionRecord
from tests.core.history_fixtures import T0, TITLE, TZ, fill

EXPORTED_AT = datetime(2025, 4, 1, 12, 0, tzinfo=TZ)


@pytest.fixture
def sessions() -> list[SessionRecord]:
    with HistoryStore.in_memory() as store:
        fill(store)
        return store.sessions()


def test_json_export_shape(sessions: list[SessionRecord]) -> None:
    with HistoryStore.in_memory() as store:
        fill(store)
        data = export_json(store.sessions(), exported_at=EXPORTED_AT, breaks=store.breaks())
    data = json.loads(json.dumps(data))  # JSON-serialisable as is
    assert data["format"] == EXPORT_FORMAT and data["version"] == 1
    assert data["exported_at"] == "2025-04-01T12:00:00+01:00"
    assert len(data["sessions"]) == 3  # previews included: json is complete
    s = data["sessions"][1]
    assert set(s) >= {"id", "uuid", "routine", "started_at", "ended_at", "status", "speed"}
    assert s["routine"] == {"id": "morning-lower-back", "title": TITLE, "sha256": "ab" * 32}
    assert s["started_at"] == "2025-03-02T08:15:00+01:00"
    assert s["ended_at"] == "2025-03-02T08:19:00+01:00"
    assert (s["status"], s["stop_reason"], s["flare"]) == ("stopped", "pain", True)
    assert (s["pain_before"], s["pain_after"]) == (4, 6)
    assert s["notes"] == "=tight on the left, «ça tire»"
    assert s["answers"] == [
        {"ask": "Any new numbness?", "answer": "no"},
        {"ask": "Fever today?", "answer": "no"},
    ]
    assert s["steps"] == [
        {
            "index": 0,
            "exercise": "cat-cow",
            "status": "done",
            "planned_seconds": 60.0,
            "done_seconds": 60.0,
            "hurt": False,
        },
        {
            "index": 1,
            "exercise": "pelvic-tilt",
            "status": "partial",
            "planned_seconds": 90.0,
            "done_seconds": 20.0,
            "hurt": True,
        },
        {
            "index": 2,
            "exercise": None,
            "status": "pending",
            "planned_seconds": 30.0,
            "done_seconds": 0.0,
            "hurt": False,
        },
    ]
    assert data["breaks"][0]["session"] == data["sessions"][0]["uuid"]
    assert data["breaks"][1] == {
        "uuid": data["breaks"][1]["uuid"],
        "due_at": "2025-03-01T11:15:00+01:00",
        "at": None,
        "status": "skipped",
        "routine_id": None,
        "session": None,
    }


def test_csv_parses_back(sessions: list[SessionRecord]) -> None:
    buf = io.StringIO(newline="")
    write_csv(sessions, buf)
    text = buf.getvalue()
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 3
    first, stopped, preview = rows
    assert first["started_at"] == "2025-03-01T08:15:00+01:00"
    assert first["minutes"] == "1.5"
    assert (first["pain_before"], first["pain_after"], first["change"]) == ("5", "", "")
    assert (first["steps_done"], first["steps_skipped"], first["preview"]) == ("2", "1", "no")
    assert stopped["status"] == "stopped" and stopped["stop_reason"] == "pain"
    assert stopped["flare"] == "yes" and stopped["change"] == "2"
    assert stopped["steps_hurt"] == "1"
    # a note starting with "=" is kept as text, not run as a formula
    assert stopped["notes"] == "'=tight on the left, «ça tire»"
    assert preview["preview"] == "yes" and preview["speed"] == "8"
    assert preview["change"] == "-2"  # numbers keep their minus sign


def test_csv_empty_log_has_header_only() -> None:
    buf = io.StringIO(newline="")
    write_csv([], buf)
    assert buf.getvalue() == ",".join(CSV_COLUMNS) + "\r\n"


def test_fhir_bundle_validates_with_fhir_resources(sessions: list[SessionRecord]) -> None:
    data = fhir_bundle(sessions, timestamp=EXPORTED_AT)
    bundle = Bundle.model_validate(json.loads(json.dumps(data)))
    assert bundle.type == "collection"
    entries = bundle.entry or []
    # session 1: before only; session 2: before and after; the preview is left out
    assert len(entries) == 3
    obs = [e.resource for e in entries]
    assert all(o.status == "final" for o in obs)  # type: ignore[union-attr]
    assert [o.valueInteger for o in obs] == [5, 4, 6]  # type: ignore[union-attr]
    coding = obs[0].code.coding[0]  # type: ignore[union-attr]
    assert (coding.system, coding.code) == ("http://loinc.org", PAIN_CODE)
    category = obs[0].category[0].coding[0]  # type: ignore[union-attr]
    assert category.code == "survey"
    assert category.system == "http://terminology.hl7.org/CodeSystem/observation-category"
    notes = [o.note[0].text for o in obs]  # type: ignore[union-attr]
    assert notes[0] == f"Before the session: {TITLE}"
    assert notes[2] == f"After the session: {TITLE} (during a flare; stopped early: pain)"
    assert data["entry"][0]["resource"]["effectiveDateTime"] == "2025-03-01T08:15:00+01:00"
    assert data["entry"][2]["resource"]["effectiveDateTime"] == "2025-03-02T08:19:00+01:00"
    urls = [e["fullUrl"] for e in data["entry"]]
    assert len(set(urls)) == 3 and all(u.startswith("urn:uuid:") for u in urls)
    assert [e["resource"]["identifier"][0]["value"] for e in data["entry"]] == urls


def test_fhir_ids_are_stable_between_exports(sessions: list[SessionRecord]) -> None:
    a = fhir_bundle(sessions)
    b = fhir_bundle(list(sessions), timestamp=EXPORTED_AT + timedelta(days=1))
    assert [e["fullUrl"] for e in a["entry"]] == [e["fullUrl"] for e in b["entry"]]
    assert "timestamp" not in a


def test_fhir_empty_bundle_is_valid() -> None:
    data = fhir_bundle([])
    assert Bundle.model_validate(data).type == "collection"
    assert data["entry"] == []


def test_session_started_at_keeps_local_offset(sessions: list[SessionRecord]) -> None:
    assert sessions[0].started_at == T0
    assert sessions[0].started_at.isoformat().endswith("+01:00")
