"""Marks said in words: an arrow between one thing and another ("standups -> async" →
"make standups async", "retro: weekly -> biweekly" → "hold the retro biweekly instead of
weekly"), and a comparison ("async updates > status meetings", "PRs < 400 lines")."""

from __future__ import annotations

import re

from mlcoach.domain.enums import ChangeKind
from mlcoach.influence.english_words import ARROW, ATTRIBUTES, _is_plural
from mlcoach.influence.phrasing import Shape, read_change

# "standups -> async", "email → wiki for decisions", "meetings → 25 min": one thing to
# another, said with an arrow.
_ARROWED = re.compile(r"^(?P<x>(?:1(?::|-on-)1s?|[^\W\d][\w'’-]*)(?:\s+[\w'’][\w'’:.-]*){0,3})\s*"
                      + ARROW + r"\s*(?P<y>[\w'’@#-][^→>]*?)[.!]?$")
_HOW_OFTEN = frozenset(("daily", "weekly", "biweekly", "bi-weekly", "fortnightly", "monthly",
                        "quarterly", "yearly"))
# "retro: weekly -> biweekly": the thing, then how it changes
_TOPIC_ARROW = re.compile(r"^(?P<thing>[^\W\d][\w'’-]*(?:\s+[\w'’-]+){0,2}|1(?::|-on-)1s?)"
                          r"\s*:(?!\d)\s*(?P<from>\S+)\s*(?=" + ARROW + ")")
_DAYS = re.compile(r"(?i)^(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b")
_CLOCK = re.compile(r"(?i)^\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?$")


_ARROW = re.compile(ARROW)
_CLOSING_DETAIL = re.compile(r"\s+\([^()]{1,40}\)$")
# "move standup → 10, retro → Friday": arrows in a list, each one change.
_ARROW_LIST = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+", re.I)
_MOVE_ARROW = re.compile(r"(?i)^move\s+(?=[^\s>]+\s*" + ARROW + ")")


# "async updates > status meetings": the first preferred, said as "instead of"; "PRs <
# 400 lines": a limit, said in words. Not an arrow's ">" ("->", "=>").
_PREFERRED = re.compile(r"^(?P<x>[^<>]*?[^\W\d][\w'’-]*)\s+>\s+(?P<y>[^\W\d][^<>=]*?)[.!]?$")
_LIMIT_MARK = re.compile(r"(?<![-=<>])\s*(?P<op><=|>=|≤|≥|<|>)\s*(?=\d)")
_LIMIT_WORDS = {"<": "under", ">": "over", "<=": "at most", "≤": "at most", ">=": "at least",
                "≥": "at least"}


def compared_said(text: str) -> str:
    """"async updates > status meetings" → "async updates instead of status meetings",
    "PRs < 400 lines" → "PRs under 400 lines"; other text as it came."""
    said = _LIMIT_MARK.sub(lambda m: f" {_LIMIT_WORDS[m['op']]} ", text).strip()
    match = _PREFERRED.match(said)
    return f"{match['x']} instead of {match['y']}" if match else said


def arrow_said(text: str) -> str:
    """"standups -> async" → "make standups async", "standup → 10am" → "move standup to
    10am", "email → wiki for decisions" → "use wiki for decisions instead of email": the
    arrow said in words (quoted, it was asked as "if we tried this: “standups -> async”");
    "move standup → 10, retro → Friday" → "move standup to 10 and retro to Friday"."""
    if not _ARROW.search(text):
        return text
    detail = _CLOSING_DETAIL.search(text)
    if detail is not None:  # "retro: weekly -> biweekly (after the offsite)": said after
        before = arrow_said(text[:detail.start()])
        return before + detail[0] if before != text[:detail.start()] else text
    topic = _TOPIC_ARROW.match(text)
    if topic is not None and (topic["from"].lower() in _HOW_OFTEN | ATTRIBUTES
                              or _CLOCK.match(topic["from"]) or _DAYS.match(topic["from"])):
        read = arrow_said(f"{topic['thing']} {text[topic.end('thing'):].lstrip(' :')}")
        return text if _ARROW.search(read) else read  # unread: the colon as typed
    parts = _ARROW_LIST.split(text.strip().rstrip(".!"))
    if len(parts) == 1 or any(len(_ARROW.findall(part)) != 1 for part in parts):
        return _onearrow_said(_MOVE_ARROW.sub("", text) if len(parts) == 1 else text)
    said = [_onearrow_said(_MOVE_ARROW.sub("", part)) for part in parts]
    if any(_ARROW.search(one) for one in said):
        return text
    if len(said) > 2:  # three or more: a list of changes, each with its verb, asked
        return ", ".join(said[:-1]) + " and " + said[-1]  # about one at a time
    verb = said[0].split()[0].lower()
    # "move standup to 10 and move retro to Friday": the verb said once
    said[1:] = [one.split(" ", 1)[1] if one.split()[0].lower() == verb else one
                for one in said[1:]]
    return ", ".join(said[:-1]) + " and " + said[-1]


