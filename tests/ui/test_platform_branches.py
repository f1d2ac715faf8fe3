"""Windows and macOS branches, exercised here by simulation (nothing runs those systems).

* Single instance without AF_UNIX (Windows' Python): the app's QLocalServer listens on a
  plain per-user name (Qt makes it the pipe \\\\.\\pipe\\<name>); a second start writes its
  request to that pipe. Here the pipe is opened through Qt's Linux socket of that name.
* The .ico that Windows notifications and the frozen build use is readable by Qt.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mlcoach.system import instance

pytestmark = pytest.mark.gui


@pytest.fixture
def no_af_unix(monkeypatch: pytest.MonkeyPatch) -> int:
    """Python as on Windows: no socket.AF_UNIX. Returns the real value for the test's use."""
    real = socket.AF_UNIX
    monkeypatch.delattr(socket, "AF_UNIX")
    return real


def test_channel_name_is_a_plain_per_user_per_folder_name(tmp_path: Path) -> None:
    name = instance.channel_name(tmp_path / "data", user="Ayşe Yılmaz")
    assert name.startswith("mlcoach-Ay_e_Y_lmaz-")
    assert not any(ch in name for ch in "\\/:")  # a pipe name, not a path
    assert name != instance.channel_name(tmp_path / "other", user="Ayşe Yılmaz")
    assert name != instance.channel_name(tmp_path / "data", user="bo")
    assert instance.pipe_path("x") == "\\\\.\\pipe\\x"


