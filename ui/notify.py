"""OS notifications, each platform through something that speaks its own API.

* Linux and other freedesktop systems: the Notifications interface over the app's own
  session-bus connection, with action buttons a prompt can be answered from.
* Windows: plyer's public ``notification.notify`` (Shell_NotifyIcon through ctypes: a
  toast on Windows 10/11), with the app's .ico.
* macOS: Qt's own ``QSystemTrayIcon.showMessage`` (the Cocoa plugin posts it to the
  Notification Center); plyer needs pyobjus there, which has no wheels.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from mlcoach.system.paths import APP_ID, APP_NAME
from mlcoach.ui import ops
from mlcoach.ui.icons import icons_dir
from mlcoach.ui.session_bus import SessionBus

logger = logging.getLogger(__name__)

TIMEOUT_S = 20
ICON_SIZE = 128  # sharp on HiDPI; servers scale it down
SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
#: NotificationClosed reasons (freedesktop spec): 1 expired, 2 dismissed, 3 closed by call.
CLOSED_EXPIRED, CLOSED_DISMISSED, CLOSED_BY_CALL = 1, 2, 3
#: Plasma refuses a notification whose app, title and text match one it took less than
#: a second before; sent again once after this.
TOO_SOON = "ExcessNotificationGeneration"
TOO_SOON_RETRY_MS = 1500


def notification_icon(platform: str | None = None) -> str:
    """The icon file handed to the OS, or "" when this platform has none to use."""
    name = sys.platform if platform is None else platform
    if name == "win32":
        # plyer's balloon tip loads an .ico only (scripts/make_ico.py writes it).
        icon = icons_dir() / f"{APP_ID}.ico"
    elif name == "darwin":
        return ""  # macOS always shows the bundle's own icon
    else:
        icon = icons_dir() / "hicolor" / f"{ICON_SIZE}x{ICON_SIZE}" / "apps" / f"{APP_ID}.png"
    return str(icon) if Path(icon).is_file() else ""


def notify_body(title: str, message: str, actions: Sequence[tuple[str, str]] = (),
                replaces: int = 0, timeout_ms: int = TIMEOUT_S * 1000,
                resident: bool = False, transient: bool = False) -> tuple[Any, ...]:
    """The arguments of org.freedesktop.Notifications.Notify, signature susssasa{sv}i.

    The desktop-entry hint ties the notification to the installed app (its icon and
    name in GNOME's and KDE's lists); a resident notification stays after a click; a
    transient one is shown and not kept (GNOME's list and lock screen, KDE's history).
    """
    flat: list[str] = []
    for key, label in actions:
        flat += [key, label]
    hints: dict[str, tuple[str, Any]] = {"desktop-entry": ("s", APP_ID)}
    if resident:
        hints["resident"] = ("b", True)
    if transient:
        hints["transient"] = ("b", True)
    return (APP_NAME, replaces, notification_icon("linux"), title, message, flat, hints,
            timeout_ms)


class Notifications(QObject):
    """The desktop's notification server, reached over our own session-bus connection.

    Signals:
        action_invoked(int, str): a notification's button (or its body, key "default").
        closed(int, int): a notification went away; the reason per the spec.
        activation_token(int, str): the token a click gave (KDE sends it before the
            action), so the window the action opens may take the front on Wayland.
        server_changed(str, str): the server went away or another took its place (old
            and new unique names, "" for none): what the old one showed is gone. Old
            and new the same: the app's own connection was opened again, and a server
            that answers only the connection that sent a notification (KDE) no longer
            answers for what is shown.

    Signals count only from the server that owns the name now: one that restarted
    (plasmashell, dunst, GNOME Shell on X11) numbers its notifications from 1 again.
    """

    action_invoked = Signal(int, str)
    closed = Signal(int, int)
    activation_token = Signal(int, str)
    server_changed = Signal(str, str)

    def __init__(self, bus: SessionBus | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus or SessionBus(self)
        self._watching = False
        self._following = False
        self._owner_changes = 0  # a capabilities answer from before a change is not kept
        self.capabilities: frozenset[str] | None = None  # None until the server answered
        self._asking: int | None = None  # the server asked for them (its _owner_changes)
        self._waiting: list[Callable[[], None]] = []  # to run once they are answered

    def _address(self) -> Any:
        from jeepney import DBusAddress

        return DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)

    def _follow(self) -> None:
        """Follow the server's comings and goings (before the first call to it)."""
        if not self._following:
            self._following = True
            self.bus.watch_owner(SERVICE, self._on_owner_changed)
            self.bus.reconnected.connect(self._on_reconnected)

    def _on_owner_changed(self, old: str, new: str) -> None:
        logger.info("notification server changed: %r -> %r", old, new)
        self._owner_changes += 1
        if new:  # another server may offer other things; none: the last one's stand
            self.capabilities = None
            self.ask_capabilities()  # before the notices send to it: they wait for this
        self.server_changed.emit(old, new)

    def _on_reconnected(self) -> None:
        owner = self.bus.owner(SERVICE)
        if owner:
            self.server_changed.emit(owner, owner)

    def _watch(self) -> None:
        if self._watching:
            return
        self._watching = True
        self._follow()
        self.bus.on_signal(SERVICE, "ActionInvoked",
                           lambda body: self.action_invoked.emit(int(body[0]), str(body[1])),
                           rule_path=PATH, owner_of=SERVICE)
        self.bus.on_signal(SERVICE, "ActivationToken",
                           lambda body: self.activation_token.emit(int(body[0]), str(body[1])),
                           rule_path=PATH, owner_of=SERVICE)
        self.bus.on_signal(SERVICE, "NotificationClosed",
                           lambda body: self.closed.emit(int(body[0]), int(body[1])),
                           rule_path=PATH, owner_of=SERVICE)

    def ask_capabilities(self, then: Callable[[], None] | None = None) -> None:
        """Ask the server what it offers, without waiting for it: D-Bus holds the call
        while it starts a server (Plasma's waits for plasmashell), and a blocking call
        would freeze the app meanwhile. `then()` runs once the answer or its failure is
        in; `capabilities` then holds it (None: a server owns the name but did not say)."""
        from jeepney import new_method_call

        if then is not None:
            self._waiting.append(then)
        if self._asking == self._owner_changes:
            return  # this server is being asked: its answer runs `then`
        self._follow()  # a server that comes later is asked again
        asked = self._asking = self._owner_changes
        self.bus.call(new_method_call(self._address(), "GetCapabilities"),
                      partial(self._capabilities_answer, asked),
                      partial(self._capabilities_failed, asked))

    def _capabilities_answer(self, asked: int, body: Any) -> None:
        found = frozenset(str(c) for c in body[0]) if body else frozenset()
        self._settle(asked, found)

    def _capabilities_failed(self, asked: int, why: str) -> None:
        logger.info("no notification server: %s", why)
        # A server that owns the name may not serve it yet (GNOME Shell replaced on X11):
        # asked again next time, not taken as one without buttons.
        self._settle(asked, None if self.server_present() else frozenset())

    def _settle(self, asked: int, found: frozenset[str] | None) -> None:
        if asked != self._owner_changes:  # a server came or went meanwhile: not kept
            if self._asking != asked:
                return  # the new server is being asked; its answer runs the waiting
        else:
            self.capabilities = found
        self._asking = None
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def server_present(self) -> bool:
        """Whether a server owns the name, as last heard."""
        return bool(self.bus.owner(SERVICE))

    def supports_actions(self) -> bool | None:
        """True when the server shows buttons (dunst, GNOME, KDE; not every server); None
        while that is not known: asked then (see ask_capabilities), never waited for."""
        if self.capabilities is None:
            self.ask_capabilities()
            return None
        return "actions" in self.capabilities

    def notify(self, title: str, message: str, actions: Sequence[tuple[str, str]] = (),
               sent: Callable[[int], None] | None = None, replaces: int = 0,
               timeout_ms: int = TIMEOUT_S * 1000, resident: bool = False,
               transient: bool = False) -> None:
        """Show a notification; `sent(id)` runs once the server has it (id 0: it failed).

        Args:
            transient: what it says is private (colleagues' names and notes): servers
                that keep a history or a lock-screen list keep no copy of it.
        """
        from jeepney import new_method_call

        self._follow()
        if actions:
            self._watch()  # before the notification exists, so no click is missed
        if self.capabilities is not None and "body-markup" in self.capabilities:
            import html  # here: html.entities is large, and most runs never need it

            message = html.escape(message, quote=False)  # a name with < or & stays text
        msg = new_method_call(self._address(), "Notify", "susssasa{sv}i",
                              notify_body(title, message, actions, replaces, timeout_ms,
                                          resident, transient))

        retried = False

        def failed(why: str) -> None:
            nonlocal retried
            if TOO_SOON in why and not retried:  # the same text just before: a late copy
                retried = True                   # taken away, or a restarted server's
                logger.info("notification refused as too soon; sent again shortly")
                QTimer.singleShot(TOO_SOON_RETRY_MS, self, send)
                return
            logger.warning("notification not shown: %s", why)
            if sent is not None:
                sent(0)

        def shown_late(body: Any) -> None:
            # Its caller took it for not shown and sends it again when a server comes
            # (a server D-Bus was starting got it late, perhaps without its buttons):
            # the copy would show twice, and no click on this one would answer.
            nid = int(body[0]) if body and isinstance(body[0], int) else 0
            if nid:
                logger.info("notification %d shown after its deadline: taken away", nid)
                self.close(nid)

        def send() -> None:
            self.bus.call(msg, lambda body: sent(int(body[0])) if sent else None, failed,
                          late=shown_late if sent is not None else None)

        send()

    def close(self, notification_id: int) -> None:
        """Take a notification away (a prompt answered elsewhere)."""
        from jeepney import new_method_call

        if notification_id:
            self.bus.call(new_method_call(self._address(), "CloseNotification", "u",
                                          (notification_id,)),
                          lambda _b: None, lambda why: logger.info("close failed: %s", why))


