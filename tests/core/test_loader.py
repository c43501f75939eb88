"""The loader on shipped files, on the therapist's example, and on hostile bytes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from backcoach.core.checks.yaml_nodes import MAX_BYTES
from backcoach.core.library import (
    LibraryIndex,
    find_routine,
    load_routine,
    scan_folders,
)
from backcoach.core.loader import LoadResult, load_bytes, load_file
from backcoach.core.problems import RoutineError
from backcoach.core.routine import ExerciseStep, RestStep

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "routines").glob("*.yaml"))
FIXTURES = Path(__file__).parent / "fixtures" / "valid"


def _load(tmp_path: Path, text: str | bytes, name: str = "r.yaml") -> LoadResult:
    data = text.encode() if isinstance(text, str) else text
    return load_bytes(data, tmp_path / name, display=name, assets=tmp_path / "no-assets")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_file_loads(path: Path) -> None:
    result = LibraryIndex().load(path)
    assert result.problems == []
    assert (result.routine is not None) != (result.library is not None)
    if result.routine is not None:
        assert result.routine.id == path.stem
        assert result.routine.steps


def test_shipped_files_exist() -> None:
    assert len(SHIPPED) >= 2
    assert (REPO / "routines" / "exercises.yaml").is_file()


def test_spec_example_loads_with_library_from_same_folder() -> None:
    routine = load_routine(FIXTURES / "morning.yaml", index=LibraryIndex(bundled=None))
    assert routine.id == "morning"
    assert routine.title == "Morning lower-back routine"
    assert routine.level == "gentle"
    assert str(routine.prescribed) == "1/day"
    assert routine.flare is not None and routine.flare.scale == 0.5
    assert routine.flare.skip == ("plank",)
    assert [q.if_yes for q in routine.before_you_start] == ["stop", "flare"]
    first, bridges, rest, plank = routine.steps
    assert isinstance(first, ExerciseStep) and isinstance(bridges, ExerciseStep)
    assert first.hold == 30 and first.reps == 2 and first.sides == "each" and first.rest == 15
    assert first.cues[0].at == 10
    assert first.exercise.images == ((FIXTURES / "images" / "knee-to-chest-0.jpg").absolute(),)
    assert bridges.exercise.name == "Glute bridge"  # from exercises.yaml
    assert bridges.rep_time == 4 and bridges.sets == 2 and bridges.rest == 30
    assert isinstance(rest, RestStep) and rest.rest == 60
    assert isinstance(plank, ExerciseStep) and len(plank.exercise.images) == 2
    assert set(routine.exercises) == {"knee-to-chest", "glute-bridge", "plank"}
    import hashlib

    assert routine.sha256 == hashlib.sha256((FIXTURES / "morning.yaml").read_bytes()).hexdigest()


def test_library_file_is_a_library() -> None:
    result = load_file(FIXTURES / "exercises.yaml")
    assert result.problems == []
    assert result.library is not None and set(result.library.exercises) == {"glute-bridge", "plank"}
    with pytest.raises(RoutineError, match="exercise library"):
        load_routine(FIXTURES / "exercises.yaml")


def test_own_exercise_wins_over_library(tmp_path: Path) -> None:
    (tmp_path / "lib.yaml").write_text(
        "backcoach: 1\nexercises:\n  plank:\n    name: Library plank\n"
    )
    (tmp_path / "r.yaml").write_text(
        "backcoach: 1\ntitle: T\nexercises:\n  plank:\n    name: My plank\n"
        "steps:\n  - exercise: plank\n    hold: 20s\n"
    )
    (tmp_path / "s.yaml").write_text(
        "backcoach: 1\ntitle: T\nsteps:\n  - exercise: plank\n    hold: 20s\n"
    )
    index = LibraryIndex(bundled=None)
    own = load_routine(tmp_path / "r.yaml", index=index)
    other = load_routine(tmp_path / "s.yaml", index=index)
    assert isinstance(own.steps[0], ExerciseStep) and own.steps[0].exercise.name == "My plank"
    assert isinstance(other.steps[0], ExerciseStep)
    assert other.steps[0].exercise.name == "Library plank"


def test_bundled_library_is_used_and_named(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "exercises.yaml").write_text(
        "backcoach: 1\nexercises:\n  cat-cow:\n    name: Cat and cow\n"
    )
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "r.yaml").write_text(
        "backcoach: 1\ntitle: T\nsteps:\n  - exercise: cat-cow\n    reps: 5\n"
        "  - exercise: cat-cwo\n    reps: 5\n"
    )
    result = LibraryIndex(bundled=bundled).load(mine / "r.yaml", "r.yaml")
    assert [str(p) for p in result.problems] == [
        "r.yaml:6:15: steps[1].exercise: unknown exercise 'cat-cwo'; did you mean "
        "'cat-cow'? (looked in this file and the bundled library)"
    ]


def test_images_fall_back_to_assets_and_refuse_symlink_escape(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "images").mkdir(parents=True)
    (assets / "images" / "bird-dog-0.jpg").write_bytes(b"jpg")
    folder = tmp_path / "routines"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(b"png")
    (folder / "sneaky.png").symlink_to(tmp_path / "outside.png")
    text = (
        "backcoach: 1\nexercises:\n  a:\n    name: A\n    image: images/bird-dog-0.jpg\n"
        "  b:\n    name: B\n    image: sneaky.png\n"
    )
    (folder / "lib.yaml").write_text(text)
    result = load_file(folder / "lib.yaml", display="lib.yaml", assets=assets)
    assert [str(p) for p in result.problems] == [
        "lib.yaml:8:12: exercises.b.image: image 'sneaky.png' not found "
        "(looked in this file's folder and in the app's assets)"
    ]
    assert result.usable_exercises["a"].images == ((assets / "images" / "bird-dog-0.jpg"),)


def test_yes_is_text_where_text_is_expected(tmp_path: Path) -> None:
    result = _load(
        tmp_path,
        "backcoach: 1\ntitle: yes\nsummary: 2024-01-01\ntags: [no, 3]\nsteps:\n  - rest: 1m\n    say: off\n",
    )
    assert result.problems == []
    assert result.routine is not None
    assert result.routine.title == "yes" and result.routine.summary == "2024-01-01"
    assert result.routine.tags == ("no", "3")


def test_anchors_aliases_and_merge_keys(tmp_path: Path) -> None:
    text = """\