def test_second_start_hands_over_through_the_named_channel(
        qtbot: Any, tmp_path: Path, no_af_unix: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from mlcoach.ui.instance_server import InstanceServer, channel_address

    data = tmp_path / "data"
    name, lock = channel_address(data)
    assert name == instance.channel_name(data) and lock.name == f"{name}.lock"
    server = InstanceServer(data)
    assert server.claim() is True
    full = server._server.fullServerName()
    assert full.endswith(name)  # Qt put it where it puts names: \\.\pipe\ on Windows

    def open_pipe(pipe_name: str) -> Any:
        assert pipe_name == name
        sock = socket.socket(no_af_unix, socket.SOCK_STREAM)
        sock.connect(full)
        return sock.makefile("rwb", buffering=0)

    monkeypatch.setattr(instance, "_open_pipe", open_pipe)
    answers: list[bool] = []
    sender = threading.Thread(target=lambda: answers.append(
        instance.send(data, "capture", timeout=10)))
    try:
        with qtbot.waitSignal(server.request_received, timeout=10_000) as got:
            sender.start()
        qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    finally:
        sender.join(10)
        server.close()
        _destroy_here(server)
    assert got.args == ["capture"]
    assert answers == [True]


def _destroy_here(obj: Any) -> None:
    """Delete a QObject on this (the GUI) thread now. Its signal lambdas make a reference
    cycle, and the cycle collector may otherwise run on another thread later."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def test_named_channel_without_an_app_answers_false_within_the_deadline(
        tmp_path: Path, no_af_unix: int) -> None:
    start = time.monotonic()
    assert instance.send(tmp_path / "data", "show", timeout=2) is False  # no such pipe
    assert time.monotonic() - start < 5


def test_a_pipe_that_never_answers_costs_only_the_deadline(
        tmp_path: Path, no_af_unix: int, monkeypatch: pytest.MonkeyPatch) -> None:
    class Silent:
        def __enter__(self) -> Silent:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def write(self, data: bytes) -> int:
            return len(data)

        def read(self, _size: int) -> bytes:
            time.sleep(30)  # a hung app: the read never returns in time
            return b""

    monkeypatch.setattr(instance, "_open_pipe", lambda _name: Silent())
    start = time.monotonic()
    assert instance.send(tmp_path / "data", "show", timeout=0.5) is False
    assert time.monotonic() - start < 5


def test_windows_icon_loads_in_qt_at_every_size() -> None:
    from PySide6.QtGui import QImageReader

    from mlcoach.ui.icons import icons_dir

    reader = QImageReader(str(icons_dir() / "io.github.mlcoach.MLCoach.ico"))
    sizes = []
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


# -- notifications: each platform's own route --------------------------------------------


def _run_now(monkeypatch: pytest.MonkeyPatch) -> None:
    from mlcoach.ui import notify

    def run_now(fn: Any, done: Any, failed: Any, **_where: Any) -> None:
        try:
            done(fn())
        except BaseException as exc:  # handed on, as ops.run does
            failed(exc)

    monkeypatch.setattr(notify.ops, "run", run_now)


def test_windows_notifications_go_through_plyers_public_facade_with_the_ico(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from plyer import notification

    from mlcoach.ui import notify

    forwarded: list[dict[str, Any]] = []
    # The facade (public notify) is real; only the OS call under it is replaced.
    monkeypatch.setattr(notification, "_notify", lambda **kw: forwarded.append(kw))
    _run_now(monkeypatch)
    assert notify.route("win32") == "plyer-public"
    notify.send_notification("Energy", "Take a short walk", platform="win32")
    (sent,) = forwarded
    assert sent["title"] == "Energy" and sent["message"] == "Take a short walk"
    assert sent["app_name"] == "mlcoach" and sent["timeout"] == notify.TIMEOUT_S
    assert sent["app_icon"].endswith(".ico") and Path(sent["app_icon"]).is_file()


def test_macos_notifications_are_posted_by_the_tray_icon(qtbot: Any) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    from mlcoach.ui import notify

    shown: list[tuple[str, str, int]] = []

    class Icon(QSystemTrayIcon):
        def showMessage(self, title: str, message: str, _icon: Any,  # Qt's name
                        msecs: int = 10000) -> None:
            shown.append((title, message, msecs))

    icon = Icon()
    assert notify.route("darwin") == "tray"
    notify.send_notification("Recognition", "Thank someone", tray_icon=icon,
                             platform="darwin")
    assert shown == [("Recognition", "Thank someone", notify.TIMEOUT_S * 1000)]
    notify.send_notification("Recognition", "again", tray_icon=None, platform="darwin")
    assert len(shown) == 1  # no tray: logged, nothing raised


def test_linux_keeps_the_freedesktop_route() -> None:
    from mlcoach.ui import notify

    assert notify.route("linux") == notify.route("freebsd13") == "freedesktop"


# -- macOS: no Dock icon for a pip install -----------------------------------------------


class _FakeObjc:
    """Records what hide_dock_icon asks the Objective-C runtime."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        outer = self

        class Fn:
            def __init__(self, name: str) -> None:
                self.name, self.restype, self.argtypes = name, None, None

            def __call__(self, *args: Any) -> Any:
                outer.calls.append((self.name, *args, self.argtypes))
                if self.name == "objc_getClass":
                    return 0x1000
                if self.name == "sel_registerName":
                    return {b"sharedApplication": 0x20, b"setActivationPolicy:": 0x30}[args[0]]
                return 0x4000 if args[1] == 0x20 else True

        self.objc_getClass = Fn("objc_getClass")
        self.sel_registerName = Fn("sel_registerName")
        self.objc_msgSend = Fn("objc_msgSend")


def test_hide_dock_icon_sets_the_accessory_policy_on_macos_only() -> None:
    import ctypes

    from mlcoach.ui.macos import ACCESSORY, hide_dock_icon

    fake = _FakeObjc()
    assert hide_dock_icon(platform="linux", load=lambda: fake) is False
    assert fake.calls == []
    assert hide_dock_icon(platform="darwin", load=lambda: fake) is True
    sends = [c for c in fake.calls if c[0] == "objc_msgSend"]
    assert sends[0][1:3] == (0x1000, 0x20)  # [NSApplication sharedApplication]
    assert sends[1][1:4] == (0x4000, 0x30, ACCESSORY)  # [NSApp setActivationPolicy:1]
    assert sends[1][4] == [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_long]
    assert hide_dock_icon(platform="darwin", load=lambda: None) is False
