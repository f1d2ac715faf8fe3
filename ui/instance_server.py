"""The running app's end of the single-instance channel (user-only).

With AF_UNIX: a Python socket in the private channel folder, read through
QSocketNotifier (QtNetwork would add ~3 MB and ~10 ms before the tray icon for one
small message a day). Without it (Windows): QLocalServer on a per-user pipe name.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QSocketNotifier, QTimer, Signal

from mlcoach.domain.errors import MomentDeletedError
from mlcoach.system import instance
from mlcoach.ui.deferred_delete import delete_later

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

logger = logging.getLogger(__name__)

#: Connections read at once; a new one beyond this closes the oldest.
MAX_CLIENTS = 16
#: A connection has this long to send its line (a real sender needs a millisecond).
CLIENT_DEADLINE_MS = 5000
#: After accept() fails (no descriptors left), stop listening this long, not spin.
ACCEPT_PAUSE_MS = 1000


def _same_user(sock: QLocalSocket) -> bool:
    """Whether the process at the other end runs as this user (SO_PEERCRED)."""
    fd = int(sock.socketDescriptor())
    if fd < 0 or not hasattr(os, "getuid"):
        return True
    with socket.socket(fileno=os.dup(fd)) as peer:
        uid = instance.peer_uid(peer)
    return uid is None or uid == os.getuid()


def channel_address(data_root: Path) -> tuple[str, Path]:
    """What the app listens on, and the lock file that guards it.

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


def _drain(sock: socket.socket, limit: int = 64 * 1024) -> None:
    """Read and forget what is waiting (up to `limit` bytes, without blocking)."""
    taken = 0
    while taken < limit:
        try:
            chunk = sock.recv(4096)
        except OSError:  # nothing more now, or the peer is gone
            return
        if not chunk:
            return
        taken += len(chunk)


def _retire(notifier: QSocketNotifier) -> None:
    """Stop watching a descriptor that is about to close."""
    notifier.setEnabled(False)
    delete_later(notifier)


class _Client:
    """One connection on the Unix socket: its notifier, its deadline and what it sent."""

    def __init__(self, sock: socket.socket, notifier: QSocketNotifier, deadline: QTimer) -> None:
        self.sock, self.notifier, self.deadline, self.buffer = sock, notifier, deadline, b""


