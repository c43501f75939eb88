"""Table models for the history page, and the wording of its numbers.

`SessionsModel` is a plain QAbstractTableModel over a list of session
summaries (model/view, so 7,300 rows scroll as smoothly as 10). `RowsModel`
holds the small tables (adherence, effect, breaks, the chart's numbers).
The `describe_*` functions word statistics for the page and the PDF report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from backcoach.core.log import stats
from backcoach.core.log.stats import SessionLike
from backcoach.ui.widgets.plain import plain_tooltip

CTX = "History"
ModelIndex = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def status_text(status: str) -> str:
    return {
        "completed": tr("Completed"),
        "stopped": tr("Stopped"),
        "interrupted": tr("Interrupted"),
        "running": tr("Running"),
    }.get(status, status)


def stop_reason_text(reason: str | None) -> str:
    if not reason:
        return ""
    return {
        "pain": tr("Pain"),
        "tired": tr("Tired"),
        "interrupted": tr("Interrupted"),
        "other": tr("Other"),
    }.get(reason, reason)


def duration_text(seconds: float) -> str:
    secs = round(seconds)
    if secs < 60:
        return tr("{0} s").format(secs)
    minutes = round(secs / 60)
    if minutes < 60:
        return tr("{0} min").format(minutes)
    return tr("{0} h {1:02d} min").format(minutes // 60, minutes % 60)


def pain_text(before: int | None, after: int | None) -> str:
    b = "–" if before is None else str(before)
    a = "–" if after is None else str(after)
    if before is None and after is None:
        return ""
    return f"{b} → {a}"


def when_text(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def change_text(value: float | None) -> str:
    """A signed change: "−1.5" (better), "+0.5" (worse)."""
    if value is None:
        return "–"
    return f"{value:+.1f}".replace("-", "−")


def describe_trigger(t: stats.Trigger) -> str:
    """One sentence with the figures that made the calm note appear."""
    if isinstance(t, stats.WorseAfter):
        pairs = ", ".join(f"{b}→{a}" for _, b, a in t.sessions)
        return tr(
            "Pain after the session was higher than before in {0} of the last {1} sessions ({2})."
        ).format(t.worse, t.of, pairs)
    if isinstance(t, stats.PainTrend):
        return tr(
            "Average pain before sessions went from {0:.1f} to {1:.1f} over the last two weeks."
        ).format(t.earlier_mean, t.recent_mean)
    return tr("{0} sessions were stopped because of pain in the last {1} days.").format(
        t.count, t.days
    )


def calm_note_text(triggers: Sequence[stats.Trigger], *, reviewing: bool = False) -> str:
    """The calm note: the figures, then a suggestion addressed to whoever is reading.

    A therapist reviewing someone's export is not the patient, so the suggestion
    then speaks about the patient instead of to them.
    """
    if not triggers:
        return ""
    lines = [describe_trigger(t) for t in triggers]
    if reviewing:
        lines.append(tr("Not an emergency, but worth discussing with the patient."))
    else:
        lines.append(
            tr(
                "This is not an emergency, but it is worth telling your care team "
                "(your doctor or physical therapist), with these numbers."
            )
        )
    return "\n".join(lines)


def target_text(target: str) -> str:
    if not target:
        return tr("no target")
    count, _, per = target.partition("/")
    return tr("{0} a day").format(count) if per == "day" else tr("{0} a week").format(count)


def done_of_text(done: int, target: int | None) -> str:
    if target is None:
        return str(done)
    return tr("{0} of {1}").format(done, target)


class SessionsModel(QAbstractTableModel):
    """The sessions list, newest first. Previews are shown in italics, marked "preview"."""

    COLUMN_COUNT = 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_sessions(self, sessions: Sequence[SessionLike]) -> None:
        self.beginResetModel()
        self._rows = sorted(sessions, key=lambda s: s.started_at, reverse=True)
        self.endResetModel()

    def session(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headers(self) -> list[str]:
        return [
            self.tr("Date and time"),
            self.tr("Routine"),
            self.tr("Status"),
            self.tr("Time spent"),
            self.tr("Pain before → after"),
            self.tr("Flare"),
            self.tr("Why it stopped"),
            self.tr("Notes"),
        ]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(s, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 2, 7):
            if s.is_preview:
                return self.tr("Preview at {0}× speed: left out of every statistic").format(
                    f"{s.speed:g}"
                )
            return plain_tooltip(s.notes) or None  # the person's note, as typed
        if role == Qt.ItemDataRole.FontRole and s.is_preview:
            return self._italic
        if role == Qt.ItemDataRole.UserRole:
            return s
        return None

    def _text(self, s: Any, col: int) -> str:
        if col == 0:
            return when_text(s.started_at)
        if col == 1:
            title = str(s.routine_title or s.routine_id)
            stage = getattr(s, "stage", None)
            if stage is None:
                return title
            return self.tr("{0} — stage {1}: {2}").format(title, stage.index, stage.name)
        if col == 2:
            text = status_text(s.status)
            if s.is_preview:
                text = self.tr("Preview ({0}×), {1}").format(f"{s.speed:g}", text.lower())
            return text
        if col == 3:
            secs = float(s.done_seconds)
            if secs <= 0 and s.ended_at is not None:
                secs = (s.ended_at - s.started_at).total_seconds()
            return duration_text(secs)
        if col == 4:
            return pain_text(s.pain_before, s.pain_after)
        if col == 5:
            return self.tr("Flare") if s.flare else ""
        if col == 6:
            return stop_reason_text(s.stop_reason) if s.status != "completed" else ""
        return " ".join(str(s.notes).split())


class RowsModel(QAbstractTableModel):
    """A read-only table of ready-made text rows (small tables, the chart's numbers)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def pain_rows(points: Sequence[stats.PainPoint], titles: dict[str, str]) -> list[tuple[str, ...]]:
    """The chart's numbers as table rows (what a screen reader gets instead of the chart)."""

    def n(v: int | None) -> str:
        return "–" if v is None else str(v)

    def f(v: float | None) -> str:
        return "–" if v is None else f"{v:.1f}"

    return [
        (
            when_text(p.at),
            titles.get(p.routine_id, p.routine_id),
            n(p.before),
            n(p.after),
            f(p.avg_before),
            f(p.avg_after),
        )
        for p in points
    ]


def pain_headers() -> list[str]:
    return [
        tr("Date and time"),
        tr("Routine"),
        tr("Pain before"),
        tr("Pain after"),
        tr("7-day average before"),
        tr("7-day average after"),
    ]
