"""OS notifications through plyer, sent off the GUI thread (notify-send may block)."""

from __future__ import annotations

import logging

from mlcoach.paths import APP_ID
from mlcoach.ui import ops
from mlcoach.ui.icons import icons_dir

logger = logging.getLogger(__name__)


def send_notification(title: str, message: str) -> None:
    """Show a notification with the app's name and icon; failures are only logged."""
    icon = icons_dir() / "hicolor" / "64x64" / "apps" / f"{APP_ID}.png"

    def work() -> None:
        from plyer import notification

        notification.notify(title=title, message=message, app_name="mlcoach",
                            app_icon=str(icon) if icon.exists() else "", timeout=20)

    ops.run(work, lambda _r: None,
            lambda exc: logger.warning("notification not shown: %s", exc))
