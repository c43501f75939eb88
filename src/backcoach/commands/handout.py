"""backcoach handout: the printable home-exercise sheet of a routine, as an A4 PDF."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from backcoach.commands.plan import _looks_like_id as looks_like_id
from backcoach.commands.plan import find_routine_by_id
from backcoach.core.library import LibraryIndex, load_routine
from backcoach.core.problems import RoutineError, format_problems
from backcoach.core.stages import StageError, check_stage


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Make the printable handout of a routine: A4, one to three pages, with the safety "
        "questions, each step's photos, instructions and dose in words, the flare-day "
        "changes and the stages."
    )
    parser.add_argument(
        "routine",
        metavar="FILE",
        help="a routine file, or a routine's id (as for backcoach plan)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.pdf",
        help="where to write the PDF (default: ROUTINE-handout.pdf in this folder)",
    )
    parser.add_argument(
        "--stage",
        type=int,
        default=1,
        metavar="N",
        help="print the doses of stage N of the routine's stages (default 1)",
    )


def run(args: argparse.Namespace) -> int:
    return handout(args.routine, output=args.output, stage=args.stage)


def handout(
    file: str,
    *,
    output: str | None = None,
    stage: int = 1,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Write the handout. 0 written, 1 the file has problems or the PDF can't be
    written, 2 no such file or stage."""
    out = out or sys.stdout
    err = err or sys.stderr
    path = Path(file)
    if not path.exists() and looks_like_id(file):
        found = find_routine_by_id(file)
        if found is not None:
            path, file = found, str(found)
    if not path.is_file():
        print(f"backcoach handout: {file}: no such file or routine id", file=err)
        return 2
    try:
        routine = load_routine(path, display=file, index=LibraryIndex())
        check_stage(routine, stage)
    except RoutineError as exc:
        for line in format_problems(exc.problems):
            print(line, file=err)
        return 1
    except StageError as exc:
        print(f"backcoach handout: {file}: {exc}", file=err)
        return 2
    target = Path(output) if output else Path(f"{routine.id}-handout.pdf")
    # Qt only now: check, plan and schema never load it.
    from backcoach.ui.history.report import ensure_gui_app, headless_platform
    from backcoach.ui.library.handout import write_handout
    from backcoach.ui.translations import install_translators

    install_translators(ensure_gui_app(headless_platform(os.environ)))
    try:
        pages = write_handout(routine, target, stage=stage)
    except OSError as exc:
        print(f"backcoach handout: {exc}", file=err)
        return 1
    print(f"{target}: {pages} page(s)", file=out)
    return 0
