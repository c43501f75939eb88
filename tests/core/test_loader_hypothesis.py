"""Whatever the bytes, the loader answers with problems, never an exception."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.core.loader import LoadResult, load_bytes

KEYS = st.sampled_from(
    [
        "backcoach",
        "title",
        "steps",
        "exercise",
        "exercises",
        "hold",
        "reps",
        "rep_time",
        "duration",
        "sets",
        "sides",
        "rest",
        "cues",
        "at",
        "every",
        "say",
        "flare",
        "skip",
        "scale",
        "name",
        "image",
        "defaults",
        "before_you_start",
        "if_yes",
        "id",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["30s", "1m30s", "half", "each", "stop", "1/day", "../x.png", "a.png"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=40,
)
DOCS = st.fixed_dictionaries(
    {"backcoach": st.sampled_from([1, 1, 2, "1"])},
    optional={
        "title": VALUES,
        "steps": st.lists(st.dictionaries(KEYS, VALUES, max_size=6), max_size=4),
        "exercises": st.dictionaries(st.text(max_size=6), VALUES, max_size=3),
        "flare": VALUES,
        "defaults": VALUES,
    },
)


def _check(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    for p in result.problems:
        assert p.line >= 1 and p.col >= 1 and p.message
    assert (result.routine is None and result.library is None) or not result.problems


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    _check(load_bytes(data, Path("/nonexistent/r.yaml"), assets=Path("/nonexistent")))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    _check(load_bytes(text.encode(), Path("/nonexistent/r.yaml"), assets=Path("/nonexistent")))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_arbitrary_yaml_documents(doc: dict[str, object]) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    _check(load_bytes(text.encode(), Path("/nonexistent/r.yaml"), assets=Path("/nonexistent")))


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_arbitrary_yaml_values(value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    _check(load_bytes(text.encode(), Path("/nonexistent/r.yaml"), assets=Path("/nonexistent")))
