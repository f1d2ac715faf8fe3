"""English verb forms the composer needs beyond the base form: the past tense, for
"How would it work for you if I reviewed PRs within a day?" (from "I want to review …")."""

from __future__ import annotations

import re

_IRREGULAR = {
    "be": None, "begin": "began", "break": "broke", "bring": "brought", "build": "built",
    "buy": "bought", "choose": "chose", "cut": "cut", "do": "did", "drive": "drove",
    "eat": "ate", "feed": "fed", "find": "found", "forget": "forgot", "get": "got",
    "give": "gave", "go": "went", "have": "had", "hide": "hid", "hit": "hit", "hold": "held",
    "keep": "kept", "lay": "laid", "lead": "led", "leave": "left", "let": "let", "make": "made",
    "meet": "met", "pay": "paid", "put": "put", "quit": "quit", "read": "read", "run": "ran",
    "say": "said", "sell": "sold", "send": "sent", "set": "set", "shut": "shut", "sit": "sat",
    "speak": "spoke", "spend": "spent", "split": "split", "stand": "stood", "take": "took",
    "teach": "taught", "tell": "told", "think": "thought", "wake": "woke", "write": "wrote",
    "sunset": "sunset", "cc": None,
}
# Verbs of more than one syllable whose last consonant doubles ("committed", "preferred").
_DOUBLED = frozenset(("commit", "submit", "omit", "admit", "permit", "refer", "prefer",
                      "regret", "control", "patrol", "rebut", "occur", "compel"))
_VOWEL_GROUPS = re.compile("[aeiou]+")


def past_tense(verb: str) -> str | None:
    """The simple past of a base verb ("review" → "reviewed", "stop" → "stopped", "send"
    → "sent", "time-box" → "time-boxed"); None for "be" (whose past depends on its
    subject) and for what is not a plain word."""
    low = verb.lower()
    if "-" in low:
        head, _, last = low.rpartition("-")
        past = past_tense(last)
        return f"{head}-{past}" if past and head.replace("-", "").isalpha() else None
    if not low.isalpha() or not low.isascii() or len(low) < 2:
        return None
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith(tuple(_DOUBLED)):  # "overcommit" too
        return low + low[-1] + "ed"
    if low.endswith("e"):
        return low + "d"
    if low.endswith("y") and low[-2] not in "aeiou":
        return low[:-1] + "ied"
    if len(low) >= 3 and low[-1] not in "aeiouwxy" and low[-2] in "aeiou" \
            and low[-3] not in "aeiou" and len(_VOWEL_GROUPS.findall(low)) == 1:
        return low + low[-1] + "ed"  # "stop" → "stopped", "plan" → "planned"
    return low + "ed"


def gerund(verb: str) -> str | None:
    """The -ing form of a base verb ("merge" → "merging", "plan" → "planning", "tie" →
    "tying", "time-box" → "time-boxing"); None for what is not a plain word."""
    low = verb.lower()
    if "-" in low:
        head, _, last = low.rpartition("-")
        said = gerund(last)
        return f"{head}-{said}" if said and head.replace("-", "").isalpha() else None
    if not low.isalpha() or not low.isascii() or len(low) < 2:
        return None
    if low.endswith("ie"):
        return low[:-2] + "ying"
    if low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
        return low[:-1] + "ing"
    if low.endswith(tuple(_DOUBLED)):
        return low + low[-1] + "ing"
    if len(low) >= 3 and low[-1] not in "aeiouwxy" and low[-2] in "aeiou" \
            and low[-3] not in "aeiou" and len(_VOWEL_GROUPS.findall(low)) == 1:
        return low + low[-1] + "ing"  # "stop" → "stopping", "plan" → "planning"
    return low + "ing"
