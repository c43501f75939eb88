"""Every page and dialog: accessible names, Tab reaches every control, focus is visible.

The rules for what counts are in tests/ui/a11y_kit.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.ui.main_window import MainWindow
from backcoach.ui.theme import apply_theme
from tests.ui.a11y_kit import audit
from tests.ui.kit import current_entry_name, make_ctx, open_window, press, run_until, write_routines


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The app's real look (palette + focus stylesheet), put back afterwards."""
    palette, font, sheet = QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet()
    apply_theme(qapp, "light")
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def window(qtbot: QtBot, themed: QApplication, tmp_path: Path, data_dir: Path) -> MainWindow:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    return open_window(qtbot, ctx, FakeClock(1000.0))


def check(qtbot: QtBot, root: QWidget, where: str) -> None:
    problems = audit(qtbot, root)
    assert not problems, f"{where}: {problems}"


def test_library_and_routine_page(qtbot: QtBot, window: MainWindow) -> None:
    check(qtbot, window.library_page, "library")
    window.library_page.focus_list()
    lib = window.library_page
    while current_entry_name(lib) != "tiny.yaml":
        press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.routine_page
    check(qtbot, window.routine_page, "routine page")


def test_the_audit_catches_problems(qtbot: QtBot, themed: QApplication) -> None:
    """The audit itself: an unnamed edit, a control Tab skips and a focus-less look fail."""
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    named = QPushButton("OK")
    bare = QLineEdit()
    skipped = QPushButton("Mouse")
    skipped.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    skipped.setStyleSheet("QPushButton:focus { border: none; } QPushButton { border: none; }")
    for w in (named, bare, skipped):
        layout.addWidget(w)
    top.show()
    top.activateWindow()
    qtbot.waitExposed(top)
    named.setFocus()
    qtbot.waitUntil(named.hasFocus)
    problems = audit(qtbot, top)
    assert problems["unnamed"] == [d for d in problems["unnamed"] if "QLineEdit" in d]
    assert len(problems["unnamed"]) == 1
    assert [d for d in problems["unreachable"] if "Mouse" in d]
    assert [d for d in problems["focus invisible"] if "Mouse" in d]
    assert not [d for k in problems.values() for d in k if "'OK'" in d]


def test_session_pages(qtbot: QtBot, themed: QApplication, tmp_path: Path, data_dir: Path) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock, start="tiny")
    flow = window.flow
    assert flow is not None
    checkin = flow.checkin
    check(qtbot, checkin.pain_page, "check-in: pain")
    checkin.pain_page.scale.setFocus()
    press(qtbot, window, "4")
    press(qtbot, window, Qt.Key.Key_Return)
    assert checkin.currentWidget() is checkin.question_page
    check(qtbot, checkin.question_page, "check-in: question")
    checkin.question_page.setFocus()
    for answer in ("n", "n", "n"):
        press(qtbot, window, answer)
    assert checkin.currentWidget() is checkin.ready_page
    check(qtbot, checkin.ready_page, "check-in: ready")
    checkin.ready_page.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)
    player = flow.player
    assert flow.currentWidget() is player
    run_until(window, clock, lambda: player.segment is not None and player.segment.kind == "hold")
    check(qtbot, player, "player: hold")
    player.setFocus()
    run_until(window, clock, lambda: player.segment is not None and player.segment.kind == "rest")
    check(qtbot, player, "player: rest")
    player.setFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    assert flow.adapter is not None and flow.adapter.state == "paused"
    check(qtbot, player, "player: paused")
    player.setFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    run_until(window, clock, lambda: player.segment is not None and player.segment.duration is None)
    check(qtbot, player, "player: self-paced reps")
    player.setFocus()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert player.stop_panel.isVisible()
    check(qtbot, player, "player: stop question")
    player.stop_panel.setFocus()
    press(qtbot, window, Qt.Key.Key_Escape)  # keep going
    player.setFocus()
    press(qtbot, window, Qt.Key.Key_Return)  # done
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.after)
    check(qtbot, flow.after, "check-in after")
    flow.after.scale.setFocus()
    press(qtbot, window, "2")
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.summary
    check(qtbot, flow.summary, "summary")


