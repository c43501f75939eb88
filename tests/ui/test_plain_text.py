"""Text from a routine, an import or the person is shown as typed, never as markup.

A routine whose every text field is markup (`<b>`, `<img src='/etc/passwd'>`,
`~~strike~~ **bold**`, `<a href=...>`) is walked through every page: the library card,
the routine page, the check-in with its questions and stop advice, the player with
how / careful / cues, the summary, the history rows and tooltips, the break window. No
label holding that text may render rich text, and no tooltip may hand it over as HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.fakeclock import FakeClock
from backcoach.core.library import load_routine
from backcoach.ui.breaks.break_window import BreakWindow
from backcoach.ui.history.history_page import open_review
from backcoach.ui.library.library_page import CARD_ROLE
from backcoach.ui.main_window import MainWindow
from backcoach.ui.session.session_flow import SessionFlow
from backcoach.ui.widgets.plain import PlainLabel, message_box
from tests.ui.kit import make_ctx, open_window, press, run_until, settle_writes

IMG = "<img src='/etc/passwd'>"
LINK = "<a href='https://example.org/'>link</a>"
MD = "~~strike~~ **bold**"
MARKERS = ("<b>", "<i>", "<img", "<a href", "~~", "**")

MARKUP = f"""\
backcoach: 1
title: "<b>Title</b> {IMG} {MD}"
summary: "{LINK} <b>summary</b> {MD}"
author: "<i>Author</i> {IMG}"
tags: ["<b>tag</b>", "**tag**"]
prescribed: 1/day
before_you_start:
  - ask: "<b>Fever?</b> {IMG}"
    if_yes: stop
    advice: "{LINK} <b>advice</b> {MD}"
  - ask: "<i>Slept badly?</i> {LINK}"
    if_yes: note
exercises:
  knee:
    name: "<b>Knee</b> {IMG}"
    how: "<b>How</b> {LINK} {MD}"
    careful: "{IMG} **careful**"
  bridge:
    name: "{LINK} ~~bridge~~"
steps:
  - exercise: knee
    hold: 10s
    say: "<b>Say</b> {IMG}"
    cues:
      - at: 3s
        show: "<b>Shown cue</b> {IMG} {LINK}"
  - rest: 5s
    say: "<b>Rest</b> {IMG}"
  - exercise: bridge
    reps: 2
    rep_time: 2s
"""

BREAK = f"""\
backcoach: 1
title: "<b>Desk</b> {IMG} {LINK}"
kind: posture-break
summary: "{MD}"
exercises:
  roll:
    name: "<b>Roll</b> {IMG}"
    how: "{LINK} {MD}"
steps:
  - exercise: roll
    duration: 20s
