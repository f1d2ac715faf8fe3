"""An English change that wishes an act of someone else: "I'd love it if Sam reviewed PRs
within a day", "I'd like Sam to review PRs within a day", "could the design team share
mockups earlier", "the design team should share mockups earlier". Read as the hypothesis
it proposes ("what if Sam reviewed PRs within a day"), which the question asks about as
"if Sam reviewed …" or, said to Sam, "to review …"; by example it is no act of one's own.
Other text is returned as it came."""

from __future__ import annotations

import re

from mlcoach.domain.capture import names_person
from mlcoach.influence.english_words import _KNOWN, _ROLE_VERBS, _VERBS, HEDGE, HEDGE_CLAUSE
from mlcoach.influence.verb_forms import past_tense

_ACTS = _VERBS | _ROLE_VERBS  # "review", and "lead" (the retro)

# Who: a team or a kind of colleague ("the design team", "our reviewers", "QA"), or a
# name ("Sam", "Dana Smith"; a common word in capitals is no name: checked below).
_GROUP = (r"(?:(?:the|our|your)\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:team|teams|folks|group|squad"
          r"|crew|devs|developers|engineers|designers|testers|reviewers|managers|leads|pms"
          r"|juniors|seniors|interns|new\s+hires|newcomers|contractors|stakeholders|owners)")
_ACRONYM = r"(?-i:QA|SREs?|PMs?|UX|IT|HR|DevOps|Ops|ops)"
_ONE_NAME = r"(?-i:[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)?)"
_NAME = rf"{_ONE_NAME}(?:\s+(?:and|&)\s+{_ONE_NAME})?"  # "Sam and Dana"
# "design", "product": a department named by its work, before a modal only
_DEPARTMENT = (r"(?:design|product|engineering|marketing|sales|support|legal|finance|security"
               r"|platform|infra|backend|frontend|research|leadership|management|dev)")
# "design and dev", "the designers and QA": two groups wished one act together
_ONE_GROUP = rf"(?:{_GROUP}|{_ACRONYM}|{_DEPARTMENT})"
_GROUPS = rf"{_ONE_GROUP}(?:\s+and\s+{_ONE_GROUP})?"
_WHO = rf"(?P<who>{_GROUPS}|{_NAME})"
_ACT = r"(?P<verb>[a-z][a-z-]*)(?P<rest>(?:\s+[^?;]+?)?)"

# "I'd love it if Sam reviewed …", "it would be great if the design team shared …"
_WISH_LEAD = (r"(?:(?:i\s+think\s+)?(?:it['’]?d|it\s+would|would)\s+(?:really\s+)?"
              r"(?:be\s+(?:so\s+)?(?:great|nice|good|helpful|awesome|amazing|cool|useful|ideal"
              r"|better)|help(?:\s+a\s+lot)?)|(?:i(?:['’]d|\s+would)|would)\s+(?:really\s+|so\s+)?"
              r"(?:love|like|prefer|appreciate)(?:\s+it)?|i(?:['’]d|\s+would)\s+be\s+(?:really\s+"
              r"|so\s+)?(?:happy|glad|grateful))")
_WISHED_IF = re.compile(rf"^{_WISH_LEAD}\s+if\s+{_WHO}\s+(?P<would>(?:would|could|can)\s+)?"
                        rf"{_ACT}\s*[.!]*$", re.I)
# "I'd like Sam to review …", "I want the design team to share …"
_WANTED = re.compile(rf"^(?:i(?:['’]d|\s+would)?\s+|would\s+)?(?:really\s+)?(?:like|love|want"
                     r"|prefer|need)\s+"
                     rf"(?:for\s+)?{_WHO}\s+to\s+{_ACT}\s*[.!]*$", re.I)
# "I'd like the team to …", "I want everyone to …": a wish for all, the user too
_WANTED_OF_ALL = re.compile(r"^i(?:['’]d|\s+would)?\s+(?:really\s+)?(?:like|love|want|prefer)\s+"
                            r"(?:the\s+(?:whole\s+)?team|our\s+team|everyone|everybody|people"
                            rf"|all\s+of\s+us|folks)\s+to\s+{_ACT}\s*[.!]*$", re.I)
