"""Writing the session log out: JSON (complete), CSV (a spreadsheet), FHIR (pain scores).

- JSON, format "backcoach-history" version 1: every session with its answers
  and steps, plus the posture breaks. It is the backup and moving-computers
  format, read back by `backcoach import`. Previews are included (and
  recognisable by `speed` > 1). Each session carries a `uuid`, the key import
  deduplicates on; `id` is the local row number, informational only.
- CSV: one row per session with a header row, ISO 8601 dates, dots for
  decimals, "yes"/"no" for flags. Previews are kept and marked in the
  `preview` column. Text cells starting with = + - @ get a leading apostrophe
  so a spreadsheet shows them as text instead of running them as formulas.
  The caller picks the encoding: the CLI writes files as UTF-8 with a BOM
  (Excel then reads accents right; LibreOffice ignores the BOM) and stdout
  without one.
- FHIR: an R4 Bundle of type `collection` holding one Observation per pain
  rating (LOINC 72514-3), for a clinician's system. Previews are left out
  (they are not real pain data). Whether the score was taken before or after
  which routine is said in `Observation.note` (plain text, no extensions);
  each Observation's `identifier` and the entry's `fullUrl` is a uuid5 stable
  per session and moment, so exporting twice gives the same ids.

`write_export` is the one writer of an export file, for `backcoach export` and
the history page alike, so both give the same bytes: JSON indented by one
space with a final newline, CSV with a BOM (Excel then reads accents right;
LibreOffice ignores it). The PDF is drawn by the UI (it needs Qt): the caller
passes the renderer in, and this module still chooses the format and writes
the file.
"""

from __future__ import annotations

import csv
import io
import json
import uuid as uuidlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from backcoach.core.files import Verify, atomic_write, read_regular
from backcoach.core.log.records import BreakRecord, SessionRecord

if TYPE_CHECKING:
    from backcoach.core.history import HistoryStore
    from backcoach.core.routine import Prescribed

EXPORT_FORMAT = "backcoach-history"
EXPORT_VERSION = 1
EXPORT_FORMATS: tuple[str, ...] = ("json", "csv", "pdf", "fhir")

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "started_at",
    "ended_at",
    "routine_id",
    "routine_title",
    "status",
    "minutes",
    "speed",
    "preview",
    "flare",
    "stage",
    "stage_name",
    "pain_before",
    "pain_after",
    "change",
    "stop_reason",
    "notes",
    "steps_done",
    "steps_skipped",
    "steps_hurt",
    "uuid",
)

FHIR_NAMESPACE = uuidlib.UUID("4d0c3b1e-6a59-5f0e-9b8e-2b7c0ac4f1e5")
"""uuid5 namespace for FHIR ids (a fixed value: ids must not change between exports)."""
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


# --- JSON ------------------------------------------------------------------------
def session_to_json(rec: SessionRecord) -> dict[str, Any]:
    return {
        "id": rec.id,
        "uuid": rec.uuid,
        "kind": rec.kind,
        "routine": {"id": rec.routine_id, "title": rec.routine_title, "sha256": rec.routine_sha256},
        "started_at": _iso(rec.started_at),
        "ended_at": _iso(rec.ended_at),
        "status": rec.status,
        "speed": rec.speed,
        "flare": rec.flare,
        "stage": None if rec.stage is None else {"index": rec.stage.index, "name": rec.stage.name},
        "pain_before": rec.pain_before,
        "pain_after": rec.pain_after,
        "stop_reason": rec.stop_reason,
        "notes": rec.notes,
        "answers": [{"ask": a.ask, "answer": a.answer} for a in rec.answers],
        "steps": [
            {
                "index": s.index,
                "exercise": s.exercise,
                "status": s.status,
                "planned_seconds": s.planned_seconds,
                "done_seconds": s.done_seconds,
                "hurt": s.hurt,
            }
            for s in rec.steps
        ],
    }


def export_json(
    sessions: Sequence[SessionRecord],
    *,
    exported_at: datetime,
    breaks: Sequence[BreakRecord] = (),
) -> dict[str, Any]:
    """The whole log as a JSON-ready dict (`json.dump` it)."""
    uuid_of = {s.id: s.uuid for s in sessions}
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(exported_at),
        "sessions": [session_to_json(s) for s in sessions],
        "breaks": [
            {
                "uuid": b.uuid,
                "due_at": _iso(b.due_at),
                "at": _iso(b.at),
                "status": b.status,
                "routine_id": b.routine_id,
                "session": None if b.session_id is None else uuid_of.get(b.session_id),
            }
            for b in breaks
        ],
    }


# --- CSV ---------------------------------------------------------------------------
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _number(value: float | int | None) -> str:
    return "" if value is None else f"{value:g}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def csv_row(rec: SessionRecord) -> list[str]:
    return [
        str(rec.id),
        _iso(rec.started_at) or "",
        _iso(rec.ended_at) or "",
        _text(rec.routine_id),
        _text(rec.routine_title),
        rec.status,
        f"{rec.minutes:.1f}",
        _number(rec.speed),
        _yes_no(rec.is_preview),
        _yes_no(rec.flare),
        "" if rec.stage is None else str(rec.stage.index),
        "" if rec.stage is None else _text(rec.stage.name),
        _number(rec.pain_before),
        _number(rec.pain_after),
        _number(rec.pain_change),
        _text(rec.stop_reason),
        _text(rec.notes),
        str(rec.steps_done),
        str(rec.steps_skipped),
        str(len(rec.hurt_steps)),
        rec.uuid,
    ]


def write_csv(sessions: Sequence[SessionRecord], fh: IO[str]) -> None:
    """One row per session after a header row. Open `fh` with newline=""."""
    writer = csv.writer(fh, dialect="excel", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(s) for s in sessions)


