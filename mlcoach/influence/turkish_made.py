"""A Turkish change stated as already made ("retroyu cumaya aldık", "standup'ı kaldırdık",
"standup 10'a alındı"): asked how it has gone since, not proposed ("… nasıl olur") or
looked at together as a thought."""

from __future__ import annotations

import re

# "aldık", "kaldırdık", "bıraktık", "koyduk", "gördük": we did it (typed without the
# letters too: "aldik", "biraktik"). Not "yapmadık", "yapamadık": what was not done.
_WE_DID = re.compile(r"\w{2,}[dt][ıiuü]k$")
_NOT_DONE = re.compile(r"(?:m[aeı]d[ıi]k|[ae]m[ae]d[ıi]k)$")
# Words ending so that are no verb: "artık" (now, anymore), "sadık", "fındık"…
_NOT_VERBS = frozenset(("artık", "artik", "sadık", "sadik", "fındık", "findik", "ördek",
                        "kıtık", "yırtık", "yirtik", "kırtık", "aptık"))
# What went wrong is no change made: "toplantıyı kaçırdık", "testleri unuttuk".
_WENT_WRONG = re.compile(r"^(?:kaçır|kacir|unut|batır|batir|gecik|kaybet|boz|kır|kir|"
                         r"atla|yetiştir|yetistir)", re.I)
# "standup 10'a alındı", "retro cumaya taşındı", "cuma demosu kaldırıldı": made so.
_MADE_SO = re.compile(r"^(?:alındı|alindi|taşındı|tasindi|kaldırıldı|kaldirildi|"
                      r"değiştirildi|degistirildi|kısaltıldı|kisaltildi|başlatıldı|"
                      r"baslatildi|durduruldu|bırakıldı|birakildi|iptal\s+edildi|"
                      r"birleştirildi|birlestirildi|azaltıldı|azaltildi|kapatıldı|"
                      r"kapatildi|ertelendi)$")
# Particles after the verb that say nothing of its tense: "aldık ya", "kaldırdık artık".
_AFTER = frozenset(("ya", "artık", "artik", "nihayet", "sonunda", "zaten", "de", "da"))


def made_tr(text: str) -> bool:
    """Whether the Turkish `text` says a change the team has already made; of clauses
    ("standup'ı kaldırdık, kimse özlemedi"), the first says it."""
    if "?" in text:
        return False
    first = re.split(r"[,;]\s*", text.strip(), maxsplit=1)[0]
    lowered = " ".join(first.replace("İ", "i").replace("I", "ı").lower().split()).rstrip(" .!")
    words = re.findall(r"[\w']+", lowered)
    while len(words) > 1 and words[-1] in _AFTER:
        words.pop()
    if len(words) < 2:
        return False
    last = words[-1].split("'")[-1]
    if _MADE_SO.match(last) or _MADE_SO.match(" ".join(words[-2:])):
        return True
    return (_WE_DID.search(last) is not None and _NOT_DONE.search(last) is None
            and last not in _NOT_VERBS and _WENT_WRONG.match(last) is None)
