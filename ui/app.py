"""The desktop app: tray icon first, then the store, then the windows, wired by constructor."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from mlcoach.domain.errors import StoreUnavailableError
from mlcoach.system.install_stamp import CodeChangedError
from mlcoach.ui import ops
from mlcoach.ui.app_prompts import PROMPT_EXPIRY_MS as PROMPT_EXPIRY_MS
from mlcoach.ui.app_prompts import PromptCards
from mlcoach.ui.app_quit import Quitting
from mlcoach.ui.app_schedule import MAX_WAIT_MS as MAX_WAIT_MS
from mlcoach.ui.app_schedule import RETRY_WAIT_MS as RETRY_WAIT_MS
from mlcoach.ui.app_schedule import PromptSchedule
from mlcoach.ui.app_tray import TrayFollowing
from mlcoach.ui.app_windows import Window, WindowFactories
from mlcoach.ui.desktop_shell import DesktopShell, ready_signal
from mlcoach.ui.instance_server import InstanceServer
from mlcoach.ui.memory import release_freed_memory
from mlcoach.ui.sleep_watch import SleepWatch
from mlcoach.ui.tray import Action, MainWindow, Tray, TrayMenu
from mlcoach.ui.upgrade import QUIET, UpgradeWatch

if TYPE_CHECKING:  # the windows load when first opened, never before the tray icon
    from datetime import date, datetime, tzinfo

    from PySide6.QtWidgets import QMessageBox

    from mlcoach.coaching.meeting_cache import MeetingCache
    from mlcoach.coaching.meeting_prep import Prep
    from mlcoach.coaching.service import Coach, Offer
    from mlcoach.domain.model import Moment, PromptEvent
    from mlcoach.store.vault import LightOpened, Opened
    from mlcoach.system.install_stamp import InstallStamp
    from mlcoach.system.instance import HandedMoment
    from mlcoach.ui.action_notice import ActionNotice
    from mlcoach.ui.attention import BusyLook
    from mlcoach.ui.pace_card import PaceCard
    from mlcoach.ui.prep_card import PrepCard
    from mlcoach.ui.prompt_card import PromptCard
    from mlcoach.ui.prompt_notice import PromptNotice
    from mlcoach.ui.tray_presence import TrayPresence
    from mlcoach.ui.wake import SleepSignals
    from mlcoach.ui.widgets.on_screen import ScreenChanges

logger = logging.getLogger(__name__)

T = TypeVar("T")

TRAY_HINT_KEY = "gnome_tray_hint_shown"  # the AppIndicator hint was given once
# The program the menu entry was last tended for: a later start of that same install
# writes no entry the user deleted; another install (the .deb removed, pipx now) does.
MENU_ENTRY_KEY = "menu_entry_program"
BACKUP_DELAY_MS = 5000  # the daily check and backup wait until start-up is over
# A handed-over capture waits this long for another writer on the GUI thread; then the
# shell, which can wait without freezing anything, writes the moment itself.
HANDOVER_WAIT_MS = 1000


def _now_utc() -> datetime:
    from mlcoach.system.clock import now_utc  # clock imports zoneinfo: not before the icon

    return now_utc()


def _local_zone() -> tzinfo:
    from mlcoach.system.clock import local_zone

    return local_zone()


def _boot_clock() -> float:
    from mlcoach.system.boot_clock import boot_clock  # not the coach: it loads its content

    return boot_clock()


# The reflection offered as a notification stays this long (the offer lasts two hours).
REFLECTION_NOTICE_MS = 2 * 60 * 60 * 1000


class AppController(QObject, DesktopShell, WindowFactories, TrayFollowing, Quitting,
                    PromptSchedule, PromptCards):
    """Owns the tray, the store and every window; reacts to menu actions and requests."""

    def __init__(self, app: QApplication, data_root: Path, server: InstanceServer, *,
                 clock: Callable[[], datetime] | None = None,
                 tz: Callable[[], tzinfo] | None = None,
                 busy: Callable[[], bool] | None = None,
                 real_clock: Callable[[], float] | None = None,
                 steady_clock: Callable[[], float] = time.monotonic,
                 stamp: InstallStamp | None = None,
                 tray_presence: TrayPresence | None = None) -> None:
        """Args: real_clock: seconds counting suspend (boot time); steady_clock: not counting
        it; stamp: the installed code at start (None: an upgrade is never looked for);
        tray_presence: follows the tray (None: the session bus's, where there is one)."""
        super().__init__()
        self.clock = clock or _now_utc
        self.tz = tz or _local_zone
        self._busy = busy
        self._busy_look: BusyLook | None = None  # made at the first look
        self._real_clock = real_clock
        self._sleep = SleepWatch(real_clock or _boot_clock, steady_clock)
        self.app = app
        self.data_root = data_root
        self.server = server
        self.menu = TrayMenu(self)
        self.menu.triggered.connect(self.on_action)
        self.menu.set_ready(False)
        self.tray: Tray | None = None
        self.tray_presence = tray_presence
        self.main_window: MainWindow | None = None
        self.opened: LightOpened | Opened | None = None
        self.coach: Coach | None = None
        self.stopped = False  # stop() was called: nothing is armed again
        self.windows: dict[Window, QWidget] = {}
        self.pending: list[str] = []
        self._hinting = False  # the GNOME tray hint being recorded, to be given then
        self._card: PromptCard | None = None  # built when the first prompt shows
        self._notice: PromptNotice | None = None  # the prompt as a notification (Linux)
        self._side_notices: dict[str, ActionNotice] = {}  # prep, pace where cards cannot go
        # A side notice's end (the meeting's start, the reflection's two hours): gone
        # then, as a card is (GNOME keeps notifications); one timer each, so an earlier
        # meeting's end never takes a later one's away.
        self._side_expiry: dict[str, QTimer] = {}
        self._wake: SleepSignals | None = None
        self._meetings: MeetingCache | None = None
        self._prep_person = ""  # whom the preparation's "Open coach…" is for
        self._prompt_view: tuple[str, str, str, str] | None = None  # the waiting prompt
        self._offer: Offer | None = None  # ... as the coach made it
        self._prep_card: PrepCard | None = None  # built the first time a meeting needs it
        self._prep: Prep | None = None  # what it shows (or its notification)
        self._pace_card: PaceCard | None = None  # built when a back-off is offered back
        self.current_event: PromptEvent | None = None
        self.notice_box: QMessageBox | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.on_timer)
        # A wake's look: its own timer, so planning the schedule again meanwhile (a
        # calendar read coming in calls arm()) does not put it off for hours.
        self._wake_look = QTimer(self)
        self._wake_look.setSingleShot(True)
        self._wake_look.setInterval(0)
        self._wake_look.timeout.connect(self.on_timer)
        self._backup_timer = QTimer(self)  # owned, so stop() can cancel it
        self._backup_timer.setSingleShot(True)
        self._backup_timer.timeout.connect(self._run_backup)
        self._backup_day: date | None = None  # the local day the last check ran for
        # A prompt left unanswered counts as missed (the back-off reads it) even where
        # neither the card nor the notification server reports it: GNOME keeps a
        # notification in its list and never says it expired.
        self.prompt_expiry = QTimer(self)  # (prompt_card is not imported for it: idle RAM)
        self.prompt_expiry.setSingleShot(True)
        self.prompt_expiry.timeout.connect(self._prompt_went_unanswered)
        self._screens: ScreenChanges | None = None  # watched from start()
        self._activation_token = ""
        server.activation_received.connect(self.take_activation_token)
        server.request_received.connect(self.handle_request)
        server.store_moment = self.store_handed_moment
        # Set when the app quits to start again as this command (after an upgrade).
        self.restart_command: list[str] | None = None
        self._finished = False  # finish() ran: quitting's steps are done
        self.upgrade = UpgradeWatch(stamp, data_root, open_windows=self.open_windows_now,
                                    say=self.say_calmly, restart=self.restart_into,
                                    parent=self)
        # The last open window closed: give back what it freed once it is torn down.
        app.lastWindowClosed.connect(lambda: QTimer.singleShot(1000, release_freed_memory))

    def offer_reflection_quietly(self) -> None:
        """The evening's offer. Where a window cannot be shown without taking the keyboard
        (Wayland: sway gives a new window focus, and what the user was typing went into the
        reflection), a notification offers it, as the preparation card is offered; the
        dialog opens when the user answers it."""
        if not self._cards_as_notifications():
            self.offer_reflection()
            return
        reflection = self.windows.get(Window.REFLECT)
        if reflection is not None and reflection.isVisible():
            self.offer_reflection()  # open already: brought up to date, never re-sent
            return
        self.side_notice("reflect").show(
            self.tr("Reflect on today"),
            self.tr("A few minutes for today: what went well, and what to carry into "
                    "tomorrow."),
            [("reflect", self.tr("Reflect"))], timeout_ms=REFLECTION_NOTICE_MS)
        self._expire_side("reflect", REFLECTION_NOTICE_MS)
        ready_signal("reflect-notice")

    # -- start-up ---------------------------------------------------------------------

    def start(self, first_request: str, tray_wait_ms: int = 8000, *,
              opened: Opened | None = None) -> None:
        """Show the icon now; open the store on the worker thread right after.

        Args:
            opened: a store the caller already opened (tests): used at once, and the
                controller starts no store load of its own.
        """
        if first_request not in ("show", "run"):
            self.pending.append(first_request)
        self._start_shell(tray_wait_ms)
        from mlcoach.ui.widgets.on_screen import ScreenChanges

        self._screens = ScreenChanges(self)  # after the icon: nothing is on a screen yet
        self._screens.changed.connect(self.follow_screens)
        if opened is not None:
            self.on_store_opened(opened)
        else:
            QTimer.singleShot(0, self.load_store)

    def load_store(self, passphrase: str | None = None) -> None:
        from mlcoach.ui.store_open import open_in_worker

        if self.stopped:  # quit before the start's turn of the event loop came
            return
        open_in_worker(self.data_root, passphrase, self.on_store_opened, self.on_store_failed)

    def on_store_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CodeChangedError):  # upgraded as it started: the restart opens it
            self.upgrade.hold(QUIET, built=True)
            return
        from mlcoach.ui.unlock import resolve_failure

        resolve_failure(exc, self.data_root, retry=self.load_store, give_up=self.quit)

    def on_store_opened(self, opened: LightOpened | Opened) -> None:
        import random

        from mlcoach.coaching.service import Coach

        self.opened = opened
        if hasattr(opened.store, "write_wait_ms"):  # the LightStore: never hold the GUI
            from mlcoach.ui.patient_write import TRAY_WRITE_WAIT_MS

            opened.store.write_wait_ms = TRAY_WRITE_WAIT_MS
        from mlcoach.coaching.meeting_cache import MeetingCache

        # The calendar is read on the worker, never on the tray's thread (a calendar of
        # years, or Evolution over D-Bus, can take a second); the schedule is planned
        # again when a read comes in.
        self._meetings = MeetingCache(self._read_meetings, self.clock)
        from mlcoach.system.clock import boot_clock

        coach = Coach(opened.store, clock=self.clock, tz=self.tz, rng=random.Random(),
                      real_clock=self._real_clock or boot_clock,
                      meetings=self._meetings.meetings)
        self.coach = coach
        first = coach.welcome_pending()
        self.apply_language()
        self.menu.set_ready(True)
        ready_signal("store")
        self.tell_recovery()
        self.backup_later()
        self.warm_up()
        if first:
            self._settle_start(coach, first=True)  # the schedule waits for the welcome
            self.tend_desktop_entries()  # a first start: pipx and wheels bring none

            def not_opened(exc: BaseException) -> None:
                self.tell_not_opened(exc)
                self.after_welcome()  # the tray goes on; the welcome comes next start

            # A first start made the store with the ORM: at once. A welcome left
            # unfinished last time waits for the worker's open (the tray is up meanwhile).
            self.when_full(self._show_welcome, not_opened)
        else:
            # a later start mends entries left naming an install since removed (pipx to
            # the .deb and back), but writes no menu entry the user deleted
            self.tend_desktop_entries(create_menu_entry=None)
            # The schedule is looked at once the wait is written: a look meanwhile on
            # the GUI thread writes the schedule's state too, and one write lost the other.
            self._settle_start(coach, first=False, then=self.arm)
            self.after_welcome(arm=False)

    def _settle_start(self, coach: Coach, *, first: bool,
                      then: Callable[[], None] | None = None) -> None:
        """The app started (a login, mostly): the first prompt waits a moment, and after
        a first start's welcome for the next good moment. Written on the store's worker
        (behind another program's write, an import, it held the tray and the windows);
        then `then()`, written or not."""
        now = self.clock()

        def settle() -> None:
            coach.started(now)
            if first:
                coach.hold_first_prompt(now)

        def settled(_: object) -> None:
            if then is not None and self.coach is coach and not self.stopped:
                then()

        def not_settled(exc: BaseException) -> None:  # a prompt at once is the worst
            logger.warning("start settle not saved (%s)", type(exc).__name__)
            settled(None)

        ops.run(settle, settled, not_settled)

    def _show_welcome(self, full: Opened) -> None:
        from mlcoach.ui.welcome import WelcomeDialog
        from mlcoach.ui.widgets.on_screen import keep_on_screen

        dialog = WelcomeDialog(full.store, full)
        dialog.finished.connect(lambda _=0: self.after_welcome())
        self.welcome = dialog
        keep_on_screen(dialog)
        dialog.show()
        ready_signal("shown:welcome")

    def backup_later(self) -> None:
        """A little after start-up, on the worker thread: check every page of the store,
        then take today's rotating backup (or restore one if the store is damaged)."""
        self._backup_timer.start(BACKUP_DELAY_MS)

    def _run_backup(self) -> None:
        from mlcoach.store.recovery import daily_check

        if self.opened is None:
            return
        root, secret = self.opened.layout.root, self.opened.secret
        now = self.clock().astimezone(self.tz())
        self._backup_day = now.date()
        def done(note: object) -> None:
            release_freed_memory()  # the check read every page of the store
            if note:
                self.tell_recovery()

        def failed(exc: BaseException) -> None:
            release_freed_memory()
            logger.warning("backup failed: %s", exc)

        ops.run(lambda: daily_check(root, secret, now), done, failed)

    def _backup_if_new_day(self) -> None:
        """An app left running for weeks (suspended, never quit) checks and backs up the
        store each day, not only on the day it started: the newest backup was otherwise
        as old as the session, and seven "daily" copies could be months apart."""
        if self._backup_day is None or self._backup_timer.isActive():
            return  # the start's own check is still to come
        if self.clock().astimezone(self.tz()).date() != self._backup_day:
            self.backup_later()

    def tell_recovery(self) -> None:
        """Say once, in one sentence, that a damaged store file was replaced by a backup."""
        from mlcoach.domain.i18n import ui_language
        from mlcoach.store.recovery import take_app_notice

        language = ui_language(self.coach.settings().language) if self.coach else "en"
        notice = take_app_notice(self.data_root, language, self.tz())
        if notice is None:
            return
        if self.tray is not None:
            self.tray_says(notice, 20000)
        else:
            from PySide6.QtWidgets import QMessageBox

            from mlcoach.ui.widgets import message_box
            from mlcoach.ui.widgets.plain_text import as_plain

            box = message_box.notice(QMessageBox.Icon.Warning, as_plain(notice),
                                     self.main_window)
            box.setModal(False)
            box.show()
            self.notice_box = box

    def after_welcome(self, arm: bool = True) -> None:
        """The welcome is done (or was done before): the tray's window, the wake, the
        schedule (`arm`: now, else once the start's wait is written) and what was asked
        for meanwhile."""
        if self.main_window is not None and not self.main_window.isVisible():
            self.show_main_window()  # held back while the wizard was open
        self.hint_tray_extension()
        self.listen_for_wake()
        if arm:
            self.arm()
        for request in self.pending:
            self.handle_request(request)
        self.pending.clear()

    def tend_desktop_entries(self, *, create_menu_entry: bool | None = True) -> None:
        """On the worker: the desktop menu's entry where the install brought none (the
        no-tray window and the GNOME hint say to open mlcoach from there), and the menu
        and login entries of an install since removed pointed at this one (or the menu
        entry dropped where a package brings its own). `create_menu_entry` None: only
        when this install has not tended it before (moved from the .deb to pipx, the
        first start was long done and no entry was written)."""
        from mlcoach.system import autostart

        try:
            program = autostart.default_command()[0]
        except autostart.AutostartError:  # a platform without menus or login items
            return
        store = self.opened.store if self.opened is not None else None
        record = store is not None
        if create_menu_entry is None:
            try:
                tended = store.get_state(MENU_ENTRY_KEY, None) if store is not None else None
            except StoreUnavailableError:  # another writer: all of it at the next start
                tended, record = None, False
            # None: a store from before the record (the entry may have been deleted by
            # the user): recorded now, nothing written
            create_menu_entry = tended is not None and tended != program

        def write() -> list[Path | str]:
            done: list[Path | str] = []
            if sys.platform not in ("win32", "darwin"):
                from mlcoach.resources import folder
                from mlcoach.system.menu_entry import ensure

                menu = ensure(folder("icons", "mlcoach.svg"), create=create_menu_entry)
                if menu is not None:
                    done.append(menu)
            login = autostart.repair()
            if login is not None:
                done.append(login)
            return done

        def written(paths: list[Path | str]) -> None:
            for path in paths:
                logger.info("desktop entry written: %s", path)
            now = self.opened.store if self.opened is not None else None
            if record and now is store and now is not None:  # still the store asked for
                def note() -> None:  # on the worker: another writer holds it, not the GUI
                    if now.get_state(MENU_ENTRY_KEY, None) != program:
                        now.set_state(MENU_ENTRY_KEY, program)

                ops.run(note, lambda _: None, lambda exc: logger.info(  # at the next start
                    "menu entry not recorded (%s)", type(exc).__name__))

        ops.run(write, written,
                lambda exc: logger.warning("desktop entries not tended: %s", exc))

    def hint_tray_extension(self) -> None:
        """Once: on GNOME without a tray, say how to get one (as a notification)."""
        if self.tray is not None or self._desktop() != "gnome" or self.opened is None:
            return
        store = self.opened.store
        try:
            if store.get_state(TRAY_HINT_KEY, False) or self._hinting:
                return
        except StoreUnavailableError as exc:  # another process writing: at the next start
            logger.info("tray hint left for later (%s)", type(exc).__name__)
            return
        self._hinting = True  # once, though asked again before it is recorded

        def hinted(_: object) -> None:
            self._hinting = False
            self._hint_tray()

        def not_recorded(exc: BaseException) -> None:  # another writer: at the next start
            self._hinting = False
            logger.info("tray hint left for later (%s)", type(exc).__name__)

        # Recorded on the store's worker (another process's write holds it there, not
        # the GUI); given once it is, so that it is given once.
        ops.run(lambda: store.set_state(TRAY_HINT_KEY, True), hinted, not_recorded)

    def _hint_tray(self) -> None:
        self.tend_desktop_entries()  # the hint says to open mlcoach from the app grid
        from mlcoach.ui.notify import send_notification

        send_notification(self.tr("mlcoach is running"), self.tr(
            "GNOME shows no tray icons: prompts arrive as notifications you can answer, and "
            "mlcoach opens from the app grid. For a tray icon, turn on the AppIndicator "
            "extension (package gnome-shell-extension-appindicator) in Extensions."))

    def warm_up(self) -> None:
        """Build the quick-capture window now so it opens instantly later."""
        self.capture_window()

    # -- requests and actions -------------------------------------------------------------

    def handle_request(self, request: str) -> None:
        """A request from a second start (or the command line of this one)."""
        if request == "quit":
            self.quit()
        elif request == "show":
            if self.upgrade.hold(request):  # not beside "already running": one line
                return
            if self.main_window is not None:
                with self.activation():
                    self.show_main_window()
                    self.main_window.activateWindow()
            elif self.tray is not None and not self._tray_there():
                self._stand_in_for_the_tray()
            elif self.tray is not None and self.opened is not None:
                self.tray_says(self.tr("mlcoach is already running in the tray."), 4000)
        elif request == "prompt":
            self.show_prompt(manual=True)
        elif request in {w.value for w in Window}:
            self.open_window(Window(request))
        else:
            logger.warning("ignored unknown request %r", request)

    def store_handed_moment(self, moment: HandedMoment) -> str | None:
        """Store a moment from `mlcoach capture TEXT`; None when it cannot be stored now
        (no store open yet, or a write error), and the shell then writes it itself;
        MomentDeletedError when it was stored before and the user has deleted it since."""
        if self.opened is None:
            return None
        from mlcoach.domain.enums import Kind, Style
        from mlcoach.domain.errors import MlcoachError, MomentDeletedError
        from mlcoach.store.light import LightStore

        store = self.opened.store
        add: Callable[..., Moment] = store.add_moment
        if isinstance(store, LightStore):  # the app's own: never hold the GUI long
            add = partial(store.add_moment, busy_wait_ms=HANDOVER_WAIT_MS)
        try:
            saved = add(moment.text, Kind(moment.kind), person=moment.person,
                        style=Style(moment.style) if moment.style else None,
                        tags=moment.tags, moment_id=moment.id)
        except MomentDeletedError:
            raise  # the user deleted it since: the shell is told so (instance_server)
        except (MlcoachError, CodeChangedError) as exc:
            logger.info("a handed-over moment is left to the shell: %s", exc)
            return None
        self.refresh_status()
        return saved.id

    def on_action(self, action: Action) -> None:
        """Do what the tray menu (or the fallback window) asked for."""
        if action is Action.QUIT:
            self.quit()
        elif action is Action.PROMPT:
            try:
                self.show_prompt(manual=True)
            except StoreUnavailableError as exc:  # asked for: say why nothing came
                self.tell_not_saved(exc)
        elif action.response is not None:
            self.card.respond(action.response.value)
        elif self.coach is None:
            return  # the menu is greyed out until the store is open
        elif action.pause is not None:
            self.write_patiently(partial(self.coach.pause, action.pause))
        elif action is Action.RESUME:
            self.write_patiently(self.coach.resume)
        elif action is Action.RESTORE_PACE:
            self.restore_pace()
        else:
            self.open_window(Window(action.value))

    def on_tray_clicked(self) -> None:
        if self.current_event is not None and not self.card.isVisible():
            self.open_prompt_card()
        elif self.tray is not None:
            menu = self.tray.icon.contextMenu()
            if menu is not None:
                menu.popup(self.tray.icon.geometry().center())

    # -- prompts -----------------------------------------------------------------------

    def _present_prep(self, prep: Prep, now: datetime) -> None:
        """The preparation card, or its notification where a card cannot go."""
        self._prep = prep
        if self._prep_card is None:
            from mlcoach.ui.prep_card import PrepCard

            self._prep_card = PrepCard()
            self._prep_card.coach_requested.connect(self.open_coach_for)
        if self._cards_as_notifications():
            title, people = self._prep_card.texts(prep, self.tz())
            self._prep_person = prep.people[0].person.name if prep.people else ""
            until_start = max(1000, int((prep.start - now).total_seconds() * 1000))
            notice = self.side_notice("prep")
            # Colleagues' names, styles and what to open with: shown, never kept in the
            # server's history or lock-screen list (the app takes it away at the start).
            notice.show(self.tr("Before your meeting: {0}").format(title), people,
                        [("coach", self._prep_card.coach_button.text())],
                        timeout_ms=until_start, private=True)
            self._expire_side("prep", until_start)
        else:
            self._prep_card.show_prep(prep, now, self.tz(), self._anchor())

    def open_coach_for(self, name: str) -> None:
        self.open_window(Window.SUGGEST)
        if not name:
            return
        if Window.SUGGEST in self.windows:
            self.composer_dialog().set_person(name)
        elif self.opened is not None and self._full_if_open() is None:
            # The coach comes once the worker has opened the store: the name with it
            # (a failure is said by the window's own wait).
            self.when_full(lambda _full: self._coach_person(name), lambda _exc: None)

    def _coach_person(self, name: str) -> None:
        if Window.SUGGEST in self.windows:
            self.composer_dialog().set_person(name)

    def write_patiently(self, write: Callable[[], T],
                        then: Callable[[T], None] | None = None) -> None:
        """A tray write: at once, or (while another process writes) each second until it
        is saved or a minute has passed; the timer is armed again after it."""
        from mlcoach.ui.patient_write import PatientWrite

        def done(result: T) -> None:
            if then is not None:
                then(result)
            self.arm()

        def failed(exc: StoreUnavailableError) -> None:
            self.tell_not_saved(exc)
            self.arm()

        PatientWrite(write, done, failed, self).start()

    def tell_not_saved(self, exc: BaseException) -> None:
        """One plain line, where the user will see it, for a tray action that failed."""
        from mlcoach.ui.i18n import error_message

        logger.warning("tray action not saved: %s", exc)
        message = self.tr("Not saved: {reason}").format(reason=error_message(exc))
        if self.tray is not None:
            self.tray_says(message, 8000)
        else:
            from mlcoach.ui.notify import send_notification

            send_notification("mlcoach", message)

    # -- after an upgrade ----------------------------------------------------------------

    def open_windows_now(self) -> list[QWidget]:
        """The windows and cards the user sees now (not the window standing in for the
        tray): a restart would take them, and what is typed in them, away."""
        found = [*self.windows.values(), self._card, self._prep_card, self._pace_card,
                 getattr(self, "welcome", None)]
        return [w for w in found if isinstance(w, QWidget) and w.isVisible()]

    def restart_into(self, command: list[str]) -> None:
        """Quit as Quit does (what was typed kept, the store and the channel closed); the
        caller of app.exec() then runs `command` in this process (ui/run.py)."""
        self.restart_command = command
        self.quit()

    # -- shutdown ----------------------------------------------------------------------

    def stop(self) -> None:
        """Cancel every timer: nothing this controller armed fires after this."""
        self.stopped = True  # a wait written on the worker arms nothing again
        if self._screens is not None:
            self._screens.stop()
        self.timer.stop()
        self._wake_look.stop()
        if self._busy_look is not None:  # a look still under way answers no one
            self._busy_look.cancel()
        self._backup_timer.stop()
        self.upgrade.stop()
        self.prompt_expiry.stop()
        for timer in self._side_expiry.values():
            timer.stop()
