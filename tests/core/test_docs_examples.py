"""The therapist's guide (docs/routine-format.md) and the spec's example say what the loader does.

- Every ```yaml block of the guide loads without problems. A block that is
  not a whole file (a fragment such as `cues:` or `flare:`) is completed with
  the smallest routine around it. A block marked `<!-- invalid ... -->` on the
  line before must give the problem the guide quotes after it.
- Every message in the guide's error tables is what the loader prints for a
  file that triggers it (`...` stands for words left out; a leading `where: `
  may be left out), and a fix quoted as `help: ...` is the help printed with it.
- The guide's `backcoach check` outputs are what check prints for the file
  they show a line of.
- The spec's whole example loads with a library defining glute-bridge and
  plank beside it.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from backcoach.commands.check import check
from backcoach.commands.plan import plan
from backcoach.core.library import LibraryIndex
from backcoach.core.loader import LoadResult

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "routine-format.md"
SPEC = REPO.parent / "shared" / "design" / "routine-format.md"

HELPER_LIBRARY = """\
backcoach: 1
title: Exercises the examples name that are not shipped
exercises:
  plank: {name: Plank}
  hamstring-stretch: {name: Hamstring stretch}
"""
"""Ids the guide's fragments use that the bundled library does not have."""


@dataclass(frozen=True)
class Block:
    line: int
    text: str
    invalid: bool


def yaml_blocks(markdown: str) -> list[Block]:
    """The ```yaml blocks (indented ones too, dedented), with the line they start on."""
    lines = markdown.splitlines()
    out: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```yaml":
            start = i
            j = i + 1
            while lines[j].strip() != "```":
                j += 1
            text = textwrap.dedent("\n".join(lines[i + 1 : j])) + "\n"
            before = [x for x in lines[:start] if x.strip()][-1:]
            invalid = bool(before) and before[0].strip().startswith("<!-- invalid")
            out.append(Block(start + 1, text, invalid))
            i = j
        i += 1
    return out


GUIDE_BLOCKS = yaml_blocks(GUIDE.read_text(encoding="utf-8"))


def _top_keys(text: str) -> list[str]:
    return re.findall(r"^([A-Za-z_]+):", text, re.M)


