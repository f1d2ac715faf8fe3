"""The single-instance channel: a per-user local socket and its tiny message format.

The running app listens (ui/instance_server.py); a second start hands over its request
through this module without importing Qt, so `mlcoach capture` stays fast. `mlcoach
capture TEXT` hands its moment to a running app too (`hand_over_moment`): the app has
the key and the store open, so the shell skips the key read and the store open.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import stat
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mlcoach.domain.errors import MOMENT_DELETED, MlcoachError, MomentDeletedError
from mlcoach.domain.ids import sha256

logger = logging.getLogger(__name__)

PROTOCOL = 1
REQUESTS = frozenset({"show", "capture", "reflect", "suggest", "history", "settings", "prompt",
                      "quit"})
MAX_MESSAGE = 1024
#: A moment handed over: its text and fields as one line of JSON. A longer one (the text
#: may be up to a million characters) is written by the shell itself.
MAX_MOMENT_MESSAGE = 64 * 1024
MAX_REPLY = 128


def channel_path(data_root: Path, env: Mapping[str, str] | None = None) -> Path:
    """A socket path unique to this user and data folder, in a folder only this user can
    enter: $XDG_RUNTIME_DIR when it is private, otherwise our own folder in /tmp, or in
    our cache when another user made that one first. Raises MlcoachError when none
    serves."""
    digest = sha256(os.path.realpath(data_root).encode()).hex()[:16]
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
    if runtime and (not hasattr(os, "getuid") or _private(Path(runtime))):
        return Path(runtime)
    import tempfile  # only here: with shutil and random it is ~4 ms of a start

    if not hasattr(os, "getuid"):  # not POSIX: no shared /tmp to worry about
        return Path(tempfile.gettempdir())
    # Another local user could create a shared name in /tmp first: our own folder,
    # created 0700, and checked (not followed if a link) every time; when someone else
    # got there first, a folder in our cache, where nobody else can.
    own = Path(tempfile.gettempdir()) / f"mlcoach-{os.getuid()}"
    problem = _make_private(own)
    if problem is None:
        return own
    env = os.environ if env is None else env
    # per host: a home folder shared over NFS must not hold two machines' sockets as one
    host = "".join(ch for ch in socket.gethostname() if ch.isalnum() or ch in "-_.")[:32]
    cache = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mlcoach" / \
        f"run-{host or 'host'}"
    longest = len(os.fsencode(cache / f"mlcoach-{os.getuid()}-0123456789abcdef.sock"))
    if longest < _SOCKET_PATH_MAX and _make_private(cache) is None:
        logger.warning("%s; the single-instance channel is in %s instead", problem, cache)
        return cache
    raise problem


#: The longest path a Unix socket can have, with its final NUL (108 on Linux, 104 on BSD).
_SOCKET_PATH_MAX = 104


def _make_private(folder: Path) -> MlcoachError | None:
    """Make `folder` (0700) if it is not there; why it cannot serve, or None when it can."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        return MlcoachError("cannot create {path} for the single-instance channel: {reason}",
                            path=folder, reason=exc.strerror or exc)
    if not _private(folder):
        return MlcoachError(
            "{path} is not a private folder of yours (another user may own it); remove it "
            "or set XDG_RUNTIME_DIR to your own runtime folder", path=folder)
    return None


