"""An English change said as the state a thing should be in, not as an act: hedged
("maybe standups could be async", "standups should be shorter"), wanted ("I'd like
standups to be shorter") or decided ("Decision: standup moves to 10"). Read as the
hypothesis it proposes ("what if standups were async", "what if standup moved to 10"),
which the question asks about as "if standups were async"."""

from __future__ import annotations

import re

from mlcoach.domain.capture import names_person
from mlcoach.influence.act_or_thing import verb_of_participle
from mlcoach.influence.english_words import (
    _NOUNISH,
    _VERBS,
    COURTESIES,
    FIRST_FILLERS,
    HEDGE,
    HEDGE_CLAUSE,
    NOT_A_THING,
)
from mlcoach.influence.verb_forms import past_tense
from mlcoach.influence.work_nouns import _no_name, common_words

# The verbs a meeting moves, starts or ends by, and their pasts ("standup moved to 10").
_PAST = {"move": "moved", "start": "started", "end": "ended", "begin": "began",
         "happen": "happened", "shift": "shifted", "switch": "switched", "become": "became",
         "go": "went", "take place": "took place"}


def _third_person(verb: str) -> str:
    """"move" → "moves", "switch" → "switches", "take place" → "takes place"."""
    head, _, tail = verb.partition(" ")
    head += "es" if head.endswith(("sh", "ch", "o")) else "s"
    return f"{head} {tail}".rstrip()


def _alternation(verbs: list[str]) -> str:
    return "|".join(v.replace(" ", r"\s+") for v in verbs)


_GOES = {_third_person(verb): verb for verb in _PAST}
# "become" takes a state, not a time: "standups become async" (_NOW_SO only)
_MOVES = _alternation([verb for verb in _PAST if verb != "become"])
_MOVES_OR_BECOMES = _alternation([*_GOES, *_PAST])

# The thing: one to three words, "the"/"our"/"all" before them at most.
_WORD = r"(?:[a-z][\w'’-]*|1(?::|-on-)1s?)"  # "the 1:1", "weekly 1-on-1s"
_THING = (rf"(?P<thing>(?:the\s+|our\s+|all\s+(?:the\s+|our\s+)?)?{_WORD}"
          rf"(?:\s+{_WORD}){{0,2}}?)")
_HEDGE = rf"(?:(?:{HEDGE}|{HEDGE_CLAUSE})\s*,?\s+)?"
_MODAL_BE = re.compile(rf"^{_HEDGE}{_THING}\s+(?:could|should|might|would|can|must|needs?\s+to|"
                       r"has\s+to|have\s+to|ought\s+to|(?P<will>will|(?:is|are)\s+going\s+to))\s+"
                       r"(?:all\s+|just\s+)?be\s+"
                       r"(?P<state>(?!not\b|the\s+same\b)\S.*?)\s*[.!]*$", re.I)
_WANT_BE = re.compile(rf"^(?:i['’]d|i\s+would|i|we['’]d|we\s+would|we)\s+(?:really\s+)?"
                      rf"(?:like|love|want|prefer)\s+(?:for\s+|it\s+if\s+)?{_THING}\s+"
                      r"(?:to\s+be|were|was)\s+(?P<state>(?!not\b)\S.*?)\s*[.!]*$", re.I)
# "Decision: standup moves to 10", "standups start at 9:30": the new state, said as so.
_LABEL = re.compile(r"^(?:decision|decided|agreed|new\s+plan|plan|update|proposal|how\s+about|"
                    r"what\s+about|idea)\s*[:,–—-]\s*",
                    re.I)
# A hedge, a courtesy or a filler first: "maybe standup moves to 10", "pls …"
_FILLER_FIRST = re.compile(rf"^(?:{'|'.join(FIRST_FILLERS)})\s*,?\s+(?=\S)", re.I)
# A modal only before an adverb ("standups should always start at 9:30"): read "if standups
# should always started" before; without one it stays as it was said ("standups should end
# on time" is, by example, one's own way to lead).
_NOW_SO = re.compile(rf"^{_THING}\s+(?:(?P<modal>(?:should|could|would|can|must|will|shall)\s+)"
                     r"(?=(?:always|just|now|then)\s))?"
                     r"(?P<adverb>(?:always|just|now|then)\s+)?"
                     rf"(?P<verb>{_MOVES_OR_BECOMES})\s+(?P<rest>(?:to|at|on|from|in|every|"
                     r"before|after|each|by|back)\b.*?)\s*[.!]*$", re.I)
