"""Reading a JSON history export back, and merging it into a log.

Everything is validated before anything is written: a file that is not a
backcoach export, or has one malformed field, raises `ImportProblem` naming
the file, the place (`sessions[3].steps[1].status`) and what is wrong, and
the log is left unchanged. Merging is idempotent (a session whose uuid, or
routine id + start time, is already in the log is skipped) and commits a few
hundred sessions per transaction, so a big file never holds the write lock
for long (see HistoryStore.merge).

Limits, so that no file can crash, hang or overflow what reads it later
(statistics, the PDF report): at most MAX_IMPORT_BYTES (200 MB) are read and
nesting deeper than MAX_DEPTH is refused; dates lie in 1900-2100 with a
session's end not before its start; numbers lie in their ranges (pain 0-10,
seconds up to a day, step indexes below MAX_STEPS, speed up to MAX_SPEED);
text must be text (a lone surrogate such as "\\ud800" is not); a uuid may
appear only once among the sessions and once among the breaks.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from backcoach.core.export import EXPORT_FORMAT, EXPORT_VERSION
from backcoach.core.files import read_regular
from backcoach.core.history import HistoryStore, MergeResult
from backcoach.core.log.records import (
    BREAK_STATUSES,
    FINISHED_STATUSES,
    STEP_STATUSES,
    STOP_REASONS,
    Answer,
    BreakRecord,
    SessionRecord,
    StageRef,
    StepRecord,
    is_break_status,
    is_session_status,
    is_step_status,
)

ImportResult = MergeResult
"""added: sessions new to the log; skipped: those it already had."""

MAX_LISTED_PROBLEMS = 8
MAX_IMPORT_BYTES = 200_000_000
"""200 MB: years of daily sessions take a few MB; docs/user-guide.md says so."""
MAX_DEPTH = 16
"""An export nests 5 levels deep (file, sessions, session, steps, step)."""
FIRST_YEAR = 1900
LAST_YEAR = 2100
MAX_SECONDS = 24 * 3600.0
"""A step's planned or done seconds: a day at most."""
MAX_STEPS = 10_000
"""Step indexes are 0 .. MAX_STEPS - 1."""
MAX_SPEED = 1000.0
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
        raw = read_regular(Path(path), MAX_IMPORT_BYTES)  # a pipe or device is refused
    except OSError as exc:
        raise ImportProblem(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    except ValueError as exc:  # a NUL in the name
        raise ImportProblem(f"{path!r}: cannot read the file ({exc})") from exc
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportProblem(
            f"{path}: too big to be a backcoach history export "
            f"(more than {MAX_IMPORT_BYTES // 1_000_000} MB)"
        )
    return parse_export(_decode(raw, path), source=str(path))


def _decode(raw: bytes, path: Path) -> Any:
    """The JSON in `raw`; ImportProblem for anything that is not sound, shallow JSON."""
    not_export = f"{path}: not a backcoach history export"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"{not_export} (not UTF-8 text: byte {exc.start})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            f"{not_export} (not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        raise ImportProblem(f"{not_export} (nested more than {MAX_DEPTH} levels deep)") from exc
    except ValueError as exc:  # Python refuses to read a number of thousands of digits
        raise ImportProblem(f"{not_export} (a number has thousands of digits)") from exc
    if _deeper_than(data, MAX_DEPTH):
        raise ImportProblem(f"{not_export} (nested more than {MAX_DEPTH} levels deep)")
    return data


def _deeper_than(data: Any, limit: int) -> bool:
    """True when lists and objects nest more than `limit` levels (without recursing)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def parse_export(data: Any, *, source: str = "<export>") -> ExportData:
    """Validate a decoded export; raises ImportProblem listing every mistake."""
    _check_header(data, source)
    check = _Checker()
    sessions = _parse_sessions(check, data.get("sessions"))
    breaks = _parse_breaks(check, data.get("breaks", []), sessions)
    if check.problems:
        raise _problems(check.problems, source)
    return ExportData(sessions, breaks)


def _check_header(data: Any, source: str) -> None:
    """An object with the export's "format" and a "version" this backcoach reads."""
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


def _parse_sessions(check: _Checker, raw: Any) -> list[SessionRecord]:
    """The valid sessions of the export's "sessions"; the others go to `check`."""
    if not isinstance(raw, list):
        check.fail("sessions", f"must be a list, found {_kind(raw)}")
        return []
    sessions: list[SessionRecord] = []
    for i, item in enumerate(raw):
        rec = check.session(f"sessions[{i}]", item)
        if rec is not None:
            sessions.append(rec)
    return sessions


def _parse_breaks(check: _Checker, raw: Any, sessions: list[SessionRecord]) -> list[BreakRecord]:
    """The valid breaks of the export's "breaks"; the others go to `check`."""
    if not isinstance(raw, list):
        check.fail("breaks", f"must be a list, found {_kind(raw)}")
        return []
    position = {rec.uuid: n for n, rec in enumerate(sessions)}
    breaks: list[BreakRecord] = []
    for i, item in enumerate(raw):
        brk = check.break_(f"breaks[{i}]", item, position)
        if brk is not None:
            breaks.append(brk)
    return breaks


def _problems(problems: list[str], source: str) -> ImportProblem:
    """One error listing the first MAX_LISTED_PROBLEMS problems and how many more."""
    shown = problems[:MAX_LISTED_PROBLEMS]
    more = len(problems) - len(shown)
    lines = [f"{source}: cannot import, nothing was changed:"]
    lines += [f"  {p}" for p in shown]
    if more:
        lines.append(f"  ... and {more} more")
    return ImportProblem("\n".join(lines), problems)


def import_sessions(
    store: HistoryStore,
    records: list[SessionRecord] | ExportData,
    breaks: list[BreakRecord] | None = None,
) -> ImportResult:
    """Merge records (or a whole `ExportData`) into the store, in batches of transactions."""
    if isinstance(records, ExportData):
        sessions, breaks = records.sessions, records.breaks if breaks is None else breaks
    else:
        sessions = records
    try:
        return store.merge(sessions, breaks or [])
    except (sqlite3.IntegrityError, OverflowError, ValueError) as exc:
        raise ImportProblem(f"cannot import, nothing was changed: {exc}") from exc


def review_store(path: Path) -> HistoryStore:
    """An in-memory store holding an export, for reading it without touching the real log."""
    data = read_export_data(path)
    store = HistoryStore.in_memory()
    try:
        import_sessions(store, data)
    except ImportProblem as exc:
        store.close()
        raise ImportProblem(f"{path}: {exc.message}") from exc
    return store


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _short(value: Any) -> str:
    """repr(value), cut to 40 characters (a number may have thousands of digits)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _is_text(value: str) -> bool:
    """Text SQLite can store: no lone surrogate such as "\\ud800" (JSON can carry one)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _seconds(value: Any) -> float | None:
    if type(value) is float or type(value) is int:
        seconds = float(value)
        if 0.0 <= seconds <= MAX_SECONDS:
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
        and 0 <= index < MAX_STEPS
        and index not in seen
        and status in STEP_STATUSES
        and (exercise is None or (type(exercise) is str and _is_text(exercise)))
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
        self.uuids: dict[str, str] = {}
        """Each uuid seen, with where: sessions and breaks each have their own."""

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    # --- scalars ---------------------------------------------------------------
    def text(self, where: str, value: Any, *, nullable: bool = False) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            self.fail(where, f"must be text{' or null' if nullable else ''}, found {_kind(value)}")
            return None
        if not _is_text(value):
            self.fail(where, f"is not text (a lone surrogate in {value[:40]!r})")
            return None
        return value

    def number(self, where: str, value: Any, lo: float, hi: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"must be a number, found {_kind(value)}")
            return None
        if not lo <= value:  # NaN too
            self.fail(where, f"must be a number of at least {lo:g}, found {_short(value)}")
            return None
        if not value <= hi:
            self.fail(where, f"must be a number of at most {hi:g}, found {_short(value)}")
            return None
        return float(value)

    def integer(self, where: str, value: Any, lo: int, hi: int | None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"must be a whole number, found {_kind(value)}")
            return None
        if value < lo or (hi is not None and value > hi):
            limits = f"{lo}..{hi}" if hi is not None else f"at least {lo}"
            self.fail(where, f"must be {limits}, found {_short(value)}")
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
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            self.fail(where, f"must be in the years {FIRST_YEAR} to {LAST_YEAR}: {value!r}")
            return None
        return parsed

    def unique(self, where: str, kind: str, uid: str, what: str = "") -> None:
        """Refuse a uuid seen before among the same `kind` (sessions, breaks)."""
        seen = self.uuids.setdefault(f"{kind}|{uid}", where)
        if seen != where:
            self.fail(where, f"{what or uid} appears twice (also {seen})")

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
        if started is not None and ended is not None and ended < started:
            self.fail(f"{where}.ended_at", f"is before started_at: {item['ended_at']!r}")
        if item["status"] == "running":
            self.fail(f"{where}.status", "a session still running cannot be imported")
            status = None
        else:
            status = self.choice(f"{where}.status", item["status"], FINISHED_STATUSES)
        speed = self.number(f"{where}.speed", item["speed"], 0.01, MAX_SPEED)
        flare = self.flag(f"{where}.flare", item["flare"])
        pain_before = self.pain(f"{where}.pain_before", item["pain_before"])
        pain_after = self.pain(f"{where}.pain_after", item["pain_after"])
        stop_reason = self.choice(
            f"{where}.stop_reason", item.get("stop_reason"), STOP_REASONS, nullable=True
        )
        notes = self.text(f"{where}.notes", item.get("notes", ""))
        kind = self.text(f"{where}.kind", item.get("kind", "routine"))
        stage = self.stage(f"{where}.stage", item.get("stage"))
        answers = self.answers(f"{where}.answers", item.get("answers", []))
        steps = self.steps(f"{where}.steps", item["steps"])
        uid = item.get("uuid")
        if uid is not None:
            uid = self.text(f"{where}.uuid", uid)
            if uid is not None:
                try:
                    uid = str(uuidlib.UUID(uid))
                except ValueError:
                    self.fail(f"{where}.uuid", f"not a UUID: {uid[:40]!r}")
                else:
                    self.unique(f"{where}.uuid", "session", uid)
        if len(self.problems) > before:
            return None
        assert routine_id is not None and started is not None and status is not None
        assert is_session_status(status)
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
            status=status,
            speed=speed or 1.0,
            flare=flare,
            pain_before=pain_before,
            pain_after=pain_after,
            stop_reason=stop_reason,
            notes=notes or "",
            answers=answers,
            steps=steps,
            kind=kind or "routine",
            stage=stage,
        )

    def stage(self, where: str, value: Any) -> StageRef | None:
        """`{"index": 2, "name": "Weeks 3-4"}` or null (absent in older exports)."""
        if value is None:
            return None
        item = self.obj(where, value, ("index", "name"))
        if item is None:
            return None
        index = self.integer(f"{where}.index", item["index"], 1, None)
        name = self.text(f"{where}.name", item["name"])
        if index is None or name is None:
            return None
        return StageRef(index, name)

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
            index = self.integer(f"{w}.index", obj["index"], 0, MAX_STEPS - 1)
            if index is not None and index in seen:
                self.fail(f"{w}.index", f"step {index} appears twice")
            exercise = self.text(f"{w}.exercise", obj.get("exercise"), nullable=True)
            status = self.choice(f"{w}.status", obj["status"], STEP_STATUSES)
            planned = self.number(f"{w}.planned_seconds", obj["planned_seconds"], 0, MAX_SECONDS)
            done = self.number(f"{w}.done_seconds", obj["done_seconds"], 0, MAX_SECONDS)
            hurt = self.flag(f"{w}.hurt", obj.get("hurt", False))
            if index is None or status is None or planned is None or done is None:
                continue
            if not is_step_status(status):
                continue
            seen.add(index)
            out.append(StepRecord(index, exercise, status, planned, done, hurt))
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
        if not is_break_status(status):
            return None
        if uid:
            self.unique(f"{where}.uuid", "break", uid)
        else:  # a hand-made file: the same reminder twice would be the same uuid
            uid = str(uuidlib.uuid5(IMPORT_NAMESPACE, f"break|{due.isoformat()}|{status}"))
            self.unique(where, "break", uid, "the same reminder (due_at and status)")
        if len(self.problems) > before:
            return None
        linked = None if session is None else position.get(session)
        return BreakRecord(0, uid, due, at, status, routine_id, linked)
