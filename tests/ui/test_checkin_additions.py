"""The check-in with the format's additions: an urgent stop looks urgent, a note's
advice is shown and the questions go on, and a routine with a flare section offers
the flare-day choice whether or not a question leads to it. Keyboard only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.ui.main_window import MainWindow
from tests.ui.kit import make_ctx, open_window, press, write_routines

SAFETY = """\
backcoach: 1
title: Safety first
before_you_start:
  - ask: Do you have chest pain or new breathlessness?
    if_yes: stop
    urgent: true
    advice: Call your local emergency number now.
  - ask: Do you have a fever?
    if_yes: stop
    advice: Rest today and call your care team.
  - ask: Are your hands cold or white today?
    if_yes: note
    advice: Warm your hands first and lean on your fists.
flare:
  scale: 0.5
exercises:
  knee: {name: Knee to chest}
steps:
  - exercise: knee
    hold: 20s
"""


def window_for(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> MainWindow:
    folder = write_routines(tmp_path / "routines")
    (folder / "safety.yaml").write_text(SAFETY, encoding="utf-8")
    ctx = make_ctx(data_dir, folder)
    window = open_window(qtbot, ctx, FakeClock(), start="safety")
    press(qtbot, window, "2")
    press(qtbot, window, Qt.Key.Key_Return)
    return window


def test_urgent_stop_says_get_medical_help_now(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    window = window_for(qtbot, tmp_path, data_dir)
    assert window.flow is not None
    checkin = window.flow.checkin
    press(qtbot, window, "y")
    assert checkin.currentWidget() is checkin.advice_page
    assert checkin.urgent.isVisible()
    assert checkin.urgent.text.text() == "Get medical help now"
    assert not checkin.advice_page.heading.isVisible()
    assert checkin.advice_page.body.text() == "Call your local emergency number now."
    assert checkin.advice_page.body.textFormat() == Qt.TextFormat.PlainText
    assert checkin.advice_page.accessibleName() == "Get medical help now"
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.flow is None  # back to the library, nothing started


def test_calm_stop_keeps_its_calm_heading(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    window = window_for(qtbot, tmp_path, data_dir)
    assert window.flow is not None
    checkin = window.flow.checkin
    press(qtbot, window, "n")
    press(qtbot, window, "y")
    assert checkin.currentWidget() is checkin.advice_page
    assert not checkin.urgent.isVisible()
    assert checkin.advice_page.heading.text() == "Let's not exercise today"


def test_note_advice_is_shown_and_the_session_goes_on(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    window = window_for(qtbot, tmp_path, data_dir)
    flow = window.flow
    assert flow is not None
    checkin = flow.checkin
    press(qtbot, window, "n")
    press(qtbot, window, "n")
    press(qtbot, window, "y")
    assert checkin.currentWidget() is checkin.note_page
    assert checkin.note_page.heading.text() == "Good to know"
    assert "lean on your fists" in checkin.note_page.body.text()
    press(qtbot, window, Qt.Key.Key_Return)
    assert checkin.currentWidget() is checkin.ready_page
    assert checkin.result is not None
    assert checkin.result.answers[-1] == ("Are your hands cold or white today?", "yes")


def test_flare_choice_without_a_flare_question(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    window = window_for(qtbot, tmp_path, data_dir)
    flow = window.flow
    assert flow is not None
    ready = flow.checkin.ready_page
    for answer in "nnn":
        press(qtbot, window, answer)
    assert flow.checkin.currentWidget() is ready
    assert ready.flare.isVisible() and not ready.flare.isChecked()
    assert "flare" not in ready.body.text()
    press(qtbot, window, "f")
    assert ready.flare.isChecked()
    assert "flare version (15s instead of 25s)" in ready.body.text().replace("\n", " ")
    press(qtbot, window, "f")
    assert not ready.flare.isChecked()
    press(qtbot, window, "f")
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.plan is not None and flow.plan.flare
    assert flow.plan.total_seconds == 5 + 10


def test_a_flare_question_ticks_the_choice(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    window = open_window(qtbot, ctx, FakeClock(), start="tiny")
    press(qtbot, window, "0")
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in "nyn":
        press(qtbot, window, answer)
    assert window.flow is not None
    ready = window.flow.checkin.ready_page
    assert window.flow.checkin.currentWidget() is ready
    assert ready.flare.isChecked()
    assert QApplication.focusWidget() is ready.button


def test_routine_without_flare_has_no_choice(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    folder = write_routines(tmp_path / "routines")
    (folder / "plain.yaml").write_text(
        "backcoach: 1\ntitle: Plain\nexercises:\n  k: {name: K}\nsteps:\n  - {exercise: k, hold: 5s}\n"
    )
    window = open_window(qtbot, make_ctx(data_dir, folder), FakeClock(), start="plain")
    press(qtbot, window, "0")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.flow is not None
    ready = window.flow.checkin.ready_page
    assert window.flow.checkin.currentWidget() is ready
    assert not ready.flare.isVisible()
    press(qtbot, window, "f")
    assert not ready.flare.isChecked()
