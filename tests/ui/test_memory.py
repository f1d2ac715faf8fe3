"""Freed memory goes back to the system after a burst of work (glibc keeps it otherwise):
what the idle app does after the daily check and when its last window closes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mlcoach.ui.memory import release_freed_memory

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc")

# 60 MB in blocks too big for Python's own allocator, all freed but the last, which pins
# the top of the heap so malloc cannot shrink it by itself.
CODE = """
import sys
from mlcoach.ui.memory import release_freed_memory

def rss_mb():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) / 1024

blocks = [bytes(1500) for _ in range(40_000)]
pin = blocks[-1]
del blocks
before = rss_mb()
done = release_freed_memory()
print(done, round(before - rss_mb()))
"""


def test_freed_heap_memory_is_given_back() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out[0] == "True"
    assert int(out[1]) >= 30  # MB no longer resident


def test_it_is_safe_to_call_at_any_time() -> None:
    assert release_freed_memory() is True
    assert release_freed_memory() is True
