"""Integration: the real app under Xvfb with a tray host (trayer), a notification server
(dunst) and the Secret Service (gnome-keyring), all on a private session bus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mlcoach.system import instance

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def _env(desktop, tmp_path: Path, **extra: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    env = dict(desktop.env)
    env.update(MLCOACH_DATA_DIR=str(tmp_path / "data"), MLCOACH_READY_SIGNAL="1",
               PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring")
    env.update(extra)
    return env


def _cli(env: dict[str, str], *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "mlcoach", *args], env=env, input=input,
                          capture_output=True, text=True, timeout=60)


def _wait_line(proc: subprocess.Popen[str], wanted: str, timeout: float = 30) -> float:
    start = time.monotonic()
    assert proc.stderr is not None
    while time.monotonic() - start < timeout:
        line = proc.stderr.readline()
        if not line:
            raise AssertionError(f"app exited: {proc.poll()}")
        if line.strip() == f"mlcoach-ready: {wanted}":
            return time.monotonic() - start
    raise AssertionError(f"no {wanted!r} signal")


def _tray_children(env: dict[str, str]) -> str:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True,
                          text=True).stdout
    return tree


def _wait_embedded(env: dict[str, str], timeout: float = 15) -> str:
    """Wait until the icon is a child of trayer's panel; returns the window tree (and fails
    with it when the icon never got there)."""
    tree = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = _tray_children(env)
        if _embedded_in_tray(tree):
            break
        time.sleep(0.1)
    assert _embedded_in_tray(tree), tree
    return tree


def _embedded_in_tray(tree: str) -> bool:
    """True when an mlcoach window is a child of trayer's panel (XEmbed)."""
    lines = tree.splitlines()
    for i, line in enumerate(lines):
        if '("panel" "trayer")' in line:
            depth = len(line) - len(line.lstrip())
            for child in lines[i + 1:]:
                if len(child) - len(child.lstrip()) <= depth:
                    break
                if '("mlcoach" "mlcoach")' in child:
                    return True
    return False


def _prepare(env: dict[str, str], **settings: object) -> None:
    code = (
        "import json, os, sys\n"
        "from dataclasses import replace\n"
        "from pathlib import Path\n"
        "from mlcoach.security.keys import OSKeyring\n"
        "from mlcoach.store.vault import Layout, open_store\n"
        "o = open_store(Layout(Path(os.environ['MLCOACH_DATA_DIR'])), keys=OSKeyring())\n"
        "o.store.set_state('welcome_done', True)\n"
        f"changes = json.loads({json.dumps(json.dumps(settings))})\n"
        "o.store.save_settings(replace(o.store.settings(), **changes))\n"
        "o.store.close()\n"
    )
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_secret_service_holds_the_key_and_recovery_restores_it(desktop, tmp_path):
    env = _env(desktop, tmp_path)
    first = _cli(env, "capture", "Asked Ana how a shorter standup would work @Ana")
    assert first.returncode == 0, first.stderr
    recovery = _cli(env, "doctor", "--recovery-key").stdout.strip()
    assert recovery and recovery in first.stderr
    meta = json.loads((tmp_path / "data" / "store.json").read_text())
    # Delete the keyring entry through the Secret Service itself.
    code = ("import keyring; keyring.delete_password('io.github.mlcoach.MLCoach', "
            f"{meta['store_id']!r})")
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    locked = _cli(env, "export")
    assert locked.returncode == 1 and "mlcoach recover" in locked.stderr
    wrong = _cli(env, "recover", input="AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"
                 "-AAAA-AAAA-AAAA-AAAA\n")
    assert wrong.returncode != 0
    assert _cli(env, "recover", input=recovery + "\n").returncode == 0
    doc = json.loads(_cli(env, "export").stdout)
    assert doc["moments"][0]["person"] == "Ana"


