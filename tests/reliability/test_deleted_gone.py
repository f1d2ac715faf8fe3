"""Deleted means gone: words the user deleted or edited away are not left in the store's
file, where `strings` (a plain store) or a forensic reader with the key (an encrypted
one) would find them in free pages, free space inside pages or the full-text index."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mlcoach.domain.enums import Kind
from mlcoach.security.keys import OSKeyring
from mlcoach.store.light import LightStore
from mlcoach.store.vault import Layout, Opened, init_store
from tests.reliability.forensics import readable_bytes

if TYPE_CHECKING:
    from mlcoach.store.core import Store

# Exact phrases, case and spaces as typed: only a copy of the text itself holds them
# (the search index keeps single lower-case words, checked separately).
SECRET = "Zanzibar Quixote should stop interrupting Priya in standups"
FILLER = "an ordinary moment about the weekly planning meeting"


@pytest.fixture(params=["none", "keyring"])
def kept(request: pytest.FixtureRequest, tmp_path: Path, memory_keyring: object
         ) -> Iterator[Opened]:
    """A plain store (`mlcoach init --no-encryption`) and an encrypted one."""
    opened = init_store(Layout(tmp_path / "data"), request.param, keys=OSKeyring())
    for i in range(40):  # the deleted text shares its pages with other rows
        opened.store.add_moment(f"{FILLER} {i}", Kind.OTHER, person="Ana")
    yield opened
    opened.store.close()


def on_disk(opened: Opened) -> bytes:
    """What an attacker with the files (and the key) reads, every connection closed."""
    opened.store.close()
    return readable_bytes(opened.layout.db, opened.secret.raw_key)


def left_of(text: str, data: bytes) -> list[str]:
    """The pieces of `text` (every run of 3 words) still in `data`: a row rewritten in
    place may overwrite the start of the old one and leave the rest."""
    words = text.split()
    pieces = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
    return sorted(p for p in pieces if p.encode() in data)


def test_the_reader_sees_live_text(kept: Opened) -> None:
    """The check itself: text still stored is found (so its absence below means gone)."""
    kept.store.add_moment(SECRET, Kind.OTHER)
    assert len(left_of(SECRET, on_disk(kept))) == len(SECRET.split()) - 2


def test_a_deleted_moment_leaves_no_text(kept: Opened) -> None:
    moment = kept.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    kept.store.delete_moment(moment.id)
    assert left_of(SECRET, on_disk(kept)) == []


def test_a_quick_capture_deleted_leaves_no_text(kept: Opened) -> None:
    light = LightStore(kept.layout.db, kept.secret)
    moment = light.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    kept.store.delete_moment(moment.id)
    assert left_of(SECRET, on_disk(kept)) == []


def test_a_sentence_edited_out_of_a_moment_is_gone(kept: Opened) -> None:
    moment = kept.store.add_moment(f"Good demo today. {SECRET}.", Kind.RECOGNITION)
    kept.store.update_moment(moment.id, text="Good demo today.")
    assert left_of(SECRET, on_disk(kept)) == []


def test_notes_about_a_person_edited_away_are_gone(kept: Opened) -> None:
    kept.store.add_person("Priya", notes=f"Prefers written feedback. {SECRET}.")
    kept.store.edit_person("Priya", notes="Prefers written feedback.")
    assert left_of(SECRET, on_disk(kept)) == []


def test_a_reflection_rewritten_is_gone(kept: Opened) -> None:
    day = date(2026, 11, 30)
    kept.store.save_reflection(day, energy=2, differently=SECRET)
    kept.store.save_reflection(day, energy=2, differently="Ask earlier.")
    assert left_of(SECRET, on_disk(kept)) == []


def test_a_deleted_reflection_leaves_no_text(kept: Opened) -> None:
    """A day's reflection could only be emptied, its energy kept; deleted, it all goes."""
    day = date(2026, 11, 30)
    kept.store.save_reflection(day, energy=2, differently=SECRET, intention="Ask earlier.")
    gone = kept.store.delete_reflection(day)
    assert gone.differently == SECRET
    assert kept.store.reflection(day) is None and kept.store.search("zanzibar") == []
    assert left_of(SECRET, on_disk(kept)) == []
    assert words_left(on_disk(kept)) == []


def test_deleting_a_reflection_that_is_not_there_is_one_clear_error(kept: Opened) -> None:
    from mlcoach.domain.errors import MlcoachError

    with pytest.raises(MlcoachError, match="no reflection for 2026-11-30"):
        kept.store.delete_reflection(date(2026, 11, 30))


def test_every_connection_to_a_plain_store_wipes_what_it_deletes(kept: Opened) -> None:
    """SQLCipher wipes deleted content in encrypted stores by itself; a plain store's
    connections (the app's, the idle app's, a window's kept one) ask for it."""
    light = LightStore(kept.layout.db, kept.secret)
    kept_conn = light.keep_connection()
    try:
        with kept.store.connection() as orm, light.connection() as raw:
            modes = [c.execute("PRAGMA secure_delete").fetchone()[0] for c in (orm, raw)]
        with kept_conn.use() as conn:
            modes.append(conn.execute("PRAGMA secure_delete").fetchone()[0])  # type: ignore[attr-defined]
    finally:
        kept_conn.release()
    assert modes == [1, 1, 1]


# The search index keeps each word once, folded to lower case, and the start of a word
# shared with the word before it in its page only once: its tail is what is left to find.
WORDS = ("zanzibar", "quixote", "interrupting")


def words_left(data: bytes) -> list[str]:
    return [w for w in WORDS if w[2:].encode() in data]


def test_the_search_index_forgets_a_deleted_moments_words(kept: Opened) -> None:
    moment = kept.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    kept.store.delete_moment(moment.id)
    assert kept.store.search("zanzibar") == []
    assert words_left(on_disk(kept)) == []


def test_the_search_index_forgets_words_edited_out(kept: Opened) -> None:
    kept.store.add_person("Priya", notes=f"Prefers written feedback. {SECRET}.")
    kept.store.edit_person("Priya", notes="Prefers written feedback.")
    day = date(2026, 11, 30)
    kept.store.save_reflection(day, energy=2, differently=SECRET)
    kept.store.save_reflection(day, energy=2, differently="Ask earlier.")
    assert words_left(on_disk(kept)) == []


