"""A hashtag typed as a change, said as words: "#nomeetingfriday", "#NoMeetingFriday" and
"#no-meeting-friday" are "no-meeting Fridays"; "#asyncstandups" is "async standups".

A run-together tag is split only when every part is a word of daily work we know, so
"#devops" or "#kudos" stay as typed."""

from __future__ import annotations

import re
from functools import lru_cache

from mlcoach.influence.english_words import ATTRIBUTES

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
# Words a tag is made of, besides the composer's verbs, attributes, tools and compounds.
_PARTS = frozenset((
    "no", "zero", "meeting", "meetings", "day", "days", "free", "first", "focus", "time",
    "standup", "standups", "demo", "demos", "docs", "code", "review", "reviews", "deploy",
    "deploys", "camera", "cameras", "quiet", "hour", "hours", "lunch", "learn", "pr", "prs",
    "slack", "email", "emails", "mail", "inbox", "deep", "work", "retro", "retros", "off",
    "friday", "fridays", "monday", "mondays", "tuesday", "tuesdays", "wednesday",
    "wednesdays", "thursday", "thursdays", "ship", "it", "async", "remote", "pair",
    "pairing", "testing", "tests", "test", "notes", "agenda", "agendas", "kudos", "wins",
    "team", "one", "on", "ones", "ops", "writing", "written", "walking", "video",
))
_SHORT = frozenset(("no", "pr", "it", "on"))  # two-letter parts we take
_CAMEL = re.compile(r"[A-Z][a-z]+|[a-z]+|[A-Z]+(?![a-z])")


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    return _PARTS | ATTRIBUTES


def _split(word: str) -> list[str] | None:
    """`word` (lower case, letters only) as the fewest known parts, or None."""
    vocabulary = _vocabulary()
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 12), end):
            part = word[start:end]
            before = best[start]
            if before is None or part not in vocabulary \
                    or (len(part) < 3 and part not in _SHORT):
                continue
            if best[end] is None or len(before) + 1 < len(best[end] or ()):
                best[end] = [*before, part]
    return best[len(word)]


def spelled_tag(tag: str) -> str | None:
    """The words of a hashtag (without its "#"), or None when it is one word or cannot be
    told ("nomeetingfriday" → "no-meeting Fridays", "asyncstandups" → "async standups")."""
    if not tag.isascii() or not re.fullmatch(r"[A-Za-z]+(?:[-_][A-Za-z]+)*", tag):
        return None
    if re.search(r"[-_]", tag):
        parts = [p.lower() for p in re.split(r"[-_]", tag)]
    elif tag[1:] != tag[1:].lower() and not tag.isupper():
        parts = [p.lower() for p in _CAMEL.findall(tag)]
    else:
        parts = _split(tag.lower()) or []
    if len(parts) < 2 or not all(p in _vocabulary() for p in parts):
        return None
    if parts[0] in ("no", "zero") and len(parts) == 3 and parts[2].rstrip("s") in _DAYS:
        # "no meeting friday" is a day of the week kept free of them: "no-meeting Fridays"
        return f"{parts[0]}-{parts[1]} {parts[2].rstrip('s').capitalize()}s"
    if len(parts) == 3 and parts[1] == "free" and parts[2].rstrip("s") in _DAYS:
        return f"{parts[0]}-free {parts[2].rstrip('s').capitalize()}s"  # "meeting-free Fridays"
    return " ".join(p.capitalize() if p.rstrip("s") in _DAYS else p for p in parts)
