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
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


class FileGuard:
    """Many connections at once, or one swap; a thread may hold several shares."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._shares = 0
        self._swapping = False
        self._mine = threading.local()  # shares held by the calling thread
        # Long-lived connections (see KeptConnection) give their share back on request.
        self._closers: weakref.WeakSet[KeptConnection] = weakref.WeakSet()

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

    def acquire_kept(self) -> None:
        """A share for a connection that outlives a call and may be closed on another
        thread: it always waits for a swap and is not counted as the thread's own."""
        with self._cond:
            self._cond.wait_for(lambda: not self._swapping)
            self._shares += 1

    def release_kept(self) -> None:
        with self._cond:
            if self._shares > 0:
                self._shares -= 1
            self._cond.notify_all()

    def keep(self, kept: KeptConnection) -> None:
        self._closers.add(kept)

    @contextlib.contextmanager
    def exclusive(self, timeout: float = 10.0) -> Iterator[None]:
        """Wait for open connections to close (at most `timeout` seconds: a share that was
        never given back must not stop a restore), and keep new ones out until done.
        Kept connections are asked to close first (each waits for its running query)."""
        with self._cond:
            self._cond.wait_for(lambda: not self._swapping)
            self._swapping = True
        for kept in list(self._closers):
            kept.release()
        with self._cond:
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


class KeptConnection:
    """One raw connection kept across calls (a window's life instead of one per call, so
    SQLCipher's page cache stays warm), given up whenever a restore swaps the file and
    opened again by the next call. Calls from several threads take turns."""

    def __init__(self, path: Path, connect: Callable[[], object]) -> None:
        self._guard = guard_for(path)
        self._connect = connect
        self._lock = threading.Lock()
        self._conn: object | None = None
        self._guard.keep(self)

    @contextlib.contextmanager
    def use(self) -> Iterator[object]:
        with self._lock:
            if self._conn is None:
                self._guard.acquire_kept()  # waits while a restore swaps the file
                try:
                    self._conn = self._connect()
                except BaseException:
                    self._guard.release_kept()
                    raise
            yield self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def release(self) -> None:
        """Close the connection now (it opens again on the next call)."""
        if self._conn is None:  # e.g. a caller holding the lock is waiting for the swap
            return
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is not None:
                try:
                    conn.close()  # type: ignore[attr-defined]
                finally:
                    self._guard.release_kept()
