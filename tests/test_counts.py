"""Counted things in the command line's summaries (unit tests; no store)."""

from __future__ import annotations

import pytest

from mlcoach.cli.counts import counted, listed
from mlcoach.store.export_rows import SECTIONS


@pytest.mark.parametrize("kind", [*SECTIONS, "prompts", "settings"])
def test_every_section_of_an_export_is_counted_in_both_languages(kind: str) -> None:
    one, many = counted(kind, 1, "en"), counted(kind, 3, "en")
    assert one.startswith("1 ") and many.startswith("3 ") and one != many.replace("3", "1")
    turkish = counted(kind, 3, "tr")
    assert "3 " in turkish and turkish != many


def test_a_summary_lists_only_what_was_added() -> None:
    assert listed({"moments": 1, "people": 0, "reflections": 2}, "en") == \
        "1 moment, 2 reflections"
    assert listed({"moments": 0}, "en") == ""
