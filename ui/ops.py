"""Run slow work off the GUI thread and get the result back on it (Anki-style ops)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

logger = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its slots run there when the worker emits."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None],
                 on_failed: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_done, self._on_failed = on_done, on_failed
        self.done.connect(self._finish_done)
        self.failed.connect(self._finish_failed)

    def _finish_done(self, result: Any) -> None:
        _live.discard(self)
        self._on_done(result)

    def _finish_failed(self, exc: BaseException) -> None:
        _live.discard(self)
        self._on_failed(exc)


def _work(fn: Callable[[], Any], relay: _Relay) -> None:
    """On the worker: run `fn` and hand its result (or its error) to the GUI thread."""
    try:
        result = fn()
    except BaseException as exc:  # handed to the GUI thread, never lost
        relay.failed.emit(exc)
    else:
        relay.done.emit(result)


_pool: QThreadPool | None = None
_live: set[_Relay] = set()


def pool() -> QThreadPool:
    """One worker thread: store work is serialised, like Anki's collection executor."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


T = TypeVar("T")


def run(fn: Callable[[], T], on_done: Callable[[T], None],
        on_failed: Callable[[BaseException], None]) -> None:
    """Call `fn` on the worker; then `on_done(result)` or `on_failed(exc)` on the GUI thread."""
    relay = _Relay(on_done, on_failed)
    _live.add(relay)
    # A plain callable, not a QRunnable subclass: PySide makes a QRunnable given to the
    # pool the pool's child, and often never lets go of it (18 to 191 of 200 jobs in
    # tests/ui/test_long_running.py, more on a loaded machine; the cause lies in
    # PySide): each job's runnable, its relay and what they held (a calendar read every
    # five minutes, every save) stayed for the app's life. A callable's reference is
    # dropped as soon as it has run.
    pool().start(partial(_work, fn, relay))
