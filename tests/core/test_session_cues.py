"""Cues land where they should: countdowns, rep counts, the routine's own cues, wording."""

from __future__ import annotations

import pytest

from backcoach.core import announce
from backcoach.core.fakeclock import FakeClock
from backcoach.core.plan import build_plan
from backcoach.core.routine import Cue, ExerciseStep, RestStep, Routine
from backcoach.core.session import CueDue, Event, SegmentEnded, SegmentStarted, SessionEngine
from tests.core.test_session_support import BRIDGE, KNEE, MARCH, thirty_minute_plan

STEP = 0.01


LogLine = tuple[str, float, float | None, Event]
"""(segment label, elapsed, remaining, event)."""


def run_logging(routine: Routine, speed: float = 1.0) -> list[LogLine]:
    """(segment label, elapsed, remaining, event) for every event, ticking every 10 ms."""
    clock = FakeClock(50.0)
    engine = SessionEngine(build_plan(routine), clock, speed=speed)
    log: list[LogLine] = []
    events = engine.start()
    while True:
        for e in events:
            seg = engine.current
            log.append((seg.label if seg else "", engine.elapsed, engine.remaining, e))
        if engine.state == "finished":
            return log
        clock.advance(STEP)
        events = engine.tick()


def says_in(log: list[LogLine], kind: str) -> list[tuple[float, float | None, str]]:
    out = []
    current = None
    for _, elapsed, remaining, e in log:
        if isinstance(e, SegmentStarted):
            current = e.segment.kind
        if isinstance(e, CueDue) and current == kind and e.say:
            out.append((elapsed, remaining, e.say))
    return out


def test_countdown_lands_at_three_two_one() -> None:
    log = run_logging(Routine("r", "R", (ExerciseStep(KNEE, hold=30),)))
    counted = [(rem, say) for _, rem, say in says_in(log, "hold") if say in ("Three", "Two", "One")]
    assert [say for _, say in counted] == ["Three", "Two", "One"]
    for (rem, _), n in zip(counted, (3, 2, 1), strict=True):
        assert rem is not None and n - STEP - 1e-6 <= rem <= n + 1e-9
    ready = [say for _, _, say in says_in(log, "get-ready")]
    assert ready == ["Get ready.", "First: Single knee to chest.", "Three", "Two", "One"]


def test_countdown_cues_are_priority_and_translatable() -> None:
    log = run_logging(Routine("r", "R", (ExerciseStep(KNEE, hold=10),)))
    three = next(e for *_, e in log if isinstance(e, CueDue) and e.say == "Three")
    assert three.priority and three.automatic and three.template == "Three"
    assert three.template in announce.TEMPLATES


def test_routine_cues_fire_at_their_offsets() -> None:
    step = ExerciseStep(
        KNEE,
        hold=40,
        cues=(
            Cue(at=10, say="at ten"),
            Cue(at_half=True, say="half"),
            Cue(before_end=5, show="five left"),
            Cue(every=15, sound="tick"),
        ),
    )
    log = run_logging(Routine("r", "R", (step,)))
    fired = [
        (elapsed, e)
        for label, elapsed, _, e in log
        if isinstance(e, CueDue) and not e.automatic and label.startswith("Single")
    ]
    got = [(round(el, 2), e.say or e.show or e.sound) for el, e in fired]
    assert [w for _, w in got] == ["at ten", "tick", "half", "tick", "five left"]
    for (el, _), want in zip(got, (10, 15, 20, 30, 35), strict=True):
        assert want <= el <= want + STEP + 1e-6
    assert all(e.automatic is False for _, e in fired)


