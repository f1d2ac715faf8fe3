"""The tray icon and its menu, or a small main window where no tray exists."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from mlcoach.ui.icons import app_icon, tray_icon

# The prompt card's answers, also offered in the menu (see TrayMenu.triggered).
RESPONSES = ("done", "snoozed", "skipped", "not_for_me")


class TrayMenu(QObject):
    """The app's actions, shared by the tray menu and the fallback window.

    Signals:
        triggered(str): an action id: prompt, capture, suggest, reflect, history,
            pause:30m, pause:1h, pause:day, resume, settings, quit, and while a prompt
            waits respond:done, respond:snoozed, respond:skipped, respond:not_for_me (the
            prompt card never takes the keyboard, so this is its keyboard route).
    """

    triggered = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.actions: dict[str, QAction] = {}
        self._add("prompt")
        self.respond_menu = self.menu.addMenu("")
        for response in RESPONSES:
            self._add(f"respond:{response}", menu=self.respond_menu)
        self._add("capture", "Ctrl+Shift+M")
        self._add("suggest")
        self._add("reflect")
        self._add("history")
        self.menu.addSeparator()
        self.pause_menu = self.menu.addMenu("")
        self._add("pause:30m", menu=self.pause_menu)
        self._add("pause:1h", menu=self.pause_menu)
        self._add("pause:day", menu=self.pause_menu)
        self._add("resume")
        self.actions["resume"].setVisible(False)
        self.menu.addSeparator()
        self._add("settings")
        self._add("quit")
        self.set_prompt_waiting(False)
        self.retranslate()
        # Installing a translator sends LanguageChange to every widget, the menu included.
        self.menu.installEventFilter(self)

    def _texts(self) -> dict[str, str]:
        return {
            "prompt": self.tr("Show a prompt now"),
            "respond:done": self.tr("Done"),
            "respond:snoozed": self.tr("Later"),
            "respond:skipped": self.tr("Skip"),
            "respond:not_for_me": self.tr("Not for me"),
            "capture": self.tr("Capture a moment…"),
            "suggest": self.tr("Influence coach…"),
            "reflect": self.tr("Reflect on today…"),
            "history": self.tr("History && insights…"),
            "pause:30m": self.tr("For 30 minutes"),
            "pause:1h": self.tr("For 1 hour"),
            "pause:day": self.tr("For the rest of the day"),
            "resume": self.tr("Resume prompts"),
            "settings": self.tr("Settings…"),
            "quit": self.tr("Quit"),
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

    def _add(self, action_id: str, shortcut: str | None = None,
             menu: QMenu | None = None) -> None:
        action = QAction(self.menu)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutVisibleInContextMenu(False)
        action.triggered.connect(lambda _=False, a=action_id: self.triggered.emit(a))
        (menu or self.menu).addAction(action)
        self.actions[action_id] = action

    def set_prompt_waiting(self, waiting: bool) -> None:
        """Offer the prompt's answers in the menu while a prompt waits for one."""
        self.respond_menu.menuAction().setVisible(waiting)
        for response in RESPONSES:
            self.actions[f"respond:{response}"].setVisible(waiting)

    def set_paused(self, paused: bool) -> None:
        """Show Resume instead of the Pause submenu while paused."""
        self.pause_menu.menuAction().setVisible(not paused)
        self.actions["resume"].setVisible(paused)

    def set_ready(self, ready: bool) -> None:
        """Grey out actions that need the store until it is open."""
        for key, action in self.actions.items():
            if key != "quit":
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
        self.icon.setToolTip(text)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.activated_plain.emit()


class MainWindow(QWidget):
    """Where no system tray exists: a small window with the same actions."""

    def __init__(self, menu: TrayMenu, parent: QWidget | None = None,
                 gnome: bool = False) -> None:
        super().__init__(parent)
        self._gnome = gnome
        self.setWindowTitle("mlcoach")
        self.setWindowIcon(app_icon())
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.next_label = QLabel()
        layout.addWidget(self.next_label)
        self._menu = menu
        self.buttons: dict[str, QPushButton] = {}
        for key in ("prompt", *(f"respond:{r}" for r in RESPONSES), "capture", "suggest",
                    "reflect", "history", "pause:1h", "resume", "settings", "quit"):
            action = menu.actions[key]
            button = QPushButton()
            button.clicked.connect(action.trigger)
            action.changed.connect(self._sync_buttons)  # a method: disconnected with us
            layout.addWidget(button)
            self.buttons[key] = button
        self.retranslate()
        self._sync_buttons()
        # Grows and shrinks with its buttons (a prompt's answers come and go), so the
        # wrapped text above them is never squeezed.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.status.setFixedWidth(340)

    def _sync_buttons(self) -> None:
        for key, button in self.buttons.items():
            action = self._menu.actions[key]
            button.setEnabled(action.isEnabled())
            button.setVisible(action.isVisible())

    def retranslate(self) -> None:
        """Word the window in the current language."""
        self._menu.retranslate()
        if self._gnome:
            self.status.setText(self.tr(
                "GNOME shows no tray icons, so mlcoach lives in this window and answers "
                "in notifications. Close it to keep mlcoach running; open it again from "
                "the app grid. For a tray icon, turn on the AppIndicator extension."))
        else:
            self.status.setText(self.tr("No system tray was found, so mlcoach lives in this "
                                        "window. Close it to keep mlcoach running in the "
                                        "background; quit from the last button."))
        self.next_label.setAccessibleName(self.tr("Next prompt"))
        for key, button in self.buttons.items():
            label = self._menu.actions[key].text()  # "&&" shows one "&" on a button too
            if key == "pause:1h":
                label = self.tr("Pause prompts for 1 hour")
            button.setText(label)
            name = label.replace("&&", "&").rstrip("…")
            if key.startswith("respond:"):
                name = self.tr("Answer the prompt: %1").replace("%1", name)
            button.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
