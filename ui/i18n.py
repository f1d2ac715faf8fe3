"""Load Qt translations for the chosen or system language."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

logger = logging.getLogger(__name__)

_installed: list[QTranslator] = []


def install_translators(app: QApplication, language: str = "") -> str:
    """Install mlcoach's and Qt's own translations; returns the language used."""
    locale = QLocale(language) if language else QLocale.system()
    lang = locale.name().split("_")[0]
    folder = resources.files("mlcoach.resources").joinpath("translations")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator(app)
    if ours.load(f"mlcoach_{lang}", str(folder)):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang
