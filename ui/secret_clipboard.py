"""The recovery key on the clipboard: marked so clipboard managers keep no copy, and taken
off again after a minute.

The recovery key is the store's raw key. Klipper writes its history to a plain file, and
KDE Connect sends the clipboard to phones; both skip data marked with KDE's password
manager hint, as KeePassXC marks what it copies (so do several GNOME clipboard
extensions).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QTimer
from PySide6.QtGui import QGuiApplication

SECRET_HINT = "x-kde-passwordManagerHint"
CLEAR_AFTER_MS = 60_000


def copy_secret(text: str, clear_after_ms: int = CLEAR_AFTER_MS) -> QTimer:
    """Put `text` on the clipboard as a secret; clear it later unless it was replaced.
    Returns the timer that will clear it."""
    mime = QMimeData()
    mime.setText(text)
    mime.setData(SECRET_HINT, QByteArray(b"secret"))
    QGuiApplication.clipboard().setMimeData(mime)
    timer = QTimer(QCoreApplication.instance())  # outlives the window that copied
    timer.setSingleShot(True)
    timer.setInterval(clear_after_ms)

    def clear() -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == text:
            clipboard.clear()
        timer.deleteLater()

    timer.timeout.connect(clear)
    timer.start()
    return timer