def test_history_page_tabs_menu_calendar_and_chart(
    qtbot: QtBot, themed: QApplication, data_dir: Path
) -> None:
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QMenu

    from backcoach.core.history import HistoryStore
    from backcoach.ui.history.history_page import HistoryPage
    from tests.ui.test_history_page import TARGETS, TODAY, sample_records

    store = HistoryStore.in_memory()
    store.merge(*sample_records())
    try:
        ctx = make_ctx(data_dir, history=store)
        page = HistoryPage(ctx, targets=TARGETS, today=lambda: TODAY)
        qtbot.addWidget(page)
        page.resize(1100, 800)
        page.show()
        page.activateWindow()
        qtbot.waitExposed(page)
        for i in range(page.tabs.count()):
            page.tabs.setCurrentIndex(i)
            page.tabs.tabBar().setFocus()
            qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
            check(qtbot, page, f"history tab {page.tabs.tabText(i)!r}")
        # the pain chart as a table
        page.tabs.setCurrentWidget(page.pain_chart)
        page.pain_chart.toggle.setFocus()
        qtbot.keyClick(page.pain_chart.toggle, Qt.Key.Key_Space)
        assert page.pain_chart.stack.currentWidget() is page.pain_chart.table
        check(qtbot, page, "history: pain as a table")
        # the calendar is reachable, named, and says what it shows
        page.tabs.setCurrentIndex(1)
        page.calendar.setFocus()
        assert page.calendar.accessibleDescription()
        # the Export menu opens from the keyboard and every entry has a name
        seen: list[str] = []

        def read_menu() -> None:
            popup = QApplication.activePopupWidget()
            assert isinstance(popup, QMenu)
            iface = QAccessible.queryAccessibleInterface(popup)
            assert iface is not None
            seen.extend(
                iface.child(i).text(QAccessible.Text.Name) for i in range(iface.childCount())
            )
            popup.close()

        page.export_button.setFocus()
        QTimer.singleShot(0, read_menu)
        qtbot.keyClick(page.export_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: len(seen) == 4)
        assert all(seen), seen
    finally:
        store.close()


def show_window(qtbot: QtBot, w: QWidget) -> None:
    w.show()
    w.raise_()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)


def test_settings_dialog_every_tab(
    qtbot: QtBot, themed: QApplication, tmp_path: Path, data_dir: Path
) -> None:
    from backcoach.ui.settings_dialog import SettingsDialog

    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    dialog = SettingsDialog(
        ctx,
        voices=lambda done: done(["English (mock)", "Spanish (mock)"]),
        breaks=[("desk", "Desk stretch")],
    )
    dialog.setModal(False)
    qtbot.addWidget(dialog)
    show_window(qtbot, dialog)
    for i in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(i)
        dialog.tabs.tabBar().setFocus()
        qtbot.waitUntil(dialog.tabs.tabBar().hasFocus)
        check(qtbot, dialog, f"settings tab {dialog.tabs.tabText(i)!r}")


def test_break_window_and_status_window(
    qtbot: QtBot, themed: QApplication, tmp_path: Path, data_dir: Path
) -> None:
    from backcoach.core.library import load_routine
    from backcoach.ui.breaks.break_window import SimpleBreak
    from backcoach.ui.breaks.tray import StatusWindow

    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    status = StatusWindow()
    qtbot.addWidget(status)
    status.note_label.setText("No tray here.")
    show_window(qtbot, status)
    status.take_button.setFocus()
    check(qtbot, status, "tray status window")

    from backcoach.ui.breaks.break_window import BreakWindow

    bw = BreakWindow(ctx)
    qtbot.addWidget(bw)
    desk = load_routine(tmp_path / "routines" / "desk.yaml")
    bw.show_due(desk, True, 0)
    show_window(qtbot, bw)
    check(qtbot, bw, "break window: due")
    bw.show_due(desk, False, 3)
    bw.start_button.setFocus()
    check(qtbot, bw, "break window: postpone used up")
    assert bw.postpone_button.accessibleDescription()  # says why it is disabled
    bw.run_break(None)
    assert isinstance(bw.flow, SimpleBreak)
    bw.flow.begin()
    check(qtbot, bw, "break window: simple break")
    bw.flow.done_button.click()
