"""An English change dated in front ("starting next week, no more status emails", "from
Monday we do standups async", "as of next week, retros are every two weeks"): the date
said after the change, so that the change is read from its own first word; a new state
dated so ("standup is at 10") is the hypothesis it proposes ("if standup were at 10")."""

from __future__ import annotations

import re

from mlcoach.domain.enums import ChangeKind
from mlcoach.influence.english_words import _VERBS, MONTH, NOT_A_THING, WEEKDAY, points_back
from mlcoach.influence.phrasing import Shape, read_change

# "from now on" first: read as "from now", it left "on retro is on Friday" ("if on retro
# were on Friday from now")
_WHEN = (r"from\s+now\s+on(?:wards)?|(?:starting|beginning|from|as of|as from|effective|after)\s+"
         r"(?:(?:next|this|the next|the first|tomorrow|today|now|on)\b[\w\s']{0,24}?|"
         rf"(?:{WEEKDAY}|{MONTH}|q[1-4])\w*)"
         r"|(?:next|this)\s+(?:week|sprint|month|quarter|year|time|meeting|retro|standup"
         r"|release|planning)|tomorrow|from now on"
         r"|(?:in|at|for|during)\s+the\s+(?:next|coming|upcoming)\s+[\w\s'-]{1,24}?"
         r"|effective\s+immediately|in\s+the\s+new\s+year"
         r"|from\s+(?:q[1-4]|now|today|next\s+\w+)\s+on(?:wards)?"
         # "once the release is out, …", "when the new hire starts, …": when, as a clause
         r"|(?:once|when|after|as\s+soon\s+as|before)\s+(?:the|our|a|we|i|[a-z]+'s)\b[^,;]{3,40}?")
# "every Friday, let's demo", "on Fridays, …", "in January, …": when it is held, said
# first too (no start: "on Fridays standups are async" is no decision dated)
_HELD = (r"(?:every|each)\s+(?:other\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|week|"
         r"sprint|month|quarter|morning|afternoon|day|release)"
         r"|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
         rf"|in\s+(?:{MONTH}|q[1-4])")
_TIME_FIRST = re.compile(rf"^(?P<when>{_WHEN}|{_HELD})\s*(?:,|:(?!\d))\s*(?P<rest>\S.*)$",
                         re.I)
# "from Monday: standups at 9:30": a note headed by when it starts, a decision told
_DATED_NOTE = re.compile(rf"^\W*(?P<when>(?:starting|beginning|from|as of|as from|effective)\s+"
                         rf"(?:{_WHEN}|[\w\s']{{1,24}}?)|{_WHEN})\s*:(?!\d)\s*"
                         r"(?P<rest>\w.*)$", re.I)  # not the colon of "1:1", "9:30"


def dated_note(said: str) -> str | None:
    """The note headed by its date, the date said after it ("from Monday: standups at
    9:30" → "standups at 9:30 from Monday"); None for other text."""
    match = _DATED_NOTE.match(" ".join(said.split()).rstrip(" .!"))
    if match is None or "?" in said or re.match(r"(?i)(?:once|when|after|before)\b",
                                                  match["when"].strip()):
        return None
    when = match["when"].strip()
    if not re.match(r"(?i)(?:starting|beginning|from|as|effective)\b", when):
        return None  # "Monday: standups at 9:30" is that day's, perhaps only once
    return f"{match['rest']} {when[0].lower()}{when[1:]}"
# Without a comma, only before words that start a proposal ("starting tomorrow I'd like").
_TIME_BEFORE_PLAN = re.compile(
    rf"^(?P<when>{_WHEN}|{_HELD})\s+(?P<rest>(?:i|we|let's|lets|let us|please|no|stop|start|"
    r"don't|never)\b.*)$", re.I)


# "standup is at 10", "retros are every two weeks", "the demo will be on Thursdays": a
# thing's new state, said after when it starts.
_NEW_STATE = re.compile(r"^(?P<thing>(?:the\s+|our\s+|all\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)"
                        r"\s+(?:is|are|will\s+be)\s+(?P<state>(?!not\b|going\b)\S.*)$", re.I)
