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


class InstanceServer(QObject):
    """Owns the channel for one data folder and emits each well-formed request.

    Signals:
        request_received(str): a request such as "capture" from a second start.
    """

    request_received = Signal(str)

    def __init__(self, data_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_root = data_root
        self._path = instance.channel_path(data_root)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._lock = QLockFile(str(self._path.with_suffix(".lock")))
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
        QLocalServer.removeServer(str(self._path))  # a stale socket left by a killed app
        if not self._server.listen(str(self._path)):
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
            if sock is None:
                return
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
        request = instance.decode(raw.split(b"\n", 1)[0])
        if request is None:
            logger.warning("ignored a malformed message on the instance channel")
            sock.abort()
            return
        sock.write(b"ok\n")
        sock.flush()
        sock.disconnectFromServer()
        self.request_received.emit(request)
