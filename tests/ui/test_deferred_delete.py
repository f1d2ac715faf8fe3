"""A helper object deleted once the event loop comes round, whose deletion frees its
parent: the session bus's call deadline, its last reference held by the timer's own
slot. The parent, freed in the middle of the child's deletion, deleted the child a
second time: the app crashed (SIGSEGV or SIGBUS) at the next turn of the event loop, as
the suite did now and then after test_upgrade. Run in a child process: a crash ends it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

DROPPED_BUS = (
    "import gc\n"
    "from PySide6.QtCore import QCoreApplication, QEvent\n"
    "from jeepney import DBusAddress, new_method_call\n"
    "from mlcoach.ui.session_bus import SessionBus\n"
    "app = QCoreApplication([])\n"
    "bus = SessionBus(address='unix:path=/nonexistent')\n"
    "bus._opening = True  # as while a worker opens it: the call waits for it\n"
    "dbus = DBusAddress('/org/freedesktop/DBus', bus_name='org.freedesktop.DBus',\n"
    "                   interface='org.freedesktop.DBus')\n"
    "failed = []\n"
    "bus.call(new_method_call(dbus, 'GetId'), lambda _body: None, failed.append)\n"
    "bus.close()  # the call fails; its deadline timer is deleted later\n"
    "del bus  # no one holds the bus but that timer's slot\n"
    "gc.collect()\n"
    "QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)\n"
    "print(failed)\n"
)


def test_a_call_timer_that_held_the_last_reference_to_its_bus_is_deleted_once() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", DROPPED_BUS], env=env, capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "['connection closed']\n"), done.stderr


def test_a_widget_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Out of its parent a widget becomes a window of its own: refused, not shown."""
    from PySide6.QtWidgets import QWidget

    from mlcoach.ui.deferred_delete import delete_later

    parent = QWidget()
    qtbot.addWidget(parent)
    child = QWidget(parent)
    with pytest.raises(TypeError):
        delete_later(child)
    assert child.parent() is parent