# Without a comma, before such a state too ("starting Monday standups are async").
_TIME_BEFORE_STATE = re.compile(rf"^(?P<when>{_WHEN}|{_HELD})\s+(?P<rest>[a-z][\w'’-]*(?:\s+[a-z]"
                                r"[\w'’-]*)?\s+(?:is|are|will\s+be)\s+\S.*)$", re.I)


def only_when(text: str) -> bool:
    """Whether `text` says only when ("starting Monday"): no change, and no reason's
    cut leaves it alone ("starting Monday, it is mandatory to …" is not "starting Monday")."""
    return re.fullmatch(_WHEN, text.strip(" ,"), re.I) is not None


def _as_hypothesis(rest: str, when: str) -> str | None:
    """"standup is at 10", from Monday: "what if standup were at 10 from Monday"."""
    match = _NEW_STATE.match(rest)
    if match is None or match["thing"].split()[0].lower() in NOT_A_THING:
        return None
    return f"what if {match['thing']} were {match['state']} {when}"


# "standup is at 10 from now on": a thing's new state, when said after it
_STATE_THEN = re.compile(r"^(?P<rest>.+?)\s+(?P<when>from\s+now\s+on(?:wards)?|going\s+forward"
                         r"|(?:starting|from|as\s+of)\s+(?:in\s+)?(?:next\s+\w+|tomorrow|today"
                         rf"|{WEEKDAY}|q[1-4]|{MONTH})"
                         r"(?:\s+on(?:wards)?)?)\s*[.!]*$", re.I)

# A proposed state of how a thing is held: "at 10", "every two weeks", "async"; not a
# verdict ("the retro is boring", "standup is too long").
_HELD_STATE = re.compile(r"(?:at|on|every|each|in|from|before|after|twice|once|weekly|"
                         r"biweekly|fortnightly|monthly|daily|quarterly|optional|mandatory|"
                         r"async|asynchronous|remote|in-person|hybrid|recorded|written|"
                         r"shorter|\d)\b", re.I)
_PROPOSED_STATE = re.compile(r"^(?P<thing>(?:the\s+|our\s+|all\s+)?(?:[a-z][\w'’-]*|1(?::|-on-)1s?)"
                             r"(?:\s+[a-z][\w'’-]*)?)\s+(?:is|are)\s+(?P<state>\S.*?)\s*[.!]*$",
                             re.I)


def as_proposed(text: str) -> str:
    """A thing's state said as it is, where the wrapping proposed it ("Proposal: standup
    is at 10"): "what if standup were at 10"; other text as it came."""
    match = _PROPOSED_STATE.match(" ".join(text.split()))
    if match is None or match["thing"].split()[0].lower() in NOT_A_THING \
            or not _HELD_STATE.match(match["state"]):
        return text
    return f"what if {match['thing']} were {match['state']}"


# "if a meeting has no agenda, decline it", "before merging, get a second review": a rule
# with its condition said first (a condition of "we" is read in conditionals.py).
_CONDITION_FIRST = re.compile(
    r"^(?P<when>(?:if|unless|whenever|when|once|every\s+time|each\s+time|before|after|as\s+soon"
    r"\s+as)\s+(?:(?:a|an|the|our|any|every|you|you['’]re|someone|somebody|anyone|anybody"
    r"|nobody|no\s+one|it|it['’]s)\b|[a-z]+ing\b|[a-z][\w-]*s\b)[^,;]{0,60}?)\s*,\s*(?:then\s+)?"
    r"(?P<rest>\S.*)$", re.I)
# Its thing, which the act points back at: "(if) a meeting (has no agenda)".
_ITS_THING = re.compile(
    r"^(?P<lead>\S+(?:\s+time)?)\s+(?P<np>(?:a|an|the|our|any|every)\s+[\w'’-]+"
    r"(?:\s+[\w'’-]+)?)\s+(?P<verb>is|has|was|needs|breaks|fails|runs|goes|takes|gets|sits"
    r"|stays|lasts|looks|seems|starts|ends|comes|turns|drags|overruns)\b(?P<after>.*)$", re.I)


