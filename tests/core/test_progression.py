"""When the app offers to move a patient on a stage, or back (routine-format.md, Stages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backcoach.core.loader import load_bytes
from backcoach.core.log.records import StageChoice, StageRef
from backcoach.core.progression import StageOffer, current_stage, offer, position, stage_spans
from backcoach.core.routine import Routine

TZ = timezone(timedelta(hours=1))
T0 = datetime(2025, 3, 1, 8, 0, tzinfo=TZ)

ROUTINE = """\
backcoach: 1
title: Staged
exercises:
  a: {name: A}
stages:
  - name: Weeks 1-2
  - name: Weeks 3-4
    after: 3
    change: {s: {hold: 40s}}
  - name: Weeks 5-6
    after: 2
    change: {s: {hold: 50s}}
steps:
  - {exercise: a, id: s, hold: 30s}
"""


@dataclass(frozen=True)
class S:
    started_at: datetime
    stage: StageRef | None
    status: str = "completed"
    pain_before: int | None = 3
    pain_after: int | None = 3
    stop_reason: str | None = None
    speed: float = 1.0
    routine_title: str = "Staged"


@pytest.fixture
def routine(tmp_path: Path) -> Routine:
    result = load_bytes(ROUTINE.encode(), tmp_path / "staged.yaml", assets=tmp_path)
    assert result.routine is not None
    return result.routine


ONE = StageRef(1, "Weeks 1-2")
TWO = StageRef(2, "Weeks 3-4")


def days(n: int, stage: StageRef | None = ONE, **kw: object) -> list[S]:
    return [S(T0 + timedelta(days=d), stage, **kw) for d in range(n)]  # type: ignore[arg-type]


def test_no_offer_before_after_sessions(routine: Routine) -> None:
    now = T0 + timedelta(days=5)
    assert offer(routine, None, days(2), now) is None
    where = position(routine, None, days(2))
    assert where is not None and (where.current, where.completed, where.to_go) == (1, 2, 1)


def test_next_stage_offered_after_enough_completed_sessions(routine: Routine) -> None:
    now = T0 + timedelta(days=5)
    assert offer(routine, None, days(3), now) == StageOffer("next", 2, "Weeks 3-4")


def test_pain_rise_in_the_last_three_holds_it_back(routine: Routine) -> None:
    now = T0 + timedelta(days=10)
    sessions = days(5)
    sessions[-2] = S(sessions[-2].started_at, ONE, pain_before=2, pain_after=4)
    assert offer(routine, None, sessions, now) is None
    # a rise of 1, or a rise older than the last three, does not
    sessions[-2] = S(sessions[-2].started_at, ONE, pain_before=2, pain_after=3)
    sessions[0] = S(sessions[0].started_at, ONE, pain_before=1, pain_after=6)
    assert offer(routine, None, sessions, now) == StageOffer("next", 2, "Weeks 3-4")


def test_stopped_sessions_and_previews_do_not_count(routine: Routine) -> None:
    now = T0 + timedelta(days=10)
    sessions = days(2) + days(3, status="stopped", stop_reason="tired") + days(3, speed=8.0)
    assert offer(routine, None, sessions, now) is None


def test_sessions_count_from_when_the_stage_was_chosen(routine: Routine) -> None:
    chosen = StageChoice("staged", ONE, T0 + timedelta(days=2, hours=1))
    sessions = days(5)  # days 0..4: only days 3 and 4 are after the choice
    assert offer(routine, chosen, sessions, T0 + timedelta(days=6)) is None
    more = [*sessions, S(T0 + timedelta(days=5), ONE)]
    assert offer(routine, chosen, more, T0 + timedelta(days=6)) == StageOffer(
        "next", 2, "Weeks 3-4"
    )


def test_back_after_two_pain_stops_within_a_week(routine: Routine) -> None:
    chosen = StageChoice("staged", TWO, T0)
    stops = [
        S(T0 + timedelta(days=1), TWO, status="stopped", stop_reason="pain"),
        S(T0 + timedelta(days=6), TWO, status="stopped", stop_reason="pain"),
    ]
    assert offer(routine, chosen, stops, T0 + timedelta(days=7)) == StageOffer(
        "back", 1, "Weeks 1-2"
    )
    # more than 7 days apart from now: not both within the window
    assert offer(routine, chosen, stops, T0 + timedelta(days=9)) is None
    # at the first stage there is nowhere to go back to
    first = [S(x.started_at, ONE, status="stopped", stop_reason="pain") for x in stops]
    assert offer(routine, None, first, T0 + timedelta(days=7)) is None


def test_last_stage_offers_nothing_more(routine: Routine) -> None:
    chosen = StageChoice("staged", StageRef(3, "Weeks 5-6"), T0)
    sessions = days(10, stage=StageRef(3, "Weeks 5-6"))
    assert offer(routine, chosen, sessions, T0 + timedelta(days=11)) is None


def test_current_stage_without_a_choice_follows_the_latest_session(routine: Routine) -> None:
    sessions = [*days(2), S(T0 + timedelta(days=3), TWO), S(T0 + timedelta(days=4), None)]
    assert current_stage(routine, None, sessions) == (2, None)
    # a stage the file no longer has is brought back within its stages
    far = StageChoice("staged", StageRef(9, "Gone"), T0)
    assert current_stage(routine, far, sessions)[0] == 3


def test_stage_spans_for_the_report() -> None:
    sessions = [*days(2), S(T0 + timedelta(days=5), TWO), S(T0 + timedelta(days=6), TWO)]
    spans = stage_spans(sessions)
    assert [(s.stage.index, s.sessions, s.first.day, s.last.day) for s in spans] == [
        (1, 2, 1, 2),
        (2, 2, 6, 7),
    ]
