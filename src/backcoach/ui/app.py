"""The Qt application: paths, settings and history worked out once, then the main window.

Start-up is as short as a bare window's: the main window is shown themed but
empty (Fusion with the theme's palette; a "system" theme as the system had it
last time, see theme_hint), and right after its first paint the style is
completed and the system's theme checked, the history is opened, the routine
folders are scanned and watched, and later starts are listened for. Heavy
modules (sound, speech, charts, the history page, the settings dialog, the
PDF report) are imported when first used.

The options arrive as a `GuiOptions`; its `autopilot` (each session flow answers
its check-in by itself) is set only by the tests' app launcher.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from backcoach.core.paths import APP_NAME, AppPaths, standard_data_dir
from backcoach.core.private import tighten_data_folder
from backcoach.core.settings import SettingsStore
from backcoach.ui.context import AppContext, AppState
from backcoach.ui.options import GuiOptions
from backcoach.ui.translations import parts_text

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from backcoach.core.history import HistoryStore
    from backcoach.ui.single_instance import SingleInstance
    from backcoach.ui.theme import Appearance


def data_dir_from(options: GuiOptions, env: Mapping[str, str]) -> Path:
    """--data-dir, else $BACKCOACH_DATA_DIR, else the standard data folder."""
    if options.data_dir is not None:
        return options.data_dir.expanduser()
    return standard_data_dir(dict(env))


def build_context(
    options: GuiOptions, env: Mapping[str, str] | None = None, *, open_store: bool = True
) -> AppContext:
    """Paths, settings and the history store for this run (no window yet).

    `open_store=False` leaves the history for `open_pending_history` (after the first paint).
    """
    env = os.environ if env is None else env
    paths = AppPaths(
        data_dir=data_dir_from(options, env),
        extra_routine_dirs=tuple(p.expanduser() for p in options.routines),
    )
    privacy = tighten_data_folder(paths.data_dir)  # before anything in it is read or written
    store = SettingsStore(paths.settings_path)
    settings = store.load()
    history, problem = open_history_safely(paths.db_path) if open_store else (None, None)
    return AppContext(
        paths,
        store,
        AppState(settings, history, problem),
        speed=options.speed if options.speed > 0 else 1.0,
        read_only=options.review is not None,
        privacy_parts=privacy.parts,
    )


def open_pending_history(ctx: AppContext) -> None:
    """Open the history store now, if `build_context` was told to leave it."""
    if ctx.history is None and ctx.history_problem is None:
        ctx.state.set_history(*open_history_safely(ctx.paths.db_path))


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
    """The QApplication, in the Fusion style from the start (the theme builds on it)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("backcoach")
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    return app


def app_icon(paths: AppPaths) -> QIcon:
    from PySide6.QtGui import QIcon

    icon_path = paths.assets / "icons" / "backcoach.svg"
    return QIcon(str(icon_path)) if icon_path.is_file() else QIcon()


def run_app(options: GuiOptions) -> int:
    """The app until it quits; `backcoach.commands.gui` turned the garbage collector off.

    Start-up allocates much and frees little, so the collector stays off until
    the window has been painted once (or the tray starts) and is turned on then.
    """
    from backcoach.ui.single_instance import SingleInstance, message_from_args
    from backcoach.ui.theme import install_appearance
    from backcoach.ui.theme_hint import read_system_theme
    from backcoach.ui.translations import install_translators

    app = make_application()
    install_translators(app)
    instance: SingleInstance | None = None
    tray = options.tray
    if not tray and options.review is None:
        # Before the history is opened: a second start must not touch the first's session.
        instance = SingleInstance(data_dir_from(options, os.environ), app)
        if not instance.take_lock() and instance.send(message_from_args(options)):
            return 0  # the running window came forward and took the request
    ctx = build_context(options, open_store=tray)
    hint = None if tray else read_system_theme(ctx.paths.data_dir)
    appearance = install_appearance(app, ctx.settings, complete=tray, system_hint=hint)
    ctx.settings_changed.connect(appearance.apply)
    if tray:
        gc.enable()
        app.setWindowIcon(app_icon(ctx.paths))
        return run_tray_or_say_why(ctx, app, autopilot=options.autopilot)
    return run_window(options, ctx, app, instance, appearance, hint)


def run_tray_or_say_why(ctx: AppContext, app: QApplication, *, autopilot: bool) -> int:
    try:
        from backcoach.ui.breaks.tray import run_tray
    except ImportError:
        from PySide6.QtWidgets import QMessageBox

        from backcoach.ui.widgets.plain import message_box

        message_box(
            None,
            QMessageBox.Icon.Warning,
            "backcoach",
            QCoreApplication.translate(
                "App", "The posture-break reminder is not available in this build."
            ),
        )
        return 1
    return run_tray(ctx, app, autopilot=autopilot)


def run_window(
    options: GuiOptions,
    ctx: AppContext,
    app: QApplication,
    instance: SingleInstance | None,
    appearance: Appearance,
    system_hint: str | None,
) -> int:
    """Show the main window now; open the history, fill it and listen right after its first paint."""
    from backcoach.ui.first_paint import after_first_paint
    from backcoach.ui.main_window import MainWindow
    from backcoach.ui.single_instance import connect_window
    from backcoach.ui.theme_hint import remember_system_theme

    window = MainWindow(
        ctx,
        start=options.start,
        review=options.review,
        autopilot=options.autopilot,
        defer_startup=True,
    )
    window.show()

    def finish_startup() -> None:
        gc.enable()
        appearance.complete()
        if ctx.settings.theme == "system" and appearance.theme != system_hint:
            remember_system_theme(ctx.paths.data_dir, appearance.theme)
        app.setWindowIcon(app_icon(ctx.paths))
        open_pending_history(ctx)
        window.finish_startup()
        if instance is not None:  # later starts are heard once the window is ready
            connect_window(instance, window)
            instance.listen()

    after_first_paint(window, finish_startup)
    return app.exec()
