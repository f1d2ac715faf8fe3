"""A clock that keeps counting through suspend, in a module of its own: the tray reads it
before its icon shows, and `mlcoach.system.clock` loads datetime, which the icon does not
need."""

from __future__ import annotations

import time


def boot_clock() -> float:
    """Seconds on a clock that keeps counting through suspend and never jumps."""
    try:
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    except (AttributeError, OSError):
        return time.monotonic()
