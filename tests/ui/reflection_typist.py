"""A child process for test_reflection_kill: the real reflection dialog on a real SQLCipher
store, typing one character at a time until it is killed.

argv: data folder, the store's raw key in hex, the text to type, how many characters to
type before saying so. It prints "kept" once those characters are in the store's draft.
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mlcoach.security.keys import Secret
from mlcoach.store.core import Store
from mlcoach.store.db import make_engine
from mlcoach.store.vault import Layout
from mlcoach.ui.reflection_dialog import ReflectionDialog
from mlcoach.ui.reflection_draft import KEY, from_json

NOW = datetime(2025, 6, 12, 17, 20, tzinfo=ZoneInfo("Europe/Berlin"))  # as tests/ui


def main() -> None:
    folder, key_hex, text, first = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = QApplication([])
    db = Layout(Path(folder)).db
    secret = Secret("keyring", raw_key=bytes.fromhex(key_hex))
    store = Store(make_engine(db, secret), db, secret)
    dialog = ReflectionDialog(store, clock=lambda: NOW, tz=NOW.tzinfo)  # type: ignore[arg-type]
    typed = 0

    def type_one() -> None:
        nonlocal typed
        if typed < len(text):
            dialog.went_well.insertPlainText(text[typed])
            typed += 1
        if typed == first:
            timer.stop()
            check.start()

    def kept() -> None:  # the first part is in the store: say so, then type on
        draft = from_json(store.get_state(KEY))
        if draft is not None and draft.answers[1] == text[:first]:
            check.stop()
            print("kept", flush=True)
            timer.start()

    timer = QTimer(interval=20)
    timer.timeout.connect(type_one)
    check = QTimer(interval=50)
    check.timeout.connect(kept)

    def loaded() -> None:  # the day read on the store's worker: up, then typed into
        dialog.present()
        timer.start()

    dialog.load_day(then=loaded)
    app.exec()


if __name__ == "__main__":
    main()
