"""Grab the main windows at 200 % scaling (QT_SCALE_FACTOR=2) to check sharpness and fit.

    .venv/bin/python scripts/screenshots_scaled.py [OUTPUT_DIR]

Runs offscreen with an in-memory keyring and a demo store; writes *-200.png files.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_SCALE_FACTOR"] = "2"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    import keyring

    from tests.memkeyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtWidgets import QApplication

    from mlcoach.coaching.meeting_prep import Prep, PrepPerson
    from mlcoach.domain.model import ChangeKind, Size, Style
    from mlcoach.ui.capture_window import CaptureWindow
    from mlcoach.ui.draft import DraftFile
    from mlcoach.ui.prep_card import PrepCard
    from mlcoach.ui.prompt_card import PromptCard
    from scripts.screenshots import TZ, demo_store, laid_out

    app = QApplication(["mlcoach"])
    app.setStyle("Fusion")
    tmp = Path(tempfile.mkdtemp(prefix="mlcoach-scaled-"))
    opened = demo_store(tmp / "data")
    store = opened.store
    card = PromptCard()
    card.show_prompt("Recognizing small wins",
                     "Pick one small fix from yesterday and say what it made easier.",
                     "Reply in that thread: \"This saved me a detour, thanks.\"",
                     "It has been 16 days since you last recognized or supported Ana.")
    capture = CaptureWindow(store, DraftFile(tmp / "draft.txt"))
    capture.present()  # as the app opens it: arranged for its screen first
    now = datetime(2026, 11, 23, 13, 50, tzinfo=TZ).astimezone(timezone.utc)
    ana = next(p for p in store.people() if p.name == "Ana")
    suggestion, _ = store.add_suggestion(
        style=Style.REASSURANCE, change="move the release checklist into the wiki",
        action=ChangeKind.DIFFERENTLY, size=Size.MEDIUM, text="…", person="Ana")
    prep = Prep("k", "Release review", now + timedelta(minutes=10), now,
                (PrepPerson(ana, suggestion, "How would it work for you to keep the "
                            "release checklist in the wiki, so nothing gets lost in email?"),))
    prep_card = PrepCard()
    prep_card.show_prep(prep, now, TZ)
    for name, widget in (("prompt-card", card), ("capture", capture), ("prep-card", prep_card)):
        laid_out(widget)
        pixmap = widget.grab()
        path = out / f"{name}-200.png"
        pixmap.save(str(path))
        print(f"{path} {pixmap.width()}x{pixmap.height()} dpr={pixmap.devicePixelRatio()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