class InstanceServer(QObject):
    """Owns the channel for one data folder and emits each well-formed request.

    Signals:
        request_received(str): a request such as "capture" from a second start.
        activation_received(str): the launcher's activation token, emitted just before
            its request (so the window the request opens may take the front).

    A moment from `mlcoach capture TEXT` goes to `store_moment` (set by the app), and the
    shell is answered only once it is stored.
    """

    request_received = Signal(str)
    activation_received = Signal(str)

    def __init__(self, data_root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_root = data_root
        self._name, lock = channel_address(data_root)
        self._lock = QLockFile(str(lock))
        self._lock.setStaleLockTime(0)  # only a dead owner makes it stale
        self._listener: socket.socket | None = None  # AF_UNIX
        self._accepting: QSocketNotifier | None = None
        self._clients: dict[int, _Client] = {}
        self._server: QLocalServer | None = None  # the named channel (Windows)
        self._buffers: dict[QLocalSocket, bytes] = {}
        #: After a failed `claim`: an app holds the channel but did not answer (hung or
        #: stopped), rather than one still starting.
        self.owner_silent = False
        #: Stores a handed-over moment and returns its id; None: not now (no store open).
        self.store_moment: Callable[[instance.HandedMoment], str | None] | None = None

    def claim(self, timeout_ms: int = 5000) -> bool | None:
        """Become the running instance.

        Returns True when this process now owns the channel, None when another
        running app took our request instead, False when neither worked.
        """
        import time

        deadline = time.monotonic() + timeout_ms / 1000  # one deadline, the asks included
        while not self._lock.tryLock(100):
            left = deadline - time.monotonic()
            if left <= 0:
                # A channel there but no answer: hung or stopped, not starting.
                self.owner_silent = instance.channel_path(self._data_root).exists()
                return False
            # Asked again while time is left: an app still starting answers once its loop
            # runs (ten simultaneous starts); a stopped one finds at most three asks queued.
            if instance.send(self._data_root, "show", timeout=min(2.0, left)):
                return None
        try:
            if instance.uses_named_channel():
                self._listen_named()
            else:
                self._listen_unix()
        except OSError as exc:
            logger.error("cannot listen on the instance channel: %s", exc)
            self._lock.unlock()
            return False
        return True

    def close(self) -> None:
        """Stop listening and release the lock."""
        for fd in list(self._clients):
            self._drop(fd)
        if self._accepting is not None:
            _retire(self._accepting)
            self._accepting = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            try:
                os.unlink(self._name)
            except OSError:
                pass
        if self._server is not None:
            self._server.close()
        self._lock.unlock()

    # -- AF_UNIX ---------------------------------------------------------------------

    def _listen_unix(self) -> None:
        try:
            os.unlink(self._name)  # a stale socket left by a killed app (we hold the lock)
        except FileNotFoundError:
            pass
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            old = os.umask(0o177)  # user-only from the start, as the folder is
            try:
                listener.bind(self._name)
            finally:
                os.umask(old)
            listener.listen(16)
            listener.setblocking(False)
        except OSError:
            listener.close()
            raise
        self._listener = listener
        self._accepting = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._accepting.activated.connect(self._accept)

    def _accept(self, *_signal_args: object) -> None:
        assert self._listener is not None
        while True:
            try:
                sock, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # EMFILE: the notifier would fire again at once
                logger.warning("instance channel: accept failed (%s); pausing %d ms", exc,
                               ACCEPT_PAUSE_MS)
                self._pause_accepting()
                return
            uid = instance.peer_uid(sock)
            if uid is not None and uid != os.getuid():  # the folder is private; belt and braces
                logger.warning("refused a connection from another user on the instance channel")
                sock.close()
                continue
            if len(self._clients) >= MAX_CLIENTS:  # idle connections hoarded: oldest goes
                self._drop(next(iter(self._clients)))
            sock.setblocking(False)
            fd = sock.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            deadline = QTimer(self)
            deadline.setSingleShot(True)
            deadline.timeout.connect(partial(self._expire, sock))
            deadline.start(CLIENT_DEADLINE_MS)
            self._clients[fd] = _Client(sock, notifier, deadline)
            notifier.activated.connect(partial(self._read, fd))

    def _pause_accepting(self) -> None:
        if self._accepting is None:
            return
        self._accepting.setEnabled(False)
        QTimer.singleShot(ACCEPT_PAUSE_MS, self, self._resume_accepting)

    def _resume_accepting(self) -> None:
        if self._accepting is not None:
            self._accepting.setEnabled(True)

    def _expire(self, sock: socket.socket) -> None:
        """A connection that did not send its line in time is closed."""
        for fd, client in list(self._clients.items()):
            if client.sock is sock:
                logger.warning("closed an idle connection on the instance channel")
                self._drop(fd)

    def _read(self, fd: int, *_signal_args: object) -> None:
        client = self._clients.get(fd)
        if client is None:
            return
        try:
            chunk = client.sock.recv(instance.MAX_MOMENT_MESSAGE + 1)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._drop(fd)
            return
        if not chunk:  # closed before a whole line
            self._drop(fd)
            return
        client.buffer += chunk
        raw = client.buffer
        if b"\n" not in raw and len(raw) <= instance.line_limit(raw):
            return  # wait for the rest of the line
        message = instance.parse(raw.split(b"\n", 1)[0])
        if message is None:
            logger.warning("ignored a malformed message on the instance channel")
            _drain(client.sock)  # so the sender sees a plain close, not a reset
            self._drop(fd)
            return
        answer = self._answer(message)
        try:
            client.sock.send(answer)
        except OSError:
            pass  # the sender gave up waiting; the request still counts
        self._drop(fd)
        if message.moment is None:
            self._deliver(message)

    def _answer(self, message: instance.Message) -> bytes:
        """"ok" for a request; for a moment, "ok ID" once it is stored, "deleted ID" when
        it was stored before and the user has deleted it since, else "no"."""
        if message.moment is None:
            return b"ok\n"
        if self.store_moment is None:
            return b"no\n"
        try:
            stored = self.store_moment(message.moment)
        except MomentDeletedError:  # the shell says so, without reading the key
            return f"deleted {message.moment.id}\n".encode("ascii")
        except Exception:  # the shell writes it itself: never lose the moment over this
            logger.exception("a handed-over moment was not stored")
            return b"no\n"
        return b"no\n" if stored is None else f"ok {stored}\n".encode("ascii")

    def _drop(self, fd: int) -> None:
        client = self._clients.pop(fd, None)
        if client is None:
            return
        client.deadline.stop()
        delete_later(client.deadline)
        _retire(client.notifier)  # before the descriptor goes
        client.sock.close()

    # -- named channel (Windows) -----------------------------------------------------

    def _listen_named(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_connection)
        QLocalServer.removeServer(self._name)
        if not server.listen(self._name):
            raise OSError(server.errorString())
        self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if not _same_user(sock):  # the folder is private; this is belt and braces
                logger.warning("refused a connection from another user on the instance channel")
                sock.abort()
                delete_later(sock)
                continue
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._on_ready(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        delete_later(sock)

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
        sock.write(b"ok\n" if message.moment is None else b"no\n")  # (moments: AF_UNIX)
        sock.flush()
        sock.disconnectFromServer()
        if message.moment is None:
            self._deliver(message)

    def _deliver(self, message: instance.Message) -> None:
        if message.token:
            self.activation_received.emit(message.token)
        self.request_received.emit(message.request)