# "could standup move to 10?", "any chance standup could start at 10?": the same, asked
_CAN_IT_MOVE = re.compile(rf"^(?:(?:is\s+there\s+)?any\s+(?:chance|way)\s+|(?P<asked>can|could|"
                          rf"should|shall)\s+){_THING}\s+(?(asked)|(?:could|can|might)\s+)"
                          rf"(?:just\s+)?(?P<verb>{_MOVES})\s+"
                          r"(?P<rest>(?:to|at|on|from|in|every|before|after|each|"
                          r"by|back)\b[^?]*?)\s*\?*$", re.I)
# a courtesy or a filler first: "pls switch to Kanban" is an act
_NOT_A_THING = NOT_A_THING | frozenset((*COURTESIES, *FIRST_FILLERS, "just"))


# Words that end a thing's name: "standups should always" is no thing.
_NOT_IN_A_THING = frozenset(("should", "could", "would", "can", "must", "will", "shall", "might",
                             "always", "never", "usually", "often", "still"))


def _a_thing(thing: str) -> bool:
    """Whether `thing` names a thing: not a pronoun, nor an act ("deploy changes …")."""
    words = thing.lower().split()
    return bool(words) and words[0] not in _NOT_A_THING and words[-1] not in _NOT_A_THING \
        and (words[0] not in _VERBS or words[0] in _NOUNISH) and not _NOT_IN_A_THING & set(words)


# A participle and who does it: "run by someone new", "reviewed by two people"; not a
# time ("updated by Friday", "by the end of the sprint").
_BY_SOMEONE = re.compile(r"\S+\s+by\s+(?:someone|somebody|whoever|everyone|everybody|people|"
                         r"each|every|one|two|three|at\s+least|(?:a|an)\s|the\s+(?!(?:end|"
                         r"start|close|time|deadline|next|following)\b))", re.I)


def _a_name(thing: str) -> bool:
    """Whether `thing` is one word typed as a name ("Dana"; not "Standups")."""
    return " " not in thing and thing[:1].isupper() and not _no_name(thing.lower()) \
        and thing.lower() not in common_words()


def _plural(thing: str) -> bool:
    last = thing.split()[-1].lower()
    return last.endswith("s") and not last.endswith("ss")


# "can standup be at 10?", "could retros be shorter?": the state, asked.
_CAN_IT_BE = re.compile(rf"^(?:can|could|should|shall)\s+{_THING}\s+(?:just\s+)?be\s+"
                        r"(?P<state>(?!not\b)[^?]+?)\s*\?*$", re.I)
# "would it help if standup was at 10?", "wouldn't it be easier if retros were shorter?"
_WOULD_IT_HELP = re.compile(r"^(?:would|wouldn['’]t|will)\s+it\s+(?:help|be\s+(?:better|easier|"
                            r"nicer|ok|okay|good|simpler|worth\s+it))\s+if\s+"
                            r"(?P<clause>[^?]+?)\s*\?*$", re.I)
# "everybody writes tests", "every PR gets a second reviewer", "someone takes notes in
# every meeting": what each one (or one of us) does, as so.
_EACH_DOES = re.compile(r"^(?P<who>everyone|everybody|someone|somebody|each\s+of\s+us|"
                        r"one\s+of\s+us|(?:every|each)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)"
                        r"\s+(?P<verb>[a-z]+s)\s+(?P<rest>[^?;]+?)\s*[.!]*$",
                        re.I)
_IRREGULAR = {"gets": "got", "has": "had", "does": "did", "goes": "went", "writes": "wrote",
              "takes": "took", "gives": "gave", "keeps": "kept", "brings": "brought",
              "sends": "sent", "leads": "led", "runs": "ran", "reads": "read", "says": "said",
              "makes": "made", "pays": "paid", "shares": "shared", "leaves": "left",
              "meets": "met", "holds": "held"}


def _each_does(said: str) -> str | None:
    match = _EACH_DOES.match(said)
    if match is None:
        return None
    verb = match["verb"].lower()
    past = _IRREGULAR.get(verb)
    if past is None:
        base = verb[:-2] if verb.endswith(("ches", "shes", "sses", "xes")) else verb[:-1]
        past = past_tense(base) if base in _VERBS else None
    return f"what if {match['who']} {past} {match['rest']}" if past else None


