"""The prompt and the cards beside it: the prompt shown as a card or an answerable
notification, its answer recorded, the pace offered back, the meeting's preparation kept
as its people are now, each as a notification where a card cannot go, and the cards
placed again when the screens change. A mixin of AppController (ui/app.py), kept apart to
keep that small."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtWidgets import QApplication

from mlcoach.ui import ops
from mlcoach.ui.app_windows import Window
from mlcoach.ui.desktop_shell import ready_signal
from mlcoach.ui.tray import Tray
from mlcoach.ui.upgrade import UpgradeWatch

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtWidgets import QWidget

    from mlcoach.coaching.meeting_prep import Prep
    from mlcoach.coaching.service import Coach, Offer
    from mlcoach.domain.model import PromptEvent
    from mlcoach.ui.action_notice import ActionNotice
    from mlcoach.ui.pace_card import PaceCard
    from mlcoach.ui.prep_card import PrepCard
    from mlcoach.ui.prompt_card import PromptCard
    from mlcoach.ui.prompt_notice import PromptNotice

logger = logging.getLogger("mlcoach.ui.app")  # the log's lines as before the move

# A prompt with no answer by then is missed: the card's ten minutes
# (prompt_card.EXPIRE_MS) and one more.
PROMPT_EXPIRY_MS = 11 * 60 * 1000


class PromptCards:
    """Mixin: the app controller's prompt, its answer, and the cards beside it."""

    coach: Coach | None
    clock: Callable[[], datetime]
    upgrade: UpgradeWatch
    tray: Tray | None
    current_event: PromptEvent | None
    prompt_expiry: QTimer
    _card: PromptCard | None
    _notice: PromptNotice | None
    _side_notices: dict[str, ActionNotice]
    _side_expiry: dict[str, QTimer]
    _prompt_view: tuple[str, str, str, str] | None
    _offer: Offer | None
    _prep: Prep | None
    _prep_card: PrepCard | None
    _prep_person: str
    _pace_card: PaceCard | None

    if TYPE_CHECKING:  # provided by AppController and the other mixins
        def _owner(self) -> QObject: ...
        def arm(self, busy: bool = False) -> None: ...
        def refresh_status(self) -> None: ...
        def card_placeable(self) -> bool: ...
        def settle_frames(self, window: QWidget) -> None: ...
        def take_activation_token(self, token: str) -> None: ...
        def open_window(self, which: Window) -> None: ...
        def open_coach_for(self, name: str) -> None: ...
        def tray_says(self, text: str, timeout_ms: int) -> None: ...
        def _present_prep(self, prep: Prep, now: datetime) -> None: ...
        def write_patiently(self, write: Callable[[], Any],
                            then: Callable[[Any], None] | None = None) -> None: ...

    @property
    def card(self) -> PromptCard:
        """The prompt card, built on first use."""
        if self._card is None:
            from mlcoach.ui.prompt_card import PromptCard

            self._card = PromptCard(placeable=self.card_placeable())
            self._card.responded.connect(self.on_card_response)
            self._card.capture_requested.connect(lambda: self.open_window(Window.CAPTURE))
        return self._card

    @property
    def notice(self) -> PromptNotice:
        """The prompt as an answerable notification (Linux), built on first use."""
        if self._notice is None:
            from mlcoach.ui.notify import shared
            from mlcoach.ui.prompt_notice import PromptNotice

            self._notice = PromptNotice(shared(), self._owner())
            self._notice.responded.connect(self.on_notice_response)
            self._notice.capture_requested.connect(lambda: self.open_window(Window.CAPTURE))
            self._notice.open_requested.connect(self.open_prompt_card)
            self._notice.activation_token.connect(self.take_activation_token)
        return self._notice

    def side_notice(self, purpose: str) -> ActionNotice:
        """The meeting preparation ("prep"), the pace offer ("pace") or the evening's
        reflection ("reflect") as a notification, where a card cannot be placed (Wayland):
        one each, so none replaces another."""
        notice = self._side_notices.get(purpose)
        if notice is None:
            from mlcoach.ui.action_notice import ActionNotice
            from mlcoach.ui.notify import shared

            notice = self._side_notices[purpose] = ActionNotice(shared(), self._owner())
            notice.acted.connect(self._on_side_action)
            notice.activation_token.connect(self.take_activation_token)
        return notice

    def _cards_as_notifications(self) -> bool:
        from mlcoach.ui.notify import route

        return not self.card_placeable() and route() == "freedesktop"

    def _expire_side(self, purpose: str, ms: int) -> None:
        """Take the side notice for `purpose` away in `ms` (started with its time, so a
        wake can take the time asleep off it)."""
        timer = self._side_expiry.get(purpose)
        if timer is None:
            timer = self._side_expiry[purpose] = QTimer(self._owner())
            timer.setSingleShot(True)
            timer.timeout.connect(self.side_notice(purpose).withdraw)
        timer.start(ms)

    def _on_side_action(self, key: str) -> None:
        if key == "reflect":
            self.open_window(Window.REFLECT)
        elif key == "coach":
            self.open_coach_for(self._prep_person)
        elif key == "restore":
            self.restore_pace()

    @property
    def pace_card(self) -> PaceCard:
        """The "Back to N a day?" card, built on first use."""
        if self._pace_card is None:
            from mlcoach.ui.pace_card import PaceCard

            self._pace_card = PaceCard()
            self._pace_card.restore_requested.connect(self.restore_pace)
        return self._pace_card

    def _anchor(self) -> QRect | None:
        return self.tray.icon.geometry() if self.tray is not None else None

    def show_prompt(self, manual: bool) -> None:
        if self.coach is None:
            return
        if manual and self.upgrade.hold("prompt", built=self._card is not None):
            return
        offer = self.coach.offer(self.coach.now(), manual=manual)
        if offer is None:
            return
        self.current_event, self._offer = offer.event, offer
        self._prompt_view = (offer.theme_name, offer.text, offer.try_this, offer.note)
        self.prompt_expiry.start(PROMPT_EXPIRY_MS)
        route = self.coach.settings().notification_route
        placeable = self.card_placeable()
        if placeable and (route in ("card", "both") or self.tray is None):
            self.open_prompt_card()
        if route in ("notification", "both") or not placeable:
            self.send_prompt_notification(offer.theme_name, offer.text)
            if self.tray is not None:
                self.tray.set_state("attention")
        self.refresh_status()
        ready_signal("prompt")
        self.arm()

    def send_prompt_notification(self, title: str, text: str) -> None:
        """Where the freedesktop interface is the route, an answerable notification;
        elsewhere the platform's plain one."""
        from mlcoach.ui.notify import route, send_notification

        if route() == "freedesktop":
            self.notice.show(title, text)
        else:
            send_notification(title, text,
                              tray_icon=self.tray.icon if self.tray is not None else None)

    def open_prompt_card(self) -> None:
        """Show the waiting prompt's card (beside the tray, or where the desktop puts it)."""
        if self.current_event is None or self._prompt_view is None:
            return
        self.settle_frames(self.card)
        self.card.show_prompt(*self._prompt_view, self._anchor())
        self.prompt_expiry.start(PROMPT_EXPIRY_MS)  # opened later: its own ten minutes again
        ready_signal("card")

    def note_follows(self) -> None:
        """A reflection, a moment or a person changed: the cards up say them as they are."""
        self._note_follows()
        self._prep_follows()

    def _note_follows(self) -> None:
        """A reflection, a moment or a person changed: the waiting prompt's note says
        the intention it recalls and the person it names as they are now (on the card, and
        on the card opened again from the tray)."""
        offer, coach = self._offer, self.coach
        if offer is None or coach is None or (offer.recalled is None
                                              and offer.named_id is None):
            return

        def done(now: Offer) -> None:
            if self._offer is not offer or self._prompt_view is None:
                return  # answered or replaced meanwhile
            self._offer = now
            self._prompt_view = (*self._prompt_view[:3], now.note)
            if self._card is not None:
                self._card.set_note(now.note, self._anchor())

        ops.run(lambda: coach.note_now(offer), done,
                lambda exc: logger.warning("the prompt's note was not read again: %s", exc))

    def show_prep(self, busy: bool) -> None:
        """The meeting preparation card, once per meeting, never while presenting."""
        if self.coach is None:
            return
        now = self.coach.now()
        prep = self.coach.take_prep(now, busy=busy)
        if prep is None:
            return
        self._present_prep(prep, now)
        ready_signal("prep")

    def _prep_showing(self) -> bool:
        """The card is up, or its notification still is: one the user dismissed (or
        answered) is never sent again when its people change."""
        if self._prep_card is not None and self._prep_card.isVisible():
            return True
        notice = self._side_notices.get("prep")
        return notice is not None and notice.showing

    def _prep_follows(self) -> None:
        """The preparation card up says its people and their open change as they are
        now: an edit shows, someone deleted leaves it (no one left: it goes)."""
        prep, coach = self._prep, self.coach
        if prep is None or coach is None or not self._prep_showing():
            return

        def done(now: Prep | None) -> None:
            if self._prep is not prep or not self._prep_showing() or now is prep:
                return
            if now is None:
                self._prep = None
                if self._prep_card is not None:
                    self._prep_card.hide()
                if "prep" in self._side_notices:
                    self._side_notices["prep"].withdraw()
                if "prep" in self._side_expiry:
                    self._side_expiry["prep"].stop()
                return
            self._present_prep(now, self.clock())

        ops.run(lambda: coach.prep_now(prep), done,
                lambda exc: logger.warning("the preparation was not read again: %s", exc))

    def on_notice_response(self, response: str) -> None:
        """Answered from the notification: the card (if shown) goes away unanswered."""
        if self._card is not None:
            self._card.withdraw()
        self._record_response(response)

    def _prompt_went_unanswered(self) -> None:
        """The waiting prompt had no answer by the time a card would have expired."""
        if self.current_event is None:
            return
        if self._card is not None:
            self._card.withdraw()
        if self._notice is not None:
            self._notice.withdraw()
        self._record_response("expired")

    def on_card_response(self, response: str) -> None:
        """Answered on the card (or the menu): the notification (if sent) goes away."""
        if self._notice is not None:
            self._notice.withdraw()
        self._record_response(response)

    def _record_response(self, response: str) -> None:
        """Record the answer (waiting its turn while another process writes, the GUI free
        meanwhile); then say the coach's one-off sentence, or offer the pace back."""
        if self.current_event is None or self.coach is None:
            return
        self._prompt_view, self._offer = None, None
        self.prompt_expiry.stop()
        event_id = self.current_event.id
        self.current_event = None
        self.write_patiently(partial(self.coach.respond, event_id, response),
                             partial(self._responded, response))

    def _responded(self, response: str, message: str | None) -> None:
        ready_signal(f"responded:{response}")
        if self.coach is None:
            return
        if self.tray is not None:
            self.tray.set_state("paused" if self.coach.is_paused() else "")
        lowered = self.coach.lowered_pace(self.coach.now())
        if message and lowered is not None and self.coach.restore_offered():
            if self._cards_as_notifications():
                from mlcoach.ui.prompt_card import EXPIRE_MS

                self.side_notice("pace").show(
                    self.pace_card.windowTitle(), message,
                    [("restore", self.pace_card.restore_label(lowered[1]))],
                    timeout_ms=EXPIRE_MS)
            else:
                self.pace_card.show_offer(message, lowered[1], self._anchor())
        elif message and self.tray is not None:
            self.tray_says(message, 8000)
        elif message:  # no tray (GNOME without the extension): the back-off is still said
            from mlcoach.ui.notify import send_notification

            send_notification("mlcoach", message)

    def restore_pace(self) -> None:
        """The user took the full daily count back (tray menu or the pace card)."""
        if self.coach is None:
            return
        self.write_patiently(self.coach.restore_pace, lambda _r: self._pace_restored())

    def _pace_restored(self) -> None:
        if self._pace_card is not None:
            self._pace_card.hide()
        if "pace" in self._side_notices:
            self._side_notices["pace"].withdraw()  # taken back from the tray menu

    def follow_screens(self) -> None:
        """The screens changed (a monitor unplugged, a panel moved, a new scale): what
        is shown goes back whole on a screen that is there, the cards beside the icon."""
        from PySide6.QtCore import Qt

        from mlcoach.ui.widgets.on_screen import keep_on_screen

        anchor = self._anchor()
        cards = [card for card in (self._card, self._prep_card, self._pace_card)
                 if card is not None and card.isVisible()]
        for card in cards:
            card.place(anchor)
        # Every window and dialog (a question asked over a window too), never a menu.
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and window not in cards and window.windowType() in (
                    Qt.WindowType.Window, Qt.WindowType.Dialog):
                keep_on_screen(window)
