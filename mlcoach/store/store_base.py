"""What every part of the Store shares: its engine and sessions, how long a write waits
for another writer, a person found by name, and the whole-store helpers."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from mlcoach.domain.capture import new_person_name, person_keys
from mlcoach.domain.errors import PERSON_MERGED, MlcoachError
from mlcoach.domain.model import Suggestion, new_id, utcnow
from mlcoach.domain.text import clean_name, name_key
from mlcoach.security.keys import Secret
from mlcoach.store import models as m
from mlcoach.store.db import empty_wal, writer
from mlcoach.store.errors import errors_as_domain, unavailable
from mlcoach.store.file_guard import KeptConnection
from mlcoach.store.light import kept_connection

logger = logging.getLogger(__name__)

# A saved suggestion and its planned moment's new words -> its text composed for them.
Reword = Callable[[Suggestion, str], "str | None"]


@errors_as_domain
class StoreBase:
    """The store's engine, sessions and shared helpers (Store is made of its parts)."""

    def __init__(self, engine: Engine, path: Path | None = None,
                 secret: Secret | None = None) -> None:
        self.engine = engine
        self.path = path
        self._secret = secret  # for a kept connection (see keep_connection)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Writes begin IMMEDIATE, so they wait for another writer instead of failing.
        self._long_writes = sessionmaker(writer(engine), expire_on_commit=False)
        self._brief: tuple[int, int, sessionmaker[Session]] | None = None
        # The suggestions deleted with their planned moment, by moment id, for an undo
        # (every one: History's undo is a stack). In memory only, never in the file.
        self._undo_suggestions: dict[str, dict[str, Any]] = {}
        # Likewise the draft its editor held (the words typed, not saved), as stored.
        self._undo_drafts: dict[str, str] = {}

    def wait_briefly_here(self, wait_ms: int) -> None:
        """Writes from the calling thread (a GUI's) wait at most `wait_ms` for another
        writer, then fail with StoreBusyError, instead of holding it for the store's
        minute; writes from other threads (a worker's) keep the long wait."""
        brief = self._brief
        if brief is not None and brief[:2] == (threading.get_ident(), wait_ms):
            return
        self._brief = (threading.get_ident(), wait_ms,
                       sessionmaker(writer(self.engine, wait_ms), expire_on_commit=False))

    def wait_as_long_as_needed(self) -> None:
        """Writes from every thread wait the store's minute again (the app quitting: what
        was typed is kept even behind a long import)."""
        self._brief = None

    def _waits_briefly(self) -> bool:
        brief = self._brief
        return brief is not None and brief[0] == threading.get_ident()

    @property
    def _writes(self) -> sessionmaker[Session]:
        brief = self._brief  # read once: another thread may change it
        if brief is not None and brief[0] == threading.get_ident():
            return brief[2]
        return self._long_writes

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()

    # -- a person by name (people and moments alike) ------------------------------

    def _person_row(self, s: Session, name: str, *, endings: bool = False,
                    held: str | None = None) -> m.PersonRow | None:
        if held is not None:  # the id a window holds: renamed meanwhile, still them
            return s.get(m.PersonRow, held)
        # The name as written first: where migration 0004 found two people whose keys now
        # fold together, the one that kept its old key is still reached by its own name.
        # Then its key, then (`endings`: a name a person typed) the name without a Turkish
        # case ending: "Ana'ya". Not for a name a window holds: "Ana'ya" deleted or merged
        # meanwhile, its editor's save must not land on Ana.
        name = " ".join(name.split())
        own, bare = person_keys(name) if endings else (name_key(name),) * 2
        return s.scalar(select(m.PersonRow).where(
            m.PersonRow.name_key.in_((own, bare)) | (m.PersonRow.name == name))
            .order_by((m.PersonRow.name == name).desc(), (m.PersonRow.name_key == own).desc())
            .limit(1))

    @staticmethod
    def _merged_into(s: Session, person_id: str) -> m.PersonRow | None:
        """The person someone deleted was merged into (at the end of a chain of merges),
        or None: deleted outright, or not deleted."""
        seen = {person_id}
        while (gone := s.get(m.DeletedPersonRow, person_id)) is not None and \
                gone.merged_into is not None and gone.merged_into not in seen:
            person_id = gone.merged_into
            seen.add(person_id)
            if (row := s.get(m.PersonRow, person_id)) is not None:
                return row
        return None

    def _no_person(self, s: Session, name: str, held: str | None) -> MlcoachError:
        """Why `name` (`held`: the id a window holds) is not there to edit: merged into
        someone meanwhile, said plainly; else there is no one so called."""
        into = self._merged_into(s, held) if held is not None else None
        if into is not None:
            return MlcoachError(PERSON_MERGED, name=name, into=into.name)
        return MlcoachError("no person called {name!r}", name=name)

    def _person_id(self, s: Session, name: str | None, *, create: bool) -> str | None:
        if name is None:
            return None
        name = clean_name(name)
        row = self._person_row(s, name, endings=create)  # as the quick capture's
        if row is None:
            if not create:
                raise MlcoachError("no person called {name!r}", name=name)
            # "Burak'a" typed for someone new is Burak, as a capture's @Burak'a is; someone
            # saved before names had to have a letter is found above
            name = new_person_name(name)
            now = utcnow()
            row = m.PersonRow(
                id=new_id(), name=" ".join(name.split()), name_key=name_key(name),
                notes="", archived=False, created_at=now, updated_at=now,
            )
            s.add(row)
            s.flush()
        return row.id

    @staticmethod
    def _drop_state(s: Session, key: str) -> None:
        """Delete what is saved under `key` (a deleted thing's draft), in `s`'s transaction."""
        s.execute(delete(m.SettingRow).where(m.SettingRow.key == key))

    def _forget_replaced(self) -> None:
        """Empty the -wal after a delete or an edit (db.empty_wal); a store made without
        its path (a test's) keeps no other connection open, so it has nothing to do."""
        if self.path is not None:
            empty_wal(self.path, self.connection)

    # -- whole-store helpers ----------------------------------------------------------

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A raw DB-API connection (holding its share of the file guard) for the store's
        plain-SQL readers, which run on this store and on `LightStore` alike."""
        import sqlcipher3.dbapi2 as sqlcipher
        from sqlalchemy.exc import SQLAlchemyError

        try:
            pooled = self.engine.raw_connection()
        except SQLAlchemyError as exc:
            raise unavailable(exc, path=self.path) from exc
        try:
            yield pooled.driver_connection
        except sqlcipher.Error as exc:
            raise unavailable(exc, path=self.path) from exc
        finally:
            pooled.close()

    def keep_connection(self) -> KeptConnection | None:
        """A connection a window keeps for its life (None for a store made without
        its path and secret, e.g. in a test: then each call opens its own)."""
        if self.path is None or self._secret is None:
            return None
        return kept_connection(self.path, self._secret)

    def session(self) -> Session:
        """An ORM session for the store package's own query modules (stats, people
        insights). Nothing outside `mlcoach.store` may use it: import-linter keeps
        SQLAlchemy inside this package."""
        return self._sessions()
