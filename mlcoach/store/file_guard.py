"""Keep this process's connections off a store file while it is swapped for a backup.

SQLite must not have a file renamed or replaced under an open connection: a connection
to the old file that closes afterwards checkpoints and deletes the `-wal` and `-shm` by
name, which by then belong to the new file. Every store connection holds a share of the
file's guard; a restore holds it exclusively for the few milliseconds of the swap.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


class FileGuard:
    """Many connections at once, or one swap; a thread may hold several shares."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._shares = 0
        self._swapping = False
        self._mine = threading.local()  # shares held by the calling thread

    @property
    def shares(self) -> int:
        return self._shares

    def acquire_share(self) -> None:
        held = getattr(self._mine, "n", 0)
        with self._cond:
            if not held:  # a nested connection of a holder must not wait for the swap
                self._cond.wait_for(lambda: not self._swapping)
            self._shares += 1
        self._mine.n = held + 1

    def release_share(self) -> None:
        with self._cond:
            if self._shares > 0:
                self._shares -= 1
            self._cond.notify_all()
        self._mine.n = max(getattr(self._mine, "n", 0) - 1, 0)

    @contextlib.contextmanager
    def exclusive(self, timeout: float = 10.0) -> Iterator[None]:
        """Wait for open connections to close (at most `timeout` seconds: a share that was
        never given back must not stop a restore), and keep new ones out until done."""
        with self._cond:
            self._cond.wait_for(lambda: not self._swapping)
            self._swapping = True
            if not self._cond.wait_for(lambda: self._shares == 0, timeout):
                logger.warning("%d store connection(s) still open during a restore",
                               self._shares)
        try:
            yield
        finally:
            with self._cond:
                self._swapping = False
                self._cond.notify_all()


_guards: dict[Path, FileGuard] = {}
_guards_lock = threading.Lock()


def guard_for(path: Path) -> FileGuard:
    """The one guard of the store file at `path` in this process."""
    key = Path(path).absolute()
    with _guards_lock:
        return _guards.setdefault(key, FileGuard())
