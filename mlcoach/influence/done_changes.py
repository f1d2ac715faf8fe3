"""An English change stated as already made ("we moved standup to 10", "we've switched to
async standups", "we dropped the Friday demo last week"): asked about as how it has been
since, not quoted as a thought to look at together."""

from __future__ import annotations

import re

# What a team does to how it works: "we moved …", "we've switched to …". Not what went
# wrong ("we broke the build", "we missed the deadline"), which is no change made.
_CHANGED = ("moved|switched|started|stopped|dropped|introduced|changed|replaced|cancell?ed|"
            "cut|shortened|added|removed|scrapped|ditched|paused|began|adopted|rolled\\s+out|"
            "set\\s+up|turned\\s+(?:off|on)|swapped|reduced|capped|limited|split|combined|"
            "brought\\s+back|went|trialled|trialed|tried|made|began|halved|doubled|"
            "banned|blocked\\s+off|automated|shifted|rescheduled|merged|got\\s+rid\\s+of|killed|"
            "axed|retired|trimmed|sped\\s+up")
_DONE = re.compile(r"^(?:(?:so|ok|okay|fyi|btw)\s*,?\s+)?"
                   # "last week we moved …": when, said by the question's own "since"
                   r"(?:(?:(?:last|this)\s+(?:week|sprint|month|quarter|monday|tuesday|wednesday|"
                   r"thursday|friday)|yesterday|recently|a\s+(?:week|month)\s+ago|"
                   r"(?:two|three|a\s+few)\s+(?:weeks|months)\s+ago)\s*,?\s+)?"
                   r"(?P<we>we(?:'ve|’ve|\s+have)?)"
                   r"(?:\s+(?:just|recently|finally|already|now))?\s+"
                   rf"(?P<verb>{_CHANGED})\s+(?P<rest>\S.*)$", re.I)
# "… since last week": said by the question's own "since"; "… and nobody misses it": how
# it went, the person's to tell.
_SINCE_TAIL = re.compile(r"\s+since\s+[\w\s']{1,30}$|,?\s+(?:and|but|so)\s+(?:nobody|no\s+one|"
                         r"everyone|everybody|it|people|the\s+team|things|now)\b.*$", re.I)


def done_change(text: str) -> str | None:
    """"we've moved standup to 10 since last week" → "we moved standup to 10"; None where
    `text` states no change made."""
    match = _DONE.match(text.strip().rstrip(" .!"))
    if match is None or re.search(r"[?;]", match["rest"]):
        return None
    rest = _SINCE_TAIL.sub("", match["rest"])
    verb = " ".join(match["verb"].split()).lower()
    return f"we {verb} {rest}"
