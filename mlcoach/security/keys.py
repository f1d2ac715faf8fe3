"""The store's secret: a random key kept in the OS keyring, a passphrase, or none.

The recovery key is the raw 256-bit key itself, written in groups of base32 with a
checksum, so a lost keyring entry can always be rebuilt from it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol, TypeVar, cast, runtime_checkable

from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.system.paths import APP_ID

logger = logging.getLogger(__name__)

KEY_BYTES = 32
_CHECK_BYTES = 3
KEYRING_SERVICE = APP_ID

Mode = Literal["keyring", "passphrase", "none"]


class Secret(NamedTuple):
    """How to unlock the database: a raw key, a passphrase, or nothing."""

    mode: Mode
    raw_key: bytes | None = None
    passphrase: str | None = None

    def sqlcipher_password(self) -> str | None:
        """The value SQLCipher's ``PRAGMA key`` expects, or None for a plain store."""
        if self.raw_key is not None:
            return f"x'{self.raw_key.hex()}'"
        if self.passphrase is not None:
            return self.passphrase
        return None

    def __repr__(self) -> str:  # never leak a key into logs or tracebacks
        return f"Secret(mode={self.mode!r})"


def new_raw_key() -> bytes:
    """A fresh random 256-bit key."""
    import secrets  # here, like base64 and hashlib: `mlcoach capture` needs none of them

    return secrets.token_bytes(KEY_BYTES)


def encode_recovery_key(key: bytes) -> str:
    """Turn a raw key into a recovery key a person can write down."""
    import base64
    import hashlib

    check = hashlib.sha256(key).digest()[:_CHECK_BYTES]
    text = base64.b32encode(key + check).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def decode_recovery_key(text: str) -> bytes:
    """Parse a recovery key; raise UsageError when it is mistyped."""
    import base64
    import hashlib

    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned)
    except (ValueError, base64.binascii.Error) as exc:  # type: ignore[attr-defined]
        raise UsageError("that recovery key is not valid: check for a typo") from exc
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if len(key) != KEY_BYTES or hashlib.sha256(key).digest()[:_CHECK_BYTES] != check:
        raise UsageError("that recovery key is not valid: check for a typo")
    return key


class KeyringUnavailableError(MlcoachError):
    """No secure keyring backend can be used."""


class KeyringChoiceError(KeyringUnavailableError):
    """The keyring backend the user named (PYTHON_KEYRING_BACKEND, keyringrc.cfg) cannot
    be loaded: said as such, not as "no secure keyring"."""


class KeyStore(Protocol):
    """Where the raw key lives between runs (the OS keyring in production)."""

    def available(self) -> bool:
        """Whether a secure backend is usable."""

    def get(self, store_id: str) -> bytes | None:
        """Return the key for a store, None when the entry is missing."""

    def set(self, store_id: str, key: bytes) -> None:
        """Save the key for a store."""

    def delete(self, store_id: str) -> None:
        """Remove the key for a store; missing is fine."""


@runtime_checkable
class ListsEntries(Protocol):
    """A KeyStore that can tell which of its entries hold a key (the OS keyring, where
    its backend lists entries): a store that never recorded its entry's name finds it."""

    def entries_holding(self, key: bytes) -> list[str]:
        """The names of this app's entries holding `key`; [] when they cannot be listed."""


# How long keyring may wait on the user: an unlock prompt, or creating a collection.
PROMPT_WAIT = 120.0


