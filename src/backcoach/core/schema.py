"""The JSON Schema (draft 2020-12) of routine format 1, for editors' YAML language servers.

It mirrors what the loader checks as far as a schema can say it: keys,
types, enums, patterns and the exclusive-key rules. What it cannot say
(exercise ids that exist, unique step ids, images that exist, cue positions
inside their hold, durations of at most 2h written as text) only
`backcoach check` reports. Every file `check` accepts validates against it
(with check-jsonschema and ajv too): the types are decided once, the same here
and in the loader:

- a text (title, say, ids, tags...) is any scalar that is not empty: `id: 2`,
  `say: 12` and `title: 2024-03-01` are the texts "2", "12" and "2024-03-01".
  YAML 1.1 readers (PyYAML, js-yaml) turn a date into a date object, which ajv
  sees as an object with no properties, so that is allowed too;
- a duration is a number of seconds or a text like 30s or 1m30s, more than 0;
- a whole number is an integer of at least 1.

The top level is a routine or an exercise library, told apart with
`if`/`then`/`else` on `steps` as the loader does (steps: a routine; no steps,
exercises and no routine-only key: a library; else a routine missing its
steps), so an editor reports the real mistake rather than "not valid under any
of the given schemas".

`routine_schema(editor=True)` adds the `errorMessage` and `patternErrorMessage`
keywords that VS Code's and yaml-language-server's schema support read, so the
editor's message reads like `backcoach check`'s instead of showing a regex.
They are not JSON Schema keywords, and strict validators (ajv's default)
refuse unknown keywords, so the plain schema leaves them out.
"""

from __future__ import annotations

from typing import Any

from backcoach.core.durations import ACCEPTED_FORMS, DURATION_PATTERN, MAX_SECONDS
from backcoach.core.limits import (
    MAX_EXERCISES,
    MAX_IMAGE_PATH,
    MAX_REPS,
    MAX_SETS,
    MAX_STEPS,
    MAX_WHOLE,
    MIN_EVERY,
)
from backcoach.core.routine import IF_YES, KINDS, LEVELS, SIDES, SOUNDS

SCHEMA_ID = "https://backcoach.invalid/schema/routine-1.json"
ROUTINE_ONLY_KEYS = ("level", "prescribed", "kind", "defaults", "before_you_start", "flare")
"""Keys only a routine has: a file with any of them is a routine, steps or not."""

Schema = dict[str, Any]
MESSAGE = "_message"
"""Where a subschema keeps the words of its error, for the editor flavour (never output)."""

ZERO_PATTERN = r"^\s*(?:0+(?:\.0+)?\s*[hms]?\s*)+$"
"""A text duration that adds up to 0 (0, 0s, 0m 0s): the format refuses it."""


def _duration(description: str) -> Schema:
    # Every duration is more than 0, pauses (rest, relax, switch) included: the
    # format has no "0 = no pause". One schema for numbers and texts (no oneOf),
    # so an editor reports the pattern, not "Incorrect type. Expected number".
    return {
        "description": f"{description} {ACCEPTED_FORMS[0].upper()}{ACCEPTED_FORMS[1:]}.",
        "type": ["number", "string"],
        "exclusiveMinimum": 0,
        "maximum": MAX_SECONDS,
        "pattern": DURATION_PATTERN,
        "not": {"type": "string", "pattern": ZERO_PATTERN},
        "examples": ["30s", "1m30s", "45"],
        MESSAGE: f"expected {ACCEPTED_FORMS}, more than 0 and at most 2h",
    }


TEXT_TYPES = ["string", "number", "boolean", "object"]
"""A text is any scalar; "object" (with no properties) is a date read by a YAML 1.1 reader."""


def _text(description: str, what: str = "text") -> Schema:
    return {
        "description": description,
        "type": TEXT_TYPES,
        "minLength": 1,
        "pattern": r"\S",
        "maxProperties": 0,
        MESSAGE: f"expected {what}",
    }


def _words(description: str) -> Schema:
    return {
        "description": description,
        "type": "array",
        "items": _text("A word.", "a word"),
        "examples": [["hamstrings", "glutes"]],
        MESSAGE: "expected a list like [hamstrings, glutes]",
    }


def _whole(description: str, maximum: int = MAX_WHOLE) -> Schema:
    return {
        "description": description,
        "type": "integer",
        "minimum": 1,
        "maximum": maximum,
        MESSAGE: f"expected a whole number from 1 to {maximum}",
    }


