"""Problems found in a routine file, reported GNU style: FILE:LINE:COL: message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a file. `line` and `col` are 1-based; `file` is shown as given."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class RoutineError(ValueError):
    """A file that cannot be used; `problems` says every reason, where."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid routine file")


def format_problems(problems: Iterable[Problem], *, limit: int = 50) -> list[str]:
    """GNU lines for `problems`, at most `limit`, then one line saying how many more."""
    items = list(problems)
    lines = [str(p) for p in items[:limit]]
    if len(items) > limit:
        rest = items[limit]
        more = len(items) - limit
        lines.append(
            f"{rest.file}:{rest.line}:{rest.col}: ... and {more} more "
            f"problem{'s' if more != 1 else ''} in this file (fix the ones above first)"
        )
    return lines
