"""Giving freed memory back to the system after a burst of work.

glibc's malloc keeps what a program frees for reuse, arena by arena, and the worker
thread's arena is where the daily check and the windows' queries allocate: without this
the idle app would hold the daily check's ~17 MB for the rest of the day
(benchmarks/README.md). Linux with glibc only; other C libraries and systems manage
this themselves or have no such call.
"""

from __future__ import annotations

import sys


def release_freed_memory() -> bool:
    """Return freed heap pages to the system (malloc_trim). False where there is none."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim  # the C library the process already uses
    except (OSError, AttributeError):  # e.g. musl, which returns memory by itself
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    trim(0)
    return True
