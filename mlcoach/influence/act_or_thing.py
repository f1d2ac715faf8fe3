"""Whether an English change starts with an act ("review PRs within a day", "demo features
at the end of each sprint") or names a thing ("release notes", "rate limits on the API"):
the verbs that are as often nouns, the compounds they lead, and the forms of a verb."""

from __future__ import annotations

import itertools
import re

from mlcoach.influence.english_words import (
    _AFTER_THE_OBJECT,
    _AMBIGUOUS,
    _ARTICLES,
    _BEFORE_A_NOUN_VERB,
    _CATENATIVE,
    _CLAUSE_ADVERBS,
    _COMPOUND_LEADS,
    _DETERMINERS,
    _FREQUENCY,
    _ING_HEADS,
    _ING_MODIFIERS,
    _ING_NOUNS,
    _KNOWN,
    _MASS,
    _NOT_GERUNDS,
    _NOT_NOUNS,
    _NOUNISH,
    _NUMBERS,
    _OBJECT_MARKERS,
    _PARTICIPLE_OR_TIME,
    _PEOPLE,
    _PREPOSITIONS,
    _QUANTITIES,
    _REMOVAL_VERBS,
    _ROLE_VERBS,
    _SAYS_OF_IT,
    _THEY_DO,
    _VERB_BEFORE_PLURAL,
    _VERBS,
    _is_plural,
    _words,
)
from mlcoach.influence.english_words import (
    plain_word as _plain,
)
from mlcoach.influence.verb_forms import irregular_pasts
from mlcoach.influence.work_nouns import common_words


def _is_gerund(word: str) -> bool:
    word = word.removeprefix("@").removeprefix("-")  # "@-mentioning" the whole team
    # "force-pushing", "double-booking", "re-opening": the gerund is the last part
    last = word.rsplit("-", 1)[1] if "-" in word else word
    return (
        last.endswith("ing") and len(last) > 4 and last not in _NOT_GERUNDS
        and last not in _ING_NOUNS and last not in _ING_MODIFIERS and word not in _NOT_GERUNDS
        and (last == word or len(word.split("-")) == 2)
    )


def gerund_as_act(text: str) -> str:
    """An act asked about as a gerund, as its verb: "owning the deploy checklist" → "own
    the deploy checklist" (after "how do you feel about", "would you mind"); other text,
    or a gerund whose verb is not known for sure ("planning poker"), as it came."""
    first, _, rest = text.partition(" ")
    low = first.lower()
    if not rest or not _is_gerund(low):
        return text
    stem = low[:-3]
    bases = {b for b in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2]
                         else "") if b in _VERBS}
    nxt = _plain(rest.split()[0])
    if len(bases) != 1 or not (nxt in _OBJECT_MARKERS or nxt[:1].isdigit()
                               or rest[:1].isupper() or _is_plural(nxt)
                               or nxt in common_words()):  # "moving standup to 10"
        return text
    return f"{bases.pop()} {rest}"


# Meetings a person runs, named bare: "run standup", "facilitate retros".
_MEETINGS = frozenset((
    "standup", "standups", "stand-up", "stand-ups", "retro", "retros", "retrospective",
    "retrospectives", "planning", "demo", "demos", "sync", "syncs", "1:1", "1:1s", "triage",
    "refinement", "grooming", "kickoff", "kickoffs", "all-hands", "huddle", "huddles",
    "meetings", "workshop", "workshops", "onboarding"))


# Verbs "of" may follow: "think of the newcomers", "take care of the release notes".
_VERBS_OF = frozenset(("think", "speak", "talk", "dream", "consist", "approve", "take",
                       "let", "make", "get", "clear", "rid"))


# Words kept out of _VERBS because they name a thing ("focus time", "team lunch", "next
# steps"), read as verbs only before their particle: "focus on tech debt", "team up on
# the migration", "step back from running standup" (these were quoted).
_VERBS_BEFORE_A_PARTICLE = {"focus": _words("on"), "team": _words("up"),
                            "step": _words("back up down in aside")}


