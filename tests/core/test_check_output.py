"""What `backcoach check` prints: each problem like rustc and Elm (line, caret, help) or,
with --format short, the GNU lines alone; libraries with errors first, blamed by the
routines that use them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.commands.check import check
from backcoach.core.problems import Problem, format_problems, render

ROUTINE = """\
backcoach: 1
title: Evening
steps:
  - exercise: mcgill-curl-up
    reps: 5
  - rest: 1m
  - exercise: doorway-pec-stretch
    hold: 30 sec
"""

LIBRARY = """\
backcoach: 1
exercises:
  mcgill-curl-up:
    name: McGill curl-up
  doorway-pec-stretch:
    name: Doorway pec stretch
"""


def _run(paths: list[str], style: str = "full") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check(paths, style=style, out=out, err=err)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_full_format_shows_the_line_a_caret_and_the_help(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "backcoach: 1\ntitle: T\nsteps:\n  - exercise: walk\n    hold: 30 sec\n", encoding="utf-8"
    )
    code, out, _ = _run([str(path)])
    assert code == 1
    assert out.splitlines() == [
        f"{path}:5:11: steps[0].hold: expected a duration like 30s or 1m30s "
        "(or 1h, or seconds like 45 or 7.5), got '30 sec'",
        " 5 |     hold: 30 sec",
        "   |           ^",
        "   = help: write 30s",
    ]


def test_short_format_prints_only_gnu_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "backcoach: 1\ntitle: T\nsteps:\n  - exercise: walk\n    say Go\n    hold: 1m\n"
    )
    assert main(["check", "--format", "short", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{path}:5:5: missing ':' after 'say'"]
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:5:5: missing ':' after 'say'",
        " 5 |     say Go",
        "   |     ^",
        "   = help: write say: Go",
    ]


def test_render_lines_up_the_caret_under_tabs_and_wide_text() -> None:
    wide = Problem("r.yaml", 12, 10, "m", "h", source="say: 深呼吸 x")
    # the six columns of 深呼吸 come before the caret
    assert render(wide) == [
        "r.yaml:12:10: m",
        " 12 | say: 深呼吸 x",
        "    |" + " " * 13 + "^",
        "    = help: h",
    ]
    tab = Problem("r.yaml", 3, 1, "a tab in the indentation; use spaces", source="\thold: 1m")
    assert render(tab)[1:] == [" 3 |  hold: 1m", "   | ^"]
    bare = Problem("r.yaml", 1, 1, "the file is empty")
    assert render(bare) == ["r.yaml:1:1: the file is empty"]
    assert render(wide, "short") == ["r.yaml:12:10: m"]


def test_the_window_lists_take_the_help_on_the_same_line() -> None:
    problem = Problem("r.yaml", 4, 11, "steps[0].hold: expected a duration", "write 30s")
    assert render(problem, "line") == [
        "r.yaml:4:11: steps[0].hold: expected a duration — help: write 30s"
    ]
    assert render(Problem("r.yaml", 1, 1, "m"), "line") == ["r.yaml:1:1: m"]


def test_the_cap_on_problems_holds_in_both_formats() -> None:
    problems = [Problem("r.yaml", i, 1, "m", "h", source="x") for i in range(1, 8)]
    full = format_problems(problems, limit=5, style="full")
    assert len(full) == 5 * 4 + 1
    assert full[-1] == "r.yaml:6:1: ... and 2 more problems in this file (fix the ones above first)"
    assert len(format_problems(problems, limit=5)) == 6


@pytest.mark.parametrize(
    "library",
    [
        LIBRARY.replace("    name: McGill curl-up", "    name McGill curl-up\n    how: Slowly"),
        LIBRARY.replace("    name: Doorway pec stretch", "    name: Doorway\n    video: x"),
        LIBRARY.replace("exercises:", "exercises: ["),
    ],
    ids=["syntax-error", "one-bad-key", "unclosed-bracket"],
)
def test_a_broken_library_is_reported_first_and_blamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: str
) -> None:
    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "a-routine.yaml").write_text(ROUTINE.replace("hold: 30 sec", "hold: 30s"))
    (folder / "exercises.yaml").write_text(library)
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(["rs"], "short")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("rs/exercises.yaml:")
    routine_lines = [line for line in lines if line.startswith("rs/a-routine.yaml:")]
    assert routine_lines
    assert all("which has errors (see above)" in line for line in routine_lines)
    assert not any("unknown exercise" in line for line in lines)
    assert "2 of 2 files with problems" in err


def test_the_routine_blames_the_library_by_name_where_the_id_is(tmp_path: Path) -> None:
    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "evening.yaml").write_text(ROUTINE.replace("hold: 30 sec", "hold: 30s"))
    (folder / "exercises.yaml").write_text(LIBRARY.replace("    name: Doorway", "    nam: Doorway"))
    code, out, _ = _run([str(folder / "evening.yaml")], "short")
    assert code == 1
    # the library was not asked for, but the routine points at it: it comes first
    assert out.splitlines() == [
        f"{folder}/exercises.yaml:6:5: exercises.doorway-pec-stretch: unknown key 'nam'; "
        "did you mean 'name'?",
        f"{folder}/evening.yaml:7:15: steps[2].exercise: exercise 'doorway-pec-stretch' comes "
        "from exercises.yaml, which has errors (see above)",
    ]


def test_an_id_the_broken_library_does_not_name_is_still_unknown(tmp_path: Path) -> None:
    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "evening.yaml").write_text(
        "backcoach: 1\ntitle: T\nsteps:\n  - {exercise: no-such-thing, reps: 5}\n"
    )
    (folder / "exercises.yaml").write_text(LIBRARY.replace("    name: McGill", "    nam: McGill"))
    _, out, _ = _run([str(folder / "evening.yaml")], "short")
    assert "unknown exercise 'no-such-thing'" in out
    assert "comes from" not in out
    assert "exercises.yaml:" not in out  # nothing here is blamed on it
