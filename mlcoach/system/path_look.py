"""Whether a path the user named is there, asked with a deadline: it may be on a network
mount, and a look at a hung one never returns (the process waits in the kernel). The
look runs on a daemon thread; past the deadline the answer is "cannot tell", and the
thread is left to end whenever the mount does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

#: How long a window waits to know whether a file is there, at a user's click.
LOOK_WAIT_S = 1.0


def kind_of(path: Path, wait_s: float | None = None,
            look: Callable[[Path], os.stat_result] | None = None) -> str | None:
    """"dir", "file" or "missing" for `path` (~ expanded), or None when the look did not
    end within `wait_s` (LOOK_WAIT_S).

    Args:
        look: os.stat (None), or a test's stand-in.
    """
    import stat

    box: list[str] = []
    ask_os = os.stat if look is None else look

    def ask() -> None:
        try:
            mode = ask_os(path.expanduser()).st_mode
        except (OSError, ValueError):
            box.append("missing")
            return
        box.append("dir" if stat.S_ISDIR(mode) else "file")

    asker = threading.Thread(target=ask, name="mlcoach-path-look", daemon=True)
    asker.start()
    asker.join(LOOK_WAIT_S if wait_s is None else wait_s)
    return box[0] if box else None
