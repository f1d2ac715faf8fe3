"""A Turkish wish of what someone else would do, said with "-sa/-se": «Ayşe PR'lara bir
gün içinde baksa çok iyi olur», «tasarım ekibi mockup'ları daha erken paylaşsa». Not the
user's own act (so not led by example), and not "what if we did" in the question."""

from __future__ import annotations

import re

# "… baksa çok iyi olur", "… gelse fena olmaz": the wish's tail, said after the verb
_TAIL = re.compile(r"\s*,?\s+(?:(?:bence|çok|cok|daha)\s+)?(?:(?:iyi|güzel|guzel|harika|süper"
                   r"|super|faydalı|yararlı)\s+olur(?:du)?|fena\s+olmaz(?:d[ıi])?)\s*[.!]*$",
                   re.I)
# "baksa", "paylaşsa", "gelse"; not a state ("olsa"), not passive ("yazılsa", "incelense")
_WISH_VERB = re.compile(r"^[^\W\d_]{2,}s[ae]$")
_NOT_A_WISH_VERB = re.compile(r"(?:^ols[ae]|^kısa|^masa|^kasa|^yoksa|^ise|^nasa|[ıiuü]ls[ae]|"
                              r"[aeıioöuü]ns[ae]|^bile)$", re.I)
# Turkish, not English typed in the Turkish app ("… before release"): a Turkish letter or
# an ending after an apostrophe ("PR'lara"), or the wish's tail
_TURKISH = re.compile(r"[çğıöşüÇĞİÖŞÜ]|\w['’][^\W\d_]")
# A team as the one who would do it: «ekip …», «tasarım ekibi …»
_GROUP_FIRST = frozenset(("ekip", "takım", "ekiptekiler", "tasarımcılar", "yöneticiler"))
_GROUP_SECOND = frozenset(("ekibi", "takımı", "grubu", "birimi", "ekipleri", "takımları"))
# Capitalised at the start but no one's name: the words a sentence opens with
_NOT_NAMES = frozenset(("bence", "keşke", "belki", "bir", "her", "bu", "şu", "o", "biz",
                        "ben", "siz", "sen", "onlar", "herkes", "kimse", "ekip", "takım",
                        "toplantı", "toplantılar", "kod", "test", "testler", "standup",
                        "retro", "demo", "lütfen", "artık", "bundan", "yarın", "bugün"))


# «Ayşe'nin PR'lara bakması iyi olur», «tasarım ekibinin … paylaşması lazım»: theirs too
_THEIRS_TO_DO = re.compile(r"^(?:[A-ZÇĞİÖŞÜ][^\W\d_]*['’]n?[ıiuü]n|(?:\S+\s+)?(?:ekibi|takımı)"
                           r"n[ıi]n)\s.*\wm[ae]s[ıi]\s+(?:(?:bence|çok|daha)\s+)?(?:(?:iyi|güzel|faydalı"
                           r"|yararlı)\s+olur(?:du)?|lazım|gerek(?:ir|iyor)?|şart)\s*[.!]*$")


def _wish_verb(text: str) -> bool:
    words = _TAIL.sub("", text.strip().rstrip(" .!")).split()
    last = words[-1].lower() if words else ""
    return len(words) >= 3 and bool(_WISH_VERB.match(last)) \
        and not _NOT_A_WISH_VERB.search(last)


def wished_of_others_tr(text: str) -> bool:
    """Whether `text` wishes someone else would do something: a name or a team, then
    what they would do, "-sa/-se" («Ayşe PR'lara baksa», «ekip standup'a zamanında
    gelse»), not «standup'ı 10'a alsak» (ours)."""
    said = " ".join(text.split())
    if _THEIRS_TO_DO.match(said) and not re.search(r"(?<!\w)olma(?:ma)?s[ıi]\s", said) \
            and re.split(r"['’]", said.lower())[0] not in _NOT_NAMES:
        return True  # not «standup'ın kısa olması …»: a state, and no one's name
    if not _wish_verb(text) or not (_TURKISH.search(text) or _TAIL.search(text)):
        return False
    words = text.split()
    first = words[0]
    low = first.replace("İ", "i").replace("I", "ı").lower()
    if low in _GROUP_FIRST or words[1].lower() in _GROUP_SECOND:
        return True
    return first[:1].isupper() and first.isalpha() and low not in _NOT_NAMES \
        and not low.endswith(("lar", "ler"))
