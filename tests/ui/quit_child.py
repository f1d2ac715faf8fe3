"""The real app (`mlcoach run`) with one stand-in job started once its store is open, for
tests/ui/test_quit_promptly.py. MLCOACH_TEST_JOB says which:

- "question": a keyring read on the asking worker, as Settings' *Show recovery key*;
- "write": a write to the store on the store's worker that waits at the FIFO named by
  MLCOACH_TEST_GATE before it writes (the moment "Kept through the quit");
- "edit": History's moment editor open on the store's first moment, the coach with a
  change typed and its People tab's editor open on the first person, each typed in
  (EDITED_* below), then "mlcoach-ready: typed".

MLCOACH_TEST_COPY, when set, is text the app puts on the clipboard as its store opens
("mlcoach-ready: copied").
MLCOACH_TEST_QUIT_WAIT, when set, is how long its quit waits for the store's work.
MLCOACH_TEST_END=loop ends the event loop at SIGTERM without the app's Quit, as the
desktop's session manager (or a platform's own quit) does.
The app also says "mlcoach-ready: quitting" as its quit begins, "mlcoach-ready: job"
once the job is under way and "mlcoach-ready: settling" as it starts to wait for the
store's work.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def _held_write(store: Any) -> None:
    from mlcoach.ui.desktop_shell import ready_signal

    ready_signal("job")
    with open(os.environ["MLCOACH_TEST_GATE"], encoding="utf-8") as gate:
        gate.read()
    store.add_moment("Kept through the quit")


def _question() -> None:
    from mlcoach.security.keys import OSKeyring

    OSKeyring().get("a-store")


EDITED_MOMENT = " and he took the checklist"
EDITED_CHANGE = "share the agenda a day before"
EDITED_NOTES = "Likes a heads-up before a change"


def _edit(ctl: Any) -> None:
    """Open the editors and type in them, once History has its rows."""
    from PySide6.QtCore import QTimer

    from mlcoach.ui.app_windows import Window
    from mlcoach.ui.desktop_shell import ready_signal

    ctl.open_window(Window.HISTORY)
    timeline = ctl.history_window().timeline

    def when_loaded() -> None:
        if timeline.model.rowCount() == 0:
            QTimer.singleShot(20, when_loaded)
            return
        timeline.edit_row(0)
        editor = timeline.editor()
        editor.text.setPlainText(editor.text.toPlainText() + EDITED_MOMENT)
        ctl.open_window(Window.SUGGEST)
        coach = ctl.composer_dialog()
        coach.change.setText(EDITED_CHANGE)
        when_listed(coach.people)

    def when_listed(people: Any) -> None:  # the people list is read on the worker
        if people.tree.topLevelItemCount() == 0:
            QTimer.singleShot(20, lambda: when_listed(people))
            return
        people.select(people.tree.topLevelItem(0).text(0))
        people.edit_button.click()
        people.editor().notes.setPlainText(EDITED_NOTES)
        ready_signal("typed")

    when_loaded()


def main() -> int:
    from mlcoach.cli.main import main as cli
    from mlcoach.ui import ops
    from mlcoach.ui.app import AppController
    from mlcoach.ui.desktop_shell import ready_signal

    opened, quit_ = AppController.on_store_opened, AppController.quit

    def on_store_opened(self: AppController, store: Any) -> None:
        opened(self, store)
        job = os.environ["MLCOACH_TEST_JOB"]
        if os.environ.get("MLCOACH_TEST_COPY"):  # as History's Copy puts a moment's text
            from PySide6.QtWidgets import QApplication

            QApplication.clipboard().setText(os.environ["MLCOACH_TEST_COPY"])
            ready_signal("copied")
        if job == "question":
            ops.run(_question, print, print, on=ops.asking_pool())
        elif job == "edit":
            _edit(self)
        else:
            ops.run(lambda: _held_write(store.store), print, print)

    def quit(self: AppController) -> None:
        ready_signal("quitting")
        if os.environ.get("MLCOACH_TEST_END") == "loop":
            self.app.exit(0)  # the loop ends as a session manager ends it, not by Quit
            return
        quit_(self)

    if os.environ.get("MLCOACH_TEST_QUIT_WAIT"):
        ops.QUIT_WAIT_S = float(os.environ["MLCOACH_TEST_QUIT_WAIT"])
    settle = ops.settle

    def settling(timeout_s: float | None = None) -> bool:
        ready_signal("settling")
        return settle(timeout_s)

    ops.settle = settling  # type: ignore[assignment]
    AppController.on_store_opened = on_store_opened  # type: ignore[method-assign]
    AppController.quit = quit  # type: ignore[method-assign]
    return cli(["run"])


if __name__ == "__main__":
    sys.exit(main())
