"""Reading a JSON history export back, and merging it into a log.

Everything is validated before anything is written: a file that is not a
backcoach export, or has one malformed field, raises `ImportProblem` naming
the file, the place (`sessions[3].steps[1].status`) and what is wrong, and
the log is left unchanged. Merging is idempotent (a session whose uuid, or
routine id + start time, is already in the log is skipped) and commits a few
hundred sessions per transaction, so a big file never holds the write lock
for long (see HistoryStore.merge).
"""

from __future__ import annotations

import json
import math
import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from backcoach.core.export import EXPORT_FORMAT, EXPORT_VERSION
from backcoach.core.files import read_regular
from backcoach.core.history import HistoryStore, MergeResult
from backcoach.core.records import (
    BREAK_STATUSES,
    FINISHED_STATUSES,
    STEP_STATUSES,
    STOP_REASONS,
    Answer,
    BreakRecord,
    SessionRecord,
    StepRecord,
)

ImportResult = MergeResult
"""added: sessions new to the log; skipped: those it already had."""

MAX_LISTED_PROBLEMS = 8
IMPORT_NAMESPACE = uuidlib.UUID("0e5d1c39-2f57-5a3c-8f0e-6b2d9b1c7a11")
"""For sessions without a uuid (hand-made files): uuid5 of routine id + start."""


