"""backcoach import: merge a JSON history export into the log.

Importing the same file twice adds nothing (sessions are matched by their
uuid, or by routine and start time). A file that is not a backcoach export,
or has a malformed field, is refused with what is wrong and where, and the
log is left unchanged. Exit status: 0 imported, 1 refused or failed, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backcoach.commands.export import add_data_dir_argument, data_paths
from backcoach.core.history import HistoryUnavailable, open_history
from backcoach.core.log.importer import ImportProblem, import_sessions, read_export_data


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.json", help="a `backcoach export` file")
    add_data_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    try:
        data = read_export_data(args.file)
    except ImportProblem as exc:
        print(f"backcoach import: {exc.message}", file=sys.stderr)
        return 1
    db_path = data_paths(args).db_path
    try:
        # recover=False: the app may be running a session right now.
        with open_history(db_path, recover=False) as store:
            if store.notice:
                print(f"backcoach import: {store.notice}", file=sys.stderr)
            result = import_sessions(store, data)
    except HistoryUnavailable as exc:
        print(f"backcoach import: {exc.message}", file=sys.stderr)
        return 1
    except ImportProblem as exc:
        print(f"backcoach import: {args.file}: {exc.message}", file=sys.stderr)
        return 1
    print(
        f"Imported {args.file}: {result.added} session{'s' if result.added != 1 else ''} "
        f"added, {result.skipped} already in the history ({db_path})"
    )
    return 0
