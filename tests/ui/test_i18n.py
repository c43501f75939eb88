"""The Spanish translation: complete, compiled, and used by the running app."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core import announce, history, settings
from backcoach.core.fakeclock import FakeClock
from backcoach.core.imports import import_check, routine_import
from backcoach.core.plan import Segment
from backcoach.core.routine import Exercise
from backcoach.core.session import CueDue
from backcoach.i18n import compile_ts, translations_dir, ts_files
from backcoach.ui import translatable
from backcoach.ui.library.plan_text import segment_label
from backcoach.ui.translations import (
    cue_text,
    install_translators,
    parts_text,
    remove_translators,
)
from tests.ui.kit import current_entry_name, make_ctx, open_window, press, run_until, write_routines

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def messages(ts: Path) -> list[tuple[str, str, str | None, str]]:
    """(context, source, translation type, translation) of every message."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            out.append((name, msg.findtext("source") or "", tr.get("type"), tr.text or ""))
    return out


@pytest.mark.parametrize("ts", ts_files(), ids=lambda p: p.name)
def test_every_message_is_translated_with_the_same_placeholders(ts: Path) -> None:
    found = messages(ts)
    assert len(found) > 400
    for context, source, kind, text in found:
        assert kind is None, f"{context}: {source!r} is {kind}"
        assert text.strip(), f"{context}: {source!r} has no translation"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source
        assert source.count("&") == text.count("&"), f"accelerator lost in {source!r}"


@pytest.mark.parametrize("ts", ts_files(), ids=lambda p: p.name)
def test_committed_qm_is_up_to_date(ts: Path, tmp_path: Path) -> None:
    fresh = tmp_path / ts.with_suffix(".qm").name
    compile_ts(ts, fresh)
    shipped = ts.with_suffix(".qm")
    assert shipped.is_file(), "run: python -m backcoach.i18n build"
    assert shipped.read_bytes() == fresh.read_bytes(), "run: python -m backcoach.i18n build"


def test_spoken_templates_are_in_the_catalogue() -> None:
    assert tuple(str(t) for t in translatable.ANNOUNCE) == announce.TEMPLATES
    sources = {(c, s) for c, s, _, _ in messages(ts_files()[0])}
    assert all(("announce", t) in sources for t in announce.TEMPLATES)


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[list[object]]:
    installed = install_translators(qapp, QLocale("es_ES"))
    yield installed  # type: ignore[misc]
    remove_translators(qapp, installed)


def test_spanish_cues_are_translated_then_filled(spanish: list[object]) -> None:
    assert spanish
    cue = CueDue(say="Set 1 of 2.", template=announce.SET_OF, args=("1", "2"))
    assert cue_text(cue) == "Serie 1 de 2."
    assert cue_text(CueDue(say="Three", template="Three")) == "Tres"
    own = CueDue(say="Breathe out slowly", automatic=False)  # the routine's words stay
    assert cue_text(own) == "Breathe out slowly"


def test_module_level_helpers_find_their_translation(spanish: list[object]) -> None:
    # extracted without a context: found through the catalogue's fallback
    assert QCoreApplication.translate("LibraryPage", "{0} (has errors)") == "{0} (tiene errores)"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Archivo"


def test_the_app_runs_in_spanish(
    qtbot: QtBot, spanish: list[object], data_dir: Path, tmp_path: Path
) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    window = open_window(qtbot, ctx, FakeClock())
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Archivo" in menus and "&Ver" in menus
    texts = {label.text() for label in window.library_page.findChildren(type(window.notice.label))}
    assert "Tus rutinas" in texts
    assert window.library_page.search.placeholderText() == "Buscar rutinas…"
    # routine files stay in the therapist's language
    assert "Tiny test routine" in window.library_page.visible_titles()


