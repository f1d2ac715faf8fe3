"""Quitting: what the app does once before its process ends (the menu's Quit, the
session ending, the event loop ended some other way). A mixin of AppController
(ui/app.py), kept apart to keep that small.

The order is what the user sees: the words typed in open windows are read and their
writes queued on the store's worker; then every window, card, notification and the tray
icon goes from the screen; only then does quit wait for the store's writes (up to its
minute) and close the store.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from mlcoach.ui import ops
from mlcoach.ui.app_windows import Window

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from mlcoach.store.vault import LightOpened, Opened
    from mlcoach.ui.action_notice import ActionNotice
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.composer_dialog import ComposerDialog
    from mlcoach.ui.history.window import HistoryWindow
    from mlcoach.ui.instance_server import InstanceServer
    from mlcoach.ui.prompt_notice import PromptNotice
    from mlcoach.ui.reflection_dialog import ReflectionDialog
    from mlcoach.ui.tray import Tray

logger = logging.getLogger("mlcoach.ui.app")  # the log's lines as before the move


class Quitting:
    """Mixin: the app controller's quit."""

    app: QApplication
    opened: LightOpened | Opened | None
    windows: dict[Window, QWidget]
    tray: Tray | None
    server: InstanceServer
    _finished: bool
    _notice: PromptNotice | None
    _side_notices: dict[str, ActionNotice]

    if TYPE_CHECKING:  # provided by AppController and WindowFactories
        def stop(self) -> None: ...
        def _store(self) -> LightOpened | Opened: ...
        def capture_window(self) -> CaptureWindow: ...
        def reflection_dialog(self) -> ReflectionDialog: ...
        def composer_dialog(self) -> ComposerDialog: ...
        def history_window(self) -> HistoryWindow: ...

    def quit(self) -> None:
        """Keep what was typed, close the store and exit, whatever fails on the way (a
        store moved away, a window's own error): a quit that raises left an app that
        SIGTERM could not end. Windows are not asked to close (`exit`, not `quit`), so a
        logout never waits on a question."""
        self.finish()
        self.app.exit(0)

    def finish(self) -> None:
        """What quitting does before the event loop ends, once: also run after the loop
        ended some other way (the desktop's session manager, a platform's own quit), so
        typed words are kept and the store's queued writes finish before the process
        ends without its workers (run.end_now)."""
        if self._finished:
            return
        self._finished = True
        # Gone from the screen before the wait for the store's writes (up to its minute):
        # the words were read from the windows first, and their writes are queued.
        for step in (self.stop, self._keep_typed_words, self._hide_everything,
                     self._last_writes, self.server.close, self._close_store):
            try:
                step()
            except Exception:  # quitting goes on; the log says what failed
                logger.exception("while quitting")

    def _keep_typed_words(self) -> None:
        if self.opened is not None and getattr(self.opened, "full_is_open", True):
            self._store().full().store.wait_as_long_as_needed()  # behind an import, kept
        if Window.CAPTURE in self.windows:
            self.capture_window().keep_now()
        if Window.REFLECT in self.windows:
            self.reflection_dialog().keep_unsaved()
        if Window.SUGGEST in self.windows:
            self.composer_dialog().keep_unsaved()
        if Window.HISTORY in self.windows:
            self.history_window().keep_unsaved()

    @staticmethod
    def _last_writes() -> None:
        from mlcoach.ui.patient_write import last_tries

        last_tries()

    def _hide_everything(self) -> None:
        """Every window, card, notification and the tray icon off the screen now, the
        display told at once (the event loop may not run again before the process ends):
        a notification's buttons left after it would answer no one."""
        for notice in (self._notice, *self._side_notices.values()):
            if notice is not None:
                notice.withdraw()
        if self.tray is not None:
            self.tray.hide()
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                window.hide()
        QApplication.sync()

    def _close_store(self) -> None:
        if not ops.settle():  # a write still going: the store is not closed under it
            return
        if self.opened is not None:
            self.opened.close()
