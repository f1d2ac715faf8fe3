"""The timeline's search box and filters, and the people whose notes match a search."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlcoach.coaching.content import load_builtin, theme_names
from mlcoach.domain.model import Kind, Outcome
from mlcoach.store.timeline import (
    EntryKind,
    FilterChoices,
    Timeline,
    TimelineFilter,
)
from mlcoach.ui import ops
from mlcoach.ui.history.model import Clock, locale_name
from mlcoach.ui.i18n import qdate
from mlcoach.ui.names import entry_kind_names, kind_names, outcome_names
from mlcoach.ui.quiet_scroll import rows_area
from mlcoach.ui.widgets.elided_combo import ElidedCombo
from mlcoach.ui.widgets.flow_layout import FlowLayout, labelled
from mlcoach.ui.widgets.plain_text import Label, as_plain, breakable

if TYPE_CHECKING:
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore

logger = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250


class SearchField(QLineEdit):
    """The search box: Esc empties it before it closes the window, Down goes to the rows.

    Signals:
        down_pressed(): the user wants to move from the search to the results.
    """

    down_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        # Esc is the window's shortcut (close); while there is a search, the box takes it.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape and self.text():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.down_pressed.emit()
        else:
            super().keyPressEvent(event)



#: The widest a filter list grows, in average characters of its font.
MAX_BOX_CHARS = 32


class FilterBar(QWidget):
    """The search box, the filter lists and the people whose notes match the search.

    Signals:
        changed(): the user changed the search or a filter (typing is debounced).
    """

    changed = Signal()

    def __init__(self, store: Store | LightStore, timeline: Timeline, *, clock: Clock, tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._timeline, self._clock, self._tz = store, timeline, clock, tz
        self._people_links: list[str] = []
        self._pending_person: str | None = None  # a name followed from people_hits
        self.search = SearchField(self)
        self.search.setPlaceholderText(self.tr("Search moments, reflections, suggestions and "
                                               "notes"))
        self.search.setAccessibleName(self.tr("Search the history"))
        self.search.setClearButtonEnabled(True)
        self.order = self._combo(self.tr("Order"), [(self.tr("Best match"), True),
                                                    (self.tr("Newest first"), False)])
        self.order.setEnabled(False)
        self._filter_boxes()
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setAccessibleName(self.tr("Clear search and filters"))
        self.people_hits = Label(self)
        self.people_hits.setAccessibleDescription(self.tr("People whose notes match"))
        self.people_hits.setTextFormat(Qt.TextFormat.RichText)
        self.people_hits.setWordWrap(True)  # many names, or a long one: more lines
        self.people_hits.hide()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._build_layout()
        self._connect()

    # -- building ----------------------------------------------------------------------

    def _filter_boxes(self) -> None:
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

    def _combo(self, name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
        box = ElidedCombo(self)  # a one-line place: a long name or tag ends in "…"
        box.setAccessibleName(name)
        box.setToolTip(as_plain(name))
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # as wide as its longest item, up to a limit: a person or a tag of 200 characters
        # made the window three screens wide (the box and its list elide it instead)
        box.setMaximumWidth(box.fontMetrics().averageCharWidth() * MAX_BOX_CHARS)
        box.setMaxVisibleItems(20)
        for text, data in items:
            box.addItem(text, data)
        return box

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setToolTip(as_plain(name))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.hide()
        return edit

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self._with_label(self.order))
        # Each list has a visible label: on Linux a screen reader names a combo box by
        # its label (Qt gives its current value as its name), and the row wraps at a
        # large font or in a narrow window instead of pushing the window off the screen.
        # In a scroll area: on a short screen the rows are at least two, the rest
        # scrolled (drawn over the timeline before, Date range and Clear out of reach).
        rows = QWidget(self)
        filters = FlowLayout(rows)
        for box in (self.show_box, self.kind_box, self.person_box, self.tag_box,
                    self.theme_box, self.outcome_box, self.date_box):
            filters.addWidget(self._with_label(box))
        filters.addWidget(self.since_edit)
        filters.addWidget(self.until_edit)
        filters.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(rows_area(rows, self))
        layout.addWidget(self.people_hits)

    def _with_label(self, box: QComboBox) -> QWidget:
        label = Label(self.tr("%1:").replace("%1", box.accessibleName()))
        label.setBuddy(box)
        return labelled(label, box, self)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._changed)
        self._debounce.timeout.connect(self._changed)
        for box in (self.order, self.show_box, self.kind_box, self.person_box, self.tag_box,
                    self.theme_box, self.outcome_box):
            box.currentIndexChanged.connect(lambda _i: self._changed())
        self.date_box.currentIndexChanged.connect(self._date_changed)
        self.since_edit.dateChanged.connect(lambda _d: self._changed())
        self.until_edit.dateChanged.connect(lambda _d: self._changed())
        self.clear_button.clicked.connect(self.clear)
        self.people_hits.linkActivated.connect(self._person_link)

    def _changed(self) -> None:
        self._debounce.stop()
        self.changed.emit()

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
            # by id: someone renamed elsewhere meanwhile is still who is filtered by
            person_id=self.person_box.currentData() or None,
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
            assert isinstance(first, date) and isinstance(last, date)  # typed object by the stubs
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
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self.since_edit.setVisible(custom)
        self.until_edit.setVisible(custom)
        self._changed()

    def clear(self) -> None:
        """Back to everything, newest first."""
        widgets = (self.search, self.order, self.show_box, self.kind_box, self.person_box,
                   self.tag_box, self.theme_box, self.outcome_box, self.date_box)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        for box in widgets[1:]:
            box.setCurrentIndex(0)
        for w in widgets:
            w.blockSignals(False)
        self.since_edit.hide()
        self.until_edit.hide()
        self._changed()

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def load_choices(self) -> None:
        """Fill the person, tag and theme lists on the worker thread."""
        store, timeline, language = self._store, self._timeline, locale_name()[:2]

        def read() -> FilterChoices:
            # Titles are set here, before any page queued after this job is read.
            timeline.prompt_titles = {p.id: p.text_for(language).text
                                      for p in [*load_builtin(), *store.custom_prompts()]}
            return timeline.choices()

        ops.run(read, self._choices_read, lambda exc: logger.error("filter lists: %s", exc),
                left_at_quit=True)

    def _choices_read(self, choices: FilterChoices) -> None:
        if not shiboken6.isValid(self):
            return
        names = theme_names(locale_name())
        themes = sorted({*names, *choices.themes}, key=lambda t: (names.get(t) or t).casefold())
        # Someone filtered by, merged or deleted elsewhere (a tag gone with its last
        # moment): the box goes back to all, and so does the list it describes.
        gone = self._refill(self.person_box, list(zip(choices.people, choices.person_ids,
                                                      strict=True)))
        gone |= self._refill(self.tag_box, [("#" + t, t) for t in choices.tags])
        gone |= self._refill(self.theme_box, [(names.get(t, t), t) for t in themes])
        if self._pending_person is not None:  # a link followed before the list was read
            index = self.person_box.findText(self._pending_person)
            self._pending_person = None
            if index > 0:
                self.person_box.blockSignals(True)
                self.person_box.setCurrentIndex(index)
                self.person_box.blockSignals(False)
            gone = True  # the search was cleared for it: the list follows
        if gone:
            self._changed()

    def _refill(self, box: QComboBox, items: Sequence[tuple[str, str]]) -> bool:
        """Put `items` (text, data) after the box's first ("Anyone"); True when what was
        chosen is no longer there."""
        current = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for text, data in items:
            box.addItem(text, data)
        found = box.findData(current)
        box.setCurrentIndex(max(0, found))
        box.blockSignals(False)
        return bool(current) and found < 0

    def find_people(self, query: str) -> None:
        """List the people whose notes match `query`, as links that filter by person."""
        if not query.strip():
            self.people_hits.hide()
            return
        timeline = self._timeline
        ops.run(lambda: timeline.people_matching(query),
                lambda names: self._people_found(query, names),
                lambda exc: logger.error("people search: %s", exc), left_at_quit=True)

    def _people_found(self, query: str, names: list[str]) -> None:
        if not shiboken6.isValid(self) or query != self.search.text().strip():
            return
        if not names:
            self.people_hits.hide()
            return
        links = " · ".join(f'<a href="{i}">{html.escape(breakable(n), quote=False)}</a>'
                           for i, n in enumerate(names))  # rich: broken, then escaped
        self._people_links = names
        self.people_hits.setText(self.tr("People matching: %1").replace("%1", links))
        self.people_hits.show()

    def _person_link(self, link: str) -> None:
        name = self._people_links[int(link)]
        index = self.person_box.findText(name)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if index < 0:  # not on the list read last: chosen once it is read again
            self._pending_person = name
            self.load_choices()
            return
        self.person_box.setCurrentIndex(index)
