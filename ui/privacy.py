"""Privacy helpers shared by Settings and the welcome dialog: recovery key, export, delete."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QResizeEvent, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mlcoach.security.keys import Mode
from mlcoach.store.export_rows import Progress
from mlcoach.system.paths import atomic_write
from mlcoach.transfer.exporting import (
    export_csv,
    export_json,
    export_markdown,
    export_target,
)
from mlcoach.ui.i18n import current_language
from mlcoach.ui.widgets.helpers import close_keys, grow_for_wrapped_text, preferred_width
from mlcoach.ui.widgets.plain_text import Label

if TYPE_CHECKING:
    from mlcoach.store.core import Store

logger = logging.getLogger(__name__)

CONFIRM_WORD = "DELETE"
COPIED_NOTE_MS = 2500
KEY_LINES = 2


translate = QCoreApplication.translate  # lupdate reads translate("privacy", "…") calls


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: its file-dialog filter, file suffix and writer."""

    key: str
    label: str
    suffix: str
    write: Callable[..., str]  # (store, progress=None) -> the file's text

    @property
    def filter(self) -> str:
        """The QFileDialog name filter."""
        return f"{self.label} (*{self.suffix})"


def export_formats() -> list[ExportFormat]:
    """The formats the Export button offers, in menu order."""
    return [
        ExportFormat("json", translate("privacy", "JSON, complete and re-importable"), ".json",
                     export_json),
        ExportFormat("csv", translate("privacy", "CSV spreadsheet"), ".csv", export_csv),
        ExportFormat("md", translate("privacy", "Markdown journal"), ".md",
                     functools.partial(export_markdown, language=current_language())),
    ]


def format_for(path: str, selected_filter: str) -> ExportFormat:
    """The format a file name asks for, else the one picked in the dialog, else JSON."""
    formats = export_formats()
    suffix = Path(path).suffix.lower()
    for fmt in formats:
        if suffix == fmt.suffix or (fmt.key == "md" and suffix == ".markdown"):
            return fmt
    return next((f for f in formats if f.filter == selected_filter), formats[0])


EXPORT_STEPS = 8  # six tables read, the text composed, the file written


def export_to(store: Store, path: Path, fmt: ExportFormat,
              progress: Progress | None = None) -> Path:
    """Write an export to `path` (the suffix is added when missing); returns the file.

    Args:
        progress: called with (step, EXPORT_STEPS) as the work goes on (on this thread).
    """
    if not path.suffix:
        path = path.with_suffix(fmt.suffix)
    if store.path is not None:  # never over the database, store.json or a backup
        path = export_target(path, store.path.parent)
    reading = None if progress is None else (
        lambda i, n: progress(i * (EXPORT_STEPS - 2) // max(n, 1), EXPORT_STEPS))
    text = fmt.write(store, progress=reading)
    if progress:
        progress(EXPORT_STEPS - 1, EXPORT_STEPS)
    atomic_write(path, text)
    if progress:
        progress(EXPORT_STEPS, EXPORT_STEPS)
    logger.info("exported %s", fmt.key)
    return path


def encryption_sentence(mode: Mode) -> str:
    """How the store is protected, as one plain sentence."""
    if mode == "keyring":
        return translate("privacy", "Your data is encrypted on this computer, and the key is "
                                    "kept in your system keyring.")
    if mode == "passphrase":
        return translate("privacy", "Your data is encrypted on this computer and opens only "
                                    "with your passphrase.")
    return translate("privacy", "Your data stays on this computer but is not encrypted.")


def monospace_font(widget: QWidget, scale: float = 1.0) -> None:
    """Give `widget` the system's fixed-width font at its current size times `scale`."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(widget.font().pointSizeF() * scale)
    widget.setFont(font)


class RecoveryKeyView(QWidget):
    """The recovery key in a read-only, selectable field with a Copy button.

    Signals:
        copied(): the key was put on the clipboard
    """

    copied = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QPlainTextEdit()
        self.field.setReadOnly(True)
        self.field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.field.setTabChangesFocus(True)
        self.field.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.field.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.field.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.field.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.field.setAccessibleName(self.tr("Recovery key"))
        monospace_font(self.field, scale=1.1)
        lines = self.field.fontMetrics().lineSpacing() * KEY_LINES
        margins = self.field.contentsMargins()
        self.field.setFixedHeight(lines + margins.top() + margins.bottom()
                                  + 2 * int(self.field.document().documentMargin()) + 2)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the recovery key"))
        self.copy_button.clicked.connect(self.copy)
        self.note = Label()
        self.note.setAccessibleDescription(self.tr("Copy status"))
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(COPIED_NOTE_MS)
        self._note_timer.timeout.connect(self.note.clear)
        side = QVBoxLayout()
        side.addWidget(self.copy_button)
        side.addWidget(self.note)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addLayout(side)

    def set_key(self, key: str) -> None:
        """Show `key` (it wraps at its dashes when the field is narrow)."""
        self.field.setPlainText(key)

    def key(self) -> str:
        """The key on show."""
        return self.field.toPlainText()

    def clear(self) -> None:
        """Forget the key on show."""
        self.field.clear()
        self.note.clear()

    def copy(self) -> None:
        """Put the key on the clipboard, as a secret (see secret_clipboard)."""
        from mlcoach.ui.secret_clipboard import copy_secret

        copy_secret(self.key())
        self.note.setText(self.tr("Copied"))
        self._note_timer.start()
        self.copied.emit()


class ConfirmDeleteDialog(QDialog):
    """Asks the user to type DELETE (in their language) before all data is removed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete all data"))
        self.setAccessibleName(self.tr("Delete all data"))
        icon = Label()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = Label(self.tr(
            "This removes every moment, reflection, person and setting, the backups, "
            "the encryption key and the launch-at-login entry from this computer. It "
            "cannot be undone. Export first if you want to keep a copy."))
        text.setWordWrap(True)
        text.setAccessibleDescription(self.tr("What will be deleted"))
        # The word in the user's language ("SİL"); the English one is taken too.
        self.word = self.tr("DELETE", "the word typed to confirm deleting all data")
        prompt = Label(self.tr("Type {0} to confirm:").format(self.word))
        self.field = QLineEdit()
        self.field.setAccessibleName(self.tr("Type {0} to confirm").format(self.word))
        prompt.setBuddy(self.field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton(
            self.tr("Delete everything"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setAccessibleName(self.tr("Delete everything"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setDefault(True)
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        close_keys(self, self.reject)
        self.field.textChanged.connect(self._check)

        top = QHBoxLayout()
        top.addWidget(icon)
        body = QVBoxLayout()
        body.addWidget(text)
        body.addSpacing(6)
        body.addWidget(prompt)
        body.addWidget(self.field)
        top.addLayout(body, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.buttons)

    def sizeHint(self) -> QSize:
        return preferred_width(super().sizeHint(), 440)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        grow_for_wrapped_text(self)

    def confirmed(self) -> bool:
        """Whether the typed word matches."""
        typed = self.field.text().strip()
        return typed in (CONFIRM_WORD, self.word, self.word.replace("İ", "I"))

    def _check(self) -> None:
        self.delete_button.setEnabled(self.confirmed())

    def accept(self) -> None:
        """Close only when the word was typed."""
        if self.confirmed():
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """Show the dialog modally; True when the user confirmed."""
        dialog = cls(parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted and dialog.confirmed()
        finally:
            dialog.deleteLater()
