"""The ORM store's first open (SQLAlchemy's import and the SQLCipher open: ~0.3 s, longer
behind another process's write) ran on the GUI thread when the reflection window, the
coach or History's People tab first came up: the tray and every window stood still. It is
opened on the store's worker now; the window comes up once it is open, whole (History at
once, its People tab and Insights filling in); a failure says so in one sentence.

In-process on the offscreen platform, with the app's own raw store (as `mlcoach run`
opens it) on a real SQLCipher file; the ORM store's open is held until the test lets go,
so nothing depends on timing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mlcoach.domain.errors import MlcoachError
from mlcoach.ui.app_windows import Window
from tests.ui.test_app import FakeClock
from tests.ui.worker import drain

pytestmark = pytest.mark.gui

TZ = ZoneInfo("Europe/Istanbul")
START = datetime(2026, 11, 23, 18, 0, tzinfo=TZ)
DAY = START.date()


class HeldOpen:
    """Stands in for the ORM store's open: held until `let_go`, or failing with `fail`;
    says on which thread each open ran."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.on_gui: list[bool] = []
        self.fail: Exception | None = None
        self.armed = True  # False: opens go through as they are (the test's own set-up)

    def let_go(self) -> None:
        self.gate.set()


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldOpen]:
    from mlcoach.store import vault

    held = HeldOpen()
    real = vault._open

    def open_held(*args: Any, **kwargs: Any) -> Any:
        if not held.armed:
            return real(*args, **kwargs)
        held.on_gui.append(threading.current_thread() is threading.main_thread())
        assert held.gate.wait(60), "the test never let the open go"  # a broken build's bound
        if held.fail is not None:
            raise held.fail
        return real(*args, **kwargs)

    monkeypatch.setattr(vault, "_open", open_held)
    yield held
    held.let_go()  # whatever happened, nothing is left waiting


def _controller(layout: Any, monkeypatch: pytest.MonkeyPatch, *,
                welcome_done: bool = True) -> tuple[Any, Any, list[str]]:
    """An app controller on the raw store, as `mlcoach run` opens it; today's reflection
    saved earlier (energy 3, "Rest" for tomorrow); the lines it says, in `told`."""
    from PySide6.QtWidgets import QApplication

    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import open_light, open_store
    from mlcoach.ui import notify
    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer
    from tests.ui.test_notify import FakeServer

    monkeypatch.setattr(notify, "shared", FakeServer)
    first = open_store(layout, keys=OSKeyring())
    first.store.save_reflection(DAY, energy=3, intention="Rest")
    first.store.set_state("welcome_done", welcome_done)
    first.store.close()
    opened = open_light(layout, keys=OSKeyring())
    clock = FakeClock(START)
    ctl = AppController(QApplication.instance(), layout.root, InstanceServer(layout.root),
                        clock=clock, tz=lambda: TZ, busy=lambda: False,
                        real_clock=clock.real, steady_clock=clock.steady)
    told: list[str] = []
    monkeypatch.setattr(ctl, "tray_says", lambda text, _ms: told.append(text))
    monkeypatch.setattr(notify, "send_notification", lambda _app, text: told.append(text))
    return ctl, opened, told


def _close(ctl: Any, opened: Any) -> None:
    ctl.stop()
    for window in [*ctl.windows.values(), ctl.main_window, ctl.card,
                   getattr(ctl, "welcome", None)]:
        if window is not None:
            window.hide()
    ctl.server.close()
    opened.close()


@pytest.fixture
def app(qtbot, layout, memory_keyring, monkeypatch):  # type: ignore[no-untyped-def]
    """The app started, the welcome done. Asked for before `held_open`."""
    ctl, opened, told = _controller(layout, monkeypatch)
    ctl.start("show", opened=opened)
    assert not opened.full_is_open
    yield ctl, opened, told
    _close(ctl, opened)


LOCKED = "the store is locked by another program"  # why the open fails, in the tests that fail it
LOCKED_SAID = "Could not open your data: the store is locked by another program"


def _comes_up_once_open(qtbot: Any, app: Any, held_open: HeldOpen, window: Window,
                        ask: Callable[[], object]) -> None:
    """`ask` for `window` returns at once; the window comes up, shown, once the held open
    is let go, and that open ran on the worker."""
    ctl, opened, _told = app
    ask()
    assert window not in ctl.windows and not opened.full_is_open
    held_open.let_go()
    qtbot.waitUntil(lambda: window in ctl.windows and ctl.windows[window].isVisible())
    assert held_open.on_gui == [False]  # opened once, on the worker


def _says_why_it_cannot_open(qtbot: Any, app: Any, held_open: HeldOpen,
                             window: Window) -> None:
    """`window` asked for with a store that cannot be opened: the tray says why in one
    sentence, and no window is left half made."""
    ctl, _opened, told = app
    held_open.fail = MlcoachError(LOCKED)
    ctl.open_window(window)
    held_open.let_go()
    qtbot.waitUntil(lambda: bool(told))
    assert told == [LOCKED_SAID]
    assert window not in ctl.windows


