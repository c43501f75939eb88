"""200 % text in an 800x600 window: the player's title and the pain scale's answer are whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.library import scan_folders
from backcoach.core.paths import bundled_routines_dir
from backcoach.ui.history.history_page import HistoryPage
from backcoach.ui.library.routine_page import RoutinePage
from backcoach.ui.session.checkin import CheckInAfter, PainPage
from backcoach.ui.theme import apply_text_scale
from tests.ui.kit import make_ctx, next_in_focus_chain, open_window, run_until, write_routines
from tests.ui.test_player_page import started


@pytest.fixture
def big_text() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_text_scale(app, 200)
    try:
        yield
    finally:
        apply_text_scale(app, 100)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def overlaps(a: QWidget, b: QWidget) -> bool:
    ra = a.rect().translated(a.mapTo(a.window(), a.rect().topLeft()))
    rb = b.rect().translated(b.mapTo(b.window(), b.rect().topLeft()))
    return ra.intersects(rb)


def test_player_title_is_whole_at_200_percent_in_800x600(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, big_text: None
) -> None:
    window, clock = started(qtbot, tmp_path, data_dir)
    window.resize(800, 600)
    flow = window.flow
    assert flow is not None
    p = flow.player
    run_until(window, clock, lambda: p.segment is not None and p.segment.kind == "hold")
    p.title.setText("Single knee to chest with a long name")
    settle()
    title = p.title
    assert title.heightForWidth(title.width()) <= title.height()
    assert title.font().pointSizeF() < 2.4 * QApplication.font().pointSizeF()  # it shrank
    assert not overlaps(title, p.countdown)
    assert not overlaps(p.countdown, p.state_label)
    assert p.countdown.fontMetrics().height() <= p.countdown.height()


def test_pain_answer_is_below_the_buttons_at_200_percent_in_800x600(
    qtbot: QtBot, big_text: None
) -> None:
    page = PainPage("Before you start: how much pain do you have right now?")
    qtbot.addWidget(page)
    page.resize(800, 568)
    page.show()
    qtbot.waitExposed(page)
    qtbot.keyClick(page.scale, Qt.Key.Key_3)
    settle()
    readout = page.scale.readout
    assert readout.text().endswith("3")
    assert readout.heightForWidth(readout.width()) <= readout.height()
    for b in page.scale.buttons:
        assert not overlaps(readout, b)
        assert b.fontMetrics().horizontalAdvance(b.text()) < b.width()  # "10" is whole
    right = page.scale.buttons[-1].mapTo(page, page.scale.buttons[-1].rect().topRight())
    assert right.x() < page.width()


def test_after_check_in_scrolls_instead_of_squashing_at_200_percent_in_800x600(
    qtbot: QtBot, big_text: None
) -> None:
    page = CheckInAfter()
    qtbot.addWidget(page)
    page.set_steps([(i, f"Step number {i}") for i in range(6)], stopped=False)
    page.resize(800, 568)
    page.show()
    qtbot.waitExposed(page)
    settle()
    scale = page.scale
    for w in (scale, page.hurt, page.notes, scale.readout):
        assert w.height() >= w.minimumSizeHint().height(), w  # nothing squashed
    assert page.hurt.height() >= 3 * page.hurt.fontMetrics().height()
    assert not overlaps(scale, page.hurt)
    assert scale.buttons[-1].mapTo(page, scale.buttons[-1].rect().topRight()).x() < page.width()
    assert page.scroll_area.verticalScrollBar().maximum() > 0  # it scrolls instead
    assert not overlaps(page.scroll_area, page.save)
    # Keyboard unchanged: digits answer, Tab reaches the notes and scrolls them into view.
    qtbot.keyClick(scale, Qt.Key.Key_4)
    assert scale.value() == 4
    page.notes.setFocus()
    settle()
    top = page.notes.mapTo(page.scroll_area.viewport(), page.notes.rect().topLeft()).y()
    assert top >= 0 and top + page.notes.height() <= page.scroll_area.viewport().height()
    with qtbot.waitSignal(page.saved):
        qtbot.keyClick(page.notes, Qt.Key.Key_Return)


def test_stop_panel_side_badge_and_details_fit_at_200_percent_in_800x600(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, big_text: None
) -> None:
    window, clock = started(qtbot, tmp_path, data_dir)
    window.resize(800, 600)
    flow = window.flow
    assert flow is not None
    p = flow.player
    run_until(window, clock, lambda: p.segment is not None and p.segment.kind == "hold")
    p.side.set_side("left")
    settle()
    # Under load the layout may take a few more passes: wait for it, never sleep.
    qtbot.waitUntil(lambda: p.side.width() < p.width() * 0.45)  # the title keeps its room
    assert not overlaps(p.title, p.side)
    line = p.cue_text.fontMetrics().lineSpacing()
    assert not p.cue_text.text() or p.details.viewport().height() >= line  # a whole line
    qtbot.keyClick(p, Qt.Key.Key_Escape)
    settle()
    assert p.confirming
    panel = p.stop_panel
    qtbot.waitUntil(lambda: panel.height() >= panel.minimumSizeHint().height())
    q = panel.question
    assert q.heightForWidth(q.width()) <= q.height()
    for b in (panel.cancel, panel.confirm, *panel.reasons.values()):
        assert b.height() >= b.minimumSizeHint().height(), b.text()
        bottom = b.mapTo(p, b.rect().bottomLeft()).y()
        assert bottom < p.height()
    assert not overlaps(p.countdown, p.state_label)
    assert not overlaps(p.session_bar, panel)
    qtbot.keyClick(p, Qt.Key.Key_Escape)  # keep going: the details come back
    settle()
    assert not p.confirming and p.next.isVisible()


def test_library_hint_wraps_at_200_percent_in_800x600(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, big_text: None
) -> None:
    window, _clock = started(qtbot, tmp_path, data_dir)
    window.resize(800, 600)
    window.show_library()
    settle()
    hint = window.library_page.hint
    assert hint.wordWrap()
    assert hint.heightForWidth(hint.width()) <= hint.height()


def test_history_filters_stack_instead_of_squeezing_at_200_percent_in_800x600(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, big_text: None
) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "r"))
    window = open_window(qtbot, ctx, FakeClock())
    window.resize(800, 600)
    window.open_history_page()
    page = window.history_page
    assert isinstance(page, HistoryPage)
    settle()
    qtbot.waitUntil(lambda: page.width() <= 800 and page.from_edit.y() > page.routine_combo.y())
    fields = (page.routine_combo, page.period_combo, page.from_edit, page.to_edit)
    for w in (*fields, page.export_button):
        assert w.width() >= w.sizeHint().width(), w.accessibleName()  # nothing squeezed
        assert w.mapTo(page, w.rect().topRight()).x() < page.width()
    assert page.findChildren(QComboBox)  # the check below is not vacuous
    assert page.from_edit.y() > page.routine_combo.y()  # dates went to their own line
    # Tab order, buddies and names are untouched by the reflow.
    wanted = [*fields, page.export_button]
    chain: list[QWidget] = [page.routine_combo]
    while len(chain) < 200 and len([w for w in chain if w in wanted]) < len(wanted):
        chain.append(next_in_focus_chain(chain[-1]))
    assert [w for w in chain if w in wanted] == wanted
    assert {label.buddy() for label in page.findChildren(QLabel)} >= set(fields)
    assert page.period_combo.accessibleName() == "Period"
    # Given room again, it goes back to one row.
    window.resize(2400, 800)
    settle()
    qtbot.waitUntil(lambda: page.from_edit.y() == page.routine_combo.y())


def test_long_step_names_wrap_at_200_percent_in_800x600(qtbot: QtBot, big_text: None) -> None:
    entry = next(e for e in scan_folders([bundled_routines_dir()]) if e.ok and e.routine)
    page = RoutinePage()
    qtbot.addWidget(page)
    page.set_entry(entry)
    item = page.steps.topLevelItem(0)
    assert item is not None
    item.setText(1, "Single knee to chest with a very long name — hold 30s × 2, each side")
    page.resize(800, 568)
    page.show()
    qtbot.waitExposed(page)
    steps = page.steps

    def whole() -> bool:
        rect = steps.visualItemRect(item)
        width = steps.header().sectionSize(1) - 8  # the delegate's text margins
        need = steps.fontMetrics().boundingRect(
            QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, item.text(1)
        )
        return need.height() > steps.fontMetrics().height() and rect.height() >= need.height()

    qtbot.waitUntil(whole)  # more than one line, and all of it shown
    page.resize(1600, 568)  # wider: the row follows back down
    qtbot.waitUntil(lambda: steps.visualItemRect(item).height() < 2 * steps.fontMetrics().height())
