"""A prompt as a notification you can answer: Done, Later, Skip, Capture… buttons.

Where the server shows no buttons the notification only tells; the prompt then waits
in the tray menu (or the app's window) for an answer.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject, Signal

from mlcoach.ui.notify import CLOSED_BY_CALL, Notifications
from mlcoach.ui.waiting_notice import WaitingNotice

logger = logging.getLogger(__name__)

# How long an unanswered prompt waits (as long as the card does).
EXPIRE_MS = 10 * 60 * 1000


class PromptNotice(WaitingNotice):
    """Sends the waiting prompt as a notification and reports the answer.

    Signals:
        responded(str): done | snoozed | skipped | expired, as the card reports them.
        capture_requested(): Capture… was chosen (after a "done" response).
        open_requested(): the notification's body was clicked.
    """

    responded = Signal(str)
    capture_requested = Signal()
    open_requested = Signal()

    def __init__(self, notifications: Notifications, parent: QObject | None = None) -> None:
        super().__init__(notifications, parent)
        self._prompt: tuple[str, str] | None = None  # the unanswered prompt sent
        notifications.action_invoked.connect(self._on_action)
        notifications.closed.connect(self._on_closed)

    def _actions(self) -> list[tuple[str, str]]:
        return [("default", self.tr("Open")), ("done", self.tr("Done")),
                ("snoozed", self.tr("Later")), ("skipped", self.tr("Skip")),
                ("capture", self.tr("Capture…"))]

    def show(self, title: str, text: str) -> bool | None:
        """Send the prompt; False when the server cannot show buttons (it only tells),
        None while that is not known (it is sent once the server has said)."""
        self.withdraw()
        self._start_anew()
        return self._send(title, text)

    def _send(self, title: str, text: str) -> bool | None:
        self._prompt, self._delivered = (title, text), False
        return self._with_buttons(partial(self._notify, title, text))

    def _notify(self, title: str, text: str, actionable: bool) -> None:
        self._in_flight = True
        self.notifications.notify(title, text, self._actions() if actionable else (),
                                  sent=partial(self._on_sent, actionable),
                                  replaces=self._take_replacing(),
                                  timeout_ms=EXPIRE_MS if actionable else 20_000,
                                  resident=False)

    def withdraw(self) -> None:
        """The prompt was answered elsewhere (the card, the menu): take it away."""
        old, self.current, self._in_flight, self._prompt = self.current, 0, False, None
        self._stop_resending()
        if old:
            self.notifications.close(old)

    def _on_sent(self, actionable: bool, notification_id: int) -> None:
        if not self._in_flight:  # answered or withdrawn before the server replied
            if notification_id and actionable:
                self.notifications.close(notification_id)
            return
        self._in_flight = False
        self._delivered = bool(notification_id)
        if not notification_id:
            self._send_failed()
        if actionable:
            self.current = notification_id
            if notification_id:  # else notify() said why not
                logger.info("prompt sent as notification %d", notification_id)
        elif self._buttons_missed(notification_id):
            return
        elif notification_id:
            self._prompt = None  # it only told, and the tray menu holds the prompt

    def _held(self) -> bool:
        return self._prompt is not None

    def _send_held(self) -> None:
        if self._prompt is not None:
            self._send(*self._prompt)

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
