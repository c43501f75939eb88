"""Strings the UI translates from variables, listed so pyside6-lupdate extracts them.

Nothing imports this at run time except the tests, which check it matches
`announce.TEMPLATES` (the automatic spoken cues) and the other sources.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

ANNOUNCE: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("announce", "Get ready."),
    QT_TRANSLATE_NOOP("announce", "First: {0}."),
    QT_TRANSLATE_NOOP("announce", "{0}."),
    QT_TRANSLATE_NOOP("announce", "Left side."),
    QT_TRANSLATE_NOOP("announce", "Right side."),
    QT_TRANSLATE_NOOP("announce", "Set {0} of {1}."),
    QT_TRANSLATE_NOOP("announce", "Hold."),
    QT_TRANSLATE_NOOP("announce", "Hold {0} of {1}."),
    QT_TRANSLATE_NOOP("announce", "{0} reps. I will count."),
    QT_TRANSLATE_NOOP("announce", "{0} reps, at your own pace."),
    QT_TRANSLATE_NOOP("announce", "Press Done when you finish."),
    QT_TRANSLATE_NOOP("announce", "Begin."),
    QT_TRANSLATE_NOOP("announce", "Relax."),
    QT_TRANSLATE_NOOP("announce", "Switch sides."),
    QT_TRANSLATE_NOOP("announce", "Rest."),
    QT_TRANSLATE_NOOP("announce", "Next: {0}."),
    QT_TRANSLATE_NOOP("announce", "Next: set {0} of {1}."),
    QT_TRANSLATE_NOOP("announce", "{0}"),
    QT_TRANSLATE_NOOP("announce", "Well done. Session complete."),
    QT_TRANSLATE_NOOP("announce", "{0} reps each side, alternating. I will count."),
    QT_TRANSLATE_NOOP("announce", "{0} reps each side, alternating, at your own pace."),
    QT_TRANSLATE_NOOP("announce", "Left {0}"),
    QT_TRANSLATE_NOOP("announce", "Right {0}"),
    QT_TRANSLATE_NOOP("announce", "One"),
    QT_TRANSLATE_NOOP("announce", "Two"),
    QT_TRANSLATE_NOOP("announce", "Three"),
    QT_TRANSLATE_NOOP("announce", "Four"),
    QT_TRANSLATE_NOOP("announce", "Five"),
    QT_TRANSLATE_NOOP("announce", "Six"),
    QT_TRANSLATE_NOOP("announce", "Seven"),
    QT_TRANSLATE_NOOP("announce", "Eight"),
    QT_TRANSLATE_NOOP("announce", "Nine"),
    QT_TRANSLATE_NOOP("announce", "Ten"),
    QT_TRANSLATE_NOOP("announce", "Eleven"),
    QT_TRANSLATE_NOOP("announce", "Twelve"),
    QT_TRANSLATE_NOOP("announce", "Thirteen"),
    QT_TRANSLATE_NOOP("announce", "Fourteen"),
    QT_TRANSLATE_NOOP("announce", "Fifteen"),
    QT_TRANSLATE_NOOP("announce", "Sixteen"),
    QT_TRANSLATE_NOOP("announce", "Seventeen"),
    QT_TRANSLATE_NOOP("announce", "Eighteen"),
    QT_TRANSLATE_NOOP("announce", "Nineteen"),
    QT_TRANSLATE_NOOP("announce", "Twenty"),
)
"""core/announce.py TEMPLATES, in the "announce" context."""

LEVELS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("LibraryPage", "Gentle"),
    QT_TRANSLATE_NOOP("LibraryPage", "Moderate"),
    QT_TRANSLATE_NOOP("LibraryPage", "Strong"),
)

STOP_REASONS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("StopPanel", "&Pain"),
    QT_TRANSLATE_NOOP("StopPanel", "&Tired"),
    QT_TRANSLATE_NOOP("StopPanel", "&Interrupted"),
    QT_TRANSLATE_NOOP("StopPanel", "&Other reason"),
)

SETTINGS_PROBLEMS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP(
        "settings",
        "{0} is not a folder (a file is in the way); "
        "using the default settings, and changes can't be saved.",
    ),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} could not be read ({1})."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} is not valid JSON (line {1})."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} is not valid JSON (nested too deeply)."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} holds a number of thousands of digits."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} could not be read (not UTF-8 text)."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} holds a list, not settings."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} holds a text, not settings."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} holds true or false, not settings."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} holds null, not settings."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} holds a number, not settings."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} has values of the wrong kind ({1})."),
    QT_TRANSLATE_NOOP("settings", "backcoach uses the defaults instead."),
    QT_TRANSLATE_NOOP("settings", "backcoach uses the defaults for those."),
    QT_TRANSLATE_NOOP(
        "settings",
        "The file is kept: the next time settings are saved it is renamed {0}.bad-<date> first.",
    ),
)
"""core/settings.py PROBLEM_TEMPLATES, in the "settings" context."""

HISTORY_MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("history", "The history file {0} is not a file."),
    QT_TRANSLATE_NOOP(
        "history", "Move it away, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR)."
    ),
    QT_TRANSLATE_NOOP(
        "history",
        "The history file {0} was made by a newer backcoach (history version {1}; this one knows up to {2}).",
    ),
    QT_TRANSLATE_NOOP("history", "Update backcoach to use it; the file was left unchanged."),
    QT_TRANSLATE_NOOP(
        "history", "The history file {0} cannot be read, and it could not be moved aside ({1})."
    ),
    QT_TRANSLATE_NOOP("history", "Move it away yourself to start a new history."),
    QT_TRANSLATE_NOOP("history", "Cannot create the data folder {0}: {1} is a file, not a folder."),
    QT_TRANSLATE_NOOP("history", "Choose another data folder (--data-dir or BACKCOACH_DATA_DIR)."),
    QT_TRANSLATE_NOOP("history", "Cannot create the data folder {0} for the history ({1})."),
    QT_TRANSLATE_NOOP(
        "history",
        "Check that the folder can be written, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR).",
    ),
    QT_TRANSLATE_NOOP("history", "Cannot use the history file {0}: the disk is full."),
    QT_TRANSLATE_NOOP("history", "Free some disk space and try again."),
    QT_TRANSLATE_NOOP(
        "history", "Cannot use the history file {0}: the file or its folder is read-only."
    ),
    QT_TRANSLATE_NOOP(
        "history",
        "Make {0} writable, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR).",
    ),
    QT_TRANSLATE_NOOP("history", "Cannot use the history file {0}: another program is using it."),
    QT_TRANSLATE_NOOP("history", "Close the other backcoach window or command and try again."),
    QT_TRANSLATE_NOOP(
        "history", "Cannot use the history file {0}: it cannot be opened or created."
    ),
    QT_TRANSLATE_NOOP(
        "history",
        "Check that {0} exists and can be written, or choose another data folder (--data-dir or BACKCOACH_DATA_DIR).",
    ),
    QT_TRANSLATE_NOOP("history", "Cannot use the history file {0}: {1}."),
    QT_TRANSLATE_NOOP("history", "Check the disk and the folder's permissions, then try again."),
    QT_TRANSLATE_NOOP("history", "Cannot use the history file {0}: it is damaged ({1})."),
    QT_TRANSLATE_NOOP(
        "history", "Move it away to start a new history; keep it, it may be recoverable."
    ),
    QT_TRANSLATE_NOOP("history", "The history file {0} could not be read ({1})."),
    QT_TRANSLATE_NOOP("history", "It was moved to {0} and a new, empty history was started."),
    QT_TRANSLATE_NOOP("history", "Keep the old file: it may be recoverable."),
    QT_TRANSLATE_NOOP(
        "history",
        "The file {0} beside the history belongs to another database, so it was not merged into the history.",
    ),
    QT_TRANSLATE_NOOP("history", "It was moved to {0}; the history is as it was last saved."),
    QT_TRANSLATE_NOOP(
        "history",
        "Cannot use the history file {0}: the file {1} beside it belongs to another database.",
    ),
    QT_TRANSLATE_NOOP(
        "history",
        "Start backcoach once: it moves that file aside and opens the history as it was saved.",
    ),
    QT_TRANSLATE_NOOP(
        "history",
        "The file {0} beside the history belongs to another database and could not be moved aside ({1}).",
    ),
    QT_TRANSLATE_NOOP("history", "Move it away yourself; until then the history is left as it is."),
)
"""core/history.py MESSAGE_TEMPLATES, in the "history" context."""

IMPORT_MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("RoutineImport", "{0}: only routine files (.yaml or .yml) can be imported"),
    QT_TRANSLATE_NOOP("RoutineImport", "{0}: the file is too big for a routine"),
    QT_TRANSLATE_NOOP("RoutineImport", "{0}: can't be read ({1})"),
    QT_TRANSLATE_NOOP(
        "RoutineImport",
        "{0}: this exercise library uses pictures kept next to it; import the whole folder instead (drop the folder on the window)",
    ),
    QT_TRANSLATE_NOOP("RoutineImport", "{0}: this is not a routine"),
    QT_TRANSLATE_NOOP(
        "RoutineImport", "{0}: no valid routine or exercise library directly in this folder"
    ),
    QT_TRANSLATE_NOOP("RoutineImport", "{0}: can't be copied to {1} ({2})"),
    QT_TRANSLATE_NOOP("RoutineImport", "Imported into your routines: {0}"),
    QT_TRANSLATE_NOOP("RoutineImport", "Put in the folder “{0}” in your routines: {1}"),
    QT_TRANSLATE_NOOP(
        "RoutineImport",
        "Routines that bring their own pictures or exercise files get a folder of their own, so nothing you already have is overwritten.",
    ),
    QT_TRANSLATE_NOOP("RoutineImport", "Already in your routines, unchanged: {0}"),
    QT_TRANSLATE_NOOP("RoutineImport", "“{0}” was not imported. Please fix these problems first:"),
    QT_TRANSLATE_NOOP(
        "RoutineImport", "Some files were not imported; nothing was copied for them."
    ),
)
"""core/imports/import_check.py and core/imports/routine_import.py MESSAGE_TEMPLATES, in the
"RoutineImport" context."""


PRIVATE_MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP(
        "private",
        "backcoach made its data folder {0} private: it and the files in it can now be read only by you ({1} changed).",
    ),
)
"""core/private.py MESSAGE_TEMPLATES, in the "private" context."""


LIBRARY_MESSAGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP(
        "library", "The routine folder {0} was not found; its routines are not listed."
    ),
    QT_TRANSLATE_NOOP(
        "library", "The routine folder {0} is a file, not a folder; choose a folder in Settings."
    ),
    QT_TRANSLATE_NOOP(
        "library", "The routine folder {0} could not be read ({1}); its routines are not listed."
    ),
)
"""core/library.py MESSAGE_TEMPLATES, in the "library" context."""


DOSE_CHANGES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("DoseText", "hold {0} instead of {1}"),
    QT_TRANSLATE_NOOP("DoseText", "{0} times instead of {1}"),
    QT_TRANSLATE_NOOP("DoseText", "{0} sets instead of {1}"),
    QT_TRANSLATE_NOOP("DoseText", "one every {0} instead of {1}"),
    QT_TRANSLATE_NOOP("DoseText", "{0} instead of {1}"),
    QT_TRANSLATE_NOOP("DoseText", "rest {0} instead of {1}"),
    QT_TRANSLATE_NOOP("DoseText", "relax {0} between holds instead of {1}"),
)
"""ui/library/dose_text.py _CHANGE: what a stage changes, by key."""


PLAN_TEXT: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("PlanText", "{0}"),
    QT_TRANSLATE_NOOP("PlanText", "Get ready"),
    QT_TRANSLATE_NOOP("PlanText", "Switch to the left side"),
    QT_TRANSLATE_NOOP("PlanText", "Switch to the right side"),
    QT_TRANSLATE_NOOP("PlanText", "Switch sides"),
    QT_TRANSLATE_NOOP("PlanText", "Relax"),
    QT_TRANSLATE_NOOP("PlanText", "Rest"),
    QT_TRANSLATE_NOOP("PlanText", "Rest between sets"),
    QT_TRANSLATE_NOOP("PlanText", "left side"),
    QT_TRANSLATE_NOOP("PlanText", "right side"),
    QT_TRANSLATE_NOOP("PlanText", "set {0} of {1}"),
    QT_TRANSLATE_NOOP("PlanText", "hold {0} of {1}"),
    QT_TRANSLATE_NOOP("PlanText", "alternating sides"),
    QT_TRANSLATE_NOOP("PlanText", "{0} reps each side"),
    QT_TRANSLATE_NOOP("PlanText", "{0} reps"),
    QT_TRANSLATE_NOOP("PlanText", "{0} — {1}"),
    QT_TRANSLATE_NOOP("PlanText", "{0} + self-paced steps"),
    QT_TRANSLATE_NOOP("PlanText", "Hold"),
    QT_TRANSLATE_NOOP("PlanText", "At your own pace — press Enter when done"),
    QT_TRANSLATE_NOOP("PlanText", "Follow the count"),
    QT_TRANSLATE_NOOP("PlanText", "Keep going"),
    QT_TRANSLATE_NOOP("PlanText", "Get into position"),
    QT_TRANSLATE_NOOP("PlanText", "Breathe easy"),
    QT_TRANSLATE_NOOP("PlanText", "Set {0} of {1}"),
    QT_TRANSLATE_NOOP("PlanText", "Rep {0} of {1}"),
    QT_TRANSLATE_NOOP("PlanText", "Next: {0}"),
    QT_TRANSLATE_NOOP("PlanText", "Next: finish"),
    QT_TRANSLATE_NOOP("PlanText", "{0} ({1})"),
)
"""core/plan_words.py TEMPLATES, in the "PlanText" context."""