class ImportProblem(Exception):
    """The file cannot be imported; `message` says what is wrong and where."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or [message]


@dataclass(frozen=True)
class ExportData:
    sessions: list[SessionRecord]
    breaks: list[BreakRecord]
    """`session_id` of each break is an index into `sessions` (or None)."""


def read_export(path: Path) -> list[SessionRecord]:
    """The sessions of a JSON export file (see `read_export_data` for breaks too)."""
    return read_export_data(path).sessions


def read_export_data(path: Path) -> ExportData:
    try:
        raw = read_regular(Path(path))  # a pipe or device is refused, never waited on
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            f"{path}: not a backcoach history export (not UTF-8 text: byte {exc.start})"
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            f"{path}: not a backcoach history export (not valid JSON: {exc.msg} at line "
            f"{exc.lineno}, column {exc.colno})"
        ) from exc
    return parse_export(data, source=str(path))


def parse_export(data: Any, *, source: str = "<export>") -> ExportData:
    """Validate a decoded export; raises ImportProblem listing every mistake."""
    if not isinstance(data, dict):
        raise ImportProblem(
            f"{source}: not a backcoach history export (expected a JSON object at the top, "
            f"found {_kind(data)})"
        )
    fmt = data.get("format")
    if fmt != EXPORT_FORMAT:
        found = 'no "format" field' if "format" not in data else f'"format" is {fmt!r}'
        raise ImportProblem(
            f'{source}: not a backcoach history export ({found}; expected "{EXPORT_FORMAT}")'
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblem(f'{source}: "version" must be a whole number, found {version!r}')
    if version > EXPORT_VERSION:
        raise ImportProblem(
            f"{source}: made by a newer backcoach (export version {version}; this one "
            f"reads version {EXPORT_VERSION}). Update backcoach to import it."
        )
    check = _Checker()
    sessions_raw = data.get("sessions")
    sessions: list[SessionRecord] = []
    if not isinstance(sessions_raw, list):
        check.fail("sessions", f"must be a list, found {_kind(sessions_raw)}")
    else:
        for i, item in enumerate(sessions_raw):
            rec = check.session(f"sessions[{i}]", item)
            if rec is not None:
                sessions.append(rec)
    breaks: list[BreakRecord] = []
    breaks_raw = data.get("breaks", [])
    if not isinstance(breaks_raw, list):
        check.fail("breaks", f"must be a list, found {_kind(breaks_raw)}")
    else:
        position = {rec.uuid: n for n, rec in enumerate(sessions)}
        for i, item in enumerate(breaks_raw):
            brk = check.break_(f"breaks[{i}]", item, position)
            if brk is not None:
                breaks.append(brk)
    if check.problems:
        shown = check.problems[:MAX_LISTED_PROBLEMS]
        more = len(check.problems) - len(shown)
        lines = [f"{source}: cannot import, nothing was changed:"]
        lines += [f"  {p}" for p in shown]
        if more:
            lines.append(f"  ... and {more} more")
        raise ImportProblem("\n".join(lines), check.problems)
    return ExportData(sessions, breaks)


def import_sessions(
    store: HistoryStore,
    records: list[SessionRecord] | ExportData,
    breaks: list[BreakRecord] | None = None,
) -> ImportResult:
    """Merge records (or a whole `ExportData`) into the store, in batches of transactions."""
    if isinstance(records, ExportData):
        return store.merge(records.sessions, records.breaks if breaks is None else breaks)
    return store.merge(records, breaks or [])


def review_store(path: Path) -> HistoryStore:
    """An in-memory store holding an export, for reading it without touching the real log."""
    data = read_export_data(path)
    store = HistoryStore.in_memory()
    store.merge(data.sessions, data.breaks)
    return store


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _seconds(value: Any) -> float | None:
    if type(value) is float or type(value) is int:
        seconds = float(value)
        if seconds >= 0.0 and math.isfinite(seconds):
            return seconds
    return None


def _well_formed_step(item: Any, seen: set[int]) -> StepRecord | None:
    """The common case, checked in one go (imports of years of steps stay fast).

    None means "look closer": the detailed checks then name what is wrong.
    """
    if type(item) is not dict:
        return None
    index = item.get("index")
    status = item.get("status")
    exercise = item.get("exercise")
    hurt = item.get("hurt", False)
    planned = _seconds(item.get("planned_seconds"))
    done = _seconds(item.get("done_seconds"))
    if (
        type(index) is int
        and index >= 0
        and index not in seen
        and status in STEP_STATUSES
        and (exercise is None or type(exercise) is str)
        and type(hurt) is bool
        and planned is not None
        and done is not None
    ):
        return StepRecord(index, exercise, status, planned, done, hurt)
    return None


class _Checker:
    """Field-by-field validation that records every problem with its place."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    # --- scalars ---------------------------------------------------------------
    def text(self, where: str, value: Any, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.fail(where, f"must be text{' or null' if nullable else ''}, found {_kind(value)}")
            return None
        return value

    def number(self, where: str, value: Any, *, minimum: float = 0.0) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"must be a number, found {_kind(value)}")
            return None
        if not value >= minimum or value != value or value in (float("inf"), float("-inf")):
            self.fail(where, f"must be a number of at least {minimum:g}, found {value!r}")
            return None
        return float(value)

    def integer(self, where: str, value: Any, lo: int, hi: int | None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"must be a whole number, found {_kind(value)}")
            return None
        if value < lo or (hi is not None and value > hi):
            limits = f"{lo}..{hi}" if hi is not None else f"at least {lo}"
            self.fail(where, f"must be {limits}, found {value}")
            return None
        return value

    def pain(self, where: str, value: Any) -> int | None:
        return None if value is None else self.integer(where, value, 0, 10)

    def flag(self, where: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"must be true or false, found {_kind(value)}")
            return False
        return value

    def choice(
        self, where: str, value: Any, allowed: tuple[str, ...], *, nullable: bool = False
    ) -> str | None:
        if value is None and nullable:
            return None
        if value not in allowed:
            self.fail(where, f"must be one of {', '.join(allowed)}, found {_kind(value)}")
            return None
        return str(value)

    def moment(self, where: str, value: Any, *, nullable: bool = False) -> datetime | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.fail(where, f"must be an ISO 8601 date-time text, found {_kind(value)}")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.fail(where, f"not an ISO 8601 date-time: {value!r}")
            return None
        if parsed.tzinfo is None:
            self.fail(where, f"has no UTC offset (like +01:00): {value!r}")
            return None
        return parsed

    def obj(self, where: str, value: Any, required: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(where, f"must be an object, found {_kind(value)}")
            return None
        missing = [k for k in required if k not in value]
        for key in missing:
            self.fail(f"{where}.{key}", "missing")
        return None if missing else value

    # --- records -----------------------------------------------------------------
    def session(self, where: str, value: Any) -> SessionRecord | None:
        required = ("routine", "started_at", "ended_at", "status", "speed", "flare",
                    "pain_before", "pain_after", "steps")  # fmt: skip
        item = self.obj(where, value, required)
        if item is None:
            return None
        before = len(self.problems)
        routine = self.obj(f"{where}.routine", item["routine"], ("id",))
        routine_id = title = sha = None
        if routine is not None:
            routine_id = self.text(f"{where}.routine.id", routine["id"])
            if routine_id == "":
                self.fail(f"{where}.routine.id", "must not be empty")
            title = self.text(f"{where}.routine.title", routine.get("title", routine_id))
            sha = self.text(f"{where}.routine.sha256", routine.get("sha256", ""))
        started = self.moment(f"{where}.started_at", item["started_at"])
        ended = self.moment(f"{where}.ended_at", item["ended_at"], nullable=True)
        if item["status"] == "running":
            self.fail(f"{where}.status", "a session still running cannot be imported")
            status = None
        else:
            status = self.choice(f"{where}.status", item["status"], FINISHED_STATUSES)
        speed = self.number(f"{where}.speed", item["speed"], minimum=0.01)
        flare = self.flag(f"{where}.flare", item["flare"])
        pain_before = self.pain(f"{where}.pain_before", item["pain_before"])
        pain_after = self.pain(f"{where}.pain_after", item["pain_after"])
        stop_reason = self.choice(
            f"{where}.stop_reason", item.get("stop_reason"), STOP_REASONS, nullable=True
        )
        notes = self.text(f"{where}.notes", item.get("notes", ""))
        kind = self.text(f"{where}.kind", item.get("kind", "routine"))
        answers = self.answers(f"{where}.answers", item.get("answers", []))
        steps = self.steps(f"{where}.steps", item["steps"])
        uid = item.get("uuid")
        if uid is not None:
            uid = self.text(f"{where}.uuid", uid)
            if uid is not None:
                try:
                    uid = str(uuidlib.UUID(uid))
                except ValueError:
                    self.fail(f"{where}.uuid", f"not a UUID: {uid!r}")
        if len(self.problems) > before:
            return None
        assert routine_id is not None and started is not None and status is not None
        if uid is None:
            uid = str(uuidlib.uuid5(IMPORT_NAMESPACE, f"{routine_id}|{started.isoformat()}"))
        return SessionRecord(
            id=0,
            uuid=uid,
            routine_id=routine_id,
            routine_title=title or "",
            routine_sha256=sha or "",
            started_at=started,
            ended_at=ended,
            status=status,  # type: ignore[arg-type]
            speed=speed or 1.0,
            flare=flare,
            pain_before=pain_before,
            pain_after=pain_after,
            stop_reason=stop_reason,
            notes=notes or "",
            answers=answers,
            steps=steps,
            kind=kind or "routine",
        )

    def answers(self, where: str, value: Any) -> tuple[Answer, ...]:
        if not isinstance(value, list):
            self.fail(where, f"must be a list, found {_kind(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            obj = self.obj(f"{where}[{i}]", item, ("ask", "answer"))
            if obj is None:
                continue
            ask = self.text(f"{where}[{i}].ask", obj["ask"])
            answer = self.text(f"{where}[{i}].answer", obj["answer"])
            if ask is not None and answer is not None:
                out.append(Answer(ask, answer))
        return tuple(out)

    def steps(self, where: str, value: Any) -> tuple[StepRecord, ...]:
        if not isinstance(value, list):
            self.fail(where, f"must be a list, found {_kind(value)}")
            return ()
        out: list[StepRecord] = []
        seen: set[int] = set()
        for i, item in enumerate(value):
            fast = _well_formed_step(item, seen)
            if fast is not None:
                seen.add(fast.index)
                out.append(fast)
                continue
            w = f"{where}[{i}]"
            obj = self.obj(w, item, ("index", "status", "planned_seconds", "done_seconds"))
            if obj is None:
                continue
            index = self.integer(f"{w}.index", obj["index"], 0, None)
            if index is not None and index in seen:
                self.fail(f"{w}.index", f"step {index} appears twice")
            exercise = self.text(f"{w}.exercise", obj.get("exercise"), nullable=True)
            status = self.choice(f"{w}.status", obj["status"], STEP_STATUSES)
            planned = self.number(f"{w}.planned_seconds", obj["planned_seconds"])
            done = self.number(f"{w}.done_seconds", obj["done_seconds"])
            hurt = self.flag(f"{w}.hurt", obj.get("hurt", False))
            if index is None or status is None or planned is None or done is None:
                continue
            seen.add(index)
            out.append(StepRecord(index, exercise, status, planned, done, hurt))  # type: ignore[arg-type]
        return tuple(out)

    def break_(self, where: str, value: Any, position: dict[str, int]) -> BreakRecord | None:
        item = self.obj(where, value, ("due_at", "status"))
        if item is None:
            return None
        before = len(self.problems)
        due = self.moment(f"{where}.due_at", item["due_at"])
        at = self.moment(f"{where}.at", item.get("at"), nullable=True)
        status = self.choice(f"{where}.status", item["status"], BREAK_STATUSES)
        routine_id = self.text(f"{where}.routine_id", item.get("routine_id"), nullable=True)
        session = self.text(f"{where}.session", item.get("session"), nullable=True)
        uid = self.text(f"{where}.uuid", item.get("uuid", ""))
        if len(self.problems) > before or due is None or status is None:
            return None
        if not uid:
            uid = str(uuidlib.uuid5(IMPORT_NAMESPACE, f"break|{due.isoformat()}|{status}"))
        linked = None if session is None else position.get(session)
        return BreakRecord(0, uid, due, at, status, routine_id, linked)  # type: ignore[arg-type]
