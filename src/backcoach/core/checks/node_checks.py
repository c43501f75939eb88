"""Reading YAML nodes as the routine format's values, every mistake kept with its node.

`NodeReader` is the base of the routine checks (`exercises_check`,
`steps_check`, `routine_check`): it collects (node, message) issues and reads
mappings (merge keys applied, duplicates refused), lists, text, whole numbers,
durations and choices, naming the path to each value (`steps[1].hold`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from backcoach.core.checks.exercise_catalog import ExerciseCatalog
from backcoach.core.checks.keys import FORMAT_KEYS
from backcoach.core.checks.suggest import closest, suggest_duration
from backcoach.core.checks.yaml_nodes import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    MERGE,
    NULL,
    SCALAR_TAGS,
    SEQ,
    STR,
    Budget,
    scalar_tag,
)
from backcoach.core.durations import DurationError, parse_duration
from backcoach.core.limits import MAX_DIGITS, MAX_WHOLE
from backcoach.core.problems import Problem

MAX_PROBLEMS = 1000
"""Kept per file (the check command shows the first 50)."""
MAX_SUGGESTIONS = 5
"""Unknown ids given a "did you mean" per file; the others are reported plainly."""

WHOLE_RE = re.compile(r"^[0-9]+$")
_KEY_NO_COLON = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*) +(\S.*)$")
_KEY_NO_SPACE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):([^\s/].*)$")
NUMBER_RE = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
"""A YAML number written plainly: 45, 7.5, .5 or 5. (no exponent, no 0x, no _)."""

Items = dict[str, tuple[Node, Node]]
"""A mapping's keys -> (key node, value node), merge keys applied."""


def did_you_mean(word: str, choices: Iterable[str], *, keys: bool = False) -> str:
    """ "; did you mean 'hold'?" when one of `choices` is close to `word`, else "".

    `keys`: the choices are key names (see `suggest.closest`).
    """
    close = closest(word, choices, keys=keys)
    return f"; did you mean '{close}'?" if close else ""