def _history(ctl: Any) -> Any:
    """History's window, opened (it browses through the raw store: no wait)."""
    ctl.open_window(Window.HISTORY)
    return ctl.history_window()


def test_the_reflection_opens_without_holding_the_tray(qtbot, app, held_open):  # type: ignore[no-untyped-def]
    """Its first open waited on the GUI thread for the ORM store. Shown before the store
    was open and filled in after, it grew, and a Wayland compositor (KDE), which placed it
    for its first size, left its buttons under the panel: it comes up once the worker has
    opened the store, whole."""
    ctl, _opened, told = app
    _comes_up_once_open(qtbot, app, held_open, Window.REFLECT,
                        lambda: ctl.open_window(Window.REFLECT))
    dialog = ctl.reflection_dialog()
    assert dialog.energy.value() == 3 and dialog.intention.text() == "Rest"  # filled in
    assert told == []


def test_the_evening_offer_of_the_reflection_waits_for_the_store_too(
        qtbot, app, held_open):  # type: ignore[no-untyped-def]
    ctl, _opened, _told = app
    _comes_up_once_open(qtbot, app, held_open, Window.REFLECT, ctl.offer_reflection)


def test_the_reflection_that_cannot_open_the_store_says_why(qtbot, app, held_open):  # type: ignore[no-untyped-def]
    _says_why_it_cannot_open(qtbot, app, held_open, Window.REFLECT)


def test_the_coach_opens_without_holding_the_tray(qtbot, app, held_open):  # type: ignore[no-untyped-def]
    ctl, _opened, told = app
    _comes_up_once_open(qtbot, app, held_open, Window.SUGGEST,
                        lambda: ctl.open_window(Window.SUGGEST))
    assert told == []


def test_the_coach_that_cannot_open_the_store_says_why(qtbot, app, held_open):  # type: ignore[no-untyped-def]
    _says_why_it_cannot_open(qtbot, app, held_open, Window.SUGGEST)


def test_historys_people_tab_opens_the_store_on_the_worker(qtbot, app, held_open):  # type: ignore[no-untyped-def]
    """History browses through the raw store; its People tab needs the ORM store, whose
    first open held the window (and the tray) on the GUI thread."""
    ctl, opened, _told = app
    history = _history(ctl)
    history.show_people()
    assert history.people is None and not opened.full_is_open
    held_open.let_go()
    qtbot.waitUntil(lambda: history.people is not None)
    assert history.people.isVisible()
    assert held_open.on_gui == [False]


def _people_tab_says(history: Any) -> list[str]:
    """What History's People tab says in its place (opening, or why it is not there)."""
    from mlcoach.ui.widgets.plain_text import Label

    return [label.text() for label in history._people_holder.findChildren(Label)
            if label.isVisible() and label.text()]


def test_historys_people_tab_says_why_when_the_store_cannot_be_opened(
        qtbot, app, held_open):  # type: ignore[no-untyped-def]
    ctl, _opened, _told = app
    held_open.fail = MlcoachError(LOCKED)
    history = _history(ctl)
    history.show_people()
    held_open.let_go()

    qtbot.waitUntil(lambda: _people_tab_says(history) != ["Opening your data…"])
    assert _people_tab_says(history) == [LOCKED_SAID]


def test_historys_people_tab_says_so_when_the_panel_cannot_be_built(
        qtbot, app, held_open, monkeypatch):  # type: ignore[no-untyped-def]
    """The store opened, but the panel could not be made: the tab said "Opening your
    data…" for good."""
    from mlcoach.ui.history.window import HistoryWindow
    ctl, _opened, _told = app
    monkeypatch.setattr(HistoryWindow, "_people_tab", lambda _self: None)
    history = _history(ctl)
    history.show_people()
    held_open.let_go()

    qtbot.waitUntil(lambda: _people_tab_says(history) != ["Opening your data…"])
    assert _people_tab_says(history) == ["The people list could not be shown; the log says why."]


def test_historys_insights_open_the_store_on_the_worker(qtbot, app, held_open):  # type: ignore[no-untyped-def]
    ctl, opened, _told = app
    history = _history(ctl)
    history.show_insights()  # its first load asked for the ORM store on the GUI thread
    assert history.insights.loading() and not opened.full_is_open
    held_open.let_go()
    qtbot.waitUntil(lambda: not history.insights.loading())
    assert held_open.on_gui == [False]


def test_a_welcome_left_unfinished_comes_up_once_the_worker_opened_the_store(
        qtbot, layout, memory_keyring, monkeypatch, held_open):  # type: ignore[no-untyped-def]
    """Quit during the welcome last time: this start shows it again, and it needs the
    ORM store, which was opened on the GUI thread before the tray had its first say."""
    held_open.armed = False
    ctl, opened, _told = _controller(layout, monkeypatch, welcome_done=False)
    held_open.armed = True
    try:
        ctl.start("show", opened=opened)
        assert getattr(ctl, "welcome", None) is None and not opened.full_is_open
        held_open.let_go()
        qtbot.waitUntil(lambda: getattr(ctl, "welcome", None) is not None
                        and ctl.welcome.isVisible())
        assert held_open.on_gui == [False]
    finally:
        held_open.let_go()
        _close(ctl, opened)


