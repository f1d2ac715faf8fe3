"""First start without a keyring: the passphrase chosen in the desktop's own dialogs.

The modal dialogs are answered by replacing unlock.typed_text, QMessageBox's exec and
message_box.warning with scripted answers (a test cannot type into a nested event loop)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

from mlcoach.store.vault import Layout, read_meta
from mlcoach.ui.widgets import message_box

pytestmark = pytest.mark.gui


def _answer(monkeypatch: pytest.MonkeyPatch, typed: list[str | None]) -> list[str]:
    """Type `typed` into the passphrase prompts (None: Cancel); return the warnings shown."""
    queue, warned = list(typed), []

    def get_text(*args: object, **kwargs: object) -> tuple[str, bool]:
        answer = queue.pop(0)
        return ("", False) if answer is None else (answer, True)

    def choose_passphrase(box: QMessageBox) -> int:
        for button in box.buttons():
            if "passphrase" in button.text().lower():
                button.click()
        return 0

    from mlcoach.ui import unlock

    monkeypatch.setattr(unlock, "typed_text", get_text)
    monkeypatch.setattr(message_box, "warning",
                        staticmethod(lambda *a, **k: warned.append(str(a[2]))))
    monkeypatch.setattr(QMessageBox, "exec", choose_passphrase)
    return warned


@pytest.mark.parametrize("first_try", [["short12"], ["        "],
                                       ["correct horse", "correct hors"]])
def test_a_mistyped_passphrase_asks_again(qapp, tmp_path, monkeypatch,  # type: ignore[no-untyped-def]
                                          first_try: list[str]) -> None:
    """A short, blank or mistyped passphrase quit the app; now it says why and asks again."""
    from mlcoach.ui import unlock

    warned = _answer(monkeypatch, [*first_try, "correct horse", "correct horse"])
    layout, events = Layout(tmp_path / "data"), []
    unlock._first_run_without_keyring(layout, retry=lambda p: events.append(p),
                                      give_up=lambda: events.append("quit"))
    assert events == ["correct horse"] and len(warned) == 1
    meta = read_meta(layout)
    assert meta is not None and meta.encryption == "passphrase"


def test_cancel_is_the_only_way_out(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.ui import unlock

    _answer(monkeypatch, ["short", None])
    layout, events = Layout(tmp_path / "data"), []
    unlock._first_run_without_keyring(layout, retry=lambda p: events.append(p),
                                      give_up=lambda: events.append("quit"))
    assert events == ["quit"] and not layout.meta.exists()


def test_a_slow_keyring_does_not_hold_the_app_while_the_recovery_key_is_kept(  # type: ignore[no-untyped-def]
        qapp, qtbot, tmp_path, monkeypatch, memory_keyring) -> None:
    """The recovery key typed at start was put back into the keyring on the GUI thread:
    with the keyring hung, or showing its unlock prompt, the tray froze up to the
    keyring's deadline. The app now runs on; the store opens once the keyring took it."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from mlcoach.domain.errors import StoreLockedError
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import init_store
    from mlcoach.ui import ops, unlock

    layout = Layout(tmp_path / "data")
    opened = init_store(layout, "keyring", keys=OSKeyring())
    key = opened.recovery_key
    opened.store.close()
    memory_keyring.items.clear()  # the keyring lost the store's key
    released = threading.Event()
    keep = memory_keyring.set_password

    def held_set(service: str, username: str, password: str) -> None:
        released.wait(20)  # fail-safe only: the test releases it long before
        keep(service, username, password)

    monkeypatch.setattr(memory_keyring, "set_password", held_set)
    answers: list[tuple[str, bool]] = [(key, True), ("", False)]
    monkeypatch.setattr(unlock, "typed_text", lambda *a, **k: answers.pop(0))
    monkeypatch.setattr(message_box, "warning", staticmethod(lambda *a, **k: None))
    events: list[str] = []
    QTimer.singleShot(0, lambda: events.append("the app ran on"))
    try:
        unlock.resolve_failure(
            StoreLockedError("no key in the keyring: type the recovery key"), layout.root,
            retry=lambda _p: events.append("opened"), give_up=lambda: events.append("quit"))
        qtbot.waitUntil(lambda: bool(events), timeout=30_000)
        assert events == ["the app ran on"]
    finally:
        released.set()
    assert ops.pool().waitForDone(30_000)
    QApplication.processEvents()
    assert events == ["the app ran on", "opened"]
    assert memory_keyring.items  # the key is back in the keyring


