"""`mlcoach doctor` asks the session bus which desktop services are there (a real private
dbus-daemon with no services to start, and a fake bus that never answers)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.reliability.bus import base_env
from tests.reliability.test_hostile_bus import fake_bus, on, silent

NAME_OWNER = """
import sys, time
from jeepney.io.blocking import open_dbus_connection, Proxy
from jeepney.bus_messages import message_bus
conn = open_dbus_connection(bus=sys.argv[1])
for name in sys.argv[2:]:
    Proxy(message_bus, conn).RequestName(name)
print("ready", flush=True)
time.sleep(600)
"""


def _doctor(env: dict[str, str], data: Path) -> dict[str, dict[str, str]]:
    res = subprocess.run([sys.executable, "-m", "mlcoach", "--data-dir", str(data), "doctor",
                          "--json"], env={**env, "PYTHON_KEYRING_BACKEND":
                                          "keyring.backends.null.Keyring"},
                         capture_output=True, text=True, timeout=60)
    return {c["name"]: c for c in json.loads(res.stdout)}


def _bare_bus(root: Path, env: dict[str, str]) -> tuple[str, int]:
    """dbus-daemon with Debian's session config but no folders of services to start."""
    config = root / "session.conf"
    text = Path("/usr/share/dbus-1/session.conf").read_text()
    config.write_text(re.sub(r"<standard_session_servicedirs\s*/>|<servicedir>.*?</servicedir>",
                             "", text))
    out = subprocess.run(["dbus-daemon", f"--config-file={config}", "--fork",
                          "--print-address=1", "--print-pid=1"], env=env, capture_output=True,
                         text=True, check=True, timeout=30).stdout.split()
    return out[0], int(out[1])


def test_doctor_tells_whether_a_notification_server_and_a_tray_are_there(
        tmp_path: Path) -> None:
    """doctor said "[OK] notifications: session bus present" on a bus with no
    notification server (prompts then show as the app's own card), and had no tray line."""
    import os
    import signal

    env = {**base_env(tmp_path), "XDG_CURRENT_DESKTOP": "sway", "WAYLAND_DISPLAY": "w-none"}
    address, daemon = _bare_bus(tmp_path, env)
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        checks = _doctor(env, tmp_path / "d")
        assert checks["notifications"]["status"] == "WARN"
        assert "no notification server" in checks["notifications"]["detail"]
        assert checks["tray"]["status"] == "WARN"
        owner = subprocess.Popen([sys.executable, "-c", NAME_OWNER, address,
                                  "org.freedesktop.Notifications",
                                  "org.kde.StatusNotifierWatcher"],
                                 env=env, stdout=subprocess.PIPE, text=True)
        try:
            assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
            checks = _doctor(env, tmp_path / "d")
        finally:
            owner.kill()
            owner.wait(timeout=10)
        assert checks["notifications"]["status"] == "OK", checks["notifications"]
        assert checks["tray"]["status"] == "OK", checks["tray"]
    finally:
        os.kill(daemon, signal.SIGKILL)


def test_doctor_does_not_wait_on_a_bus_that_never_answers(tmp_path: Path) -> None:
    with fake_bus(tmp_path, on("ListNames", silent)) as address:
        env = {**base_env(tmp_path), "DBUS_SESSION_BUS_ADDRESS": address}
        checks = _doctor(env, tmp_path / "d")
    assert checks["notifications"]["status"] == "WARN"
    assert "did not answer in time" in checks["notifications"]["detail"]
