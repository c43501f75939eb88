"""The check-in and summary pages share one layout: a centred readable column in the
upper middle, the page's buttons at the bottom right; every page has the same margins."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcoach.core.routine import Question
from backcoach.ui.library.library_page import LibraryPage
from backcoach.ui.library.routine_page import RoutinePage
from backcoach.ui.session.checkin import MessagePage, QuestionPage
from backcoach.ui.session.player_page import PlayerPage
from backcoach.ui.widgets.page import PAGE_MARGINS, READABLE_CHARS
from tests.ui.kit import make_ctx, write_routines

LONG = (
    "Have you had new swelling in your legs or ankles, foamy urine, or been told "
    "your kidney numbers changed since your last visit with your care team?"
)


def show(qtbot: QtBot, page: QuestionPage | MessagePage) -> None:
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()


def test_question_column_is_readable_centred_and_buttons_bottom_right(qtbot: QtBot) -> None:
    page = QuestionPage()
    page.ask(Question(LONG, "stop", "Call your care team."), 2, 6)
    show(qtbot, page)
    # The column sits in a scroll area: its place on the page, not in its parent.
    column = page.content.rect().translated(page.content.mapTo(page, QPoint(0, 0)))
    body_char = page.fontMetrics().averageCharWidth() * 1.3  # body text is 1.3x
    assert column.width() <= body_char * (READABLE_CHARS + 1)
    assert column.width() < page.width() - 200  # capped, not the whole page
    left, right = column.left(), page.width() - column.right()
    assert abs(left - right) <= 2  # centred
    assert column.top() > PAGE_MARGINS[1] + 20  # not glued to the top
    assert column.top() < page.height() - column.bottom()  # upper middle
    yes, no = page.yes.geometry(), page.no.geometry()
    assert yes.right() < no.left() and yes.top() == no.top()
    assert no.right() >= page.width() - PAGE_MARGINS[2] - 2
    assert no.bottom() >= page.height() - PAGE_MARGINS[3] - 2
    assert page.heading.height() >= 2 * page.heading.fontMetrics().height()  # wrapped


def test_message_button_is_where_the_question_buttons_are(qtbot: QtBot) -> None:
    message = MessagePage("Start (Enter)", "Start")
    message.show_message("Ready when you are", "Morning routine: about 14 min.")
    show(qtbot, message)
    question = QuestionPage()
    question.ask(Question("Fever?", "stop"), 1, 1)
    show(qtbot, question)
    assert message.button.geometry().right() == question.no.geometry().right()
    assert message.button.geometry().bottom() == question.no.geometry().bottom()


def test_every_page_has_the_same_margins(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path / "data", write_routines(tmp_path / "routines"))
    pages = [LibraryPage(), RoutinePage(), PlayerPage(ctx), QuestionPage()]
    for page in pages:
        qtbot.addWidget(page)
        layout = page.layout()
        assert layout is not None
        m = layout.contentsMargins()
        assert (m.left(), m.top(), m.right(), m.bottom()) == PAGE_MARGINS, type(page)
