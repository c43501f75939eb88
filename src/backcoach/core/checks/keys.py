"""The keys of routine format 1, by where they stand: one list each, used by the checks
(unknown keys, did-you-mean) and by the syntax-error explanations (is this word a key?)."""

from __future__ import annotations

TOP_KEYS = (
    "backcoach",
    "title",
    "summary",
    "author",
    "level",
    "tags",
    "prescribed",
    "kind",
    "defaults",
    "before_you_start",
    "flare",
    "stages",
    "language",
    "exercises",
    "steps",
)
LIBRARY_KEYS = ("backcoach", "title", "summary", "author", "tags", "language", "exercises")
ROUTINE_ONLY_KEYS = (
    "level",
    "prescribed",
    "kind",
    "defaults",
    "before_you_start",
    "flare",
    "stages",
)
DEFAULT_KEYS = ("rest", "relax", "switch", "rep_time")
QUESTION_KEYS = ("ask", "if_yes", "advice", "urgent")
FLARE_KEYS = ("scale", "skip")
STEP_KEYS = (
    "exercise",
    "id",
    "hold",
    "reps",
    "rep_time",
    "duration",
    "sets",
    "sides",
    "relax",
    "switch",
    "rest",
    "say",
    "cues",
)
REST_STEP_KEYS = ("rest", "say", "id")
CUE_POSITIONS = ("at", "before_end", "every")
CUE_ACTIONS = ("say", "show", "sound")
CUE_KEYS = CUE_POSITIONS + CUE_ACTIONS
EXERCISE_KEYS = (
    "name",
    "how",
    "careful",
    "image",
    "images",
    "muscles",
    "equipment",
    "video",
    "cautions",
)
FORMAT_KEYS = frozenset(
    TOP_KEYS + DEFAULT_KEYS + QUESTION_KEYS + FLARE_KEYS + STEP_KEYS + CUE_KEYS + EXERCISE_KEYS
)
"""Every key of the format."""
