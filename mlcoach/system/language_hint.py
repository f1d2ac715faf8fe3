"""The language chosen in Settings, kept beside the store in the clear.

The setting itself is inside the (encrypted) store, so what the app says before the store
opens (the passphrase prompt, a wrong passphrase) could only follow the system's
language. This one small file says "en", "tr" or nothing (follow the system): a choice
of language, none of the user's data. Written when the setting is saved, by an open
that finds none, and put right by the app's start, which reads the setting anyway (an
older mlcoach changes the setting and leaves the file as it was); a missing or odd file
means "follow the system"."""

from __future__ import annotations

import logging
from pathlib import Path

from mlcoach.domain.i18n import SUPPORTED
from mlcoach.system.paths import atomic_write, make_private, read_small

logger = logging.getLogger(__name__)

HINT_NAME = "mlcoach-language"


def read_language_hint(root: Path) -> str:
    """The language last chosen in Settings for the store in `root`, "" when unknown."""
    try:  # a regular file only, and a few bytes (a FIFO there would hang the start)
        text = read_small(root / HINT_NAME, limit=16).decode("ascii").strip()
    except (OSError, ValueError):
        return ""
    return text if text in SUPPORTED else ""


def write_language_hint(root: Path, language: str) -> None:
    """Keep `language` (the setting; "" follows the system: an empty line) for the next
    start. Nothing is written when the file already says it, or when the folder is gone;
    a failure is logged only (the prompt then follows the system, as before)."""
    language = language if language in SUPPORTED else ""
    path = root / HINT_NAME
    if path.exists() and read_language_hint(root) == language:
        return
    try:
        if root.is_dir():
            atomic_write(path, language + "\n")
            make_private(path)
    except OSError as exc:
        logger.warning("could not keep the language for the next start: %s",
                       exc.strerror or exc)


def language_hint_kept(root: Path) -> bool:
    """Whether the store in `root` has its language kept beside it (a store whose
    language was saved by an older mlcoach has not)."""
    return (root / HINT_NAME).exists()
