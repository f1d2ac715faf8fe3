"""The single-instance channel: a per-user local socket and its tiny message format.

The running app listens (Qt's QLocalServer, in ui/); a second start hands over its
request through this module without importing Qt, so `mlcoach capture` stays fast.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import stat
import struct
import tempfile
from collections.abc import Mapping
from pathlib import Path

from mlcoach.domain.errors import MlcoachError

logger = logging.getLogger(__name__)

PROTOCOL = 1
REQUESTS = frozenset({"show", "capture", "reflect", "suggest", "history", "settings", "prompt",
                      "quit"})
MAX_MESSAGE = 1024


def channel_path(data_root: Path, env: Mapping[str, str] | None = None) -> Path:
    """A socket path unique to this user and data folder, in a folder only this user can
    enter: $XDG_RUNTIME_DIR when it is private, otherwise our own folder in /tmp.
    Raises MlcoachError when that folder exists but is not ours and private."""
    digest = hashlib.sha256(str(data_root.absolute()).encode()).hexdigest()[:16]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return channel_dir(env) / f"mlcoach-{uid}-{digest}.sock"


def _private(path: Path) -> bool:
    """Whether `path` is a real folder (not a link) owned by us that nobody else can use."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return (stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid()
            and not st.st_mode & (stat.S_IRWXG | stat.S_IRWXO))


def channel_dir(env: Mapping[str, str] | None = None) -> Path:
    """The private folder for the channel (see channel_path)."""
    runtime = (os.environ if env is None else env).get("XDG_RUNTIME_DIR")
    if not hasattr(os, "getuid"):  # not POSIX: no shared /tmp to worry about
        return Path(runtime) if runtime else Path(tempfile.gettempdir())
    if runtime and _private(Path(runtime)):
        return Path(runtime)
    # Another local user could create a shared name in /tmp first: our own folder,
    # created 0700, and checked (not followed if a link) every time.
    own = Path(tempfile.gettempdir()) / f"mlcoach-{os.getuid()}"
    try:
        os.mkdir(own, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise MlcoachError("cannot create {path} for the single-instance channel: {reason}",
                           path=own, reason=exc.strerror or exc) from exc
    if not _private(own):
        raise MlcoachError(
            "{path} is not a private folder of yours (another user may own it); remove it "
            "or set XDG_RUNTIME_DIR to your own runtime folder", path=own)
    return own


def peer_uid(sock: socket.socket) -> int | None:
    """The user id of the process at the other end of a Unix socket (None: not known)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    raw = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    return int(struct.unpack("3i", raw)[1])


def encode(request: str) -> bytes:
    """One request as a line of JSON."""
    if request not in REQUESTS:
        raise ValueError(f"unknown request {request!r}")
    return json.dumps({"mlcoach": PROTOCOL, "request": request}).encode() + b"\n"


def decode(raw: bytes) -> str | None:
    """The request in a message, or None when it is not one of ours."""
    if len(raw) > MAX_MESSAGE:
        return None
    try:
        msg = json.loads(raw.decode("utf-8").strip())
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(msg, dict) or set(msg) != {"mlcoach", "request"}:
        return None
    version = msg["mlcoach"]
    if type(version) is not int or version != PROTOCOL:  # true == 1 in Python; not here
        return None
    request = msg.get("request")
    return request if isinstance(request, str) and request in REQUESTS else None


def send(data_root: Path, request: str, timeout: float = 2.0,
         env: Mapping[str, str] | None = None) -> bool:
    """Hand `request` to a running app; False when none answers."""
    if not hasattr(socket, "AF_UNIX"):
        return False
    path = channel_path(data_root, env)
    if not path.exists():
        return False
    import time

    deadline = time.monotonic() + timeout  # one deadline for connect, send and reply

    def left() -> float:
        return max(0.001, deadline - time.monotonic())

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(left())
            sock.connect(str(path))
            owner = peer_uid(sock)
            if owner is not None and owner != os.getuid():
                raise MlcoachError(
                    "the process answering on {path} belongs to another user (uid {uid}); "
                    "nothing was handed over", path=path, uid=owner)
            sock.settimeout(left())
            sock.sendall(encode(request))
            sock.settimeout(left())
            reply = sock.recv(16)
        except OSError as exc:
            logger.debug("no running app on %s: %s", path, exc)
            return False
    return reply.startswith(b"ok")
