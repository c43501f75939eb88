"""RoutineCatalog: one scan of the routine folders answers every library question."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backcoach.core import library
from backcoach.core.library import (
    FOLDER_IS_A_FILE,
    FOLDER_NOT_FOUND,
    FOLDER_UNREADABLE,
    LibraryIndex,
    RoutineCatalog,
    scan_library,
)
from backcoach.core.paths import AppPaths
from backcoach.core.routine import POSTURE_BREAK_KIND, Prescribed

ROUTINE = "backcoach: 1\ntitle: {title}\n{extra}steps: [{{rest: 1m}}]\n"


def write(folder: Path, name: str, title: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(ROUTINE.format(title=title, extra=extra), encoding="utf-8")
    return path


def no_bundled() -> LibraryIndex:
    return LibraryIndex(bundled=None, assets=None)


def test_targets_breaks_and_find_come_from_one_scan(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    write(mine, "knees.yaml", "Knees", "prescribed: 2/day\n")
    write(mine, "walk.yaml", "Walk")
    write(mine, "desk.yaml", "Desk break", f"kind: {POSTURE_BREAK_KIND}\nprescribed: 4/day\n")
    write(mine, "stand.yaml", "A standing break", f"kind: {POSTURE_BREAK_KIND}\n")
    catalog = RoutineCatalog.scan([mine], index=no_bundled())
    assert catalog.problems == ()
    assert catalog.targets() == {"knees": Prescribed(2, "day")}  # breaks are no target
    assert sorted(catalog.break_routines()) == ["desk", "stand"]
    assert catalog.break_choices() == [("stand", "A standing break"), ("desk", "Desk break")]
    found = catalog.find("walk")
    assert found is not None and found.routine is not None and found.routine.title == "Walk"
    assert catalog.find(str(mine / "knees.yaml")) is catalog.entries[1]
    assert catalog.find("nope") is None


def test_the_first_folder_wins_an_id(tmp_path: Path) -> None:
    write(tmp_path / "a", "knees.yaml", "Knees A", "prescribed: 1/day\n")
    write(tmp_path / "b", "knees.yaml", "Knees B", "prescribed: 3/week\n")
    catalog = RoutineCatalog.scan([tmp_path / "a", tmp_path / "b"], index=no_bundled())
    assert catalog.targets() == {"knees": Prescribed(1, "day")}
    assert len(catalog.entries) == 2


def test_a_missing_folder_is_a_problem_unless_it_may_be_missing(tmp_path: Path) -> None:
    typo, own = tmp_path / "typo", tmp_path / "own"
    catalog = RoutineCatalog.scan([typo, own], may_be_missing=(own,), index=no_bundled())
    assert catalog.problems == ((FOLDER_NOT_FOUND, (typo,)),)
    assert catalog.problem_texts() == [
        f"The routine folder {typo} was not found; its routines are not listed."
    ]


def test_a_file_given_as_a_folder_is_a_problem(tmp_path: Path) -> None:
    blocker = tmp_path / "routines.txt"
    blocker.write_text("not a folder")
    catalog = RoutineCatalog.scan([blocker], index=no_bundled())
    assert catalog.problems == ((FOLDER_IS_A_FILE, (blocker,)),)
    assert catalog.entries == ()


def test_an_unreadable_folder_is_a_problem_and_the_rest_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    write(shared, "ok.yaml", "Readable")
    locked = shared / "locked"
    write(locked, "hidden.yaml", "Behind a lock")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:  # root ignores chmod: refuse here
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    catalog = RoutineCatalog.scan([shared], index=no_bundled())
    assert [e.path.name for e in catalog.entries] == ["ok.yaml"]
    assert catalog.problems == ((FOLDER_UNREADABLE, (str(locked), "Permission denied")),)
    assert catalog.problem_texts() == [
        f"The routine folder {locked} could not be read (Permission denied); "
        "its routines are not listed."
    ]


def test_a_folder_behind_a_locked_parent_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hidden = tmp_path / "locked" / "routines"
    real_is_dir = Path.is_dir

    def is_dir(self: Path) -> bool:  # what stat says when the parent may not be searched
        if self == hidden:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    catalog = RoutineCatalog.scan([hidden], index=no_bundled())
    assert catalog.problems == ((FOLDER_UNREADABLE, (hidden, "Permission denied")),)


def test_scan_library_reads_the_folders_the_window_lists(tmp_path: Path) -> None:
    bundled, settings_folder = tmp_path / "bundled", tmp_path / "from-settings"
    write(bundled, "shipped.yaml", "Shipped", "prescribed: 1/day\n")
    write(settings_folder, "mine.yaml", "Mine", "prescribed: 2/day\n")
    paths = AppPaths(data_dir=tmp_path / "data", bundled_routines=bundled)
    catalog = scan_library(paths, (str(settings_folder),), index=no_bundled())
    assert catalog.problems == ()  # the user's own folder does not exist yet: fine
    assert catalog.targets() == {"shipped": Prescribed(1, "day"), "mine": Prescribed(2, "day")}
    assert catalog.folders == (bundled, paths.user_routines, settings_folder)


def test_scan_folders_keeps_returning_the_entries(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "A")
    entries = library.scan_folders([tmp_path, tmp_path / "missing"], index=no_bundled())
    assert [e.path.name for e in entries] == ["a.yaml"]
