"""The common words of how a team works ("standup", "retro", "demo") typed with a capital
("since Standup moved to 10", "if The Retro were shorter"): said mid-sentence in the
question they are lowered, as a proper noun ("Friday", "Jira", "Dana") is not."""

from __future__ import annotations

import re

# Sentence-case spellings of these are no names: lowered wherever the question says them.
_COMMON = frozenset((
    "standup", "standups", "stand-up", "stand-ups", "retro", "retros", "retrospective",
    "retrospectives", "demo", "demos", "sync", "syncs", "meeting", "meetings", "review",
    "reviews", "planning", "sprint", "sprints", "release", "releases", "deploy", "deploys",
    "deployment", "deployments", "build", "builds", "backlog", "grooming", "refinement",
    "huddle", "huddles", "kickoff", "kickoffs", "check-in", "check-ins", "showcase",
    "on-call", "rota", "pairing", "handover", "handovers", "status", "update", "updates",
    "report", "reports", "weekly", "daily", "async", "cameras", "camera",
))
# Said first, these lead a thing ("The Retro should be shorter", "A weekly demo").
_LEADS = frozenset(("the", "our", "a", "an", "all", "every", "each"))
_WORD = re.compile(r"(?<![\w'’&-])([A-Z][a-z]+(?:-[a-z]+)?)(?![\w'’&-])")
_LEAD = re.compile(r"^([A-Z][a-z]*)(?=\s+[a-zA-Z])")


def common_case(words: str) -> str:
    """`words` with each capitalised common word of teamwork lowered ("Standup moved to
    10" → "standup moved to 10"); names, products, days and acronyms stay as typed."""
    words = _LEAD.sub(lambda m: m[1].lower() if m[1].lower() in _LEADS else m[1], words)
    return _WORD.sub(lambda m: m[1].lower() if m[1].lower() in _COMMON else m[1], words)


def common_words() -> frozenset[str]:
    """The common words of how a team works, lowered ("standup", "retro", "demo")."""
    return _COMMON