"""


def renders_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    if fmt == Qt.TextFormat.PlainText:
        return False
    if fmt == Qt.TextFormat.AutoText:
        return GuiQt.mightBeRichText(label.text())
    return True  # RichText or MarkdownText


def tooltip_is_markup(tip: str) -> bool:
    """A tooltip renders HTML when it looks like HTML: then our tags must be escaped."""
    return GuiQt.mightBeRichText(tip) and any(m in tip for m in ("<b>", "<img", "<a href", "<i>"))


def model_tooltips(view: QAbstractItemView) -> list[str]:
    model: QAbstractItemModel | None = view.model()
    if model is None:
        return []
    try:
        columns = model.columnCount()
    except TypeError:  # a list model keeps columnCount private
        columns = 1
    tips = []
    for row in range(model.rowCount()):
        for col in range(columns):
            tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                tips.append(tip)
    return tips


def assert_plain(root: QWidget, where: str) -> int:
    """No label below `root` renders its markup; no tooltip passes it on as HTML.

    Returns how many labels held our markup (so a page that shows none can be told).
    """
    found = [lb for lb in root.findChildren(QLabel) if any(m in lb.text() for m in MARKERS)]
    rich = [lb.text() for lb in found if renders_rich(lb)]
    assert not rich, f"{where}: rich text in {rich}"
    tips = [w.toolTip() for w in [root, *root.findChildren(QWidget)]]
    for view in root.findChildren(QAbstractItemView):
        tips += model_tooltips(view)
    bad = [t for t in tips if tooltip_is_markup(t)]
    assert not bad, f"{where}: markup tooltips {bad}"
    return len(found)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "markup.yaml").write_text(MARKUP, encoding="utf-8")
    (routines / "desk.yaml").write_text(BREAK, encoding="utf-8")
    return routines


def test_the_markup_routine_is_valid(folder: Path) -> None:
    routine = load_routine(folder / "markup.yaml")
    assert routine.title.startswith("<b>Title</b>")


def walk_check_in(qtbot: QtBot, window: MainWindow, flow: SessionFlow) -> None:
    """Pain, then the stop question: its advice; nothing starts."""
    press(qtbot, window, "4")
    press(qtbot, window, Qt.Key.Key_Return)
    assert "<b>Fever?</b>" in flow.checkin.question_page.heading.text()
    assert assert_plain(flow.checkin, "check-in question") >= 1
    press(qtbot, window, "y")
    assert flow.checkin.currentWidget() is flow.checkin.advice_page
    assert "<b>advice</b>" in flow.checkin.advice_page.body.text()
    assert assert_plain(flow.checkin, "stop advice") >= 2


def walk_session(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> SessionFlow:
    """A whole session through the markup: check-in, player, after, summary."""
    flow = window.flow
    assert flow is not None
    press(qtbot, window, "4")
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in ("n", "y"):
        press(qtbot, window, answer)
    assert assert_plain(flow.checkin, "ready page") >= 0
    press(qtbot, window, Qt.Key.Key_Return)
    player = flow.player
    run_until(window, clock, lambda: "<b>Shown cue</b>" in player.cue_text.text())
    assert "<b>How</b>" in player.how.text() and "**careful**" in player.careful.text()
    assert "<b>Knee</b>" in player.title.text()
    assert assert_plain(player, "player: cue, how, careful") >= 4
    run_until(window, clock, lambda: "<b>Rest</b>" in player.title.text())
    assert assert_plain(player, "player: rest with say") >= 2
    run_until(window, clock, lambda: flow.currentWidget() is flow.after)
    assert assert_plain(flow.after, "check-in after") >= 0
    press(qtbot, window, "2")
    flow.after.notes.setText(f"<b>note</b> {IMG} {LINK} {MD}")
    press(qtbot, window, Qt.Key.Key_Return)
    assert flow.currentWidget() is flow.summary
    assert_plain(flow.summary, "summary")
    return flow


def test_every_page_shows_markup_as_typed(qtbot: QtBot, data_dir: Path, folder: Path) -> None:
    ctx = make_ctx(data_dir, folder)
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    # Library: the card holds the title (it is painted as text by the delegate).
    items = [window.library_page.list.item(i) for i in range(window.library_page.list.count())]
    assert any("<b>Title</b>" in item.data(CARD_ROLE).title for item in items)
    assert_plain(window.library_page, "library")
    # Routine page.
    entry = next(e for e in window.entries if e.path.name == "markup.yaml")
    window.open_entry(entry)
    assert assert_plain(window.routine_page, "routine page") >= 2
    # Check-in: the stop question and its advice; then a whole session.
    assert entry.routine is not None
    window.start_routine(entry.routine)
    flow = window.flow
    assert flow is not None
    walk_check_in(qtbot, window, flow)
    press(qtbot, window, Qt.Key.Key_Return)
    window.start_routine(entry.routine)
    walk_session(qtbot, window, clock)
    press(qtbot, window, Qt.Key.Key_Return)
    settle_writes(window.ctx)  # the session is saved on the writer thread
    # History: the rows, their tooltips (the note), the page's labels.
    window.open_history_page()
    page = window.history_page
    assert page is not None
    tips = model_tooltips(page.sessions_view)
    assert any("&lt;b&gt;note&lt;/b&gt; &lt;img" in t for t in tips), tips  # escaped
    assert_plain(page, "history page")
    # The notice bar: a name asked for that does not exist.
    window.start_by_name(f"<b>nope</b> {IMG}")
    assert assert_plain(window.notice, "notice bar") == 1


def test_the_break_window_shows_markup_as_typed(qtbot: QtBot, data_dir: Path, folder: Path) -> None:
    ctx = make_ctx(data_dir, folder)
    desk = load_routine(folder / "desk.yaml")
    bw = BreakWindow(ctx)
    qtbot.addWidget(bw)
    bw.show_due(desk, False, 3)
    assert "<b>Desk</b>" in bw.detail.text()
    assert assert_plain(bw, "break window: due") >= 1
    bw.run_break(desk)
    flow = bw.flow
    assert isinstance(flow, SessionFlow) and flow.adapter is not None
    flow.adapter.tick()
    assert "<b>Roll</b>" in flow.player.next.text()  # "Get ready", then the exercise
    assert assert_plain(bw, "break window: player") >= 2


def test_message_boxes_and_reviews_show_text_as_typed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[Qt.TextFormat, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.textFormat(), box.text()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    parent = QWidget()
    qtbot.addWidget(parent)
    message_box(parent, QMessageBox.Icon.Warning, "t", f"<b>x</b> {IMG}")
    export = tmp_path / "someone.json"
    export.write_text('{"format": "<b>backcoach</b> <img src=\'/etc/passwd\'>"}')
    assert open_review(export, parent) is None  # File → Open history… with a bad file
    assert [fmt for fmt, _ in shown] == [Qt.TextFormat.PlainText] * 2
    assert "<b>backcoach</b>" in shown[1][1]


def test_every_label_of_the_app_is_plain(repo: Path) -> None:
    """New labels are PlainLabels: a QLabel made in ui/ is one only where the page
    makes all its labels plain (plain_labels) or it is a subclass that does."""
    allowed = {"widgets/plain.py", "history/history_page.py"}
    offenders = []
    for path in sorted((repo / "src" / "backcoach" / "ui").rglob("*.py")):
        rel = path.relative_to(repo / "src" / "backcoach" / "ui").as_posix()
        text = path.read_text(encoding="utf-8")
        if rel not in allowed and "QLabel(" in text.replace("PlainLabel(", ""):
            offenders.append(rel)
        if "(QLabel):" in text and "TextFormat.PlainText" not in text:
            offenders.append(f"{rel}: a QLabel subclass that is not plain")
    assert not offenders
    assert PlainLabel("<b>x</b>").textFormat() == Qt.TextFormat.PlainText
