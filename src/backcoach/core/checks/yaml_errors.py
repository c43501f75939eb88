"""YAML syntax errors in plain words, on the line where the mistake is, with the fix.

A parser stops where it noticed the mistake, which is often the line after it
("could not find expected ':'" on line 39 for a missing colon on line 38), and
says so in its own words, which differ between libyaml and PyYAML's pure-Python
parser. `explain` reads the source around the parser's marks and works out the
mistake a person makes (a missing colon, a missing space after ':' or '-', a
line indented more or less than the key above it, text with ': ' in it, a tab)
and says it the same way whichever parser found it. Nothing here passes a
parser's wording through.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from backcoach.core.checks.keys import FORMAT_KEYS

TEXT_KEYS = frozenset(
    {"title", "summary", "author", "say", "show", "name", "how", "careful", "ask", "advice"}
)
"""Keys whose value is a text, which may go on over several lines."""

USE_SPACES = "indent with spaces only (most editors can insert spaces when you press Tab)"

_KEY = re.compile(
    r"^(?P<lead>[ ]*(?:-[ ]+)*)(?P<key>[^\s#'\"\[\]{}:,&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?)[ ]*:(?=\s|$)"
)
"""`  - key: value`: the key of a block line (after any `- `), and where its ':' is."""
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_NO_SPACE = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?P<value>[^\s:/][^\n]*)$")


@dataclass(frozen=True)
class Explained:
    """A syntax mistake: 1-based line and column, what is wrong, and the fix if there is one."""

    line: int
    col: int
    message: str
    help: str = ""


def quote(text: str) -> str:
    """`text` as a YAML quoted scalar a person would write: "..." unless it has " or \\."""
    text = text.strip()
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


