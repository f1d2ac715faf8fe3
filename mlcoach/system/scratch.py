"""Private temporary folders for a command's own copy of a store, and what a killed
command left of them.

A read-only data folder is read from a copy (cli/main.py), and a plain store's copy holds
the user's words in clear: a process killed while it reads must not leave it behind for
good. Each folder holds a lock while in use; any folder of ours whose lock is free is
what a killed command left, and goes at the next such command and at a wipe.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PREFIXES = ("mlcoach-read-", "mlcoach-empty-")
_IN_USE = ".in-use"
_GRACE_S = 60  # a folder made this recently may not hold its lock yet


def scratch_parent() -> Path:
    """The session's memory-backed runtime folder where there is one (gone at logout
    even after a kill), else the temporary folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return Path(runtime) if runtime and os.path.isdir(runtime) else Path(tempfile.gettempdir())


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A new 0700 folder, locked while in use and removed after; leftovers of killed
    commands are removed first."""
    parent = scratch_parent()
    remove_left_over(parent)
    with tempfile.TemporaryDirectory(prefix=prefix, dir=parent) as name:
        folder = Path(name)
        with open(folder / _IN_USE, "w") as lock:
            if os.name == "posix":
                import fcntl

                fcntl.flock(lock, fcntl.LOCK_EX)
            yield folder


def remove_left_over(parent: Path | None = None) -> list[Path]:
    """Remove the scratch folders of ours that no running command holds, in `parent`, or
    by default wherever they are made (the runtime folder, and the temporary folder a
    command without one used); return them."""
    gone: list[Path] = []
    if os.name != "posix":
        return gone  # no flock: a folder in use cannot be told from a leftover
    if parent is None:
        for place in dict.fromkeys((scratch_parent(), Path(tempfile.gettempdir()))):
            gone += remove_left_over(place)
        return gone
    import fcntl

    try:
        found = [p for p in parent.iterdir() if p.name.startswith(PREFIXES)]
    except OSError:
        return gone
    for folder in found:
        try:
            info = os.lstat(folder)
            if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
                continue
            if time.time() - info.st_mtime < _GRACE_S:
                continue  # made just now: it may not hold its lock yet
            lock = folder / _IN_USE
            if not lock.exists():
                shutil.rmtree(folder)
                gone.append(folder)
                continue
            with open(lock) as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # in use by a running command
                shutil.rmtree(folder)
                gone.append(folder)
        except OSError:
            continue
    return gone
