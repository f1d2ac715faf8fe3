"""Run on a real X display: a line being typed in, then the reflection shown one way
(argv[2]: "offer" or "present"); prints which window then has the keyboard."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtWidgets import QApplication, QLineEdit

from mlcoach.security.keys import OSKeyring
from mlcoach.store.vault import Layout, open_store


def settle(app: QApplication, until: object = None, seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (callable(until) and until()):
        app.processEvents()
        time.sleep(0.02)


def main() -> None:
    app = QApplication([])
    from mlcoach.ui.reflection_dialog import ReflectionDialog

    opened = open_store(Layout(Path(sys.argv[1])), keys=OSKeyring())
    line = QLineEdit()
    line.show()
    line.activateWindow()
    settle(app, lambda: QApplication.focusWidget() is line)
    if QApplication.focusWidget() is not line:
        print("setup: the line never had the keyboard")
        return
    from datetime import datetime, timezone

    dialog = ReflectionDialog(opened.store, clock=lambda: datetime.now(timezone.utc),
                              tz=timezone.utc)
    dialog.load_day(then=getattr(dialog, sys.argv[2]))  # once the day is read
    # The day is read on the store's worker: slow on a busy machine, so wait for the
    # window itself before judging where the keyboard went.
    settle(app, dialog.isVisible, seconds=60.0)
    if not dialog.isVisible():
        print("setup: the reflection never showed")
        return
    settle(app, lambda: QApplication.focusWidget() is not line, seconds=2.0)  # a change, if any
    print("line" if QApplication.focusWidget() is line else "reflection", flush=True)
    opened.store.close()


if __name__ == "__main__":
    main()
