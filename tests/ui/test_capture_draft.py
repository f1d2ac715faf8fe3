"""The quick-capture draft (ui/draft.py): what is typed, kept in the store, or in a file
while the store cannot take it; gone once the capture is saved or cleared."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from mlcoach.domain.errors import StoreUnavailableError
from mlcoach.ui import ops
from mlcoach.ui.draft import Draft, DraftFile, StoreDraft
from tests.ui.worker import drain

pytestmark = pytest.mark.gui


class _HeldForWords:
    """A store another program holds whenever the words are written (the clearing gets
    its turn): as an import that ends between the two."""

    def __init__(self) -> None:
        self.state: dict[str, Any] = {}

    def get_state(self, key: str, default: Any = None) -> Any:
        return self.state.get(key, default)

    def set_state(self, key: str, value: Any) -> None:
        if value is not None:
            raise StoreUnavailableError("another mlcoach is writing")
        self.state.pop(key, None)


def test_a_cleared_draft_does_not_come_back_from_the_file_its_write_left(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Typed, then saved as a moment (cleared) while the store was held: the file was
    removed on the GUI thread before the queued write of the words, which then fell back
    to the file; the saved line came back as the draft at the next opening."""
    store, path = _HeldForWords(), tmp_path / "capture-draft.txt"
    draft = StoreDraft(store, DraftFile(path))  # type: ignore[arg-type]
    gate = threading.Event()
    ops.run(gate.wait, lambda _: None, lambda _: None)  # the worker busy a moment
    draft.save(Draft("Thanked Ana for the review"))
    draft.clear()  # the line was saved
    gate.set()
    drain()
    assert not path.exists()
    assert StoreDraft(store, DraftFile(path)).load() is None  # type: ignore[arg-type]
