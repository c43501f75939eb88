"""The settings dialog: shows, edits and saves every setting; keyboard and screen-reader ready."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backcoach.core.settings import Settings, SettingsStore
from backcoach.ui.context import AppContext
from backcoach.ui.settings_dialog import SettingsDialog
from tests.ui.kit import make_ctx


def no_voices(done: Callable[[list[str]], None]) -> None:
    done(["Alice", "Bob"])


def make(qtbot: QtBot, data_dir: Path, settings: Settings | None = None) -> SettingsDialog:
    ctx = make_ctx(data_dir)
    if settings is not None:
        ctx.state.set_settings(settings)
    dialog = SettingsDialog(ctx, voices=no_voices, breaks=[("desk", "Desk break")])
    qtbot.addWidget(dialog)
    return dialog


def test_shows_the_current_settings(qtbot: QtBot, data_dir: Path) -> None:
    s = Settings(
        voice_name="Bob",
        volume=0.5,
        theme="dark",
        text_scale=150,
        break_days=(0, 6),
        break_routine="desk",
        routine_folders=("/shared/pt",),
        break_start="09:30",
    )
    d = make(qtbot, data_dir, s)
    assert d.voice_name.currentText() == "Bob"
    assert d.volume.value() == 50
    assert d.theme.currentData() == "dark"
    assert d.text_scale.value() == 150
    assert [b.isChecked() for b in d.days] == [True] + [False] * 5 + [True]
    assert d.break_routine.currentText() == "Desk break"
    assert d.folders.item(0).text() == "/shared/pt"
    assert d.settings() == s


def test_ok_saves_and_announces(qtbot: QtBot, data_dir: Path) -> None:
    d = make(qtbot, data_dir)
    ctx: AppContext = d.ctx
    d.theme.setCurrentIndex(d.theme.findData("high-contrast"))
    d.text_scale.setValue(200)
    d.reduced_motion.setChecked(True)
    d.voice_enabled.setChecked(False)
    d.add_routine_folder("/home/pt/shared")
    d.days[5].setChecked(True)
    with qtbot.waitSignal(ctx.settings_changed) as got:
        d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    new: Settings = got.args[0]
    assert new.theme == "high-contrast" and new.text_scale == 200 and new.reduced_motion
    assert not new.voice_enabled
    assert new.routine_folders == ("/home/pt/shared",)
    assert 5 in new.break_days
    assert SettingsStore(ctx.paths.settings_path).load() == new


def test_cancel_changes_nothing(qtbot: QtBot, data_dir: Path) -> None:
    d = make(qtbot, data_dir)
    before = d.ctx.settings
    d.theme.setCurrentIndex(d.theme.findData("dark"))
    d.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert d.ctx.settings == before
    assert not d.ctx.paths.settings_path.exists()


def test_restore_defaults_keeps_folders(qtbot: QtBot, data_dir: Path) -> None:
    d = make(qtbot, data_dir, Settings(theme="dark", routine_folders=("/x",)))
    d.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert d.settings() == Settings(routine_folders=("/x",))


def test_remove_folder(qtbot: QtBot, data_dir: Path) -> None:
    d = make(qtbot, data_dir, Settings(routine_folders=("/a", "/b")))
    assert not d.remove_folder.isEnabled()
    d.folders.setCurrentRow(0)
    d.remove_folder.click()
    assert d.settings().routine_folders == ("/b",)


def test_open_data_folder(qtbot: QtBot, data_dir: Path) -> None:
    d = make(qtbot, data_dir)
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    d.open_url = open_url
    d.open_data.click()
    assert opened == [QUrl.fromLocalFile(str(data_dir))]


def test_every_control_has_an_accessible_name(qtbot: QtBot, data_dir: Path) -> None:
    d = make(qtbot, data_dir)
    kinds = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget)
    controls = [w for w in d.findChildren(QWidget) if isinstance(w, kinds)]
    controls = [
        w
        for w in controls
        if not w.objectName().startswith("qt_") and type(w).__name__ != "QScrollBar"
    ]
    assert len(controls) > 20
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()}"
        for w in controls
        if not w.accessibleName() and not isinstance(w, QCheckBox | QAbstractButton)
    ]
    assert unnamed == []
    for w in controls:
        assert w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()), w


def test_keyboard_reaches_every_tab_and_control(qtbot: QtBot, data_dir: Path) -> None:
    d = make(qtbot, data_dir)
    d.show()
    qtbot.waitExposed(d)
    for i in range(d.tabs.count()):
        d.tabs.setCurrentIndex(i)
        page = d.tabs.currentWidget()
        for w in page.findChildren(QWidget):
            if w.isVisibleTo(page) and isinstance(
                w, QAbstractButton | QComboBox | QAbstractSpinBox
            ):
                assert w.focusPolicy() & w.focusPolicy().TabFocus, w


def test_posture_break_tab_says_how_time_away_is_detected(qtbot: QtBot, data_dir: Path) -> None:
    ctx = make_ctx(data_dir)
    note = "Idle detection is not available on this desktop: only sleep resets the timer."
    dialog = SettingsDialog(ctx, voices=no_voices, breaks=[], idle_note=note)
    qtbot.addWidget(dialog)
    assert dialog.idle_support.text() == note
    assert dialog.idle_support.accessibleName()
    # without a note given, it asks this desktop, and always says something
    real = make(qtbot, data_dir)
    assert real.idle_support.text().strip()