def _onearrow_said(text: str) -> str:
    if text.rstrip().endswith("?"):  # "status meeting → written update?": asked, as said
        asked = _onearrow_said(text.rstrip().rstrip("?").rstrip())
        return asked + "?" if _ARROW.search(text) and not _ARROW.search(asked) else text
    match = _ARROWED.match(text)
    if match is None or len(match["y"].split()) > 5:
        return text
    x, y = match["x"].strip(), match["y"].strip()
    said = _how_often_or_when(x, y)
    if said is not None:
        return said
    if x.lower() in _HOW_OFTEN:
        return text  # "weekly -> daily": what is held so is not said ("make weekly daily")
    if len(x.split()) > 1 and read_change(x, ChangeKind.DIFFERENTLY, "en").shape in (
            Shape.VERB, Shape.VERB_NOT, Shape.VERB_NO_LONGER):
        return text  # "move the notes -> wiki": an act already, read as typed
    first = y.split()[0].lower()
    if y.lower() in ("no more", "none", "gone", "never", "stop", "dropped", "cancelled",
                     "canceled", "removed", "x", "0"):
        return f"no more {x}"  # "friday deploys → no more"
    if first in ("every", "each", "once", "twice") or re.match(r"(?i)bi-?weekly|fortnightly", y):
        held = x if x.split()[0].lower() in ("the", "our", "my", "all") else f"the {x}"
        return f"hold {held} {y}"  # "retro → every two weeks"
    if _CLOCK.match(y) or _DAYS.match(y):
        return f"move {x} to {y}"
    if (first in ATTRIBUTES and not (len(y.split()) > 1 and y.split()[-1].lower() not in
                                     ATTRIBUTES)) or first[:1].isdigit():
        return f"make {x} {y}"  # "meetings → 25 min", "standups -> async"
    if len(y.split()) > 1 and first in ATTRIBUTES:  # "status meeting → written update"
        return f"use {_one_of(y)} instead of {_the(x)}"
    return f"use {y} instead of {x}"


def _how_often_or_when(x: str, y: str) -> str | None:
    """"1:1s biweekly -> weekly" → "hold 1:1s weekly instead of biweekly", "standup 9:30 →
    10:00" → "move standup from 9:30 to 10:00": the thing, then from what to what."""
    *thing, last = x.split()
    if not thing:
        return None
    if last.lower() in _HOW_OFTEN and _how_often(y):
        return f"hold {_the(' '.join(thing))} {y} instead of {last}"
    first, *rest = x.split()
    if first.lower() in _HOW_OFTEN and _how_often(y):  # "daily standup -> 3x a week"
        return f"hold {_the(' '.join(rest))} {y} instead of {first}"
    if (_CLOCK.match(last) and _CLOCK.match(y)) or (_DAYS.match(last) and _DAYS.match(y)):
        return f"move {' '.join(thing)} from {last} to {y}"
    return None


_TIMES = re.compile(r"(?i)^(?:\d+|one|two|three|four|five|six|seven)\s*(?:x|times)\b")


def _how_often(said: str) -> bool:
    """Whether `said` is how often: "weekly", "every sprint", "twice a month", "3x a week"."""
    return said.lower() in _HOW_OFTEN or said.split()[0].lower() in (
        "every", "each", "once", "twice") or _TIMES.match(said) is not None


def _the(thing: str) -> str:
    """"the status meeting": a thing named alone, singular, is the one the team has."""
    return _with_article(thing, "the")


def _one_of(thing: str) -> str:
    """"a written update": a new thing, singular, is one of its kind."""
    return _with_article(thing, "an" if thing[:1].lower() in "aeio" else "a")


def _with_article(thing: str, article: str) -> str:
    """`thing` after `article`, unless it has one, is plural or is a name."""
    words = thing.split()
    if words[0].lower() in ("the", "our", "my", "a", "an") or _is_plural(words[-1].lower()) \
            or words[0][:1].isupper():
        return thing
    return f"{article} {thing}"
