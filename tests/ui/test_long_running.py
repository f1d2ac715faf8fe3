"""An app that runs for weeks and months: what each cycle leaves behind stays bounded.

Many cycles are driven fast (an injected clock, no sleeping) and what lives afterwards is
counted: QObjects under the long-lived ones, widgets, pending calls, files.
"""

from __future__ import annotations

import contextlib
import gc
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.exceptions import TimeoutError as WaitTimeout

from mlcoach.ui.app_windows import Window
from tests.ui.test_app import controller  # noqa: F401  (the fixture)

pytestmark = pytest.mark.gui

CYCLES = 200


def _timers(owner: QObject) -> int:
    return len(owner.findChildren(QTimer))


def test_bus_calls_answered_leave_no_timer_behind(tmp_path: Path, qtbot) -> None:
    """Each notification is a call on the app's one session-bus connection, and each call
    had a deadline timer that stayed a child of the connection after the answer: a timer
    more per prompt shown, per notification closed, for as long as the app ran."""
    from jeepney import DBusAddress, new_method_call

    from mlcoach.ui.session_bus import SessionBus
    from tests.reliability.bus import session_bus

    with session_bus(tmp_path, keyring=False) as env:
        bus = SessionBus(address=env["DBUS_SESSION_BUS_ADDRESS"])
        own = _timers(bus)  # the connection's own (its next try to open), not a call's
        daemon = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                             interface="org.freedesktop.DBus")
        answered: list[object] = []
        for _ in range(CYCLES):
            bus.call(new_method_call(daemon, "GetId"), answered.append,
                     lambda why: answered.append(why))
        qtbot.waitUntil(lambda: len(answered) == CYCLES, timeout=20_000)
        nobody = DBusAddress("/x", bus_name="org.example.Nobody", interface="org.example.X")
        for _ in range(CYCLES // 4):  # answered with an error (as a server gone away)
            bus.call(new_method_call(nobody, "Ping"), answered.append, answered.append)
        qtbot.waitUntil(lambda: len(answered) == CYCLES + CYCLES // 4, timeout=20_000)
        qtbot.waitUntil(lambda: _timers(bus) == own, timeout=5_000)
        assert not bus._pending
        bus.close()


class _Payload:
    """What a job holds (a calendar read, a window's data)."""


def test_worker_jobs_let_go_of_what_they_held(qapp, qtbot) -> None:
    """Each job on the worker (a calendar read every five minutes, each save, each window
    load) was a QRunnable the thread pool kept, with its relay and what the job held,
    whenever the worker was slow to let go of it: on a busy machine, most of them."""
    import threading
    import weakref

    from mlcoach.ui import ops

    busy = threading.Event()

    def spin() -> None:  # another Python thread, as on a loaded machine
        while not busy.is_set():
            sum(range(100))

    spinner = threading.Thread(target=spin, daemon=True)
    spinner.start()
    held: list[weakref.ref[_Payload]] = []
    answered: list[object] = []
    try:
        for _ in range(CYCLES):
            payload = _Payload()
            held.append(weakref.ref(payload))
            ops.run(lambda p=payload: p and None, answered.append, answered.append)
            del payload
            qtbot.waitUntil(lambda: not ops._live and ops.pool().activeThreadCount() == 0)
    finally:
        busy.set()
        spinner.join()
    gc.collect()
    assert len(answered) == CYCLES
    assert sum(ref() is not None for ref in held) == 0
    assert not [o for o in gc.get_objects() if isinstance(o, ops._Job)]


def test_tray_writes_leave_nothing_under_the_controller(controller, qtbot) -> None:  # noqa: F811
    """Every answer to a prompt, pause and resume was a PatientWrite parented to the app
    controller, kept (with its retry timer) after the write was done."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from mlcoach.ui.patient_write import PatientWrite

    ctl, clock = controller

    def answer(response: str) -> None:
        ctl.show_prompt(manual=True)
        ctl.card.respond(response)
        qtbot.waitUntil(lambda: ctl.current_event is None)
        _idle(qtbot)
        clock.now += timedelta(minutes=80)

    answer("done")  # the first builds the card
    before = _live_objects(ctl)
    for n in range(CYCLES // 4):
        answer(("done", "skipped", "snoozed")[n % 3])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not ctl.findChildren(PatientWrite)
    assert _grown(before, _live_objects(ctl)) == {}


def _idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.ui import ops

    qtbot.waitUntil(lambda: ops.pool().activeThreadCount() == 0 and not ops._live,
                    timeout=20_000)


def test_an_app_running_for_days_backs_up_each_day(controller, qtbot) -> None:  # noqa: F811
    """The daily check and backup ran once, a little after start: an app suspended and
    woken for weeks, never quit, kept one backup from the day it started."""
    from mlcoach.store.backups import backed_up_today
    from mlcoach.system.paths import BACKUP_DIR
    from tests.ui.test_app import TZ

    ctl, clock = controller
    folder = ctl.opened.layout.root / BACKUP_DIR
    assert ctl._backup_timer.isActive()  # the start's own, a few seconds on
    ctl._backup_timer.timeout.emit()
    ctl._backup_timer.stop()
    _idle(qtbot)
    for _ in range(9):
        clock.sleep(timedelta(hours=20))  # the night: suspended, then woken
        clock.now += timedelta(hours=4)
        ctl.on_timer()
        assert ctl._backup_timer.isActive()
        ctl._backup_timer.timeout.emit()
        ctl._backup_timer.stop()
        _idle(qtbot)
        assert backed_up_today(folder, clock.now.astimezone(TZ))
        ctl.on_timer()  # later the same day: no second check
        assert not ctl._backup_timer.isActive()
    # the rotation holds: 7 daily copies and the weeks' (4 at most) before them
    assert len(list(folder.glob("mlcoach-*-daily.db"))) <= 11


def test_settings_applied_again_and_again_keep_two_translators(qapp) -> None:
    """Each Apply in Settings (and each weekly focus taken) installs the language again:
    the translators taken out stayed children of the application, each with its loaded
    catalogue (Qt's own is a few hundred KB), for as long as the app ran."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

    from mlcoach.ui.i18n import install_translators

    def count() -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(qapp.findChildren(QTranslator))

    install_translators(qapp, "en")
    before = count()  # other tests' own translators, left aside

    def ours() -> int:
        return count() - before

    try:
        for _ in range(CYCLES // 4):
            assert install_translators(qapp, "tr") == "tr"
        assert ours() <= 2
    finally:
        install_translators(qapp, "en")
    assert ours() == 0


def _grown(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    """What there is more of than before; fewer is no leak (in the whole suite, what
    earlier tests left may be collected meanwhile: an open file, an object)."""
    return {k: (before.get(k, 0), n) for k, n in after.items() if n > before.get(k, 0)}


def _no_thread_wakeup(fd: str) -> bool:
    """Not the eventfd a worker thread's event dispatcher holds: the pools' threads are
    bounded (one for the store, four for questions) and never expire, so one started when
    two questions overlapped during the cycles (a busy machine) is no leak."""
    import os

    try:
        return os.readlink(f"/proc/self/fd/{fd}") != "anon_inode:[eventfd]"
    except OSError:  # closed meanwhile (the listing's own)
        return False


def _live_objects(ctl) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """What a leak would show: widgets, the controller's children, open files, and the
    app's own QObjects by class."""
    import os

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    found = {"widgets": len(QApplication.allWidgets()),
             "controller children": len(ctl.findChildren(QObject)),
             "open files": len([fd for fd in os.listdir("/proc/self/fd")
                                if _no_thread_wakeup(fd)])}
    for obj in gc.get_objects():
        if isinstance(obj, QObject) and type(obj).__module__.startswith("mlcoach"):
            name = type(obj).__qualname__
            found[name] = found.get(name, 0) + 1
    return found


@pytest.mark.parametrize("which", list(Window))
def test_a_window_opened_and_closed_again_and_again_leaves_nothing(
        controller, qtbot, which: Window) -> None:  # noqa: F811
    """Each window is built once and shown again: opening and closing it many times
    leaves no widget, child, open file or object of ours more than the first time."""
    from PySide6.QtWidgets import QApplication

    ctl, _clock = controller

    def cycle() -> None:
        ctl.open_window(which)
        _idle(qtbot)
        QApplication.processEvents()
        window = ctl.windows[which]
        if hasattr(window, "done"):
            window.done(0)  # closes without asking, whatever a test left typed
        else:
            window.hide()
        QApplication.processEvents()

    for _ in range(3):  # what a first opening builds and loads
        cycle()
    before = _live_objects(ctl)
    for _ in range(CYCLES // 10):
        cycle()
    assert _grown(before, _live_objects(ctl)) == {}


def test_the_coachs_questions_asked_in_another_language_leave_no_group_behind(qtbot) -> None:
    """The style guess asks its questions again in the language Settings names: the old
    questions' button groups stayed, two more at each switch."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QButtonGroup, QRadioButton

    from mlcoach.ui.composer_inputs import StyleGuess

    guess = StyleGuess()
    qtbot.addWidget(guess)
    before = len(guess.findChildren(QButtonGroup))
    for n in range(CYCLES // 10):
        guess.set_language(("tr", "en")[n % 2])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(guess.findChildren(QButtonGroup)) == before
    assert len(guess.radio_buttons()) == len(guess.findChildren(QRadioButton))


def test_exports_again_and_again_leave_nothing_under_the_transfer(qtbot, store,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    """History keeps its Transfer for the window's life: each export left its progress
    relay there (and each import two)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget

    from mlcoach.ui.privacy import format_for
    from mlcoach.ui.transfer import Transfer

    window = QWidget()
    qtbot.addWidget(window)
    transfer = Transfer(store, window)
    written: list[Path] = []
    transfer.exported.connect(written.append)
    before = len(transfer.children())
    for n in range(CYCLES // 10):
        target = tmp_path / f"export-{n}.json"
        transfer.export_to(target, format_for(str(target), ""))
        qtbot.waitUntil(lambda n=n: len(written) == n + 1, timeout=10_000)
        _idle(qtbot)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(transfer.children()) == before


def _threads() -> int:
    import os

    return len(os.listdir("/proc/self/task"))


@pytest.mark.slow
def test_days_of_running_with_a_calendar_leave_nothing_behind(controller, qtbot,  # noqa: F811
                                                              tmp_path: Path) -> None:
    """Days of the timer's wake-ups (every ten minutes at most), a calendar read on the
    worker every five, a meeting each day, prompts answered and the reflection offered
    each evening: threads, objects, open files and the calendar's kept read stay as
    after the first day, and each day has its reflection offer."""
    from datetime import datetime, timezone

    from mlcoach.domain.model import Settings
    from tests.ui.test_app import TZ

    ctl, clock = controller
    cal = tmp_path / "work.ics"
    events = []
    for day in range(6):
        start = datetime(2026, 11, 23 + day, 14, 0, tzinfo=TZ).astimezone(timezone.utc)
        events.append(f"BEGIN:VEVENT\r\nUID:m{day}\r\nDTSTAMP:20261101T000000Z\r\n"
                      f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nDURATION:PT30M\r\n"
                      "SUMMARY:Standup\r\nEND:VEVENT\r\n")
    cal.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
                   + "".join(events) + "END:VCALENDAR\r\n", encoding="utf-8")
    ctl.opened.store.save_settings(Settings(prompts_per_day=4, min_gap_minutes=75,
                                            calendar_path=str(cal)))
    ctl.on_settings_changed()
    offers: list[str] = []

    def day() -> None:
        for _ in range(24 * 6):
            clock.now += timedelta(minutes=10)
            ctl.on_timer()
            if ctl.current_event is not None:
                ctl.card.respond("done")
            reflection = ctl.windows.get(Window.REFLECT)
            if reflection is not None and reflection.isVisible():
                offers.append(clock.now.astimezone(TZ).date().isoformat())
                reflection.done(0)
            _idle(qtbot)

    day()
    before, threads = _live_objects(ctl), _threads()
    for _ in range(2):
        day()
    assert _grown(before, _live_objects(ctl)) == {}
    assert _threads() <= threads  # fewer is fine: earlier tests' threads may end meanwhile
    assert ctl._meetings is not None and ctl._meetings._kept is not None
    assert len(offers) == len(set(offers)) == 3  # one each day, none twice


def test_requests_from_second_starts_leave_no_socket_open(tmp_path: Path, qtbot) -> None:
    """Every `mlcoach capture` or menu entry clicked while the app runs is a connection
    to its channel: each one closed and forgotten once answered."""
    import os

    from PySide6.QtCore import QCoreApplication, QEvent

    from mlcoach.ui.instance_server import InstanceServer
    from tests.ui.test_instance_limits import _send

    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    server = InstanceServer(root)
    assert server.claim() is True
    try:
        def fds() -> dict[str, str]:
            """The process's open sockets: what the channel opens. A file opened
            meanwhile by something an earlier test left is not the channel's (a full
            run failed here once, without saying which count grew; it says so now)."""
            found = {}
            for fd in os.listdir("/proc/self/fd"):
                with contextlib.suppress(OSError):  # the listing's own, closed by now
                    target = os.readlink(f"/proc/self/fd/{fd}")
                    if target.startswith("socket:"):
                        found[fd] = target
            return found

        def live() -> tuple[int, int, int]:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            return (len(fds()), len(server.findChildren(QObject)), len(server._clients))

        assert _send(qtbot, root, "show")
        before, files = live(), fds()
        for _ in range(CYCLES // 2):
            assert _send(qtbot, root, "show")
        # Nothing more than before (fewer is fine: the suite's earlier tests may let go
        # of their files meanwhile).
        with contextlib.suppress(WaitTimeout):
            qtbot.waitUntil(lambda: all(a <= b for a, b in zip(live(), before, strict=True)))
        new = {fd: target for fd, target in fds().items() if files.get(fd) != target}
        assert all(a <= b for a, b in zip(live(), before, strict=True)), (live(), before, new)
    finally:
        server.close()
