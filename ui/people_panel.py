"""The people the user works with: list, add / edit / remove (archive or delete), and one
person's history.

Notes about people are sensitive: they are shown to the user and saved in the
encrypted store, and never logged or put in messages that might be logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, QLocale, QMargins, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import Kind, Moment, Outcome, Person, Style, Suggestion
from mlcoach.domain.text import clean_name, name_to_save
from mlcoach.store.edit_drafts import NEW_PERSON, person_key
from mlcoach.ui import ops
from mlcoach.ui.colours import mute
from mlcoach.ui.edit_draft import EditDraft, StateStore
from mlcoach.ui.i18n import as_sentence, error_message
from mlcoach.ui.names import kind_names, outcome_names, style_name
from mlcoach.ui.quiet_scroll import quiet_scroll_area
from mlcoach.ui.widgets import message_box
from mlcoach.ui.widgets.columns import ReadableColumn
from mlcoach.ui.widgets.discard import discard_confirmed
from mlcoach.ui.widgets.flow_layout import FlowLayout
from mlcoach.ui.widgets.helpers import close_keys, preferred_width
from mlcoach.ui.widgets.plain_text import Label, WordsLabel, as_plain, as_tip
from mlcoach.ui.widgets.style_combo import combo_style, fill_style_combo, set_combo_style

if TYPE_CHECKING:
    from mlcoach.store.core import Store

logger = logging.getLogger(__name__)

HISTORY_LIMIT = 50
NAME_CHARS = 16  # the narrowest the names get, in average characters
WHAT_CHARS = 24  # the narrowest a person's history entries get
_SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _shortcut(keys: QKeySequence, parent: QWidget, slot: Callable[[], object],
              context: Qt.ShortcutContext) -> QShortcut:
    shortcut = QShortcut(keys, parent)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The top-level rows of `tree`, in order."""
    rows = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [row for row in rows if row is not None]


def _muted(label: QLabel) -> QLabel:
    return mute(label)  # readable (4.5:1), unlike the PlaceholderText role


def _qdate(moment: datetime, tz: tzinfo) -> QDate:
    day = moment.astimezone(tz).date()
    return QDate(day.year, day.month, day.day)


@dataclass(frozen=True, slots=True)
class PersonForm:
    """What the person editor holds."""

    name: str
    style: Style | None
    notes: str


