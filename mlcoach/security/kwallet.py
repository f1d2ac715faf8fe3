"""The KDE Wallet read directly over D-Bus, as keyring's KWallet backend reads it.

On KDE, where dbus-python is importable (a distribution's Python), keyring puts its
KWallet backend first. Reaching it through keyring costs `import keyring` and
dbus-python: most of a cold `mlcoach capture`. One read goes straight to kwalletd
instead (jeepney, on the Secret Service reader's bounded connection), asking what
keyring's backend asks, under the application id keyring gives (so the wallet's access
rules are the same), and only of a wallet already open: a closed one asks for its
password, which is left to keyring as before. No Qt.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from typing import Any

from mlcoach.security.secretservice import (
    BUS_NAME,
    BadReply,
    Bus,
    BusUnreachable,
    NoService,
    SecretServiceError,
    bus_failures,
)

KWALLETD = "org.kde.kwalletd5"
PATH = "/modules/kwalletd5"
INTERFACE = "org.kde.KWallet"


class NotChosen(SecretServiceError):
    """keyring would not use KWallet here (kwalletd is not both running and activatable,
    as its backend requires), so it would take the Secret Service."""


class Closed(SecretServiceError):
    """The wallet is closed, refused this application, or kwalletd left: keyring's own
    call decides (it opens the wallet, asking for its password)."""


def keyring_appid() -> str:
    """The application id keyring's KWallet backend gives: the program's path."""
    try:
        return str(sys.argv[0]) or "Python keyring library"
    except (AttributeError, IndexError, TypeError):
        return "Python keyring library"


def _expect(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        raise BadReply(f"KWallet sent a malformed {what}")
    return value


def read_password(folder: str, key: str, env: Mapping[str, str],
                  timeout: float = 2.0) -> str | None:
    """The password of `key` in the network wallet's `folder`; None when there is none.
    Raises NotChosen, Closed, or another SecretServiceError saying what is wrong, all
    within `timeout` seconds."""
    from jeepney.bus_messages import message_bus
    from jeepney.wrappers import DBusAddress, new_method_call

    address = env.get("DBUS_SESSION_BUS_ADDRESS")
    if not address:
        raise BusUnreachable("there is no session bus")
    deadline = time.monotonic() + timeout
    appid = keyring_appid()
    try:
        with bus_failures(timeout) as waiting, Bus(address, deadline, "KWallet") as bus:
            running = bus.send(message_bus.NameHasOwner(KWALLETD))
            startable = bus.send(message_bus.ListActivatableNames())
            owner_asked = bus.send(message_bus.GetNameOwner(KWALLETD))
            bus.reply(bus.hello, BUS_NAME)
            (owned,) = bus.reply(running, BUS_NAME)
            (names,) = bus.reply(startable, BUS_NAME)
            if not (_expect(owned, bool, "answer") and KWALLETD in _expect(names, list, "list")):
                raise NotChosen("KWallet is not running")
            (owner,) = bus.reply(owner_asked, BUS_NAME)
            wallet_d = DBusAddress(PATH, _expect(owner, str, "owner"), INTERFACE)
            waiting.on = "KWallet"

            def call(method: str, signature: str = "", *args: object) -> Any:
                message = new_method_call(wallet_d, method, signature, args)
                (value,) = bus.reply(bus.send(message), owner)
                return value

            wallet = _expect(call("networkWallet"), str, "wallet name")
            if not _expect(call("isOpen", "s", wallet), bool, "answer"):
                raise Closed("the wallet is closed")
            handle = _expect(call("open", "sxs", wallet, 0, appid), int, "handle")
            if handle < 0:
                raise Closed("the wallet refused to open")
            if not _expect(call("hasEntry", "isss", handle, folder, key, appid), bool,
                           "answer"):
                return None
            return str(_expect(call("readPassword", "isss", handle, folder, key, appid), str,
                               "password"))
    except NoService as exc:  # gone since it was asked about
        raise Closed(str(exc)) from exc
