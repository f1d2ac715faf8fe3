"""Run slow work off the GUI thread and get the result back on it (Anki-style ops).

At quit (`settle`) the store's work already queued is finished, within QUIT_WAIT_S; reads
and questions to other processes are not waited for (`idle` tells the app whether to end
the process without them).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from itertools import count
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

logger = logging.getLogger(__name__)

#: How long quitting waits for the store's queued work: a write waits this long for
#: another process's write anyway (the store's minute), and a little more to finish.
QUIT_WAIT_S = 65.0


class _Job:
    """One call on the worker: what it runs, what it gave, who hears of it (GUI side);
    `kept`: a quit waits for it (it may write)."""

    __slots__ = ("error", "fn", "kept", "on_done", "on_failed", "result")

    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_failed: Callable[[BaseException], None], kept: bool) -> None:
        self.fn, self.on_done, self.on_failed, self.kept = fn, on_done, on_failed, kept
        self.result: Any = None
        self.error: BaseException | None = None


class _Unfinished:
    """Jobs given to a worker and not yet finished there (GUI and workers share it)."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.all = 0
        self.kept = 0
        self.dropped_before = -1  # at quit: jobs with a lower key not yet begun are not run

    def add(self, kept: bool) -> None:
        with self.changed:
            self.all += 1
            self.kept += kept

    def done(self, kept: bool) -> None:
        with self.changed:
            self.all -= 1
            self.kept -= kept
            self.changed.notify_all()


class _Hub(QObject):
    """Lives on the GUI thread for the app's life; the worker emits, the slot runs here."""

    finished = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    def _deliver(self, key: int) -> None:
        job = _live.pop(key)
        if isinstance(job.error, Abandoned):  # the app quit: no one asks any more
            return
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
    kept = job.kept
    try:
        if not kept and key < _unfinished.dropped_before:  # the app is quitting
            job.error = Abandoned()
        else:
            job.result = job.fn()
    except BaseException as exc:  # handed to the GUI thread, never lost
        job.error = exc
    del job
    try:
        hub().finished.emit(key)
    finally:
        # Counted as done only now: a quit that waited for it (settle) may end the
        # process next, which must not happen while the worker is still emitting.
        _unfinished.done(kept)


class Abandoned(Exception):
    """A read or a question not begun when the app quit: not asked at all."""


_pool: QThreadPool | None = None
_hub: _Hub | None = None
_live: dict[int, _Job] = {}  # jobs not yet delivered, by key
_keys = count()
_unfinished = _Unfinished()


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
    the store's work, nor (up to four at once) another question. Nothing written here:
    a quit does not wait for them."""
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
        on_failed: Callable[[BaseException], None], on: QThreadPool | None = None, *,
        left_at_quit: bool = False) -> None:
    """Call `fn` on the worker (the store's, or the pool `on`); then `on_done(result)` or
    `on_failed(exc)` on the GUI thread.

    Args:
        left_at_quit: a quit neither waits for `fn` nor starts it (anything on the
            asking pool is left too): for a read, or work as safe to cut short as a
            killed process (opening the store, whose migration or repair the next
            start goes on with).
    """
    hub()  # on the GUI thread, before the worker needs it
    key = next(_keys)
    kept = not left_at_quit and (on is None or on is not _asking)
    _live[key] = _Job(fn, on_done, on_failed, kept)
    _unfinished.add(kept)
    # A plain callable, not a QRunnable subclass: PySide makes a QRunnable given to the
    # pool the pool's child, and often never lets go of it (18 to 191 of 200 jobs in
    # tests/ui/test_long_running.py, more on a loaded machine; the cause lies in
    # PySide): each job's runnable and what it held stayed for the app's life. The
    # callable holds only the job's key, so what the worker drops after the call is
    # nothing of the job's (see _work).
    (on or pool()).start(partial(_work, key))


def keep(write: Callable[[], object], what: str) -> None:
    """At quit: `write` (words the user typed) on the store's worker, which `settle`
    waits for; the GUI thread goes on at once. A failure is logged there, on the worker
    (the GUI thread hears nothing more): its kind, never the words."""
    def kept() -> None:
        try:
            write()
        except Exception as exc:
            logger.warning("%s could not be kept at quit: %s", what,
                           getattr(exc, "template", type(exc).__name__))
            raise
        logger.info("kept %s at quit", what)

    run(kept, _ignored, _ignored)


def _ignored(_: object) -> None:
    pass


def settle(timeout_s: float | None = None) -> bool:
    """At quit, on the GUI thread: wait until every job that may write (queued before
    now) has finished, within `timeout_s` (QUIT_WAIT_S); reads and questions not yet
    begun are dropped. True when nothing that may write is left."""
    timeout_s = QUIT_WAIT_S if timeout_s is None else timeout_s
    with _unfinished.changed:
        _unfinished.dropped_before = next(_keys)
        deadline = time.monotonic() + timeout_s
        while _unfinished.kept > 0:
            left = deadline - time.monotonic()
            if left <= 0:
                logger.error("quitting with %d store job(s) unfinished after %g s",
                             _unfinished.kept, timeout_s)
                return False
            _unfinished.changed.wait(left)
    return True


def delivered() -> bool:
    """On the GUI thread: every job given to a worker has finished and its outcome was
    delivered here (a job counts as finished, `idle`, once its outcome is posted)."""
    return not _live


def idle() -> bool:
    """No job given to a worker is still running or waiting to run."""
    with _unfinished.changed:
        return _unfinished.all == 0
