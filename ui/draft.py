"""The quick-capture draft, kept on disk so that it survives Esc, a crash or a restart.

The draft holds what the user typed, which can be sensitive. It is written next to
the encrypted store, in the private data folder (owner-only, 0700), as an owner-only
(0600) file, atomically, and deleted as soon as the moment is saved. It is plain JSON,
not encrypted: it only ever holds the one line being typed, never stored moments.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from mlcoach.domain.model import Kind, Style
from mlcoach.system.paths import atomic_write, ensure_private_dir, make_private

logger = logging.getLogger(__name__)

_FORMAT = 1
_E = TypeVar("_E", Kind, Style)


@dataclass(frozen=True, slots=True)
class Draft:
    """An unsaved capture: the line as typed and the kind and style picked."""

    text: str = ""
    kind: Kind | None = None
    style: Style | None = None

    def is_empty(self) -> bool:
        """True when there is nothing worth keeping."""
        return not self.text.strip() and self.kind is None and self.style is None


class DraftFile:
    """Reads, writes and removes the draft file (e.g. data_dir / "capture-draft.txt")."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Draft | None:
        """The saved draft, or None when there is none or it cannot be read."""
        try:
            raw = self.path.read_text(encoding="utf-8")
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
        data = {
            "format": _FORMAT,
            "text": draft.text,
            "kind": draft.kind.value if draft.kind else None,
            "style": draft.style.value if draft.style else None,
        }
        try:
            ensure_private_dir(self.path.parent)
            atomic_write(self.path, json.dumps(data, ensure_ascii=False))
            make_private(self.path)
        except OSError as exc:
            # Losing a draft is bad, but failing the user's typing is worse.
            logger.warning("could not write the capture draft: %s", exc)

    def clear(self) -> None:
        """Remove the draft file, if there is one."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            logger.warning("could not remove the capture draft: %s", exc)


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
