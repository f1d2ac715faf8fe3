"""A stand-in GNOME Shell with the AppIndicator extension, for tests on a private bus:
one connection that owns org.gnome.Shell and org.kde.StatusNotifierWatcher, as
gnome-shell's own does (the extension is watcher and host in one, with no host name),
and answers IsStatusNotifierHostRegistered true. Prints "ready" once it owns both; ends
when its standard input closes.

    python tests/ui/stand_in_shell.py   (DBUS_SESSION_BUS_ADDRESS set)
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAMES = ("org.gnome.Shell", "org.kde.StatusNotifierWatcher")


def main() -> int:
    conn = open_dbus_connection(bus="SESSION")
    for name in NAMES:
        conn.send_and_get_reply(message_bus.RequestName(name, 4))  # DO_NOT_QUEUE
    owned = [conn.send_and_get_reply(message_bus.GetNameOwner(n)).body[0] for n in NAMES]
    assert owned == [conn.unique_name] * len(NAMES), owned
    threading.Thread(target=_serve, args=(conn,), daemon=True).start()
    print("ready", flush=True)
    sys.stdin.read()  # until the test closes it
    return 0


def _serve(conn: Any) -> None:
    while True:
        msg = conn.receive()
        if msg.header.message_type is not MessageType.method_call:
            continue
        member = msg.header.fields.get(HeaderFields.member)
        if member == "Get" and msg.body[1:] == ("IsStatusNotifierHostRegistered",):
            conn.send(new_method_return(msg, "v", (("b", True),)))
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))


if __name__ == "__main__":
    sys.exit(main())
