"""English changes typed as a note's fragment, read as the hypothesis they propose:
"cameras optional", "standup 10am?" (what if cameras were optional, standup were at
10am), "rather not have a retro this week" (what if we didn't have one), "no one deploys on
Fridays" (what if no one deployed), "I hope the build gets fixed" (what if it got fixed),
"Standups. Too long." (what if standups were shorter). Other text is returned as it came."""

from __future__ import annotations

import re

from mlcoach.domain.capture import names_person
from mlcoach.influence.act_or_thing import gerund_as_act
from mlcoach.influence.english_words import (
    _VERBS,
    _WANTS,
    CALENDAR_NAMES,
    CLOSING_WHEN,
    HEDGE,
    MONTH,
    WEEKDAY,
    how_about_lead,
    points_back,
)
from mlcoach.influence.phrasing import strip_tails
from mlcoach.influence.spoken_wrapping import without_spoken_wrapping
from mlcoach.influence.verb_forms import past_tense
from mlcoach.influence.work_nouns import common_words

# A thing of how a team works, one to three words: "cameras", "the Friday demo".
_WORD = r"(?:[a-z][\w'’-]*|1:1s?)"  # "1:1s" too
_THING = rf"(?P<thing>(?:the\s+|our\s+)?{_WORD}(?:\s+{_WORD}){{0,2}}?)"
# The state a note gives it: "optional", "async", "at 10am", "10am", "on".
# A time said as one: "10am", "9:30", "at 10" (a bare "4" is no time: "Room 4").
_TIME = r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?"
_CLOCK = r"\d{1,2}(?:[:.]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?|\s*(?:am|pm|a\.m\.|p\.m\.))"
_STATE = (r"(?P<state>optional|mandatory|async|asynchronous|remote|in-person|hybrid|"
          r"recorded|written|on|off|shorter|longer|at\s+" + _TIME + r"|" + _CLOCK + r")")
# "standup: async from now on": the state, and when it starts.
_FROM_NOW = (r"(?P<tail>\s+(?:from\s+now\s+on|going\s+forward|(?:from|as\s+of)\s+(?:next\s+\w+|"
             rf"{WEEKDAY}|{MONTH}|q[1-4])|"
             r"starting\s+(?:next\s+)?\w+|(?:next|this)\s+(?:week|sprint|month)|tomorrow|"
             r"on\s+(?:mon|tues|wednes|thurs|fri)days?|daily|weekly|again|for\s+now|"
             r"(?:every|each)\s+(?:other\s+)?(?:day|morning|afternoon|week|sprint|"
             r"(?:mon|tues|wednes|thurs|fri)day)|"
             r"instead\s+of\s+(?:at\s+)?" + _TIME + r"))?")
# "cameras optional for the weekly": where the state holds
_WHERE = (r"(?P<where>\s+(?:for|in|at|during)\s+(?:the\s+|our\s+|all\s+)?[a-z][\w'’-]*"
          r"(?:\s+[a-z][\w'’-]*)?)?")
_THING_STATE = re.compile(rf"^{_THING}\s*[:,–—-]?\s+{_STATE}{_WHERE}{_FROM_NOW}\s*[?.!]*$", re.I)
# Words a note's thing does not start with: "deploy on", "turn off", "we async".
_NOT_THINGS = frozenset(("i", "we", "you", "they", "he", "she", "it", "this", "that", "there",
                         "let's", "lets", "be", "stay", "go", "keep", "log", "sign", "turn",
                         "switch", "come", "get", "start", "move", "meet", "call", "show",
                         "work", "stand", "back", "check", "set", "put",
                         # "maybe cameras optional": a hedge, no part of the thing
                         "maybe", "perhaps", "possibly", "ideally", "just"))

_RATHER_NOT = re.compile(r"^(?:(?:i|we)(?:['’]d|\s+would)\s+)?rather\s+not\s+(?P<verb>[a-z]+)\s+"
                         r"(?P<rest>[^?;]+?)\s*[.!]*$", re.I)
_HOPE_GETS = re.compile(r"^(?:i\s+(?:really\s+)?hope|(?:i['’]?m\s+)?hoping)\s+(?:that\s+)?"
                        rf"{_THING}\s+(?:gets|get)\s+(?P<done>[a-z]+ed|done|sorted|seen)"
                        r"(?P<rest>[^?;]*?)\s*[.!]*$", re.I)
