"""backcoach check: check routine files and report every mistake, GNU style."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import TYPE_CHECKING, TextIO

from backcoach.core.library import FileArg, check_files, expand_paths
from backcoach.core.problems import format_problems

if TYPE_CHECKING:
    from backcoach.core.loader import LoadResult

MAX_PER_FILE = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check routine files (and exercise libraries) and report every mistake as "
        "FILE:LINE:COL: message. Folders are searched for *.yaml and *.yml files."
    )
    parser.epilog = "Exit status: 0 all valid, 1 a file has problems, 2 usage error."
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a routine file or folder")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only the problems, no summary line"
    )


def run(args: argparse.Namespace) -> int:
    return check(args.paths, quiet=args.quiet)


def checked(files: list[FileArg]) -> list[LoadResult]:
    """`check_files`, with the cyclic garbage collector paused.

    Checking makes a great many short-lived objects (YAML nodes, problems) and
    no reference cycles worth collecting, so the collector's passes over them
    are wasted (about a tenth of the time); reference counting frees them.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        return check_files(files)
    finally:
        if was_on:
            gc.enable()


def check(
    paths: list[str], *, quiet: bool = False, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Check `paths`; print problems to `out` (default stdout). 0 valid, 1 problems, 2 usage."""
    out = out or sys.stdout
    err = err or sys.stderr
    if not paths:
        print("backcoach check: give at least one routine file or folder", file=err)
        return 2
    files, errors = expand_paths(paths)
    if errors:
        for error in errors:
            print(f"backcoach check: {error}", file=err)
        return 2
    results = checked(files)
    bad = 0
    for result in results:
        if result.problems:
            bad += 1
            for line in format_problems(result.problems, limit=MAX_PER_FILE):
                print(line, file=out)
    if not quiet:
        plural = "s" if len(results) != 1 else ""
        if bad:
            print(f"{bad} of {len(results)} file{plural} with problems", file=err)
        else:
            print(f"{len(results)} file{plural} checked, all valid", file=err)
    return 1 if bad else 0
