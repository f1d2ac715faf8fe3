"""The timeline's rows: a table model that reads pages on the worker thread, and its painter.

The model fetches pages of ~200 rows as the view scrolls (canFetchMore/fetchMore), so
ten years of entries open and scroll like one week. The delegate paints an entry on one
line with the words a search matched marked in bold.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from mlcoach.domain.model import Response
from mlcoach.store.timeline import (
    PAGE_SIZE,
    Cursor,
    EntryKind,
    Timeline,
    TimelineEntry,
    TimelineFilter,
    TimelinePage,
    excerpt,
    highlight_spans,
)
from mlcoach.ui import ops
from mlcoach.ui.i18n import error_message, qdate
from mlcoach.ui.names import kind_names, outcome_names, response_names
from mlcoach.ui.widgets.plain_text import as_tip

logger = logging.getLogger(__name__)


logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]  # what the history windows are given for "now"
_ROOT = QModelIndex()  # the invisible root of a flat model
translate = QCoreApplication.translate  # lupdate reads translate("History", "…") calls


def locale_name() -> str:
    """The formatting locale's name, e.g. "tr_TR"."""
    return QLocale().name()


def format_when(when: datetime, tz: tzinfo) -> str:
    """A timeline time in local time, e.g. "Thu 12 Jun 2025  17:20"."""
    local = when.astimezone(tz)
    loc = QLocale()
    return "{}  {}".format(
        loc.toString(qdate(local.date()), "ddd d MMM yyyy"),
        loc.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat),
    )


# -- the timeline model ------------------------------------------------------------------


