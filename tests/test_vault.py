"""Encryption at rest, the keyring key, the recovery key, passphrase and plain stores."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from mlcoach.domain.errors import NotInitializedError, StoreLockedError, UsageError
from mlcoach.security.keys import OSKeyring, decode_recovery_key, encode_recovery_key, new_raw_key
from mlcoach.store.vault import init_store, open_store, read_meta, recover, recovery_key


def test_plain_sqlite_cannot_read_the_store_but_mlcoach_can(opened, layout):
    opened.store.add_moment("Thanked Ana for the clear release notes")
    opened.store.close()
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(layout.db).execute("SELECT * FROM sqlite_master").fetchall()
    again = open_store(layout, keys=OSKeyring())
    assert [m.text for m in again.store.moments()] == ["Thanked Ana for the clear release notes"]
    again.store.close()


def test_first_open_shows_a_recovery_key_once(layout, memory_keyring):
    first = open_store(layout, keys=OSKeyring())
    assert first.recovery_key and len(decode_recovery_key(first.recovery_key)) == 32
    first.store.close()
    second = open_store(layout, keys=OSKeyring())
    assert second.recovery_key is None
    assert recovery_key(layout, OSKeyring()) == first.recovery_key
    second.store.close()


def test_key_never_written_beside_the_database(opened, layout, memory_keyring):
    key_hex = next(iter(memory_keyring.items.values()))
    for path in layout.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert key_hex.encode() not in data and bytes.fromhex(key_hex) not in data


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_and_files_are_private(opened, layout):
    opened.store.add_moment("x")
    assert stat.S_IMODE(layout.root.stat().st_mode) == 0o700
    for path in (layout.db, layout.meta):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_secure_keyring_stops_with_both_choices(layout, memory_keyring):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(NotInitializedError) as err:
        open_store(layout, keys=OSKeyring(env={}))
    message = str(err.value)
    assert "mlcoach init --passphrase" in message and "mlcoach init --no-encryption" in message
    assert "\n" not in message
    assert not layout.db.exists() and read_meta(layout) is None


def test_a_keyring_that_drops_writes_is_not_trusted(layout, memory_keyring):
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    with pytest.raises(NotInitializedError):
        open_store(layout, keys=OSKeyring(env={}))


def test_lost_keyring_entry_is_restored_from_the_recovery_key(layout, memory_keyring):
    first = open_store(layout, keys=OSKeyring())
    first.store.add_moment("Kept the demo short for the new colleague")
    first.store.close()
    memory_keyring.items.clear()
    with pytest.raises(StoreLockedError, match="mlcoach recover"):
        open_store(layout, keys=OSKeyring())
    wrong = encode_recovery_key(new_raw_key())
    with pytest.raises(StoreLockedError, match="does not open"):
        recover(layout, wrong, OSKeyring())
    assert memory_keyring.items == {}
    with pytest.raises(UsageError, match="typo"):
        recover(layout, first.recovery_key[:-3] + "AAA", OSKeyring())
    recover(layout, first.recovery_key.lower().replace("-", " "), OSKeyring())
    again = open_store(layout, keys=OSKeyring())
    assert [m.text for m in again.store.moments()] == ["Kept the demo short for the new colleague"]
    again.store.close()


def test_locked_keyring_gives_a_way_forward(layout, memory_keyring):
    open_store(layout, keys=OSKeyring()).store.close()
    memory_keyring.locked = True
    with pytest.raises(StoreLockedError, match="unlock your keyring"):
        open_store(layout, keys=OSKeyring())


def test_passphrase_store(layout, memory_keyring):
    opened = init_store(layout, "passphrase", keys=OSKeyring(), passphrase="correct horse")
    opened.store.add_moment("Asked how the rota could work better")
    opened.store.close()
    assert memory_keyring.items == {}
    with pytest.raises(StoreLockedError, match="wrong passphrase"):
        open_store(layout, keys=OSKeyring(), passphrase_source=lambda: "wrong horse")
    again = open_store(layout, keys=OSKeyring(), passphrase_source=lambda: "correct horse")
    assert len(again.store.moments()) == 1
    again.store.close()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(layout.db).execute("SELECT * FROM sqlite_master").fetchall()


def test_unencrypted_store_is_explicit_and_plain(layout, memory_keyring):
    opened = init_store(layout, "none", keys=OSKeyring())
    opened.store.add_moment("Plain text by choice")
    opened.store.close()
    rows = sqlite3.connect(layout.db).execute("SELECT text FROM moments").fetchall()
    assert rows == [("Plain text by choice",)]


def test_init_refuses_to_overwrite(opened, layout):
    with pytest.raises(UsageError, match="already exists"):
        init_store(layout, "none", keys=OSKeyring())


def test_recovery_key_round_trip_and_typo_tolerance():
    key = new_raw_key()
    text = encode_recovery_key(key)
    assert decode_recovery_key(text) == key
    assert decode_recovery_key(text.lower().replace("O", "0")) == key
    with pytest.raises(UsageError):
        decode_recovery_key("not a key")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize("mode", [0o1777, 0o777, 0o757])
def test_a_folder_others_may_write_in_is_refused_and_left_as_it_was(tmp_path, memory_keyring,
                                                                     mode):
    """`--data-dir /tmp` once made /tmp owner-only (sticky bit gone, everyone else locked
    out) and kept private notes where others can plant files."""
    from mlcoach.domain.errors import MlcoachError
    from mlcoach.store.vault import Layout

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, mode)
    with pytest.raises(MlcoachError, match="shared with other users"):
        init_store(Layout(shared), "keyring", keys=OSKeyring())
    assert stat.S_IMODE(shared.stat().st_mode) == mode
    assert list(shared.iterdir()) == [] and memory_keyring.items == {}


@pytest.mark.skipif(os.name != "posix" or os.getuid() != 0, reason="needs root to chown")
def test_a_folder_another_user_owns_is_refused(tmp_path, memory_keyring):
    from mlcoach.domain.errors import MlcoachError
    from mlcoach.store.vault import Layout

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chmod(theirs, 0o755)  # whatever the umask (CI's is 077)
    os.chown(theirs, 65534, 65534)  # nobody
    with pytest.raises(MlcoachError, match="shared with other users"):
        init_store(Layout(theirs), "keyring", keys=OSKeyring())
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o755 and list(theirs.iterdir()) == []


def test_a_clean_first_start_does_not_log_an_interrupted_one(layout, memory_keyring, caplog):
    """Every new store's log began "finished setting up the store after an interrupted
    start", which sends a reader looking for a crash that never happened."""
    import logging

    with caplog.at_level(logging.INFO):
        init_store(layout, "keyring", keys=OSKeyring()).store.close()
    assert not [r for r in caplog.records if "interrupted" in r.getMessage()]


