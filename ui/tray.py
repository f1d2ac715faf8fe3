"""The tray icon and its menu, or a small main window where no tray exists."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

# Not `Qt`: importing that namespace builds its ~110 Python enums (~15 ms), which the
# icon does not need; the fallback window below imports it when it is built, with the
# widget classes only it uses (PySide6 sets up each class on first import: QStyle ~6 ms,
# the show and hide events ~3 ms, the rest ~1-2 ms each).
from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from mlcoach.ui.icons import app_icon, tray_icon

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QHideEvent, QScreen, QShowEvent
    from PySide6.QtWidgets import QPushButton

    from mlcoach.domain.enums import Response  # its ~8 enums are not the icon's


class Action(Enum):
    """What the tray menu (or the fallback window) asks the app to do."""

    PROMPT = "prompt"
    DONE = "respond:done"  # the prompt's answers: the card never takes the keyboard,
    LATER = "respond:snoozed"  # so the menu is its keyboard route
    SKIP = "respond:skipped"
    NOT_FOR_ME = "respond:not_for_me"
    CAPTURE = "capture"
    SUGGEST = "suggest"
    REFLECT = "reflect"
    HISTORY = "history"
    PAUSE_30M = "pause:30m"
    PAUSE_1H = "pause:1h"
    PAUSE_DAY = "pause:day"
    RESUME = "resume"
    RESTORE_PACE = "restore_pace"
    SETTINGS = "settings"
    QUIT = "quit"

    @property
    def response(self) -> Response | None:
        """The prompt answer this action gives, if it is one."""
        from mlcoach.domain.enums import Response

        head, _, tail = self.value.partition(":")
        return Response(tail) if head == "respond" else None

    @property
    def pause(self) -> str | None:
        """How long this action pauses prompts ("30m", "1h", "day"), if it is a pause."""
        head, _, tail = self.value.partition(":")
        return tail if head == "pause" else None


ANSWERS = (Action.DONE, Action.LATER, Action.SKIP, Action.NOT_FOR_ME)
PAUSES = (Action.PAUSE_30M, Action.PAUSE_1H, Action.PAUSE_DAY)


class TrayMenu(QObject):
    """The app's actions, shared by the tray menu and the fallback window.

    Signals:
        triggered(Action): the user picked an action. The answers show only while a
            prompt waits, Resume only while paused, "Back to N a day" only while the
            daily count is lowered.
    """

    triggered = Signal(Action)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.actions: dict[Action, QAction] = {}
        self._full_pace = 0
        self._add(Action.PROMPT)
        self.respond_menu = self.menu.addMenu("")
        for answer in ANSWERS:
            self._add(answer, menu=self.respond_menu)
        self._add(Action.CAPTURE)
        self._add(Action.SUGGEST)
        self._add(Action.REFLECT)
        self._add(Action.HISTORY)
        self.menu.addSeparator()
        self.pause_menu = self.menu.addMenu("")
        for pause in PAUSES:
            self._add(pause, menu=self.pause_menu)
        self._add(Action.RESUME)
        self.actions[Action.RESUME].setVisible(False)
        self._add(Action.RESTORE_PACE)
        self.actions[Action.RESTORE_PACE].setVisible(False)
        self.menu.addSeparator()
        self._add(Action.SETTINGS)
        self._add(Action.QUIT)
        self.set_prompt_waiting(False)
        self.retranslate()
        # Installing a translator sends LanguageChange to every widget, the menu included.
        self.menu.installEventFilter(self)
        # After the icon: the menu the shortcut works in cannot open before the icon is there.
        QTimer.singleShot(0, self, self._set_shortcuts)  # not if the menu is gone by then

    def _set_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence

        capture = self.actions[Action.CAPTURE]
        # setShortcuts, not setShortcut: the same shortcut, but setShortcut's argument
        # conversion builds the whole `Qt` namespace (~110 enums, ~1 MB, see
        # capture_window._key), which the idle app otherwise never needs.
        capture.setShortcuts([QKeySequence("Ctrl+Shift+M")])
        capture.setShortcutVisibleInContextMenu(False)

    def _texts(self) -> dict[Action, str]:
        return {
            Action.PROMPT: self.tr("Show a prompt now"),
            Action.DONE: self.tr("Done"),
            Action.LATER: self.tr("Later"),
            Action.SKIP: self.tr("Skip"),
            Action.NOT_FOR_ME: self.tr("Not for me"),
            Action.CAPTURE: self.tr("Capture a moment…"),
            Action.SUGGEST: self.tr("Influence coach…"),
            Action.REFLECT: self.tr("Reflect on today…"),
            Action.HISTORY: self.tr("History && insights…"),
            Action.PAUSE_30M: self.tr("For 30 minutes"),
            Action.PAUSE_1H: self.tr("For 1 hour"),
            Action.PAUSE_DAY: self.tr("For the rest of the day"),
            Action.RESUME: self.tr("Resume prompts"),
            # A back-off never lowers below one, so the full count is always two or more.
            Action.RESTORE_PACE: self.tr("Back to %1 prompts a day").replace(
                "%1", QLocale().toString(self._full_pace)),
            Action.SETTINGS: self.tr("Settings…"),
            Action.QUIT: self.tr("Quit"),
        }

    def retranslate(self) -> None:
        """Word the menu in the current language."""
        for key, text in self._texts().items():
            self.actions[key].setText(text)
        self.pause_menu.setTitle(self.tr("Pause prompts"))
        self.respond_menu.setTitle(self.tr("Answer the prompt"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def _add(self, which: Action, menu: QMenu | None = None) -> None:
        action = QAction(self.menu)
        action.triggered.connect(lambda _=False, a=which: self.triggered.emit(a))
        (menu or self.menu).addAction(action)
        self.actions[which] = action

    def set_prompt_waiting(self, waiting: bool) -> None:
        """Offer the prompt's answers in the menu while a prompt waits for one."""
        self.respond_menu.menuAction().setVisible(waiting)
        for answer in ANSWERS:
            self.actions[answer].setVisible(waiting)

    def set_paused(self, paused: bool) -> None:
        """Show Resume instead of the Pause submenu while paused."""
        self.pause_menu.menuAction().setVisible(not paused)
        self.actions[Action.RESUME].setVisible(paused)

    def set_lowered_pace(self, full: int | None) -> None:
        """Offer "Back to `full` prompts a day" while the count is lowered (None: it is not)."""
        self._full_pace = full or 0
        restore = self.actions[Action.RESTORE_PACE]
        restore.setText(self._texts()[Action.RESTORE_PACE])
        restore.setVisible(full is not None)

    def set_ready(self, ready: bool) -> None:
        """Grey out actions that need the store until it is open."""
        for key, action in self.actions.items():
            if key is not Action.QUIT:
                action.setEnabled(ready)
        self.pause_menu.setEnabled(ready)


