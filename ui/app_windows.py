"""The app's windows: one typed factory each, built on first use and then reused.

A mixin of AppController (ui/app.py), kept apart to keep that small. Each window module is
imported inside its factory: none loads before the tray icon, and only quick capture loads
with the idle app (the others bring the ORM store with them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QWidget

from mlcoach.system.paths import DRAFT_NAME
from mlcoach.ui.desktop_shell import ready_signal

if TYPE_CHECKING:
    from datetime import datetime, tzinfo

    from mlcoach.store.vault import LightOpened, Opened
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.composer_dialog import ComposerDialog
    from mlcoach.ui.history.window import HistoryWindow
    from mlcoach.ui.reflection_dialog import ReflectionDialog
    from mlcoach.ui.settings_dialog import SettingsDialog
    from mlcoach.ui.upgrade import UpgradeWatch


logger = logging.getLogger(__name__)

WINDOW_WRITE_WAIT_MS = 2000

class Window(Enum):
    """The app's windows, by the name a request or a menu action gives them."""

    CAPTURE = "capture"
    REFLECT = "reflect"
    SUGGEST = "suggest"
    HISTORY = "history"
    SETTINGS = "settings"


class WindowFactories:
    """Mixin: the windows of the app controller, typed, each built once."""

    opened: LightOpened | Opened | None
    windows: dict[Window, QWidget]
    pending: list[str]
    data_root: Path
    clock: Callable[[], datetime]
    tz: Callable[[], tzinfo]
    upgrade: UpgradeWatch

    if TYPE_CHECKING:  # provided by AppController and DesktopShell
        def refresh_status(self) -> None: ...
        def arm(self, busy: bool = False) -> None: ...
        def note_follows(self) -> None: ...
        def on_settings_changed(self) -> None: ...
        def quit(self) -> None: ...
        def activation(self) -> AbstractContextManager[None]: ...
        def settle_frames(self, window: QWidget) -> None: ...
        def tray_says(self, text: str, timeout_ms: int) -> None: ...

    def _store(self) -> LightOpened | Opened:
        if self.opened is None:
            raise RuntimeError("the store is not open yet")
        return self.opened

    def _full(self) -> Opened:
        """The ORM store the windows other than quick capture need: SQLAlchemy loads with
        the first of them, never in the idle app. Its first open takes ~0.3 s (the ORM's
        import, the SQLCipher open): on the GUI thread only once open (`when_full`)."""
        full = self._store().full()
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            # A window's Save waits a moment for another writer (an import), then says so
            # and keeps what was typed; the store's minute would hold the whole app.
            full.store.wait_briefly_here(WINDOW_WRITE_WAIT_MS)
        return full

    def _full_if_open(self) -> Opened | None:
        """The ORM store when it is open already (a quick call), else None."""
        if getattr(self._store(), "full_is_open", True):  # an Opened is the ORM store
            return self._full()
        return None

    def when_full(self, then: Callable[[Opened], None],
                  failed: Callable[[BaseException], None]) -> None:
        """`then(the ORM store)` on the GUI thread: at once when open, else once the
        store's worker has opened it; `failed(exc)` when it could not (the next ask tries
        again)."""
        from mlcoach.ui import ops

        now = self._full_if_open()
        if now is not None:
            then(now)
            return
        waiting = self.__dict__.setdefault("_full_waiting", [])
        waiting.append((then, failed))
        if len(waiting) > 1:
            return  # already opening: told with the others
        opened = self._store()

        def done(_full: object) -> None:
            for then_, failed_ in self._full_told():
                try:  # each waiter its own answer: one that fails leaves the rest told
                    then_(self._full())  # open now: quick, with the GUI's brief waits
                except Exception as exc:  # closed meanwhile (a quit), or the window failed
                    logger.warning("a window could not use the opened store: %s", exc)
                    failed_(exc)

        def not_opened(exc: BaseException) -> None:
            logger.warning("the store's windows could not open it: %s", exc)
            for _then, failed_ in self._full_told():
                failed_(exc)

        # Safe to cut at quit, as a killed open is; a quit's own writes open it there.
        ops.run(opened.full, done, not_opened, left_at_quit=True)

    def _full_told(self) -> list[tuple[Callable[[Opened], None],
                                      Callable[[BaseException], None]]]:
        waiting: list[tuple[Callable[[Opened], None], Callable[[BaseException], None]]] = \
            self.__dict__.get("_full_waiting", [])
        self.__dict__["_full_waiting"] = []
        return waiting

    def open_when_full(self, which: Window) -> bool:
        """Open `which` once the ORM store is open, opened on the worker (the tray and the
        windows up go on meanwhile); a failure says so in one line. False: it is open,
        go on now."""
        if self._full_if_open() is not None:
            return False

        def failed(exc: BaseException) -> None:
            self.tell_not_opened(exc)

        self.when_full(lambda _full: self.open_window(which), failed)
        return True

    def tell_not_opened(self, exc: BaseException) -> None:
        """One plain line where the user will see it: a window could not open the data."""
        from mlcoach.ui.i18n import error_message
        from mlcoach.ui.notify import send_notification

        message = QCoreApplication.translate(
            "WindowFactories", "Could not open your data: {reason}").format(
                reason=error_message(exc))
        if getattr(self, "tray", None) is not None:
            self.tray_says(message, 8000)
        else:
            send_notification("mlcoach", message)

    def capture_window(self) -> CaptureWindow:
        from mlcoach.ui.capture_window import CaptureWindow
        from mlcoach.ui.draft import DraftFile, StoreDraft

        found = self.windows.get(Window.CAPTURE)
        if isinstance(found, CaptureWindow):
            return found
        # Kept ready in the idle app: the raw store, no ORM.
        store = self._store().store
        widget = CaptureWindow(store, StoreDraft(store, DraftFile(self.data_root / DRAFT_NAME)))
        widget.moment_saved.connect(lambda _id: self.refresh_status())
        widget.moment_saved.connect(lambda _id: self.note_follows())  # recognized since
        self.windows[Window.CAPTURE] = widget
        return widget

    def reflection_dialog(self) -> ReflectionDialog:
        from mlcoach.ui.reflection_dialog import ReflectionDialog

        found = self.windows.get(Window.REFLECT)
        if isinstance(found, ReflectionDialog):
            return found
        # Built once the ORM store is open (open_window, offer_reflection): whole.
        widget = ReflectionDialog(self._full().store, clock=self.clock, tz=self.tz())
        widget.reflection_saved.connect(self.arm)
        widget.reflection_saved.connect(self.note_follows)
        self.windows[Window.REFLECT] = widget
        return widget

    def settings_dialog(self) -> SettingsDialog:
        from mlcoach.security.keys import OSKeyring
        from mlcoach.ui.settings_dialog import SettingsDialog

        found = self.windows.get(Window.SETTINGS)
        if isinstance(found, SettingsDialog):
            return found
        full = self._full()
        widget = SettingsDialog(full.store, full, keys=OSKeyring())
        widget.settings_changed.connect(lambda _s: self.on_settings_changed())
        widget.data_deleted.connect(self.quit)
        self.windows[Window.SETTINGS] = widget
        return widget

    def composer_dialog(self) -> ComposerDialog:
        from mlcoach.ui.composer_dialog import ComposerDialog

        found = self.windows.get(Window.SUGGEST)
        if isinstance(found, ComposerDialog):
            return found
        widget = ComposerDialog(self._full().store, clock=self.clock, tz=self.tz())
        widget.people.people_changed.connect(self.people_follow)
        self.windows[Window.SUGGEST] = widget
        return widget

    def history_window(self) -> HistoryWindow:
        from mlcoach.ui.history.window import HistoryWindow

        found = self.windows.get(Window.HISTORY)
        if isinstance(found, HistoryWindow):
            return found
        from mlcoach.ui.history.stores import Stores

        # Browsing and searching read the raw store; the ORM loads with the first edit,
        # Insights, People or import.
        widget = HistoryWindow(Stores(self._store().store, lambda: self._full().store,
                                      lambda: self._full_if_open() is not None),
                               clock=self.clock, tz=self.tz())
        # The weekly review's focus was saved: the scheduler must see it now.
        widget.focus_accepted.connect(lambda _theme: self.on_settings_changed())
        # A moment edited or deleted, a person deleted or renamed there: what else is up
        # showing them follows (the cards, the reflection's glance of the day).
        widget.entries_changed.connect(self.entries_follow)
        self.windows[Window.HISTORY] = widget
        return widget

    def entries_follow(self) -> None:
        """The history changed in a window: the open reflection's glance, the coach's
        follow-ups and people, and the cards up show it as it is now, not the words
        edited or deleted there."""
        self._refresh_shown((Window.REFLECT, "refresh_glance"),
                            (Window.SUGGEST, "history_changed"))

    def _capture_follows(self) -> None:
        """The capture window (kept, hidden or not) completes @names as the list is now."""
        capture = self.windows.get(Window.CAPTURE)
        follow = getattr(capture, "people_changed", None)
        if capture is not None and follow is not None:
            follow()

    def people_follow(self) -> None:
        """Someone was added, renamed, archived or deleted in the coach's people list:
        History, if open, and the cards up no longer show a name that went."""
        self._refresh_shown((Window.HISTORY, "history_changed"))

    def _refresh_shown(self, *refreshes: tuple[Window, str]) -> None:
        """Call each (window, method) pair's method on that window if it is shown, then
        bring the capture window's @names and the cards up to date."""
        for which, method in refreshes:
            window = self.windows.get(which)
            refresh = getattr(window, method, None)
            if window is not None and window.isVisible() and refresh is not None:
                refresh()
        self._capture_follows()
        self.note_follows()

    def offer_reflection(self) -> None:
        """The evening's offer: the reflection comes up without taking the keyboard from
        whatever the user is typing in (asked for from the tray, it does take it)."""
        if self.opened is None:
            self.pending.append(Window.REFLECT.value)
            return
        if Window.REFLECT not in self.windows and self._full_if_open() is None:
            # built once the ORM store is open on the worker, whole (see open_window)
            self.when_full(lambda _full: self.offer_reflection(), self.tell_not_opened)
            return
        reflection = self.reflection_dialog()
        if reflection.isVisible():
            # Open already: words being typed stay as they are; a day left open since
            # yesterday, untouched, becomes today's (what was typed next went to the
            # wrong day, and today had none).
            if reflection.shows_another_day() and not reflection.has_unsaved_changes():
                reflection.load_day()
            return

        def offer() -> None:  # the day read on the worker: the window comes up whole
            if reflection.isVisible():
                return  # asked for from the tray meanwhile: up, with the keyboard
            reflection.offer()
            self.settle_frames(reflection)
            ready_signal(f"shown:{Window.REFLECT.value}")

        reflection.load_day(then=offer)

    def open_window(self, which: Window) -> None:
        """Bring a window up with fresh data (queued until the store is open); after an
        upgrade, a window not loaded yet opens in the restarted app instead."""
        if self.opened is None:
            self.pending.append(which.value)
            return
        if self.upgrade.hold(which.value, built=which in self.windows):
            return
        if which in (Window.SETTINGS, Window.SUGGEST, Window.REFLECT) \
                and which not in self.windows and self.open_when_full(which):
            # Built once the store's worker has opened the ORM store. The reflection too:
            # shown before, it grew as the day filled in, and a Wayland compositor, which
            # placed it for its first size, left its buttons under the panel (KDE).
            return
        if which is Window.REFLECT:
            self._open_reflection()
            return
        with self.activation():
            if which is Window.CAPTURE:
                self.capture_window().present()
            elif which is Window.SETTINGS:
                settings = self.settings_dialog()
                if not (settings.isVisible() and settings.has_unsaved_changes()):
                    settings.reload()  # else the changes not yet applied stay
                settings.present()
            elif which is Window.SUGGEST:
                self.composer_dialog().present()
            else:
                self.history_window().present()
        self.settle_frames(self.windows[which])
        ready_signal(f"shown:{which.value}")

    def _open_reflection(self) -> None:
        """Up at once when on show (the words being typed stay as they are); else once
        the day is read on the store's worker, whole, never first with the day it last
        showed. Asked again meanwhile, it comes up once, with the newer read."""
        reflection = self.reflection_dialog()

        def present() -> None:
            with self.activation():
                reflection.present()
            self.settle_frames(reflection)
            ready_signal(f"shown:{Window.REFLECT.value}")

        if reflection.isVisible():
            if not reflection.has_unsaved_changes():
                reflection.load_day()  # today as it is now, filled in when read
            present()
            return
        reflection.load_day(then=present)
