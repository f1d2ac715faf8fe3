"""The direct KWallet read: on KDE where dbus-python is importable, keyring would read
the key from KWallet; `OSKeyring.get` reads it the same way without importing keyring,
and leaves a closed wallet (which asks for its password) to keyring.

Integration: a private dbus-daemon with gnome-keyring (tests/reliability/bus.py) and
python-dbusmock standing in for kwalletd5 (registered as activatable, as on Plasma);
each read runs in a fresh interpreter so keyring's import is seen or not.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.bus import SYSTEM_PYTHON, _owned, session_bus

pytestmark = pytest.mark.secretservice

SERVICE = "io.github.mlcoach.MLCoach"
KWALLETD = "org.kde.kwalletd5"
PATH = "/modules/kwalletd5"
KEY = "cd" * 32
READ = (
    "import json, sys\n"
    "from mlcoach.security.keys import OSKeyring, KeyringUnavailableError\n"
    "from mlcoach.security.kwallet import keyring_appid\n"
    "try:\n"
    "    key = OSKeyring().get(sys.argv[1])\n"
    "    out = key.hex() if key else None\n"
    "except KeyringUnavailableError as exc:\n"
    "    out = 'error: ' + str(exc)\n"
    "print(json.dumps([out, 'keyring' in sys.modules, keyring_appid(),\n"
    "                  'keyring.backends.macOS' in sys.modules]))\n"
)


@pytest.fixture
def kde(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A KDE session whose Python sees a dbus package, with kwalletd5 activatable."""
    if subprocess.run([SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True,
                      timeout=30).returncode != 0:
        pytest.skip("missing: python3-dbusmock")
    services = tmp_path / "home" / ".local" / "share" / "dbus-1" / "services"
    services.mkdir(parents=True)
    (services / f"{KWALLETD}.service").write_text(
        f"[D-BUS Service]\nName={KWALLETD}\nExec=/bin/false\n")
    site = tmp_path / "site"
    (site / "dbus").mkdir(parents=True)
    (site / "dbus" / "__init__.py").write_text("")  # keyring's KWallet backend "could run"
    with session_bus(tmp_path, keyring=True) as env:
        yield dict(env, XDG_CURRENT_DESKTOP="KDE", PYTHONPATH=str(site))


def _kwalletd(env: dict[str, str], *, wallet_open: bool = True,
              has_entry: str = "ret = args[2] == 'store-1'",
              entry_sig: str = "b") -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [SYSTEM_PYTHON, "-m", "dbusmock", "--session", KWALLETD, PATH, "org.kde.KWallet"],
        env={k: v for k, v in env.items() if k != "PYTHONPATH"},  # the real dbus-python
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not _owned(env["DBUS_SESSION_BUS_ADDRESS"], KWALLETD):
        assert proc.poll() is None and time.monotonic() < deadline, "no mock kwalletd"
        time.sleep(0.05)
    methods = [
        ("networkWallet", "", "s", "ret = 'kdewallet'"),
        ("isOpen", "s", "b", f"ret = {wallet_open}"),
        ("open", "sxs", "i", "ret = 7"),
        ("hasEntry", "isss", entry_sig, has_entry),
        ("readPassword", "isss", "s", f"ret = {KEY!r}"),
    ]
    for name, in_sig, out_sig, code in methods:
        _mock(env, "AddMethod", "sssss", ("org.kde.KWallet", name, in_sig, out_sig, code))
    return proc


def _mock(env: dict[str, str], method: str, signature: str = "",
          body: tuple[object, ...] = ()) -> tuple[object, ...]:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    target = DBusAddress(PATH, bus_name=KWALLETD, interface="org.freedesktop.DBus.Mock")
    with open_dbus_connection(bus=env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
        reply = conn.send_and_get_reply(new_method_call(target, method, signature, body),
                                        timeout=10)
    return tuple(reply.body)


def _read(env: dict[str, str], store_id: str = "store-1") -> list[object]:
    out = subprocess.run([sys.executable, "-c", READ, store_id], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return list(json.loads(out.stdout))


def _calls(env: dict[str, str], name: str) -> list[tuple[object, ...]]:
    calls = _mock(env, "GetMethodCalls", "s", (name,))[0]
    return [tuple(value for _sig, value in args) for _stamp, args in calls]  # type: ignore[attr-defined]


def test_the_key_is_read_from_an_open_wallet_as_keyring_reads_it(kde) -> None:  # type: ignore[no-untyped-def]
    wallet = _kwalletd(kde)
    try:
        key, imported, appid, _scanned = _read(kde)
        assert (key, imported) == (KEY, False)
        # Under keyring's own application id (the wallet's access rules are the same),
        # in the folder and entry keyring's KWallet backend writes.
        assert _calls(kde, "open") == [("kdewallet", 0, appid)]
        assert _calls(kde, "readPassword") == [(7, SERVICE, "store-1", appid)]
        # Not in the wallet: keyring is asked (its chain also looks in the Secret Service).
        assert _read(kde, "store-2")[:2] == [None, True]
    finally:
        wallet.kill()
        wallet.wait(timeout=30)


def test_a_closed_wallet_is_left_to_keyring_which_asks_for_its_password(kde) -> None:  # type: ignore[no-untyped-def]
    _in_secret_service(kde)
    wallet = _kwalletd(kde, wallet_open=False)
    try:
        # keyring's own call (which would open the wallet; this dbus is a stand-in, so
        # its KWallet backend cannot run and its chain finds the key in the Secret
        # Service), trying its usual backends alone, without its scan of every backend.
        key, imported, _appid, scanned = _read(kde)
        assert (key, imported, scanned) == (KEY, True, False)
        assert _calls(kde, "open") == []  # no prompt from the direct read
    finally:
        wallet.kill()
        wallet.wait(timeout=30)


def _in_secret_service(env: dict[str, str]) -> None:
    store = subprocess.run(
        [sys.executable, "-c", "import keyring; keyring.set_password("
         f"{SERVICE!r}, 'store-1', {KEY!r})"],
        env=dict(env, PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring"),
        capture_output=True, text=True, timeout=120)
    assert store.returncode == 0, store.stderr


def test_without_kwalletd_the_secret_service_is_read_as_keyring_would(kde) -> None:  # type: ignore[no-untyped-def]
    """keyring's KWallet backend needs kwalletd running and activatable; without it
    keyring takes the Secret Service, and so does the direct read."""
    _in_secret_service(kde)
    assert _read(kde)[:2] == [KEY, False]


def test_a_malformed_answer_is_one_line_naming_kwallet(kde) -> None:  # type: ignore[no-untyped-def]
    wallet = _kwalletd(kde, has_entry="ret = 'yes'", entry_sig="s")
    try:
        out = _read(kde)[0]
        assert out == ("error: the system keyring cannot be read: "
                       "KWallet sent a malformed answer")
    finally:
        wallet.kill()
        wallet.wait(timeout=30)
