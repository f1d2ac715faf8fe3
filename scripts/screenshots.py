"""Take the README's desktop screenshots on a real (virtual) desktop.

Starts Xvfb (on a free display) with a trayer tray host, runs the real AppController on a demo store
with a fixed clock and saves, in the light and a dark palette: the tray menu, a prompt
card and the "Back to N a day?" card as the screen shows them, then quick capture, the
reflection, the influence coach, Settings' schedule, focus and notifications pages and
the welcome steps:

    .venv/bin/python scripts/screenshots.py [OUTPUT_DIR]
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
TZ = ZoneInfo("Europe/Istanbul")


def start_desktop() -> list[subprocess.Popen[bytes]]:
    """Xvfb on a free display (it picks one: -displayfd) and trayer; returns the processes
    to stop."""
    read_end, write_end = os.pipe()
    procs = [subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1280x800x24", "-nolisten", "tcp", "-noreset"],
                              stderr=subprocess.DEVNULL, pass_fds=(write_end,))]
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        number = pipe.readline(16).strip()  # Xvfb writes the number once it listens
    if not number.isdigit():
        procs[0].kill()
        raise SystemExit("Xvfb did not start (is the xvfb package installed?)")
    os.environ["DISPLAY"] = f":{number.decode()}"
    procs.append(subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request", "--height",
         "32", "--transparent", "false", "--SetDockType", "true", "--tint", "0x2e3440"],
        stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL))
    time.sleep(0.8)
    return procs


def demo_store(data: Path):  # type: ignore[no-untyped-def]
    """An encrypted store with a few realistic days in it."""
    from mlcoach.domain.model import Kind, Outcome, Settings, Style
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import Layout, open_store

    opened = open_store(Layout(data), keys=OSKeyring())
    s = opened.store
    s.set_state("welcome_done", True)
    s.save_settings(Settings(notification_route="card"))
    s.add_person("Ana", Style.REASSURANCE, "New to the team; prefers written proposals.")
    s.add_person("Bo", Style.FACTS)
    s.add_person("Deniz", Style.ENTHUSIASM)
    base = datetime(2026, 11, 23, 9, 40, tzinfo=TZ)
    m = s.add_moment("Asked Ana how a shorter standup would work for her", Kind.QUESTION,
                     person="Ana", tags=["meetings"], created_at=base)
    s.set_moment_outcome(m.id, Outcome.FOLLOWED)
    s.add_moment("Thanked Bo in the channel for untangling the flaky build",
                 Kind.RECOGNITION, person="Bo", tags=["ci"], created_at=base + timedelta(hours=1))
    return opened


def laid_out(widget) -> None:  # type: ignore[no-untyped-def]
    """Let `widget` lay itself out before it is grabbed: posted layout requests and
    zero-time timers run until its size has stayed the same for three rounds (at most
    200 rounds; a count, not a clock). One processEvents() left the window as it was
    before it arranged itself for its screen (quick capture's four kinds a row at 200 %)."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    assert app is not None
    last, steady = None, 0
    for _ in range(200):
        QCoreApplication.sendPostedEvents()
        app.processEvents()
        layout = widget.layout()
        if layout is not None:
            layout.activate()
        size = widget.size()
        steady = steady + 1 if size == last else 0
        last = size
        if steady >= 3:
            return


def grab(path: Path, region: tuple[int, int, int, int] | None = None) -> None:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    pixmap = screen.grabWindow(0)
    if region is not None:
        pixmap = pixmap.copy(*region)
    pixmap.save(str(path))
    print("saved", path)


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2e33", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f2125", QPalette.ColorRole.AlternateBase: "#2b2e33",
        QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#363a40",
        QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.Highlight: "#3d8fd1",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#363a40",
        QPalette.ColorRole.ToolTipText: "#e8e8e8", QPalette.ColorRole.PlaceholderText: "#a0a4aa",
        QPalette.ColorRole.Link: "#7cb8f0",
        # Bevels and separator lines, as a dark desktop theme sets them.
        QPalette.ColorRole.Light: "#4a4e55", QPalette.ColorRole.Midlight: "#40444a",
        QPalette.ColorRole.Mid: "#2f3237", QPalette.ColorRole.Dark: "#1c1e21",
        QPalette.ColorRole.Shadow: "#111214",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    # Greyed-out controls (Apply before a change, Open folder without backups).
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d8187"))
    return p


def pace_offer(ctl, settle, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The "Back to N a day?" card, with the coach's own sentence, where the card was."""
    from mlcoach.coaching.scheduler import NOTICE_TEXTS
    from mlcoach.domain.i18n import translate

    sentence = translate(NOTICE_TEXTS["offer_restore"], ctl.coach.language(), lowered=3, full=4)
    card = ctl.pace_card
    card.show_offer(sentence, 4, ctl._anchor())
    settle()
    geo = card.frameGeometry()
    grab(path, (geo.x() - 20, 0, geo.width() + 40, geo.bottom() + 20))
    card.hide()


def windows(ctl, settle, out: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    """Quick capture, reflection, influence coach and Settings' schedule page."""
    from mlcoach.ui.app_windows import Window

    for window, shot in ((Window.CAPTURE, "capture"), (Window.REFLECT, "reflection"),
                         (Window.SUGGEST, "coach"), (Window.SETTINGS, "settings-schedule")):
        ctl.open_window(window)
        widget = ctl.windows[window]
        if window is Window.CAPTURE:
            widget.edit.setText("Shared Deniz's clear summary of the demo with @Deniz #demo")
        if window is Window.REFLECT:
            # Today's question (it rotates) asks about making the manager's work easier.
            widget.went_well.setPlainText("Sent my manager the release notes before she had "
                                          "to ask for them.")
            widget.intention.setText("Send Deniz the on-call notes before lunch")
        if window is Window.SUGGEST:
            widget.set_person("Ana")
            widget.change.setText("move the release checklist into the wiki instead of email")
        if window is Window.SETTINGS:
            widget.tabs.setCurrentIndex(0)
        settle(1.2)
        laid_out(widget)
        widget.grab().save(str(out / f"{shot}-{variant}.png"))
        print("saved", out / f"{shot}-{variant}.png")
        if window is Window.REFLECT and variant == "light":
            restored(widget, settle, out / "reflection-restored.png")
        if window is Window.SETTINGS:
            for index, page in ((1, "focus"), (2, "notifications")):
                widget.tabs.setCurrentIndex(index)
                settle()
                laid_out(widget)
                widget.grab().save(str(out / f"settings-{page}-{variant}.png"))
                print("saved", out / f"settings-{page}-{variant}.png")
        widget.hide()


def restored(dialog, settle, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The reflection as it opens after a crash: the words typed before it, brought back."""
    from mlcoach.ui.reflection_draft import KEY, ReflectionDraft

    answers = (4, "Sent my manager the release notes before she had to ask for them.",
               "Asked Bo sooner", "Send Deniz the on-c")  # cut off mid-word by the crash
    draft = ReflectionDraft(dialog._day, answers, dialog._clock())
    dialog._store.set_state(KEY, draft.to_json())
    dialog.load_day()
    settle(1.2)
    laid_out(dialog)
    dialog.grab().save(str(path))
    print("saved", path)
    dialog._store.set_state(KEY, None)
    dialog.load_day()


def welcome(opened, settle, out: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    """The first-run steps: welcome, working hours and (a new store's) recovery key."""
    from mlcoach.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog(opened.store, opened)
    dialog.show()
    for shot in ("welcome", "welcome-hours", "welcome-recovery")[:dialog.steps()]:
        settle()
        laid_out(dialog)
        dialog.grab().save(str(out / f"{shot}-{variant}.png"))
        print("saved", out / f"{shot}-{variant}.png")
        if dialog.step < dialog.steps() - 1:
            dialog.next()
    dialog.hide()
    dialog.deleteLater()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="mlcoach-shots-"))
    os.environ.update(HOME=str(tmp), XDG_DATA_HOME=str(tmp / "share"),
                      XDG_RUNTIME_DIR=str(tmp / "run"),
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    (tmp / "run").mkdir(mode=0o700)
    os.environ.pop("QT_QPA_PLATFORM", None)
    procs = start_desktop()
    try:
        from PySide6.QtCore import QPoint
        from PySide6.QtWidgets import QApplication

        from mlcoach.ui.app import AppController
        from mlcoach.ui.instance_server import InstanceServer

        app = QApplication(["mlcoach"])
        app.setStyle("Fusion")
        opened = demo_store(tmp / "data")
        now = datetime(2026, 11, 23, 11, 5, tzinfo=TZ)
        server = InstanceServer(tmp / "data")
        assert server.claim()
        ctl = AppController(app, tmp / "data", server, clock=lambda: now.astimezone(timezone.utc),
                            tz=lambda: TZ, busy=lambda: False)
        ctl.start("show", tray_wait_ms=0, opened=opened)
        ctl.stop()  # the fixed clock would keep the timer firing
        ctl.coach._rng = random.Random(4)  # a stable choice of prompt for the picture

        def settle(seconds: float = 0.6) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)

        settle(1.5)
        light = app.palette()
        for variant in ("light", "dark"):
            app.setPalette(dark_palette() if variant == "dark" else light)
            ctl.card.hide()
            settle(0.3)
            menu = ctl.menu.menu
            menu.popup(QPoint(1280 - menu.sizeHint().width() - 4, 34))
            settle()
            w, h = menu.sizeHint().width(), menu.sizeHint().height()
            grab(out / f"tray-menu-{variant}.png", (1280 - w - 40, 0, w + 40, h + 44))
            menu.hide()
            ctl.show_prompt(manual=True)
            settle()
            geo = ctl.card.frameGeometry()
            grab(out / f"prompt-card-{variant}.png",
                 (geo.x() - 20, 0, geo.width() + 40, geo.bottom() + 20))
            ctl.card.hide()
            ctl.current_event = None
            ctl.refresh_status()  # or the next menu still offers "Answer the prompt"
            pace_offer(ctl, settle, out / f"pace-card-{variant}.png")
            windows(ctl, settle, out, variant)
            welcome(opened, settle, out, variant)
        ctl.quit()
    finally:
        for proc in reversed(procs):
            proc.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
