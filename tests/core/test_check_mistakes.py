"""The mistakes a therapist makes writing a routine, each reported once, where it is, in plain words.

One realistic routine (BASE) with one line changed per case. Each case says the
one problem `backcoach check` must report: its line, column and message, and
the help line where there is one. Every case runs with libyaml and with PyYAML's
pure-Python parser: the words must not depend on the install.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.checks import yaml_nodes
from backcoach.core.library import LibraryIndex
from backcoach.core.loader import LoadResult

BASE = """\
backcoach: 1
title: Evening back stretches
summary: Gentle stretches for the lower back.
level: gentle
tags: [hamstrings, glutes]
prescribed: 1/day
defaults:
  rest: 15s
before_you_start:
  - ask: Is today a flare day?
    if_yes: flare
flare:
  scale: 0.5
  skip: [bridges]
exercises:
  knee-to-chest:
    name: Single knee to chest
    how: Lie on your back and bring one knee up.
steps:
  - exercise: knee-to-chest
    hold: 30s
    reps: 2
    sides: each
    say: Lie on your back.
    cues:
      - at: half
        say: Breathe out.
  - rest: 1m
    say: Sip some water.
  - exercise: glute-bridge
    id: bridges
    reps: 10
    rep_time: 4s
    sets: 2
"""

LOOKED = "(looked in this file and the bundled library)"
DURATION = "expected a duration like 30s or 1m30s (or 1h, or seconds like 45 or 7.5)"
QUOTE_COLON = "this text has ': ' in it, which YAML reads as a new key; put the text in quotes"
SPACES = "indent with spaces only (most editors can insert spaces when you press Tab)"


def case(
    line: int,
    new: str,
    at: tuple[int, int],
    message: str,
    help: str = "",
    *,
    id: str,
) -> object:
    """BASE with line `line` (1-based) replaced by `new` (which may be several lines)."""
    return pytest.param(line, new, at, message, help, id=id)


CASES = [
    # -- syntax: the line of the mistake, in plain words --------------------------
    case(
        24,
        "    say Lie on your back.",
        (24, 5),
        "missing ':' after 'say'",
        "write say: Lie on your back.",
        id="no-colon",
    ),
    case(
        2,
        "title Evening back stretches",
        (2, 1),
        "missing ':' after 'title'",
        "write title: Evening back stretches",
        id="no-colon-top",
    ),
    case(
        17,
        "    name Single knee to chest",
        (17, 5),
        "missing ':' after 'name'",
        "write name: Single knee to chest",
        id="no-colon-before-a-key",
    ),
    case(
        34,
        "    sets 2",
        (34, 5),
        "missing ':' after 'sets'",
        "write sets: 2",
        id="no-colon-last-line",
    ),
    case(
        21,
        "    hold:30s",
        (21, 5),
        "'hold:30s' needs a space after ':'",
        "write hold: 30s",
        id="no-space-after-colon",
    ),
    case(
        34,
        "    sets:2",
        (34, 5),
        "'sets:2' needs a space after ':'",
        "write sets: 2",
        id="no-space-after-colon-last",
    ),
    case(
        22,
        "     reps: 2",
        (22, 6),
        "this line is indented more than the key above it",
        "line it up with 'hold:' on line 21 (4 spaces)",
        id="one-space-too-many",
    ),
    case(
        21,
        "     hold: 30s",
        (21, 6),
        "this line is indented more than the key above it",
        "line it up with 'exercise:' on line 20 (4 spaces)",
        id="over-indented-after-item",
    ),
    case(
        22,
        "   reps: 2",
        (22, 4),
        "this line is indented less than the key above it",
        "line it up with 'hold:' on line 21 (4 spaces)",
        id="one-space-too-few",
    ),
    case(
        22,
        "  reps: 2",
        (22, 3),
        "this line is indented less than the key above it",
        "line it up with 'hold:' on line 21 (4 spaces), or start a new item with '- '",
        id="lined-up-with-the-dash",
    ),
    case(
        18,
        "   how: Lie on your back and bring one knee up.",
        (18, 4),
        "this line is indented less than the key above it",
        "line it up with 'name:' on line 17 (4 spaces)",
        id="under-indented-mapping",
    ),
    case(
        24,
        "    say: Lie down. Note: this should not hurt",
        (24, 24),
        QUOTE_COLON,
        'write say: "Lie down. Note: this should not hurt"',
        id="text-with-colon",
    ),
    case(
        24,
        "    say: Lie on your back and\n      note: this should not hurt",
        (25, 11),
        QUOTE_COLON,
        'write say: "Lie on your back and note: this should not hurt"',
        id="text-with-colon-next-line",
    ),
    case(
        28,
        "  -rest: 1m",
        (28, 3),
        "a list item needs a space after '-'",
        "write - rest: 1m",
        id="dash-without-space",
    ),
    case(
        20,
        "  -exercise: knee-to-chest",
        (20, 3),
        "a list item needs a space after '-'",
        "write - exercise: knee-to-chest",
        id="dash-without-space-first-item",
    ),
    case(
        10,
        "  -ask: Is today a flare day?\n  - ask: Fever?\n    if_yes: note",
        (10, 3),
        "a list item needs a space after '-'",
        "write - ask: Is today a flare day?",
        id="dash-without-space-read-as-a-key",
    ),
    case(
        5,
        "tags:\n  -hamstrings",
        (6, 3),
        "tags: a list item needs a space after '-'",
        "write - hamstrings",
        id="dash-without-space-read-as-text",
    ),
    case(
        21,
        "\thold: 30s",
        (21, 1),
        "a tab in the indentation; use spaces",
        SPACES,
        id="tab-indent",
    ),
    case(
        28,
        "\t- rest: 1m",
        (28, 1),
        "a tab in the indentation; use spaces",
        SPACES,
        id="tab-before-dash",
    ),
    case(
        29,
        "    say: Sip some\n  \twater.",
        (30, 3),
        "a tab in the indentation; use spaces",
        SPACES,
        id="tab-in-continuation",
    ),
    case(
        29,
        "    say: Sip\tsome water.",
        (29, 13),
        "a tab outside quotes; use spaces",
        "replace the tab with a space, or put the text in quotes",
        id="tab-inside-a-text",
    ),
    case(
        21,
        "    hold:\t30s",
        (21, 10),
        "a tab outside quotes; use spaces",
        "replace the tab with a space, or put the text in quotes",
        id="tab-after-colon",
    ),
    case(
        5,
        "tags: [hamstrings, glutes",
        (5, 7),
        "this '[' is not closed with ']'",
        "end the list with ']' on the same line, or, if it is text, put the text in quotes",
        id="unclosed-bracket",
    ),
    case(
        3,
        'summary: "Gentle stretches for the lower back.',
        (3, 10),
        'this " is never closed',
        'end the text with ", or remove the " at its start',
        id="unclosed-quote",
    ),
    case(
        24,
        "    say: [Optional] lie on your back",
        (24, 10),
        "a value that starts with '[' is read as a list; put the whole text in quotes",
        'write say: "[Optional] lie on your back"',
        id="text-starting-with-bracket",
    ),
    case(
        24,
        '    say: "Lie" on your back',
        (24, 10),
        "the quoted part ends at its closing quote, and more text follows; "
        "put the whole text in quotes",
        "write say: '\"Lie\" on your back'",
        id="quoted-then-text",
    ),
    case(
        24,
        "    say: 'Don't arch your back'",
        (24, 10),
        "an apostrophe inside '...' ends the text; write it twice ('') or use double quotes",
        'write say: "Don\'t arch your back"',
        id="apostrophe-in-single-quotes",
    ),
    case(
        24,
        "    say: @home, lie on your back",
        (24, 10),
        "a value cannot start with '@'; put the text in quotes",
        'write say: "@home, lie on your back"',
        id="at-sign",
    ),
    case(
        24,
        "    say: * both sides",
        (24, 10),
        "a value that starts with '*' is read as an alias (*name); put the text in quotes",
        'write say: "* both sides"',
        id="star",
    ),
    case(
        18,
        "    how: | Lie on your back.",
        (18, 10),
        "after '|' or '>' the text starts on the next line, indented",
        "move the text to the next line and indent it",
        id="block-scalar-on-one-line",
    ),
    case(
        8,
        "  rest: - 15s",
        (8, 9),
        "a list cannot start on the same line as its key",
        "put '- 15s' on the next line, indented",
        id="list-after-key",
    ),
    case(
        14,
        "  skip: [bridges, , bridges]",
        (14, 19),
        "a value is missing here",
        "remove the extra ',' or write the missing value",
        id="empty-list-item",
    ),
    case(
        29,
        '    say: "Sip at C:\\water"',
        (29, 20),
        'a backslash inside "..." starts an escape like \\n; '
        "write \\\\ for a backslash, or use single quotes",
        "write say: 'Sip at C:\\water'",
        id="backslash-in-double-quotes",
    ),
    case(
        34,
        "    sets: 2\n---\nbackcoach: 1",
        (35, 1),
        "YAML syntax error: more than one document ('---'); a routine file holds one",
        "one routine per file: remove the '---' line",
        id="two-documents",
    ),
    # -- values: what was meant ----------------------------------------------------
    case(
        21,
        "    hold: 30 sec",
        (21, 11),
        f"steps[0].hold: {DURATION}, got '30 sec'",
        "write 30s",
        id="30-sec",
    ),
    case(
        21,
        "    hold: 1min30",
        (21, 11),
        f"steps[0].hold: {DURATION}, got '1min30'",
        "write 1m30s",
        id="1min30",
    ),
    case(
        21,
        "    hold: 90 seconds",
        (21, 11),
        f"steps[0].hold: {DURATION}, got '90 seconds'",
        "write 90s",
        id="90-seconds",
    ),
    case(
        28,
        "  - rest: 2 minutes",
        (28, 11),
        f"steps[1].rest: {DURATION}, got '2 minutes'",
        "write 2m",
        id="2-minutes",
    ),
    case(
        33,
        "    rep_time: 4 secs",
        (33, 15),
        f"steps[2].rep_time: {DURATION}, got '4 secs'",
        "write 4s",
        id="4-secs",
    ),
    case(
        21,
        "    hold: thirty",
        (21, 11),
        f"steps[0].hold: {DURATION}, got 'thirty'",
        id="no-guess-for-words",
    ),
    case(
        21,
        "    hold: 30sec",
        (21, 11),
        f"steps[0].hold: {DURATION}, got '30sec'",
        "write 30s",
        id="bad-hold-no-cue-follow-on",
    ),
    case(
        23,
        "    sides: both\n    switch: 10s",
        (23, 12),
        "steps[0].sides: expected one of none, each, left, right or alternate, got 'both'",
        id="bad-sides-no-switch-follow-on",
    ),
    case(
        4,
        "level: gentel",
        (4, 8),
        "level: expected one of gentle, moderate or strong, got 'gentel'; did you mean 'gentle'?",
        id="level-typo",
    ),
    case(
        4,
        "level: easy",
        (4, 8),
        "level: expected one of gentle, moderate or strong, got 'easy'",
        id="level-no-guess",
    ),
    case(
        5,
        "tags: hamstrings, glutes",
        (5, 7),
        "tags: expected a list like [hamstrings, glutes], got 'hamstrings, glutes'",
        "write [hamstrings, glutes]",
        id="tags-without-brackets",
    ),
    # -- keys: did-you-mean only when close and the same kind of thing -------------
    case(
        8,
        "  rest_time: 15s",
        (8, 3),
        "defaults: unknown key 'rest_time'; did you mean 'rest'?",
        id="rest-time-default",
    ),
    case(
        34,
        "    sets: 2\n    rest_time: 30s",
        (35, 5),
        "steps[2]: unknown key 'rest_time'; did you mean 'rest'?",
        id="rest-time-step",
    ),
    case(
        21,
        "    hold_time: 30s",
        (21, 5),
        "steps[0]: unknown key 'hold_time'; did you mean 'hold'?",
        id="hold-time",
    ),
    case(
        18,
        "    notes: Keep your back flat.",
        (18, 5),
        "exercises.knee-to-chest: unknown key 'notes'; "
        "the keys here are name, how, careful, image, images, muscles, equipment, video, cautions",
        id="notes-on-an-exercise-no-guess",
    ),
    case(
        24,
        "    notes: Lie on your back.",
        (24, 5),
        "steps[0]: unknown key 'notes'; the keys here are exercise, id, hold, reps, rep_time, "
        "duration, sets, sides, relax, switch, rest, say, cues",
        id="notes-no-guess",
    ),
    case(
        2,
        "titel: Evening back stretches",
        (2, 1),
        "unknown key 'titel'; did you mean 'title'?",
        id="title-typo-not-also-missing",
    ),
    case(
        17,
        "    nmae: Single knee to chest",
        (17, 5),
        "exercises.knee-to-chest: unknown key 'nmae'; did you mean 'name'?",
        id="name-typo-not-also-missing",
    ),
    case(
        26,
        "      - att: half",
        (26, 9),
        "steps[0].cues[0]: unknown key 'att'; did you mean 'at'?",
        id="cue-typo-not-also-missing",
    ),
    case(
        32,
        "    repetitions: 10",
        (32, 5),
        "steps[2]: unknown key 'repetitions'; did you mean 'reps'?",
        id="repetitions",
    ),
    case(
        20,
        "  - exercise: knee-to-chst",
        (20, 15),
        f"steps[0].exercise: unknown exercise 'knee-to-chst'; did you mean 'knee-to-chest'? {LOOKED}",
        id="exercise-typo",
    ),
    case(
        30,
        "  - exercise: mcgill-curl-up",
        (30, 15),
        f"steps[2].exercise: unknown exercise 'mcgill-curl-up' {LOOKED}",
        id="exercise-no-far-guess",
    ),
    case(
        14,
        "  skip: [bridge]",
        (14, 10),
        "flare.skip[0]: no step has the id 'bridge'; did you mean 'bridges'?",
        id="skip-typo",
    ),
]


@pytest.fixture(params=["libyaml", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure":
        monkeypatch.setattr(yaml_nodes, "_Loader", yaml_nodes.PureLoader)
    return str(request.param)


def _load(tmp_path: Path, text: str) -> LoadResult:
    folder = tmp_path / "routines"
    folder.mkdir(exist_ok=True)
    path = folder / "evening.yaml"
    path.write_text(text, encoding="utf-8")
    return LibraryIndex().load(path, display="evening.yaml")


def _changed(line: int, new: str) -> str:
    lines = BASE.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def test_the_base_routine_is_valid(tmp_path: Path, parser: str) -> None:
    result = _load(tmp_path, BASE)
    assert [str(p) for p in result.problems] == []
    assert result.routine is not None


def test_there_are_at_least_40_mistakes() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("line", "new", "at", "message", "help"), CASES)
def test_mistake_is_reported_once_where_it_is(
    tmp_path: Path,
    parser: str,
    line: int,
    new: str,
    at: tuple[int, int],
    message: str,
    help: str,
) -> None:
    result = _load(tmp_path, _changed(line, new))
    assert result.routine is None
    assert [(p.line, p.col, p.message) for p in result.problems] == [(*at, message)]
    (problem,) = result.problems
    assert problem.help == help
    assert problem.source == _changed(line, new).splitlines()[at[0] - 1]


# -- the pieces behind the table ------------------------------------------------------


def test_format_keys_are_the_keys_the_schema_knows() -> None:
    """The checks' key lists (core/checks/keys.py) and the JSON Schema name the same keys."""
    from backcoach.core.checks.keys import FORMAT_KEYS
    from backcoach.core.schema import routine_schema

    named: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    named.update(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(routine_schema())
    stage_keys = {"name", "after", "change"}  # a stage's own keys (stages_check)
    assert named - stage_keys <= FORMAT_KEYS
    assert named >= FORMAT_KEYS


@pytest.mark.parametrize(
    ("word", "choices", "meant"),
    [
        ("rest_time", ("rest", "relax", "switch", "rep_time"), "rest"),
        ("hold_time", ("hold", "reps", "rep_time"), "hold"),
        ("holdTime", ("hold", "reps"), "hold"),
        ("titel", ("title", "tags"), "title"),
        ("relx", ("rest", "relax"), "relax"),
        ("repetitions", ("reps", "rest"), "reps"),
        ("Hold", ("hold",), "hold"),
        ("video", ("name", "how", "careful", "image", "images", "muscles", "sides"), None),
        ("notes", ("steps", "tags", "title"), None),
        ("mcgill-curl-up", ("wall-calf-stretch", "cat-cow", "glute-bridge"), None),
        ("both", ("none", "each", "left", "right"), None),
    ],
)
def test_closest_only_when_close_and_alike(
    word: str, choices: tuple[str, ...], meant: str | None
) -> None:
    from backcoach.core.checks.suggest import closest

    assert closest(word, choices, keys=True) == meant


def test_closest_ids_take_no_parts() -> None:
    from backcoach.core.checks.suggest import closest

    # an id is not a key: 'hamstring-stretch' is not the exercise 'stretch'
    assert closest("hamstring-stretch", ["stretch"]) is None


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("30 sec", "30s"),
        ("30sec", "30s"),
        ("1min30", "1m30s"),
        ("1 min 30 sec", "1m30s"),
        ("1 min and 30 seconds", "1m30s"),
        ("90 seconds", "90s"),
        ("2 minutes", "2m"),
        ("1.5 min", "1.5m"),
        ("1,5 min", "1.5m"),
        ("1:30", "1m30s"),
        ("1 hour", "1h"),
        ("1h30", "1h30m"),
        ("thirty", None),
        ("30s", None),  # already right
        ("3 hours", None),  # more than 2h: no fix to propose
        ("0 sec", None),
        ("30 sec 1 min", None),  # units out of order
        ("half a minute", None),
    ],
)
def test_duration_suggestions(text: str, fix: str | None) -> None:
    from backcoach.core.checks.suggest import suggest_duration

    assert suggest_duration(text) == fix


