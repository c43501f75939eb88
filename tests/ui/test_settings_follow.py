"""The tray process follows settings saved by another process."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from backcoach.core.paths import AppPaths
from backcoach.core.settings import Settings, SettingsStore
from backcoach.ui.settings_follow import SettingsFollower
from tests.ui.kit import make_ctx


def test_a_save_by_another_process_reaches_this_one(qtbot: QtBot, data_dir: Path) -> None:
    paths = AppPaths(data_dir)
    store = SettingsStore(paths.settings_path)
    store.save(Settings())
    ctx = make_ctx(data_dir, history=None)
    follower = SettingsFollower(ctx)

    other = SettingsStore(paths.settings_path)  # the main window's store
    with qtbot.waitSignal(ctx.settings_changed, timeout=5000) as blocker:
        other.save(Settings(break_interval_minutes=30))
    assert blocker.args[0].break_interval_minutes == 30
    assert ctx.settings.break_interval_minutes == 30

    # A save that changes nothing (this process's own save, say) is not announced again.
    with qtbot.assertNotEmitted(ctx.settings_changed, wait=600):
        other.save(Settings(break_interval_minutes=30))
    follower.deleteLater()
