"""After an upgrade under the running app: restart into the new version, never mix.

The windows' modules load when a window first opens; once the installed code changed
(mlcoach.system.install_stamp) the app serves no request that would load it. With none of
its windows open (nothing typed can be lost) it restarts itself as the user started it,
carrying the request; with one open it says so once and restarts when the last closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from mlcoach.system.install_stamp import (
    Folder,
    ImportGuard,
    InstallStamp,
    restart_command,
    runnable,
)

logger = logging.getLogger(__name__)

# The installed files must stay as they are this long before the restart runs them: an
# upgrade replaces them one by one (dpkg, then its postinst; pipx, then each dependency).
SETTLE_MS = 3000
# Looks while they keep changing; then the app says it cannot restart by itself.
SETTLE_TRIES = 100
# What a restart with no request of its own carries: start, open nothing.
QUIET = "run"


class UpgradeWatch(QObject):
    """Decides, when the installed code changed, whether the app restarts now or later.

    Signals:
        stale_import(str): a module was refused by the import guard (from any thread).
    """

    stale_import = Signal(str)

    def __init__(self, stamp: InstallStamp | None, data_root: Path, *,
                 open_windows: Callable[[], list[QWidget]], say: Callable[[str], None],
                 restart: Callable[[list[str]], None], settle_ms: int = SETTLE_MS,
                 parent: QObject | None = None) -> None:
        """Args: open_windows: the app's windows the user sees now; say: one calm line to
        the user; restart: quit keeping what was typed, then run the command."""
        super().__init__(parent)
        self._stamp = stamp
        self._data_root = data_root
        self._open_windows, self._say, self._restart = open_windows, say, restart
        self._request = QUIET
        self._seen: tuple[Folder, ...] = ()
        self._tries = 0
        self._said: set[str] = set()
        self._watched: set[int] = set()
        self._stopped = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(settle_ms)
        self._settle.timeout.connect(self.settle)
        self.stale_import.connect(self._on_stale_import)

    def guard(self) -> ImportGuard | None:
        """The import guard for this stamp (installed by the caller), None without one."""
        if self._stamp is None:
            return None
        return ImportGuard(self._stamp, self.stale_import.emit)

    def upgraded(self) -> bool:
        """Whether the installed code is no longer the one this app started from."""
        return self._stamp is not None and self._stamp.changed()

    @property
    def restarting(self) -> bool:
        return self._settle.isActive()

    def hold(self, request: str, *, built: bool = False) -> bool:
        """Whether `request` must not be served here (the code changed): True when the
        restart was started for it, or it needs code this app has not loaded.

        Args:
            built: what the request opens is already loaded (an open window, shown again).
        """
        if not self.upgraded():
            return False
        shown = self._open_windows()
        if shown:
            self._restart_once_closed(shown)
            return not built
        self._request = request
        self._start_settling()
        return True

    def stop(self) -> None:
        """The app is stopping: no restart is started or settled from now on (a window
        hidden as it goes, or the files' settle timer, would quit it again)."""
        self._stopped = True
        self._settle.stop()

    def _start_settling(self) -> None:
        if self._settle.isActive() or self._stamp is None or self._stopped:
            return
        logger.info("mlcoach was updated while running; restarting once its files settle")
        self._seen, self._tries = self._stamp.read(), 0
        self._settle.start()

    def settle(self) -> None:
        """The files stayed as they were: restart, if still nothing typed can be lost."""
        assert self._stamp is not None
        self._settle.stop()  # called directly (tests) as when it fires: once
        if self._stopped:
            return
        now = self._stamp.read()
        if now != self._seen:  # still being installed
            self._seen, self._tries = now, self._tries + 1
            if self._tries < SETTLE_TRIES:
                self._settle.start()
            else:
                self._cannot_restart("the installed files kept changing")
            return
        shown = self._open_windows()
        if shown:  # opened while the files settled
            self._restart_once_closed(shown)
            return
        command = restart_command(self._data_root, self._request)
        if not runnable(command):
            self._cannot_restart(f"{command[0]} is not there to run")
            return
        logger.info("restarting into the new version: %s", " ".join(command))
        self._restart(command)

    def _cannot_restart(self, why: str) -> None:
        logger.warning("mlcoach cannot restart itself after an update: %s", why)
        self._say_once("cannot", self.tr(
            "mlcoach was updated or removed while it was running and cannot restart by "
            "itself. Quit it and start it again."))

    def _restart_once_closed(self, shown: list[QWidget]) -> None:
        """Say it once; restart (opening nothing) when the last of `shown` is closed."""
        for window in shown:
            if id(window) not in self._watched:
                self._watched.add(id(window))
                window.installEventFilter(self)
        self._say_once("wait", self.tr(
            "mlcoach was updated while it was running. It will restart into the new "
            "version once you close its open windows."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            QTimer.singleShot(0, self._after_close)  # once the window is hidden
        return False

    def _after_close(self) -> None:
        if self.upgraded() and not self._open_windows():
            self._request = QUIET  # what was asked for then is not popped up now
            self._start_settling()

    def _on_stale_import(self, name: str) -> None:
        """Something reached for new code outside the checked paths: restart when free."""
        logger.warning("refused to load %s from the updated install", name)
        self.hold(QUIET, built=True)

    def _say_once(self, key: str, text: str) -> None:
        if key not in self._said:
            self._said.add(key)
            self._say(text)
