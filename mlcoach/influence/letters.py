"""Turkish typed on an ASCII keyboard ("toplantilari kisa tutalim") read with its letters
("toplantıları kısa tutalım"), where the word list can tell: a word it knows, or a word it
knows with endings after it, the endings in vowel harmony. A word it cannot tell is left
as typed, and so is text with any Turkish letter in it (typed with its letters)."""

from __future__ import annotations

import logging
import re
import tomllib
from functools import cache
from importlib import resources

logger = logging.getLogger(__name__)

_FOLD = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")
_TURKISH_LETTER = re.compile("[çğıöşüÇĞİÖŞÜ]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_VOWELS = "aeıioöuü"
_BACK = "aıou"
# A known word ending in these is a stem whose last consonant softens before a vowel
# ("toplantı" no; "kitap" → "kitabı", "ayak" → "ayağı").
_SOFTENED = {"k": "ğ", "p": "b", "t": "d", "ç": "c"}
_MIN_STEM = 3  # shorter words are taken only whole: "iş" is not the start of "istek"
# What may follow a known stem, typed without letters: a chain of Turkish endings. A stem
# whose rest is no such chain is not the word ("dış" is not the start of "disiplin"); of
# two stems, the one whose rest is the fewer endings is ("konu-sunu", not "konuş-unu").
_SUFFIXES = frozenset(re.findall(r"\w+", (
    "lar ler yor iyor uyor acak ecek yacak yecek acag eceg yacag yeceg alim elim yalim yelim "
    "abil ebil yabil yebil mak mek may mey mali meli ma me lik luk li lu siz suz sin sun niz "
    "nuz miz muz nin nun yla yle la le dan den tan ten da de ta te ya ye na ne ca ce ci cu ki "
    "dir dur tir tur di du ti tu mis mus ir ur ar er il ul in un im um iz uz yi yu ni nu si "
    "su sa se ysa yse mi mu an en yan yen dik duk tik tuk")))
_SINGLE = frozenset("ynmktszrldaeiu")  # a letter alone is an ending, but a costly one


def _ending_cost(ending: str) -> int | None:
    """How many endings `ending` is at the fewest (a lone letter counts two), or None."""
    best: list[int | None] = [0] + [None] * len(ending)
    for end in range(1, len(ending) + 1):
        for start in range(max(0, end - 5), end):
            before, piece = best[start], ending[start:end]
            cost = 1 if piece in _SUFFIXES else 2 if len(piece) == 1 and piece in _SINGLE \
                else None
            if before is not None and cost is not None:
                total = before + cost
                current = best[end]
                best[end] = total if current is None else min(current, total)
    return best[-1]


# English words no Turkish sentence has: two of them, and the text is English typed in the
# Turkish app ("Dana is the release owner": its "is" is not "iş").
_ENGLISH = frozenset(("the", "and", "of", "to", "is", "are", "was", "were", "we", "you", "it",
                      "for", "with", "be", "should", "would", "could", "can", "will", "this",
                      "that", "what", "if", "my", "our", "your", "their", "i", "do", "does",
                      "don't", "let's", "please", "an", "have", "has", "they", "she", "he"))
# An unknown word that reads as Turkish missing its letters: an i after a back vowel
# ("sinirlayalim") or a Turkish ending ("…yalim", "…mis"). One such word, and the text is
# left as typed: half restored, it would read as a misspelling inside proper Turkish.
_DOUBTFUL = re.compile(r"[aou][^aeiou]*i|(?:l[ie]m|yor|m[iu]s|m[iu]z|n[iu]z|s[iu]n|c[ae]k|"
                       r"m[ae]k|l[ae]r)$")
_SHORT_STEMS = frozenset(("iş", "iç", "aç", "üç"))
_PARTICLES = frozenset(("mi", "misin", "miyiz", "misiniz", "miyim", "mu", "musun", "muyuz",
                        "musunuz", "muyum"))


# Stems of words that alone fold like two, where only one takes endings: "aksamaları" is
# disruptions ("akşama", to the evening, takes none).
_STEMS = {"aksama": "aksama"}


@cache
def _known() -> tuple[dict[str, str | None], tuple[tuple[str, str | None], ...]]:
    """Folded form → the word with its letters (None where two words fold alike), and the
    stems for words with endings, longest first."""
    path = resources.files("mlcoach.resources").joinpath("coach", "tr_letters.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words: dict[str, str | None] = {}
    for word in data["words"]:
        folded = word.translate(_FOLD)
        words[folded] = None if words.get(folded, word) != word else word
    preferred = {word.translate(_FOLD): word for word in data.get("prefer", [])}
    for word in data["plain"]:
        if word in words:
            words[word] = None  # "ise" and "işe": cannot be told
        else:
            words[word] = word  # "standup", "rapor": right as typed, and a stem
    words.update(preferred)  # "su" at work is "şu"
    stems: dict[str, str | None] = {}
    for folded, word in words.items():
        if len(folded) < _MIN_STEM and word not in _SHORT_STEMS:
            continue  # "iş-leri", "aç-alım": only these short words start longer ones
        stems[folded] = word  # None where two words fold alike: no shorter one is tried
        if word is not None and word[-1] in _SOFTENED:
            soft = word[:-1] + _SOFTENED[word[-1]]
            stems.setdefault(soft.translate(_FOLD), soft)
    stems.update(_STEMS)
    logger.debug("%d Turkish words known for ASCII typing", len(words))
    return words, tuple(sorted(stems.items(), key=lambda item: -len(item[0])))


# English work words whose endings follow how they are said, not spelled: "ticket'ı"
# (tikıt), "pipeline'ı" (payplayn), "daily'yi" (deyli), "PR'ı" (pi-ar), "review'u".
_SAID_VOWEL = {"ticket": "ı", "item": "ı", "feature": "ı", "pipeline": "a", "deadline": "a",
               "timeline": "a", "guideline": "a", "online": "a", "offline": "a",
               "design": "a", "slide": "a", "code": "o", "issue": "u", "review": "u",
               "daily": "i", "story": "i", "query": "i", "pr": "a", "ci": "a", "mr": "a",
               "branch": "e", "merge": "ö", "qa": "a", "ui": "i", "ux": "i",
               "feedback": "e", "team": "i", "call": "o", "scrum": "a", "bug": "a",
               "master": "ı", "build": "i", "push": "u"}


def _last_vowel(text: str) -> str:
    said = _SAID_VOWEL.get(text.lower())
    return said or next((ch for ch in reversed(text) if ch in _VOWELS), "e")


# An abbreviation typed in capitals with its endings run on ("PRlari", "APIyi", "OKRlara"):
# the endings follow its last letter's name ("ka-pe-i": KPI'ları is said "KPI'leri" too,
# so only the i and u the typed endings leave open are read from it).
_ABBREVIATION = re.compile(r"^(?P<head>[A-Z]{2,5})(?P<tail>[a-z]+)$")
_LETTER_VOWEL = {"A": "a", "E": "e", "I": "i", "O": "o", "U": "u", "Q": "ü", "X": "i"}


def _abbreviation_with_endings(typed: str) -> str | None:
    """"PRlari" → "PRları"; None where `typed` is no abbreviation with endings after it."""
    match = _ABBREVIATION.match(typed)
    if match is None or _ending_cost(match["tail"]) is None:
        return None
    head = match["head"]
    said = _SAID_VOWEL.get(head.lower()) or _LETTER_VOWEL.get(head[-1], "e")
    return head + _endings(said, match["tail"])


def _endings(stem: str, typed: str) -> str:
    """`typed` endings after `stem`, their i and u as vowel harmony says, the s of "-mış"
    and the g between vowels ("-acağım") with their letters."""
    out: list[str] = []
    vowel = _last_vowel(stem)
    for at, ch in enumerate(typed):
        before = (stem + "".join(out))[-1:]
        after = typed[at + 1 : at + 2]
        if ch == "i" and vowel in _BACK:  # "standup'i": typed i after a back vowel is ı
            ch = "ı"
        elif ch == "u" and vowel in "öü":
            ch = "ü"
        elif ch == "g" and before in _VOWELS and after in "aeiıouü" and after:
            ch = "ğ"
        elif ch == "s" and not after and len(out) >= 2 and out[-2] == "m" \
                and out[-1] in "ıiuü":
            ch = "ş"
        elif ch == "c" and before in "fhkpsştç" and after in "aeiı" and after:
            ch = "ç"
        if ch in _VOWELS:
            vowel = ch
        out.append(ch)
    return "".join(out)


def _restored_word(typed: str, before: str) -> str | None:
    """The word with its letters, or None where the list cannot tell."""
    words, stems = _known()
    low = typed.replace("I", "ı").lower() if typed[:1] != "I" else "i" + typed[1:].lower()
    low = low.translate(_FOLD)
    head, mark, tail = low.partition("'") if "'" in low else low.partition("’")
    if low in _PARTICLES and before:  # "gerekli mi", "yapalım mı": after the word's vowel
        return _endings(before, low)
    abbreviation = _abbreviation_with_endings(typed)
    if abbreviation is not None:
        return abbreviation
    if re.search("[qwx]", low) and not (mark and head in _SAID_VOWEL) \
            and not _english_stem(low, words):
        return None  # no Turkish word has them: "wiki", "sessions" as typed ("review'u" has)
    if mark:  # "standup'i", "PR'lara": the endings after the mark
        if len(head) < 2 or not re.search("[aeiou]", tail):
            return None  # "I'd", "it's": English
        stem = words.get(head) or (head if head not in words else None)
        return None if stem is None else stem + mark + _endings(stem, tail)
    if low in words:
        return words[low]
    # every known stem the word can start with: the one whose rest is the fewest endings
    # ("konu-sunu", not "konuş-unu"); where two such disagree, the list cannot tell
    found: dict[str | None, int] = {}
    foreign = re.search("[qwx]", low) is not None
    for folded, stem in stems:
        if not low.startswith(folded):  # first: the cheap test that rules most stems out
            continue
        if foreign and not re.search("[qwx]", folded):
            continue  # "reviewları": only a word with its w is its stem
        rest = low[len(folded) :]
        if rest and re.search("[aeiou]", rest) \
                and not re.search(r"([^aeiou])\1", rest):  # "-cuss": no ending doubles one
            cost = _ending_cost(rest)
            if cost is not None and rest[0] not in "aeiou" and not any(
                    rest.startswith(x) and _ending_cost(rest[len(x):]) is not None
                    for x in _SUFFIXES):
                cost = None  # "kişi-tlayalım": a lone consonant does not start the endings
            if cost is not None:
                word = None if stem is None else stem + _endings(stem, rest)
                found[word] = min(cost, found.get(word, cost))
    if not found:
        return None
    fewest = min(found.values())
    best = [word for word, cost in found.items() if cost == fewest]
    return best[0] if len(best) == 1 else None


def _english_stem(low: str, words: dict[str, str | None]) -> bool:
    """Whether `low`, with a q, w or x, starts with an English work word the list holds
    ("reviewlari", "hotfixleri"), endings after it."""
    return any(low.startswith(word) and _ending_cost(low[len(word):]) is not None
               for word in words if len(word) >= _MIN_STEM and re.search("[qwx]", word)
               and words[word] == word)


# "işe" before what is done to a job or with work ("işe yarar", "işe başlamak", "işe
# alırken", "işe geç kalmak"); "ise" after a word otherwise ("toplantı ise …").
_TO_WORK = re.compile(r"^(?:yara|basla|bazla|gel|git|gid|al|koyul|don|giris|gec|kabul)")
# "söyle" after whom it is said to ("bana söyle", "Dana'ya söyle"); "şöyle" before what it
# is like ("şöyle yapalım", "şöyle bir öneri").
_TOLD_TO = re.compile(r"^(?:bana|ona|onlara|bize|size|sana|ekibe|herkese|kimseye|"
                      r".+['’](?:y?[ae]))$")


_TO_THE_EVENING = re.compile(r"^(?:birak|ertele|kal|kadar|dogru|ayir|tasi|al)")


def _told_by_context(low: str, before: str, after: str) -> str | None:
    """A word that folds like two, told by its neighbours where they say which (`before`
    as restored, `after` folded); None where they do not."""
    if low == "ise":
        # no sentence starts with the "ise" of "as for": "Ise yeni baslayanlara …"
        return "işe" if _TO_WORK.match(after) or not before else "ise"
    if low == "aksama":
        # "akşama bırakalım", "akşama kadar": the evening, before what is put off to it
        return "akşama" if _TO_THE_EVENING.match(after) else "aksama"
    if low == "acil":
        # urgent: "açıl" (be opened, said to one) is no word to a colleague; only the word
        # whole ("açılmasın" is still not told from "acil" with endings)
        return "acil"
    if low == "soyle":
        if _TOLD_TO.match(before.translate(_FOLD)):
            return "söyle"
        return "şöyle" if after else None
    return None


def _cased(word: str, typed: str) -> str:
    """`word` in the capitals `typed` had (one letter for one: only letters are restored)."""
    if len(word) != len(typed):
        return word
    upper = {"i": "İ", "ı": "I"}
    return "".join((upper.get(ch, ch.upper()) if was.isupper() else ch)
                   for ch, was in zip(word, typed, strict=True))


def restored(text: str) -> str:
    """`text` with its Turkish letters where it was typed without any, and reads as
    Turkish: most of its words known to the list ("Is the weekly sync still useful?",
    typed in the Turkish app, is English, and its "is" is not "iş")."""
    if _TURKISH_LETTER.search(text):
        return text
    words, _ = _known()
    out: list[str] = []
    at = 0
    before = ""
    known = 0
    matches = [match for match in _WORD.finditer(text)  # "10'a": a number's, as typed
               if not (match.start() and text[match.start() - 1] in "'’")]
    for index, match in enumerate(matches):
        typed = match[0]
        word = _restored_word(typed, before)
        low = typed.lower()
        if word is None and low in words and words[low] is None:
            after = matches[index + 1][0] if index + 1 < len(matches) else ""
            word = _told_by_context(low, before, after.lower().translate(_FOLD))
        known += word is not None or low in words or low.split("'")[0] in words
        if word is None and ((low in words and words[low] is None) or (
                low not in words and not re.search("[qwx]", low) and "'" not in low
                and _DOUBTFUL.search(low.translate(_FOLD)))):
            return text  # "soyle", "sinirlayalim": the list cannot tell their letters
        out.append(text[at : match.start()])
        # a word whose letters are right as typed keeps its capitals ("JIRA"), but a
        # Turkish word's capital I is İ ("Ilker" → "İlker")
        if word == low and len(typed) > 1 and typed[0] == "I" and typed[1:].islower():
            word = "i" + word[1:]
        else:
            word = None if word == low else word
        out.append(typed if word is None else _cased(word, typed))
        before = word or typed.lower()
        at = match.end()
    out.append(text[at:])
    english = sum(match[0].lower() in _ENGLISH for match in matches)
    if known * 2 <= len(matches) or english >= 2:
        return text
    return "".join(out)
