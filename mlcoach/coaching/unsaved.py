"""A store seen by a preview: what working out the schedule would save stays in memory.

`mlcoach prompt` only asks; saving the scheduler's state from it would wait for the write
lock behind another writer (a long import) and could overwrite a pause the app saved
meanwhile (a read, the app's write, then this write)."""

from __future__ import annotations

from typing import Any

from mlcoach.coaching.ports import CoachStore


class Unsaved:
    """`store` for every read; `set_state` kept here, and read back from here."""

    def __init__(self, store: CoachStore) -> None:
        self._store = store
        self._kept: dict[str, Any] = {}

    def get_state(self, key: str, default: Any = None) -> Any:
        if key in self._kept:
            return self._kept[key]
        return self._store.get_state(key, default)

    def set_state(self, key: str, value: Any) -> None:
        self._kept[key] = value

    def __getattr__(self, name: str) -> Any:
        if name.startswith(("record_", "add_", "save_", "set_")):  # a preview records nothing
            raise AttributeError(f"a preview does not call {name}")
        return getattr(self._store, name)