# A rule of when: "no one deploys on Fridays"; not "nobody reads the status email", how
# things are.
# An action item's owner and act: "Dana to update the runbook", "Sam Lee to own triage",
# "Dana will own the release checklist", "Sam is going to run the retro".
_OWNER_TO = re.compile(r"^(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)(?:\s+(?:to|will|could|can)"
                       r"|['’]ll|(?:\s+is|['’]s)\s+going\s+to)\s+(?P<verb>[a-z]+)"
                       r"(?P<rest>\s+[^?;]*?)\s*[.!]*$")
_NOT_OWNERS = frozenset(("we", "i", "you", "they", "everyone", "everybody", "someone",
                         "nobody", "team", "need", "needs", "time", "plan", "how", "what",
                         "try", "want", "going", "ok", "okay", "remember", "reminder",
                         "note", "todo", "action", "next", "back", "up", "down", "due",
                         # "Happy to run the retro": one's own offer, said first in a line
                         "happy", "glad", "keen", "willing", "eager", "ready", "able", "free",
                         "open", "nice", "good", "great", "important", "worth", "easy"))
# "maybe Sam runs the retro", "what if Sam runs …", "how about Sam running …": someone's
# turn, proposed (unhedged, "Sam runs the retro" may be how it is); not a thing after a
# name ("maybe Zoom calls for the demo")
_THEIR_TURN = re.compile(r"^(?:(?P<lead>(?i:what\s+if|how\s+about))\s+)?(?P<who>[A-Z][\w'’-]+)\s+"
                         r"(?P<verb>[a-z]+(?:s|ing))\s+(?P<rest>(?!(?:for|with|in|on|at|to|of|"
                         r"from|instead|and|or|is|are|was|were)\b)[^?;]+?)\s*[.!?]*$")
_NO_ONE = re.compile(r"^(?:no\s+one|nobody|noone)\s+(?P<verb>[a-z]+s)\s+(?P<rest>[^?;]*?"
                     r"(?<!\w)(?:(?:on|at)\s+(?:\w+days|weekends?|the\s+weekend)|(?:after|before)\s+"
                     r"(?:\d|noon|lunch|hours|midnight)|during|outside)[^?;]*?)\s*[.!]*$", re.I)
_IRREGULAR = {"does": "did", "has": "had", "goes": "went", "gets": "got", "takes": "took",
              "runs": "ran", "sends": "sent", "makes": "made", "holds": "held", "leads": "led"}
# "Standups. Too long.", "standups: too long", "standups too long": the verdict turned into
# the change it asks.
_TOO = re.compile(rf"^{_THING}(?:\s*(?:[.:]|\s[-–—])\s*|(?P<bare>\s+))"
                  r"(?:(?:way|much|far|a\s+bit|kinda|really)\s+)?"
                  r"too\s+(?P<adj>long|short|slow|big|large|late|early|frequent)\s*[.!]*$",
                  re.I)
# "standups are too long", "standups r too long": the same verdict, said as a sentence.
_IS_TOO = re.compile(rf"^{_THING}\s+(?:is|are|r|['’]re)\s+(?:(?:way|much|far|a\s+bit|kinda|really|"
                     r"just)\s+)?too\s+(?P<adj>long|short|slow|big|large|late|early|frequent)"
                     r"\s*[.!]*$", re.I)
# "is the status report still needed?", "the status report - still needed?": a stop asked,
# as "do we still need …?" says it.
_STILL_NEEDED = re.compile(rf"^(?P<asked>(?:is|are)\s+)?{_THING}(?(asked)\s+|\s*[,:–—-]\s*"
                           r"(?:is\s+it\s+|are\s+they\s+)?)still\s+(?:needed|necessary)"
                           r"\s*\?+$", re.I)
# "all PRs need two approvals": a rule for each of them.
_ALL_DO = re.compile(r"^all\s+(?P<who>(?:the\s+|our\s+)?(?:new\s+|open\s+)?[a-z][\w'’-]*s)\s+"
                     r"(?P<verb>[a-z]+)\s+"
                     r"(?P<rest>[^?;]+?)\s*[.!]*$", re.I)
_RULE_FROM = re.compile(r"(?P<when>going\s+forward|moving\s+forward|from\s+now\s+on|from\s+"
                        r"(?:next\s+)?(?:week|sprint|month|monday|tomorrow))\s*,?\s+(?=\w)",
                        re.I)
