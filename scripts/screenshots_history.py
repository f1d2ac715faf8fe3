"""Take the README's History & insights screenshots from a generated store.

Fills a fresh encrypted store with two years of realistic history
(`benchmarks.generate_store`), opens the History window on a fixed Monday (so the
weekly review shows) and saves the Timeline and Insights tabs, and Settings'
privacy page (Export… and Import…), in the light and a dark palette:

    .venv/bin/python scripts/screenshots_history.py [OUTPUT_DIR]

Runs on Qt's offscreen platform: no display is needed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 9, 40, tzinfo=TZ)  # a Monday morning: the weekly review is due
SEARCH = "demo"  # in many kinds of generated entries: shows the highlights


def demo_store(data: Path):  # type: ignore[no-untyped-def]
    """An encrypted store with two years of generated history."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate_store import generate
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import Layout, init_store

    opened = init_store(Layout(data), "keyring", keys=OSKeyring())
    opened.store.set_state("welcome_done", True)
    generate(opened.store, years=2, now=NOW, tz=TZ)
    return opened


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="mlcoach-shots-"))
    # A desk monitor: offscreen's own 800×600 screen bounds the 1120 px window to it
    # once the window has laid itself out (grabbed before, it was still 1120 px).
    screens = tmp / "screens.json"
    screens.write_text(json.dumps({"screens": [{
        "name": "desk", "x": 0, "y": 0, "width": 1920, "height": 1080,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ.update(HOME=str(tmp), XDG_DATA_HOME=str(tmp / "share"),
                      XDG_RUNTIME_DIR=str(tmp / "run"),
                      QT_QPA_PLATFORM=f"offscreen:configfile={screens}",
                      PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    (tmp / "run").mkdir(mode=0o700)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from PySide6.QtWidgets import QApplication, QScrollArea
    from screenshots import dark_palette

    from mlcoach.security.keys import OSKeyring
    from mlcoach.ui import ops
    from mlcoach.ui.history.window import HistoryWindow
    from mlcoach.ui.settings_dialog import SettingsDialog

    app = QApplication(["mlcoach"])
    app.setStyle("Fusion")
    opened = demo_store(tmp / ".local" / "share" / "mlcoach")
    light = app.palette()

    def settle(window: HistoryWindow | None, seconds: float = 0.4) -> None:
        """Let the worker finish and the window paint."""
        end = time.monotonic() + 30
        while time.monotonic() < end:
            app.processEvents()
            if ops.pool().activeThreadCount() == 0 and not ops._live and (
                    window is None or not (window.timeline.model.loading()
                                           or window.insights.loading())):
                break
            time.sleep(0.02)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    try:
        for variant in ("light", "dark"):
            app.setPalette(dark_palette() if variant == "dark" else light)
            opened.store.set_state("weekly_review_shown", "")  # due again
            window = HistoryWindow(opened.store, clock=lambda: NOW, tz=TZ)
            window.resize(1120, 700)
            window.present()
            settle(window)
            window.timeline.filter_bar.search.setText(SEARCH)
            window.timeline.filter_bar.order.setCurrentIndex(1)  # newest first
            window.timeline.apply_filters()
            settle(window)
            window.timeline.view.selectRow(1)
            settle(window, 0.2)
            save(window, out / f"history-{variant}.png")
            window.show_insights()
            settle(window)
            # Tall enough for every chart at once: the scrolled content plus the chrome.
            scroll = window.insights.findChild(QScrollArea)
            extra = window.height() - scroll.viewport().height()
            window.resize(1120, scroll.widget().sizeHint().height() + extra + 4)
            settle(window)
            save(window, out / f"insights-{variant}.png")
            window.resize(1120, 700)
            import_preview(window, tmp, partial(settle, window),
                           out / f"import-preview-{variant}.png")
            window.close()
            window.deleteLater()
            settings = SettingsDialog(opened.store, opened, keys=OSKeyring())
            settings.present()
            settings.tabs.setCurrentWidget(settings.privacy)
            # As the app opens it (its first show fits the tallest page): adjustSize()
            # would shrink it to its size hint, narrower than it opens and scrolled.
            settle(window=None)
            save(settings, out / f"settings-privacy-{variant}.png")
            settings.done(0)
            settings.deleteLater()
    finally:
        ops.pool().waitForDone(10_000)
        opened.store.close()
    return 0


def import_preview(window, tmp: Path, settle, path: Path) -> None:  # type: ignore[no-untyped-def]
    """File ▸ Import of a jrnl journal: the preview of what it would add."""
    import json

    journal = tmp / "work-journal.json"
    entries = [{"date": f"2026-10-{day:02d}", "time": "18:10", "title": title, "body": body,
                "tags": tags, "starred": day == 14}
               for day, title, body, tags in (
                   (6, "Asked Bo for a second pair of eyes.", "", ["@bo"]),
                   (14, "Kept the retro to 30 minutes.", "Said so at the start.", ["@team"]),
                   (21, "Thanked Deniz for the on-call notes.", "", []))]
    journal.write_text(json.dumps({"tags": {"@bo": 1, "@team": 1}, "entries": entries}))
    window.transfer.import_file(journal, "jrnl")
    settle()
    dialog = window.transfer.preview_dialog()
    assert dialog is not None, "no import preview"
    dialog.adjustSize()
    settle()
    save(dialog, path)
    dialog.reject()
    settle()


def save(window, path: Path) -> None:  # type: ignore[no-untyped-def]
    from screenshots import laid_out

    laid_out(window)
    window.grab().save(str(path))
    print("saved", path)


if __name__ == "__main__":
    sys.exit(main())
