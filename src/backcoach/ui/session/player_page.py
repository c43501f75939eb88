"""The player: what to do now, how long is left, which side, and what comes next.

It only shows what the engine says (remaining, elapsed, progress); it never
keeps time itself. Keys (anywhere on the page): Space pause/resume, Right skip,
Left back, Enter done (self-paced reps), Esc stop (asks why; Enter confirms).
"""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.durations import format_clock
from backcoach.core.plan import Segment
from backcoach.core.routine import Exercise
from backcoach.core.session import CueDue
from backcoach.ui.a11y import attach_countdown_announcer
from backcoach.ui.context import AppContext
from backcoach.ui.library import video
from backcoach.ui.library.plan_text import (
    counts_text,
    next_text,
    now_text,
    segment_label,
    title_text,
)
from backcoach.ui.session.engine_adapter import EngineAdapter
from backcoach.ui.widgets.countdown import Countdown
from backcoach.ui.widgets.exercise_images import ExerciseImages
from backcoach.ui.widgets.fit_label import FitLabel
from backcoach.ui.widgets.page import (
    PAGE_MARGINS,
    bind,
    bind_enter,
    paint_focus_ring,
    scaled_font,
)
from backcoach.ui.widgets.plain import PlainLabel
from backcoach.ui.widgets.side_badge import SideBadge

STOP_REASONS: tuple[tuple[str, str, Qt.Key], ...] = (
    ("pain", "&Pain", Qt.Key.Key_P),
    ("tired", "&Tired", Qt.Key.Key_T),
    ("interrupted", "&Interrupted", Qt.Key.Key_I),
    ("other", "&Other reason", Qt.Key.Key_O),
)


