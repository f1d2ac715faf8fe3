"""Qt's own file dialog (shown where the desktop has none of its own), made to read well.

Qt 6 renamed two of its labels ("&Look in:", "Files of &type:") and its Turkish
catalogue (qtbase_tr.qm) still has only the old words, so in Turkish they stayed
English: their Turkish is in ours, under Qt's own context. At a large font the dialog
kept a size made for a small one, and its columns and places cut their words to "…":
each time it shows, it is made as large as its words need, within the screen (its file
type list narrower where the screen is too narrow for its longest words).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QListView,
    QTreeView,
)

# Qt's own words its Turkish catalogue lacks, for `make translations` (context QFileDialog).
QT_WORDS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

#: The room the dialog asks for, in the font's average characters and lines.
WIDTH_CHARS = 90
HEIGHT_LINES = 26
#: The file names' column keeps at least this many characters.
NAME_CHARS = 20


def fit(dialog: QFileDialog) -> None:
    """Size Qt's file dialog, its columns and its places to the font, within the screen
    it shows on (scroll bars for what is left)."""
    from PySide6.QtGui import QGuiApplication

    metrics = dialog.fontMetrics()
    # Not dialog.screen(): PySide parents the screen's wrapper to the widget (reliability §20).
    screen = QGuiApplication.screenAt(dialog.geometry().center()) or \
        QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() - QSize(24, 48) if screen else QSize(4096, 4096)
    types = dialog.findChild(QComboBox, "fileTypeCombo")
    if types is not None and dialog.minimumSizeHint().width() > room.width():
        # As wide as its longest words, the file type list made Export's Save as 808 px
        # wide at least (2.5 times the font, in Turkish): past an 800 px screen's edge.
        types.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        types.setMinimumContentsLength(NAME_CHARS // 2)  # opened, it shows them whole
        # Set, not hinted: QComboBox keeps the least width it measured for its words.
        types.setMinimumWidth(types.sizeHint().width())
    want = QSize(WIDTH_CHARS * metrics.averageCharWidth(), HEIGHT_LINES * metrics.lineSpacing())
    size = dialog.size().expandedTo(want).boundedTo(room)
    if size != dialog.size():
        dialog.resize(size)
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None and not tree.property("fitted"):
        # Size, type and date whole (as the rows load), the names in the rest but never
        # narrower than NAME_CHARS: a scroll bar rather than names cut to "…".
        tree.setProperty("fitted", True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(
            lambda column, _old, _new, tree=tree: _share(tree) if column else None)
        _share(tree)
    places = dialog.findChild(QListView, "sidebar")
    if places is not None:  # "Computer" and the folders' names whole, in a third at most
        need = places.sizeHintForColumn(0) + 2 * places.frameWidth() + \
            places.verticalScrollBar().sizeHint().width()
        places.setMinimumWidth(min(need, dialog.width() // 3))


def _share(tree: QTreeView) -> None:
    """The names' column: what the other columns leave, at least NAME_CHARS."""
    header = tree.header()
    others = sum(header.sectionSize(c) for c in range(1, header.count()))
    least = NAME_CHARS * tree.fontMetrics().averageCharWidth()
    header.resizeSection(0, max(least, tree.viewport().width() - others))


class _Fitter(QObject):
    """Fits each Qt file dialog as it shows (the static getSaveFileName and the like
    build theirs out of reach)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog):
            fit(watched)
        elif event.type() == QEvent.Type.Resize:  # a fitted list's viewport: share again
            tree = watched.parent()
            if isinstance(tree, QTreeView) and tree.property("fitted"):
                _share(tree)
        return False


@contextlib.contextmanager
def fitting() -> Iterator[None]:
    """Fit the Qt file dialogs shown meanwhile: around a static getSaveFileName and the
    like, whose dialog lives and dies inside the call. An application-wide filter sees
    every event of every object, so it is there only for that while, not for the
    tray's whole life (where it cost memory: wrappers for the objects it was shown)."""
    app = QApplication.instance()
    fitter = _Fitter()
    if app is not None:
        app.installEventFilter(fitter)
    try:
        yield
    finally:
        if app is not None:
            app.removeEventFilter(fitter)
