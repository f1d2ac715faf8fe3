"""History & insights: the window with the Timeline, Insights and People tabs.

The File menu exports and imports through `mlcoach.ui.transfer`.
"""

from __future__ import annotations

import logging
from datetime import tzinfo
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QHideEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QMenuBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError
from mlcoach.ui.history.insights_tab import InsightsTab
from mlcoach.ui.history.model import Clock
from mlcoach.ui.history.stores import Stores
from mlcoach.ui.history.timeline_tab import TimelineTab
from mlcoach.ui.i18n import error_message
from mlcoach.ui.privacy import export_formats
from mlcoach.ui.transfer import Transfer
from mlcoach.ui.transfer import summary as import_summary
from mlcoach.ui.widgets.helpers import close_keys, tab_keys
from mlcoach.ui.widgets.on_screen import keep_on_screen
from mlcoach.ui.widgets.page_tabs import resize_within_screen
from mlcoach.ui.widgets.plain_text import Label, as_tip

if TYPE_CHECKING:
    from mlcoach.store.core import Store

logger = logging.getLogger(__name__)


logger = logging.getLogger(__name__)



def _people_panel_available() -> bool:
    try:
        import mlcoach.ui.people_panel  # noqa: F401
    except ImportError:
        return False
    return True



class HistoryWindow(QWidget):
    """History & insights: Timeline, Insights and People tabs.

    Signals:
        focus_accepted(str): the weekly review's focus theme was accepted (re-arm prompts).
        entries_changed(): a moment was edited, deleted or restored here.
    """

    focus_accepted = Signal(str)
    entries_changed = Signal()

    def __init__(self, store: Store | Stores, *, clock: Clock, tz: tzinfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        stores = store if isinstance(store, Stores) else Stores.of(store)
        self._stores, self._clock, self._tz = stores, clock, tz
        self.setWindowTitle(self.tr("History & insights — mlcoach"))
        self.setAccessibleName(self.tr("History and insights"))
        self.timeline = TimelineTab(stores, clock=clock, tz=tz, parent=self)
        self.insights = InsightsTab(stores.full, clock=clock, tz=tz, parent=self)
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
        self._people_note: Label | None = None  # "Opening your data…", or why it could not
        self._people_opening = False
        if _people_panel_available():
            self.tabs.addTab(self._people_holder, self.tr("&People"))
        self.transfer = Transfer(stores.full, self)
        self.notice = Label(self)
        self.notice.setAccessibleDescription(self.tr("Export and import result"))
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self.menu_bar = self._menu_bar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setMenuBar(self.menu_bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs)
        resize_within_screen(self, 1120, 740)
        self._insights_stale = True
        self.tabs.currentChanged.connect(self._tab_changed)
        tab_keys(self, self.tabs)
        self.insights.focus_accepted.connect(self.focus_accepted.emit)
        self.timeline.entries_changed.connect(self._entries_changed)
        self.transfer.busy_changed.connect(self._transfer_busy)
        self.transfer.exported.connect(lambda path: self.show_notice(
            self.tr("Exported to %1").replace("%1", str(path))))
        self.transfer.imported.connect(self._imported)
        self.transfer.failed.connect(self.show_notice)
        close_keys(self, self.close)
        QShortcut(QKeySequence("Escape"), self, self.close)  # as the other windows close

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
                partial(self.transfer.export, fmt))
            self.export_actions[fmt.key] = action
        self.import_action = self.file_menu.addAction(self.tr("&Import…"),
                                                      lambda: self.transfer.import_file())
        self.import_action.setToolTip(self.tr("Add entries from an mlcoach JSON export, a jrnl "
                                              "journal or a Day One export"))
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.tr("&Close"), self.close)
        return bar

    def show_notice(self, text: str) -> None:
        """Say how an export or import went, on one line above the tabs."""
        self.notice.setText(" ".join(text.split()))
        self.notice.setToolTip(as_tip(self.notice.text()))
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
            panel: QWidget = PeoplePanel(self._stores.full(), tz=self._tz,
                                         parent=self._people_holder)
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
        if not self.isVisible():
            keep_on_screen(self)
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

    def keep_unsaved(self) -> None:
        """The app is quitting: keep what an open moment or person editor holds."""
        self.timeline.keep_unsaved()
        keep = getattr(self.people, "keep_unsaved", None)
        if keep is not None:
            keep()

    def _show_people(self) -> None:
        """Build or refresh the People panel, when it is the tab on show."""
        if self.tabs.currentWidget() is not self._people_holder:
            return
        if self.people is None:
            self._open_people()
        elif self._people_stale and hasattr(self.people, "reload"):
            self.people.reload()
        self._people_stale = False

    def _open_people(self) -> None:
        """Open the ORM store on the worker (its first open takes ~0.3 s), then build
        the People panel; meanwhile the tab says so."""
        from mlcoach.ui import ops

        if self._stores.full_is_open():
            self._people_ready()  # quick: nothing to wait for
            return
        if self._people_opening:
            return
        self._people_opening = True
        self._people_says(self.tr("Opening your data…"))

        def opened(_store: object) -> None:
            if shiboken6.isValid(self):
                self._people_opening = False
                self._people_ready()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self._people_opening = False
                self._people_says(self.tr("Could not open your data: {reason}").format(
                    reason=error_message(exc)))

        ops.run(self._stores.full, opened, failed, left_at_quit=True)

    def _people_says(self, text: str) -> None:
        if self._people_note is None:
            self._people_note = Label(self._people_holder)
            self._people_note.setWordWrap(True)
            self._people_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout = self._people_holder.layout()
            assert layout is not None
            layout.addWidget(self._people_note)
        self._people_note.setText(text)
        self._people_note.show()

    def _people_ready(self) -> None:
        """The ORM store is open: the People panel now (quick)."""
        if self.people is None:
            self.people = self._people_tab()
            if self.people is not None:
                if self._people_note is not None:
                    self._people_note.hide()
                changed = getattr(self.people, "people_changed", None)
                if changed is not None:  # its names on the timeline tab follow
                    changed.connect(self._people_changed)
                layout = self._people_holder.layout()
                assert layout is not None
                layout.addWidget(self.people)
                self.people.show()
            else:  # not "Opening your data…" for good
                self._people_says(self.tr("The people list could not be shown; the log "
                                          "says why."))
        self._people_stale = False

    def _load_insights(self) -> None:
        self._insights_stale = False
        self.insights.load()

    def history_changed(self) -> None:
        """A person or a moment was changed in another window (the coach's people list):
        the rows, the filters, the figures and the people are read again."""
        self.timeline.reload()
        self._insights_stale = True
        if self.tabs.currentWidget() is self.insights:
            self._load_insights()
        self._people_stale = True
        self._show_people()

    def _people_changed(self) -> None:
        """Someone was added, renamed, archived or deleted in the People tab: the
        timeline's rows and its person filter no longer say a name that went."""
        self.timeline.reload()
        self._entries_changed()

    def _entries_changed(self) -> None:
        self._insights_stale = True
        self._people_stale = True  # a person's history there shows the moments' words
        self.entries_changed.emit()
