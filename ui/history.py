"""History & insights: the timeline with search and filters, the charts, the weekly review.

The timeline model fetches pages of ~200 rows on the worker thread as the view
scrolls (canFetchMore/fetchMore), so ten years of entries open and scroll like
one week. Moments can be edited in place and deleted with undo. The Insights
tab reads all its chart data in one worker call (`compute_insights`). The File
menu exports and imports through `mlcoach.ui.transfer`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mlcoach.coaching.content import load_builtin, theme_names
from mlcoach.coaching.weekly import WeeklyReview, accept_focus, mark_shown, weekly_review
from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import Kind, Moment, Outcome, Response
from mlcoach.store.core import Store
from mlcoach.store.insights import Insights, compute_insights
from mlcoach.store.timeline import (
    PAGE_SIZE,
    Cursor,
    EntryKind,
    FilterChoices,
    Timeline,
    TimelineEntry,
    TimelineFilter,
    TimelinePage,
    excerpt,
    highlight_spans,
)
from mlcoach.ui import ops
from mlcoach.ui.charts import (
    CalendarChart,
    ChartCard,
    LabelledBarChart,
    LineChart,
    StackedBarChart,
)
from mlcoach.ui.i18n import error_message
from mlcoach.ui.privacy import export_formats
from mlcoach.ui.transfer import Transfer
from mlcoach.ui.transfer import summary as import_summary

logger = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
UNDO_MS = 15_000
Clock = Callable[[], datetime]
_ROOT = QModelIndex()  # the invisible root of a flat model


translate = QCoreApplication.translate  # lupdate reads translate("History", "…") calls


def kind_names() -> dict[Kind, str]:
    """Moment kinds as the user reads them."""
    return {Kind.EXAMPLE: translate("History", "Example"),
            Kind.SUGGESTION: translate("History", "Suggestion"),
            Kind.RECOGNITION: translate("History", "Recognition"),
            Kind.SUPPORT: translate("History", "Support"),
            Kind.QUESTION: translate("History", "Question"),
            Kind.DELEGATION: translate("History", "Delegation"),
            Kind.OTHER: translate("History", "Other")}


def outcome_names() -> dict[Outcome, str]:
    """Outcomes as the user reads them."""
    return {Outcome.FOLLOWED: translate("History", "Followed"),
            Outcome.NOT_YET: translate("History", "Not yet"),
            Outcome.DECLINED: translate("History", "Declined")}


def response_names() -> dict[Response, str]:
    """Prompt responses as the user reads them."""
    return {Response.SHOWN: translate("History", "Shown"),
            Response.DONE: translate("History", "Done"),
            Response.SNOOZED: translate("History", "Later"),
            Response.SKIPPED: translate("History", "Skipped"),
            Response.NOT_FOR_ME: translate("History", "Not for me"),
            Response.EXPIRED: translate("History", "Missed")}


def entry_kind_names() -> dict[EntryKind, str]:
    """Timeline row types as the user reads them."""
    return {EntryKind.MOMENT: translate("History", "Moments"),
            EntryKind.PROMPT: translate("History", "Prompts"),
            EntryKind.SUGGESTION: translate("History", "Suggestions"),
            EntryKind.REFLECTION: translate("History", "Reflections")}


def _language() -> str:
    return QLocale().name()


def _decimal(value: float) -> str:
    """A number with one decimal, written the locale's way (3,5 in Turkish)."""
    return QLocale().toString(value, "f", 1)


def _percent(value: float) -> str:
    """A whole percentage, with the sign where the language puts it (%45 in Turkish)."""
    return translate("History", "%1%").replace("%1", QLocale().toString(round(value)))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _month_label(day: date) -> str:
    """An axis label: the month's short name, or the year in January."""
    return str(day.year) if day.month == 1 else QLocale().toString(_qdate(day), "MMM")


