"""Fixtures for the Qt tests: offscreen platform, a fixed clock, the windows under test."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 6, 12, 17, 20, tzinfo=TZ)  # a Thursday, end of the working day


def today_at(hour: int, minute: int = 0, *, days_ago: int = 0) -> datetime:
    """A local time on the test's "today" (or that many days before)."""
    return NOW.replace(hour=hour, minute=minute) - timedelta(days=days_ago)


@pytest.fixture(autouse=True)
def own_data_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the app writes in the user's data and config homes (its menu entry at a first
    start, a login entry mended) goes to folders of the test's own, never to the home of
    whoever runs the suite."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    # every start mends a login entry whose program is gone: never the runner's own
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))
    return home


@pytest.fixture(autouse=True)
def no_system_bus(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's system-bus connection (logind: sleep and lock) reaches no real logind:
    a test that wants one starts its own (tests/reliability/bus.py: logind_bus)."""
    from mlcoach.ui import wake

    nowhere = tmp_path_factory.mktemp("no-system-bus") / "socket"
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={nowhere}")
    monkeypatch.setattr(wake, "_system", None)


@pytest.fixture(autouse=True)
def system_locale_after() -> Iterator[None]:
    """Dates and numbers in the system's format again after each test: a test that chose
    a language (install_translators(app, "en") on a C locale is en_US) left "4:00 PM"
    where the next test read the system's "16:00"."""
    yield
    from PySide6.QtCore import QLocale

    if QLocale() != QLocale.system():
        QLocale.setDefault(QLocale.system())


@pytest.fixture
def draft_path(layout) -> Path:  # type: ignore[no-untyped-def]
    """Where the capture draft lives: the private data folder."""
    layout.root.mkdir(parents=True, exist_ok=True)
    return layout.root / "capture-draft.txt"


@pytest.fixture
def capture(qtbot, store, draft_path):  # type: ignore[no-untyped-def]
    """A capture window, shown and focused as the app would present it."""
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.draft import DraftFile

    window = CaptureWindow(store, DraftFile(draft_path))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.present()
    return window


@pytest.fixture
def reflection(qtbot, store) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A reflection dialog on a fixed clock; background work ends before the store closes."""
    from mlcoach.ui import ops
    from mlcoach.ui.reflection_dialog import ReflectionDialog

    dialog = ReflectionDialog(store, clock=lambda: NOW, tz=TZ)
    # done() closes without asking, even when a test left typed text behind.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    yield dialog
    ops.pool().waitForDone(10_000)


# -- no modal dialog may open unless the test asked for it -----------------------------------
#
# A modal dialog in an offscreen test waits for a click that never comes: the run hangs until
# the timeout. Every blocking entry point of Qt's dialogs is replaced for each gui test: an
# unexpected call is recorded, raises at once (the code that asked goes no further) and fails
# the test. A test that means to answer one says so with `expect_dialog.expect(...)` (or its
# own monkeypatch of the same method, which takes precedence).

_STATIC = {
    "QMessageBox": ("warning", "information", "question", "critical", "about", "aboutQt"),
    "QFileDialog": ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                    "getExistingDirectory", "getOpenFileUrl", "getSaveFileUrl",
                    "getExistingDirectoryUrl"),
    "QInputDialog": ("getText", "getInt", "getDouble", "getItem", "getMultiLineText"),
    "QColorDialog": ("getColor",),
    "QFontDialog": ("getFont",),
}
# QMenu.exec is left out: PySide resolves its static/instance overload past the class, so
# it cannot be replaced; the app's menus use popup(), which does not block.
_BLOCKING = ("QDialog", "QMessageBox", "QFileDialog", "QInputDialog", "QProgressDialog",
             "QColorDialog", "QFontDialog")


class UnexpectedDialog(AssertionError):
    """A modal dialog opened that the test did not expect."""


class DialogGuard:
    """Stands in for Qt's modal dialogs during one test; see `expect`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from PySide6 import QtWidgets

        self._monkeypatch = monkeypatch
        self._real: dict[tuple[type, str], object] = {}
        self.unexpected: list[str] = []
        for owner, names in _STATIC.items():
            cls = getattr(QtWidgets, owner)
            for name in names:
                monkeypatch.setattr(cls, name, staticmethod(self._refuse(f"{owner}.{name}")))
        for owner in _BLOCKING:
            cls = getattr(QtWidgets, owner)
            self._real[(cls, "exec")] = cls.__dict__.get("exec")
            monkeypatch.setattr(cls, "exec", self._refuse(f"{owner}.exec", method=True))

    def _refuse(self, what: str, method: bool = False):  # type: ignore[no-untyped-def]
        def refuse(*args: object, **_kwargs: object) -> object:
            shown = args[1:] if method else args
            words = next((a for a in reversed(shown) if isinstance(a, str) and a), "")
            if method and args and hasattr(args[0], "text"):
                words = args[0].text() or args[0].windowTitle()
            self.unexpected.append(f"{what}: {words!r}")
            raise UnexpectedDialog(f"a modal dialog opened that the test did not expect: "
                                   f"{self.unexpected[-1]}")
        return refuse

    def allow_real(self, owner: type) -> None:
        """Let `owner.exec` really run its loop: for a test that answers the dialog itself
        (a QTimer that clicks in it once it is up)."""
        real = self._real[(owner, "exec")]
        if real is None:
            self._monkeypatch.delattr(owner, "exec")
        else:
            self._monkeypatch.setattr(owner, "exec", real)

    def expect(self, owner: object, name: str, *answers: object) -> list[tuple[object, ...]]:
        """Let `owner.name` (e.g. message_box, "question") open: it returns `answers` in turn
        (the last one again after that) and records each call's arguments, returned."""
        calls: list[tuple[object, ...]] = []
        queue = list(answers)

        def answer(*args: object, **_kwargs: object) -> object:
            calls.append(args)
            return queue.pop(0) if len(queue) > 1 else queue[0]

        self._monkeypatch.setattr(owner, name, answer if name == "exec" else
                                  staticmethod(answer))
        return calls


def _is_gui(request: pytest.FixtureRequest) -> bool:
    return request.node.get_closest_marker("gui") is not None


@pytest.fixture(autouse=True)
def dialog_guard(request: pytest.FixtureRequest,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[DialogGuard | None]:
    """Fail a gui test the moment a modal dialog opens that it did not expect."""
    if not _is_gui(request):
        yield None
        return
    guard = DialogGuard(monkeypatch)
    yield guard
    if guard.unexpected:
        pytest.fail("modal dialogs opened that the test did not expect:\n"
                    + "\n".join(guard.unexpected))


@pytest.fixture
def expect_dialog(dialog_guard: DialogGuard | None) -> DialogGuard:
    """For a test that means a dialog to open: `expect_dialog.expect(message_box, "question",
    QMessageBox.StandardButton.Yes)` answers it and returns the list of calls."""
    assert dialog_guard is not None, "expect_dialog is for gui tests"
    return dialog_guard


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After a gui test's body, before its fixtures close the store: let the worker finish
    and deliver what it queued, and the jobs those outcomes give, so nothing a test
    started runs during the next one."""
    yield
    if item.get_closest_marker("gui") is None:
        return
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui import ops

    # Until every outcome is delivered: one delivered may give a job of its own (a menu
    # entry written for the welcome's close), which ran on into the next test and wrote
    # into that test's data home. processEvents only, as before: not drain()'s
    # sendPostedEvents, which crashed here once in a full run.
    for _ in range(20):
        ops.pool().waitForDone(30_000)
        ops.asking_pool().waitForDone(30_000)  # questions to other processes, each bounded
        QApplication.processEvents()
        if ops.delivered():
            break
    # A QMimeData left on the offscreen clipboard crashes Qt's teardown at exit (the
    # recovery key is put there as one): every test ends with an empty clipboard.
    if QApplication.instance() is not None:
        QApplication.clipboard().clear()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Once a test's fixtures are done and pytest-qt has closed the windows it was given:
    delete them, here, before the next test.

    pytest-qt only calls deleteLater(), and nothing runs that deletion until some later
    test waits on Qt. A window so left over lived on into other tests (a language switch
    there retranslated it, and it asked again for its screen()) until Python's cycle
    collector freed it, at any point of any test. PySide makes the app's one QScreen
    wrapper a Python child of each widget whose screen() Python asks for; the collector,
    clearing such a widget before its C++ side was gone, handed that wrapper to Python,
    which then deleted the QScreen itself: the next widget built crashed in
    QScreen::virtualSiblings (test_accessibility after test_composer_dialog, ~1 run in
    3). Deleted here, C++ first, a window's Python children are only marked dead."""
    result = yield
    import sys

    if "PySide6.QtCore" in sys.modules:  # a test with no Qt loads none
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result


@pytest.fixture
def new_controller(qtbot, opened, monkeypatch):  # type: ignore[no-untyped-def]
    """Make AppControllers on `opened`'s folder for a desktop (XDG_CURRENT_DESKTOP), the
    welcome done or not; what they showed is hidden and their instance server closed at
    the end."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer

    made: list[object] = []

    def make(desktop: str = "", welcome_done: bool = True, **kwargs: object) -> Any:
        monkeypatch.setenv("XDG_CURRENT_DESKTOP", desktop)
        opened.store.set_state("welcome_done", welcome_done)
        ctl = AppController(QApplication.instance(), opened.layout.root,
                            InstanceServer(opened.layout.root), busy=lambda: False,
                            **kwargs)
        made.append(ctl)
        return ctl

    yield make
    for ctl in made:
        ctl.timer.stop()  # type: ignore[attr-defined]
        shown = [*ctl.windows.values(), ctl.main_window,  # type: ignore[attr-defined]
                 ctl.tray, getattr(ctl, "welcome", None)]  # type: ignore[attr-defined]
        for window in shown:
            if window is not None:
                window.hide()
        ctl.server.close()  # type: ignore[attr-defined]


@pytest.fixture
def opened_store_writer(opened):  # type: ignore[no-untyped-def]
    """Another process's long write (an import): the store's write lock, held while the
    block runs."""
    from contextlib import contextmanager

    from mlcoach.store import db

    @contextmanager
    def holding() -> Iterator[None]:
        conn = db.connect_raw(opened.layout.db, opened.secret)
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield
            conn.execute("ROLLBACK")
        finally:
            conn.close()

    return holding


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private session bus (no keyring) for python-dbusmock's stand-in services: its
    environment. Skipped where the system Python has no python3-dbusmock."""
    from tests.reliability.bus import has_dbusmock, session_bus

    if not has_dbusmock():
        pytest.skip("missing: python3-dbusmock")
    with session_bus(tmp_path, keyring=False) as env:
        yield env
