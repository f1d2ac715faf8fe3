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
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayoutItem,
    QListView,
    QToolButton,
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
#: The least of a folder's path "Look in" shows beside its label, else on a row of its own.
PATH_CHARS = 24


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
    _narrow_tool_buttons(dialog)
    _path_on_its_own_row(dialog)
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


def _narrow_tool_buttons(dialog: QFileDialog) -> None:
    """Qt makes the six buttons beside "Look in" squares as tall as the path's list: at
    2.5 times the font, 51 px each for a 16 px icon, and on an 800 px screen the path
    they leave room for was "/…". As wide as an icon's button needs (as tall as before),
    they give the path 114 px more."""
    for name in _TOOL_BUTTONS:
        button = dialog.findChild(QToolButton, name)
        if button is None:
            continue
        width = max(button.sizeHint().width(), button.iconSize().width() + 16)
        if button.width() > width or button.minimumWidth() > width:
            button.setFixedWidth(width)


def _path_on_its_own_row(dialog: QFileDialog) -> None:
    """Where the "Look in" row leaves its folder's path fewer than PATH_CHARS (2.5 times
    the font on an 800 px screen: "/tm…arı"), the path gets a row of its own under its
    label and buttons, the dialog's whole width."""
    look = dialog.findChild(QComboBox, "lookInCombo")
    label = dialog.findChild(QLabel, "lookInLabel")
    grid = dialog.layout()
    if look is None or label is None or not isinstance(grid, QGridLayout) \
            or look.property("own_row"):
        return
    cells = _cells(grid)
    row = next((item.layout() for item, (line, *_rest) in cells
                if line == 0 and item.layout() is not None), None)
    if not isinstance(row, QHBoxLayout) or row.indexOf(look) < 0:
        return
    margins = grid.contentsMargins()
    beside = [item.widget() for item in (row.itemAt(i) for i in range(row.count()))
              if item is not None]
    taken = sum(b.width() + row.spacing() for b in beside if b is not None and b is not look)
    share = dialog.width() - margins.left() - margins.right() - label.sizeHint().width() \
        - grid.horizontalSpacing() - taken
    if share >= PATH_CHARS * look.fontMetrics().averageCharWidth():
        return
    look.setProperty("own_row", True)
    for item, (line, column, lines, columns) in cells:
        widget = item.widget()
        if widget is not None and line >= 1:
            grid.removeWidget(widget)
            grid.addWidget(widget, line + 1, column, lines, columns)
    row.removeWidget(look)
    row.insertStretch(0, 1)  # the buttons stay on the label's right
    grid.addWidget(look, 1, 0, 1, grid.columnCount())


def _cells(grid: QGridLayout) -> list[tuple[QLayoutItem, tuple[int, int, int, int]]]:
    """The grid's items with their row, column, rows and columns."""
    cells = []
    for index in range(grid.count()):
        item = grid.itemAt(index)
        if item is not None:
            line, column, lines, columns = cast(tuple[int, int, int, int],
                                                grid.getItemPosition(index))
            cells.append((item, (line, column, lines, columns)))
    return cells


_TOOL_BUTTONS = ("backButton", "forwardButton", "toParentButton", "newFolderButton",
                 "listModeButton", "detailModeButton")


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