# Verbs that are acts before a meeting ("run standups", "lead planning", "start standup at
# 9:30"): not a "run" or a "start" of it. "end" and "finish" only with when it ends after
# ("end retro early", "end standup at 9:45"); the words that must follow, or None.
_WHEN_IT_ENDS = _words("at by on early late earlier sharp")
_VERBS_BEFORE_A_MEETING: dict[str, frozenset[str] | None] = {
    **dict.fromkeys(_ROLE_VERBS | {"run", "start", "begin"}), "end": _WHEN_IT_ENDS,
    "finish": _WHEN_IT_ENDS}


# Words ending like a made verb ("-ise", "-ize", "-ify") that are not one.
_NOT_MADE_VERBS = frozenset(("expertise", "enterprise", "franchise", "merchandise", "otherwise",
                             "concise", "precise", "premise", "exercise", "promise", "compromise",
                             "paradise", "demise", "cruise", "bruise", "reprise"))


def _verb_shape(words: list[str], low: str, modal: bool) -> bool:
    """Whether the words start with a base verb we may put after "to"."""
    nxt_raw = words[1] if len(words) > 1 else ""
    nxt = _plain(nxt_raw)
    if low.endswith("ing") and low not in _VERBS | _NOT_GERUNDS:
        return False  # "working late", "planning everything": never "to working"
    if len(low) > 5 and low.endswith(("ise", "ize", "ify")) and low not in _NOT_MADE_VERBS \
            and nxt and nxt not in _PREPOSITIONS - {"on", "up"}:
        return True  # "centralise decisions", "gamify code reviews": made verbs we do not list
    if low in ("always", "only", "all", "both", "first", "also", "regularly", "just"):
        return len(words) > 1 and nxt in _VERBS  # "all use the wiki"
    if nxt in _VERBS_BEFORE_A_PARTICLE.get(low, ()):
        return True  # "focus on tech debt": an act, where "focus time" is a thing
    after = _VERBS_BEFORE_A_MEETING.get(low, frozenset())
    if nxt in _MEETINGS and (
            after is None or (len(words) > 2 and _plain(words[2]) in after)):
        return True  # "run standups", "end retro early": an act on the meeting
    if low in _VERBS:
        if nxt == "of" and low not in _VERBS_OF:
            return False  # "share of the on-call load", "review of the process": a thing
        if low not in _AMBIGUOUS or modal or not nxt or nxt in _OBJECT_MARKERS | _PEOPLE:
            return True  # "message people directly", "loop people in early": an act
        if _is_gerund(nxt) or nxt in _ING_MODIFIERS:
            return low in _CATENATIVE  # "stop working late", "start planning together"
        if (nxt[:1].isdigit() or nxt in _NUMBERS) and len(words) > 2 \
                and _plain(words[2]) in _DURATIONS:
            return True  # "block 2 hours for focus", "time 10 minutes for questions"
        if nxt_raw[:1].isupper() or nxt.endswith("'s"):
            return True  # "review Priya's PRs", "use Slack"
        if low == "pair" and not _is_gerund(nxt) and "with" in map(_plain, words[2:]):
            return True  # "pair new hires with a buddy"; not "pair programming with …"
        if heads_a_compound(low, nxt):
            return False  # "rate limits on the API", "end dates on every ticket": a thing
        if low in _VERB_BEFORE_PLURAL and _is_plural(nxt) and (
                len(words) == 2 or _adverbial(words[2], words[3] if len(words) > 3 else "")):
            return True  # "answer emails", "book rooms 1 week ahead": an act on them
        if low in _VERB_BEFORE_PLURAL and len(words) > 3 and nxt.isalpha() \
                and not _is_plural(nxt) and _is_plural(_plain(words[2])) \
                and _plain(words[3]) in _AFTER_THE_OBJECT | {"during"}:
            return True  # "answer slack messages within an hour": a compound object
        if _acts_on(words, low):
            return True  # "check email twice a day", "fix flaky tests first", "block off …"
        return low not in _NOUNISH and _is_plural(nxt)
    if "-" in low and low.rsplit("-", 1)[1] in _VERBS and not low.startswith(_MODIFIERS):
        return True  # "self-assign tickets", "cross-check the figures"; not "pre-commit hooks"
    if _is_gerund(low) or low in _DETERMINERS or low in _QUANTITIES or _is_plural(low) \
            or _is_past(low):
        return False  # "skipped the retro" says what happened: never "to skipped"
    if modal and low == "be" and len(words) > 1:
        return True  # "let's be on time", "I'd like us to be more intentional"
    if modal and words[0].islower() and low.isalpha() and len(words) > 1 \
            and low not in _DETERMINERS | _QUANTITIES | _NUMBERS | _ARTICLES | _NOT_NOUNS \
            and not low.endswith(("s", "ly")) and nxt in _PREPOSITIONS | _ARTICLES \
            and nxt not in ("of", "and", "or", "than", "that", "which"):
        return True  # after "let's" a word we do not list is its verb ("align on …")
    if modal and words[0].islower() and low.isalpha() and len(words) > 1 \
            and low not in _KNOWN | _ADJECTIVES | _DETERMINERS | _QUANTITIES | _NOT_NOUNS \
            and not low.endswith(("s", "ly", "ing", "ed")) and nxt.isalpha() \
            and _is_plural(nxt) and nxt not in _COMPOUND_HEADS | _SINGULAR_HEADS \
            and not nxt.endswith("days"):  # "let's pizza Fridays"
        return True  # … or a plural ("let's centralise decisions", "upskill juniors")
    # An unknown word followed by "the", "our", "it" … is most likely a verb ("QA the build").
    return bool(nxt) and nxt in _OBJECT_MARKERS - _PREPOSITIONS - _QUANTITIES - _NUMBERS \
        and low not in _PREPOSITIONS | _ASKING_WORDS | _HOW_MANY_TIMES  # never "to with",
    # "to what's the …", "to twice a week works"


