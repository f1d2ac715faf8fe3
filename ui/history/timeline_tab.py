"""The Timeline tab: the virtualised list, in-place editing and delete with undo."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import Moment, Outcome
from mlcoach.store.edit_drafts import moment_key
from mlcoach.store.timeline import (
    EntryKind,
    Timeline,
    TimelineEntry,
    TimelineFilter,
)
from mlcoach.ui import ops
from mlcoach.ui.history.filter_bar import FilterBar
from mlcoach.ui.history.model import Clock, HighlightDelegate, TimelineModel
from mlcoach.ui.history.moment_editor import MomentEdit, MomentEditor
from mlcoach.ui.history.stores import Stores
from mlcoach.ui.i18n import as_sentence, error_message
from mlcoach.ui.names import outcome_names, response_names
from mlcoach.ui.secret_clipboard import (
    about_moment,
    about_person,
    about_reflection,
    about_suggestion,
    copy_private,
    withdraw,
)
from mlcoach.ui.widgets.columns import ReadableColumn
from mlcoach.ui.widgets.message_box import MessageBox
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)

UNDO_MS = 15_000
ENTRY_CHARS = 30  # the entry column's narrowest, in average characters
translate = QCoreApplication.translate  # lupdate reads translate("History", "…") calls


@dataclass(frozen=True, slots=True)
class _Deleted:
    moment: Moment
    entry: TimelineEntry
    row: int
    # the suggestion the store deleted with its planned moment, and where its row was
    suggestion: tuple[TimelineEntry, int] | None = None


class TimelineTab(QWidget):
    """The filter bar, the virtualised list, in-place editing and delete with undo.

    Signals:
        entries_changed(): a moment was edited, deleted or restored.
    """

    entries_changed = Signal()

    def __init__(self, stores: Stores, *, clock: Clock, tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stores, self._clock, self._tz = stores, clock, tz
        # One connection while the window is open (warm pages); closed when it hides.
        self.timeline = Timeline(stores.read, keep_connection=True)
        self.model = TimelineModel(self.timeline, tz, self)
        self._deleted: list[_Deleted] = []
        self._count_generation = 0
        self._editor: MomentEditor | None = None
        self.filter_bar = FilterBar(stores.read, self.timeline, clock=clock, tz=tz, parent=self)
        self.view = QTableView(self)
        self._build_view()
        self.status = Label(self)
        self.status.setWordWrap(True)  # on a narrow screen (a portrait monitor at 200 %)
        self.status.setAccessibleDescription(self.tr("Timeline status"))
        self._build_undo_bar()
        layout = QVBoxLayout(self)
        # The tab's frame is above and below already: half the style's margins there
        # (History was 1 px taller than a 300 px high screen leaves a window).
        margins = layout.contentsMargins()
        layout.setContentsMargins(margins.left(), margins.top() // 2, margins.right(),
                                  margins.bottom() // 2)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.status)
        self._connect()

    def _build_view(self) -> None:
        self.view.setAccessibleName(self.tr("Timeline"))
        self.view.setModel(self.model)
        for column in (TimelineModel.ENTRY, TimelineModel.PERSON, TimelineModel.TAGS):
            self.view.setItemDelegateForColumn(column, HighlightDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
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
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The entry takes the room the other columns leave, but stays readable at a large
        # font (it shrank to a few letters at 20 pt); past that the table scrolls sideways.
        self._entry_column = ReadableColumn(self.view, TimelineModel.ENTRY, ENTRY_CHARS)
        self._size_columns()

    def _size_columns(self) -> None:
        """Rows and columns for the current font (again when the desktop's font changes)."""
        fm = self.view.fontMetrics()
        self.view.verticalHeader().setDefaultSectionSize(fm.height() + 10)
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
        self._entry_column.fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the desktop's font changed
            self._size_columns()

    def _build_undo_bar(self) -> None:
        self.undo_bar = QFrame(self)
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_bar.setAutoFillBackground(True)
        self.undo_bar.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.undo_label = Label(self.undo_bar)
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

    def _connect(self) -> None:
        self.filter_bar.changed.connect(self.apply_filters)
        self.filter_bar.search.down_pressed.connect(self.focus_rows)
        self.view.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.undo_button.clicked.connect(self.undo_delete)
        self.model.loading_changed.connect(self._loading_changed)
        self.model.failed.connect(lambda msg: self.status.setText(
            self.tr("Could not read the history: %1").replace("%1", msg)))
        for keys, slot, target in (
            (QKeySequence(QKeySequence.StandardKey.Undo), self.undo_delete, self),
            (QKeySequence(QKeySequence.StandardKey.Find), self.filter_bar.focus_search, self),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_selected, self.view),
            (QKeySequence(Qt.Key.Key_F2), self.edit_selected, self.view),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected, self.view),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_selected, self.view),  # the keypad's
            # the row's menu from the keyboard where there is no Menu key (laptops)
            (QKeySequence("Shift+F10"), self._menu_at_current_row, self.view),
        ):
            shortcut = QShortcut(keys, target)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut
                                if target is self else Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    def focus_rows(self) -> None:
        """Move the keyboard to the rows, on the first one when none is current."""
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, TimelineModel.ENTRY))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- filters ------------------------------------------------------------------------

    def apply_filters(self) -> None:
        """Read the list again with the filters the bar describes."""
        filters = self.filter_bar.filters()
        self.filter_bar.order.setEnabled(bool(filters.match))
        if filters == self.model.filters() and self.model.rowCount():
            return
        self.model.set_filters(filters)
        self.filter_bar.find_people(filters.query)

    def reload(self) -> None:
        """Refresh the filter lists and the rows (the store may have changed)."""
        self.filter_bar.load_choices()
        self.model.set_filters(self.filter_bar.filters())

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
                lambda exc: logger.error("timeline count: %s", exc), left_at_quit=True)

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
        self._open_editor(entry)

    def _open_editor(self, entry: TimelineEntry, typed: MomentEdit | None = None,
                     problem: str = "") -> None:
        """The editor for `entry`; with `typed`, what was typed there before, back."""
        self._editor = editor = MomentEditor(entry, self, drafts=self._stores.read)
        if typed is not None:
            editor.show_typed(typed, problem)
        else:
            editor.restore_draft()  # what an editor of it held when the app was gone
        editor.accepted.connect(lambda: self._save_edit(entry, editor.value()))
        editor.finished.connect(lambda _r: editor.deleteLater())
        editor.open()

    def keep_unsaved(self) -> None:
        """The app is quitting: an open editor's changes are kept as the moment's draft,
        offered back when its editor next opens, not saved to it unasked (the app waits
        for its store jobs before it closes the store)."""
        editor = self.editor()
        if editor is not None and editor.keep_now():
            logger.info("kept the moment being edited as a draft at quit")

    def editor(self) -> MomentEditor | None:
        """The open editor, if any."""
        return self._editor if self._editor is not None and shiboken6.isValid(self._editor) \
            else None

    def _save_edit(self, entry: TimelineEntry, edit: MomentEdit) -> None:
        from mlcoach.influence.reworded import reworded  # the coach's wording, loaded here

        # The ORM store is opened (the first edit) on the worker too, never on the GUI
        # thread: also at quit, where an open waiting on the store held the windows up.
        full, timeline = self._stores.full, self.timeline

        def write() -> list[TimelineEntry]:
            store = full()
            edited = store.update_moment(entry.id, text=edit.text, kind=edit.kind,
                                         reword=reworded)
            if edit.outcome != entry.outcome:
                store.set_moment_outcome(entry.id, edit.outcome)
            store.forget_state(moment_key(entry.id))  # saved: its draft goes
            # the suggestion it was made from took its words (and outcome): shown so too
            return [e for e in (timeline.entry(EntryKind.MOMENT, entry.id),
                                timeline.entry(EntryKind.SUGGESTION, edited.suggestion_id)
                                if edited.suggestion_id else None) if e is not None]

        def failed(exc: BaseException) -> None:
            # The editor closed on Save; the words come back in it rather than be lost.
            self._write_failed(exc)
            open_now = self.editor() if shiboken6.isValid(self) else None
            if shiboken6.isValid(self) and (open_now is None or not open_now.isVisible()):
                self._open_editor(entry, edit, self.tr("Not saved: {reason}").format(
                    reason=self.status.text()))

        ops.run(write, self._all_edited, failed)

    def set_outcome(self, row: int, outcome: Outcome | None) -> None:
        """Record whether the person followed a moment or suggestion."""
        entry = self.model.entry(row)
        if entry is None or entry.kind not in (EntryKind.MOMENT, EntryKind.SUGGESTION):
            return
        full, timeline = self._stores.full, self.timeline

        def write() -> TimelineEntry | None:
            store = full()
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

    def _all_edited(self, entries: list[TimelineEntry]) -> None:
        if not shiboken6.isValid(self):
            return
        for entry in entries:
            self.model.replace_entry(entry)
        self.entries_changed.emit()

    def _write_failed(self, exc: BaseException) -> None:
        logger.error("could not change the history: %s", exc)
        if shiboken6.isValid(self):
            message = as_sentence(error_message(exc)) if isinstance(exc, MlcoachError) else self.tr(
                "The change could not be saved.")
            self.status.setText(message)

    def delete_selected(self) -> None:
        """Delete the selected moment (Undo puts it back) or, once asked, reflection."""
        row = self.selected_row()
        entry = self.model.entry(row) if row is not None else None
        if row is not None and entry is not None and entry.kind is EntryKind.REFLECTION:
            self.delete_reflection_row(row)
        elif row is not None:
            self.delete_row(row)

    def delete_reflection_row(self, row: int) -> None:
        """Delete the reflection on `row`, answers and energy, after one question (a day's
        reflection, unlike a moment, has no undo here)."""
        entry = self.model.entry(row)
        if entry is None or entry.kind is not EntryKind.REFLECTION:
            return
        if not self.confirm_reflection_delete():
            return
        full = self._stores.full  # opened on the worker, as the other writes are

        def delete() -> None:
            from mlcoach.ui.reflection_draft import forget_for_day

            store = full()
            gone = store.delete_reflection(reflection_id=entry.id)
            forget_for_day(store, gone.day)  # nor do its words come back from the draft

        ops.run(delete, lambda _done: self._reflection_removed(entry), self._write_failed)

    def confirm_reflection_delete(self) -> bool:
        """Ask before a reflection goes for good (Cancel is the default)."""
        box = MessageBox(QMessageBox.Icon.Question, self.tr("Delete this reflection?"),
                          self.tr("Its answers and energy go for good."),
                          QMessageBox.StandardButton.NoButton, self)
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return clicked is delete

    def _reflection_removed(self, entry: TimelineEntry) -> None:
        if not shiboken6.isValid(self):
            return
        row = self.model.row_of(EntryKind.REFLECTION, entry.id)
        if row is not None:
            self.model.remove_row(row)
            self.view.selectRow(min(row, self.model.rowCount() - 1))
        withdraw([about_reflection(entry.id)], [entry.text])
        self.status.setText(self.tr("The reflection was deleted."))
        self.entries_changed.emit()

    def delete_row(self, row: int) -> None:
        """Delete the moment on `row` and offer undo."""
        entry = self.model.entry(row)
        if entry is None or entry.kind is not EntryKind.MOMENT:
            return
        full, timeline = self._stores.full, self.timeline

        def delete() -> tuple[Moment, bool]:
            moment = full().delete_moment(entry.id)
            took = moment.suggestion_id is not None and timeline.entry(
                EntryKind.SUGGESTION, moment.suggestion_id) is None
            return moment, took

        ops.run(delete, lambda done: self._removed(entry, *done), self._write_failed)

    def _removed(self, entry: TimelineEntry, moment: Moment, took_suggestion: bool) -> None:
        """`took_suggestion`: the suggestion it was made from went with it (its row too)."""
        if not shiboken6.isValid(self):
            return
        suggestion = None
        at = self.model.row_of(EntryKind.SUGGESTION, moment.suggestion_id or "")
        if took_suggestion and at is not None:
            suggestion = (self.model.remove_row(at), at)
        row = self.model.row_of(EntryKind.MOMENT, entry.id)
        if row is not None:
            self.model.remove_row(row)
            self.view.selectRow(min(row, self.model.rowCount() - 1))
        self._deleted.append(_Deleted(moment, entry, row if row is not None else 0,
                                      suggestion))
        # Its words leave the clipboard too, if "Copy text" (or the coach) put them there.
        gone_texts = [entry.text] + ([suggestion[0].text, suggestion[0].detail]
                                     if suggestion is not None else [])
        withdraw([about_moment(moment.id)] + ([about_suggestion(moment.suggestion_id)]
                                              if took_suggestion and moment.suggestion_id
                                              else []), gone_texts)
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
        full = self._stores.full
        ops.run(lambda: full().restore_moment(gone.moment),
                lambda back: self._restored(gone, back), self._write_failed)

    def _restored(self, gone: _Deleted, back: Moment) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.insert_entry(gone.row, gone.entry)
        # Its suggestion's row only when the store put the suggestion back too.
        if gone.suggestion is not None and back.suggestion_id is not None:
            self.model.insert_entry(gone.suggestion[1], gone.suggestion[0])
        self.view.selectRow(self.model.row_of(EntryKind.MOMENT, gone.entry.id) or 0)
        if not self._deleted:
            self.undo_bar.hide()
        self.entries_changed.emit()

    def _menu_at_current_row(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._context_menu(self.view.visualRect(index).center())

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
                action = menu.addAction(name, partial(self.set_outcome, row, outcome))
                action.setCheckable(True)
                action.setChecked(entry.outcome is outcome)
            menu.addAction(self.tr("No outcome yet"), lambda: self.set_outcome(row, None))
        menu.addAction(self.tr("&Copy text"), lambda: copy_private(entry.text, _about(entry)))
        if entry.kind is EntryKind.MOMENT:
            menu.addSeparator()
            menu.addAction(self.tr("&Delete"), lambda: self.delete_row(row))
        elif entry.kind is EntryKind.REFLECTION:
            menu.addSeparator()
            menu.addAction(self.tr("&Delete…"), lambda: self.delete_reflection_row(row))
        menu.popup(self.view.viewport().mapToGlobal(pos))


def _about(entry: TimelineEntry) -> list[str]:
    """What a row copied to the clipboard came from: deleting that takes the copy back."""
    if entry.kind is EntryKind.MOMENT:
        return [about_moment(entry.id)]
    if entry.kind is EntryKind.SUGGESTION:  # its text names them ("With Priya")
        return [about_suggestion(entry.id)] + ([about_person(entry.person)]
                                               if entry.person else [])
    if entry.kind is EntryKind.REFLECTION:
        return [about_reflection(entry.id)]
    return []
