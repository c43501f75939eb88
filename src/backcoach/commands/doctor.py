"""backcoach doctor: check this machine can run a session, and say how to fix what cannot.

Each line is OK, a WARNING (voice or sound missing: sessions still run) or a
PROBLEM with its fix. Exit status 0 when everything a session needs works
(window, fonts, data folder, history, routines), 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from backcoach.core.doctor import (
    Check,
    check_data_folder,
    check_history,
    check_privacy,
    check_routine_folders,
    exit_code,
    format_report,
)
from backcoach.core.paths import AppPaths, standard_data_dir
from backcoach.core.settings import SettingsStore


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the data folder to check (default: the standard one, or BACKCOACH_DATA_DIR)",
    )
    parser.add_argument(
        "--routines",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="also check this routine folder (repeatable)",
    )


def gather(args: argparse.Namespace) -> list[Check]:
    """Every check, in the order shown."""
    data_dir = (args.data_dir or standard_data_dir()).expanduser()
    paths = AppPaths(data_dir=data_dir, extra_routine_dirs=tuple(args.routines))
    store = SettingsStore(paths.settings_path)
    settings = store.load()

    # Imported here: it starts Qt probes in child processes, never Qt in this one.
    from backcoach.ui.doctor_checks import QtChecks

    checks = QtChecks(env=dict(os.environ)).run(settings.voice_name)
    checks.append(check_data_folder(data_dir))
    checks.append(check_privacy(data_dir))
    if store.problem:
        checks.append(
            Check(
                "Settings",
                "warning",
                store.problem,
                f"fix or delete {paths.settings_path} (backcoach then uses the defaults)",
                needed=False,
            )
        )
    checks.append(check_history(paths.db_path))
    checks += check_routine_folders(
        paths.routine_dirs(settings.routine_folders), required=tuple(args.routines)
    )
    return checks


def run(args: argparse.Namespace) -> int:
    checks = gather(args)
    print(format_report(checks), flush=True)
    return exit_code(checks)