# Words a question or a statement starts with, never an act or a thing's name: "What's
# the plan for on-call?" was asked "to What's the plan …", "How do …" "if we tried How …".
_ASKING_WORDS = _words("what how who why when where which whose what's who's where's how's "
                       "when's why's that's it's there's here's")


_HOW_MANY_TIMES = _words("once twice thrice")


# Words that, after an ambiguous verb, say how it is done: the verb is an act.
_PARTICLES = _words("back through")


_PARTICLES_AFTER_A_VERB = _words("off aside")  # "block off Fridays"; not "time off"


# Adjectives that start an object: "fix flaky tests first", "mark urgent tickets clearly".
_ADJECTIVES = _QUANTITIES | _words(
    "new old urgent flaky stale big large broken critical important key recent long minor "
    "major simple hard easy failing pending missing existing outstanding upcoming remaining "
    "incoming overdue duplicate obsolete unused unclear unread blocked failed risky noisy "
    "slow fast manual automated internal external extra open small short quick side done")


# Nouns without an article one acts on: "check email twice a day", "cover support on
# Fridays", "block focus time in the mornings".
_MASS_OBJECTS = _MASS | _words("email mail slack")


# "time" as the object only of these ("block time for reviews"); "demo time", "end time"
# and "review time" are things.
_TIME_VERBS = _words("block track book plan log")