class TimelineModel(QAbstractTableModel):
    """Timeline rows, fetched a page at a time on the worker thread as the view needs them.

    Signals:
        loading_changed(bool): a page started or finished loading.
        failed(str): a page could not be read.
    """

    WHEN, WHAT, ENTRY, PERSON, TAGS, OUTCOME = range(6)

    loading_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, timeline: Timeline, tz: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeline, self._tz = timeline, tz
        self._entries: list[TimelineEntry] = []
        self._filters = TimelineFilter()
        self._cursor: Cursor | None = None
        self._exhausted = True
        self._loading = False
        self._generation = 0
        self._lines: dict[tuple[int, bool, int], tuple[str, list[tuple[int, int]]]] = {}
        self.page_size = PAGE_SIZE
        self._kinds, self._outcomes = kind_names(), outcome_names()
        self._responses = response_names()

    # -- paging --------------------------------------------------------------------------

    def filters(self) -> TimelineFilter:
        """The filters the rows were read with."""
        return self._filters

    def set_filters(self, filters: TimelineFilter) -> None:
        """Start over with `filters`; the first page loads at once."""
        self._generation += 1
        self.beginResetModel()
        self._filters = filters
        self._entries, self._lines = [], {}
        self._cursor, self._exhausted, self._loading = None, False, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Read everything again with the same filters."""
        self.set_filters(self._filters)

    def loading(self) -> bool:
        """Whether a page is being read."""
        return self._loading

    def exhausted(self) -> bool:
        """Whether every row is loaded."""
        return self._exhausted

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._loading = True
        self.loading_changed.emit(True)
        generation, filters, cursor = self._generation, self._filters, self._cursor
        size, timeline = self.page_size, self._timeline
        ops.run(lambda: timeline.next_page(filters, cursor, size),
                lambda page: self._page_read(generation, page),
                lambda exc: self._page_failed(generation, exc), left_at_quit=True)

    def _page_read(self, generation: int, page: TimelinePage) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        if page.entries:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
            self._entries += page.entries
            self.endInsertRows()
        self._cursor, self._exhausted = page.next, page.next is None
        self._loading = False
        self.loading_changed.emit(False)

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        logger.error("timeline page failed: %s", exc)
        self._loading, self._exhausted = False, True
        self.loading_changed.emit(False)
        self.failed.emit(error_message(exc))

    # -- rows -----------------------------------------------------------------------------

    def entry(self, row: int) -> TimelineEntry | None:
        """The entry on `row`."""
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def entries(self) -> list[TimelineEntry]:
        """Every loaded entry, top to bottom."""
        return list(self._entries)

    def row_of(self, kind: EntryKind, entry_id: str) -> int | None:
        """The row holding an entry, if it is loaded."""
        for row, e in enumerate(self._entries):
            if e.id == entry_id and e.kind is kind:
                return row
        return None

    def replace_entry(self, entry: TimelineEntry) -> None:
        """Show an edited entry in place."""
        row = self.row_of(entry.kind, entry.id)
        if row is None:
            return
        self._entries[row] = replace(entry, score=self._entries[row].score)
        self._lines.clear()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove_row(self, row: int) -> TimelineEntry:
        """Take a row out (after a delete)."""
        self.beginRemoveRows(QModelIndex(), row, row)
        gone = self._entries.pop(row)
        self._lines.clear()
        self.endRemoveRows()
        return gone

    def insert_entry(self, row: int, entry: TimelineEntry) -> None:
        """Put an entry back at `row` (undo)."""
        row = max(0, min(row, len(self._entries)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.insert(row, entry)
        self._lines.clear()
        self.endInsertRows()

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (translate("History", "When"), translate("History", "What"),
                    translate("History", "Entry"), translate("History", "Person"),
                    translate("History", "Tags"), translate("History", "Outcome"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.ENTRY:
                if role == Qt.ItemDataRole.AccessibleTextRole:
                    return entry.text.replace("\n", ". ")
                return self.line(index.row())[0]
            return self._cell(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ENTRY:
            tip = entry.text
            if entry.detail and entry.kind is EntryKind.SUGGESTION:
                tip += "\n\n" + entry.detail
            return as_tip(tip)  # the user's words: as typed, not as markup; long ones wrap
        return None

    def line(self, row: int, whole: bool = False,
             column: int = ENTRY) -> tuple[str, list[tuple[int, int]]]:
        """The entry text (or its person or tags: `column` PERSON or TAGS) on one line
        and the search matches in it: a moment is found by its person and tags too.

        Args:
            whole: from its start; otherwise from a little before the first match.
        """
        found = self._lines.get((row, whole, column))
        if found is None:
            entry = self._entries[row]
            value = self._cell(entry, column) if column in (self.PERSON, self.TAGS) else entry.text
            query = self._filters.query if entry.kind is not EntryKind.PROMPT else ""
            spans = highlight_spans(value, query)
            found = excerpt(value, spans, lead=len(value) if whole else 30)
            self._lines[(row, whole, column)] = found
        return found

    def _cell(self, entry: TimelineEntry, column: int) -> str:
        if column == self.WHEN:
            return format_when(entry.when, self._tz)
        if column == self.WHAT:
            return self.what(entry)
        if column == self.PERSON:
            return entry.person or ""
        if column == self.TAGS:
            return " ".join("#" + t for t in entry.tags)
        if column == self.OUTCOME:
            return self._outcomes[entry.outcome] if entry.outcome else ""
        return ""

    def what(self, entry: TimelineEntry) -> str:
        """The row's type in words: "Recognition", "Prompt · Done", "Reflection · energy 4"."""
        if entry.kind is EntryKind.MOMENT and entry.moment_kind is not None:
            name = self._kinds[entry.moment_kind]
            if entry.planned:
                return translate("History", "Planned · %1").replace("%1", name)
            return name
        if entry.kind is EntryKind.PROMPT:
            response = self._responses.get(entry.response or Response.SHOWN, "")
            return translate("History", "Prompt · %1").replace("%1", response)
        if entry.kind is EntryKind.SUGGESTION:
            return translate("History", "Suggestion (coach)")
        if entry.energy is not None:
            return translate("History", "Reflection · energy %1").replace(
                "%1", QLocale().toString(entry.energy))
        return translate("History", "Reflection")


