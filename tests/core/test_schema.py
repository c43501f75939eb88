"""The JSON Schema: valid itself, accepts every shipped file, agrees with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from backcoach.core.loader import load_bytes
from backcoach.core.schema import routine_schema
from tests.core.test_loader_invalid import CASES

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "routines").glob("*.yaml"))
FIXTURES = sorted((Path(__file__).parent / "fixtures" / "valid").glob("*.yaml"))

# Invalid cases a schema can express (the others need the file system, other
# files, or arithmetic: unknown exercise ids, unique ids, cue positions...).
EXPRESSIBLE = {
    "not-mapping",
    "scalar-top",
    "newer",
    "no-version",
    "bad-version",
    "no-title",
    "no-steps",
    "empty-steps",
    "unknown-top",
    "hold-thirty",
    "hold-time",
    "reps-float",
    "reps-zero",
    "reps-text",
    "reps-yes",
    "sets-true",
    "tags-word",
    "level",
    "kind",
    "sides",
    "prescribed",
    "prescribed-zero",
    "defaults-hold",
    "defaults-typo",
    "exercise-and-duration",
    "nothing",
    "rep-time-hold",
    "rep-time-duration",
    "duration-reps",
    "rest-with-hold",
    "neither",
    "flare-scale",
    "flare-scale-zero",
    "cue-no-position",
    "cue-two-positions",
    "cue-no-action",
    "cue-sound",
    "stop-no-advice",
    "if-yes-enum",
    "image-dotdot",
    "image-absolute",
    "image-url",
    "image-ext",
    "exercise-no-name",
    "relax-no-hold",
    "switch-no-sides",
    "rest-zero-step",
    "hold-negative",
    "step-not-mapping",
    "empty-title",
}

VALID = [
    "backcoach: 1\ntitle: T\nsteps:\n  - rest: 1m\n",
    "backcoach: 1\nexercises:\n  a: {name: A, images: [a.png, b/c.JPG]}\n",
    "backcoach: 1\ntitle: T\nkind: posture-break\nprescribed: 3/week\n"
    "defaults: {rest: 5s, relax: 2s, switch: 1m 30s, rep_time: 2.5}\n"
    "flare: {scale: 1, skip: [x]}\n"
    "exercises:\n  a: {name: A}\n"
    "steps:\n  - {exercise: a, id: x, hold: 30s, reps: 2, relax: 3s, sides: each, switch: 2s,"
    " cues: [{at: half, say: hi}, {before_end: 3s, sound: tick}, {every: 10s, show: x}]}\n"
    "  - {exercise: a, reps: 10, rep_time: 4s, sets: 2, rest: 30s}\n"
    "  - {exercise: a, duration: 2m, say: Walk}\n  - {rest: 1m, say: Water, id: r}\n",
]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = routine_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    json.dumps(schema)  # plain JSON
    return jsonschema.Draft202012Validator(schema)


def test_schema_has_descriptions_and_closed_objects() -> None:
    schema = routine_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    defs = schema["$defs"]
    for name in ("routine", "exercise", "exercise_step", "rest_step", "cue", "question"):
        assert defs[name]["additionalProperties"] is False
        for key, prop in defs[name]["properties"].items():
            assert prop.get("description"), f"{name}.{key}"
    assert defs["routine"]["properties"]["level"]["enum"] == ["gentle", "moderate", "strong"]


@pytest.mark.parametrize("path", SHIPPED + FIXTURES, ids=lambda p: p.name)
def test_shipped_and_fixture_files_validate(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
    assert errors == []


@pytest.mark.parametrize("text", VALID)
def test_valid_files_pass_both(
    validator: jsonschema.Draft202012Validator, tmp_path: Path, text: str
) -> None:
    assert list(validator.iter_errors(yaml.safe_load(text))) == []
    (tmp_path / "a.png").write_bytes(b"png")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.JPG").write_bytes(b"jpg")
    result = load_bytes(text.encode(), tmp_path / "r.yaml", assets=tmp_path)
    assert result.problems == []


INVALID = {str(c.id): str(c.values[0]) for c in CASES if c.id in EXPRESSIBLE}


def test_expressible_cases_exist() -> None:
    assert set(INVALID) == EXPRESSIBLE


@pytest.mark.parametrize("name", sorted(EXPRESSIBLE))
def test_schema_refuses_what_the_loader_refuses(
    validator: jsonschema.Draft202012Validator, name: str
) -> None:
    doc = yaml.safe_load(INVALID[name])
    assert list(validator.iter_errors(doc)), "the schema accepts a file the loader refuses"