# Words that head a compound after a verb-or-noun ("demo days", "release notes", "change
# requests", "sync meetings", "group lunches"): not an object, so the phrase stays a thing.
# Singular nouns a thing's name ends on, after a word we do not list: "focus time", "deep
# work", "a quiet block" (the sentence-case "Focus time" was read; the lower-case quoted).
_SINGULAR_HEADS = _words("time work block slot window budget channel policy reading")
_COMPOUND_HEADS = _words(
    "days notes requests cases runs suites meetings sessions hours items dates files logs "
    "templates letters periods estimates chats channels calls environments plans reports "
    "docs documents branches trains cycles windows slots blocks budgets zones sheets limits "
    "boxes tags cards books types points stories rates scores counts results updates "
    "messages emails times lunches dinners events outings projects activities freezes "
    "threads views clubs mortems names rules conventions")


# … but what one starts, stops, ends or runs are meetings, calls and messages themselves.
_CONDUCTED = _words("meetings sessions calls emails messages updates chats")


_CONDUCT_VERBS = _words("start stop end run return")


# Verbs-or-nouns that before a plural are nearly always a thing ("demo days", "release
# notes", "trial periods", "time estimates", "work items", "pair sessions", "default
# settings").
_THING_LEADS = _words("demo release trial time work pair default")


# … but not before the work itself: "demo features", "release fixes", "trial changes".
_WORK_SHOWN = _words("features changes fixes prototypes improvements results wins mockups "
                     "designs builds versions experiments progress")


# Verbs-or-nouns that lead a compound as often as they act on a plural: before the head of
# a compound ("message templates", "deploy windows", "rate limits") they are its first
# noun, not the act …
_COMPOUND_LEAD_VERBS = _VERB_BEFORE_PLURAL | _words("rate deploy post")


# … unless the plural is what that verb is done to ("log hours", "end meetings", "deploy
# updates", "answer messages", "offer sessions").
_DONE_TO = {
    "log": _words("hours times notes"),
    "plan": _CONDUCTED | _words("events outings lunches dinners activities projects"),
    "end": _CONDUCTED,
    "answer": _CONDUCTED | _words("requests"),
    "reply": _CONDUCTED,
    "book": _words("slots sessions hours"),
    "offer": _words("sessions hours slots"),
    "label": _words("emails messages requests items cards"),
    "deploy": _words("updates"),
    "post": _words("updates messages notes reports docs documents results logs emails "
                   "events plans cards stories"),
    "close": _words("items requests"),
    "request": _words("updates reviews"),
    "change": _words("names rules"),  # "change names in the release": renaming is the act
}


def heads_a_compound(low: str, nxt: str) -> bool:
    """Whether `low` before the plural `nxt` is the first noun of a compound thing."""
    return low in _COMPOUND_LEAD_VERBS and nxt in _COMPOUND_HEADS \
        and nxt not in _DONE_TO.get(low, frozenset())


# Compound things one uses rather than holds: "start using end dates on every ticket"
# ("start end dates" reads as two verbs); "start book clubs", "stop post mortems" stay.
_USED_HEADS = _words("dates times templates views files limits threads slots windows "
                     "tags types cards sheets")


def a_thing_used(text: str) -> bool:
    """Whether `text` starts with a compound thing one uses ("end dates on …")."""
    first_two = [w.lower() for w in text.split()[:2]]
    return len(first_two) == 2 and heads_a_compound(*first_two) \
        and first_two[1] in _USED_HEADS


# "a week ahead", "the same day", "a day before": when, said with an article.
_WHEN_NOUNS = _words("day week month sprint quarter year morning same")


def _adverbial(word: str, after: str = "") -> bool:
    """Whether `word` starts what says when or how ("twice a day", "first", "monthly", "a
    week ahead", with `after` the word that follows it)."""
    p = _plain(word)
    if p in ("a", "the") and _plain(after) in _WHEN_NOUNS:
        return True
    return p in _AFTER_THE_OBJECT | (_PREPOSITIONS - _words(
        "of and or than that which like so when where")) | _words(
        "more less often every each together instead asap behind") \
        or (p.endswith("ly") and len(p) > 4) or p[:1].isdigit()


