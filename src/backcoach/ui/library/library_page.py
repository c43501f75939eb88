"""The library page: every routine found, searchable by text and tag; broken files listed with their errors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.problems import Problem, render
from backcoach.core.routine import POSTURE_BREAK_KIND
from backcoach.ui.widgets.page import PAGE_MARGINS
from backcoach.ui.widgets.plain import PlainLabel

if TYPE_CHECKING:
    from backcoach.core.library import LibraryEntry

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
CARD_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Card:
    """What one list row shows: a bold title, a line of facts, then body lines."""

    title: str
    facts: str
    body: tuple[str, ...]
    broken: bool = False
    search_text: str = ""
    tags: tuple[str, ...] = ()


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("LibraryPage", text)


def short_problem(problem: object) -> str:
    """FILE:LINE:COL: message with just the file's name (the page shows where it is),
    and the fix after it where there is one."""
    if isinstance(problem, Problem):
        return render(replace(problem, file=_name(problem.file)), "line")[0]
    return str(problem)


def _name(file: str) -> str:
    return file.replace("\\", "/").rsplit("/", 1)[-1]


def problem_block(problem: Problem) -> str:
    """A problem as `backcoach check` shows it (its line, a caret, the fix), file by name."""
    return "\n".join(render(replace(problem, file=_name(problem.file))))


def card_for(entry: LibraryEntry) -> Card | None:
    """The row for an entry; None for a clean exercise library (not a routine)."""
    from backcoach.core.limits import PlanTooLong
    from backcoach.core.plan import Plan, build_plan
    from backcoach.ui.library.plan_text import total_text

    problems = tuple(short_problem(p) for p in entry.problems)
    routine = entry.routine
    plan: Plan | None = None
    if routine is not None and not problems:
        try:
            plan = build_plan(routine)
        except PlanTooLong as exc:
            problems = (tr("This routine can't be run: {0}").format(str(exc)),)
    if routine is not None and plan is not None:
        facts: list[str] = [
            tr(routine.level.capitalize()) if routine.level else "",
            total_text(plan),
        ]
        if routine.kind == POSTURE_BREAK_KIND:
            facts.insert(0, tr("Posture break"))
        if routine.tags:
            facts.append(", ".join(routine.tags))
        body: tuple[str, ...] = (routine.summary,) if routine.summary else ()
        text = " ".join([routine.title, routine.summary, routine.id, *routine.tags]).lower()
        return Card(
            routine.title,
            "  ·  ".join(f for f in facts if f),
            body,
            search_text=text,
            tags=routine.tags,
        )
    if not problems:
        return None  # an exercise library with no errors: not listed
    name = entry.path.name
    if routine is not None:
        title = tr("{0} (has errors)").format(routine.title)
    elif entry.library is not None:
        title = tr("Exercise library {0} (has errors)").format(name)
    else:
        title = tr("{0} (can't be used)").format(name)
    shown = problems[:6]
    more = len(problems) - len(shown)
    body = shown + ((tr("…and {0} more").format(more),) if more > 0 else ())
    note = tr("This file has {0} error(s). Fix them and save: this list follows the file.").format(
        len(problems)
    )
    return Card(
        title,
        note + " " + tr("Folder: {0}").format(entry.path.parent),
        body,
        broken=True,
        search_text=(name + " " + title).lower(),
    )


class CardDelegate(QStyledItemDelegate):
    """Paints a card: title in a larger bold font, facts, then wrapped body lines."""

    PAD = 12

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.3)
        title.setBold(True)
        return title, base

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card: Card | None = index.data(CARD_ROLE)
        if card is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal: QPalette = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_font, base = self._fonts(opt)
        rect: QRect = opt.rect.adjusted(self.PAD, self.PAD // 2, -self.PAD, 0)
        painter.save()
        painter.setPen(pal.color(text_role))
        painter.setFont(title_font)
        tm = QFontMetrics(title_font)
        prefix = "⚠ " if card.broken else ""
        painter.drawText(
            QRect(rect.left(), rect.top(), rect.width(), tm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            tm.elidedText(prefix + card.title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        y = rect.top() + tm.height() + 2
        painter.setFont(base)
        bm = QFontMetrics(base)
        for i, line in enumerate((card.facts, *card.body)):
            if not line:
                continue
            f = QFont(base)
            f.setItalic(i == 0 and not card.broken)
            painter.setFont(f)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
            bound = bm.boundingRect(QRect(rect.left(), y, rect.width(), 10_000), flags, line)
            painter.drawText(QRect(rect.left(), y, rect.width(), bound.height()), flags, line)
            y += bound.height() + 2
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        card: Card | None = index.data(CARD_ROLE)
        if card is None:
            return super().sizeHint(option, index)
        title_font, base = self._fonts(option)
        widget = option.widget
        viewport = getattr(widget, "viewport", None)
        width = (viewport().width() if viewport else 600) - 2 * self.PAD
        h = QFontMetrics(title_font).height() + 2 + self.PAD
        bm = QFontMetrics(base)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        for line in (card.facts, *card.body):
            if line:
                h += bm.boundingRect(QRect(0, 0, max(width, 100), 10_000), flags, line).height()
                h += 2
        return QSize(width, h + self.PAD // 2)


class LibraryPage(QWidget):
    """Lists entries; `routine_chosen(entry)` on Enter / double-click."""

    routine_chosen = Signal(object)  # LibraryEntry
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[LibraryEntry] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.setSpacing(12)

        heading = PlainLabel(self.tr("Your routines"))
        hf = QFont(heading.font())
        hf.setPointSizeF(hf.pointSizeF() * 1.8)
        hf.setBold(True)
        heading.setFont(hf)
        layout.addWidget(heading)

        layout.addLayout(self._build_search_bar())

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Routines"))
        self.list.setItemDelegate(CardDelegate(self.list))
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(3)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.list, 1)

        self.hint = PlainLabel(
            self.tr("Enter: open the routine  ·  Type to search  ·  F5: reload the folders")
        )
        self.hint.setWordWrap(True)  # whole at 200 % text in a small window
        layout.addWidget(self.hint)

        self.empty = PlainLabel()
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout.addWidget(self.empty)

        self._connect()

    def _build_search_bar(self) -> QHBoxLayout:
        """The search field and the tag filter, each with its labelled shortcut."""
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search routines…"))
        self.search.setAccessibleName(self.tr("Search routines"))
        self.search.setAccessibleDescription(self.tr("Filter the list by title, summary or tag"))
        self.tag = QComboBox()
        self.tag.setAccessibleName(self.tr("Filter by tag"))
        self.tag.setMinimumContentsLength(12)
        tag_label = PlainLabel(self.tr("&Tag:"))
        tag_label.setBuddy(self.tag)
        search_label = PlainLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(tag_label)
        bar.addWidget(self.tag)
        return bar

    def _connect(self) -> None:
        """Filtering as the search or tag changes; Enter opens; Down/Up go from the search
        to the list; F5 reloads the folders."""
        self.search.textChanged.connect(self._show_clear_button)
        self.search.textChanged.connect(self.apply_filter)
        self.tag.currentIndexChanged.connect(self.apply_filter)
        self.list.itemActivated.connect(self._activated)
        self.search.returnPressed.connect(self._open_current)
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            sc = QShortcut(QKeySequence(key), self.search)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.list.setFocus)
        reload = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        reload.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reload.activated.connect(self.reload_requested)

    # --- data --------------------------------------------------------------------
    def set_entries(self, entries: list[LibraryEntry]) -> None:
        current = self.current_entry()
        current_path = current.path if current else None
        from backcoach.core.library import in_language_order  # loaded by then anyway

        # Routines in the user's language first (routine-format.md, "Language").
        self.entries = in_language_order(entries, QLocale.system().bcp47Name())
        self.list.clear()
        tags: set[str] = set()
        for entry in self.entries:
            card = card_for(entry)
            if card is None:
                continue
            tags.update(card.tags)
            item = QListWidgetItem(card.title)
            item.setData(ENTRY_ROLE, entry)
            item.setData(CARD_ROLE, card)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                ". ".join([card.title, card.facts, *card.body]),
            )
            self.list.addItem(item)
            if entry.path == current_path:
                self.list.setCurrentItem(item)
        chosen = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("All tags"), None)
        for t in sorted(tags):
            self.tag.addItem(t, t)
        i = self.tag.findData(chosen)
        self.tag.setCurrentIndex(max(0, i))
        self.tag.blockSignals(False)
        self.apply_filter()
        if self.list.currentRow() < 0:
            self._select_first_visible()

    def visible_titles(self) -> list[str]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if not item.isHidden():
                out.append(item.data(CARD_ROLE).title)
        return out

    def current_entry(self) -> LibraryEntry | None:
        item = self.list.currentItem()
        return item.data(ENTRY_ROLE) if item is not None and not item.isHidden() else None

    def apply_filter(self) -> None:
        words = self.search.text().lower().split()
        tag = self.tag.currentData()
        shown = 0
        for i in range(self.list.count()):
            item = self.list.item(i)
            card: Card = item.data(CARD_ROLE)
            ok = all(w in card.search_text for w in words) and (tag is None or tag in card.tags)
            item.setHidden(not ok)
            shown += ok
        if shown == 0:
            self.empty.setText(
                self.tr("No routine matches. Clear the search to see them all.")
                if self.list.count()
                else self.tr(
                    "No routines found. Add a routine file to one of your routine folders."
                )
            )
        self.empty.setVisible(shown == 0)
        item = self.list.currentItem()
        if item is None or item.isHidden():
            self._select_first_visible()

    def _show_clear_button(self, text: str) -> None:
        # Added with the first text (it only shows then): its icon is not loaded at start-up.
        if text and not self.search.isClearButtonEnabled():
            self.search.setClearButtonEnabled(True)

    def _select_first_visible(self) -> None:
        for i in range(self.list.count()):
            if not self.list.item(i).isHidden():
                self.list.setCurrentRow(i)
                return

    def _activated(self, item: QListWidgetItem) -> None:
        self.routine_chosen.emit(item.data(ENTRY_ROLE))

    def _open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.routine_chosen.emit(entry)

    def focus_list(self) -> None:
        self.list.setFocus()
