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
import tempfile
from collections.abc import Mapping
from pathlib import Path

logger = logging.getLogger(__name__)

PROTOCOL = 1
REQUESTS = frozenset({"show", "capture", "reflect", "suggest", "history", "settings", "prompt",
                      "quit"})
MAX_MESSAGE = 1024


def channel_path(data_root: Path, env: Mapping[str, str] | None = None) -> Path:
    """A socket path unique to this user and data folder, in a user-only directory."""
    digest = hashlib.sha256(str(data_root.absolute()).encode()).hexdigest()[:16]
    runtime = (os.environ if env is None else env).get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime and os.path.isdir(runtime) else Path(tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return base / f"mlcoach-{uid}-{digest}.sock"


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
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(str(path))
            sock.sendall(encode(request))
            reply = sock.recv(16)
        except OSError as exc:
            logger.debug("no running app on %s: %s", path, exc)
            return False
    return reply.startswith(b"ok")
