"""The app after an upgrade under it: it loads none of the new code, restarts into the
new version when nothing typed can be lost, and otherwise says so once and waits."""

from __future__ import annotations

import importlib
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mlcoach.domain.model import Settings
from mlcoach.system.install_stamp import CodeChangedError, InstallStamp
from mlcoach.ui.app_windows import Window

pytestmark = pytest.mark.gui

TZ = ZoneInfo("Europe/Istanbul")


class Installed:
    """A package folder standing in for the installed mlcoach."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "site" / "mlcoach"
        self.folder.mkdir(parents=True)
        (self.folder / "__init__.py").write_text('__version__ = "1"\n')
        self.stamp = InstallStamp([self.folder])
        self.version = 1

    def upgrade(self) -> None:
        """As dpkg does: each new file written beside, then renamed over the old one."""
        self.version += 1
        for name in ("__init__.py", "window.py"):
            new = self.folder / f"{name}.dpkg-new"
            new.write_text(f'__version__ = "{self.version}"\n')
            os.replace(new, self.folder / name)


@pytest.fixture
def installed(tmp_path: Path) -> Installed:
    return Installed(tmp_path)


@pytest.fixture
def controller(qtbot, opened, installed, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import notify
    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer
    from tests.ui.test_app import FakeClock, _exit_recorded
    from tests.ui.test_notify import FakeServer

    monkeypatch.setattr(notify, "shared", FakeServer)
    opened.store.set_state("welcome_done", True)
    opened.store.save_settings(Settings(prompts_per_day=4, min_gap_minutes=75))
    clock = FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=TZ))
    server = InstanceServer(opened.layout.root)
    ctl = AppController(QApplication.instance(), opened.layout.root, server, clock=clock,
                        tz=lambda: TZ, busy=lambda: False, real_clock=clock.real,
                        steady_clock=clock.steady, stamp=installed.stamp)
    ctl.start("show", opened=opened)
    exits = _exit_recorded(ctl)
    yield ctl, exits
    ctl.stop()
    for window in ctl.windows.values():
        window.hide()
    if ctl.notice_box is not None:
        ctl.notice_box.close()
    if ctl.main_window is not None:
        ctl.main_window.close()


def test_without_an_upgrade_a_window_opens_here(controller) -> None:  # type: ignore[no-untyped-def]
    ctl, exits = controller
    ctl.open_window(Window.HISTORY)
    assert ctl.windows[Window.HISTORY].isVisible()
    assert not ctl.upgrade.restarting and exits == []


def test_a_window_asked_for_after_an_upgrade_opens_in_the_new_version(  # type: ignore[no-untyped-def]
        controller, installed) -> None:
    """Nothing typed is open: the app restarts as the user started it, carrying the
    request, and builds nothing from the new files meanwhile."""
    ctl, exits = controller
    installed.upgrade()
    ctl.open_window(Window.HISTORY)
    assert Window.HISTORY not in ctl.windows
    assert ctl.upgrade.restarting and exits == []  # the files settle first
    ctl.upgrade.settle()
    assert exits == [0]
    assert ctl.restart_command is not None
    assert ctl.restart_command[-5:] == ["--data-dir", str(ctl.data_root), "run", "--open",
                                        "history"]


def test_the_restart_waits_while_the_install_is_still_changing(  # type: ignore[no-untyped-def]
        controller, installed) -> None:
    ctl, exits = controller
    installed.upgrade()
    ctl.handle_request("reflect")
    installed.upgrade()  # pipx is still installing
    ctl.upgrade.settle()
    assert exits == [] and ctl.upgrade.restarting
    ctl.upgrade.settle()
    assert exits == [0] and ctl.restart_command is not None
    assert ctl.restart_command[-1] == "reflect"


def test_with_words_typed_in_a_window_it_says_so_once_and_restarts_once_closed(  # type: ignore[no-untyped-def]
        controller, installed, qtbot) -> None:
    ctl, exits = controller
    ctl.open_window(Window.CAPTURE)
    capture = ctl.capture_window()
    qtbot.keyClicks(capture.edit, "Asked Deniz to lead the retro")
    installed.upgrade()
    ctl.open_window(Window.HISTORY)
    ctl.handle_request("settings")
    assert Window.HISTORY not in ctl.windows and Window.SETTINGS not in ctl.windows
    assert exits == [] and capture.isVisible()
    assert capture.edit.text() == "Asked Deniz to lead the retro"
    box = ctl.notice_box
    assert box is not None and "close its open windows" in box.text()
    ctl.open_window(Window.REFLECT)
    assert ctl.notice_box is box  # said once, not once per request
    capture.hide()
    qtbot.waitUntil(lambda: ctl.upgrade.restarting)
    ctl.upgrade.settle()
    assert exits == [0] and ctl.restart_command is not None
    assert ctl.restart_command[-1] == "run"  # what was asked for then is not popped up now


def test_a_stopped_app_starts_no_restart_as_its_windows_go(  # type: ignore[no-untyped-def]
        controller, installed, qtbot) -> None:
    """Stopped (a quit under way, a test done) with a window open after an upgrade: the
    window hidden on the way out started the restart's settle, whose timer then quit
    the app once more, hiding every window of whatever ran by then (the next test's)."""
    from tests.ui.worker import drain

    ctl, exits = controller
    ctl.open_window(Window.CAPTURE)
    installed.upgrade()
    ctl.open_window(Window.HISTORY)  # held: it says it will restart once closed
    assert Window.HISTORY not in ctl.windows
    ctl.stop()
    ctl.capture_window().hide()
    drain()  # the hide's look at the windows, a turn of the event loop later
    assert not ctl.upgrade.restarting
    ctl.upgrade.settle()  # as its timer would, had it been left running
    assert exits == [] and ctl.restart_command is None


def test_the_prompt_timer_restarts_the_idle_app(controller, installed) -> None:  # type: ignore[no-untyped-def]
    ctl, exits = controller
    installed.upgrade()
    ctl.timer.stop()
    ctl.on_timer()
    assert ctl.current_event is None  # no prompt from the old code
    assert ctl.upgrade.restarting and not ctl.timer.isActive()
    ctl.upgrade.settle()
    assert exits == [0] and ctl.restart_command is not None
    assert ctl.restart_command[-1] == "run"


def test_an_upgrade_that_removed_the_program_restarts_nothing(  # type: ignore[no-untyped-def]
        controller, installed, monkeypatch) -> None:
    from mlcoach.ui import upgrade

    ctl, exits = controller
    monkeypatch.setattr(upgrade, "restart_command",
                        lambda root, request: [str(installed.folder / "gone"), request])
    installed.upgrade()
    ctl.open_window(Window.SUGGEST)
    ctl.upgrade.settle()
    assert exits == [] and ctl.restart_command is None
    box = ctl.notice_box
    assert box is not None and "start it again" in box.text()


def test_the_guard_refuses_new_modules_and_the_app_restarts_when_free(  # type: ignore[no-untyped-def]
        controller, installed, qtbot) -> None:
    ctl, exits = controller
    guard = ctl.upgrade.guard()
    assert guard is not None
    guard.install()
    try:
        importlib.import_module("json")  # not ours: loads as ever
        installed.upgrade()
        with pytest.raises(CodeChangedError):
            importlib.import_module("mlcoach.ui.not_loaded_before_the_upgrade")
    finally:
        guard.remove()
    assert "mlcoach.ui.not_loaded_before_the_upgrade" not in sys.modules
    qtbot.waitUntil(lambda: ctl.upgrade.restarting)
    ctl.upgrade.settle()
    assert exits == [0]


def test_asked_to_show_itself_after_an_upgrade_it_restarts(controller, installed) -> None:  # type: ignore[no-untyped-def]
    """Started again from the menu after the upgrade: the new version comes up."""
    ctl, exits = controller
    installed.upgrade()
    ctl.handle_request("show")
    ctl.upgrade.settle()
    assert exits == [0] and ctl.restart_command is not None
    assert ctl.restart_command[-1] == "show"


def test_a_store_open_refused_by_the_guard_restarts_rather_than_asks(  # type: ignore[no-untyped-def]
        controller, installed) -> None:
    ctl, exits = controller
    installed.upgrade()
    ctl.on_store_failed(CodeChangedError("mlcoach.store.vault not loaded"))
    assert ctl.upgrade.restarting
    ctl.upgrade.settle()
    assert exits == [0]
