"""The busy look's questions to the desktop's services (a prompt falling due), asked on
the asking worker, as a user never sees them but a slow or hung service shows them:

- every look opened fresh bus connections (a handshake and Hello each, a few times a
  day): one kept connection per bus is asked again, and opened again when it died.

Stand-in services on a private bus hold their answers until the test lets go; nothing
waits on the clock (the look's deadline is ten minutes, never reached).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.test_busy_look import HeldServer

pytestmark = pytest.mark.gui

FAR = 600.0  # the look's deadline: never reached by a look that goes as it should


def _look(address: str, system: str | None = None, deadline_s: float = FAR) -> Any:
    from mlcoach.ui import attention

    return attention.look({}, "offscreen", address, system_address=system or address,
                          deadline_s=deadline_s)


def _connections_so_far(address: str) -> int:
    """How many connections the bus has let in so far (its unique names count up)."""
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as probe:
        return int(probe.unique_name.rsplit(".", 1)[1])


@pytest.fixture
def held(bus: dict[str, str]) -> Iterator[HeldServer]:
    server = HeldServer(bus["DBUS_SESSION_BUS_ADDRESS"])
    yield server
    server.close()


def test_looks_ask_again_on_the_connection_they_kept(held: HeldServer,
                                                     bus: dict[str, str]) -> None:
    address = bus["DBUS_SESSION_BUS_ADDRESS"]
    held.release(paused=True)
    assert _look(address).busy  # the first look connects
    before = _connections_so_far(address)
    for _ in range(3):
        assert _look(address).busy
    assert _connections_so_far(address) == before + 1  # the probe's own, no more


@pytest.fixture
def restartable_bus(tmp_path: Path) -> Iterator[Any]:
    """A dbus-daemon at a fixed address, started again there on demand."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("missing: dbus-daemon")
    address = f"unix:path={tmp_path / 'bus'}"
    pids: list[int] = []

    def start() -> None:
        out = subprocess.run(["dbus-daemon", "--session", f"--address={address}", "--fork",
                              "--print-pid=1"], capture_output=True, text=True, check=True,
                             timeout=30).stdout.split()
        pids.append(int(out[0]))

    def stop() -> None:
        import os

        os.kill(pids[-1], signal.SIGKILL)
        (tmp_path / "bus").unlink(missing_ok=True)

    start()
    yield address, start, stop
    for pid in pids:
        try:
            __import__("os").kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_a_kept_connection_that_died_is_opened_again_within_the_look(
        restartable_bus: Any) -> None:
    """The session bus started again (a desktop restarted under the app): the kept
    connection is dead, and the next look opens another and still gets its answer."""
    address, start, stop = restartable_bus
    first = HeldServer(address)
    first.release(paused=False)
    try:
        assert not _look(address).busy
    finally:
        first.close()
    stop()
    start()
    second = HeldServer(address)
    second.release(paused=True)
    try:
        assert _look(address).busy
    finally:
        second.close()
