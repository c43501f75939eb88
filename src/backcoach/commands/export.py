"""backcoach export: write the session history as JSON, CSV, PDF or FHIR.

json is complete (the backup and moving-computers format, read back by
`backcoach import`); csv is one row per session for a spreadsheet; pdf is a
report for the therapist; fhir is an HL7 FHIR R4 Bundle of the pain scores.
Without -o the export goes to standard output (pdf needs -o). Exit status:
0 written, 1 the history or the output could not be used, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from backcoach.core.export import (
    EXPORT_FORMATS,
    ExportJob,
    PdfRenderer,
    export_text,
    records_for_export,
    write_export,
)
from backcoach.core.history import HistoryUnavailable, open_history
from backcoach.core.instance import app_running
from backcoach.core.library import scan_library
from backcoach.core.log.records import BreakRecord, SessionRecord
from backcoach.core.paths import AppPaths, standard_data_dir
from backcoach.core.routine import Prescribed
from backcoach.core.settings import SettingsStore


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
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="default: json")
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


def run(args: argparse.Namespace, *, now: Callable[[], datetime] | None = None) -> int:
    """`now` stamps the export (JSON `exported_at`, FHIR `timestamp`); tests fix it."""
    problem = _usage_problem(args)
    if problem is not None:
        code, text = problem
        print(f"backcoach export: {text}", file=sys.stderr)
        return code
    paths = data_paths(args)
    try:
        sessions, breaks = _read_history(paths.db_path, args.since, args.until)
    except _Refused as exc:
        print(f"backcoach export: {exc}", file=sys.stderr)
        return 1
    made_at = (now or _now)()
    if args.format == "pdf":
        return _write_pdf(sessions, breaks, args, paths, made_at)
    job = ExportJob(sessions, breaks, args.since, args.until, made_at)
    if args.output is None:
        sys.stdout.write(export_text(args.format, job))
        sys.stdout.flush()
        return 0
    return _write(args, job, None)


class _Refused(Exception):
    """The history cannot be used: the message says why."""


def _now() -> datetime:
    return datetime.now().astimezone()


def _usage_problem(args: argparse.Namespace) -> tuple[int, str] | None:
    """(exit status, message) when the arguments cannot work, else None."""
    if args.format == "pdf" and args.output is None:
        return 2, "--format pdf needs -o FILE"
    if args.since and args.until and args.since > args.until:
        return 2, f"--since {args.since} is after --until {args.until}"
    folder = args.output.expanduser().parent if args.output is not None else None
    if folder is not None and not folder.is_dir():
        return 1, f"cannot write {args.output}: there is no folder {folder}"
    return None


def _read_history(
    db_path: Path, since: date | None, until: date | None
) -> tuple[list[SessionRecord], list[BreakRecord]]:
    """The period's records; none (said on stderr) when there is no history yet."""
    problem = _data_folder_problem(db_path)
    if problem is not None:  # not "no history yet": the data folder is wrong
        raise _Refused(problem)
    if not os.path.lexists(db_path):
        print(f"backcoach export: no history yet in {db_path.parent}", file=sys.stderr)
        return [], []
    # A window may be running a session right now. Never move a damaged file from here.
    live = app_running(db_path.parent)
    try:
        with open_history(db_path, recover=False, repair=False) as store:
            return records_for_export(store, since, until, app_running=live)
    except HistoryUnavailable as exc:
        raise _Refused(exc.message) from exc


def _write(args: argparse.Namespace, job: ExportJob, render_pdf: PdfRenderer | None) -> int:
    try:
        write_export(args.format, args.output, job, render_pdf=render_pdf)
    except OSError as exc:
        print(
            f"backcoach export: cannot write {args.output}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    n = len(job.sessions)
    print(
        f"Exported {n} session{'s' if n != 1 else ''} to {args.output} ({args.format})",
        file=sys.stderr,
    )
    return 0


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
    sessions: list[SessionRecord],
    breaks: list[BreakRecord],
    args: argparse.Namespace,
    paths: AppPaths,
    made_at: datetime,
) -> int:
    try:
        from backcoach.ui.history.report import ensure_gui_app, headless_platform, render_pdf_report
    except (ImportError, AttributeError) as exc:
        print(
            f"backcoach export: PDF export is not available in this installation ({exc}). "
            "Use --format csv or json instead.",
            file=sys.stderr,
        )
        return 1
    ensure_gui_app(headless_platform(os.environ))  # a PDF is drawn without a display too
    job = ExportJob(
        sessions,
        breaks,
        args.since,
        args.until,
        made_at,
        title=_pdf_title(args.since, args.until),
        targets=_targets(paths),
    )
    return _write(args, job, render_pdf_report)


def _pdf_title(since: date | None, until: date | None) -> str:
    if since is not None and until is not None:
        return f"Session history, {since} – {until}"
    if since is not None:
        return f"Session history from {since}"
    if until is not None:
        return f"Session history up to {until}"
    return "Session history"


def _targets(paths: AppPaths) -> dict[str, Prescribed]:
    """Each routine's prescription, from the folders the window lists (problems on stderr)."""
    settings = SettingsStore(paths.settings_path).load()
    catalog = scan_library(paths, settings.routine_folders)
    for text in catalog.problem_texts():
        print(f"backcoach export: {text}", file=sys.stderr)
    return catalog.targets()


__all__ = ["add_arguments", "add_data_dir_argument", "data_paths", "iso_date", "run"]
