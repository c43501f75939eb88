"""Sentences for the person, as the core writes them: an English template and its values.

The core never translates. The UI looks the template up in its catalogue (in the
context the module's templates are registered under, see ui/translatable.py),
then fills in the values, which is what `ui/translations.parts_text` does: a
`Message` is a (template, values) pair, so a list of them is such "parts".
`str(message)` is the English sentence, for the command line and for tests.
"""

from __future__ import annotations

from typing import NamedTuple

VERBATIM = "{0}"
"""A template for words that are shown as they are (a routine file's problem lines)."""


class Message(NamedTuple):
    """One sentence: `template.format(*values)`, with the template translated first."""

    template: str
    values: tuple[object, ...] = ()

    def __str__(self) -> str:
        return self.template.format(*self.values)


def verbatim(text: str) -> Message:
    """`text` as a message whose template no catalogue translates."""
    return Message(VERBATIM, (text,))
