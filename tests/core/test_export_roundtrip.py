"""Property: any session the store can hold survives export -> JSON -> import unchanged."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.core.export import export_json, write_csv
from backcoach.core.history import HistoryStore, StepProgress
from backcoach.core.log.importer import import_sessions, parse_export

text = st.text(max_size=40)
pain = st.none() | st.integers(0, 10)
offsets = st.integers(-12 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
moments = st.builds(
    lambda base, tz: base.replace(tzinfo=tz),
    st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)
    ),
    offsets,
)
steps = st.lists(
    st.tuples(
        st.none() | text,
        st.floats(0, 3600, allow_nan=False).map(lambda f: round(f, 3)),
        st.sampled_from(["done", "skipped", "partial", "pending"]),
        st.booleans(),
    ),
    max_size=5,
)


@settings(max_examples=40, deadline=None)
@given(
    routine=text.filter(bool),
    title=text,
    started=moments,
    speed=st.sampled_from([0.5, 1.0, 2.0, 8.0]),
    flare=st.booleans(),
    before=pain,
    after=pain,
    answers=st.lists(st.tuples(text, st.sampled_from(["yes", "no"])), max_size=3),
    plan=steps,
    notes=text,
    status=st.sampled_from(["completed", "stopped"]),
    reason=st.none() | st.sampled_from(["pain", "tired", "interrupted", "other"]),
)
def test_export_import_round_trip(
    routine: str,
    title: str,
    started: datetime,
    speed: float,
    flare: bool,
    before: int | None,
    after: int | None,
    answers: list[tuple[str, str]],
    plan: list[tuple[str | None, float, str, bool]],
    notes: str,
    status: str,
    reason: str | None,
) -> None:
    with HistoryStore.in_memory() as source, HistoryStore.in_memory() as target:
        sid = source.start_session(
            routine_id=routine,
            title=title,
            sha256="",
            started_at=started,
            speed=speed,
            flare=flare,
            pain_before=before,
            answers=answers,
            steps=[(i, ex, planned) for i, (ex, planned, _, _) in enumerate(plan)],
        )
        source.finish(
            sid,
            status=status,
            ended_at=started + timedelta(minutes=3),
            pain_after=after,
            hurt=[i for i, (*_, hurt) in enumerate(plan) if hurt],
            notes=notes,
            stop_reason=reason,
            steps=[StepProgress(i, p / 2, s) for i, (_, p, s, _) in enumerate(plan)],  # type: ignore[arg-type]
        )
        exported = json.loads(json.dumps(export_json(source.sessions(), exported_at=started)))
        assert import_sessions(target, parse_export(exported)).added == 1
        (original,) = source.sessions()
        (copy,) = target.sessions()
        assert copy == original  # same row id 1 in both fresh stores, every field equal

        buf = io.StringIO(newline="")
        write_csv([original], buf)
        (row,) = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
        formula = notes.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row["notes"] == ("'" + notes if formula else notes)
        assert row["started_at"] == started.isoformat()
