"""Export and import from a window: file dialogs, a progress bar, the import preview.

All file and store work runs on the store's worker (`mlcoach.ui.ops`); the
window stays responsive and a progress dialog appears when an export or import
takes more than a moment. An import is read, validated and previewed (a dry
run) before the user confirms; a refused file changes nothing.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.errors import MlcoachError
from mlcoach.store.export_rows import SECTIONS
from mlcoach.system.clock import local_zone
from mlcoach.transfer.exporting import (
    ImportPreview,
    import_document,
    preview_import,
    read_export,
)
from mlcoach.transfer.journals import guess_source, person_matcher, read_journal
from mlcoach.ui import ops
from mlcoach.ui.deferred_delete import delete_later
from mlcoach.ui.i18n import error_message
from mlcoach.ui.privacy import EXPORT_STEPS, ExportFormat, export_formats, export_to, format_for
from mlcoach.ui.widgets.helpers import close_keys, grow_for_wrapped_text, preferred_width
from mlcoach.ui.widgets.plain_text import Label

if TYPE_CHECKING:
    from mlcoach.store.core import Store

logger = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 400  # shorter work finishes before a progress dialog would flash


translate = QCoreApplication.translate  # lupdate reads translate("transfer", "…") calls


def section_names() -> dict[str, str]:
    """Export sections as the user reads them."""
    return {"moments": translate("transfer", "Moments"),
            "people": translate("transfer", "People"),
            "suggestions": translate("transfer", "Coach suggestions"),
            "reflections": translate("transfer", "Reflections"),
            "prompt_events": translate("transfer", "Prompts shown"),
            "custom_prompts": translate("transfer", "Your own prompts")}


def count_text(section: str, n: int) -> str:
    """"1 moment", "12 moments", "3 people"… for the import summary."""
    if n == 1:
        return {
            "moments": translate("transfer", "1 moment"),
            "people": translate("transfer", "1 person"),
            "suggestions": translate("transfer", "1 coach suggestion"),
            "reflections": translate("transfer", "1 reflection"),
            "prompt_events": translate("transfer", "1 prompt shown"),
            "custom_prompts": translate("transfer", "1 prompt of your own"),
        }[section]
    return {
        "moments": translate("transfer", "%Ln moments", None, n),
        "people": translate("transfer", "%Ln people", None, n),
        "suggestions": translate("transfer", "%Ln coach suggestions", None, n),
        "reflections": translate("transfer", "%Ln reflections", None, n),
        "prompt_events": translate("transfer", "%Ln prompts shown", None, n),
        "custom_prompts": translate("transfer", "%Ln prompts of your own", None, n),
    }[section]


def summary(added: dict[str, int]) -> str:
    """What an import added, in one line."""
    parts = [count_text(s, added[s]) for s in SECTIONS if added.get(s)]
    if not parts:
        return translate("transfer", "Nothing new: everything in the file was already here.")
    return translate("transfer", "Imported %1.").replace("%1", ", ".join(parts))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Keep the cycle collector out of a bulk export or import (on the worker).

    A ten-year document is about a million objects: every full collection while it
    is being built walks them all holding the GIL, which froze the window for up to
    a second. What was built is frozen out of later collections (reference counting
    still frees it) until the transfer ends (`_finish`).
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


class _Cancelled(Exception):
    """The user cancelled an export; nothing was written."""


class _ProgressRelay(QObject):
    """Created on the GUI thread; the worker emits and the slot runs on the GUI thread."""

    progressed = Signal(int, int)


class ImportPreviewDialog(QDialog):
    """What an import would add and what is already here; Import or Cancel."""

    def __init__(self, name: str, preview: ImportPreview,
                 parent: QWidget | None = None) -> None:
        """Build the preview: what the file adds and skips per section, then Import/Cancel
        (long: one straight list of the dialog's widgets, top to bottom)."""
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Import data"))
        self.setAccessibleName(self.tr("Import preview"))
        heading = Label(self)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading = heading
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        self._rows: list[tuple[str, str, str]] = []
        names, loc = section_names(), QLocale()
        new_head, here_head = Label(self.tr("New"), self), Label(self.tr("Already here"), self)
        for col, label in ((1, new_head), (2, here_head)):
            label.setFont(font)
            grid.addWidget(label, 0, col, Qt.AlignmentFlag.AlignRight)
        row = 1
        for section in SECTIONS:
            added, skipped = preview.added.get(section, 0), preview.skipped.get(section, 0)
            if not (added or skipped):
                continue
            cells = (names[section], loc.toString(added), loc.toString(skipped))
            self._rows.append(cells)
            spoken = (cells[0], self.tr("%1: %2 new").replace("%1", cells[0])
                      .replace("%2", cells[1]), self.tr("%1: %2 already here")
                      .replace("%1", cells[0]).replace("%2", cells[2]))
            for col, text in enumerate(cells):
                cell = Label(text, self)
                cell.setAccessibleName(spoken[col])
                grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignRight if col
                               else Qt.AlignmentFlag.AlignLeft)
            row += 1
        grid.setColumnStretch(0, 1)
        note = Label(self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        if preview.nothing_new:
            heading.setText(self.tr("Everything in “%1” is already here.").replace("%1", name))
            note.setText(self.tr("Importing it would add nothing."))
            self.import_button = None
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            heading.setText(self.tr("Import “%1”?").replace("%1", name))
            note.setText(self.tr("New entries are added to what you have. A day you have "
                                 "already reflected on gets the file's answers added below "
                                 "yours. Nothing is deleted."))
            self.import_button = buttons.addButton(self.tr("&Import"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
            self.import_button.setAccessibleName(self.tr("Import the new entries"))
            self.import_button.setDefault(True)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        close_keys(self, self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def sizeHint(self) -> QSize:
        return preferred_width(super().sizeHint(), 420)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        grow_for_wrapped_text(self)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as shown: (what, new, already here)."""
        return list(self._rows)


class Transfer(QObject):
    """Runs exports and imports for `parent` (the window the dialogs belong to).

    Signals:
        busy_changed(bool): an export or import started or ended.
        exported(object): the Path written.
        imported(dict): counts added per section.
        failed(str): a one-line message; nothing was changed.
        cancelled(): the user stopped before anything was written.
    """

    busy_changed = Signal(bool)
    exported = Signal(object)
    imported = Signal(dict)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, store: Store | Callable[[], Store], parent: QWidget) -> None:
        """`store`: the ORM store, or what gives it (opened when first needed)."""
        super().__init__(parent)
        self._get_store = store if callable(store) else (lambda: store)
        self._window = parent
        self._busy = False
        self._progress: QProgressDialog | None = None
        self._relay: _ProgressRelay | None = None  # the running job's progress
        self._preview: ImportPreviewDialog | None = None
        self.progress_delay_ms = PROGRESS_DELAY_MS

    def busy(self) -> bool:
        """Whether an export or import is under way (or its preview is open)."""
        return self._busy

    def progress_dialog(self) -> QProgressDialog | None:
        """The progress dialog of the work under way, if any."""
        dialog = self._progress
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    def preview_dialog(self) -> ImportPreviewDialog | None:
        """The import preview waiting for the user, if any."""
        dialog = self._preview
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    # -- export ---------------------------------------------------------------------------

    def export(self, fmt: ExportFormat | None = None) -> None:
        """Ask where to save, then export in `fmt` (or the format picked in the dialog)."""
        if self._busy:
            return
        formats = export_formats()
        chosen = fmt or formats[0]
        name = f"mlcoach-export-{date.today().isoformat()}{chosen.suffix}"
        from mlcoach.ui.file_dialogs import fitting

        with fitting():
            path, picked = QFileDialog.getSaveFileName(
                self._window, self.tr("Export all data"), str(Path.home() / name),
                ";;".join(f.filter for f in formats), chosen.filter)
        if not path:
            return
        self.export_to(Path(path), format_for(path, picked))

    def export_to(self, path: Path, fmt: ExportFormat) -> None:
        """Export in `fmt` to `path` on the worker, with a progress bar when it takes long."""
        if self._busy:
            return
        stop = threading.Event()
        relay = self._start(self.tr("Exporting your data…"), EXPORT_STEPS, stop)
        get_store = self._get_store  # the ORM store's first open (~0.3 s) on the worker

        def progress(step: int, total: int) -> None:
            if stop.is_set():
                raise _Cancelled
            relay.progressed.emit(step, total)

        def work() -> Path:
            store = get_store()
            with _gc_paused():
                return export_to(store, path, fmt, progress)

        ops.run(work, self._exported, self._export_failed)

    def _exported(self, written: Path) -> None:
        if self._finish():
            self.exported.emit(written)

    def _export_failed(self, exc: BaseException) -> None:
        if not self._finish():
            return
        if isinstance(exc, _Cancelled):
            self.cancelled.emit()
            return
        if not isinstance(exc, (OSError, MlcoachError)):
            logger.error("export failed", exc_info=exc)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else error_message(exc)
        self.failed.emit(self.tr("Could not export: %1").replace("%1", reason))

    # -- import ---------------------------------------------------------------------------

    def import_file(self, path: Path | None = None, source: str | None = None) -> None:
        """Ask for a file (unless given), then read it and show what importing would add.

        `source` is "jrnl" or "dayone" for another journal's export, None for mlcoach's
        own; the file dialog's filter chooses it (All files: guessed from the file).
        """
        if self._busy:
            return
        if path is None:
            filters = {self.tr("mlcoach export (*.json)"): None,
                       self.tr("jrnl journal, JSON export (*.json)"): "jrnl",
                       self.tr("Day One export (*.json *.zip)"): "dayone"}
            from mlcoach.ui.file_dialogs import fitting

            with fitting():
                chosen, selected = QFileDialog.getOpenFileName(
                    self._window, self.tr("Import data"), str(Path.home()),
                    ";;".join([*filters, self.tr("All files (*)")]))
            if not chosen:
                return
            path = Path(chosen)
            source = filters[selected] if selected in filters else guess_source(path)
        self._start(self.tr("Reading “%1”…").replace("%1", path.name), 0, None)
        get_store, where = self._get_store, path

        def read() -> tuple[dict[str, Any], ImportPreview]:
            store = get_store()  # the ORM store's first open (~0.3 s) here, on the worker
            with _gc_paused():
                if source is None:
                    doc = read_export(where)
                else:
                    doc = read_journal(where, source, local_zone(),
                                       person_matcher(store.people()))
                return doc, preview_import(store, doc)

        ops.run(read, lambda result: self._previewed(where, *result),
                lambda exc: self._import_failed(where, exc), left_at_quit=True)

    def _previewed(self, path: Path, doc: dict[str, Any], preview: ImportPreview) -> None:
        if not shiboken6.isValid(self):
            return
        self._close_progress()
        dialog = ImportPreviewDialog(path.name, preview, self._window)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._preview = dialog
        dialog.accepted.connect(lambda: self._confirmed(path, doc, preview))
        dialog.rejected.connect(self._preview_closed)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _preview_closed(self) -> None:
        self._preview = None
        self._finish()
        self.cancelled.emit()

    def _confirmed(self, path: Path, doc: dict[str, Any], preview: ImportPreview) -> None:
        self._preview = None
        if preview.nothing_new:
            self._preview_closed()
            return
        self._start(self.tr("Importing “%1”…").replace("%1", path.name), 0, None,
                    replace=True)
        get_store = self._get_store

        def write() -> dict[str, int]:
            store = get_store()
            with _gc_paused():
                return import_document(store, doc)

        ops.run(write, self._imported, lambda exc: self._import_failed(path, exc))

    def _imported(self, added: dict[str, int]) -> None:
        if self._finish():
            self.imported.emit(added)

    def _import_failed(self, path: Path, exc: BaseException) -> None:
        if not self._finish():
            return
        if not isinstance(exc, MlcoachError):
            logger.error("import failed", exc_info=exc)
        self.failed.emit(self.tr("Could not import “%1”: %2").replace("%1", path.name)
                         .replace("%2", " ".join(error_message(exc).split())))

    # -- busy state and the progress dialog ---------------------------------------------------

    def _start(self, label: str, steps: int, stop: threading.Event | None, *,
               replace: bool = False) -> _ProgressRelay:
        if not replace:
            self._busy = True
            self.busy_changed.emit(True)
        self._close_progress()
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, steps, self._window)
        dialog.setWindowTitle(self.tr("mlcoach"))
        # Not modal: a modal QProgressDialog runs the event loop inside setValue().
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(self.progress_delay_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if stop is None:
            dialog.setCancelButton(None)
        else:
            dialog.canceled.connect(stop.set)
        dialog.setValue(0)
        self._progress = dialog
        relay = self._relay = _ProgressRelay(self)
        relay.progressed.connect(lambda step, total: self._advance(dialog, step, total))
        return relay

    @staticmethod
    def _advance(dialog: QProgressDialog, step: int, total: int) -> None:
        if shiboken6.isValid(dialog) and not dialog.wasCanceled():
            dialog.setMaximum(total)
            dialog.setValue(step)

    def _close_progress(self) -> None:
        dialog = self.progress_dialog()
        self._progress = None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        # Its job is over (or handed on): a child of this long-lived object, it stayed,
        # one more with every export and two with every import, for the window's life.
        relay, self._relay = self._relay, None
        if relay is not None and shiboken6.isValid(relay):
            delete_later(relay)  # its slot holds this object

    def _finish(self) -> bool:
        """End the busy state; False when this object is already gone."""
        if not shiboken6.isValid(self):
            return False
        self._close_progress()
        self._busy = False
        gc.unfreeze()  # back to normal collection (see _gc_paused)
        self.busy_changed.emit(False)
        return True