class Tray(QObject):
    """The system tray icon; clicking it opens a waiting prompt or the menu.

    Signals:
        activated_plain(): the icon was clicked (not for the context menu).
    """

    activated_plain = Signal()

    def __init__(self, menu: TrayMenu, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = menu
        self.icon = QSystemTrayIcon(tray_icon(), self)
        self.icon.setContextMenu(menu.menu)
        self.icon.setToolTip("mlcoach")
        self.icon.activated.connect(self._on_activated)
        self._variant = ""

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_state(self, variant: str) -> None:
        """"" normal, "paused", or "attention" (a prompt is waiting)."""
        if variant != self._variant:
            self._variant = variant
            self.icon.setIcon(tray_icon(variant))

    def set_tooltip(self, text: str) -> None:
        from mlcoach.ui.widgets.plain_text import as_plain

        self.icon.setToolTip(as_plain(text))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.activated_plain.emit()


#: The gap between the no-tray window's rows where the screen is too short for the usual.
TIGHT_GAP = 2


class MainWindow(QWidget):
    """Where no system tray exists: a small window with the same actions.

    Signals:
        hidden(): the window was closed (hidden: the app runs on).
    """

    hidden = Signal()

    def __init__(self, menu: TrayMenu, parent: QWidget | None = None,
                 gnome: bool = False) -> None:
        super().__init__(parent)
        self._gnome = gnome
        self._screen: QScreen | None = None  # the one watched, once shown
        self._tray_came = False  # a tray came after the window: it says so
        self.setWindowTitle("mlcoach")
        self.setWindowIcon(app_icon())
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QGridLayout, QLayout, QPushButton, QVBoxLayout

        from mlcoach.ui.quiet_scroll import FittedArea, quiet
        from mlcoach.ui.widgets.plain_text import Label

        # Scrolled only where even two columns are larger than the screen (2.5 times the
        # font on a 1024×600 netbook).
        self._body = QWidget()
        layout = QVBoxLayout(self._body)
        self.status = Label()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.next_label = Label()
        layout.addWidget(self.next_label)
        self._menu = menu
        self.buttons: dict[Action, QPushButton] = {}
        self._one_line: dict[Action, str] = {}  # each button's words on one line
        self._grid = QGridLayout()  # filled by _arrange()
        layout.addLayout(self._grid)
        for key in (Action.PROMPT, *ANSWERS, Action.CAPTURE, Action.SUGGEST, Action.REFLECT,
                    Action.HISTORY, Action.PAUSE_1H, Action.RESUME, Action.RESTORE_PACE,
                    Action.SETTINGS, Action.QUIT):
            action = menu.actions[key]
            button = QPushButton()
            button.clicked.connect(action.trigger)
            action.changed.connect(self._sync_buttons)  # a method: disconnected with us
            self.buttons[key] = button
        # As big as its buttons and the wrapped text above them, fitted again when a
        # prompt's answers come and go; the text's height is set from its wrapped lines
        # (a word-wrapped label asks for one). A fixed size, so tiling desktops such as
        # sway float it; on GNOME only a minimum: Qt's own frame there (the adwaita
        # decoration) takes 20 px off a fixed-size window at every map and resize,
        # which cut the end of the text off.
        self._area = FittedArea(self)
        quiet(self._area, self._body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._area)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize if gnome
                                else QLayout.SizeConstraint.SetFixedSize)
        self.status.setFixedWidth(340)
        self.retranslate()
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        for key, button in self.buttons.items():
            action = self._menu.actions[key]
            button.setEnabled(action.isEnabled())
            button.setVisible(action.isVisible())
            if key is Action.RESTORE_PACE:  # its words carry the number
                button.setText(action.text())
                self._one_line[key] = action.text()
                button.setAccessibleName(action.text())
        self._arrange()
        if self._gnome:
            self.adjustSize()  # not fixed there: grow and shrink with the buttons

    def _arrange(self, screen: QScreen | None = None) -> None:
        """The buttons in one column, or in two where one would be taller than `screen`
        (its own by default; 200 % on a laptop: the answers and Quit were off its bottom
        edge)."""
        from mlcoach.ui.widgets.on_screen import room_on

        shown = [b for b in self.buttons.values() if not b.isHidden()]
        self._tighten(False)
        for key, button in self.buttons.items():  # measured on one line
            button.setText(self._one_line.get(key, button.text()))
        spacing = max(0, self._grid.verticalSpacing())
        column = sum(b.sizeHint().height() + spacing for b in shown)
        whole = self._body.layout()
        assert whole is not None
        others = whole.sizeHint().height() - self._grid.sizeHint().height()
        room = room_on(screen or self.screen())
        self._area.room = room
        columns = 2 if others + column > room.height() else 1
        rows = max(1, -(-len(shown) // columns))
        self._fit_words(shown, (room.width() - self._beside(columns)) // columns)
        for button in self.buttons.values():
            self._grid.removeWidget(button)
        # Down the first column, then the second: the order Tab goes in.
        for i, button in enumerate(shown):
            self._grid.addWidget(button, i % rows, i // rows)
        for button in self.buttons.values():
            if button.isHidden():
                self._grid.addWidget(button, rows, 0)  # kept in the layout, not shown
        # The words above as wide as the buttons: in two columns at a large font, 340 px
        # of Turkish made the window 52 px taller than a 911×512 laptop screen.
        width = max(340, self._grid.sizeHint().width())
        if width != self.status.width():
            self.status.setFixedWidth(width)
            self._fit_text()
        if whole.sizeHint().height() > room.height():
            self._tighten(True)  # and the words above as wide as the screen allows
            self.status.setFixedWidth(max(width, room.width() - 4 * TIGHT_GAP))
            self._fit_text()
        self._area.updateGeometry()  # its size hint follows the room and the contents

    def _tighten(self, tight: bool) -> None:
        """Narrow gaps between the rows, or the style's: on an 800×600 screen at 200 % in
        Turkish, with a prompt's answers shown, two columns were 20 px too tall and the
        last row (Quit) had to be scrolled to."""
        whole = self._body.layout()
        assert whole is not None
        gap = TIGHT_GAP if tight else -1  # -1: the style's
        whole.setSpacing(gap)
        self._grid.setVerticalSpacing(gap)
        if tight:
            whole.setContentsMargins(*(2 * TIGHT_GAP,) * 4)
        else:  # the style's (as a layout takes them when it is made)
            from PySide6.QtWidgets import QStyle

            style, metric = self.style(), QStyle.PixelMetric
            whole.setContentsMargins(*(style.pixelMetric(m) for m in (
                metric.PM_LayoutLeftMargin, metric.PM_LayoutTopMargin,
                metric.PM_LayoutRightMargin, metric.PM_LayoutBottomMargin)))

    def _beside(self, columns: int) -> int:
        """The width the window's margins and the gaps between `columns` take."""
        whole = self._body.layout()
        assert whole is not None
        margins = whole.contentsMargins()
        return margins.left() + margins.right() + \
            (columns - 1) * max(0, self._grid.horizontalSpacing())

    def _fit_words(self, shown: list[QPushButton], width: int) -> None:
        """A button's words on two lines where one is wider than `width`: in Turkish at
        2.5 times the font two columns of one-line buttons made the window 1106 px wide,
        on a 1024 px screen where one column was too tall for it."""
        for button in shown:
            words = button.text()
            if button.sizeHint().width() > width and " " in words:
                middle = len(words) // 2
                cut = min((i for i, c in enumerate(words) if c == " "),
                          key=lambda i: abs(i - middle))
                button.setText(words[:cut] + "\n" + words[cut + 1:])

    def retranslate(self) -> None:
        """Word the window in the current language."""
        self._menu.retranslate()
        if self._tray_came:
            self.status.setText(self.tr("mlcoach is in the system tray now. Close this "
                                        "window: mlcoach runs on in the tray."))
        elif self._gnome:
            self.status.setText(self.tr(
                "GNOME shows no tray icons, so mlcoach lives in this window and answers "
                "in notifications. Close it to keep mlcoach running; open it again from "
                "the app grid. For a tray icon, turn on the AppIndicator extension."))
        else:
            self.status.setText(self.tr("No system tray was found, so mlcoach lives in this "
                                        "window. Close it to keep mlcoach running in the "
                                        "background; quit from the last button."))
        self._fit_text()
        self.next_label.setAccessibleDescription(self.tr("Next prompt"))
        for key, button in self.buttons.items():
            label = self._menu.actions[key].text()  # "&&" shows one "&" on a button too
            if key is Action.PAUSE_1H:
                label = self.tr("Pause prompts for 1 hour")
            button.setText(label)
            self._one_line[key] = label  # _fit_words may break it in two
            name = label.replace("&&", "&").rstrip("…")
            if key.response is not None:
                name = self.tr("Answer the prompt: %1").replace("%1", name)
            button.setAccessibleName(name)

    def tray_changed(self, there: bool) -> None:
        """A tray came while the window is open (say that mlcoach is there now), or went
        again (the window stands in for it, as before)."""
        self._tray_came = there
        self.retranslate()
        self._refit(place=False)  # sized to the new words (on GNOME, where it is not fixed)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # closed, not minimized
            self.hidden.emit()

    def _fit_text(self) -> None:
        self.status.setMinimumHeight(0)  # else the height for the width keeps the old one
        self.status.setMinimumHeight(self.status.heightForWidth(self.status.width()))

    def showEvent(self, event: QShowEvent) -> None:
        self._arrange()  # for the screen it opens on
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and self._screen is None:
            handle.screenChanged.connect(self._moved_to)
            self._watch(handle.screen())
            self._refit(place=True)  # sized as shown (a large font): whole on the screen

    def _moved_to(self, screen: QScreen | None) -> None:
        """The window is on another screen now (moved to another monitor, or its own
        unplugged): watch that one, and arrange the buttons for it."""
        self._watch(screen)
        self._screen_changed()

    def _watch(self, screen: QScreen | None) -> None:
        for signal in self._screen_signals(self._screen):
            signal.disconnect(self._screen_changed)
        self._screen = screen
        for signal in self._screen_signals(screen):
            signal.connect(self._screen_changed)

    @staticmethod
    def _screen_signals(screen: QScreen | None) -> tuple[SignalInstance, ...]:
        if screen is None:
            return ()
        return (screen.geometryChanged, screen.availableGeometryChanged,
                screen.logicalDotsPerInchChanged)

    def _screen_changed(self, *_: object) -> None:
        """Arranged once for the screen it opened on, the window kept one column when
        moved to a shorter screen (or its scale grew): Quit was below its bottom edge."""
        self._refit(place=False)

    def _refit(self, *, place: bool) -> None:
        """Arrange the buttons for the window's screen; put it back whole on it if it
        grew (or `place`): a window the user is dragging across monitors is not moved
        under the pointer only because it crossed one (the app puts a window back whole
        when the screens themselves change: ScreenChanges)."""
        if not self.isVisible() or self._screen is None:
            return
        before = self.size()
        self.arrange_for(self._screen)
        if place or self.size().expandedTo(before) != before:
            from mlcoach.ui.widgets.on_screen import keep_on_screen

            keep_on_screen(self)

    def arrange_for(self, screen: QScreen) -> None:
        """The buttons arranged for `screen`, and the window sized to them now (not at
        the next event): keep_on_screen calls it for the screen the window goes on."""
        self._arrange(screen)
        for layout in (self._body.layout(), self.layout()):
            assert layout is not None
            layout.activate()
        if self._gnome:
            self.adjustSize()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._arrange()  # the new words, on two lines where they need to be
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_text()
            self._arrange()
        super().changeEvent(event)
