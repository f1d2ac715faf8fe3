"""Identifiers are real random UUIDs; the capture path stays light."""

from __future__ import annotations

import subprocess
import sys
import uuid

from mlcoach.domain.ids import new_id


def test_new_ids_are_distinct_version_4_uuids_in_canonical_text():
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text  # lower-case, hyphenated, as uuid4() writes it
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_the_capture_modules_do_not_load_the_domain_model():
    code = ("import sys, mlcoach.cli.main, mlcoach.domain.capture, mlcoach.store.vault, "
            "mlcoach.store.quick;"
            "print(sorted(m for m in ('mlcoach.domain.model', 'uuid', 'sqlalchemy', 'PySide6')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_sha256_is_hashlibs_digest_without_loading_openssl():
    import hashlib

    from mlcoach.domain.ids import sha256

    for data in (b"", b"abc", b"/home/ana/.local/share/mlcoach", bytes(range(256)) * 9):
        assert sha256(data) == hashlib.sha256(data).digest()