def test_an_export_from_history_opens_the_store_on_the_worker(qtbot, app, held_open,
                                                              tmp_path):  # type: ignore[no-untyped-def]
    """History's File ▸ Export, the first thing done there: the ORM store was opened on
    the GUI thread before the export went to the worker."""
    from mlcoach.ui.privacy import export_formats

    ctl, opened, _told = app
    history = _history(ctl)
    exported: list[object] = []
    history.transfer.exported.connect(exported.append)
    history.transfer.export_to(tmp_path / "all.json", export_formats()[0])
    assert not opened.full_is_open  # asked of the worker
    held_open.let_go()
    qtbot.waitUntil(lambda: bool(exported), timeout=30_000)
    assert held_open.on_gui == [False]
    assert '"reflections"' in (tmp_path / "all.json").read_text()


def test_the_coach_asked_for_someone_opens_with_their_name(qtbot, app, held_open):  # type: ignore[no-untyped-def]
    """"Coach…" on a person (the meeting card, the People list) before the store was
    open: the coach came up, later, without the name."""
    ctl, _opened, _told = app
    _comes_up_once_open(qtbot, app, held_open, Window.SUGGEST,
                        lambda: ctl.open_coach_for("Dana"))
    assert ctl.composer_dialog().who.currentText() == "Dana"


def test_a_window_that_fails_on_the_opened_store_leaves_the_others_told(
        qtbot, app, held_open):  # type: ignore[no-untyped-def]
    """Two windows waiting for the store's open: the first failing once it was open
    dropped the second, which then never opened and never said why."""
    ctl, _opened, _told = app
    got: list[str] = []

    def broken(_full: object) -> None:
        raise RuntimeError("the window could not be built")

    ctl.when_full(broken, lambda exc: got.append(f"failed: {exc}"))
    ctl.when_full(lambda _full: got.append("opened"), lambda exc: got.append(f"{exc}"))
    held_open.let_go()
    qtbot.waitUntil(lambda: len(got) == 2)
    assert got == ["failed: the window could not be built", "opened"]


def test_a_welcome_whose_store_cannot_be_opened_says_why_and_the_tray_goes_on(
        qtbot, layout, memory_keyring, monkeypatch, held_open):  # type: ignore[no-untyped-def]
    """The welcome left unfinished, and the worker's open failing: one line in the tray,
    no welcome, and the tray's schedule armed as after a welcome (it comes next start)."""
    held_open.armed = False
    ctl, opened, told = _controller(layout, monkeypatch, welcome_done=False)
    held_open.armed = True
    held_open.fail = MlcoachError("the store is locked by another program")
    try:
        ctl.start("show", opened=opened)
        assert not ctl.timer.isActive()  # held for the welcome
        held_open.let_go()
        qtbot.waitUntil(lambda: bool(told))
        assert told == ["Could not open your data: the store is locked by another program"]
        assert getattr(ctl, "welcome", None) is None
        assert ctl.timer.isActive()  # the tray goes on
    finally:
        held_open.let_go()
        _close(ctl, opened)


@pytest.mark.parametrize("second", [Window.SUGGEST, Window.SETTINGS, Window.REFLECT])
def test_a_second_window_asked_for_while_the_store_opens_opens_too(
        qtbot, app, held_open, monkeypatch, second):  # type: ignore[no-untyped-def]
    """The tray clicked for the coach, then again (or for Settings, or the reflection)
    while the worker was still opening the store: each window comes up once, none is
    lost, and the store is opened once."""
    ctl, opened, told = app
    built: list[Window] = []
    factories = {Window.SUGGEST: "composer_dialog", Window.SETTINGS: "settings_dialog",
                 Window.REFLECT: "reflection_dialog"}
    for which, name in factories.items():
        real = getattr(ctl, name)

        def counted(which: Window = which, real: Any = real) -> Any:
            if which not in ctl.windows:
                built.append(which)
            return real()

        monkeypatch.setattr(ctl, name, counted)
    ctl.open_window(Window.SUGGEST)
    ctl.open_window(second)
    assert not opened.full_is_open and ctl.windows.keys().isdisjoint(factories)
    held_open.let_go()
    wanted = {Window.SUGGEST, second}
    qtbot.waitUntil(lambda: all(w in ctl.windows and ctl.windows[w].isVisible()
                                for w in wanted))
    drain()
    assert sorted(built, key=lambda w: w.value) == sorted(wanted, key=lambda w: w.value)
    assert held_open.on_gui == [False]  # one open, on the worker
    assert told == []
    for which in wanted:
        ctl.windows[which].hide()
