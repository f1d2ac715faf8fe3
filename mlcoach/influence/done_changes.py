"""An English change stated as already made ("we moved standup to 10", "we've switched to
async standups", "we dropped the Friday demo last week"): asked about as how it has been
since; or as the way things are now ("we now do standups async"), how it is going now
that it is so. Not quoted as a thought to look at together."""

from __future__ import annotations

import re

from mlcoach.influence.english_words import NOT_A_THING

# What a team does to how it works: "we moved …", "we've switched to …". Not what went
# wrong ("we broke the build", "we missed the deadline"), which is no change made.
_CHANGED = ("moved|switched|started|stopped|dropped|introduced|changed|replaced|cancell?ed|"
            "cut|shortened|added|removed|scrapped|ditched|paused|began|adopted|rolled\\s+out|"
            "set\\s+up|turned\\s+(?:off|on)|swapped|reduced|capped|limited|split|combined|"
            "brought\\s+back|went|trialled|trialed|tried|made|began|halved|doubled|"
            "banned|blocked\\s+off|automated|shifted|rescheduled|merged|got\\s+rid\\s+of|killed|"
            "axed|retired|trimmed|sped\\s+up|decided\\s+to|agreed\\s+to")
_DONE = re.compile(r"^(?:(?:so|ok|okay|fyi|btw)\s*,?\s+)?"
                   # "last week we moved …": when, said by the question's own "since"
                   r"(?:(?:(?:last|this)\s+(?:week|sprint|month|quarter|monday|tuesday|wednesday|"
                   r"thursday|friday)|yesterday|recently|a\s+(?:week|month)\s+ago|"
                   r"(?:two|three|a\s+few)\s+(?:weeks|months)\s+ago)\s*,?\s+)?"
                   r"(?P<we>we(?:'ve|’ve|\s+have|\s+all)?|the\s+(?:whole\s+)?team(?:\s+has)?"
                   r"|i(?:'ve|’ve|\s+have)?)"
                   r"(?:\s+(?:just|recently|finally|already|now))?\s+"
                   rf"(?P<verb>{_CHANGED})\s+(?P<rest>\S.*)$", re.I)
# "… since last week": said by the question's own "since"; "… and nobody misses it": how
# it went, the person's to tell.
_SINCE_TAIL = re.compile(r"\s+since\s+[\w\s']{1,30}$|,?\s+(?:and|but|so)\s+(?:nobody|no\s+one|"
                         r"everyone|everybody|it|people|the\s+team|things|now)\b.*$", re.I)


# "since standup moved to 10": the question says its own "since"
_SINCE_LEAD = re.compile(r"^(?:ever\s+)?since\s+(?=[^,;]+$)", re.I)


# What went wrong, said with a verb of change: "we dropped the ball", "I made a mistake",
# "I cut corners", "we went over time": no change to ask how it has been since.
_SLIP = re.compile(r"^(?:the\s+ball|corners|(?:a|an|the|another|one|some|two|three)\s+(?:\w+\s+)?"
                   r"(?:mistakes?|mess|errors?|call|blunder|slip)|mistakes|errors|too\s+far"
                   r"|(?:it|things|this|that)\s+worse|over\s+(?:budget|time|the\s+deadline)"
                   r"|quiet|silent|dark|wrong|off\s+track|backwards)\b", re.I)


def done_change(text: str) -> str | None:
    """"we've moved standup to 10 since last week" → "we moved standup to 10"; None where
    `text` states no change made."""
    match = _DONE.match(_SINCE_LEAD.sub("", text.strip()).rstrip(" .!"))
    if match is None or re.search(r"[?;]", match["rest"]) or _SLIP.match(match["rest"]):
        return None
    rest = _SINCE_TAIL.sub("", match["rest"])
    verb = " ".join(match["verb"].split()).lower()
    we = match["we"].lower()
    who = "the team" if "team" in we else "I" if we.startswith("i") else "we"
    return f"{who} {verb} {rest}"


# What a person does to how the team works ("moved standup", "took over the demo"); not
# what they stopped or cancelled ("stopped coming to standup", "cancelled our 1:1"), which
# is as often a complaint about them.
_THEIR_CHANGES = ("moved|switched|shifted|rescheduled|introduced|started|set\\s+up|took\\s+over|"
                  "took\\s+on|rolled\\s+out|automated|adopted|replaced|added|began|"
                  "brought\\s+back")
