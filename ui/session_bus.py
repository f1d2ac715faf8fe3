"""The app's own session-bus connection: calls with one deadline each, and signals,
fed by Qt's event loop (a QSocketNotifier, no polling).

jeepney rather than QtDBus: PySide6 cannot marshal a D-Bus `u` (uint32), which
org.freedesktop.Notifications.Notify requires, and a QDBusInterface introspects the
service with a blocking call of its own. One connection serves the notification calls
and their ActionInvoked/NotificationClosed signals (KDE sends those only to the
connection that sent the notification).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

logger = logging.getLogger(__name__)

CALL_DEADLINE_S = 1.0
RECONNECT_MS = 1000  # after the bus dropped a connection that awaits signals
#: A D-Bus message we accept at most (the freedesktop calls we make answer in bytes).
MAX_MESSAGE = 64 * 1024
#: Calls given up on whose late answer is still awaited (see `call`'s `late`), at most.
MAX_LATE = 32

Reply = Callable[[Any], None]
Failed = Callable[[str], None]
SignalHandler = Callable[[tuple[Any, ...]], None]
OwnerChanged = Callable[[str, str], None]
BUS_NAME = "org.freedesktop.DBus"


class BusError(Exception):
    """The bus is unreachable, timed out, or answered with an error."""


class Asks(Protocol):
    """A connection a call can be sent on and waited for (SessionBus; off the GUI
    thread, bus_questions.BusQuestions)."""

    def call_blocking(self, message: Any, deadline_s: float = ...) -> Any: ...


class SessionBus(QObject):
    """A private connection to the session bus, opened on first use.

    Signals:
        reconnected(): a connection was opened again after one was lost (under a new
            unique name: what servers send only to the old one no longer arrives).
    """

    reconnected = Signal()

    def __init__(self, parent: QObject | None = None, address: str | None = None) -> None:
        super().__init__(parent)
        self._address = address
        self._conn: Any = None
        self._notifier: QSocketNotifier | None = None
        self._pending: dict[int, tuple[Reply, Failed, QTimer]] = {}
        self._late: dict[int, Reply] = {}  # serial -> what a late answer does
        self._late_for: dict[int, Reply] = {}  # of the calls pending
        self._signals: dict[tuple[str, str], list[tuple[str | None, str | None,
                                                         SignalHandler]]] = {}
        self._owners: dict[str, str] = {}  # well-known name -> its owner's unique name
        self._owner_watchers: dict[str, list[OwnerChanged]] = {}
        self._rules: list[tuple[Any, str]] = []  # match rules asked for, to ask again
        self._serial = 0
        self.unique_name = ""  # ours on the bus, once connected

    @property
    def address(self) -> str:
        """The bus this connects to: a D-Bus address, or "SESSION" when none is known."""
        return self._address or os.environ.get("DBUS_SESSION_BUS_ADDRESS") or "SESSION"

    # -- connection -------------------------------------------------------------------

    def _connection(self) -> Any:
        if self._conn is not None:
            return self._conn
        from jeepney.bus import get_bus
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import DBusConnectionBase, prep_socket

        address = self._address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        if not address:
            raise BusError("no session bus")
        try:
            sock = prep_socket(get_bus(address), timeout=CALL_DEADLINE_S)
        except (OSError, ValueError) as exc:
            raise BusError(f"session bus unreachable: {exc}") from exc
        conn = DBusConnectionBase(sock)
        self._conn = conn
        try:
            self.unique_name = str(self.call_blocking(message_bus.Hello())[0])
        except BusError:
            self.close()
            raise
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        if self._rules or self._owners:
            self._ask_again()
        if self._conn is None:  # a send of _ask_again failed and closed it
            raise BusError("session bus closed")
        return self._conn

    def _ask_again(self) -> None:
        """A new connection after one was lost: the bus forgot our match rules, and the
        names we follow may have changed hands meanwhile."""
        from jeepney.bus_messages import message_bus

        logger.info("session bus connection opened again: %d match rules", len(self._rules))
        for rule, what in self._rules:
            self.call(message_bus.AddMatch(rule), _ignore, partial(_cannot_watch, what))
        for name in list(self._owners):
            self._ask_owner(name)
        self.reconnected.emit()

    def available(self) -> bool:
        """True when the session bus answers."""
        try:
            self._connection()
        except BusError as exc:
            logger.info("%s", exc)
            return False
        return True

    def close(self) -> None:
        """Drop the connection; pending calls fail."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        for _reply, failed, timer in list(self._pending.values()):
            _drop(timer)
            failed("connection closed")
        self._pending.clear()
        self._late.clear()  # their answers went with the connection
        self._late_for.clear()

    # -- sending ----------------------------------------------------------------------

    def _send(self, message: Any) -> int:
        conn = self._connection()
        self._serial += 1
        data, _fds = conn._serialise(message, self._serial)
        conn.sock.settimeout(CALL_DEADLINE_S)
        try:
            conn.sock.sendall(data)
        except OSError as exc:
            self.close()
            raise BusError(f"session bus write failed: {exc}") from exc
        finally:
            if self._conn is not None:
                conn.sock.settimeout(None)
        return self._serial

    def call(self, message: Any, reply: Reply, failed: Failed,
             deadline_s: float = CALL_DEADLINE_S, late: Reply | None = None) -> None:
        """Send a method call; `reply(body)` or `failed(reason)` runs later, exactly once.

        `late(body)` runs when the answer comes after `failed` ran for the deadline: the
        call was done after all (the bus holds a call while D-Bus starts the service,
        and hands it over when the service comes, however late)."""
        try:
            serial = self._send(message)
        except BusError as exc:
            failed(str(exc))
            return
        if late is not None:
            self._late_for[serial] = late
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda s=serial: self._expire(s))
        timer.start(int(deadline_s * 1000))
        self._pending[serial] = (reply, failed, timer)

    def call_blocking(self, message: Any, deadline_s: float = CALL_DEADLINE_S) -> Any:
        """Send a method call and wait for its reply body; other messages are dispatched."""
        serial = self._send(message)
        deadline = time.monotonic() + deadline_s
        while True:
            try:
                incoming = self._conn._receive(deadline)
            except TimeoutError as exc:
                raise BusError(f"no answer within {deadline_s:g} s") from exc
            except OSError as exc:
                self.close()
                raise BusError(f"session bus read failed: {exc}") from exc
            if _reply_serial(incoming) == serial:
                return _unwrap(incoming)
            self._dispatch(incoming)

    def _expire(self, serial: int) -> None:
        entry = self._pending.pop(serial, None)
        late = self._late_for.pop(serial, None)
        if late is not None:
            self._late[serial] = late
            while len(self._late) > MAX_LATE:  # the oldest is not coming any more
                del self._late[next(iter(self._late))]
        if entry is not None:
            _drop(entry[2])
            entry[1](f"no answer within the deadline ({serial})")

    # -- receiving --------------------------------------------------------------------

    def on_signal(self, interface: str, member: str, handler: SignalHandler,
                  rule_path: str | None = None, owner_of: str | None = None) -> None:
        """Call `handler(body)` for each matching signal (asks the bus to route them);
        with `rule_path`, only for signals from that object; with `owner_of`, only for
        those sent by the present owner of that name (see watch_owner)."""
        from jeepney import MatchRule

        rule = MatchRule(type="signal", interface=interface, member=member, path=rule_path)
        self._add_match(rule, f"{interface}.{member}")
        self._signals.setdefault((interface, member), []).append((rule_path, owner_of, handler))
        if owner_of is not None:
            self.watch_owner(owner_of)

    def watch_owner(self, name: str, changed: OwnerChanged | None = None) -> None:
        """Follow who owns `name` (a service that restarts gets a new unique name);
        `changed(old, new)` runs on each change after the first answer ("" for none)."""
        from jeepney import MatchRule

        if changed is not None:
            self._owner_watchers.setdefault(name, []).append(changed)
        if name in self._owners:
            return
        self._owners[name] = ""
        rule = MatchRule(type="signal", sender=BUS_NAME, interface=BUS_NAME,
                         member="NameOwnerChanged")
        rule.add_arg_condition(0, name)
        self._add_match(rule, f"the owner of {name}")
        self._ask_owner(name)  # after the match is in place: no change falls between

    def _ask_owner(self, name: str, *, again: bool = True) -> None:
        """Ask who owns `name`. Only the bus's "no owner" means none: a lookup cut off by
        the deadline asks once more, then keeps what was known (dropping the owner would
        ignore every signal of a server that never left)."""
        from jeepney.bus_messages import message_bus

        def failed(why: str) -> None:
            if "NameHasNoOwner" in why:
                self._owner_is(name, "")
            elif again:
                self._ask_owner(name, again=False)

        self.call(message_bus.GetNameOwner(name), partial(self._owner_answer, name), failed)

    def _add_match(self, rule: Any, what: str) -> None:
        from jeepney.bus_messages import message_bus

        self._rules.append((rule, what))
        self.call(message_bus.AddMatch(rule), lambda _b: None,
                  lambda why: logger.warning("cannot watch %s: %s", what, why))

    def _owner_answer(self, name: str, body: Any) -> None:
        self._owner_is(name, str(body[0]))

    def _owner_is(self, name: str, owner: str) -> None:
        old = self._owners.get(name, "")
        if owner != old:
            self._owner_changed((name, old, owner))

    def owner(self, name: str) -> str:
        """The unique name owning `name` as last heard ("" for none or not followed)."""
        return self._owners.get(name, "")

    def _owner_changed(self, body: tuple[Any, ...]) -> None:
        if len(body) != 3 or not all(isinstance(part, str) for part in body):
            return
        name, old, new = body
        if name not in self._owners:
            return
        self._owners[name] = new
        for changed in list(self._owner_watchers.get(name, ())):
            try:
                changed(old, new)
            except Exception:  # a watcher's bug must not stop the bus
                logger.exception("owner watcher for %s failed", name)

    def _drain(self) -> None:
        while self._conn is not None:
            try:
                incoming = self._conn._receive(time.monotonic())
            except TimeoutError:
                return
            except OSError as exc:
                logger.warning("session bus closed: %s", exc)
                self.close()
                if self._rules:  # signals are awaited: connect again (once) to hear them
                    QTimer.singleShot(RECONNECT_MS, self.available)
                return
            self._dispatch(incoming)

    def _dispatch(self, message: Any) -> None:
        from jeepney import HeaderFields, MessageType

        fields = message.header.fields
        if message.header.body_length > MAX_MESSAGE:
            return  # not one of the small answers we wait for
        serial = _reply_serial(message)
        if serial is not None:
            self._late_for.pop(serial, None)
            entry = self._pending.pop(serial, None)
            if entry is None:
                late = self._late.pop(serial, None)
                if late is not None and message.header.message_type != MessageType.error:
                    try:
                        late(message.body)
                    except Exception:  # a handler's bug must not stop the bus
                        logger.exception("late answer handler failed")
                return
            reply, failed, timer = entry
            _drop(timer)
            try:
                body = _unwrap(message)
            except BusError as exc:
                failed(str(exc))
                return
            reply(body)
            return
        if message.header.message_type != MessageType.signal:
            return
        key = (fields.get(HeaderFields.interface, ""), fields.get(HeaderFields.member, ""))
        path = fields.get(HeaderFields.path, "")
        sender = fields.get(HeaderFields.sender, "")
        if key == (BUS_NAME, "NameOwnerChanged") and sender == BUS_NAME:
            self._owner_changed(tuple(message.body))
        for wanted, owner_of, handler in list(self._signals.get(key, ())):
            if wanted is not None and wanted != path:
                continue
            if owner_of is not None and (not sender or sender != self._owners.get(owner_of)):
                continue  # another connection's, or a server that has since gone
            try:
                handler(tuple(message.body))
            except Exception:  # a handler's bug must not stop the bus
                logger.exception("signal handler for %s failed", key)


def _drop(timer: QTimer) -> None:
    """A call's deadline timer, done with: deleted, not left a child of the connection
    (one per notification sent or closed, for as long as the app runs)."""
    timer.stop()
    timer.deleteLater()


def _ignore(_body: Any) -> None:
    pass


def _cannot_watch(what: str, why: str) -> None:
    logger.warning("cannot watch %s: %s", what, why)


def _reply_serial(message: Any) -> int | None:
    from jeepney import HeaderFields, MessageType

    if message.header.message_type in (MessageType.method_return, MessageType.error):
        serial = message.header.fields.get(HeaderFields.reply_serial)
        return int(serial) if serial is not None else None
    return None


def _unwrap(message: Any) -> Any:
    from jeepney import MessageType

    if message.header.message_type == MessageType.error:
        from jeepney import HeaderFields

        name = message.header.fields.get(HeaderFields.error_name, "error")
        detail = message.body[0] if message.body and isinstance(message.body[0], str) else ""
        raise BusError(f"{name}: {detail}".rstrip(": "))
    return message.body