def condition_last(text: str) -> str:
    """"if a meeting has no agenda, decline it" → "decline a meeting if it has no agenda",
    "before merging, get a second review" → "get a second review before merging": the act
    first, where it reads as one; other text as it came."""
    match = _CONDITION_FIRST.match(" ".join(text.split()).rstrip(" .!"))
    if match is None or match["rest"].endswith("?"):
        return text
    when, rest = match["when"][0].lower() + match["when"][1:], match["rest"]
    pointing = points_back(rest)
    if pointing:
        thing = _ITS_THING.match(when)
        if pointing in (["it"], ["its"]) and thing and not thing["np"].lower().endswith("s"):
            # "split its commits if a PR is big" → "split a PR's commits if it is big"
            named = thing["np"] + ("'s" if pointing == ["its"] else "")
            rest = re.sub(rf"(?<![\w'’]){pointing[0]}(?![\w'’])", named, rest, count=1, flags=re.I)
            when = f"{thing['lead']} it {thing['verb']}{thing['after']}"
        elif not re.search(r"(?i)\b(?:something|anything)\b", when):
            return text  # "when the build is red, whoever broke it fixes it": whose "it"?
    said = f"{rest} {when}"
    return said if not read_change(said, ChangeKind.DIFFERENTLY, "en").quoted else text


def time_after(text: str) -> str:
    """"starting next week, no more status emails" → "no more status emails starting next
    week": read from its first word, a stop of "no more …" is not stopped again."""
    match = _TIME_FIRST.match(text) or _TIME_BEFORE_PLAN.match(text) \
        or _TIME_BEFORE_STATE.match(text)
    if match is None and _CONDITION_FIRST.match(text):
        return condition_last(text)
    if match is None:
        after = _STATE_THEN.match(text)
        if after is not None:  # "standup is at 10 from now on": what if it were so
            return _as_hypothesis(after["rest"], after["when"]) or text
        return text
    when, rest = match["when"], match["rest"].rstrip(" .!")
    if when[:1].isupper():
        when = when[0].lower() + when[1:]
    if rest.endswith("?") and rest.split()[0].lower() in _VERBS:
        return f"{rest.rstrip(' ?')} {when}?"  # "starting Monday, move standup to 10?"
    if not rest or rest.endswith("?"):
        return text
    hypothesis = _as_hypothesis(rest, when)
    if hypothesis is not None:
        return hypothesis
    if re.match(r"(?i)(?:once|when|after|as\s+soon|before)\s", when) \
            and re.search(r"(?i)(?<![\w'’])(?:it|them|this|that|they)(?![\w'’])", rest):
        return condition_last(text)  # "when the build is red, fix it first": fix the build
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



# A decision announced with its date ("going forward, all PRs need two approvals",
# "starting Monday, standup is at 10", "from next sprint we demo on Thursdays"): a statement
# of how things will be, not a proposal; its subject and a finite verb say so ("starting
# Monday, review PRs in pairs", "… let's …", "… we could …" stay proposals). A date only:
# "once the release is out, we do a retro" is a rule of when, not news of a decision.
_FORWARD = r"going\s+forward|moving\s+forward|from\s+here\s+on(?:\s+out)?"
_DATE_ONLY = re.compile(rf"(?:{_FORWARD}|{_WHEN})", re.I)
# said after ("standup is at 10 from now on"): not "this week", which dates a one-off
_DATE_AFTER = re.compile(rf"{_FORWARD}|from\s+now\s+on(?:wards)?|(?:starting|from|as\s+of|"
                         r"beginning|effective)\s+(?:in\s+(?=[jfmasond]|q))?(?:next\s+\w+|"
                         rf"tomorrow|today|q[1-4]|{WEEKDAY}|{MONTH})(?:\s+on(?:wards)?)?", re.I)
_CLAUSE_WHEN = re.compile(r"(?:once|when|after|as\s+soon\s+as|before)\b", re.I)
_DETERMINERS = frozenset(("all", "every", "each", "the", "our"))
_EVERYONE = frozenset(("everyone", "everybody", "nobody"))
# what no decision is said with ("we could", "we should"), or no subject ("it is …")
_NOT_DECIDED = frozenset(("could", "should", "might", "may", "can", "would", "want", "wish",
                          "hope", "try", "think", "propose", "suggest", "plan", "like", "love",
                          "ask", "let", "d", "need", "say", "said", "suggested", "proposed",
                          "thought", "asked", "mentioned", "feel", "felt"))