_THEIR_SLIPS = r"(?:coming|being|skipping|missing|ignoring|arriving|showing\s+up|to\s+skip)\b"


def done_by(text: str, name: str) -> str | None:
    """"Dana moved standup to 10", said to Dana → "you moved standup to 10"; "since Dana
    took over the demo" → "you took over the demo"; `name` is a pattern of their name.
    None where `text` says no change they made."""
    said = _SINCE_LEAD.sub("", text.strip()).rstrip(" .!")
    match = re.match(rf"(?:{name})\s+(?:(?:just|recently|finally|already)\s+)?"
                     rf"(?P<verb>{_THEIR_CHANGES})\s+(?P<rest>(?!{_THEIR_SLIPS})[^?;]+)$",
                     said, re.I)
    if match is None:
        return None
    return f"you {' '.join(match['verb'].split()).lower()} {_SINCE_TAIL.sub('', match['rest'])}"


# "moved retro to Friday": a note's past, its "we" left out. Not "dropped the ball".
# Only verbs whose past is no imperative ("cut the standup", "split the PR") nor a thing's
# quality ("automated release notes"), nor what went wrong ("merged the PR without review").
_FRAGMENT_VERBS = ("moved|switched|shifted|dropped|cancell?ed|replaced|rescheduled|scrapped|"
                   "ditched|removed|shortened|introduced|stopped|started|changed|reduced|"
                   "got\\s+rid\\s+of|brought\\s+back|decided\\s+to|agreed\\s+to")
_FRAGMENT = re.compile(rf"^(?P<verb>{_FRAGMENT_VERBS})\s+(?P<rest>(?!to\b|the\s+ball\b)"
                       r"[^?;]+?)\s*[.!]*$", re.I)
# "retro moved to Friday", "the Friday demo was dropped", "standups got cancelled": the
# thing that changed, said first.
_WORD = r"(?:[a-z][\w'’-]*|1(?::|-on-)1s?)"  # "the 1:1", "Dana's 1-on-1"
_THING = rf"(?P<thing>(?:the\s+|our\s+)?{_WORD}(?:\s+{_WORD}){{0,2}}?)"
_MOVED = re.compile(rf"^{_THING}\s+(?P<verb>moved|shifted|switched|changed)\s+"
                    r"(?P<rest>(?:to|from|into|over\s+to|back\s+to)\s+[^?;]+?)\s*[.!]*$", re.I)
_MADE = re.compile(rf"^{_THING}\s+(?P<aux>was|were|got|has\s+been|have\s+been)\s+"
                   rf"(?P<verb>{_CHANGED})(?P<rest>(?:\s+[^?;]+?)?)\s*[.!]*$", re.I)
_PAST_AUX = {"has been": "was", "have been": "were"}
# "Friday demo cancelled", "standups moved to 10": a note's change made, its "was" left out
# (not "standup cancelled today", one day's news).
_MADE_NOTE = re.compile(rf"^{_THING}\s+(?:(?P<verb>cancell?ed|dropped|scrapped|ditched|removed|"
                        r"shortened)(?P<when>\s+(?:last|on|for|until|since|from|yesterday|"
                        r"recently|again|a\s+while)\b[^?;]*?)?|(?P<moved>moved\s+to|rescheduled\s+"
                        r"to|switched\s+to)(?P<to>\s+[^?;]+?))\s*[.!]*$", re.I)


def _a_thing(thing: str) -> bool:
    return thing.split()[0].lower() not in NOT_A_THING


