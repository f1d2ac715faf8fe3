"""A real headless desktop for integration tests: Xvfb, a session bus, dunst, trayer,
and gnome-keyring as the Secret Service. Started by the fixture, killed by PID."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdpyinfo", "dbus-daemon", "dunst", "dunstctl", "trayer",
         "gnome-keyring-daemon", "notify-send", "xwininfo")


def _require_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        if os.environ.get("MLCOACH_REQUIRE_DESKTOP"):
            pytest.fail(f"desktop test tools missing: {', '.join(missing)}")
        pytest.skip(f"desktop test tools missing: {', '.join(missing)}")


def _free_display(start: int = 0) -> int:
    # MLCOACH_TEST_DISPLAYS="150-169" keeps parallel runs on their own numbers.
    first, _, last = os.environ.get("MLCOACH_TEST_DISPLAYS", "91-139").partition("-")
    for n in range(max(int(first), start), int(last or first) + 1):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


def _start_x(d: Desktop) -> None:
    """Xvfb on a free display, ours: a server another run started on the same number
    meanwhile answers xdpyinfo too, so ours must still be running; else the next number.
    -noreset: a server resets when its last client leaves (xdpyinfo), and a client
    connecting during the reset is refused ("cannot open display")."""
    display = _free_display()
    for _ in range(5):
        d.env["DISPLAY"] = f":{display}"
        xvfb = d.spawn("Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten",
                       "tcp", "-noreset")
        up = _wait(lambda x=xvfb: x.poll() is not None or subprocess.run(
            ["xdpyinfo"], env=d.env, capture_output=True).returncode == 0)
        if up and xvfb.poll() is None:
            return
        display = _free_display(display + 1)
    raise AssertionError("Xvfb did not start")


class Desktop:
    """The processes of one headless session and the environment to reach them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pids: list[int] = []
        self.groups: list[int] = []
        self.env: dict[str, str] = {}

    def spawn(self, *args: str, **kw: object) -> subprocess.Popen[bytes]:
        kw.setdefault("stderr", subprocess.DEVNULL)
        proc = subprocess.Popen(args, env=self.env, stdout=subprocess.DEVNULL,
                                **kw)  # type: ignore[call-overload]
        self.pids.append(proc.pid)
        return proc

    def stop(self) -> None:
        for pid in reversed(self.pids):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        time.sleep(0.2)
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for group in self.groups:
            try:
                os.killpg(group, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _dunst_picker(home: Path) -> None:
    """dunst's context menu (`dunstctl context`) runs "dmenu" to let the user pick an
    action; here a script picks the one named in $HOME/dunst-pick, as a user would."""
    script = home / "dunst-pick.sh"
    script.write_text("#!/bin/sh\n"
                      f"grep -m1 \"^#$(cat '{home}/dunst-pick')\"\n")
    script.chmod(0o755)
    (home / "dunst-pick").write_text("Done")
    config = home / ".config" / "dunst"
    config.mkdir(parents=True)
    (config / "dunstrc").write_text(f"[global]\n    dmenu = {script}\n")


def _wait(check, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    """Xvfb + dbus + gnome-keyring + dunst + trayer, for the whole test session."""
    _require_tools()
    root = tmp_path_factory.mktemp("desktop")
    home, runtime = root / "home", root / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    d = Desktop(root)
    try:  # a start that fails half-way leaves nothing running
        d.env = {k: v for k, v in os.environ.items()
                 if not k.startswith(("MLCOACH_", "PYTHON_KEYRING", "DBUS_", "QT_QPA"))}
        d.env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime),
                     XDG_DATA_HOME=str(home / ".local/share"),
                     XDG_CONFIG_HOME=str(home / ".config"))
        _start_x(d)
        out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                              "--print-pid=1"], env=d.env, capture_output=True, text=True,
                             check=True).stdout.split()
        d.env["DBUS_SESSION_BUS_ADDRESS"], bus_pid = out[0], int(out[1])
        d.pids.append(bus_pid)
        d.groups.append(bus_pid)  # what the bus starts on demand (at-spi, portals) lives there
        keyring = subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--daemonize", "--components=secrets"],
            input="test-pw", env=d.env, capture_output=True, text=True, check=True)
        for line in keyring.stdout.splitlines():
            key, _, value = line.partition("=")
            if key == "GNOME_KEYRING_CONTROL":
                d.env[key] = value
            if key == "GNOME_KEYRING_PID" and value.isdigit():
                d.pids.append(int(value))
        owner = subprocess.run(
            ["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
             "string:org.freedesktop.secrets"], env=d.env, capture_output=True, text=True)
        words = owner.stdout.split()
        if words and words[-1].isdigit():
            d.pids.append(int(words[-1]))  # the keyring daemon, found through the bus
        _dunst_picker(home)
        d.spawn("dunst")
        trayer_log = root / "trayer.log"
        with open(trayer_log, "wb") as log:
            d.spawn("trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
                    "--height", "32", "--transparent", "false", "--SetDockType", "true",
                    stderr=log)
        assert _wait(lambda: "trayer" in subprocess.run(
            ["xwininfo", "-root", "-tree"], env=d.env, capture_output=True, text=True).stdout,
            timeout=30), f"trayer did not show: {trayer_log.read_text(errors='replace')[-500:]}"
        assert _wait(lambda: subprocess.run(["dunstctl", "is-paused"], env=d.env,
                                            capture_output=True).returncode == 0)
    except BaseException:
        d.stop()
        raise
    try:
        yield d
    finally:
        d.stop()
