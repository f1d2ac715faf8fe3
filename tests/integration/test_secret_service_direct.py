"""The direct Secret Service read (the fast path of `mlcoach capture`) returns exactly
what keyring stored, without importing keyring, and defers to keyring otherwise."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = [pytest.mark.desktop, pytest.mark.secretservice]

SERVICE = "io.github.mlcoach.MLCoach"
READ = (
    "import sys\n"
    "from mlcoach.security.keys import OSKeyring\n"
    "key = OSKeyring().get(sys.argv[1])\n"
    "print(key.hex() if key else None, 'keyring' in sys.modules)\n"
)


def _run(env: dict[str, str], *args: str) -> str:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def test_direct_read_matches_keyring_and_skips_its_import(desktop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in desktop.env.items() if k != "PYTHON_KEYRING_BACKEND"}
    key = "ab" * 32
    _run(env, "-c", f"import keyring; keyring.set_password({SERVICE!r}, 'direct-1', {key!r})")
    assert _run(env, "-c", READ, "direct-1") == f"{key} False"
    # A missing entry falls back to keyring, which also finds nothing.
    assert _run(env, "-c", READ, "no-such-store") == "None True"
    # keyring's Secret Service backend, chosen by name, is the same service: read directly.
    chosen = dict(env, PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring")
    assert _run(chosen, "-c", READ, "direct-1") == f"{key} False"
    # Any other backend the user chose is asked through keyring.
    other = dict(env, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    assert _run(other, "-c", READ, "direct-1").startswith("None True")
    # On KDE without dbus-python (as every mlcoach install is), keyring's KWallet backend
    # cannot run and keyring takes the Secret Service: read directly.
    kde = dict(env, XDG_CURRENT_DESKTOP="KDE")
    assert _run(kde, "-c", READ, "direct-1") == f"{key} False"
    # With a dbus package importable keyring would put KWallet first, but only where
    # kwalletd runs (and is activatable): here it does not, so keyring would take the
    # Secret Service, and the read is direct (tests/integration/test_kwallet_direct.py
    # has kwalletd).
    site = tmp_path / "site"
    (site / "dbus").mkdir(parents=True)
    (site / "dbus" / "__init__.py").write_text("")
    kde_dbus = dict(kde, PYTHONPATH=str(site))
    assert _run(kde_dbus, "-c", READ, "direct-1") == f"{key} False"
