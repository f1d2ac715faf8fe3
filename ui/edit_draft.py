"""What is typed in an editor of one saved thing (a moment in History, a person), kept
inside the encrypted store while it is typed, as the reflection's words are
(ui/reflection_draft.py): a crash, a kill, a lost display or the session ending loses at
most the last moment of typing.

One state key per thing (mlcoach.store.edit_drafts), so the words come back only in that
thing's editor, with a quiet line saying so. A draft is only ever offered back: nothing
is saved to the person or the moment until the user saves. It is forgotten on Save, on
Discard, and by the store when the thing is deleted. With the values it started from
kept beside it, only the fields the user changed come back: one saved since elsewhere
(a style the coach remembered, an outcome set in History) shows as saved now.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from mlcoach.store.edit_drafts import CARRIED, FORMAT, SHOWN, Values, offered
from mlcoach.ui.colours import mute
from mlcoach.ui.widgets.plain_text import Label

logger = logging.getLogger(__name__)


class StateStore(Protocol):
    """The store calls a draft needs (the ORM store and the light one both have them)."""

    def get_state(self, key: str, default: Any = None) -> Any: ...

    def keep_draft(self, key: str, value: Any, *, person_id: str | None = None,
                   moment_id: str | None = None) -> bool: ...

    def forget_draft(self, key: str, shown: object = None) -> None: ...


#: By key, the open editor whose words the key keeps (see EditDraft._holds).
_holders: dict[str, weakref.ref[EditDraft]] = {}


class EditDraft(QObject):
    """The draft of one editor, kept under `key` in `store`.

    `current()` gives what the editor holds, or None when it holds nothing to keep (as
    loaded, or empty). `watch` the fields' change signals: a pause in the typing writes
    the draft on the store's worker. With `person_id` or `moment_id`, it is written only
    while that person or moment is still there (deleted means gone); `held` gives, at each
    write, the saved person the words are about (the coach's Who), likewise. `loaded`:
    the fields as the editor loaded them, `texts` those merged word by word (see
    edit_drafts.offered).

    One key, one editor: a second open editor of the same thing (a second Add, the
    same person's editor in History and in the coach) is not offered the first one's
    words as if the app had been gone, and keeps none of its own over them (nor forgets
    them on its Save) until the first has closed.
    """

    DELAY_MS = 800  # typing pause before what was typed is kept in the store

    def __init__(self, store: StateStore, key: str, fields: tuple[str, ...],
                 current: Callable[[], Values | None], parent: QWidget, *,
                 person_id: str | None = None, moment_id: str | None = None,
                 loaded: Values | None = None, texts: tuple[str, ...] = (),
                 held: Callable[[], str | None] | None = None) -> None:
        super().__init__(parent)
        self._store, self._key, self._fields, self._current = store, key, fields, current
        self._loaded, self._texts = loaded, texts
        self._about = {"person_id": person_id, "moment_id": moment_id}
        self._held = held
        self._kept = False  # whether the store may hold a draft of this editor's
        self._carried_shown: object = None  # see brought_back
        #: With `held`: the id of the person the words brought back were about, if any.
        self.held_then: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.line: QLabel = mute(Label(self.tr(
            "Brought back what you typed before mlcoach closed. It is not saved yet."),
            parent))
        self.line.setWordWrap(True)
        self.line.hide()

    def watch(self, *signals: SignalInstance) -> None:
        """Keep the draft a moment after each of `signals` stops firing."""
        for signal in signals:
            signal.connect(self._timer.start)

    def brought_back(self) -> Values | None:
        """The words kept by an editor of this thing that closed unsaved (the app was
        gone), for the editor to show; the quiet line shows with them. Read at once: one
        small row, as the reflection's draft is. Merged over what is saved now (see
        edit_drafts.offered): a field saved since elsewhere and not typed in shows as saved."""
        if not self._holds():
            return None  # being typed in another editor, open now
        try:
            raw = self._store.get_state(self._key)
        except Exception as exc:  # a draft never stops the editor opening
            logger.warning("could not read an editor's draft: %s", exc)
            return None
        values = offered(raw, self._fields, self._loaded, self._texts)
        self._kept = values is not None
        # words a merge carried here, shown now: this editor's writes and Save say which
        self._carried_shown = raw.get(CARRIED) if values is not None \
            and isinstance(raw, dict) else None
        held = raw.get("person") if values is not None and isinstance(raw, dict) else None
        self.held_then = held if isinstance(held, str) else None
        if values is not None:
            self.line.show()
        return values

    def settled(self) -> None:
        """The editor shows what it will start from: nothing typed yet to write."""
        self._timer.stop()
        if self._current() is None:
            self.forget()  # what was brought back is what is saved now

    def flush(self) -> None:
        """Keep what is typed now, on the store's worker."""
        from mlcoach.ui import ops

        self._timer.stop()
        values = self._current()
        if values is None:
            self.forget()
            return
        if not self._holds():
            return  # another open editor's words are kept under the key
        self._kept = True
        ops.run(self._write(values), lambda _: None,
                lambda exc: logger.warning("could not keep an editor's draft: %s", exc))

    def _write(self, values: Values) -> Callable[[], bool]:
        """The write of `values`, for the store's worker."""
        value: dict[str, object] = {"format": FORMAT, "values": values}
        if self._loaded is not None:
            value["base"] = self._loaded
        if self._carried_shown is not None:
            value[SHOWN] = self._carried_shown  # in these values now: not kept apart again
        store, key = self._store, self._key
        about = self._about
        if self._held is not None:  # kept beside the words: renamed, merged, deleted,
            held = self._held()     # the store finds the draft about them (edit_drafts)
            about = {**about, "person_id": held}
            if held is not None:
                value["person"] = held
        return lambda: store.keep_draft(key, value, **about)

    def keep_now(self, unless: Callable[[], bool] | None = None) -> bool:
        """The app is quitting: what is typed is kept as the draft, on the store's worker,
        which the quit waits for (never saved to the thing itself: a half-typed rename is
        not applied unasked). `unless`, asked there: true when a save before it on the
        worker has written these words (no draft then). True when there was something
        to keep."""
        from mlcoach.ui import ops

        self._timer.stop()
        values = self._current()
        if values is None or not self._holds():
            return False
        self._kept = True
        write = self._write(values)
        ops.keep(write if unless is None else lambda: None if unless() else write(),
                 "the words typed in an editor")
        return True

    def forget(self) -> None:
        """Saved or discarded: the draft goes (on the worker, after any write of it)."""
        from mlcoach.ui import ops

        self._timer.stop()
        self.line.hide()
        if not self._kept:
            return
        self._kept = False
        store, key, shown = self._store, self._key, self._carried_shown
        # words a merge carried here that this editor never showed stay for the next one
        ops.run(lambda: store.forget_draft(key, shown), lambda _: None,
                lambda exc: logger.warning("could not clear an editor's draft: %s", exc))

    def stop(self) -> None:
        """The editor closes: a pending write is dropped (Save and Discard dealt with it);
        another editor of the thing may keep its words now."""
        self._timer.stop()
        held = _holders.get(self._key)
        if held is not None and held() is self:
            del _holders[self._key]

    def _holds(self) -> bool:
        """Whether the key keeps this editor's words: no other editor of the thing is
        open (the first to need the key holds it until it closes or is hidden)."""
        held = _holders.get(self._key)
        other = held() if held is not None else None
        if other is not None and other is not self and shiboken6.isValid(other) and (
                isinstance(parent := other.parent(), QWidget) and parent.window().isVisible()):
            return False
        _holders[self._key] = weakref.ref(self)
        return True
