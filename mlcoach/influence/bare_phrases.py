"""Short English changes typed as a note, with no verb: "blockers first" (an order: put
them first) and "design review" (a meeting named without its article: a design review).
Said so, they are asked about rather than quoted back."""

from __future__ import annotations

import re

from mlcoach.influence.english_words import _VERBS

# "blockers first", "the demos first", "safety first": what goes first
_FIRST = re.compile(r"^(?P<what>(?:the\s+|our\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)\s+first"
                    r"(?P<where>\s+(?:in|at|during|on)\s+[\w\s'’-]+)?$", re.I)
# a meeting or review named alone, singular and without its article
_MEETING = re.compile(r"^(?P<kind>[a-z][\w-]*)\s+(?P<head>review|demo|standup|retro|sync"
                      r"|huddle|kickoff|kick-off|check-in|walkthrough|showcase|retrospective)$",
                      re.I)
# the kinds said of a meeting ("design review", "weekly sync"); not "good demo" (praise)
_KINDS = frozenset(("design", "architecture", "sprint", "weekly", "biweekly", "fortnightly",
                    "monthly", "daily", "quarterly", "async", "team", "product", "security",
                    "project", "release", "tech", "technical", "ux", "api", "backlog",
                    "roadmap", "incident", "postmortem", "planning", "strategy", "budget"))
_NOT_FIRST = frozenset(("me", "you", "us", "them", "it", "this", "that"))


# "standups: blockers first": the meeting the order is for, said first as a note's heading
_IN_MEETING = re.compile(r"^(?P<meeting>(?:the\s+|our\s+)?(?:daily\s+|weekly\s+)?(?:stand-?ups?"
                         r"|retros?|retrospectives?|reviews?|code\s+reviews?|demos?|planning"
                         r"|syncs?|1:1s?|one-on-ones?|meetings?|agendas?))\s*:\s+(?P<rest>.+)$",
                         re.I)


def bare_said(text: str) -> str:
    """"blockers first" → "put blockers first", "standups: blockers first" → "put blockers
    first in standups"; other text as it came."""
    said = " ".join(text.split()).rstrip(" .!")
    heading = _IN_MEETING.match(said)
    order = _FIRST.match(heading["rest"]) if heading is not None else None
    if heading is not None and order is not None and not order["where"]:
        put = bare_said(heading["rest"])
        meeting = heading["meeting"]
        meeting = meeting[0].lower() + meeting[1:] if meeting[1:].islower() else meeting
        return f"{put} in {meeting}" if put != heading["rest"] else text
    first = _FIRST.match(said)
    if first is not None:
        words = first["what"].lower().split()
        if len(words) > 1 and words[-2].endswith("s") and words[-2] not in ("the", "our"):
            return text  # "Likes numbers first": a verb, no order of things
        if words[0] not in _VERBS and words[-1] not in _VERBS and words[-1] not in _NOT_FIRST \
                and words[0] not in _NOT_FIRST:
            return f"put {first['what']} first{first['where'] or ''}"
    return text


def meeting_named(words: str) -> bool:
    """Whether `words` name a meeting or review alone, singular and without its article
    ("design review", "weekly demo"): asked about with one ("a design review")."""
    match = _MEETING.match(" ".join(words.split()))
    return match is not None and match["kind"].lower() in _KINDS


# a way of working named as a mass noun ("code review", "peer review before merge", "code
# review on every PR from next week"): tried, introduced or done away with as it is
_PRACTICE = re.compile(r"^(?:code|peer|pair|pr|security)\s+review(?:ing)?"
                       r"(?:\s+(?:before|after|on|for|of|in|within|from|starting|as\s+of|during"
                       r"|by|at)\s+[\w\s:'’-]+)?$", re.I)


def practice_named(words: str) -> bool:
    """Whether `words` name a way of working as a mass noun, with no verb ("code review",
    "peer review before merge"): asked about without an article ("if we tried code review")."""
    return _PRACTICE.match(" ".join(words.split())) is not None