class HighlightDelegate(QStyledItemDelegate):
    """Paints an entry (or its person, or tags) on one line with the words a search matched marked
    in bold."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        # Asked of the model directly: Python tuples through QVariant upset PySide 6.12.
        model = index.model()
        if not isinstance(model, TimelineModel) or model.entry(index.row()) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = QRectF(style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt,
                                           widget)).adjusted(3, 0, -3, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        text, spans = visible_line(model, index.row(), opt.font, rect.width(),
                                   index.column())
        painter.save()
        painter.setClipRect(rect)
        _paint_marked(painter, rect, text, spans, opt.font, pal,
                      selected)
        painter.restore()


def visible_line(model: TimelineModel, row: int, font: QFont, width: float,
                 column: int = TimelineModel.ENTRY) -> tuple[str, list[tuple[int, int]]]:
    """The whole line when it fits `width`; else from a little before the first match."""
    text, spans = model.line(row, whole=True, column=column)
    if _marked_width(text, spans, font) > width:
        text, spans = model.line(row, column=column)
    return text, spans


def _pieces(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, matched) runs."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for a, b in spans:
        if a > at:
            pieces.append((text[at:a], False))
        pieces.append((text[a:b], True))
        at = b
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def _marked_width(text: str, spans: Sequence[tuple[int, int]], font: QFont) -> float:
    """How wide `text` is drawn with its matches in bold."""
    bold = QFont(font)
    bold.setBold(True)
    plain_fm, bold_fm = QFontMetrics(font), QFontMetrics(bold)
    return sum((bold_fm if m else plain_fm).horizontalAdvance(t) for t, m in _pieces(text, spans))


def _paint_marked(p: QPainter, rect: QRectF, text: str, spans: Sequence[tuple[int, int]],
                  font: QFont, pal: QPalette, selected: bool) -> None:
    """Draw `text` on one line, matched words bold on a marker colour, "…" when cut.

    Drawn segment by segment with QPainter (QTextLine.setLineWidth leaks a reference
    to None in PySide 6.12 and crashes long sessions).
    """
    plain = QColor(pal.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text))
    dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
    marker, marked_text = (QColor("#7A5C00"), QColor("#FFFFFF")) if dark else \
        (QColor("#FFE58A"), QColor("#000000"))
    bold = QFont(font)
    bold.setBold(True)
    pieces = _pieces(text, spans)
    ellipsis = "…"
    plain_fm = QFontMetrics(font)
    limit = rect.right() - plain_fm.horizontalAdvance(ellipsis)
    baseline = rect.top() + (rect.height() - plain_fm.height()) / 2 + plain_fm.ascent()
    x = rect.left()
    total = sum(QFontMetrics(bold if m else font).horizontalAdvance(t) for t, m in pieces)
    cut = rect.left() + total > rect.right()
    for piece, marked in pieces:
        fm = QFontMetrics(bold if marked else font)
        width = fm.horizontalAdvance(piece)
        if cut and x + width > limit:
            piece = fm.elidedText(piece, Qt.TextElideMode.ElideRight, int(limit - x) + 1)
            piece = piece.removesuffix(ellipsis)
            width = fm.horizontalAdvance(piece)
        p.setFont(bold if marked else font)
        if marked and not selected:
            p.fillRect(QRectF(x, rect.top() + 3, width, rect.height() - 6), marker)
        p.setPen(marked_text if marked and not selected else plain)
        p.drawText(QPointF(x, baseline), piece)
        if marked and selected:
            p.drawLine(QPointF(x, baseline + 2), QPointF(x + width, baseline + 2))
        x += width
        if cut and x >= limit - 1:
            break
    if cut:
        p.setFont(font)
        p.setPen(plain)
        p.drawText(QPointF(x, baseline), ellipsis)


# -- editing a moment --------------------------------------------------------------------
