"""The Qt application: paths, settings and history worked out once, then the main window.

Test hook: BACKCOACH_TEST_AUTOPILOT=1 makes each session flow answer its
check-in by itself (pain 0, "no" to every question) so the player starts
without a keyboard. Only tests that drive a real app process set it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from backcoach.core.paths import APP_NAME, AppPaths, standard_data_dir
from backcoach.core.private import tighten_data_folder
from backcoach.core.settings import SettingsStore
from backcoach.ui.context import AppContext
from backcoach.ui.translations import parts_text
from backcoach.ui.widgets.plain import message_box

if TYPE_CHECKING:
    from backcoach.core.history import HistoryStore

AUTOPILOT_ENV = "BACKCOACH_TEST_AUTOPILOT"


def data_dir_from(args: argparse.Namespace, env: Mapping[str, str]) -> Path:
    """--data-dir, else $BACKCOACH_DATA_DIR, else the standard data folder."""
    given = getattr(args, "data_dir", None)
    if given:
        return Path(given).expanduser()
    return standard_data_dir(dict(env))


def build_context(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> AppContext:
    """Paths, settings and the history store for this run (no window yet)."""
    env = os.environ if env is None else env
    paths = AppPaths(
        data_dir=data_dir_from(args, env),
        extra_routine_dirs=tuple(Path(p).expanduser() for p in getattr(args, "routines", []) or []),
    )
    privacy = tighten_data_folder(paths.data_dir)  # before anything in it is read or written
    store = SettingsStore(paths.settings_path)
    settings = store.load()
    history, problem = open_history_safely(paths.db_path)
    speed = float(getattr(args, "speed", 1.0) or 1.0)
    if speed <= 0:
        speed = 1.0
    ctx = AppContext(paths, store, settings, history, speed=speed, history_problem=problem)
    ctx.privacy_parts = privacy.parts
    return ctx


def open_history_safely(db_path: Path) -> tuple[HistoryStore | None, str | None]:
    """The history store, or None and why (the app still runs sessions without it)."""
    try:
        from backcoach.core.history import HistoryUnavailable, open_history
    except ImportError as exc:  # the store is not part of this build
        return None, QCoreApplication.translate("App", "History is not available: {0}").format(exc)
    try:
        return open_history(db_path), None
    except HistoryUnavailable as exc:
        parts = getattr(exc, "parts", ())
        return None, parts_text("history", parts) if parts else str(exc)
    except OSError as exc:
        return None, QCoreApplication.translate(
            "App", "{0}: the history can't be opened ({1})"
        ).format(db_path, exc.strerror or exc)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("backcoach")
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    return app


def app_icon(paths: AppPaths) -> QIcon:
    icon_path = paths.assets / "icons" / "backcoach.svg"
    return QIcon(str(icon_path)) if icon_path.is_file() else QIcon()


def run_app(args: argparse.Namespace) -> int:
    from backcoach.ui.single_instance import SingleInstance, connect_window, message_from_args
    from backcoach.ui.theme import install_appearance
    from backcoach.ui.translations import install_translators

    app = make_application()
    install_translators(app)
    instance: SingleInstance | None = None
    if not getattr(args, "tray", False) and not getattr(args, "review", None):
        # Before the history is opened: a second start must not touch the first's session.
        instance = SingleInstance(data_dir_from(args, os.environ), app)
        if not instance.claim() and instance.send(message_from_args(args)):
            return 0  # the running window came forward and took the request
    ctx = build_context(args)
    app.setWindowIcon(app_icon(ctx.paths))
    appearance = install_appearance(app, ctx.settings)
    ctx.settings_changed.connect(appearance.apply)

    if getattr(args, "tray", False):
        try:
            from backcoach.ui.tray import run_tray
        except ImportError:
            message_box(
                None,
                QMessageBox.Icon.Warning,
                "backcoach",
                QCoreApplication.translate(
                    "App", "The posture-break reminder is not available in this build."
                ),
            )
            return 1
        return run_tray(ctx, app)

    from backcoach.ui.main_window import MainWindow

    review = getattr(args, "review", None)
    if review:
        ctx.read_only = True
    window = MainWindow(
        ctx,
        start=getattr(args, "start", None),
        review=Path(review) if review else None,
        autopilot=os.environ.get(AUTOPILOT_ENV) == "1",
    )
    if instance is not None:
        connect_window(instance, window)
    window.show()
    return app.exec()
