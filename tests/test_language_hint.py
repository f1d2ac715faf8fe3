"""The language chosen in Settings is kept beside the store, so that the next start's
passphrase prompt (before the store opens) speaks it: system/language_hint.py."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from mlcoach.security.keys import Secret
from mlcoach.store.light import LightStore
from mlcoach.store.vault import Opened
from mlcoach.system.language_hint import HINT_NAME, read_language_hint, write_language_hint


def _choose(store: object, language: str) -> None:
    settings = store.settings()  # type: ignore[attr-defined]
    store.save_settings(dataclasses.replace(settings, language=language))  # type: ignore[attr-defined]


def test_the_language_saved_in_settings_is_known_before_the_store_opens(opened: Opened) -> None:
    root = opened.layout.root
    assert read_language_hint(root) == ""
    _choose(opened.store, "tr")
    assert read_language_hint(root) == "tr"
    hint = (root / HINT_NAME).read_bytes()
    assert hint == b"tr\n"  # the choice only: nothing of the user's data in the clear
    if os.name == "posix":
        assert (root / HINT_NAME).stat().st_mode & 0o077 == 0
    _choose(opened.store, "")  # follow the system again
    assert read_language_hint(root) == "" and (root / HINT_NAME).read_bytes() == b"\n"


def test_the_tray_apps_store_keeps_it_too(opened: Opened) -> None:
    secret: Secret = opened.secret
    light = LightStore(opened.layout.db, secret)
    _choose(light, "tr")
    assert read_language_hint(opened.layout.root) == "tr"
    _choose(light, "en")
    assert read_language_hint(opened.layout.root) == "en"


@pytest.mark.parametrize("content", [b"de\n", b"\xff\xfe", b"tr" * 100, b""])
def test_an_odd_file_follows_the_system(tmp_path: Path, content: bytes) -> None:
    (tmp_path / HINT_NAME).write_bytes(content)
    assert read_language_hint(tmp_path) == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_its_place_does_not_hang_the_start(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / HINT_NAME)
    assert read_language_hint(tmp_path) == ""


def test_a_folder_that_is_gone_gets_no_file(tmp_path: Path) -> None:
    write_language_hint(tmp_path / "gone", "tr")
    assert not (tmp_path / "gone").exists()
