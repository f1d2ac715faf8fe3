"""Keyring failures: no backend, a locked keyring, a deleted entry, a wrong recovery key, a
wrong passphrase. Each gives one clear line with the way forward, and never deletes or
overwrites the store, store.json, the backups or the keyring entry.

These use the in-memory backend; tests/integration/test_keyring_failures.py repeats the
important ones against a real gnome-keyring over the Secret Service.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timezone
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null

from mlcoach.cli.main import main
from mlcoach.security.keys import KEYRING_SERVICE, OSKeyring, encode_recovery_key, new_raw_key
from mlcoach.store.backups import daily_backup
from mlcoach.store.vault import Layout, init_store
from mlcoach.ui.widgets import message_box

COMMANDS = [["capture", "a new moment"], ["export"], ["stats"], ["search", "kept"],
            ["people", "list"]]


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _cli(layout: Layout, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(layout.root), *argv], keys=OSKeyring(env={}),
                stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def keyed(opened, layout, memory_keyring):  # type: ignore[no-untyped-def]
    """A keyring-protected store with a moment and a backup; returns its recovery key."""
    opened.store.add_moment("kept safe through keyring trouble")
    daily_backup(layout.db, opened.secret, layout.backups,
                 datetime(2026, 11, 20, 8, tzinfo=timezone.utc))
    opened.store.close()
    return opened.recovery_key


def _assert_refused(layout: Layout, before: dict[str, str], *fragments: str) -> None:
    for argv in COMMANDS:
        code, out, err = _cli(layout, *argv)
        assert code == 1, (argv, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        for fragment in fragments:
            assert fragment in lines[0], (argv, lines[0])
        assert _snapshot(layout.root) == before  # nothing deleted, nothing overwritten


def _texts(layout: Layout) -> list[str]:
    code, out, err = _cli(layout, "search", "kept")
    assert code == 0, err
    return [line for line in out.splitlines() if line.strip()]


def test_no_keyring_backend_at_all(keyed, layout):
    before = _snapshot(layout.root)
    keyring.set_keyring(fail.Keyring())
    _assert_refused(layout, before, "keyring", "mlcoach recover")


def test_a_backend_that_stores_nothing(keyed, layout):
    before = _snapshot(layout.root)
    keyring.set_keyring(null.Keyring())  # get() says "no entry"
    _assert_refused(layout, before, "missing from the system keyring", "mlcoach recover",
                    "untouched")


def test_locked_keyring(keyed, layout, memory_keyring):
    before = _snapshot(layout.root)
    memory_keyring.locked = True
    _assert_refused(layout, before, "unlock your keyring", "mlcoach recover")
    # The doctor says the same and changes nothing either.
    code, out, _ = _cli(layout, "doctor")
    assert code == 1 and "unlock your keyring" in out
    assert _snapshot(layout.root) == before
    memory_keyring.locked = False
    assert _texts(layout)


def test_deleted_entry_then_the_recovery_key_brings_everything_back(keyed, layout,
                                                                    memory_keyring):
    before = _snapshot(layout.root)
    memory_keyring.items.clear()
    _assert_refused(layout, before, "missing from the system keyring", "mlcoach recover")
    code, _out, err = _cli(layout, "recover", stdin=keyed + "\n")
    assert code == 0, err
    assert _snapshot(layout.root) == before  # recovering touches only the keyring
    assert len(_texts(layout)) == 1


def test_wrong_recovery_key_is_refused_and_changes_nothing(keyed, layout, memory_keyring):
    memory_keyring.items.clear()
    before = _snapshot(layout.root)
    other = encode_recovery_key(new_raw_key())  # well-formed, just not this store's
    code, _, err = _cli(layout, "recover", stdin=other + "\n")
    assert code == 1 and "does not open this store (nothing was changed)" in err
    typo = keyed[:-3] + ("AAA" if not keyed.endswith("AAA") else "BBB")
    code, _, err = _cli(layout, "recover", stdin=typo + "\n")
    assert code == 2 and "check for a typo" in err
    assert memory_keyring.items == {}
    assert _snapshot(layout.root) == before


def test_a_wrong_recovery_key_never_overwrites_a_good_entry(keyed, layout, memory_keyring):
    entry = dict(memory_keyring.items)
    code, _, err = _cli(layout, "recover",
                        stdin=encode_recovery_key(new_raw_key()) + "\n")
    assert code == 1 and "nothing was changed" in err
    assert memory_keyring.items == entry
    assert len(_texts(layout)) == 1


def test_right_recovery_key_with_no_keyring_to_keep_it(keyed, layout, memory_keyring):
    memory_keyring.items.clear()
    before = _snapshot(layout.root)
    keyring.set_keyring(fail.Keyring())
    code, _, err = _cli(layout, "recover", stdin=keyed + "\n")
    assert code == 1 and "recovery key is right" in err and "unlock or install" in err
    assert _snapshot(layout.root) == before


def test_wrong_passphrase(layout, memory_keyring, monkeypatch):
    made = init_store(layout, "passphrase", keys=OSKeyring(), passphrase="a long passphrase")
    made.store.add_moment("kept behind a passphrase")
    made.store.close()
    before = _snapshot(layout.root)
    monkeypatch.setenv("MLCOACH_PASSPHRASE", "not the passphrase")
    _assert_refused(layout, before, "wrong passphrase", "nothing was changed")
    monkeypatch.delenv("MLCOACH_PASSPHRASE")
    _assert_refused(layout, before, "MLCOACH_PASSPHRASE")  # none given, not a terminal
    monkeypatch.setenv("MLCOACH_PASSPHRASE", "a long passphrase")
    assert len(_texts(layout)) == 1


def test_first_start_without_a_keyring_creates_nothing(layout, memory_keyring):
    keyring.set_keyring(null.Keyring())
    code, _, err = _cli(layout, "capture", "x")
    assert code == 1 and "mlcoach init --passphrase" in err
    assert not layout.db.exists() and not layout.meta.exists()
    assert not [p for p in layout.root.glob("*") if p.name != ".recovery.lock"]


def test_the_entry_is_only_ever_written_at_set_up_and_recovery(keyed, layout, memory_keyring):
    """Normal use reads the key and never writes it (so a flaky keyring cannot clobber it)."""
    writes: list[str] = []
    real = memory_keyring.set_password
    memory_keyring.set_password = lambda s, u, p: (writes.append(u), real(s, u, p))[1]
    for argv in [*COMMANDS, ["doctor"], ["doctor", "--recovery-key"]]:
        _cli(layout, *argv)
    assert writes == []
    assert list(memory_keyring.items) == [(KEYRING_SERVICE, next(iter(memory_keyring.items))[1])]


@pytest.mark.gui
def test_the_app_asks_for_the_recovery_key_again_after_a_wrong_one(keyed, layout,
                                                                   memory_keyring, qapp,
                                                                   qtbot, monkeypatch):
    """The desktop flow: key missing -> recovery key asked; a wrong one is explained and
    asked again; the right one opens the store. Nothing is changed on the way."""

    from mlcoach.ui import unlock

    memory_keyring.items.clear()
    before = _snapshot(layout.root)
    answers = [encode_recovery_key(new_raw_key()), keyed]
    asked: list[str] = []
    warned: list[str] = []
    monkeypatch.setattr(unlock, "typed_text",
                        lambda _p, _t, label, *a: (asked.append(label),
                                                   (answers.pop(0), True))[1])
    monkeypatch.setattr(message_box, "warning",
                        staticmethod(lambda _p, _t, text, *a: warned.append(text)))
    from mlcoach.store.vault import open_store

    with pytest.raises(Exception) as first:
        open_store(layout, keys=OSKeyring(env={}))
    retried: list[object] = []
    unlock.resolve_failure(first.value, layout.root, retry=retried.append,
                           give_up=lambda: retried.append("gave up"))
    qtbot.waitUntil(lambda: retried != [], timeout=30_000)  # each key is tried on the worker
    assert len(asked) == 2 and "mlcoach recover" in asked[0]
    assert warned == ["That recovery key does not open this store (nothing was changed)."]
    assert retried == [None]  # opened with the restored key on the retry
    assert _snapshot(layout.root) == before
    assert len(_texts(layout)) == 1


def _entries(memory_keyring) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {user: key for (service, user), key in memory_keyring.items.items()
            if service == KEYRING_SERVICE}


@pytest.mark.parametrize("made", ["now", "before", "before, never opened since"])
def test_recover_after_store_json_is_lost_leaves_no_old_key_behind(keyed, layout,
                                                                   memory_keyring, made):
    """store.json and its copy lost, the keyring entry still there: `recover` set the
    store up under a new entry and left the old one holding the key in the user's
    keyring for good (wipe removes only the entry store.json names). It now puts the key
    back under the entry the store recorded; a store made before it recorded one does
    so at its next open."""
    import json

    from mlcoach.store.db import connect_raw

    [(old_entry, key)] = _entries(memory_keyring).items()
    if made != "now":  # a store made by an older version: no name recorded in it
        secret = OSKeyring().get(old_entry)
        assert secret is not None
        from mlcoach.security.keys import Secret

        conn = connect_raw(layout.db, Secret("keyring", raw_key=secret))
        conn.execute("DELETE FROM settings WHERE key = 'keyring_entry'")
        conn.close()
    if made == "before":
        assert len(_texts(layout)) == 1  # this version opens it once
    (layout.root / "store.json").unlink()
    (layout.backups / "mlcoach-store.json").unlink()
    code, _out, err = _cli(layout, "recover", stdin=keyed + "\n")
    assert code == 0, err
    assert _entries(memory_keyring) == {old_entry: key}
    assert json.loads((layout.root / "store.json").read_text())["store_id"] == old_entry
    assert len(_texts(layout)) == 1
    code, _out, err = _cli(layout, "wipe", "--yes")
    assert code == 0, err
    assert _entries(memory_keyring) == {}  # nothing of the store left in the keyring


def test_recover_again_where_the_keyring_cannot_list_leaves_no_second_entry(
        keyed, layout, memory_keyring, monkeypatch):
    """Where the keyring cannot list its entries (KWallet through keyring, macOS,
    Windows), `recover` for a store that never recorded its entry makes a new one. It
    did not record that one in the store either, so store.json lost again before the
    app opened the store meant a third entry holding the key, which `wipe` never
    reached. `recover` now records the entry it writes."""
    from mlcoach.security.keys import Secret
    from mlcoach.store.db import connect_raw

    monkeypatch.setattr(OSKeyring, "entries_holding", lambda _self, _key: [])
    [old_entry] = list(_entries(memory_keyring))
    raw = OSKeyring().get(old_entry)
    assert raw is not None
    conn = connect_raw(layout.db, Secret("keyring", raw_key=raw))
    conn.execute("DELETE FROM settings WHERE key = 'keyring_entry'")  # an older version's
    conn.close()
    for _ in range(2):
        (layout.root / "store.json").unlink()
        (layout.backups / "mlcoach-store.json").unlink(missing_ok=True)
        code, _out, err = _cli(layout, "recover", stdin=keyed + "\n")
        assert code == 0, err
    entries = _entries(memory_keyring)
    assert len(entries) == 2 and old_entry in entries  # the old one cannot be known
    assert _cli(layout, "wipe", "--yes")[0] == 0
    assert set(_entries(memory_keyring)) == {old_entry}


def test_recover_gathers_the_entries_earlier_recovers_left_holding_the_key(
        keyed, layout, memory_keyring):
    """An older version's `recover` after a lost store.json left the old entry and made
    a new one, both holding the key: the next `recover` keeps one, and `wipe` then
    leaves nothing of the store in the keyring."""
    import json

    [(entry, key)] = _entries(memory_keyring).items()
    memory_keyring.set_password(KEYRING_SERVICE, "left-by-an-older-recover", key)
    memory_keyring.set_password(KEYRING_SERVICE, "another-store", new_raw_key().hex())
    (layout.root / "store.json").unlink()
    (layout.backups / "mlcoach-store.json").unlink()
    code, _out, err = _cli(layout, "recover", stdin=keyed + "\n")
    assert code == 0, err
    kept = json.loads((layout.root / "store.json").read_text())["store_id"]
    assert kept in (entry, "left-by-an-older-recover")
    assert set(_entries(memory_keyring)) == {kept, "another-store"}
    assert _cli(layout, "wipe", "--yes")[0] == 0
    assert set(_entries(memory_keyring)) == {"another-store"}  # another store's key stays
