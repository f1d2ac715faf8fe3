"""A private session bus, with or without gnome-keyring as the Secret Service, for tests
that need a real one but no display. Every process is killed by PID afterwards."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def _kill(pids: list[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in reversed(pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        time.sleep(0.1)


def base_env(root: Path) -> dict[str, str]:
    """A clean environment with its own HOME and runtime folder under `root`."""
    home, runtime = root / "home", root / "run"
    home.mkdir(parents=True, exist_ok=True)
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MLCOACH_", "PYTHON_KEYRING", "DBUS_", "GNOME_KEYRING"))}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("DISPLAY", None)
    return env


@contextlib.contextmanager
def session_bus(root: Path, *, keyring: bool) -> Iterator[dict[str, str]]:
    """Start dbus-daemon (and gnome-keyring's secrets component when `keyring`); yield
    the environment that reaches them."""
    needed = ["dbus-daemon"] + (["gnome-keyring-daemon"] if keyring else [])
    missing = [t for t in needed if shutil.which(t) is None]
    if missing:
        if os.environ.get("MLCOACH_REQUIRE_DESKTOP"):
            pytest.fail(f"missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")
    env = base_env(root)
    pids: list[int] = []
    try:
        out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                              "--print-pid=1"], env=env, capture_output=True, text=True,
                             check=True, timeout=30).stdout.split()
        env["DBUS_SESSION_BUS_ADDRESS"] = out[0]
        pids.append(int(out[1]))
        if keyring:
            started = subprocess.run(
                ["gnome-keyring-daemon", "--unlock", "--daemonize", "--components=secrets"],
                input="test-pw", env=env, capture_output=True, text=True, check=True,
                timeout=30)
            for line in started.stdout.splitlines():
                key, _, value = line.partition("=")
                if key == "GNOME_KEYRING_PID" and value.isdigit():
                    pids.append(int(value))
            owner = subprocess.run(
                ["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                 "string:org.freedesktop.secrets"], env=env, capture_output=True, text=True,
                timeout=30)
            words = owner.stdout.split()
            if words and words[-1].isdigit():
                pids.append(int(words[-1]))
        yield env
    finally:
        _kill(pids)
