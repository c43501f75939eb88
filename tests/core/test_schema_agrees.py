"""Schema and checker agree: every file `backcoach check` accepts validates with
check-jsonschema against the schema `backcoach schema` prints (both flavours).

The files: the shipped routines, the test fixtures, every example of the guide,
the schema tests' valid files, the mistakes table's base routine, and the files
a therapist writes that once split the two (numbers and dates where text goes,
a tab inside a text, merge keys). check-jsonschema reads the YAML itself, as an
editor's tooling would.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _pytest.capture import CaptureFixture

from backcoach.cli import main
from backcoach.core.library import LibraryIndex
from tests.core.test_check_mistakes import BASE
from tests.core.test_docs_examples import GUIDE_BLOCKS, HELPER_LIBRARY, complete
from tests.core.test_schema import VALID

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "routines").glob("*.yaml"))
FIXTURES = sorted((Path(__file__).parent / "fixtures" / "valid").glob("*.yaml"))

THERAPIST = {
    "numbers-as-ids-and-tags": """\
backcoach: 1
title: Bridges, week 2
tags: [hamstrings, 2024]
flare: {skip: [4]}
steps:
  - {exercise: glute-bridge, id: 2, reps: 10, rep_time: 4s}
  - {exercise: glute-bridge, id: 4, hold: 30s, cues: [{at: 5s, show: 10}], say: 12}
  - {rest: 1m, say: 3}
""",
    "date-title": """\
backcoach: 1
title: 2024-03-01
summary: 2024-03-01 10:00:00
author: yes
steps:
  - rest: 1m
    say: true
""",
    "tab-inside-quotes": (
        'backcoach: 1\ntitle: Tabs\nsteps:\n  - rest: 1m\n    say: "Hold\tand breathe"  # a\tnote\n'
    ),
    "merge-keys": """\
backcoach: 1
title: Merged
steps:
  - &stretch {exercise: wall-calf-stretch, hold: 30s, sides: each}
  - <<: *stretch
    hold: 45s
""",
    "durations-every-way": """\
backcoach: 1
title: Durations
defaults: {rest: 1m 30s, relax: 2.5, switch: 1.5m, rep_time: "4"}
steps:
  - exercise: cat-cow
    hold: 1h
    reps: 2
    cues: [{at: half, say: Half}, {before_end: 7.5, sound: bell}, {every: 1m, show: Go}]
  - {exercise: walk, duration: 90}
""",
}


def _valid_texts() -> dict[str, str]:
    texts = {f"shipped-{p.name}": p.read_text(encoding="utf-8") for p in SHIPPED}
    texts |= {f"fixture-{p.name}": p.read_text(encoding="utf-8") for p in FIXTURES}
    texts |= {f"guide-line{b.line}.yaml": complete(b.text) for b in GUIDE_BLOCKS if not b.invalid}
    texts |= {f"schema-valid-{i}.yaml": text for i, text in enumerate(VALID)}
    texts |= {"mistakes-base.yaml": BASE}
    texts |= {f"therapist-{name}.yaml": text for name, text in THERAPIST.items()}
    return texts


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every valid file in one folder, with the library and images they use."""
    out = tmp_path_factory.mktemp("valid")
    shutil.copytree(Path(__file__).parent / "fixtures" / "valid" / "images", out / "images")
    for name in ("knee-to-chest-0.jpg", "bridge-0.jpg", "bridge-1.jpg"):
        (out / "images" / name).write_bytes(b"\xff\xd8\xff\xd9")
    (out / "a.png").write_bytes(b"png")
    (out / "b").mkdir()
    (out / "b" / "c.JPG").write_bytes(b"jpg")
    (out / "helper-library.yaml").write_text(HELPER_LIBRARY, encoding="utf-8")
    for name, text in _valid_texts().items():
        (out / (name if name.endswith(".yaml") else name + ".yaml")).write_text(
            text, encoding="utf-8"
        )
    return out


def _schema(tmp_path: Path, capsys: CaptureFixture[str], *args: str) -> Path:
    assert main(["schema", *args]) == 0
    path = tmp_path / "backcoach-routine.schema.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    return path


def test_every_file_here_is_valid_for_check(folder: Path) -> None:
    index = LibraryIndex()
    for path in sorted(folder.glob("*.yaml")):
        result = index.load(path)
        assert [str(p) for p in result.problems] == [], path.name


@pytest.mark.slow
@pytest.mark.parametrize("flavour", [(), ("--editor",)], ids=["plain", "editor"])
def test_check_jsonschema_accepts_every_file_check_accepts(
    folder: Path, tmp_path: Path, capsys: CaptureFixture[str], flavour: tuple[str, ...]
) -> None:
    schema = _schema(tmp_path, capsys, *flavour)
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    assert len(files) >= 25
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_check_jsonschema_names_the_real_mistake(
    tmp_path: Path, capsys: CaptureFixture[str]
) -> None:
    """No top-level oneOf: the error is about the value, not 'the whole document'."""
    schema = _schema(tmp_path, capsys)
    bad = tmp_path / "bad.yaml"
    bad.write_text("backcoach: 1\ntitle: T\nsteps:\n  - {exercise: walk, hold: 30sec}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "$.steps[0].hold" in proc.stdout
    assert "is not valid under any of the given schemas" not in proc.stdout


def test_the_top_level_is_if_then_else_on_steps() -> None:
    from backcoach.core.schema import routine_schema

    schema = routine_schema()
    assert "oneOf" not in schema and "anyOf" not in schema
    assert schema["if"]["required"] == ["steps"]
    assert schema["then"] == {"$ref": "#/$defs/routine"}
    assert schema["else"]["then"] == {"$ref": "#/$defs/library"}


def test_the_plain_schema_has_only_json_schema_keywords(capsys: CaptureFixture[str]) -> None:
    """ajv (strict by default) refuses unknown keywords: the editor ones stay out."""
    assert main(["schema"]) == 0
    plain = capsys.readouterr().out
    assert "errorMessage" not in plain and "_message" not in plain
    assert main(["schema", "--editor"]) == 0
    editor = capsys.readouterr().out
    assert '"patternErrorMessage": "expected a duration like 30s or 1m30s' in editor
    assert '"patternErrorMessage": "expected N/day or N/week' in editor
    assert "_message" not in editor
    assert io.StringIO(plain).read().count('"examples"') >= 10