# "standup cancelled today", "Friday demo is off this week": one day's news, none then.
_OFF_FOR_NOW = re.compile(rf"^{_THING}(?:\s+(?:is|are)|['’]s|['’]re)?\s+(?:cancell?ed|off|skipped"
                          r"|called\s+off)\s+(?P<when>today|tonight|tomorrow|this\s+(?:week|"
                          r"sprint|\w+day)|next\s+(?:week|\w+day)|on\s+\w+day)\s*[.!]*$", re.I)
# What a rule says each one needs: "all PRs need two approvals", "… require a ticket".
_RULE_VERBS = frozenset(("need", "require", "get", "have", "go"))
# "every PR needs a ticket", "PRs need two approvals": the same rule, said of each or of all.
_EACH_NEEDS = re.compile(r"^(?P<each>every|each)\s+(?P<who>[a-z][\w'’-]*)\s+(?P<verb>needs|requires"
                         r"|gets|has|goes)\s+(?P<rest>(?!to\b)[^?;]+?)\s*[.!]*$", re.I)
_THEY_NEED = re.compile(r"^(?P<who>[a-z][\w'’-]*[a-z]s)\s+(?P<verb>need|require)\s+"
                        r"(?P<rest>(?!to\b)[^?;]+?)\s*[.!]*$", re.I)
_WE_DO = re.compile(r"^we\s+(?P<verb>[a-z]+)\s+(?P<rest>[^?;]+?)\s*[.!]*$", re.I)
_RULE_PAST = {"needs": "needed", "requires": "required", "gets": "got", "has": "had",
              "goes": "went", "need": "needed", "require": "required"}
# A switch, to stop, is the other way: "cameras on" stopped is "cameras off". Other states
# typed as a stop are the state wished ("cameras optional"), as by example.
_SWITCHED = {"on": "off", "off": "on"}
_BETTER = {"long": "shorter", "short": "longer", "slow": "faster", "big": "smaller",
           "large": "smaller", "late": "earlier", "early": "later",
           "frequent": "less frequent"}


# Words that make the "thing" a clause or a phrase: "standups are now", "meetings before".
_NOT_IN_A_THING = frozenset(("is", "are", "was", "were", "be", "been", "now", "no", "not",
                             "before", "after", "in", "on", "at", "for", "with", "to", "from",
                             "by", "of", "during", "and", "or", "we're", "i'm", "it's",
                             "doing", "having", "making", "all", "every",
                             # "could we demo every other Friday": a question, not a thing
                             "we", "i", "you", "they", "could", "can", "should", "would",
                             "shall", "will", "must", "might", "may", "let's", "lets", "i'd",
                             "i’d", "we'd", "we’d", "i'll", "we'll", "i’ll", "we’ll"))


# Things of how a team works that end like a verb: "the Monday status meeting".
_ING_THINGS = frozenset(("meeting", "meetings", "planning", "briefing", "briefings",
                         "grooming", "onboarding", "pairing"))


def _a_thing(thing: str, *, said_of: bool = False) -> bool:
    """Whether `thing` names a thing; `said_of`: "is"/"are" follow it, so its last word is
    no verb ("standup updates are too long")."""
    if re.search(r"[^a-z0-9'’\s-]", re.sub(r"\b1:1s?\b", "1on1", thing), re.I):
        return False  # "bugün 3": not English, nor a thing a note says so of ("1:1s" is)
    words = thing.lower().split()
    if any((w.endswith(("ed", "ing")) and w not in _ING_THINGS)
           or w in ("again", "still", "false", "true") for w in words):
        return False  # "exported again, longer", "Reflecting on"
    if any(word in _NOT_IN_A_THING for word in words) or (
            len(words) > 1 and words[-1].endswith("s") and words[-1][:-1] in _VERBS
            and not said_of and words[-1] not in common_words()):
        return False  # "standup starts at 10": a verb, said by another reading
    return bool(words) and words[0] not in _NOT_THINGS and words[-1] not in _NOT_THINGS \
        and (words[0] not in _VERBS or words[0] in ("standup", "standups", "demo", "demos",
                                                     "review", "reviews", "sync", "retro"))


def _ends_in_a_verb(words: str) -> bool:
    """"meetings run", "the build takes", "standups are": more than a thing's name."""
    said = words.lower().split()
    last = said[-1]
    return len(said) > 1 and last not in common_words() and (
        last in _VERBS or last in _LINKING or (last.endswith("s") and last[:-1] in _VERBS))


