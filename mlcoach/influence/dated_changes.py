"""An English change dated in front ("starting next week, no more status emails", "from
Monday we do standups async", "as of next week, retros are every two weeks"): the date
said after the change, so that the change is read from its own first word; a new state
dated so ("standup is at 10") is the hypothesis it proposes ("if standup were at 10")."""

from __future__ import annotations

import re

from mlcoach.domain.enums import ChangeKind
from mlcoach.influence.phrasing import Shape, read_change

# "from now on" first: read as "from now", it left "on retro is on Friday" ("if on retro
# were on Friday from now")
_WHEN = (r"from\s+now\s+on(?:wards)?|(?:starting|beginning|from|as of|as from|effective|after)\s+"
         r"(?:(?:next|this|the next|the first|tomorrow|today|now|on)\b[\w\s']{0,24}?|"
         r"(?:monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|"
         r"june|july|august|september|october|november|december|q[1-4])\w*)"
         r"|(?:next|this)\s+(?:week|sprint|month|quarter|year)|tomorrow|from now on"
         r"|(?:in|at|for|during)\s+the\s+(?:next|coming|upcoming)\s+[\w\s'-]{1,24}?"
         r"|effective\s+immediately|in\s+the\s+new\s+year"
         r"|from\s+(?:q[1-4]|now|today|next\s+\w+)\s+on(?:wards)?"
         # "once the release is out, …", "when the new hire starts, …": when, as a clause
         r"|(?:once|when|after|as\s+soon\s+as|before)\s+(?:the|our|a|we|i|[a-z]+'s)\b[^,;]{3,40}?")
_TIME_FIRST = re.compile(rf"^(?P<when>{_WHEN})\s*,\s*(?P<rest>\S.*)$", re.I)
# Without a comma, only before words that start a proposal ("starting tomorrow I'd like").
_TIME_BEFORE_PLAN = re.compile(
    rf"^(?P<when>{_WHEN})\s+(?P<rest>(?:i|we|let's|lets|let us|please|no|stop|start|"
    r"don't|never)\b.*)$", re.I)


# "standup is at 10", "retros are every two weeks", "the demo will be on Thursdays": a
# thing's new state, said after when it starts.
_NEW_STATE = re.compile(r"^(?P<thing>(?:the\s+|our\s+|all\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)"
                        r"\s+(?:is|are|will\s+be)\s+(?P<state>(?!not\b|going\b)\S.*)$", re.I)
_NOT_A_THING = frozenset(("i", "we", "you", "they", "he", "she", "it", "this", "that", "there",
                          "everyone", "everybody", "nobody", "someone", "people", "what"))
# Without a comma, before such a state too ("starting Monday standups are async").
_TIME_BEFORE_STATE = re.compile(rf"^(?P<when>{_WHEN})\s+(?P<rest>[a-z][\w'’-]*(?:\s+[a-z]"
                                r"[\w'’-]*)?\s+(?:is|are|will\s+be)\s+\S.*)$", re.I)


def only_when(text: str) -> bool:
    """Whether `text` says only when ("starting Monday"): no change, and no reason's
    cut leaves it alone ("starting Monday, it is mandatory to …" is not "starting Monday")."""
    return re.fullmatch(_WHEN, text.strip(" ,"), re.I) is not None


def _as_hypothesis(rest: str, when: str) -> str | None:
    """"standup is at 10", from Monday: "what if standup were at 10 from Monday"."""
    match = _NEW_STATE.match(rest)
    if match is None or match["thing"].split()[0].lower() in _NOT_A_THING:
        return None
    return f"what if {match['thing']} were {match['state']} {when}"


# "standup is at 10 from now on": a thing's new state, when said after it
_STATE_THEN = re.compile(r"^(?P<rest>.+?)\s+(?P<when>from\s+now\s+on(?:wards)?|going\s+forward"
                         r"|(?:starting|from|as\s+of)\s+(?:next\s+\w+|tomorrow|today"
                         r"|monday|tuesday|wednesday|thursday|friday)(?:\s+on)?)\s*[.!]*$", re.I)


def time_after(text: str) -> str:
    """"starting next week, no more status emails" → "no more status emails starting next
    week": read from its first word, a stop of "no more …" is not stopped again."""
    match = _TIME_FIRST.match(text) or _TIME_BEFORE_PLAN.match(text) \
        or _TIME_BEFORE_STATE.match(text)
    if match is None:
        after = _STATE_THEN.match(text)
        if after is not None:  # "standup is at 10 from now on": what if it were so
            return _as_hypothesis(after["rest"], after["when"]) or text
        return text
    when, rest = match["when"], match["rest"].rstrip(" .!")
    if not rest or rest.endswith("?"):
        return text
    if when[:1].isupper():
        when = when[0].lower() + when[1:]
    hypothesis = _as_hypothesis(rest, when)
    if hypothesis is not None:
        return hypothesis
    if re.match(r"(?i)(?:once|when|after|as\s+soon|before)\s", when) \
            and re.search(r"(?i)(?<![\w'’])(?:it|them|this|that|they)(?![\w'’])", rest):
        return text  # "when the build is red, fix it first": "it" points back at the clause
    rest = we_from_then(rest)
    if when[:1].isupper():
        when = when[0].lower() + when[1:]
        rest = rest[0].upper() + rest[1:] if rest[:1].islower() else rest
    return f"{rest} {when}"


def we_from_then(text: str) -> str:
    """"we do standups async", said after when it starts ("from next week on"): the plan,
    not how things are; "do standups async" when that reads as an act."""
    match = re.match(r"(?i)we\s+(?P<act>\S.*)$", text)
    if match is None:
        return text
    reading = read_change(match["act"], ChangeKind.DIFFERENTLY, "en")
    return match["act"] if reading.shape is Shape.VERB else text

