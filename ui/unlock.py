"""Opening the store from the desktop app, and the dialogs when it cannot open alone."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError, NotInitializedError, StoreLockedError
from mlcoach.domain.i18n import error_text
from mlcoach.ui import ops
from mlcoach.ui.i18n import as_sentence, current_language
from mlcoach.ui.store_open import NeedPassphrase
from mlcoach.ui.widgets import message_box
from mlcoach.ui.widgets.message_box import MessageBox
from mlcoach.ui.widgets.plain_text import as_plain

translate = QCoreApplication.translate

logger = logging.getLogger(__name__)


def text_dialog(parent: QWidget | None, title: str, label: str,
                echo: QLineEdit.EchoMode = QLineEdit.EchoMode.Normal) -> QInputDialog:
    """QInputDialog.getText's dialog, its words wrapped: a wrong passphrase's explanation
    above the question made it 415 px wide on a screen of 400 (800×600 at 200 %)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(echo)
    for words in dialog.findChildren(QLabel):
        words.setWordWrap(True)
    return dialog


def typed_text(parent: QWidget | None, title: str, label: str,
               echo: QLineEdit.EchoMode = QLineEdit.EchoMode.Normal) -> tuple[str, bool]:
    """As QInputDialog.getText: the text typed, and whether it was accepted (cancelled:
    nothing typed is returned)."""
    dialog = text_dialog(parent, title, label, echo)
    try:
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.textValue() if ok else ""), ok
    finally:
        dialog.deleteLater()


def resolve_failure(exc: BaseException, data_root: Path, *,
                    retry: Callable[[str | None], None], give_up: Callable[[], None]) -> None:
    """Explain why the store did not open and offer the way forward."""
    from mlcoach.store.vault import Layout

    layout = Layout(data_root)
    if isinstance(exc, NeedPassphrase) or (
        isinstance(exc, StoreLockedError) and "passphrase" in str(exc)
    ):
        label = translate("unlock", "Passphrase for your mlcoach data:")
        if isinstance(exc, StoreLockedError):  # a wrong one was typed: say so
            label = _message(exc) + "\n\n" + label
        text, ok = typed_text(None, "mlcoach", as_plain(label), QLineEdit.EchoMode.Password)
        if ok and text:
            retry(text)
        else:
            give_up()
        return
    if isinstance(exc, NotInitializedError):
        _first_run_without_keyring(layout, retry, give_up)
        return
    if isinstance(exc, StoreLockedError) and "recover" in str(exc):
        key, ok = typed_text(
            None, "mlcoach",
            as_plain(_message(exc) + "\n\n" + translate("unlock", "Recovery key:")))
        if ok and key.strip():
            _recover_in_worker(layout, key, exc, data_root, retry=retry, give_up=give_up)
        else:
            give_up()
        return
    logger.error("the store did not open: %s", exc, exc_info=exc)
    message_box.critical(None, "mlcoach", as_plain(
        _message(exc) if isinstance(exc, MlcoachError)
        else translate("unlock", "Your data could not be opened: {0}").format(exc)))
    give_up()


def _recover_in_worker(layout: Any, key: str, exc: BaseException, data_root: Path, *,
                       retry: Callable[[str | None], None],
                       give_up: Callable[[], None]) -> None:
    """Check the recovery key and put it back into the keyring, on the store's worker:
    the keyring is another process (hung, or showing its unlock prompt), which the tray
    must not wait for. Then open the store, or say why not and ask again."""

    def work() -> None:
        from mlcoach.security.keys import OSKeyring
        from mlcoach.store.vault import recover

        recover(layout, key, OSKeyring())

    def failed(again: BaseException) -> None:
        if not isinstance(again, MlcoachError):  # not a wrong key: said as any failure
            resolve_failure(again, data_root, retry=retry, give_up=give_up)
            return
        message_box.warning(None, "mlcoach", as_plain(_message(again)))
        resolve_failure(exc, data_root, retry=retry, give_up=give_up)

    ops.run(work, lambda _done: retry(None), failed)


def keyring_choice_box() -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """The first start's question with no keyring: its passphrase and unencrypted buttons."""
    box = MessageBox(QMessageBox.Icon.Question, "mlcoach", "")
    box.setText(translate("unlock", "No secure keyring is available to hold the encryption "
                                    "key."))
    box.setInformativeText(translate("unlock", "You can protect your data with a passphrase "
                                               "that you type at each start, or keep it "
                                               "unencrypted on this machine."))
    phrase = box.addButton(translate("unlock", "Use a passphrase…"),
                           QMessageBox.ButtonRole.AcceptRole)
    plain = box.addButton(translate("unlock", "Keep it unencrypted"),
                          QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    return box, phrase, plain


def _first_run_without_keyring(layout: Any, retry: Callable[[str | None], None],
                               give_up: Callable[[], None]) -> None:
    box, phrase, plain = keyring_choice_box()
    box.exec()
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import init_store

    clicked = box.clickedButton()
    if clicked is phrase:
        chosen = _new_passphrase()
        if chosen is None:
            give_up()
            return
        init_store(layout, "passphrase", keys=OSKeyring(), passphrase=chosen).store.close()
        retry(chosen)
    elif clicked is plain:
        init_store(layout, "none", keys=OSKeyring()).store.close()
        retry(None)
    else:
        give_up()


def _new_passphrase() -> str | None:
    """A new passphrase typed twice; a short one or a mistyped repeat asks again (a typo is
    no reason to quit). None when the user cancels."""
    from mlcoach.store.vault import check_new_passphrase

    while True:
        first, ok = typed_text(None, "mlcoach", translate("unlock", "New passphrase:"),
                               QLineEdit.EchoMode.Password)
        if not ok:
            return None
        try:
            check_new_passphrase(first)
        except MlcoachError as exc:
            message_box.warning(None, "mlcoach", _message(exc))
            continue
        second, ok = typed_text(None, "mlcoach",
                                translate("unlock", "Repeat the passphrase:"),
                                QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if second == first:
            return first
        message_box.warning(None, "mlcoach", translate("unlock", "The passphrases differ."))


def _message(exc: BaseException) -> str:
    """The store's error in the windows' language (before the store opens, the one kept
    beside it: system/language_hint.py), as a sentence of its own: a capital first, a
    full stop last."""
    return as_sentence(error_text(exc, current_language()))