@pytest.mark.parametrize("how", ["tags edited", "moment deleted"])
def test_the_search_index_forgets_a_moments_tags(kept: Opened, how: str) -> None:
    """A moment's tags are in the index too (0013): taken off, or the moment deleted, their
    words leave the file as the text's do."""
    moment = kept.store.add_moment("Planned the offsite", Kind.OTHER,
                                   tags=list(WORDS))
    assert [h.ref for h in kept.store.search("quixote")] == [moment.id]
    if how == "tags edited":
        kept.store.update_moment(moment.id, tags=["offsite"])
    else:
        kept.store.delete_moment(moment.id)
    assert kept.store.search("zanzibar") == []
    assert words_left(on_disk(kept)) == []


def test_an_older_store_forgets_what_was_deleted_before(kept: Opened) -> None:
    """A store from before 0007 holds the words of moments deleted long ago; the upgrade
    rebuilds its index without them, and every kept moment is still found."""
    from datetime import UTC, datetime

    from mlcoach.store.db import connect_raw, ensure_schema

    def execute(sql: str) -> None:
        conn = connect_raw(kept.layout.db, kept.secret)
        try:
            conn.execute(sql)
        finally:
            conn.close()

    # As a store at 0006 was: FTS5's secure-delete off.
    execute("INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 0)")
    moment = kept.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    kept.store.delete_moment(moment.id)
    execute("UPDATE alembic_version SET version_num = '0006'")
    assert words_left(on_disk(kept)) == list(WORDS)  # what 0006 left behind

    assert ensure_schema(kept.layout.db, kept.secret, kept.layout.backups,
                         datetime.now(UTC))
    assert words_left(on_disk(kept)) == []
    assert len(kept.store.search("planning")) == 40
    assert len(kept.store.moments()) == 40


def test_backups_forget_a_deleted_moment_after_their_five_weeks(kept: Opened) -> None:
    """Backups keep what was deleted for as long as they are kept: the daily and weekly
    ones five weeks at most. The copy taken before an upgrade was kept for good, and
    with it every note deleted since."""
    from datetime import datetime, timedelta

    from mlcoach.store.backups import daily_backup
    from mlcoach.store.db import backup_file

    folder, key = kept.layout.backups, kept.secret.raw_key
    start = datetime(2026, 9, 1, 9)
    moment = kept.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    before = backup_file(kept.layout.db, kept.secret, folder, start, label="pre-migrate-0006")
    kept.store.delete_moment(moment.id)
    daily_backup(kept.layout.db, kept.secret, folder, start + timedelta(days=30))
    assert before.exists()  # a month on, the way back from an upgrade is still there
    daily_backup(kept.layout.db, kept.secret, folder, start + timedelta(days=36))
    assert not before.exists()
    assert [p.name for p in sorted(folder.glob("*.db"))
            if left_of(SECRET, readable_bytes(p, key))] == []


def test_an_older_plain_store_is_wiped_once(tmp_path: Path, memory_keyring: object) -> None:
    """A plain store written before secure_delete holds deleted moments' text in its free
    space; the upgrade copies it afresh (VACUUM) once, after the migration, losing
    nothing. A start killed between the two wipes it at the next start."""
    from datetime import UTC, datetime

    from mlcoach.store.db import connect_raw, ensure_schema

    opened = init_store(Layout(tmp_path / "data"), "none", keys=OSKeyring())
    for i in range(40):
        opened.store.add_moment(f"{FILLER} {i}", Kind.OTHER, person="Ana")
    gone = opened.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    opened.store.close()
    conn = connect_raw(opened.layout.db, opened.secret)
    try:  # as an mlcoach before 0007 deleted it
        conn.execute("PRAGMA secure_delete = OFF")
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 0)")
        conn.execute("DELETE FROM moments WHERE id = ?", (gone.id,))
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    finally:
        conn.close()
    assert left_of(SECRET, on_disk(opened)) != []

    now = datetime.now(UTC)
    assert ensure_schema(opened.layout.db, opened.secret, opened.layout.backups, now)
    assert left_of(SECRET, on_disk(opened)) == []
    assert len(opened.store.search("planning")) == 40
    assert not ensure_schema(opened.layout.db, opened.secret, opened.layout.backups, now)


def test_a_wipe_cut_short_is_done_at_the_next_start(tmp_path: Path,
                                                    memory_keyring: object) -> None:
    from datetime import UTC, datetime

    from mlcoach.store.db import WIPE_PENDING, connect_raw, ensure_schema

    opened = init_store(Layout(tmp_path / "data"), "none", keys=OSKeyring())
    gone = opened.store.add_moment(SECRET, Kind.SUGGESTION)
    opened.store.close()
    conn = connect_raw(opened.layout.db, opened.secret)
    try:  # the migration committed (it marks the wipe due), then the process was killed
        conn.execute("PRAGMA secure_delete = OFF")
        conn.execute("DELETE FROM moments WHERE id = ?", (gone.id,))
        conn.execute(f"PRAGMA user_version = {WIPE_PENDING}")
    finally:
        conn.close()
    assert left_of(SECRET, on_disk(opened)) != []
    assert not ensure_schema(opened.layout.db, opened.secret, opened.layout.backups,
                             datetime.now(UTC))  # nothing to migrate
    assert left_of(SECRET, on_disk(opened)) == []


def test_the_reader_sees_live_text_in_the_wal(kept: Opened) -> None:
    """The check itself, for the -wal: with a connection kept open, a new moment is in
    the -wal's frames (decrypted), not yet in the file."""
    from tests.reliability.forensics import decrypt_wal

    held = LightStore(kept.layout.db, kept.secret).keep_connection()
    try:
        with held.use() as conn:
            conn.execute("SELECT count(*) FROM moments").fetchone()  # type: ignore[attr-defined]
        kept.store.add_moment(SECRET, Kind.OTHER)
        wal = Path(f"{kept.layout.db}-wal").read_bytes()
        key = kept.secret.raw_key
        assert SECRET.encode() in (wal if key is None else decrypt_wal(wal, key))
    finally:
        held.release()


