"""A decided change that starts later ("Pazartesiden itibaren test yazmak zorunlu", "haftaya
demo perşembe günleri yapılacak", "from next sprint …"): not told as made already, and kept
to from its first day, not "this week"."""

from __future__ import annotations

import re

from mlcoach.influence.english_words import MONTH, WEEKDAY

# "Pazartesiden itibaren", "1 Mart'tan itibaren", "yarından başlayarak"; not "bugünden
# itibaren", "bundan sonra": those start now
_TR_FROM = re.compile(r"(?<!\w)(?!(?:bugün|şu\s*an|şimdi|bundan|artık)\w*\s)"
                      r"\S+?(?:d|t)(?:a|e)n\s+(?:itibaren|başlayarak|başlamak\s+üzere)(?!\w)")
_TR_LATER = re.compile(r"(?<!\w)(?:haftaya|yarın\w*|önümüzdeki|gelecek\s+(?:hafta|ay|sprint|"
                       r"çeyrek|yıl|dönem)\w*|bir\s+sonraki|yeni\s+yıl\w*|ay\s+başı\w*)(?!\w)")
# "yapılacak", "başlayacak", "olacaktır": what will be, said so
_TR_WILL = re.compile(r"(?<!\w)\w+?(?:acak|ecek)(?:lar|ler)?(?:d[ıi]r|t[ıi]r)?(?!\w)")

_EN_LATER = re.compile(r"(?i)(?<!\w)(?:(?:starting|beginning|from|as\s+of|as\s+from|effective"
                       rf"|after)\s+(?:next\s+\w+|tomorrow|{WEEKDAY}|{MONTH}"
                       r"|q[1-4]|the\s+(?:next|first|new)\b)|next\s+(?:week|sprint|month"
                       r"|quarter|year)|tomorrow)(?!\w)")


# "from next week", "starting Monday", «Pazartesiden itibaren»: a start, so a routine from
# then on ("move the checklist next week" is one act, done then)
_EN_FROM = re.compile(r"(?i)(?<!\w)(?:starting|beginning|from|as\s+of|as\s+from|effective)\s")


def starts_later(text: str, language: str, *, from_then_on: bool = False) -> bool:
    """Whether `text` dates its change to start later than today; `from_then_on`: said as
    from when it starts ("from next week …", not only "next week …")."""
    if language != "tr":
        found = _EN_LATER.search(text)
        return found is not None and (not from_then_on or _EN_FROM.match(found[0]) is not None)
    said = " ".join(text.replace("İ", "i").replace("I", "ı").lower().split())
    if from_then_on:
        return _TR_FROM.search(said) is not None
    return any(p.search(said) for p in (_TR_FROM, _TR_LATER, _TR_WILL))
