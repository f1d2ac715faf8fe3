"""macOS: no Dock icon for a pip or pipx install (a menu-bar app, like LSUIElement).

A frozen mlcoach.app carries ``LSUIElement`` in its Info.plist (packaging/mlcoach.spec).
A pip install runs inside Python's own app bundle, which has no such key, so the Dock
shows a Python rocket for as long as the tray app runs. The same switch at run time is
``[NSApp setActivationPolicy:NSApplicationActivationPolicyAccessory]``; it is reached
here through the Objective-C runtime with ctypes, so no pyobjc is needed. Called once
the QApplication exists (Qt has created NSApp) and before any window shows.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

ACCESSORY = 1  # NSApplicationActivationPolicyAccessory: no Dock icon, no menu bar


def _load_objc() -> Any:
    import ctypes.util

    path = ctypes.util.find_library("objc")
    return ctypes.cdll.LoadLibrary(path) if path else None


def hide_dock_icon(platform: str | None = None,
                   load: Callable[[], Any] = _load_objc) -> bool:
    """Make this process a menu-bar (accessory) app on macOS. True when the policy took."""
    if (sys.platform if platform is None else platform) != "darwin":
        return False  # before importing ctypes: the other platforms' start pays nothing
    import ctypes

    try:
        objc = load()
        if objc is None:
            return False
        objc.objc_getClass.restype = ctypes.c_void_p
        objc.objc_getClass.argtypes = [ctypes.c_char_p]
        objc.sel_registerName.restype = ctypes.c_void_p
        objc.sel_registerName.argtypes = [ctypes.c_char_p]
        send = objc.objc_msgSend
        # Each call gets its exact prototype: objc_msgSend must not be called variadically.
        send.restype, send.argtypes = ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_void_p]
        app = send(objc.objc_getClass(b"NSApplication"),
                   objc.sel_registerName(b"sharedApplication"))
        if not app:
            return False
        send.restype = ctypes.c_bool
        send.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_long]
        return bool(send(app, objc.sel_registerName(b"setActivationPolicy:"), ACCESSORY))
    except (OSError, AttributeError) as exc:  # no runtime, or a symbol missing
        logger.warning("could not hide the Dock icon: %s", exc)
        return False
