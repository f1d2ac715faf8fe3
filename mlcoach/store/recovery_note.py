"""The note of the last recovery (`recovery.json`): what happened to a damaged store file,
said once by the app and reported later by `mlcoach doctor`."""

from __future__ import annotations

import json
import logging
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

from mlcoach.domain.i18n import N_
from mlcoach.store.file_checks import Reason
from mlcoach.system.paths import atomic_write, make_private, read_small

logger = logging.getLogger(__name__)

NOTE_NAME = "recovery.json"

_RESTORED = N_(
    "Your mlcoach data file was damaged, so it was set aside as {aside} and the backup "
    "from {when} was restored: anything you added after that may be missing. The damaged "
    "file is kept until it is five weeks old and no longer the newest.")
_RESTORED_CARRIED = N_(
    "Your mlcoach data file was damaged, so it was set aside as {aside} and the backup "
    "from {when} was restored, with what was added since then carried over from the "
    "damaged file as far as it could still be read ({count} in all); a change made after "
    "the backup may be missing. The damaged file is kept until it is five weeks old and no "
    "longer the newest.")
_RESTORED_MISSING = N_(
    "Your mlcoach data file was missing, so the backup from {when} was restored: anything "
    "you added after that may be missing.")
_NO_BACKUP = N_(
    "Your mlcoach data file was damaged and there was no backup to restore, so it was set "
    "aside as {aside} and a new, empty store was started (nothing was deleted); the damaged "
    "file is kept until you delete it.")


class RecoveryNote(NamedTuple):
    """What happened to a damaged store file, kept in recovery.json."""

    at: str  # ISO-8601 UTC
    reason: Reason
    set_aside: tuple[str, ...]  # file names in the data folder
    restored_from: str | None  # backup file name, None when there was none
    backup_taken_at: str | None  # ISO-8601 UTC of the backup's copy
    app_notified: bool = False
    carried: int = 0  # rows of the damaged file added to the restored backup
    # Set aside, now or before, with no backup restored: the only copies of their history,
    # never rotated.
    only_copies: tuple[str, ...] = ()
    # Set aside, now or before, with a backup restored in their place: the only ones
    # rotated. A name not here (a lost note, an older version's file) is kept.
    replaced: tuple[str, ...] = ()

    def message(self, language: str = "en", tz: tzinfo | None = None) -> str:
        """One plain sentence for the user: what happened and what may be missing."""
        from mlcoach.domain.i18n import translate

        aside = self.set_aside[0] if self.set_aside else ""
        if self.restored_from is None:
            return translate(_NO_BACKUP, language, aside=aside)
        when = _show_time(self.backup_taken_at, tz)
        if self.reason == "missing":
            return translate(_RESTORED_MISSING, language, when=when)
        if self.carried:
            return translate(_RESTORED_CARRIED, language, aside=aside, when=when,
                             count=self.carried)
        return translate(_RESTORED, language, aside=aside, when=when)

    def to_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["set_aside"] = list(self.set_aside)
        data["only_copies"] = list(self.only_copies)
        data["replaced"] = list(self.replaced)
        return data

    @classmethod
    def from_json(cls, data: Any) -> RecoveryNote | None:
        try:
            reason = data["reason"]
            if reason not in ("missing", "empty", "damaged"):
                return None
            return cls(at=str(data["at"]), reason=reason,
                       set_aside=tuple(str(x) for x in data.get("set_aside", [])),
                       restored_from=data.get("restored_from"),
                       backup_taken_at=data.get("backup_taken_at"),
                       app_notified=bool(data.get("app_notified", False)),
                       carried=int(data.get("carried", 0)),
                       only_copies=tuple(str(x) for x in data.get("only_copies", [])),
                       replaced=tuple(str(x) for x in data.get("replaced", [])))
        except (KeyError, TypeError, AttributeError, ValueError):
            return None


def _show_time(iso: str | None, tz: tzinfo | None) -> str:
    if not iso:
        return "an unknown date"
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if tz is None:
        from mlcoach.system.clock import local_zone

        tz = local_zone()
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def read_note(root: Path) -> RecoveryNote | None:
    """The last recovery, if any."""
    try:
        raw = read_small(root / NOTE_NAME, 64 * 1024)
        return RecoveryNote.from_json(json.loads(raw.decode("utf-8")))
    except (OSError, ValueError):
        return None


def write_note(root: Path, note: RecoveryNote) -> None:
    path = root / NOTE_NAME
    try:
        atomic_write(path, json.dumps(note.to_json(), indent=2) + "\n")
        make_private(path)
    except OSError as exc:
        # The restore itself worked. Lost: the reminder, and which files set aside a
        # restored backup replaced (so those are kept until deleted by hand, never lost).
        logger.warning("could not write the recovery note: %s", exc.strerror or exc)


def take_app_notice(root: Path, language: str = "en",
                    tz: tzinfo | None = None) -> str | None:
    """The sentence the app should show once about the last recovery, then never again."""
    note = read_note(root)
    if note is None or note.app_notified:
        return None
    write_note(root, note._replace(app_notified=True))
    return note.message(language, tz)