@pytest.mark.parametrize("evidence", ["copy", "keyring", "backup"])
def test_a_store_json_that_calls_an_encrypted_store_plain_changes_nothing(
        opened, layout, memory_keyring, evidence):
    """Editing "keyring" to "none" in store.json set the encrypted database aside as
    damaged, started an empty store, and wrote "none" into the copy as well: all the
    user's data seemed gone. Any one sign that the store was encrypted now stops it."""
    import json

    from mlcoach.store.vault import meta_copy

    opened.store.add_moment("Thanked Ana for the clear release notes")
    opened.store.close()
    meta = json.loads(layout.meta.read_text())
    layout.meta.write_text(json.dumps(dict(meta, encryption="none")))
    if evidence != "copy":
        meta_copy(layout).write_text(json.dumps(dict(meta, encryption="none")))
    if evidence != "keyring":
        memory_keyring.items.clear()
    if evidence == "backup":
        layout.backups.mkdir(exist_ok=True)
        (layout.backups / "mlcoach-20250101T090000-daily.db").write_bytes(os.urandom(4096))
    before = {p: p.read_bytes() for p in layout.root.rglob("*") if p.is_file()}
    with pytest.raises(StoreLockedError, match="says the data is not encrypted"):
        open_store(layout, keys=OSKeyring())
    after = {p: p.read_bytes() for p in layout.root.rglob("*") if p.is_file()}
    assert after == before  # nothing set aside, nothing written
    layout.meta.write_text(json.dumps(meta))  # store.json put back: all is there
    if evidence != "keyring":
        return  # (its key went with the keyring in this case)
    again = open_store(layout, keys=OSKeyring())
    assert [m.text for m in again.store.moments()] == ["Thanked Ana for the clear release notes"]
    again.store.close()



@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("name", ["store.json", "recovery.json"])
@pytest.mark.parametrize("planted", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_in_place_of_a_small_file_is_not_read(opened, layout, name,
                                                                 planted):
    """recovery.json made a FIFO hung `mlcoach doctor` forever; a link to /dev/zero ate
    2.7 GB and ended in "unexpected error (MemoryError)"."""
    import threading

    from mlcoach.store.recovery import read_note

    opened.store.close()
    path = layout.root / name
    path.unlink(missing_ok=True)
    if planted == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(read_note(layout.root) if name == "recovery.json"
                           else read_meta(layout))
        except Exception as exc:  # what was raised is the finding
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():  # unblock the old code's open() so the thread can end
        with open(path, "wb"):
            pass
        pytest.fail(f"reading {name} as a {planted} did not return")
    if name == "recovery.json":
        assert outcome == [None]  # no note: nothing to say
    else:
        # store.json unreadable: its copy in the backups folder is read instead
        assert outcome and getattr(outcome[0], "encryption", None) == "keyring", outcome
