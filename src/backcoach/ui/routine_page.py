"""The routine page: what a routine asks of you, step by step, and Start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.durations import format_duration
from backcoach.core.plan import build_plan
from backcoach.core.routine import POSTURE_BREAK_KIND, ExerciseStep, Routine, Step
from backcoach.ui.library_page import problem_block, short_problem
from backcoach.ui.plan_text import total_text
from backcoach.ui.widgets.page import PAGE_MARGINS
from backcoach.ui.widgets.plain import PlainLabel

if TYPE_CHECKING:
    from backcoach.core.library import LibraryEntry


def tr(text: str) -> str:
    return QCoreApplication.translate("RoutinePage", text)


def describe_step(step: Step) -> str:
    """ "Hold 30s × 2, each side" / "10 reps, one every 4s, 2 sets" / "Rest"."""
    if not isinstance(step, ExerciseStep):
        return tr("Rest") + (f": {step.say}" if step.say else "")
    parts: list[str] = []
    if step.hold is not None:
        parts.append(tr("hold {0}").format(format_duration(step.hold)))
        if step.reps > 1:
            parts[-1] += f" × {step.reps}"
    elif step.duration is not None:
        parts.append(format_duration(step.duration))
    elif step.rep_time is not None:
        parts.append(
            tr("{0} reps, one every {1}").format(step.reps, format_duration(step.rep_time))
        )
    else:
        parts.append(tr("{0} reps at your own pace").format(step.reps))
    if step.sets > 1:
        parts.append(tr("{0} sets").format(step.sets))
    side = {"each": tr("each side"), "left": tr("left side"), "right": tr("right side")}
    if step.sides in side:
        parts.append(side[step.sides])
    return ", ".join(parts)


def step_times(routine: Routine) -> dict[int, float | None]:
    """A step's own planned seconds, by step index (None if any part is self-paced).

    The rest after an exercise step is not part of it (see `rests_after`): a
    1-minute breathing step followed by a 20 s rest takes 1m, not 1m20s.
    """
    out: dict[int, float | None] = {}
    for seg in build_plan(routine).segments:
        if seg.step_index is None or seg.after_step:
            continue
        prev = out.get(seg.step_index, 0.0)
        out[seg.step_index] = None if prev is None or seg.duration is None else prev + seg.duration
    return out


def rests_after(routine: Routine) -> dict[int, float]:
    """The rest that follows each exercise step, in seconds, by step index (shown as a line)."""
    return {
        seg.step_index: seg.duration
        for seg in build_plan(routine).segments
        if seg.after_step and seg.step_index is not None and seg.duration is not None
    }


def prescribed_text(count: int, per: str) -> str:
    """ "Prescribed: once a day" / "twice a week" / "3 times a week"."""
    if per == "day":
        how = {1: tr("once a day"), 2: tr("twice a day")}.get(count)
        how = how or tr("{0} times a day").format(count)
    else:
        how = {1: tr("once a week"), 2: tr("twice a week")}.get(count)
        how = how or tr("{0} times a week").format(count)
    return tr("Prescribed: {0}").format(how)


def big_font(widget: QWidget, factor: float, bold: bool = True) -> QFont:
    f = QFont(widget.font())
    f.setPointSizeF(f.pointSizeF() * factor)
    f.setBold(bold)
    return f


class WrapDelegate(QStyledItemDelegate):
    """Row heights for wrapped text in one column of a tree view.

    QTreeView asks for row heights without a width, so wrapped text would get one
    line (and an ellipsis); this gives the column's current width instead.
    """

    def __init__(self, view: QTreeView, column: int) -> None:
        super().__init__(view)
        self.view = view
        self.column = column

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.column() != self.column:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(1, self.view.header().sectionSize(self.column)), 1)
        return super().sizeHint(opt, index)


class RoutinePage(QWidget):
    """Shows one library entry; a broken file shows its errors and no Start."""

    start_requested = Signal(object)  # Routine
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry: LibraryEntry | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(12)

        self.title = PlainLabel()
        self.title.setFont(big_font(self, 2.0))
        self.title.setWordWrap(True)
        self.meta = PlainLabel()
        self.meta.setWordWrap(True)
        self.meta.setFont(big_font(self, 1.1, bold=False))
        self.summary = PlainLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.summary)

        self.steps = QTreeWidget()
        self.steps.setAccessibleName(tr("Steps"))
        self.steps.setColumnCount(3)
        self.steps.setHeaderLabels([tr("#"), tr("Step"), tr("Takes")])
        self.steps.setRootIsDecorated(False)
        self.steps.setHeaderHidden(True)  # number, step, time: plain enough without
        self.steps.setAlternatingRowColors(True)
        self.steps.setWordWrap(True)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.steps.setUniformRowHeights(False)
        self.steps.setFont(big_font(self, 1.15, bold=False))
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.steps.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.setItemDelegateForColumn(1, WrapDelegate(self.steps, 1))
        # Re-measure the rows once the step column's width settles (coalesced).
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.steps.doItemsLayout)
        header.sectionResized.connect(self._step_column_resized)
        layout.addWidget(self.steps, 1)
        self.errors = self._errors_view()
        layout.addWidget(self.errors, 1)

        self.total = PlainLabel()
        self.total.setFont(big_font(self, 1.3))
        layout.addWidget(self.total)

        buttons = QHBoxLayout()
        self.back = QPushButton(tr("Back to the library (Esc)"))
        self.back.setFont(big_font(self, 1.1, bold=False))
        self.back.setMinimumHeight(self.back.sizeHint().height() + 10)
        self.back.setAccessibleName(tr("Back to the library"))
        self.start = QPushButton(tr("Start (Enter)"))
        self.start.setAccessibleName(tr("Start"))
        self.start.setAccessibleDescription(tr("Begin with the check-in, then the session"))
        self.start.setFont(big_font(self, 1.3))
        self.start.setMinimumHeight(self.start.sizeHint().height() + 16)
        self.start.setDefault(True)
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.start)
        layout.addLayout(buttons)

        self.back.clicked.connect(self.back_requested)
        self.start.clicked.connect(self._start)
        for key, slot in (
            (Qt.Key.Key_Return, self._start),
            (Qt.Key.Key_Enter, self._start),
            (Qt.Key.Key_Escape, self.back_requested.emit),
        ):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    def _errors_view(self) -> QTextBrowser:
        """Where a broken file's errors show, as `backcoach check` shows them."""
        errors = QTextBrowser()
        errors.setAccessibleName(tr("Errors in this file"))
        # Fixed width: each error shows its line with a caret under the column.
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(big_font(self, 1.15, bold=False).pointSizeF())
        errors.setFont(fixed)
        errors.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
        errors.hide()
        return errors

    def _step_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 1:
            self._relayout.start()

    def set_entry(self, entry: LibraryEntry) -> None:
        self.entry = entry
        self.steps.clear()
        routine = entry.routine
        problems = [short_problem(p) for p in entry.problems]
        if routine is None or problems:
            self.title.setText(routine.title if routine is not None else entry.path.name)
            self.meta.setText(str(entry.path))
            self.summary.setText(
                tr("This file has errors, so it can't be run. Ask whoever wrote it to fix:")
            )
            self.steps.hide()
            self.errors.show()
            self.errors.setPlainText("\n\n".join(problem_block(p) for p in entry.problems))
            for i, p in enumerate(problems, 1):
                QTreeWidgetItem(self.steps, [str(i), p, ""])
            self.total.setText("")
            self.start.setEnabled(False)
            self.start.hide()
            return
        self.start.show()
        self.start.setEnabled(True)
        self.errors.hide()
        self.steps.show()
        self.steps.setHeaderLabels([tr("#"), tr("Step"), tr("Takes")])
        self.title.setText(routine.title)
        facts = []
        if routine.kind == POSTURE_BREAK_KIND:
            facts.append(tr("Posture break"))
        if routine.level:
            level = QCoreApplication.translate("LibraryPage", routine.level.capitalize())
            facts.append(tr("Level: {0}").format(level))  # translatable.LEVELS
        if routine.author:
            facts.append(tr("By {0}").format(routine.author))
        if routine.prescribed:
            facts.append(prescribed_text(routine.prescribed.count, routine.prescribed.per))
        if routine.tags:
            facts.append(", ".join(routine.tags))
        self.meta.setText("   ·   ".join(facts))
        self.summary.setText(routine.summary)
        self.summary.setVisible(bool(routine.summary))
        self._fill_steps(routine)
        self.total.setText(tr("Total: {0}").format(total_text(build_plan(routine))))

    def _fill_steps(self, routine: Routine) -> None:
        """One line per step with its own time, and one for the rest after it."""
        times, rests = step_times(routine), rests_after(routine)
        for i, step in enumerate(routine.steps):
            name = step.exercise.name if isinstance(step, ExerciseStep) else tr("Rest")
            desc = describe_step(step)
            text = f"{name} — {desc}" if isinstance(step, ExerciseStep) else desc
            t = times.get(i, 0.0)
            QTreeWidgetItem(
                self.steps,
                [str(i + 1), text, tr("self-paced") if t is None else format_duration(t)],
            )
            if i in rests:
                QTreeWidgetItem(self.steps, ["", tr("Rest"), format_duration(rests[i])])

    def focus_start(self) -> None:
        self.start.setFocus()

    def _start(self) -> None:
        if self.entry is not None and self.entry.routine is not None and self.start.isEnabled():
            self.start_requested.emit(self.entry.routine)
