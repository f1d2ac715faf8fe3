"""Keyring failures against a real gnome-keyring (Secret Service on a private bus): a locked
collection, a deleted entry, no session bus. One clear line with the way forward; the
data folder is byte for byte the same afterwards.

Each case runs twice: with keyring's Secret Service backend chosen explicitly, and with
nothing chosen (the desktop default, where mlcoach reads the key over D-Bus itself).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.desktop, pytest.mark.secretservice, pytest.mark.slow]

SERVICE = "io.github.mlcoach.MLCoach"

# Lock or unlock the default collection. Unlocking without a prompter goes through
# gnome-keyring's own interface with the login password the fixture used.
_COLLECTION = """
import sys, secretstorage
from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection
conn = secretstorage.dbus_init()
col = secretstorage.get_default_collection(conn)
if sys.argv[1] == "lock":
    col.lock()
else:
    bus = open_dbus_connection(bus="SESSION")
    svc = DBusAddress("/org/freedesktop/secrets", bus_name="org.freedesktop.secrets",
                      interface="org.freedesktop.Secret.Service")
    session = bus.send_and_get_reply(new_method_call(svc, "OpenSession", "sv",
                                                     ("plain", ("s", "")))).body[1]
    internal = DBusAddress("/org/freedesktop/secrets", bus_name="org.freedesktop.secrets",
                           interface="org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface")
    bus.send_and_get_reply(new_method_call(internal, "UnlockWithMasterPassword", "o(oayays)",
                           (col.collection_path, (session, b"", b"test-pw", "text/plain"))))
print("locked" if col.is_locked() else "unlocked")
"""


class Dismisser:
    """Plays the user who cancels gnome-keyring's unlock prompt: the prompter that the
    private bus starts on the Xvfb display is stopped as soon as it appears."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.dismissed = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _prompter_pid(self) -> int | None:
        res = subprocess.run(
            ["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
             "string:org.gnome.keyring.SystemPrompter"],
            env=self.env, capture_output=True, text=True)
        words = res.stdout.split()
        return int(words[-1]) if res.returncode == 0 and words[-1].isdigit() else None

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            pid = self._prompter_pid()
            if pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
                    self.dismissed += 1

    def __enter__(self) -> Dismisser:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _env(desktop, tmp_path: Path, backend: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    env = dict(desktop.env)
    env["MLCOACH_DATA_DIR"] = str(tmp_path / "data")
    if backend == "chosen":
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.SecretService.Keyring"
    return env


def _cli(env: dict[str, str], *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "mlcoach", *args], env=env, input=input,
                          capture_output=True, text=True, timeout=60)


