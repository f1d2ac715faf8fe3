"""The one question asked before someone leaves the people list: archive them (out of
sight, notes and history kept) or delete them for good (name and notes gone; their
moments stay, with no one attached, and their name in the user's own words stays as
typed: the question says so). One button and one question for both, so the choice is
made with both outcomes in view."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from mlcoach.ui.widgets.message_box import MessageBox
from mlcoach.ui.widgets.plain_text import as_plain

Removal = Literal["archive", "delete"]


translate = QCoreApplication.translate  # lupdate reads translate("PersonRemoval", "…") calls


def explanation(name: str, moments: int) -> str:
    """What each choice does to `name`, who has `moments` moments."""
    archive = translate(
        "PersonRemoval",
        "Archive: {name} leaves your lists; your notes and their history stay.")
    if moments == 0:
        delete = translate(
            "PersonRemoval", "Delete: {name} and your notes on them go for good.")
    elif moments == 1:
        delete = translate(
            "PersonRemoval",
            "Delete: {name} and your notes on them go for good; their moment stays, with no "
            "one attached.")
    else:
        delete = translate(
            "PersonRemoval",
            "Delete: {name} and your notes on them go for good; their {count} moments stay, "
            "with no one attached.")
    # Their name in the user's own words is the user's text: it stays, and they are told.
    words = translate(
        "PersonRemoval",
        "Your words naming {name} stay as you wrote them.")
    return (archive.format(name=name) + "\n\n" + delete.format(name=name, count=moments)
            + " " + words.format(name=name))


def removal_box(parent: QWidget | None, name: str,
                moments: int) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """The question about `name`, with its Archive and Delete for good buttons."""
    title = translate("PersonRemoval", "Remove {name}?").format(name=name)
    box = MessageBox(QMessageBox.Icon.Question, title, as_plain(explanation(name, moments)),
                      QMessageBox.StandardButton.NoButton, parent)
    archive = box.addButton(translate("PersonRemoval", "A&rchive"),
                            QMessageBox.ButtonRole.AcceptRole)
    delete = box.addButton(translate("PersonRemoval", "&Delete for good"),
                           QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, archive, delete


def ask(parent: QWidget, name: str, moments: int) -> Removal | None:
    """Ask how to remove `name` (None: cancelled, the default)."""
    box, archive, delete = removal_box(parent, name, moments)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is archive:
        return "archive"
    if clicked is delete:
        return "delete"
    return None