_LINKING = frozenset(("is", "are", "r", "was", "were", "seem", "seems", "feel", "feels",
                      "look", "looks", "get", "gets", "got", "has", "have"))


# Said without an article by teams ("standup is at 10"); another singular thing takes "the".
_BARE_NAMES = frozenset(("standup", "stand-up", "retro", "planning", "triage", "grooming",
                         "refinement", "lunch", "on-call"))


def _plural(thing: str) -> bool:
    last = thing.split()[-1].lower()
    return last.endswith("s") and not last.endswith("ss")


# Words that already say which one: "our demo", "a retro", "my 1:1".
_SAID_WHOSE = frozenset(("the", "our", "a", "an", "my", "your", "their", "his", "her", "this",
                         "that", "each", "every", "one"))


def _named(thing: str) -> str:
    """"Friday demo" → "the Friday demo"; "standups", "standup", "our demo", "a retro" as
    typed."""
    words = thing.split()
    if (words[0].lower() in _SAID_WHOSE or _plural(thing)
            or (len(words) == 1 and words[0].lower() in _BARE_NAMES)):
        return thing
    return f"the {thing}"


def _past(verb: str) -> str | None:
    low = verb.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    base = low[:-2] if low.endswith(("ches", "shes", "sses", "xes")) else low[:-1]
    return past_tense(base) if base in _VERBS else None


def _their_turn(said: str, person: str | None, hedged: bool) -> str | None:
    """"maybe Sam runs the retro" → "what if Sam ran the retro"; None for other text, and
    for what is said to Sam (theirs to do, read as such after)."""
    match = _THEIR_TURN.match(said)
    if match is None or not (hedged or match["lead"]) or names_person(match["who"], person) \
            or match["who"].lower() in _NOT_OWNERS | CALENDAR_NAMES | _VERBS \
            or re.search(r"\b(?:and|but|while|then)\s+[A-Z]", match["rest"]) \
            or match["rest"].split()[0].lower() in _VERBS:
        # "… and Dana takes notes": one past, one present; "maybe Slack pings go to a
        # channel": a thing's verb after it, no one's turn
        return None
    verb = match["verb"]
    if verb.endswith("ing"):  # "how about Sam running the retro"
        act = gerund_as_act(f"{verb} {match['rest']}")
        first = act.split(" ", 1)[0]
        past = past_tense(first) if act != f"{verb} {match['rest']}" else None
    else:
        past = _past(verb)
    return f"what if {match['who']} {past} {match['rest']}" if past else None


# "10am standup?": the time first
_TIME_FIRST = re.compile(r"^(?:at\s+)?(?P<time>\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm))\s+"
                         rf"{_THING}(?:,?\s+(?:instead\s+of|rather\s+than|not)\s+(?:at\s+)?"
                         r"(?P<instead>\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?))?\s*[?.!]*$", re.I)
# "earlier standup?", "Later standup please", "a shorter retro": a meeting said as it
# would be (a plural, "shorter retros", is had)
_AS_IT_WOULD_BE = re.compile(r"^(?:an?\s+)?(?P<how>earlier|later|shorter|longer)\s+"
                             r"(?P<thing>(?:[a-z][\w'’-]*\s+)?[a-z][\w'’-]*)\s*[?.!]*$", re.I)
# "retro every other week?": how often a meeting is held, asked (said, it is tried)
_HOW_OFTEN = re.compile(rf"^{_THING}\s+(?P<often>every\s+(?:other|second|two|three|2|3|4)\s+"
                        r"(?:weeks?|days?|sprints?|months?))\s*\?+$", re.I)
# "retro every two weeks instead of weekly", "standup twice a week", "retro on Thursdays":
# a meeting's rhythm, said (a plural, "retros every two weeks", is read as a thing to try)
_OFTEN = (r"(?:every\s+(?:other\s+|second\s+|two\s+|three\s+|four\s+|[2-4]\s+)?(?:weeks?|days?"
          rf"|sprints?|months?|fortnight|{WEEKDAY})|(?:once|twice)\s+(?:a|per"
          r"|every)\s+(?:week|sprint|month|day)|(?:bi-?)?weekly|fortnightly|monthly|daily"
          rf"|on\s+{WEEKDAY}s?)")
