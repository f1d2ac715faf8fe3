"""A child process for test_editor_drafts' kill test: the real person editor on a real
SQLCipher store, typing notes about someone one character at a time until it is killed.

argv: data folder, the store's raw key in hex, the person's name, the text to type, how
many characters to type before saying so. It prints "kept" once those characters are in
the person's draft in the store.
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mlcoach.security.keys import Secret
from mlcoach.store.core import Store
from mlcoach.store.db import make_engine
from mlcoach.store.edit_drafts import person_key
from mlcoach.store.vault import Layout
from mlcoach.ui.people_panel import PersonDialog


def main() -> None:
    folder, key_hex, name, text = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    first = int(sys.argv[5])
    app = QApplication([])
    db = Layout(Path(folder)).db
    secret = Secret("keyring", raw_key=bytes.fromhex(key_hex))
    store = Store(make_engine(db, secret), db, secret)
    person = store.find_person(name)
    assert person is not None
    dialog = PersonDialog(lambda _form: None, person=person, drafts=store)
    dialog.show()
    typed = 0

    def type_one() -> None:
        nonlocal typed
        if typed < len(text):
            dialog.notes.insertPlainText(text[typed])
            typed += 1
        if typed == first:
            timer.stop()
            check.start()

    def kept() -> None:  # the first part is in the store: say so, then type on
        draft = store.get_state(person_key(person.id))
        if isinstance(draft, dict) and draft.get("values", {}).get("notes") == text[:first]:
            check.stop()
            print("kept", flush=True)
            timer.start()

    timer = QTimer(interval=20)
    timer.timeout.connect(type_one)
    check = QTimer(interval=50)
    check.timeout.connect(kept)
    timer.start()
    app.exec()


if __name__ == "__main__":
    main()
