"""Load Qt translations for the chosen or system language, and set the formatting locale.

The words come from resources/translations/mlcoach_<lang>.qm (compiled from the .ts by
`make translations`) and Qt's own qtbase_<lang>.qm (standard buttons, context menus).
The language is `mlcoach.domain.i18n.ui_language`: the setting, else the environment, the same
rule the core uses for its own text.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from mlcoach.domain.i18n import error_text, ui_language

if TYPE_CHECKING:  # datetime stays off the way to the tray icon
    from datetime import date

logger = logging.getLogger(__name__)

_installed: list[QTranslator] = []
_language: list[str] = []  # the language installed last


def current_language() -> str:
    """The language the windows speak ("en" or "tr")."""
    return _language[-1] if _language else ui_language("")


def error_message(exc: BaseException) -> str:
    """An error's message for a window, in the windows' language."""
    return error_text(exc, current_language())


def as_sentence(text: str) -> str:
    """A message shown on its own in a window: a capital first ("İ" in Turkish) and a
    full stop last, as the window's other sentences have."""
    if not text:
        return text
    first = {"i": "İ"}.get(text[0], text[0].upper()) if current_language() == "tr" \
        else text[0].upper()
    return first + text[1:] + ("" if text.endswith((".", "?", "!", "…")) else ".")


def qdate(day: date) -> QDate:
    """A date as Qt's QDate, for QLocale formatting and date edits."""
    return QDate(day.year, day.month, day.day)


def translations_folder() -> str:
    """Where the compiled mlcoach translations are."""
    from mlcoach.resources import folder

    return str(folder("translations"))


def locale_for(language: str, setting: str) -> QLocale:
    """The locale for dates and numbers: the system's unless the setting asks for another."""
    system = QLocale.system()
    if not setting or system.name().split("_")[0] == language:
        return system
    return QLocale(language)


def install_translators(app: QApplication, language: str = "") -> str:
    """Install mlcoach's and Qt's own translations; returns the language used.

    Args:
        language: the Settings choice ("" follows the system).
    """
    lang = ui_language(language)
    _language[:] = [lang]
    locale = locale_for(lang, language)
    QLocale.setDefault(locale)
    for translator in _installed:
        app.removeTranslator(translator)
        # Children of the application: kept, each Apply in Settings (each weekly focus)
        # left two more, with their catalogues, for as long as the app ran.
        translator.deleteLater()
    _installed.clear()
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(f"mlcoach_{lang}", translations_folder()):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            logger.warning("no translation for %s in %s", lang, translations_folder())
            ours.deleteLater()
        qt = QTranslator(app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(lang), "qtbase", "_", path):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            qt.deleteLater()
    return lang
