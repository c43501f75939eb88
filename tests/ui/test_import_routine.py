"""Routine import: check first, copy only valid files, ask on a name clash, drops work."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl, qVersion
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.imports.import_check import ImportCheck, read_source
from backcoach.core.imports.import_place import free_name
from backcoach.core.imports.routine_import import (
    Clash,
    ImportReport,
    describe,
    import_files,
    libraries_first,
)
from backcoach.core.library import LibraryIndex, load_routine, scan_folders
from tests.ui.kit import BROKEN, OTHER, TINY, make_ctx, open_window, write_routines

LIBRARY = """\
backcoach: 1
exercises:
  wall-sit:
    name: Wall sit
"""

USES_LIBRARY = """\
backcoach: 1
title: Uses the wall
steps:
  - exercise: wall-sit
    hold: 10s
"""

PICTURES = """\
backcoach: 1
title: Bridges with pictures
exercises:
  bridge:
    name: Glute bridge
    images: [images/bridge-0.jpg, ./images/bridge-1.jpg]
steps:
  - exercise: bridge
    reps: 3
"""


def never(check: ImportCheck) -> NoReturn:
    raise AssertionError(f"asked about {check.dest}")


def run(
    paths: list[Path], dest: Path, answer: Callable[[ImportCheck], Clash] = never
) -> ImportReport:
    return import_files(paths, dest, bundled=None, assets=None, ask_clash=answer)


def test_valid_routine_is_copied(tmp_path: Path) -> None:
    src = tmp_path / "in" / "tiny.yaml"
    src.parent.mkdir()
    src.write_text(TINY)
    dest = tmp_path / "mine"
    report = run([src], dest)
    assert report.imported == [dest / "tiny.yaml"]
    assert (dest / "tiny.yaml").read_text() == TINY
    assert not list(dest.glob(".import-*"))


def test_invalid_routine_is_not_copied_and_problems_have_lines(tmp_path: Path) -> None:
    src = tmp_path / "broken.yaml"
    src.write_text(BROKEN)
    dest = tmp_path / "mine"
    report = run([src], dest)
    assert report.imported == []
    assert not (dest / "broken.yaml").exists()
    problems = [str(p) for p in report.refused[0].problems]
    assert problems and all(p.startswith("broken.yaml:") for p in problems)
    assert any(p.split(":")[1].isdigit() for p in problems)


def test_not_yaml_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("hello")
    report = run([src], tmp_path / "mine")
    assert report.refused and "yaml" in str(report.refused[0].problems[0])


def test_clash_asks_and_respects_the_answer(tmp_path: Path) -> None:
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "tiny.yaml").write_text(TINY.replace("Tiny test routine", "Old tiny"))
    src = tmp_path / "tiny.yaml"
    src.write_text(TINY)
    asked: list[Path] = []

    def skip(check: ImportCheck) -> Clash:
        asked.append(check.dest)
        return "skip"

    report = run([src], dest, skip)
    assert asked == [dest / "tiny.yaml"] and report.skipped == [src]
    assert "Old tiny" in (dest / "tiny.yaml").read_text()
    report = run([src], dest, lambda c: "keep-both")
    assert report.imported == [dest / "tiny-2.yaml"]
    assert "Old tiny" in (dest / "tiny.yaml").read_text()
    report = run([src], dest, lambda c: "replace")
    assert report.imported == [dest / "tiny.yaml"]
    assert (dest / "tiny.yaml").read_text() == TINY


def test_same_file_again_changes_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "tiny.yaml").write_text(TINY)
    src = tmp_path / "tiny.yaml"
    src.write_text(TINY)
    report = run([src], dest)  # `never`: no question asked
    assert report.unchanged == [dest / "tiny.yaml"] and report.imported == []


def test_routine_and_its_library_import_together(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-uses.yaml").write_text(USES_LIBRARY)
    (src / "z-exercises.yaml").write_text(LIBRARY)
    paths = [src / "a-uses.yaml", src / "z-exercises.yaml"]
    assert libraries_first(paths)[0].name == "z-exercises.yaml"
    dest = tmp_path / "mine"
    report = run(paths, dest)
    # the library dropped on its own goes where every routine sees it; the routine
    # brings its own copy, in a folder of its own
    assert sorted(p.relative_to(dest).as_posix() for p in report.imported) == [
        "a-uses/a-uses.yaml",
        "a-uses/z-exercises.yaml",
        "z-exercises.yaml",
    ]


def test_routine_brings_the_library_beside_it(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "uses.yaml").write_text(USES_LIBRARY)
    (src / "exercises.yaml").write_text(LIBRARY)
    (src / "unrelated.yaml").write_text(LIBRARY.replace("wall-sit", "other"))
    dest = tmp_path / "mine"
    report = run([src / "uses.yaml"], dest)
    assert report.imported == [dest / "uses" / "uses.yaml", dest / "uses" / "exercises.yaml"]
    assert sorted(p.name for p in (dest / "uses").iterdir()) == ["exercises.yaml", "uses.yaml"]
    summary, _details = describe(report).render()
    assert "exercises.yaml" in summary and "“uses”" in summary
    entries = scan_folders([dest], index=LibraryIndex(bundled=None, assets=None))
    routines = [e for e in entries if e.routine is not None]
    assert [e.routine.title for e in routines if e.routine] == ["Uses the wall"]
    assert all(e.ok for e in entries)


def _pictures_routine(folder: Path, name: str = "bridges.yaml", colour: bytes = b"red") -> Path:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "images" / "bridge-0.jpg").write_bytes(b"jpeg-0-" + colour)
    (folder / "images" / "bridge-1.jpg").write_bytes(b"jpeg-1-" + colour)
    (folder / "images" / "unused.jpg").write_bytes(b"not used")
    (folder / "secret.txt").write_text("not a picture of this routine")
    routine = folder / name
    routine.write_text(PICTURES)
    return routine


def test_routine_with_pictures_imports_them_and_loads_from_the_user_folder(
    tmp_path: Path,
) -> None:
    src = _pictures_routine(tmp_path / "from-therapist")
    dest = tmp_path / "mine"
    report = run([src], dest)
    placed = dest / "bridges" / "bridges.yaml"
    assert report.imported == [placed] and not report.refused
    assert placed.read_bytes() == src.read_bytes()  # byte for byte: same sha256
    copied = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert copied == [
        "bridges/bridges.yaml",
        "bridges/images/bridge-0.jpg",
        "bridges/images/bridge-1.jpg",
    ]
    routine = load_routine(placed, index=LibraryIndex(bundled=None, assets=None))
    images = routine.exercises["bridge"].images
    assert [p.name for p in images] == ["bridge-0.jpg", "bridge-1.jpg"]
    assert all(p.is_relative_to(dest.absolute()) for p in images)
    assert not list(dest.glob(".import-*"))


def test_pictures_from_the_app_assets_are_not_copied(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "images").mkdir(parents=True)
    (assets / "images" / "bridge-0.jpg").write_bytes(b"bundled")
    (assets / "images" / "bridge-1.jpg").write_bytes(b"bundled")
    src = tmp_path / "in" / "bridges.yaml"
    src.parent.mkdir()
    src.write_text(PICTURES)
    dest = tmp_path / "mine"
    report = import_files([src], dest, bundled=None, assets=assets, ask_clash=never)
    assert report.imported == [dest / "bridges.yaml"]  # needs nothing: no folder of its own
    assert sorted(p.name for p in dest.iterdir()) == ["bridges.yaml"]


def test_library_with_its_own_pictures_alone_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _pictures_routine(src)
    lib = src / "lib.yaml"
    lib.write_text("backcoach: 1\nexercises:\n  b:\n    name: B\n    image: images/bridge-0.jpg\n")
    dest = tmp_path / "mine"
    report = run([lib], dest)
    assert report.refused and "folder" in str(report.refused[0].problems[0])
    assert not dest.exists()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("skip", ["bridges/bridges.yaml", "bridges/images/bridge-0.jpg"]),
        ("replace", ["bridges/bridges.yaml", "bridges/images/bridge-0.jpg"]),
        (
            "keep-both",
            [
                "bridges-2/bridges-2.yaml",
                "bridges-2/images/bridge-0.jpg",
                "bridges/bridges.yaml",
                "bridges/images/bridge-0.jpg",
            ],
        ),
    ],
)
def test_clash_of_a_routine_with_pictures(
    tmp_path: Path, answer: Clash, expected: list[str]
) -> None:
    dest = tmp_path / "mine"
    first = run([_pictures_routine(tmp_path / "old")], dest)
    assert first.imported == [dest / "bridges" / "bridges.yaml"]
    again = run([_pictures_routine(tmp_path / "old")], dest)  # same files: nothing asked
    assert again.unchanged == [dest / "bridges"] and not again.imported
    new = _pictures_routine(tmp_path / "new", colour=b"blue")
    asked: list[Path] = []

    def choose(check: ImportCheck) -> Clash:
        asked.append(check.dest)
        return answer

    report = run([new], dest, choose)
    assert asked == [dest / "bridges"]
    files = sorted(
        p.relative_to(dest).as_posix()
        for p in dest.rglob("*")
        if p.is_file() and "-1" not in p.name
    )
    assert files == expected
    old_picture = (dest / "bridges" / "images" / "bridge-0.jpg").read_bytes()
    assert old_picture == (b"jpeg-0-blue" if answer == "replace" else b"jpeg-0-red")
    if answer == "keep-both":
        assert (dest / "bridges-2" / "images" / "bridge-0.jpg").read_bytes() == b"jpeg-0-blue"
        assert (dest / "bridges-2" / "bridges-2.yaml").read_bytes() == new.read_bytes()
        assert report.imported == [dest / "bridges-2" / "bridges-2.yaml"]
    assert not list(dest.glob(".import-*"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("what", ["copy2", "replace"])
@pytest.mark.parametrize("answer", ["replace", "keep-both"])
def test_failure_mid_copy_leaves_the_destination_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, answer: Clash
) -> None:
    dest = tmp_path / "mine"
    run([_pictures_routine(tmp_path / "old")], dest)
    (dest / "tiny.yaml").write_text(TINY)
    before = _snapshot(dest)
    new = _pictures_routine(tmp_path / "new", colour=b"blue")
    calls = {"n": 0}
    real_copy2, real_replace = shutil.copy2, os.replace

    def failing_copy2(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:  # the routine is copied, then the first picture fails
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy2(*args, **kwargs)

    def failing_replace(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if Path(dst).name in ("bridges", "bridges-2"):  # the last step: into place
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(src, dst)

    if what == "copy2":
        monkeypatch.setattr(shutil, "copy2", failing_copy2)
    else:
        monkeypatch.setattr(os, "replace", failing_replace)
    report = run([new], dest, lambda c: answer)
    monkeypatch.undo()
    assert report.failed and not report.imported
    assert "bridges.yaml" in str(report.failed[0])
    assert _snapshot(dest) == before
    assert sorted(p.name for p in dest.iterdir()) == ["bridges", "tiny.yaml"]


def test_dropped_folder_imports_its_valid_routines_and_reports_the_others(
    tmp_path: Path,
) -> None:
    src = tmp_path / "Dr Ruiz"
    _pictures_routine(src)
    (src / "uses.yaml").write_text(USES_LIBRARY)
    (src / "exercises.yaml").write_text(LIBRARY)
    (src / "tiny.yaml").write_text(TINY)
    (src / "broken.yaml").write_text(BROKEN)
    (src / "deeper").mkdir()
    (src / "deeper" / "other.yaml").write_text(OTHER)
    dest = tmp_path / "mine"
    report = run([src], dest)
    folder = dest / "Dr Ruiz"
    assert sorted(p.name for p in report.imported) == [
        "bridges.yaml",
        "exercises.yaml",
        "tiny.yaml",
        "uses.yaml",
    ]
    assert sorted(_snapshot(folder)) == [
        "bridges.yaml",
        "exercises.yaml",
        "images/bridge-0.jpg",
        "images/bridge-1.jpg",
        "tiny.yaml",
        "uses.yaml",
    ]
    assert [c.source.name for c in report.refused] == ["broken.yaml"]
    assert str(report.refused[0].problems[0]).startswith("broken.yaml:")
    summary, details = describe(report).render()
    assert "Dr Ruiz" in summary and "broken.yaml" in details
    entries = scan_folders([dest], index=LibraryIndex(bundled=None, assets=None))
    assert len(entries) == 4 and all(e.ok for e in entries)


def test_folder_with_nothing_valid_copies_nothing(tmp_path: Path) -> None:
    src = tmp_path / "bad"
    src.mkdir()
    (src / "broken.yaml").write_text(BROKEN)
    dest = tmp_path / "mine"
    report = run([src], dest)
    assert not report.imported and not dest.exists()
    assert [c.source.name for c in report.refused] == ["broken.yaml", "bad"]


def test_free_name(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("")
    (tmp_path / "a-2.yaml").write_text("")
    assert free_name(tmp_path / "a.yaml") == tmp_path / "a-3.yaml"
    assert free_name(tmp_path / "b.yaml") == tmp_path / "b.yaml"


QT_6_12 = tuple(int(part) for part in qVersion().split(".")[:2]) >= (6, 12)
"""Qt 6.12 gave drag events a QPointF constructor and deprecated the QPoint one."""


def _drop_events(paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    """The events a drop of `paths` sends the window, each made the way its Qt supports."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Before 6.12 the QPoint constructor is the only one (a QPointF is refused), and
    # the stubs of those PySide6 releases know no other: hence the version-bound ignore.
    if QT_6_12:
        enter = QDragEnterEvent(QPointF(50, 50), actions, mime, buttons, keys)  # type: ignore[call-overload,unused-ignore]
    else:
        enter = QDragEnterEvent(QPoint(50, 50), actions, mime, buttons, keys)
    drop = QDropEvent(QPointF(50, 50), actions, mime, buttons, keys)
    return enter, drop, mime


