"""Qt's own file dialog (Export's Save as, Import's and Settings' Open, where the desktop
has no dialog of its own) speaks Turkish whole, and at a large font its columns and
places show their words whole."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QListView,
    QTreeView,
)

from tests.ui.test_large_fonts import _set_font

pytestmark = pytest.mark.gui


@pytest.fixture
def in_turkish(qapp: QApplication) -> Iterator[None]:
    """Ours and Qt's own translations, as the app installs them."""
    from mlcoach.ui.i18n import install_translators

    install_translators(qapp, "tr")
    yield
    install_translators(qapp, "en")


@pytest.fixture(params=[10, 20, 25])
def font_points(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[float]:
    yield from (request.param for _ in _set_font(qapp, request.param))


@pytest.fixture(autouse=True)
def fitting() -> Iterator[None]:
    """As around the app's own calls (a static getSaveFileName and the like)."""
    from mlcoach.ui.file_dialogs import fitting

    with fitting():
        yield


def _shown(qtbot: Any, folder: Path) -> QFileDialog:
    (folder / "a folder").mkdir()
    (folder / "mlcoach-export-2026-12-05.json").write_text("{}", "utf-8")
    dialog = QFileDialog(None, "Export all data", str(folder), "JSON (*.json)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # offscreen has no other
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 2)
    QCoreApplication.processEvents()
    return dialog


def test_the_save_dialog_speaks_turkish_whole(qtbot: Any, in_turkish: None,
                                             tmp_path: Path) -> None:
    """Qt 6's "&Look in:" and "Files of &type:" are not in Qt's Turkish catalogue: they
    stayed English among the Turkish labels."""
    dialog = _shown(qtbot, tmp_path)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels == {"lookInLabel": "&Arama konumu:", "fileNameLabel": "Dosya a&dı:",
                      "fileTypeLabel": "Dosya &türü:"}


def test_its_columns_and_places_are_not_cut_at_a_large_font(
        qtbot: Any, font_points: float, tmp_path: Path) -> None:
    """At 20 and 25 pt the dialog kept a size made for 10 pt: its Size, Type and Date
    columns were cut to "Boy", "Tür", "Değişti" and the dates to "…43", "Computer" in
    the places to "Bi…"."""
    dialog = _shown(qtbot, tmp_path)
    tree = dialog.findChild(QTreeView, "treeView")
    header = tree.header()
    model = tree.model()
    for column in range(1, header.count()):
        texts = [str(model.headerData(column, header.orientation()))]
        texts += [str(model.index(row, column, tree.rootIndex()).data() or "")
                  for row in range(2)]
        need = max(tree.fontMetrics().horizontalAdvance(t) for t in texts)
        assert header.sectionSize(column) >= need, texts
    assert header.sectionSize(0) >= 20 * tree.fontMetrics().averageCharWidth()
    places = dialog.findChild(QListView, "sidebar")
    widest = max(places.visualRect(places.model().index(row, 0)).right()
                 for row in range(places.model().rowCount()))
    assert places.viewport().width() >= widest
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()


@pytest.mark.parametrize("kind", ["detail", "list", "folder"])
def test_the_dialog_fits_an_800_wide_screen_at_two_and_a_half_times_the_font(
        qtbot: Any, qapp: QApplication, in_turkish: None, tmp_path: Path, kind: str) -> None:
    """At 2.5 times an 11 pt desktop font, in Turkish, Export's Save as was 808 px wide
    at least, its file type list as wide as its longest words: 32 px past the edge of
    an 800 px screen, Cancel and Save with it. Where the screen is too narrow the list
    keeps fewer characters (it shows all its words when opened)."""
    from mlcoach.ui.file_dialogs import NAME_CHARS
    from mlcoach.ui.privacy import export_formats

    for _ in _set_font(qapp, 11 * 2.5):
        (tmp_path / "a folder").mkdir()
        if kind == "folder":  # as Settings' getExistingDirectory builds it
            dialog = QFileDialog(None, "Takvim dosyalarının klasörünü seçin", str(tmp_path))
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        else:  # as Export's getSaveFileName builds it
            dialog = QFileDialog(None, "Tüm verileri dışa aktar", str(tmp_path),
                                 ";;".join(f.filter for f in export_formats()))
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setViewMode(QFileDialog.ViewMode.List if kind == "list"
                               else QFileDialog.ViewMode.Detail)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QCoreApplication.processEvents()
        room = dialog.screen().availableGeometry()
        assert dialog.width() <= room.width() - 24, dialog.minimumSizeHint()
        assert dialog.height() <= room.height() - 48
        assert dialog.width() >= dialog.minimumSizeHint().width()  # nothing squeezed
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        assert types.width() >= NAME_CHARS // 2 * types.fontMetrics().averageCharWidth()
        dialog.close()


@pytest.mark.parametrize("points", [10, 11 * 2.5])
def test_the_folder_s_path_is_readable_at_two_and_a_half_times_the_font(
        qtbot: Any, qapp: QApplication, in_turkish: None, tmp_path: Path,
        points: float) -> None:
    """At 2.5 times the font on an 800 px screen, "Look in" showed the folder as "/…ı":
    the six buttons beside it kept 51 px each for a 16 px icon. The path has a row of
    its own there, as wide as the dialog; at an ordinary font it stays beside its label."""
    from PySide6.QtWidgets import QToolButton

    folder = tmp_path / "Belgeler" / "mlcoach dışa aktarımları"
    folder.mkdir(parents=True)
    for _ in _set_font(qapp, points):
        dialog = QFileDialog(None, "Tüm verileri dışa aktar", str(folder), "JSON (*.json)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QCoreApplication.processEvents()
        look = dialog.findChild(QComboBox, "lookInCombo")
        label = dialog.findChild(QLabel, "lookInLabel")
        tail = look.fontMetrics().horizontalAdvance("dışa aktarımları")
        assert look.width() // 2 > tail + look.iconSize().width() * 2  # middle elided
        assert look.geometry().right() <= dialog.rect().right()
        for button in dialog.findChildren(QToolButton):
            if button.isVisibleTo(dialog):
                assert dialog.rect().contains(button.geometry()), button.objectName()
        beside = look.geometry().top() < label.geometry().bottom()
        assert beside == (points == 10)
        assert dialog.width() <= dialog.screen().availableGeometry().width() - 24
        dialog.close()