_HOW_OFTEN_SAID = re.compile(rf"^{_THING}\s+(?P<often>{_OFTEN})(?P<instead>(?:\s+(?:instead\s+of"
                             r"|rather\s+than)|,\s+not)\s+(?:every\s+|each\s+|once\s+a\s+"
                             r"|twice\s+a\s+)?"
                             r"(?:[\w-]+)(?:\s+(?:week|weeks|day|days|sprint|month))?)?\s*[.!?]*$",
                             re.I)
# "standup 15 min max", "retro: 1h tops": how long a meeting may take, noted.
_CAPPED = re.compile(rf"^{_THING}\s*:?\s+(?P<n>\d+\s*(?:min(?:ute)?s?|h|hrs?|hours?))\s+"
                     r"(?P<lim>max|maximum|tops|at\s+most|min|minimum)\s*[.!?]*$", re.I)
# The team's meetings and rotas, held on a rhythm.
_MEETINGS = frozenset(("standup", "stand-up", "retro", "retrospective", "demo", "planning",
                       "sync", "review", "meeting", "1:1", "one-on-one", "one-to-one", "check-in",
                       "kickoff", "kick-off", "all-hands", "grooming", "refinement", "huddle",
                       "showcase", "triage", "rotation", "call"))


def _a_meeting(thing: str) -> bool:
    """"the retro", "standup", "the Friday demo"; not "a retro" (one more, introduced)
    nor a lone "demo" or "sync", which say the act too ("demo once a month")."""
    words = thing.lower().split()
    return words[-1] in _MEETINGS and words[0] not in ("a", "an") \
        and not (len(words) == 1 and words[0] in _VERBS)


# "biweekly retro", "monthly demo": a meeting's rhythm said before it, as a note would
_RHYTHMS = {"biweekly": "every two weeks", "fortnightly": "every two weeks",
            "weekly": "every week", "monthly": "once a month", "daily": "every day",
            "quarterly": "once a quarter"}
_OFTEN_FIRST = re.compile(r"^(?P<often>bi-?weekly|fortnightly|weekly|monthly|daily|quarterly)"
                          r"\s+(?P<thing>(?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s*[.!]*$", re.I)


# "more pairing, less solo work": two amounts, a comma between
_AMOUNTS = re.compile(r"^(?P<a>(?:more|less|fewer)\s+[^,;]+?)\s*[,/]\s*(?P<b>(?:more|less|fewer)\s+"
                      r"[^,;]+?)\s*[.!]*$", re.I)
# "is it ok to skip standup on Fridays?": leave asked for an act
_ALLOWED = re.compile(r"^(?:is\s+it|would\s+it\s+be|it['’]?s)\s+(?:ok|okay|alright|fine|cool)\s+"
                      r"(?:with\s+you\s+)?to\s+(?P<act>[a-z][^?;]+?)\s*\?*$", re.I)
# "it'd be great if the demo were shorter": the hypothesis, wished
_WISHED = re.compile(r"^(?:it['’]?d|it\s+would|would)\s+be\s+(?:great|nice|good|helpful|awesome|"
                     r"cool|useful|ideal|better)\s+if\s+(?P<clause>[^?;]+?)\s*[.!]*$", re.I)


# After why, the ask: "standups run long, people zone out; could we try async standups?"
_ASK_LEAD = re.compile(r"(?:^|(?<=[;.!?])\s+|(?<=[;.!?]))\s*(?:so\s*,?\s+)?"
                       r"(?P<ask>(?:could|can|should)\s+we\b|let['’]?s\b|what\s+if\s+we\b|how\s+about\b|maybe\s+we\b|"
                       r"i\s+(?:propose|suggest)\b|i['’]d\s+(?:like|suggest|propose)\b).*$", re.I)


def the_ask_after_the_why(text: str) -> str:
    """The last sentence of `text` that asks for a change, where sentences before it give
    the reason ("… we often run over; could we try async standups?" → "could we try async
    standups?"); other text as it came."""
    match = _ASK_LEAD.search(text)
    if match is None or match.start() == 0:
        return text
    ask = text[match.start("ask"):].strip()
    # "… and then review in the retro whether it worked": how the trial ends, not the ask
    ask = re.sub(r",?\s+(?:and\s+)?then\s+(?:we\s+)?(?:review|see|decide|check|look|talk)\b.*?"
                 r"(?=\?*$)", "", ask, flags=re.I)
    if points_back(ask, there=True) or len(ask.split()) < 3:
        return text  # "… Could we review them within 24h?": whom "them" means is before
    return ask