backcoach: 1
title: Merged
exercises:
  a: {name: A}
steps:
  - &stretch
    exercise: a
    hold: 30s
    sides: each
  - <<: *stretch
    hold: 45s
  - *stretch
"""
    result = _load(tmp_path, text)
    assert result.problems == []
    assert result.routine is not None
    holds = [s.hold for s in result.routine.steps if isinstance(s, ExerciseStep)]
    assert holds == [30, 45, 30]
    assert all(isinstance(s, ExerciseStep) and s.sides == "each" for s in result.routine.steps)


def test_merge_key_pointing_at_itself_is_refused(tmp_path: Path) -> None:
    text = "backcoach: 1\ntitle: T\nsteps:\n  - &s\n    <<: *s\n    rest: 1m\n"
    result = _load(tmp_path, text)
    assert result.routine is None
    assert result.problems  # an undefined alias or a self-merge: either way refused


def test_every_problem_is_reported(tmp_path: Path) -> None:
    steps = "".join(f"  - exercise: a\n    hold: {i}x\n" for i in range(80))
    text = "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\nsteps:\n" + steps
    result = _load(tmp_path, text)
    assert len(result.problems) == 80
    assert [p.line for p in result.problems] == [7 + 2 * i for i in range(80)]


def alias_bomb() -> str:
    """Nine levels of nine aliases: 9**9 steps if anything expanded it."""
    lines = ["backcoach: 1", "title: T", "a0: &a0 [{exercise: x, hold: 1s}]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("steps: *a9")
    return "\n".join(lines) + "\n"


def known_key_alias_bomb() -> str:
    """A file whose 100 steps each alias the first step's 1,000 cues (within MAX_STEPS)."""
    return (
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\nsteps:\n"
        "  - exercise: a\n    hold: 30s\n    cues: &c1 ["
        + ", ".join(["{at: 1s, say: hi}"] * 1000)
        + "]\n"
        + "".join("  - {exercise: a, hold: 30s, cues: *c1}\n" for _ in range(100))
    )


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    result = _load(tmp_path, alias_bomb())
    assert time.perf_counter() - start < 2.0
    assert result.routine is None
    # the unknown keys a0..a9 and the nine non-step items; nothing is expanded
    assert 0 < len(result.problems) <= 20


def test_alias_bomb_in_known_keys_hits_the_node_budget(tmp_path: Path) -> None:
    start = time.perf_counter()
    result = _load(tmp_path, known_key_alias_bomb())
    assert time.perf_counter() - start < 5.0
    assert result.routine is None
    assert [p.message for p in result.problems][-1].startswith(
        "anchors and aliases expand to too many values"
    )


def test_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    for text in ("[" * 200_000, "- " * 100_000 + "x", "a: " + "{b: " * 60_000):
        result = _load(tmp_path, text)
        assert result.routine is None
        assert len(result.problems) == 1
        assert "levels deep" in result.problems[0].message or "syntax" in result.problems[0].message


