"""Check-ins: pain and the safety questions before a session; pain, hurts and notes after.

Keyboard: digits / Up / Down on the pain scale, Y / N on a question, Enter to go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.plan import Plan, build_plan
from backcoach.core.routine import Question, Routine
from backcoach.ui.library.plan_text import total_text
from backcoach.ui.widgets.page import Page, bind, bind_enter, scaled_font
from backcoach.ui.widgets.pain_scale import PainScale
from backcoach.ui.widgets.plain import PlainLabel


@dataclass
class BeforeResult:
    pain_before: int | None
    """None when the check-in was skipped (a quick posture break)."""
    answers: list[tuple[str, str]] = field(default_factory=list)
    """(question, "yes" | "no"), as asked."""
    flare: bool = False


@dataclass(frozen=True)
class AfterResult:
    pain_after: int | None
    hurt: tuple[int, ...] = ()
    notes: str = ""


def about(plan: Plan) -> str:
    """ "about 14 minutes" (plus "and reps at your own pace")."""
    minutes = max(1, round(plan.total_seconds / 60))
    text = QCoreApplication.translate("CheckIn", "about {0} min").format(minutes)
    if plan.self_paced:
        text += QCoreApplication.translate("CheckIn", ", plus reps at your own pace")
    return text


class PainPage(Page):
    """ "How much pain right now?" with the scale and Continue."""

    continue_requested = Signal()
    back_requested = Signal()

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading.setText(heading)
        self.scale = PainScale()
        self.column.addWidget(self.scale)
        self.hint = self.text_label(
            self.tr("Type a number 0–9, or use Up and Down (10 is 9, then Up)."), 1.0
        )
        self.column.addWidget(self.hint)
        self.warning = self.text_label("", 1.1)
        self.column.addWidget(self.warning)
        self.continue_button = self.big_button(self.tr("Continue (Enter)"), self.tr("Continue"))
        self.add_action(self.continue_button)
        self.continue_button.clicked.connect(self._continue)
        self.continue_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bind_enter(self, self._continue)
        bind(self, Qt.Key.Key_Escape, self.back_requested.emit)
        self.setFocusProxy(self.scale)

    def _continue(self) -> None:
        if self.scale.value() is None:
            self.warning.setText(self.tr("Choose a number from 0 to 10 first."))
            self.scale.setFocus()
            return
        self.warning.setText("")
        self.continue_requested.emit()


class QuestionPage(Page):
    answered = Signal(bool)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counter = self.text_label("", 1.0)
        self.column.insertWidget(0, self.counter)
        # Yes and No sit together where every page keeps its primary button.
        self.yes = self.big_button(self.tr("Yes (Y)"), self.tr("Yes"), 1.6)
        self.no = self.big_button(self.tr("No (N)"), self.tr("No"), 1.6)
        self.add_action(self.yes)
        self.add_action(self.no)
        self.yes.clicked.connect(lambda: self.answered.emit(True))
        self.no.clicked.connect(lambda: self.answered.emit(False))
        bind(self, Qt.Key.Key_Y, lambda: self.answered.emit(True))
        bind(self, Qt.Key.Key_N, lambda: self.answered.emit(False))
        bind(self, Qt.Key.Key_Escape, self.back_requested.emit)

    def ask(self, question: Question, number: int, count: int) -> None:
        self.heading.setText(question.ask)
        self.heading.setAccessibleName(question.ask)
        self.counter.setText(self.tr("Safety question {0} of {1}").format(number, count))
        # The page holds the focus (Y and N work anywhere on it): a screen reader
        # reads the question as its name.
        self.setAccessibleName(question.ask)
        self.setAccessibleDescription(
            self.tr("Safety question {0} of {1}. Press Y for yes or N for no.").format(
                number, count
            )
        )


class MessagePage(Page):
    """A heading, a calm message and one primary button (Enter)."""

    primary = Signal()
    back_requested = Signal()

    def __init__(self, button: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = self.text_label("", 1.4)
        self.column.addWidget(self.body)
        self.button = self.big_button(button, accessible)
        self.add_action(self.button)
        self.button.clicked.connect(self.primary.emit)
        bind_enter(self, self.primary.emit)
        bind(self, Qt.Key.Key_Escape, self.back_requested.emit)
        self.setFocusProxy(self.button)

    def show_message(self, heading: str, body: str) -> None:
        self.heading.setText(heading)
        self.body.setText(body)
        self.body.setAccessibleName(body)


URGENT_BACKGROUND = QColor(0x8E, 0x16, 0x16)
"""Dark red behind white text (over 8:1), the same in every theme: unmistakably not
the calm "not today" page."""


class UrgentBanner(QFrame):
    """A warning sign and "Get medical help now" in white on dark red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, URGENT_BACKGROUND)
        palette.setColor(QPalette.ColorRole.WindowText, QColor(Qt.GlobalColor.white))
        self.setPalette(palette)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(16)
        self.icon = PlainLabel()
        size = int(self.fontMetrics().height() * 2.5)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(size, size))
        self.icon.setAccessibleName(self.tr("Warning"))
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = PlainLabel(self.tr("Get medical help now"))
        # The theme's style sheet colours labels; white on the dark red in every theme.
        self.text.setStyleSheet("color: #ffffff; background: transparent;")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setFont(scaled_font(self, 2.0, bold=True))
        row.addWidget(self.text, 1)


