"""The real app (`mlcoach run`) with one stand-in job started once its store is open, for
tests/ui/test_quit_promptly.py. MLCOACH_TEST_JOB says which:

- "question": a keyring read on the asking worker, as Settings' *Show recovery key*;
- "write": a write to the store on the store's worker that waits at the FIFO named by
  MLCOACH_TEST_GATE before it writes (the moment "Kept through the quit").

MLCOACH_TEST_QUIT_WAIT, when set, is how long its quit waits for the store's work.
The app also says "mlcoach-ready: quitting" as its quit begins and "mlcoach-ready: job"
once the job is under way.
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


def main() -> int:
    from mlcoach.cli.main import main as cli
    from mlcoach.ui import ops
    from mlcoach.ui.app import AppController
    from mlcoach.ui.desktop_shell import ready_signal

    opened, quit_ = AppController.on_store_opened, AppController.quit

    def on_store_opened(self: AppController, store: Any) -> None:
        opened(self, store)
        job = os.environ["MLCOACH_TEST_JOB"]
        if job == "question":
            ops.run(_question, print, print, on=ops.asking_pool())
        else:
            ops.run(lambda: _held_write(store.store), print, print)

    def quit(self: AppController) -> None:
        ready_signal("quitting")
        quit_(self)

    if os.environ.get("MLCOACH_TEST_QUIT_WAIT"):
        ops.QUIT_WAIT_S = float(os.environ["MLCOACH_TEST_QUIT_WAIT"])
    AppController.on_store_opened = on_store_opened  # type: ignore[method-assign]
    AppController.quit = quit  # type: ignore[method-assign]
    return cli(["run"])


if __name__ == "__main__":
    sys.exit(main())
