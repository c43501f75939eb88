"""Problems found in a routine file, reported GNU style: FILE:LINE:COL: message.

`str(problem)` is the GNU line editors parse. `render` adds, like rustc and Elm,
the source line with a caret under the column and a `help:` line with the fix
where there is one:

    routines/back.yaml:8:11: steps[0].hold: expected a duration like 30s ..., got '30 sec'
     8 |     hold: 30 sec
       |           ^
       = help: write 30s
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

Style = Literal["full", "short", "line"]
STYLES: tuple[str, ...] = ("full", "short")
"""The styles `backcoach check --format` offers ("line" is for the window's lists)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a file. `line` and `col` are 1-based; `file` is shown as given.

    `help` is the fix, where there is one ("write 30s"); `source` the text of the
    line (filled in by the loader). Neither takes part in comparisons.
    """

    file: str
    line: int
    col: int
    message: str
    help: str = field(default="", compare=False)
    source: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class RoutineError(ValueError):
    """A file that cannot be used; `problems` says every reason, where."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid routine file")


def with_sources(problems: Iterable[Problem], text: str) -> list[Problem]:
    """`problems` with the text of their line attached (for `render`)."""
    lines = text.split("\n")
    out = []
    for p in problems:
        source = lines[p.line - 1].rstrip("\r") if 0 < p.line <= len(lines) else ""
        out.append(replace(p, source=source) if source.strip() else p)
    return out


def _width(text: str) -> int:
    """Terminal columns `text` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def render(problem: Problem, style: Style = "full") -> list[str]:
    """The lines that show one problem: the GNU line, then (full) its source, caret and help.

    `short` is the GNU line alone; `line` the GNU line with " — help: ..." after it.
    """
    lines = [str(problem)]
    if style == "short":
        return lines
    if style == "line":
        return [f"{problem} — help: {problem.help}" if problem.help else str(problem)]
    number = str(problem.line)
    gutter = " " * (len(number) + 1)
    if problem.source:
        source = problem.source.replace("\t", " ")
        caret = " " * _width(source[: max(0, problem.col - 1)]) + "^"
        lines += [f" {number} | {source}", f"{gutter} | {caret}"]
    if problem.help:
        lines.append(f"{gutter} = help: {problem.help}")
    return lines


def format_problems(
    problems: Iterable[Problem], *, limit: int = 50, style: Style = "short"
) -> list[str]:
    """Lines for `problems`, at most `limit` of them, then one line saying how many more.

    `short` gives one GNU line per problem, `line` the same with its help after it;
    `full` adds each one's source line, caret and help (see `render`).
    """
    items = list(problems)
    lines: list[str] = []
    for p in items[:limit]:
        lines += render(p, style)
    if len(items) > limit:
        rest = items[limit]
        more = len(items) - limit
        lines.append(
            f"{rest.file}:{rest.line}:{rest.col}: ... and {more} more "
            f"problem{'s' if more != 1 else ''} in this file (fix the ones above first)"
        )
    return lines
