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
    QT_TRANSLATE_NOOP("settings", "The settings file {0} holds {1}, not settings."),
    QT_TRANSLATE_NOOP("settings", "The settings file {0} has values of the wrong kind ({1})."),
    QT_TRANSLATE_NOOP("settings", "backcoach uses the defaults instead."),
    QT_TRANSLATE_NOOP("settings", "backcoach uses the defaults for those."),
    QT_TRANSLATE_NOOP(
        "settings",
        "The file is kept: the next time settings are saved it is renamed {0}.bad-<date> first.",
    ),
)
"""core/settings.py PROBLEM_TEMPLATES, in the "settings" context."""