def said_changed(text: str) -> str | None:
    """"moved retro to Friday" → "we moved retro to Friday"; "retro moved to Friday", "the
    demo has been dropped" → "the demo was dropped": a change made, said without "we";
    None where `text` says no such change."""
    # "retro: moved to Friday": the thing as a label, the change after it
    text = re.sub(r"^([a-z][\w\s'’-]{0,30}?):\s+(?=(?:moved|shifted|switched|changed)\s)", r"\1 ",
                  _SINCE_LEAD.sub("", text.strip()), flags=re.I)
    match = _FRAGMENT.match(text)
    if match:
        return f"we {' '.join(match['verb'].split()).lower()} {match['rest']}"
    match = _MOVED.match(text)
    if match and _a_thing(match["thing"]):
        return f"{match['thing']} {match['verb'].lower()} {match['rest']}"
    match = _MADE_NOTE.match(text)
    if match and _a_thing(match["thing"]) and not {"we", "was", "were", "is", "are", "has",
                                                   "have", "been", "got", "get"} \
            & set(match["thing"].lower().split()):
        thing = match["thing"]
        words = thing.split()
        plural = words[-1].lower().endswith("s") and not words[-1].lower().endswith("ss")
        if words[0].lower() not in ("the", "our") and (len(words) > 1 or words[0].lower()
                                                        not in ("standup", "retro", "planning")):
            thing = f"the {thing}"  # "Friday demo cancelled": the Friday demo was
        verb, rest = (match["verb"], match["when"] or "") if match["verb"] \
            else (match["moved"], match["to"])
        return f"{thing} {'were' if plural else 'was'} {verb}{rest}"
    match = _MADE.match(text)
    if match and _a_thing(match["thing"]) and not match["verb"].lower().endswith(" to"):
        aux = " ".join(match["aux"].lower().split())
        return f"{match['thing']} {_PAST_AUX.get(aux, aux)} {match['verb']}{match['rest']}"
    return None


# "we now do standups async", "we're doing standups async now": how we work now.
_NOW = re.compile(r"^(?:so\s*,?\s+)?we(?:\s+now\s+(?P<verb>[a-z]+)|(?:'re|’re|\s+are)\s+"
                  r"(?P<now_first>now\s+)?(?P<ing>[a-z]+ing))\s+(?P<rest>[^?;]+?)(?P<now>\s+now)?"
                  r"\s*[.!]*$", re.I)
_HOW_IT_GOES = frozenset(("late", "behind", "over", "overtime", "badly", "poorly", "worse",
                          "less", "nothing", "everything"))
_NOW_VERBS = frozenset(("do", "hold", "use", "meet", "deploy", "review", "ship",
                        "release", "keep", "start", "end", "pair", "plan", "work", "write",
                        "share", "post", "send", "demo", "rotate", "record", "book", "block"))


# "retro is now on Friday", "standups are async now": a thing as it is arranged now (not
# "the build is red now", which is how it goes).
_THING_NOW = re.compile(rf"^{_THING}\s+(?P<be>is|are)\s+(?:now\s+(?P<rest>[^?;]+?)|"
                        r"(?P<rest_now>[^?;]+?)\s+now)\s*[.!]*$", re.I)
_ARRANGED = frozenset(("on", "at", "in", "every", "async", "asynchronous", "remote", "online",
                       "optional", "weekly", "biweekly", "fortnightly", "daily", "monthly",
                       "shorter", "before", "after", "twice", "once", "held", "done", "run",
                       "recorded", "written", "via", "through", "by", "capped", "limited",
                       "timeboxed", "time-boxed", "in-person", "hybrid", "mandatory"))
# "we've been doing async standups for a month": how we work, since a while.
_BEEN_DOING = re.compile(r"^we(?:'ve|’ve|\s+have)\s+been\s+(?P<ing>[a-z]+ing)\s+(?P<rest>[^?;]+?)"
                         r"(?:\s+(?:for|since)\s+[\w\s']{1,30})?\s*[.!]*$", re.I)


_NO_LONGER = re.compile(r"^we\s+no\s+longer\s+(?P<verb>[a-z]+)\s+(?P<rest>[^?;]+?)\s*[.!]*$",
                        re.I)


def thing_now(text: str) -> str | None:
    """"retro is now on Friday" → "retro is on Friday"; "we've been doing async standups
    for a month" → "we do async standups"; None otherwise."""
    match = _THING_NOW.match(text.strip())
    if match and _a_thing(match["thing"]):
        rest = match["rest"] or match["rest_now"]
        if rest.split()[0].lower() in _ARRANGED:
            return f"{match['thing']} {match['be'].lower()} {rest}"
    match = _NO_LONGER.match(text.strip())
    if match and match["verb"].lower() in _NOW_VERBS | {"have", "hold", "run"}:
        return f"we no longer {match['verb'].lower()} {match['rest']}"
    match = _BEEN_DOING.match(text.strip())
    if match:
        ing = match["ing"].lower()
        verb = next((v for v in _NOW_VERBS if ing in (v + "ing", v[:-1] + "ing",
                                                    v + v[-1] + "ing")), None)
        if verb is not None and match["rest"].split()[0].lower() not in _HOW_IT_GOES:
            return f"we {verb} {match['rest']}"
    return None


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