def off_for_now(text: str) -> bool:
    """Whether `text` is one day's news of a meeting not held ("standup cancelled today")."""
    match = _OFF_FOR_NOW.match(" ".join(text.split()))
    return match is not None and _a_thing(match["thing"])


def rhythm_first(text: str) -> str:
    """"biweekly retro" → "what if we held the retro every two weeks": a meeting's rhythm
    said before it, as a note would; other text as it came."""
    match = _OFTEN_FIRST.match(" ".join(text.split()))
    if match is None or match["thing"].lower().split()[-1] not in _MEETINGS:
        return text
    often = _RHYTHMS[match["often"].lower().replace("-", "")]
    thing = _named(match["thing"])
    if thing.lower() in ("standup", "stand-up", "retro"):
        thing = f"the {thing}"  # held, "the retro", as below
    return f"what if we held {thing} {often}"


# "async standup", "optional demo": how a meeting would be, said before it, as a note would
_HOW_FIRST = re.compile(r"^(?P<how>async|asynchronous|optional|written|recorded|remote|hybrid"
                        r"|shorter|camera-free)\s+(?P<thing>[a-z][\w-]*)\s*[.!]*$",
                        re.I)


def how_first(text: str) -> str:
    """"async standup" → "what if the standup were async"; other text as it came."""
    match = _HOW_FIRST.match(" ".join(text.split()))
    if match is None or match["thing"].lower() not in _MEETINGS:
        return text
    return f"what if the {match['thing']} were {match['how'].lower()}"


_HEDGED = re.compile(rf"^{HEDGE}\s*,?\s+(?=\S)", re.I)
# "I'd love cameras optional", "we need standup at 10", "I propose retro every two
# weeks": a want before the note of what is wanted
# "(how about) 10 for standup?", "9:30 for the retro", "Thursdays for the demo"
# "would 10 work better for standup?", "does Thursday work for the demo?": the same, asked
_TIME_FOR = re.compile(r"^(?:(?P<asks>would|does|could|can|will|might)\s+)?"
                       rf"(?P<time>\d{{1,2}}(?:[:.]\d\d)?\s*(?:am|pm)?|noon|midday|{WEEKDAY}s?)"
                       r"\s+(?(asks)works?\s+(?:better\s+)?|)for\s+"
                       r"(?P<thing>(?:the\s+|our\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)"
                       r"\s*\?*$", re.I)
# Who a time may be for, not what is held then: "10 for everyone?"
_PEOPLE = frozenset(("everyone", "everybody", "all", "all of us", "us", "you", "me", "them",
                     "folks", "people", "team", "the team", "our team", "the group"))
_WANTED = tuple(sorted((*_WANTS, "i propose", "i'd propose", "i suggest", "i'd suggest",
                        # "I'd prefer standup at 10", "I'd rather have standup at 10"
                        "i'd prefer", "i would prefer", "i prefer", "i'd rather have",
                        "i would rather have"), key=len, reverse=True))


# When a note's state holds or starts, said last: "retro every two weeks for a sprint",
# "standup 15 min max from next week" (read without it, then said after).
_CLOSING_WHEN = re.compile(rf"\s+{CLOSING_WHEN}(?=\s*[.!?]*$)", re.I)


def fragment_said(text: str, person: str | None = None, *, stop: bool = False) -> str:
    """`text` as "what if …" where it is a note's fragment of a change; else as it came.
    A closing "for a sprint", "from next week" is read after the rest (see
    _fragment_said)."""
    said = _fragment_said(text, person, stop=stop)
    when = _CLOSING_WHEN.search(text) if said == text else None
    if when is None or not when.start():
        return said
    rest = text[:when.start()]
    asked = _fragment_said(rest, person, stop=stop)
    return asked + when[0] if asked.startswith("what if ") and asked != rest else said


