"""An English stop said as the state wanted or as a ban ("Friday deploys are banned",
"deploys on Fridays are not allowed", "Friday deploys: no", "no deploying on Fridays",
"enough with the Friday deploys"): read as the stop it is, "no Friday deploys" or "stop
deploying on Fridays", so that the question does not stop the ban itself."""

from __future__ import annotations

import re

from mlcoach.influence.act_or_thing import _is_gerund
from mlcoach.influence.english_words import _VERBS
from mlcoach.influence.verb_forms import gerund

# "Friday deploys are banned", "… are not allowed", "… are off-limits", "…: no".
_BANNED = re.compile(
    r"^(?P<x>(?!(?:we|i|you|they|it|this|that|there|people|everyone|nobody|no|nothing)\b)[\w'’-]+"
    r"(?:\s+[\w'’-]+){0,4}?)\s*(?:(?:is|are)\s+(?:now\s+)?(?:banned|forbidden|prohibited|"
    r"not\s+allowed|no\s+longer\s+allowed|off[-\s]limits|a\s+no[-\s]go|not\s+ok(?:ay)?)|"
    r":\s*(?:no|nope|never|not\s+anymore|no\s+more))\s*[.!]*$", re.I)
# "no deploying on Fridays", "no more pinging people after 6": stopping an act.
_NO_ACT = re.compile(r"^no\s+(?:more\s+)?(?P<act>[a-z]+ing)(?P<rest>\s+\S.*)$", re.I)
# "standup on Fridays is not needed anymore", "… is unnecessary": what to drop.
_NOT_NEEDED = re.compile(
    r"^(?P<x>(?!(?:we|i|you|they|it|this|that|there|people|everyone|nobody|no|nothing)\b)"
    r"[\w'’-]+(?:\s+[\w'’-]+){0,4}?)\s+(?:is|are)\s+(?:(?:not|no\s+longer)\s+(?:needed|"
    r"necessary)|unnecessary)(?:\s+any\s?more)?\s*[.!]*$", re.I)
# "the Friday status meeting has to go", "… needs to go", "meetings over lunch need to
# stop": what to drop.
_HAS_TO_GO = re.compile(r"^(?P<x>(?:(?:the|our|this|that|these|those|all\s+(?:the|these|those))\s+"
                        r"[\w'’-]+|(?!(?:things|we|they|people|folks)\b)[\w'’-]+s)(?:\s+[\w'’-]+){0,4}?)"
                        r"\s+(?:has\s+to|have\s+to|needs\s+to|need\s+to|must|should|can|could)\s+"
                        r"(?:just\s+)?(?:go(?:\s+away)?|stop|end)\s*[.!]*$", re.I)
# "can the Monday sync go?": asked, the same
_CAN_IT_GO = re.compile(r"^(?:can|could|should)\s+(?P<x>(?:the|our|this|that|these|those)\s+"
                        r"[\w'’-]+(?:\s+[\w'’-]+){0,4}?)\s+(?:just\s+)?go(?:\s+away)?\s*\?*$",
                        re.I)
# "enough with the Friday deploys", "stop with the pings": what to stop.
_ENOUGH = re.compile(r"^(?:enough|stop|quit)\s+with\s+(?P<x>\S.*)$", re.I)
_THE = re.compile(r"^the\s+", re.I)


# "Fridays = no deploys": the stop written as an equation.
_EQUALS_NO = re.compile(r"^(?P<x>[^=:]{2,30}?)\s*=\s*(?P<y>no\s+\S.*)$", re.I)


# "nobody should schedule meetings after 5", "no one should deploy on Fridays": a stop.
_NOBODY_SHOULD = re.compile(r"^(?:nobody|no\s+one|no-one)\s+(?:should|must|shall)\s+"
                            r"(?P<verb>[a-z]+)(?P<rest>\s+\S.*)$", re.I)
# "we shouldn't be doing standups on Fridays": stopping what is being done.
_NOT_BE_DOING = re.compile(r"^(?:we|you)\s+(?:shouldn['’]t|should\s+not|mustn['’]t|must\s+not)\s+"
                           r"be\s+(?P<ing>[a-z]+ing)(?P<rest>\s+\S.*)$", re.I)
