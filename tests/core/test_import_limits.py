"""Every bad import is a message, never a traceback: depth, digits, surrogates, ranges,
dates, duplicate uuids and size are refused before anything is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backcoach.cli import main
from backcoach.core.history import open_history
from backcoach.core.log import importer
from backcoach.core.log.importer import ImportProblem, read_export_data, review_store
from tests.core.history_fixtures import fill
from tests.core.test_import import export_dict

Mutation = Callable[[dict[str, Any]], None]


def nest(depth: int) -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value]
    return value


def text_with(data: dict[str, Any], mutate: Mutation | str) -> str:
    """The export as JSON text after `mutate`, or the raw text given."""
    if isinstance(mutate, str):
        return mutate
    mutate(data)
    return json.dumps(data)


def session0(**fields: Any) -> Mutation:
    return lambda d: d["sessions"][0].update(fields)


def step0(**fields: Any) -> Mutation:
    return lambda d: d["sessions"][0]["steps"][0].update(fields)


def duplicate_break(d: dict[str, Any]) -> None:
    d["breaks"].append(dict(d["breaks"][0]))


def duplicate_session(d: dict[str, Any]) -> None:
    twin = dict(d["sessions"][1])
    twin["uuid"] = d["sessions"][0]["uuid"]
    d["sessions"].append(twin)


def hand_made_breaks_twice(d: dict[str, Any]) -> None:
    b = {"due_at": "2025-03-01T10:00:00+01:00", "status": "taken"}
    d["breaks"] = [b, dict(b)]


HEAD = '{"format": "backcoach-history", "version": 1, "sessions": '
BAD: list[tuple[str, Mutation | str, str]] = [
    ("nested 1000 deep", HEAD + "[" * 1000 + "]" * 1000 + "}", "nested more than 16 levels"),
    ("nested 40 deep", HEAD + json.dumps(nest(40)) + "}", "nested more than 16 levels"),
    ("5000 digits", HEAD + '[], "x": ' + "7" * 5000 + "}", "a number has thousands of digits"),
    ("lone surrogate", session0(notes="\ud800"), "sessions[0].notes: is not text"),
    ("surrogate step", step0(exercise="cat-\udfff"), "steps[0].exercise: is not text"),
    ("index 2**63", step0(index=2**63), "steps[0].index: must be 0..9999, found 92233720368"),
    ("seconds 1e300", step0(done_seconds=1e300), "done_seconds: must be a number of at most 86400"),
    ("speed 1e9", session0(speed=1e9), "speed: must be a number of at most 1000"),
    ("break uuid twice", duplicate_break, "appears twice (also breaks[0].uuid)"),
    ("session uuid twice", duplicate_session, "appears twice (also sessions[0].uuid)"),
    ("hand-made break twice", hand_made_breaks_twice, "breaks[1]: the same reminder"),
    (
        "year 9999",
        session0(started_at="9999-12-31T23:00:00-05:00", ended_at=None),
        "started_at: must be in the years 1900 to 2100",
    ),
    (
        "year 0001",
        session0(started_at="0001-01-01T00:30:00+05:00", ended_at=None),
        "started_at: must be in the years 1900 to 2100",
    ),
    (
        "ends before it starts",
        session0(ended_at="2025-03-01T08:00:00+01:00"),
        "sessions[0].ended_at: is before started_at",
    ),
    (
        "break in 2200",
        lambda d: d["breaks"][0].update(at="2200-01-01T00:00:00+00:00"),
        "breaks[0].at: must be in the years 1900 to 2100",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_imports_are_refused_with_a_message(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    mutate: Mutation | str,
    expected: str,
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text_with(export_dict(), mutate), encoding="utf-8")
    with open_history(data_dir / "history.sqlite3") as store:
        fill(store)
        before = store.count()
    assert main(["import", str(path), "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert err.startswith(f"backcoach import: {path}")
    with open_history(data_dir / "history.sqlite3") as store:
        assert store.count() == before  # nothing was changed
    with pytest.raises(ImportProblem) as info:
        review_store(path)  # what File → Open history… reads
    assert expected in info.value.message


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(export_dict()))
    monkeypatch.setattr(importer, "MAX_IMPORT_BYTES", 1_000_000)
    with path.open("a") as fh:
        fh.write(" " * 1_000_000)  # still valid JSON, just too much of it
    with pytest.raises(ImportProblem, match="too big to be a backcoach history export"):
        read_export_data(path)


def test_the_documented_limit_is_200_mb(repo: Path) -> None:
    assert importer.MAX_IMPORT_BYTES == 200_000_000
    for doc in ("README.md", "docs/user-guide.md"):
        assert "200 MB" in (repo / doc).read_text(encoding="utf-8"), doc


def test_good_values_at_the_edges_still_import(tmp_path: Path, data_dir: Path) -> None:
    data = export_dict()
    data["sessions"][0].update(started_at="1900-01-01T00:00:00+01:00", ended_at=None)
    data["sessions"][1].update(started_at="2100-12-31T23:00:00-01:00", ended_at=None, speed=1000)
    data["sessions"][2]["steps"][0].update(index=9999, done_seconds=86400)
    path = tmp_path / "edges.json"
    path.write_text(json.dumps(data))
    assert main(["import", str(path), "--data-dir", str(data_dir)]) == 0


def test_merge_itself_takes_a_break_given_twice_once(data_dir: Path) -> None:
    from backcoach.core.history import BreakRecord
    from tests.core.history_fixtures import T0

    twice = [BreakRecord(0, "b-1", T0, None, "taken", None, None)] * 2
    with open_history(data_dir / "history.sqlite3") as store:
        store.merge([], twice)
        assert [b.uuid for b in store.breaks()] == ["b-1"]
