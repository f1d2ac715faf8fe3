"""An English change announced as under way ("we're dropping the Friday demo", "we're
moving standup to 10 next week", "we'll be moving standup to 10"): not how things are yet,
so not looked at as a thought; asked about as the hypothesis it still is for the person
("what if we dropped the Friday demo")."""

from __future__ import annotations

import re

from mlcoach.influence.english_words import _VERBS
from mlcoach.influence.verb_forms import gerund, past_tense

_UNDER_WAY = re.compile(r"^we(?:['’]re|\s+are|['’]ll\s+be|\s+will\s+be)\s+(?P<ing>[a-z]+ing)\s+"
                        r"(?P<rest>[^?;]+?)\s*[.!]*$", re.I)
# "we're working late", "we're doing badly", "… now": how it goes, or how it is now.
_NOT_A_CHANGE = re.compile(r"(?<![\w'’])(?:now|late|behind|badly|poorly|over|overtime|"
                           r"again|still)(?![\w'’])", re.I)


# What is still being weighed: "we're discussing moving standup", "we're considering …".
_WEIGHING = frozenset(("plan", "consider", "think", "discuss", "look", "talk", "wait", "ask",
                       "review", "check", "explore", "evaluate", "debate", "decide"))


def _base(ing: str) -> str | None:
    """"dropping" → "drop", "moving" → "move", "doing" → "do"; None for no verb we know."""
    stem = ing[:-3]
    for base in (stem, stem + "e", stem[:-1]):
        if base in _VERBS and (gerund(base) == ing or ing == f"{base}ling"):
            return base  # "cancelling", "travelling": the British double l too
    return None


def announced(text: str) -> str:
    """"we're dropping the Friday demo" → "what if we dropped the Friday demo"; text that
    announces no change is returned as it came."""
    match = _UNDER_WAY.match(text.strip())
    if match is None or _NOT_A_CHANGE.search(match["rest"]):
        return text
    base = _base(match["ing"].lower())
    if base in _WEIGHING or re.match(r"(?i)(?:to|about|of|on|whether|if)\b", match["rest"]):
        return text  # "we're planning to stop …", "we're considering …": not yet a change
    past = past_tense(base) if base else None
    if base and past and match["ing"].lower() == f"{base}ling":
        past = f"{base}led"  # "cancelling": "cancelled", as the user spells it
    return f"what if we {past} {match['rest']}" if past else text