# "I don't want meetings after 5 anymore", "I don't want to deploy on Fridays anymore".
_DONT_WANT = re.compile(r"^i\s+(?:don['’]t|do\s+not)\s+want\s+(?:to\s+(?P<verb>[a-z]+)\s+)?"
                        r"(?P<x>(?!to\b)\S.*?)(?:\s+any\s?more)?\s*[.!]*$", re.I)
_NOT_A_THING_WANTED = frozenset(("to", "it", "that", "this", "them", "him", "her", "you", "us",
                                 "anyone", "anybody", "people", "everyone", "any", "a", "an"))
_NEVER_AGAIN = re.compile(r"(?<![\w'’])never\s+again(?![\w'’])", re.I)


def _stop_doing(verb: str, rest: str) -> str | None:
    """"stop scheduling meetings after 5", for a verb we know; None for any other word."""
    form = gerund(verb) if verb.lower() in _VERBS else None
    return None if form is None else f"stop {form}{rest}"


# Things named without an article, a plural among their first three words: "meetings over
# lunch", "late-night Slack pings", "8am meetings" (not "to …", "it", "more").
BARE_PLURAL = (r"(?!(?:to|it|them|that|this|more|less|much|many|anything|anyone|anybody|you|him|"
               r"her|us|me|everyone|everything)\b)(?:[\w'’-]+\s+){0,2}[a-z][\w'’-]*s"
               r"(?:\s+(?!any\s?more\b)[^?,;:]+?)?")
# "do we still need the Friday demo?", "why do we still have a Friday demo": the stop,
# asked (without "still" or "even", "do we need a retro?" may ask for one).
_STILL_NEED = re.compile(r"^(?:why\s+)?(?:do|does)\s+(?:we|the\s+team)\s+(?:still|even|really)\s+"
                         r"(?:need|have|do|hold|run)\s+(?P<x>(?:the|a|an|our|this|these|those|"
                         rf"that|all\s+(?:the|these|those))\s+[^?,;:]+?|{BARE_PLURAL})"
                         r"(?:\s+any\s?more)?\s*\?*$", re.I)


def stop_said(text: str) -> str:
    """The stop in `text` said plainly; text that says none this way is returned as it
    came."""
    text = _NEVER_AGAIN.sub("never", text)  # "let's never again deploy on a Friday"
    match = _STILL_NEED.match(text.strip())
    if match and text.strip().lower().startswith("why"):
        # "why do we still have the Monday meeting": a question to look at, mark or not
        return text if text.rstrip().endswith("?") else text.rstrip(" .!") + "?"
    if match and not re.search(r"(?i)(?<!\w)(?:to|if|because|since)(?!\w)", match["x"]):
        return "drop " + re.sub(r"(?i)^an?\s+", "the ", match["x"])  # "a Friday demo": that one
    match = _EQUALS_NO.match(text.strip())
    if match:
        text = f"{match['x']}: {match['y']}"  # read as "Fridays: no deploys" is
    match = _NOBODY_SHOULD.match(text.strip())
    if match:
        return _stop_doing(match["verb"], match["rest"]) or text
    match = _NOT_BE_DOING.match(text.strip())
    if match and _is_gerund(match["ing"].lower()):
        return f"stop {match['ing']}{match['rest']}"
    match = _DONT_WANT.match(text.strip())
    if match and match["verb"]:
        return _stop_doing(match["verb"], " " + match["x"]) or text
    if match and match["x"].split()[0].lower() not in _NOT_A_THING_WANTED \
            and not re.search(r"(?i)(?<![\w'’])to\s+\w", match["x"]) \
            and not match["x"][:1].isupper():  # "I don't want Dana to feel left out"
        return f"no more {match['x']}"
    match = _BANNED.match(text.strip())
    if match:
        return f"no {match['x']}"
    match = _HAS_TO_GO.match(text.strip()) or _NOT_NEEDED.match(text.strip()) \
        or _CAN_IT_GO.match(text.strip())
    if match:
        return "drop " + re.sub(r"(?i)^an?\s+", "the ", match["x"])  # "a Friday demo": that one
    match = _NO_ACT.match(text.strip())
    if match and _is_gerund(match["act"].lower()):
        return f"stop {match['act']}{match['rest']}"
    match = _ENOUGH.match(text.strip())
    if match:
        return "no more " + _THE.sub("", match["x"])
    return text


