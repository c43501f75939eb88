"""Start-up: the window shows first, and what can wait happens right after its first paint."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from backcoach.core.private import HINT_FILE
from backcoach.core.settings import Settings
from backcoach.ui.app import build_context, open_pending_history
from backcoach.ui.first_paint import after_first_paint
from backcoach.ui.main_window import MainWindow
from backcoach.ui.options import GuiOptions
from backcoach.ui.scaling_style import installed_scaling_style
from backcoach.ui.single_instance import SingleInstance
from backcoach.ui.theme import (
    BASE_POINT_SIZE_PROPERTY,
    focus_stylesheet,
    make_palette,
    system_theme,
)
from backcoach.ui.theme import install_appearance as appearance_for
from backcoach.ui.theme_hint import read_system_theme, remember_system_theme
from tests.ui.kit import make_ctx, write_routines

REPO = Path(__file__).resolve().parents[2]


def test_deferred_window_fills_after_its_first_paint(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path / "data", write_routines(tmp_path / "r"))
    window = MainWindow(ctx, cue_factory=None, defer_startup=True)
    qtbot.addWidget(window)
    assert not window.startup_finished and window.entries == []
    assert window.routine_watcher is None
    assert window.history_action.shortcut().isEmpty()  # bound after the paint
    after_first_paint(window, window.finish_startup)
    window.show()
    qtbot.waitUntil(lambda: window.startup_finished)
    assert "Tiny test routine" in window.library_page.visible_titles()
    assert window.stack.currentWidget() is window.library_page
    assert window.focusWidget() is window.library_page.search  # as when built at once
    assert window.routine_watcher is not None
    assert window.history_action.shortcut().toString() == "Ctrl+H"
    window.finish_startup()  # a second call does nothing
    assert window.library_page.visible_titles().count("Tiny test routine") == 1


def test_pages_are_made_when_first_needed(qtbot: QtBot, tmp_path: Path) -> None:
    ctx = make_ctx(tmp_path / "data", write_routines(tmp_path / "r"))
    window = MainWindow(ctx, cue_factory=None, defer_startup=True)
    qtbot.addWidget(window)
    assert window.stack.count() == 0
    page = window.routine_page
    assert page is window.routine_page and window.stack.indexOf(page) >= 0
    window.notify("hello")
    assert window.notice.messages == ["hello"]


def test_after_first_paint_runs_once_for_a_window_never_shown(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[int] = []
    after_first_paint(widget, lambda: calls.append(1))
    qtbot.waitUntil(lambda: calls == [1])  # no native window: at once, on the next loop


def test_history_can_wait_until_after_the_paint(tmp_path: Path) -> None:
    ctx = build_context(GuiOptions(data_dir=tmp_path / "d"), env={}, open_store=False)
    assert ctx.history is None and ctx.history_problem is None
    open_pending_history(ctx)
    assert ctx.history is not None
    store = ctx.history
    open_pending_history(ctx)  # already open: kept
    assert ctx.history is store
    store.close()


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test QApplication, with its look put back afterwards."""
    palette, font, sheet = QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setProperty(BASE_POINT_SIZE_PROPERTY, None)


def window_colour(palette: QPalette) -> str:
    return palette.color(QPalette.ColorRole.Window).name()


def test_first_paint_uses_the_system_theme_last_seen_then_asks(app: QApplication) -> None:
    other = "dark" if system_theme(app) != "dark" else "light"
    app.setStyleSheet("")
    look = appearance_for(app, Settings(theme="system"), complete=False, system_hint=other)
    assert look.theme == other
    assert window_colour(app.palette()) == window_colour(make_palette(other))
    assert app.styleSheet() == "" and not look.following_system  # no control to style yet
    look.complete()  # right after the paint: the system's own answer, the style, the sheet
    assert look.theme == system_theme(app)
    assert window_colour(app.palette()) == window_colour(make_palette(look.theme))
    assert app.styleSheet() == focus_stylesheet(look.theme) and look.following_system
    style = installed_scaling_style(app)
    assert style is not None and style.edge == (2 if look.theme == "high-contrast" else 1)
    look.complete()  # again: the same style, kept
    assert installed_scaling_style(app) is style


