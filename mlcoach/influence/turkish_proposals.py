"""A Turkish proposal put as a question or a wish ("standup'ı 10'a alabilir miyiz?",
"… kısaltsak mı?", "… almak istiyorum", "… kısaltmayı öneriyorum"): said as the proposal
it is ("… alalım", "… almak"), which the question quotes."""

from __future__ import annotations

import re

# "…alabilir miyiz?" → "…alalım"; "…kısaltsak mı?" → "…kısaltalım".
_TR_CAN_WE = re.compile(r"(?P<stem>\w+?)(?P<y>y?)(?P<v>[ae])bilir\s+miyiz(?:\s+acaba)?\s*\??$",
                        re.I)
_TR_SHALL_WE = re.compile(r"(?<![\w'])(?P<stem>\w+?)(?P<v>sak|sek)\s+m[ıi](?:\s+acaba)?\s*\??$",
                          re.I)
# "…kısaltalım mı?": the proposal, asked.
_TR_LET_US_Q = re.compile(r"(?P<p>\w+(?:alım|elim))\s+m[ıi](?:\s+acaba)?\s*\??$", re.I)
# "…alabilir misin(iz)?": asked of the other person; the act is "…almak".
_TR_CAN_YOU = re.compile(r"(?P<stem>\w+?)y?(?P<v>[ae])bilir\s+mi(?:sin|siniz)"
                         r"(?:\s+(?:acaba|lütfen|rica\s+etsem|rica\s+ediyorum))?\s*\??$",
                         re.I)
# Stems whose last t softens before a vowel: "git" → "gidelim", "kaydet" → "kaydedelim".
_TR_SOFTENS = frozenset(("git", "et", "kaydet", "hallet", "reddet", "affet", "hisset", "seyret",
                         "terket", "sabret", "tat"))
# "…almak istiyorum", "…kısaltmayı öneriyorum", "…kısaltmakta fayda var": the act.
_TR_WANT = re.compile(r"(?:(?<=\s)(?:ben|biz)\s+)?(?P<act>\w+(?:mak|mek))\s+"
                     r"(?:istiyorum|istiyoruz|isterim|isteriz)\s*[.!]*$", re.I)
# Nouns ending in -mak/-mek: "taze ekmek istiyorum" wants bread, not to do something.
_TR_NOT_ACTS = frozenset(("ekmek", "yemek", "emek", "kaymak", "ırmak", "parmak", "kıymak",
                          "çakmak", "yamak", "kaşmak", "dümek"))
_TR_SUGGEST = re.compile(r"(?P<act>\w+?)(?:may[ıi]|meyi|mam[ıi]z[ıi]|memizi)\s+"
                         r"(?:[öo]neriyorum|[öo]neririm|[öo]neriyoruz|teklif ediyorum|"
                         r"teklif ederim|d[üu][şs][üu]n[üu]yorum|d[üu][şs][üu]n[üu]yoruz|"
                         r"d[üu][şs][üu]n[üu]yordum|d[üu][şs][üu]n[üu]yorduk)\s*[.!]*$", re.I)
_TR_WORTH = re.compile(r"(?P<act>\w+?)(?:makta|mekte)\s+(?:fayda|yarar)\s+var\s*[.!]*$", re.I)
_BACK_VOWELS = "aıou"
# Words ending in -sak/-sek that are not a verb's "shall we" ("yasak": forbidden, "yüksek":
# high, "tüysek"…): left as typed, as a question.
_TR_NOT_STEMS = frozenset(("ya", "yük", "ıs", "kıs", "tut", "mey", "köp", "er"))


def as_proposal(text: str) -> str:
    """`text` said as the proposal it puts as a question or a wish; as it came where
    it puts none."""
    match = _TR_LET_US_Q.search(text)
    if match:
        return text[: match.start()] + match["p"]
    match = _TR_CAN_YOU.search(text)
    if match and len(match["stem"]) >= 2:
        stem = match["stem"]
        if stem[-1:].lower() == "d" and stem[:-1].lower().split("'")[-1] + "t" in _TR_SOFTENS:
            stem = stem[:-1] + "t"  # "edebilir" → "etmek", "gidebilir" → "gitmek"
        return text[: match.start()] + stem + ("mak" if match["v"].lower() == "a" else "mek")
    match = _TR_CAN_WE.search(text)
    if match and len(match["stem"]) >= 2:
        ending = "alım" if match["v"].lower() == "a" else "elim"
        return text[: match.start()] + match["stem"] + match["y"] + ending
    match = _TR_SHALL_WE.search(text)
    if match and len(match["stem"]) >= 2:
        stem = match["stem"]
        ending = "alım" if match["v"].lower() == "sak" else "elim"
        last = stem.split("'")[-1].lower()
        if last in _TR_SOFTENS:
            stem = stem[:-1] + "d"
        elif stem[-1].lower() in "aeıioöuü":
            ending = "y" + ending
        shaped = text[: match.start()] + stem + ending
        # "yasak mı?", "yüksek mi?" end in -sak/-sek too: adjectives, not "yasalım"
        return shaped if stem.lower() not in _TR_NOT_STEMS else text
    for pattern in (_TR_WANT, _TR_SUGGEST, _TR_WORTH):
        match = pattern.search(text)
        if match and match["act"].lower() not in _TR_NOT_ACTS:
            act = match["act"]
            if pattern is not _TR_WANT:
                vowels = [ch for ch in act.lower() if ch in "aeıioöuü"]
                act += "mak" if vowels and vowels[-1] in _BACK_VOWELS else "mek"
            return text[: match.start()] + act
    return text
