"""Reading a file the user named: never more than a limit, never stuck on an empty pipe.

`open(path).read(n)` blocks in open() on a FIFO nobody writes to, so `mlcoach import
FIFO` (or an import picked from a file dialog, on the app's one worker thread) waited for
good. The file is opened without waiting, then read as usual: a pipe with a writer (a
shell's `<(…)`) is read to its end, one without gives its end at once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_at_most(path: Path | str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of `path` (one more than the limit says "too large").
    Raises OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # opened without waiting; now read as usual
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
