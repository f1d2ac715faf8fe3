"""`mlcoach wipe`: delete all data, the keyring entry, the backups and the login entry.

Asks for the word "delete" on a terminal; `--yes` for scripts; refuses without either.
A running app on the same data folder is asked to quit first, and waited for.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import translate, ui_language

if TYPE_CHECKING:
    from mlcoach.cli.main import Context

EXIT_OK = 0


def cmd_wipe(ctx: Context) -> int:
    """Delete everything, after "delete" typed on a terminal or --yes."""
    from mlcoach.store import wipe
    from mlcoach.store.vault import read_meta

    root = ctx.layout.root
    if not ctx.ns.yes:
        if not ctx.stdin.isatty():
            raise UsageError("wipe deletes all your data: run it in a terminal to confirm, "
                             "or add --yes")
        lang = ui_language(ctx.language)
        word = translate("delete", lang)  # the word to type ("sil"); "delete" is taken too
        ctx.stderr.write(translate(
            "This deletes everything mlcoach keeps in {folder} (moments, people, "
            "reflections, backups), its key in your keyring and the launch-at-login entry. "
            "It cannot be undone.", lang, folder=root) + "\n"
            + translate("Type {word} to confirm: ", lang, word=word))
        ctx.stderr.flush()
        line = ctx.stdin.readline(4096)
        if not line.endswith("\n"):  # Ctrl+D ends no line: the answer starts its own
            ctx.stderr.write("\n")
        typed = line.strip().replace("İ", "i").replace("I", "ı").lower()
        if typed not in ("delete", word, word.replace("i", "ı")):
            raise MlcoachError("not confirmed; nothing was deleted")
    _stop_running_app(root)
    try:
        meta = read_meta(ctx.layout)
    except MlcoachError:
        meta = None
    removed = wipe.delete_all(ctx.layout, ctx.keys)
    login = wipe.remove_login_entry(root)
    lang = ui_language(ctx.language)
    if root in removed:
        ctx.out(translate("deleted {folder}", lang, folder=root))
    elif removed:
        ctx.out(translate("deleted mlcoach's files in {folder}; other files there were left "
                          "alone", lang, folder=root))
    else:
        ctx.out(translate("no mlcoach data in {folder}", lang, folder=root))
    if meta is not None and meta.encryption == "keyring":
        if _key_left(ctx, meta.store_id):
            raise MlcoachError("the data is deleted, but its key is still in your keyring "
                               "(it could not be removed; delete the entry {entry} there "
                               "by hand)", entry=meta.store_id)
        ctx.out(translate("removed the encryption key from your keyring", lang))
    if login:
        ctx.out(translate("removed the launch-at-login entry", lang))
    return EXIT_OK


def _key_left(ctx: Context, store_id: str) -> bool:
    from mlcoach.security.keys import KeyringUnavailableError

    try:
        return ctx.keys.get(store_id) is not None
    except KeyringUnavailableError:
        return True  # cannot tell: say so rather than claim it is gone


def _stop_running_app(root: Path, timeout: float = 15.0) -> None:
    """Ask an app running on this data folder to quit, and wait until its process is gone
    (it flushes drafts and closes the store after it stops listening)."""
    import time

    from mlcoach.system import instance

    pid = _lock_owner(instance.channel_path(root).with_suffix(".lock"))
    if not instance.send(root, "quit"):
        if pid is not None and _alive(pid) and _channel_listening(root):
            # Running but not answering (stopped, busy, hung): deleting the folder under
            # it would leave an app writing into nothing.
            raise MlcoachError("mlcoach is running (process {pid}) and did not answer; quit "
                               "it (or end that process) first: nothing was deleted", pid=pid)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid is not None and not _alive(pid):
            return
        if pid is None and not instance.channel_path(root).exists():
            time.sleep(1.0)  # no pid to watch: give it a moment to close the store
            return
        time.sleep(0.05)
    raise MlcoachError("the running app did not quit; nothing was deleted")


def _lock_owner(lock: Path) -> int | None:
    """The pid in Qt's QLockFile (first line), on POSIX only (os.kill probes it there)."""
    if os.name != "posix":
        return None
    try:
        with lock.open("rb") as fh:
            first = fh.read(64).split(b"\n", 1)[0]
    except OSError:
        return None
    return int(first) if first.strip().isdigit() else None


def _channel_listening(root: Path) -> bool:
    """Whether something still listens on the app's channel: a stopped or hung app does
    (connect succeeds, no answer comes); a dead one does not (refused, or no socket), so a
    stale lock whose pid was reused does not block a wipe."""
    import socket

    from mlcoach.system import instance

    if not hasattr(socket, "AF_UNIX"):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(str(instance.channel_path(root)))
        except OSError:
            return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
