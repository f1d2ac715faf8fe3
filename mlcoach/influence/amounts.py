"""An English change said as how much there is of something: "too many people in the
incident channel", "way too much noise in #general", "not enough tests", "we need better
onboarding docs". A complaint or a want, not a thing to try: read as the amount it asks
for ("what if fewer people were in the incident channel", "less noise in #general", "more
tests"), which the question asks about; by example it is no act of one's own. Other text
is returned as it came."""

from __future__ import annotations

import itertools
import re

from mlcoach.influence.english_words import _VERBS, _is_plural
from mlcoach.influence.english_words import plain_word as _plain

_HOW_MUCH = (r"(?P<much>too\s+many|too\s+much|so\s+many|so\s+much|too\s+few|too\s+little"
             r"|not\s+enough|nowhere\s+near\s+enough|(?:a\s+|the\s+)?(?:total\s+|real\s+)?lack\s+of)")
# "there are too many …", "we have way too many …", "honestly, far too many …"
_LEAD = (r"^(?:(?:honestly|tbh|imo|seriously|ugh)\s*,?\s+)?(?:(?:there\s+(?:are|is|were|was)"
         r"|there['’]s|there['’]re|we\s+(?:have|get|got|had)|we['’]ve\s+got|we['’]re\s+getting"
         r"|(?:i|we)\s+(?:see|get))\s+)?(?:(?:way|far|much|just|simply|still|definitely|really)\s+)?")
_AMOUNT = re.compile(rf"{_LEAD}{_HOW_MUCH}\s+(?P<what>[^,;:?]+?)\s*[.!]*$", re.I)
# "there aren't enough reviewers", "we don't have enough tests"
_NOT_ENOUGH = re.compile(r"^(?:there\s+(?:aren['’]t|isn['’]t|are\s+not|is\s+not)|we\s+(?:don['’]t"
                         r"|do\s+not)\s+have)\s+(?:nearly\s+)?enough\s+(?P<what>[^,;:?]+?)\s*[.!]*$",
                         re.I)
_MORE = {"too many": "fewer", "too much": "less", "so many": "fewer", "so much": "less",
         "too few": "more", "too little": "more", "not enough": "more",
         "nowhere near enough": "more"}
# People, who "were in" a place ("fewer people were in the channel"), not "had" by us.
_PEOPLE = frozenset(("people", "folks", "devs", "developers", "engineers", "attendees",
                     "participants", "reviewers", "approvers", "cooks", "stakeholders",
                     "managers", "observers", "guests", "invitees"))
_PLACE = frozenset(("in", "on", "at"))
# What makes the rest a clause, not a thing: "too many people ping me", "… that nobody …"
_CLAUSE = re.compile(r"(?<![\w'’])(?:is|are|was|were|do|does|did|don't|doesn't|can|can't|will"
                     r"|would|should|that|who|which|because|so|and\s+(?:we|i|they)|we|i|they"
                     r"|you|he|she|it)(?![\w'’])", re.I)


def amount_wanted(text: str) -> str:
    """"too many people in the incident channel" → "what if fewer people were in the
    incident channel"; "too many meetings" → "fewer meetings"; "not enough tests" → "more
    tests"; other text as it came."""
    said = " ".join(text.split())
    match = _AMOUNT.match(said)
    much = " ".join(match["much"].lower().split()) if match else "not enough"
    much = "not enough" if much.endswith("lack of") else much  # "lack of documentation"
    match = match or _NOT_ENOUGH.match(said)
    if match is None:
        return text
    what = match["what"]
    words = what.split()
    if not words or _CLAUSE.search(what) or words[0].lower() in ("of", "to", "for", "spent"):
        return text  # "too many of them", "not enough to go round", "too much spent"
    if any(_plain(w) in _VERBS and not _plain(w).endswith("s") and _is_plural(_plain(before))
           for before, w in itertools.pairwise(words)) or "me" in map(_plain, words):
        return text  # "too many people ping me after 6": what they do, not an amount
    amount = _MORE[much]
    spent = [w for w in words if w.lower() != "spent"]  # "time (spent) on status updates"
    if len(spent) > 2 and spent[0].lower() == "time" and spent[1].lower() in ("in", "on") \
            and amount == "less":  # "too much time in meetings": less of it spent there
        return f"what if we spent less {' '.join(spent)}"
    if words[0].lower() in _PEOPLE and len(words) > 2 and words[1].lower() in _PLACE:
        return f"what if {amount} {words[0]} were {' '.join(words[1:])}"
    return f"{amount} {what}"


# "we need better onboarding docs", "we could use more tests": a thing wanted.
_WE_NEED = re.compile(r"^(?:i\s+think\s+)?(?:we|the\s+team)\s+(?:really\s+)?(?:need|could\s+use"
                      r"|want|lack)\s+(?!to\b|you\b|us\b|me\b|him\b|her\b|them\b|it\b)"
                      r"(?:a\s+|an\s+|some\s+|more\s+|better\s+|fewer\s+|less\s+)?[a-z]", re.I)


def says_an_amount(text: str) -> bool:
    """Whether `text` says there is too much or not enough of something ("too many
    meetings", "too many people ping me after 6"): how things are, not a plan."""
    said = " ".join(text.split())
    return _AMOUNT.match(said) is not None or _NOT_ENOUGH.match(said) is not None


def says_an_amount_or_a_want(text: str) -> bool:
    """Whether `text` says how much there is of something or what we need ("too many
    meetings", "we need better docs"): what things are like, no act of one's own."""
    return says_an_amount(text) or _WE_NEED.match(" ".join(text.split())) is not None
