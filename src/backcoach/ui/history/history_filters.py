"""The history page's filter bar: routine, period (From / To) and the Export… menu.

The bar owns the period arithmetic: a preset ("Last 3 months") sets the dates
back from `today`, editing a date switches to "Custom". It emits `changed`
after any change a person makes, and `export_requested(format)` from the menu.
Its strings keep the "HistoryPage" translation context they had when the page
built them.

The row has two halves, routine+period and dates+export; they stack when side
by side they would squeeze their fields (large text, small window).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QWidget,
)

from backcoach.ui.widgets.plain import PlainLabel

DEFAULT_PERIOD = 1
"""Index of "Last 3 months" in the period box."""
CUSTOM = 0
ALL_TIME = -1


class FilterBar(QWidget):
    """Routine and period filters for the history, and the Export… button."""

    changed = Signal()
    export_requested = Signal(str)  # json, csv, pdf or fhir

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = date.today()
        self._first = self._today
        self.routine_combo = self._routine_box()
        self.period_combo = self._period_box()
        self.from_edit = self._date_edit(QCoreApplication.translate("HistoryPage", "From date"))
        self.to_edit = self._date_edit(QCoreApplication.translate("HistoryPage", "To date"))
        self.export_actions: dict[str, QAction] = {}
        self.export_button = self._export_button()
        self.halves = (QHBoxLayout(), QHBoxLayout())
        self._fill_halves()
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        for half in self.halves:
            half.setContentsMargins(0, 0, 0, 0)
            self.row.addLayout(half)
        self.row.setStretch(1, 1)  # side by side, the dates half takes the slack
        self.routine_combo.currentIndexChanged.connect(self.changed)
        self.period_combo.currentIndexChanged.connect(self._period_chosen)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)

    # --- building ----------------------------------------------------------------------
    def _routine_box(self) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(QCoreApplication.translate("HistoryPage", "Routine filter"))
        box.setMinimumContentsLength(18)
        return box

    def _period_box(self) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(QCoreApplication.translate("HistoryPage", "Period"))
        box.addItem(QCoreApplication.translate("HistoryPage", "Last 4 weeks"), 28)
        box.addItem(QCoreApplication.translate("HistoryPage", "Last 3 months"), 91)
        box.addItem(QCoreApplication.translate("HistoryPage", "Last 12 months"), 365)
        box.addItem(QCoreApplication.translate("HistoryPage", "All time"), ALL_TIME)
        box.addItem(QCoreApplication.translate("HistoryPage", "Custom"), CUSTOM)
        box.setCurrentIndex(DEFAULT_PERIOD)
        return box

    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    def _export_button(self) -> QToolButton:
        button = QToolButton()
        button.setText(QCoreApplication.translate("HistoryPage", "&Export…"))
        button.setAccessibleName(
            QCoreApplication.translate("HistoryPage", "Export the period shown")
        )
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        menu = QMenu(button)
        for fmt, label in (
            ("pdf", QCoreApplication.translate("HistoryPage", "&PDF report for the care team…")),
            ("csv", QCoreApplication.translate("HistoryPage", "&CSV spreadsheet…")),
            (
                "json",
                QCoreApplication.translate(
                    "HistoryPage", "&JSON (complete, for backup or review)…"
                ),
            ),
            ("fhir", QCoreApplication.translate("HistoryPage", "&FHIR pain scores…")),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, f=fmt: self.export_requested.emit(f))
            self.export_actions[fmt] = action
        button.setMenu(menu)
        return button

    def _fill_halves(self) -> None:
        first, second = self.halves
        self._add_labelled(
            first, QCoreApplication.translate("HistoryPage", "&Routine:"), self.routine_combo
        )
        self._add_labelled(
            first, QCoreApplication.translate("HistoryPage", "&Period:"), self.period_combo
        )
        first.addStretch(1)
        self._add_labelled(
            second, QCoreApplication.translate("HistoryPage", "&From"), self.from_edit
        )
        self._add_labelled(second, QCoreApplication.translate("HistoryPage", "&to"), self.to_edit)
        second.addStretch(1)
        second.addWidget(self.export_button)

    @staticmethod
    def _add_labelled(row: QHBoxLayout, text: str, field: QWidget) -> None:
        label = PlainLabel(text)
        label.setBuddy(field)
        row.addWidget(label)
        row.addWidget(field)

    # --- reflow --------------------------------------------------------------------------
    def _reflow(self) -> None:
        """Stack the halves when side by side they'd squeeze their fields."""
        first, second = self.halves
        need = first.sizeHint().width() + self.row.spacing() + second.sizeHint().width()
        direction = (
            QBoxLayout.Direction.TopToBottom
            if need > self.width()
            else QBoxLayout.Direction.LeftToRight
        )
        if self.row.direction() != direction:
            self.row.setDirection(direction)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reflow()
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # fonts or texts changed
            self._reflow()
        return super().event(event)

    # --- the filters -----------------------------------------------------------------------
    def set_routines(self, titles: Mapping[str, str]) -> None:
        """Offer these routines (id -> title) by title, keeping the one chosen if still there."""
        box = self.routine_combo
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(QCoreApplication.translate("HistoryPage", "All routines"), None)
        for rid, title in sorted(titles.items(), key=lambda kv: kv[1].lower()):
            box.addItem(title, rid)
        found = box.findData(current) if current else 0
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    def set_days(self, today: date, first: date) -> None:
        """Where presets count back from, and where "All time" starts; applies the preset."""
        self._today, self._first = today, first
        self.apply_preset()

    def apply_preset(self) -> None:
        """Set the dates from the period box (a custom period stays as it is)."""
        days = self.period_combo.currentData()
        if days == CUSTOM:
            return
        end = self._today
        start = self._first if days == ALL_TIME else end - timedelta(days=int(days) - 1)
        self._set_dates(start, end)

    def _set_dates(self, start: date, end: date) -> None:
        """From / To, without telling anyone (the caller does)."""
        for edit, value in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def routine(self) -> str | None:
        data = self.routine_combo.currentData()
        return str(data) if data else None

    def period(self) -> tuple[date, date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def set_routine(self, routine_id: str | None) -> None:
        self.routine_combo.setCurrentIndex(max(self.routine_combo.findData(routine_id), 0))

    def set_period(self, start: date, end: date) -> None:
        """Show a custom period (From / To)."""
        self._set_dates(start, end)
        self._dates_edited()

    def _period_chosen(self) -> None:
        self.apply_preset()
        self.changed.emit()

    def _dates_edited(self) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData(CUSTOM))
        self.period_combo.blockSignals(False)
        self.changed.emit()
