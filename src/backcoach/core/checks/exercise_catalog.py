"""Where a routine finds exercises it does not define itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backcoach.core.routine import Exercise


@dataclass(frozen=True)
class BrokenLibrary:
    """A library file with errors: its name, where it is, and the exercise ids it names."""

    name: str
    path: Path
    ids: frozenset[str]


@dataclass(frozen=True)
class ExerciseCatalog:
    """Exercises a routine may use besides its own, in priority order.

    `sources` are (label, exercises) pairs, e.g. ("exercises.yaml in this
    folder", {...}) then ("the bundled library", {...}); the first that has
    an id wins.
    """

    sources: tuple[tuple[str, Mapping[str, Exercise]], ...] = ()
    broken: tuple[BrokenLibrary, ...] = ()
    """Library files with errors: an id they name is blamed on them, not called unknown."""

    def find(self, exercise_id: str) -> Exercise | None:
        for _, exercises in self.sources:
            found = exercises.get(exercise_id)
            if found is not None:
                return found
        return None

    def broken_source(self, exercise_id: str) -> BrokenLibrary | None:
        """The library with errors that names `exercise_id` (so it may be defined there)."""
        for library in self.broken:
            if exercise_id in library.ids:
                return library
        return None

    def ids(self) -> list[str]:
        out: dict[str, None] = {}
        for _, exercises in self.sources:
            out.update(dict.fromkeys(exercises))
        return list(out)

    def describe(self) -> str:
        labels = ["this file", *(label for label, _ in self.sources)]
        if len(labels) == 1:
            return labels[0]
        return ", ".join(labels[:-1]) + " and " + labels[-1]
