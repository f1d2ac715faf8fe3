"""An English change said as a condition ("if we pair on reviews", "if only we had demo
days", "if we pair on reviews, things get merged faster", "if we could pair on reviews
that would be great"): the hypothesis it is, read as "what if …" is, without the
consequence or the wish said after it."""

from __future__ import annotations

import re

from mlcoach.influence.act_or_thing import base_verb
from mlcoach.influence.english_words import _VERBS
from mlcoach.influence.verb_forms import past_tense

_IF = re.compile(r"^(?:if\s+only|only\s+if|if)\s+(?P<who>we|everyone|everybody|the\s+team|"
                 r"people|all\s+of\s+us|each\s+of\s+us)\s+(?P<rest>\S.*)$", re.I)
# "… that would be great", "…, it'd help": the wish said after the condition.
_WISH_AFTER = re.compile(r"(?:\s*,)?\s+(?:that|it|this)(?:\s+would|'d|’d)\s+(?:be\s+)?"
                         r"(?:really\s+)?"
                         r"(?:great|good|nice|awesome|amazing|helpful|ideal|better|help|"
                         r"help\s+a\s+lot|make\s+sense)\s*[.!]*$", re.I)
# "…, things get merged faster", "… we lose the early slot": the consequence.
_THEN = re.compile(r"\s*,\s*(?:then\s+)?(?:things|we|it|everything|everyone|reviews|"
                   r"prs|work|the\s+\w+|that|this|there)\b[^,]*$"
                   r"|\s+(?:then\s+)?we(?:'ll|’ll|\s+will|\s+would|'d|’d)?\s+(?:lose|get|save|gain|"
                   r"avoid|miss|win|free\s+up|catch|ship|finish)\b.*$", re.I)
# "if we want, we can skip the retro": the plan is what follows the condition.
_PLAN_AFTER = re.compile(r"^if\s+(?:we|you|everyone|the\s+team)\s+(?:want|agree|like|prefer)"
                         r"(?:\s+to)?\s*,\s*(?P<plan>(?:we\s+(?:can|could|should)|let['’]s|"
                         r"maybe\s+we)\s+\S.*)$", re.I)
_MODALS = frozenset(("could", "can", "would", "should", "might", "may", "must", "will",
                     "shall"))
_NOT_NOW = {"don't": "didn't", "dont": "didn't", "don’t": "didn't"}


# "it would be awesome if everyone …", "would be nice if people …", "it'd help if people
# …": the wish said first.
_WISH_FIRST = re.compile(r"^(?:(?:i\s+think\s+)?(?:it(?:'d|’d|\s+would)\s+be|would\s+be)\s+"
                         r"(?:really\s+|so\s+)?(?:great|good|nice|awesome|amazing|ideal|"
                         r"helpful|cool|better)|i(?:'d|’d|\s+would)\s+(?:really\s+)?(?:love|like|"
                         r"prefer)\s+it|it(?:'d|’d|\s+would|\s+might)\s+(?:really\s+)?help"
                         r"(?:\s+a\s+lot)?)\s+(?=if\s)", re.I)


# "if the team agrees", "if everyone's OK with it", "if that suits you": a condition
# of consent, which the supportive question asks for itself.
_CONSENT = (r"if\s+(?:(?:the\s+team|everyone|everybody|you(?:\s+all)?|y'?all|we|people|all\s+of\s+"
            r"us|the\s+others|others|they|management)(?:\s+agrees?|(?:\s+is|\s+are|'re|’re|'s|’s)"
            r"\s+(?:ok|okay|fine|happy|on\s+board|good)(?:\s+with\s+(?:it|this|that))?|\s+likes?"
            r"\s+(?:it|the\s+idea)|\s+(?:do|does)n['’]?t\s+mind)|(?:that|it|this)\s+(?:works|suits)"
            r"(?:\s+(?:for\s+)?(?:you|everyone|the\s+team|you\s+all|all\s+of\s+us))?|(?:there\s+"
            r"are\s+)?no\s+(?:one\s+)?objections?|nobody\s+(?:objects|minds)|possible|(?:it'?s|"
            r"it’s|that'?s|that’s|that\s+is)\s+(?:ok|okay|fine|alright|all\s+right)(?:\s+with\s+"
            r"(?:you|everyone))?)")
_CONSENT_FIRST = re.compile(rf"^{_CONSENT}\s*,\s*(?:then\s+)?(?P<plan>\S.*)$", re.I)
_CONSENT_AFTER = re.compile(rf"^(?P<plan>\S.*?)\s*,?\s+{_CONSENT}\s*[.!]*$", re.I)


def only_consent(text: str) -> bool:
    """Whether `text` is a condition of consent alone ("if the team agrees"): no change."""
    return re.fullmatch(rf"{_CONSENT}\s*[.!]*", text.strip(), re.I) is not None


def without_consent(text: str) -> str:
    """"if the team agrees, move standup to 10" → "move standup to 10": the question asks
    whether it works for them; text with no such condition is returned as it came."""
    match = _CONSENT_FIRST.match(text.strip()) or _CONSENT_AFTER.match(text.strip())
    return match["plan"].rstrip(" ,") if match and re.search(r"[^\W\d_]", match["plan"]) \
        else text


