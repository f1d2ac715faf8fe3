"""Database errors as the store's own: callers outside `mlcoach.store` see
`StoreUnavailableError` with a plain line, never SQLAlchemy's or SQLCipher's types."""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mlcoach.domain.errors import StoreBusyError, StoreUnavailableError
from mlcoach.domain.i18n import N_

_S = TypeVar("_S")


def errors_as_domain(cls: type[_S]) -> type[_S]:
    """Wrap every public method so a SQLAlchemy error leaves it as StoreUnavailableError."""
    from sqlalchemy.exc import SQLAlchemyError

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except SQLAlchemyError as exc:
                brief = getattr(args[0], "_waits_briefly", None) if args else None
                path = getattr(args[0], "path", None) if args else None
                raise unavailable(exc, brief=bool(brief and brief()),
                                  path=path if isinstance(path, Path) else None) from exc
        return guarded

    for name, member in list(vars(cls).items()):
        if (not name.startswith("_") and inspect.isfunction(member)
                and name not in ("session", "connection")):
            setattr(cls, name, wrap(member))
    return cls


# A write waits up to a minute for another one (db.BUSY_TIMEOUT_MS) before this.
BUSY_MESSAGE = N_("another mlcoach is still writing (a long import?) and did not finish "
                  "within a minute: nothing was written; try again")


# … and where a window waited only a moment (Store.wait_briefly_here).
BRIEF_BUSY_MESSAGE = N_("another mlcoach is writing just now (an import?): nothing was "
                        "written; try again in a moment")


def unavailable(exc: BaseException, *, brief: bool = False,
                path: Path | None = None) -> StoreUnavailableError:
    """`exc` as the store's error; `path`: the database, to say which file refused a write."""
    detail = str(getattr(exc, "orig", None) or exc) or type(exc).__name__
    if is_read_only(exc):
        return read_only(path)
    if "unable to open" in detail.lower() and (linked := linked_side_file(path)):
        return StoreUnavailableError(LINKED_SIDE_FILE, path=linked)
    if "locked" in detail or "busy" in detail:
        if brief:
            return StoreBusyError(BRIEF_BUSY_MESSAGE)
        return StoreBusyError(BUSY_MESSAGE)
    from mlcoach.store.recovery import is_corruption

    if is_corruption(exc):  # said with what happens next: nothing is lost yet
        return StoreUnavailableError(DAMAGED_MESSAGE, detail=detail)
    return StoreUnavailableError("the data file could not be read ({detail})", detail=detail)


def is_read_only(exc: BaseException) -> bool:
    """Whether SQLite (or the file system) refused a write as read-only."""
    detail = str(getattr(exc, "orig", None) or exc).lower()
    return "readonly" in detail or "read-only" in detail


def linked_side_file(db: Path | None) -> Path | None:
    """A -wal, -shm or -journal beside `db` that is a link or not a regular file: SQLite
    will not open it, so the store does not open ("unable to open database file")."""
    from mlcoach.store.vault import Layout, store_files

    if db is None:
        return None
    for path in store_files(Layout(db.parent))[1:]:
        with contextlib.suppress(OSError):
            if path.is_symlink() or (path.exists() and not path.is_file()):
                return path
    return None


LINKED_SIDE_FILE = N_("{path} is a link or not a regular file, which SQLite will not open; "
                      "move it out of the data folder (nothing was written)")


def read_only(db: Path | None) -> StoreUnavailableError:
    """A write refused: by the data folder, or by which of the database's files and why
    (another user's after a `sudo mlcoach`, or made read-only)."""
    from mlcoach.store.vault import Layout, unwritable
    from mlcoach.system.paths import file_owner_note

    culprit = None if db is None else unwritable(Layout(db.parent))
    if culprit is None or db is None or culprit == db.parent:
        return StoreUnavailableError(READ_ONLY_FOLDER)
    why = file_owner_note(culprit)
    if why is None:  # neither its owner nor its mode says why (an ACL, a mount)
        return StoreUnavailableError(READ_ONLY_PLAIN, path=culprit)
    return StoreUnavailableError(READ_ONLY_FILE, path=culprit, why=why)


READ_ONLY_FOLDER = N_("the data folder is read-only: nothing was written (your data is "
                      "unchanged)")
READ_ONLY_FILE = N_("{path} cannot be written ({why}): nothing was written (your data is "
                    "unchanged)")
READ_ONLY_PLAIN = N_("{path} cannot be written: nothing was written (your data is unchanged)")


DAMAGED_MESSAGE = N_("the data file is damaged ({detail}); nothing was changed, and "
                     "`mlcoach doctor` says how it will be restored from a backup")