# "zero Friday deploys", "0 meetings on Fridays": the state wanted, whatever its words
# look like ("deploys" is no verb here).
_ZERO = re.compile(r"^(?:zero|0)\s+(?P<x>[a-z][\w'’-]*(?:\s+\S+){0,6})$", re.I)
# "Friday deploy freeze", "a code freeze before releases", "ban on Friday deploys": a stop
# named as a thing to have; chosen as a stop it is not what stops.
_FREEZE = re.compile(r"^(?P<art>a\s+|an\s+|the\s+)?(?P<x>(?:[\w'’-]+\s+){0,3}?(?:freeze|ban|"
                     r"moratorium|embargo|blackout)(?:\s+(?:on|for|before|during|after|in|over)"
                     r"\s+[^,;:?]+)?)$", re.I)


# "no demo this week", "no meetings on Fridays": after "no" a thing, though its word may
# be a verb's too ("demo", "review", "meetings"); "no deploying …" is stopped, not had.
_NO_THING = re.compile(r"^no\s+(?!(?:more|longer|one|need|way|matter|idea|problem|doubt|"
                       r"thanks|worries|rush)\b)(?P<w>[a-z][\w'’-]*)(?:\s+[^\s?]+){0,8}$", re.I)


# A verb of what was or happened: "no meetings were held", "no deploys went out" say how
# it went, not what to have.
_WHAT_HAPPENED = re.compile(r"(?i)\s(?:is|are|was|were|went|ran|took|came|happened|showed|"
                            r"turned|got|felt|seemed|worked|failed|helped|slipped)\b")


# A limit set on a number of things: "max 2 meetings per day", "at least one day a week
# without meetings".
_A_LIMIT = re.compile(r"^(?P<lim>max(?:imum)?|min(?:imum)?|at\s+most|at\s+least|no\s+more\s+than"
                      r"|up\s+to)\s+(?P<rest>(?:\d+|one|two|three|four|five|a\s+couple\s+of)\s+"
                      r"[a-z][\w'’-]*\b[^?]*?)\s*[.!]*$", re.I)
_LIMIT_SAID = {"max": "at most", "maximum": "at most", "min": "at least", "minimum": "at least"}


# What says an act on the freeze, not its kind ("deploy freeze", "Friday freeze" are).
_BEFORE_A_FREEZE = frozenset(("let's", "lets", "let", "we", "i", "please", "do", "have",
                              "start", "stop", "introduce", "add", "try", "put", "hold", "get",
                              "make", "set", "impose", "keep", "end", "lift", "remove", "drop",
                              "announce", "enforce"))


def state_to_have(text: str) -> str | None:
    """What to have in "if we had …" where `text` names a stop as a thing ("zero Friday
    deploys", "Friday deploy freeze" → "a Friday deploy freeze"); None otherwise."""
    text = " ".join(text.split())
    if _ZERO.match(text):
        return text
    limit = _A_LIMIT.match(text)
    if limit:  # "max 2 meetings per day": if we had at most 2 meetings per day
        return f"{_LIMIT_SAID.get(limit['lim'].lower(), limit['lim'].lower())} {limit['rest']}"
    match = _NO_THING.match(text)
    if match and not match["w"].lower().endswith("ing") and not _WHAT_HAPPENED.search(text):
        return text
    match = _FREEZE.match(text)
    first = match["x"].split()[0].lower().replace("’", "'") if match else ""
    if match is None or first in _BEFORE_A_FREEZE:
        return None  # "let's do a code freeze", "start a deploy freeze": an act
    if match["art"]:
        return text
    return ("an " if match["x"][:1].lower() in "aeio" else "a ") + match["x"]