def _acts_on(words: list[str], low: str) -> bool:
    """Whether an ambiguous verb ("check", "fix", "sync") acts on what follows it: an
    adjective and a plural ("fix flaky tests first"), a mass noun ("check email twice a
    day", "block focus time"), a particle ("block off Fridays") or, said when or how, a
    plural that is not the head of a compound ("sync roadmaps monthly", "test changes
    before merging"; not "demo days on Fridays", "change requests through the board")."""
    plain = [_plain(w) for w in words]
    nxt = plain[1]

    def then_adverbial(at: int, required: bool = False) -> bool:
        return (at >= len(words) and not required) or (
            at < len(words) and _adverbial(words[at], words[at + 1] if at + 1 < len(words)
                                           else ""))

    if len(words) > 2 and (nxt in _PARTICLES
                           or (nxt in _PARTICLES_AFTER_A_VERB and low not in _NOUNISH)):
        return True
    if len(words) > 2 and nxt in _ADJECTIVES and _is_plural(plain[2]) and words[1].islower() \
            and then_adverbial(3):
        return True
    if low not in _NOUNISH or low in _VERB_BEFORE_PLURAL:
        for at in (1, 2):
            if at >= len(words) or plain[at] not in _MASS_OBJECTS:
                continue
            if at == 2 and not (words[1].isalpha() and words[1].islower()
                                and not _is_plural(nxt) and nxt not in _PREPOSITIONS
                                and nxt not in _KNOWN):
                return False  # "block calendar time", not "check the data"
            if plain[at] == "time" and low not in _TIME_VERBS:
                return False  # "review time for PRs", "end time": a thing
            return then_adverbial(at + 1)
    if low in ("stop", "start") and len(words) > 2 and words[1].isalpha() and words[1].islower() \
            and not _is_plural(nxt) and nxt not in _PREPOSITIONS | _NOT_NOUNS \
            and _is_plural(plain[2]) and words[2].islower() and then_adverbial(3):
        return True  # "stop release freezes", "start design reviews": "stop" is the act
    if low in _THING_LEADS and nxt in _WORK_SHOWN and words[1].islower():
        return then_adverbial(2)  # "demo features at the end of each sprint"
    if low in _NOUNISH and low not in _THING_LEADS and _is_plural(nxt) and words[1].islower() \
            and (nxt not in _COMPOUND_HEADS or (low in _CONDUCT_VERBS and nxt in _CONDUCTED)
                 or nxt in _DONE_TO.get(low, frozenset())):
        return then_adverbial(2, required=True)
    return False


# Participles whose verb is not the participle less its "-ed": "kept" → "keep".
_IRREGULAR_PARTICIPLES = {
    "kept": "keep", "written": "write", "done": "do", "held": "hold", "run": "run",
    "sent": "send", "made": "make", "set": "set", "given": "give", "taken": "take",
    "shown": "show", "told": "tell", "read": "read", "put": "put", "cut": "cut",
    "split": "split", "left": "leave", "brought": "bring", "built": "build", "begun": "begin",
    "said": "say", "met": "meet", "shut": "shut", "led": "lead",
}


def verb_of_participle(word: str) -> str | None:
    """The verb a participle is of, when it is one we know ("reviewed" → "review", "kept" →
    "keep", "stopped" → "stop", "moved" → "move"); None otherwise."""
    low = word.lower()
    if low in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[low]
    if not low.endswith("ed") or len(low) < 5:
        return None
    stem = low[:-2]
    candidates = [stem, low[:-1], stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
                  stem[:-1] + "y" if stem.endswith("i") else ""]
    return next((c for c in candidates if c and c in _VERBS | _REMOVAL_VERBS), None)


_IRREGULAR_PAST_OF = {**irregular_pasts(_VERBS),  # "came", "spoke", "thought"
                      "ran": "run", "took": "take", "wrote": "write", "gave": "give",
                      "did": "do", "had": "have", "began": "begin", "went": "go",
                      "kept": "keep", "made": "make", "held": "hold", "sent": "send",
                      "brought": "bring", "met": "meet", "left": "leave", "led": "lead"}