_shared: Notifications | None = None


def shared() -> Notifications:
    """The app's one Notifications object (and its bus connection)."""
    global _shared
    if _shared is None:
        _shared = Notifications()
    return _shared


def route(platform: str | None = None) -> str:
    """Which way a notification goes here: "tray" (macOS), "plyer-public" (Windows) or
    "freedesktop" (everything else)."""
    name = sys.platform if platform is None else platform
    if name == "darwin":
        return "tray"
    if name == "win32":
        return "plyer-public"
    return "freedesktop"


def send_notification(title: str, message: str, *, tray_icon: QSystemTrayIcon | None = None,
                      platform: str | None = None) -> None:
    """Show a notification with the app's name and icon; failures are only logged."""
    way = route(platform)
    if way == "tray":
        if tray_icon is None:
            logger.warning("notification not shown: no tray icon to post it from")
            return
        tray_icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.NoIcon,
                              TIMEOUT_S * 1000)
        return
    if way == "freedesktop":
        shared().notify(title, message)
        return
    icon = notification_icon(platform)

    def work() -> None:
        from plyer import notification

        notification.notify(title=title, message=message, app_name=APP_NAME,
                            app_icon=icon, timeout=TIMEOUT_S)

    # Beside the store's work, and not waited for at quit: plyer's Windows balloon
    # sleeps its whole time on screen before it returns.
    ops.run(work, lambda _r: None,
            lambda exc: logger.warning("notification not shown: %s", exc),
            on=ops.asking_pool())
