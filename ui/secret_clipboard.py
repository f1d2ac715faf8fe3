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
    _clear_at_quit(text)
    return timer


_at_quit: list[str] = []  # the secret to take off the clipboard when the app quits


def _clear_at_quit(text: str) -> None:
    """Quitting takes the key off the clipboard too (the minute may not be up). It also
    leaves no QMimeData of ours in the clipboard for Qt's teardown, which crashes on the
    offscreen platform (PySide6 6.x) when one is left there."""
    app = QCoreApplication.instance()
    if app is None:
        return
    if not _at_quit:
        def clear() -> None:
            clipboard = QGuiApplication.clipboard()
            if _at_quit and clipboard.text() == _at_quit[-1]:
                clipboard.clear()

        app.aboutToQuit.connect(clear)
    _at_quit[:] = [text]
