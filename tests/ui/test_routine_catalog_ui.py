"""The window's one scan of the routine folders: the library, --start, the history's
prescriptions (on the page and in the PDF), the settings dialog's breaks, and
folder problems said in the notice bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from backcoach.core import library
from backcoach.core.fakeclock import FakeClock
from backcoach.core.routine import Prescribed
from backcoach.core.settings import Settings, SettingsStore
from backcoach.ui import settings_dialog, translatable
from backcoach.ui.history import report
from backcoach.ui.history.history_page import HistoryPage
from backcoach.ui.main_window import MainWindow
from tests.ui.kit import make_ctx, open_window, write_routines
from tests.ui.test_history_page import session

KNEES = "backcoach: 1\ntitle: My knees\nprescribed: 2/day\nsteps: [{rest: 1m}]\n"


def window_with_own_folder(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, *folders: Path
) -> MainWindow:
    """A window whose Settings list `folders` (beside the test kit's routines)."""
    SettingsStore(data_dir / "settings.json").save(
        Settings(routine_folders=tuple(str(f) for f in folders))
    )
    ctx = make_ctx(data_dir, write_routines(tmp_path / "r"))
    return open_window(qtbot, ctx, FakeClock())


def history_page(window: MainWindow) -> HistoryPage:
    window.open_history_page()
    page = window.history_page
    assert isinstance(page, HistoryPage)
    return page


def test_the_library_messages_are_registered_for_translation() -> None:
    assert tuple(str(t) for t in translatable.LIBRARY_MESSAGES) == library.MESSAGE_TEMPLATES


def test_the_pdf_measures_adherence_against_the_users_own_routine_folders(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "my-routines"
    mine.mkdir()
    (mine / "my-knees.yaml").write_text(KNEES, encoding="utf-8")
    window = window_with_own_folder(qtbot, data_dir, tmp_path, mine)
    assert window.ctx.history is not None
    today = date.today()
    window.ctx.history.merge(
        [session(today - timedelta(days=i), rid="my-knees", title="My knees") for i in range(3)]
    )
    page = history_page(window)
    page.tabs.setCurrentWidget(page.adherence_tab)
    rows = {r[0]: r for r in page.adherence_model.rows()}
    assert rows["My knees"][1] == "2 a day"  # the page shows the prescription

    seen: list[dict[str, Any]] = []
    real_build_html: Callable[..., str] = report.build_html

    def build_html(*args: Any, **kw: Any) -> str:
        seen.append(dict(kw["targets"]))
        return real_build_html(*args, **kw)

    monkeypatch.setattr(report, "build_html", build_html)
    pdf = tmp_path / "report.pdf"
    page.ask_save_path = lambda _fmt, _name: pdf
    told: list[str] = []
    page.show_message = lambda _title, text: told.append(text)
    assert page.export("pdf") == pdf, told
    assert seen and seen[0]["my-knees"] == Prescribed(2, "day")  # and so does the PDF
    assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_a_reload_gives_the_history_page_the_new_prescriptions(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "my-routines"
    mine.mkdir()
    window = window_with_own_folder(qtbot, data_dir, tmp_path, mine)
    page = history_page(window)
    assert "my-knees" not in page.targets()
    assert page.targets()["tiny"] == Prescribed(1, "day")
    (mine / "my-knees.yaml").write_text(KNEES, encoding="utf-8")
    window.reload_library()  # what the routine watcher calls after a change
    assert page.targets()["my-knees"] == Prescribed(2, "day")
    assert window.catalog.find("my-knees") is not None
    assert "My knees" in window.library_page.visible_titles()


def test_a_folder_problem_is_said_once_and_a_new_one_is_said_too(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "routines.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    window = window_with_own_folder(qtbot, data_dir, tmp_path, blocker)
    said = f"The routine folder {blocker} is a file, not a folder; choose a folder in Settings."
    assert said in window.notice.messages
    window.notice.clear()
    window.reload_library()
    assert window.notice.messages == []  # dismissed, and not repeated at every reload
    typo = tmp_path / "typo"
    window.ctx.update_settings(Settings(routine_folders=(str(blocker), str(typo))))
    assert window.notice.messages == [
        f"The routine folder {typo} was not found; its routines are not listed."
    ]


def test_the_settings_dialog_offers_the_scanned_break_routines(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_dialog, "probe_voices", lambda _parent: lambda _done: None)
    window = window_with_own_folder(qtbot, data_dir, tmp_path)
    window.open_settings()
    dialog = window.findChild(settings_dialog.SettingsDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    combo = dialog.break_routine
    offered = [(combo.itemData(i), combo.itemText(i)) for i in range(1, combo.count())]
    assert offered == window.catalog.break_choices() == [("desk", "Desk stretch")]
    dialog.reject()