def _peer_credentials(sock: socket.socket) -> tuple[int, int, int] | None:
    """(pid, uid, gid) of the process at the other end of a Unix socket (None: not known)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    raw = sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    pid, uid, gid = struct.unpack("3i", raw)
    return int(pid), int(uid), int(gid)


def peer_uid(sock: socket.socket) -> int | None:
    """The user id of the process at the other end of a Unix socket (None: not known)."""
    found = _peer_credentials(sock)
    return None if found is None else found[1]


def peer_pid(sock: socket.socket) -> int | None:
    """The process id at the other end of a Unix socket (None: not known)."""
    found = _peer_credentials(sock)
    return None if found is None else found[0]


def app_elsewhere(data_root: Path, timeout: float = 1.0,
                  env: Mapping[str, str] | None = None) -> bool:
    """Whether an app other than this process holds the data folder's channel: connects
    (one deadline), sends nothing. Any mlcoach version answers, the older ones too."""
    if uses_named_channel():
        return False  # Windows: no peer to tell apart from this process
    try:
        path = channel_path(data_root, env)
    except MlcoachError:
        return False  # no private folder for a channel: no app can be listening
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(timeout)
            sock.connect(str(path))
            pid = peer_pid(sock)
        except OSError:  # left behind by an app that ended
            return False
    return pid is None or pid != os.getpid()


def channel_name(data_root: Path, user: str | None = None) -> str:
    """A plain per-user name for where Python has no AF_UNIX (Windows): QLocalServer
    listens on the named pipe \\\\.\\pipe\\<name>, and a pipe name cannot be a path."""
    import getpass

    digest = sha256(os.path.realpath(data_root).encode()).hex()[:16]
    try:
        who = getpass.getuser() if user is None else user
    except (OSError, KeyError):  # no USERNAME/LOGNAME and no passwd entry
        who = "user"
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in who)
    return f"mlcoach-{safe[:64] or 'user'}-{digest}"


def uses_named_channel() -> bool:
    """True where the channel is a name (a Windows pipe) rather than a socket path."""
    return not hasattr(socket, "AF_UNIX")


def pipe_path(name: str) -> str:
    return "\\\\.\\pipe\\" + name


def _open_pipe(name: str) -> Any:
    """The client end of the app's pipe, as a binary file (Windows' CreateFile)."""
    return open(pipe_path(name), "r+b", buffering=0)  # the caller closes it (with)


def _send_named(data_root: Path, request: str, timeout: float, token: str = "") -> bool:
    """The non-AF_UNIX route: one request and its reply over the pipe, within `timeout`.

    A pipe read has no timeout of its own, so the exchange runs on a daemon thread and
    the caller waits at most `timeout` for it."""
    import threading

    reply: list[bytes] = []

    def exchange() -> None:
        try:
            with _open_pipe(channel_name(data_root)) as pipe:
                pipe.write(encode(request, token))
                reply.append(pipe.read(16))
        except OSError as exc:
            logger.debug("no running app on the pipe: %s", exc)

    worker = threading.Thread(target=exchange, name="mlcoach-pipe", daemon=True)
    worker.start()
    worker.join(timeout)
    return bool(reply) and reply[0].startswith(b"ok")


#: An activation token is short printable ASCII (xdg-activation, X11 startup ids).
MAX_TOKEN = 256


class HandedMoment(NamedTuple):
    """A moment from `mlcoach capture TEXT`, checked for shape (the store checks the rest).
    The shell chooses the id, so a moment written by the app whose answer was lost is not
    written twice when the shell then writes it itself."""

    id: str
    text: str
    kind: str
    person: str | None = None
    style: str | None = None
    tags: tuple[str, ...] = ()


class Message(NamedTuple):
    """A request, and the token that lets its window come to the front."""

    request: str
    token: str = ""
    moment: HandedMoment | None = None  # the "add" request's moment


def encode(request: str, token: str = "") -> bytes:
    """One request (and the launcher's activation token, if any) as a line of JSON."""
    if request not in REQUESTS:
        raise ValueError(f"unknown request {request!r}")
    msg: dict[str, object] = {"mlcoach": PROTOCOL, "request": request}
    if token and _valid_token(token):
        msg["token"] = token
    import json  # here: ~3 ms of the app's start, for a message or two a day

    return json.dumps(msg).encode() + b"\n"


def _valid_token(token: object) -> bool:
    return (isinstance(token, str) and 0 < len(token) <= MAX_TOKEN
            and all("!" <= c <= "~" for c in token))


def encode_moment(moment: HandedMoment) -> bytes:
    """The "add" request carrying `moment`, as one line of JSON."""
    body = {"mlcoach": PROTOCOL, "request": "add", "moment": {
        "id": moment.id, "text": moment.text, "kind": moment.kind, "person": moment.person,
        "style": moment.style, "tags": list(moment.tags)}}
    import json

    return json.dumps(body, ensure_ascii=False).encode("utf-8") + b"\n"


_ID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MOMENT_START = b'{"mlcoach": %d, "request": "add", ' % PROTOCOL


def line_limit(start: bytes) -> int:
    """How long the line beginning with `start` may grow: only a moment (as
    `encode_moment` writes it) may be longer than a plain request."""
    return MAX_MOMENT_MESSAGE if start.startswith(_MOMENT_START) else MAX_MESSAGE


def _moment(value: object) -> HandedMoment | None:
    """The moment in an "add" request, or None when its shape is wrong."""
    if not isinstance(value, dict) or set(value) != {"id", "text", "kind", "person",
                                                     "style", "tags"}:
        return None
    ident, text, kind = value["id"], value["text"], value["kind"]
    person, style, tags = value["person"], value["style"], value["tags"]
    if not (isinstance(ident, str) and _ID_SHAPE.fullmatch(ident)
            and isinstance(text, str) and text and isinstance(kind, str)
            and (person is None or isinstance(person, str))
            and (style is None or isinstance(style, str))
            and isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        return None
    from mlcoach.domain.enums import Kind, Style

    if kind not in {k.value for k in Kind} or \
            (style is not None and style not in {s.value for s in Style}):
        return None
    return HandedMoment(ident, text, kind, person, style, tuple(tags))


def parse(raw: bytes) -> Message | None:
    """The message in `raw`, or None when it is not one of ours."""
    if len(raw) > MAX_MOMENT_MESSAGE:
        return None
    import json

    try:
        msg = json.loads(raw.decode("utf-8").strip())
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if raw.startswith(_MOMENT_START) and isinstance(msg, dict) and msg.get("request") == "add" \
            and set(msg) == {"mlcoach", "request", "moment"}:
        version, moment = msg["mlcoach"], _moment(msg["moment"])
        if type(version) is not int or version != PROTOCOL or moment is None:
            return None
        return Message("add", "", moment)
    if len(raw) > MAX_MESSAGE or not isinstance(msg, dict) \
            or not {"mlcoach", "request"} <= set(msg) \
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
    if uses_named_channel():
        return _send_named(data_root, request, timeout, token)
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
            sock.sendall(encode(request, token))
            sock.settimeout(left())
            reply = sock.recv(16)
        except OSError as exc:
            logger.debug("no running app on %s: %s", path, exc)
            return False
    return reply.startswith(b"ok")


def hand_over_moment(data_root: Path, moment: HandedMoment, timeout: float = 5.0,
                     env: Mapping[str, str] | None = None) -> str | None:
    """Give `moment` to the running app to store; the id it stored it under, or None when
    no app took it (none running, locked, too long to send, or no answer in `timeout`).

    On None the caller writes the moment itself, under the same id: if the app did store
    it after all, that write finds it there and adds nothing. MomentDeletedError: the app
    stored it before and the user has deleted it since."""
    try:
        line = encode_moment(moment)
    except UnicodeEncodeError:  # not storable text: the shell's own write says why
        return None
    if len(line) > MAX_MOMENT_MESSAGE or uses_named_channel():
        return None
    try:
        path = channel_path(data_root, env)
    except MlcoachError:  # no private place for a channel: then no app listens either
        return None
    if not path.exists():
        return None
    import time

    deadline = time.monotonic() + timeout  # one deadline for connect, send and answer
    reply = b""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.connect(str(path))
            owner = peer_uid(sock)
            if owner is not None and owner != os.getuid():
                return None  # the channel folder is ours alone: never expected
            sock.sendall(line)
            while b"\n" not in reply and len(reply) < MAX_REPLY:
                sock.settimeout(max(0.001, deadline - time.monotonic()))
                chunk = sock.recv(MAX_REPLY - len(reply))
                if not chunk:
                    break
                reply += chunk
        except OSError as exc:
            logger.debug("moment not handed over on %s: %s", path, exc)
            return None
    answer = reply.split(b"\n", 1)[0].decode("ascii", "replace").split()
    if len(answer) == 2 and answer[0] == "ok" and answer[1] == moment.id:
        return moment.id
    if answer == ["deleted", moment.id]:  # stored, answer lost, deleted: said, not re-sent
        raise MomentDeletedError(MOMENT_DELETED, id=moment.id)
    return None
