"""Is the person busy? Fullscreen (presenting) windows and Do Not Disturb, where visible."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication

logger = logging.getLogger(__name__)


def fullscreen_window_active() -> bool:
    """True when the active window covers its whole screen (a presentation or a video call)."""
    if QGuiApplication.platformName() != "xcb":
        return False
    try:
        return _x11_fullscreen()
    except Exception as exc:  # never let a desktop quirk stop prompts for good
        logger.debug("fullscreen check failed: %s", exc)
        return False


def _x11_fullscreen() -> bool:
    import subprocess

    active = subprocess.run(["xprop", "-root", "_NET_ACTIVE_WINDOW"], capture_output=True,
                            text=True, timeout=1)
    wid = active.stdout.rsplit(" ", 1)[-1].strip()
    if not wid.startswith("0x") or wid == "0x0":
        return False
    state = subprocess.run(["xprop", "-id", wid, "_NET_WM_STATE"], capture_output=True,
                           text=True, timeout=1)
    return "_NET_WM_STATE_FULLSCREEN" in state.stdout


def do_not_disturb() -> bool:
    """True when the freedesktop notification server is paused (dunst, GNOME, KDE)."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    for service, path, iface, prop in (
        ("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
         "org.dunstproject.cmd0", "paused"),
        ("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
         "org.freedesktop.Notifications", "Inhibited"),
    ):
        props = QDBusInterface(service, path, "org.freedesktop.DBus.Properties", bus)
        if not props.isValid():
            continue
        reply = props.call("Get", iface, prop)
        args = reply.arguments()
        if args and bool(args[0]):
            return True
    return False


def desktop_busy() -> bool:
    """Hold prompts while presenting or in Do Not Disturb."""
    return fullscreen_window_active() or do_not_disturb()