def base_verb(word: str) -> str | None:
    """The verb `word` is a form of, when it is a base or past form of one we know ("move",
    "moved" → "move", "ran" → "run"); None for any other word."""
    low = word.lower()
    if low in _VERBS:
        return low
    return _IRREGULAR_PAST_OF.get(low) or verb_of_participle(low)


# The past forms people report a slip with ("forgot the demo", "broke the build").
_IRREGULAR_PAST = _words(
    "forgot broke took made sent wrote ran gave left kept told brought built found lost "
    "began went came saw did got held spent missed bought caught taught fell felt paid "
    "chose drove froze hid led meant shook spoke stole threw understood woke won"
)


def _is_past(word: str) -> bool:
    """Whether `word` is a past form, not a base verb ("merged", "forgot"; not "need")."""
    if word in _IRREGULAR_PAST:
        return True
    return word.endswith("ed") and len(word) > 4 and not word.endswith("eed") \
        and word not in _words("embed shred") and word not in _VERBS


# Prefixes that make a word describe a thing: "pre-commit hooks", "non-blocking reviews".
_MODIFIERS = ("pre-commit", "pre-merge", "pre-push", "pre-release", "pre-deploy", "post-merge",
              "post-release", "post-deploy", "post-mortem", "non-", "anti-", "multi-",
              "no-")  # "no-deploy Fridays": a day without deploys, not an act


def _looks_like_noun_phrase(words: list[str], low: str) -> bool:
    """Whether the words read as a thing ("async standups", "the Friday sync")."""
    first = words[0]
    if low in _ASKING_WORDS:
        return False  # "What's the plan for on-call?", "That's the third outage"
    adjective = (low.endswith("ed") and len(low) > 4) or (
        "-" in low and low.rsplit("-", 1)[1] not in _VERBS) or (  # "two-week", not "self-assign"
        low.startswith(_MODIFIERS))  # "pre-commit hooks", "post-merge checks"
    if low in _VERBS and low not in _NOUNISH and low not in _DETERMINERS \
            and not (len(words) > 1 and heads_a_compound(low, _plain(words[1]))):
        return False
    if len(words) > 2 and _plain(words[1]) == "to" and _plain(words[2]) in _VERBS:
        return False  # "Dana to set up the board": what someone is to do, a meeting's note
    if adjective and len(words) > 1 and _plain(words[1]) in _OBJECT_MARKERS - _PREPOSITIONS:
        return False  # "fixed the flaky tests": a past act, not "shared docs"
    if not (
        low in _DETERMINERS
        or low in _ING_NOUNS
        or low in _ING_MODIFIERS
        or ("-" in low and low.endswith("ing"))
        or low in _NOUNISH
        or low in _QUANTITIES
        or (low in _COMPOUND_LEADS and len(words) > 1 and _plain(words[1]) in _ING_HEADS)
        or low.endswith("'s")
        or adjective
        or _is_plural(low)
        or first[:1].isdigit()
        or (first[:1].isupper() and low not in _KNOWN)
        or len(words) == 1
        or (len(words) > 1 and _is_plural(_plain(words[1])))
        or (len(words) > 1 and _plain(words[1]) in _SINGULAR_HEADS)  # "focus time", "deep work"
    ):
        return False
    # "the team reviews PRs": a verb in the middle makes it a clause.
    for at, (here, after) in enumerate(itertools.pairwise(words[1:]), start=1):
        h, n = _plain(here), _plain(after)
        if h in _FREQUENCY:
            continue  # "three times a week", "two days a month"
        if h in _SAYS_OF_IT and _plain(words[at - 1]) not in _BEFORE_A_NOUN_VERB:
            return False  # "the team needs to write tests", "standup starts at 10"
        if _is_plural(h) and n in _VERBS and at + 2 < len(words) \
                and _plain(words[at + 2]) in _ARTICLES:
            return False  # "the devs review the PRs late": a plural subject and its verb
        if h in _THEY_DO and _is_plural(_plain(words[at - 1])) and (n in _PARTICIPLE_OR_TIME
                                                                    or _is_past(n)):
            return False  # "the flaky tests get fixed first", "retros start on time"
        if h in _CLAUSE_ADVERBS and _is_plural(n):
            return False  # "the standup always runs over": a verb, so a clause
        if n in ("this", "next", "every", "each") and at + 2 < len(words) \
                and _plain(words[at + 2]) in _TIMES:
            continue  # "no 1:1s this week", "demos every sprint": when, not an object
        if _is_plural(h) and n not in _PREPOSITIONS and n not in _NUMBERS \
                and not n[:1].isdigit() and (n in _OBJECT_MARKERS or _is_plural(n)):
            return False
    # "the demo went well", "the pilot worked": how it went, a clause, not a thing
    if any(_plain(word) in _HOW_IT_WENT and _plain(before) not in _BEFORE_A_NOUN_VERB
           and _plain(before) not in _BEFORE_A_THING
           for before, word in itertools.pairwise(words)):
        return False
    # Without a determiner, a singular countable head needs an article we cannot add
    # ("Monday status meeting"): quote it instead.
    head = _head(words)
    article = low in _ARTICLES or low.endswith("'s") or low in ("no", "more", "less", "fewer")
    if not article and len(words) > 1:
        h = _plain(head)
        countable = h in _ING_NOUNS or not h.endswith(("ing", "ment", "ance"))
        if head.islower() and not _is_plural(h) and countable and h not in _MASS:
            return False
    return True


