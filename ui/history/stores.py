"""The stores History works through: the raw store for reading, the ORM store for the rest.

Browsing and searching the timeline read through the raw SQLCipher store the idle app
already holds. Edits, Insights, People and import need the ORM store, which is opened
(and SQLAlchemy imported: ~30 MB and ~0.3 s) the first time one of them is used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlcoach.store.core import Store
    from mlcoach.store.light import LightStore


class Stores:
    """`read`: the store to list and search with; `full()`: the ORM store, opened on the
    first call, on the store's worker (opening takes ~0.3 s and may wait on the store);
    `full_is_open()`: whether `full()` is a quick call now, fit for the GUI thread."""

    def __init__(self, read: LightStore | Store, full: Callable[[], Store],
                 full_is_open: Callable[[], bool] = lambda: True) -> None:
        self.read = read
        self.full = full
        self.full_is_open = full_is_open

    @classmethod
    def of(cls, store: Store) -> Stores:
        """One ORM store for everything (tests, screenshots)."""
        return cls(store, lambda: store)