class Source:
    """The text of a file, line by line, with the questions the explanations ask of it."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def line(self, n: int) -> str:
        return self.lines[n] if 0 <= n < len(self.lines) else ""

    def indent(self, n: int) -> int:
        text = self.line(n)
        return len(text) - len(text.lstrip(" "))

    def content(self, n: int) -> bool:
        stripped = self.line(n).strip()
        return bool(stripped) and not stripped.startswith("#")

    def previous(self, n: int) -> int | None:
        """The nearest line above `n` with something on it (not blank, not a comment)."""
        for i in range(min(n, len(self.lines)) - 1, -1, -1):
            if self.content(i):
                return i
        return None

    def last(self) -> int:
        for i in range(len(self.lines) - 1, -1, -1):
            if self.content(i):
                return i
        return 0

    def key(self, n: int) -> tuple[int, str, int] | None:
        """(column of the key, the key, column of its ':') of line `n`, 0-based; None if none."""
        match = _KEY.match(self.line(n))
        if match is None:
            return None
        return match.start("key"), match.group("key"), match.end() - 1


# -- the explanations, one per kind of mistake -------------------------------------


def _missing_colon(src: Source, line: int, col: int) -> Explained:
    """A line read as a key that never got its ':' ("say Hold", "hold:30s")."""
    text = src.line(line)
    segment = text[col:].rstrip()
    no_space = _NO_SPACE.match(segment)
    if no_space is not None:
        key, value = no_space.group("key"), no_space.group("value")
        return Explained(
            line + 1,
            col + 1,
            f"'{key}:{value}' needs a space after ':'",
            f"write {key}: {value}",
        )
    word = _WORD.match(segment)
    if word is None:
        return Explained(line + 1, col + 1, "missing ':' on this line; a key needs ':' after it")
    key, rest = word.group(), segment[word.end() :].strip()
    fix = f"write {key}: {rest}" if rest else f"write {key}: and then its value"
    return Explained(line + 1, col + 1, f"missing ':' after '{key}'", fix)


def _lined_up(src: Source, line: int) -> str:
    """ "line it up with 'hold:' on line 5 (4 spaces)": the key above `line`."""
    above = src.previous(line)
    found = src.key(above) if above is not None else None
    if above is None or found is None:
        return "line it up with the keys above it"
    col, key, _ = found
    spaces = f"{col} space{'s' if col != 1 else ''}"
    return f"line it up with '{key}:' on line {above + 1} ({spaces})"


def _more_indented(src: Source, line: int) -> Explained:
    return Explained(
        line + 1,
        src.indent(line) + 1,
        "this line is indented more than the key above it",
        _lined_up(src, line),
    )


def _less_indented(src: Source, line: int, extra: str = "") -> Explained:
    return Explained(
        line + 1,
        src.indent(line) + 1,
        "this line is indented less than the key above it",
        _lined_up(src, line) + extra,
    )


def _text_with_colon(src: Source, line: int, col: int, key: str, value: str) -> Explained:
    return Explained(
        line + 1,
        col + 1,
        "this text has ': ' in it, which YAML reads as a new key; put the text in quotes",
        f"write {key}: {quote(value)}",
    )


def _colon_in_value(src: Source, line: int, col: int) -> Explained:
    """ "mapping values are not allowed": a ': ' where YAML did not expect a key."""
    found = src.key(line)
    text = src.line(line)
    if found is not None and found[2] < col:  # a second ': ' on the key's own line
        _, key, colon = found
        return _text_with_colon(src, line, col, key, text[colon + 1 :])
    above = src.previous(line)
    above_key = src.key(above) if above is not None else None
    dash = _dash_without_space(src, above) if above is not None else None
    if dash is not None:  # `-exercise: x` read as a key, the next line then looks deeper
        return dash
    if above is not None and above_key is None and src.indent(above) == src.indent(line):
        return _missing_colon(src, above, src.indent(above))  # `name Knee` then `how: ...`
    if above is None or above_key is None:
        return Explained(
            line + 1,
            col + 1,
            "a ':' here that YAML reads as a key; if it is part of the text, "
            "put the text in quotes",
        )
    word = found[1] if found is not None else ""
    if above_key[1] in TEXT_KEYS and word not in FORMAT_KEYS:  # the text goes on here
        _, key, colon = above_key
        value = src.line(above)[colon + 1 :].strip() + " " + text.strip()
        return _text_with_colon(src, line, col, key, value)
    return _more_indented(src, line)


def _dash_without_space(src: Source, line: int) -> Explained | None:
    text = src.line(line)
    stripped = text.lstrip(" ")
    if len(stripped) < 2 or stripped[0] != "-" or stripped[1] in " \t-":
        return None
    col = len(text) - len(stripped)
    return Explained(
        line + 1,
        col + 1,
        "a list item needs a space after '-'",
        f"write - {stripped[1:].strip()}",
    )


def _block_list(src: Source, line: int, col: int, list_col: int) -> Explained:
    """A line that breaks a `- ` list: `-rest: 1m`, or a key lined up with no item."""
    dash = _dash_without_space(src, line)
    if dash is not None:
        return dash
    if col != src.indent(line):
        return _after_value(src, line, col)
    extra = ", or start a new item with '- '" if src.indent(line) <= list_col else ""
    above = src.previous(line)
    above_key = src.key(above) if above is not None else None
    if above_key is not None and src.indent(line) > above_key[0]:
        return _more_indented(src, line)
    return _less_indented(src, line, extra)


def _after_value(src: Source, line: int, col: int) -> Explained:
    """Something after a complete value on one line: `[Optional] stretch`, `"Breathe" slowly`."""
    found = src.key(line)
    text = src.line(line)
    if found is None:
        return _generic(src, line, col)
    _, key, colon = found
    value = text[colon + 1 :].strip()
    start = text.index(value, colon + 1) if value else col
    first = value[:1]
    if first == "'" and re.search(r"[A-Za-z]'[A-Za-z]", value):
        return Explained(
            line + 1,
            start + 1,
            "an apostrophe inside '...' ends the text; write it twice ('') or use double quotes",
            f'write {key}: "{value[1:-1] if value.endswith(chr(39)) else value[1:]}"',
        )
    if first in ("[", "{"):
        what = "a list" if first == "[" else "a mapping"
        return Explained(
            line + 1,
            start + 1,
            f"a value that starts with '{first}' is read as {what}; put the whole text in quotes",
            f"write {key}: {quote(value)}",
        )
    if first in ("'", '"'):
        return Explained(
            line + 1,
            start + 1,
            "the quoted part ends at its closing quote, and more text follows; "
            "put the whole text in quotes",
            f"write {key}: {quote(value)}",
        )
    return _generic(src, line, col)


def _block_mapping(src: Source, line: int, col: int) -> Explained:
    """ "did not find expected key": a line that fits no mapping above it."""
    text = src.line(line)
    if text[col : col + 1] == ":" and col == src.indent(line):
        return Explained(line + 1, col + 1, "a key is missing before ':'")
    dash = _dash_without_space(src, line)
    if dash is not None:
        return dash
    if col != src.indent(line):
        return _after_value(src, line, col)
    above = src.previous(line)
    above_key = src.key(above) if above is not None else None
    dash = _dash_without_space(src, above) if above is not None else None
    if dash is not None:  # `-ask: x` read as a key, then `- ask: y` fits no mapping
        return dash
    if above_key is None:
        return _generic(src, line, col)
    if src.indent(line) > above_key[0]:
        return _more_indented(src, line)
    if src.indent(line) < above_key[0]:
        return _less_indented(src, line)
    return _generic(src, line, col)


def _tab(src: Source, line: int, col: int) -> Explained:
    before = src.line(line)[:col]
    if re.fullmatch(r"[ \t]*(?:[-?:][ \t]+)*[-?:]?", before):
        return Explained(line + 1, col + 1, "a tab in the indentation; use spaces", USE_SPACES)
    return Explained(
        line + 1,
        col + 1,
        "a tab outside quotes; use spaces",
        "replace the tab with a space, or put the text in quotes",
    )


def _cannot_start(src: Source, line: int, col: int) -> Explained:
    ch = src.line(line)[col : col + 1]
    if ch == "\t":
        return _tab(src, line, col)
    found = src.key(line)
    fix = ""
    if found is not None and found[2] < col:
        fix = f"write {found[1]}: {quote(src.line(line)[found[2] + 1 :])}"
    return Explained(
        line + 1,
        col + 1,
        f"a value cannot start with '{ch}'; put the text in quotes",
        fix,
    )


def _special_start(src: Source, line: int, col: int, what: str) -> Explained:
    """Text starting with `&`, `*`, `|`, `>` or `%`, which YAML reads as something else."""
    ch = src.line(line)[col : col + 1] or "?"
    found = src.key(line)
    fix = ""
    if found is not None and found[2] < col:
        fix = f"write {found[1]}: {quote(src.line(line)[found[2] + 1 :])}"
    return Explained(
        line + 1,
        col + 1,
        f"a value that starts with '{ch}' is read as {what}; put the text in quotes",
        fix,
    )


def _unclosed_quote(src: Source, line: int, col: int) -> Explained:
    mark = src.line(line)[col : col + 1] or '"'
    return Explained(
        line + 1,
        col + 1,
        f"this {mark} is never closed",
        f"end the text with {mark}, or remove the {mark} at its start",
    )


def _unclosed_flow(src: Source, line: int, col: int, closing: str) -> Explained:
    opening = "[" if closing == "]" else "{"
    what = "list" if closing == "]" else "mapping"
    return Explained(
        line + 1,
        col + 1,
        f"this '{opening}' is not closed with '{closing}'",
        f"end the {what} with '{closing}' on the same line, or, if it is text, "
        "put the text in quotes",
    )


def _bad_escape(src: Source, line: int, col: int, start: int) -> Explained:
    text = src.line(line)
    at = text.rfind("\\", start, col + 1)
    col = at if at >= 0 else col
    found = src.key(line)
    fix = ""
    if found is not None:
        value = text[found[2] + 1 :].strip()
        if value.startswith('"') and value.endswith('"'):
            fix = f"write {found[1]}: '{value[1:-1]}'"
    return Explained(
        line + 1,
        col + 1,
        'a backslash inside "..." starts an escape like \\n; '
        "write \\\\ for a backslash, or use single quotes",
        fix,
    )


def _list_after_key(src: Source, line: int, col: int) -> Explained:
    item = src.line(line)[col + 1 :].strip()
    return Explained(
        line + 1,
        col + 1,
        "a list cannot start on the same line as its key",
        f"put '- {item}' on the next line, indented" if item else "",
    )


def _document_end(src: Source, line: int) -> Explained:
    """Text after '...' (the end of a document), or a line starting with '%' (a directive)."""
    for i in range(min(line, len(src.lines) - 1), -1, -1):
        if src.line(i).startswith("..."):
            return Explained(
                i + 1, 1, "'...' ends the YAML document here; remove it", "remove this line"
            )
        if src.line(i).startswith("%"):
            return Explained(
                i + 1,
                1,
                "a line cannot start with '%' (YAML reads it as a directive); "
                "put the text in quotes",
            )
    return _generic(src, line, 0)


def _generic(src: Source, line: int, col: int) -> Explained:
    return Explained(
        line + 1,
        col + 1,
        "this line is not valid YAML",
        "look for a missing ':' or space, an indentation that does not line up, "
        "or an unclosed quote or bracket on this line or the one above",
    )


# -- from a parser's error to an explanation ------------------------------------------


@dataclass(frozen=True)
class _Error:
    """A parser's error reduced to what both parsers say alike."""

    problem: str
    context: str
    line: int
    col: int
    context_line: int
    context_col: int


