"""A Turkish change said to the person it names: «Ayşe'nin 1:1'ini cumaya aldık», said to
Ayşe, is quoted as «1:1'inizi cumaya aldık»; «Ayşe'yi nöbetten çıkardık» as «sizi nöbetten
çıkardık». Only the forms the grammar settles are changed; anything else stays as typed."""

from __future__ import annotations

import re

# The possessed word after a genitive name: stem, buffer "s", the possessive vowel, a case.
_POSSESSED = re.compile(r"^(?P<stem>.+?)(?P<s>s?)(?P<v>[ıiuü])"
                        r"(?P<case>n[ıiuü]n|nd[ae]n|nd[ae]|n[ıiuü]|n[ae])?$")
# The name with a case ending: what the polite "siz" becomes in that case.
_CASES = (
    (r"n?[ıiuü]n", None),  # the genitive: its possessed word changes instead
    (r"y?[ıiuü]", "sizi"),
    (r"y?[ae]", "size"),
    (r"[dt][ae]n", "sizden"),
    (r"[dt][ae]", "sizde"),
    (r"y?l[ae]", "sizinle"),
)
# "Ayşe ile", "Ayşe için": the name with a word after it for its case.
_AFTER = (("ile", "sizinle"), ("için", "sizin için"), ("icin", "sizin için"))


def _yours(word: str) -> str | None:
    """"1:1'ini" → "1:1'inizi", "toplantısını" → "toplantınızı", "demosuna" →
    "demonuza"; None for a word that carries no possessive ending."""
    match = _POSSESSED.match(word)
    if match is None or re.search(r"[dt][ae]ki$", word, re.I):  # "ekibindeki": no noun
        return None
    stem, v, case = match["stem"], match["v"], match["case"] or ""
    if not match["s"] and stem[-1:].lower() in "aeıioöuü":
        return None  # "Ayşe'nin demo": no possessive said
    after = {"": "", "n" + v: v, "n" + v + "n": v + "n"}.get(case)
    if after is None:  # dative, locative, ablative: "na" → "a", "nda" → "da"
        after = case[1:]
    return f"{stem}{'' if match['s'] else v}n{v}z{after}"


def said_to_you_tr(text: str, name: str) -> str:
    """`text` with `name`, in a case Turkish marks after an apostrophe, turned into the
    polite "siz" of the person it is said to; a name with no case ending stays."""
    parts = "['’]".join(re.escape(p) for p in re.split("['’]", name))
    names = rf"(?:{parts}|{re.escape(name.split()[0])})" if " " in name else parts

    def genitive(match: re.Match[str]) -> str:
        yours = _yours(match["word"])
        return match[0] if yours is None else yours

    text = re.sub(rf"(?<![\w'’]){names}['’]n?[ıiuü]n\s+(?P<word>[\w:'’-]+)",
                  genitive, text, flags=re.I)
    for ending, pronoun in _CASES:
        if pronoun is not None:
            text = re.sub(rf"(?<![\w'’]){names}['’]{ending}(?![\w'’])", pronoun, text,
                          flags=re.I)
    for word, said in _AFTER:
        text = re.sub(rf"(?<![\w'’]){names}\s+{word}(?![\w'’])", said, text, flags=re.I)
    return text


# What a person does to how the team works, in the past: «Ayşe standup'ı 10'a aldı»; not
# what they stopped or cancelled, which is as often a complaint about them.
_THEIR_CHANGE = re.compile(r"^(?:al|taşı|tasi|kaydır|kaydir|başlat|baslat|getir|geçir|gecir"
                           r"|değiştir|degistir|kur|devral|ekle|otomatikleştir|otomatiklestir"
                           r"|düzenle|duzenle|ayarla|çek|cek)[dt][ıiuü]$")


def their_change_tr(text: str, name: str) -> str | None:
    """«Ayşe standup'ı 10'a aldı», said to Ayşe → «standup'ı 10'a aldınız»: a change she
    made, said to her; None for anything else."""
    words = text.strip().rstrip(" .!").split()
    first = name.split()[0] if name.split() else ""
    if len(words) < 3 or words[0].casefold() != first.casefold():
        return None
    last = words[-1]
    if _THEIR_CHANGE.match(last.lower()) is None:
        return None
    vowel = last[-1]
    return " ".join([*words[1:-1], f"{last}n{vowel}z"])
