"""Loading translations: backcoach's own catalogue and Qt's, for the system's language.

The language follows the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux,
as QLocale.system() reads them), so `LANGUAGE=es backcoach` runs in Spanish.
Routine files stay in the language the therapist wrote them in. The automatic
spoken cues are English templates from core/announce.py, translated here in
the "announce" context and filled in afterwards.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from backcoach.i18n import CATALOGUE, translations_dir

ANNOUNCE_CONTEXT = "announce"
LIBRARY_CONTEXT = "library"
"""core/library.py's problems with routine folders (translatable.LIBRARY_MESSAGES)."""


class CatalogueTranslator(QTranslator):
    """backcoach's catalogue, which also looks in the empty context.

    Module-level helpers such as `tr(text)` (calling QCoreApplication.translate
    with a fixed context) are extracted by pyside6-lupdate without a context, so a
    message not found under its own context is looked up there too.
    """

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """The translation, or None (a null string) so Qt falls back to the source text.

        An empty string would count as a translation: every message missing from
        the catalogue (a routine's level, a new string) would show as blank.
        """
        found = super().translate(context, source, disambiguation, n)
        if not found and context:
            found = super().translate("", source, disambiguation, n)
        return found or None


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install backcoach's and Qt's translators for `locale` (default: the system's).

    Returns the installed translators (parented to `app`); English needs none.
    """
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    sources = (
        (CATALOGUE, str(translations_dir())),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, folder in sources:
        translator = CatalogueTranslator(app) if name == CATALOGUE else QTranslator(app)
        if translator.load(locale, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()


def cue_text(cue: Any) -> str | None:
    """What to say for a CueDue: an automatic cue's template translated, then filled in."""
    template = getattr(cue, "template", None)
    say: str | None = getattr(cue, "say", None)
    if not template or not say:
        return say
    args = tuple(getattr(cue, "args", ()) or ())
    translated = QCoreApplication.translate(ANNOUNCE_CONTEXT, template)
    try:
        return translated.format(*args)
    except (IndexError, KeyError, ValueError):  # a broken translation: say the English
        return say


def parts_text(context: str, parts: Any) -> str:
    """English (template, args) sentences from the core, each translated then filled in."""
    out = []
    for template, args in parts:
        translated = QCoreApplication.translate(context, template)
        try:
            out.append(translated.format(*args))
        except (IndexError, KeyError, ValueError):  # a broken translation: the English
            out.append(template.format(*args))
    return " ".join(out)
