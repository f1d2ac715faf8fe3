"""A tray write that waits its turn without holding the GUI.

While another process writes the store (a long `mlcoach import`, say), the tray's own
writes (a prompt's answer, a pause) would wait on the GUI thread for the store's
minute. The tray's store waits only a moment (`LightStore.write_wait_ms`); past that the
write is tried again each second, the GUI free in between, for about the same minute.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer

from mlcoach.domain.errors import StoreBusyError, StoreUnavailableError
from mlcoach.ui.deferred_delete import delete_later

logger = logging.getLogger(__name__)

T = TypeVar("T")

TRAY_WRITE_WAIT_MS = 200  # how long one try may hold the GUI
INTERVAL_MS = 1000
TRIES = 60

_live: set[PatientWrite[object]] = set()


class PatientWrite(QObject, Generic[T]):
    """Call `write` now; while the store is busy, again each INTERVAL_MS, TRIES times in
    all. Then `done(result)`, or `failed(error)` with the store's own one-line error."""

    def __init__(self, write: Callable[[], T], done: Callable[[T], None],
                 failed: Callable[[StoreUnavailableError], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._write, self._done, self._failed = write, done, failed
        self._left = TRIES
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._try)

    @property
    def waiting(self) -> bool:
        """Whether a try is still to come."""
        return self._timer.isActive()

    def start(self) -> PatientWrite[T]:
        _live.add(self)  # type: ignore[arg-type]
        self._try()
        return self

    def last_try(self) -> None:
        """The app is quitting: one more try if one was to come, then no more."""
        if self._timer.isActive():
            self._timer.stop()
            self._left = 1
            self._try()
        self._finish()

    def _try(self) -> None:
        self._left -= 1
        try:
            result = self._write()
        except StoreBusyError as exc:
            if self._left > 0:
                logger.info("store busy; trying again in %d ms", self._timer.interval())
                self._timer.start()
                return
            self._finish()
            self._failed(exc)
            return
        except StoreUnavailableError as exc:
            self._finish()
            self._failed(exc)
            return
        self._finish()
        self._done(result)

    def _finish(self) -> None:
        _live.discard(self)
        # Parented to the app controller: kept, it was one object (and its timer) more
        # under it for every prompt answered, every pause, for the app's whole life.
        delete_later(self)  # what it calls back may hold that controller


def pending() -> int:
    """How many writes are waiting for another try."""
    return sum(1 for w in _live if w.waiting)


def last_tries() -> None:
    """Before quitting: each waiting write is tried once more."""
    for write in list(_live):
        write.last_try()
