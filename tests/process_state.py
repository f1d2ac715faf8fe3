"""What a test may change for the whole tests' process, and its giving back (see the
`process_state_given_back` fixture in tests/conftest.py)."""

from __future__ import annotations

import contextlib
import logging
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
    """The umask, LIMITS, SIGNALS' handlers, the working folder and the root logger's
    handlers and level as they were before (`main()` puts its own handler in place of
    pytest's, writing to the test's captured stderr for the rest of the run)."""
    root = logging.getLogger()
    logged = (root.handlers[:], root.level)
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
        root.handlers[:], level = logged
        root.setLevel(level)