def _reduce(src: Source, exc: yaml.MarkedYAMLError) -> _Error:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark is not None else (0, 0)
    if line >= len(src.lines) or (not src.content(line) and line > src.last()):
        line, col = src.last(), len(src.line(src.last()).rstrip())
    context = exc.context_mark
    cline, ccol = (context.line, context.column) if context is not None else (line, col)
    return _Error(exc.problem or "", exc.context or "", line, col, cline, ccol)


Rule = tuple[Callable[[_Error], bool], Callable[[Source, _Error], Explained]]

_RULES: tuple[Rule, ...] = (
    (
        lambda e: "could not find expected ':'" in e.problem,
        lambda s, e: _missing_colon(s, e.context_line, e.context_col),
    ),
    (
        lambda e: "mapping values are not allowed" in e.problem,
        lambda s, e: _colon_in_value(s, e.line, e.col),
    ),
    (lambda e: "tab character" in e.problem, lambda s, e: _tab(s, e.line, e.col)),
    (lambda e: "cannot start any token" in e.problem, lambda s, e: _cannot_start(s, e.line, e.col)),
    (
        lambda e: "quoted scalar" in e.context and "unknown escape" in e.problem,
        lambda s, e: _bad_escape(s, e.line, e.col, e.context_col),
    ),
    (
        lambda e: "quoted scalar" in e.context,
        lambda s, e: _unclosed_quote(s, e.context_line, e.context_col),
    ),
    (
        lambda e: "flow sequence" in e.context and "']'" in e.problem,
        lambda s, e: _unclosed_flow(s, e.context_line, e.context_col, "]"),
    ),
    (
        lambda e: "flow mapping" in e.context and "'}'" in e.problem,
        lambda s, e: _unclosed_flow(s, e.context_line, e.context_col, "}"),
    ),
    (
        lambda e: "an anchor" in e.context,
        lambda s, e: _special_start(s, e.context_line, e.context_col, "an anchor (&name)"),
    ),
    (
        lambda e: "an alias" in e.context,
        lambda s, e: _special_start(s, e.context_line, e.context_col, "an alias (*name)"),
    ),
    (
        lambda e: "a block scalar" in e.context,
        lambda s, e: Explained(
            e.context_line + 1,
            e.context_col + 1,
            "after '|' or '>' the text starts on the next line, indented",
            "move the text to the next line and indent it",
        ),
    ),
    (
        lambda e: "directive" in e.context or "document start" in e.problem,
        lambda s, e: _document_end(s, e.line),
    ),
    (
        lambda e: "sequence entries are not allowed" in e.problem,
        lambda s, e: _list_after_key(s, e.line, e.col),
    ),
    (
        lambda e: "block collection" in e.context,
        lambda s, e: _block_list(s, e.line, e.col, e.context_col),
    ),
    (lambda e: "block mapping" in e.context, lambda s, e: _block_mapping(s, e.line, e.col)),
    (
        lambda e: "node content" in e.problem,
        lambda s, e: Explained(
            e.line + 1,
            e.col + 1,
            "a value is missing here",
            "remove the extra ',' or write the missing value",
        ),
    ),
)