def test_the_wal_forgets_while_a_window_keeps_the_store_open(kept: Opened) -> None:
    """The History window keeps a connection for its life, so the -wal is not folded in
    and removed after each write: its frames held the deleted moment (and a person's
    note or reflection edited away) for as long as the window stayed open."""
    light = LightStore(kept.layout.db, kept.secret)
    held = light.keep_connection()
    try:
        with held.use() as conn:  # the window's first read opens it
            conn.execute("SELECT count(*) FROM moments").fetchone()  # type: ignore[attr-defined]
        moment = kept.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
        kept.store.delete_moment(moment.id)
        kept.store.edit_person("Priya", notes=SECRET)
        kept.store.edit_person("Priya", notes="")
        day = date(2026, 11, 30)
        kept.store.save_reflection(day, energy=2, differently=SECRET)
        kept.store.save_reflection(day, energy=2, differently="")
        edited = kept.store.add_moment(f"Fine. {SECRET}", Kind.OTHER)
        kept.store.update_moment(edited.id, text="Fine.")
        data = readable_bytes(kept.layout.db, kept.secret.raw_key)
        assert (left_of(SECRET, data), words_left(data)) == ([], [])
    finally:
        held.release()


@pytest.mark.parametrize("through", ["store", "light"])
def test_a_discarded_draft_leaves_no_text_while_a_window_is_open(kept: Opened,
                                                                 through: str) -> None:
    """A reflection typed and then discarded (its draft key cleared), with History open:
    the -wal kept every saved draft of it."""
    light = LightStore(kept.layout.db, kept.secret)
    writer = kept.store if through == "store" else light
    held = light.keep_connection()
    try:
        with held.use() as conn:
            conn.execute("SELECT count(*) FROM moments").fetchone()  # type: ignore[attr-defined]
        writer.set_state("reflection_draft", {"differently": SECRET})
        writer.set_state("reflection_draft", None)
        data = readable_bytes(kept.layout.db, kept.secret.raw_key)
        assert left_of(SECRET, data) == []
    finally:
        held.release()


