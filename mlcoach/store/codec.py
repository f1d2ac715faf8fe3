"""Row values to domain objects without SQLAlchemy: what the raw `LightStore` shares with
the ORM side (`rows.py` turns ORM rows; this turns plain column values)."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

from mlcoach.domain.enums import DayPart, Kind
from mlcoach.domain.model import Prompt, PromptText

# Moments that count as having recognised or supported someone.
RECOGNISING_KINDS = (Kind.RECOGNITION, Kind.SUPPORT)


def parse_day(value: Any) -> date | None:
    """A stored date ("YYYY-MM-DD") as a date."""
    return None if value is None else date.fromisoformat(str(value))


#: The state key a save of custom prompts changes (a new id each time): a reader that
#: kept them reads them again only when it or their count changed (an import adds rows).
PROMPTS_SAVED_KEY = "custom_prompts_saved"

#: Custom prompts decoded, kept by their stored values: every prompt chosen reads them all,
#: and decoding 9,999 of them took ~0.15 s of the tray's thread each time (a row changed
#: is a new key; an unchanged one is not decoded again).
PROMPTS_KEPT = 16384


@lru_cache(maxsize=PROMPTS_KEPT)
def custom_prompt(prompt_id: str, theme: str, data_json: str) -> Prompt:
    """A user's own prompt from its stored JSON (the same object for the same values:
    not to be changed)."""
    data = json.loads(data_json)
    texts = {lang: PromptText(t["text"], t["try"]) for lang, t in data["texts"].items()}
    return Prompt(id=prompt_id, theme=theme, texts=texts,
                  parts=tuple(DayPart(p) for p in data.get("parts", [])) or tuple(DayPart),
                  tags=tuple(data.get("tags", [])), custom=True)
