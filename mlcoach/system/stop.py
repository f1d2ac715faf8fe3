"""A stop for waits under way on other threads: set once, from any thread, it runs what
each wait left to end it (a helper killed, a bus socket shut), so a question no longer
needed ends now, not at its deadline. No Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Stop:
    """Set once; `on_stop(end)` runs `end` then (at once when already set)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._set = False
        self._ends: dict[int, Callable[[], None]] = {}
        self._next = 0

    @property
    def is_set(self) -> bool:
        return self._set

    def on_stop(self, end: Callable[[], None]) -> Callable[[], None]:
        """Run `end` when this is set; returns what forgets it (the wait ended by itself)."""
        with self._lock:
            if not self._set:
                key, self._next = self._next, self._next + 1
                self._ends[key] = end
                return lambda: self._forget(key)
        _quietly(end)
        return _nothing

    def set(self) -> None:
        with self._lock:
            if self._set:
                return
            self._set = True
            ends, self._ends = list(self._ends.values()), {}
        for end in ends:
            _quietly(end)

    def _forget(self, key: int) -> None:
        with self._lock:
            self._ends.pop(key, None)


def _quietly(end: Callable[[], None]) -> None:
    try:
        end()
    except OSError:  # already ended by itself (a process reaped, a socket closed)
        pass


def _nothing() -> None:
    pass