class OSKeyring:
    """The `keyring` library's configured backend (honours PYTHON_KEYRING_BACKEND).

    Every call has one deadline (MLCOACH_KEYRING_TIMEOUT, 10 s by default; PROMPT_WAIT
    when keyring may be showing the user a prompt): a keyring daemon that never answers
    gives a true one-line error instead of a command that hangs for good.
    """

    def __init__(self, env: Mapping[str, str] | None = None,
                 timeout: float | None = None) -> None:
        self._env = os.environ if env is None else env
        self._timeout = timeout

    def timeout(self) -> float:
        """Seconds one key read may take in all."""
        if self._timeout is not None:
            return self._timeout
        from mlcoach.security.secretservice import default_timeout

        return default_timeout(self._env)

    def _backend(self) -> object:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_keyring()
        except (KeyringError, RuntimeError) as exc:
            raise KeyringUnavailableError("the system keyring cannot be used: {reason}",
                                          reason=exc) from exc
        except Exception as exc:  # keyring loads a backend the user named: it may be no such
            chosen = self._env.get("PYTHON_KEYRING_BACKEND")
            reason = f"{type(exc).__name__}: {exc}"
            if chosen is not None:
                raise KeyringChoiceError(
                    "PYTHON_KEYRING_BACKEND={name} is not a keyring backend that can be loaded "
                    "({reason}): unset it, or name one such as {example}", name=chosen,
                    reason=reason, example=SECRET_SERVICE_BACKEND) from exc
            config = Path(self._env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
            if (config / "python_keyring" / "keyringrc.cfg").exists():
                raise KeyringChoiceError(
                    "the keyring backend named in keyringrc.cfg cannot be loaded ({reason})",
                    reason=reason) from exc
            raise KeyringUnavailableError("the system keyring cannot be used: {reason}",
                                          reason=reason) from exc

    def available(self) -> bool:
        try:
            backend = _bounded(self._backend, time.monotonic() + self.timeout(),
                               self.timeout())
        except KeyringUnavailableError as exc:
            if isinstance(exc, KeyringTimeoutError | KeyringChoiceError):
                raise
            return False
        return _is_secure(backend, chosen=bool(self._env.get("PYTHON_KEYRING_BACKEND")))

    def get(self, store_id: str) -> bytes | None:
        budget = self.timeout()
        deadline = time.monotonic() + budget
        route = _direct_route(self._env)
        if route is not None:
            from mlcoach.security import secretservice as ss

            try:
                value = self._read_direct(route, store_id, budget, deadline)
            except ss.Locked:  # keyring asks the user to unlock it: give them time
                budget = PROMPT_WAIT
                deadline = time.monotonic() + budget
            except ss.NoService:  # keyring may still start one (D-Bus activation)
                logger.debug("no Secret Service on the bus; asking keyring")
            except ss.SecretServiceError as exc:  # silent, unreachable, hostile: say which
                raise KeyringUnavailableError("the system keyring cannot be read: {reason}",
                                              reason=exc) from exc
            else:
                if value is not None:
                    return _parse_key(value)
        return _bounded(lambda: self._keyring_get(store_id), deadline, budget)

    def _read_direct(self, route: str, store_id: str, budget: float,
                     deadline: float) -> str | None:
        from mlcoach.security import secretservice as ss

        if route == "kwallet":
            from mlcoach.security import kwallet

            try:
                return kwallet.read_password(KEYRING_SERVICE, store_id, self._env, budget)
            except kwallet.Closed as exc:  # keyring opens it, asking for its password
                raise ss.Locked(str(exc)) from exc
            except kwallet.NotChosen:  # keyring would take the Secret Service
                pass
        return _read_direct(ss, store_id, self._env, budget, deadline)

    def _keyring_get(self, store_id: str) -> bytes | None:
        from keyring.errors import KeyringError

        for attempt in range(2):
            try:
                value = _likely_backend_get(store_id, self._env)
                if value is None:  # not there, or no backend of ours: keyring decides
                    # (through _backend: a backend the user named that cannot load is
                    # said as such, not as AttributeError)
                    value = cast("Any", self._backend()).get_password(KEYRING_SERVICE,
                                                                      store_id)
                break
            except Exception as exc:  # KeyringError, or secretstorage's own exceptions
                if attempt == 0 and type(exc).__name__ == "ItemNotFoundException":
                    time.sleep(0.05)  # an item found by keyring's search, gone (or not
                    continue          # there yet) when it reads it: look once more
                if not isinstance(exc, (KeyringError, RuntimeError)) and \
                        not type(exc).__module__.startswith(("secretstorage", "jeepney")):
                    raise
                raise KeyringUnavailableError("the system keyring cannot be read: {reason}",
                                              reason=exc) from exc
        return None if value is None else _parse_key(value)

    def set(self, store_id: str, key: bytes) -> None:
        from keyring.errors import KeyringError

        def write() -> None:
            try:
                cast("Any", self._backend()).set_password(KEYRING_SERVICE, store_id, key.hex())
            except Exception as exc:  # KeyringError, or secretstorage's own exceptions
                if not isinstance(exc, (KeyringError, RuntimeError)) and \
                        not type(exc).__module__.startswith(("secretstorage", "jeepney")):
                    raise
                raise KeyringUnavailableError("the system keyring cannot be written: {reason}",
                                              reason=exc) from exc

        _bounded(write, time.monotonic() + PROMPT_WAIT, PROMPT_WAIT)

    def delete(self, store_id: str) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError

        def remove() -> None:
            try:
                cast("Any", self._backend()).delete_password(KEYRING_SERVICE, store_id)
            except PasswordDeleteError:
                pass
            except (KeyringError, RuntimeError) as exc:
                raise KeyringUnavailableError("the system keyring cannot be changed: {reason}",
                                              reason=exc) from exc

        _bounded(remove, time.monotonic() + PROMPT_WAIT, PROMPT_WAIT)


    def entries_holding(self, key: bytes) -> list[str]:
        """The names of this app's entries holding `key`, where the backend lists them:
        the Secret Service (GNOME, KDE's ksecretd, KeePassXC), or a backend with an
        `entries(service)` method; [] elsewhere (KWallet, macOS, Windows) or on failure."""
        def find() -> list[str]:
            return sorted(name for name, value in _listed(self._backend())
                          if _parse_key(value) == key)

        try:
            return _bounded(find, time.monotonic() + PROMPT_WAIT, PROMPT_WAIT)
        except Exception as exc:  # best effort: a name it cannot find is a new entry
            logger.info("the keyring's entries could not be listed: %s", exc)
            return []


def _listed(backend: Any) -> Iterable[tuple[str, str]]:
    """(name, secret) of each entry under KEYRING_SERVICE that `backend` can list."""
    if hasattr(backend, "backends"):  # keyring's chainer: each backend it chains
        return [entry for one in backend.backends for entry in _listed(one)]
    if hasattr(backend, "entries"):
        return list(backend.entries(KEYRING_SERVICE))
    if not hasattr(backend, "get_preferred_collection"):
        return []
    from contextlib import closing

    scheme = backend.schemes[backend.scheme]
    collection = backend.get_preferred_collection()
    found = []
    with closing(collection.connection):
        for item in collection.search_items({scheme["service"]: KEYRING_SERVICE}):
            backend.unlock(item)
            name = item.get_attributes().get(scheme["username"])
            if name:
                found.append((name, item.get_secret().decode("utf-8", "replace")))
    return found


def _read_direct(ss: Any, store_id: str, env: Mapping[str, str], budget: float,
                 deadline: float) -> str | None:
    """The direct read, asked once more when the service said it has no such collection
    or item (seen from gnome-keyring under load): keyring's fallback would then try to
    create a collection, which prompts."""
    attributes = {"service": KEYRING_SERVICE, "username": store_id}
    try:
        return cast("str | None", ss.read_secret(attributes, env, budget))
    except ss.NoService:
        left = deadline - time.monotonic()
        if left <= 0.1:
            raise
        time.sleep(0.05)
        return cast("str | None", ss.read_secret(attributes, env, left - 0.05))


class KeyringTimeoutError(KeyringUnavailableError):
    """The keyring did not answer within its deadline."""


_T = TypeVar("_T")


def _bounded(call: Callable[[], _T], deadline: float, budget: float) -> _T:
    """Run a keyring library call (which has no timeout of its own) until `deadline`: on
    a daemon thread, so a keyring daemon that never answers cannot hold the process."""
    import threading

    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="mlcoach-keyring", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise KeyringTimeoutError("the system keyring did not answer within {seconds} s",
                                  seconds=f"{budget:g}")
    if "error" in box:
        raise box["error"]
    return cast(_T, box.get("value"))


def _parse_key(value: str) -> bytes | None:
    """The raw key from its hex form in the keyring; None when malformed."""
    try:
        key = bytes.fromhex(value)
    except ValueError:
        logger.warning("keyring entry for the store is malformed")
        return None
    return key if len(key) == KEY_BYTES else None


# -- reading the Secret Service or KWallet directly ---------------------------------------------
# Importing `keyring` costs 0.1-0.3 s (entry-point discovery, its macOS backend probing
# for libraries, secretstorage pulling in `cryptography`): most of `mlcoach capture`.
# Where keyring would pick the Secret Service (or KWallet) anyway, one read goes straight
# over D-Bus (mlcoach/security/secretservice.py and kwallet.py, jeepney). A missing item,
# a locked collection, a closed wallet or no service on the bus falls back to keyring; a
# broken bus or service is reported as such.

SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"


def _direct_route(env: Mapping[str, str]) -> str | None:
    """Which store keyring would read here, when mlcoach can read it the same way
    directly: "secret-service" (keyring would pick it by itself, or the user chose its
    backend in PYTHON_KEYRING_BACKEND or keyringrc.cfg), "kwallet" (KDE with dbus-python:
    KWallet when kwalletd runs, else the Secret Service, as keyring decides), or None."""
    if not sys.platform.startswith("linux") or not env.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    core = sys.modules.get("keyring.core")
    if core is not None and getattr(core, "_keyring_backend", None) is not None:
        return None  # keyring already loaded with a backend (set by code or a test)
    chosen = env.get("PYTHON_KEYRING_BACKEND")
    if chosen:
        return "secret-service" if chosen.strip() == SECRET_SERVICE_BACKEND else None
    config = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    configured = _configured_backend(config / "python_keyring" / "keyringrc.cfg")
    if configured is not None:
        return "secret-service" if configured == SECRET_SERVICE_BACKEND else None
    if "KDE" in env.get("XDG_CURRENT_DESKTOP", "").upper() and _kwallet_backend_possible():
        return "kwallet"  # keyring prefers KWallet on KDE, where its backend can run
    return "secret-service"


def _kwallet_backend_possible() -> bool:
    """Whether keyring's KWallet backend could run: it needs dbus-python, which a pip,
    pipx or .deb install of mlcoach does not see; without it keyring takes the Secret
    Service on KDE too."""
    import importlib.util

    try:
        return importlib.util.find_spec("dbus") is not None
    except (ImportError, ValueError):
        return True  # unsure: leave the choice to keyring


def _configured_backend(path: Path) -> str | None:
    """keyringrc.cfg's default-keyring; None when keyring would choose by itself (no file,
    or none named); "" when only keyring can make sense of the file."""
    if not path.exists():
        return None
    import configparser

    config = configparser.RawConfigParser()
    try:
        config.read(path, encoding="utf-8")
        if config.has_option("backend", "keyring-path"):
            return ""  # a backend from elsewhere: leave it to keyring
        if not config.has_option("backend", "default-keyring"):
            return None  # keyring ignores the file and chooses by itself
        return config.get("backend", "default-keyring").strip()
    except (OSError, configparser.Error, UnicodeDecodeError):
        return ""


# keyring's own backend choice (no PYTHON_KEYRING_BACKEND, no keyringrc.cfg) scans every
# installed backend through entry points and imports them all, the macOS one calling
# ctypes.util.find_library (subprocesses) even on Linux: 0.5-0.8 s on a busy machine.
# The backends keyring would put first on this platform are tried alone, in keyring's
# order (its chainer tries them the same way); only when none of them has the key does
# keyring choose (which also reaches any third-party backend).
_PLATFORM_BACKENDS = {
    "kde": ("keyring.backends.kwallet.DBusKeyring", "keyring.backends.SecretService.Keyring"),
    "linux": ("keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring"),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
}


def _likely_backends(env: Mapping[str, str]) -> tuple[str, ...]:
    if env.get("PYTHON_KEYRING_BACKEND"):
        return ()  # keyring loads only that one already
    platform: str = sys.platform  # (a plain str: every branch is checked on every platform)
    if platform.startswith("linux"):
        config = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        if (config / "python_keyring" / "keyringrc.cfg").exists():
            return ()
        kde = "KDE" in env.get("XDG_CURRENT_DESKTOP", "").upper()
        return _PLATFORM_BACKENDS["kde" if kde else "linux"]
    return _PLATFORM_BACKENDS.get(platform, ())


def _likely_backend_get(store_id: str, env: Mapping[str, str]) -> str | None:
    """The key from the first of this platform's usual backends that has it, each loaded
    alone; None when none has it (or none can run here)."""
    core = sys.modules.get("keyring.core")
    if core is not None and getattr(core, "_keyring_backend", None) is not None:
        return None  # a backend was set (by code or a test): keyring's own call uses it
    from keyring.errors import KeyringLocked

    for name in _likely_backends(env):
        try:
            from keyring.core import load_keyring

            backend = load_keyring(name)  # checks its priority: raises when not viable
            value = backend.get_password(KEYRING_SERVICE, store_id)
        except KeyringLocked:  # the user refused to unlock it (cancelled its password
            raise              # dialog): asked no more, as keyring's own chain stops
        except Exception as exc:  # not installed, no such service: try the next
            logger.debug("keyring backend %s not used: %s", name, exc)
            continue
        if value is not None:
            return str(value)
    return None


def _is_secure(backend: object, *, chosen: bool) -> bool:
    """Whether a keyring backend keeps secrets safely (or the user chose it explicitly)."""
    inner = getattr(backend, "backends", None)
    if inner is not None:  # keyring's ChainerBackend
        return any(_is_secure(b, chosen=chosen) for b in inner)
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return False
    if chosen:
        return True
    if module.startswith("keyrings.alt"):
        return False  # plaintext or weakly encrypted files: only when the user picks them
    priority = getattr(backend, "priority", 0)
    try:
        return float(priority) >= 1 and "Plaintext" not in name
    except (TypeError, ValueError):
        return False
