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
