"""Integration: text the app put on the clipboard (a moment copied from History) is still
there for the user after mlcoach quits, on X11 with a clipboard manager (xfce4-clipman,
parcellite): a quit that ends the process at once (a keyring question still under way)
skipped Qt's handover to the manager, and the text was gone with the app.

The real app (`mlcoach run`, tests/ui/quit_child.py) on Xvfb, its keyring question held
by the test, and a stand-in clipboard manager (tests/integration/clipboard_manager.py)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_clipboard_owner import Lines
from tests.ui.test_app import _wait_ready
from tests.ui.test_quit_promptly import _ended, _env, _running

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
WORDS = "Thanked Ana for the release notes"


def test_text_copied_from_the_app_outlives_a_quit_with_a_question_under_way(
        desktop, cli_env, gate: Path) -> None:  # type: ignore[no-untyped-def]
    manager = subprocess.Popen(
        [sys.executable, str(ROOT / "tests/integration/clipboard_manager.py")],
        env=desktop.env, text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        lines = Lines(manager=manager)
        lines.until("manager", "ready")
        env = dict(_env(cli_env, "--no-encryption"), MLCOACH_TEST_KEYRING_HELD=str(gate),
                   MLCOACH_TEST_JOB="question", MLCOACH_TEST_COPY=WORDS,
                   QT_QPA_PLATFORM="xcb", DISPLAY=desktop.env["DISPLAY"])
        with _running(env, gate, "tests/ui/quit_child.py") as app:
            _wait_ready(app, "copied")
            _wait_ready(app, "keyring-asked")  # the question is under way, held
            app.send_signal(signal.SIGTERM)
            assert _ended(app) == 0
        lines.until("manager", f"saved: {WORDS}", timeout=20)
    finally:
        manager.kill()
        manager.wait()