_DURATIONS = frozenset(("minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day",
                        "days", "week", "weeks", "slot", "slots"))


# What is said of a thing once it has happened: "the demo went well", "retros ran long".
_HOW_IT_WENT = frozenset((
    "went", "ran", "took", "came", "began", "worked", "failed", "helped", "slipped", "broke",
    "stalled", "dragged", "flopped", "overran", "backfired", "was", "were", "seemed",
    "felt", "looked", "sounded", "loved", "hated", "liked", "enjoyed", "disliked", "happened",
    "showed", "turned"))


_BEFORE_A_THING = _words("a an the no our my your their this that these those every each any "
                         "some")


# What "this", "next" or "every" says the time of: "this week", "every sprint".
_TIMES = frozenset(("week", "sprint", "month", "quarter", "day", "morning", "afternoon",
                    "evening", "time", "year", "monday", "tuesday", "wednesday", "thursday",
                    "friday", "iteration", "cycle", "release"))


_ONE_ON_ONE = re.compile(r"1(?::|-on-)1s?")
# How often, said after the thing: "retros weekly", "1:1s monthly".
_HOW_OFTEN_WORDS = frozenset(("daily", "weekly", "biweekly", "bi-weekly", "fortnightly",
                              "monthly", "quarterly", "yearly", "annually", "nightly", "hourly"))


# A size said before a thing: "30-min", "15-minute", "2-hour", "3-day"
_SIZED = re.compile(r"\d+-?(?:min|mins|minute|hour|hr|h|day|week|person)")


def _head(words: list[str]) -> str:
    """The last word before the first preposition: the noun the phrase is about."""
    head = words[0]
    for i, word in enumerate(words):
        plain = _plain(word)
        if i and (plain in _PREPOSITIONS or plain in _NUMBERS or plain[:1].isdigit()
                  or plain in _HOW_OFTEN_WORDS) \
                and not _ONE_ON_ONE.fullmatch(plain) \
                and not (_SIZED.fullmatch(plain) and i + 1 < len(words)):
            # "weekly 1:1s", "weekly 30-min syncs": the head is "1:1s", "syncs"
            break  # "standups three times a week": the head is "standups"
        head = word
    return head
