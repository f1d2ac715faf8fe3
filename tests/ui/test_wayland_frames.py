"""On Wayland every window the app opens repaints itself whole once it is active: KWin
5.27 drawing in software showed a new window's first frame striped until then (see
ui/wayland_frames.py; the desktop matrix's KDE run is where the stripes were seen).

In-process on the offscreen platform, with the platform's name set to Wayland's."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

pytestmark = pytest.mark.gui


class _Paints(QObject):
    """Records, for each paint of the watched window, whether it covered all of it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.whole: list[bool] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.whole.append(event.rect() == self.window.rect())  # type: ignore[attr-defined]
        return False


class _Timers:
    """Stands in for QTimer in ui.wayland_frames: keeps what was scheduled, runs nothing."""

    def __init__(self) -> None:
        self.scheduled: list[tuple[int, Any, Any]] = []

    def singleShot(self, ms: int, receiver: Any, slot: Any) -> None:
        self.scheduled.append((ms, receiver, slot))


@pytest.fixture
def timers(monkeypatch: Any) -> _Timers:
    from mlcoach.ui import wayland_frames

    fake = _Timers()
    monkeypatch.setattr(wayland_frames, "QTimer", fake)
    return fake


def _activate_and_check_the_repaint(qtbot: Any, window: QWidget, timers: _Timers) -> None:
    """Activation schedules a repaint of `window` for a little later; run it: whole."""
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    [(ms, receiver, slot)] = timers.scheduled
    assert receiver is window and 0 < ms <= 500
    qtbot.wait(0)  # the activation's own repaint, if any, is not the one checked
    paints = _Paints(window)
    slot()
    qtbot.waitUntil(lambda: any(paints.whole), timeout=3000)
    window.removeEventFilter(paints)


def test_an_activated_window_is_repainted_whole(qtbot: Any, timers: _Timers) -> None:
    from mlcoach.ui.wayland_frames import RepaintWhenActive

    window = QLabel("Capture a moment")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.installEventFilter(RepaintWhenActive(window))
    _activate_and_check_the_repaint(qtbot, window, timers)


def test_on_wayland_the_windows_the_app_opens_repaint_whole(qtbot: Any, opened: Any,
                                                            monkeypatch: Any,
                                                            timers: _Timers) -> None:
    from mlcoach.ui.app import AppController
    from mlcoach.ui.app_windows import Window
    from mlcoach.ui.instance_server import InstanceServer

    server = InstanceServer(opened.layout.root)
    ctl = AppController(QApplication.instance(), opened.layout.root, server,
                        busy=lambda: False)
    ctl.opened = opened
    try:
        ctl.open_window(Window.CAPTURE)  # offscreen: nothing to settle
        assert ctl._frames is None
        ctl.windows[Window.CAPTURE].hide()
        monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "wayland"))
        ctl.open_window(Window.CAPTURE)
        _activate_and_check_the_repaint(qtbot, ctl.windows[Window.CAPTURE], timers)
    finally:
        for window in ctl.windows.values():
            window.close()
            window.deleteLater()
        server.close()
