"""When `OSKeyring.get` may read the Secret Service (or KWallet) directly: exactly where
keyring would use it anyway (by its own choice, or keyring's Secret Service backend chosen
by name)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mlcoach.security.keys import SECRET_SERVICE_BACKEND, _direct_route

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nowhere",
            "XDG_CONFIG_HOME": str(tmp_path), **extra}


def _config(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "python_keyring"
    folder.mkdir()
    (folder / "keyringrc.cfg").write_text(text)


def test_keyrings_own_choice_and_the_secret_service_by_name(tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "keyring.core", raising=False)
    assert _direct_route(_env(tmp_path)) == "secret-service"
    assert _direct_route(_env(tmp_path, PYTHON_KEYRING_BACKEND=SECRET_SERVICE_BACKEND)) == \
        "secret-service"
    assert _direct_route(_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends."
                                                              "kwallet.DBusKeyring")) is None
    assert _direct_route({"XDG_CONFIG_HOME": str(tmp_path)}) is None  # no session bus


@pytest.mark.parametrize(("dbus_python", "route"),
                         [(True, "kwallet"), (False, "secret-service")])
def test_on_kde_kwallet_is_asked_only_where_keyrings_backend_for_it_could_run(
        tmp_path, monkeypatch, dbus_python, route):
    """keyring's KWallet backend needs dbus-python; without it keyring itself takes the
    Secret Service on KDE, so the direct read is the same service."""
    from mlcoach.security import keys

    monkeypatch.delitem(sys.modules, "keyring.core", raising=False)
    monkeypatch.setattr(keys, "_kwallet_backend_possible", lambda: dbus_python)
    assert _direct_route(_env(tmp_path, XDG_CURRENT_DESKTOP="KDE")) == route
    assert _direct_route(_env(tmp_path, XDG_CURRENT_DESKTOP="ubuntu:GNOME")) == \
        "secret-service"


def test_dbus_python_is_looked_for_where_keyring_would_import_it(tmp_path, monkeypatch):
    from mlcoach.security.keys import _kwallet_backend_possible

    monkeypatch.delitem(sys.modules, "dbus", raising=False)
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "empty")])
    assert _kwallet_backend_possible() is False
    (tmp_path / "site" / "dbus").mkdir(parents=True)
    (tmp_path / "site" / "dbus" / "__init__.py").write_text("")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "empty"), str(tmp_path / "site")])
    assert _kwallet_backend_possible() is True


@pytest.mark.parametrize(("text", "direct"), [
    (f"[backend]\ndefault-keyring = {SECRET_SERVICE_BACKEND}\n", True),
    ("[backend]\ndefault-keyring = keyrings.alt.file.PlaintextKeyring\n", False),
    (f"[backend]\ndefault-keyring = {SECRET_SERVICE_BACKEND}\nkeyring-path = /opt/x\n", False),
    ("[backend\nbroken", False),
    ("", True),  # says nothing: keyring chooses as without the file
])
def test_a_configured_backend(tmp_path, monkeypatch, text, direct):
    monkeypatch.delitem(sys.modules, "keyring.core", raising=False)
    _config(tmp_path, text)
    assert (_direct_route(_env(tmp_path)) == "secret-service") is direct


def test_the_usual_backends_are_tried_alone_before_keyrings_own_choice(tmp_path, monkeypatch):
    from mlcoach.security.keys import _likely_backends

    assert _likely_backends(_env(tmp_path, XDG_CURRENT_DESKTOP="KDE"))[0].endswith(
        "kwallet.DBusKeyring")
    assert _likely_backends(_env(tmp_path))[0] == SECRET_SERVICE_BACKEND
    assert _likely_backends(_env(tmp_path, PYTHON_KEYRING_BACKEND="x.Y")) == ()
    _config(tmp_path, "[backend]\ndefault-keyring = x.Y\n")
    assert _likely_backends(_env(tmp_path)) == ()  # keyring loads the configured one alone


def test_a_refused_unlock_is_asked_once_not_again_through_each_backend(tmp_path, monkeypatch):
    """Seen on a real KDE Wallet: cancelling its password dialog brought it back twice
    (KWallet alone, the Secret Service kwalletd also serves, then keyring's own chain)
    before mlcoach said the keyring could not be read. keyring itself asks once."""
    import keyring
    import keyring.core
    from keyring.errors import KeyringLocked

    from mlcoach.security.keys import KeyringUnavailableError, OSKeyring

    asked: list[str] = []

    class Refused:
        def __init__(self, name: str) -> None:
            self.name = name

        def get_password(self, service: str, username: str) -> str | None:
            asked.append(self.name)  # a password dialog, cancelled
            raise KeyringLocked("Failed to unlock the keyring!")

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setattr(keyring.core, "load_keyring", lambda name: Refused(name))
    monkeypatch.setattr(keyring, "get_keyring", lambda: Refused("keyring's chain"))
    env = {"XDG_CONFIG_HOME": str(tmp_path), "XDG_CURRENT_DESKTOP": "KDE"}
    with pytest.raises(KeyringUnavailableError, match="Failed to unlock"):
        OSKeyring(env=env, timeout=30).get("store-1")
    assert len(asked) == 1