def test_english_without_a_translator(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    window = open_window(qtbot, ctx, FakeClock())
    assert "&File" in [a.text() for a in window.menuBar().actions()]


@pytest.mark.slow
def test_language_environment_picks_spanish() -> None:
    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from backcoach.ui.translations import install_translators\n"
        "app = QCoreApplication([])\n"
        "install_translators(app)\n"
        "print(QCoreApplication.translate('MainWindow', '&Quit'))\n"
    )
    env = {**os.environ, "LANGUAGE": "es", "LC_ALL": "es_ES.UTF-8", "LANG": "es_ES.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == "&Salir"


def test_catalogue_ships_inside_the_package() -> None:
    assert (translations_dir() / "backcoach_es.qm").is_file()
    assert translations_dir().parent.name == "backcoach"


ENGLISH_CORE_PHRASES = ("self-paced", "Rest between sets", "Switch to the", "Get ready", "set 1 of")
"""Phrases core/plan.py writes into its English labels: none may reach a Spanish screen."""


def visible_texts(root: QWidget) -> list[str]:
    """The text of every visible label, button and item-view cell under `root`."""
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root.window()):
            continue
        out.extend(t for t in (w.accessibleName(), w.accessibleDescription(), w.toolTip()) if t)
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()  # the library's list and the routine's step table are flat
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps columnCount private
                columns = 1
            for row in range(model.rowCount(QModelIndex())):
                for col in range(columns):
                    for role in (
                        Qt.ItemDataRole.DisplayRole,
                        Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole,
                    ):
                        value = model.data(model.index(row, col), role)
                        if value:
                            out.append(str(value))
    return out


def english_core_phrases(root: QWidget) -> list[str]:
    return [t for t in visible_texts(root) if any(p in t for p in ENGLISH_CORE_PHRASES)]


def test_no_english_plan_wording_in_spanish(
    qtbot: QtBot, spanish: list[object], data_dir: Path, tmp_path: Path
) -> None:
    ctx = make_ctx(data_dir, write_routines(tmp_path / "routines"))
    clock = FakeClock(1000.0)
    window = open_window(qtbot, ctx, clock)
    lib = window.library_page
    assert any("repeticiones a tu ritmo" in t for t in visible_texts(lib))
    assert english_core_phrases(lib) == []
    while current_entry_name(lib) != "tiny.yaml":
        press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.routine_page
    page_texts = visible_texts(window.routine_page)
    assert "Total: 1m10s + repeticiones a tu ritmo" in page_texts
    assert any(t.startswith("Nivel: Suave") for t in page_texts)  # the level, not a blank
    assert english_core_phrases(window.routine_page) == []
    press(qtbot, window, Qt.Key.Key_Return)
    flow = window.flow
    assert flow is not None
    press(qtbot, window, "5")
    press(qtbot, window, Qt.Key.Key_Return)
    for answer in ("n", "n", "n"):
        press(qtbot, window, answer)
    assert english_core_phrases(flow) == []
    press(qtbot, window, Qt.Key.Key_Return)  # Start
    player = flow.player
    kinds: set[tuple[str, str | None, int | None]] = set()
    leaks: list[str] = []

    def look() -> None:
        seg = player.segment
        if seg is not None and (seg.kind, seg.side, seg.rep) not in kinds:
            kinds.add((seg.kind, seg.side, seg.rep))
            leaks.extend(english_core_phrases(player))

    look()
    run_until(
        window,
        clock,
        lambda: player.segment is not None and player.segment.duration is None,
        on_tick=look,
    )
    seen = {kind for kind, _, _ in kinds}
    assert {"get-ready", "hold", "relax", "switch", "rest", "reps"} <= seen
    assert leaks == []
    assert segment_label(player.segment) == "Dead bug — 4 repeticiones"  # type: ignore[arg-type]


def test_segment_labels_in_spanish(spanish: list[object]) -> None:
    ex = Exercise(id="knee", name="Knee to chest")
    hold = Segment(0, "hold", 0, 10, "", exercise=ex, side="left", set=1, sets=2, rep=1, reps=2)
    assert segment_label(hold) == "Knee to chest — lado izquierdo, serie 1 de 2, mantener 1 de 2"
    rest = Segment(1, "rest", 0, 5, "", exercise=ex, set=2, sets=2)
    assert segment_label(rest) == "Descanso entre series"
    switch = Segment(2, "switch", 0, 4, "", exercise=ex, side="right")
    assert segment_label(switch) == "Cambia al lado derecho"
    own = Segment(3, "rest", 0, 30, "", say="Drink some water")  # the therapist's words stay
    assert segment_label(own) == "Drink some water"


