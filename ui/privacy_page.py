"""The Settings dialog's Privacy tab: encryption, recovery key, backups, export, delete all."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.model import Settings
from mlcoach.security.keys import KeyStore, Mode
from mlcoach.store import wipe
from mlcoach.store.core import Store
from mlcoach.store.vault import Layout, Opened, recovery_key
from mlcoach.ui import ops
from mlcoach.ui.i18n import error_message
from mlcoach.ui.privacy import ConfirmDeleteDialog, RecoveryKeyView, encryption_sentence
from mlcoach.ui.transfer import Transfer
from mlcoach.ui.transfer import summary as import_summary
from mlcoach.ui.widgets import message_box
from mlcoach.ui.widgets.forms import (
    InlineError,
    SettingsPage,
    grow_to_fit,
    hint_label,
)
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)


class PrivacyPage(SettingsPage):
    """Encryption status, recovery key, backups, export and delete all data.

    Signals:
        data_deleted(): everything was deleted; the store is closed
        exported(Path): an export file was written
        imported(dict): entries were imported (counts added per section)
    """

    data_deleted = Signal()
    exported = Signal(object)
    imported = Signal(dict)

    def __init__(self, store: Store, opened: Opened, keys: KeyStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.opened, self.keys = store, opened, keys
        self._key_asked = 0  # the latest read of the recovery key (one hidden: stale)
        self.transfer = Transfer(store, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._key_box(opened.meta.encryption))
        layout.addWidget(self._backup_box(opened))
        layout.addWidget(self._data_box())
        layout.addStretch(1)

    def _key_box(self, mode: Mode) -> QGroupBox:
        self.status = Label(encryption_sentence(mode))
        self.status.setWordWrap(True)
        self.status.setAccessibleDescription(self.tr("Encryption status"))
        self.show_key = QPushButton(self.tr("Show &recovery key…"))
        self.show_key.setAccessibleName(self.tr("Show recovery key"))
        self.show_key.clicked.connect(self.toggle_recovery_key)
        self.key_view = RecoveryKeyView()
        self.key_view.setVisible(False)
        self.key_hint = hint_label(self.tr(
            "With this key you can open your data if the system keyring loses its entry. "
            "Keep it somewhere safe, such as a password manager."))
        self.key_error = InlineError()
        if mode != "keyring":
            self.show_key.setEnabled(False)
            self.key_hint.setText(self.tr("There is no recovery key: "
                                          "your passphrase opens the store.")
                                  if mode == "passphrase"
                                  else self.tr("There is no recovery key for an unencrypted "
                                               "store."))
        key_box = QGroupBox(self.tr("Encryption"))
        key_layout = QVBoxLayout(key_box)
        key_layout.addWidget(self.status)
        key_layout.addWidget(self.key_hint)
        row = QHBoxLayout()
        row.addWidget(self.show_key)
        row.addStretch(1)
        key_layout.addLayout(row)
        key_layout.addWidget(self.key_view)
        key_layout.addWidget(self.key_error)
        return key_box

    def _backup_box(self, opened: Opened) -> QGroupBox:
        self.backup_path = QLineEdit(str(opened.layout.backups))
        self.backup_path.setReadOnly(True)
        self.backup_path.setAccessibleName(self.tr("Backup folder"))
        self.open_backups = QPushButton(self.tr("&Open folder"))
        self.open_backups.setAccessibleName(self.tr("Open the backup folder"))
        self.open_backups.clicked.connect(self.open_backup_folder)
        backup_box = QGroupBox(self.tr("Backups"))
        backup_layout = QVBoxLayout(backup_box)
        # Honest about deletion: what is deleted stays in the copies until they go.
        self.backup_hint = hint_label(self.tr(
            "A copy is made each day you use mlcoach and before each upgrade, encrypted "
            "like the store, and kept for five weeks at most. Something you delete stays "
            "in these copies until they are removed."))
        backup_layout.addWidget(self.backup_hint)
        row = QHBoxLayout()
        row.addWidget(self.backup_path, 1)
        row.addWidget(self.open_backups)
        backup_layout.addLayout(row)
        return backup_box

    def _data_box(self) -> QGroupBox:
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setAccessibleName(self.tr("Export all data to a file"))
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setAccessibleName(self.tr("Import data from an export file"))
        self.import_button.clicked.connect(self.import_data)
        # One status line and one error line serve both export and import.
        self.export_status = Label()
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_status.setAccessibleDescription(self.tr("Export and import result"))
        self.export_error = InlineError()
        self.transfer.busy_changed.connect(self._transfer_busy)
        self.transfer.exported.connect(self._exported)
        self.transfer.imported.connect(self._imported)
        self.transfer.failed.connect(self._transfer_failed)
        self.transfer.cancelled.connect(self._transfer_cancelled)
        self.delete_button = QPushButton(self.tr("&Delete all data…"))
        self.delete_button.setAccessibleName(self.tr("Delete all data"))
        self.delete_button.clicked.connect(self.delete_all)
        self.delete_error = InlineError()
        data_box = QGroupBox(self.tr("Your data"))
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(hint_label(self.tr(
            "Export writes everything to a file you choose: JSON (which mlcoach can import "
            "again), CSV or a Markdown journal. The file is not encrypted. Import takes an "
            "mlcoach export, a jrnl journal or a Day One export, and shows what it would add "
            "before it adds anything.")))
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addWidget(self.export_status, 1)
        row.addStretch(0)
        data_layout.addLayout(row)
        data_layout.addWidget(self.export_error)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        data_layout.addWidget(line)
        data_layout.addWidget(hint_label(self.tr(
            "Deleting removes everything mlcoach keeps on this computer, including backups, "
            "the encryption key and the start-at-login entry. It cannot be undone.")))
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        data_layout.addLayout(row)
        data_layout.addWidget(self.delete_error)
        return data_box

    def load(self, settings: Settings) -> None:
        self.hide_recovery_key()
        self.open_backups.setEnabled(self.opened.layout.backups.is_dir())
        self.open_backups.setToolTip("" if self.open_backups.isEnabled()
                                     else self.tr("No backup has been made yet."))
        for error in (self.key_error, self.export_error, self.delete_error):
            error.clear()
        self.export_status.clear()
        self.export_status.setVisible(False)

    # recovery key

    def toggle_recovery_key(self) -> None:
        """Show the recovery key after a confirmation, or hide it again."""
        if self.key_view.isVisibleTo(self):
            self.hide_recovery_key()
            return
        answer = message_box.question(
            self, self.tr("Show recovery key"),
            self.tr("Anyone who has this key and a copy of your data can read it. Make sure "
                    "no one else can see your screen.\n\nShow the recovery key now?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        # The keyring is another process (it may be hung, or asking for its password):
        # read on a worker, the window goes on; the button waits for the answer.
        self.key_error.clear()
        self.show_key.setEnabled(False)
        self._key_asked += 1
        asked, layout, keys = self._key_asked, self.opened.layout, self.keys
        ops.run(lambda: recovery_key(layout, keys), partial(self._key_read, asked),
                partial(self._key_not_read, asked), on=ops.asking_pool())

    def _key_read(self, asked: int, key: str) -> None:
        self.show_key.setEnabled(True)
        if asked != self._key_asked:  # hidden (the dialog closed) meanwhile: not shown
            return
        self.key_view.set_key(key)
        self.key_view.setVisible(True)
        grow_to_fit(self)
        self.show_key.setText(self.tr("Hide &recovery key"))
        self.show_key.setAccessibleName(self.tr("Hide recovery key"))
        self.key_view.field.setFocus()
        self.key_view.field.selectAll()

    def _key_not_read(self, asked: int, exc: BaseException) -> None:
        self.show_key.setEnabled(True)
        if asked != self._key_asked:
            return
        if not isinstance(exc, MlcoachError):
            logger.error("reading the recovery key failed", exc_info=exc)
        self.key_error.show_error(self.tr("The recovery key cannot be read: {0}")
                                  .format(error_message(exc)))

    def hide_recovery_key(self) -> None:
        """Take the recovery key off the screen (one still being read is not shown)."""
        self._key_asked += 1
        self.key_view.clear()
        self.key_view.setVisible(False)
        self.show_key.setText(self.tr("Show &recovery key…"))
        self.show_key.setAccessibleName(self.tr("Show recovery key"))

    # backups, export, delete

    def open_backup_folder(self) -> None:
        """Open the backup folder in the file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.opened.layout.backups)))

    def export(self) -> None:
        """Ask for a file and format, then write the export there (off the GUI thread)."""
        self.transfer.export()

    def import_data(self) -> None:
        """Ask for an export file, preview what it adds, and import it once confirmed."""
        self.transfer.import_file()

    def _transfer_busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        if busy:
            self.export_error.clear()
            self.export_status.setText(self.tr("Working…"))
            self.export_status.setVisible(True)

    def _transfer_cancelled(self) -> None:
        self.export_status.clear()
        self.export_status.setVisible(False)

    def _exported(self, written: Path) -> None:
        self.export_status.setText(self.tr("Saved to {0}").format(str(written)))
        self.export_status.setVisible(True)
        self.exported.emit(written)

    def _imported(self, added: dict[str, int]) -> None:
        self.export_status.setText(import_summary(added))
        self.export_status.setVisible(True)
        self.imported.emit(added)

    def _transfer_failed(self, message: str) -> None:
        self._transfer_cancelled()
        self.export_error.show_error(message)

    def delete_all(self) -> None:
        """Delete everything after the user typed the confirmation word."""
        if not ConfirmDeleteDialog.ask(self):
            return
        self.delete_error.clear()
        self.setEnabled(False)
        layout, keys, store = self.opened.layout, self.keys, self.store
        # On the store's worker, so it runs after any store work already queued there.
        ops.run(lambda: self._wipe(layout, keys, store), self._deleted, self._delete_failed)

    @staticmethod
    def _wipe(layout: Layout, keys: KeyStore, store: Store) -> None:
        wipe.delete_all(layout, keys, store=store)
        # Or the next login starts the app again, on an empty folder.
        wipe.remove_login_entry(layout.root)

    def _deleted(self, _removed: object) -> None:
        from mlcoach.ui.secret_clipboard import withdraw_all

        withdraw_all()  # a moment or suggestion copied from the app goes with the rest
        self.data_deleted.emit()

    def _delete_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(exc, MlcoachError):
            logger.error("deleting all data failed", exc_info=exc)
        self.delete_error.show_error(self.tr("Not everything could be deleted: {0}")
                                     .format(error_message(exc)))
