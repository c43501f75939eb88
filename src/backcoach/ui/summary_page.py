"""The summary after a session: time spent, steps done and skipped, pain before → after."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from backcoach.core.durations import format_clock
from backcoach.core.session import StepResult
from backcoach.ui.widgets.page import Page, bind_enter


class SummaryPage(Page):
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading.setText(self.tr("Session summary"))
        self.status = self.text_label("", 1.3)
        self.column.addWidget(self.status)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(14)
        self.values: dict[str, tuple] = {}
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
        self.done_button = self.big_button(self.tr("Done (Enter)"), self.tr("Done"))
        self.add_action(self.done_button)
        self.done_button.clicked.connect(self.done.emit)
        bind_enter(self, self.done.emit)
        self.setFocusProxy(self.done_button)
        self._speed = 1.0

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
