"""A layout that puts its items in a row and wraps them onto more rows when the row is
too narrow (a large font, a long translation, a narrow window)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class ItemsLayout(QLayout):
    """A layout that keeps its items in a list and places them, its height following
    its width, with `_arrange` (which subclasses write)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in `rect` (only measure them unless `move`); the height used."""
        raise NotImplementedError


class FlowLayout(ItemsLayout):
    """Items left to right (right to left in a right-to-left language), wrapped."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12,
                 row_spacing: int = 6) -> None:
        super().__init__(parent)
        self._gap, self._row_gap = spacing, row_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def sizeHint(self) -> QSize:
        """All the items on one row."""
        shown = [i.sizeHint() for i in self._items if not i.isEmpty()]
        m = self.contentsMargins()
        width = sum(s.width() for s in shown) + self._gap * max(0, len(shown) - 1)
        height = max((s.height() for s in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest item: the rest wraps under it."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        owner = self.parentWidget()
        rtl = owner is not None and owner.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x, y, row_height = area.x(), area.y(), 0
        placed: list[tuple[QLayoutItem, QRect]] = []
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint().boundedTo(QSize(area.width(), 1 << 20)).expandedTo(
                item.minimumSize())
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, row_height = area.x(), y + row_height + self._row_gap, 0
            placed.append((item, QRect(QPoint(x, y), hint)))
            x += hint.width() + self._gap
            row_height = max(row_height, hint.height())
        if move:
            for item, where in placed:
                if rtl:
                    where.moveLeft(area.x() + area.right() - where.right())
                item.setGeometry(where)
        return y + row_height - rect.y() + m.bottom()


def labelled(label: QWidget, field: QWidget, parent: QWidget) -> QWidget:
    """`label` and `field` side by side in one widget, kept together when a flow wraps."""
    from PySide6.QtWidgets import QHBoxLayout

    pair = QWidget(parent)
    pair.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    label.setParent(pair)
    field.setParent(pair)
    row.addWidget(label)
    row.addWidget(field)
    return pair
