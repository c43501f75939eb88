"""backcoach export: write the session history as JSON, CSV, PDF or FHIR.

json is complete (the backup and moving-computers format, read back by
`backcoach import`); csv is one row per session for a spreadsheet; pdf is a
report for the therapist; fhir is an HL7 FHIR R4 Bundle of the pain scores.
Without -o the export goes to standard output (pdf needs -o). Exit status:
0 written, 1 the history or the output could not be used, 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO

from backcoach.core.export import export_json, fhir_bundle, write_csv
from backcoach.core.history import HistoryUnavailable, open_history
from backcoach.core.instance import app_running
from backcoach.core.paths import AppPaths, standard_data_dir
from backcoach.core.records import BreakRecord, SessionRecord

FORMATS = ("json", "csv", "pdf", "fhir")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2025-03-01: {text!r}") from None


def add_data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the data folder holding history.sqlite3 (default: $BACKCOACH_DATA_DIR, "
        "else the standard data folder)",
    )


def data_paths(args: argparse.Namespace) -> AppPaths:
    return AppPaths(data_dir=args.data_dir or standard_data_dir())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    parser.add_argument(
        "--since", type=iso_date, metavar="DATE", help="first day to include (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--until", type=iso_date, metavar="DATE", help="last day to include (YYYY-MM-DD)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here instead of to stdout"
    )
    add_data_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.format == "pdf" and args.output is None:
        print("backcoach export: --format pdf needs -o FILE", file=sys.stderr)
        return 2
    if args.since and args.until and args.since > args.until:
        print(
            f"backcoach export: --since {args.since} is after --until {args.until}",
            file=sys.stderr,
        )
        return 2
    folder = args.output.expanduser().parent if args.output is not None else None
    if folder is not None and not folder.is_dir():
        print(
            f"backcoach export: cannot write {args.output}: there is no folder {folder}",
            file=sys.stderr,
        )
        return 1
    db_path = data_paths(args).db_path
    sessions: list[SessionRecord] = []
    breaks: list[BreakRecord] = []
    problem = _data_folder_problem(db_path)
    if problem is not None:  # not "no history yet": the data folder is wrong
        print(f"backcoach export: {problem}", file=sys.stderr)
        return 1
    if not os.path.lexists(db_path):
        print(f"backcoach export: no history yet in {db_path.parent}", file=sys.stderr)
    else:
        # A window may be running a session right now: then leave `running` ones
        # out. With no window alive, a `running` session is one whose app died; it
        # is exported as interrupted (the database is left as it is: the app marks
        # it when it next opens). Never move a damaged file from here.
        live = app_running(db_path.parent)
        try:
            with open_history(db_path, recover=False, repair=False) as store:
                sessions = store.sessions(
                    since=args.since, until=args.until, include_running=not live
                )
                breaks = store.breaks(since=args.since, until=args.until)
            sessions = [
                dataclasses.replace(s, status="interrupted") if s.status == "running" else s
                for s in sessions
            ]
        except HistoryUnavailable as exc:
            print(f"backcoach export: {exc.message}", file=sys.stderr)
            return 1
    if args.format == "pdf":
        return _write_pdf(sessions, breaks, args)
    writer = _text_writer(args.format, sessions, breaks)
    if args.output is None:
        writer(sys.stdout)
        sys.stdout.flush()
        return 0
    # Files get a BOM in CSV so Excel reads accents right (LibreOffice ignores it).
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    try:
        _write_atomically(args.output, writer, encoding)
    except OSError as exc:
        print(
            f"backcoach export: cannot write {args.output}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    print(
        f"Exported {len(sessions)} session{'s' if len(sessions) != 1 else ''} "
        f"to {args.output} ({args.format})",
        file=sys.stderr,
    )
    return 0


def _text_writer(
    fmt: str, sessions: list[SessionRecord], breaks: list[BreakRecord]
) -> Callable[[IO[str]], None]:
    def write(fh: IO[str]) -> None:
        if fmt == "csv":
            write_csv(sessions, fh)
            return
        now = datetime.now().astimezone()
        if fmt == "json":
            data = export_json(sessions, exported_at=now, breaks=breaks)
        else:
            data = fhir_bundle(sessions, timestamp=now)
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")

    return write


def _write_atomically(path: Path, writer: Callable[[IO[str]], None], encoding: str) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written export."""
    path = path.expanduser()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            writer(fh)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _data_folder_problem(db_path: Path) -> str | None:
    """Why the history's folder cannot be used (a file in the way, no permission), or None.

    os.stat, not Path.exists / is_file: those raise PermissionError (Python 3.11,
    3.12) for a folder whose mode is 000.
    """
    folder = db_path.parent
    for path in (db_path, folder, *folder.parents):
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):  # a file above: named further up
            continue
        except OSError as exc:
            return f"cannot use {folder} as the data folder: {path}: {exc.strerror or exc}"
        if path != db_path and not stat.S_ISDIR(st.st_mode):
            return f"cannot use {folder} as the data folder: {path} is a file, not a folder"
    return None


def _write_pdf(
    sessions: list[SessionRecord], breaks: list[BreakRecord], args: argparse.Namespace
) -> int:
    try:
        from backcoach.ui.report import write_pdf_report
    except (ImportError, AttributeError) as exc:
        print(
            f"backcoach export: PDF export is not available in this installation ({exc}). "
            "Use --format csv or json instead.",
            file=sys.stderr,
        )
        return 1
    if args.since is not None and args.until is not None:
        title = f"Session history, {args.since} – {args.until}"
    elif args.since is not None:
        title = f"Session history from {args.since}"
    elif args.until is not None:
        title = f"Session history up to {args.until}"
    else:
        title = "Session history"
    try:
        write_pdf_report(
            sessions, breaks, args.output, since=args.since, until=args.until, title=title
        )
    except OSError as exc:
        # The report's own message already names the file.
        why = f"{args.output}: {exc.strerror}" if exc.strerror else str(exc)
        print(f"backcoach export: cannot write {why}", file=sys.stderr)
        return 1
    print(f"Exported {len(sessions)} sessions to {args.output} (pdf)", file=sys.stderr)
    return 0


__all__ = ["add_arguments", "add_data_dir_argument", "data_paths", "iso_date", "run"]
