"""The small dialog that edits a moment's text, kind and outcome."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QSize
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mlcoach.domain.model import Kind, Outcome
from mlcoach.store.edit_drafts import Values, moment_key
from mlcoach.store.timeline import (
    TimelineEntry,
)
from mlcoach.ui.edit_draft import EditDraft, StateStore
from mlcoach.ui.names import kind_names, outcome_names
from mlcoach.ui.widgets.discard import discard_confirmed
from mlcoach.ui.widgets.helpers import close_keys, preferred_width
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MomentEdit:
    """What the editor returns."""

    text: str
    kind: Kind
    outcome: Outcome | None


class MomentEditor(QDialog):
    """A small editor for a moment's text, kind and outcome.

    With `drafts` (the store), what is typed is kept there as the moment's draft while it
    is typed (ui/edit_draft.py); `restore_draft()` brings back one an editor left.
    """

    _FIELDS = ("text", "kind", "outcome")

    def __init__(self, entry: TimelineEntry, parent: QWidget | None = None,
                 drafts: StateStore | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit moment"))
        self.text = QPlainTextEdit(entry.text, self)
        self.text.setAccessibleName(self.tr("Moment text"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind"))
        for kind, name in kind_names().items():
            self.kind.addItem(name, kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(
            entry.moment_kind.value if entry.moment_kind else Kind.OTHER.value)))
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.addItem(self.tr("No outcome yet"), "")
        for outcome, name in outcome_names().items():
            self.outcome.addItem(name, outcome.value)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(
            entry.outcome.value if entry.outcome else "")))
        self.error = Label(self)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        close_keys(self, self.reject)  # as Esc: asks when the moment was changed
        form = QFormLayout()
        form.addRow(self.tr("&Text"), self.text)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&Outcome"), self.outcome)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._loaded = self.value()
        self.draft: EditDraft | None = None
        if drafts is not None:
            self.draft = EditDraft(drafts, moment_key(entry.id), self._FIELDS,
                                   self._to_keep, self, moment_id=entry.id,
                                   loaded=self._fields_now())
            layout.insertWidget(1, self.draft.line)
            self.draft.watch(self.text.textChanged, self.kind.currentIndexChanged,
                             self.outcome.currentIndexChanged)

    def sizeHint(self) -> QSize:
        return preferred_width(super().sizeHint(), 440)

    def has_changes(self) -> bool:
        """Whether anything differs from the moment as it was loaded."""
        return self.value() != self._loaded

    def show_typed(self, typed: MomentEdit, problem: str) -> None:
        """Put back what was typed, whose save failed, with why: Cancel then still asks
        before it drops the words."""
        self._show(typed)
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        if self.draft is not None:  # kept now: the earlier editor's draft is this one's
            self.draft.flush()

    def restore_draft(self) -> None:
        """Bring back what was typed here before the app was gone (a crash, a kill, a
        quit with the editor open): shown with a quiet line, not saved until Save."""
        if self.draft is None:
            return
        values = self.draft.brought_back()
        if values is not None:
            try:
                kind = Kind(values["kind"])
                outcome = Outcome(values["outcome"]) if values["outcome"] else None
            except ValueError:
                kind, outcome = self._loaded.kind, self._loaded.outcome
            self._show(MomentEdit(values["text"], kind, outcome))
        self.draft.settled()

    def _show(self, edit: MomentEdit) -> None:
        self.text.setPlainText(edit.text)
        self.kind.setCurrentIndex(max(0, self.kind.findData(edit.kind.value)))
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(
            edit.outcome.value if edit.outcome else "")))

    def _to_keep(self) -> Values | None:
        """What the draft keeps: the fields as typed, or None when they are as loaded."""
        return self._fields_now() if self.has_changes() else None

    def _fields_now(self) -> Values:
        outcome = self.outcome.currentData()
        return {"text": self.text.toPlainText(), "kind": str(self.kind.currentData()),
                "outcome": str(outcome or "")}

    def keep_now(self) -> bool:
        """The app is quitting: what is typed is kept as this moment's draft, offered
        back when its editor next opens (never saved to the moment unasked)."""
        return self.draft is not None and self.isVisible() and self.draft.keep_now()

    def value(self) -> MomentEdit:
        """The edited values."""
        outcome = self.outcome.currentData()
        return MomentEdit(self.text.toPlainText().strip(), Kind(self.kind.currentData()),
                          Outcome(outcome) if outcome else None)

    def accept(self) -> None:
        if not self.value().text:
            self.error.setText(self.tr("A moment needs some words."))
            self.error.show()
            return
        super().accept()

    def reject(self) -> None:
        """Close without saving; ask first when the moment was changed."""
        if self.has_changes() and not discard_confirmed(
                self, self.tr("Discard your changes?"),
                self.tr("Your changes to this moment have not been saved.")):
            return
        if self.draft is not None:
            self.draft.forget()
        super().reject()

    def done(self, result: int) -> None:
        """Close; a pending draft write is dropped (Save and Discard have dealt with it)."""
        if self.draft is not None:
            self.draft.stop()
        super().done(result)


# -- the Timeline tab -------------------------------------------------------------------
