"""A prompt as a notification you can answer: Done, Later, Skip, Capture… buttons.

Where the server shows no buttons the notification only tells; the prompt then waits
in the tray menu (or the app's window) for an answer.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from mlcoach.ui.notify import (
    CLOSED_BY_CALL,
    MAX_RESENDS,
    RESEND_AFTER_MS,
    Notifications,
    resend_now,
)

logger = logging.getLogger(__name__)

# How long an unanswered prompt waits (as long as the card does).
EXPIRE_MS = 10 * 60 * 1000


class PromptNotice(QObject):
    """Sends the waiting prompt as a notification and reports the answer.

    Signals:
        responded(str): done | snoozed | skipped | expired, as the card reports them.
        capture_requested(): Capture… was chosen (after a "done" response).
        open_requested(): the notification's body was clicked.
        activation_token(str): the server's token for the window a click opens.
    """

    responded = Signal(str)
    activation_token = Signal(str)
    capture_requested = Signal()
    open_requested = Signal()

    def __init__(self, notifications: Notifications, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifications = notifications
        self.current = 0  # the waiting prompt's notification id (0: none)
        self._waiting = False  # sent, id not known yet
        self._answered_early: str | None = None
        self._prompt: tuple[str, str] | None = None  # the unanswered prompt sent
        self._delivered = False  # a server took it
        self._resends = 0  # of this prompt, after its server changed
        self._resend_timer = QTimer(self)
        self._resend_timer.setSingleShot(True)
        self._resend_timer.timeout.connect(self._send_again)
        notifications.action_invoked.connect(self._on_action)
        notifications.closed.connect(self._on_closed)
        notifications.activation_token.connect(self._on_token)
        notifications.server_changed.connect(self._on_server_changed)

    def _actions(self) -> list[tuple[str, str]]:
        return [("default", self.tr("Open")), ("done", self.tr("Done")),
                ("snoozed", self.tr("Later")), ("skipped", self.tr("Skip")),
                ("capture", self.tr("Capture…"))]

    def show(self, title: str, text: str) -> bool:
        """Send the prompt; False when the server cannot show buttons (it only tells)."""
        self.withdraw()
        self._resends = 0
        return self._send(title, text)

    def _send(self, title: str, text: str) -> bool:
        actionable = self.notifications.supports_actions()
        self._prompt, self._delivered = (title, text), False
        self._waiting = True
        self.notifications.notify(title, text, self._actions() if actionable else (),
                                  sent=partial(self._on_sent, actionable),
                                  timeout_ms=EXPIRE_MS if actionable else 20_000,
                                  resident=False)
        return actionable

    def withdraw(self) -> None:
        """The prompt was answered elsewhere (the card, the menu): take it away."""
        old, self.current, self._waiting, self._prompt = self.current, 0, False, None
        self._resend_timer.stop()
        if old:
            self.notifications.close(old)

    def _on_sent(self, actionable: bool, notification_id: int) -> None:
        if not self._waiting:  # answered or withdrawn before the server replied
            if notification_id and actionable:
                self.notifications.close(notification_id)
            return
        self._waiting = False
        self._delivered = bool(notification_id)
        if actionable:
            self.current = notification_id
            logger.info("prompt sent as notification %d", notification_id)
        elif notification_id:
            self._prompt = None  # it only told, and the tray menu holds the prompt

    def _on_server_changed(self, old: str, new: str) -> None:
        """A server that restarted (or crashed) took the unanswered prompt with it; one
        that came after a send failed never had it: it is sent again, still waiting."""
        if self._prompt is None or self._waiting:
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

    def _send_again(self) -> None:
        if self._prompt is None or self._waiting or self._delivered \
                or self._resends >= MAX_RESENDS:
            return
        self._resends += 1
        self._resend_timer.stop()
        self._send(*self._prompt)

    def _on_token(self, notification_id: int, token: str) -> None:
        if notification_id and notification_id == self.current and token:
            self.activation_token.emit(token)

    def _on_action(self, notification_id: int, key: str) -> None:
        if not notification_id or notification_id != self.current:
            return  # another app's notification, or an old prompt
        # Most servers drop a notification once it is clicked; a click on its body
        # hands the prompt to the card.
        self.current, self._prompt = 0, None
        if key == "default":
            self.open_requested.emit()  # the answer comes from the card
            return
        self.notifications.close(notification_id)  # servers that keep it after a click
        if key == "capture":
            self.responded.emit("done")
            self.capture_requested.emit()
        elif key in ("done", "snoozed", "skipped"):
            self.responded.emit(key)
        else:
            logger.warning("ignored unknown notification action %r", key)

    def _on_closed(self, notification_id: int, reason: int) -> None:
        if not notification_id or notification_id != self.current:
            return
        self.current, self._prompt = 0, None
        if reason != CLOSED_BY_CALL:  # expired or dismissed without an answer
            self.responded.emit("expired")
