"""Test-only entry script: the app as `backcoach [gui] ARGS`, with autopilot on.

Each session flow answers its own check-in (pain 0, "no" to every question), so
a test driving a real app process gets the player started without a keyboard.
Run as `python tests/ui/autopilot_app.py --data-dir D --start R ...`.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

from backcoach.commands.gui import add_arguments
from backcoach.ui.app import run_app
from backcoach.ui.options import GuiOptions


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="autopilot_app")
    add_arguments(parser)
    options = GuiOptions.from_args(parser.parse_args(argv))
    return run_app(dataclasses.replace(options, autopilot=True))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
