"""The routine page: what a routine asks of you, step by step, and Start.

Above the steps: what the routine needs, who should take care or ask first, and,
for a routine with stages, the current stage and what the next one changes.
Below them: the selected step's details (how, careful, cautions) and, when the
exercise has a demonstration video, a button that opens it in the user's own
browser (never before it is clicked).
"""

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
from backcoach.core.limits import PlanTooLong
from backcoach.core.plan import build_plan
from backcoach.core.progression import StagePosition
from backcoach.core.routine import POSTURE_BREAK_KIND, Exercise, ExerciseStep, Routine, Step
from backcoach.core.stages import changes_between, stage_steps
from backcoach.ui.library import video
from backcoach.ui.library.dose_text import change_words
from backcoach.ui.library.library_page import problem_block, short_problem
from backcoach.ui.library.plan_text import total_text
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
    side = {
        "each": tr("each side"),
        "left": tr("left side"),
        "right": tr("right side"),
        "alternate": tr("alternating sides, reps per side"),
    }
    if step.sides in side:
        parts.append(side[step.sides])
    return ", ".join(parts)


def step_times(routine: Routine, stage: int = 1) -> dict[int, float | None]:
    """A step's own planned seconds, by step index (None if any part is self-paced).

    The rest after an exercise step is not part of it (see `rests_after`): a
    1-minute breathing step followed by a 20 s rest takes 1m, not 1m20s.
    """
    out: dict[int, float | None] = {}
    for seg in build_plan(routine, stage=stage).segments:
        if seg.step_index is None or seg.after_step:
            continue
        prev = out.get(seg.step_index, 0.0)
        out[seg.step_index] = None if prev is None or seg.duration is None else prev + seg.duration
    return out


def plan_error(routine: Routine | None, stage: int = 1) -> str:
    """Why `routine` cannot be planned at `stage` (a session past the limits), or ""."""
    if routine is None:
        return ""
    try:
        build_plan(routine, stage=stage)
        build_plan(routine, stage=stage, flare=routine.flare is not None)
    except PlanTooLong as exc:
        return tr("This routine can't be run: {0}").format(str(exc))
    return ""


