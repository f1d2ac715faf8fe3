"""An English change stated as already made ("we moved standup to 10", "we've switched to
async standups", "we dropped the Friday demo last week"): asked about as how it has been
since; or as the way things are now ("we now do standups async"), how it is going now
that it is so. Not quoted as a thought to look at together."""

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


# "we now do standups async", "we're doing standups async now": how we work now.
_NOW = re.compile(r"^(?:so\s*,?\s+)?we(?:\s+now\s+(?P<verb>[a-z]+)|(?:'re|’re|\s+are)\s+"
                  r"(?P<now_first>now\s+)?(?P<ing>[a-z]+ing))\s+(?P<rest>[^?;]+?)(?P<now>\s+now)?"
                  r"\s*[.!]*$", re.I)
_HOW_IT_GOES = frozenset(("late", "behind", "over", "overtime", "badly", "poorly", "worse",
                          "less", "nothing", "everything"))
_NOW_VERBS = frozenset(("do", "hold", "use", "meet", "deploy", "review", "ship",
                        "release", "keep", "start", "end", "pair", "plan", "work", "write",
                        "share", "post", "send", "demo", "rotate", "record", "book", "block"))


def now_change(text: str) -> str | None:
    """"we're doing standups async now" → "we do standups async"; None where `text` says
    no way of working that is so now (the present of "doing" needs its "now")."""
    match = _NOW.match(text.strip())
    if match is None:
        return None
    if match["verb"] is not None:
        verb = match["verb"].lower()
    else:
        ing = match["ing"].lower()
        verb = next((v for v in _NOW_VERBS if ing in (v + "ing", v[:-1] + "ing",
                                                    v + v[-1] + "ing")), "")
        if not (match["now"] or match["now_first"]):
            return None  # "we're doing standups async": a plan as much as a state
    if verb not in _NOW_VERBS or match["rest"].split()[0].lower() in _HOW_IT_GOES:
        return None  # "we're working late now", "we're doing badly now": how it goes
    return f"we {verb} {match['rest']}"
