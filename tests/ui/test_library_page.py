"""The library lists every routine, broken files with their errors, and filters by text and tag."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from tests.ui.kit import make_ctx, open_window, press, top_item, write_routines


def test_lists_routines_and_broken_file_with_errors(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    routines = write_routines(tmp_path / "r", broken=True)
    (routines / "moves.yaml").write_text(
        "backcoach: 1\ntitle: Moves\nexercises:\n  a:\n    name: A\n", encoding="utf-8"
    )
    window = open_window(qtbot, make_ctx(data_dir, routines), FakeClock())
    titles = window.library_page.visible_titles()
    assert "Tiny test routine" in titles and "Desk stretch" in titles
    assert not any(
        "Moves" in t or "moves.yaml" in t for t in titles
    )  # a clean library is not a routine
    broken = [t for t in titles if "broken" in t.lower()]
    assert broken, titles
    lib = window.library_page
    item = next(
        lib.list.item(i) for i in range(lib.list.count()) if lib.list.item(i).text() in broken
    )
    card = item.data(Qt.ItemDataRole.UserRole + 2)
    assert card.broken
    assert any("broken.yaml:" in line and "hold_time" in line for line in card.body), card.body
    # opening it shows the errors and no Start
    lib.list.setCurrentItem(item)
    lib.list.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    page = window.routine_page
    assert window.stack.currentWidget() is page
    assert not page.start.isVisible()
    assert page.errors.isVisible() and not page.steps.isVisible()
    assert "broken.yaml:5:5:" in page.errors.toPlainText()
    assert "hold_time" in page.errors.toPlainText()
    press(qtbot, window, Qt.Key.Key_Return)  # Enter does nothing here
    assert window.flow is None
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is lib


def test_posture_break_marked(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    window = open_window(qtbot, make_ctx(data_dir, write_routines(tmp_path / "r")), FakeClock())
    lib = window.library_page
    cards = [lib.list.item(i).data(Qt.ItemDataRole.UserRole + 2) for i in range(lib.list.count())]
    desk = next(c for c in cards if c.title == "Desk stretch")
    assert "Posture break" in desk.facts
    tiny = next(c for c in cards if c.title == "Tiny test routine")
    assert "Gentle" in tiny.facts and "hips" in tiny.facts


def test_search_filters_by_text_and_tag(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    window = open_window(qtbot, make_ctx(data_dir, write_routines(tmp_path / "r")), FakeClock())
    lib = window.library_page
    lib.search.setFocus()
    press(qtbot, window, "bridges")  # in the summary
    assert lib.visible_titles() == ["Tiny test routine"]
    lib.search.clear()
    assert len(lib.visible_titles()) == 2
    lib.tag.setCurrentIndex(lib.tag.findData("desk"))
    assert lib.visible_titles() == ["Desk stretch"]
    press(qtbot, window, "tiny")
    assert lib.visible_titles() == []
    assert lib.empty.isVisible()


def test_routine_page_shows_steps_times_author_prescribed(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    window = open_window(qtbot, make_ctx(data_dir, write_routines(tmp_path / "r")), FakeClock())
    lib = window.library_page
    lib.search.setFocus()
    press(qtbot, window, "tiny")
    press(qtbot, window, Qt.Key.Key_Return)
    page = window.routine_page
    assert window.stack.currentWidget() is page
    assert "T. Tester" in page.meta.text() and "once a day" in page.meta.text()
    rows = [
        [top_item(page.steps, i).text(c) for c in range(3)]
        for i in range(page.steps.topLevelItemCount())
    ]
    assert rows[0][1].startswith("Knee to chest — hold 10s × 2") and "each side" in rows[0][1]
    # each side: 2 holds of 10s and a 3s relax, then a 4s switch; the 5s rest is its own line
    assert rows[0][2] == "50s"
    assert rows[1] == ["", "Rest", "5s"]
    assert rows[2][0] == "2" and rows[2][2] == "10s"
    assert rows[3][0] == "3" and rows[3][2] == "self-paced"
    assert "self-paced steps" in page.total.text()


def test_start_by_id_and_by_path(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    routines = write_routines(tmp_path / "r")
    w1 = open_window(qtbot, make_ctx(data_dir, routines), FakeClock(), start="tiny")
    assert w1.flow is not None and w1.flow.routine.title == "Tiny test routine"
    assert w1.flow.currentWidget() is w1.flow.checkin
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.yaml").write_text((routines / "desk.yaml").read_text(), encoding="utf-8")
    w2 = open_window(
        qtbot, make_ctx(data_dir, routines), FakeClock(), start=str(elsewhere / "mine.yaml")
    )
    assert w2.flow is not None and w2.flow.routine.title == "Desk stretch"
    w3 = open_window(qtbot, make_ctx(data_dir, routines), FakeClock(), start="nope")
    assert w3.flow is None
    assert "nope" in w3.notice.label.text()
