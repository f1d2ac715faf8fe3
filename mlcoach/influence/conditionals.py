"""An English change said as a condition ("if we pair on reviews", "if only we had demo
days", "if we pair on reviews, things get merged faster", "if we could pair on reviews
that would be great"): the hypothesis it is, read as "what if …" is, without the
consequence or the wish said after it."""

from __future__ import annotations

import re

from mlcoach.influence.english_words import _VERBS
from mlcoach.influence.verb_forms import past_tense

_IF = re.compile(r"^(?:if\s+only|only\s+if|if)\s+(?P<who>we|everyone|everybody|the\s+team|"
                 r"people|all\s+of\s+us|each\s+of\s+us)\s+(?P<rest>\S.*)$", re.I)
# "… that would be great", "…, it'd help": the wish said after the condition.
_WISH_AFTER = re.compile(r"(?:\s*,)?\s+(?:that|it|this)(?:\s+would|'d|’d)\s+(?:be\s+)?"
                         r"(?:really\s+)?"
                         r"(?:great|good|nice|awesome|amazing|helpful|ideal|better|help|"
                         r"help\s+a\s+lot|make\s+sense)\s*[.!]*$", re.I)
# "…, things get merged faster": the consequence, after a comma.
_THEN = re.compile(r"\s*,\s*(?:then\s+)?(?:things|we|it|everything|everyone|reviews|"
                   r"prs|work|the\s+\w+|that|this|there)\b[^,]*$", re.I)
_MODALS = frozenset(("could", "can", "would", "should", "might", "may", "must", "will",
                     "shall"))
_NOT_NOW = {"don't": "didn't", "dont": "didn't", "don’t": "didn't"}


def condition_as_hypothesis(text: str) -> str:
    """"if we pair on reviews" → "what if we paired on reviews"; "if we could pair on
    reviews that would be great" → "we could pair on reviews" (the modal reads as the
    plan); text that is no such condition is returned as it came."""
    match = _IF.match(text.strip())
    if match is None:
        return text
    rest = _THEN.sub("", _WISH_AFTER.sub("", match["rest"])).rstrip(" .!")
    who = match["who"]
    first, _, after = rest.partition(" ")
    if not rest or "?" in rest:
        return text
    if first.lower() in _MODALS:
        return f"{who} {rest}" if who.lower() == "we" else text
    if who.lower() == "we" and first.lower() in _NOT_NOW:
        rest = f"{_NOT_NOW[first.lower()]} {after}"  # "if we don't deploy on Fridays"
    elif who.lower() == "we" and first.lower() in _VERBS:
        past = past_tense(first)  # "if we pair on reviews": the hypothesis, in the past
        if past is None:
            return text
        rest = f"{past} {after}".strip()
    return f"what if {who} {rest}"
