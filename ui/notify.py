"""OS notifications through plyer, sent off the GUI thread (notify-send may block)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mlcoach.system.paths import APP_ID, APP_NAME
from mlcoach.ui import ops
from mlcoach.ui.icons import icons_dir

logger = logging.getLogger(__name__)

TIMEOUT_S = 20
ICON_SIZE = 128  # sharp on HiDPI; servers scale it down


def notification_icon(platform: str | None = None) -> str:
    """The icon file plyer hands to the OS, or "" when this platform has none to use."""
    name = sys.platform if platform is None else platform
    if name == "win32":
        # plyer's balloon tip loads an .ico only; none ships yet (see packaging/README.md).
        icon = icons_dir() / f"{APP_ID}.ico"
    elif name == "darwin":
        return ""  # macOS always shows the bundle's own icon
    else:
        icon = icons_dir() / "hicolor" / f"{ICON_SIZE}x{ICON_SIZE}" / "apps" / f"{APP_ID}.png"
    return str(icon) if Path(icon).is_file() else ""


def notification_args(title: str, message: str, platform: str | None = None) -> dict[str, Any]:
    """Keyword arguments for plyer's notify, covering each of its Linux routes.

    plyer's D-Bus route reads ``app_name``/``app_icon``/``timeout``/``hints``; its
    notify-send route reads ``app_name``/``icon``/``expire_time``/``hint``. The
    desktop-entry hint lets GNOME and KDE tie the notification to the installed app.
    """
    icon = notification_icon(platform)
    return {
        "title": title,
        "message": message,
        "app_name": APP_NAME,
        "app_icon": icon,
        "icon": icon,
        "timeout": TIMEOUT_S,
        "expire_time": str(TIMEOUT_S * 1000),
        "hints": {"desktop-entry": APP_ID},
        "hint": f"string:desktop-entry:{APP_ID}",
    }


def send_notification(title: str, message: str) -> None:
    """Show a notification with the app's name and icon; failures are only logged."""
    kwargs = notification_args(title, message)

    def work() -> None:
        from plyer import notification

        # Not notify(): the facade forwards a fixed set of keys and drops `icon`, `hint`
        # and `expire_time`, which plyer's own notify-send route reads (without them the
        # notification has no icon and never expires). Every platform's _notify takes
        # **kwargs and ignores the keys it does not use.
        notification._notify(**kwargs)

    ops.run(work, lambda _r: None,
            lambda exc: logger.warning("notification not shown: %s", exc))
