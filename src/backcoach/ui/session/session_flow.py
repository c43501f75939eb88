"""One routine, start to end: check-in before -> player -> check-in after -> summary.

A plain QWidget so both the main window and the posture-break window can host it.
It records the session through core/log/session_recorder.py (created when the
player starts, checkpointed at every segment end, finished after the check-in,
or at once if the window closes first), writing through the app's
HistoryWriter (ui/history_writer.py: a thread of its own, so the player never
waits for the disk or for another program's lock), and puts in words, once,
why the session can't be saved; the session runs on either way. The summary
says "Saving…" until the log has the session, and "Saved" as soon as it does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from backcoach.core.clocks import WallAnchor, awake_clock
from backcoach.core.history import now_local
from backcoach.core.log.session_recorder import SaveProblem, SessionRecorder, exercises_run
from backcoach.core.plan import Plan, build_plan
from backcoach.core.progression import StageOffer, offer, position, read_record, stage_ref
from backcoach.core.routine import POSTURE_BREAK_KIND, Routine
from backcoach.core.session import Clock, SegmentEnded, StepResult
from backcoach.ui.context import AppContext
from backcoach.ui.session.checkin import AfterResult, BeforeResult, CheckInAfter, CheckInBefore
from backcoach.ui.session.engine_adapter import EngineAdapter
from backcoach.ui.session.player_page import PlayerPage
from backcoach.ui.session.summary_page import SummaryPage
from backcoach.ui.translations import parts_text

CueFactory = Callable[[AppContext, QObject], Any]


def default_cue_player(ctx: AppContext, parent: QObject) -> Any:
    """The real cue player (sound + speech), or None if this build has none."""
    try:
        from backcoach.ui.session.cues import CuePlayer
    except ImportError:
        return None
    return CuePlayer(ctx.settings, ctx.paths.assets / "sounds", parent=parent)


class SessionFlow(QStackedWidget):
    finished = Signal()  # the person is done with this flow (summary closed, or cancelled)
    message = Signal(str)  # something to tell the person calmly (e.g. can't save)
    session_started = Signal(int)  # history id (0 when not saved)

    def __init__(
        self,
        ctx: AppContext,
        routine: Routine,
        *,
        clock: Clock = awake_clock,
        autopilot: bool = False,
        cue_factory: CueFactory | None = default_cue_player,
        kind: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.routine = routine
        self.clock = clock
        self.autopilot = autopilot
        self.kind = kind or routine.kind
        self.quick = self.kind == POSTURE_BREAK_KIND and not routine.before_you_start
        """A posture break with no safety questions skips both pain check-ins: it is
        two minutes away from the desk several times a day, and asking for ratings
        each time would turn the break into a chore (and nag people into skipping)."""
        self.anchor: WallAnchor | None = None
        """The start's wall time and monotonic reading: later wall times follow the
        monotonic clock, so a wall-clock jump mid-session changes no duration."""
        self._told_problem = False
        self._summary_shown = False
        self._offered = False
        self.recorder = self._make_recorder(ctx)
        recorder = self.recorder  # not `self`: the page may be deleted before a write returns
        self.destroyed.connect(lambda *_: _stop_listening(recorder))
        self.adapter: EngineAdapter | None = None
        self.before: BeforeResult | None = None
        self.plan: Plan | None = None
        self.status: str | None = None
        self.stop_reason: str | None = None
        self.ended_at: datetime | None = None
        self.results: list[StepResult] = []
        self.fresh_routine: Callable[[Routine], Routine | None] | None = None
        """Asked at Start for the routine as its file is now (None: the file has errors
        now, and nothing starts); the main window sets it, tests may too."""
        self._closing = False
        record = read_record(ctx.history, routine)
        where = position(routine, record.choice, record.sessions)
        self.stage = where.current if where is not None else 1
        """The stage this session runs at (1-based; 1 for a routine without stages)."""
        self.offer: StageOffer | None = None

        self.checkin = CheckInBefore(routine, self.stage)
        self.player = PlayerPage(ctx)
        self.after = CheckInAfter()
        self.summary = SummaryPage()
        for page in (self.checkin, self.player, self.after, self.summary):
            self.addWidget(page)
        self.checkin.cancelled.connect(self.finished.emit)
        self.checkin.start_requested.connect(self._start)
        self.player.stop_confirmed.connect(self._stop_confirmed)
        self.after.saved.connect(self._after_saved)
        self.summary.done.connect(self.finished.emit)
        self.summary.stage_chosen.connect(self._stage_chosen)

        self.cues = cue_factory(ctx, self) if cue_factory is not None else None
        if self.cues is not None:
            if hasattr(self.cues, "problem"):
                self.cues.problem.connect(self._cue_problem)
            if hasattr(self.cues, "set_settings"):
                ctx.settings_changed.connect(self.cues.set_settings)

    # --- public ------------------------------------------------------------------
    @property
    def session_id(self) -> int | None:
        """The history id of this session, once its row is written."""
        return self.recorder.session_id

    def begin(self) -> None:
        if self.quick and self.routine.flare is None:
            self._start(BeforeResult(None), build_plan(self.routine, stage=self.stage))
            return
        self.setCurrentWidget(self.checkin)
        if self.quick:
            # No pain ratings for a break, but the flare-day choice all the same.
            self.checkin.begin_ready()
        else:
            self.checkin.begin()
        if self.autopilot:
            QTimer.singleShot(0, self.checkin.autopilot)

    def started(self) -> bool:
        """True once the player has started (the session is on record from then on)."""
        return self.adapter is not None

    def set_routine(self, routine: Routine) -> None:
        """Before the session starts, go on with `routine` (its file changed); never after."""
        if self.started():
            return
        self.routine = routine
        self.checkin.set_routine(routine)

    def in_session(self) -> bool:
        """True while the player runs (running or paused)."""
        return self.adapter is not None and self.adapter.state in ("running", "paused")

    def stop_session(self, reason: str | None = None) -> None:
        """Stop now and record it at once as `stopped` (the window is closing)."""
        self._closing = True
        if self.adapter is not None and self.in_session():
            self.stop_reason = reason
            self.adapter.stop()
        self._record_finish(None, (), "")

    def shutdown(self) -> None:
        """Stop timers and sound; record an unfinished session as stopped. The app's
        writer keeps the record until the log has it; this page hears no more of it."""
        if self.in_session():
            self.stop_session("interrupted")
        elif self.recorder.in_progress:
            self._record_finish(None, (), "")
        if self.adapter is not None:
            self.adapter.stop()
        if self.cues is not None and hasattr(self.cues, "stop"):
            self.cues.stop()
        _stop_listening(self.recorder)

    def _make_recorder(self, ctx: AppContext) -> SessionRecorder:
        """The session's recorder, writing through the app's writer (if there is a log);
        `history_changed` is heard when the finish is written, even after this page."""
        writer = ctx.session_writer()
        if writer is None:  # no history: said once, and the session runs on
            return SessionRecorder(None, report=self._cannot_save, now=self._wall_now)
        return writer.recorder(
            report=self._cannot_save,
            now=self._wall_now,
            on_started=self.session_started.emit,
            on_written=self._write_came_back,
            on_saved=ctx.history_changed.emit,
        )

    # --- check-in -> player ---------------------------------------------------------
    def _start(self, before: BeforeResult, plan: Plan) -> None:
        if self.fresh_routine is not None:
            fresh = self.fresh_routine(self.routine)
            if fresh is None:  # the file has errors now: the window shows them
                self.finished.emit()
                return
            if fresh != self.routine:
                self.set_routine(fresh)
                plan = build_plan(fresh, flare=before.flare and fresh.flare is not None)
        self.before = before
        self.plan = plan
        adapter = EngineAdapter(plan, clock=self.clock, speed=self.ctx.speed, parent=self)
        self.adapter = adapter
        self.player.attach(adapter)
        adapter.segment_ended.connect(self._segment_ended)
        adapter.finished.connect(self._finished)
        if self.cues is not None:
            adapter.cue_due.connect(self.cues.play)
        self.recorder.start(
            self.routine,
            plan,
            kind=self.kind,
            speed=self.ctx.speed,
            pain_before=before.pain_before,
            answers=before.answers,
        )
        self.setCurrentWidget(self.player)
        self.player.setFocus()
        adapter.start()

    def _wall_now(self) -> datetime:
        """Now on the wall clock: the first call reads it, later ones add the monotonic
        time elapsed since."""
        mono = self.clock()
        if self.anchor is None:
            self.anchor = WallAnchor(now_local(), mono)
        return self.anchor.at(mono)

    def _cannot_save(self, problem: SaveProblem) -> None:
        """Say, on the player and (if the store failed during this run) in the window,
        why this session can't be saved. The recorder reports this once."""
        text = self.tr("This session can't be saved: {0}").format(self._why(problem))
        self.player.show_problem(text)
        self._told_problem = not problem.no_store
        if not problem.no_store:
            # A store missing from the start was already reported by the window,
            # once, when the app opened.
            self.message.emit(text)

    def _why(self, problem: SaveProblem) -> str:
        if problem.no_store:
            return self.ctx.history_problem or self.tr("no history store")
        if problem.parts:
            return parts_text("history", problem.parts)
        return problem.detail

    def _write_came_back(self) -> None:
        """A write came back: say that saving works again after a problem was shown, and
        keep the summary's note true ("Saving…", "Not saved yet: why", "Saved")."""
        if self._told_problem and self.recorder.waiting is None:
            self._told_problem = False
            self.player.show_problem("")
            self.message.emit(
                self.tr("The history can be written again: this session is being saved.")
            )
        if self._summary_shown:
            self.summary.set_saved_note(self._saved_note())
            if self.recorder.saved and self.offer is None and not self._offered:
                self._show_offer()  # the stage rule counts this session once it is saved

    def _saved_note(self) -> str:
        recorder = self.recorder
        if recorder.saved:
            return self.tr("Saved in your history.")
        if not recorder.pending:
            return self.tr("Not saved: the history is not available.")
        if recorder.waiting is None:
            return self.tr("Saving in your history…")
        return self.tr(
            "Not saved yet: {0} The session is kept and saved as soon as the history can "
            "be written; leave backcoach open until this says Saved."
        ).format(self._why(recorder.waiting))

    def _cue_problem(self, text: str) -> None:
        self.message.emit(text)

    # --- engine events ---------------------------------------------------------------
    def _segment_ended(self, ev: SegmentEnded) -> None:
        if self.adapter is not None:
            self.recorder.checkpoint(self.adapter.step_results())

    def _stop_confirmed(self, reason: str | None) -> None:
        self.stop_reason = reason
        if self.adapter is not None:
            self.adapter.stop()

    def _finished(self, status: str) -> None:
        assert self.adapter is not None and self.plan is not None
        self.status = status
        self.ended_at = self._wall_now()
        self.results = self.adapter.step_results()
        if self.cues is not None and hasattr(self.cues, "stop") and status == "stopped":
            self.cues.stop()
        if self._closing or self.recorder.finished:
            return  # closing the window: already recorded, no check-in
        if self.quick:
            self._after_saved(AfterResult(None))
            return
        ran = exercises_run(self.plan, self.results)
        self.after.set_steps(ran, stopped=status == "stopped")
        self.setCurrentWidget(self.after)
        self.after.scale.setFocus()
        if self.autopilot:
            QTimer.singleShot(0, lambda: self._after_saved(AfterResult(0)))

    # --- after ---------------------------------------------------------------------------
    def _after_saved(self, after: AfterResult) -> None:
        saved = self._record_finish(after.pain_after, after.hurt, after.notes)
        self._summary_shown = True
        self.summary.show_summary(
            status=self.status or "stopped",
            results=self.results,
            pain_before=self.before.pain_before if self.before else None,
            pain_after=after.pain_after,
            saved_note=self._saved_note(),
            speed=self.ctx.speed,
        )
        self.offer = None
        self._offered = False
        if saved:
            self._show_offer()
        else:
            self.summary.show_offer(self.routine, self.stage, None)
        self.setCurrentWidget(self.summary)
        self.summary.setFocus()

    def _show_offer(self) -> None:
        """Offer the next stage (or the one before) on the summary, once per session."""
        self._offered = True
        self.offer = self._stage_offer()
        self.summary.show_offer(self.routine, self.stage, self.offer)

    # --- stages ---------------------------------------------------------------------------
    def _stage_offer(self) -> StageOffer | None:
        """Whether to offer the next stage (or the one before) now, by the contract's rule."""
        if self.ctx.speed != 1 or not self.routine.stages:
            return None  # a preview never moves anyone
        record = read_record(self.ctx.history, self.routine)
        return offer(self.routine, record.choice, record.sessions, now_local())

    def _stage_chosen(self, target: int) -> None:
        """The patient said yes to the offer: remember the stage (from now on)."""
        store = self.ctx.history
        if store is None:
            return
        try:
            store.choose_stage(self.routine.id, stage_ref(self.routine, target), now_local())
        except Exception as exc:  # HistoryUnavailable: say so, calmly
            self.message.emit(self.tr("The new stage could not be saved: {0}").format(exc))
            return
        self.ctx.history_changed.emit()

    def _record_finish(self, pain_after: int | None, hurt: tuple[int, ...], notes: str) -> bool:
        """Finish the record (the first call writes); True if it is in the history
        already (the writer thread says so later: `history_changed`, the summary's note)."""
        if self.recorder.finished:
            return self.recorder.saved
        return self.recorder.finish(
            status=self.status,
            results=self.adapter.step_results() if self.adapter is not None else self.results,
            ended_at=self.ended_at,
            pain_after=pain_after,
            hurt=hurt,
            notes=notes,
            stop_reason=self.stop_reason,
        )


def _stop_listening(recorder: SessionRecorder) -> None:
    """The page is gone (or going): its recorder's writes go on, unheard by it."""
    recorder.report = _ignore
    recorder.on_started = None
    recorder.on_written = None


def _ignore(problem: SaveProblem) -> None:
    """A problem heard after the page has gone (the window says so when it closes)."""
