"""What the desktop session around us offers: a display, its kind, and busy routes.

Pure functions of the environment (no Qt, no D-Bus): the Qt layer supplies the routes
that actually ask the desktop, and this module combines them.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import subprocess

    from mlcoach.system.stop import Stop

logger = logging.getLogger(__name__)

#: Qt platform plugins that need a real display server.
_DISPLAY_PLUGINS = {"xcb": "DISPLAY", "wayland": "WAYLAND_DISPLAY",
                    "wayland-egl": "WAYLAND_DISPLAY"}


def display_problem(env: Mapping[str, str], platform: str = sys.platform,
                    reachable: Callable[[str, str, Mapping[str, str]], bool] | None = None,
                    ) -> str | None:
    """One sentence on why the desktop app cannot open a window here, or None when it can.

    Qt aborts the whole process (exit 134) when its platform plugin finds no display;
    this looks first, from the same environment Qt reads, and (`reachable`, by default
    `display_answers`) whether the display it names is there: a DISPLAY or
    WAYLAND_DISPLAY left from a session that ended (ssh, a login entry started early).
    """
    if platform in ("win32", "darwin"):
        return None
    wanted = [p.split(":", 1)[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [p for p in wanted if p]
    if any(p not in _DISPLAY_PLUGINS for p in wanted):
        return None  # offscreen, vnc, eglfs...: chosen on purpose, needs no display server
    needs = {_DISPLAY_PLUGINS[p] for p in wanted} or {"DISPLAY", "WAYLAND_DISPLAY"}
    named = sorted(var for var in needs if env.get(var))
    if not named:
        return ("no display: the desktop app needs a graphical session ("
                + " and ".join(sorted(needs)) + " not set); commands such as "
                "`mlcoach capture TEXT` work without one")
    answers = reachable or display_answers
    if any(answers(var, env[var], env) for var in named):
        return None
    return ("no display: nothing answers at " + " or ".join(f"{var}={env[var]}" for var in named)
            + " (a session that has ended?); commands such as `mlcoach capture TEXT` work "
            "without one")


def _is_address(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


#: How long a display may take to accept a connection (a TCP one, forwarded by ssh).
DISPLAY_DEADLINE_S = 1.0


#: A display younger than this may still be bringing up its panel (a login start).
YOUNG_DISPLAY_S = 120.0


def _wayland_socket(value: str, env: Mapping[str, str]) -> str:
    """The path of the Wayland socket WAYLAND_DISPLAY=`value` names."""
    import os

    return value if os.path.isabs(value) else os.path.join(env.get("XDG_RUNTIME_DIR", ""), value)


def _x_display(value: str) -> tuple[str, str] | None:
    """(host, display number) of DISPLAY=`value` ("host:N.S", "tcp/host:N"); None for a
    form this does not know (launchd's path on macOS …)."""
    host, _, rest = value.rpartition(":")
    if host.startswith(("tcp/", "unix/", "inet/", "inet6/")):
        host = host.rpartition("/")[2]
    number = rest.split(".", 1)[0]
    if not number.isdigit() or host.startswith("/"):
        return None
    return host, number


def _x_socket(number: str) -> str:
    return f"/tmp/.X11-unix/X{number}"


def display_age(env: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds since the display's socket was made (the session's start, near enough);
    None when it cannot be told (a remote or abstract X display, another platform)."""
    import os

    wayland = env.get("WAYLAND_DISPLAY", "")
    if wayland:
        path = _wayland_socket(wayland, env)
    else:
        display = _x_display(env.get("DISPLAY", ""))
        if display is None or display[0] not in ("", "unix"):
            return None
        path = _x_socket(display[1])
    try:
        made = os.stat(path).st_mtime
    except OSError:
        return None
    return max(0.0, (time.time() if now is None else now) - made)


def started_with_the_session(env: Mapping[str, str], now: float | None = None) -> bool:
    """Whether the session around us began moments ago (a start at login, when a panel
    and its tray may come a few seconds after us), or cannot be told."""
    age = display_age(env, now)
    return age is None or age < YOUNG_DISPLAY_S


def display_answers(var: str, value: str, env: Mapping[str, str]) -> bool:
    """Whether the display `var`=`value` accepts a connection; nothing is read or sent.
    A form this does not know is left to Qt (True)."""
    import os
    import socket
    import stat

    if var == "WAYLAND_DISPLAY":
        try:
            return stat.S_ISSOCK(os.stat(_wayland_socket(value, env)).st_mode)
        except OSError:
            return False
    display = _x_display(value)
    if display is None:
        return True
    host, number = display
    if host not in ("", "unix", "localhost") and not _is_address(host):
        return True  # a name to look up: no deadline holds over the resolver, Qt decides
    if host in ("", "unix"):
        if os.path.exists(_x_socket(number)):
            return True
        family, address = socket.AF_UNIX, "\0" + _x_socket(number)  # Linux's abstract one
    else:
        host = "127.0.0.1" if host == "localhost" else host.strip("[]")
        family, address = socket.AF_INET6 if ":" in host else socket.AF_INET, None
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(DISPLAY_DEADLINE_S)
            sock.connect(address if address is not None else (host, 6000 + int(number)))
        return True
    except (OSError, ValueError):
        return False


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


class BusyAnswer(NamedTuple):
    """Whether to hold prompts, and which route said so."""

    busy: bool
    reason: str = ""


def ask_busy_together(routes: Iterable[tuple[str, BusyRoute]], deadline: float,
                      stop: Stop | None = None,
                      later: Iterable[tuple[str, BusyRoute]] = (),
                      later_at: float | None = None) -> BusyAnswer:
    """Every route asked at once, each on a thread of its own, all by `deadline`
    (time.monotonic()): a hung one (logind) leaves the others their say. The first busy
    answer ends the look; a route that fails, or has not answered by the deadline,
    counts as not busy (a desktop quirk must never stop prompts for good: errors are
    logged, not raised).

    `later` routes (helpers to start: a process each) are asked only when `routes` have
    all said not busy, or at `later_at` (monotonic) while one still has not answered;
    never after a busy answer. `stop` is set when the look ends: the routes still
    running (a hung service, a helper) end then rather than at their own deadline."""
    import threading

    named = list(routes)
    waiting = list(later)
    answers: dict[int, bool] = {}
    changed = threading.Condition()

    def ask(index: int, name: str, route: BusyRoute) -> None:
        try:
            answer = bool(route())
        except Exception as exc:
            logger.debug("busy route %s failed: %s", name, exc)
            answer = False
        with changed:
            answers[index] = answer
            changed.notify_all()

    def start(first: int, these: list[tuple[str, BusyRoute]]) -> None:
        for index, (name, route) in enumerate(these, first):
            threading.Thread(target=ask, args=(index, name, route), daemon=True,
                             name=f"mlcoach-busy-{index}").start()

    start(0, named)
    try:
        with changed:
            while True:
                busy = sorted(i for i, answer in answers.items() if answer)
                if busy:
                    return BusyAnswer(True, named[busy[0]][0])
                now = time.monotonic()
                if waiting and (len(answers) == len(named) or (
                        later_at is not None and now >= later_at)):
                    start(len(named), waiting)
                    named += waiting
                    waiting = []
                    continue
                left = deadline - now
                if len(answers) == len(named) or left <= 0:
                    if len(answers) < len(named):
                        logger.debug("busy look: %d route(s) did not answer in time",
                                     len(named) - len(answers))
                    return BusyAnswer(False)
                if waiting and later_at is not None:
                    left = min(left, later_at - now)
                changed.wait(left)
    finally:
        if stop is not None:
            stop.set()


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


# -- busy routes that need no D-Bus (the notification server's state comes from ui/) ---

Runner = Callable[..., "subprocess.CompletedProcess[str]"]  # run_bounded's signature
ROUTE_DEADLINE_S = 1.0
_MAX_OUTPUT = 4096  # what we read from a helper's answer


def _ask(run: Runner | None, args: list[str], deadline: float) -> str | None:
    """A helper's answer within what is left of `deadline` (monotonic), or None."""
    import subprocess  # here: the app imports this module before its tray icon

    from mlcoach.system.helper_run import run_bounded

    run = run or run_bounded
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    try:
        done = run(args, timeout=left, limit=_MAX_OUTPUT)
    except (OSError, subprocess.SubprocessError) as exc:
        logger.debug("%s failed: %s", args[0], exc)
        return None
    return done.stdout if done.returncode == 0 else None


def gnome_banners_off(run: Runner | None = None, deadline: float | None = None) -> bool | None:
    """GNOME's Do Not Disturb: `show-banners` false. None when GSettings cannot be read
    (by `deadline`, monotonic: ROUTE_DEADLINE_S from now when None)."""
    out = _ask(run, ["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"],
               time.monotonic() + ROUTE_DEADLINE_S if deadline is None else deadline)
    if out is None or out.strip() not in ("true", "false"):
        return None
    return out.strip() == "false"


def x11_fullscreen(run: Runner | None = None, deadline: float | None = None) -> bool | None:
    """The active X11 window is fullscreen (presenting). None when xprop cannot tell.

    xprop (x11-utils) rather than an X library: two reads a few times a day do not
    earn a binding, and Qt's xcb connection is not reachable from Python.
    """
    if deadline is None:
        deadline = time.monotonic() + ROUTE_DEADLINE_S  # one deadline for both reads
    active = _ask(run, ["xprop", "-root", "_NET_ACTIVE_WINDOW"], deadline)
    if active is None:
        return None
    last = active.rsplit(" ", 1)[-1].strip()  # "window id # 0x1a00004", or a number
    try:
        wid = int(last, 16) if last.startswith("0x") else int(last)
    except ValueError:
        return False  # "not found.": no window manager, nothing active
    if wid == 0:
        return False
    state = _ask(run, ["xprop", "-id", hex(wid), "_NET_WM_STATE"], deadline)
    return None if state is None else "_NET_WM_STATE_FULLSCREEN" in state


def busy_routes(env: Mapping[str, str], qt_platform: str,
                server_paused: BusyRoute | None = None,
                run: Runner | None = None,
                session_away: BusyRoute | None = None,
                deadline: float | None = None) -> list[tuple[str, BusyRoute]]:
    """The routes this desktop offers, cheapest first.

    Args:
        server_paused: the notification server's own Do Not Disturb (dunst's pause,
            the Inhibited property of KDE and recent dunst), asked over D-Bus by ui/.
        session_away: the session locked or idle (logind's hints), asked by ui/.
        deadline: when the helpers' answers are given up on (monotonic), one for all
            of them; None: ROUTE_DEADLINE_S for each.
    """
    routes: list[tuple[str, BusyRoute]] = []
    if session_away is not None:
        routes.append(("session locked or idle", session_away))
    if server_paused is not None:
        routes.append(("notifications paused", server_paused))
    if desktop_name(env) == "gnome":
        routes.append(("GNOME Do Not Disturb", lambda: gnome_banners_off(run, deadline)))
    if session_kind(env, qt_platform) == "x11":
        routes.append(("fullscreen window", lambda: x11_fullscreen(run, deadline)))
    return routes


def busy_sources(env: Mapping[str, str], has: Callable[[str], bool]) -> tuple[str, str]:
    """For `mlcoach doctor`: (status, sentence) on what holds prompts on this desktop."""
    told = ["the notification server's Do Not Disturb"]
    if desktop_name(env) == "gnome":
        told.append("GNOME's Do Not Disturb" if has("gsettings")
                    else "not GNOME's Do Not Disturb (gsettings missing)")
    kind = session_kind(env)
    if kind == "x11":
        told.append("fullscreen windows" if has("xprop")
                    else "not fullscreen windows (xprop missing: install x11-utils)")
    text = "prompts wait during " + ", ".join(told)
    if kind == "wayland":
        return "WARN", (text + "; a fullscreen presentation cannot be seen on Wayland: "
                        "pause prompts from the tray before presenting")
    return ("OK" if all(not t.startswith("not ") for t in told) else "WARN"), text
