"""Where a routine finds exercises it does not define itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backcoach.core.routine import Exercise


@dataclass(frozen=True)
class ExerciseCatalog:
    """Exercises a routine may use besides its own, in priority order.

    `sources` are (label, exercises) pairs, e.g. ("exercises.yaml in this
    folder", {...}) then ("the bundled library", {...}); the first that has
    an id wins.
    """

    sources: tuple[tuple[str, Mapping[str, Exercise]], ...] = ()

    def find(self, exercise_id: str) -> Exercise | None:
        for _, exercises in self.sources:
            found = exercises.get(exercise_id)
            if found is not None:
                return found
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