def _enum(description: str, values: tuple[str, ...]) -> Schema:
    choices = ", ".join(values[:-1]) + " or " + values[-1]
    return {
        "description": description,
        "type": "string",
        "enum": list(values),
        MESSAGE: f"expected one of {choices}",
    }


IMAGE_PATTERN = r"^(?![A-Za-z][A-Za-z0-9+.-]+:)(?![/\\])(?!.*(^|[/\\])\.\.([/\\]|$)).*\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg]|[Ss][Vv][Gg])$"


def _image() -> Schema:
    return {
        "description": (
            "A PNG, JPEG or SVG file, relative to this file's folder (or the app's assets, "
            "like images/bird-dog-0.jpg); no '..', no absolute path, no URL."
        ),
        "type": "string",
        "maxLength": MAX_IMAGE_PATH,
        "pattern": IMAGE_PATTERN,
        "examples": ["images/bird-dog-0.jpg"],
        MESSAGE: "expected a PNG, JPEG or SVG image path relative to this file, "
        "like images/bridge-0.jpg",
    }


def routine_schema(*, editor: bool = False) -> Schema:
    """The schema as a dict (json.dumps it); `editor` adds the editors' message keywords."""
    schema = _schema()
    _messages(schema, editor)
    return schema


def _messages(node: object, editor: bool) -> None:
    """Turn each subschema's MESSAGE into editor keywords (`editor`), or drop it."""
    if isinstance(node, list):
        for item in node:
            _messages(item, editor)
        return
    if not isinstance(node, dict):
        return
    message = node.pop(MESSAGE, None)
    if message is not None and editor:
        node["errorMessage"] = message
        if "pattern" in node:
            node["patternErrorMessage"] = message
    for value in node.values():
        _messages(value, editor)