def test_tray_icon_appears_and_a_prompt_arrives_as_card_and_notification(desktop, tmp_path):
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    _prepare(env, notification_route="both")
    subprocess.run(["dunstctl", "history-clear"], env=env, capture_output=True)
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    data = tmp_path / "data"
    try:
        took = _wait_line(app, "tray")
        assert took < 15
        _wait_line(app, "store")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _embedded_in_tray(_tray_children(env)):
            time.sleep(0.1)
        assert _embedded_in_tray(_tray_children(env)), _tray_children(env)
        assert instance.send(data, "prompt", timeout=20, env=env)
        _wait_line(app, "prompt")
        time.sleep(1.5)  # the notification is sent asynchronously
        subprocess.run(["dunstctl", "close-all"], env=env, check=True)
        time.sleep(0.3)
        history = json.loads(subprocess.run(["dunstctl", "history"], env=env,
                                            capture_output=True, text=True).stdout)
        notes = [n for group in history["data"] for n in group]
        assert any(n["appname"]["data"] == "mlcoach" for n in notes)
        assert "mlcoach prompt" in _tray_children(env)  # the card window exists
        # A moment captured from the shell is in the store the app uses.
        res = _cli(env, "capture", "Thanked Bo for the review #review")
        assert res.returncode == 0, res.stderr
        assert instance.send(data, "reflect", timeout=20, env=env)
        _wait_line(app, "shown:reflect")  # the first window loads the ORM: not a fixed wait
        assert "Reflect" in _tray_children(env) or "reflection" in _tray_children(env).lower()
    finally:
        instance.send(data, "quit", env=env)
        assert app.wait(timeout=20) == 0


def test_no_network_connections_from_the_cli(desktop, tmp_path):
    env = _env(desktop, tmp_path, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    code = (
        "import socket, sys\n"
        "real = socket.socket.connect\n"
        "attempts = []\n"
        "def guard(self, addr):\n"
        "    if self.family in (socket.AF_INET, socket.AF_INET6):\n"
        "        attempts.append(addr); raise OSError('network blocked by test')\n"
        "    return real(self, addr)\n"
        "socket.socket.connect = guard\n"
        "from mlcoach.cli.main import main\n"
        "for argv in (['capture', 'x @Ana #t'], ['export'], ['stats'], ['search', 'x'],\n"
        "             ['prompt'], ['suggest', '--style', 'facts', '--change', 'a instead of b'],\n"
        "             ['doctor']):\n"
        "    main(argv)\n"
        "print('ATTEMPTS', len(attempts))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120)
    assert "ATTEMPTS 0" in res.stdout, res.stderr
    assert os.path.exists(tmp_path / "data" / "mlcoach.db")


def test_the_app_quits_even_when_its_store_went_away_under_the_welcome(desktop, tmp_path):
    """The data folder moved while the first-run welcome was open (on a real X server,
    where quitting closed the welcome): closing it could not save, the quit raised in
    the welcome's reject, and SIGTERM left an app only SIGKILL could end."""
    import signal

    env = _env(desktop, tmp_path)
    assert _cli(env, "init", "--no-encryption").returncode == 0
    app = subprocess.Popen([sys.executable, "-m", "mlcoach", "run"], env=env, text=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_line(app, "shown:welcome", 60)  # no welcome_done: the welcome is up
        (tmp_path / "data").rename(tmp_path / "moved")
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=60) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def test_the_offered_reflection_leaves_the_keyboard_where_the_user_types(desktop, tmp_path):
    """On a real X server (no window manager to prevent it): the evening's offer came up
    and took the keys being typed; asked for from the tray, it takes them."""
    env = _env(desktop, tmp_path)
    assert _cli(env, "init").returncode == 0
    probe = str(Path(__file__).with_name("focus_probe.py"))
    seen = {}
    for how in ("offer", "present"):
        res = subprocess.run([sys.executable, probe, env["MLCOACH_DATA_DIR"], how], env=env,
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr
        seen[how] = res.stdout.strip().splitlines()[-1]
    assert seen == {"offer": "line", "present": "reflection"}