def test_file_over_one_mib_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"backcoach: 1\n" + b"#" * MAX_BYTES)
    result = load_file(path, display="big.yaml")
    assert [str(p) for p in result.problems] == [
        f"big.yaml:1:1: the file is {MAX_BYTES + 13:,} bytes; routine files are limited to 1 MiB"
    ]


def test_invalid_utf8_points_at_the_byte(tmp_path: Path) -> None:
    result = _load(tmp_path, b"backcoach: 1\ntitle: caf\xe9 \xff\n")
    assert [str(p) for p in result.problems] == [
        "r.yaml:2:11: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_control_character_is_a_syntax_error(tmp_path: Path) -> None:
    result = _load(tmp_path, "backcoach: 1\ntitle: a\x00b\n")
    assert [str(p) for p in result.problems] == [
        "r.yaml:2:9: YAML syntax error: character #x0000 is not allowed in a YAML file"
    ]


def test_python_tag_is_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        "backcoach: 1\ntitle: T\nsteps:\n  - rest: 1m\n"
        f"    say: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    result = _load(tmp_path, text)
    assert not marker.exists()
    assert [p.message for p in result.problems] == [
        "steps[0].say: the tag '!!python/object/apply:os.system' is not allowed; "
        "routine files are plain YAML (text, numbers, lists and mappings)"
    ]


def test_duplicate_top_level_key(tmp_path: Path) -> None:
    result = _load(tmp_path, "backcoach: 1\ntitle: A\ntitle: B\nsteps: [{rest: 1m}]\n")
    assert [str(p) for p in result.problems] == [
        "r.yaml:3:1: duplicate key 'title' (first on line 2); keep only one"
    ]


def test_defaults_apply_to_exercise_steps(tmp_path: Path) -> None:
    text = (
        "backcoach: 1\ntitle: T\nexercises:\n  a: {name: A}\n"
        "defaults: {rest: 20s, relax: 1s, switch: 2s, rep_time: 3s}\n"
        "steps:\n  - {exercise: a, hold: 10s, reps: 2, sides: each}\n"
        "  - {exercise: a, reps: 4, rest: 7s}\n  - {exercise: a, duration: 1m}\n"
    )
    result = _load(tmp_path, text)
    assert result.problems == []
    assert result.routine is not None
    hold, reps, timed = result.routine.steps
    assert isinstance(hold, ExerciseStep) and (hold.relax, hold.switch, hold.rest) == (1, 2, 20)
    assert hold.rep_time is None
    assert isinstance(reps, ExerciseStep) and reps.rep_time == 3 and reps.rest == 7
    assert isinstance(timed, ExerciseStep) and timed.rep_time is None


@pytest.mark.parametrize("where", ["defaults: {relax: 0}\n", ""])
def test_a_zero_pause_is_refused_like_any_duration(tmp_path: Path, where: str) -> None:
    """The format: every duration is more than 0 — rest, relax and switch included."""
    step = (
        "  - {exercise: a, hold: 10s, reps: 2, rest: 0}\n"
        if not where
        else ("  - {exercise: a, hold: 10s, reps: 2}\n")
    )
    text = f"backcoach: 1\ntitle: T\nexercises:\n  a: {{name: A}}\n{where}steps:\n{step}"
    result = _load(tmp_path, text)
    assert result.routine is None
    (problem,) = result.problems
    assert "a duration must be more than 0 seconds, got 0" in problem.message
    assert problem.message.startswith("defaults.relax:" if where else "steps[0].rest:")


def test_scan_folders_never_raises_and_finds_routines(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text("backcoach: 1\ntitle: Good\nsteps: [{rest: 1m}]\n")
    (tmp_path / "bad.yml").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.yaml").write_text("backcoach: 1\ntitle: Deep\nsteps: [{rest: 1m}]\n")
    (tmp_path / "notes.txt").write_text("ignored")
    entries = scan_folders([tmp_path, tmp_path / "missing"], index=LibraryIndex(bundled=None))
    assert [e.path.name for e in entries] == ["bad.yml", "good.yaml", "deep.yaml"]
    bad, good, deep = entries
    assert bad.routine is None and bad.problems and not bad.ok
    assert good.routine is not None and good.ok
    found = find_routine(entries, "deep")
    assert found is deep
    assert find_routine(entries, str(tmp_path / "good.yaml")) is good
    assert find_routine(entries, "nope") is None


def test_scan_of_shipped_routines() -> None:
    entries = scan_folders([REPO / "routines"])
    assert entries and all(e.ok for e in entries)
    assert any(e.library is not None for e in entries)
