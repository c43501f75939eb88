"""The window's command-line options, read once from the parsed arguments (no Qt here)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GuiOptions:
    """What `backcoach [gui]` was asked for; see `backcoach.commands.gui.add_arguments`."""

    data_dir: Path | None = None
    routines: tuple[Path, ...] = ()
    start: str | None = None
    speed: float = 1.0
    tray: bool = False
    review: Path | None = None
    autopilot: bool = False
    """Each session flow answers its own check-in (pain 0, "no" to every question).
    Never set from the command line: only the tests' app launcher sets it."""

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> GuiOptions:
        """The options of a namespace parsed by the gui command's parser."""
        data_dir: Path | None = args.data_dir
        review: Path | None = args.review
        start: str | None = args.start
        speed = float(args.speed)
        return cls(
            data_dir=data_dir.expanduser() if data_dir else None,
            routines=tuple(Path(p).expanduser() for p in args.routines),
            start=start or None,
            speed=speed if speed > 0 else 1.0,
            tray=bool(args.tray),
            review=review,
        )
