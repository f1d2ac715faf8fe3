"""The running app's side of `mlcoach capture TEXT`: it answers "stored" only for a moment
it stored, and "no" (so the shell writes it) while no store is open or a write fails.

In-process on the offscreen platform, with a real SQLCipher store (the ORM `Store` of the
`opened` fixture; tests/reliability/test_capture_handover.py runs the whole app)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from mlcoach.domain.errors import StoreUnavailableError
from mlcoach.domain.ids import new_id
from mlcoach.system import instance

pytestmark = pytest.mark.gui


@pytest.fixture
def ctl(qtbot, opened):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from mlcoach.ui.app import AppController
    from mlcoach.ui.instance_server import InstanceServer

    server = InstanceServer(opened.layout.root)
    controller = AppController(QApplication.instance(), opened.layout.root, server,
                               busy=lambda: False)
    assert server.claim() is True
    yield controller
    server.close()


def _hand_over(qtbot: Any, root: Any, moment: instance.HandedMoment) -> str | None:
    """hand_over_moment blocks on the answer, which the Qt loop gives: run it in a thread."""
    result: list[str | None] = []
    worker = threading.Thread(target=lambda: result.append(
        instance.hand_over_moment(root, moment, timeout=20)))
    worker.start()
    qtbot.waitUntil(lambda: bool(result), timeout=25000)
    worker.join()
    return result[0]


def _moment(text: str) -> instance.HandedMoment:
    return instance.HandedMoment(new_id(), text, "support", "Mehmet", "reassurance",
                                 ("onboarding",))


def test_no_store_open_yet_means_no(ctl, opened, qtbot):
    moment = _moment("Sat with the new hire through the first deploy")
    assert ctl.opened is None  # as while the app waits for a passphrase
    assert _hand_over(qtbot, opened.layout.root, moment) is None
    assert opened.store.get_moment(moment.id) is None


def test_a_stored_moment_is_answered_with_its_id(ctl, opened, qtbot):
    ctl.opened = opened
    moment = _moment("Sat with the new hire through the first deploy")
    assert _hand_over(qtbot, opened.layout.root, moment) == moment.id
    saved = opened.store.get_moment(moment.id)
    assert saved is not None and saved.text == moment.text
    assert (saved.person, saved.tags) == ("Mehmet", ("onboarding",))
    assert saved.style is not None and saved.style.value == "reassurance"
    # The shell's own write of the same moment (after a lost answer) adds nothing.
    again = opened.store.add_moment("a different text", moment_id=moment.id)
    assert again.text == moment.text
    assert len([m for m in opened.store.moments() if m.id == moment.id]) == 1


def test_a_failed_write_means_no(ctl, opened, qtbot, monkeypatch):
    ctl.opened = opened

    def busy(*_args: object, **_kw: object) -> None:
        raise StoreUnavailableError("the store is busy")

    monkeypatch.setattr(opened.store, "add_moment", busy)
    assert _hand_over(qtbot, opened.layout.root, _moment("Kept the retro short")) is None


def test_while_another_writer_holds_the_store_the_app_leaves_it_to_the_shell(ctl, opened,
                                                                           qtbot):
    """The app writes on its GUI thread: it waits a moment for another writer, not the
    store's long wait, and then answers no (the shell can wait without freezing a UI)."""
    import time
    from types import SimpleNamespace

    from mlcoach.store.db import connect_raw
    from mlcoach.store.light import LightStore

    light = LightStore(opened.layout.db, opened.secret)
    ctl.opened = SimpleNamespace(store=light)  # the idle app's raw store
    writer = connect_raw(opened.layout.db, opened.secret)
    writer.execute("BEGIN IMMEDIATE")  # an import, say, in another process
    try:
        moment = _moment("Stayed late to pair on the flaky test")
        started = time.monotonic()
        assert _hand_over(qtbot, opened.layout.root, moment) is None
        assert time.monotonic() - started < 15  # the store's own wait is 60 s
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert opened.store.get_moment(moment.id) is None
    assert _hand_over(qtbot, opened.layout.root, moment) == moment.id  # free again: stored
