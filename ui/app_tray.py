"""The tray and the window that stands in for it: the icon shown where a tray is (or
comes later), the stand-in window where none is, the change when a tray comes or goes,
and a line said from the icon (or calmly, with no tray). A mixin of AppController
(ui/app.py), kept apart to keep that small."""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from mlcoach.ui.desktop_shell import ready_signal
from mlcoach.ui.icons import app_icon
from mlcoach.ui.tray import MainWindow, Tray, TrayMenu

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from mlcoach.store.vault import LightOpened, Opened
    from mlcoach.ui.tray_presence import TrayPresence

logger = logging.getLogger("mlcoach.ui.app")  # the log's lines as before the move


class TrayFollowing:
    """Mixin: where the app shows itself, a tray or the window standing in for it."""

    app: QApplication
    menu: TrayMenu
    tray: Tray | None
    stopped: bool
    tray_presence: TrayPresence | None
    main_window: MainWindow | None
    opened: LightOpened | Opened | None
    notice_box: QMessageBox | None

    if TYPE_CHECKING:  # provided by AppController and DesktopShell
        def on_tray_clicked(self) -> None: ...
        def refresh_status(self) -> None: ...
        def show_main_window(self) -> None: ...
        def _desktop(self) -> str: ...
        def _tray_may_appear(self) -> bool: ...
        def activation(self) -> AbstractContextManager[None]: ...

    def _owner(self) -> QObject:
        """The app controller, as the QObject it is (the parent of what is made here)."""
        return cast("QObject", self)

    def _follow_tray(self) -> None:
        """Follow the tray's comings and goings (a StatusNotifierWatcher on the session
        bus, an XEmbed tray that Qt finds), where nothing was handed in: on the desktops
        that use freedesktop notifications, never offscreen."""
        if self.tray_presence is None and self.app.platformName() not in (
                "offscreen", "minimal"):
            from mlcoach.ui.notify import route, shared
            from mlcoach.ui.tray_presence import TrayPresence

            if route() == "freedesktop":
                self.tray_presence = TrayPresence(shared().bus, parent=self._owner())
        if self.tray_presence is not None:
            self.tray_presence.changed.connect(self._tray_changed)
            self.tray_presence.start()

    def _start_shell(self, tray_wait_ms: int) -> None:
        """The icon where Qt sees a tray as the app starts, then the tray followed (the
        session bus: ~10 ms of imports and a connection the icon does not wait for); else
        the tray followed first, so a tray that comes while the app waits is heard.

        The following starts at once, not once the store has opened: started later, it
        cannot tell that the watcher which took the icon has left since (Qt still says
        there is a tray where an XEmbed one is there too), and a second start said
        "already running in the tray" with no icon shown (tests/integration/
        test_desktop_restarts.py, on a busy machine)."""
        if self.tray_presence is None and self._tray_there():
            self._show_tray()
            self._follow_tray()
            return
        self._follow_tray()
        self._show_shell(tray_wait_ms)

    def _tray_there(self) -> bool:
        """Whether a tray shows the icon now (Qt's answer, less a watcher that left)."""
        if self.tray_presence is not None:
            return self.tray_presence.available()
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _show_shell(self, tray_wait_ms: int) -> None:
        if self.tray is not None or self.stopped:
            return  # a tray came while we waited for one (see _tray_changed), or a quit
        if self._tray_there():
            self._show_tray()
        elif tray_wait_ms > 0 and self._tray_may_appear():
            # Started at login, the panel may not be up yet: look again shortly.
            QTimer.singleShot(500, self._owner(), lambda: self._show_shell(tray_wait_ms - 500))
        else:
            self.main_window = self._new_main_window()
            self.refresh_status()  # the store may have opened while we looked for a tray
            if self.tray_presence is not None:
                self.tray_presence.look_for_one(True)  # a panel slower than our wait
            # Shown once the store is open and the set-up wizard (if any) has closed:
            # never beside the wizard.
            welcome = getattr(self, "welcome", None)
            if self.opened is not None and (welcome is None or not welcome.isVisible()):
                self.show_main_window()

    def _show_tray(self) -> None:
        self.tray = Tray(self.menu, self._owner())
        self.tray.activated_plain.connect(self.on_tray_clicked)
        self.tray.show()
        ready_signal("tray")
        self.refresh_status()  # a tray that came after the store opened: its tooltip

    def _tray_changed(self, there: bool) -> None:
        """A tray came (a panel slower than the start's wait, the AppIndicator extension
        switched on, a panel started again) or went. Come: the icon goes in it, and the
        window that stood in for it goes once the user closes it (never taken from under
        them); from then on closing a window leaves mlcoach in the tray. Gone: a second
        start opens the window that stands in for the tray (see handle_request)."""
        if self.stopped:  # a panel that comes or goes during a quit changes nothing
            return
        if not there:
            if self.main_window is not None:
                self.main_window.tray_changed(False)  # no longer promises the tray
            return
        if self.tray_presence is not None:
            self.tray_presence.look_for_one(False)
        if self.tray is None:
            self._show_tray()
        else:  # the watcher is back: the icon registers with it again
            self.tray.hide()
            self.tray.show()
        window = self.main_window
        if window is None:
            return
        if window.isVisible():
            window.tray_changed(True)  # retired once the user closes it
        else:
            self._retire_main_window()

    def _new_main_window(self) -> MainWindow:
        """The window that stands in for the tray; closed while a tray holds the icon,
        it goes (_retire_main_window)."""
        window = MainWindow(self.menu, gnome=self._desktop() == "gnome")
        window.hidden.connect(self._retire_main_window)
        return window

    def _retire_main_window(self) -> None:
        """The tray holds mlcoach now: the stand-in window is no longer needed."""
        window = self.main_window
        if window is None or window.isVisible() or self.tray is None or not self._tray_there():
            return
        self.main_window = None
        window.deleteLater()

    def _stand_in_for_the_tray(self) -> None:
        """The panel holding the icon went away (its extension switched off, a panel that
        quit): started again from the menu, the app opens the window that stands in for
        the tray instead of saying it runs in a tray no one can see."""
        logger.info("the system tray is gone: the window stands in for it")
        if self.main_window is None:
            self.main_window = self._new_main_window()
            self.refresh_status()
        welcome = getattr(self, "welcome", None)
        if self.opened is None or (welcome is not None and welcome.isVisible()):
            return  # shown once the store is open and the wizard closed, never beside it
        with self.activation():
            self.show_main_window()
            self.main_window.activateWindow()

    def tray_says(self, text: str, timeout_ms: int) -> None:
        """A line from the tray icon. On freedesktop desktops it goes as a notification on
        the app's own bus connection, whose calls have a deadline: Qt's showMessage on a
        StatusNotifierItem makes a blocking call, and with plasmashell gone D-Bus holds it
        while it starts Plasma's server (plasma_waitforname), ~25 s of a frozen app. With
        an XEmbed tray and no notification server, Qt's own bubble by the icon says it."""
        tray = self.tray
        if tray is None:
            return
        from mlcoach.ui.notify import route, shared

        if route() != "freedesktop":
            tray.icon.showMessage("mlcoach", text, app_icon(), timeout_ms)
            return

        def sent(notification_id: int) -> None:
            through_bus = self.tray_presence is None or self.tray_presence.through_the_bus()
            if not notification_id and self.tray is tray and not through_bus:
                tray.icon.showMessage("mlcoach", text, app_icon(), timeout_ms)

        shared().notify("mlcoach", text, sent=sent, timeout_ms=timeout_ms)

    def say_calmly(self, text: str) -> None:
        """One line where the user will see it, taking no focus."""
        if self.tray is not None:
            self.tray_says(text, 10000)
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from mlcoach.ui.widgets import message_box

        box = message_box.notice(QMessageBox.Icon.Information, text, self.main_window)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        box.show()
        self.notice_box = box