# --- FHIR ----------------------------------------------------------------------------
def fhir_id(session_uuid: str, moment: str) -> str:
    """Stable urn:uuid for the pain rating taken at `moment` ("before"/"after")."""
    return f"urn:uuid:{uuidlib.uuid5(FHIR_NAMESPACE, f'{session_uuid}/{moment}')}"


def _pain_observation(
    rec: SessionRecord, moment: str, score: int, when: datetime
) -> dict[str, Any]:
    urn = fhir_id(rec.uuid, moment)
    label = "Before the session" if moment == "before" else "After the session"
    details = []
    if rec.flare:
        details.append("during a flare")
    if moment == "after" and rec.status == "stopped":
        details.append(f"stopped early: {rec.stop_reason}" if rec.stop_reason else "stopped early")
    if moment == "after" and rec.status == "interrupted":
        details.append("session interrupted")
    suffix = f" ({'; '.join(details)})" if details else ""
    return {
        "fullUrl": urn,
        "resource": {
            "resourceType": "Observation",
            "identifier": [{"system": "urn:ietf:rfc:3986", "value": urn}],
            "status": "final",
            "category": [
                {
                    "coding": [
                        {"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}
                    ]
                }
            ],
            "code": {
                "coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
                "text": "Pain severity (0-10)",
            },
            "effectiveDateTime": _iso(when),
            "valueInteger": score,
            "note": [{"text": f"{label}: {rec.routine_title}{suffix}"}],
        },
    }


def fhir_bundle(
    sessions: Sequence[SessionRecord], *, timestamp: datetime | None = None
) -> dict[str, Any]:
    """A FHIR R4 collection Bundle of pain-score Observations (previews left out)."""
    entries: list[dict[str, Any]] = []
    for rec in sessions:
        if rec.is_preview:
            continue
        if rec.pain_before is not None:
            entries.append(_pain_observation(rec, "before", rec.pain_before, rec.started_at))
        if rec.pain_after is not None:
            when = rec.ended_at or rec.started_at
            entries.append(_pain_observation(rec, "after", rec.pain_after, when))
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "collection"}
    if timestamp is not None:
        bundle["timestamp"] = _iso(timestamp)
    bundle["entry"] = entries
    return bundle


# --- one writer for every export ------------------------------------------------------
@dataclass(frozen=True)
class ExportJob:
    """What one export holds: the records of a period, when it was made, and for the PDF
    its title and each routine's prescription (routine id -> Prescribed)."""

    sessions: Sequence[SessionRecord]
    breaks: Sequence[BreakRecord]
    since: date | None
    until: date | None
    made_at: datetime
    title: str = "Session history"
    targets: Mapping[str, Prescribed] = field(default_factory=dict)


PdfRenderer = Callable[[ExportJob], bytes]
"""Draws the care-team report of a job as the bytes of a PDF (ui/history/report.py)."""


def records_for_export(
    store: HistoryStore, since: date | None, until: date | None, *, app_running: bool
) -> tuple[list[SessionRecord], list[BreakRecord]]:
    """The sessions (previews included) and breaks of a period, as every export sees them.

    While the app runs, a `running` session is one in progress: it is left out.
    With no app alive it is one whose app died: it is exported as interrupted
    (the database is left as it is; the app marks it when it next opens).
    """
    sessions = store.sessions(since=since, until=until, include_running=not app_running)
    sessions = [replace(s, status="interrupted") if s.status == "running" else s for s in sessions]
    return sessions, store.breaks(since=since, until=until)


def export_text(fmt: str, job: ExportJob) -> str:
    """A json, csv or fhir export as text (what standard output gets: CSV without a BOM)."""
    if fmt == "csv":
        out = io.StringIO(newline="")
        write_csv(job.sessions, out)
        return out.getvalue()
    if fmt == "json":
        data = export_json(job.sessions, exported_at=job.made_at, breaks=job.breaks)
    elif fmt == "fhir":
        data = fhir_bundle(job.sessions, timestamp=job.made_at)
    else:
        raise ValueError(f"{fmt!r} is not a text export format")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def export_bytes(fmt: str, job: ExportJob, render_pdf: PdfRenderer | None = None) -> bytes:
    """The bytes of an export file in `fmt` (one of EXPORT_FORMATS)."""
    if fmt == "pdf":
        if render_pdf is None:
            raise ValueError("a PDF export needs a renderer")
        return render_pdf(job)
    return export_text(fmt, job).encode("utf-8-sig" if fmt == "csv" else "utf-8")


def write_export(
    fmt: str, path: Path, job: ExportJob, *, render_pdf: PdfRenderer | None = None
) -> None:
    """Write `job` to `path` in `fmt`, whole or not at all (OSError names `path`).

    The file is checked before it replaces anything: a JSON export must parse
    back, a CSV must start with its header row, a PDF must be complete.
    """
    data = export_bytes(fmt, job, render_pdf)
    atomic_write(Path(path).expanduser(), data, verify=_CHECKS[fmt])


def _json_parses(path: Path) -> str | None:
    try:
        json.loads(read_regular(path).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        return f"the export does not read back as JSON ({exc})"
    return None


def _csv_has_header(path: Path) -> str | None:
    first = read_regular(path).decode("utf-8-sig").split("\r\n", 1)[0]
    return None if first == ",".join(CSV_COLUMNS) else "the CSV export has no header row"


def _pdf_complete(path: Path) -> str | None:
    data = read_regular(path)
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        return "the PDF report is incomplete (no %PDF- at its start or %%EOF at its end)"
    return None


_CHECKS: dict[str, Verify] = {
    "json": _json_parses,
    "fhir": _json_parses,
    "csv": _csv_has_header,
    "pdf": _pdf_complete,
}