def state_as_hypothesis(text: str, person: str | None = None) -> str:
    """`text` as "what if <thing> were <state>" (or "… moved to …") where it states a
    thing's new state; other text is returned as it came, and so is a state of `person`,
    whom the question is for (it asks them "to be in the retro")."""
    said = _FILLER_FIRST.sub("", _LABEL.sub("", text.strip(), count=1), count=1)
    each = _each_does(said)
    if each is not None:
        return each
    helps = _WOULD_IT_HELP.match(said)
    if helps:
        return f"what if {helps['clause']}"  # read as any "what if …" is
    match = _MODAL_BE.match(said) or _WANT_BE.match(said) or _CAN_IT_BE.match(said)
    if match and names_person(match["thing"], person):  # "Dana should be in the retro",
        # said to Dana, is asked of "you", not "if Dana were …"
        return text
    if match and match.re is _MODAL_BE and match["will"] and _a_name(match["thing"]):
        return text  # "Dana will be away next week": news of a person, no plan
    if match and _a_thing(match["thing"]):
        first = match["state"].split()[0].lower()
        wished = match.re is _WANT_BE  # "I'd like reviews to be done within 24h"
        by = _BY_SOMEONE.match(match["state"])  # "run by someone new": not an act asked
        if wished or by or (verb_of_participle(first) is None and not first.endswith("ed")):
            state = match["state"]
            if re.match(r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)\b", state, re.I):
                state = f"at {state}"  # "can standup be 10am": at 10am
            return f"what if {match['thing']} were {state}"  # "… be reviewed": an act
        return text
    match = _CAN_IT_MOVE.match(said)
    if match and _a_thing(match["thing"]) and not names_person(match["thing"], person):
        verb = " ".join(match["verb"].lower().split())
        return f"what if {match['thing']} {_PAST[verb]} {match['rest']}"
    match = _NOW_SO.match(said)
    if match is None or not _a_thing(match["thing"]):
        return text
    verb = " ".join(match["verb"].lower().split())
    base = verb if verb in _PAST else _GOES.get(verb, "")
    if not base or (verb == base and not _plural(match["thing"]) and not match["modal"]) \
            or (match["modal"] and verb != base):
        return text  # "standup move to 10": no state said so
    adverb = match["adverb"] or ""  # "standups should always start at 9:30": always started
    return f"what if {match['thing']} {adverb}{_PAST[base]} {match['rest']}"


# "standups should start at 10", "reviews should happen within a day": when or how a thing
# should go, asked as "if standups started at 10". For the question only: by example, the
# change is kept as said (one's own way to lead: "standups should end on time").
_SHOULD_GO = re.compile(rf"^{_HEDGE}{_THING}\s+(?:should|could|must|needs?\s+to|have\s+to"
                        rf"|has\s+to|ought\s+to)\s+(?P<verb>{_MOVES})\s+"
                        r"(?P<rest>(?:to|at|on|from|in|within|every"
                        r"|before|after|each|by|back|once|twice|earlier|later|sooner|faster"
                        r")\b[^?;:]*?)\s*[.!]*$", re.I)


# "the on-call rotation should include the leads", "planning should take less than an
# hour": what a thing should hold or take, asked as "if the rotation included the leads".
_SHOULD_HOLD = re.compile(rf"^{_HEDGE}{_THING}\s+(?:should|could|must|needs?\s+to|have\s+to"
                          r"|has\s+to|ought\s+to)\s+(?:always\s+)?(?P<verb>include|cover|take|"
                          r"have|list|mention|show|contain|last|get|stay|fit|name|link)"
                          r"\s+(?P<rest>(?!(?:to|be|been|it|them|this|that)\b)[^?;:]+?)\s*[.!]*$",
                          re.I)


# What "should have" has, not a regret's participle: "a page per team", "two reviewers".
_HAD_FIRST = frozenset(("a", "an", "the", "one", "two", "three", "its", "their", "our", "some",
                        "more", "fewer", "less", "no", "at", "clear", "enough", "every"))


def should_go(text: str) -> str:
    """"standups should start at 10" → "what if standups started at 10", "the checklist
    should cover rollbacks" → "what if the checklist covered rollbacks"; other text as it
    came."""
    said = " ".join(text.split())
    match = _SHOULD_GO.match(said)
    if match is not None and _a_thing(match["thing"]):
        verb = " ".join(match["verb"].lower().split())
        return f"what if {match['thing']} {_PAST[verb]} {match['rest']}"
    match = _SHOULD_HOLD.match(said)
    past = past_tense(match["verb"]) if match is not None else None
    if match is None or past is None or not _a_thing(match["thing"]):
        return text
    first = match["rest"].split()[0].lower()
    if verb_of_participle(first) or first.endswith("ed") or (
            match["verb"].lower() == "have" and not first[:1].isdigit()
            and first not in _HAD_FIRST):
        return text  # "PRs should get reviewed …", "the team should have known"
    return f"what if {match['thing']} {past} {match['rest']}"
