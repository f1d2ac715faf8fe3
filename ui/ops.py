"""Run slow work off the GUI thread and get the result back on it (Anki-style ops)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, never lost
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


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
    pool().start(_Task(fn, relay))
