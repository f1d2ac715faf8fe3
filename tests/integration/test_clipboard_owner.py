"""Integration: the recovery key taken off the clipboard on a real X server (Xvfb) while
another application, hung, owns the clipboard. Reading the clipboard to see whether the
key is still there asked that application for its text, on the GUI thread: the tray and
every window waited for it (up to Qt's 5 s). What we put there is known without asking
anyone: still ours, it is taken off; another's, it is left alone and not read.

Two Qt processes on the X server: the app's clipboard code ("copier") and another
application whose clipboard text, once asked for, is not handed over until the test
lets go (it says "asked" first)."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]

COPIER = """
import sys
from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication
from mlcoach.ui.secret_clipboard import copy_secret

app = QApplication([])
clipboard = app.clipboard()
timers = []

def command():
    word = sys.stdin.readline().strip()
    if word == "copy":
        timers.append(copy_secret("ABCD-EFGH", clear_after_ms=86_400_000))
        print("copied", flush=True)
    elif word == "clear":  # the minute is up
        timers[-1].timeout.emit()
        print("cleared", "ours" if clipboard.ownsClipboard() else "not ours", flush=True)
    elif word == "quit":
        app.quit()

notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(command)
clipboard.changed.connect(
    lambda mode: print("changed", "ours" if clipboard.ownsClipboard() else "not ours",
                       flush=True))
app.exec()
print("quit", flush=True)
"""

OWNER = """
import os
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

class Held(QMimeData):
    def retrieveData(self, mimetype, preferred):
        print("asked", flush=True)
        with open(os.environ["GATE"], encoding="utf-8") as gate:  # hung until let go
            gate.read()
        return super().retrieveData(mimetype, preferred)

app = QApplication([])
mime = Held()
mime.setText("the user's own words")
app.clipboard().setMimeData(mime)
print("owned", flush=True)
app.exec()
"""


class Lines:
    """Lines printed by child processes, read as they come (never past a deadline)."""

    def __init__(self, **procs: subprocess.Popen[str]) -> None:
        self._sel = selectors.DefaultSelector()
        self._partial: dict[str, bytes] = {}
        for name, proc in procs.items():
            assert proc.stdout is not None
            self._sel.register(proc.stdout.fileno(), selectors.EVENT_READ, name)
            self._partial[name] = b""

    def until(self, who: str, line: str, timeout: float = 60.0) -> list[tuple[str, str]]:
        """Every line read until `who` printed `line`; AssertionError past `timeout`."""
        seen: list[tuple[str, str]] = []
        deadline = time.monotonic() + timeout
        while (who, line) not in seen:
            left = deadline - time.monotonic()
            events = self._sel.select(left) if left > 0 else []
            if not events:
                raise AssertionError(f"{who} did not say {line!r}: {seen}")
            for key, _ in events:
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    self._sel.unregister(key.fd)
                    continue
                *done, self._partial[key.data] = (self._partial[key.data] + chunk).split(b"\n")
                seen.extend((key.data, d.decode()) for d in done)
        return seen


def _qt(desktop, code: str, **env: str) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, text=True, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env=dict(desktop.env, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT), **env))


def _say(proc: subprocess.Popen[str], word: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(word + "\n")
    proc.stdin.flush()


def test_the_key_leaves_the_clipboard_without_asking_a_hung_owner(
        desktop, gate: Path) -> None:  # type: ignore[no-untyped-def]
    copier = _qt(desktop, COPIER)
    owner: subprocess.Popen[str] | None = None
    try:
        lines = Lines(copier=copier)
        # Still ours when the minute is up: taken off.
        _say(copier, "copy")
        lines.until("copier", "copied")
        _say(copier, "clear")
        lines.until("copier", "cleared not ours")
        # Another application copies something since, and hangs.
        _say(copier, "copy")
        lines.until("copier", "copied")
        owner = _qt(desktop, OWNER, GATE=str(gate))
        lines = Lines(copier=copier, owner=owner)
        seen = lines.until("copier", "changed not ours")
        _say(copier, "clear")
        seen += lines.until("copier", "cleared not ours")
        _say(copier, "quit")
        seen += lines.until("copier", "quit")
        assert ("owner", "asked") not in seen  # the other application was never asked
        assert copier.wait(timeout=60) == 0
    finally:
        for proc in (copier, owner):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
