"""Take Turkish screenshots of the app on a virtual desktop (Xvfb + trayer), to check the
translation for clipped or overlong text:

    .venv/bin/python scripts/screenshots_tr.py [OUTPUT_DIR]

Runs the real AppController with LANG=tr_TR.UTF-8 on a demo store with Turkish entries
and a fixed clock, and saves the tray menu, a prompt card and the main windows.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import grab, laid_out, pace_offer, start_desktop  # noqa: E402

TZ = ZoneInfo("Europe/Istanbul")


def demo_store(data: Path) -> Any:
    """An encrypted store with a few Turkish days in it."""
    from mlcoach.domain.model import ChangeKind, Kind, Outcome, Settings, Size, Style
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import Layout, open_store

    opened = open_store(Layout(data), keys=OSKeyring())
    s = opened.store
    s.set_state("welcome_done", True)
    s.save_settings(Settings(notification_route="card", calendar_path=""))
    s.add_person("Ayşe", Style.REASSURANCE, "Ekibe yeni katıldı; yazılı önerileri seviyor.")
    s.add_person("Barış", Style.FACTS)
    s.add_person("Deniz", Style.ENTHUSIASM)
    base = datetime(2026, 11, 23, 9, 40, tzinfo=TZ)
    for day in range(1, 60, 2):
        s.add_moment("Toplantıyı zamanında bitirip bunu söyledim", Kind.EXAMPLE,
                     created_at=base - timedelta(days=day))
        if day % 4 == 1:
            s.save_reflection((base - timedelta(days=day)).date(), energy=2 + day % 4,
                              went_well="Gündem işe yaradı",
                              at=base - timedelta(days=day) + timedelta(hours=8))
    m = s.add_moment("Ayşe'ye daha kısa bir sabah toplantısının ona nasıl geleceğini sordum",
                     Kind.QUESTION, person="Ayşe", tags=["toplantı"], created_at=base)
    s.set_moment_outcome(m.id, Outcome.FOLLOWED)
    s.add_moment("Kırık derlemeyi çözdüğü için Barış'a kanalda teşekkür ettim",
                 Kind.RECOGNITION, person="Barış", tags=["ci"],
                 created_at=base + timedelta(hours=1))
    s.add_suggestion(style=Style.REASSURANCE, change="e-posta yerine wiki'yi kullanmak",
                     action=ChangeKind.DIFFERENTLY, size=Size.SMALL, text="Bir kez deneyelim",
                     person="Ayşe", follow_up_on=base.date(), created_at=base)
    return opened


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="mlcoach-shots-tr-"))
    os.environ.update(HOME=str(tmp), XDG_DATA_HOME=str(tmp / "share"),
                      XDG_CONFIG_HOME=str(tmp / "config"), XDG_RUNTIME_DIR=str(tmp / "run"),
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
                      LANG="tr_TR.UTF-8", LANGUAGE="tr", LC_ALL="tr_TR.UTF-8")
    (tmp / "run").mkdir(mode=0o700)
    os.environ.pop("QT_QPA_PLATFORM", None)
    procs = start_desktop()
    try:
        from PySide6.QtCore import QPoint
        from PySide6.QtWidgets import QApplication, QWidget

        from mlcoach.ui.app import AppController
        from mlcoach.ui.app_windows import Window
        from mlcoach.ui.i18n import install_translators
        from mlcoach.ui.instance_server import InstanceServer

        app = QApplication(["mlcoach"])
        app.setStyle("Fusion")
        install_translators(app)
        opened = demo_store(tmp / "data")
        now = datetime(2026, 11, 23, 11, 5, tzinfo=TZ)
        server = InstanceServer(tmp / "data")
        assert server.claim()
        ctl = AppController(app, tmp / "data", server, clock=lambda: now.astimezone(timezone.utc),
                            tz=lambda: TZ, busy=lambda: False)
        ctl.start("show", tray_wait_ms=0, opened=opened)
        ctl.stop()
        ctl.coach._rng = random.Random(4)

        def settle(seconds: float = 0.6) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)

        def save(widget: QWidget, name: str) -> None:
            settle()
            laid_out(widget)
            widget.grab().save(str(out / name))
            print("saved", out / name)

        settle(1.5)
        ctl.card.hide()
        settle(0.3)
        menu = ctl.menu.menu
        menu.popup(QPoint(1280 - menu.sizeHint().width() - 4, 34))
        settle()
        submenu = ctl.menu.pause_menu
        menu.setActiveAction(submenu.menuAction())
        submenu.popup(QPoint(1280 - menu.sizeHint().width() - submenu.sizeHint().width() - 4,
                             34 + menu.actionGeometry(submenu.menuAction()).top()))
        settle()
        w = menu.sizeHint().width() + submenu.sizeHint().width()
        h = max(menu.sizeHint().height(), submenu.sizeHint().height() + 120)
        grab(out / "tray-menu-tr.png", (1280 - w - 40, 0, w + 40, h + 44))
        submenu.hide()
        menu.hide()
        ctl.show_prompt(manual=True)
        settle()
        save(ctl.card, "prompt-card-tr.png")
        ctl.card.hide()
        # The same card with the desktop's font at 20 pt: it grows, nothing is cut.
        from PySide6.QtGui import QFont

        normal = app.font()
        large = QFont(normal)
        large.setPointSizeF(20)
        app.setFont(large)
        from mlcoach.ui.prompt_card import PromptCard

        assert ctl._prompt_view is not None
        card = PromptCard(placeable=True)  # as the app builds it when started at that size
        card.show_prompt(*ctl._prompt_view)
        save(card, "prompt-card-tr-large.png")
        card.hide()
        app.setFont(normal)
        ctl.current_event = None
        pace_offer(ctl, settle, out / "pace-card-tr.png")

        for name, shot in (("capture", "capture-tr.png"), ("reflect", "reflection-tr.png"),
                           ("suggest", "coach-tr.png"), ("history", "history-tr.png")):
            ctl.open_window(Window(name))
            widget = ctl.windows[Window(name)]
            if name == "capture":
                widget.edit.setText("Deniz'in sunumundaki net özeti @Deniz ile paylaştım #demo")
            if name == "suggest":
                widget.change.setText("e-posta yerine wiki'yi kullanmak")
            settle(1.2)
            save(widget, shot)
            if name == "history":
                widget.tabs.setCurrentIndex(1)
                settle(1.5)
                save(widget, "insights-tr.png")
            widget.hide()
        ctl.open_window(Window.SETTINGS)
        settings = ctl.windows[Window.SETTINGS]
        for index, shot in enumerate(("settings-tr.png", "settings-focus-tr.png",
                                      "settings-notifications-tr.png",
                                      "settings-privacy-tr.png")):
            settings.tabs.setCurrentIndex(index)
            save(settings, shot)
        settings.hide()

        from mlcoach.ui.welcome import WelcomeDialog

        opened.store.set_state("welcome_done", False)
        welcome = WelcomeDialog(opened.store, opened)
        welcome.show()
        save(welcome, "welcome-tr.png")
        welcome.next()
        save(welcome, "welcome-hours-tr.png")
        welcome.hide()
        ctl.quit()
    finally:
        for proc in reversed(procs):
            proc.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
