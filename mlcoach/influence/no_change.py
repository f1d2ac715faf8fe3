"""Text that has words but names no change: a musing ("I was thinking about it", "been
thinking about this a lot", "we're considering it", "bunu düşünüyordum"), a condition alone
("if the team agrees", "ekip onaylarsa") or not knowing ("no idea", "emin değilim"). The
user is asked to describe the change instead of being asked "to about it"."""

from __future__ import annotations

import re

from mlcoach.influence.conditionals import only_consent
from mlcoach.influence.english_words import WHERE_FROM

_MUSING = re.compile(
    r"^(?:(?:so|ok|okay|hey|hmm+|um+|well|just)\W+)*(?:(?:i\s+was|i['’]?ve\s+been|"
    r"i\s+have\s+been|i['’]?m|i\s+am|we['’]?re|we\s+are|we\s+were|we['’]?ve\s+been|been|just)"
    r"\s+)?(?:thinking|wondering|musing|pondering|considering|thinking\s+out\s+loud)"
    r"(?:\s+(?:(?:about|of|on|over)\s+)?(?:it|this|that|things|stuff|something|all\s+this))?"
    r"(?:\s+(?:a\s+lot|lately|recently|again|out\s+loud|aloud|for\s+a\s+while))*\W*$", re.I)


# "no idea", "not sure yet": an answer, not a change.
_UNSURE = re.compile(r"^(?:no\s+idea|not\s+sure|unsure|dunno|no\s+clue)(?:\s+yet)?\W*$", re.I)


# A reply or an aside, alone: "sounds good", "worth a try", "maybe later", "as discussed",
# "same as before", "something needs to change" (what should is the user's to say)
_REPLY = re.compile(
    r"^(?:(?:ok|okay|yeah|yes|sure|well|so|hmm+|honestly)\W+)?(?:(?:that|it|this)\s+)?(?:"
    r"(?:sounds|seems)\s+(?:good|great|fine|ok|okay|reasonable|fair)|(?:a\s+)?(?:good|great|"
    r"nice|fair)\s+(?:idea|point|call)|agreed|i\s+agree|(?:it['’]s\s+|is\s+|(?:might|may|could|"
    r"would)\s+be\s+)?worth\s+(?:it|a\s+(?:try|shot|go|look))|why\s+not|maybe\s+later|not\s+now"
    r"|later|let['’]?s\s+see|we['’]?ll\s+see|same(?:\s+as\s+(?:before|always|usual))?|ditto"
    r"|as\s+(?:usual|always|before)|" + WHERE_FROM + r"|nothing|i\s+have\s+an\s+idea|any\s+ideas"
    r"|something\s+(?:needs|has)\s+to\s+change|(?:isn['’]?t|is\s+not)\s+working"
    r"|it|this|that|these|those)\W*$", re.I)


# Turkish: "bunu düşünüyordum", "aklımda bir şey var", "emin değilim", "bilmiyorum",
# "ekip onaylarsa", "itiraz yoksa", "mümkünse".
_TR_NO_CHANGE = re.compile(
    r"^(?:(?:bunu|şunu|sunu|bir\s+şey|bir\s+sey)\s+)?(?:düşünüyordum|dusunuyordum|düşünüyorum|"
    r"dusunuyorum)|aklımda\s+bir\s+şey\s+var|aklimda\s+bir\s+sey\s+var|(?:henüz\s+|henuz\s+)?"
    r"(?:emin\s+değilim|emin\s+degilim|bilmiyorum|fikrim\s+yok)|(?:ekip|herkes|siz|takım|takim)"
    r"\s+(?:onaylarsa|uygun\s+g[öo]r[üu]rse|kabul\s+ederse|isterse)|itiraz\s+yoksa|"
    r"m[üu]mk[üu]nse\W*$", re.I)


def says_no_change(text: str, language: str = "en") -> bool:
    """Whether `text` muses, sets a condition, says it does not know or only replies,
    naming no change."""
    if language == "tr":
        said = " ".join(text.replace("İ", "i").replace("I", "ı").lower().split()).strip(" .!…")
        return _TR_NO_CHANGE.fullmatch(said) is not None
    return _MUSING.match(text.strip()) is not None or only_consent(text) \
        or _UNSURE.match(text.strip()) is not None or _REPLY.match(text.strip()) is not None