TAB_PLACES = [
    "    say: Sip\tsome water.",
    "    say:\tSip some water.",
    "    say: Sip some water.\t# a comment",
    "    say: 'Sip\tsome water.'",
    '    say: "Sip\tsome water."',
    "    say: Sip some water.\t",
    "\t",
    "  \t",
    "    say: |\n      Sip\n      \tsome water.",
    "    say: |\n      Sip\n\t\n      some water.",
    "\tsay: Sip some water.",
    "    say: Sip some\n  \twater.",
    "  -\trest: 1m",
    "  - \trest: 1m",
]


@pytest.mark.parametrize("new", TAB_PLACES, ids=range(len(TAB_PLACES)))
def test_a_tab_gets_the_same_verdict_and_words_with_either_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: str
) -> None:
    text = _changed(29, new)
    with_libyaml = [str(p) for p in _load(tmp_path, text).problems]
    monkeypatch.setattr(yaml_nodes, "_Loader", yaml_nodes.PureLoader)
    without = [str(p) for p in _load(tmp_path, text).problems]
    assert with_libyaml == without


@pytest.mark.parametrize(
    "new",
    [
        "    say: 'Sip\tsome water.'",
        '    say: "Sip\tsome water."',
        "    say: Sip some water.  # a\tcomment",
        "    say: |\n      Sip\tsome\n      \twater.",
    ],
    ids=["single-quotes", "double-quotes", "comment", "block"],
)
def test_a_tab_inside_quotes_a_block_or_a_comment_is_taken_by_both_parsers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser: str, new: str
) -> None:
    assert _load(tmp_path, _changed(29, new)).ok
