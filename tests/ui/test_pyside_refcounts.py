"""The installed PySide6 keeps Python's reference counts right where the app relies on it.

PySide6 6.12.0 dropped a reference to None each time C++ called a Python override that
returned None; on Python 3.11 (Debian 12) None's count then reaches zero and the
process aborts after a few thousand calls. The app returns None from models and
translators all day long, so this guards the version range in pyproject.toml.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt, QTranslator

pytestmark = pytest.mark.gui

CALLS = 500


class _Model(QAbstractListModel):
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 3

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None


class _Translator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return None


def test_a_model_returning_none_keeps_nones_count(qapp) -> None:
    model = _Model()
    index = model.index(1, 0)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        index.data(Qt.ItemDataRole.ToolTipRole)
    assert sys.getrefcount(None) - before > -CALLS // 2


def test_a_translator_returning_none_keeps_nones_count(qapp) -> None:
    translator = _Translator()
    QCoreApplication.installTranslator(translator)
    try:
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            QCoreApplication.translate("Probe", "a word no catalogue has")
        assert sys.getrefcount(None) - before > -CALLS // 2
    finally:
        QCoreApplication.removeTranslator(translator)