def _fragment_said(text: str, person: str | None = None, *, stop: bool = False) -> str:
    """`text` as "what if …" where it is a note's fragment of a change; else as it came
    (and so is a wish of what `person`, the one asked, would do: it is said to them).
    `stop`: the change is one to stop, so a switch noted ("cameras on in every call") is
    turned the other way ("if cameras were off in every call"), and another state noted
    where it holds is what to do away with."""
    said = the_ask_after_the_why(" ".join(text.split()))
    if said != " ".join(text.split()):  # "…; maybe we go round the table": as said alone
        return without_spoken_wrapping(said, "en")
    said = strip_tails(re.sub(r"\s+@\s*(?=\d)", " at ", said))  # "standup @ 10 pls"
    hedged = _HEDGED.match(said) is not None
    said = _HEDGED.sub("", said)  # "maybe cameras optional": the question asks it anyway
    timed = _TIME_FOR.match(said)
    if timed and timed["thing"].lower() not in _PEOPLE \
            and not names_person(timed["thing"], person) \
            and (timed["thing"][0].islower() or _a_meeting(timed["thing"])):  # not "for Dana"
        # "10 for standup": standup at 10
        on = "on" if re.match(WEEKDAY, timed["time"], re.I) else "at"
        return f"what if {timed['thing']} were {on} {timed['time']}"
    lead = how_about_lead(said)
    if lead is not None:  # "how about cameras optional?": the note asked about, or none
        rest = said[len(lead) + 1:].rstrip(" ?")
        turn = _their_turn(rest, person, hedged=True)  # "how about Sam running the retro"
        if turn is not None:
            return turn
        asked = fragment_said(rest, person, stop=stop)
        return asked if asked.startswith("what if ") and asked != rest else text
    wanted = next((want for want in _WANTED if said.lower().startswith(want + " ")), None)
    rest = said[len(wanted) + 1:].rstrip(" ?") if wanted is not None else ""
    # "I'd love cameras optional": the note wanted ("I'd like Deniz to …" is a wish of what
    # Deniz would do, read by wished_of_others)
    if rest and not _OWNER_TO.match(rest):
        asked = fragment_said(rest, person, stop=stop)
        if asked.startswith("what if ") and asked != rest:
            return asked
    match = _ALLOWED.match(said)
    if match:  # "is it ok to skip standup on Fridays?": asked leave for the act
        return f"is it ok if we {match['act']}?"  # as "is it ok if we …?" is read
    match = _OFF_FOR_NOW.match(said)
    if match and _a_thing(match["thing"]):  # "standup cancelled today": none today
        thing = re.sub(r"^(?:the|our)\s+|['’](?:s|re)$", "", match["thing"], flags=re.I)
        return f"no {thing} {' '.join(match['when'].split())}"
    match = _TIME_FIRST.match(said)
    if match and _a_thing(match["thing"]):
        instead = f" instead of {match['instead']}" if match["instead"] else ""
        return f"what if {_named(match['thing'])} were at {match['time']}{instead}"
    match = _AS_IT_WOULD_BE.match(said)
    if match and not stop and _a_meeting(match["thing"]) and not _plural(match["thing"]):
        thing = _named(match["thing"])
        thing = f"the {thing}" if thing.lower() == "retro" else thing  # as "the retro" is held
        return f"what if {thing} were {match['how'].lower()}"
    match = _HOW_OFTEN.match(said) or _HOW_OFTEN_SAID.match(said)
    if match and _a_thing(match["thing"]) and (match.re is _HOW_OFTEN or _a_meeting(
            match["thing"])):
        often = " ".join(f"{match['often']}{match.groupdict().get('instead') or ''}".split())
        rotated = re.match(r"(?:(?:the|our)\s+)?(?P<what>.+?)\s+rotation$", match["thing"], re.I)
        if rotated:  # "on-call rotation every two weeks": rotated so
            return f"what if we rotated {rotated['what']} {often}"
        thing = _named(match["thing"])
        if thing.lower() in ("standup", "stand-up", "retro"):
            thing = f"the {thing}"  # held, "the retro"; but "planning", "triage" as said
        # to stop: "standup on Fridays" is a rhythm to end ("… instead of weekly" says
        # the new one)
        held = "no longer held" if stop and not match.groupdict().get("instead") else "held"
        return f"what if we {held} {thing} {often}"
    match = _AMOUNTS.match(said)
    if match:
        return f"{match['a']} and {match['b']}"
    match = _WISHED.match(said)
    if match and not re.search(r"(?<!\w)(?:could|would|can|should|might)(?!\w)", match["clause"],
                               re.I):  # "… if we could get …": no hypothesis to say
        first = match["clause"].split()[0].lower()
        if not person or first != person.split()[0].lower():
            return f"what if {match['clause']}"
    match = _RATHER_NOT.match(said)
    if match and match["verb"].lower() in _VERBS | {"have", "do"}:
        return f"what if we didn't {match['verb'].lower()} {match['rest']}"
    match = _HOPE_GETS.match(said)
    if match and _a_thing(match["thing"]):
        return f"what if {match['thing']} got {match['done']}{match['rest']}"
    match = _OWNER_TO.match(said)
    if match and _past(match["verb"] + "s") \
            and match["who"].split()[0].lower() not in _NOT_OWNERS | _VERBS \
            and not names_person(match["who"], person):  # said to them, it is theirs
        # "Dana to update the runbook", an action item's owner: "what if Dana updated …"
        return f"what if {match['who']} {_past(match['verb'] + 's')}{match['rest']}"
    turn = _their_turn(said, person, hedged)
    if turn is not None:
        return turn
    match = _NO_ONE.match(said)
    if match:
        past = _past(match["verb"])
        if past:
            return f"what if no one {past} {match['rest']}"
    # "going forward, all PRs need two approvals": the rule, from when it is said to start
    when = _RULE_FROM.match(said)
    ruled = said[when.end():] if when else said
    typed = " ".join(when["when"].split()) if when else ""
    since = "" if not typed or typed.lower().endswith("forward") \
        else " " + typed[0].lower() + typed[1:]  # "From Monday": "… from Monday"
    match = _ALL_DO.match(ruled)
    if match and (match["verb"].lower() in _RULE_VERBS or (
            match["verb"].lower() in _VERBS and match["verb"].lower() not in _NOT_THINGS)):
        return (f"what if all {match['who']} {past_tense(match['verb'].lower())} "
                f"{match['rest']}{since}")
    # ("from Monday, we do …" is read as a dated plan, "to do … from Monday")
    we_do = _WE_DO.match(ruled) if typed.lower().endswith("forward") else None
    if we_do and we_do["verb"].lower() in _VERBS and we_do["verb"].lower() not in _NOT_THINGS:
        # "going forward, we review every PR within a day": the plan, not how it is now
        return f"{we_do['verb']} {we_do['rest']}"
    match = _EACH_NEEDS.match(ruled) or _THEY_NEED.match(ruled)
    if match and match["who"].lower() not in _NOT_THINGS | {"we", "they", "people", "i"} \
            and not match["rest"].split()[0].lower().endswith("ing"):  # "tests need fixing"
        each = f"{match['each'].lower()} " if "each" in match.groupdict() else ""
        return (f"what if {each}{match['who']} {_RULE_PAST[match['verb'].lower()]} "
                f"{match['rest']}{since}")
    match = _CAPPED.match(said)
    if match and _a_thing(match["thing"]):  # "standup 15 min max": at most 15 min
        most = "at least" if match["lim"].lower().startswith("min") else "at most"
        return f"what if {_named(match['thing'])} were {most} {match['n']}"
    match = _STILL_NEEDED.match(said)
    if match and _a_thing(match["thing"]):
        return f"do we still need {_named(match['thing'])}?"
    match = _IS_TOO.match(said) or _TOO.match(said)
    if match and match.re is _TOO and match["bare"] and _ends_in_a_verb(match["thing"]):
        match = None  # "meetings run too long": a sentence, not a note of a thing
    whose = re.match(r"(?P<name>[A-Z][\w'’-]*)['’]s\s", match["thing"]) if match else None
    if match and _a_thing(match["thing"], said_of=match.re is _IS_TOO) \
            and (whose is None or names_person(whose["name"], person)):
        # ("Priya's updates are too long", said to Tom: hers to hear, not Tom's to answer)
        return f"what if {_named(match['thing'])} were {_BETTER[match['adj'].lower()]}"
    # "cameras-optional for the weekly": the state joined on, not "camera-optional calls"
    said = re.sub(r"^((?:the\s+|our\s+)?[a-z]+s)-(optional|mandatory|async|remote|on|off)"
                  r"(?=\s+(?:for|in|at|during)\b|\s*[.!?]*$)", r"\1 \2", said, flags=re.I)
    match = _THING_STATE.match(said)
    switched = stop and match is not None and match["state"].lower() in _SWITCHED
    if match and stop and match["where"] and not switched:
        match = None  # "standups async in every team", to stop: what to do away with
    if match and _a_thing(match["thing"]) and (
            match["state"].lower() not in ("on", "off") or _plural(match["thing"])):
        # "cameras on", to stop, is "if cameras were off"
        state = _SWITCHED[match["state"].lower()] if switched else match["state"]
        if state[:1].isdigit():
            state = f"at {state}"  # "standup 10am": at 10am
        return f"what if {_named(match['thing'])} were {state}{match['where'] or ''}" \
            f"{match['tail'] or ''}"
    return text
