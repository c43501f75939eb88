"""backcoach plan: show a routine's session as it will run, with its total length."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from backcoach.core import plan_words
from backcoach.core.durations import format_duration, format_offset
from backcoach.core.library import (
    ROUTINE_SUFFIXES,
    LibraryIndex,
    load_routine,
    scan_library,
)
from backcoach.core.paths import AppPaths, standard_data_dir
from backcoach.core.plan import Plan, Segment, build_plan
from backcoach.core.problems import RoutineError, format_problems
from backcoach.core.settings import SettingsStore
from backcoach.core.stages import StageError, check_stage

NO_FLARE_NOTE = "note: this routine has no flare variant; it runs unchanged on flare days"
WHAT_WIDTH = 36
"""The widest the "what" column gets: with the others the table fits 80 columns."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Show the session a routine file makes, segment by segment, and its total length."
    )
    parser.add_argument(
        "routine",
        metavar="ROUTINE",
        help="a routine file, or a routine's id (its file name without .yaml, "
        "looked up in the bundled routines and your own, as --start does)",
    )
    parser.add_argument(
        "--flare", action="store_true", help="plan the flare-day variant (flare: scale and skip)"
    )
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.add_argument(
        "--stage",
        type=int,
        default=1,
        metavar="N",
        help="plan stage N of the routine's stages (1 is the steps as written)",
    )


def run(args: argparse.Namespace) -> int:
    return plan(args.routine, flare=args.flare, as_json=args.json, stage=args.stage)


def plan(
    file: str,
    *,
    flare: bool = False,
    as_json: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stage: int = 1,
) -> int:
    """Print the plan of `file`. 0 done, 1 the file has problems, 2 no such file or stage."""
    out = out or sys.stdout
    err = err or sys.stderr
    path = Path(file)
    if not path.exists() and _looks_like_id(file):
        found = find_routine_by_id(file)
        if found is not None:
            path, file = found, str(found)
    if not path.is_file():
        what = (
            "no such file or routine id"
            if not path.exists()
            else "not a routine file (a folder, pipe or device)"
        )
        print(f"backcoach plan: {file}: {what}", file=err)
        return 2
    try:
        routine = load_routine(path, display=file, index=LibraryIndex())
    except RoutineError as exc:
        for line in format_problems(exc.problems, style="full"):
            print(line, file=err)
        return 1
    try:
        check_stage(routine, stage)
    except StageError as exc:
        print(f"backcoach plan: {file}: {exc}", file=err)
        return 2
    if flare and routine.flare is None:
        print(NO_FLARE_NOTE, file=err if as_json else out)
    result = build_plan(routine, flare=flare, stage=stage)
    if as_json:
        json.dump(plan_json(result), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(render_table(result))
    return 0


def _looks_like_id(text: str) -> bool:
    return (
        bool(text)
        and "/" not in text
        and os.sep not in text
        and not text.endswith(ROUTINE_SUFFIXES)
    )


def find_routine_by_id(routine_id: str, paths: AppPaths | None = None) -> Path | None:
    """The file of the routine `routine_id` in the folders the window lists, or None.

    The same folders as `backcoach --start ID`: the bundled routines, the user's
    own (imported) routines and the folders chosen in Settings.
    """
    paths = paths or AppPaths(data_dir=standard_data_dir())
    folders = SettingsStore(paths.settings_path).load().routine_folders
    entry = scan_library(paths, folders).find(routine_id)
    return entry.path if entry is not None and entry.routine is not None else None


def render_table(result: Plan) -> str:
    """A fixed-width table: start, what, side, set, rep, duration; then the total.

    Labels (an exercise's name, a rest step's `say`) are cut to WHAT_WIDTH with "…";
    start times and durations are both shown to the tenth of a second.
    """
    header = ("start", "what", "side", "set", "rep", "duration")
    rows = [header] + [_row(s) for s in result.segments]
    rows = [(r[0], cut(r[1], WHAT_WIDTH), *r[2:]) for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    title = result.title + (" (flare day)" if result.flare else "")
    lines.append(title)
    if result.stage is not None:
        lines.append(f"stage {result.stage}: {result.stage_name}")
    lines.append("")
    for n, row in enumerate(rows):
        cells = [
            row[i].rjust(widths[i]) if i in (0, 3, 4, 5) else row[i].ljust(widths[i])
            for i in range(len(row))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"total: {plan_words.total_words(result).english()}")
    return "\n".join(lines) + "\n"


def plan_json(result: Plan) -> dict[str, object]:
    """The plan as JSON, each segment labelled as the window labels it (in English)."""
    segments = [
        {**seg.to_json(), "label": plan_words.segment_label(seg).english()}
        for seg in result.segments
    ]
    return {**result.to_json(), "segments": segments}


def _row(s: Segment) -> tuple[str, str, str, str, str, str]:
    name = s.exercise.name if s.exercise else ""
    if s.kind == "get-ready":
        what = "get ready"
    elif s.kind == "hold":
        what = f"hold: {name}"
    elif s.kind == "timed":
        what = f"timed: {name}"
    elif s.kind == "reps":
        pace = f" every {format_duration(s.rep_time)}" if s.rep_time else " (self-paced)"
        each = " each side, alternating," if s.alternate else ""
        what = f"{s.reps} reps{each}{pace}: {name}"
    elif s.kind == "relax":
        what = "relax"
    elif s.kind == "switch":
        what = "switch sides"
    else:
        between = plan_words.rest_between_sets(s)
        what = f"rest: {s.say}" if s.say else ("rest between sets" if between else "rest")
    side = s.side or ("alternate" if s.alternate else "")
    set_text = f"{s.set}/{s.sets}" if plan_words.set_words(s) else ""
    rep_text = f"{s.rep}/{s.reps}" if s.rep is not None and s.reps and s.reps > 1 else ""
    duration = "self-paced" if s.duration is None else format_duration(s.duration)
    return (format_offset(s.start), what, side, set_text, rep_text, duration)


def cut(text: str, width: int) -> str:
    """`text`, or its first `width - 1` characters and "…" when longer."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