def rests_after(routine: Routine, stage: int = 1) -> dict[int, float]:
    """The rest that follows each exercise step, in seconds, by step index (shown as a line)."""
    return {
        seg.step_index: seg.duration
        for seg in build_plan(routine, stage=stage).segments
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


def equipment_of(routine: Routine) -> list[str]:
    """Everything the routine's steps need, once each, in the order first needed."""
    seen: dict[str, None] = {}
    for step in routine.steps:
        if isinstance(step, ExerciseStep):
            for item in step.exercise.equipment:
                seen.setdefault(item, None)
    return list(seen)


def exercises_of(routine: Routine) -> list[Exercise]:
    """The routine's exercises in step order, once each."""
    found: dict[str, Exercise] = {}
    for step in routine.steps:
        if isinstance(step, ExerciseStep):
            found.setdefault(step.exercise.id, step.exercise)
    return list(found.values())


def stage_text(routine: Routine, where: StagePosition) -> str:
    """ "Stage 2 of 3: Weeks 3–4." and what the next stage changes, and when."""
    name = routine.stages[where.current - 1].name
    lines = [tr("Stage {0} of {1}: {2}.").format(where.current, where.count, name)]
    if where.is_last:
        lines.append(tr("This is the last stage."))
        return "\n".join(lines)
    nxt = routine.stages[where.current]
    changes = "; ".join(
        change_words(c) for c in changes_between(routine, where.current, where.current + 1)
    )
    if where.to_go:
        lines.append(
            tr("Next, {0}, offered after {1} more completed session(s): {2}.").format(
                nxt.name, where.to_go, changes
            )
        )
    else:
        lines.append(
            tr("Next, {0}, is offered after your next session: {1}.").format(nxt.name, changes)
        )
    return "\n".join(lines)


def about_text(routine: Routine, where: StagePosition | None) -> str:
    """What the routine needs, who should take care, and the stage: plain text."""
    lines = []
    needs = equipment_of(routine)
    if needs:
        lines.append(tr("You need: {0}.").format(", ".join(needs)))
    for ex in exercises_of(routine):
        if ex.cautions:
            lines.append(tr("Take care — {0}: {1}").format(ex.name, ex.cautions.strip()))
    if where is not None:
        lines.append(stage_text(routine, where))
    return "\n".join(lines)


def step_details(step: Step) -> str:
    """How, careful and cautions of an exercise step, for the details under the list."""
    if not isinstance(step, ExerciseStep):
        return step.say or ""
    ex = step.exercise
    lines = [ex.name]
    if ex.how:
        lines.append(ex.how.strip())
    if ex.careful:
        lines.append(tr("Careful: {0}").format(ex.careful.strip()))
    if ex.cautions:
        lines.append(tr("Ask first / take care: {0}").format(ex.cautions.strip()))
    if ex.equipment:
        lines.append(tr("You need: {0}.").format(", ".join(ex.equipment)))
    return "\n".join(lines)


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
    stage_back_requested = Signal(object, int)  # Routine, the stage to go back to (1-based)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry: LibraryEntry | None = None
        self.where: StagePosition | None = None
        self.shown_steps: tuple[Step, ...] = ()
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
        for label in (self.title, self.meta, self.summary):
            label.setTextFormat(Qt.TextFormat.PlainText)  # the routine file's words
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.summary)
        self.about = PlainLabel()
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setWordWrap(True)
        self.about.setFont(big_font(self, 1.05, bold=False))
        self.about.setAccessibleName(tr("What you need, cautions and stage"))
        layout.addWidget(self.about)

        self._build_steps(layout)
        self._build_details(layout)
        self.errors = self._errors_view()
        layout.addWidget(self.errors, 1)

        self.total = PlainLabel()
        self.total.setFont(big_font(self, 1.3))
        layout.addWidget(self.total)

        self._build_buttons(layout)

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

    def _build_steps(self, layout: QVBoxLayout) -> None:
        """The steps: number, what, how long; rows wrap to the column's width."""
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

    def _build_details(self, layout: QVBoxLayout) -> None:
        """The selected step's details, and its demonstration button."""
        self.steps.currentItemChanged.connect(self._show_step)
        detail_row = QHBoxLayout()
        self.details = PlainLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setAccessibleName(tr("About the selected step"))
        detail_row.addWidget(self.details, 1)
        self.video = QPushButton(tr("&Watch a demonstration"))
        self.video.setAccessibleName(tr("Watch a demonstration"))
        self.video.setAccessibleDescription(tr("Opens the video in your web browser"))
        self.video.setToolTip(tr("Opens the video in your web browser"))
        self.video.clicked.connect(self._watch)
        self.video.hide()
        detail_row.addWidget(self.video, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(detail_row)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        """Back (Esc), Go back a stage, and Start (Enter)."""
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
        self.stage_back = QPushButton(tr("&Go back a stage"))
        self.stage_back.setFont(big_font(self, 1.1, bold=False))
        self.stage_back.setAccessibleName(tr("Go back a stage"))
        self.stage_back.setAccessibleDescription(
            tr("Runs the doses of the stage before; you can move on again later")
        )
        self.stage_back.clicked.connect(self._stage_back)
        self.stage_back.hide()
        buttons.addWidget(self.back)
        buttons.addWidget(self.stage_back)
        buttons.addStretch(1)
        buttons.addWidget(self.start)
        layout.addLayout(buttons)

    def _step_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 1:
            self._relayout.start()

    def set_entry(self, entry: LibraryEntry, where: StagePosition | None = None) -> None:
        """Show a library entry; `where`: the patient's stage, for a routine with stages."""
        self.entry = entry
        self.where = where
        self.steps.clear()
        routine = entry.routine
        problems = [short_problem(p) for p in entry.problems]
        too_long = plan_error(routine, where.current if where is not None else 1)
        if routine is None or problems or too_long:
            self._show_problems(entry, problems or [too_long])
            return
        self.start.show()
        self.start.setEnabled(True)
        self.errors.hide()
        self.steps.show()
        self.steps.setHeaderLabels([tr("#"), tr("Step"), tr("Takes")])
        self.title.setText(routine.title)
        self.meta.setText("   ·   ".join(self._facts(routine)))
        self.summary.setText(routine.summary)
        self.summary.setVisible(bool(routine.summary))
        self.about.setText(about_text(routine, where))
        self.about.setVisible(bool(self.about.text()))
        self.stage_back.setVisible(where is not None and where.current > 1)
        self._fill_steps(routine, where.current if where is not None else 1)

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

    def _show_problems(self, entry: LibraryEntry, problems: list[str]) -> None:
        routine = entry.routine
        self.title.setText(routine.title if routine is not None else entry.path.name)
        self.meta.setText(str(entry.path))
        self.summary.setText(
            tr("This file has errors, so it can't be run. Ask whoever wrote it to fix:")
        )
        for widget in (self.steps, self.about, self.details, self.video, self.stage_back):
            widget.hide()
        self.errors.show()
        self.errors.setPlainText(
            "\n\n".join(problem_block(p) for p in entry.problems) or "\n".join(problems)
        )
        for i, p in enumerate(problems, 1):
            QTreeWidgetItem(self.steps, [str(i), p, ""])
        self.total.setText("")
        self.start.setEnabled(False)
        self.start.hide()

    @staticmethod
    def _facts(routine: Routine) -> list[str]:
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
        return facts

    def _fill_steps(self, routine: Routine, stage: int) -> None:
        """The steps at the patient's stage, with their time, and the total."""
        self.shown_steps = stage_steps(routine, stage)
        times, rests = step_times(routine, stage), rests_after(routine, stage)
        for i, step in enumerate(self.shown_steps):
            name = step.exercise.name if isinstance(step, ExerciseStep) else tr("Rest")
            desc = describe_step(step)
            text = f"{name} — {desc}" if isinstance(step, ExerciseStep) else desc
            t = times.get(i, 0.0)
            item = QTreeWidgetItem(
                self.steps,
                [str(i + 1), text, tr("self-paced") if t is None else format_duration(t)],
            )
            item.setData(0, Qt.ItemDataRole.UserRole, i)
            if i in rests:  # the rest after a step, as a line of its own
                rest = QTreeWidgetItem(self.steps, ["", tr("Rest"), format_duration(rests[i])])
                rest.setData(0, Qt.ItemDataRole.UserRole, -1)
        self.total.setText(tr("Total: {0}").format(total_text(build_plan(routine, stage=stage))))
        first = self.steps.topLevelItem(0)
        if first is not None:
            self.steps.setCurrentItem(first)  # its details show below the list
        self._show_step(first, None)

    def _show_step(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        index = data if isinstance(data, int) else -1
        step = self.shown_steps[index] if 0 <= index < len(self.shown_steps) else None
        if step is None or self.errors.isVisible():
            self.details.hide()
            self.video.hide()
            return
        self.details.setText(step_details(step))
        self.details.setVisible(bool(self.details.text()))
        video = step.exercise.video if isinstance(step, ExerciseStep) else ""
        self.video.setVisible(bool(video))
        self.video.setProperty("url", video)

    def _watch(self) -> None:
        url = self.video.property("url")
        if url:
            video.open_video(str(url))

    def _stage_back(self) -> None:
        routine = self.entry.routine if self.entry is not None else None
        if routine is not None and self.where is not None and self.where.current > 1:
            self.stage_back_requested.emit(routine, self.where.current - 1)

    def focus_start(self) -> None:
        self.start.setFocus()

    def _start(self) -> None:
        if self.entry is not None and self.entry.routine is not None and self.start.isEnabled():
            self.start_requested.emit(self.entry.routine)
