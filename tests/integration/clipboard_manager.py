"""A stand-in clipboard manager for tests on Xvfb (as xfce4-clipman or parcellite keep
what an application copied once it exits): it owns CLIPBOARD_MANAGER, and when an
application about to exit asks it to SAVE_TARGETS (ICCCM's clipboard manager
handover; Qt does it as its X connection closes), it fetches the clipboard's text and
prints "saved: TEXT". Prints "ready" once it owns the selection. libxcb through ctypes,
with the app's own prototypes.

    python tests/integration/clipboard_manager.py   (DISPLAY set)
"""

from __future__ import annotations

import ctypes
import struct
import sys
from typing import Any

SELECTION_REQUEST, SELECTION_NOTIFY = 30, 31
INPUT_ONLY = 2


def _xcb() -> Any:
    """The app's own prototypes (clipboard_handover: setup, atoms, a window, a selection
    converted) and those a manager needs besides: its connection, the selection owned,
    events waited for and sent, a property read."""
    from mlcoach.ui.clipboard_handover import _Cookie
    from mlcoach.ui.clipboard_handover import _xcb as the_apps

    xcb = the_apps()
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_set_selection_owner.restype = _Cookie
    xcb.xcb_set_selection_owner.argtypes = [ctypes.c_void_p, ctypes.c_uint32,
                                            ctypes.c_uint32, ctypes.c_uint32]
    xcb.xcb_send_event.restype = _Cookie
    xcb.xcb_send_event.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32,
                                   ctypes.c_uint32, ctypes.c_char_p]
    xcb.xcb_get_property.restype = _Cookie
    xcb.xcb_get_property.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32,
                                     ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32,
                                     ctypes.c_uint32]
    xcb.xcb_get_property_reply.restype = ctypes.c_void_p
    xcb.xcb_get_property_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.c_void_p]
    xcb.xcb_get_property_value.restype = ctypes.c_void_p
    xcb.xcb_get_property_value.argtypes = [ctypes.c_void_p]
    xcb.xcb_get_property_value_length.restype = ctypes.c_int
    xcb.xcb_get_property_value_length.argtypes = [ctypes.c_void_p]
    xcb.xcb_wait_for_event.restype = ctypes.c_void_p
    xcb.xcb_wait_for_event.argtypes = [ctypes.c_void_p]
    return xcb


def main() -> int:
    xcb, libc = _xcb(), ctypes.CDLL(None)
    libc.free.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(None, None)
    root = ctypes.c_uint32.from_address(xcb.xcb_setup_roots_iterator(
        xcb.xcb_get_setup(conn)).data).value

    def atom(name: bytes) -> int:
        reply = xcb.xcb_intern_atom_reply(conn, xcb.xcb_intern_atom(conn, 0, len(name), name),
                                          None)
        value = int(reply.contents.atom)
        libc.free(reply)
        return value

    manager, save, clipboard, utf8, saved = (atom(n) for n in (
        b"CLIPBOARD_MANAGER", b"SAVE_TARGETS", b"CLIPBOARD", b"UTF8_STRING", b"MLCOACH_SAVED"))
    window = xcb.xcb_generate_id(conn)
    xcb.xcb_create_window(conn, 0, window, root, 0, 0, 1, 1, 0, INPUT_ONLY, 0, 0, None)
    xcb.xcb_set_selection_owner(conn, window, manager, 0)
    xcb.xcb_flush(conn)
    print("ready", flush=True)
    asked: tuple[int, int, int] | None = None  # the requestor, its property, the time
    while True:
        event = xcb.xcb_wait_for_event(conn)
        if not event:
            return 1  # the X server went away
        raw = ctypes.string_at(event, 32)
        libc.free(event)
        kind = raw[0] & 0x7F
        if kind == SELECTION_REQUEST:
            when, _owner, requestor, _sel, target, prop = struct.unpack_from("=6I", raw, 4)
            if target == save:
                asked = (requestor, prop, when)
                xcb.xcb_convert_selection(conn, window, clipboard, utf8, saved, 0)
                xcb.xcb_flush(conn)
        elif kind == SELECTION_NOTIFY and asked is not None:
            _when, _req, _sel, _target, prop = struct.unpack_from("=5I", raw, 4)
            text = ""
            if prop:
                reply = xcb.xcb_get_property_reply(conn, xcb.xcb_get_property(
                    conn, 1, window, saved, 0, 0, 65536), None)
                size = xcb.xcb_get_property_value_length(reply)
                text = ctypes.string_at(xcb.xcb_get_property_value(reply), size).decode()
                libc.free(reply)
            print(f"saved: {text}", flush=True)
            requestor, req_prop, when = asked
            notify = struct.pack("=BxH5I", SELECTION_NOTIFY, 0, when, requestor, manager,
                                 save, req_prop).ljust(32, b"\0")
            xcb.xcb_send_event(conn, 0, requestor, 0, notify)
            xcb.xcb_flush(conn)
            asked = None


if __name__ == "__main__":
    sys.exit(main())
