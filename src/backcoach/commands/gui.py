"""Open the backcoach window (the default when no command is given)."""

from __future__ import annotations

import argparse
from pathlib import Path

MAX_SPEED = 1000.0


def speed_factor(text: str) -> float:
    """`--speed N`: a number from 1 (real time) to 1000; below 1 would slow a session down."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number like 10, got {text!r}") from None
    if not 1.0 <= value <= MAX_SPEED:  # also refuses nan
        raise argparse.ArgumentTypeError(
            f"expected a number from 1 (real time) to {MAX_SPEED:g}, got {text!r}"
        )
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep the history and settings here (default: $BACKCOACH_DATA_DIR, "
        "else the standard data folder)",
    )
    parser.add_argument(
        "--routines",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="also list the routines in DIR (repeatable)",
    )
    parser.add_argument(
        "--start", metavar="ROUTINE", help="open at this routine's check-in (an id or a path)"
    )
    parser.add_argument(
        "--speed",
        type=speed_factor,
        default=1.0,
        metavar="N",
        help="run sessions N times faster (a therapist's preview; kept out of statistics)",
    )
    parser.add_argument("--tray", action="store_true", help="run the posture-break reminder")
    parser.add_argument(
        "--review", type=Path, metavar="FILE", help="open a patient's history export read-only"
    )


def run(args: argparse.Namespace) -> int:
    import gc

    # Off while the app starts (it allocates much and frees little); run_app turns it
    # back on once the window has been painted.
    gc.disable()
    try:
        from backcoach.ui.app import run_app  # Qt is loaded only here
        from backcoach.ui.options import GuiOptions

        return run_app(GuiOptions.from_args(args))
    finally:
        gc.enable()
