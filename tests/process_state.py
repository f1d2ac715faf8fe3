"""What a test may change for the whole tests' process, and its giving back (see the
`process_state_given_back` fixture in tests/conftest.py)."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
from collections.abc import Iterator

#: Handlers the CLI and the app set (SIGTERM, SIGHUP, SIGINT) and the fault tests' SIGXFSZ.
SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGXFSZ)
#: Core dumps (the CLI turns them off), file size and memory (the fault tests).
LIMITS = (resource.RLIMIT_CORE, resource.RLIMIT_FSIZE, resource.RLIMIT_AS)


@contextlib.contextmanager
def given_back() -> Iterator[None]:
    """The umask, LIMITS, SIGNALS' handlers and the working folder as they were before."""
    mask = os.umask(0o077)
    os.umask(mask)
    limits = {r: resource.getrlimit(r) for r in LIMITS}
    handlers = {s: signal.getsignal(s) for s in SIGNALS}
    folder = os.getcwd()
    try:
        yield
    finally:
        os.umask(mask)
        for r, was in limits.items():
            if resource.getrlimit(r) != was:
                resource.setrlimit(r, was)
        for s, handler in handlers.items():
            if handler is not None and signal.getsignal(s) != handler:
                signal.signal(s, handler)
        if os.getcwd() != folder:
            os.chdir(folder)
