"""Importing routines without Qt: check, refuse with the file's problems, copy, name clashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.imports import import_check, routine_import
from backcoach.core.imports.import_check import ImportCheck, check_import
from backcoach.core.imports.routine_import import Clash, ImportReport, describe, import_files
from backcoach.core.library import LibraryIndex
from backcoach.core.messages import VERBATIM, Message

STRETCH = """\
backcoach: 1
title: Morning stretch
exercises:
  knee:
    name: Knee to chest
steps:
  - exercise: knee
    hold: 10s
"""

INVALID = """\
backcoach: 1
title: Not quite
steps:
  - exercise: nowhere
    hold_time: 10s
"""

LIBRARY = """\
backcoach: 1
exercises:
  wall-sit:
    name: Wall sit
    image: images/wall.jpg
"""

USES_LIBRARY = """\
backcoach: 1
title: Uses the wall
steps:
  - exercise: wall-sit
    hold: 10s
"""


class Asked:
    """An `ask_clash` that records what it was asked and gives one answer."""

    def __init__(self, answer: Clash) -> None:
        self.answer: Clash = answer
        self.asked: list[ImportCheck] = []

    def __call__(self, check: ImportCheck) -> Clash:
        self.asked.append(check)
        return self.answer


def run(paths: list[Path], dest: Path, ask: Asked | None = None) -> ImportReport:
    def never(check: ImportCheck) -> Clash:
        raise AssertionError(f"asked about {check.dest}")

    return import_files(paths, dest, bundled=None, assets=None, ask_clash=ask or never)


def files_in(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")}


@pytest.fixture
def handed(tmp_path: Path) -> Path:
    """The folder a therapist's files come from."""
    folder = tmp_path / "from-therapist"
    folder.mkdir()
    return folder


def test_a_valid_routine_is_copied_and_described(handed: Path, tmp_path: Path) -> None:
    src = handed / "stretch.yaml"
    src.write_text(STRETCH, encoding="utf-8")
    mine = tmp_path / "mine"
    report = run([src], mine)
    assert report.imported == [mine / "stretch.yaml"]
    assert not report.has_problems and not report.refused
    assert files_in(mine) == {"stretch.yaml": STRETCH.encode()}  # no staging left behind
    description = describe(report)
    assert description.summary == (Message(routine_import.IMPORTED, ("stretch.yaml",)),)
    assert description.details == ()
    assert description.render() == ("Imported into your routines: stretch.yaml", "")


def test_an_invalid_routine_is_refused_with_its_problems_and_nothing_is_copied(
    handed: Path, tmp_path: Path
) -> None:
    src = handed / "not-quite.yaml"
    src.write_text(INVALID, encoding="utf-8")
    mine = tmp_path / "mine"
    report = run([src], mine)
    assert report.imported == [] and report.has_problems
    assert not mine.exists()
    [refused] = report.refused
    assert refused.source == src
    # the loader's FILE:LINE:COL lines, shown as they are (no catalogue translates them)
    assert refused.problems and all(p.template == VERBATIM for p in refused.problems)
    lines = [str(p) for p in refused.problems]
    assert all(line.startswith("not-quite.yaml:") for line in lines)
    assert any(line.split(":")[1].isdigit() for line in lines)
    summary, details = describe(report).render()
    assert summary == "Some files were not imported; nothing was copied for them."
    assert details.splitlines() == [
        "“not-quite.yaml” was not imported. Please fix these problems first:",
        *("  " + line for line in lines),
    ]


def test_a_file_that_is_not_a_routine_is_refused_with_a_message(
    handed: Path, tmp_path: Path
) -> None:
    src = handed / "notes.txt"
    src.write_text("hello", encoding="utf-8")
    report = run([src], tmp_path / "mine")
    assert report.refused[0].problems == [Message(import_check.NOT_A_ROUTINE_FILE, ("notes.txt",))]
    assert not (tmp_path / "mine").exists()


@pytest.mark.parametrize(
    ("answer", "expected", "placed"),
    [
        ("skip", {"stretch.yaml": "Old stretch"}, None),
        ("replace", {"stretch.yaml": "Morning stretch"}, "stretch.yaml"),
        (
            "keep-both",
            {"stretch.yaml": "Old stretch", "stretch-2.yaml": "Morning stretch"},
            "stretch-2.yaml",
        ),
    ],
)
def test_a_name_already_taken_asks_and_follows_the_answer(
    handed: Path, tmp_path: Path, answer: Clash, expected: dict[str, str], placed: str | None
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "stretch.yaml").write_text(STRETCH.replace("Morning", "Old"), encoding="utf-8")
    src = handed / "stretch.yaml"
    src.write_text(STRETCH, encoding="utf-8")
    ask = Asked(answer)
    report = run([src], mine, ask)
    assert [c.dest for c in ask.asked] == [mine / "stretch.yaml"]
    assert ask.asked[0].taken == [mine / "stretch.yaml"]
    titles = {
        name: next(line for line in data.decode().splitlines() if line.startswith("title:"))
        for name, data in files_in(mine).items()
    }
    assert titles == {name: f"title: {title}" for name, title in expected.items()}
    assert report.imported == ([] if placed is None else [mine / placed])
    assert report.skipped == ([src] if placed is None else [])


def test_the_same_file_again_asks_nothing_and_changes_nothing(handed: Path, tmp_path: Path) -> None:
    src = handed / "stretch.yaml"
    src.write_text(STRETCH, encoding="utf-8")
    mine = tmp_path / "mine"
    run([src], mine)
    report = run([src], mine)  # `never` would fail the test if asked
    assert report.unchanged == [mine / "stretch.yaml"] and report.imported == []
    assert describe(report).render()[0] == "Already in your routines, unchanged: stretch.yaml"


def test_what_a_routine_uses_beside_it_decides_its_folder(handed: Path, tmp_path: Path) -> None:
    (handed / "images").mkdir()
    (handed / "images" / "wall.jpg").write_bytes(b"jpeg")
    (handed / "exercises.yaml").write_text(LIBRARY, encoding="utf-8")
    (handed / "uses.yaml").write_text(USES_LIBRARY, encoding="utf-8")
    mine = tmp_path / "mine"
    check = check_import(handed / "uses.yaml", mine, LibraryIndex(bundled=None, assets=None))
    assert check.ok and check.in_folder and check.title == "Uses the wall"
    assert check.dest == mine / "uses" and check.main == "uses.yaml"
    assert check.files == {
        "uses.yaml": handed / "uses.yaml",
        "exercises.yaml": handed / "exercises.yaml",
        "images/wall.jpg": handed / "images" / "wall.jpg",
    }
    alone = check_import(handed / "exercises.yaml", mine, LibraryIndex(bundled=None, assets=None))
    assert alone.problems == [Message(import_check.LIBRARY_NEEDS_FOLDER, ("exercises.yaml",))]
    assert not mine.exists()  # checking copies nothing


def test_every_reported_template_is_listed() -> None:
    templates = import_check.MESSAGE_TEMPLATES + routine_import.MESSAGE_TEMPLATES
    assert len(set(templates)) == len(templates)
    assert VERBATIM not in templates
