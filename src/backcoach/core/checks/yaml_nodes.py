"""Bytes -> a YAML node graph, safely, with every failure as a positioned message.

We only *compose* (libyaml's C composer when available): the result is a graph
of nodes with line/column marks, and no tag is ever constructed, so
`!!python/object` cannot run anything. The loader walks the nodes itself.

Limits, so that no file can crash or stall the app:
- a file over `MAX_BYTES` is refused before it is read;
- text that is not UTF-8 is refused with the position of the first bad byte;
- nesting deeper than `MAX_DEPTH` is refused *before* composing when it could
  be deep (libyaml's composer recurses in C and overflows the stack at about
  25,000 levels); the check is exact (an event pass) but only runs when a
  cheap upper bound on the depth (the count of `[{-?:` characters) is high;
- aliases are node objects reused; the walker counts every node it reaches,
  so an alias bomb is stopped after `MAX_VISITS` (see `Budget`).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from backcoach.core.checks.yaml_errors import explain, stray_tab, tab_explained
from backcoach.core.files import read_regular
from backcoach.core.problems import Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 100
MAX_VISITS = 200_000
_DEPTH_BOUND_FAST = 2_000
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; a routine needs only a few"


TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (TAG + t for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ, MERGE = TAG + "map", TAG + "seq", TAG + "merge"
PLAIN = "tag:backcoach.invalid,2025:plain"
"""An unquoted scalar: its YAML 1.1 type is worked out only where it matters (`scalar_tag`)."""
SCALAR_TAGS = frozenset({PLAIN, STR, INT, FLOAT, BOOL, NULL, TAG + "timestamp", TAG + "value"})
"""Plain scalars; their text is used as written (a title of `yes` is the text 'yes')."""


class _LazyResolver:
    """Tags plain scalars PLAIN instead of running YAML's implicit resolvers on every one.

    Most values are read as text or durations from their raw value, so the
    regex-per-scalar resolution yaml.SafeLoader does is wasted work; the walker
    calls `scalar_tag` for the few values whose YAML type matters.
    """

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


class PureLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _LazyResolver,
):
    """PyYAML's pure-Python parser and composer, for installs without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)

    if TYPE_CHECKING:
        # types-PyYAML leaves Parser.get_event unannotated; libyaml's CParser has this signature.
        def get_event(self) -> yaml.Event | None: ...


_Loader: type[PureLoader]
"""The parser used: libyaml's when PyYAML has it (tests swap in `PureLoader`)."""

