"""Thousands of prompts of one's own: each prompt chosen read and decoded them all, ~0.15 s
of the tray's thread for 9,999 (the tray and every window stood still that long at each
prompt). A prompt not changed since is decoded once; one changed is read anew."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

from mlcoach.coaching.service import Coach
from mlcoach.domain.model import Prompt, PromptText
from mlcoach.store.vault import open_light

MANY = 3000
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _prompts(word: str) -> list[Prompt]:
    return [Prompt(id=f"own-{i}", theme="recognition",
                   texts={"en": PromptText(f"{word} {i}: who helped you today?", "Say so.")})
            for i in range(MANY)]


def test_choosing_again_does_not_decode_every_prompt_of_ones_own_again(
        opened, layout, memory_keyring, monkeypatch):  # type: ignore[no-untyped-def]
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store import codec

    opened.store.save_custom_prompts(_prompts("Thank"))
    light = open_light(layout, keys=OSKeyring())
    try:
        coach = Coach(light.store, clock=lambda: NOW, tz=lambda: UTC, rng=random.Random(7))
        assert coach.offer(NOW, manual=True) is not None
        decoded: list[str] = []
        loads = json.loads

        def counted(text, *args, **kwargs):  # type: ignore[no-untyped-def]
            decoded.append(text)
            return loads(text, *args, **kwargs)

        monkeypatch.setattr(codec.json, "loads", counted)
        for _ in range(3):
            assert coach.offer(NOW, manual=True) is not None
        assert len(decoded) < MANY  # the store's small state, not the prompts again

        # Changed meanwhile (another `mlcoach` process): the new words are the ones used.
        opened.store.save_custom_prompts(_prompts("Thanked"))
        texts = {p.text_for("en").text for p in coach.prompts() if p.custom}
        assert "Thanked 7: who helped you today?" in texts
        assert "Thank 7: who helped you today?" not in texts
    finally:
        light.close()


def test_each_prompt_chosen_reads_the_prompts_of_ones_own_only_when_they_changed(
        opened, layout, memory_keyring, monkeypatch):  # type: ignore[no-untyped-def]
    """Decoded once, the prompts of one's own were still read from the file at every
    prompt chosen (~17 ms of the tray's thread for 9,999): they are read again only once
    a save or an import changed them, in this process or another."""
    from mlcoach.security.keys import OSKeyring
    from mlcoach.store import light as light_module
    from mlcoach.transfer.exporting import import_document

    opened.store.save_custom_prompts(_prompts("Thank"))
    light = open_light(layout, keys=OSKeyring())
    statements: list[str] = []
    connect = light_module.connect_raw

    def traced(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(light_module, "connect_raw", traced)

    def rows_read() -> int:
        return sum("data FROM custom_prompts" in s for s in statements)

    try:
        coach = Coach(light.store, clock=lambda: NOW, tz=lambda: UTC, rng=random.Random(7))
        assert coach.offer(NOW, manual=True) is not None
        assert rows_read() == 1
        for _ in range(3):
            assert coach.offer(NOW, manual=True) is not None
        assert rows_read() == 1

        opened.store.save_custom_prompts(_prompts("Thanked"))  # words changed elsewhere
        texts = {p.text_for("en").text for p in coach.prompts() if p.custom}
        assert "Thanked 7: who helped you today?" in texts
        assert "Thank 7: who helped you today?" not in texts
        assert rows_read() == 2

        import_document(opened.store, {"custom_prompts": [  # one more, from a file
            {"id": "own-imported", "theme": "recognition",
             "texts": {"en": {"text": "Imported: who helped?", "try": "Say so."}}}]})
        texts = {p.text_for("en").text for p in coach.prompts() if p.custom}
        assert "Imported: who helped?" in texts and len(texts) == MANY + 1
    finally:
        light.close()
