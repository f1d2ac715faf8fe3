"""What the desktop session around us offers: a display, its kind, and busy routes.

Pure functions of the environment (no Qt, no D-Bus): the Qt layer supplies the routes
that actually ask the desktop, and this module combines them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

logger = logging.getLogger(__name__)

#: Qt platform plugins that need a real display server.
_DISPLAY_PLUGINS = {"xcb": "DISPLAY", "wayland": "WAYLAND_DISPLAY",
                    "wayland-egl": "WAYLAND_DISPLAY"}


def display_problem(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """One sentence on why the desktop app cannot open a window here, or None when it can.

    Qt aborts the whole process (exit 134) when its platform plugin finds no display;
    this looks first, from the same environment Qt reads.
    """
    if platform in ("win32", "darwin"):
        return None
    wanted = [p.split(":", 1)[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [p for p in wanted if p]
    if any(p not in _DISPLAY_PLUGINS for p in wanted):
        return None  # offscreen, vnc, eglfs...: chosen on purpose, needs no display server
    needs = {_DISPLAY_PLUGINS[p] for p in wanted} or {"DISPLAY", "WAYLAND_DISPLAY"}
    if any(env.get(var) for var in needs):
        return None
    return ("no display: the desktop app needs a graphical session ("
            + " and ".join(sorted(needs)) + " not set); commands such as "
            "`mlcoach capture TEXT` work without one")


def session_kind(env: Mapping[str, str], qt_platform: str = "") -> str:
    """"wayland", "x11" or "" (unknown), from Qt's platform name or the environment."""
    if qt_platform.startswith("wayland"):
        return "wayland"
    if qt_platform == "xcb":
        return "x11"
    if qt_platform:
        return ""
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "x11" if env.get("DISPLAY") else ""


def desktop_name(env: Mapping[str, str]) -> str:
    """"gnome", "kde", "sway" or another lower-case name from XDG_CURRENT_DESKTOP ("" if unset)."""
    names = [n.strip().lower() for n in env.get("XDG_CURRENT_DESKTOP", "").split(":") if n]
    for known in ("gnome", "kde", "sway"):
        if known in names:
            return known
    if env.get("SWAYSOCK"):
        return "sway"
    return names[0] if names else ""


def activation_token(env: Mapping[str, str]) -> str:
    """The token a launcher gave us to bring our window to the front (Wayland or X11)."""
    return env.get("XDG_ACTIVATION_TOKEN") or env.get("DESKTOP_STARTUP_ID") or ""


#: A route answers True (busy), False (not busy) or None (this desktop cannot tell).
BusyRoute = Callable[[], bool | None]


@dataclass(frozen=True, slots=True)
class BusyAnswer:
    """Whether to hold prompts, and which route said so."""

    busy: bool
    reason: str = ""


def ask_busy(routes: Iterable[tuple[str, BusyRoute]]) -> BusyAnswer:
    """The first route that says busy wins; a route that fails counts as not busy.

    A desktop quirk must never stop prompts for good, so errors are logged, not raised.
    """
    for name, route in routes:
        try:
            answer = route()
        except Exception as exc:
            logger.debug("busy route %s failed: %s", name, exc)
            continue
        if answer:
            return BusyAnswer(True, name)
    return BusyAnswer(False)


#: Where each desktop binds a command to a key (for `mlcoach doctor` and the README).
SHORTCUT_HINTS = {
    "gnome": "Settings > Keyboard > View and Customise Shortcuts > Custom Shortcuts: "
             "add `mlcoach capture`",
    "kde": "System Settings > Shortcuts > Add Command: `mlcoach capture` "
           "(or the Global Shortcuts portal)",
    "sway": "add `bindsym $mod+Shift+m exec mlcoach capture` to ~/.config/sway/config",
}


def shortcut_hint(desktop: str) -> str:
    """How to bind quick capture to a key on this desktop."""
    return SHORTCUT_HINTS.get(desktop, "bind `mlcoach capture` to a key in your desktop's "
                                       "keyboard settings")