if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class CLoader(CParser, _LazyResolver):
        """libyaml's C parser and composer; nothing is ever constructed."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)

    _Loader = CLoader  # type: ignore[assignment]
else:  # pragma: no cover - PyYAML without libyaml
    _Loader = PureLoader


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _events(text: str, parser: type[PureLoader] | None = None) -> Iterator[yaml.Event]:
    loader = (parser or _Loader)(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                yield event
    finally:
        loader.dispose()


def scalar_tag(node: Node) -> str:
    """The YAML 1.1 tag of a node (what yaml.SafeLoader would resolve a plain scalar to)."""
    tag: str = node.tag
    if tag != PLAIN:
        return tag
    value = node.value
    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    for resolved, regexp in table.get(value[:1] if value else "", []):
        if regexp.match(value):
            return str(resolved)
    return STR


class TooBig(Exception):
    """The walker reached more than MAX_VISITS nodes (aliases counted each time)."""

    def __init__(self, node: Node) -> None:
        super().__init__("alias expansion too large")
        self.node = node


def has_aliases(root: Node) -> bool:
    """Whether some node is reached twice (an alias); each node is looked at once."""
    seen: set[int] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif not isinstance(node, ScalarNode):
            for key, value in node.value:
                stack += [key, value]
    return False


@dataclass
class Budget:
    """Counts nodes reached while reading one file; raises TooBig past the limit."""

    limit: int = MAX_VISITS
    used: int = 0

    def spend(self, node: Node, n: int = 1) -> None:
        self.used += n
        if self.used > self.limit:
            raise TooBig(node)


@dataclass
class Parsed:
    """The outcome of reading one file: its bytes, root node (None if empty or broken)."""

    data: bytes = b""
    root: Node | None = None
    problems: list[Problem] = field(default_factory=list)


def position(node: Node) -> tuple[int, int]:
    """1-based (line, column) of a node's start."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def read_file(path: Path, display: str) -> Parsed:
    """Read and compose `path`; never raises (problems say what went wrong)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES and path.is_file():
            return _fail(display, 1, 1, _too_big(size))
        # Regular files only: a pipe named *.yaml would block, /dev/zero never ends.
        data = read_regular(path, MAX_BYTES)
    except IsADirectoryError:
        return _fail(display, 1, 1, "is a folder, not a file")
    except OSError as exc:
        if exc.errno == errno.EINVAL and exc.strerror:  # read_regular: not a regular file
            return _fail(display, 1, 1, exc.strerror)
        return _fail(display, 1, 1, f"cannot read the file: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return _fail(display, 1, 1, _too_big(len(data)))
    return parse_bytes(data, display)


def parse_bytes(data: bytes, display: str) -> Parsed:
    """Decode and compose `data`; never raises."""
    parsed = Parsed(data=data)
    if len(data) > MAX_BYTES:
        parsed.problems.append(Problem(display, 1, 1, _too_big(len(data))))
        return parsed
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        parsed.problems.append(_not_utf8(display, data, exc))
        return parsed
    _compose_into(parsed, text, display)
    return parsed


def _not_utf8(display: str, data: bytes, exc: UnicodeDecodeError) -> Problem:
    line = data.count(b"\n", 0, exc.start) + 1
    start = data.rfind(b"\n", 0, exc.start) + 1
    col = len(data[start : exc.start].decode("utf-8", "replace")) + 1
    bad = data[exc.start : exc.start + 1].hex()
    return Problem(display, line, col, f"not UTF-8 text (byte 0x{bad}); save the file as UTF-8")


def _compose_into(parsed: Parsed, text: str, display: str) -> None:
    """Compose `text` into `parsed.root`, or say in `parsed.problems` why it cannot be."""
    bound = _depth_bound(text)
    deep: tuple[int, int] | None = None
    try:
        deep = _too_deep(text) if bound > _DEPTH_BOUND_FAST else None
        if deep is None:
            parsed.root = _compose(text)
            if parsed.root is not None and bound > MAX_DEPTH:
                deep = _node_too_deep(parsed.root, aliases="*" in text)
            tab = _stray_tab(text, parsed.root)
            if tab is not None:
                parsed.root = None
                parsed.problems.append(_tab_problem(display, text, *tab))
    except yaml.MarkedYAMLError as exc:
        # A parser may refuse deep nesting itself (libyaml from PyYAML 6.0.4 stops
        # at 1,000 levels) in its own words; ours is checked first, in any case.
        deep = _too_deep(text) if bound > MAX_DEPTH else None
        if deep is None:
            parsed.problems.append(_syntax_problem(display, text, exc))
    except yaml.reader.ReaderError as exc:
        line, col = _text_position(text, exc.position)
        what = f"character #x{exc.character:04x}" if isinstance(exc.character, int) else "character"
        parsed.problems.append(
            Problem(display, line, col, f"YAML syntax error: {what} is not allowed in a YAML file")
        )
    except yaml.YAMLError:
        parsed.problems.append(Problem(display, 1, 1, "cannot read this file as YAML"))
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:
        # The pure-Python composer recurses: deep nesting ends here without libyaml.
        deep = _too_deep(text) if bound > MAX_DEPTH else None
        if deep is None:
            parsed.problems.append(
                Problem(display, 1, 1, f"cannot read this file as YAML ({type(exc).__name__})")
            )
    if deep is not None:
        parsed.root = None
        parsed.problems.append(Problem(display, *deep, TOO_DEEP))


def _fail(display: str, line: int, col: int, message: str) -> Parsed:
    return Parsed(problems=[Problem(display, line, col, message)])


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; routine files are limited to 1 MiB"


def _syntax_problem(display: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The mistake behind a parser's error, the same whichever parser found it."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or ""
    context = exc.context or ""
    if problem.startswith(("expected a single document", "but found another document")):
        return Problem(
            display,
            line,
            col,
            "YAML syntax error: more than one document ('---'); a routine file holds one",
            help="one routine per file: remove the '---' line",
        )
    if problem.startswith("found undefined alias"):
        return Problem(
            display,
            line,
            col,
            "YAML syntax error: an alias (*name) refers to an anchor (&name) that is not "
            "defined above it",
            help="define the anchor (&name) before the alias, or write the value out",
        )
    if context.startswith("found duplicate anchor"):
        return Problem(
            display,
            line,
            col,
            "the same anchor (&name) is defined twice; give each anchor its own name",
        )
    explained = explain(text, exc)
    return Problem(display, explained.line, explained.col, explained.message, explained.help)


def _tab_problem(display: str, text: str, line: int, col: int) -> Problem:
    """A tab outside quotes at 0-based (line, col)."""
    explained = tab_explained(text, line, col)
    return Problem(display, explained.line, explained.col, explained.message, explained.help)


def _stray_tab(text: str, root: Node | None) -> tuple[int, int] | None:
    """A tab outside quotes, block texts and comments, which libyaml may have passed.

    PyYAML's scanner refuses each of them (so do ruamel.yaml and check-jsonschema);
    libyaml reads some as spaces. Refused whichever parser composed the file, so
    the verdict does not depend on the install.
    """
    if "\t" not in text or root is None:
        return None
    spans: list[tuple[int, int]] = []
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style in ("|", ">", "'", '"'):
                spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        else:
            for key, value in node.value:
                stack += [key, value]
    return stray_tab(text, spans)


def _text_position(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _depth_bound(text: str) -> int:
    """An upper bound on nesting depth: every collection level needs one of `[{-?:`."""
    return sum(text.count(c) for c in "[{-?:")


def _too_deep(text: str) -> tuple[int, int] | None:
    """Exact depth check over the event stream (no recursion); the position past MAX_DEPTH.

    libyaml's events first; if libyaml stops with an error before the depth is
    known (PyYAML 6.0.4's libyaml refuses 1,000 levels while still looking
    ahead), the pure-Python parser, which has no limit of its own, decides.
    Both stop at the first syntax error: text past it is never nested.
    """
    loaders: list[type[PureLoader]] = [_Loader] if _Loader is PureLoader else [_Loader, PureLoader]
    for loader in loaders:
        try:
            return _first_too_deep(_events(text, loader))
        except yaml.YAMLError:
            continue
    return None


def _first_too_deep(events: Iterator[yaml.Event]) -> tuple[int, int] | None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            mark = event.start_mark
            if depth > MAX_DEPTH and mark is not None:
                return mark.line + 1, mark.column + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _node_too_deep(root: Node, *, aliases: bool = True) -> tuple[int, int] | None:
    """The position of a collection nested deeper than MAX_DEPTH in a composed graph.

    Level by level, collections only. With `aliases` (the text has a `*`) each
    node is visited once, so a graph that refers to itself ends; without, the
    graph is a tree and no bookkeeping is needed.
    """
    level: list[Node] = [root]
    seen: set[int] | None = set() if aliases else None
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            return position(level[0])
        below: list[Node] = []
        for node in level:
            if seen is not None:
                if id(node) in seen:
                    continue
                seen.add(id(node))
            if type(node) is SequenceNode:
                below += [c for c in node.value if type(c) is not ScalarNode]
            elif type(node) is not ScalarNode:
                for key, value in node.value:
                    if type(key) is not ScalarNode:
                        below.append(key)
                    if type(value) is not ScalarNode:
                        below.append(value)
        level = below
        depth += 1
    return None
