"""The desktop app: tray icon first, then the store, then the windows, wired by constructor."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from mlcoach.domain.errors import StoreUnavailableError
from mlcoach.system.paths import APP_ID, DRAFT_NAME
from mlcoach.ui import ops
from mlcoach.ui.icons import app_icon
from mlcoach.ui.instance_server import InstanceServer
from mlcoach.ui.tray import MainWindow, Tray, TrayMenu

logger = logging.getLogger(__name__)

# Timers are monotonic and stop during suspend; never wait longer than this before
# looking at the wall clock again (a handful of wake-ups a day, not polling).
MAX_WAIT = timedelta(minutes=10)
RETRY_WAIT = timedelta(seconds=30)  # after the store could not be read (e.g. mid-restore)


def _ready_signal(what: str) -> None:
    """Tell a benchmark or test harness that a milestone was reached."""
    if os.environ.get("MLCOACH_READY_SIGNAL"):
        sys.stderr.write(f"mlcoach-ready: {what}\n")
        sys.stderr.flush()


def _now_utc() -> datetime:
    from mlcoach.system.clock import now_utc  # clock imports zoneinfo: not before the icon

    return now_utc()


def _local_zone() -> tzinfo:
    from mlcoach.system.clock import local_zone

    return local_zone()


class AppController(QObject):
    """Owns the tray, the store and every window; reacts to menu actions and requests."""

    def __init__(self, app: QApplication, data_root: Path, server: InstanceServer, *,
                 clock: Callable[[], datetime] | None = None,
                 tz: Callable[[], tzinfo] | None = None,
                 busy: Callable[[], bool] | None = None,
                 real_clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.clock = clock or _now_utc
        self.tz = tz or _local_zone
        self._busy = busy
        self._real_clock = real_clock
        self.app = app
        self.data_root = data_root
        self.server = server
        self.menu = TrayMenu(self)
        self.menu.triggered.connect(self.on_action)
        self.menu.set_ready(False)
        self.tray: Tray | None = None
        self.main_window: MainWindow | None = None
        self.opened: Any = None
        self.coach: Any = None
        self.windows: dict[str, QWidget] = {}
        self.pending: list[str] = []
        self._card: Any = None  # built when the first prompt shows (not before the icon)
        self._prep_card: Any = None  # built the first time a meeting needs it
        self.current_event: Any = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.on_timer)
        server.request_received.connect(self.handle_request)

    @property
    def card(self) -> Any:
        """The prompt card, built on first use."""
        if self._card is None:
            from mlcoach.ui.prompt_card import PromptCard

            self._card = PromptCard()
            self._card.responded.connect(self.on_card_response)
            self._card.capture_requested.connect(lambda: self.open_window("capture"))
        return self._card

    # -- start-up ---------------------------------------------------------------------

    def start(self, first_request: str, tray_wait_ms: int = 8000) -> None:
        """Show the icon now; open the store on the worker thread right after."""
        if first_request not in ("show", "run"):
            self.pending.append(first_request)
        self._show_shell(tray_wait_ms)
        QTimer.singleShot(0, self.load_store)

    def _show_shell(self, tray_wait_ms: int) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = Tray(self.menu, self)
            self.tray.activated_plain.connect(self.on_tray_clicked)
            self.tray.show()
            _ready_signal("tray")
        elif tray_wait_ms > 0 and self.app.platformName() not in ("offscreen", "minimal"):
            # Started at login, the panel may not be up yet: look again shortly.
            QTimer.singleShot(500, lambda: self._show_shell(tray_wait_ms - 500))
        else:
            self.main_window = MainWindow(self.menu)
            self.main_window.show()
            _ready_signal("window")

    def load_store(self, passphrase: str | None = None) -> None:
        from mlcoach.ui.unlock import open_in_worker

        open_in_worker(self.data_root, passphrase, self.on_store_opened, self.on_store_failed)

    def on_store_failed(self, exc: BaseException) -> None:
        from mlcoach.ui.unlock import resolve_failure

        resolve_failure(exc, self.data_root, retry=self.load_store, give_up=self.quit)

    def on_store_opened(self, opened: Any) -> None:
        from mlcoach.coaching.service import Coach

        self.opened = opened
        extra = {"real_clock": self._real_clock} if self._real_clock else {}
        import random

        self.coach = Coach(opened.store, clock=self.clock, tz=self.tz, rng=random.Random(),
                           **extra)
        self.apply_language()
        self.menu.set_ready(True)
        _ready_signal("store")
        self.tell_recovery()
        self.backup_later()
        self.warm_up()
        from mlcoach.ui.welcome import WelcomeDialog, should_show

        if should_show(opened.store):
            dialog = WelcomeDialog(opened.store, opened)
            self.coach.hold_first_prompt(self.clock())
            dialog.finished.connect(lambda _=0: self.after_welcome())
            self.windows["welcome"] = dialog
            dialog.show()
        else:
            self.after_welcome()

    def backup_later(self) -> None:
        """A little after start-up, on the worker thread: check every page of the store,
        then take today's rotating backup (or restore one if the store is damaged)."""
        from mlcoach.store.recovery import daily_check

        opened, now = self.opened, self.clock().astimezone(self.tz())

        def work() -> Any:
            return daily_check(opened.layout.root, opened.secret, now)

        QTimer.singleShot(5000, lambda: ops.run(
            work, lambda note: self.tell_recovery() if note else None,
            lambda exc: logger.warning("backup failed: %s", exc)))

    def tell_recovery(self) -> None:
        """Say once, in one sentence, that a damaged store file was replaced by a backup."""
        from mlcoach.domain.i18n import ui_language
        from mlcoach.store.recovery import take_app_notice

        language = ui_language(self.coach.settings().language) if self.coach else "en"
        notice = take_app_notice(self.data_root, language, self.tz())
        if notice is None:
            return
        if self.tray is not None:
            self.tray.icon.showMessage("mlcoach", notice, app_icon(), 20000)
        else:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, "mlcoach", notice,
                              parent=self.main_window)
            box.setModal(False)
            box.show()
            self.notice_box = box

    def after_welcome(self) -> None:
        self.arm()
        for request in self.pending:
            self.handle_request(request)
        self.pending.clear()

    def warm_up(self) -> None:
        """Build the quick-capture window now so it opens instantly later."""
        self.window("capture")

    # -- windows ----------------------------------------------------------------------

    def window(self, name: str) -> QWidget:
        """Build a window once, then reuse it."""
        if name in self.windows:
            return self.windows[name]
        store = self.opened.store
        widget: QWidget
        if name == "capture":
            from mlcoach.ui.capture_window import CaptureWindow
            from mlcoach.ui.draft import DraftFile

            widget = CaptureWindow(store, DraftFile(self.data_root / DRAFT_NAME))
            widget.moment_saved.connect(lambda _id: self.refresh_status())
        elif name == "reflect":
            from mlcoach.ui.reflection_dialog import ReflectionDialog

            widget = ReflectionDialog(store, clock=self.clock, tz=self.tz())
            widget.reflection_saved.connect(self.arm)
        elif name == "settings":
            from mlcoach.security.keys import OSKeyring
            from mlcoach.ui.settings_dialog import SettingsDialog

            widget = SettingsDialog(store, self.opened, keys=OSKeyring())
            widget.settings_changed.connect(lambda _s: self.on_settings_changed())
            widget.data_deleted.connect(self.quit)
        elif name == "suggest":
            from mlcoach.ui.composer_dialog import ComposerDialog

            widget = ComposerDialog(store, clock=self.clock, tz=self.tz())
        elif name == "history":
            from mlcoach.ui.history.window import HistoryWindow

            widget = HistoryWindow(store, clock=self.clock, tz=self.tz())
            # The weekly review's focus was saved: the scheduler must see it now.
            widget.focus_accepted.connect(lambda _theme: self.on_settings_changed())
        else:
            raise ValueError(name)
        self.windows[name] = widget
        return widget

    def open_window(self, name: str) -> None:
        if self.opened is None:
            self.pending.append(name)
            return
        try:
            widget = self.window(name)
        except ImportError as exc:
            logger.error("window %s is not available: %s", name, exc)
            return
        if name == "reflect":
            widget.load_day()  # type: ignore[attr-defined]
        elif name == "settings" and hasattr(widget, "reload"):
            widget.reload()
        if hasattr(widget, "present"):
            widget.present()
        else:
            widget.show()
            widget.raise_()
            widget.activateWindow()
        _ready_signal(f"shown:{name}")

    # -- requests and actions -------------------------------------------------------------

    def handle_request(self, request: str) -> None:
        """A request from a second start (or the command line of this one)."""
        if request == "quit":
            self.quit()
        elif request == "show":
            if self.main_window is not None:
                self.main_window.show()
                self.main_window.raise_()
            elif self.tray is not None and self.opened is not None:
                self.tray.icon.showMessage("mlcoach", self.tr("mlcoach is already running "
                                                              "in the tray."), app_icon(), 4000)
        elif request == "prompt":
            self.show_prompt(manual=True)
        elif request in ("capture", "reflect", "suggest", "history", "settings"):
            self.open_window(request)
        else:
            logger.warning("ignored unknown request %r", request)

    def on_action(self, action: str) -> None:
        if action == "quit":
            self.quit()
        elif action == "prompt":
            self.show_prompt(manual=True)
        elif action.startswith("pause:"):
            self.coach.pause(action.split(":", 1)[1])
            self.arm()
        elif action.startswith("respond:"):
            self.card.respond(action.split(":", 1)[1])
        elif action == "resume":
            self.coach.resume()
            self.arm()
        else:
            self.open_window(action)

    def on_tray_clicked(self) -> None:
        if self.current_event is not None and not self.card.isVisible():
            self.card.show()
        elif self.tray is not None:
            self.tray.icon.contextMenu().popup(self.tray.icon.geometry().center())

    # -- prompts -----------------------------------------------------------------------

    def arm(self, busy: bool = False) -> None:
        """Set the single timer to the next thing the scheduler wants, no sooner."""
        if self.coach is None:
            return
        now = self.coach.now()
        try:
            due = self.coach.next_due(now, desktop_busy=busy)
        except StoreUnavailableError as exc:  # never let the timer die: look again shortly
            logger.warning("schedule not read (%s); trying again", type(exc).__name__)
            self.timer.start(int(RETRY_WAIT.total_seconds() * 1000))
            return
        wait = MAX_WAIT if due is None else max(due - now, timedelta(seconds=1))
        wait = min(wait, MAX_WAIT)
        self.timer.start(int(wait.total_seconds() * 1000))
        self.refresh_status()

    def on_timer(self) -> None:
        now = self.coach.now()
        busy = self.desktop_busy()
        try:
            action = self.coach.due_action(now, busy=busy)
        except StoreUnavailableError as exc:
            logger.warning("schedule not read (%s); trying again", type(exc).__name__)
            action = None
        if action == "prompt":
            self.show_prompt(manual=False)
        elif action == "prep":
            self.show_prep(busy)
        elif action == "reflect":
            self.coach.mark_reflection_offered(now)
            self.open_window("reflect")
        self.arm(busy)

    def desktop_busy(self) -> bool:
        if self._busy is not None:
            return self._busy()
        from mlcoach.ui.attention import desktop_busy

        return desktop_busy()

    def on_settings_changed(self) -> None:
        self.coach.reload_settings()
        self.apply_language()
        self.arm()

    def apply_language(self) -> None:
        """Use the language chosen in Settings (start-up used the system's until now)."""
        from mlcoach.ui.i18n import install_translators

        try:
            language = self.coach.settings().language
        except Exception as exc:  # a settings read must not stop the app
            logger.warning("could not read the language setting: %s", exc)
            return
        install_translators(self.app, language)

    def show_prompt(self, manual: bool) -> None:
        if self.coach is None:
            return
        offer = self.coach.offer(self.coach.now(), manual=manual)
        if offer is None:
            return
        self.current_event = offer.event
        settings = self.coach.settings()
        anchor = self.tray.icon.geometry() if self.tray is not None else None
        if settings.notification_route in ("card", "both") or self.tray is None:
            self.card.show_prompt(offer.theme_name, offer.text, offer.try_this, offer.note,
                                  anchor)
        if settings.notification_route in ("notification", "both"):
            from mlcoach.ui.notify import send_notification

            send_notification(offer.theme_name, offer.text)
            if self.tray is not None:
                self.tray.set_state("attention")
        _ready_signal("prompt")
        self.arm()

    def show_prep(self, busy: bool) -> None:
        """The meeting preparation card, once per meeting, never while presenting."""
        now = self.coach.now()
        prep = self.coach.take_prep(now, busy=busy)
        if prep is None:
            return
        if self._prep_card is None:
            from mlcoach.ui.prep_card import PrepCard

            self._prep_card = PrepCard()
            self._prep_card.coach_requested.connect(self.open_coach_for)
        anchor = self.tray.icon.geometry() if self.tray is not None else None
        self._prep_card.show_prep(prep, now, self.tz(), anchor)
        _ready_signal("prep")

    def open_coach_for(self, name: str) -> None:
        self.open_window("suggest")
        widget = self.windows.get("suggest")
        if name and widget is not None and hasattr(widget, "set_person"):
            widget.set_person(name)

    def on_card_response(self, response: str) -> None:
        if self.current_event is None:
            return
        message = self.coach.respond(self.current_event.id, response)
        self.current_event = None
        if self.tray is not None:
            self.tray.set_state("paused" if self.coach.is_paused() else "")
        if message and self.tray is not None:
            self.tray.icon.showMessage("mlcoach", message, app_icon(), 8000)
        self.arm()

    def refresh_status(self) -> None:
        if self.coach is None:
            return
        status = self.coach.status(self.coach.now())
        self.menu.set_paused(status.paused)
        self.menu.set_prompt_waiting(self.current_event is not None)
        if self.tray is not None:
            self.tray.set_tooltip(status.tooltip)
            if self.current_event is None:
                self.tray.set_state("paused" if status.paused else "")
        if self.main_window is not None:
            self.main_window.next_label.setText(status.tooltip)

    # -- shutdown ----------------------------------------------------------------------

    def quit(self) -> None:
        for widget in self.windows.values():
            if hasattr(widget, "flush_draft"):
                widget.flush_draft()
        if self.tray is not None:
            self.tray.hide()
        self.server.close()
        ops.pool().waitForDone(5000)  # let a running store job finish first
        if self.opened is not None:
            self.opened.store.close()
        self.app.quit()


