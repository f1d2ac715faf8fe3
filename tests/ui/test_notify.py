"""ui/notify.py: what plyer is handed, for each of its Linux routes."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mlcoach.system.paths import APP_ID
from mlcoach.ui import notify

pytestmark = pytest.mark.gui


def test_linux_args_name_the_app_and_carry_its_icon_for_dbus_and_notify_send() -> None:
    args = notify.notification_args("Recognition", "Thank someone", platform="linux")
    assert args["title"] == "Recognition" and args["message"] == "Thank someone"
    assert args["app_name"] == "mlcoach"
    icon = Path(args["app_icon"])
    assert icon.is_file() and icon.name == f"{APP_ID}.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert args["icon"] == args["app_icon"]  # the notify-send route reads `icon`
    assert args["hints"] == {"desktop-entry": APP_ID}
    assert args["hint"] == f"string:desktop-entry:{APP_ID}"
    # notify-send's default (0) would keep the notification on screen for ever.
    assert int(args["expire_time"]) == args["timeout"] * 1000 > 0


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_no_png_icon_where_plyer_cannot_use_one(platform: str) -> None:
    args = notify.notification_args("t", "m", platform=platform)
    assert args["app_icon"] == "" or args["app_icon"].endswith(".ico")
    assert args["app_name"] == "mlcoach"


def test_send_notification_passes_every_key_to_the_platform_route(
        monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[dict[str, Any]] = []

    class Route:
        def _notify(self, **kwargs: Any) -> None:
            sent.append(kwargs)

    fake = types.ModuleType("plyer")
    fake.notification = Route()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "plyer", fake)

    def run_now(fn: Callable[[], Any], done: Callable[[Any], None],
                failed: Callable[[BaseException], None]) -> None:
        done(fn())

    monkeypatch.setattr(notify.ops, "run", run_now)
    notify.send_notification("Energy", "Take a short walk")
    assert sent == [notify.notification_args("Energy", "Take a short walk")]
    assert sent[0]["icon"] and sent[0]["expire_time"] != "0"
