"""The question asked when a person is renamed to someone else's name: put the two
together (one person typed under two names, "Ana'ya" and Ana, or a typo)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from mlcoach.ui.widgets.message_box import MessageBox
from mlcoach.ui.widgets.plain_text import as_plain

translate = QCoreApplication.translate  # lupdate reads translate("PersonMerge", "…") calls


def merge_box(parent: QWidget | None, name: str,
              into: str) -> tuple[QMessageBox, QAbstractButton]:
    """The question about putting `name` together with `into`, and its merge button."""
    title = translate("PersonMerge", "{into} is already in your people list").format(into=into)
    text = translate(
        "PersonMerge",
        "Put {name} together with {into}? The moments, suggestions and notes of {name} go "
        "to {into}, and the name {name} leaves your list.").format(name=name, into=into)
    box = MessageBox(QMessageBox.Icon.Question, title, as_plain(text),
                      QMessageBox.StandardButton.NoButton, parent)
    merge = box.addButton(translate("PersonMerge", "&Put together"),
                          QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, merge


def confirmed(parent: QWidget, name: str, into: str) -> bool:
    """Ask whether `name` goes into `into` (Cancel, the default: no)."""
    box, merge = merge_box(parent, name, into)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return clicked is merge
