"""An in-memory keyring backend for unit tests, installed through keyring's own API."""

from __future__ import annotations

from collections.abc import Iterator

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in a dict; `locked` makes every call fail like a locked keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.locked = False

    def _check(self) -> None:
        if self.locked:
            raise KeyringLocked("the keyring is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")

    def entries(self, service: str) -> Iterator[tuple[str, str]]:
        """(name, secret) of each entry under `service`, as the Secret Service lists them."""
        self._check()
        return ((user, secret) for (svc, user), secret in self.items.items() if svc == service)