def format_when(when: datetime, tz: tzinfo) -> str:
    """A timeline time in local time, e.g. "Thu 12 Jun 2025  17:20"."""
    local = when.astimezone(tz)
    loc = QLocale()
    return "{}  {}".format(
        loc.toString(_qdate(local.date()), "ddd d MMM yyyy"),
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
        self._lines: dict[tuple[int, bool], tuple[str, list[tuple[int, int]]]] = {}
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
                lambda exc: self._page_failed(generation, exc))

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
            return tip
        return None

    def line(self, row: int, whole: bool = False) -> tuple[str, list[tuple[int, int]]]:
        """The entry text on one line and the search matches in it.

        Args:
            whole: from its start; otherwise from a little before the first match.
        """
        found = self._lines.get((row, whole))
        if found is None:
            entry = self._entries[row]
            query = self._filters.query if entry.kind is not EntryKind.PROMPT else ""
            spans = highlight_spans(entry.text, query)
            found = excerpt(entry.text, spans, lead=len(entry.text) if whole else 30)
            self._lines[(row, whole)] = found
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
    """Paints an entry on one line with the words a search matched marked in bold."""

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
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = QRectF(style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt,
                                           widget)).adjusted(3, 0, -3, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        pal = opt.palette  # type: ignore[attr-defined]
        text, spans = visible_line(model, index.row(), opt.font,  # type: ignore[attr-defined]
                                   rect.width())
        painter.save()
        painter.setClipRect(rect)
        _paint_marked(painter, rect, text, spans, opt.font, pal,  # type: ignore[attr-defined]
                      selected)
        painter.restore()


def visible_line(model: TimelineModel, row: int, font: QFont,
                 width: float) -> tuple[str, list[tuple[int, int]]]:
    """The whole line when it fits `width`; else from a little before the first match."""
    text, spans = model.line(row, whole=True)
    if _marked_width(text, spans, font) > width:
        text, spans = model.line(row)
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


@dataclass(frozen=True, slots=True)
class MomentEdit:
    """What the editor returns."""

    text: str
    kind: Kind
    outcome: Outcome | None


class MomentEditor(QDialog):
    """A small editor for a moment's text, kind and outcome."""

    def __init__(self, entry: TimelineEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit moment"))
        self.text = QPlainTextEdit(entry.text, self)
        self.text.setAccessibleName(self.tr("Moment text"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind"))
        for kind, name in kind_names().items():
            self.kind.addItem(name, kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(
            entry.moment_kind.value if entry.moment_kind else Kind.OTHER.value)))
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.addItem(self.tr("No outcome yet"), "")
        for outcome, name in outcome_names().items():
            self.outcome.addItem(name, outcome.value)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(
            entry.outcome.value if entry.outcome else "")))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        form = QFormLayout()
        form.addRow(self.tr("&Text"), self.text)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Outcome"), self.outcome)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def value(self) -> MomentEdit:
        """The edited values."""
        outcome = self.outcome.currentData()
        return MomentEdit(self.text.toPlainText().strip(), Kind(self.kind.currentData()),
                          Outcome(outcome) if outcome else None)

    def accept(self) -> None:
        if not self.value().text:
            self.error.setText(self.tr("A moment needs some words."))
            self.error.show()
            return
        super().accept()


# -- the Timeline tab -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Deleted:
    moment: Moment
    entry: TimelineEntry
    row: int


class TimelineTab(QWidget):
    """Search, filters, the virtualised list, in-place editing and delete with undo.

    Signals:
        entries_changed(): a moment was edited, deleted or restored.
    """

    entries_changed = Signal()

    def __init__(self, store: Store, *, clock: Clock, tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._clock, self._tz = store, clock, tz
        # One connection while the window is open (warm pages); closed when it hides.
        self.timeline = Timeline(store, keep_connection=True)
        self.model = TimelineModel(self.timeline, tz, self)
        self._deleted: list[_Deleted] = []
        self._count_generation = 0
        self._editor: MomentEditor | None = None

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search moments, reflections, suggestions and "
                                               "notes"))
        self.search.setAccessibleName(self.tr("Search the history"))
        self.search.setClearButtonEnabled(True)
        self.order = self._combo(self.tr("Order"), [(self.tr("Best match"), True),
                                                    (self.tr("Newest first"), False)])
        self.order.setEnabled(False)
        self.show_box = self._combo(self.tr("Show"), [(self.tr("Everything"), "")] + [
            (name, kind.value) for kind, name in entry_kind_names().items()])
        self.kind_box = self._combo(self.tr("Kind of moment"), [(self.tr("Any kind"), "")] + [
            (name, kind.value) for kind, name in kind_names().items()])
        self.person_box = self._combo(self.tr("Person"), [(self.tr("Anyone"), "")])
        self.tag_box = self._combo(self.tr("Tag"), [(self.tr("Any tag"), "")])
        self.theme_box = self._combo(self.tr("Theme"), [(self.tr("Any theme"), "")])
        self.outcome_box = self._combo(self.tr("Outcome"), [(self.tr("Any outcome"), "")] + [
            (name, o.value) for o, name in outcome_names().items()])
        self.date_box = self._combo(self.tr("Date range"), [
            (self.tr("Any time"), ""), (self.tr("Last 7 days"), "7"),
            (self.tr("Last 30 days"), "30"), (self.tr("Last 12 months"), "365"),
            (self.tr("Custom…"), "custom")])
        self.since_edit = self._date_edit(self.tr("From"))
        self.until_edit = self._date_edit(self.tr("To"))
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setAccessibleName(self.tr("Clear search and filters"))
        self.people_hits = QLabel(self)
        self.people_hits.setAccessibleName(self.tr("People whose notes match"))
        self.people_hits.setTextFormat(Qt.TextFormat.RichText)
        self.people_hits.hide()

        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Timeline"))
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(TimelineModel.ENTRY, HighlightDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.view.verticalHeader()
        rows.hide()
        # Fixed row heights: the view never measures rows, so 50,000 scroll smoothly.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TimelineModel.ENTRY, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        # Sized to the widest words in the current language, not to the English ones.
        what = [translate("History", "Reflection · energy %1").replace("%1", "5"),
                *(translate("History", "Prompt · %1").replace("%1", name)
                  for name in response_names().values())]
        for column, samples in ((TimelineModel.WHEN, ["Wed 28 Sep 2025  12:00 PM"]),
                                (TimelineModel.WHAT, what),
                                (TimelineModel.PERSON, ["Xenia W. Longname"]),
                                (TimelineModel.TAGS, ["#code-review #release"]),
                                (TimelineModel.OUTCOME, list(outcome_names().values()))):
            width = max(fm.horizontalAdvance(sample) for sample in samples)
            self.view.setColumnWidth(column, width + 24)

        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Timeline status"))
        self.undo_bar = QFrame(self)
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_bar.setAutoFillBackground(True)
        self.undo_bar.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.undo_button = QPushButton(self.tr("&Undo"), self.undo_bar)
        self.undo_button.setAccessibleName(self.tr("Undo the delete"))
        self.undo_button.setToolTip(self.tr("Put the moment back (Ctrl+Z)"))
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_MS)
        self._undo_timer.timeout.connect(self.undo_bar.hide)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)

        self._build_layout()
        self._connect()

    # -- building ----------------------------------------------------------------------

    def _combo(self, name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        box.setToolTip(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.setMaxVisibleItems(20)
        for text, data in items:
            box.addItem(text, data)
        return box

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.hide()
        return edit

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.order)
        filters = QHBoxLayout()
        for box in (self.show_box, self.kind_box, self.person_box, self.tag_box,
                    self.theme_box, self.outcome_box, self.date_box, self.since_edit,
                    self.until_edit):
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.clear_button)
        foot = QHBoxLayout()
        foot.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.people_hits)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(foot)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_filters)
        self._debounce.timeout.connect(self.apply_filters)
        for box in (self.order, self.show_box, self.kind_box, self.person_box, self.tag_box,
                    self.theme_box, self.outcome_box):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.date_box.currentIndexChanged.connect(self._date_changed)
        self.since_edit.dateChanged.connect(lambda _d: self.apply_filters())
        self.until_edit.dateChanged.connect(lambda _d: self.apply_filters())
        self.clear_button.clicked.connect(self.clear_filters)
        self.people_hits.linkActivated.connect(self._person_link)
        self.view.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.undo_button.clicked.connect(self.undo_delete)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.failed.connect(lambda msg: self.status.setText(
            self.tr("Could not read the history: %1").replace("%1", msg)))
        for keys, slot, target in (
            (QKeySequence(QKeySequence.StandardKey.Undo), self.undo_delete, self),
            (QKeySequence(QKeySequence.StandardKey.Find), self.focus_search, self),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_selected, self.view),
            (QKeySequence(Qt.Key.Key_F2), self.edit_selected, self.view),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected, self.view),
        ):
            shortcut = QShortcut(keys, target)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut
                                if target is self else Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    # -- filters ------------------------------------------------------------------------

    def filters(self) -> TimelineFilter:
        """The filters the controls describe."""
        shown = self.show_box.currentData()
        kind, outcome = self.kind_box.currentData(), self.outcome_box.currentData()
        since, until = self._date_range()
        return TimelineFilter(
            query=self.search.text().strip(),
            kinds=frozenset({EntryKind(shown)}) if shown else frozenset(EntryKind),
            moment_kind=Kind(kind) if kind else None,
            person=self.person_box.currentData() or None,
            tag=self.tag_box.currentData() or None,
            theme=self.theme_box.currentData() or None,
            outcome=Outcome(outcome) if outcome else None,
            since=since, until=until,
            best_first=bool(self.order.currentData()),
        )

    def _date_range(self) -> tuple[datetime | None, datetime | None]:
        choice = self.date_box.currentData()
        if not choice:
            return None, None
        if choice == "custom":
            first, last = self.since_edit.date().toPython(), self.until_edit.date().toPython()
            return (datetime.combine(first, time(0), tzinfo=self._tz),
                    datetime.combine(last + timedelta(days=1), time(0), tzinfo=self._tz))
        today = self._clock().astimezone(self._tz).date()
        start = today - timedelta(days=int(choice) - 1)
        return datetime.combine(start, time(0), tzinfo=self._tz), None

    def _date_changed(self) -> None:
        custom = self.date_box.currentData() == "custom"
        if custom and not self.since_edit.isVisible():
            today = self._clock().astimezone(self._tz).date()
            for edit, day in ((self.since_edit, today - timedelta(days=30)),
                              (self.until_edit, today)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.since_edit.setVisible(custom)
        self.until_edit.setVisible(custom)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Read the list again with the filters the controls describe."""
        self._debounce.stop()
        filters = self.filters()
        self.order.setEnabled(bool(filters.match))
        if filters == self.model.filters() and self.model.rowCount():
            return
        self.model.set_filters(filters)
        self._find_people(filters.query)

    def clear_filters(self) -> None:
        """Back to everything, newest first."""
        widgets = (self.search, self.order, self.show_box, self.kind_box, self.person_box,
                   self.tag_box, self.theme_box, self.outcome_box, self.date_box)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        for box in widgets[1:]:
            box.setCurrentIndex(0)  # type: ignore[attr-defined]
        for w in widgets:
            w.blockSignals(False)
        self.since_edit.hide()
        self.until_edit.hide()
        self.apply_filters()

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reload(self) -> None:
        """Refresh the filter lists and the rows (the store may have changed)."""
        self.load_choices()
        self.model.set_filters(self.filters())

    def load_choices(self) -> None:
        """Fill the person, tag and theme lists on the worker thread."""
        store, timeline, language = self._store, self.timeline, _language()[:2]

        def read() -> FilterChoices:
            # Titles are set here, before any page queued after this job is read.
            timeline.prompt_titles = {p.id: p.text_for(language).text
                                      for p in [*load_builtin(), *store.custom_prompts()]}
            return timeline.choices()

        ops.run(read, self._choices_read, lambda exc: logger.error("filter lists: %s", exc))

    def _choices_read(self, choices: FilterChoices) -> None:
        if not shiboken6.isValid(self):
            return
        names = theme_names(_language())
        themes = sorted({*names, *choices.themes}, key=lambda t: names.get(t, t).casefold())
        self._refill(self.person_box, [(p, p) for p in choices.people])
        self._refill(self.tag_box, [("#" + t, t) for t in choices.tags])
        self._refill(self.theme_box, [(names.get(t, t), t) for t in themes])

    def _refill(self, box: QComboBox, items: Sequence[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for text, data in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _find_people(self, query: str) -> None:
        if not query.strip():
            self.people_hits.hide()
            return
        timeline = self.timeline
        ops.run(lambda: timeline.people_matching(query),
                lambda names: self._people_found(query, names),
                lambda exc: logger.error("people search: %s", exc))

    def _people_found(self, query: str, names: list[str]) -> None:
        if not shiboken6.isValid(self) or query != self.search.text().strip():
            return
        if not names:
            self.people_hits.hide()
            return
        links = " · ".join(f'<a href="{i}">{_html(n)}</a>' for i, n in enumerate(names))
        self._people_links = names
        self.people_hits.setText(self.tr("People matching: %1").replace("%1", links))
        self.people_hits.show()

    def _person_link(self, link: str) -> None:
        name = self._people_links[int(link)]
        index = self.person_box.findData(name)
        if index < 0:
            self.person_box.addItem(name, name)
            index = self.person_box.count() - 1
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.person_box.setCurrentIndex(index)

    # -- status -----------------------------------------------------------------------------

    def _loading_changed(self, loading: bool) -> None:
        if loading:
            if not self.model.rowCount():
                self.status.setText(self.tr("Searching…") if self.model.filters().match
                                    else self.tr("Loading…"))
            return
        if self.model.rowCount() == 0:
            self.status.setText(self.tr("Nothing matches.") if self._filtered()
                                else self.tr("Nothing here yet: captured moments, prompts, "
                                             "suggestions and reflections will appear here."))
            return
        if self.model.rowCount() <= self.model.page_size and not self.model.exhausted():
            self._count()
        elif self.model.exhausted():
            self._show_count(self.model.rowCount())

    def _filtered(self) -> bool:
        return self.model.filters() != TimelineFilter(best_first=self.model.filters().best_first)

    def _count(self) -> None:
        self._count_generation += 1
        generation, filters, timeline = self._count_generation, self.model.filters(), self.timeline
        ops.run(lambda: timeline.count(filters),
                lambda n: self._counted(generation, n),
                lambda exc: logger.error("timeline count: %s", exc))

    def _counted(self, generation: int, total: int) -> None:
        if shiboken6.isValid(self) and generation == self._count_generation:
            self._show_count(total)

    def _show_count(self, total: int) -> None:
        self.status.setText(self.tr("1 entry") if total == 1
                            else self.tr("%Ln entries", "", total))

    # -- editing ------------------------------------------------------------------------------

    def selected_row(self) -> int | None:
        """The selected row, if any."""
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def edit_selected(self) -> None:
        """Edit the selected moment."""
        row = self.selected_row()
        if row is not None:
            self.edit_row(row)

    def edit_row(self, row: int) -> None:
        """Open the small editor for the moment on `row`."""
        entry = self.model.entry(row)
        if entry is None or entry.kind is not EntryKind.MOMENT:
            return
        self._editor = editor = MomentEditor(entry, self)
        editor.accepted.connect(lambda: self._save_edit(entry, editor.value()))
        editor.finished.connect(lambda _r: editor.deleteLater())
        editor.open()

    def editor(self) -> MomentEditor | None:
        """The open editor, if any."""
        return self._editor if self._editor is not None and shiboken6.isValid(self._editor) \
            else None

    def _save_edit(self, entry: TimelineEntry, edit: MomentEdit) -> None:
        store, timeline = self._store, self.timeline

        def write() -> TimelineEntry | None:
            store.update_moment(entry.id, text=edit.text, kind=edit.kind)
            if edit.outcome != entry.outcome:
                store.set_moment_outcome(entry.id, edit.outcome)
            return timeline.entry(EntryKind.MOMENT, entry.id)

        ops.run(write, self._edited, self._write_failed)

    def set_outcome(self, row: int, outcome: Outcome | None) -> None:
        """Record whether the person followed a moment or suggestion."""
        entry = self.model.entry(row)
        if entry is None or entry.kind not in (EntryKind.MOMENT, EntryKind.SUGGESTION):
            return
        store, timeline = self._store, self.timeline

        def write() -> TimelineEntry | None:
            if entry.kind is EntryKind.MOMENT:
                store.set_moment_outcome(entry.id, outcome)
            else:
                store.set_suggestion_outcome(entry.id, outcome)
            return timeline.entry(entry.kind, entry.id)

        ops.run(write, self._edited, self._write_failed)

    def _edited(self, entry: TimelineEntry | None) -> None:
        if not shiboken6.isValid(self):
            return
        if entry is not None:
            self.model.replace_entry(entry)
        self.entries_changed.emit()

    def _write_failed(self, exc: BaseException) -> None:
        logger.error("could not change the history: %s", exc)
        if shiboken6.isValid(self):
            message = error_message(exc) if isinstance(exc, MlcoachError) else self.tr(
                "The change could not be saved.")
            self.status.setText(message)

    def delete_selected(self) -> None:
        """Delete the selected moment (Undo puts it back)."""
        row = self.selected_row()
        if row is not None:
            self.delete_row(row)

    def delete_row(self, row: int) -> None:
        """Delete the moment on `row` and offer undo."""
        entry = self.model.entry(row)
        if entry is None or entry.kind is not EntryKind.MOMENT:
            return
        store = self._store
        ops.run(lambda: store.delete_moment(entry.id),
                lambda moment: self._removed(entry, moment), self._write_failed)

    def _removed(self, entry: TimelineEntry, moment: Moment) -> None:
        if not shiboken6.isValid(self):
            return
        row = self.model.row_of(EntryKind.MOMENT, entry.id)
        if row is not None:
            self.model.remove_row(row)
            self.view.selectRow(min(row, self.model.rowCount() - 1))
        self._deleted.append(_Deleted(moment, entry, row if row is not None else 0))
        short = entry.text if len(entry.text) <= 60 else entry.text[:59] + "…"
        self.undo_label.setText(self.tr("Deleted “%1”.").replace("%1", short))
        self.undo_bar.show()
        self._undo_timer.start()
        self.entries_changed.emit()

    def undo_delete(self) -> None:
        """Put back the moment deleted last."""
        if not self._deleted:
            return
        gone = self._deleted.pop()
        store = self._store
        ops.run(lambda: store.restore_moment(gone.moment),
                lambda _m: self._restored(gone), self._write_failed)

    def _restored(self, gone: _Deleted) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.insert_entry(gone.row, gone.entry)
        self.view.selectRow(gone.row)
        if not self._deleted:
            self.undo_bar.hide()
        self.entries_changed.emit()

    def _context_menu(self, pos: Any) -> None:
        index = self.view.indexAt(pos)
        entry = self.model.entry(index.row()) if index.isValid() else None
        if entry is None:
            return
        row = index.row()
        menu = QMenu(self)
        if entry.kind is EntryKind.MOMENT:
            menu.addAction(self.tr("&Edit…"), lambda: self.edit_row(row))
        if entry.kind in (EntryKind.MOMENT, EntryKind.SUGGESTION):
            for outcome, name in outcome_names().items():
                action = menu.addAction(name, lambda o=outcome: self.set_outcome(row, o))
                action.setCheckable(True)
                action.setChecked(entry.outcome is outcome)
            menu.addAction(self.tr("No outcome yet"), lambda: self.set_outcome(row, None))
        menu.addAction(self.tr("&Copy text"),
                       lambda: QApplication.clipboard().setText(entry.text))
        if entry.kind is EntryKind.MOMENT:
            menu.addSeparator()
            menu.addAction(self.tr("&Delete"), lambda: self.delete_row(row))
        menu.popup(self.view.viewport().mapToGlobal(pos))


def _people_panel_available() -> bool:
    try:
        import mlcoach.ui.people_panel  # noqa: F401
    except ImportError:
        return False
    return True


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- the Insights tab ---------------------------------------------------------------------


class ReviewBanner(QFrame):
    """Last week in a few lines, with a button to take the suggested focus theme.

    Signals:
        accepted(str): the user took the theme as this week's focus.
        dismissed(): the user closed the review.
    """

    accepted = Signal(str)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName(self.tr("Weekly review"))
        self.review: WeeklyReview | None = None
        self.recorded = False  # the store already knows this week's review was seen
        self.title = QLabel(self.tr("Your week in review"), self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button = QPushButton(self)
        self.dismiss_button = QPushButton(self.tr("Not now"), self)
        self.dismiss_button.setAccessibleName(self.tr("Close the weekly review"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(
            lambda: self.review and self.accepted.emit(self.review.suggested_theme))
        self.dismiss_button.clicked.connect(self.dismissed.emit)
        self.hide()

    def show_review(self, review: WeeklyReview, names: dict[str, str]) -> None:
        """Fill in `review` and show it."""
        self.review, self.recorded = review, False
        theme = names.get(review.suggested_theme, review.suggested_theme)
        lines = [self.tr("Last week: %1 moments, %2 small wins.")
                 .replace("%1", str(review.moments)).replace("%2", str(review.small_wins))]
        if review.attempted:
            lines.append(self.tr("%1 of %2 attempts were followed (%3%).")
                         .replace("%1", str(review.realized))
                         .replace("%2", str(review.attempted))
                         .replace("%3", str(round(100 * (review.ratio or 0)))))
        if review.influenced:
            people = ", ".join(f"{name} ({n})" for name, n in review.influenced)
            lines.append(self.tr("You influenced %1.").replace("%1", people))
        if review.win_examples:
            lines.append(self.tr("A win: “%1”").replace("%1", review.win_examples[-1]))
        if review.neglected_theme:
            lines.append(self.tr("Least practised: %1.").replace(
                "%1", names.get(review.neglected_theme, review.neglected_theme)))
        lines.append(self.tr("Suggested focus for this week: %1.").replace("%1", theme))
        self.text.setText("\n".join(lines))
        self.accept_button.setText(self.tr("Accept focus: %1").replace("%1", theme))
        self.accept_button.setAccessibleName(self.accept_button.text())
        self.accept_button.show()
        self.dismiss_button.setText(self.tr("Not now"))
        self.show()

    def show_accepted(self, theme: str, until: date) -> None:
        """Say the focus is set, and keep only a Close button."""
        self.recorded = True
        self.text.setText(self.tr("Focus set: %1 until %2. Prompts on it will come more "
                                  "often.").replace("%1", theme)
                          .replace("%2", QLocale().toString(_qdate(until), "dddd d MMM")))
        self.accept_button.hide()
        self.dismiss_button.setText(self.tr("Close"))


class InsightsTab(QWidget):
    """The charts, each with its numbers as a table, and the weekly review on top.

    Signals:
        focus_accepted(str): the weekly review's theme became the focus.
    """

    focus_accepted = Signal(str)

    def __init__(self, store: Store, *, clock: Clock, tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._clock, self._tz = store, clock, tz
        self._loading = False
        self.data: Insights | None = None
        self.banner = ReviewBanner(self)
        self.weeks = ChartCard(self.tr("Moments per week by kind"),
                               StackedBarChart(self.tr("Moments per week by kind")), self)
        self.ratio = ChartCard(self.tr("Realized vs attempted"),
                               LineChart(self.tr("Realized vs attempted")), self)
        self.energy = ChartCard(self.tr("Energy"), LineChart(self.tr("Energy")), self)
        self.themes = ChartCard(self.tr("Theme balance: prompts acted on"),
                                LabelledBarChart(self.tr("Theme balance")), self)
        self.calendar = ChartCard(self.tr("Active days"),
                                  CalendarChart(self.tr("Active days")), self)
        self.status = QLabel(self.tr("Loading…"), self)
        self.status.setAccessibleName(self.tr("Insights status"))
        for card in self.cards():
            card.chart.set_empty_text(self.tr("Nothing to show yet"))
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.weeks, 0, 0, 1, 2)
        grid.addWidget(self.ratio, 1, 0)
        grid.addWidget(self.energy, 1, 1)
        grid.addWidget(self.themes, 2, 0, 1, 2)
        grid.addWidget(self.calendar, 3, 0, 1, 2)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addWidget(self.banner)
        column.addWidget(self.status)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.banner.accepted.connect(self._accept_focus)
        self.banner.dismissed.connect(self._dismiss_review)

    def cards(self) -> list[ChartCard]:
        """Every chart card, top to bottom."""
        return [self.weeks, self.ratio, self.energy, self.themes, self.calendar]

    def loading(self) -> bool:
        """Whether the data is being read."""
        return self._loading

    def load(self) -> None:
        """Read every chart's data (and the weekly review when due) on the worker thread."""
        if self._loading:
            return
        self._loading = True
        store, now, tz = self._store, self._clock(), self._tz

        def read() -> tuple[Insights, WeeklyReview | None]:
            prompts = [*load_builtin(), *store.custom_prompts()]
            return compute_insights(store, now, tz), weekly_review(store, now, tz, prompts)

        ops.run(read, self._loaded, self._failed)

    def _failed(self, exc: BaseException) -> None:
        logger.error("insights failed: %s", exc)
        if shiboken6.isValid(self):
            self._loading = False
            self.status.setText(self.tr("Could not read the insights: %1").replace(
                "%1", error_message(exc)))
            self.status.show()

    def _loaded(self, result: tuple[Insights, WeeklyReview | None]) -> None:
        if not shiboken6.isValid(self):
            return
        self._loading = False
        data, review = result
        self.data = data
        self.status.hide()
        names = theme_names(_language())
        self._fill_weeks(data)
        self._fill_ratio(data)
        self._fill_energy(data)
        self._fill_themes(data, names)
        self._fill_calendar(data)
        if review is not None:
            self.banner.show_review(review, names)
        else:
            self.banner.hide()

    # -- charts ---------------------------------------------------------------------------

    def _fill_weeks(self, data: Insights) -> None:
        loc = QLocale()
        kinds = kind_names()
        order = list(kinds)
        labels, values, tips, rows = [], [], [], []
        previous_month = 0
        for week in data.weeks:
            label = ""
            if week.week.month != previous_month:
                label = _month_label(week.week)
                previous_month = week.week.month
            labels.append(label)
            counts = [week.counts.get(k.value, 0) for k in order]
            values.append(counts)
            when = self.tr("Week of %1").replace("%1", loc.toString(_qdate(week.week),
                                                                     "d MMM yyyy"))
            parts = ", ".join(f"{kinds[k]} {n}" for k, n in zip(order, counts, strict=True) if n)
            moments = self.tr("1 moment") if week.total == 1 \
                else self.tr("%Ln moments", "", week.total)
            tips.append(f"{when}: {moments}" + (f"\n{parts}" if parts else ""))
            rows.append([loc.toString(_qdate(week.week), "d MMM yyyy"), str(week.total),
                         *[str(n) for n in counts]])
        chart = self.weeks.chart
        assert isinstance(chart, StackedBarChart)
        total = sum(w.total for w in data.weeks)
        chart.set_data(labels, [kinds[k] for k in order], values, tips if total else [])
        self.weeks.summary.setText(self.tr("%1 moments in the last %2 weeks, %3 a week on "
                                           "average.")
                                   .replace("%1", loc.toString(total))
                                   .replace("%2", str(len(data.weeks)))
                                   .replace("%3", _decimal(total / max(1, len(data.weeks)))))
        self.weeks.set_table([self.tr("Week of"), self.tr("Total"),
                              *[kinds[k] for k in order]], rows)

    def _fill_ratio(self, data: Insights) -> None:
        loc = QLocale()
        labels, values, tips, rows = [], [], [], []
        for month in data.months:
            labels.append(_month_label(month.month) if month.month.month in (1, 4, 7, 10)
                          else "")
            ratio = month.ratio
            values.append(None if ratio is None else 100 * ratio)
            name = loc.toString(_qdate(month.month), "MMMM yyyy")
            pct = "–" if ratio is None else _percent(100 * ratio)
            tips.append(self.tr("%1: %2 of %3 followed (%4)").replace("%1", name)
                        .replace("%2", str(month.realized)).replace("%3", str(month.attempted))
                        .replace("%4", pct))
            rows.append([name, str(month.realized), str(month.attempted), pct])
        realized = sum(m.realized for m in data.months)
        attempted = sum(m.attempted for m in data.months)
        chart = self.ratio.chart
        assert isinstance(chart, LineChart)
        chart.set_data(labels, [(self.tr("Followed"), values)], tips, y_range=(0, 100),
                       y_format=_percent)
        if attempted:
            self.ratio.summary.setText(
                self.tr("%1 of %2 attempts followed (%3%) in %4 months.")
                .replace("%1", loc.toString(realized)).replace("%2", loc.toString(attempted))
                .replace("%3", str(round(100 * realized / attempted)))
                .replace("%4", str(len(data.months))))
        else:
            self.ratio.summary.setText(self.tr("No outcomes recorded yet."))
        self.ratio.set_table([self.tr("Month"), self.tr("Followed"), self.tr("Attempted"),
                              self.tr("Ratio")], rows)

    def _fill_energy(self, data: Insights) -> None:
        loc = QLocale()
        weeks = data.energy_weeks
        labels, tips, rows = [], [], []
        previous_month = 0
        for w in weeks:
            label = ""
            if w.week.month != previous_month:
                label = _month_label(w.week)
                previous_month = w.week.month
            labels.append(label)
            day = loc.toString(_qdate(w.week), "d MMM yyyy")
            tips.append(self.tr("Week of %1: %2 on average from %3 reflections")
                        .replace("%1", day).replace("%2", _decimal(w.mean))
                        .replace("%3", str(w.days)))
            rows.append([day, _decimal(w.mean), str(w.days)])
        chart = self.energy.chart
        assert isinstance(chart, LineChart)
        chart.set_data(labels, [(self.tr("Energy"), [w.mean for w in weeks])], tips,
                       y_range=(1, 5), y_format=lambda v: f"{v:.0f}")
        if data.energy:
            mean = sum(p.energy for p in data.energy) / len(data.energy)
            recent = [p.energy for p in data.energy[-10:]]
            self.energy.summary.setText(
                self.tr("Average %1 over %2 reflections; lately %3.")
                .replace("%1", _decimal(mean)).replace("%2", str(len(data.energy)))
                .replace("%3", _decimal(sum(recent) / len(recent))))
        else:
            self.energy.summary.setText(self.tr("Note your energy in the evening reflection "
                                                "to see it here."))
        self.energy.set_table([self.tr("Week of"), self.tr("Average energy (1–5)"),
                               self.tr("Reflections")], rows)

    def _fill_themes(self, data: Insights, names: dict[str, str]) -> None:
        themes = data.themes
        labels = [names.get(t.theme, t.theme) for t in themes]
        texts = [self.tr("%1 of %2").replace("%1", str(t.done)).replace("%2", str(t.shown))
                 for t in themes]
        tips = [self.tr("%1: acted on %2 of %3 prompts shown").replace("%1", label)
                .replace("%2", str(t.done)).replace("%3", str(t.shown))
                for label, t in zip(labels, themes, strict=True)]
        chart = self.themes.chart
        assert isinstance(chart, LabelledBarChart)
        shown = sum(t.shown for t in themes)
        chart.set_data(labels, [t.done for t in themes], [t.shown for t in themes], texts,
                       tips if shown else [])
        since = QLocale().toString(_qdate(data.theme_since), "d MMM yyyy")
        least = [names.get(t.theme, t.theme) for t in themes if t.done == themes[-1].done]
        self.themes.summary.setText(
            self.tr("Prompts acted on (of those shown) since %1. Least practised: %2.")
            .replace("%1", since).replace("%2", ", ".join(least[:3])) if shown
            else self.tr("No prompts since %1.").replace("%1", since))
        self.themes.set_table([self.tr("Theme"), self.tr("Acted on"), self.tr("Shown")],
                              [[label, str(t.done), str(t.shown)]
                               for label, t in zip(labels, themes, strict=True)])

    def _fill_calendar(self, data: Insights) -> None:
        loc = QLocale()
        cal = data.calendar
        days = [cal.start + timedelta(days=i) for i in range((cal.end - cal.start).days + 1)]
        tips, rows = [], []
        for day in days:
            count = cal.counts.get(day, 0)
            moments = count - (1 if day in cal.reflected else 0)
            name = loc.toString(_qdate(day), "ddd d MMM yyyy")
            parts = []
            if moments:
                parts.append(self.tr("1 moment") if moments == 1
                             else self.tr("%Ln moments", "", moments))
            if day in cal.reflected:
                parts.append(self.tr("reflection written"))
            if not parts:
                parts.append(self.tr("nothing captured"))
            tips.append(f"{name}: {', '.join(parts)}")
            if count:
                rows.append([name, str(moments), self.tr("yes") if day in cal.reflected
                             else ""])
        chart = self.calendar.chart
        assert isinstance(chart, CalendarChart)
        chart.set_data(cal.start, cal.end, cal.counts, tips,
                       month_names=[loc.monthName(m, QLocale.FormatType.ShortFormat)
                                    for m in range(1, 13)],
                       weekday_names=[loc.dayName(d, QLocale.FormatType.ShortFormat)
                                      for d in range(1, 8)],
                       less_more=(self.tr("Less"), self.tr("More")), today=data.today)
        self.calendar.summary.setText(
            self.tr("Current streak: %1 workdays · longest: %2 · active on %3 of %4 days.")
            .replace("%1", str(cal.current_streak)).replace("%2", str(cal.longest_streak))
            .replace("%3", str(cal.active)).replace("%4", str(len(days))))
        self.calendar.set_table([self.tr("Day"), self.tr("Moments"), self.tr("Reflection")],
                                rows)

    # -- weekly review --------------------------------------------------------------------

    def _accept_focus(self, theme: str) -> None:
        review, store = self.banner.review, self._store
        if review is None:
            return
        today = self._clock().astimezone(self._tz).date()

        def write() -> date | None:
            settings = accept_focus(store, theme, today)
            mark_shown(store, review)
            return settings.focus_until

        def done(until: date | None) -> None:
            if not shiboken6.isValid(self):
                return
            names = theme_names(_language())
            self.banner.show_accepted(names.get(theme, theme), until or today)
            self.focus_accepted.emit(theme)

        ops.run(write, done, self._failed)

    def _dismiss_review(self) -> None:
        review, store = self.banner.review, self._store
        self.banner.hide()
        if review is not None and not self.banner.recorded:
            self.banner.recorded = True
            ops.run(lambda: mark_shown(store, review), lambda _r: None, self._failed)


# -- the window ---------------------------------------------------------------------------


class HistoryWindow(QWidget):
    """History & insights: Timeline, Insights and People tabs.

    Signals:
        focus_accepted(str): the weekly review's focus theme was accepted (re-arm prompts).
        entries_changed(): a moment was edited, deleted or restored here.
    """

    focus_accepted = Signal(str)
    entries_changed = Signal()

    def __init__(self, store: Store, *, clock: Clock, tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._store, self._clock, self._tz = store, clock, tz
        self.setWindowTitle(self.tr("History & insights — mlcoach"))
        self.setAccessibleName(self.tr("History and insights"))
        self.timeline = TimelineTab(store, clock=clock, tz=tz, parent=self)
        self.insights = InsightsTab(store, clock=clock, tz=tz, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.timeline, self.tr("&Timeline"))
        self.tabs.addTab(self.insights, self.tr("&Insights"))
        # The People panel reads every person's last moment when built or reloaded, so
        # it is built on first view and reloaded only while on show.
        self.people: QWidget | None = None
        self._people_holder = QWidget(self)
        QVBoxLayout(self._people_holder).setContentsMargins(0, 0, 0, 0)
        self._people_stale = True
        if _people_panel_available():
            self.tabs.addTab(self._people_holder, self.tr("&People"))
        self.transfer = Transfer(store, self)
        self.notice = QLabel(self)
        self.notice.setAccessibleName(self.tr("Export and import result"))
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self.menu_bar = self._menu_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setMenuBar(self.menu_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs)
        self.resize(1120, 740)
        self._insights_stale = True
        self.tabs.currentChanged.connect(self._tab_changed)
        self.insights.focus_accepted.connect(self.focus_accepted.emit)
        self.timeline.entries_changed.connect(self._entries_changed)
        self.transfer.busy_changed.connect(self._transfer_busy)
        self.transfer.exported.connect(lambda path: self.show_notice(
            self.tr("Exported to %1").replace("%1", str(path))))
        self.transfer.imported.connect(self._imported)
        self.transfer.failed.connect(self.show_notice)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)

    def _menu_bar(self) -> QMenuBar:
        """File: Export ▸ (one entry per format), Import…, Close."""
        bar = QMenuBar(self)
        bar.setNativeMenuBar(False)  # a menu bar inside this window on every desktop
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.export_menu = self.file_menu.addMenu(self.tr("&Export"))
        self.export_actions: dict[str, QAction] = {}
        for fmt in export_formats():
            action = self.export_menu.addAction(
                self.tr("%1…").replace("%1", fmt.label),
                lambda f=fmt: self.transfer.export(f))
            self.export_actions[fmt.key] = action
        self.import_action = self.file_menu.addAction(self.tr("&Import…"),
                                                      lambda: self.transfer.import_file())
        self.import_action.setToolTip(self.tr("Add entries from an mlcoach JSON export"))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.tr("&Close"), self.close)
        return bar

    def show_notice(self, text: str) -> None:
        """Say how an export or import went, on one line above the tabs."""
        self.notice.setText(" ".join(text.split()))
        self.notice.setToolTip(self.notice.text())
        self.notice.setVisible(bool(text))

    def _transfer_busy(self, busy: bool) -> None:
        self.export_menu.setEnabled(not busy)
        self.import_action.setEnabled(not busy)
        if busy:
            self.show_notice("")

    def _imported(self, added: dict[str, int]) -> None:
        self.show_notice(import_summary(added))
        if any(added.values()):
            self.timeline.reload()
            self._entries_changed()
            if self.tabs.currentWidget() is self.insights:
                self._load_insights()
            self._people_stale = True
            self._show_people()

    def _people_tab(self) -> QWidget | None:
        """The people list, when that part of the app is installed."""
        try:
            from mlcoach.ui.people_panel import PeoplePanel
        except ImportError:
            return None
        try:
            panel: QWidget = PeoplePanel(self._store, tz=self._tz, parent=self._people_holder)
        except (TypeError, MlcoachError) as exc:
            logger.warning("people tab unavailable: %s", exc)
            return None
        return panel

    def present(self) -> None:
        """Show the window with fresh data and bring it to the front."""
        self.timeline.reload()
        self._insights_stale = True
        if self.tabs.currentWidget() is self.insights:
            self._load_insights()
        self._people_stale = True
        self._show_people()
        self.show()
        self.raise_()
        self.activateWindow()
        if self.tabs.currentWidget() is self.timeline:
            self.timeline.view.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        """Closed: give back the connection the timeline kept while it was open."""
        self.timeline.timeline.release()
        super().hideEvent(event)

    def show_insights(self) -> None:
        """Switch to the Insights tab (e.g. for the weekly review)."""
        self.tabs.setCurrentWidget(self.insights)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.insights and self._insights_stale:
            self._load_insights()
        self._show_people()

    def show_people(self) -> None:
        """Switch to the People tab."""
        self.tabs.setCurrentWidget(self._people_holder)

    def _show_people(self) -> None:
        """Build or refresh the People panel, when it is the tab on show."""
        if self.tabs.currentWidget() is not self._people_holder:
            return
        if self.people is None:
            self.people = self._people_tab()
            if self.people is not None:
                layout = self._people_holder.layout()
                assert layout is not None
                layout.addWidget(self.people)
                self.people.show()
        elif self._people_stale and hasattr(self.people, "reload"):
            self.people.reload()
        self._people_stale = False

    def _load_insights(self) -> None:
        self._insights_stale = False
        self.insights.load()

    def _entries_changed(self) -> None:
        self._insights_stale = True
        self.entries_changed.emit()
