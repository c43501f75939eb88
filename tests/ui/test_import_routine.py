"""Routine import: check first, copy only valid files, ask on a name clash, drops work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.ui.routine_import import (
    ImportCheck,
    free_name,
    import_files,
    libraries_first,
)
from tests.ui.test_flow_kit import BROKEN, OTHER, TINY, make_ctx, open_window, write_routines

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


def never(check: ImportCheck) -> str:
    raise AssertionError(f"asked about {check.dest}")


def run(paths: list[Path], dest: Path, answer=never):  # type: ignore[no-untyped-def]
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
    problems = report.refused[0].problems
    assert problems and all(p.startswith("broken.yaml:") for p in problems)
    assert any(p.split(":")[1].isdigit() for p in problems)


def test_not_yaml_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("hello")
    report = run([src], tmp_path / "mine")
    assert report.refused and "yaml" in report.refused[0].problems[0]


def test_clash_asks_and_respects_the_answer(tmp_path: Path) -> None:
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "tiny.yaml").write_text(TINY.replace("Tiny test routine", "Old tiny"))
    src = tmp_path / "tiny.yaml"
    src.write_text(TINY)
    asked: list[Path] = []

    def skip(check: ImportCheck) -> str:
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
    alone = run([src / "a-uses.yaml"], dest)
    assert alone.refused and alone.refused[0].hint  # works at home, not alone
    report = run(paths, dest)
    assert sorted(p.name for p in report.imported) == ["a-uses.yaml", "z-exercises.yaml"]


def test_free_name(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("")
    (tmp_path / "a-2.yaml").write_text("")
    assert free_name(tmp_path / "a.yaml") == tmp_path / "a-3.yaml"
    assert free_name(tmp_path / "b.yaml") == tmp_path / "b.yaml"


def _drop_events(paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(50, 50), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    drop = QDropEvent(
        QPointF(50, 50), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
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
