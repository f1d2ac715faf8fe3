"""What the user wrote, and the recovery key, on the clipboard: marked so that clipboard
managers and clipboard sync keep no copy.

Klipper writes its history to a plain file, GNOME's clipboard extensions to ~/.cache, and
KDE Connect sends the clipboard to phones; they skip data marked with KDE's password
manager hint, as KeePassXC marks what it copies. Windows' clipboard history and cloud
sync and macOS clipboard managers have their own marks. A moment's text or a composed
suggestion (a colleague's name, what the user wants them to change) is pasted once,
where the user chose, not kept in a manager's history; the recovery key also leaves the
clipboard after a minute.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QTimer
from PySide6.QtGui import QGuiApplication

SECRET_HINT = "x-kde-passwordManagerHint"
CLEAR_AFTER_MS = 60_000


def private_mime(text: str, platform: str | None = None) -> QMimeData:
    """`text` as clipboard data that clipboard managers and sync leave alone."""
    mime = QMimeData()
    mime.setText(text)
    name = sys.platform if platform is None else platform
    if name == "win32":  # Windows' formats, as KeePassXC sets them (DWORD 0: not kept)
        mime.setData("ExcludeClipboardContentFromMonitorProcessing", QByteArray(b"1"))
        mime.setData("CanIncludeInClipboardHistory", QByteArray(b"\0\0\0\0"))
        mime.setData("CanUploadToCloudClipboard", QByteArray(b"\0\0\0\0"))
    elif name == "darwin":  # nspasteboard.org's convention
        mime.setData("application/x-nspasteboard-concealed-type", QByteArray(b"secret"))
    else:
        mime.setData(SECRET_HINT, QByteArray(b"secret"))
    return mime


def copy_private(text: str) -> None:
    """Put `text` (what the user wrote, or composed from it) on the clipboard to paste,
    marked so that no clipboard manager or sync keeps a copy."""
    QGuiApplication.clipboard().setMimeData(private_mime(text))
    _clear_at_quit(text)


def copy_secret(text: str, clear_after_ms: int = CLEAR_AFTER_MS) -> QTimer:
    """Put `text` on the clipboard as a secret; clear it later unless it was replaced.
    Returns the timer that will clear it."""
    copy_private(text)
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


_at_quit: list[str] = []  # what to take off the clipboard when the app quits


def _clear_at_quit(text: str) -> None:
    """Quitting takes what we copied off the clipboard too (X11 hands it to the clipboard
    manager as the app goes, where one may not read the marks). It also leaves no
    QMimeData of ours in the clipboard for Qt's teardown, which crashes on the offscreen
    platform (PySide6 6.x) when one is left there."""
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