def test_drop_on_the_window_imports_and_reloads(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    routines = write_routines(tmp_path / "routines")
    ctx = make_ctx(data_dir, routines)
    window = open_window(qtbot, ctx, FakeClock())
    importer = window.importer
    results: list[tuple[str, str, bool]] = []
    importer.show_result = lambda s, d, p: results.append((s, d, p))
    new = tmp_path / "drop" / "desk-two.yaml"
    new.parent.mkdir()
    new.write_text(OTHER.replace("Desk stretch", "Second desk stretch"))
    enter, drop, _mime = _drop_events([new])
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    assert (ctx.paths.user_routines / "desk-two.yaml").is_file()
    assert results and not results[0][2]
    assert "Second desk stretch" in window.library_page.visible_titles()


def test_drop_of_a_folder_on_the_window_imports_it(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    window = open_window(qtbot, ctx, FakeClock())
    results: list[tuple[str, str, bool]] = []
    window.importer.show_result = lambda s, d, p: results.append((s, d, p))
    folder = tmp_path / "from-therapist"
    _pictures_routine(folder)
    (folder / "broken.yaml").write_text(BROKEN)
    enter, drop, _mime = _drop_events([folder])
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    placed = ctx.paths.user_routines / "from-therapist"
    assert (placed / "bridges.yaml").is_file() and (placed / "images" / "bridge-1.jpg").is_file()
    assert not (placed / "broken.yaml").exists()
    assert results and results[0][2]  # one file refused: shown as a problem
    assert "broken.yaml" in results[0][1]
    assert "Bridges with pictures" in window.library_page.visible_titles()


def test_import_folder_menu_action(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    window = open_window(qtbot, ctx, FakeClock())
    window.importer.show_result = lambda s, d, p: None
    folder = tmp_path / "handed"
    _pictures_routine(folder)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    assert window.import_folder_action.shortcut().toString() == "Ctrl+Shift+I"
    window.import_folder_action.trigger()
    assert (ctx.paths.user_routines / "handed" / "bridges.yaml").is_file()


def test_drop_of_other_files_is_not_taken(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    window = open_window(qtbot, ctx, FakeClock())
    assert window.acceptDrops()
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"x")
    enter, _drop, _mime = _drop_events([photo])
    enter.setAccepted(False)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_a_pipe_named_like_a_routine_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    data, problems = read_source(fifo)  # would block forever on a plain open()
    assert data == b"" and problems and "pipe" in str(problems[0])
    assert libraries_first([fifo]) == [fifo]
