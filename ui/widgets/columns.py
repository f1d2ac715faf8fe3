"""A list's main column that takes the room the others leave, but never less than a
readable number of characters (at a large font the other columns used to squeeze it to
a few letters)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView


class ReadableColumn(QObject):
    """Keeps `column` of `view` as wide as the room left, and at least `chars` average
    characters of the view's font wide (the font is followed when it changes); past that
    the view scrolls sideways."""

    def __init__(self, view: QTableView | QTreeView, column: int, chars: int) -> None:
        super().__init__(view)
        self._view, self._column, self._chars = view, column, chars
        header = self._header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._resized)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def _header(self) -> QHeaderView:
        view = self._view
        return view.horizontalHeader() if isinstance(view, QTableView) else view.header()

    def floor(self) -> int:
        """The narrowest the column gets, in pixels."""
        return self._view.fontMetrics().averageCharWidth() * self._chars + 12

    def fit(self) -> None:
        """Give the column the room the other columns leave (at least the floor)."""
        header = self._header()
        others = sum(header.sectionSize(i) for i in range(header.count())
                     if i != self._column and not header.isSectionHidden(i))
        width = max(self.floor(), self._view.viewport().width() - others)
        if header.sectionSize(self._column) != width:
            header.resizeSection(self._column, width)

    def _resized(self, index: int, _old: int, _new: int) -> None:
        if index != self._column:
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self.fit()
        return False
