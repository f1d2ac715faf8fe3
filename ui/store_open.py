"""Opening the store on the worker thread as the app starts. Kept apart from
ui/unlock.py, whose dialogs (a passphrase, a failure) load only when one is needed: the
start waits for this module, ~3 ms less without them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlcoach.domain.errors import MlcoachError
from mlcoach.ui import ops

logger = logging.getLogger("mlcoach.ui.unlock")  # the log's lines as before the move


class NeedPassphrase(Exception):
    """The store is protected by a passphrase the user has not typed yet."""


def open_in_worker(data_root: Path, passphrase: str | None,
                   on_done: Callable[[Any], None],
                   on_failed: Callable[[BaseException], None]) -> None:
    """Import the storage stack and open the store off the GUI thread."""

    def work() -> Any:
        from mlcoach.security.keys import OSKeyring
        from mlcoach.store.vault import Layout, open_light, read_meta

        layout = Layout(data_root)
        meta = read_meta(layout)
        if meta is not None and meta.encryption == "passphrase" and passphrase is None:
            raise NeedPassphrase()
        # The raw store: the idle app never imports SQLAlchemy (see store/light.py).
        opened = open_light(layout, keys=OSKeyring(),
                            passphrase_source=(lambda: passphrase or ""))
        _keep_language(opened)
        return opened

    # Not waited for at quit (a keyring prompt holds it for minutes): a first start or
    # a migration cut short is as safe as a killed one, and the next start goes on.
    ops.run(work, on_done, on_failed, left_at_quit=True)


def _keep_language(opened: Any) -> None:
    """The language setting also beside the store, for the next start's passphrase prompt
    (a store whose setting was saved before that file existed)."""
    from mlcoach.system.language_hint import language_hint_kept, write_language_hint

    if language_hint_kept(opened.layout.root):  # saved with the setting since: no read
        return
    try:
        write_language_hint(opened.layout.root, opened.store.settings().language)
    except MlcoachError as exc:  # the setting unread: the next save writes it
        logger.warning("could not read the language setting: %s", exc)
