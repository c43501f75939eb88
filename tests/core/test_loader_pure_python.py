"""The loader without libyaml: PyYAML's pure-Python parser gives the same problems.

`yaml_nodes` picks libyaml's parser when PyYAML has it; installs without it
fall back to `PureLoader`. These tests force the fallback and run the whole
invalid table and the hostile inputs through it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from backcoach.core.checks import yaml_nodes
from backcoach.core.loader import LoadResult, load_bytes
from tests.core.test_loader import alias_bomb, known_key_alias_bomb
from tests.core.test_loader_invalid import CASES


@pytest.fixture(autouse=True)
def pure_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_nodes, "_Loader", yaml_nodes.PureLoader)


def _load(tmp_path: Path, text: str) -> LoadResult:
    return load_bytes(
        text.encode(), tmp_path / "r.yaml", display="routines/r.yaml", assets=tmp_path / "none"
    )


def test_the_fallback_is_really_in_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []

    class Spy(yaml_nodes.PureLoader):
        def __init__(self, stream: str) -> None:
            used.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(yaml_nodes, "_Loader", Spy)
    result = _load(tmp_path, "backcoach: 1\ntitle: T\nsteps: [{rest: 1m}]\n")
    assert result.ok and result.routine is not None
    assert used == ["backcoach: 1\ntitle: T\nsteps: [{rest: 1m}]\n"]


@pytest.mark.parametrize(("text", "line", "col", "message"), CASES)
def test_invalid_table_through_the_pure_parser(
    tmp_path: Path, text: str, line: int, col: int, message: str
) -> None:
    # the same words as with libyaml, syntax errors included
    result = _load(tmp_path, text)
    assert result.routine is None and result.library is None
    assert [str(p) for p in result.problems] == [f"routines/r.yaml:{line}:{col}: {message}"]


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    start = time.perf_counter()
    result = _load(tmp_path, alias_bomb())
    assert time.perf_counter() - start < 2.0
    assert result.routine is None
    assert 0 < len(result.problems) <= 20


def test_alias_bomb_in_known_keys_hits_the_node_budget(tmp_path: Path) -> None:
    result = _load(tmp_path, known_key_alias_bomb())
    assert result.routine is None
    assert result.problems[-1].message.startswith("anchors and aliases expand to too many values")


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000, "- " * 100_000 + "x", "a: " + "{b: " * 60_000],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, text: str) -> None:
    result = _load(tmp_path, text)
    assert result.routine is None
    (problem,) = result.problems
    assert problem.message == "nested more than 100 levels deep; a routine needs only a few"


def test_nesting_just_within_the_limit_is_composed(tmp_path: Path) -> None:
    # deep but legal YAML reaches the walker, which names the real mistake
    result = _load(
        tmp_path, "backcoach: 1\ntitle: " + "[" * 90 + "]" * 90 + "\nsteps: [{rest: 1m}]\n"
    )
    assert [str(p) for p in result.problems] == [
        "routines/r.yaml:2:8: title: expected text, got a list"
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    result = _load(tmp_path, "backcoach: 1\ntitle: A\ntitle: B\nsteps: [{rest: 1m}]\n")
    assert [str(p) for p in result.problems] == [
        "routines/r.yaml:3:1: duplicate key 'title' (first on line 2); keep only one"
    ]


def test_duplicate_key_in_a_step(tmp_path: Path) -> None:
    text = "backcoach: 1\ntitle: T\nsteps:\n  - rest: 1m\n    say: a\n    say: b\n"
    result = _load(tmp_path, text)
    assert [str(p) for p in result.problems] == [
        "routines/r.yaml:6:5: steps[0]: duplicate key 'say' (first on line 5); keep only one"
    ]