def test_settings_problem_sentences_are_registered_and_translated(
    spanish: list[object], tmp_path: Path
) -> None:
    assert tuple(str(t) for t in translatable.SETTINGS_PROBLEMS) == settings.PROBLEM_TEMPLATES
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    store = settings.SettingsStore(path)
    store.load()
    assert store.problem is not None and "is not valid JSON (line 1)" in store.problem
    text = parts_text("settings", store.problem_parts)
    assert str(path) in text and "settings.json.bad-<" in text
    assert "JSON" in text and "defaults" not in text and "settings file" not in text


def english_fragments(templates: tuple[str, ...]) -> list[str]:
    """The words of each template between its placeholders (the bits a translation replaces)."""
    return [
        bit.strip(" .:;()")
        for template in templates
        for bit in PLACEHOLDER.split(template)
        if len(bit.strip(" .:;()")) > 8
    ]


def test_history_sentences_are_registered(spanish: list[object]) -> None:
    assert tuple(str(t) for t in translatable.HISTORY_MESSAGES) == history.MESSAGE_TEMPLATES


def test_import_sentences_are_registered_and_translated(
    spanish: list[object], tmp_path: Path
) -> None:
    from backcoach.ui.library.routine_import import message_text

    templates = import_check.MESSAGE_TEMPLATES + routine_import.MESSAGE_TEMPLATES
    assert tuple(str(t) for t in translatable.IMPORT_MESSAGES) == templates
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    report = routine_import.import_files(
        [notes], tmp_path / "mine", bundled=None, assets=None, ask_clash=lambda c: "skip"
    )
    summary, details = routine_import.describe(report).render(message_text)
    assert summary == "Algunos archivos no se han importado; no se ha copiado nada de ellos."
    assert details.splitlines() == [
        "«notes.txt» no se ha importado. Corrige primero estos problemas:",
        "  notes.txt: solo se pueden importar archivos de rutina (.yaml o .yml)",
    ]


def test_corrupt_history_notice_in_spanish_names_both_files(
    spanish: list[object], qtbot: QtBot, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.sqlite3").write_bytes(b"not a database at all" * 50)
    ctx = make_ctx(data, write_routines(tmp_path / "r"))
    assert ctx.history is not None and ctx.history.notice_parts
    assert "It was moved to" in (ctx.history.notice or "")  # the CLI's English is unchanged
    window = open_window(qtbot, ctx, FakeClock(1000.0))
    aside = next(p for p in data.iterdir() if ".corrupt-" in p.name)
    text = "\n".join(window.notice.messages)
    assert str(data / "history.sqlite3") in text and str(aside) in text
    assert "historial" in text
    for bit in english_fragments(history.MESSAGE_TEMPLATES):
        assert bit not in text, bit


def test_read_only_data_folder_in_spanish_names_the_folder(
    spanish: list[object], qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(
        path: Path, **_: object
    ) -> sqlite3.Connection:  # what SQLite says (root ignores chmod)
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(history, "_connect", read_only)
    data = tmp_path / "data"
    ctx = make_ctx(data, write_routines(tmp_path / "r"))
    assert ctx.history is None and ctx.history_problem
    window = open_window(qtbot, ctx, FakeClock(1000.0))
    text = "\n".join(window.notice.messages)
    assert str(data / "history.sqlite3") in text and f"{data} " in text
    assert "solo lectura" in text and "BACKCOACH_DATA_DIR" in text
    for bit in english_fragments((*history.MESSAGE_TEMPLATES, "Sessions can't be saved")):
        assert bit not in text, bit
    with pytest.raises(history.HistoryUnavailable) as info:  # the CLI still gets English
        history.open_history(data / "history.sqlite3")
    assert "the file or its folder is read-only" in info.value.message


def test_settings_details_are_not_english(spanish: list[object], tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for content, spanish_kind in (("[]", "una lista"), ("null", "null"), ("3", "un número")):
        path.write_text(content, encoding="utf-8")
        store = settings.SettingsStore(path)
        store.load()
        text = parts_text("settings", store.problem_parts)
        assert spanish_kind in text and str(path) in text
        assert "holds" not in text and "not settings" not in text
    path.write_text('{"volume": "loud", "start_at_login": null}', encoding="utf-8")
    store = settings.SettingsStore(path)
    store.load()
    text = parts_text("settings", store.problem_parts)
    assert 'volume: "loud"; start_at_login: null' in text  # as the file has them
    assert "None" not in text and "wrong kind" not in text