def _schema() -> Schema:
    exercise: Schema = {
        "type": "object",
        "description": "An exercise: what it is called, how to do it, pictures.",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {
            "name": _text("The exercise's name, spoken and shown."),
            "how": _text("Instructions, shown during the step."),
            "careful": _text("A safety note, shown during the step."),
            "image": _image(),
            "images": {
                "description": "Images shown in turn (start and end position).",
                "type": "array",
                "minItems": 1,
                "items": _image(),
            },
            "muscles": _words("Muscles worked, as words."),
            **_exercise_details(),
        },
        "not": {"required": ["image", "images"]},
    }
    cue: Schema = {
        "type": "object",
        "description": "A cue: exactly one position (at, before_end, every) and at least one action (say, show, sound).",
        "additionalProperties": False,
        "properties": {
            "at": {
                **_duration("From the start of each hold/duration period: 'half', or a duration."),
                "pattern": "^half$|" + DURATION_PATTERN,
                "examples": ["half", "10s"],
                MESSAGE: f"expected half or {ACCEPTED_FORMS}",
            },
            "before_end": _duration("Before the end of each hold/duration period."),
            "every": {
                **_duration("Repeat every this long during each hold/duration period."),
                "minimum": MIN_EVERY,
                MESSAGE: f"expected {ACCEPTED_FORMS}, at least 1s and at most 2h",
            },
            "say": _text("Text spoken and shown."),
            "show": _text("Text shown only."),
            "sound": _enum("A sound to play.", SOUNDS),
        },
        "oneOf": [
            {
                "required": ["at"],
                "not": {"anyOf": [{"required": ["before_end"]}, {"required": ["every"]}]},
            },
            {
                "required": ["before_end"],
                "not": {"anyOf": [{"required": ["at"]}, {"required": ["every"]}]},
            },
            {
                "required": ["every"],
                "not": {"anyOf": [{"required": ["at"]}, {"required": ["before_end"]}]},
            },
        ],
        "anyOf": [{"required": ["say"]}, {"required": ["show"]}, {"required": ["sound"]}],
    }
    exercise_step: Schema = {
        "type": "object",
        "description": "An exercise step: exactly one of hold, duration or reps (reps may go with hold or rep_time).",
        "additionalProperties": False,
        "required": ["exercise"],
        "properties": {
            "exercise": _text(
                "The id of an exercise (this file's exercises, a library file in the same folder, or the bundled library)."
            ),
            "id": _text("A name for the step, unique in the file (for flare.skip)."),
            "hold": _duration("A stretch or isometric hold: the length of each hold."),
            "reps": _whole("Holds (with hold) or movements per set. Default 1.", MAX_REPS),
            "rep_time": _duration(
                "With reps and no hold: one rep every this long, counted aloud. Without it, reps are self-paced."
            ),
            "duration": _duration(
                "A continuous timed activity (walk, march on the spot); not with hold, reps or rep_time."
            ),
            "sets": _whole("Sets. Default 1.", MAX_SETS),
            "sides": _enum(
                "none, each (left then right), left, right, or alternate (reps alternate "
                "left, right, ... starting left; reps is per side). Default none.",
                SIDES,
            ),
            "relax": _duration(
                "Pause between consecutive holds of one set (hold steps only). Default 5s."
            ),
            "switch": _duration("Pause to change sides (sides: each only). Default 5s."),
            "rest": _duration(
                "Pause after each set, and after the step before the next one. Default defaults.rest, else 0."
            ),
            "say": _text("Text spoken and shown when the step starts."),
            "cues": {
                "description": "Cues during each hold/duration period.",
                "type": "array",
                "items": {"$ref": "#/$defs/cue"},
            },
        },
        "allOf": [
            {"anyOf": [{"required": ["hold"]}, {"required": ["duration"]}, {"required": ["reps"]}]},
            {"not": {"required": ["hold", "duration"]}},
            {"not": {"required": ["duration", "reps"]}},
            {"not": {"required": ["rep_time", "hold"]}},
            {"not": {"required": ["rep_time", "duration"]}},
            {"if": {"required": ["relax"]}, "then": {"required": ["hold"]}},
            {
                "not": {
                    "required": ["sides", "duration"],
                    "properties": {"sides": {"const": "alternate"}},
                }
            },
            {
                "if": {"required": ["switch"]},
                "then": {"required": ["sides"], "properties": {"sides": {"const": "each"}}},
            },
        ],
    }
    rest_step: Schema = {
        "type": "object",
        "description": "A rest step: a pause, with something to say.",
        "additionalProperties": False,
        "required": ["rest"],
        "properties": {
            "rest": _duration("How long the pause lasts."),
            "say": _text("Text spoken and shown."),
            "id": _text("A name for the step, unique in the file (for flare.skip)."),
        },
    }
    question: Schema = {
        "type": "object",
        "description": "A safety question asked before the session starts.",
        "additionalProperties": False,
        "required": ["ask", "if_yes"],
        "properties": {
            "ask": _text("The question."),
            "if_yes": _enum(
                "stop: the session does not start (needs advice); flare: use the flare variant; note: log the answer.",
                IF_YES,
            ),
            "advice": _text(
                "What to do instead (if_yes stop), or what to know and go on (if_yes note)."
            ),
            "urgent": {
                "description": "With if_yes stop: the advice means get medical help now "
                "(shown in an urgent style).",
                "type": "boolean",
            },
        },
        "allOf": [
            {
                "if": {"properties": {"if_yes": {"const": "stop"}}, "required": ["if_yes"]},
                "then": {"required": ["advice"]},
            },
            {
                "if": {"required": ["urgent"]},
                "then": {"properties": {"if_yes": {"const": "stop"}}},
            },
        ],
    }
    common_top: Schema = {
        "backcoach": {"description": "The format version: 1.", "const": 1},
        "title": _text("The routine's (or library's) title."),
        "summary": _text("A short description."),
        "author": _text("Who wrote it."),
        "tags": _words("Words to find it by."),
        "language": {
            "description": "The IETF language tag of the file's text, like en, es or pt-BR "
            "(default en).",
            "type": "string",
            "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        },
        "exercises": {
            "description": "Exercises defined in this file, by id.",
            "type": "object",
            "maxProperties": MAX_EXERCISES,
            "additionalProperties": {"$ref": "#/$defs/exercise"},
        },
    }
    routine: Schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["backcoach", "title", "steps"],
        "properties": {
            **common_top,
            "level": _enum("How demanding it is.", LEVELS),
            "prescribed": {
                "description": "How often: N/day or N/week (N a whole number of at least 1), "
                "like 1/day or 3/week.",
                "type": "string",
                "pattern": r"^\s*0*[1-9][0-9]*\s*/\s*(day|week)\s*$",
                "examples": ["1/day", "3/week"],
                MESSAGE: "expected N/day or N/week with N a whole number of at least 1 "
                "(like 1/day or 3/week)",
            },
            "kind": _enum(
                "routine (default) or posture-break (a short routine the break reminder uses).",
                KINDS,
            ),
            "defaults": {
                "description": "Step pauses applied to every exercise step unless it says otherwise.",
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "rest": _duration("Default rest after each set and step."),
                    "relax": _duration("Default pause between holds."),
                    "switch": _duration("Default pause to change sides."),
                    "rep_time": _duration("Default pace of reps without hold."),
                },
            },
            "before_you_start": {
                "description": "Safety questions asked before the session.",
                "type": "array",
                "items": {"$ref": "#/$defs/question"},
            },
            "flare": {
                "description": "The gentler variant for flare days.",
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "scale": {
                        "description": "Multiplies holds, durations and reps (rounded up): 0 < scale <= 1.",
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "maximum": 1,
                        "examples": [0.5],
                        MESSAGE: "expected a number more than 0 and at most 1 (0.5 halves "
                        "holds, durations and reps)",
                    },
                    "skip": {
                        "description": "Step ids left out on flare days.",
                        "type": "array",
                        "items": _text("A step id.", "a step id"),
                    },
                },
            },
            "stages": _stages(),
            "steps": {
                "description": "The steps of the session, in order.",
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_STEPS,
                "items": {"$ref": "#/$defs/step"},
            },
        },
    }
    library: Schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["backcoach", "exercises"],
        "properties": common_top,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "backcoach routine (format 1)",
        "description": (
            "A backcoach routine (with steps) or exercise library (exercises and no steps). "
            "Check a file with `backcoach check FILE`."
        ),
        # With steps, a routine. Without: a library if it has exercises and no
        # routine-only key (as the loader decides), else a routine (missing steps).
        "if": {"type": "object", "required": ["steps"]},
        "then": {"$ref": "#/$defs/routine"},
        "else": {
            "if": {
                "type": "object",
                "required": ["exercises"],
                "not": {"anyOf": [{"required": [k]} for k in ROUTINE_ONLY_KEYS]},
            },
            "then": {"$ref": "#/$defs/library"},
            "else": {"$ref": "#/$defs/routine"},
        },
        "$defs": {
            "routine": routine,
            "library": library,
            "exercise": exercise,
            "step": {
                "if": {"type": "object", "required": ["exercise"]},
                "then": {"$ref": "#/$defs/exercise_step"},
                "else": {"$ref": "#/$defs/rest_step"},
            },
            "exercise_step": exercise_step,
            "rest_step": rest_step,
            "cue": cue,
            "question": question,
            "stage": _stage(),
        },
    }


