"""A scroll area that looks like part of its page: no frame, no horizontal bar, the
page's own background behind it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class _QuietArea(QScrollArea):
    """Never narrower than what it shows needs: with no sideways scroll bar, a wider
    page (a large font, a long translation) would be cut at the right edge."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        need = content.minimumSizeHint().expandedTo(content.minimumSize()).width()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), need + bar + 2 * self.frameWidth()), hint.height())


def quiet_scroll_area(content: QWidget, parent: QWidget, *, name: str | None = None,
                      focus_inside: bool = False) -> QScrollArea:
    """Wrap `content` in a frameless, vertical-only scroll area.

    Args:
        name: the accessible name of the area.
        focus_inside: the controls inside take focus, so the area itself does not.
    """
    area = _QuietArea(parent)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    if focus_inside:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if name is not None:
        area.setAccessibleName(name)
    return area
