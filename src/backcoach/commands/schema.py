"""backcoach schema: print the JSON Schema of the routine format, for editors."""

from __future__ import annotations

import argparse
import json
import sys

from backcoach.core.schema import routine_schema


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Print the JSON Schema (draft 2020-12) of routine format 1. Save it with "
        "'backcoach schema --editor > backcoach-routine.schema.json' and point your "
        "editor's YAML language server at it (see docs/routine-format.md)."
    )
    parser.add_argument(
        "--editor",
        action="store_true",
        help="add the errorMessage keywords VS Code and yaml-language-server show, so "
        "their messages read like backcoach check's (strict validators such as ajv "
        "refuse keywords they do not know: give them the plain schema)",
    )


def run(args: argparse.Namespace) -> int:
    json.dump(routine_schema(editor=args.editor), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
