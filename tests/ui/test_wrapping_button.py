"""Check boxes and radio buttons whose words wrap in a narrow window (Settings' weekly
review, the coach's style questions) still work as Qt's own: a click on the words, the
mnemonic, the words all shown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from mlcoach.ui.widgets.wrapping_button import WrappingCheckBox, WrappingRadioButton

pytestmark = pytest.mark.gui

TEXT = "Offer a &weekly review on the first workday of the week && more"


def _in_window(qtbot: Any, button: QWidget, width: int) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window).addWidget(button)
    window.resize(width, 40)
    window.show()
    qtbot.waitExposed(window)
    layout = window.layout()
    assert layout is not None
    window.resize(width, max(40, layout.totalHeightForWidth(width)))
    qtbot.wait(1)  # the resize's layout request runs
    return window


@pytest.mark.parametrize("kind", [WrappingCheckBox, WrappingRadioButton])
def test_a_narrow_button_shows_all_its_words_on_more_lines(qtbot: Any, kind: type) -> None:
    button = kind(TEXT)
    window = _in_window(qtbot, button, 200)  # noqa: F841  (kept: it owns the button)
    words = button._words
    assert words.text().count("<u>w</u>") == 1 and "&amp; more" in words.text()
    assert button.width() <= 200
    assert words.height() >= words.heightForWidth(words.width())  # no line cut
    assert button.height() >= words.geometry().bottom()
    assert words.heightForWidth(words.width()) > 2 * words.fontMetrics().height()
    assert button.minimumSizeHint().width() < 200 < button.sizeHint().width()
    assert button.text() == TEXT  # Qt's text, mnemonic and accessible name as before


def test_a_click_on_the_words_toggles_it_and_alt_w_is_its_shortcut(qtbot: Any) -> None:
    box = WrappingCheckBox(TEXT)
    window = _in_window(qtbot, box, 200)
    words = box._words
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton,
                     pos=words.geometry().bottomRight() - QPoint(5, 5))
    assert box.isChecked()
    # (QTest's key clicks reach no shortcut offscreen, a plain QCheckBox's neither)
    assert box.shortcut() == QKeySequence("Alt+W")
    assert window.isVisible()
