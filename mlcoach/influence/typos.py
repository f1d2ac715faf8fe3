"""Two letters swapped in a word of how a team works ("mvoe stnadup to 10"), or, in a longer
one, a letter dropped, doubled or doubled in the wrong place ("standp", "meetting",
"metting"): mended before the change is read, so the question asks about "move standup to
10" instead of quoting the slip back. Only a word that is no word itself and is one such
slip away from one on the list is changed ("canceled", "print", "planing" are words, and
stay); a name (a capital inside the word, or a capital mid-sentence) never is, nor a short
capitalised word said first ("Deom"), which may be one."""

from __future__ import annotations

import re

# The words mended: those a change about teamwork is made of.
_TEAM_WORDS = (
    "standup", "standups", "retro", "retros", "retrospective", "demo", "demos", "sync",
    "meeting", "meetings", "sprint", "sprints", "planning", "review", "reviews", "deploy",
    "deploys", "release", "releases", "backlog", "ticket", "tickets", "calendar", "async",
    "move", "moving", "cancel", "cancelled", "schedule", "reschedule", "weekly", "daily",
    "tomorrow", "friday", "monday", "tuesday", "wednesday", "thursday", "instead",
    "because", "should", "could", "would",
)
# Words a swap of a listed word spells that are words themselves: never mended.
# (Checked against a 100,000-word English dictionary, wamerican.)
_REAL_WORDS = frozenset(("form", "from", "dairy", "diary", "untied", "united", "ot",
                         "canceled", "meting", "panning", "planing", "print", "prints"))


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)
            if word[i] != word[i + 1]}


def _dropped(word: str) -> set[str]:
    """"standp": a letter left out, of a word long enough that what is left is no other."""
    return {word[:i] + word[i + 1:] for i in range(len(word))} if len(word) >= 6 else set()


def _doubled(word: str) -> set[str]:
    """"standdup", "meetting", and "metting" (the double on the next letter)."""
    if len(word) < 5:
        return set()
    slips = {word[:i] + word[i] + word[i:] for i in range(len(word))}
    for i in range(len(word) - 1):
        if word[i] == word[i + 1]:
            single = word[:i] + word[i + 1:]
            slips |= {single[:j] + single[j] + single[j:] for j in range(len(single))}
    return slips - {word}


# Said first with a capital, only these are mended: a name is seldom a verb's slip.
_LEADS = frozenset(("move", "moving", "cancel", "schedule", "reschedule", "review", "deploy",
                    "release", "should", "could", "would", "because", "instead"))
_DAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday"))
_MENDED = {slip: word for word in _TEAM_WORDS
           # a day's name is mended only when swapped: "Frida" is a name, not "Friday"
           for slip in _swaps(word) | (set() if word in _DAYS else _dropped(word) | _doubled(word))
           if slip not in _TEAM_WORDS and slip not in _REAL_WORDS}
# A word alone: not part of a link, a path, a handle or a tag ("https://deom.io", "#retor").
_WORD = re.compile(r"(?<![\w@#/.:-])([A-Za-z]{4,})(?=['’]|\b)(?![./:-]\w)")


# Said just before a word, these make it a thing, not a name ("the Retor", "Friday's Retor")
_DETERMINED = re.compile(r"(?i)(?<![\w'’])(?:the|our|this|next|every|each|today['’]s|tomorrow['’]s"
                         r"|(?:mon|tues|wednes|thurs|fri)day['’]s|weekly|daily|sprint)\s+$")


def mended_typos(text: str) -> str:
    """`text` with each listed word typed with two letters swapped put right ("mvoe
    stnadup to 10" → "move standup to 10"); every other word as it came."""
    def mend(match: re.Match[str]) -> str:
        word = match[1]
        low = word.lower()
        if low not in _MENDED:
            return word
        if word[1:] != word[1:].lower():
            return word  # "McOve", "STNADUP": a name or shouting, as typed
        # a sentence's first word is capitalised anyway: "Standp at 10", "Metting moved"
        first = match.start() == 0 or re.search(r"[.!?;]\s+$", match.string[:match.start()])
        # "move the Retor to Friday", "our Retor": a determiner says it is no one's name
        owned = _DETERMINED.search(match.string[:match.start()]) is not None
        if word[0].isupper() and _MENDED[low] not in _DAYS and not owned and (
                not first or (_MENDED[low] not in _LEADS and len(word) < 6)
                or match.string[match.end():].lstrip()[:1] in (",", ":")):
            return word  # "Deom", "Retor,": capitalised, perhaps a name
        mended = _MENDED[low]
        day = mended in _DAYS  # "firday": "Friday", a day's name
        return mended[0].upper() + mended[1:] if word[0].isupper() or day else mended

    return _WORD.sub(mend, text)
