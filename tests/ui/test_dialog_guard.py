"""The guard in conftest.py: a modal dialog the test did not expect fails it at once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from tests.ui.conftest import DialogGuard, UnexpectedDialog

pytestmark = pytest.mark.gui


def test_an_unexpected_message_box_raises_and_is_recorded(qapp, dialog_guard: DialogGuard) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnexpectedDialog):
        QMessageBox.critical(None, "mlcoach", "The store could not be opened.")
    assert dialog_guard.unexpected == [
        "QMessageBox.critical: 'The store could not be opened.'"]
    dialog_guard.unexpected.clear()  # recorded: the test would fail at teardown


@pytest.mark.parametrize("open_one", [
    lambda: QDialog().exec(),
    lambda: QMessageBox(QMessageBox.Icon.Warning, "mlcoach", "Sure?").exec(),
    lambda: QInputDialog.getText(None, "mlcoach", "Passphrase:"),
    lambda: QFileDialog.getSaveFileName(None, "Export"),
])
def test_every_blocking_entry_point_is_guarded(qapp, dialog_guard: DialogGuard, open_one) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnexpectedDialog):
        open_one()
    assert len(dialog_guard.unexpected) == 1
    dialog_guard.unexpected.clear()


def test_an_expected_dialog_is_answered_and_its_calls_kept(expect_dialog: DialogGuard) -> None:
    calls = expect_dialog.expect(QMessageBox, "question", QMessageBox.StandardButton.No,
                                 QMessageBox.StandardButton.Yes)
    assert QMessageBox.question(None, "mlcoach", "Discard?") == QMessageBox.StandardButton.No
    assert QMessageBox.question(None, "mlcoach", "Again?") == QMessageBox.StandardButton.Yes
    assert QMessageBox.question(None, "mlcoach", "More?") == QMessageBox.StandardButton.Yes
    assert [c[2] for c in calls] == ["Discard?", "Again?", "More?"]
    assert expect_dialog.unexpected == []
