"""No core dump of an mlcoach process: it would hold the raw key and decrypted notes.

A crash would otherwise leave the process's memory in a core file, or in
systemd-coredump's store, outside the store's encryption and beyond `mlcoach wipe`. The
soft limit is set to zero, as KeePassXC does; the hard limit stays, so MLCOACH_DEBUG=1
(or `ulimit -c` in a shell that starts it) can still ask for one when debugging a crash.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

logger = logging.getLogger(__name__)


def forbid_core_dumps(env: Mapping[str, str] | None = None) -> None:
    """Set RLIMIT_CORE's soft limit to 0 (POSIX), unless MLCOACH_DEBUG is set."""
    env = os.environ if env is None else env
    if os.name != "posix" or env.get("MLCOACH_DEBUG"):
        return
    import resource

    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    except (OSError, ValueError) as exc:  # a sandbox that forbids it: keep going
        logger.debug("could not turn core dumps off: %s", exc)