def _collection(env: dict[str, str], action: str) -> str:
    res = subprocess.run([sys.executable, "-c", _COLLECTION, action], env=env,
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _stored(env: dict[str, str]) -> list[str]:
    res = _cli(env, "export")
    assert res.returncode == 0, res.stderr
    return [m["text"] for m in json.loads(res.stdout)["moments"]]


def _refused(env: dict[str, str], root: Path, before: dict[str, str], *fragments: str) -> None:
    for argv in (["capture", "while it fails"], ["export"], ["stats"]):
        res = _cli(env, *argv)
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 1 and len(lines) == 1, (argv, res.stderr)
        assert "Traceback" not in res.stderr
        for fragment in fragments:
            assert fragment in lines[0], (argv, lines[0])
    assert _snapshot(root) == before


@pytest.mark.parametrize("backend", ["chosen", "default"])
def test_locked_collection(desktop, tmp_path, backend):
    env = _env(desktop, tmp_path, backend)
    assert _cli(env, "capture", "kept while locked").returncode == 0
    root = tmp_path / "data"
    before = _snapshot(root)
    assert _collection(env, "lock") == "locked"
    try:
        with Dismisser(env) as user:
            _refused(env, root, before, "unlock your keyring", "mlcoach recover")
            doctor = _cli(env, "doctor")
        assert doctor.returncode == 1 and "unlock your keyring" in doctor.stdout
        assert user.dismissed >= 1  # the desktop did ask; the user said no
    finally:
        assert _collection(env, "unlock") == "unlocked"
    assert _snapshot(root) == before
    assert _stored(env) == ["kept while locked"]


@pytest.mark.parametrize("backend", ["chosen", "default"])
def test_deleted_entry_and_a_wrong_then_right_recovery_key(desktop, tmp_path, backend):
    env = _env(desktop, tmp_path, backend)
    first = _cli(env, "capture", "kept without its key")
    assert first.returncode == 0, first.stderr
    recovery = _cli(env, "doctor", "--recovery-key").stdout.strip()
    root = tmp_path / "data"
    store_id = json.loads((root / "store.json").read_text())["store_id"]
    code = f"import keyring; keyring.delete_password({SERVICE!r}, {store_id!r})"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    before = _snapshot(root)
    _refused(env, root, before, "missing from the system keyring", "mlcoach recover")
    wrong = _cli(env, "recover", input="ABCD-" * 13 + "ABCD\n")
    assert wrong.returncode != 0 and len(wrong.stderr.strip().splitlines()) == 1
    assert _snapshot(root) == before
    assert _cli(env, "recover", input=recovery + "\n").returncode == 0
    assert _snapshot(root) == before
    assert _stored(env) == ["kept without its key"]


def test_no_session_bus(desktop, tmp_path):
    """Secret Service chosen but unreachable (no bus): explained, nothing changed."""
    env = _env(desktop, tmp_path, "chosen")
    assert _cli(env, "capture", "kept without a bus").returncode == 0
    root = tmp_path / "data"
    before = _snapshot(root)
    no_bus = {k: v for k, v in env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    _refused(no_bus, root, before, "keyring", "mlcoach recover")
    assert _stored(env) == ["kept without a bus"]


# The items of mlcoach's service in the default collection (the user's keyring).
_ITEMS = """
import sys, secretstorage
conn = secretstorage.dbus_init()
col = secretstorage.get_default_collection(conn)
print("\\n".join(sorted(i.get_attributes()["username"]
                        for i in col.search_items({"service": sys.argv[1]}))))
"""


def _entries(env: dict[str, str]) -> list[str]:
    res = subprocess.run([sys.executable, "-c", _ITEMS, SERVICE], env=env, capture_output=True,
                         text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    return res.stdout.split()


def _a_store_in_the_keyring(env: dict[str, str]) -> tuple[set[str], str, str]:
    """A store with one moment: the keyring's entries before it (other tests' stores
    share the session's keyring), its recovery key and its own entry."""
    before = set(_entries(env))
    assert _cli(env, "capture", "kept through a lost store.json").returncode == 0
    recovery = _cli(env, "doctor", "--recovery-key").stdout.strip()
    [entry] = set(_entries(env)) - before
    return before, recovery, entry


def _recovered_without_store_json(env: dict[str, str], root: Path, before: set[str],
                                  recovery: str, entry: str) -> None:
    """store.json and its copy lost, then `recover`: the store's own entry is taken (no
    other is added), its moment is there, and `wipe` leaves nothing of it in the
    keyring."""
    (root / "store.json").unlink()
    (root / "backups" / "mlcoach-store.json").unlink()
    done = _cli(env, "recover", input=recovery + "\n")
    assert done.returncode == 0, done.stderr
    assert set(_entries(env)) - before == {entry}
    assert _stored(env) == ["kept through a lost store.json"]
    assert _cli(env, "wipe", "--yes").returncode == 0
    assert set(_entries(env)) == before - {entry}


@pytest.mark.parametrize("backend", ["chosen", "default"])
def test_recover_after_store_json_is_lost_leaves_no_old_key_behind(desktop, tmp_path, backend):
    """store.json and its copy lost: `recover` set the store up under a new entry and
    left the old one, holding the key, in the keyring for good. It now takes the entry
    the store recorded, and `wipe` then leaves nothing of the store in the keyring."""
    env = _env(desktop, tmp_path, backend)
    before, recovery, entry = _a_store_in_the_keyring(env)
    _recovered_without_store_json(env, tmp_path / "data", before, recovery, entry)


@pytest.mark.parametrize("backend", ["chosen", "default"])
def test_recover_finds_the_entry_of_a_store_that_never_recorded_it(desktop, tmp_path,
                                                                    backend):
    """A store set up before it recorded its entry's name, whose store.json is lost
    before this version opened it: `recover` made a new entry and left the old one
    holding the key. It now finds the entry holding that key among the keyring's."""
    from mlcoach.security.keys import Secret, decode_recovery_key
    from mlcoach.store.db import connect_raw

    env = _env(desktop, tmp_path, backend)
    before, recovery, entry = _a_store_in_the_keyring(env)
    root = tmp_path / "data"
    conn = connect_raw(root / "mlcoach.db",
                       Secret("keyring", raw_key=decode_recovery_key(recovery)))
    conn.execute("DELETE FROM settings WHERE key = 'keyring_entry'")  # as made before
    conn.close()
    _recovered_without_store_json(env, root, before, recovery, entry)
