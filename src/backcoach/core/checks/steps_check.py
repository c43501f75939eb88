"""Checks for `steps:`: exercise and rest steps, their timings and cues."""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from backcoach.core.checks.additions_check import AdditionChecks
from backcoach.core.checks.keys import (
    CUE_ACTIONS,
    CUE_KEYS,
    CUE_POSITIONS,
    REST_STEP_KEYS,
    STEP_KEYS,
)
from backcoach.core.checks.node_checks import Items, show_value
from backcoach.core.durations import format_duration
from backcoach.core.limits import MAX_CUES, MAX_REPS, MAX_SETS, MAX_STEPS, MIN_EVERY, cue_firings
from backcoach.core.routine import (
    DEFAULT_RELAX,
    DEFAULT_REST,
    DEFAULT_SWITCH,
    SIDES,
    SOUNDS,
    Cue,
    Exercise,
    ExerciseStep,
    RestStep,
    Step,
    is_sides,
    is_sound,
)

CONFLICTS: tuple[tuple[str, str, str], ...] = (
    ("hold", "duration", "use either hold or duration, not both"),
    (
        "duration",
        "reps",
        "a duration step is one continuous period and takes no reps "
        "(for repeated holds, use hold with reps)",
    ),
    (
        "hold",
        "rep_time",
        "rep_time paces movements; a hold step is paced by hold and relax (remove rep_time)",
    ),
    (
        "duration",
        "rep_time",
        "rep_time paces reps; a duration step runs for its duration (remove rep_time)",
    ),
)
"""Keys an exercise step cannot have together; the error is at the second key."""