class ReadyPage(MessagePage):
    """ "Ready when you are": the plan's length, and the flare-day choice (F) for a
    routine with a flare section."""

    flare_toggled = Signal(bool)

    def __init__(self, button: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(button, accessible, parent)
        self.flare = QCheckBox(self.tr("Today is a &flare day (F)"))
        self.flare.setFont(scaled_font(self, 1.3))
        self.flare.setAccessibleName(self.tr("Today is a flare day"))
        self.flare.setAccessibleDescription(
            self.tr("Runs the gentler flare version of this routine")
        )
        self.flare.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.column.insertWidget(1, self.flare)
        self.flare.toggled.connect(self.flare_toggled.emit)
        bind(self, Qt.Key.Key_F, self.flare.toggle)


class CheckInBefore(QStackedWidget):
    """Pain now, then each safety question; then either the advice (stop) or Start.

    A stop question's advice ends the check-in (an urgent one under "Get medical
    help now"); a note question's advice is shown and the questions go on. A
    routine with a flare section always offers "Today is a flare day" on the
    ready page (a yes to a flare question ticks it)."""

    start_requested = Signal(object, object)  # BeforeResult, Plan
    cancelled = Signal()
    stopped = Signal(str)  # advice shown; nothing starts

    def __init__(self, routine: Routine, stage: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.stage = stage
        """The stage of the routine's progression to run (1-based)."""
        self.result: BeforeResult | None = None
        self.plan: Plan | None = None
        self._q = 0
        self.pain_page = PainPage(self.tr("Before you start: how much pain do you have right now?"))
        self.question_page = QuestionPage()
        self.advice_page = MessagePage(self.tr("Back to the library (Enter)"), self.tr("Back"))
        self.urgent = UrgentBanner()
        self.advice_page.column.insertWidget(0, self.urgent)
        self.urgent.hide()
        self.note_page = MessagePage(self.tr("Continue (Enter)"), self.tr("Continue"))
        self.ready_page = ReadyPage(self.tr("Start (Enter)"), self.tr("Start"))
        self.ready_page.flare.setVisible(routine.flare is not None)
        pages = (self.pain_page, self.question_page, self.advice_page, self.note_page)
        for page in (*pages, self.ready_page):
            self.addWidget(page)
        self.pain_page.continue_requested.connect(self._pain_done)
        self.question_page.answered.connect(self._answered)
        self.advice_page.primary.connect(self.cancelled.emit)
        self.advice_page.back_requested.connect(self.cancelled.emit)
        self.note_page.primary.connect(self._next_question)
        self.ready_page.primary.connect(self._start)
        self.ready_page.flare_toggled.connect(self._flare_toggled)
        for page in (self.pain_page, self.question_page, self.note_page, self.ready_page):
            page.back_requested.connect(self.cancelled.emit)

    def begin(self) -> None:
        self._show(self.pain_page)
        self.pain_page.scale.setFocus()

    def set_routine(self, routine: Routine) -> None:
        """Go on with `routine` (its file changed): the ready page shows its new plan."""
        self.routine = routine
        page = self.currentWidget()
        asked_all = page is self.question_page and self._q >= len(routine.before_you_start)
        if (page is self.ready_page and self.result is not None) or asked_all:
            self._ready()

    def begin_ready(self) -> None:
        """Straight to the ready page, with no pain rating and no questions: a posture
        break with a flare section still offers the flare-day choice."""
        self.result = BeforeResult(pain_before=None)
        self._ready()

    def _show(self, page: QWidget) -> None:
        self.setCurrentWidget(page)
        page.setFocus()

    def _pain_done(self) -> None:
        pain = self.pain_page.scale.value()
        assert pain is not None
        self.result = BeforeResult(pain_before=pain)
        self._q = 0
        self._next_question()

    def _next_question(self) -> None:
        questions = self.routine.before_you_start
        if self._q < len(questions):
            self.question_page.ask(questions[self._q], self._q + 1, len(questions))
            self._show(self.question_page)
        else:
            self._ready()

    def _answered(self, yes: bool) -> None:
        assert self.result is not None
        question = self.routine.before_you_start[self._q]
        self.result.answers.append((question.ask, "yes" if yes else "no"))
        self._q += 1
        if yes and question.if_yes == "stop":
            self._stop(question)
            return
        if yes and question.if_yes == "flare":
            self.result.flare = True
        if yes and question.if_yes == "note" and question.advice:
            self.note_page.show_message(self.tr("Good to know"), question.advice)
            self._show(self.note_page)
            return
        self._next_question()

    def _stop(self, question: Question) -> None:
        advice = question.advice or self.tr("Please check with your care team before exercising.")
        self.urgent.setVisible(question.urgent)
        heading = "" if question.urgent else self.tr("Let's not exercise today")
        self.advice_page.heading.setVisible(not question.urgent)
        self.advice_page.show_message(heading, advice)
        self.advice_page.setAccessibleName(
            self.tr("Get medical help now") if question.urgent else heading
        )
        self._show(self.advice_page)
        self.stopped.emit(question.advice or "")

    def _flare_toggled(self, on: bool) -> None:
        if self.result is not None and self.result.flare != on:
            self.result.flare = on
            self._ready()

    def _ready(self) -> None:
        assert self.result is not None
        routine = self.routine
        self.ready_page.flare.blockSignals(True)
        self.ready_page.flare.setChecked(self.result.flare and routine.flare is not None)
        self.ready_page.flare.blockSignals(False)
        flare = self.result.flare and routine.flare is not None
        self.plan = build_plan(routine, flare=flare, stage=self.stage)
        total = total_text(self.plan)
        lines = [self.tr("{0}: {1}.").format(routine.title, about(self.plan))]
        if routine.stages:
            lines.append(
                self.tr("Stage {0} of {1}: {2}.").format(
                    self.stage, len(routine.stages), self.plan.stage_name
                )
            )
        if self.result.flare and routine.flare is not None:
            normal = build_plan(routine, stage=self.stage)
            lines.insert(
                0,
                self.tr(
                    "It's a flare day, so today runs the gentler flare version "
                    "({0} instead of {1})."
                ).format(total, total_text(normal)),
            )
        elif self.result.flare:
            lines.insert(
                0,
                self.tr(
                    "It's a flare day. This routine has no flare version, so it runs as "
                    "usual: go gently, and stop whenever you need to."
                ),
            )
        lines.append(self.tr("Space pauses, Right skips, Left goes back, Esc stops."))
        self.ready_page.show_message(self.tr("Ready when you are"), "\n\n".join(lines))
        self._show(self.ready_page)

    def _start(self) -> None:
        assert self.result is not None and self.plan is not None
        self.start_requested.emit(self.result, self.plan)

    # for the test autopilot
    def autopilot(self) -> None:
        """Answer pain 0 and "no" to every question, then start (test hook only)."""
        if self.currentWidget() is self.pain_page:
            self.pain_page.scale.set_value(0)
            self.pain_page._continue()
        while self.currentWidget() is self.question_page:
            self._answered(False)
        if self.currentWidget() is self.ready_page:
            self._start()


class CheckInAfter(Page):
    """Pain now, which steps hurt, notes; Save (Enter)."""

    saved = Signal(object)  # AfterResult

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading.setText(self.tr("How do you feel now?"))
        self.intro = self.text_label("", 1.1)
        self.column.insertWidget(1, self.intro)
        pain_label = self.text_label(
            self.tr("Pain right now (0 = none, 10 = worst imaginable):"), 1.1
        )
        self.scale = PainScale()
        pain_label.setBuddy(self.scale)
        self.column.addWidget(pain_label)
        self.column.addWidget(self.scale)

        hurt_label = self.text_label(self.tr("Did any step hurt? Tick it (Space):"), 1.1)
        self.hurt = QListWidget()
        self.hurt.setFont(scaled_font(self, 1.2))
        self.hurt.setSpacing(2)
        self.hurt.setAccessibleName(self.tr("Steps that hurt"))
        self.hurt.setAccessibleDescription(self.tr("Space ticks or unticks the selected step"))
        # Three rows at least: the page scrolls rather than squash the list to one.
        self.hurt.setMinimumHeight(int(self.hurt.fontMetrics().height() * 1.5 * 3) + 8)
        hurt_label.setBuddy(self.hurt)
        self.column.addWidget(hurt_label)
        self.column.addWidget(self.hurt, 1)

        notes_label = self.text_label(self.tr("Notes (optional):"), 1.1)
        self.notes = QLineEdit()
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("Anything to remember or tell your therapist"))
        notes_label.setBuddy(self.notes)
        self.column.addWidget(notes_label)
        self.column.addWidget(self.notes)
        self.warning = PlainLabel()
        self.column.addWidget(self.warning)
        self.fill_height()  # the list of steps takes the spare height

        self.save = self.big_button(self.tr("Save (Enter)"), self.tr("Save"))
        self.add_action(self.save)
        self.save.clicked.connect(self._save)
        bind_enter(self, self._save)
        self.setFocusProxy(self.scale)

    def set_steps(self, steps: Sequence[tuple[int, str]], stopped: bool) -> None:
        """(step index, name) of the steps that ran, for the "hurt" list."""
        self.intro.setText(
            self.tr("You stopped early, and that's fine. A quick check-in helps your therapist.")
            if stopped
            else self.tr("Well done. A quick check-in helps you and your therapist.")
        )
        self.hurt.clear()
        for index, name in steps:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.hurt.addItem(item)
        if self.hurt.count():
            self.hurt.setCurrentRow(0)

    def _save(self) -> None:
        if self.scale.value() is None:
            self.warning.setText(self.tr("Choose your pain from 0 to 10 first."))
            self.scale.setFocus()
            return
        hurt = tuple(
            int(self.hurt.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.hurt.count())
            if self.hurt.item(i).checkState() == Qt.CheckState.Checked
        )
        self.saved.emit(AfterResult(self.scale.value(), hurt, self.notes.text().strip()))


def make_column() -> QVBoxLayout:
    return QVBoxLayout()
