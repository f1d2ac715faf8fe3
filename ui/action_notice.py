"""A card's message as a notification with its buttons, where a card cannot be placed.

On Wayland a window cannot choose its place: the meeting preparation and the "back to N
a day" offer would open as bare windows in the middle of the screen, and the app cannot
see that the user is presenting there. The notification server shows them where
notifications go and holds them while Do Not Disturb is on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from mlcoach.ui.notify import Notifications
from mlcoach.ui.waiting_notice import WaitingNotice

logger = logging.getLogger(__name__)


class ActionNotice(WaitingNotice):
    """One notification at a time; reports which of its buttons was chosen.

    Signals:
        acted(str): the key of the button chosen (not "default", the body's click).
    """

    acted = Signal(str)

    def __init__(self, notifications: Notifications, parent: QObject | None = None) -> None:
        super().__init__(notifications, parent)
        self.keys: tuple[str, ...] = ()  # its buttons' keys
        self._sent_count = 0  # which show() a server's answer belongs to
        self._shown: tuple[str, str, tuple[tuple[str, str], ...], int, bool] | None = None
        notifications.action_invoked.connect(self._on_action)
        notifications.closed.connect(self._on_closed)

    def show(self, title: str, text: str, actions: Sequence[tuple[str, str]],
             timeout_ms: int, private: bool = False) -> None:
        """Replace what this notice showed with `title` and `text`; the buttons only where
        the server shows buttons (the tray menu remains the other way to act). A
        `private` text (colleagues' names and notes) goes as a transient notification."""
        self.withdraw()
        self._start_anew()
        self._send(title, text, tuple(actions), timeout_ms, private)

    def _send(self, title: str, text: str, actions: tuple[tuple[str, str], ...],
              timeout_ms: int, private: bool) -> None:
        self.keys = tuple(key for key, _label in actions)
        self._shown, self._delivered = (title, text, actions, timeout_ms, private), False

        def send(actionable: bool) -> None:
            self._in_flight = True
            self._sent_count += 1
            call = self._sent_count
            buttons = bool(actionable and actions)
            self.notifications.notify(title, text, list(actions) if buttons else [],
                                      sent=lambda nid: self._on_sent(nid, call, buttons),
                                      replaces=self._take_replacing(),
                                      timeout_ms=timeout_ms, transient=private)

        if actions:
            self._with_buttons(send)
        else:
            send(False)  # no buttons to show: nothing to ask the server

    @property
    def showing(self) -> bool:
        """Shown or on its way, and neither answered, dismissed, expired nor withdrawn."""
        return self._shown is not None

    def withdraw(self) -> None:
        """Take the notification away (its moment has passed)."""
        old, self.current, self._in_flight, self.keys = self.current, 0, False, ()
        self._shown = None
        self._stop_resending()
        if old:
            self.notifications.close(old)

    def _on_sent(self, notification_id: int, call: int, buttons: bool) -> None:
        if not self._in_flight or call != self._sent_count:  # withdrawn or replaced since
            if notification_id:
                self.notifications.close(notification_id)
            return
        self._in_flight = False
        if not buttons and self.keys and self._buttons_missed(notification_id):
            return
        self.current = notification_id
        self._delivered = bool(notification_id)
        if not notification_id:
            self._send_failed()

    def _held(self) -> bool:
        return self._shown is not None

    def _send_held(self) -> None:
        if self._shown is not None:
            self._send(*self._shown)

    def _on_action(self, notification_id: int, key: str) -> None:
        if not notification_id or notification_id != self.current:
            return  # another notification's
        self.current, self.keys, self._shown = 0, (), None
        self.notifications.close(notification_id)  # servers that keep it after a click
        if key != "default":
            self.acted.emit(key)

    def _on_closed(self, notification_id: int, _reason: int) -> None:
        if notification_id and notification_id == self.current:
            self.current, self.keys, self._shown = 0, (), None