def test_paced_reps_are_counted_aloud_at_each_rep() -> None:
    log = run_logging(Routine("r", "R", (ExerciseStep(BRIDGE, reps=4, rep_time=3),)))
    counts = [
        (el, say) for el, _, say in says_in(log, "reps") if say in ("One", "Two", "Three", "Four")
    ]
    assert [s for _, s in counts] == ["One", "Two", "Three", "Four"]
    for (el, _), k in zip(counts[:-1], (3, 6, 9), strict=True):
        assert k <= el + 1e-9 and el <= k + STEP + 1e-6
    # the last count comes at the end (12 s), just before the segment ends, not after
    events = [e for *_, e in log]
    last = max(i for i, e in enumerate(events) if isinstance(e, CueDue) and e.say == "Four")
    assert isinstance(events[last + 1], SegmentEnded)


def test_speech_for_sides_sets_holds_rest_and_the_end() -> None:
    routine = Routine(
        "r",
        "R",
        (
            ExerciseStep(KNEE, hold=10, reps=2, sides="each", sets=2, rest=8, say="Lie down."),
            RestStep(20, say="Sip some water."),
            ExerciseStep(MARCH, duration=10),
        ),
    )
    says = [e.say for *_, e in run_logging(routine) if isinstance(e, CueDue)]
    spoken = [s for s in says if s not in ("Three", "Two", "One")]
    assert spoken == [
        "Get ready.",
        "First: Single knee to chest.",
        "Single knee to chest.",
        "Lie down.",
        "Left side.",
        "Set 1 of 2.",
        "Hold 1 of 2.",
        "Relax.",
        "Hold 2 of 2.",
        "Rest.",
        "Next: set 2 of 2.",
        "Set 2 of 2.",
        "Hold 1 of 2.",
        "Relax.",
        "Hold 2 of 2.",
        "Switch sides.",
        "Right side.",
        "Set 1 of 2.",
        "Hold 1 of 2.",
        "Relax.",
        "Hold 2 of 2.",
        "Rest.",
        "Next: set 2 of 2.",
        "Set 2 of 2.",
        "Hold 1 of 2.",
        "Relax.",
        "Hold 2 of 2.",
        "Rest.",
        "Sip some water.",
        "Next: March on the spot.",
        "March on the spot.",
        "Begin.",
        "Well done. Session complete.",
    ]


def test_routine_words_are_not_marked_for_translation() -> None:
    routine = Routine("r", "R", (ExerciseStep(KNEE, hold=10, say="Lie down."),))
    cues = [e for *_, e in run_logging(routine) if isinstance(e, CueDue)]
    lie = next(c for c in cues if c.say == "Lie down.")
    assert lie.template is None and not lie.automatic
    name = next(c for c in cues if c.say == "Single knee to chest.")
    assert name.template == "{0}." and name.args == ("Single knee to chest",)


def test_self_paced_reps_say_press_done() -> None:
    plan = build_plan(Routine("r", "R", (ExerciseStep(BRIDGE, reps=12),)))
    words = [a.text for a in announce.segment_start(plan.segments[1], plan.segments[0], None)]
    assert words == ["Glute bridge.", "12 reps, at your own pace.", "Press Done when you finish."]
    assert announce.timed(plan.segments[1]) == []


def test_short_segments_only_count_what_fits_after_the_opening_words() -> None:
    plan = build_plan(Routine("r", "R", (ExerciseStep(KNEE, hold=10, reps=2, relax=3),)))
    relax = next(s for s in plan.segments if s.kind == "relax")
    assert [(off, a.text) for off, a in announce.timed(relax)] == [(1.0, "Two"), (2.0, "One")]


@pytest.mark.parametrize("n,word", [(1, "One"), (20, "Twenty"), (21, "21")])
def test_numbers(n: int, word: str) -> None:
    assert announce.number(n).text == word


def test_every_automatic_cue_of_a_long_routine_has_a_known_template() -> None:
    plan = thirty_minute_plan()
    segs = plan.segments
    for i, seg in enumerate(segs):
        prev = segs[i - 1] if i else None
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        anns = announce.segment_start(seg, prev, nxt) + [a for _, a in announce.timed(seg)]
        for a in anns:
            if a.template is not None:
                assert a.template in announce.TEMPLATES
                assert a.template.format(*a.args) == a.text
