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
from typing import NamedTuple

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


#: An activation token is short printable ASCII (xdg-activation, X11 startup ids).
MAX_TOKEN = 256


class Message(NamedTuple):
    """A request, and the token that lets its window come to the front."""

    request: str
    token: str = ""


def encode(request: str, token: str = "") -> bytes:
    """One request (and the launcher's activation token, if any) as a line of JSON."""
    if request not in REQUESTS:
        raise ValueError(f"unknown request {request!r}")
    msg: dict[str, object] = {"mlcoach": PROTOCOL, "request": request}
    if token and _valid_token(token):
        msg["token"] = token
    return json.dumps(msg).encode() + b"\n"


def _valid_token(token: object) -> bool:
    return (isinstance(token, str) and 0 < len(token) <= MAX_TOKEN
            and all("!" <= c <= "~" for c in token))


def parse(raw: bytes) -> Message | None:
    """The message in `raw`, or None when it is not one of ours."""
    if len(raw) > MAX_MESSAGE:
        return None
    try:
        msg = json.loads(raw.decode("utf-8").strip())
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(msg, dict) or not {"mlcoach", "request"} <= set(msg) \
            or not set(msg) <= {"mlcoach", "request", "token"}:
        return None
    version = msg["mlcoach"]
    if type(version) is not int or version != PROTOCOL:  # true == 1 in Python; not here
        return None
    request = msg.get("request")
    if not isinstance(request, str) or request not in REQUESTS:
        return None
    token = msg.get("token", "")
    if token != "" and not _valid_token(token):
        return None
    return Message(request, token)


def decode(raw: bytes) -> str | None:
    """The request in a message, or None when it is not one of ours."""
    message = parse(raw)
    return None if message is None else message.request


def send(data_root: Path, request: str, timeout: float = 2.0,
         env: Mapping[str, str] | None = None, token: str = "") -> bool:
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
            sock.sendall(encode(request, token))
            reply = sock.recv(16)
        except OSError as exc:
            logger.debug("no running app on %s: %s", path, exc)
            return False
    return reply.startswith(b"ok")
