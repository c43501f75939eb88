"""A routine whose session is past the limits (built in code: the checker refuses such
files) shows as an error on its library card, its routine page and its handout."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from backcoach.core.library import LibraryEntry
from backcoach.core.routine import Exercise, ExerciseStep, Routine
from backcoach.ui.library.handout import handout_html
from backcoach.ui.library.library_page import card_for
from backcoach.ui.library.routine_page import RoutinePage


def _huge() -> Routine:
    step = ExerciseStep(exercise=Exercise("a", "A"), hold=1.0, reps=10**8, sets=10**8, sides="each")
    return Routine(id="huge", title="Huge", steps=(step,), path=Path("huge.yaml"), sha256="")


def test_the_library_card_shows_the_error() -> None:
    card = card_for(LibraryEntry(Path("/r/huge.yaml"), routine=_huge()))
    assert card is not None and card.broken
    assert any("can't be run" in line and "would last" in line for line in card.body)


def test_the_routine_page_shows_the_error(qtbot: QtBot) -> None:
    page = RoutinePage()
    qtbot.addWidget(page)
    page.set_entry(LibraryEntry(Path("/r/huge.yaml"), routine=_huge()))
    assert not page.start.isEnabled()
    assert "would last" in page.errors.toPlainText()


def test_the_handout_says_it_cannot_be_run(qtbot: QtBot) -> None:
    html = handout_html(_huge()).html
    assert html.startswith("<html><body><h1>Huge</h1><p>This routine can&#x27;t be run: ")
    assert "a session is at most 4h" in html
