"""Quick capture from anywhere: the launcher's activation token travels with the
hand-over and is given to Qt just before the window asks to be activated."""

from __future__ import annotations

import os
from typing import Any

import pytest

from mlcoach.system import instance

pytestmark = pytest.mark.gui


class Platform:
    def __init__(self, name: str) -> None:
        self.name = name

    def platformName(self) -> str:
        return self.name


@pytest.fixture
def ctl(qtbot, opened, monkeypatch):  # type: ignore[no-untyped-def]
    """The app controller, with no token in the environment; whatever the tests' own
    process had is given back after."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer

    monkeypatch.delenv("XDG_ACTIVATION_TOKEN", raising=False)
    server = InstanceServer(opened.layout.root)
    controller = AppController(QApplication.instance(), opened.layout.root, server,
                               busy=lambda: False)
    yield controller
    server.close()


def test_the_running_app_receives_the_token_with_the_request(ctl: Any, opened: Any,
                                                             qtbot: Any) -> None:
    assert ctl.server.claim() is True
    got: list[str] = []
    ctl.server.request_received.connect(got.append)
    with qtbot.waitSignal(ctl.server.request_received, timeout=5000):
        # send() blocks on the reply, which the Qt loop gives: run it in a thread.
        import threading

        threading.Thread(target=instance.send, args=(opened.layout.root, "settings"),
                         kwargs={"token": "kwin-1234_TIME99"}).start()
    assert got == ["settings"]
    assert ctl._activation_token == "kwin-1234_TIME99"


def _seen_while_activating(ctl: Any) -> str | None:
    with ctl.activation():
        return os.environ.get("XDG_ACTIVATION_TOKEN")


def test_on_wayland_qt_gets_the_token_once(ctl: Any) -> None:
    ctl.app = Platform("wayland")
    ctl.take_activation_token("gnome-shell/mlcoach/7")
    assert _seen_while_activating(ctl) == "gnome-shell/mlcoach/7"
    assert "XDG_ACTIVATION_TOKEN" not in os.environ  # never inherited by children
    assert _seen_while_activating(ctl) is None  # used up: a later window does not reuse it


def test_on_x11_the_environment_is_left_alone(ctl: Any) -> None:
    ctl.app = Platform("xcb")
    ctl.take_activation_token("startup-id_TIME5")
    assert _seen_while_activating(ctl) is None
