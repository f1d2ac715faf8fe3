"""What an attacker with the user's files (and, for an encrypted store, its key) reads:
every byte of the database and its -wal, decrypted page by page for SQLCipher, free
pages and the free space inside pages included (which no SQL query shows)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096  # SQLCipher 4's default page size
_RESERVE = 80  # per page: a 16-byte IV, then a 64-byte HMAC (SHA512)
_SALT = 16  # page 1 starts with the file's salt, not encrypted
_WAL_HEADER, _FRAME_HEADER = 32, 24


def decrypt_pages(data: bytes, raw_key: bytes) -> bytes:
    """Every page of a SQLCipher 4 file opened with a raw key (x'…'), decrypted."""
    out = bytearray()
    for start in range(0, len(data) - PAGE + 1, PAGE):
        out += _decrypt_page(data[start:start + PAGE], raw_key, first=start == 0)
    return bytes(out)


def decrypt_wal(data: bytes, raw_key: bytes) -> bytes:
    """Every frame of a SQLCipher -wal, decrypted (frames hold whole encrypted pages)."""
    out = bytearray()
    offset = _WAL_HEADER
    while offset + _FRAME_HEADER + PAGE <= len(data):
        page = data[offset + _FRAME_HEADER:offset + _FRAME_HEADER + PAGE]
        page_no = int.from_bytes(data[offset:offset + 4], "big")
        out += _decrypt_page(page, raw_key, first=page_no == 1)
        offset += _FRAME_HEADER + PAGE
    return bytes(out)


def _decrypt_page(page: bytes, raw_key: bytes, *, first: bool) -> bytes:
    iv = page[PAGE - _RESERVE:PAGE - _RESERVE + 16]
    body = page[_SALT if first else 0:PAGE - _RESERVE]
    decryptor = Cipher(algorithms.AES(raw_key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def readable_bytes(db: Path, raw_key: bytes | None) -> bytes:
    """The store's bytes as the attacker reads them: the file and its -wal (if any),
    decrypted when `raw_key` is given, and the -shm as it is (never encrypted: it holds
    the -wal's index, and must hold no text)."""
    out = b""
    for path, decrypt in ((db, decrypt_pages), (Path(f"{db}-wal"), decrypt_wal)):
        if not path.exists():
            continue
        data = path.read_bytes()
        out += data if raw_key is None else decrypt(data, raw_key)
    shm = Path(f"{db}-shm")
    return out + (shm.read_bytes() if shm.exists() else b"")
