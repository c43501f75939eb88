"""The `backcoach` command line.

`backcoach [options]` opens the app; `backcoach COMMAND ...` runs a command.
Each command lives in `backcoach.commands.<name>` with `add_arguments(parser)`
and `run(args) -> int`, and is imported only when used, so `check`, `plan`
and `schema` never load Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("backcoach.commands.check", "check routine files and report every mistake"),
    "plan": ("backcoach.commands.plan", "show a routine's session as it will run"),
    "schema": ("backcoach.commands.schema", "print the JSON Schema of the routine format"),
    "handout": ("backcoach.commands.handout", "make a routine's printable handout (PDF)"),
    "export": ("backcoach.commands.export", "export the session history"),
    "import": ("backcoach.commands.import_", "merge a history export into the log"),
    "doctor": ("backcoach.commands.doctor", "check this machine can run a session"),
}
GUI_MODULE = "backcoach.commands.gui"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        name = args[0]
        module_name, help_text = COMMANDS[name]
        prog = f"backcoach {name}"
        rest = args[1:]
    else:
        name, module_name, help_text, prog, rest = "", GUI_MODULE, "", "backcoach", args
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(
        prog=prog,
        description=help_text or (module.__doc__ or "").strip().splitlines()[0],
        epilog=None if name else _commands_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    module.add_arguments(parser)
    try:
        parsed = parser.parse_args(rest)
    except SystemExit as exc:  # argparse: 0 for --help, 2 for usage errors
        return int(exc.code or 0)
    try:
        return int(module.run(parsed))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _commands_epilog() -> str:
    lines = ["commands:"]
    lines += [f"  {n:<8} {h}" for n, (_, h) in COMMANDS.items()]
    lines.append("\nRun 'backcoach COMMAND --help' for a command's options.")
    return "\n".join(lines)