def test_a_chosen_theme_ignores_the_hint(app: QApplication) -> None:
    look = appearance_for(app, Settings(theme="high-contrast"), complete=False, system_hint="dark")
    assert look.theme == "high-contrast"


def test_system_theme_hint_is_one_word_in_the_data_folder(tmp_path: Path) -> None:
    assert read_system_theme(tmp_path) is None
    remember_system_theme(tmp_path, "dark")
    assert read_system_theme(tmp_path) == "dark"
    remember_system_theme(tmp_path, "system")  # not a palette theme: not kept
    assert read_system_theme(tmp_path) == "dark"
    (tmp_path / HINT_FILE).write_text("mauve\n", encoding="utf-8")
    assert read_system_theme(tmp_path) is None
    remember_system_theme(tmp_path / "missing" / "folder", "light")  # quietly nothing
    assert read_system_theme(tmp_path / "nowhere") is None


@pytest.mark.slow
def test_a_later_start_waits_for_the_first_to_listen(qtbot: QtBot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.take_lock() and first.server is None  # locked, not listening yet
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from backcoach.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        inst = SingleInstance(Path({str(data_dir)!r}))
        if inst.take_lock():
            sys.exit(3)
        print("sending", flush=True)
        sys.exit(0 if inst.send({{"start": "tiny", "speed": 1.0}}) else 4)
        """
    )
    from PySide6.QtCore import QProcess

    proc = QProcess()
    try:
        with qtbot.waitSignal(proc.readyReadStandardOutput, timeout=10_000):
            proc.start(sys.executable, ["-c", script])
        with qtbot.waitSignal(first.message_received, timeout=10_000) as got:
            first.listen()
        assert got.args == [{"start": "tiny", "speed": 1.0}]
        with qtbot.waitSignal(proc.finished, timeout=10_000) as done:
            pass
        assert done.args[0] == 0, bytes(proc.readAllStandardError().data()).decode()
    finally:
        first.release()


@pytest.mark.slow
def test_nothing_heavy_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    """The window, as run_app builds it before its first paint, without the heavy modules."""
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from backcoach.ui.app import build_context, make_application
        from backcoach.ui.options import GuiOptions
        from backcoach.ui.theme import install_appearance
        from backcoach.ui.main_window import MainWindow
        app = make_application()
        ctx = build_context(GuiOptions(data_dir=Path({str(tmp_path / "data")!r})), open_store=False)
        install_appearance(app, ctx.settings, complete=False, system_hint="light")
        window = MainWindow(ctx, defer_startup=True)
        window.show()
        import PySide6.QtCore, PySide6.QtWidgets
        # PySide makes a class (and every enumeration in it) when it is first used;
        # Qt's namespace alone is about 12 ms.
        made = [n for n in ("Qt", "QStyle", "QMessageBox") if n in vars(PySide6.QtCore)
                or n in vars(PySide6.QtWidgets)]
        print(" ".join(sorted(sys.modules)), *("made:" + n for n in made))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert "backcoach.ui.main_window" in loaded
    heavy = {
        "yaml",
        "sqlite3",
        "PySide6.QtNetwork",
        "PySide6.QtMultimedia",
        "PySide6.QtTextToSpeech",
        "PySide6.QtCharts",
        "PySide6.QtSvg",
        "backcoach.core.history",
        "backcoach.core.library",
        "backcoach.ui.library.library_page",
        "backcoach.ui.library.routine_page",
        "backcoach.ui.session.session_flow",
        "backcoach.ui.history.history_page",
        "backcoach.ui.settings_dialog",
        "backcoach.ui.history.report",
        "backcoach.ui.session.cues",
        "backcoach.ui.scaling_style",
        "backcoach.ui.widgets.plain",
        "backcoach.core.clocks",
        "secrets",
        "hashlib",
        "socket",
        "made:Qt",
        "made:QStyle",
        "made:QMessageBox",
    }
    assert not heavy & loaded