_FINITE = frozenset(("is", "are", "will", "must", "has", "have", "need", "needs", "require",
                     "requires", "happen", "happens", "run", "runs", "go", "goes", "get",
                     "gets", "stay", "stays", "become", "becomes", "take", "takes"))


# "the idea is to …", "my suggestion would be to …": what a proposal is announced with
_PROPOSING = frozenset(("idea", "plan", "proposal", "suggestion", "thinking", "thought", "hope",
                        "goal", "aim", "ask", "pitch"))
_ONE_ON_ONES = re.compile(r"1(?::|-on-)1s")  # "1:1s are every two weeks from now on"


def _decided_clause(words: list[str], verbs: frozenset[str]) -> bool:
    """Whether `words` state how things will be: a subject, then a finite verb."""
    lower = [w.lower().strip(",") for w in words]
    if len(lower) < 3:
        return False
    if lower[0] == "we" or lower[0] in ("we'll", "we’ll"):
        after = lower[2:] if lower[0] == "we" and lower[1] == "all" else lower[1:]
        verb = after[1] if lower[0] == "we" and after[0] == "will" else after[0]  # "we all …"
        return verb not in _NOT_DECIDED and verb in verbs
    if lower[0] in _NOT_DECIDED or lower[0] in ("shall", "will", "do", "does", "why", "how",
                                                "what", "thoughts", "opinions", "ideas"):
        return False  # "could we run planning …", "thoughts on demos on Fridays …": asked
    if lower[0] in NOT_A_THING - _EVERYONE or lower[0] in verbs \
            or not (lower[0].isalpha() or _ONE_ON_ONES.fullmatch(lower[0])) \
            or lower[0] in ("no", "let's", "lets", "please", "maybe", "don't", "never"):
        return False  # "starting Monday, review PRs in pairs": an act proposed
    if (lower[0] in ("the", "my", "our") and lower[1] in _PROPOSING) \
            or (lower[0] == "all" and lower[1] in ("we", "i")):
        return False  # "the idea is to move standup …", "all we need is to …": proposed
    places = (1,) if lower[0] in _EVERYONE else (2, 3) if lower[0] in _DETERMINERS else (1, 2)
    for place in places:
        if place >= len(lower):
            break
        verb, before = lower[place], lower[place - 1]
        plain = verb[:-1] if verb.endswith("s") and verb != "lets" else verb
        if (plain in _NOT_DECIDED and plain != "need") or verb in ("let's", "lets", "let’s"):
            return False  # "going forward let's …", "my manager thinks we should …"
        singular = verb.endswith("s") and (verb[:-1] in verbs or verb[:-2] in verbs)
        plural = before.endswith("s") and verb in verbs
        # "send notes": no subject before the verb ("the demo will": "will" says so)
        named = not any(word in verbs for word in lower[:place])
        if verb in _FINITE or (named and (singular or plural)):
            return place + 1 < len(lower)
    return False


def dated_decision(said: str) -> str | None:
    """The statement of a decision told with its date, the date after it ("going forward,
    all PRs need two approvals" → "all PRs need two approvals going forward"); None for
    other text (a proposal, a question, no date)."""
    said = " ".join(said.split()).rstrip(" .!")
    if said.endswith("?") or ";" in said:
        return None
    words = said.split()
    # the date said first ends at its comma, if it has one; else the longest date first
    comma = next((i + 1 for i, word in enumerate(words[:7]) if word.endswith((",", ":"))),
                 None)
    for cut in range(min(len(words), 7) - 1, 0, -1):
        front, back = " ".join(words[:cut]).rstrip(",:"), " ".join(words[-cut:])
        if (comma is None or cut == comma) and _DATE_ONLY.fullmatch(front) \
                and not _CLAUSE_WHEN.match(front) and _decided_clause(words[cut:], _VERBS):
            rest = " ".join(words[cut:])
            return f"{rest} {front[0].lower()}{front[1:]}"
        if comma is None and _DATE_AFTER.fullmatch(back) \
                and _decided_clause(words[:-cut], _VERBS):
            return said
    return None