def complete(text: str) -> str:
    """A fragment inside the smallest routine that gives it a meaning."""
    keys = _top_keys(text)
    if keys and keys[0] == "cues":
        return (
            "backcoach: 1\ntitle: Docs example\nsteps:\n"
            "  - exercise: single-knee-to-chest\n    hold: 30s\n" + textwrap.indent(text, "    ")
        )
    head = "" if "backcoach" in keys else "backcoach: 1\n"
    head += "" if "title" in keys else "title: Docs example\n"
    tail = ""
    if "steps" not in keys:
        tail = "steps:\n  - exercise: plank\n    id: plank\n    hold: 20s\n"
        tail += "  - exercise: glute-bridge\n    reps: 10\n"
    return head + text + tail


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "routines"
    (folder / "images").mkdir(parents=True)
    (folder / "exercises.yaml").write_text(HELPER_LIBRARY)
    # the guide's and the spec's own-exercise example names this photo
    (folder / "images" / "knee-to-chest-0.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    return folder


def _load(folder: Path, text: str, name: str = "example.yaml") -> LoadResult:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return LibraryIndex().load(path, display=name)


def test_the_guide_has_its_examples() -> None:
    assert len(GUIDE_BLOCKS) >= 8
    assert sum(b.invalid for b in GUIDE_BLOCKS) == 1


@pytest.mark.parametrize(
    "block",
    [b for b in GUIDE_BLOCKS if not b.invalid],
    ids=[f"line{b.line}" for b in GUIDE_BLOCKS if not b.invalid],
)
def test_guide_example_loads(tmp_path: Path, block: Block) -> None:
    result = _load(_folder(tmp_path), complete(block.text))
    assert [str(p) for p in result.problems] == []
    assert result.routine is not None


@pytest.mark.parametrize(
    "block",
    [b for b in GUIDE_BLOCKS if b.invalid],
    ids=[f"line{b.line}" for b in GUIDE_BLOCKS if b.invalid],
)
def test_guide_broken_example_gives_the_quoted_message(tmp_path: Path, block: Block) -> None:
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    after = "\n".join(lines[block.line :])
    quoted = re.search(r"`([\w.-]+\.yaml:\d+:\d+: [^`]+)`", after)
    assert quoted is not None, "an invalid example is followed by the message it gives"
    name = quoted.group(1).split(":", 1)[0]
    result = _load(_folder(tmp_path), block.text, name=name)
    assert result.routine is None
    assert any(_matches(quoted.group(1), str(p)) for p in result.problems), result.problems


def test_guide_walkthrough_check_and_plan(tmp_path: Path) -> None:
    """Step 3 of the guide: the step-2 file checks clean and plans to 4m."""
    step2 = next(b for b in GUIDE_BLOCKS if not b.invalid and "steps" in _top_keys(b.text))
    path = tmp_path / "back.yaml"
    path.write_text(step2.text)
    out, err = io.StringIO(), io.StringIO()
    assert check([str(path)], out=out, err=err) == 0
    assert err.getvalue().strip() == "1 file checked, all valid"
    out = io.StringIO()
    assert plan(str(path), out=out, err=io.StringIO()) == 0
    assert "total: 4m" in out.getvalue()


def console_blocks() -> list[list[str]]:
    """The guide's ```console blocks of `backcoach check back.yaml`, as lines."""
    out: list[list[str]] = []
    block: list[str] | None = None
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if line.strip() == "```console":
            block = []
        elif line.strip() == "```" and block is not None:
            if block and block[0] == "$ backcoach check back.yaml":
                out.append(block)
            block = None
        elif block is not None:
            block.append(line)
    return out


def test_the_guide_shows_check_outputs() -> None:
    assert len(console_blocks()) >= 2


@pytest.mark.parametrize("block", console_blocks(), ids=lambda b: b[1].split(": ", 1)[0])
def test_guide_check_output_is_what_check_prints(tmp_path: Path, block: list[str]) -> None:
    """The step-2 file with the line the output shows put in: check prints the block."""
    step2 = next(b for b in GUIDE_BLOCKS if not b.invalid and "steps" in _top_keys(b.text))
    number = int(block[1].split(":")[1])
    shown = block[2].split(" | ", 1)[1]
    lines = step2.text.splitlines()
    lines[number - 1] = shown
    path = tmp_path / "back.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        assert check(["back.yaml"], out=out, err=err) == 1
    assert (out.getvalue() + err.getvalue()).splitlines() == block[1:]


# -- the error table ----------------------------------------------------------

H = "backcoach: 1\ntitle: T\n"
OWN = "exercises:\n  stretch: {name: Stretch}\n"
ONE_REST = "steps: [{rest: 1m}]\n"

BROKEN_LIBRARY = "backcoach: 1\nexercises:\n  plank: {name: Plank, video: x}\n"

TRIGGERS: dict[str, str | bytes | tuple[str, str]] = {
    # (a routine, and the exercises.yaml beside it) where the library matters
    "missing ':' after 'say'": H + "steps:\n  - rest: 1m\n    say Hold and breathe\n",
    "'hold:30s' needs a space after ':'": H + OWN + "steps:\n  - exercise: stretch\n    hold:30s\n",
    "this line is indented more than the key above it": (
        H + "steps:\n  - exercise: stretch\n     hold: 30s\n"
    ),
    "this line is indented less than the key above it": (
        H + "steps:\n  - exercise: stretch\n    hold: 30s\n   reps: 2\n"
    ),
    "this text has ': ' in it, which YAML reads as a new key; put the text in quotes": (
        H + "steps:\n  - rest: 1m\n    say: Breathe out. Note: this should not hurt\n"
    ),
    "a list item needs a space after '-'": H + "steps:\n  - rest: 30s\n  -rest: 1m\n",
    "a tab in the indentation; use spaces": H + "steps:\n\t- rest: 1m\n",
    "a tab outside quotes; use spaces": H + "steps:\n  - rest:\t1m\n",
    'this " is never closed': H + 'summary: "Gentle\n' + ONE_REST,
    "a value that starts with '[' is read as a list; put the whole text in quotes": (
        "backcoach: 1\ntitle: [New] Morning stretches\n" + ONE_REST
    ),
    "an apostrophe inside '...' ends the text; write it twice ('') or use double quotes": (
        H + "steps:\n  - rest: 1m\n    say: 'Don't arch your back'\n"
    ),
    "a value cannot start with '@'; put the text in quotes": H + "author: @physio\n" + ONE_REST,
    "a list cannot start on the same line as its key": H + "tags: - glutes\n" + ONE_REST,
    "after '|' or '>' the text starts on the next line, indented": (
        H + "summary: | Gentle\n" + ONE_REST
    ),
    "this line is not valid YAML": H + "]\n",
    "steps[0].exercise: exercise 'plank' comes from exercises.yaml, which has errors (see above)": (
        H + "steps:\n  - {exercise: plank, hold: 20s}\n",
        BROKEN_LIBRARY,
    ),
    "the file is empty; a routine starts with 'backcoach: 1' and 'title: ...'": "",
    "not UTF-8 text (byte 0xe9); save the file as UTF-8": b"backcoach: 1\ntitle: caf\xe9\n",
    "the file is 2,000,000 bytes; routine files are limited to 1 MiB": b"#" * 2_000_000,
    "this '[' is not closed with ']'": "backcoach: 1\ntitle: [unclosed\n",
    "YAML syntax error: more than one document ('---'); a routine file holds one": (
        H + ONE_REST + "---\n" + H + ONE_REST
    ),
    "the tag '!!python/object' is not allowed; routine files are plain YAML "
    "(text, numbers, lists and mappings)": H + "summary: !!python/object []\n" + ONE_REST,
    "nested more than 100 levels deep; a routine needs only a few": "[" * 3000,
    "anchors and aliases expand to too many values ...": (
        H
        + OWN
        + "steps:\n  - exercise: stretch\n    hold: 30s\n    cues: &c ["
        + ", ".join(["{at: 1s, say: hi}"] * 1000)
        + "]\n"
        + "  - {exercise: stretch, hold: 30s, cues: *c}\n" * 100
    ),
    "too many values for a routine file (more than 200,000); a routine needs a few hundred": (
        H + "tags: [" + ", ".join(["t"] * 300_000) + "]\n" + ONE_REST
    ),
    "steps[0].reps: out of range: expected a whole number from 1 to 100, got 1000": H
    + OWN
    + "steps:\n  - {exercise: stretch, hold: 5s, reps: 1000}\n",
    "steps[0].hold: out of range: a duration is more than 0 and at most 2h, got 99999999999": H
    + OWN
    + "steps:\n  - {exercise: stretch, hold: 99999999999}\n",
    "steps[1]: the session would last ...; a session is at most 4h": H
    + OWN
    + "steps:\n  - {exercise: stretch, hold: 2h}\n  - {exercise: stretch, hold: 2h}\n",
    "steps[0]: the session would have ... parts (each hold, relax, set and rest is one); "
    "a session has at most 5,000": H
    + OWN
    + "steps:\n  - {exercise: stretch, hold: 0.1, relax: 0.1, reps: 100, sets: 20, sides: each}\n",
    "steps[200]: a routine has at most 200 steps; this one has ...": H
    + "steps:\n"
    + "  - rest: 1s\n" * 250,
    "steps[0].cues[0].every: a repeating cue comes at most once a second (every: 1s or more), "
    "got 0.5": H
    + OWN
    + "steps:\n  - {exercise: stretch, hold: 30s, cues: [{every: 0.5, say: x}]}\n",
    "steps[0].cues: these cues would be heard ... times in each 2h hold; at most 120 "
    "(repeat them less often)": H
    + OWN
    + "steps:\n  - {exercise: stretch, hold: 2h, cues: [{every: 1s, say: x}]}\n",
    "stages[1].change.s: makes the cues of steps[0] heard ... times in its ...; at most 120 "
    "(change the cues or the dose)": H
    + OWN
    + "steps:\n  - {exercise: stretch, id: s, hold: 1m, cues: [{every: 1s, say: x}]}\n"
    + "stages:\n  - {name: A}\n  - {name: B, after: 2, change: {s: {hold: 2h}}}\n",
    "exercises: a file defines at most 500 exercises; this one has ... "
    "(put them in several exercise libraries)": "backcoach: 1\ntitle: T\nexercises:\n"
    + "".join(f"  e{i}: {{name: E}}\n" for i in range(600))
    + ONE_REST,
    "exercises.x.image: the image path is ... characters long; at most 1000": H
    + "exercises:\n  x: {name: X, image: "
    + "a" * 1200
    + ".png}\n"
    + ONE_REST,
    "expected a mapping of keys like 'backcoach: 1' and 'title: ...' at the top level, "
    "got a list": "- a\n",
    "missing 'backcoach: 1' (the format version); add it as the first line": (
        "title: T\n" + ONE_REST
    ),
    "backcoach: made for a newer backcoach (format 2); this version reads format 1": (
        "backcoach: 2\ntitle: T\n" + ONE_REST
    ),
    "missing 'title': ...": "backcoach: 1\n" + ONE_REST,
    "missing 'steps': ...": H + "level: gentle\n",
    "steps: a routine needs at least one step": H + "steps: []\n",
    "unknown key 'hold_time'; did you mean 'hold'?": (
        H + OWN + "steps:\n  - {exercise: stretch, hold_time: 30s}\n"
    ),
    "duplicate key 'hold' (first on line 12); keep only one": (
        H + OWN + "steps:\n" + "  - rest: 1m\n" * 5 + "  - exercise: stretch\n"
        "    hold: 30s\n    hold: 40s\n"
    ),
    "steps[1].hold: expected a duration like 30s or 1m30s (or 1h, or seconds like 45 or 7.5), "
    "got 'thirty'": H + OWN + "steps:\n  - {rest: 1m}\n  - {exercise: stretch, hold: thirty}\n",
    "steps[0].hold: a duration must be more than 0 seconds, got 0": (
        H + OWN + "steps:\n  - {exercise: stretch, hold: 0}\n"
    ),
    "a duration must be at most 2h, got '3h'": H + "steps:\n  - rest: 3h\n",
    "steps[0].reps: expected a whole number of at least 1, got 2.5": (
        H + OWN + "steps:\n  - {exercise: stretch, reps: 2.5}\n"
    ),
    "level: expected one of gentle, moderate or strong, got 'easy'": H + "level: easy\n" + ONE_REST,
    "tags: expected a list like [hamstrings, glutes], got 'hamstrings'": (
        H + "tags: hamstrings\n" + ONE_REST
    ),
    "prescribed: expected N/day or N/week ... got 'daily'": H + "prescribed: daily\n" + ONE_REST,
    "defaults: 'hold' cannot have a default; defaults may set rest, relax, switch and rep_time": (
        H + "defaults: {hold: 30s}\n" + ONE_REST
    ),
    "steps[2]: a step needs 'exercise:' (an exercise id) or 'rest:' (a pause, like 1m)": (
        H + "steps:\n  - rest: 1m\n  - rest: 1m\n  - say: Hello\n"
    ),
    "steps[0]: an exercise step needs one of hold (...), duration (...) or reps (...)": (
        H + OWN + "steps:\n  - exercise: stretch\n"
    ),
    "steps[0]: use either hold or duration, not both": (
        H + OWN + "steps:\n  - {exercise: stretch, hold: 30s, duration: 1m}\n"
    ),
    "steps[0]: a duration step is one continuous period and takes no reps ...": (
        H + OWN + "steps:\n  - {exercise: stretch, duration: 1m, reps: 3}\n"
    ),
    "steps[0]: rep_time paces movements; a hold step is paced by hold and relax "
    "(remove rep_time)": H + OWN + "steps:\n  - {exercise: stretch, hold: 30s, rep_time: 4s}\n",
    "steps[0]: relax is the pause between holds; this step has no hold": (
        H + OWN + "steps:\n  - {exercise: stretch, reps: 10, relax: 2s}\n"
    ),
    "steps[0]: switch is the pause to change sides; it only applies with sides: each": (
        H + OWN + "steps:\n  - {exercise: stretch, hold: 30s, switch: 2s}\n"
    ),
    "steps[2]: 'hold' belongs to an exercise step; a rest step has only rest, say and id ...": (
        H + "steps:\n  - rest: 1m\n  - rest: 1m\n  - {rest: 1m, hold: 30s}\n"
    ),
    "steps[0].exercise: unknown exercise 'strech'; did you mean 'stretch'? "
    "(looked in this file, exercises.yaml in this folder and the bundled library)": (
        H + OWN + "steps:\n  - {exercise: strech, hold: 30s}\n"
    ),
    "steps[3].id: 'plank' is already the id of steps[1]; ids must be unique": (
        H + "steps:\n  - rest: 1m\n  - {rest: 1m, id: plank}\n  - rest: 1m\n"
        "  - {rest: 1m, id: plank}\n"
    ),
    "flare.skip[0]: no step has the id 'plnk'; did you mean 'plank'?": (
        H + "flare: {skip: [plnk]}\nsteps:\n  - {exercise: plank, id: plank, hold: 20s}\n"
    ),
    "flare.skip: leaves no exercise to do on a flare day": (
        H + "flare: {skip: [plank]}\nsteps:\n  - {exercise: plank, id: plank, hold: 20s}\n"
    ),
    "flare.scale: expected a number more than 0 and at most 1 ...": (
        H + "flare: {scale: 2}\n" + ONE_REST
    ),
    "steps[0].cues[0]: a cue needs a position: at (like 10s, or half), before_end or every": (
        H + OWN + "steps:\n  - {exercise: stretch, hold: 30s, cues: [{say: hi}]}\n"
    ),
    "steps[0].cues[0]: a cue has one position; this one already has at": (
        H
        + OWN
        + "steps:\n  - {exercise: stretch, hold: 30s, cues: [{at: 1s, every: 5s, say: hi}]}\n"
    ),
    "steps[0].cues[0]: a cue needs something to do: say, show or sound": (
        H + OWN + "steps:\n  - {exercise: stretch, hold: 30s, cues: [{at: 1s}]}\n"
    ),
    "steps[0].cues[0].at: 40s is at or after the end of the 30s hold": (
        H + OWN + "steps:\n  - {exercise: stretch, hold: 30s, cues: [{at: 40s, say: hi}]}\n"
    ),
    "steps[0].cues[0].at: a self-paced set of reps has no known end; use at or every "
    "(or give the step a rep_time)": (
        H + OWN + "steps:\n  - {exercise: stretch, reps: 10, cues: [{at: half, say: hi}]}\n"
    ),
    "before_you_start[0].if_yes: 'stop' needs 'advice': ...": (
        H + "before_you_start: [{ask: Fever?, if_yes: stop}]\n" + ONE_REST
    ),
    "before_you_start[0]: 'urgent' goes only with if_yes: stop (advice that means get "
    "medical help now); this question has if_yes: note": (
        H + "before_you_start: [{ask: Pills?, if_yes: note, urgent: true}]\n" + ONE_REST
    ),
    "before_you_start[0].urgent: expected true or false, got yes": (
        H + "before_you_start: [{ask: Pain?, if_yes: stop, advice: Go, urgent: yes}]\n" + ONE_REST
    ),
    "exercises.x.video: expected an https:// address (like https://example.org/bird-dog), "
    "got 'http://example.org/v'": (
        H + "exercises:\n  x: {name: X, video: 'http://example.org/v'}\n" + ONE_REST
    ),
    "steps[0].sides: alternate changes side every rep; a duration step is one continuous "
    "period ...": H + OWN + "steps:\n  - {exercise: stretch, duration: 1m, sides: alternate}\n",
    "language: expected a language tag like en, es or pt-BR, got 'spanish'": (
        H + "language: spanish\n" + ONE_REST
    ),
    "stages: a progression needs at least 2 stages: the steps as written, then one that "
    "changes them": H + "stages: [{name: A}]\n" + ONE_REST,
    "stages[0]: the first stage is the steps as written; it has only a name (remove 'after')": (
        H + OWN + "stages: [{name: A, after: 2}, {name: B, after: 2, change: {s: {hold: 40s}}}]\n"
        "steps:\n  - {exercise: stretch, id: s, hold: 30s}\n"
    ),
    "stages[1]: missing 'after': how many completed sessions of the stage before lead to "
    "this one, like 6": (
        H + OWN + "stages: [{name: A}, {name: B, change: {s: {hold: 40s}}}]\n"
        "steps:\n  - {exercise: stretch, id: s, hold: 30s}\n"
    ),
    "stages[1].change: no step has the id 'bridge'; did you mean 'bridges'?": (
        H + OWN + "stages: [{name: A}, {name: B, after: 2, change: {bridge: {reps: 12}}}]\n"
        "steps:\n  - {exercise: stretch, id: bridges, reps: 10}\n"
    ),
    "stages[1].change.bridges: 'sides' is not a dose; a stage changes only hold, reps, sets, "
    "rep_time, duration, rest or relax": (
        H + OWN + "stages: [{name: A}, {name: B, after: 2, change: {bridges: {sides: each}}}]\n"
        "steps:\n  - {exercise: stretch, id: bridges, reps: 10}\n"
    ),
    "stages[1].change.walk: steps[0] is a duration step; a stage changes its dose, not its "
    "kind, ...": (
        H + OWN + "stages: [{name: A}, {name: B, after: 2, change: {walk: {hold: 40s}}}]\n"
        "steps:\n  - {exercise: stretch, id: walk, duration: 2m}\n"
    ),
    "stages[1].change.stretch: leaves the cue at 25s of steps[0] outside its 20s hold; "
    "change the cue or the dose": (
        H + OWN + "stages: [{name: A}, {name: B, after: 2, change: {stretch: {hold: 20s}}}]\n"
        "steps:\n  - {exercise: stretch, id: stretch, hold: 30s, cues: [{at: 25s, say: hi}]}\n"
    ),
    "exercises.x: missing 'name': ...": H + "exercises:\n  x: {how: Gently}\n" + ONE_REST,
    "exercises.x.image: '../a.png' leaves this file's folder (..); "
    "put the image in this folder or below it": (
        H + "exercises:\n  x: {name: X, image: ../a.png}\n" + ONE_REST
    ),
    "exercises.x.image: image 'images/a.png' not found "
    "(looked in this file's folder and in the app's assets)": (
        H + "exercises:\n  x: {name: X, image: images/a.png}\n" + ONE_REST
    ),
    "exercises.x.image: expected a PNG, JPEG or SVG image (.png, .jpg, .jpeg, .svg), got 'a.gif'": H
    + "exercises:\n  x: {name: X, image: a.gif}\n"
    + ONE_REST,
}


def table_rows() -> list[tuple[list[str], str | None]]:
    """(messages quoted in the first column, the `help: ...` fix quoted first in the
    second column or None) of every row of the guide's error tables."""
    text = GUIDE.read_text(encoding="utf-8")
    out: list[tuple[list[str], str | None]] = []
    for table in text.split("| message (shortened) |")[1:]:
        for row in table.splitlines()[2:]:
            if not row.startswith("| `"):
                break
            row = row.replace("\\|", "\x00")  # a | inside a code span
            first, second = row[2:].split(" | ", 1)
            messages = [m.replace("\x00", "|") for m in re.findall(r"`([^`]+)`", first)]
            fix = re.match(r"`help: ([^`]+)`", second.strip())
            out.append((messages, fix.group(1).replace("\x00", "|") if fix else None))
    return out


def table_messages() -> list[str]:
    """The messages quoted in the first column of the guide's error tables."""
    return [m for messages, _ in table_rows() for m in messages]


def _matches(doc: str, actual: str) -> bool:
    """`actual` is `doc` with each '...' filled in, and a 'where: ' before it at most."""
    pattern = ".*".join(re.escape(part) for part in doc.split("..."))
    return re.fullmatch(rf"(?:[\w\[\].-]+: )?{pattern}", actual, re.S) is not None


def test_every_table_message_has_a_trigger() -> None:
    messages = table_messages()
    assert len(messages) >= 40
    assert sorted(set(messages) - set(TRIGGERS)) == []
    assert sorted(set(TRIGGERS) - set(messages)) == []


def _trigger(tmp_path: Path, message: str) -> LoadResult:
    folder = _folder(tmp_path)
    data = TRIGGERS[message]
    library = "backcoach: 1\nexercises:\n  plank: {name: Plank}\n"
    if isinstance(data, tuple):
        data, library = data
    (folder / "exercises.yaml").write_text(library)
    path = folder / "r.yaml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return LibraryIndex().load(path, display="r.yaml")


@pytest.mark.parametrize("message", list(TRIGGERS), ids=range(len(TRIGGERS)))
def test_table_message_is_what_the_loader_says(tmp_path: Path, message: str) -> None:
    result = _trigger(tmp_path, message)
    messages = [p.message for p in result.problems]
    assert result.routine is None
    assert any(_matches(message, m) for m in messages), messages


FIXES = [(messages[0], fix) for messages, fix in table_rows() if fix is not None]


def test_most_table_rows_quote_their_fix() -> None:
    assert len(FIXES) >= 15


@pytest.mark.parametrize(("message", "fix"), FIXES, ids=range(len(FIXES)))
def test_table_fix_is_the_help_check_prints(tmp_path: Path, message: str, fix: str) -> None:
    result = _trigger(tmp_path, message)
    helps = [p.help for p in result.problems if _matches(message, p.message)]
    assert any(_matches(fix, h) for h in helps), helps


def test_matching_is_strict() -> None:
    assert _matches(
        "steps[0]: use either hold or duration, not both",
        "steps[0]: use either hold or duration, not both",
    )
    assert _matches("duplicate key 'hold' ...", "steps[5]: duplicate key 'hold' (first on line 12)")
    assert not _matches(
        "use either hold or duration", "steps[0]: use either hold or duration, not both"
    )
    assert not _matches("a duration must be more than 0 seconds", "a duration must be at most 2h")


# -- the spec's whole example -------------------------------------------------


def test_spec_whole_example_loads_beside_a_library(tmp_path: Path) -> None:
    if not SPEC.is_file():
        pytest.skip(f"the design folder is not beside the clone ({SPEC})")
    blocks = yaml_blocks(SPEC.read_text(encoding="utf-8"))
    folder = tmp_path / "routines"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "knee-to-chest-0.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    (folder / "exercises.yaml").write_text(
        "backcoach: 1\nexercises:\n  glute-bridge: {name: Glute bridge}\n  plank: {name: Plank}\n"
    )
    result = _load(folder, blocks[0].text, name="morning.yaml")
    assert [str(p) for p in result.problems] == []
    routine = result.routine
    assert routine is not None
    assert routine.title == "Morning lower-back routine"
    assert routine.flare is not None and routine.flare.skip == ("plank",)
    assert [q.if_yes for q in routine.before_you_start] == ["stop", "flare"]
    assert routine.exercises["glute-bridge"].name == "Glute bridge"
