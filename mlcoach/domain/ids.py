"""Stable identifiers and the current time, as the store writes them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datetime stays off the way to the tray icon (the instance check)
    from datetime import datetime


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def new_id() -> str:
    """Return a fresh stable identifier: a random (version 4) UUID as text.

    Built from os.urandom like uuid.uuid4, without importing uuid (and the platform
    module it loads), which is a tenth of `mlcoach capture`'s start-up.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def sha256(data: bytes) -> bytes:
    """SHA-256 from CPython's own implementation. `hashlib` loads OpenSSL's libcrypto
    (+3.7 MB resident in the long-running tray app) for a digest that is the same."""
    try:
        from _sha256 import sha256 as impl  # type: ignore[import-not-found]  # 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as impl  # type: ignore[import-not-found]
        except ImportError:  # a build without them
            from hashlib import sha256 as impl
    return bytes(impl(data).digest())