class StopPanel(QFrame):
    """Asks "Stop the session?" and why, in place of the controls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.question = PlainLabel(
            self.tr("Stop the session? What you did so far is saved. Why stop?")
        )
        self.question.setFont(scaled_font(self, 1.3, bold=True))
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.reasons: dict[str, QRadioButton] = {}
        for i, (key, text, _) in enumerate(STOP_REASONS):
            b = QRadioButton(self.tr(text))
            b.setFont(scaled_font(self, 1.2))
            b.setAccessibleName(self.tr(text).replace("&", ""))
            self.group.addButton(b, i)
            self.reasons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addStretch(1)
        self.confirm = QPushButton(self.tr("Stop (Enter)"))
        self.confirm.setAccessibleName(self.tr("Stop the session"))
        self.cancel = QPushButton(self.tr("Keep going (Esc)"))
        self.cancel.setAccessibleName(self.tr("Keep going"))
        for button in (self.cancel, self.confirm):
            button.setFont(scaled_font(self, 1.2, bold=True))
            button.setMinimumHeight(int(button.fontMetrics().height() * 2))
            row.addWidget(button)
        layout.addLayout(row)

    def set_compact(self, compact: bool) -> None:
        """Smaller question and buttons on a short page, so the whole panel fits."""
        factor = 1.05 if compact else 1.3
        if abs(self.question.font().pointSizeF() - scaled_font(self, factor).pointSizeF()) > 0.1:
            self.question.setFont(scaled_font(self, factor, bold=True))
        for button in (self.cancel, self.confirm):
            lines = 1.5 if compact else 2.0
            button.setMinimumHeight(int(button.fontMetrics().height() * lines))

    def reason(self) -> str | None:
        for key, b in self.reasons.items():
            if b.isChecked():
                return key
        return None

    def reset(self) -> None:
        self.group.setExclusive(False)
        for b in self.reasons.values():
            b.setChecked(False)
        self.group.setExclusive(True)


class Details(QScrollArea):
    """A frameless column that asks for its text's full height but can shrink and scroll.

    Takes no keyboard focus: the player's keys stay where they are.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        inner = QWidget()
        inner.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(8)
        self.setWidget(inner)

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        width = max(self.viewport().width(), 200)
        height = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
        if height < 0:
            height = inner.sizeHint().height()
        page = self.parentWidget()
        if page is not None and page.height() > 0:
            # Never ask for more than a third of the page: the countdown comes first.
            height = min(height, page.height() // 3)
        return QSize(width, height + 2)

    min_lines = 2
    """Lines kept in view however short the page (1 on a short page with big text)."""

    def _line_height(self) -> int:
        """The height of one line of the first text shown (the largest, the cue)."""
        for i in range(self.column.count()):
            item = self.column.itemAt(i)
            w = item.widget() if item is not None else None
            if isinstance(w, QLabel) and not w.isHidden() and w.text():
                return w.fontMetrics().lineSpacing()
        return self.fontMetrics().lineSpacing()

    def minimumSizeHint(self) -> QSize:
        # Whole lines: a line cut in half can be read neither from the mat nor up close.
        lines = min(self.sizeHint().height(), self._line_height() * self.min_lines + 2)
        return QSize(0, lines)


class PlayerPage(QWidget):
    stop_confirmed = Signal(object)  # reason: str | None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.adapter: EngineAdapter | None = None
        self.segment: Segment | None = None
        self.confirming = False
        self._resume_after_cancel = False
        self._short = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Session player"))

        root = QVBoxLayout(self)
        root.setContentsMargins(*PAGE_MARGINS)
        root.setSpacing(8)
        self._build_notices(root)
        root.addLayout(self._build_header())
        root.addLayout(self._build_body(), 1)
        self._build_details()
        root.addWidget(self.details)
        self.next = PlainLabel()
        self.next.setFont(scaled_font(self, 1.4))
        self.next.setWordWrap(True)
        root.addWidget(self.next)
        session_row = self._build_session_row()
        root.addLayout(session_row)
        self._build_bottom()
        self._build_voice(session_row)
        root.addWidget(self.bottom)
        self._connect()
        self._bind_keys()

    def _build_notices(self, root: QVBoxLayout) -> None:
        """The preview banner and the line for a problem, both hidden until needed."""
        self.preview = PlainLabel()
        self.preview.setFont(scaled_font(self, 1.2, bold=True))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAutoFillBackground(True)
        self.preview.setBackgroundRole(self.preview.backgroundRole().Highlight)
        self.preview.setForegroundRole(self.preview.foregroundRole().HighlightedText)
        self.preview.hide()
        root.addWidget(self.preview)
        self.problem = PlainLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        root.addWidget(self.problem)

    def _build_header(self) -> QHBoxLayout:
        """The exercise and its side share the top row: both are read from the mat."""
        header = QHBoxLayout()
        header.setSpacing(24)
        # Shrinks (down to 1.4x) to keep a long name on two lines in a narrow window.
        self.title = FitLabel(2.4, 1.4, lines=2)
        self.title.setAccessibleName(self.tr("Exercise"))
        header.addWidget(self.title, 1)
        self.side = SideBadge()
        header.addWidget(self.side, 0, Qt.AlignmentFlag.AlignVCenter)
        return header

    def _build_body(self) -> QHBoxLayout:
        """The pictures, and beside them the countdown with what to do and the counts."""
        body = QHBoxLayout()
        body.setSpacing(24)
        self.images = ExerciseImages(reduced_motion=self.ctx.settings.reduced_motion)
        body.addWidget(self.images, 5)
        right = QVBoxLayout()
        right.setSpacing(8)
        self.countdown = Countdown(self)
        right.addWidget(self.countdown, 1)
        self.state_label = PlainLabel()
        self.state_label.setFont(scaled_font(self, 1.8, bold=True))
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setWordWrap(True)
        right.addWidget(self.state_label)
        self.step_bar = QProgressBar()
        self.step_bar.setRange(0, 1000)
        self.step_bar.setTextVisible(False)
        self.step_bar.setAccessibleName(self.tr("Progress of this step"))
        self.step_bar.setFixedHeight(max(8, self.fontMetrics().height() * 2 // 3))
        right.addWidget(self.step_bar)
        self.counts = PlainLabel()
        self.counts.setFont(scaled_font(self, 1.6, bold=True))
        self.counts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counts.setWordWrap(True)
        right.addWidget(self.counts)
        body.addLayout(right, 4)
        return body

    def _build_session_row(self) -> QHBoxLayout:
        """The session's progress bar (the voice and volume controls follow it)."""
        session_row = QHBoxLayout()
        self.session_bar = QProgressBar()
        self.session_bar.setRange(0, 1000)
        self.session_bar.setAccessibleName(self.tr("Progress of the session"))
        self.session_bar.setFont(scaled_font(self, 1.1))
        self.session_bar.setMinimumHeight(int(self.fontMetrics().height() * 1.3))
        session_row.addWidget(self.session_bar, 1)
        session_row.addSpacing(16)
        return session_row

    def _build_bottom(self) -> None:
        """The bottom row: the controls, or the stop question in their place."""
        self.bottom = QStackedWidget()
        self.bottom.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.controls = self._build_controls()
        self.stop_panel = StopPanel()
        self.bottom.addWidget(self.controls)
        self.bottom.addWidget(self.stop_panel)
        self._show_bottom(self.controls)

    def _build_controls(self) -> QWidget:
        controls = QWidget()
        row = QHBoxLayout(controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self._labels: dict[QPushButton, tuple[str, str]] = {}
        """Each button's label with its key, and a short one for a narrow window."""
        self._compact = False
        self.back_button = self._button(
            self.tr("◀ Back (Left)"), self.tr("Back"), self.tr("◀ Back")
        )
        self.pause_button = self._button(
            self.tr("Pause (Space)"), self.tr("Pause"), self.tr("Pause")
        )
        self.skip_button = self._button(
            self.tr("Skip ▶ (Right)"), self.tr("Skip"), self.tr("Skip ▶")
        )
        self.done_button = self._button(self.tr("Done (Enter)"), self.tr("Done"), self.tr("Done"))
        self.stop_button = self._button(self.tr("Stop (Esc)"), self.tr("Stop"), self.tr("Stop"))
        for b in (self.back_button, self.pause_button, self.skip_button, self.done_button):
            row.addWidget(b)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        return controls

    def _build_voice(self, voice_row: QHBoxLayout) -> None:
        """The voice switch and the volume, at the end of `voice_row`."""
        settings = self.ctx.settings
        self.voice = QCheckBox(self.tr("&Voice"))
        self.voice.setAccessibleName(self.tr("Voice"))
        self.voice.setChecked(settings.voice_enabled)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.volume * 100))
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.setToolTip(self.tr("Volume"))
        self.volume.setMaximumWidth(160)
        self.volume.setMinimumWidth(90)
        vol_label = PlainLabel(self.tr("Vol&ume"))
        vol_label.setBuddy(self.volume)
        voice_row.addWidget(self.voice)
        voice_row.addWidget(vol_label)
        voice_row.addWidget(self.volume)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.go_back)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.skip_button.clicked.connect(self.skip)
        self.done_button.clicked.connect(self.done)
        self.stop_button.clicked.connect(self.ask_stop)
        self.stop_panel.confirm.clicked.connect(self.confirm_stop)
        self.stop_panel.cancel.clicked.connect(self.cancel_stop)
        self.voice.toggled.connect(self._voice_changed)
        self.volume.valueChanged.connect(self._volume_changed)
        self.ctx.settings_changed.connect(self._settings_changed)

    def _bind_keys(self) -> None:
        """Space, Left, Right, Enter and Esc anywhere on the page; a reason's letter
        while the stop question is asked."""
        bind(self, Qt.Key.Key_Space, self.toggle_pause)
        bind(self, Qt.Key.Key_Right, self.skip)
        bind(self, Qt.Key.Key_Left, self.go_back)
        bind_enter(self, self._enter)
        bind(self, Qt.Key.Key_Escape, self._escape)
        for key, _, k in STOP_REASONS:
            bind(self, k, partial(self._choose_reason, key))

    def _build_details(self) -> None:
        """What to do (the routine's words), how, what to be careful of, the cautions and
        the demonstration button: readable from the mat, and the first to give up room
        (it scrolls) when space is short."""
        self.details = Details()
        self.cue_text = PlainLabel()
        self.cue_text.setFont(scaled_font(self, 1.6, bold=True))
        self.cue_text.setWordWrap(True)
        self.cue_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.column.addWidget(self.cue_text)
        self.how = PlainLabel()
        self.how.setFont(scaled_font(self, 1.3))
        self.how.setWordWrap(True)
        self.details.column.addWidget(self.how)
        self.careful = PlainLabel()
        self.careful.setFont(scaled_font(self, 1.3))
        self.careful.setWordWrap(True)
        self.details.column.addWidget(self.careful)
        self.cautions = PlainLabel()
        self.cautions.setFont(scaled_font(self, 1.3, bold=True))
        self.cautions.setWordWrap(True)
        self.details.column.addWidget(self.cautions)
        for label in (self.cue_text, self.how, self.careful, self.cautions):
            label.setTextFormat(Qt.TextFormat.PlainText)  # the routine file's words
        self.video_url = ""
        self._last_work_step: int | None = None
        self.video_button = QPushButton(self.tr("&Watch a demonstration"))
        self.video_button.setAccessibleName(self.tr("Watch a demonstration"))
        self.video_button.setToolTip(self.tr("Pauses, and opens the video in your web browser"))
        self.video_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.video_button.clicked.connect(self.watch_video)
        self.video_button.hide()
        self.details.column.addWidget(self.video_button, 0, Qt.AlignmentFlag.AlignLeft)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_focus_ring(self)

    def _button(self, text: str, accessible: str, short: str) -> QPushButton:
        b = QPushButton(text)
        b.setAccessibleName(accessible)
        b.setFont(scaled_font(self, 1.15, bold=True))
        b.setMinimumHeight(int(b.fontMetrics().height() * 2))
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._set_label(b, text, short)
        return b

    def _set_label(self, button: QPushButton, text: str, short: str) -> None:
        """Show `text` (with its key), or `short` while the row is too narrow for it."""
        self._labels[button] = (text, short)
        button.setText(short if self._compact else text)
        button.setToolTip(text)

    def _fit_buttons(self) -> None:
        shown = [b for b in self._labels if not b.isHidden()]
        if not shown:
            return
        fm = shown[0].fontMetrics()
        pad = fm.horizontalAdvance("M") * 2 + 12
        need = sum(fm.horizontalAdvance(self._labels[b][0]) + pad for b in shown)
        need += 10 * (len(shown) - 1)
        compact = need > self.bottom.width()
        if compact != self._compact:
            self._compact = compact
            for b, (text, short) in self._labels.items():
                b.setText(short if compact else text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_buttons()
        self._fit_height()

    def _fit_height(self) -> None:
        """A page shorter than 28 lines of its text (800x600 at 150 % text or more) gives
        up some size: a smaller title and one line of the details, so nothing overlaps."""
        short = self.height() < self.fontMetrics().height() * 28
        factor = 2.0 if short else 2.4
        if factor != self.title.factor:
            self.title.factor = factor
            self.title.setText(self.title.text())  # fits the font again
        lines = 1 if short else 2
        if lines != self.details.min_lines:
            self.details.min_lines = lines
            self.details.updateGeometry()
        # The side badge is as wide as half the window at 200 % text: smaller on a
        # short page, so the exercise name keeps its room.
        self.side.set_factor(1.8 if short else 2.6)
        self._short = short
        self._fit_stop_panel()

    def _fit_stop_panel(self) -> None:
        """On a short page the stop question takes the room of the details and the
        "Next" line (hidden while it is asked), so its buttons stay whole."""
        hide = self.confirming and self._short
        self.stop_panel.set_compact(self._short)
        texts = (self.cue_text, self.how, self.careful, self.cautions)
        self.details.setVisible(not hide and any(w.text() for w in texts))
        self.next.setVisible(not hide)

    def _show_bottom(self, page: QWidget) -> None:
        """Switch the bottom row; only the shown page claims room (a stack takes the tallest)."""
        for i in range(self.bottom.count()):
            w = self.bottom.widget(i)
            if w is None:
                continue
            policy = QSizePolicy.Policy.Preferred if w is page else QSizePolicy.Policy.Ignored
            w.setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.bottom.setCurrentWidget(page)
        self.bottom.updateGeometry()
        self._fit_stop_panel()

    # --- wiring --------------------------------------------------------------------
    def attach(self, adapter: EngineAdapter) -> None:
        self.adapter = adapter
        self.announcer = attach_countdown_announcer(self.countdown, adapter)  # screen readers
        adapter.segment_started.connect(self._segment_started)
        adapter.ticked.connect(self.refresh)
        adapter.paused.connect(self._paused)
        adapter.resumed.connect(self._resumed)
        adapter.cue_due.connect(self._cue)
        adapter.finished.connect(self._finished)
        speed = adapter.speed
        if speed != 1:
            n = f"{speed:g}"
            self.preview.setText(
                self.tr("Preview ×{0}: runs {0} times faster, kept out of statistics").format(n)
            )
            self.preview.show()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # --- commands ---------------------------------------------------------------------
    def toggle_pause(self) -> None:
        if self.adapter and not self.confirming:
            self.adapter.toggle_pause()

    def skip(self) -> None:
        if self.adapter and not self.confirming:
            self.adapter.skip()

    def go_back(self) -> None:
        if self.adapter and not self.confirming:
            self.adapter.back()

    def done(self) -> None:
        if self.adapter and not self.confirming and self._self_paced():
            self.adapter.done()

    def _self_paced(self) -> bool:
        return self.segment is not None and self.segment.duration is None

    def _enter(self) -> None:
        if self.confirming:
            self.confirm_stop()
        else:
            self.done()

    def _escape(self) -> None:
        if self.confirming:
            self.cancel_stop()
        else:
            self.ask_stop()

    def ask_stop(self) -> None:
        if self.adapter is None or self.adapter.state == "finished" or self.confirming:
            return
        self._resume_after_cancel = self.adapter.state == "running"
        self.confirming = True
        self.adapter.pause()
        self.state_label.setText(self.tr("Paused"))
        self.stop_panel.reset()
        self._show_bottom(self.stop_panel)
        self.setFocus()

    def cancel_stop(self) -> None:
        if not self.confirming:
            return
        self.confirming = False
        self._show_bottom(self.controls)
        if self.adapter and self._resume_after_cancel:
            self.adapter.resume()
        self.setFocus()

    def confirm_stop(self) -> None:
        if not self.confirming:
            return
        self.confirming = False
        self._show_bottom(self.controls)
        self.stop_confirmed.emit(self.stop_panel.reason())

    def _choose_reason(self, key: str) -> None:
        if self.confirming:
            self.stop_panel.reasons[key].setChecked(True)

    # --- settings ---------------------------------------------------------------------
    def _voice_changed(self, on: bool) -> None:
        if on != self.ctx.settings.voice_enabled:
            self.ctx.update_settings(self.ctx.settings.replace(voice_enabled=on))

    def _volume_changed(self, value: int) -> None:
        volume = value / 100
        if abs(volume - self.ctx.settings.volume) > 1e-6:
            self.ctx.update_settings(self.ctx.settings.replace(volume=volume))

    def _settings_changed(self, settings: object) -> None:
        s = self.ctx.settings
        self.voice.blockSignals(True)
        self.voice.setChecked(s.voice_enabled)
        self.voice.blockSignals(False)
        self.volume.blockSignals(True)
        self.volume.setValue(round(s.volume * 100))
        self.volume.blockSignals(False)
        self.images.set_reduced_motion(s.reduced_motion)

    # --- engine events -----------------------------------------------------------------
    def _segment_started(self, seg: Segment, nxt: Segment | None) -> None:
        self.segment = seg
        self.cue_text.clear()
        self.title.setText(title_text(seg))
        self.state_label.setText(now_text(seg))
        shown = seg.exercise or (nxt.exercise if nxt is not None else None)
        pictures = shown.images if shown else ()
        self.images.set_images(pictures)
        # No photo: give the room to the countdown rather than show an empty box.
        self.images.setVisible(bool(self.images.pixmaps))  # a corrupt picture counts as none
        self.images.set_animate(seg.is_work)
        self.side.set_side(self._side(seg, 0.0))
        self.counts.setText(counts_text(seg))
        self._show_details(seg, nxt, shown)
        if seg.is_work:
            self._last_work_step = seg.step_index
        self.next.setText(next_text(nxt))
        self.done_button.setVisible(seg.duration is None)
        self._fit_buttons()
        self.step_bar.setVisible(seg.duration is not None)
        self.title.setAccessibleDescription(segment_label(seg))
        self.refresh()

    def _show_details(self, seg: Segment, nxt: Segment | None, shown: Exercise | None) -> None:
        """How and careful for the exercise on screen; its cautions, and a button for its
        demonstration video, before the step (get-ready, or the pause leading into it)
        and as it starts, not on every hold after."""
        ahead = nxt.step_index if nxt is not None else None
        new_step = (
            seg.step_index != self._last_work_step
            if seg.is_work
            else ahead is not None and ahead != self._last_work_step and ahead != seg.step_index
        )
        self.how.setText(shown.how.strip() if shown else "")
        careful = shown.careful.strip() if shown else ""
        self.careful.setText(self.tr("Careful: {0}").format(careful) if careful else "")
        cautions = shown.cautions.strip() if shown and new_step else ""
        lines = [self.tr("Ask first / take care: {0}").format(cautions)] if cautions else []
        if shown and new_step and not seg.is_work and shown.equipment:
            lines.append(self.tr("You need: {0}.").format(", ".join(shown.equipment)))
        self.cautions.setText("\n".join(lines))
        self.video_url = shown.video if shown and new_step and not seg.is_work else ""
        self.video_button.setVisible(bool(self.video_url))
        for label in (self.how, self.careful, self.cautions):
            label.setVisible(bool(label.text()))
        self._details_changed()

    def watch_video(self) -> None:
        """Pause (the patient is going to watch), then open the demonstration in their
        browser: only ever on their click."""
        if not self.video_url:
            return
        if self.adapter is not None and self.adapter.state == "running":
            self.adapter.pause()
        video.open_video(self.video_url)

    def _side(self, seg: Segment, elapsed: float) -> str | None:
        """The side to show: the segment's, the side of the rep under way in a paced
        alternating set, "alternate" for a self-paced one, none between exercises."""
        if not (seg.is_work or seg.kind in ("switch", "relax")):
            return None
        if seg.alternate and seg.side is None:
            return seg.side_at(elapsed) or "alternate"
        return seg.side

    def _details_changed(self) -> None:
        self.cue_text.setVisible(bool(self.cue_text.text()))
        self._fit_stop_panel()
        self.details.updateGeometry()

    def _cue(self, cue: CueDue) -> None:
        text = cue.show or (cue.say if not cue.automatic else None)
        if text:
            self.cue_text.setText(text)
            self._details_changed()

    def _paused(self, reason: str) -> None:
        self._set_label(self.pause_button, self.tr("Resume (Space)"), self.tr("Resume"))
        self.pause_button.setAccessibleName(self.tr("Resume"))
        self.images.set_animate(False)
        if not self.confirming:
            self.state_label.setText(
                self.tr("Paused: the computer was asleep. Press Space to go on.")
                if reason == "clock-jump"
                else self.tr("Paused. Press Space to go on.")
            )

    def _resumed(self) -> None:
        self._set_label(self.pause_button, self.tr("Pause (Space)"), self.tr("Pause"))
        self.pause_button.setAccessibleName(self.tr("Pause"))
        if self.segment is not None:
            self.images.set_animate(self.segment.is_work)
            self._segment_started_state()

    def _segment_started_state(self) -> None:
        if self.segment is not None:
            self.state_label.setText(now_text(self.segment))

    def _finished(self, status: str) -> None:
        self.images.set_animate(False)

    def refresh(self) -> None:
        a = self.adapter
        if a is None or a.current is None:
            return
        seg = a.current
        remaining = a.remaining
        if seg.alternate and seg.side is None:
            side = self._side(seg, a.elapsed)
            if side != self.side.side:
                self.side.set_side(side)
        if seg.duration is None:
            self.countdown.setText(str(seg.reps or ""))
        else:
            self.countdown.show_seconds(remaining)
            # Whole seconds, in step with the digits: every move of a progress bar is an
            # accessibility event, and ten a second would flood a screen reader.
            done = math.floor(a.elapsed + 1e-6)
            value = 0 if not seg.duration else round(1000 * min(1.0, done / seg.duration))
            if value != self.step_bar.value():
                self.step_bar.setValue(value)
        total = a.plan.total_seconds
        progress = a.session_progress
        value = round(1000 * math.floor(progress * total + 1e-6) / total) if total else 0
        text = self.tr("{0} of {1}").format(format_clock(progress * total), format_clock(total))
        if value != self.session_bar.value():
            self.session_bar.setValue(value)
        if text != self.session_bar.format():
            self.session_bar.setFormat(text)
