"""The quick-capture draft, kept so that it survives Esc, a crash or a restart.

The draft holds what the user typed, often about a colleague. The app keeps it inside
the encrypted store (`StoreDraft`, one state key, written on the worker so a long import
never stalls the typing). Only when the store cannot take it does it go to a file in
the private data folder (`DraftFile`: owner-only, atomic, plain JSON), which is removed
as soon as the store has the draft again, and read once from an older version.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from mlcoach.domain.model import Kind, Style
from mlcoach.system.paths import atomic_write, ensure_private_dir, make_private, read_small

logger = logging.getLogger(__name__)

_FORMAT = 1
#: A draft is one moment (at most a million characters) and its fields, as JSON.
DRAFT_LIMIT = 8 * 1024 * 1024
_E = TypeVar("_E", Kind, Style)


if TYPE_CHECKING:
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore

#: The state key of the draft in the store.
KEY = "capture_draft"


@dataclass(frozen=True, slots=True)
class Draft:
    """An unsaved capture: the line as typed and the kind and style picked."""

    text: str = ""
    kind: Kind | None = None
    style: Style | None = None

    def is_empty(self) -> bool:
        """True when there is nothing worth keeping."""
        return not self.text.strip() and self.kind is None and self.style is None


class DraftKeeper(Protocol):
    """Where a capture window keeps its draft."""

    def load(self) -> Draft | None: ...

    def save(self, draft: Draft) -> None: ...

    def clear(self) -> None: ...

    def save_now(self, draft: Draft) -> None:
        """Keep `draft` before returning (the app is quitting)."""


class DraftFile:
    """Reads, writes and removes the draft file (e.g. data_dir / "capture-draft.txt")."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Draft | None:
        """The saved draft, or None when there is none or it cannot be read."""
        try:
            raw = read_small(self.path, DRAFT_LIMIT).decode("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            logger.warning("could not read the capture draft: %s", exc)
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            logger.warning("the capture draft is not valid JSON; ignoring it")
            return None
        draft = _from_json(data) if isinstance(data, dict) else None
        return None if draft is None or draft.is_empty() else draft

    def save(self, draft: Draft) -> None:
        """Write the draft atomically (owner-only); an empty draft removes the file."""
        if draft.is_empty():
            self.clear()
            return
        data = _to_json(draft)
        try:
            ensure_private_dir(self.path.parent)
            atomic_write(self.path, json.dumps(data, ensure_ascii=False))
            make_private(self.path)
        except OSError as exc:
            # Losing a draft is bad, but failing the user's typing is worse.
            logger.warning("could not write the capture draft: %s", exc)

    def save_now(self, draft: Draft) -> None:
        """`save`: it returns once the file is written."""
        self.save(draft)

    def clear(self) -> None:
        """Remove the draft file, if there is one."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            logger.warning("could not remove the capture draft: %s", exc)


class StoreDraft:
    """The draft in the encrypted store; a file only while the store cannot take it."""

    def __init__(self, store: Store | LightStore, fallback: DraftFile) -> None:
        self._store = store
        self._fallback = fallback

    def load(self) -> Draft | None:
        """The kept draft: a file's (left by a failed write or an older version, moved
        into the store) over the store's, which it is newer than."""
        from_file = self._fallback.load()
        if from_file is not None:
            self.save(from_file)
            return from_file
        try:
            value = self._store.get_state(KEY)
        except Exception as exc:  # a draft never stops the window opening
            logger.warning("could not read the capture draft: %s", exc)
            return None
        draft = _from_json(value) if isinstance(value, dict) else None
        return None if draft is None or draft.is_empty() else draft

    def save(self, draft: Draft) -> None:
        """Keep `draft` in the store (on the worker); an empty one removes it."""
        if draft.is_empty():
            self.clear()
            return
        self._write(_to_json(draft), draft)

    def save_now(self, draft: Draft) -> None:
        """Keep `draft` (the app is quitting) on the store's worker, which the quit waits
        for; a store that cannot take it leaves it in the file."""
        from mlcoach.ui import ops

        ops.keep(partial(_keep, self._store, self._fallback, draft), "the capture draft")

    def clear(self) -> None:
        """Forget the draft, in the store and any file: on the worker, after any write
        of it queued there (the file removed here, first, came back when that write
        fell back to it)."""
        self._write(None, None)

    def _write(self, value: dict[str, Any] | None, draft: Draft | None) -> None:
        """On the store's worker, falling back to the file there too: a fallback left to
        the GUI thread never ran when the app quit while the store was held (the write
        failed after the quit's last event), and the words were in neither place."""
        from mlcoach.ui import ops

        store, fallback = self._store, self._fallback

        def write() -> None:
            if draft is None:
                fallback.clear()
                store.set_state(KEY, value)
            else:
                _keep(store, fallback, draft)

        ops.run(write, _ignored, lambda exc: logger.warning(
            "could not forget the capture draft in the store: %s", exc))


def _ignored(_: object) -> None:
    pass


def _keep(store: Store | LightStore, fallback: DraftFile, draft: Draft) -> None:
    """`draft` into the store, or the file when the store cannot take it."""
    empty = draft.is_empty()
    try:
        store.set_state(KEY, None if empty else _to_json(draft))
    except Exception as exc:  # the store is held or gone: the file keeps the words
        logger.warning("could not keep the capture draft in the store: %s", exc)
        fallback.save(draft)  # an empty one removes the file
    else:
        fallback.clear()


def _to_json(draft: Draft) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "text": draft.text,
        "kind": draft.kind.value if draft.kind else None,
        "style": draft.style.value if draft.style else None,
    }


def _from_json(data: dict[str, Any]) -> Draft | None:
    text = data.get("text")
    if not isinstance(text, str):
        return None
    return Draft(text=text, kind=_enum(Kind, data.get("kind")),
                 style=_enum(Style, data.get("style")))


def _enum(cls: type[_E], value: Any) -> _E | None:
    try:
        return cls(value) if isinstance(value, str) else None
    except ValueError:
        return None