class StepChecks(AdditionChecks):
    """The routine's steps; `steps()` also records step ids (for flare.skip)."""

    def steps(
        self, node: Node, defaults: dict[str, tuple[float, Node]], own: dict[str, Exercise]
    ) -> list[Step]:
        nodes = self.sequence(node, "steps", "[{exercise: ..., hold: 30s}, {rest: 1m}]")
        if nodes is None:
            return []
        if not nodes:
            self.error(node, "steps", "a routine needs at least one step")
            return []
        if self.too_many_steps(nodes):
            return []
        out: list[Step] = []
        for i, snode in enumerate(nodes):
            path = f"steps[{i}]"
            items = self.mapping(snode, path, "a step (a mapping with exercise: or rest:)")
            if items is None:
                continue
            step: Step | None
            if "exercise" in items:
                step = self.exercise_step(items, snode, path, defaults, own)
            elif "rest" in items:
                step = self.rest_step(items, path)
            else:
                self.unknown(items, STEP_KEYS, path)
                if not {"exercise", "rest"} & self.meant(items, STEP_KEYS):
                    self.error(
                        snode,
                        path,
                        "a step needs 'exercise:' (an exercise id) or 'rest:' (a pause, like 1m)",
                    )
                step = None
            if "id" in items:
                self.record_id(items["id"][1], path, i)
            if step is not None:
                out.append(step)
        return out

    def record_id(self, node: Node, path: str, index: int) -> None:
        """Keep steps[index]'s `id:` for flare.skip and stages; ids are unique."""
        ids = self.step_ids
        step_id = self.text(node, f"{path}.id", "a step id")
        if step_id is not None and step_id in ids:
            self.error(
                node,
                f"{path}.id",
                f"'{step_id}' is already the id of steps[{ids[step_id]}]; ids must be unique",
            )
        elif step_id is not None:
            ids[step_id] = index

    def too_many_steps(self, nodes: list[Node]) -> bool:
        """More than MAX_STEPS: reported at the first one too many, and none is read."""
        if len(nodes) <= MAX_STEPS:
            return False
        self.steps_refused = True
        self.error(
            nodes[MAX_STEPS],
            f"steps[{MAX_STEPS}]",
            f"a routine has at most {MAX_STEPS} steps; this one has {len(nodes):,}",
        )
        return True

    def rest_step(self, items: Items, path: str) -> RestStep | None:
        for key, (knode, _) in items.items():
            if key in REST_STEP_KEYS:
                continue
            if key in STEP_KEYS:
                self.error(
                    knode,
                    path,
                    f"'{key}' belongs to an exercise step; a rest step has only rest, say and id "
                    "(add 'exercise:' if this step is an exercise)",
                )
            else:
                self.unknown({key: items[key]}, REST_STEP_KEYS, path)
        rest = self.duration(items["rest"][1], f"{path}.rest")
        say = self.optional_text(items, "say", path)
        step_id = self.optional_text(items, "id", path)
        if rest is None:
            return None
        return RestStep(rest=rest, say=say, id=step_id)

    def exercise_step(
        self,
        items: Items,
        node: Node,
        path: str,
        defaults: dict[str, tuple[float, Node]],
        own: dict[str, Exercise],
    ) -> ExerciseStep | None:
        before = len(self.issues)
        self.unknown(items, STEP_KEYS, path)
        self.alternate_fits(items, path)
        exercise = self.step_exercise(items["exercise"][1], f"{path}.exercise", own)

        def dur(key: str, pause: bool = False) -> float | None:
            return (
                self.duration(items[key][1], f"{path}.{key}", pause=pause) if key in items else None
            )

        hold, duration, rep_time = dur("hold"), dur("duration"), dur("rep_time")
        reps = self.whole(items["reps"][1], f"{path}.reps", 1, MAX_REPS) if "reps" in items else 1
        sets = self.whole(items["sets"][1], f"{path}.sets", 1, MAX_SETS) if "sets" in items else 1
        sides = (
            self.choice(items["sides"][1], f"{path}.sides", SIDES) if "sides" in items else "none"
        )
        relax, switch, rest = dur("relax", True), dur("switch", True), dur("rest", True)
        say = self.optional_text(items, "say", path)
        self.step_keys_fit(items, node, path, sides)
        if "hold" not in items and "duration" not in items and rep_time is None:
            rep_time = defaults["rep_time"][0] if "rep_time" in defaults else None
        per_set = reps * 2 if reps is not None and sides == "alternate" else reps
        period, period_name = self.period(hold, duration, per_set, rep_time, "reps" in items)
        # A timing that could not be read is reported; checking cues against a
        # guessed period would only add errors caused by that one.
        timing = (("hold", hold), ("duration", duration), ("rep_time", rep_time), ("reps", reps))
        known = not any(k in items and v is None for k, v in timing)
        known = known and all(k in STEP_KEYS for k in items)  # hold_time: the hold is unknown
        known = known and not (rep_time is None and "rep_time" in self.unreadable_defaults)
        cues = (
            self.cues(items["cues"][1], f"{path}.cues", period, period_name, known)
            if "cues" in items
            else ()
        )
        if len(self.issues) > before or exercise is None:
            return None
        if reps is None or sets is None or sides is None or not is_sides(sides):
            return None
        return ExerciseStep(
            exercise=exercise,
            id=self.optional_text(items, "id", path),
            hold=hold,
            reps=reps,
            rep_time=rep_time if hold is None and duration is None else None,
            duration=duration,
            sets=sets,
            sides=sides,
            relax=relax if relax is not None else defaults.get("relax", (DEFAULT_RELAX,))[0],
            switch=switch if switch is not None else defaults.get("switch", (DEFAULT_SWITCH,))[0],
            rest=rest if rest is not None else defaults.get("rest", (DEFAULT_REST,))[0],
            say=say,
            cues=cues,
        )

    def step_keys_fit(self, items: Items, node: Node, path: str, sides: str | None) -> None:
        """Keys that exclude each other, and keys that need another one."""
        has = items.__contains__
        for first, second, message in CONFLICTS:
            if has(first) and has(second):
                self.error(items[second][0], path, message)
        typo = any(k not in STEP_KEYS for k in items)  # e.g. hold_time: reported already
        if not (has("hold") or has("duration") or has("reps")) and not typo:
            if has("rep_time"):
                self.error(items["rep_time"][0], path, "rep_time needs reps: how many movements")
            else:
                self.error(
                    node,
                    path,
                    "an exercise step needs one of hold (a stretch or hold, like 30s), "
                    "duration (a continuous activity, like 2m) or reps (movements, like 10)",
                )
        if has("relax") and not has("hold"):
            self.error(
                items["relax"][0], path, "relax is the pause between holds; this step has no hold"
            )
        if has("switch") and sides not in ("each", None):  # None: sides is reported already
            self.error(
                items["switch"][0],
                path,
                "switch is the pause to change sides; it only applies with sides: each",
            )

    @staticmethod
    def period(
        hold: float | None,
        duration: float | None,
        reps: int | None,
        rep_time: float | None,
        has_reps: bool,
    ) -> tuple[float | None, str]:
        """The length of the period cues run in, and its name for messages."""
        if hold is not None:
            return hold, f"{format_duration(hold)} hold"
        if duration is not None:
            return duration, f"{format_duration(duration)} duration"
        if has_reps and reps is not None and rep_time is not None:
            length = reps * rep_time
            return (
                length,
                f"{format_duration(length)} set ({reps} reps x {format_duration(rep_time)})",
            )
        return None, "self-paced set of reps"

    def step_exercise(self, node: Node, path: str, own: dict[str, Exercise]) -> Exercise | None:
        ex_id = self.text(node, path, "an exercise id")
        if ex_id is None:
            return None
        found = own.get(ex_id) or self.catalog.find(ex_id)
        if found is not None or ex_id in self.own_ids:
            return found
        broken = self.catalog.broken_source(ex_id)
        if broken is not None:
            self.blamed.append(broken.path)
            self.error(
                node,
                path,
                f"exercise '{ex_id}' comes from {broken.name}, which has errors (see above)",
                f"fix {broken.name} first",
            )
            return None
        known = list(dict.fromkeys([*own, *self.catalog.ids()]))
        self.error(
            node,
            path,
            f"unknown exercise '{ex_id}'{self.suggest_id(ex_id, known) or ''} "
            f"(looked in {self.catalog.describe()})",
        )
        return None

    def cues(
        self,
        node: Node,
        path: str,
        period: float | None,
        period_name: str,
        known: bool = True,
    ) -> tuple[Cue, ...]:
        """The cues of a step; `known`: whether the step's timing could be read (to check fits)."""
        nodes = self.sequence(node, path, "[{at: 10s, say: Breathe out}]")
        out: list[Cue] = []
        for i, cnode in enumerate(nodes or []):
            cpath = f"{path}[{i}]"
            items = self.mapping(cnode, cpath, "a cue like {at: 10s, say: Breathe out}")
            if items is None:
                continue
            before = len(self.issues)
            self.unknown(items, CUE_KEYS, cpath)
            positions = [k for k in items if k in CUE_POSITIONS]
            actions = [k for k in items if k in CUE_ACTIONS]
            meant = self.meant(items, CUE_KEYS)
            if not positions and not meant & set(CUE_POSITIONS):
                self.error(
                    cnode,
                    cpath,
                    "a cue needs a position: at (like 10s, or half), before_end or every",
                )
            for extra in positions[1:]:
                self.error(
                    items[extra][0],
                    cpath,
                    f"a cue has one position; this one already has {positions[0]}",
                )
            if not actions and not meant & set(CUE_ACTIONS):
                self.error(cnode, cpath, "a cue needs something to do: say, show or sound")
            at: float | None = None
            at_half = False
            before_end = every = None
            if "at" in items:
                anode = items["at"][1]
                if isinstance(anode, ScalarNode) and anode.value == "half":
                    at_half = True
                else:
                    at = self.duration(anode, f"{cpath}.at")
            if "before_end" in items:
                before_end = self.duration(items["before_end"][1], f"{cpath}.before_end")
            if "every" in items:
                every = self.every(items["every"][1], f"{cpath}.every")
            say = self.optional_text(items, "say", cpath)
            show = self.optional_text(items, "show", cpath)
            sound = (
                self.choice(items["sound"][1], f"{cpath}.sound", SOUNDS)
                if "sound" in items
                else None
            )
            if len(self.issues) == before and known:
                self.cue_fits(items, cpath, period, period_name, at, at_half, before_end, every)
            if len(self.issues) == before and (sound is None or is_sound(sound)):
                out.append(Cue(at, at_half, before_end, every, say, show, sound))
        self.cues_heard(node, path, tuple(out), period, period_name, known)
        return tuple(out)

    def cues_heard(
        self,
        node: Node,
        path: str,
        cues: tuple[Cue, ...],
        period: float | None,
        name: str,
        known: bool,
    ) -> None:
        """At most MAX_CUES cues are heard in one period (a self-paced one counts 10 minutes);
        not checked when the step's timing could not be read (`known` False)."""
        heard = cue_firings(cues, period) if known else 0
        if heard > MAX_CUES:
            within = f"each {name}" if period is not None else "10 minutes of a self-paced set"
            self.error(
                node,
                path,
                f"these cues would be heard {heard:,} times in {within}; "
                f"at most {MAX_CUES} (repeat them less often)",
            )

    def every(self, node: Node, path: str) -> float | None:
        """A repeating cue's interval: a duration of at least MIN_EVERY."""
        every = self.duration(node, path)
        if every is not None and every < MIN_EVERY:
            self.error(
                node,
                path,
                f"a repeating cue comes at most once a second (every: 1s or more), "
                f"got {show_value(node)}",
            )
            return None
        return every

    def cue_fits(
        self,
        items: Items,
        path: str,
        period: float | None,
        name: str,
        at: float | None,
        at_half: bool,
        before_end: float | None,
        every: float | None,
    ) -> None:
        """A cue that could never be heard is a mistake the therapist wants to know about."""
        if period is None:
            if at_half or before_end is not None:
                key = "at" if at_half else "before_end"
                self.error(
                    items[key][1],
                    f"{path}.{key}",
                    "a self-paced set of reps has no known end; use at or every "
                    "(or give the step a rep_time)",
                )
            return
        if at is not None and at >= period:
            self.error(
                items["at"][1],
                f"{path}.at",
                f"{format_duration(at)} is at or after the end of the {name}",
            )
        if before_end is not None and before_end >= period:
            self.error(
                items["before_end"][1],
                f"{path}.before_end",
                f"{format_duration(before_end)} before the end is at or before the start of the {name}",
            )
        if every is not None and every >= period:
            self.error(
                items["every"][1],
                f"{path}.every",
                f"every {format_duration(every)} never comes within the {name}",
            )