class PersonDialog(QDialog):
    """Add or edit one person: name, style and private notes.

    Args:
        save: called with the form on OK, on the GUI thread (it may ask a question);
            raising MlcoachError keeps the dialog open and shows the reason inline. It
            may return the write to do: that runs on the store's worker (another
            process's write holds it there, never the window), and the dialog closes
            once it is done, or stays open with the reason.
    """

    _FIELDS = ("name", "style", "notes")

    def __init__(self, save: Callable[[PersonForm], object], *, person: Person | None = None,
                 parent: QWidget | None = None, drafts: StateStore | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._saving = False  # OK's write is on the store's worker
        # Never the name: a window's title is shown outside it (taskbars, window
        # switchers, a screen-share picker) and read by any app on the display.
        title = self.tr("Edit person") if person else self.tr("Add a person")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.name = QLineEdit(self)
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setPlaceholderText(self.tr("First name is enough"))
        self.style_box = QComboBox(self)
        self.style_box.setAccessibleName(self.tr("Style"))
        fill_style_combo(self.style_box)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setAccessibleDescription(self.tr("Private; kept in the encrypted store."))
        self.notes.setPlaceholderText(self.tr("What helps with them, what they care about…"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * 5)
        self._error = Label(self)
        self._error.setWordWrap(True)
        self._error.setAccessibleDescription(self.tr("Problem"))
        self._error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        close_keys(self, self.reject)  # as Esc: asks when something was typed
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(self.tr("Save the person"))

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Style"), self.style_box)
        form.addRow(self.tr("N&otes"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._error)
        layout.addWidget(buttons)
        if person is not None:
            self.name.setText(person.name)
            set_combo_style(self.style_box, person.style)
            self.notes.setPlainText(person.notes)
        else:
            set_combo_style(self.style_box, None)
        self._loaded = self.form()
        # What is typed is kept as this person's draft while it is typed (someone new:
        # one draft for the Add editor), brought back here if the app was gone.
        self.draft: EditDraft | None = None
        if drafts is not None:
            key = person_key(person.id) if person is not None else NEW_PERSON
            self.draft = EditDraft(drafts, key, self._FIELDS, self._to_keep, self,
                                   person_id=person.id if person is not None else None,
                                   loaded=self._fields_now() if person is not None else None,
                                   texts=("notes",))
            layout.insertWidget(1, self.draft.line)
            self._restore_draft()
            self.draft.watch(self.name.textChanged, self.style_box.currentIndexChanged,
                             self.notes.textChanged)

    def _restore_draft(self) -> None:
        assert self.draft is not None
        values = self.draft.brought_back()
        if values is not None:
            name, style, notes = (values[field] for field in self._FIELDS)
            self.name.setText(name)
            try:
                set_combo_style(self.style_box, Style(style) if style else None)
            except ValueError:
                pass  # a style this version does not know: the one loaded stays
            self.notes.setPlainText(notes)
        self.draft.settled()

    def _to_keep(self) -> dict[str, str] | None:
        """What the draft keeps: the fields as typed, or None when they are as loaded."""
        return None if self.form() == self._loaded else self._fields_now()

    def _fields_now(self) -> dict[str, str]:
        style = combo_style(self.style_box)
        return {"name": self.name.text(), "style": style.value if style else "",
                "notes": self.notes.toPlainText()}

    def sizeHint(self) -> QSize:
        return preferred_width(super().sizeHint(), 420)

    def form(self) -> PersonForm:
        """The values typed and picked."""
        return PersonForm(self.name.text().strip(), combo_style(self.style_box),
                          self.notes.toPlainText().strip())

    def error_text(self) -> str:
        """The inline problem, or "" when there is none."""
        return self._error.text() if not self._error.isHidden() else ""

    def accept(self) -> None:
        """Save through the callback; stay open with the reason when it fails."""
        form = self.form()
        if not form.name:
            self._show_error(self.tr("Give them a name."))
            return
        if self._saving:
            return  # a save is on its way
        try:
            write = self._save(form)
        except MlcoachError as exc:
            self._show_error(as_sentence(error_message(exc)))
            return
        if not callable(write):
            self._forget_draft()
            super().accept()
            return
        self._writing(True)
        self._error.hide()
        ops.run(write, self._written, self._not_written)

    def _writing(self, on: bool) -> None:
        """While the save is on its way: nothing more to type (it would not be in it),
        and no Cancel (it would not stop it)."""
        self._saving = on
        for widget in (self.name, self.style_box, self.notes, self.ok_button):
            widget.setEnabled(not on)

    def _written(self, _: object) -> None:
        if shiboken6.isValid(self):
            self._writing(False)
            self._forget_draft()
            super().accept()

    def _forget_draft(self) -> None:
        if self.draft is not None:
            self.draft.forget()

    def _not_written(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._writing(False)
        if not isinstance(exc, MlcoachError):
            logger.error("a person could not be saved", exc_info=exc)
        self._show_error(as_sentence(error_message(exc)))

    def keep_unsaved(self) -> bool:
        """The app is quitting (the menu's Quit, the session ending): what was typed is
        kept as the draft, on the store's worker (the quit waits for it there), and
        offered back when this editor next opens: never saved to the person unasked (a
        half-typed rename, notes half rewritten). True when there was something to keep."""
        return self.draft is not None and self.isVisible() and self.draft.keep_now()

    def reject(self) -> None:
        """Close without saving; ask first when something was typed or changed. Not
        while a save is on its way: it lands, and the editor closes then."""
        if self._saving:
            return
        if self.form() != self._loaded and not discard_confirmed(
                self, self.tr("Discard your changes?"),
                self.tr("What you typed about this person has not been saved.")):
            return
        self._forget_draft()
        super().reject()

    def done(self, result: int) -> None:
        """Close; a pending draft write is dropped (Save and Discard have dealt with it)."""
        if self.draft is not None:
            self.draft.stop()
        super().done(result)

    def _show_error(self, message: str) -> None:
        self._error.setText(message)
        self._error.show()
        self.name.setFocus()


class _SortableItem(QTreeWidgetItem):
    """Sorts by `_SORT_ROLE` when a column sets it (dates), else by text."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, _SORT_ROLE), other.data(column, _SORT_ROLE)
        if mine is not None and theirs is not None:
            return bool(mine < theirs)
        return self.text(column).casefold() < other.text(column).casefold()


_Entries = tuple[list[Moment], list[Suggestion]]


def _read_entries(store: Store, name: str) -> _Entries:
    """On the store's worker: `name`'s latest moments and suggestions."""
    return (store.moments(person=name, limit=HISTORY_LIMIT),
            store.suggestions(person=name)[:HISTORY_LIMIT])


class PersonHistory(QWidget):
    """One person's style, notes and latest moments and suggestions."""

    def __init__(self, store: Store, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._tz = store, tz
        self._name = WordsLabel(self)
        self._name.setWordWrap(True)  # the hint to pick someone is a sentence
        font = QFont(self._name.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self._name.setFont(font)
        self._name.setAccessibleDescription(self.tr("Selected person"))
        self._style = _muted(Label(self))
        self._style.setAccessibleDescription(self.tr("Style"))
        self._notes = WordsLabel(self)
        self._notes.setWordWrap(True)
        self._notes.setTextFormat(Qt.TextFormat.PlainText)
        self._notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._notes.setAccessibleDescription(self.tr("Notes"))
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.tr("History"))
        self.list.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Outcome")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self._what_column = ReadableColumn(self.list, 1, WHAT_CHARS)
        self._empty = _muted(Label(self.tr("Nothing with them yet."), self))
        history = Label(self.tr("History"), self)
        bold = QFont(history.font())
        bold.setBold(True)
        history.setFont(bold)
        history.setBuddy(self.list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self._name)
        layout.addWidget(self._style)
        layout.addWidget(self._notes)
        layout.addSpacing(6)
        layout.addWidget(history)
        layout.addWidget(self.list, 1)
        layout.addWidget(self._empty)
        self._asked = 0  # each person chosen asks anew; an older read's rows are dropped
        self._read = 0  # the last ask whose rows are on show
        self._shown: str | None = None  # the id of the person shown
        self.show_person(None)

    def show_person(self, person: Person | None) -> None:
        """Show `person` (None: a hint to pick someone); their moments and suggestions
        are read on the store's worker (~20 ms with a year of suggestions) and fill in
        when read, unless another person was chosen, or the panel closed, meanwhile."""
        self._asked += 1
        asked = self._asked
        if person is None:
            self._shown = None
            self.list.clear()
            self._name.setText(self.tr("Pick someone to see your history with them."))
            for widget in (self._style, self._notes, self.list, self._empty):
                widget.hide()
            return
        self._name.setText(person.name)
        self._style.setText(self.tr("Style: {style}").format(style=style_name(person.style)))
        self._notes.setText(person.notes)
        self._style.show()
        self._notes.setVisible(bool(person.notes))
        if self._shown != person.id:  # the same person read again keeps their rows meanwhile
            self._shown = person.id
            self.list.clear()  # an empty list meanwhile: the layout stays as it was
            self.list.show()
            self._empty.hide()  # "Nothing with them yet" only once that is known
        store, name = self._store, person.name
        ops.run(lambda: _read_entries(store, name),
                lambda read: self._show_entries(asked, read),
                lambda exc: self._not_read(asked, exc), left_at_quit=True)

    def reading(self) -> bool:
        """Whether the person shown has their history still being read."""
        return self._read != self._asked

    def _show_entries(self, asked: int, read: _Entries) -> None:
        if not shiboken6.isValid(self) or asked != self._asked:
            return  # closed, or someone else chosen since: a later read shows them
        self._read = asked
        self._fill(self._rows(*read))

    def _not_read(self, asked: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or asked != self._asked:
            return
        self._read = asked
        if not isinstance(exc, MlcoachError):
            logger.error("a person's history could not be read", exc_info=exc)
        else:
            logger.warning("could not load a person's history: %s", exc)
        self._fill([])

    def _fill(self, entries: list[tuple[datetime, str, str]]) -> None:
        self.list.clear()
        for when, what, outcome in entries:
            item = QTreeWidgetItem([QLocale().toString(_qdate(when, self._tz),
                                                      QLocale.FormatType.ShortFormat),
                                    what, outcome])
            item.setToolTip(1, as_tip(what))
            self.list.addTopLevelItem(item)
        self.list.setVisible(bool(entries))
        self._empty.setVisible(not entries)

    def entries(self) -> list[str]:
        """The "What" column of the history rows, top to bottom."""
        return [item.text(1) for item in _items(self.list)]

    def _rows(self, moments: list[Moment], suggestions: list[Suggestion]
              ) -> list[tuple[datetime, str, str]]:
        """Moments and suggestions, newest first; a suggestion stands for its planned moment."""
        rows: list[tuple[datetime, str, str]] = []
        for moment in moments:
            if moment.suggestion_id is None:
                what = f"{self._kind_name(moment.kind)}: {moment.text}"
                rows.append((moment.created_at, what, self._outcome_name(moment.outcome)))
        for sug in suggestions:
            what = self.tr("Suggestion: {change}").format(change=sug.change)
            rows.append((sug.created_at, what, self._outcome_name(sug.outcome)))
        rows.sort(key=lambda row: row[0], reverse=True)
        return rows[:HISTORY_LIMIT]

    def _kind_name(self, kind: Kind) -> str:
        # "Moment: …" reads better than "Other: …" in a person's history.
        return self.tr("Moment") if kind is Kind.OTHER else kind_names()[kind]

    def _outcome_name(self, outcome: Outcome | None) -> str:
        return outcome_names()[outcome] if outcome is not None else ""


class PeoplePanel(QWidget):
    """People list with style and last interaction, editing, and the selected person's history.

    Signals:
        people_changed(): someone was added, edited, archived or deleted.
        coach_requested(str): the user wants a suggestion for this person.
    """

    people_changed = Signal()
    coach_requested = Signal(str)

    def __init__(self, store: Store, *, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._tz = store, tz
        self._people: dict[str, Person] = {}
        self._editor: PersonDialog | None = None
        self._removing: set[str] = set()  # ids whose Archive or Delete is on its way
        self._list_request = 0  # each reload asks anew; an older read is dropped
        self._list_shown = 0  # the reload whose read is on show
        self._to_select: str | None = None  # chosen once the list is read (a new name)
        self.setAccessibleName(self.tr("People"))

        self.filter = QLineEdit(self)
        self.filter.setAccessibleName(self.tr("Filter people"))
        self.filter.setPlaceholderText(self.tr("Filter by name"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("People"))
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Style"),
                                   self.tr("Last interaction")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Names take the room left, but stay readable at a large font (they shrank to a
        # letter or two at 20 pt); past that the list scrolls sideways.
        self._name_column = ReadableColumn(self.tree, 0, NAME_CHARS)
        # At least its header and two names, not the 70 px its scroll bars ask for: on a
        # 300 px high screen History's People tab was 5 px taller than the room there.
        row = self.tree.fontMetrics().height() + 4
        self.tree.setMinimumHeight(header.sizeHint().height() + 2 * row
                                   + 2 * self.tree.frameWidth())

        self.add_button = self._button(self.tr("&Add…"), self.tr("Add a person"), self.add_person)
        self.edit_button = self._button(self.tr("&Edit…"), self.tr("Edit the selected person"),
                                        self.edit_selected)
        # One button, one question for archiving and deleting (person_removal): the
        # choice is made with both outcomes in view, and the row keeps its room.
        self.remove_button = self._button(self.tr("&Remove…"),
                                          self.tr("Archive or delete the selected person"),
                                          self.remove_selected)
        self.coach_button = self._button(self.tr("Su&ggest…"),
                                         self.tr("Compose a suggestion for the selected person"),
                                         self._request_coach)
        self.history = PersonHistory(store, tz, self)

        self._build_layout()
        self.filter.textChanged.connect(self._apply_filter)
        self.tree.itemSelectionChanged.connect(self._on_selection)
        self.tree.itemActivated.connect(lambda _item, _col: self.edit_selected())
        _shortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.add_person,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        _shortcut(QKeySequence(Qt.Key.Key_Delete), self.tree, self.remove_selected,
                  Qt.ShortcutContext.WidgetShortcut)
        self.reload()

    # -- public -------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the people list again on the store's worker, and redraw it when read
        (the newest read winning), keeping the selection as it is then, or choosing
        `select`."""
        self._list_request += 1
        request, store = self._list_request, self._store
        if select is not None:
            self._to_select = select
        ops.run(lambda: (store.people(), store.last_interactions()),
                lambda read: self._people_read(request, *read),
                lambda exc: self._people_not_read(request, exc), left_at_quit=True)

    def loading(self) -> bool:
        """Whether the people list is still being read."""
        return self._list_request != self._list_shown

    def _people_not_read(self, request: int, exc: BaseException) -> None:
        if shiboken6.isValid(self) and request == self._list_request:
            self._list_shown = request
            logger.warning("could not load people: %s", exc)

    def _people_read(self, request: int, people: list[Person],
                     last: dict[str, datetime]) -> None:
        if not shiboken6.isValid(self) or request != self._list_request:
            return  # closed, or read again since: that read redraws it
        self._list_shown = request
        selected, self._to_select = self._to_select or self.selected_name(), None
        self._people = {p.name: p for p in people}
        # Redrawn whole with its signals held: the person shown stays (their rows with
        # them) rather than passing through "no one chosen" and back.
        self.tree.blockSignals(True)
        try:
            self.tree.setSortingEnabled(False)
            self.tree.clear()
            for person in people:
                self.tree.addTopLevelItem(self._item(person, last.get(person.name)))
            self.tree.setSortingEnabled(True)
            self._apply_filter(self.filter.text())
            if selected and selected in self._people:
                self.select(selected)
        finally:
            self.tree.blockSignals(False)
        self._on_selection()

    def people_names(self) -> list[str]:
        """Names in the list, top to bottom (including filtered-out rows)."""
        return [item.text(0) for item in _items(self.tree)]

    def row_texts(self, name: str) -> tuple[str, str, str]:
        """(name, style, last interaction) as shown for `name`."""
        item = self._find(name)
        if item is None:
            raise KeyError(name)
        return item.text(0), item.text(1), item.text(2)

    def select(self, name: str) -> None:
        """Select `name` in the list."""
        item = self._find(name)
        if item is not None:
            self.tree.setCurrentItem(item)

    def selected_name(self) -> str | None:
        """The selected person's name, or None."""
        items = self.tree.selectedItems()
        return items[0].text(0) if items else None

    def editor(self) -> PersonDialog | None:
        """The open add/edit dialog, if any."""
        return self._editor

    def add_person(self) -> None:
        """Open the editor for a new person."""
        self._open_editor(None)

    def edit_selected(self) -> None:
        """Open the editor for the selected person."""
        person = self._selected()
        if person is not None:
            self._open_editor(person)

    def remove_selected(self) -> None:
        """Ask whether to archive the selected person or delete them for good, then do
        it. Archived, they leave the lists with their notes kept; deleted, their name
        and notes go, and what is with them stays in the history, with no one attached."""

        person = self._selected()
        if person is None or person.id in self._removing:  # the Delete key, once more
            return
        store, held = self._store, person.id

        def counted(count: int) -> None:
            if not shiboken6.isValid(self):
                return
            chosen = self._selected()
            if chosen is None or chosen.id != held:  # someone else chosen meanwhile
                self._removing.discard(held)
                self._on_selection()
                return
            self._remove(person, count)

        def not_counted(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._removing.discard(held)
            self._on_selection()
            message_box.warning(self, self.tr("Not removed"),
                                as_plain(as_sentence(error_message(exc))))

        # What goes with them is counted on the store's worker, the button resting.
        self._removing.add(held)
        self.remove_button.setEnabled(False)
        ops.run(lambda: store.count_moments(person=person.name), counted, not_counted,
                left_at_quit=True)

    def _remove(self, person: Person, count: int) -> None:
        """Ask, knowing `count` moments are with `person`, then archive or delete."""
        from mlcoach.ui import person_removal

        choice = person_removal.ask(self, person.name, count)
        if choice is None:
            self._removing.discard(person.id)
            self._on_selection()
            return
        from mlcoach.influence.reworded import reworded  # the coach's wording
        store, name, held = self._store, person.name, person.id

        def write() -> object:  # on the store's worker: another writer holds it there
            # `held`: the person shown, though renamed elsewhere meanwhile; gone: no one
            if choice == "archive":
                return store.archive_person(name, held=held)
            # a suggestion composed for them is composed again for no one in particular
            return store.delete_person(name, reword=reworded, held=held)

        def done(_: object) -> None:
            if choice != "archive":
                from mlcoach.ui.secret_clipboard import about_person, withdraw

                withdraw([about_person(name)])  # a suggestion for them, copied
            if shiboken6.isValid(self):
                self._removing.discard(held)
                self.reload()
                self.people_changed.emit()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._removing.discard(held)
            self._on_selection()
            message_box.warning(self, self.tr("Not removed"),
                                as_plain(as_sentence(error_message(exc))))

        self._removing.add(held)  # once: the list follows when it is done
        self.remove_button.setEnabled(False)
        ops.run(write, done, failed)

    # -- internals ----------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(as_plain(name))
        button.clicked.connect(slot)
        return button

    def _build_layout(self) -> None:
        left = QWidget(self)
        # In one row, or wrapped where the panel is narrow (800×600 at 200 %).
        self._buttons = QWidget(left)
        buttons = FlowLayout(self._buttons, spacing=6)
        for button in (self.add_button, self.edit_button, self.remove_button,
                       self.coach_button):
            buttons.addWidget(button)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.filter)
        column.addWidget(self.tree, 1)
        column.addWidget(self._buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter, self._left = splitter, left
        splitter.addWidget(left)
        # In a scroll area: under the list (a narrow window) it keeps the height its
        # words need and scrolls, rather than making the window taller than the screen.
        self._history_area = quiet_scroll_area(self.history, splitter, focus_inside=True)
        splitter.addWidget(self._history_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)

    def _side_by_side_width(self) -> int:
        """The narrowest the panel can be with the list beside the history."""
        layout = self.layout()
        assert layout is not None
        outer = layout.contentsMargins()
        left = self._left.layout()
        inner = left.contentsMargins() if left is not None else QMargins()
        column = max(self._left.minimumSizeHint().width(), self._buttons.sizeHint().width()
                     + inner.left() + inner.right())  # its buttons in one row
        return (column + self._splitter.handleWidth()
                + self.history.minimumSizeHint().width() + outer.left() + outer.right())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the list above the history: where the window is narrower than
        both side by side (800×600 at 200 %: the coach was 482 px on a 400 px screen),
        the history goes under the list (see resizeEvent)."""
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None:
            return hint
        outer = layout.contentsMargins()
        narrow = max(self._left.minimumSizeHint().width(),
                     self.history.minimumSizeHint().width()) + outer.left() + outer.right()
        return QSize(min(hint.width(), narrow), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = (Qt.Orientation.Horizontal
                  if event.size().width() >= self._side_by_side_width()
                  else Qt.Orientation.Vertical)
        under = wanted == Qt.Orientation.Vertical
        outer, column = self.layout(), self._left.layout()
        if self._splitter.orientation() != wanted:
            self._splitter.setOrientation(wanted)
            # Under each other, the room between them is the splitter's handle; the
            # edges thinner: a 300 px high screen has none to spare.
            if outer is not None and column is not None:
                outer.setContentsMargins(*((6, 6, 6, 6) if under else (12, 12, 12, 12)))
                column.setContentsMargins(0, 0, 0 if under else 8, 0)
        margins = outer.contentsMargins() if outer is not None else QMargins()
        inside = event.size().width() - margins.left() - margins.right()
        # Under the list, the history keeps the height its wrapped words need at this
        # width (the splitter squeezed the name's two lines into one, drawn over).
        layout = self.history.layout()
        need = layout.minimumHeightForWidth(inside) if under and layout is not None else 0
        if self.history.minimumHeight() != need:
            self.history.setMinimumHeight(need)
        # and the window no taller for it than three lines of it (300 px high at 200 %)
        least = 3 * self.fontMetrics().lineSpacing() if need else 0
        if self._history_area.minimumHeight() != least:
            self._history_area.setMinimumHeight(least)
        # The buttons' rows at the list's width: the splitter asks no widget its height
        # for a width, and gave two wrapped rows one row's room (drawn over the history).
        # (Not at the placeholder size a tab not yet shown has: 100 px wrapped them into
        # four rows, and the coach grew past a short screen when another tab was shown.)
        flow = self._buttons.layout()
        laid_out = event.size().width() >= self.minimumSizeHint().width()
        if flow is not None and column is not None and laid_out:
            width = (1 << 24) - 1  # beside the history: one row (see _side_by_side_width)
            if under:
                inner = column.contentsMargins()
                width = inside - inner.left() - inner.right()
            rows = flow.heightForWidth(width)
            if self._buttons.minimumHeight() != rows:
                self._buttons.setMinimumHeight(rows)
        super().resizeEvent(event)

    def _item(self, person: Person, last: datetime | None) -> QTreeWidgetItem:
        when = "—"
        if last is not None:
            when = QLocale().toString(_qdate(last, self._tz), QLocale.FormatType.ShortFormat)
        item = _SortableItem([person.name, style_name(person.style), when])
        item.setData(2, _SORT_ROLE, last.timestamp() if last else 0.0)
        return item

    def _find(self, name: str) -> QTreeWidgetItem | None:
        key = name.casefold()
        return next((i for i in _items(self.tree) if i.text(0).casefold() == key), None)

    def _selected(self) -> Person | None:
        name = self.selected_name()
        return self._people.get(name) if name else None

    def _apply_filter(self, text: str) -> None:
        key = text.strip().casefold()
        for item in _items(self.tree):
            item.setHidden(bool(key) and key not in item.text(0).casefold())

    def _on_selection(self) -> None:
        person = self._selected()
        for button in (self.edit_button, self.remove_button, self.coach_button):
            button.setEnabled(person is not None)
        if person is not None and person.id in self._removing:  # asked once already
            self.remove_button.setEnabled(False)
        self.history.show_person(person)

    def _open_editor(self, person: Person | None) -> None:
        if self._editor is not None:
            self._editor.raise_()
            self._editor.activateWindow()
            return
        store = self._store

        def save(form: PersonForm) -> Callable[[], object]:
            """The question (a rename onto someone else's name) here; the write to do
            on the store's worker, returned. A name that names no one ("---") is
            refused here, before anything is written."""
            # Only what was changed here: the same person saved meanwhile in another
            # window (the coach's People tab, History's) keeps what was saved there.
            renamed = person is None or " ".join(form.name.split()) != person.name
            name = name_to_save(form.name) if renamed else form.name  # "@Ana" is Ana
            if person is None:
                return lambda: store.add_person(name, form.style, form.notes)
            from mlcoach.influence.reworded import reworded

            renamed = name != person.name
            other = store.find_person(name) if renamed else None
            merging = other is not None and other.id != person.id
            if other is not None and merging:  # someone else's name: put them together?
                from mlcoach.ui import person_merge

                if not person_merge.confirmed(self, person.name, other.name):
                    raise MlcoachError("{name!r} is already in your people list",
                                       name=other.name)
            into = other.name if other is not None and merging else None

            def write() -> None:
                store.edit_person(
                    person.name,
                    new_name=name if renamed and not merging else None,
                    style=form.style if form.style != person.style else "",
                    notes=form.notes if form.notes != person.notes else None,
                    notes_from=person.notes,  # saved since (a merge): both kept
                    reword=reworded,  # a new name: their suggestions say it, not the old
                    held=person.id)  # renamed elsewhere meanwhile: still them; gone: no one
                if into is not None:
                    store.merge_person(person.name, into, reword=reworded, held=person.id)

            return write

        dialog = PersonDialog(save, person=person, parent=self, drafts=store)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_edit(_saved_name(dialog.form().name)))
        dialog.finished.connect(self._forget_editor)
        self._editor = dialog
        dialog.open()

    def keep_unsaved(self) -> None:
        """The app is quitting: keep what the open person editor holds."""
        if self._editor is not None:
            self._editor.keep_unsaved()

    def _forget_editor(self) -> None:
        self._editor = None

    def _after_edit(self, name: str) -> None:
        self.reload(select=name)
        self.people_changed.emit()

    def _request_coach(self) -> None:
        name = self.selected_name()
        if name:
            self.coach_requested.emit(name)


def _saved_name(typed: str) -> str:
    """The name a save keeps for `typed` ("@Ana" is Ana), to select it in the list."""
    try:
        return clean_name(typed)
    except MlcoachError:
        return " ".join(typed.split())
