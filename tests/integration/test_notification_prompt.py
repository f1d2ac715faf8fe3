"""Integration: a prompt answered from a real dunst notification's buttons is recorded
as the card would record it (Xvfb, a private session bus, dunst)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mlcoach.system import instance
from tests.integration.test_desktop import _cli, _env, _prepare, _wait_line

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def _displayed(env: dict[str, str]) -> int:
    out = subprocess.run(["dunstctl", "count", "displayed"], env=env, capture_output=True,
                         text=True, timeout=5).stdout.strip()
    return int(out) if out.isdigit() else 0


def _answer_from_notification(desktop, env: dict[str, str], label: str,  # type: ignore[no-untyped-def]
                              app: subprocess.Popen[str]) -> None:
    (Path(desktop.env["HOME"]) / "dunst-pick").write_text(label)
    deadline = time.monotonic() + 15
    while _displayed(env) == 0:
        assert time.monotonic() < deadline, "the prompt's notification never showed"
        time.sleep(0.1)
    # dunst's context menu lists the notification's actions; the picker chooses `label`.
    subprocess.run(["dunstctl", "context"], env=env, check=True, timeout=10)


@pytest.mark.parametrize(("label", "response"), [("Done", "done"), ("Later", "snoozed")])
def test_prompt_answered_from_the_notification_is_recorded(desktop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           label: str, response: str) -> None:
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    _prepare(env, notification_route="notification")
    subprocess.run(["dunstctl", "close-all"], env=env, capture_output=True)
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    data = tmp_path / "data"
    try:
        _wait_line(app, "store")
        assert instance.send(data, "prompt", timeout=20, env=env)
        _wait_line(app, "prompt")
        _answer_from_notification(desktop, env, label, app)
        _wait_line(app, f"responded:{response}")
    finally:
        instance.send(data, "quit", env=env)
        assert app.wait(timeout=20) == 0
    doc = json.loads(_cli(env, "export").stdout)
    (event,) = doc["prompt_events"]
    assert event["response"] == response
    assert _displayed(env) == 0  # answered: the notification is gone