def explain(text: str, exc: yaml.MarkedYAMLError) -> Explained:
    """The mistake behind a parser's error, in plain words, where the person made it."""
    src = Source(text)
    error = _reduce(src, exc)
    for applies, build in _RULES:
        if applies(error):
            return build(src, error)
    return _generic(src, error.line, error.col)


def stray_tab(text: str, allowed: list[tuple[int, int]]) -> tuple[int, int] | None:
    """0-based (line, col) of the first tab outside quotes, block texts and comments.

    `allowed` are (start, end) character offsets of quoted and block scalars,
    where a tab is part of the text. PyYAML's own scanner (and so ruamel.yaml, which
    check-jsonschema uses) refuses a tab anywhere else, where libyaml takes some as
    spaces; refusing them all keeps the verdict the same everywhere.
    """
    if "\t" not in text:
        return None
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if "\t" in line:
            found = _tab_in_line(line, offset, allowed)
            if found is not None:
                return number, found
        offset += len(line) + 1
    return None


def _tab_in_line(line: str, offset: int, allowed: list[tuple[int, int]]) -> int | None:
    def inside(col: int) -> bool:
        return any(start <= offset + col < end for start, end in allowed)

    for col, ch in enumerate(line):
        if ch == "#" and (col == 0 or line[col - 1] in " \t") and not inside(col):
            return None  # the rest of the line is a comment
        if ch == "\t" and not inside(col):
            return col
    return None


def tab_explained(text: str, line: int, col: int) -> Explained:
    """The words for a tab at 0-based (line, col), as for a parser's error there."""
    return _tab(Source(text), line, col)
