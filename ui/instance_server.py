"""The running app's end of the single-instance channel (QLocalServer, user-only)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from mlcoach.system import instance

logger = logging.getLogger(__name__)


def _same_user(sock: QLocalSocket) -> bool:
    """Whether the process at the other end runs as this user (SO_PEERCRED)."""
    import os
    import socket

    fd = int(sock.socketDescriptor())
    if fd < 0 or not hasattr(os, "getuid"):
        return True
    with socket.socket(fileno=os.dup(fd)) as peer:
        uid = instance.peer_uid(peer)
    return uid is None or uid == os.getuid()


def channel_address(data_root: Path) -> tuple[str, Path]:
    """What QLocalServer listens on, and the lock file that guards it.

    With AF_UNIX: the socket path from mlcoach.system.instance. Without (Windows): a plain
    per-user name, which Qt turns into the pipe \\\\.\\pipe\\<name> (a full path is not a
    valid pipe name), with its lock in the per-user temp folder.
    """
    if instance.uses_named_channel():
        import tempfile

        name = instance.channel_name(data_root)
        return name, Path(tempfile.gettempdir()) / f"{name}.lock"
    path = instance.channel_path(data_root)
    return str(path), path.with_suffix(".lock")


class InstanceServer(QObject):
    """Owns the channel for one data folder and emits each well-formed request.

    Signals:
        request_received(str): a request such as "capture" from a second start.
        activation_received(str): the launcher's activation token, emitted just before
            its request (so the window the request opens may take the front).
    """

    request_received = Signal(str)
    activation_received = Signal(str)

    def __init__(self, data_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_root = data_root
        self._name, lock = channel_address(data_root)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._lock = QLockFile(str(lock))
        self._lock.setStaleLockTime(0)  # only a dead owner makes it stale
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)

    def claim(self, timeout_ms: int = 5000) -> bool | None:
        """Become the running instance.

        Returns True when this process now owns the channel, None when another
        running app took our request instead, False when neither worked.
        """
        waited = 0
        while not self._lock.tryLock(100):
            waited += 100
            if instance.send(self._data_root, "show"):
                return None
            if waited >= timeout_ms:
                return False
        QLocalServer.removeServer(self._name)  # a stale socket left by a killed app
        if not self._server.listen(self._name):
            logger.error("cannot listen on the instance channel: %s", self._server.errorString())
            self._lock.unlock()
            return False
        return True

    def close(self) -> None:
        """Stop listening and release the lock."""
        self._server.close()
        self._lock.unlock()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if not _same_user(sock):  # the folder is private; this is belt and braces
                logger.warning("refused a connection from another user on the instance channel")
                sock.abort()
                sock.deleteLater()
                continue
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _on_ready(self, sock: QLocalSocket) -> None:
        raw = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if b"\n" not in raw and len(raw) <= instance.MAX_MESSAGE:
            self._buffers[sock] = raw  # wait for the rest of the line
            return
        self._buffers[sock] = b""
        message = instance.parse(raw.split(b"\n", 1)[0])
        if message is None:
            logger.warning("ignored a malformed message on the instance channel")
            sock.abort()
            return
        sock.write(b"ok\n")
        sock.flush()
        sock.disconnectFromServer()
        if message.token:
            self.activation_received.emit(message.token)
        self.request_received.emit(message.request)