def join_or(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def show_value(node: Node) -> str:
    """How a value is shown after 'got': 'thirty', 2.5, true, nothing, a list."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    value = str(node.value)
    tag = scalar_tag(node)
    if tag == NULL:
        return "nothing"
    if len(value) > 40:
        value = value[:37] + "..."
    return repr(value) if tag == STR else value


class NodeReader:
    """Walks one file's nodes; collects (node, message) issues.

    Holds what the checks share: the file's folder and the assets (images),
    the exercise catalog, the ids this file defines and the step ids seen.
    """

    def __init__(self, path: Path, catalog: ExerciseCatalog, assets: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.catalog = catalog
        self.assets = assets
        self.issues: list[tuple[Node | None, str, str]] = []
        self.budget = Budget()
        self.own_ids: set[str] = set()
        self.step_ids: dict[str, int] = {}
        self.blamed: list[Path] = []
        """Library files with errors that exercises of this file are blamed on."""
        self.unreadable_defaults: set[str] = set()
        """`defaults` keys whose value is reported wrong (their follow-on errors are not)."""
        self.suggestions_left = MAX_SUGGESTIONS
        self.steps_refused = False
        """The file has more steps than a routine may (they are not read one by one)."""

    def suggest_id(self, word: str, choices: Iterable[str]) -> str | None:
        """ "; did you mean 'plank'?" (or "" when none is close) for the first few
        unknown ids of a file; None once MAX_SUGGESTIONS have been looked for."""
        if self.suggestions_left <= 0:
            return None
        self.suggestions_left -= 1
        return did_you_mean(word, choices)

    def id_hint(self, step_id: str, ids: list[str]) -> str:
        """What follows "no step has the id 'x'": a close id, the ids, or nothing after a few."""
        close = self.suggest_id(step_id, ids)
        if close is None:
            return ""
        if close:
            return close
        if not ids:
            return "; no step has an id yet (give the step 'id: NAME' first)"
        return f"; the step ids are {', '.join(ids)}"

    # -- reporting ---------------------------------------------------------

    def error(self, node: Node | None, path: str, message: str, help: str = "") -> None:
        """Keep one problem: `message` about `node` at `path`, and `help`, the fix if known."""
        if len(self.issues) < MAX_PROBLEMS:
            self.issues.append((node, f"{path}: {message}" if path else message, help))

    def problems(self, shown: str) -> list[Problem]:
        seen: set[tuple[int, int, str]] = set()
        out: list[Problem] = []
        for node, message, help in self.issues:
            line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
            if (line, col, message) not in seen:
                seen.add((line, col, message))
                out.append(Problem(shown, line, col, message, help))
        out.sort(key=lambda p: (p.line, p.col))
        return out

    # -- node shapes -------------------------------------------------------

    def tag_ok(self, node: Node, path: str) -> bool:
        tag = node.tag
        if isinstance(node, ScalarNode):
            ok = tag in SCALAR_TAGS
        elif isinstance(node, MappingNode):
            ok = tag == MAP
        else:
            ok = tag == SEQ
        if not ok:
            short = tag.replace("tag:yaml.org,2002:", "!!")
            self.error(
                node,
                path,
                f"the tag '{short}' is not allowed; routine files are plain YAML "
                "(text, numbers, lists and mappings)",
            )
        return ok

    def mapping(self, node: Node, path: str, what: str) -> Items | None:
        if not self.tag_ok(node, path):
            return None
        if not isinstance(node, MappingNode):
            colon = _colon_mistake(node)
            if colon is not None:
                self.error(node, path, *colon)
            else:
                self.error(node, path, f"expected {what}, got {show_value(node)}")
            return None
        return self._flatten(node, path, ())

    def _flatten(self, node: MappingNode, path: str, stack: tuple[int, ...]) -> Items:
        self.budget.spend(node, 1 + 2 * len(node.value))
        out: Items = {}
        merges: list[Node] = []
        for knode, vnode in node.value:
            if knode.value == "<<" and scalar_tag(knode) == MERGE:
                merges.append(vnode)
                continue
            key = self.key(knode, path)
            if key is None:
                continue
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.error(
                    knode, path, f"duplicate key '{key}' (first on line {first}); keep only one"
                )
                continue
            out[key] = (knode, vnode)
        stack = (*stack, id(node))
        for merge in merges:
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in sources:
                if not isinstance(source, MappingNode) or source.tag != MAP:
                    self.error(
                        source,
                        path,
                        f"a merge key (<<) takes a mapping or a list of them, got {show_value(source)}",
                    )
                    continue
                if id(source) in stack:
                    self.error(source, path, "a merge key (<<) refers to the mapping it is in")
                    continue
                for key, pair in self._flatten(source, path, stack).items():
                    out.setdefault(key, pair)
        return out

    def key(self, node: Node, path: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.error(node, path, f"a key must be a word, got {show_value(node)}")
            return None
        if not self.tag_ok(node, path):
            return None
        if node.value in ("", "~") and scalar_tag(node) == NULL:
            self.error(node, path, "a key is missing before ':'")
            return None
        return str(node.value)

    def unknown(self, items: Items, allowed: tuple[str, ...], path: str) -> None:
        for key, (knode, _) in items.items():
            if key not in allowed:
                meant = closest(key, allowed, keys=True)
                if meant is not None:
                    self.error(knode, path, f"unknown key '{key}'; did you mean '{meant}'?")
                else:
                    self.error(
                        knode, path, f"unknown key '{key}'; the keys here are {', '.join(allowed)}"
                    )
                self.forbid_tags(items[key][1], path)

    @staticmethod
    def meant(items: Items, allowed: tuple[str, ...]) -> set[str]:
        """The allowed keys that unknown keys of `items` look like misspellings of.

        A key reported as "did you mean 'title'?" is not reported missing too.
        """
        out = {closest(key, allowed, keys=True) for key in items if key not in allowed}
        return {key for key in out if key is not None}

    def forbid_tags(self, node: Node, path: str) -> None:
        """Report non-plain tags (!!python/...) below a node the walker does not read."""
        stack, seen = [node], set()
        while stack:
            current = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            self.budget.spend(current)
            if not self.tag_ok(current, path):
                continue
            if isinstance(current, SequenceNode):
                stack += current.value
            elif isinstance(current, MappingNode):
                for knode, vnode in current.value:
                    stack += [knode, vnode]

    def sequence(self, node: Node, path: str, example: str) -> list[Node] | None:
        if not self.tag_ok(node, path):
            return None
        if not isinstance(node, SequenceNode):
            dash = _dash_key(node)
            if dash is not None:
                self.error(dash[0], path, "a list item needs a space after '-'", dash[1])
                return None
            self.error(
                node,
                path,
                f"expected a list like {example}, got {show_value(node)}",
                _list_help(node),
            )
            return None
        self.budget.spend(node, 1 + len(node.value))
        return list(node.value)

    # -- scalars -----------------------------------------------------------

    def scalar(self, node: Node, path: str, what: str) -> ScalarNode | None:
        if not self.tag_ok(node, path):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, path, f"expected {what}, got {show_value(node)}")
            return None
        return node

    def text(self, node: Node, path: str, what: str = "text") -> str | None:
        scalar = self.scalar(node, path, what)
        if scalar is None:
            return None
        if scalar.value in ("", "~") and scalar_tag(scalar) == NULL:
            self.error(node, path, f"expected {what}, got nothing")
            return None
        value = str(scalar.value).strip()
        if not value:
            self.error(node, path, f"expected {what}, got an empty text")
            return None
        return value

    def whole(
        self, node: Node, path: str, minimum: int = 1, maximum: int = MAX_WHOLE
    ) -> int | None:
        """A whole number from `minimum` to `maximum`; more is "out of range" with the range."""
        what = f"a whole number of at least {minimum}"
        scalar = self.scalar(node, path, what)
        if scalar is None:
            return None
        value = str(scalar.value)
        if not (WHOLE_RE.match(value) and scalar_tag(scalar) == INT):
            self.error(node, path, f"expected {what}, got {show_value(node)}")
            return None
        digits = value.lstrip("0") or "0"
        if len(digits) > MAX_DIGITS or int(digits) > maximum:
            self.error(
                node,
                path,
                f"out of range: expected a whole number from {minimum} to {maximum}, "
                f"got {show_value(node)}",
            )
            return None
        if int(digits) < minimum:
            self.error(node, path, f"expected {what}, got {show_value(node)}")
            return None
        return int(digits)

    def duration(self, node: Node, path: str, *, pause: bool = False) -> float | None:
        """Seconds, more than 0 and at most 2h (the format's rule for every duration).

        `pause` marks rest, relax and switch: 0 is refused there too, with a hint,
        because the format has no "0 = no pause".
        """
        scalar = self.scalar(node, path, "a duration like 30s or 1m30s")
        if scalar is None:
            return None
        value = str(scalar.value)
        raw: object = value
        tag = scalar_tag(scalar) if scalar.tag != STR else STR
        if tag in (INT, FLOAT) and NUMBER_RE.match(value):
            raw = float(value)
        elif tag in (BOOL, NULL, INT, FLOAT):
            raw = None
        try:
            return parse_duration(raw)
        except DurationError as exc:
            message = str(exc)
            message = message.rsplit(", got", 1)[0] + f", got {show_value(node)}"
            if pause and message.startswith("a duration must be more than 0"):
                message += " (every pause is more than 0; leave the key out for the default)"
            fix = suggest_duration(value) if message.startswith("expected") else None
            self.error(node, path, message, f"write {fix}" if fix else "")
            return None

    def choice(self, node: Node, path: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, path, f"one of {join_or(allowed)}")
        if value is None:
            return None
        if value not in allowed:
            meant = closest(value, allowed)
            hint = f"; did you mean '{meant}'?" if meant else ""
            self.error(
                node, path, f"expected one of {join_or(allowed)}, got {show_value(node)}{hint}"
            )
            return None
        return value

    def words(self, node: Node, path: str, example: str) -> tuple[str, ...] | None:
        items = self.sequence(node, path, example)
        if items is None:
            return None
        out = [self.text(item, f"{path}[{i}]") for i, item in enumerate(items)]
        return tuple(w for w in out if w is not None)

    def optional_text(self, items: Items, key: str, path: str = "") -> str | None:
        if key not in items:
            return None
        return self.text(items[key][1], f"{path}.{key}" if path else key)


def _colon_mistake(node: Node) -> tuple[str, str] | None:
    """(message, fix) for a text where a mapping belongs that is a key with its ':' wrong.

    `name Doorway stretch` (no ':') or `exercise:stretch` (no space after it) read
    as one text; only for a key of the format, on one line.
    """
    if not isinstance(node, ScalarNode) or node.style not in (None, "") or "\n" in str(node.value):
        return None
    text = str(node.value)
    spaced = _KEY_NO_SPACE.match(text)
    if spaced is not None and spaced.group(1) in FORMAT_KEYS:
        key, value = spaced.groups()
        return f"'{text}' needs a space after ':'", f"write {key}: {value}"
    missing = _KEY_NO_COLON.match(text)
    if missing is not None and missing.group(1) in FORMAT_KEYS:
        key, value = missing.groups()
        return f"missing ':' after '{key}'", f"write {key}: {value}"
    return None


def _dash_key(node: Node) -> tuple[Node, str] | None:
    """`-rest: 1m` or `-plank` (no space after '-') read as a mapping or a text, and the fix."""
    if isinstance(node, ScalarNode) and node.style in (None, ""):
        text = str(node.value)
        if len(text) > 1 and text.startswith("-") and text[1] not in " -" and "\n" not in text:
            return node, f"write - {text[1:]}"
        return None
    if not isinstance(node, MappingNode) or not node.value:
        return None
    key, value = node.value[0]
    text = str(key.value) if isinstance(key, ScalarNode) else ""
    if len(text) < 2 or not text.startswith("-") or text[1] in " -":
        return None
    shown = f" {value.value}" if isinstance(value, ScalarNode) and value.value else ""
    return key, f"write - {text[1:]}:{shown}"


def _list_help(node: Node) -> str:
    """The fix for a text that should be a list: brackets around it."""
    if isinstance(node, ScalarNode) and node.value and scalar_tag(node) == STR:
        words = [w.strip() for w in str(node.value).split(",") if w.strip()]
        if words and len(str(node.value)) <= 60:
            return f"write [{', '.join(words)}]"
    return ""