def _exercise_details() -> Schema:
    """equipment, video and cautions (additions to format 1)."""
    return {
        "equipment": _words("What the exercise needs, as words: mat, strap, chair."),
        "video": {
            "description": (
                "One https:// address of a demonstration the patient may open in their "
                "own browser; the app never fetches it."
            ),
            "type": "string",
            "pattern": VIDEO_PATTERN,
        },
        "cautions": _text(
            "Who should take care or ask first (osteoporosis, a hip replacement); shown on "
            "the routine page, in the handout and before the step."
        ),
    }


VIDEO_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]://[^\s/?#@:]+(:[0-9]+)?([/?#]\S*)?$"


def _stages() -> Schema:
    return {
        "description": (
            "A progression: the first stage is the steps as written (only a name); each "
            "later one is offered after `after` completed sessions of the one before and "
            "changes doses by step id (changes accumulate)."
        ),
        "type": "array",
        "minItems": 2,
        "prefixItems": [
            {
                "type": "object",
                "description": "The first stage: the steps as written.",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {"name": _text("The stage's name, like Weeks 1-2.")},
            }
        ],
        "items": {"$ref": "#/$defs/stage"},
    }


def _stage() -> Schema:
    dose: Schema = {
        "type": "object",
        "description": "The dose keys this stage sets for the step.",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {
            "hold": _duration("The length of each hold."),
            "reps": _whole("Holds or movements per set.", MAX_REPS),
            "sets": _whole("Sets.", MAX_SETS),
            "rep_time": _duration("One rep every this long."),
            "duration": _duration("The length of a continuous activity."),
            "rest": _duration("Pause after each set and before the next step."),
            "relax": _duration("Pause between holds."),
        },
    }
    return {
        "type": "object",
        "description": "A later stage: its name, when it is offered, and what it changes.",
        "additionalProperties": False,
        "required": ["name", "after", "change"],
        "properties": {
            "name": _text("The stage's name, like Weeks 3-4."),
            "after": _whole("Offered after this many completed sessions of the stage before."),
            "change": {
                "description": "By step id: the dose keys that change.",
                "type": "object",
                "minProperties": 1,
                "additionalProperties": dose,
            },
        },
    }