def condition_as_hypothesis(text: str) -> str:
    """"if we pair on reviews" → "what if we paired on reviews"; "if we could pair on
    reviews that would be great" → "we could pair on reviews" (the modal reads as the
    plan); text that is no such condition is returned as it came."""
    plan = _PLAN_AFTER.match(text.strip())
    if plan:
        return plan["plan"]
    text = without_consent(text)
    unwished = _WISH_FIRST.sub("", text.strip())
    match = _IF.match(unwished)
    if match is None:
        return text
    rest = _THEN.sub("", _WISH_AFTER.sub("", match["rest"])).rstrip(" .!")
    who = match["who"]
    first, _, after = rest.partition(" ")
    if not rest or "?" in rest:
        return text
    if first.lower() in _MODALS and len(after.split()) < 2:
        return text  # "if we can": no act said
    if first.lower() in _MODALS:  # "would be great if we could …" asks it as typed
        return f"{who} {rest}" if who.lower() == "we" and unwished == text.strip() else text
    if who.lower() == "we" and first.lower() in _NOT_NOW:
        rest = f"{_NOT_NOW[first.lower()]} {after}"  # "if we don't deploy on Fridays"
    elif who.lower() == "we" and first.lower() in _VERBS:
        past = past_tense(first)  # "if we pair on reviews": the hypothesis, in the past
        if past is None:
            return text
        rest = f"{past} {after}".strip()
    if who.lower() != "we" and base_verb(first) in (None, first.lower()):
        return text  # "if the team agrees": a condition of theirs, in the present
    return f"what if {who} {rest}"


# Turkish: "eğer review'larda eşli çalışırsak", "… çalışsak iyi olur", "… çalışsak ya":
# the "-sak" of the proposal ("çalışsak"), without "eğer" or the wish said after it.
_TR_IF = re.compile(r"^(?:e[ğg]er|[şs]ayet)\s+(?=\S)", re.I)
_TR_WISH_AFTER = re.compile(r"(?:\s*,)?\s+(?:(?:bence|[çc]ok|daha)\s+)?(?:(?:iyi|g[üu]zel|harika|"
                            r"s[üu]per|faydal[ıi]|yararl[ıi])\s+olur(?:du)?|fena\s+olmaz(?:d[ıi])?|"
                            r"ya)\s*[.!]*$", re.I)
# "çalışırsak" → "çalışsak", "yaparsak" → "yapsak", "edersek" → "etsek": the aorist's
# condition said as the proposal's.
_TR_AORIST_IF = re.compile(r"(?P<stem>\w+?)(?P<a>[ıiuüae])r(?P<v>sak|sek)$", re.I)
_TR_SOFTENED = {"ed": "et", "gid": "git"}
# One-syllable stems whose aorist vowel is high ("al-ır", "gel-ir"): after any other
# such stem the vowel may be the stem's own ("oku-r", "yürü-r"), and nothing is guessed.
_TR_HIGH_ONE_SYLLABLE = frozenset(("al", "gel", "bil", "kal", "ol", "ver", "bul", "gör", "dur",
                                   "var", "san", "öl", "vur", "gir", "kır", "sür"))
_TR_VOWELS = "aeıioöuü"


def _tr_stem(stem: str, vowel: str) -> str | None:
    """The verb's stem before its aorist's "-(V)r": "çalış" (-ır), "incele" (-r), "yap"
    (-ar); None where it cannot be told."""
    syllables = sum(ch in _TR_VOWELS for ch in stem.lower())
    low = stem.lower()
    if vowel.lower() in "ae":
        if syllables >= 2 or re.search(f"[^{_TR_VOWELS}]l$", low):
            return stem + vowel  # "incele-r", "bekle-r", "hazırla-r"
        return stem  # "yap-ar", "ed-er"
    if syllables >= 2 or low in _TR_HIGH_ONE_SYLLABLE:
        return stem  # "çalış-ır", "al-ır"
    return None  # "okursak": "oku-r" or no word at all


# "ekip onaylarsa, …", "herkes uygun görürse …", "itiraz yoksa …", "mümkünse …": a
# condition of consent before the plan, which the supportive question asks for itself.
_TR_CONSENT = re.compile(
    r"^(?:e[ğg]er\s+)?(?:(?:ekip|ekibiniz|tak[ıi]m|herkes|siz|sen|yönetim)(?:\s+de)?\s+"
    r"(?:onaylarsa|onaylars[ıi]n[ıi]z|uygun\s+g[öo]r[üu]rse|uygun\s+g[öo]r[üu]rseniz|"
    r"kabul\s+ederse|kabul\s+ederseniz|isterse|isterseniz|uygunsa|uygunsan[ıi]z)|"
    r"(?:bir\s+)?itiraz\s+(?:yoksa|olmazsa)|m[üu]mk[üu]nse|sak[ıi]ncas[ıi]\s+yoksa|"
    r"sizin\s+i[çc]in\s+de\s+uygunsa|sizce\s+de\s+uygunsa)\s*,?\s+(?P<plan>\S.*)$", re.I)


def turkish_condition(text: str) -> str:
    """"eğer review'larda eşli çalışırsak" → "review'larda eşli çalışsak"; "… çalışsak iyi
    olur" → "… çalışsak"; "ekip onaylarsa standup'ı 10'a alalım" → "standup'ı 10'a
    alalım"; text that is no such condition is returned as it came."""
    consent = _TR_CONSENT.match(text.strip())
    if consent and len(consent["plan"].split()) > 1:
        text = consent["plan"]
    said = _TR_WISH_AFTER.sub("", _TR_IF.sub("", text.strip())).strip()
    words = said.split()
    if not words or (said == text.strip() and not _TR_AORIST_IF.search(words[-1])):
        return text
    match = _TR_AORIST_IF.search(words[-1])
    if match is None:
        return said if said.lower().endswith(("sak", "sek")) else text
    head, _, last = match["stem"].rpartition("'")
    verb = _tr_stem(last, match["a"])
    if verb is None or len(verb) < 2:
        return said if said != text.strip() else text
    verb = _TR_SOFTENED.get(verb.lower(), verb)
    stem = f"{head}'{verb}" if head else verb
    words[-1] = words[-1][: match.start()] + stem + match["v"]
    return " ".join(words)
