"""Running a small desktop helper (gsettings, xprop): one deadline, a cap on what is read.

`subprocess.run(capture_output=True)` reads whatever the helper writes before it can be
cut: a helper that floods its output (a broken or hostile one earlier on PATH) would
fill the app's memory. This reads at most `limit` bytes and kills the helper past it
or past the deadline, whichever comes first.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlcoach.system.stop import Stop


class TooMuchOutput(subprocess.SubprocessError):
    """The helper wrote more than the limit."""


def run_bounded(args: Sequence[str], *, timeout: float, limit: int,
                env: Mapping[str, str] | None = None,
                stop: Stop | None = None) -> subprocess.CompletedProcess[str]:
    """Run `args` with no input; its standard output (UTF-8, at most `limit` bytes) and
    exit code. Raises subprocess.TimeoutExpired, TooMuchOutput or OSError. `stop` set
    meanwhile (its answer no longer needed) kills the helper: it ends killed."""
    deadline = time.monotonic() + timeout
    proc = subprocess.Popen(list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = bytearray()
    forget = stop.on_stop(proc.kill) if stop is not None else None
    try:
        with selectors.DefaultSelector() as watch:
            watch.register(proc.stdout, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise subprocess.TimeoutExpired(list(args), timeout)
                if not watch.select(left):
                    continue
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                out += chunk
                if len(out) > limit:
                    raise TooMuchOutput(f"{args[0]} wrote more than {limit} bytes")
        code = proc.wait(max(0.0, deadline - time.monotonic()))
    finally:
        if forget is not None:
            forget()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    return subprocess.CompletedProcess(list(args), code, out.decode("utf-8", "replace"), None)
