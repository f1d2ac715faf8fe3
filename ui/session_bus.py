"""The app's own session-bus connection: calls with one deadline each, and signals,
fed by Qt's event loop (a QSocketNotifier, no polling). Nothing here waits for the bus:
the connection's handshake and Hello run on a worker (bus_questions), calls made
meanwhile wait for it within their deadlines, and a call is answered later, never
waited for (questions that must be waited for are asked on a worker, bus_questions).

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

from mlcoach.ui.deferred_delete import delete_later

logger = logging.getLogger(__name__)

CALL_DEADLINE_S = 1.0
RECONNECT_MS = 1000  # after the bus dropped a connection that awaits signals
#: Tries to open a connection that awaits signals or calls wait further apart, up to this.
MAX_RECONNECT_MS = 5 * 60 * 1000
#: A D-Bus message we accept at most (the freedesktop calls we make answer in bytes).
MAX_MESSAGE = 64 * 1024
#: Calls given up on whose late answer is still awaited (see `call`'s `late`), at most.
MAX_LATE = 32

Reply = Callable[[Any], None]
Failed = Callable[[str], None]
SignalHandler = Callable[[tuple[Any, ...]], None]
OwnerChanged = Callable[[str, str], None]
NameChanged = Callable[[str, str, str], None]
BUS_NAME = "org.freedesktop.DBus"


class BusError(Exception):
    """The bus is unreachable, timed out, or answered with an error."""


class BusTimeout(BusError):
    """The bus (or the service) did not answer in time: it may yet, asked again."""


class Asks(Protocol):
    """A connection a call can be sent on and waited for, off the GUI thread
    (bus_questions.BusQuestions; a test's stand-in)."""

    def call_blocking(self, message: Any, deadline_s: float = ...) -> Any: ...


class _Call:
    """A method call and what its answer, its failure or its deadline does."""

    __slots__ = ("failed", "late", "message", "reply", "serial", "timer")

    def __init__(self, message: Any, reply: Reply, failed: Failed, timer: QTimer,
                 late: Reply | None) -> None:
        self.message, self.reply, self.failed = message, reply, failed
        self.timer, self.late = timer, late
        self.serial: int | None = None  # once sent


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
        self._namespaces: list[tuple[str, NameChanged]] = []  # see watch_names_under
        # match rules asked for, to ask again: each with what it is for, and who hears
        # that the bus routes its signals
        self._rules: list[tuple[Any, str, Callable[[], None] | None]] = []
        self._serial = 0
        self.unique_name = ""  # ours on the bus, once connected
        self._opening = False  # a worker is opening the connection
        self._attempt = 0  # which opening counts (one closed meanwhile does not)
        self._waiting: list[_Call] = []  # calls made while it opens
        self._retry_ms = RECONNECT_MS  # till the next try to open it, after one failed
        self._retry = QTimer(self)  # that next try (close() cancels it)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.open)

    @property
    def address(self) -> str:
        """The bus this connects to: a D-Bus address, or "SESSION" when none is known."""
        return self._address or os.environ.get("DBUS_SESSION_BUS_ADDRESS") or "SESSION"

    # -- connection -------------------------------------------------------------------

    def open(self) -> None:
        """Open the connection unless it is open or opening: the handshake and Hello run
        on a worker (a bus slow to let us in holds no window); calls made meanwhile wait
        for it, each within its own deadline."""
        if self._conn is not None or self._opening:
            return
        from mlcoach.ui import ops
        from mlcoach.ui.bus_questions import BusQuestions

        if not self._address and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            self._not_opened(self._attempt, BusError("no session bus"), again=False)
            return
        self._opening = True
        self._attempt += 1
        questions = BusQuestions(self.address, time.monotonic() + CALL_DEADLINE_S)
        ops.run(questions.hand_over, partial(self._opened, self._attempt),
                partial(self._not_opened, self._attempt), on=ops.asking_pool())

    def _opened(self, attempt: int, handed: tuple[Any, str, int]) -> None:
        conn, unique_name, serial = handed
        if attempt != self._attempt:  # closed meanwhile: not wanted any more
            conn.close()
            return
        self._opening = False
        self._retry_ms = RECONNECT_MS
        self._conn = conn
        self.unique_name = unique_name
        self._serial = max(self._serial, serial)
        self._notifier = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        QTimer.singleShot(0, self._drain)  # what came with Hello's answer, read already
        if self._rules or self._owners:
            self._ask_again()
        waiting, self._waiting = self._waiting, []
        for entry in waiting:
            self._sent(entry)  # (fails at once when a send before closed it)

    def _not_opened(self, attempt: int, exc: BaseException, again: bool = True) -> None:
        if attempt != self._attempt:
            return
        self._opening = False
        logger.info("session bus unreachable (%s): %s", self.address, exc)
        if not isinstance(exc, BusTimeout):  # nothing there: the calls fail now
            waiting, self._waiting = self._waiting, []
            for entry in waiting:
                _drop(entry.timer)
                entry.failed(f"session bus unreachable: {exc}")
        if again and (self._rules or self._waiting):  # awaited: try again later
            self._retry.start(self._retry_ms)
            self._retry_ms = min(self._retry_ms * 2, MAX_RECONNECT_MS)

    def _ask_again(self) -> None:
        """A new connection (after one was lost, or a first that failed): the bus knows
        none of our match rules, and the names we follow may have changed hands."""
        from jeepney.bus_messages import message_bus

        logger.info("session bus connection opened: %d match rules", len(self._rules))
        for rule, what, routed in self._rules:
            self.call(message_bus.AddMatch(rule), partial(_routed, routed),
                      partial(_cannot_watch, what))
        for name in list(self._owners):
            self._ask_owner(name)
        self.reconnected.emit()

    def close(self) -> None:
        """Drop the connection (or give up opening it); pending calls fail. Opened again
        by the next call (or open()), not by itself."""
        self._retry.stop()
        if self._opening:
            self._opening = False
            self._attempt += 1  # what the worker opens is closed when it comes
        waiting, self._waiting = self._waiting, []
        for entry in waiting:
            _drop(entry.timer)
            entry.failed("connection closed")
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            delete_later(self._notifier)
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
        conn = self._conn
        if conn is None:
            raise BusError("session bus closed")
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
        """Send a method call; `reply(body)` or `failed(reason)` runs later, exactly once
        (the deadline counts from now, the connection's opening included).

        `late(body)` runs when the answer comes after `failed` ran for the deadline: the
        call was done after all (the bus holds a call while D-Bus starts the service,
        and hands it over when the service comes, however late)."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        entry = _Call(message, reply, failed, timer, late)
        timer.timeout.connect(partial(self._deadline, entry))
        timer.start(int(deadline_s * 1000))
        if self._conn is not None:
            self._sent(entry)
            return
        self._waiting.append(entry)
        self.open()

    def _sent(self, entry: _Call) -> None:
        """Send on the open connection; the call's deadline runs on."""
        try:
            entry.serial = self._send(entry.message)
        except BusError as exc:
            _drop(entry.timer)
            entry.failed(str(exc))
            return
        if entry.late is not None:
            self._late_for[entry.serial] = entry.late
        self._pending[entry.serial] = (entry.reply, entry.failed, entry.timer)

    def _deadline(self, entry: _Call) -> None:
        if entry.serial is not None:
            self._expire(entry.serial)
        elif entry in self._waiting:  # never sent: the bus did not let us in in time
            self._waiting.remove(entry)
            _drop(entry.timer)
            entry.failed("no answer within the deadline (the bus did not let us in)")

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
                  rule_path: str | None = None, owner_of: str | None = None,
                  routed: Callable[[], None] | None = None) -> None:
        """Call `handler(body)` for each matching signal (asks the bus to route them);
        with `rule_path`, only for signals from that object; with `owner_of`, only for
        those sent by the present owner of that name (see watch_owner). `routed()` runs
        each time the bus says it routes them to us (again after a new connection)."""
        from jeepney import MatchRule

        rule = MatchRule(type="signal", interface=interface, member=member, path=rule_path)
        self._add_match(rule, f"{interface}.{member}", routed)
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

    def watch_names_under(self, namespace: str, changed: NameChanged) -> None:
        """Hear of every name under `namespace` ("org.kde" covers org.kde.X-1) that gets
        or loses its owner: `changed(name, old, new)` ("" for none). Names whose suffix is
        not known ahead (a panel's org.kde.StatusNotifierHost-PID) are followed so; the
        ones already there are the caller's to list."""
        from jeepney import MatchRule

        self._namespaces.append((namespace, changed))
        rule = MatchRule(type="signal", sender=BUS_NAME, interface=BUS_NAME,
                         member="NameOwnerChanged")
        rule.add_arg_condition(0, namespace, kind="namespace")
        self._add_match(rule, f"the names under {namespace}")

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

    def _add_match(self, rule: Any, what: str,
                   routed: Callable[[], None] | None = None) -> None:
        from jeepney.bus_messages import message_bus

        self._rules.append((rule, what, routed))
        self.call(message_bus.AddMatch(rule), partial(_routed, routed),
                  partial(_cannot_watch, what))

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
        for namespace, heard in list(self._namespaces):
            if name == namespace or name.startswith(namespace + "."):
                try:
                    heard(name, old, new)
                except Exception:  # a watcher's bug must not stop the bus
                    logger.exception("name watcher for %s failed", namespace)
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
                    self._retry.start(RECONNECT_MS)
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
    delete_later(timer)


def _routed(routed: Callable[[], None] | None, _body: Any) -> None:
    if routed is not None:
        routed()


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
