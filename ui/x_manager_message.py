"""What a tray manager's announcement looks like on this X server: the ICCCM 2.8 MANAGER
client message, sent to a root window, its type the MANAGER atom, the selection taken
(data32[1]) a tray's: _NET_SYSTEM_TRAY_Sn (n: the screen).

The root windows come from the connection's setup (held by libxcb, no X call); the
atoms are interned once, one round trip on Qt's own xcb connection, when the app first
listens for a tray (it has none). Both through ctypes on libxcb: PySide6 hands
out the connection (QNativeInterface.QX11Application) but binds no xcb call.
"""

from __future__ import annotations

import ctypes
import logging
import struct
from typing import NamedTuple

logger = logging.getLogger(__name__)

CLIENT_MESSAGE = 33  # XCB_CLIENT_MESSAGE; bit 7 of the type marks a sent event


class ManagerMessage(NamedTuple):
    """The root windows (one per X screen), the MANAGER atom's id and the trays'
    selections' atoms (one per screen)."""

    roots: frozenset[int]
    manager: int
    trays: frozenset[int]

    def is_one(self, event: bytes) -> bool:
        """Whether `event` (an xcb_client_message_event_t, 32 bytes) is the MANAGER
        message on a root window, not one of the window manager's to the app's own
        windows (WM_PROTOCOLS pings, _NET_WM_SYNC_REQUEST at each step of a resize)."""
        kind, fmt = event[0], event[1]
        if kind & 0x7F != CLIENT_MESSAGE or fmt != 32:
            return False
        window, atom, _, selection = struct.unpack_from("=IIII", event, 4)
        return window in self.roots and atom == self.manager and selection in self.trays


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _InternAtomCookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _InternAtomReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("atom", ctypes.c_uint32)]


def _xcb() -> ctypes.CDLL:
    import ctypes.util  # it loads subprocess: not before the tray icon (test_start_paths)

    xcb = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
    xcb.xcb_get_setup.restype = ctypes.c_void_p
    xcb.xcb_get_setup.argtypes = [ctypes.c_void_p]
    xcb.xcb_setup_roots_iterator.restype = _ScreenIterator
    xcb.xcb_setup_roots_iterator.argtypes = [ctypes.c_void_p]
    xcb.xcb_screen_next.restype = None
    xcb.xcb_screen_next.argtypes = [ctypes.POINTER(_ScreenIterator)]
    xcb.xcb_intern_atom.restype = _InternAtomCookie
    xcb.xcb_intern_atom.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16,
                                    ctypes.c_char_p]
    xcb.xcb_intern_atom_reply.restype = ctypes.POINTER(_InternAtomReply)
    xcb.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, _InternAtomCookie,
                                          ctypes.c_void_p]
    return xcb


def ask_x_server() -> ManagerMessage | None:
    """The announcement's marks on Qt's X connection; None off X11 or where libxcb
    cannot be reached (the caller then tells it apart less surely)."""
    try:
        from PySide6.QtGui import QGuiApplication, QNativeInterface

        app = QGuiApplication.instance()
        native = app.nativeInterface() if isinstance(app, QGuiApplication) else None
        if not isinstance(native, QNativeInterface.QX11Application):
            return None
        connection = int(native.connection())
        if not connection:
            return None
        xcb = _xcb()
        roots: set[int] = set()
        screens = xcb.xcb_setup_roots_iterator(xcb.xcb_get_setup(connection))
        while screens.rem > 0:
            roots.add(ctypes.c_uint32.from_address(screens.data).value)  # its first field
            xcb.xcb_screen_next(ctypes.byref(screens))
        names = [b"MANAGER"] + [b"_NET_SYSTEM_TRAY_S%d" % n for n in range(len(roots))]
        cookies = [xcb.xcb_intern_atom(connection, 0, len(name), name) for name in names]
        atoms: list[int] = []
        for cookie in cookies:  # all asked first: one round trip
            reply = xcb.xcb_intern_atom_reply(connection, cookie, None)
            if reply:
                atoms.append(int(reply.contents.atom))
                ctypes.CDLL(None).free(reply)  # the reply is the caller's to free
    except (OSError, AttributeError, ValueError) as why:
        logger.info("X server not asked for the MANAGER atom: %s", why)
        return None
    if not roots or len(atoms) != len(names) or 0 in atoms:
        return None
    return ManagerMessage(frozenset(roots), atoms[0], frozenset(atoms[1:]))
