"""A notification that waits for an answer, sent again when the server that held it goes.

A notification server that restarts (plasmashell, GNOME Shell on X11, dunst killed)
takes what it showed with it, and one that comes after a send failed never had it: the
prompt and the cards' notices are shown anew there, still waiting (docs/reliability.md
§17).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from mlcoach.ui.notify import Notifications

#: A notice whose server went is sent again after this (the call may start a server, as
#: D-Bus starts dunst; Plasma's waits for plasmashell).
RESEND_AFTER_MS = 3000
#: Sends again to one server, at most (a send failed, or the server has not said yet).
MAX_RESENDS = 3
#: Servers that had the notice (took it, or went while handling it) and went: up to this
#: many it is sent again; one more and it is not, so a notification that crashes its
#: server is not sent to it for ever. Sends that failed while no server was there
#: (Plasma's plasma_waitforname holding them) do not count.
MAX_LOST = 3


def resend_now(old: str, new: str, delivered: bool) -> bool | None:
    """After the server changed, for a notice still waiting: True to send it again now
    (a new server, or one that came after the send failed), None to send it again in
    RESEND_AFTER_MS (the server went and none is there yet), False to leave it."""
    if not new:
        return None
    return bool(old) or not delivered


class WaitingNotice(QObject):
    """The sending state of one notice, and its re-sending after the server changed.

    Subclasses say whether something waits to be shown (`_held`) and send it
    (`_send_held`), keeping `current`, `_in_flight` and `_delivered` up to date.

    Signals:
        activation_token(str): the server's token for the window a click on the shown
            notification opens.
    """

    activation_token = Signal(str)

    def __init__(self, notifications: Notifications, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifications = notifications
        # Where what is held stands: shown (its id), on its way, or taken by a server.
        self.current = 0  # the shown notification's id (0: none)
        self._in_flight = False  # sent, its id not known yet
        self._delivered = False  # a server took what is held
        # How often it went again, counted against MAX_RESENDS and MAX_LOST.
        self._resends = 0  # of what is held, to the present server
        self._lost = 0  # servers that had what is held and went
        # The send on its way, while the server's capabilities (buttons or not) are asked.
        self._asks = 0  # which send a capabilities answer belongs to
        self._came_in_flight = False  # a server came while it was on its way
        self._replacing = 0  # a copy without buttons the next send replaces in place
        self._resend_timer = QTimer(self)
        self._resend_timer.setSingleShot(True)
        self._resend_timer.timeout.connect(self._send_again)
        notifications.server_changed.connect(self._on_server_changed)
        notifications.activation_token.connect(self._on_token)

    def _on_token(self, notification_id: int, token: str) -> None:
        if notification_id and notification_id == self.current and token:
            self.activation_token.emit(token)

    def _held(self) -> bool:
        raise NotImplementedError

    def _send_held(self) -> None:
        raise NotImplementedError

    def _start_anew(self) -> None:
        """A new notice replaces the old: its counts start again."""
        self._resends = self._lost = self._replacing = 0

    def _take_replacing(self) -> int:
        """The id the send now going replaces (0: none); asked once per send."""
        replacing, self._replacing = self._replacing, 0
        return replacing

    def _stop_resending(self) -> None:
        self._resend_timer.stop()

    def _on_server_changed(self, old: str, new: str) -> None:
        if old and old != new and self._held() and (self._delivered or self._in_flight):
            self._lost += 1  # the server that had it went (perhaps crashed by it)
        if new and new != old:
            self._resends = 0  # a new server: a few tries of its own
        if old != new:
            self._replacing = 0  # an id of the server that went means nothing to the next
        if self._in_flight and new:
            self._came_in_flight = True  # its buttons were perhaps decided before it
        if not self._held() or self._in_flight:
            return  # nothing waits, or the send in flight reaches the new server
        if old and old == new and self.current:  # our connection was opened again:
            self.notifications.close(self.current)  # its buttons answer nobody now
        if old:
            self.current, self._delivered = 0, False
        now = resend_now(old, new, self._delivered)
        if now is None:
            self._resend_timer.start(RESEND_AFTER_MS)
        elif now:
            self._send_again()

    def _with_buttons(self, send: Callable[[bool], None]) -> bool | None:
        """Run `send(actionable)` once it is known whether the server shows buttons: now
        when known (returning it), else when the server has said (None now). Never waits
        on the bus: D-Bus holds a call while it starts a server, and the UI would freeze."""
        self._came_in_flight = False
        actionable = self.notifications.supports_actions()
        if actionable is not None:
            send(actionable)
            return actionable
        self._in_flight = True  # on its way: a server that comes meanwhile is asked
        self._asks += 1
        self.notifications.ask_capabilities(partial(self._capabilities_came, self._asks, send))
        return None

    def _capabilities_came(self, ask: int, send: Callable[[bool], None]) -> None:
        if ask != self._asks or not self._in_flight:  # withdrawn or replaced since
            return
        self._in_flight = False
        caps = self.notifications.capabilities
        if caps is None and self._server_not_ready():
            return
        send(caps is not None and "actions" in caps)

    def _server_not_ready(self) -> bool:
        """Whether a server owns the name but did not answer for its capabilities (one
        that has just taken it: GNOME Shell replaced on X11). What is held then goes a
        moment later, with its buttons, not now without them (the last time, as it is)."""
        if self.notifications.server_present() and self._resends < MAX_RESENDS:
            self._send_failed()
            return True
        return False

    def _buttons_missed(self, notification_id: int) -> bool:
        """Whether a notice sent without buttons for want of a server reached one that came
        meanwhile (which may show them): then it is sent again as that server can,
        replacing the copy in place (no flash; within MAX_RESENDS)."""
        if not notification_id or not self._came_in_flight or self._resends >= MAX_RESENDS:
            return False
        self._replacing = notification_id
        self.current, self._delivered = 0, False
        self._send_again()
        return True

    def _send_failed(self) -> None:
        """A send of what is held failed with a server there: one that has just taken
        the name may not serve it yet (GNOME Shell replaced on X11). Sent again after
        RESEND_AFTER_MS (within MAX_RESENDS for that server)."""
        if self._held() and self.notifications.server_present():
            self._resend_timer.start(RESEND_AFTER_MS)

    def _send_again(self) -> None:
        if not self._held() or self._in_flight or self._delivered \
                or self._resends >= MAX_RESENDS or self._lost > MAX_LOST:
            return
        self._resends += 1
        self._resend_timer.stop()
        self._send_held()
