"""Delete all of the user's data: the store, its backups, drafts, logs and keyring entry,
and (remove_login_entry) the launch-at-login entry.

Only files mlcoach itself writes are removed, and only inside the data folder; anything
else the user keeps there is left alone.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mlcoach.domain.errors import MlcoachError
from mlcoach.security.keys import KeyringUnavailableError, KeyStore
from mlcoach.store.backups import written_here
from mlcoach.store.recovery import LOCK_NAME, NEW_NAME, NOTE_NAME, RESTORE_NAME
from mlcoach.store.set_aside import DAMAGED_MARK
from mlcoach.store.vault import SETUP_LOCK, Layout, read_meta
from mlcoach.system.language_hint import HINT_NAME
from mlcoach.system.paths import DRAFT_NAME

if TYPE_CHECKING:
    from mlcoach.store.core import Store

logger = logging.getLogger(__name__)

_DB_SIDE_FILES = ("-wal", "-shm", "-journal")
_LOG_PATTERNS = ("mlcoach.log", "mlcoach.log.*")
_LOG_DIR = "logs"



def delete_all(layout: Layout, keys: KeyStore, *, store: Store | None = None) -> list[Path]:
    """Remove everything mlcoach stored in `layout` and its keyring entry; return what went."""
    if store is not None:
        store.close()
    root = layout.root
    # The key goes first (below): a folder whose files cannot be deleted would then keep
    # words no one can read any more, and the user would not know. Say so, delete nothing.
    for folder in (root, layout.backups, root / _LOG_DIR):
        if folder.is_dir() and any(folder.iterdir()) and not _can_delete_in(folder):
            raise MlcoachError("could not delete anything: {folder} cannot be changed "
                               "(a read-only disk or folder?); nothing was deleted",
                               folder=folder)
    try:
        meta = read_meta(layout)
    except MlcoachError:
        logger.warning("store.json is unreadable; the keyring entry cannot be found")
        meta = None
    if meta is not None and meta.encryption == "keyring":
        # Drop the key first: whatever a failing delete leaves behind can no longer be read.
        try:
            keys.delete(meta.store_id)
        except KeyringUnavailableError as exc:
            logger.warning("the keyring entry could not be removed: %s", exc)
    removed: list[Path] = []
    for path in _targets(layout):
        if _remove(root, path):
            removed.append(path)
    for folder in (layout.backups, root / _LOG_DIR):
        try:
            folder.rmdir()  # only when nothing but mlcoach's files was in it
            removed.append(folder)
        except OSError:
            pass
    try:
        root.rmdir()  # only succeeds when nothing of the user's own is left in it
        removed.append(root)
    except OSError:
        pass
    # Copies a killed command left while reading a read-only data folder (one of a plain
    # store holds the words in clear).
    from mlcoach.system.scratch import remove_left_over

    removed += remove_left_over()
    logger.info("deleted %d items from the data folder", len(removed))
    return removed


def remove_login_entry(folder: Path | None = None, *, platform: str | None = None,
                       env: Mapping[str, str] | None = None) -> bool:
    """Turn launch at login off (it would start the app again on an empty folder), unless
    it opens a data folder other than the wiped `folder` (a test store's wipe leaves the
    real one's entry alone).

    True when an entry was on and is now gone; a platform without launch at login, or
    an entry that cannot be removed, is only logged: the data is already deleted.
    """
    from mlcoach.system import autostart

    try:
        if not autostart.is_enabled(platform=platform, env=env):
            return False
        if folder is not None and autostart.starts_another_folder(folder, platform=platform,
                                                                  env=env):
            return False
        autostart.disable(platform=platform, env=env)
    except (MlcoachError, OSError) as exc:
        logger.warning("the launch-at-login entry could not be removed: %s", exc)
        return False
    return True


def _targets(layout: Layout) -> list[Path]:
    """Every path mlcoach may have written in the data folder, existing or not."""
    root = layout.root
    db = layout.db
    paths = [db, *(db.with_name(db.name + side) for side in _DB_SIDE_FILES)]
    paths += [layout.meta, root / DRAFT_NAME, root / NOTE_NAME, root / LOCK_NAME,
              root / SETUP_LOCK, root / HINT_NAME]
    # Only the names mlcoach writes, also where "logs" or "backups" is a link to a folder
    # elsewhere: the app wrote its copies through the link, and they hold the same words.
    # The link itself, and everything else in its folder, is the user's and stays.
    for folder in (root, root / _LOG_DIR):
        if folder.is_dir():
            for pattern in _LOG_PATTERNS:
                paths += sorted(p for p in folder.glob(pattern) if not p.is_dir())
    # Of the backups folder, only what backups.py writes: a folder of the user's own
    # called "backups" keeps everything else ("mlcoach-2019.db" included).
    if layout.backups.is_dir():
        paths += sorted(p for p in layout.backups.iterdir()
                        if written_here(p.name) and not p.is_dir())
    if root.is_dir():
        # Damaged files kept aside by recovery.py, and stores half built or half restored.
        for pattern in (f"{db.name}{DAMAGED_MARK}*", f"{NEW_NAME}*", f"{RESTORE_NAME}*"):
            paths += sorted(root.glob(pattern))
        # Leftovers of an interrupted atomic_write (".store.json.abc123" and the like).
        for name in (layout.meta.name, DRAFT_NAME, HINT_NAME):
            paths += sorted(root.glob(f".{name}.*"))
    return list(dict.fromkeys(paths))


def _can_delete_in(folder: Path) -> bool:
    """Whether files in `folder` can be deleted: it is writable, on a writable filesystem."""
    import os

    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        return not os.statvfs(folder).f_flag & os.ST_RDONLY
    except (AttributeError, OSError):  # no statvfs (Windows): os.access said enough
        return True


def _remove(root: Path, path: Path) -> bool:
    """Delete one file or folder inside `root`; False when it was not there."""
    if path.parent != root and root not in path.parents:
        logger.warning("refusing to delete %s outside the data folder", path)
        return False
    try:
        if path.is_symlink() or path.is_file():
            path.unlink()  # a link is removed, never what it points to
        elif path.is_dir():
            shutil.rmtree(path)
        else:
            return False
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise MlcoachError("could not delete {path}: {reason}", path=path,
                           reason=exc.strerror or exc) from exc
    return True