# "could the design team share mockups earlier?", "can QA test earlier"
_COULD_THEY = re.compile(rf"^(?:could|can|would|will)\s+{_WHO}\s+(?:please\s+)?{_ACT}\s*\?*$",
                         re.I)
# "can someone from design share mockups earlier", "could somebody share the notes": an
# act wished of someone, whoever takes it up
_COULD_SOMEONE = re.compile(r"^(?:could|can|would|will)\s+(?P<who>(?:someone|somebody)(?:\s+(?:from"
                            r"|in|on)\s+(?:the\s+)?[\w-]+(?:\s+team)?)?)\s+(?:please\s+)?"
                            rf"{_ACT}\s*\?*$", re.I)
# "the design team should share mockups earlier" (a team only: "Dana should …" is read
# as said to Dana, or as a complaint about her)
_THEY_SHOULD = re.compile(rf"^(?P<who>{_GROUPS})\s+(?:should|could"
                          rf"|needs?\s+to|has\s+to|have\s+to|ought\s+to|must)\s+{_ACT}\s*[.!]*$",
                          re.I)
# "people should …", "folks need to …": people in general, not one of them
_PEOPLE_SHOULD = re.compile(r"^(?P<who>people|folks)\s+(?:should|need\s+to|must|have\s+to"
                            rf"|ought\s+to)\s+{_ACT}\s*[.!]*$", re.I)
# Wished of the one asked: "I'd love it if you reviewed …", "it would help me if you
# flagged …", "I need you to update …". The question is put to them: the act, as "to …".
_YOU_IF = re.compile(rf"^(?:{_WISH_LEAD}|it(?:['’]d|\s+would)\s+(?:really\s+)?help\s+(?:me|us)"
                     r"(?:\s+a\s+lot)?)\s+if\s+you\s+(?P<would>(?:could|would)\s+)?"
                     rf"{_ACT}\s*[.!]*$", re.I)
_YOU_TO = re.compile(r"^i(?:['’]d|\s+would)?\s+(?:really\s+)?(?:need|want|like|love)\s+"
                     rf"(?:for\s+)?you\s+to\s+{_ACT}\s*[.!]*$", re.I)
# Words that make "what if …" no act of theirs: a second subject, a condition.
_CLAUSE = re.compile(r"(?<![\w'’])(?:if|when|we|i|you|they|he|she|because|so\s+that)(?![\w'’])"
                     r"|[,:]", re.I)
_NOT_NAMES = frozenset((
    "i", "we", "you", "they", "he", "she", "it", "us", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "everyone", "everybody", "people", "someone",
    "somebody", "anyone", "anybody", "nobody", "noone"))


# "maybe the designers could …", "ideally, Sam would …": the hedge before the wish
_HEDGE = re.compile(rf"^(?:{HEDGE}|honestly|{HEDGE_CLAUSE})\s*,?\s+(?=\S)", re.I)


def _who_ok(who: str) -> bool:
    if re.fullmatch(r"(?:the|our)\s+(?:whole\s+)?team", who, re.I):
        return False  # the team is everyone, the user too: read as "we" elsewhere
    first = who.split()[0].lower()
    if who[:1].isupper() and not re.fullmatch(_ACRONYM, who.split()[0]):
        return first not in _KNOWN and first not in _NOT_NAMES  # "Review …" is no name
    return first not in _NOT_NAMES


def _said(who: str, verb: str, rest: str, anyone: bool = False,
          person: str | None = None) -> str | None:
    """"what if {who} {verb, in the past}{rest}", or None where the verb is not one we know
    or the rest says more than one act of theirs."""
    low = verb.lower()
    if low in ("not", "never") or _CLAUSE.search(rest) or (
            low == "stop" and not anyone and not names_person(who, person)):
        return None  # "… would not ping me": no act to wish; "… if we …": a clause; "Sam
        # should stop interrupting": feedback about one, not a wish to ask someone else
        # about (asked of Sam, it is: "how would it work for you to stop …")
    past = "were" if low == "be" else past_tense(low) if low in _ACTS else None
    if past is None or not (anyone or _who_ok(who)):
        return None
    return f"what if {who} {past}{rest}"