def test_a_wipe_that_cannot_run_does_not_stop_the_start(tmp_path: Path,
                                                       memory_keyring: object,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    """VACUUM needs room for a second copy of the store: on a full disk it fails. The
    start goes on (the wipe stays due, for a later start), every moment kept."""
    from datetime import UTC, datetime

    import sqlcipher3.dbapi2 as sqlcipher

    from mlcoach.store import db
    from mlcoach.store.db import WIPE_PENDING, connect_raw, ensure_schema

    opened = init_store(Layout(tmp_path / "data"), "none", keys=OSKeyring())
    opened.store.add_moment(FILLER, Kind.OTHER)
    opened.store.close()
    conn = connect_raw(opened.layout.db, opened.secret)
    conn.execute(f"PRAGMA user_version = {WIPE_PENDING}")
    conn.close()

    class NoRoom:
        def __init__(self, inner: object) -> None:
            self._inner = inner

        def execute(self, sql: str, *args: object) -> object:
            if sql == "VACUUM":
                raise sqlcipher.OperationalError("database or disk is full")
            return self._inner.execute(sql, *args)  # type: ignore[attr-defined]

        def close(self) -> None:
            self._inner.close()  # type: ignore[attr-defined]

    real = db.connect_raw
    monkeypatch.setattr(db, "connect_raw", lambda *a, **k: NoRoom(real(*a, **k)))
    assert not ensure_schema(opened.layout.db, opened.secret, opened.layout.backups,
                             datetime.now(UTC))
    monkeypatch.undo()
    conn = connect_raw(opened.layout.db, opened.secret)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == WIPE_PENDING
        assert conn.execute("SELECT text FROM moments").fetchall() == [(FILLER,)]
    finally:
        conn.close()


def _damage_deep_inside(opened: Opened) -> None:
    """300 moments more, the store closed, and one page deep inside made to fail its
    HMAC (a restore from the backup follows)."""
    for i in range(300):
        opened.store.add_moment(f"filler {i} " + "y" * 300)
    opened.store.close()
    db = opened.layout.db
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek((size // 4096 - 2) * 4096 + 900)
        fh.write(bytes(64))


@contextmanager
def _restored(opened: Opened, start: datetime) -> Iterator[Store]:
    """The store as a restore of its damaged file at `start` leaves it (the newest good
    backup, with what the damaged file still holds carried over), open for the block."""
    from mlcoach.store import recovery
    from mlcoach.store.core import Store
    from mlcoach.store.db import make_engine

    layout, secret = opened.layout, opened.secret
    assert recovery.repair(layout.root, secret, "damaged", start,
                           recovery.identity(layout.db)) is not None
    store = Store(make_engine(layout.db, secret), layout.db, secret)
    try:
        yield store
    finally:
        store.close()


def test_a_restored_backup_does_not_bring_a_deleted_moment_back(opened: Opened) -> None:
    """A damaged store is replaced by its newest backup, with what was written after it
    carried over from the damaged file. A moment deleted after that backup came back
    with it: the deletion is carried over now too."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store import recovery
    from mlcoach.store.backups import daily_backup
    from mlcoach.store.core import Store
    from mlcoach.store.db import make_engine

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = opened.layout, opened.secret
    opened.store.add_moment("in the backup")
    gone = opened.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    opened.store.delete_moment(gone.id)
    _damage_deep_inside(opened)

    note = recovery.repair(layout.root, secret, "damaged", start,
                           recovery.identity(layout.db))
    assert note is not None and note.carried > 0
    store = Store(make_engine(layout.db, secret), layout.db, secret)
    try:
        texts = [m.text for m in store.moments()]
        assert "in the backup" in texts and SECRET not in texts
        assert store.search("zanzibar") == []
    finally:
        store.close()


def test_a_restored_backup_does_not_bring_a_deleted_reflection_back(opened: Opened) -> None:
    """The same for a day's reflection deleted after the backup; a reflection written
    again for that day afterwards is carried over."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = opened.layout, opened.secret
    gone, again = date(2026, 8, 30), date(2026, 8, 31)
    opened.store.save_reflection(gone, energy=2, differently=SECRET)
    opened.store.save_reflection(again, energy=2, differently=SECRET)
    opened.store.save_reflection(date(2026, 8, 29), energy=4, went_well="in the backup")
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    opened.store.delete_reflection(gone)
    opened.store.delete_reflection(again)
    opened.store.save_reflection(again, energy=3, went_well="Calm review.")
    _damage_deep_inside(opened)

    with _restored(opened, start) as store:
        assert store.reflection(gone) is None
        written = store.reflection(again)
        assert written is not None and (written.energy, written.went_well, written.differently
                                        ) == (3, "Calm review.", "")
        kept = store.reflection(date(2026, 8, 29))
        assert kept is not None and kept.went_well == "in the backup"
        assert store.search("zanzibar") == []


def test_an_undone_deletion_is_not_carried(kept: Opened) -> None:
    """Undo puts the moment back: it is no longer on the list a restore applies, so a
    later restore keeps it."""
    moment = kept.store.add_moment(SECRET, Kind.SUGGESTION)
    gone = kept.store.delete_moment(moment.id)
    with kept.store.connection() as conn:
        assert conn.execute("SELECT id FROM deleted_moments").fetchall() == [(moment.id,)]
    kept.store.restore_moment(gone)
    with kept.store.connection() as conn:
        assert conn.execute("SELECT id FROM deleted_moments").fetchall() == []


def test_a_restored_backup_does_not_bring_edited_away_words_back(kept: Opened) -> None:
    """A moment, a person's note and a reflection edited after the backup came back as
    the backup had them. A row the damaged file still reads is the user's latest, and
    wins where it is newer: an encrypted store's pages are authenticated; a plain
    store's row must read as its search index copy does (it came back before)."""
    opened = kept
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = opened.layout, opened.secret
    moment = opened.store.add_moment(f"Good demo. {SECRET}.", Kind.RECOGNITION)
    opened.store.add_person("Priya", notes=f"Likes detail. {SECRET}.")
    day = date(2026, 8, 31)
    opened.store.save_reflection(day, energy=3, differently=SECRET)
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    opened.store.update_moment(moment.id, text="Good demo.")
    opened.store.edit_person("Priya", notes="Likes detail.")
    opened.store.save_reflection(day, energy=3, differently="Ask earlier.")
    _damage_deep_inside(opened)

    with _restored(opened, start) as store:
        edited = store.get_moment(moment.id)
        assert edited is not None and edited.text == "Good demo."
        priya = store.find_person("Priya")
        assert priya is not None and priya.notes == "Likes detail."
        reflection = store.reflection(day)
        assert reflection is not None and reflection.differently == "Ask earlier."
        assert store.search("zanzibar") == []


@pytest.mark.parametrize("through", ["quick", "store"])
def test_a_capture_sent_again_after_its_deletion_stays_deleted(kept: Opened,
                                                               through: str) -> None:
    """A capture is sent again with its id when the answer to the first send was lost
    (`mlcoach capture` handing over to the app, a retry): the insert took the id off the
    deleted list and the deleted moment came back. Sent again, it stays deleted, said
    in one line; a capture sent twice and never deleted is kept once."""
    from mlcoach.domain.errors import MomentDeletedError
    from mlcoach.domain.ids import new_id

    light = LightStore(kept.layout.db, kept.secret)
    send = light.add_moment if through == "quick" else kept.store.add_moment
    kept_id, gone_id = new_id(), new_id()
    send(f"{FILLER} kept", Kind.OTHER, person="Ana", moment_id=kept_id)
    send(SECRET, Kind.SUGGESTION, person="Priya", moment_id=gone_id)
    kept.store.delete_moment(gone_id)

    with pytest.raises(MomentDeletedError) as raised:
        send(SECRET, Kind.SUGGESTION, person="Priya", moment_id=gone_id)
    assert str(raised.value) == (f"the moment {gone_id} was stored and has since been "
                                 "deleted; it is not stored again")
    assert send(f"{FILLER} kept", Kind.OTHER, person="Ana", moment_id=kept_id).id == kept_id
    assert kept.store.get_moment(gone_id) is None
    assert [m.id for m in kept.store.moments() if m.text.endswith("kept")] == [kept_id]
    assert left_of(SECRET, on_disk(kept)) == []


def test_an_undone_deletion_still_puts_the_moment_back(kept: Opened) -> None:
    """Undo inserts the deleted id on purpose: it is not a capture sent again."""
    moment = kept.store.add_moment(SECRET, Kind.SUGGESTION, person="Priya")
    kept.store.restore_moment(kept.store.delete_moment(moment.id))
    back = kept.store.get_moment(moment.id)
    assert back is not None and back.text == SECRET


def test_a_plain_stores_damaged_row_does_not_replace_the_backups(tmp_path: Path,
                                                                memory_keyring: object
                                                                ) -> None:
    """A plain store's pages carry no checksum: a row edited after the backup whose
    words the damage changed (they no longer read as its search index copy) is not
    taken over the backup's."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup

    opened = init_store(Layout(tmp_path / "data"), "none", keys=OSKeyring())
    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = opened.layout, opened.secret
    moment = opened.store.add_moment("Reviewed the plan with Deniz.", Kind.RECOGNITION)
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    opened.store.update_moment(moment.id, text="Reviewed the plan with Deniz, twice.")
    _damage_deep_inside(opened)
    data = layout.db.read_bytes()
    row = b"Deniz, twice.recognition"  # the row's text, its kind next (not the index's)
    assert data.count(row) == 1
    layout.db.write_bytes(data.replace(row, b"Deniz, twixe.recognition"))

    with _restored(opened, start) as store:
        kept_row = store.get_moment(moment.id)
        assert kept_row is not None and kept_row.text == "Reviewed the plan with Deniz."


@pytest.mark.parametrize("revision", ["0012", "0013", "head"])
def test_a_plain_stores_edited_tagged_moment_is_carried_over(tmp_path: Path, revision: str,
                                                            memory_keyring: object) -> None:
    """From revision 0013 a moment's index copy holds its tags too, from 0014 its person;
    a plain store's damaged file may still be older (damaged before the upgrade ran).
    The edit of a tagged moment is vouched for by its index copy whatever its form."""
    from datetime import UTC, datetime, timedelta

    from alembic import command
    from alembic.config import Config

    from mlcoach.store import migrations
    from mlcoach.store.backups import daily_backup
    from mlcoach.store.db import make_engine

    opened = init_store(Layout(tmp_path / "data"), "none", keys=OSKeyring())
    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = opened.layout, opened.secret
    moment = opened.store.add_moment("Reviewed the plan with Deniz.", Kind.RECOGNITION,
                                     tags=["review", "planning"], person="Deniz Kaya")
    backup = daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    assert backup is not None
    opened.store.update_moment(moment.id, text="Reviewed the plan with Deniz, twice.")
    for i in range(300):
        opened.store.add_moment(f"filler {i} " + "y" * 300)
    opened.store.close()
    if revision != "head":
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
        for path in (layout.db, backup):
            engine = make_engine(path, secret)
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, revision)
            engine.dispose()
    size = layout.db.stat().st_size
    with open(layout.db, "r+b") as fh:  # as _damage_deep_inside
        fh.seek((size // 4096 - 2) * 4096 + 900)
        fh.write(bytes(64))

    with _restored(opened, start) as store:
        kept_row = store.get_moment(moment.id)
        assert kept_row is not None and kept_row.text == "Reviewed the plan with Deniz, twice."
        assert kept_row.tags == ("review", "planning")


def _damage_a_moments_page(opened: Opened) -> None:
    """300 moments more, the store closed, and a page of the moments table past its
    first made unreadable (found by trying each page on a copy: ids are random, so the
    table's pages are not always in the same place)."""
    from mlcoach.store.db import connect_raw

    for i in range(300):
        opened.store.add_moment(f"filler {i} " + "y" * 300)
    opened.store.close()
    db, secret = opened.layout.db, opened.secret
    good = db.read_bytes()
    trial = db.with_name("trial.db")

    def reads(sql: str) -> bool:
        try:
            conn = connect_raw(trial, secret, read_only=True)
        except Exception:
            return False
        try:
            conn.execute(sql).fetchall()
            return True
        except Exception:
            return False
        finally:
            conn.close()

    for page in range(len(good) // 4096 - 1, 2, -1):
        # the page's head: its HMAC fails (encrypted), its b-tree header is void (plain)
        damaged = good[:page * 4096] + bytes(64) + good[page * 4096 + 64:]
        trial.write_bytes(damaged)
        if not reads("SELECT * FROM moments") and reads("SELECT * FROM reflections") \
                and reads("SELECT * FROM people"):
            trial.unlink()
            db.write_bytes(damaged)
            return
    raise AssertionError("no page of the moments table alone")


def test_what_follows_a_damaged_moments_page_is_still_carried(kept: Opened) -> None:
    """Reading the moments table up to its damaged page left the damaged file's
    connection failing every read after it: a reflection written after the backup was
    lost, and one edited after it came back as the backup had it."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    edited, written = date(2026, 8, 30), date(2026, 8, 31)
    kept.store.save_reflection(edited, energy=3, differently=SECRET)
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.save_reflection(edited, energy=3, differently="Ask earlier.")
    kept.store.save_reflection(written, energy=4, went_well="Calm review.")
    _damage_a_moments_page(kept)

    with _restored(kept, start) as store:
        later = store.reflection(written)
        assert later is not None and later.went_well == "Calm review."
        rewritten = store.reflection(edited)
        assert rewritten is not None and rewritten.differently == "Ask earlier."


def _planned(opened: Opened) -> tuple[str, str]:
    """A composed suggestion saved with its planned moment (the composer's Save, `mlcoach
    suggest --save`): (suggestion id, moment id)."""
    from mlcoach.domain.enums import ChangeKind, Size

    suggestion, moment = opened.store.add_suggestion(
        style=None, change=SECRET, action=ChangeKind.STOP, size=Size.SMALL,
        text=f"Try this week: {SECRET}.", person="Priya")
    assert moment is not None
    return suggestion.id, moment.id


def test_a_deleted_planned_moment_takes_its_suggestions_words(kept: Opened) -> None:
    """A planned moment deleted in History left the suggestion it was made from, the
    same words: `mlcoach search` still found them, `export` still wrote them, the file
    still held them. Undo puts both back."""
    suggestion_id, moment_id = _planned(kept)
    gone = kept.store.delete_moment(moment_id)
    assert kept.store.search("zanzibar") == []
    assert kept.store.suggestions() == []
    kept.store.restore_moment(gone)
    back = kept.store.get_moment(moment_id)
    assert back is not None and back.suggestion_id == suggestion_id
    assert [s.id for s in kept.store.suggestions()] == [suggestion_id]
    kept.store.delete_moment(moment_id)
    data = on_disk(kept)
    assert left_of(SECRET, data) == [] and words_left(data) == []


def test_two_planned_moments_deleted_and_undone_both_get_their_suggestions(
        kept: Opened) -> None:
    """The store kept only the last deletion's suggestion for undo, but History's undo
    is a stack: undone twice, the first moment came back without its suggestion, gone
    for good. Kept in memory only: the file holds neither's words meanwhile."""
    from mlcoach.domain.enums import ChangeKind, Size

    first_suggestion, first = _planned(kept)
    second_suggestion, second_moment = kept.store.add_suggestion(
        style=None, change="stop the long status round", action=ChangeKind.STOP,
        size=Size.SMALL, text="Try this week: stop the long status round.", person="Ana")
    assert second_moment is not None
    gone_first = kept.store.delete_moment(first)
    gone_second = kept.store.delete_moment(second_moment.id)
    assert kept.store.suggestions() == []
    data = on_disk(kept)
    assert left_of(SECRET, data) == [] and words_left(data) == []
    kept.store.restore_moment(gone_second)
    kept.store.restore_moment(gone_first)
    back = kept.store.get_moment(first)
    assert back is not None and back.suggestion_id == first_suggestion
    assert sorted(s.id for s in kept.store.suggestions()) == sorted(
        [first_suggestion, second_suggestion.id])
    assert [s.text for s in kept.store.suggestions() if s.id == first_suggestion] == [
        f"Try this week: {SECRET}."]


def test_a_restored_backup_does_not_bring_a_deleted_suggestion_back(kept: Opened) -> None:
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    _suggestion_id, moment_id = _planned(kept)
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.delete_moment(moment_id)
    _damage_a_moments_page(kept)

    with _restored(kept, start) as store:
        assert store.suggestions() == [] and store.search("zanzibar") == []


def test_a_planned_moment_edited_takes_its_suggestions_words(kept: Opened) -> None:
    """Editing a planned moment's words left them in the suggestion it was made from:
    found by `mlcoach search`, written by `export`, kept in the file."""
    suggestion_id, moment_id = _planned(kept)
    kept.store.update_moment(moment_id, text="Keep standups to fifteen minutes")
    assert kept.store.search("zanzibar") == []
    [suggestion] = kept.store.suggestions()
    assert suggestion.id == suggestion_id
    assert suggestion.change == "Keep standups to fifteen minutes"
    assert "Zanzibar" not in suggestion.text
    data = on_disk(kept)
    assert left_of(SECRET, data) == [] and words_left(data) == []


def test_a_restored_backup_does_not_bring_an_edited_suggestions_words_back(kept: Opened
                                                                          ) -> None:
    """The backup has the suggestion as composed from the old words; the damaged file,
    as reworded with its planned moment's edit, which wins with the moment's."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    suggestion_id, moment_id = _planned(kept)
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.update_moment(moment_id, text="Keep standups to fifteen minutes")
    _damage_a_moments_page(kept)

    with _restored(kept, start) as store:
        moment = store.get_moment(moment_id)
        assert moment is not None and moment.text == "Keep standups to fifteen minutes"
        [suggestion] = store.suggestions()
        assert suggestion.id == suggestion_id
        assert suggestion.change == "Keep standups to fifteen minutes"
        assert store.search("zanzibar") == []


NOTES = "Zanzibar Quixote takes criticism badly; avoid the interrupting jokes"


def test_a_deleted_person_leaves_no_name_or_notes(kept: Opened) -> None:
    """Archiving kept a person's name and notes for good; `wipe` was the only way to
    remove them. Deleted, they are gone from the file; the moments and suggestions with
    them stay in the history, with no one attached."""
    from mlcoach.domain.enums import ChangeKind, Size

    kept.store.add_person("Zanzibarine Quixotica", notes=NOTES)
    moment = kept.store.add_moment("Thanked her for the careful review", Kind.RECOGNITION,
                                   person="Zanzibarine Quixotica")
    kept.store.add_suggestion(style=None, change="keep reviews short", action=ChangeKind.START,
                              size=Size.SMALL, text="Try it", person="Zanzibarine Quixotica")
    gone = kept.store.delete_person("zanzibarine quixotica")
    assert gone.name == "Zanzibarine Quixotica"
    assert [p.name for p in kept.store.people(include_archived=True)] == ["Ana"]
    assert kept.store.find_person("Zanzibarine Quixotica") is None
    after = kept.store.get_moment(moment.id)
    assert after is not None and after.person is None
    assert after.text == "Thanked her for the careful review"
    [suggestion] = kept.store.suggestions()
    assert suggestion.person is None and suggestion.change == "keep reviews short"
    assert kept.store.search("zanzibar") == [] and kept.store.search("quixote") == []
    data = on_disk(kept)
    assert left_of(NOTES, data) == [] and words_left(data) == []
    assert b"Zanzibarine" not in data and b"zanzibarine" not in data


def test_deleting_someone_unknown_changes_nothing(kept: Opened) -> None:
    from mlcoach.domain.errors import MlcoachError

    with pytest.raises(MlcoachError, match="no person called"):
        kept.store.delete_person("Nobody")
    assert [p.name for p in kept.store.people()] == ["Ana"]


def test_a_restored_backup_does_not_bring_a_deleted_person_back(kept: Opened) -> None:
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    kept.store.add_person("Zanzibarine Quixotica", notes=NOTES)
    moment = kept.store.add_moment("Thanked her for the careful review",
                                   person="Zanzibarine Quixotica")
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.delete_person("Zanzibarine Quixotica")
    _damage_a_moments_page(kept)

    with _restored(kept, start) as store:
        assert store.find_person("Zanzibarine Quixotica") is None
        assert store.search("zanzibar") == []
        back = store.get_moment(moment.id)
        assert back is not None and back.person is None


def test_a_deleted_persons_name_leaves_the_suggestions_composed_for_them(kept: Opened
                                                                         ) -> None:
    """A suggestion composed for someone names them ("With …", "… could you"): the
    person deleted, it is composed again for no one in particular."""
    from mlcoach.domain.enums import ChangeKind, Size, Style
    from mlcoach.influence.composer import SuggestionRequest, compose
    from mlcoach.influence.reworded import reworded

    def composed(person: str | None) -> str:
        return compose(SuggestionRequest(change="keep reviews short", style=Style.FACTS,
                                         action=ChangeKind.START, size=Size.SMALL,
                                         person=person)).as_text()

    kept.store.add_person("Zanzibarine Quixotica", notes=NOTES)
    kept.store.add_suggestion(style=Style.FACTS, change="keep reviews short",
                              action=ChangeKind.START, size=Size.SMALL,
                              text=composed("Zanzibarine Quixotica"),
                              person="Zanzibarine Quixotica")
    assert "Zanzibarine" in kept.store.suggestions()[0].text
    kept.store.delete_person("Zanzibarine Quixotica", reword=reworded)
    [suggestion] = kept.store.suggestions()
    assert suggestion.text == composed(None) and suggestion.person is None
    data = on_disk(kept)
    assert b"Zanzibarine" not in data and b"zanzibarine" not in data


def test_a_suggestion_not_composed_again_loses_only_what_names_the_person(kept: Opened
                                                                           ) -> None:
    """Text the coach cannot compose again (from another version, or a fault in its
    rules) became the bare change for every suggestion made for the person deleted,
    though only the ones naming them had anything to take away."""
    from mlcoach.domain.enums import ChangeKind, Size, Style

    def broken(_saved, _change):  # type: ignore[no-untyped-def]
        raise RuntimeError("a fault in the wording's rules")

    kept.store.add_person("Zanzibarine Quixotica", notes=NOTES)
    for text in ("Written elsewhere: keep reviews short, and ask for one change.",
                 "With Zanzibarine Quixotica: keep reviews short."):
        kept.store.add_suggestion(style=Style.FACTS, change="keep reviews short",
                                  action=ChangeKind.START, size=Size.SMALL, text=text,
                                  person="Zanzibarine Quixotica")
    kept.store.delete_person("Zanzibarine Quixotica", reword=lambda *_a: None)
    assert sorted(s.text for s in kept.store.suggestions()) == [
        "Written elsewhere: keep reviews short, and ask for one change.",
        "keep reviews short"]
    assert b"Zanzibarine" not in on_disk(kept)


def test_a_fault_in_the_wording_does_not_stop_a_person_being_deleted(kept: Opened
                                                                      ) -> None:
    from mlcoach.domain.enums import ChangeKind, Size, Style
    from mlcoach.influence import reworded as module

    kept.store.add_person("Zanzibarine Quixotica", notes=NOTES)
    kept.store.add_suggestion(style=Style.FACTS, change="keep reviews short",
                              action=ChangeKind.START, size=Size.SMALL,
                              text="With Zanzibarine Quixotica: keep reviews short.",
                              person="Zanzibarine Quixotica")

    def manner(_text):  # type: ignore[no-untyped-def]
        raise RuntimeError("a fault in the wording's rules")

    original = module.manner_of
    module.manner_of = manner  # type: ignore[assignment]
    try:
        kept.store.delete_person("Zanzibarine Quixotica", reword=module.reworded)
    finally:
        module.manner_of = original  # type: ignore[assignment]
    assert kept.store.find_person("Zanzibarine Quixotica") is None
    assert [s.text for s in kept.store.suggestions()] == ["keep reviews short"]


def test_a_renamed_persons_old_name_leaves_the_suggestions_composed_for_them(kept: Opened
                                                                             ) -> None:
    """A name corrected (or a nickname dropped) stayed in every suggestion composed
    for them ("With Zanzibarine")."""
    from mlcoach.domain.enums import ChangeKind, Size, Style
    from mlcoach.influence.composer import SuggestionRequest, compose
    from mlcoach.influence.reworded import reworded

    def composed(person: str) -> str:
        return compose(SuggestionRequest(change="keep reviews short", style=Style.FACTS,
                                         action=ChangeKind.START, size=Size.SMALL,
                                         person=person)).as_text()

    kept.store.add_suggestion(style=Style.FACTS, change="keep reviews short",
                              action=ChangeKind.START, size=Size.SMALL,
                              text=composed("Zanzibarine"), person="Zanzibarine")
    kept.store.edit_person("Zanzibarine", new_name="Priya", reword=reworded)
    [suggestion] = kept.store.suggestions()
    assert suggestion.text == composed("Priya") and suggestion.person == "Priya"
    data = on_disk(kept)
    assert b"Zanzibarine" not in data and b"zanzibarine" not in data


def test_a_restored_backup_does_not_bring_a_deleted_persons_name_back_in_a_suggestion(
        kept: Opened) -> None:
    """The backup has the suggestion composed for them; the damaged file, composed
    again for no one once they were deleted: that one is the later."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.domain.enums import ChangeKind, Size, Style
    from mlcoach.influence.composer import SuggestionRequest, compose
    from mlcoach.influence.reworded import reworded
    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    text = compose(SuggestionRequest(change="keep reviews short", style=Style.FACTS,
                                     action=ChangeKind.START, size=Size.SMALL,
                                     person="Zanzibarine Quixotica")).as_text()
    kept.store.add_suggestion(style=Style.FACTS, change="keep reviews short",
                              action=ChangeKind.START, size=Size.SMALL, text=text,
                              person="Zanzibarine Quixotica")
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.delete_person("Zanzibarine Quixotica", reword=reworded)
    _damage_a_moments_page(kept)

    with _restored(kept, start) as store:
        [suggestion] = store.suggestions()
        assert "Zanzibarine" not in suggestion.text and suggestion.person is None
        assert store.search("zanzibarine") == []


def _damage_the_roots_of(opened: Opened, *tables: str) -> None:
    """The store closed and each table's root page made unreadable: none of its rows
    read (300 moments more first, so the moments table is more than its root)."""
    from mlcoach.store.db import connect_raw

    for i in range(300):
        opened.store.add_moment(f"filler {i} " + "y" * 300)
    opened.store.close()
    conn = connect_raw(opened.layout.db, opened.secret, read_only=True)
    try:
        roots = [conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                              (table,)).fetchone()[0] for table in tables]
    finally:
        conn.close()
    with open(opened.layout.db, "r+b") as fh:
        for root in roots:
            fh.seek((root - 1) * 4096)
            fh.write(bytes(64))


@pytest.mark.parametrize("moments_read", [True, False])
def test_a_restored_backup_keeps_a_merged_names_moments_with_the_name_that_stayed(
        kept: Opened, moments_read: bool) -> None:
    """"Ana'ya" merged into Ana after the backup: the backup's moments and suggestions
    point to "Ana'ya", who is gone, and came back with no one. They come back Ana's,
    whether the damaged file's copies of them read (the merge's edit is the later) or
    not (the merge is on record)."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.domain.enums import ChangeKind, Size, Style
    from mlcoach.store.backups import daily_backup

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    kept.store.add_person("Ana'ya")  # as a capture before endings were understood
    moment = kept.store.add_moment("Sürüm notları için teşekkür ettim", person="Ana'ya")
    kept.store.add_suggestion(style=Style.FACTS, change="keep reviews short",
                              action=ChangeKind.START, size=Size.SMALL,
                              text="Keep reviews short.", person="Ana'ya")
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.merge_person("Ana'ya", "Ana")
    if moments_read:
        _damage_deep_inside(kept)
    else:
        _damage_the_roots_of(kept, "moments", "suggestions")

    with _restored(kept, start) as store:
        back = store.get_moment(moment.id)
        assert back is not None and back.person == "Ana"
        [suggestion] = store.suggestions()
        assert suggestion.person == "Ana"
        assert [p.name for p in store.people()] == ["Ana"]


def test_a_restored_backup_offers_a_merged_persons_draft_for_the_one_kept(
        kept: Opened) -> None:
    """Notes typed in Priya S's editor were in the backup as her draft; she was merged into
    Priya after it, and the file damaged: the restore deleted the draft, words and all,
    where the merge had offered them in Priya's editor."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup
    from mlcoach.store.edit_drafts import offered, person_key

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    priya = kept.store.add_person("Priya", notes="Prefers a call.")
    gone = kept.store.add_person("Priya S", notes="Likes agendas.")
    saved = {"name": "Priya S", "style": "", "notes": "Likes agendas."}
    kept.store.keep_draft(person_key(gone.id), {"format": 1, "values": {
        **saved, "notes": "Likes agendas. Ask before moving her 1:1."}, "base": saved},
        person_id=gone.id)
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.merge_person("Priya S", "Priya")
    _damage_deep_inside(kept)

    with _restored(kept, start) as store:
        assert store.get_state(person_key(gone.id)) is None
        now = store.find_person("Priya")
        assert now is not None and now.id == priya.id
        shown = offered(store.get_state(person_key(priya.id)), ("name", "style", "notes"),
                        {"name": now.name, "style": "", "notes": now.notes}, ("notes",))
        assert shown is not None
        assert shown["notes"] == "Prefers a call.\n\nLikes agendas. Ask before moving her 1:1."
        assert shown["name"] == "Priya"


def test_a_chain_of_merges_leads_to_the_name_that_stayed() -> None:
    from mlcoach.store.carry_over import _merged_into

    deleted = {"anna": "anaya", "anaya": "ana", "gone": None, "loop1": "loop2",
               "loop2": "loop1"}
    assert _merged_into(deleted, "anna") == "ana"
    assert _merged_into(deleted, "anaya") == "ana"
    assert _merged_into(deleted, "gone") is None
    assert _merged_into(deleted, "loop1") is None


def test_a_deleted_persons_draft_notes_leave_no_text(kept: Opened) -> None:
    """Notes typed in a person's editor and kept as its draft (ui/edit_draft.py), never
    saved: deleting the person takes them too, from the file and not only the row."""
    from mlcoach.store.edit_drafts import person_key

    person = kept.store.add_person("Priya")
    kept.store.keep_draft(person_key(person.id), {"format": 1, "values": {
        "name": "Priya", "style": "", "notes": SECRET}}, person_id=person.id)
    kept.store.delete_person("Priya")
    assert left_of(SECRET, on_disk(kept)) == []


@pytest.mark.parametrize("through", ["store", "light"])
def test_an_editor_draft_saved_or_discarded_leaves_no_text_while_a_window_is_open(
        kept: Opened, through: str) -> None:
    """A moment's edit kept as its draft, then saved or discarded (its key forgotten),
    with History open on the store."""
    from mlcoach.store.edit_drafts import moment_key

    moment = kept.store.add_moment(FILLER, Kind.OTHER)
    light = LightStore(kept.layout.db, kept.secret)
    writer = kept.store if through == "store" else light
    held = light.keep_connection()
    try:
        with held.use() as conn:
            conn.execute("SELECT count(*) FROM moments").fetchone()  # type: ignore[attr-defined]
        for text in (SECRET[:30], SECRET):
            writer.keep_draft(moment_key(moment.id), {"format": 1, "values": {
                "text": text, "kind": "other", "outcome": ""}}, moment_id=moment.id)
        writer.forget_state(moment_key(moment.id))
        data = readable_bytes(kept.layout.db, kept.secret.raw_key)
        assert left_of(SECRET, data) == []
    finally:
        held.release()


def test_a_restored_backup_does_not_bring_a_deleted_persons_draft_back(kept: Opened) -> None:
    """Notes typed in their editor were in the backup as its draft; the person was deleted
    after it, and the file damaged: the restore brought the draft back with the backup."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup
    from mlcoach.store.edit_drafts import moment_key, person_key

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    person = kept.store.add_person("Zanzibarine Quixotica")
    moment = kept.store.add_moment("Thanked her for the careful review")
    kept.store.keep_draft(person_key(person.id), {"format": 1, "values": {
        "name": "Zanzibarine Quixotica", "style": "", "notes": NOTES}}, person_id=person.id)
    kept.store.keep_draft(moment_key(moment.id), {"format": 1, "values": {
        "text": SECRET, "kind": "other", "outcome": ""}}, moment_id=moment.id)
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.delete_person("Zanzibarine Quixotica")
    kept.store.delete_moment(moment.id)
    _damage_a_moments_page(kept)

    with _restored(kept, start) as store:
        assert store.find_person("Zanzibarine Quixotica") is None
        assert store.get_state(person_key(person.id)) is None
        assert store.get_state(moment_key(moment.id)) is None


def test_a_restored_backup_does_not_bring_back_the_coachs_words_about_a_deleted_person(
        kept: Opened) -> None:
    """The coach's draft named them in Who when the backup was taken; they were deleted
    after it (which took the draft then), and the file damaged: the restore brought the
    coach's words about them back with the backup, offered at its next opening."""
    from datetime import UTC, datetime, timedelta

    from mlcoach.store.backups import daily_backup
    from mlcoach.store.edit_drafts import COACH

    start = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    layout, secret = kept.layout, kept.secret
    kept.store.add_person("Zanzibarine Quixotica")
    kept.store.add_moment("Thanked her for the careful review")
    kept.store.set_state(COACH, {"format": 1, "values": {
        "who": "@Zanzibarine Quixotica'ya", "style": "", "change": SECRET, "kind": "",
        "size": "", "example": ""}})
    daily_backup(layout.db, secret, layout.backups, start - timedelta(days=1))
    kept.store.delete_person("Zanzibarine Quixotica")
    assert kept.store.get_state(COACH) is None
    _damage_a_moments_page(kept)

    with _restored(kept, start) as store:
        assert store.find_person("Zanzibarine Quixotica") is None
        assert store.get_state(COACH) is None
