"""A keyring that holds its answer, as one showing its unlock prompt does: for child
processes (PYTHON_KEYRING_BACKEND=tests.held_keyring.HeldKeyring).

Every read says so on stderr ("mlcoach-ready: keyring-asked") and waits until something
opens and closes the FIFO named by MLCOACH_TEST_KEYRING_HELD for writing; without it,
the plaintext file keyring of keyrings.alt.
"""

from __future__ import annotations

import os
import sys

from keyrings.alt.file import PlaintextKeyring


class HeldKeyring(PlaintextKeyring):  # type: ignore[misc]
    """Reads wait for the test to let them go."""

    def get_password(self, service: str, username: str) -> str | None:
        held = os.environ.get("MLCOACH_TEST_KEYRING_HELD")
        if held:
            sys.stderr.write("mlcoach-ready: keyring-asked\n")
            sys.stderr.flush()
            with open(held, encoding="utf-8") as gate:  # blocks until a writer opens it
                gate.read()
        value: str | None = super().get_password(service, username)
        return value