def _install_signal_handlers(app: QApplication, controller: AppController) -> None:
    """Quit cleanly on SIGINT/SIGTERM through a wake-up socket (no polling timer)."""
    rsock, wsock = socket.socketpair()
    rsock.setblocking(False)
    wsock.setblocking(False)
    signal.set_wakeup_fd(wsock.fileno())
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    notifier = QSocketNotifier(rsock.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        try:
            rsock.recv(64)
        except OSError:
            pass
        controller.quit()

    notifier.activated.connect(on_signal)
    app._mlcoach_signal_sockets = (rsock, wsock, notifier)  # type: ignore[attr-defined]


def _configure_file_logging(data_root: Path) -> None:
    from logging.handlers import RotatingFileHandler

    from mlcoach.system.paths import ensure_private_dir

    log = data_root / "mlcoach.log"
    try:
        ensure_private_dir(data_root)
        # Owner-only from the first byte, whatever the umask of whoever started us.
        os.close(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(log, 0o600)
        handler = RotatingFileHandler(log, maxBytes=512_000, backupCount=2, encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.DEBUG if os.environ.get("MLCOACH_DEBUG")
                                 else logging.INFO)


def run_app(data_root: Path, first_request: str = "show") -> int:
    """Run the tray app until Quit. Returns the process exit code."""
    app = QApplication.instance() or QApplication(["mlcoach"])
    assert isinstance(app, QApplication)
    app.setApplicationName("mlcoach")
    app.setOrganizationName("mlcoach")
    app.setDesktopFileName(APP_ID)
    app.setQuitOnLastWindowClosed(False)
    server = InstanceServer(data_root)
    claimed = server.claim()
    if claimed is None:
        return 0  # another start became the app and took our request
    if not claimed:
        sys.stderr.write("mlcoach: another mlcoach is starting; try again in a moment\n")
        return 1
    from mlcoach.ui.i18n import install_translators

    install_translators(app)
    controller = AppController(app, data_root, server)
    _install_signal_handlers(app, controller)
    controller.start(first_request)
    # Not needed for the icon, so after it: the file log and the windows' icon.
    _configure_file_logging(data_root)
    app.setWindowIcon(app_icon())
    try:
        return app.exec()
    finally:
        server.close()


def show_error(parent: QWidget | None, message: str) -> None:
    """A plain one-sentence error dialog."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, "mlcoach", message)


__all__ = ["AppController", "datetime", "run_app"]
