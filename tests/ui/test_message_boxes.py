"""Every box the app opens keeps readable lines and stays whole at a large font.

QMessageBox's static functions (warning, question, critical) build a plain QMessageBox,
which wraps its words at half the screen's width whatever the font: at twice the font the
unlock's wrong-key warning in Turkish was a column of 26 characters a line. They all go
through ui/widgets/message_box.py now, as the app's own questions did."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from mlcoach.domain.errors import StoreLockedError
from mlcoach.ui.i18n import install_translators
from mlcoach.ui.widgets import message_box

pytestmark = pytest.mark.gui

UI = Path(__file__).resolve().parents[2] / "ui"
STATIC = {"warning", "question", "critical", "information", "about"}


@pytest.fixture
def twice_the_font(qapp: QApplication) -> Iterator[None]:
    font = qapp.font()
    larger = qapp.font()
    larger.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(larger)
    try:
        yield
    finally:
        qapp.setFont(font)


@pytest.mark.parametrize("language", ["en", "tr"])
def test_the_wrong_recovery_key_warning_at_twice_the_font_keeps_readable_lines(
        qapp: QApplication, qtbot, twice_the_font: None,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    from mlcoach.ui import unlock

    shown: list[QMessageBox] = []
    # the box as unlock shows it, then looked at instead of waited on
    monkeypatch.setattr(message_box, "_answer", lambda box: shown.append(box))
    try:
        install_translators(qapp, language)
        text = unlock._message(StoreLockedError(
            "that recovery key does not open this store (nothing was changed)"))
        message_box.warning(None, "mlcoach", text)
    finally:
        install_translators(qapp, "en")
    [box] = shown
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    words = box.findChild(QLabel, "qt_msgbox_label")
    assert words is not None and words.text() == text
    area = box.screen().availableGeometry()
    assert area.contains(box.frameGeometry())
    assert words.height() >= words.heightForWidth(words.width())  # no line cut off
    per_line = words.width() / words.fontMetrics().averageCharWidth()
    assert per_line >= 35, f"{per_line:.0f} characters a line"


def test_the_app_opens_no_plain_message_box() -> None:
    """No QMessageBox.warning(...) and the like, nor QMessageBox(...) itself: each box is
    a message_box.MessageBox, which sizes itself for the font and the screen."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "message_box.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = node.func
            if (isinstance(called, ast.Name) and called.id == "QMessageBox") or (
                    isinstance(called, ast.Attribute) and called.attr in STATIC
                    and isinstance(called.value, ast.Name)
                    and called.value.id == "QMessageBox"):
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert found == []