@pytest.mark.parametrize("accept", [True, False])
def test_the_passphrase_prompt_answers_as_qts_did(qtbot, expect_dialog,  # type: ignore[no-untyped-def]
                                                  accept: bool) -> None:
    """The prompt (built by the app now, to wrap its words) gives what was typed when
    accepted, and nothing when cancelled, with its words wrapped."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

    from mlcoach.ui import unlock

    expect_dialog.allow_real(QInputDialog)
    expect_dialog.allow_real(QDialog)
    wrapped: list[bool] = []

    def answer() -> None:
        prompt = QApplication.activeModalWidget()
        assert isinstance(prompt, QInputDialog)
        wrapped.extend(label.wordWrap() for label in prompt.findChildren(QLabel))
        qtbot.keyClicks(prompt.findChild(QLineEdit), "correct horse")
        prompt.accept() if accept else prompt.reject()

    QTimer.singleShot(0, answer)
    typed = unlock.typed_text(None, "mlcoach", "Passphrase:", QLineEdit.EchoMode.Password)
    assert typed == (("correct horse", True) if accept else ("", False))
    assert wrapped == [True]


def test_a_wrong_passphrase_is_said_as_a_sentence(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The store's one-line error stood raw above the question ("wrong passphrase: …
    changed)"); in a window it reads as the dialog's other sentences do."""
    from mlcoach.domain.errors import StoreLockedError
    from mlcoach.ui import unlock

    labels: list[str] = []
    monkeypatch.setattr(unlock, "typed_text",
                        lambda _parent, _title, label, *a: (labels.append(label), ("", False))[1])
    unlock.resolve_failure(
        StoreLockedError("wrong passphrase: the store did not open (nothing was changed)"),
        tmp_path, retry=lambda _p: None, give_up=lambda: None)
    said = labels[0].split("\n\n")[0]
    assert said[0].isupper() and said.endswith("."), said


def test_a_wrong_passphrase_is_said_in_the_language_chosen_in_settings(  # type: ignore[no-untyped-def]
        qapp, tmp_path, monkeypatch, opened) -> None:
    """The setting is inside the encrypted store, so the passphrase prompt and its "wrong
    passphrase" spoke the system's language (English) to a user who chose Turkish: the
    start now reads the choice kept beside the store, as ui/run.py does."""
    import dataclasses

    from mlcoach.domain.errors import StoreLockedError
    from mlcoach.system.language_hint import read_language_hint
    from mlcoach.ui import unlock
    from mlcoach.ui.i18n import install_translators

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    store = opened.store
    store.save_settings(dataclasses.replace(store.settings(), language="tr"))
    root = opened.layout.root

    labels: list[str] = []
    monkeypatch.setattr(unlock, "typed_text",
                        lambda _parent, _title, label, *a: (labels.append(label), ("", False))[1])
    try:
        install_translators(qapp, read_language_hint(root))  # the start, before the store
        unlock.resolve_failure(
            StoreLockedError("wrong passphrase: the store did not open (nothing was changed)"),
            root, retry=lambda _p: None, give_up=lambda: None)
    finally:
        install_translators(qapp, "en")
    assert labels == ["Parola yanlış: veriler açılmadı (hiçbir şey değiştirilmedi).\n\n"
                      "mlcoach verilerinizin parolası:"]


def test_a_language_chosen_before_this_version_is_kept_at_the_next_open(  # type: ignore[no-untyped-def]
        qtbot, opened) -> None:
    """A store whose language was saved with no file beside it (an older mlcoach) gets
    one when the app opens it, so the start after speaks that language."""
    import json

    from mlcoach.system.language_hint import HINT_NAME, read_language_hint
    from mlcoach.ui import store_open

    root = opened.layout.root
    opened.store.set_state("settings", {**json.loads(json.dumps(
        opened.store.get_state("settings", {}))), "language": "tr"})
    assert not (root / HINT_NAME).exists()
    done: list[object] = []
    store_open.open_in_worker(root, None, done.append, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    assert not isinstance(done[0], BaseException), done[0]
    done[0].store.close()  # type: ignore[attr-defined]
    assert read_language_hint(root) == "tr"


def test_a_language_changed_by_an_older_mlcoach_is_kept_at_the_next_start(  # type: ignore[no-untyped-def]
        qapp, new_controller, opened) -> None:
    """The file beside the store said "tr"; an older mlcoach (which knows no such file)
    then set English in Settings. Each start after asked for the passphrase in Turkish:
    the open writes the file only where there is none. The app reads the setting at its
    start anyway, and puts the file right from it (a few bytes read, no store read)."""
    import json

    from mlcoach.system.language_hint import read_language_hint
    from mlcoach.ui.i18n import install_translators

    root = opened.layout.root
    _choose(opened.store, "tr")
    assert read_language_hint(root) == "tr"
    opened.store.set_state("settings", {**json.loads(json.dumps(  # as the older one saves
        opened.store.get_state("settings", {}))), "language": "en"})
    ctl = new_controller()
    try:
        ctl._show_shell(0)  # not start(): the test opens the store itself
        ctl.on_store_opened(opened)
    finally:
        install_translators(qapp, "en")
    assert read_language_hint(root) == "en"


def _choose(store: object, language: str) -> None:
    import dataclasses

    settings = store.settings()  # type: ignore[attr-defined]
    store.save_settings(dataclasses.replace(settings, language=language))  # type: ignore[attr-defined]
