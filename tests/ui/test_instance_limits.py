"""The single-instance channel under hoarding: idle connections are closed after a
deadline, at most MAX_CLIENTS are held, and accept() failing (no descriptors left) pauses
the listener instead of spinning on it. In-process, offscreen; real Unix sockets."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from mlcoach.system import instance

pytestmark = pytest.mark.gui

if not hasattr(socket, "AF_UNIX"):
    pytest.skip("the named channel (Windows) has its own server", allow_module_level=True)


@pytest.fixture
def server(qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from mlcoach.ui.instance_server import InstanceServer

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    srv = InstanceServer(root)
    assert srv.claim() is True
    yield srv, root
    srv.close()


def _idle(root: Path) -> socket.socket:
    """A connection that sends nothing; the Qt loop runs after it, so the app accepts it
    (a full backlog would otherwise block the next connect)."""
    from PySide6.QtWidgets import QApplication

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.connect(str(instance.channel_path(root)))
    QApplication.processEvents()
    return sock


def _send(qtbot: Any, root: Path, request: str) -> bool:
    """instance.send blocks on the answer, which the Qt loop gives: run it in a thread."""
    result: list[bool] = []
    worker = threading.Thread(target=lambda: result.append(instance.send(root, request,
                                                                         timeout=20)))
    worker.start()
    qtbot.waitUntil(lambda: bool(result), timeout=25000)
    worker.join()
    return result[0]


def test_hoarded_idle_connections_do_not_keep_a_request_out(server, qtbot):
    from mlcoach.ui.instance_server import MAX_CLIENTS

    srv, root = server
    idle = [_idle(root) for _ in range(MAX_CLIENTS * 2)]
    try:
        qtbot.waitUntil(lambda: len(srv._clients) == MAX_CLIENTS, timeout=10000)
        with qtbot.waitSignal(srv.request_received, timeout=25000) as got:
            assert _send(qtbot, root, "show")
        assert got.args == ["show"]
        assert len(srv._clients) <= MAX_CLIENTS
    finally:
        for sock in idle:
            sock.close()


def test_a_connection_that_sends_nothing_is_closed_after_its_deadline(server, qtbot,
                                                                      monkeypatch):
    from mlcoach.ui import instance_server

    monkeypatch.setattr(instance_server, "CLIENT_DEADLINE_MS", 100)
    _srv, root = server
    sock = _idle(root)
    sock.setblocking(False)
    try:
        qtbot.waitUntil(lambda: _closed_by_peer(sock), timeout=10000)
    finally:
        sock.close()


def _closed_by_peer(sock: socket.socket) -> bool:
    try:
        return sock.recv(16) == b""
    except BlockingIOError:  # still open
        return False


def test_accept_failing_pauses_the_listener_instead_of_spinning(server, qtbot, monkeypatch):
    from mlcoach.ui import instance_server

    monkeypatch.setattr(instance_server, "ACCEPT_PAUSE_MS", 600_000)  # resumed by hand below
    srv, root = server
    calls: list[int] = []
    real = srv._listener

    class Exhausted:
        """The listener as it is when the process has no descriptor left."""

        def accept(self) -> Any:
            calls.append(1)
            raise OSError(24, os.strerror(24))

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    srv._listener = Exhausted()
    sock = _idle(root)
    try:
        qtbot.waitUntil(lambda: bool(calls), timeout=10000)
        assert srv._accepting is not None and not srv._accepting.isEnabled()
        qtbot.wait(200)  # a spinning notifier would call accept() again meanwhile
        assert len(calls) == 1
        srv._listener = real  # descriptors are back, and the pause ends
        srv._resume_accepting()
        qtbot.waitUntil(lambda: bool(srv._clients), timeout=10000)
    finally:
        sock.close()
