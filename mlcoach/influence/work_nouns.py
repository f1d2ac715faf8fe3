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
# Tools teams name, never a common word whatever their ending ("Notion", "Teams"); said as
# a verb too ("Slack the team", "Loom it"), a name still.
PRODUCTS = frozenset((
    "slack", "zoom", "google", "loom", "jira", "notion", "figma", "miro", "github", "gitlab",
    "confluence", "teams", "trello", "asana", "linear"))
# Said first, these lead a thing ("The Retro should be shorter", "A weekly demo").
_LEADS = frozenset(("the", "our", "a", "an", "all", "every", "each"))
# Meetings named in title case whose first word is a common one: "All Hands on Fridays"
# is not "all Hands".
_TITLED = re.compile(r"^All\s+Hands\b")


def titled(words: str) -> bool:
    """Whether `words` start with a meeting's title-case name ("All Hands")."""
    return _TITLED.match(words) is not None
_WORD = re.compile(r"(?<![\w'’&-])([A-Z][a-z]+(?:-[a-z]+)?)(?![\w'’&-])")
# "The 1:1 moves …", "drop The Monday sync"
_LEAD = re.compile(r"(?:^|(?<=[a-z] ))([A-Z][a-z]*)(?=\s+\w)")
# Common words a note's words start with, in sentence case, that are no names ("Core
# hours", "Docs in Notion"); beside another capital ("Google Docs") they are one.
_FIRST_WORDS = frozenset((
    "ad", "agenda", "agendas", "always", "anonymous", "ban", "blocker", "blockers", "brown",
    "camera", "cameras", "code", "core", "deep", "decision", "decisions", "design", "doc",
    "docs", "email", "emails", "feature", "features", "feedback", "fewer", "fixed", "focus",
    "just", "kudos", "laptop", "laptops", "less", "lunch", "more", "never", "no", "note",
    "notes", "office", "one", "only", "pair", "question", "questions", "reply", "replies",
    "runbook", "runbooks", "slide", "slides", "spec", "specs", "story", "stories", "summary",
    "summaries", "test", "tests", "thread", "threads", "ticket", "tickets", "two", "usually",
    "zero", "holiday", "holidays", "mob", "shorter", "longer", "smaller", "weekly",
    "daily", "monthly", "quarterly", "written", "async", "shared", "live", "quiet", "silent",
    "handwritten",
    # who, said first: "Everyone reviews one PR a day" → "if everyone reviewed …"
    "everyone", "everybody", "someone", "somebody", "nobody", "anyone", "anybody", "people",
    "most", "some", "any", "many", "both", "whoever",
))
# Endings of common nouns and adjectives that names hardly have: "Decisions", "Anonymous",
# "Architecture", "Flexible" (not "-ence": Florence; not "-al": Kemal).
_COMMON_ENDING = re.compile(r"(?:tions?|sions?|ments?|ness|ity|ities|isms?|ous|tive|sive"
                            r"|ble|ful|less|ings|ies|ional|ical|tures?)$")
# A word in sentence case: "Core" in "Core hours", "put Blockers first", "drop The Monday
# sync"; beside another capital it is part of a name ("Google Slides", "Feature Flags").
_SENTENCE_CASE = re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)*)([.,;:!?]*)$")  # not "U-turn"


def common_case(words: str) -> str:
    """`words` with each capitalised common word of teamwork lowered ("Standup moved to
    10" → "standup moved to 10"); names, products, days and acronyms stay as typed."""
    words = _LEAD.sub(lambda m: m[1].lower() if m[1].lower() in _LEADS
                      and not titled(words[m.start(1):]) else m[1], words)
    words = _sentence_case_lowered(words)
    return _WORD.sub(lambda m: m[1].lower() if m[1].lower() in _COMMON else m[1], words)


def _sentence_case_lowered(words: str) -> str:
    """`words` with each sentence-case common word lowered, unless a capital is beside it."""
    tokens = words.split(" ")
    capital = [t[:1].isupper() for t in tokens]
    for at, token in enumerate(tokens):
        match = _SENTENCE_CASE.match(token)
        if match is None:
            continue
        low = match[1].lower()
        beside = (at > 0 and capital[at - 1]) or (at + 1 < len(tokens) and capital[at + 1])
        if titled(" ".join(tokens[at:at + 2])):
            continue
        if (low in _LEADS and not (at > 0 and capital[at - 1])) or (not beside and _no_name(low)):
            tokens[at] = low + match[2]
    return " ".join(tokens)


def _no_name(word: str) -> bool:
    """Whether `word`, lowered, typed in sentence case, is a common word, not a name:
    "Core hours", "Rubber-stamp approvals", "Notifications", "Recorded demos"."""
    from mlcoach.influence.act_or_thing import verb_of_participle  # a cycle at import

    if word in PRODUCTS:
        return False
    return word in _FIRST_WORDS or "-" in word or bool(_COMMON_ENDING.search(word)) \
        or verb_of_participle(word) is not None


def common_words() -> frozenset[str]:
    """The common words of how a team works, lowered ("standup", "retro", "demo")."""
    return _COMMON
