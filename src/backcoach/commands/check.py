"""backcoach check: check routine files and report every mistake.

Each problem prints like rustc and Elm: the GNU line `FILE:LINE:COL: message`,
then the source line with a caret under the column and a `help:` line with the
fix where there is one. `--format short` prints only the GNU lines (for editors
and other tools). Exercise libraries with errors are reported before the
routines that use them, which point back at them.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import TYPE_CHECKING, TextIO

from backcoach.core.library import FileArg, LibraryIndex, check_files, expand_paths, path_key
from backcoach.core.problems import STYLES, Style, format_problems

if TYPE_CHECKING:
    from backcoach.core.loader import LoadResult

MAX_PER_FILE = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check routine files (and exercise libraries) and report every mistake as "
        "FILE:LINE:COL: message, with the line, a caret under the column, and the fix "
        "where there is one. Folders are searched for *.yaml and *.yml files."
    )
    parser.epilog = "Exit status: 0 all valid, 1 a file has problems, 2 usage error."
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a routine file or folder")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only the problems, no summary line"
    )
    parser.add_argument(
        "--format",
        choices=STYLES,
        default="full",
        help="full (default): each problem with its line, a caret and the fix; "
        "short: one FILE:LINE:COL: message line per problem, for editors",
    )


def run(args: argparse.Namespace) -> int:
    return check(args.paths, quiet=args.quiet, style=args.format)


def checked(files: list[FileArg], index: LibraryIndex) -> list[LoadResult]:
    """`check_files`, with the cyclic garbage collector paused.

    Checking makes a great many short-lived objects (YAML nodes, problems) and
    no reference cycles worth collecting, so the collector's passes over them
    are wasted (about a tenth of the time); reference counting frees them.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        return check_files(files, index)
    finally:
        if was_on:
            gc.enable()


def check(
    paths: list[str],
    *,
    quiet: bool = False,
    style: Style = "full",
    out: TextIO | None = None,
    err: TextIO | None = None,
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
    index = LibraryIndex()
    results = libraries_first(checked(files, index), index)
    bad = 0
    for result in results:
        if result.problems:
            bad += 1
            for line in format_problems(result.problems, limit=MAX_PER_FILE, style=style):
                print(line, file=out)
    if not quiet:
        plural = "s" if len(results) != 1 else ""
        if bad:
            print(f"{bad} of {len(results)} file{plural} with problems", file=err)
        else:
            print(f"{len(results)} file{plural} checked, all valid", file=err)
    return 1 if bad else 0


def libraries_first(results: list[LoadResult], index: LibraryIndex) -> list[LoadResult]:
    """`results` with the libraries first; a library with errors that a routine's
    exercises come from is checked too when it was not asked for, so that the
    routine's "see above" has something above it."""
    if not any(r.blamed for r in results):  # the usual case: no path needs resolving
        return [r for r in results if r.is_library] + [r for r in results if not r.is_library]
    seen = {path_key(r.path) for r in results}
    extra: list[LoadResult] = []
    for result in results:
        for path in result.blamed:
            if path_key(path) not in seen:
                seen.add(path_key(path))
                shown = os.path.join(os.path.dirname(result.display), path.name)
                extra.append(index.load(path, shown))
    blamed = {path_key(p) for r in results for p in r.blamed}

    def library(result: LoadResult) -> bool:
        return result.is_library or path_key(result.path) in blamed

    return extra + [r for r in results if library(r)] + [r for r in results if not library(r)]
