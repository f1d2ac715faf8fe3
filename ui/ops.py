"""Run slow work off the GUI thread and get the result back on it (Anki-style ops)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from itertools import count
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

logger = logging.getLogger(__name__)


class _Job:
    """One call on the worker: what it runs, what it gave, who hears of it (GUI side)."""

    __slots__ = ("error", "fn", "on_done", "on_failed", "result")

    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_failed: Callable[[BaseException], None]) -> None:
        self.fn, self.on_done, self.on_failed = fn, on_done, on_failed
        self.result: Any = None
        self.error: BaseException | None = None


class _Hub(QObject):
    """Lives on the GUI thread for the app's life; the worker emits, the slot runs here."""

    finished = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    def _deliver(self, key: int) -> None:
        job = _live.pop(key)
        if job.error is not None:
            job.on_failed(job.error)
        else:
            job.on_done(job.result)


def _work(key: int) -> None:
    """On the worker: run the job and hand its outcome to the GUI thread.

    The worker keeps no reference to anything the job holds once it emits: `_live`
    (GUI side) holds the job until its outcome is delivered, so the job's function,
    what it closed over, its result and its error are all let go of on the GUI thread.
    An object dying on the worker ran PySide's clean-up there: a bound method's owner
    connected to a signal (an export's stop event, connected to its progress dialog's
    Cancel) disconnected with the GIL released, editing PySide's connection table while
    the GUI thread connected or disconnected (segfault, or an abort later); a QObject
    (the old per-job relay) was deleted on the wrong thread.
    """
    job = _live[key]
    try:
        job.result = job.fn()
    except BaseException as exc:  # handed to the GUI thread, never lost
        job.error = exc
    del job
    hub().finished.emit(key)


_pool: QThreadPool | None = None
_hub: _Hub | None = None
_live: dict[int, _Job] = {}  # jobs not yet delivered, by key
_keys = count()


def pool() -> QThreadPool:
    """One worker thread: store work is serialised, like Anki's collection executor."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


_asking: QThreadPool | None = None


def asking_pool() -> QThreadPool:
    """Workers for questions to other processes (the desktop's services and helpers, a
    bus's handshake): one that hangs until its deadline holds up neither the GUI, nor
    the store's work, nor (up to four at once) another question."""
    global _asking
    if _asking is None:
        _asking = QThreadPool()
        _asking.setMaxThreadCount(4)
        _asking.setExpiryTimeout(-1)
    return _asking


def hub() -> _Hub:
    """The one object the worker's outcomes go through (made on the GUI thread)."""
    global _hub
    if _hub is None:
        _hub = _Hub()
    return _hub


T = TypeVar("T")


def run(fn: Callable[[], T], on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None], on: QThreadPool | None = None) -> None:
    """Call `fn` on the worker (the store's, or the pool `on`); then `on_done(result)` or
    `on_failed(exc)` on the GUI thread."""
    hub()  # on the GUI thread, before the worker needs it
    key = next(_keys)
    _live[key] = _Job(fn, on_done, on_failed)
    # A plain callable, not a QRunnable subclass: PySide makes a QRunnable given to the
    # pool the pool's child, and often never lets go of it (18 to 191 of 200 jobs in
    # tests/ui/test_long_running.py, more on a loaded machine; the cause lies in
    # PySide): each job's runnable and what it held stayed for the app's life. The
    # callable holds only the job's key, so what the worker drops after the call is
    # nothing of the job's (see _work).
    (on or pool()).start(partial(_work, key))
