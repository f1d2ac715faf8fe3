"""What the user wrote, and the recovery key, on the clipboard: marked so that clipboard
managers and clipboard sync keep no copy.

Klipper writes its history to a plain file, GNOME's clipboard extensions to ~/.cache, and
KDE Connect sends the clipboard to phones; they skip data marked with KDE's password
manager hint, as KeePassXC marks what it copies. Windows' clipboard history and cloud
sync and macOS clipboard managers have their own marks. A moment's text or a composed
suggestion (a colleague's name, what the user wants them to change) is pasted once,
where the user chose, not kept in a manager's history; the recovery key also leaves the
clipboard after a minute. A copy says what it came from (`about`), so that deleting that
(a moment, a suggestion, a reflection, a person) takes the words off the clipboard too,
while they are still the ones we put there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import shiboken6
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


def copy_private(text: str, about: Iterable[str] = ()) -> QMimeData:
    """Put `text` (what the user wrote, or composed from it) on the clipboard to paste,
    marked so that no clipboard manager or sync keeps a copy. `about` names what it came
    from ("moment:<id>", "person:<name>": see `about_*`), for `withdraw`. Returns what was
    put there (the clipboard's now)."""
    mime = private_mime(text)
    QGuiApplication.clipboard().setMimeData(mime)
    _clear_at_quit(mime, text)
    _copied[:] = [(mime, text, frozenset(about))]
    return mime


def about_moment(moment_id: str) -> str:
    return f"moment:{moment_id}"


def about_suggestion(suggestion_id: str) -> str:
    return f"suggestion:{suggestion_id}"


def about_reflection(reflection_id: str) -> str:
    return f"reflection:{reflection_id}"


def about_person(name: str) -> str:
    return f"person:{name.casefold()}"


def withdraw(about: Iterable[str] = (), texts: Iterable[str] = ()) -> bool:
    """Something was deleted: take our last copy off the clipboard if it came from it
    (one of `about`) or holds exactly one of its `texts`, and is still there (not
    replaced since, by the user or another application). Returns whether it was
    cleared."""
    if not _copied:
        return False
    mime, text, came_from = _copied[0]
    wanted = set(about)
    if not (came_from & wanted) and text.strip() not in {t.strip() for t in texts if t}:
        return False
    _copied.clear()
    if not still_there(mime, text):
        return False
    QGuiApplication.clipboard().clear()
    return True


def also_about(text: str, about: Iterable[str]) -> None:
    """Our last copy, if it holds `text`, came from `about` too (a suggestion copied in
    the coach and then saved: its planned moment deleted in History takes it back)."""
    if _copied and _copied[0][1] == text:
        mime, _, came_from = _copied[0]
        _copied[0] = (mime, text, came_from | frozenset(about))


def withdraw_all() -> bool:
    """Everything was deleted: take our last copy off the clipboard if still there."""
    if not _copied:
        return False
    mime, text, _ = _copied.pop()
    if not still_there(mime, text):
        return False
    QGuiApplication.clipboard().clear()
    return True


_copied: list[tuple[QMimeData, str, frozenset[str]]] = []  # our last copy, and its source


def still_there(mime: QMimeData, text: str) -> bool:
    """Whether the clipboard still holds `mime` (with `text`), which we put there, told
    without reading it where the platform can: on X11 and Wayland reading asks the
    clipboard's owner, another application, and the GUI thread waits for its answer
    (Qt's X11 clipboard up to 5 s when it hangs). Qt gives back the very object we put
    there while it is still ours, and deletes it once another application (or another
    copy of ours) replaced it."""
    if not shiboken6.isValid(mime):
        return False
    clipboard = QGuiApplication.clipboard()
    if clipboard.mimeData() is mime:
        return True
    if QGuiApplication.platformName() == "xcb" or \
            QGuiApplication.platformName().startswith("wayland"):
        return False  # another application's, or nothing: not to be read
    return clipboard.text() == text  # elsewhere a platform may hand back a copy


def copy_secret(text: str, clear_after_ms: int = CLEAR_AFTER_MS) -> QTimer:
    """Put `text` on the clipboard as a secret; clear it later unless it was replaced.
    Returns the timer that will clear it."""
    mime = copy_private(text)
    timer = QTimer(QCoreApplication.instance())  # outlives the window that copied
    timer.setSingleShot(True)
    timer.setInterval(clear_after_ms)

    def clear() -> None:
        if still_there(mime, text):
            QGuiApplication.clipboard().clear()
        timer.deleteLater()

    timer.timeout.connect(clear)
    timer.start()
    return timer


_at_quit: list[tuple[QMimeData, str]] = []  # what to take off the clipboard at quit


def _clear_at_quit(mime: QMimeData, text: str) -> None:
    """Quitting takes what we copied off the clipboard too (X11 hands it to the clipboard
    manager as the app goes, where one may not read the marks). It also leaves no
    QMimeData of ours in the clipboard for Qt's teardown, which crashes on the offscreen
    platform (PySide6 6.x) when one is left there."""
    app = QCoreApplication.instance()
    if app is None:
        return
    if not _at_quit:
        def clear() -> None:
            if _at_quit and still_there(*_at_quit[-1]):
                QGuiApplication.clipboard().clear()

        app.aboutToQuit.connect(clear)
    _at_quit[:] = [(mime, text)]
