"""The app's own text on the X11 clipboard, handed to the clipboard manager before a quit
that ends the process at once (`run.end_now`).

Qt hands the clipboard over (ICCCM's SAVE_TARGETS, asked of the CLIPBOARD_MANAGER
selection's owner: xfce4-clipman, parcellite and the like) only as the application
object is destroyed; os._exit skipped that, and a moment's text copied from History was
gone from the clipboard with the app. Destroying the application here is no way out:
PySide destroys every object Python holds with it, and a worker pool waits for its job
still under way (the very reason for os._exit). So the app asks the manager itself, on
Qt's X connection (libxcb through ctypes), and lets Qt's event loop answer the manager's
requests for the text, within HANDOVER_S.
"""

from __future__ import annotations

import ctypes
import logging
import struct
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QEventLoop, QTimer

logger = logging.getLogger(__name__)

#: How long the handover may hold the end of the process (Qt's own wait is 5 s).
HANDOVER_S = 5.0
_SELECTION_NOTIFY = 31
_INPUT_ONLY = 2
_XCB_EVENT = b"xcb_generic_event_t"


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


def _xcb() -> Any:
    from mlcoach.ui.x_manager_message import _xcb as base

    xcb = base()
    xcb.xcb_generate_id.restype = ctypes.c_uint32
    xcb.xcb_generate_id.argtypes = [ctypes.c_void_p]
    xcb.xcb_create_window.restype = _Cookie
    xcb.xcb_create_window.argtypes = [
        ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_int16,
        ctypes.c_int16, ctypes.c_uint16, ctypes.c_uint16, ctypes.c_uint16, ctypes.c_uint16,
        ctypes.c_uint32, ctypes.c_uint32, ctypes.c_void_p]
    xcb.xcb_get_selection_owner.restype = _Cookie
    xcb.xcb_get_selection_owner.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    xcb.xcb_get_selection_owner_reply.restype = ctypes.c_void_p
    xcb.xcb_get_selection_owner_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
    xcb.xcb_convert_selection.restype = _Cookie
    xcb.xcb_convert_selection.argtypes = [ctypes.c_void_p] + [ctypes.c_uint32] * 5
    xcb.xcb_flush.argtypes = [ctypes.c_void_p]
    return xcb


class _Saved(QAbstractNativeEventFilter):
    """Hears the manager's answer (a SelectionNotify to our window) and ends the wait."""

    def __init__(self, window: int, loop: QEventLoop) -> None:
        super().__init__()
        self._window, self._loop = window, loop
        self.answered = False

    def nativeEventFilter(self, eventType: QByteArray | bytes | bytearray | memoryview,
                          message: int) -> object:
        address = int(message)
        if address and eventType == _XCB_EVENT:
            event = ctypes.string_at(address, 32)
            if event[0] & 0x7F == _SELECTION_NOTIFY and \
                    struct.unpack_from("=I", event, 8)[0] == self._window:
                self.answered = True
                self._loop.quit()
        return False, 0


def hand_over_the_clipboard() -> None:
    """Where the app owns the clipboard on X11 and a clipboard manager runs: ask the
    manager to keep the text, and answer it, within HANDOVER_S. Nothing elsewhere, and
    nothing when the clipboard is another's."""
    from PySide6.QtGui import QGuiApplication, QNativeInterface

    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication) or app.platformName() != "xcb" or \
            not app.clipboard().ownsClipboard():
        return
    native = app.nativeInterface()
    if not isinstance(native, QNativeInterface.QX11Application):
        return
    conn = int(native.connection())
    xcb, free = _xcb(), ctypes.CDLL(None).free
    free.argtypes = [ctypes.c_void_p]

    def atom(name: bytes) -> int:
        reply = xcb.xcb_intern_atom_reply(conn, xcb.xcb_intern_atom(conn, 0, len(name), name),
                                          None)
        value = int(reply.contents.atom) if reply else 0
        free(reply)
        return value

    manager, save, held = atom(b"CLIPBOARD_MANAGER"), atom(b"SAVE_TARGETS"), \
        atom(b"MLCOACH_HANDOVER")
    reply = xcb.xcb_get_selection_owner_reply(
        conn, xcb.xcb_get_selection_owner(conn, manager), None)
    owner = ctypes.c_uint32.from_address(reply + 8).value if reply else 0
    free(reply)
    if not (manager and save and held and owner):
        return  # no clipboard manager: nothing keeps the text after us, as at any exit
    root = ctypes.c_uint32.from_address(xcb.xcb_setup_roots_iterator(
        xcb.xcb_get_setup(conn)).data).value
    window = xcb.xcb_generate_id(conn)
    xcb.xcb_create_window(conn, 0, window, root, 0, 0, 1, 1, 0, _INPUT_ONLY, 0, 0, None)
    loop = QEventLoop()
    saved = _Saved(window, loop)
    app.installNativeEventFilter(saved)
    from mlcoach.ui import ops

    ops.hub().blockSignals(True)  # no worker's answer is handled any more: we are ending
    xcb.xcb_convert_selection(conn, window, manager, save, held, 0)
    xcb.xcb_flush(conn)
    QTimer.singleShot(int(HANDOVER_S * 1000), loop.quit)
    loop.exec()  # Qt answers the manager's requests for the text meanwhile
    app.removeNativeEventFilter(saved)
    logger.info("clipboard %s the clipboard manager", "kept by" if saved.answered
                else "not taken in time by")