def wished_of_others(text: str, person: str | None = None) -> str:
    """`text` as "what if …" where it wishes an act of a named person or a team; else as
    it came. `person`: whom the question is for."""
    said = _HEDGE.sub("", " ".join(text.split()))
    match = _YOU_IF.match(said) or _YOU_TO.match(said)
    if match:  # "I'd love it if you reviewed my PRs before lunch": to review them
        verb = match["verb"] if match.re is _YOU_TO or match["would"] else _base(match["verb"])
        if verb.lower() in _ACTS and not _CLAUSE.search(match["rest"]) \
                and (match.re is _YOU_TO or match["would"] or _is_past(match["verb"])):
            return f"{verb}{match['rest']}"
        return text
    match = _WISHED_IF.match(said)
    if match:
        if match["would"] is None and not _is_past(match["verb"]):
            return text  # "… if Sam reviews …": a condition, said in the present
        verb = match["verb"] if match["would"] else _base(match["verb"])
        return _said(match["who"], verb, match["rest"]) or text
    match = _WANTED_OF_ALL.match(said)
    if match and match["verb"].lower() not in ("not", "never", "be") \
            and match["verb"].lower() in _ACTS and not _CLAUSE.search(match["rest"]):
        past = past_tense(match["verb"])  # "I'd like the team to review PRs within a day"
        rest = re.sub(r"(?<![\w'’])their(?![\w'’])", "our", match["rest"], flags=re.I)
        return f"what if we all {past}{rest}" if past else text
    match = _COULD_SOMEONE.match(said)
    if match:  # "can someone from design share mockups earlier": whoever takes it up
        return _said(match["who"], match["verb"], match["rest"], anyone=True) or text
    match = _PEOPLE_SHOULD.match(said)
    if match:  # "people should stop lurking in the incident channel": people in general
        return _said(match["who"], match["verb"], match["rest"], anyone=True) or text
    for pattern in (_WANTED, _COULD_THEY, _THEY_SHOULD):
        match = pattern.match(said)
        if match:
            return _said(match["who"], match["verb"], match["rest"], person=person) or text
    return text


def _is_past(verb: str) -> bool:
    low = verb.lower()  # "put", "set": the same in the past, and after "if Sam" it is
    return _base(low) != low or low in ("were", "was") or (low in _ACTS and past_tense(low) == low)


def _base(verb: str) -> str:
    """The base of a past we say ("reviewed" → "review", "shared" → "share", "were" →
    "be"); the word lowered where it is no past we know."""
    low = verb.lower()
    if low in ("were", "was"):
        return "be"
    for base in (low[:-2], low[:-1], low[:-3]):  # "reviewed", "shared", "planned"
        if low.endswith("ed") and base in _ACTS and past_tense(base) == low:
            return base
    return next((b for b in _ACTS if past_tense(b) == low), low)  # "led", "ran", "held"


_PEOPLE_DID = re.compile(r"^what\s+if\s+(?:people|folks|someone|somebody)(?:\s+(?:from|in|on)"
                         r"\s+(?:the\s+)?[\w-]+(?:\s+team)?)?\s+(?P<past>[a-z]+)\b", re.I)
_SUBJECT = re.compile(rf"^what\s+if\s+{_WHO}\s+(?P<past>[a-z]+)\b", re.I)


def wishes_of_others(text: str) -> bool:
    """Whether `text`, read as above, is an act of a named person or a team ("what if the
    design team shared mockups earlier"): not one's own to lead by example."""
    match = _SUBJECT.match(" ".join(text.split())) or _PEOPLE_DID.match(" ".join(text.split()))
    if match is not None and match.re is _SUBJECT and match["who"].lower() in _TOOLS:
        return False  # "what if Slack reminded us …": a tool's, no one's to ask
    return match is not None and (match.re is _PEOPLE_DID or _who_ok(match["who"])) \
        and _is_past(match["past"])


# Tools said as the subject ("could Slack remind us about standup").
_TOOLS = frozenset(("slack", "zoom", "jira", "github", "gitlab", "jenkins", "confluence",
                    "notion", "linear", "teams", "trello", "asana", "figma", "miro", "ci",
                    "circleci", "dependabot", "renovate", "google", "outlook", "calendar"))
