"""The summary after a session: time spent, steps done and skipped, pain before → after.

For a routine with stages it may also offer a move, when the rule says so
(core/progression.py): the next stage, or the one before after sessions stopped
for pain. The patient answers Y or N; nothing changes without their yes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.durations import format_clock
from backcoach.core.progression import StageOffer
from backcoach.core.routine import Routine
from backcoach.core.session import StepResult
from backcoach.core.stages import changes_between
from backcoach.ui.library.dose_text import change_words
from backcoach.ui.widgets.page import Page, bind, bind_enter, scaled_font
from backcoach.ui.widgets.plain import PlainLabel


class OfferPanel(QFrame):
    """ "Ready for the next stage?" with what changes, and Yes (Y) / Not yet (N)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        self.text = PlainLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # stage names come from the routine
        self.text.setWordWrap(True)
        self.text.setFont(scaled_font(self, 1.2))
        column.addWidget(self.text)
        row = QHBoxLayout()
        self.yes = QPushButton()
        self.no = QPushButton()
        for button in (self.yes, self.no):
            button.setFont(scaled_font(self, 1.2, bold=True))
            button.setMinimumHeight(int(button.fontMetrics().height() * 2))
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)


class SummaryPage(Page):
    done = Signal()
    stage_chosen = Signal(int)  # the stage the patient said yes to (1-based)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading.setText(self.tr("Session summary"))
        self.status = self.text_label("", 1.3)
        self.column.addWidget(self.status)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(14)
        self.values: dict[str, tuple[QLabel, QLabel]] = {}
        rows = (
            ("time", self.tr("Time spent")),
            ("steps", self.tr("Steps done")),
            ("skipped", self.tr("Steps skipped")),
            ("pain", self.tr("Pain before → after")),
        )
        for r, (key, name) in enumerate(rows):
            label = self.text_label(name, 1.4)
            value = self.text_label("", 1.8, bold=True)
            value.setAccessibleName(name)
            grid.addWidget(label, r, 0)
            grid.addWidget(value, r, 1)
            self.values[key] = (label, value)
        grid.setColumnStretch(2, 1)
        self.column.addLayout(grid)
        self.saved = self.text_label("", 1.1)
        self.column.addWidget(self.saved)
        self.offer: StageOffer | None = None
        self.offer_panel = OfferPanel()
        self.offer_panel.hide()
        self.column.addWidget(self.offer_panel)
        self.offer_panel.yes.clicked.connect(lambda: self.answer_offer(True))
        self.offer_panel.no.clicked.connect(lambda: self.answer_offer(False))
        bind(self, Qt.Key.Key_Y, lambda: self.answer_offer(True))
        bind(self, Qt.Key.Key_N, lambda: self.answer_offer(False))
        self.done_button = self.big_button(self.tr("Done (Enter)"), self.tr("Done"))
        self.add_action(self.done_button)
        self.done_button.clicked.connect(self.done.emit)
        bind_enter(self, self.done.emit)
        self.setFocusProxy(self.done_button)
        self._speed = 1.0

    def show_offer(self, routine: Routine, current: int, offer: StageOffer | None) -> None:
        """Offer a move to another stage (or hide the panel when there is none)."""
        self.offer = offer
        panel = self.offer_panel
        panel.setVisible(offer is not None)
        if offer is None:
            return
        changes = "; ".join(
            change_words(c) for c in changes_between(routine, current, offer.target)
        )
        if offer.direction == "next":
            question = self.tr(
                "You have done the sessions this stage asks for, and your pain did not go up "
                "after them. Ready for the next stage, {0}? {1}."
            )
            yes, no = self.tr("Yes, move on (Y)"), self.tr("Not yet (N)")
        else:
            question = self.tr(
                "Two recent sessions stopped because of pain. Go back to the stage before, "
                "{0}, for a while? {1}."
            )
            yes, no = self.tr("Yes, go back (Y)"), self.tr("No, stay (N)")
        panel.text.setText(question.format(offer.name, changes))
        panel.yes.setText(yes)
        panel.no.setText(no)
        for button, text in ((panel.yes, yes), (panel.no, no)):
            button.setAccessibleName(text.rsplit(" (", 1)[0])
            button.show()
        panel.setAccessibleName(self.tr("Stage"))

    def answer_offer(self, yes: bool) -> None:
        """Y / N: take the offered stage, or leave things as they are."""
        offer, self.offer = self.offer, None
        if offer is None:
            return
        panel = self.offer_panel
        panel.yes.hide()
        panel.no.hide()
        if yes:
            panel.text.setText(self.tr("Done: your next session runs {0}.").format(offer.name))
            self.stage_chosen.emit(offer.target)
        else:
            panel.text.setText(
                self.tr(
                    "Fine: you stay where you are. You can go back a stage any time on the "
                    "routine's page."
                )
                if offer.direction == "back"
                else self.tr("Fine: the offer comes again after your next session.")
            )
        self.setFocus()

    def value_text(self, key: str) -> str:
        return str(self.values[key][1].text())

    def show_summary(
        self,
        *,
        status: str,
        results: Sequence[StepResult],
        pain_before: int | None,
        pain_after: int | None,
        saved_note: str,
        speed: float = 1.0,
    ) -> None:
        self.status.setText(
            self.tr("Completed. Well done.")
            if status == "completed"
            else self.tr("Stopped early. Listening to your body is part of the work.")
        )
        spent = sum(r.done_seconds for r in results)
        done = sum(1 for r in results if r.status in ("done", "partial"))
        skipped = sum(1 for r in results if r.status == "skipped")
        self.values["time"][1].setText(format_clock(spent))
        self.values["steps"][1].setText(self.tr("{0} of {1}").format(done, len(results)))
        self.values["skipped"][1].setText(str(skipped))
        before = "–" if pain_before is None else str(pain_before)
        after = "–" if pain_after is None else str(pain_after)
        self.values["pain"][1].setText(f"{before} → {after}")
        self._speed = speed
        self.set_saved_note(saved_note)

    def set_saved_note(self, saved_note: str) -> None:
        """Whether the session is in the history (it may change while this page shows)."""
        note = saved_note
        if self._speed != 1:
            note = (note + " " if note else "") + self.tr(
                "This was a preview at ×{0}; it is kept out of your statistics."
            ).format(f"{self._speed:g}")
        self.saved.setText(note)
