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


def _one(word: str) -> list[Prompt]:
    return [Prompt(id=f"own-{word.lower()}", theme="recognition",
                   texts={"en": PromptText(f"{word}: who helped you today?", "Say so.")})]


def _own_texts(light) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text_for("en").text for p in light.store.custom_prompts()]


def test_prompts_a_recovery_swapped_in_keeping_their_count_are_the_ones_used(
        opened, layout, memory_keyring):  # type: ignore[no-untyped-def]
    """A damaged store recovered from a backup (the file swapped for another, as
    `recovery` does) with as many prompts of one's own and the same save mark: the
    tray went on choosing the prompts of the file that was gone."""
    import os
    import shutil

    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.db import connect_raw

    opened.store.save_custom_prompts(_one("Thank"))
    opened.store.close()  # the raw store's calls alone, as in the tray
    light = open_light(layout, keys=OSKeyring())
    try:
        assert _own_texts(light) == ["Thank: who helped you today?"]
        restored = layout.db.with_name("restored.db")
        shutil.copyfile(layout.db, restored)
        conn = connect_raw(restored, opened.secret)
        try:  # the backup's words for the same prompt, under the same save mark
            data = json.dumps({"texts": {"en": {"text": "Praise: who helped you today?",
                                                "try": "Say so."}}, "parts": [], "tags": []})
            conn.execute("UPDATE custom_prompts SET data = ?", (data,))
            conn.commit()
        finally:
            conn.close()
        os.replace(restored, layout.db)
        assert _own_texts(light) == ["Praise: who helped you today?"]
    finally:
        light.close()


def test_a_prompt_replaced_in_place_keeping_the_count_is_read_anew(
        opened, layout, memory_keyring):  # type: ignore[no-untyped-def]
    """One prompt of one's own gone and another come in the same file, by a write that
    leaves the save mark as it was (a recovery's carry-over, an import after a delete):
    the count alone said nothing changed."""
    from mlcoach.security.keys import OSKeyring

    opened.store.save_custom_prompts(_one("Thank"))
    light = open_light(layout, keys=OSKeyring())
    try:
        assert _own_texts(light) == ["Thank: who helped you today?"]
        with light.store.connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT theme, data, created_at FROM custom_prompts").fetchone()
            conn.execute("DELETE FROM custom_prompts")
            conn.execute("INSERT INTO custom_prompts (id, theme, data, created_at) "
                         "VALUES ('own-praise', ?, ?, ?)",
                         (row[0], row[1].replace("Thank", "Praise"), row[2]))
            conn.execute("COMMIT")
        assert _own_texts(light) == ["Praise: who helped you today?"]
    finally:
        light.close()
