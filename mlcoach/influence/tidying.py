"""The change as typed, tidied before it is read: what wraps a proposal in chat or speech
but is not the change itself.

"MOVE THE STANDUP TO 10AM", "starting next week, no more status emails", "move the
standup to 10am, what do you think?", "stop the weekly report because nobody reads it",
"We keep running over. Let's cap the retro at 45 minutes.", "standup'ı 10'a alabilir
miyiz?": each is one proposal inside words about it (shouting, a date, a tag question, a
reason, a complaint, a question form). Left in, they were quoted back whole or read the
wrong way round (a stop of "no more …"). Only the wrapping is changed; a text this does
not recognise is returned as it came.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mlcoach.domain.enums import ChangeKind
from mlcoach.influence.act_or_thing import _is_gerund, _verb_shape, verb_of_participle
from mlcoach.influence.amounts import amount_wanted
from mlcoach.influence.announced_changes import announced
from mlcoach.influence.arrows import arrow_said, compared_said
from mlcoach.influence.bare_phrases import bare_said
from mlcoach.influence.brought_back import brought_back
from mlcoach.influence.conditionals import (
    condition_as_hypothesis,
    turkish_condition,
    without_consent,
)
from mlcoach.influence.dated_changes import (
    dated_decision,
    dated_note,
    only_when,
    time_after,
    we_from_then,
)
from mlcoach.influence.english_words import (
    _ING_NOUNS,
    _LABELS,
    _REMOVAL_VERBS,
    _STOP_VERBS,
    _VERBS,
    PLEASE,
    WEEKDAY,
    _is_plural,
    plain_word,
    points_back,
    without_spoken_label,
)
from mlcoach.influence.fragments import fragment_said, off_for_now
from mlcoach.influence.learner_english import stopping_said
from mlcoach.influence.phrasing import (
    ALWAYS_CAPITAL,
    Shape,
    asks_nothing,
    read_change,
    says_stop,
    strip_tails,
)
from mlcoach.influence.retro_labels import has_turkish_column
from mlcoach.influence.spoken_wrapping import without_spoken_wrapping
from mlcoach.influence.stated_states import state_as_hypothesis
from mlcoach.influence.stated_stops import BARE_PLURAL, stop_said
from mlcoach.influence.turkish_proposals import as_proposal
from mlcoach.influence.turkish_reading import turkish_form
from mlcoach.influence.typos import mended_typos
from mlcoach.influence.verb_forms import past_tense
from mlcoach.influence.wished_of_others import wished_of_others
from mlcoach.influence.work_nouns import common_words


def tidy_change(text: str, language: str, person: str | None = None,
                action: ChangeKind = ChangeKind.DIFFERENTLY) -> str:
    """`text` (one line, marks already gone) with its wrapping taken off; `person` is
    whom the question is for ("Dana, could you …" is said to them); `action`, the kind of
    change chosen (a state noted, "cameras on", is what to stop, not "if cameras were on")."""
    text = _inner_quotes(calm_capitals(mended_typos(text), language), language)
    text = _without_letter_wrapping(_plain_chat(text, language), language)
    if language == "en":  # "so many meetings", before "so" is taken for a filler
        text = _read_or_kept(text, amount_wanted)
    text = _unbracketed(without_spoken_wrapping(text, language), language)
    if person:
        text = _without_their_name(text, person)
    text = _without_tag_question(text, language)
    if language == "en":
        # "pls demo every other Friday": the courtesy is no part of what is held
        text = _COURTESY_FIRST.sub("", text, count=1)
        text = _NOT_THAT_TIME.sub(r"\g<new> instead of \g<old>", text)  # "… at 10, not 9"
        text = _read_or_kept(_read_or_kept(text, _second_act_joined), _instead_said_after)
        text = _without_purpose(_referent_restored(arrow_said(stopping_said(
            compared_said(_why_first_off(_read_or_kept(text, brought_back)))))))
        text = _read_or_kept(_read_or_kept(text, amount_wanted),
                             lambda said: wished_of_others(said, person))
        text = _read_or_kept(text, bare_said)  # "blockers first", "design review"
        text = stop_said(condition_as_hypothesis(state_as_hypothesis(
            announced(fragment_said(text, person, stop=action is ChangeKind.STOP)), person)))
    text = _one_proposal(text, language)
    text = without_reason(text, language)
    if language == "en":
        said = _active(_no_need(text))
        timed = time_after(said)
        if timed != said:  # "next week: standup at 10" is "standup at 10 next week" now
            timed = fragment_said(timed, person, stop=action is ChangeKind.STOP)
        return strip_tails(timed)
    return as_proposal(turkish_condition(text))


# "standup at 10, not 9", "demo on Thursdays not Fridays": the time it is instead of
_NOT_THAT_TIME = re.compile(
    r"(?<=\b(?:at|on|to)\s)(?P<new>[^,;.!?]{1,20}?),?\s+(?:and\s+)?not\s+(?:at\s+|on\s+)?"
    rf"(?P<old>\d{{1,2}}(?:[:.]\d\d)?\s*(?:am|pm)?|{WEEKDAY}s?|mornings?|afternoons?)"
    r"(?=\s*[.!?]*$)", re.I)
_COURTESY_FIRST = re.compile(rf"^(?:{'|'.join(PLEASE)}|kindly)\s*,?\s+(?=\w)", re.I)


def unwrapped(text: str, language: str) -> str:
    """`text` without the wrapping a proposal comes in ("Hi team, …", "… Thanks, Ana",
    "Quick idea: …", "… - thoughts?", "…, wdyt?"), taken off before the steps that read a
    plan from its first or last words (composer._one_change), as tidy_change and the
    reading take it off again."""
    text = _without_letter_wrapping(text, language)
    if language == "en":  # "Quick idea: …", "heads up we're moving standup", "so we
        # can ship faster, let's pair" (read later, "so" was taken for a filler)
        text = _purpose_first_off(without_spoken_label(_LABEL_FIRST.sub("", text, count=1)))
    return _without_tag_question(text, language)


def proposed_en(text: str) -> bool:
    """Whether an English change's wrapping says it is proposed, not decided: a label
    ("Proposal: standups are async from Monday"), a tag question ("… - thoughts?") or a
    condition of consent ("… if that works for you")."""
    said = without_chat_lead(_without_letter_wrapping(" ".join(text.split()), "en"))
    return _PROPOSING.match(said) is not None or _without_tag_question(said, "en") != said \
        or without_consent(said) != said


# The labels that propose: "Proposal:", "Quick idea -", "my suggestion:", "Pitch:".
_PROPOSING = re.compile(r"^(?:(?:an?|one|my|quick|small|random|just\s+an?)\s+)?(?:idea|proposal|"
                        r"suggestion|thought|pitch|question)\s*(?::|\s[-–—])\s*\S", re.I)


# A label before a colon ("Quick idea: …", "Proposal: …"); not a retro's column ("Stop:
# …", "Start: …"), which says the kind of change (retro_column), nor one before what "we"
# do, which it says is proposed, not done (read with it later: "Proposal: we move …").
_LABEL_FIRST = re.compile(r"^(?:" + "|".join(sorted(
    (re.escape(label) for label in _LABELS if label not in ("start", "stop")),
    key=len, reverse=True)) + r")(?:\s*:|\s+[-–—])\s+(?=\S)(?!we\s+(?:all\s+)?(?:"
    + "|".join(sorted(_VERBS)) + r")\b)", re.I)


# An act however led, then after a comma what "we" can do ("skip the Friday sync, we can
# use the channel instead") or another act ("drop the Monday sync, use Slack instead",
# "could we praise in public, critique in private?"): one plan, said with "and".
_SECOND_ACT = re.compile(r"^(?P<first>[^,;]+?),\s+(?:(?:we\s+(?:can|could|will|should)|"
                         r"we['’]ll)\s+(?:just\s+)?(?P<then>[a-z]+)\b(?P<rest>[^,;]*?)"
                         r"|(?:just\s+)?(?P<act>[a-z]+)\b(?P<after>[^,;]*?))\s*(?P<end>[.!?]*)$",
                         re.I)
# "I'll", "I'm going to", "I should": one's own plan led ("I'll praise in public, …")
_MY_LEAD = re.compile(r"^(?:(?:from\s+now\s+on|starting\s+\w+|maybe|i\s+think),?\s+)?i(?:['’]ll|"
                      r"\s+will|['’]m\s+going\s+to|\s+am\s+going\s+to|\s+should|\s+want\s+to|"
                      r"\s+need\s+to|\s+plan\s+to|['’]d\s+like\s+to|\s+would\s+like\s+to)\s+", re.I)
# What is stopped, so that the act after it is what replaces it: "quit using email for
# approvals, use Jira".
_REPLACED = _STOP_VERBS | _REMOVAL_VERBS
# After a comma, a note or a clause, no second act: "…, name TBD", "…, work in
# progress", "…, start time matters"
_NO_SECOND_ACT = re.compile(r"^\s*[A-Z]{2,}\W*$|\bin\s+progress\b|(?<!\w)(?:is|are|was|were|"
                            r"matters|helps|works)(?!\w)")


# "instead of status meetings, let's do written updates": what it replaces, said first
_INSTEAD_FIRST = re.compile(r"^(?P<j>instead\s+of|rather\s+than)\s+(?P<b>[^,;]{1,60}?)\s*,\s*"
                            r"(?P<a>\S[^;]*?)\s*(?P<end>[?.!]*)$", re.I)


def _instead_said_after(text: str) -> str:
    """"instead of status meetings, let's do written updates" → "let's do written updates
    instead of status meetings": the plan first, where its lead ("let's", "how about")
    is read; other text as it came."""
    match = _INSTEAD_FIRST.match(text.strip())
    if match is None:
        return text
    return f"{match['a']} instead of {match['b']}{match['end']}"  # as _split says it


def _second_act_joined(text: str) -> str:
    """"skip the Friday sync, we can use the channel instead" → "skip the Friday sync and
    use the channel instead"; other text as it came."""
    match = _SECOND_ACT.match(text.strip())
    if match is None:
        return text
    verb, rest = (match["then"], match["rest"]) if match["then"] else (match["act"],
                                                                        match["after"])
    if verb.lower() not in _VERBS or re.search(r"\sand\s", rest) \
            or re.match(r"let['’]?s\b", f"{verb}{rest}", re.I) \
            or (match["act"] and _NO_SECOND_ACT.search(rest)):
        return text  # "review PRs, write tests and deploy daily": a list (_listed_acts)
    first = read_change(_MY_LEAD.sub("", match["first"], count=1), ChangeKind.DIFFERENTLY,
                        "en").verb_phrase
    first_verb = first.split()[0].lower() if first else ""
    if first_verb not in _VERBS or (
            match["act"] and first_verb not in _REPLACED
            and not re.search(r"\binstead$", rest, re.I)
            and not _verb_shape(f"{verb}{rest}".split(), verb.lower(), False)):
        return text
    return f"{match['first']} and {verb}{rest}{match['end']}"


def _read_or_kept(text: str, reword: Callable[[str], str]) -> str:
    """`text` reworded, where the words it becomes are read ("what if Sam reviewed …");
    as it came where they would only be quoted ("what if Anyone shared …")."""
    said = reword(text)
    return said if said == text or not read_change(said, ChangeKind.DIFFERENTLY, "en").quoted \
        else text


# A start/stop/continue retro's column before the change: "Stop: pinging people after 6pm".
_RETRO = re.compile(r"^(?P<col>stop|start|keep|continue|more|less)(?:\s+(?:doing|of))?\s*"
                    r"(?::|\s[-–—])\s*(?P<rest>\S.*)$", re.I)


def column_after_greeting(text: str) -> str:
    """"Hi team, Stop: long status updates" → "Stop: long status updates": a retro column
    after a greeting is read as one said first; other text is returned as it came."""
    rest = _GREETING.sub("", text, count=1)
    if rest != text and (_RETRO.match(rest) or has_turkish_column(rest)):
        return rest
    return text


def retro_column(text: str, action: ChangeKind) -> str:
    """"Stop: pinging people after 6pm" → "stop pinging people after 6pm": the column is
    the act (dropped as a label, it asked to try what was to stop); but where a start or a
    stop is the kind of change chosen, that says it, and the label only goes ("stop: the
    friday status mail", to stop: "if we did away with the friday status mail")."""
    match = _RETRO.match(text)
    if match is None:
        return text
    column, rest = match["col"].lower(), match["rest"]
    if action is not ChangeKind.DIFFERENTLY and column in ("start", "stop"):
        return rest
    if action is ChangeKind.STOP and column in ("keep", "continue"):
        return rest  # chosen as a stop, "Keep: weekly demo" is not "no longer keep …"
    if column in ("more", "less"):
        return f"{column} {rest}"
    if says_stop(rest, "en"):
        return rest  # "Stop: no more late deploys"
    shape = read_change(rest, ChangeKind.DIFFERENTLY, "en").shape
    if shape in (Shape.VERB, Shape.VERB_NOT, Shape.VERB_NO_LONGER):
        return ("no longer " + rest) if column == "stop" else rest  # "Start: use the wiki"
    if (column == "stop" and read_change(f"stop {rest}", ChangeKind.DIFFERENTLY, "en").shape \
            in (Shape.TRY_NOUN, Shape.TRY_GERUND)) or (column == "stop" and \
            read_change(f"stop {rest}", ChangeKind.DIFFERENTLY, "en").quoted):
        return f"no more {rest}"  # "Stop: long status updates in standup"
    return f"{'keep' if column == 'continue' else column} {rest}"


def _inner_quotes(text: str, language: str) -> str:
    """Turkish wording always quotes the change in «…»: the user's own «tamam» inside it
    becomes “tamam”. (English reshapes most changes, so its quotes are left as typed.)"""
    if language == "tr":
        return text.replace("«", "“").replace("»", "”")
    return text


# Who a request is said to: "Dana, could you …", "Dana, please …" ("Team, …" is no name).
_ADDRESSED = re.compile(r"^(?P<name>[A-ZÇĞİÖŞÜ][a-zçğıöşü]+)(?:\s*[,:]|\s+[-–—])?\s*(?:(?:could|can"
                        r"|would|will)\s+you|please|pls)\b", re.I)
_ADDRESSED_TR = re.compile(r"^(?P<name>[A-ZÇĞİÖŞÜ][a-zçğıöşü]+)\s*,\s*(?:\S.*)?\b"
                           r"(?:m[ıi]s[ıi]n[ıi]z|ebilir\s+misiniz|abilir\s+misiniz"
                           r"|r\s+m[ıi]s[ıi]n[ıi]z|l[üu]tfen)\b")
_NOT_NAMES = frozenset(("team", "folks", "everyone", "everybody", "all", "guys", "hi", "hey",
                        "hello", "ok", "okay", "so", "also", "and", "but", "yes", "no", "well",
                        "arkadaşlar", "ekip", "selam", "merhaba", "tamam", "evet", "hayır",
                        "hocam", "millet"))


# "I wish people would write better commit messages": asked of the one colleague ("to
# write better commit messages?") it read as blame; it is a wish for everyone, the user too.
_WISHED_OF_ALL = re.compile(r"^(?:i\s+(?:really\s+)?wish|if\s+only)\s+(?P<who>people|everyone"
                            r"|everybody|folks|the\s+team|we)\s+would\s+(?P<verb>[a-z]+)"
                            r"(?P<rest>(?:\s+[^?;]+?)?)\s*[.!]*$", re.I)
_THEIR = re.compile(r"(?<![\w'’])their(?![\w'’])", re.I)
# "the team needs to write tests", "everyone should update their tickets", "the team could
# try async standups": the same wish, said as what all ought (or might) do (quoted whole,
# it was "if we tried this: “the team …”")
_OUGHT_OF_ALL = re.compile(r"^(?:(?:maybe|perhaps|ideally|i\s+think|i\s+guess)\s*,?\s+)?"
                           r"(?P<who>(?:the\s+(?:whole\s+)?|our\s+)team|everyone|everybody"
                           r"|we\s+all|(?:all|each|every\s+one)\s+of\s+us)\s+"
                           r"(?:needs?\s+to|should|could|has\s+to|must|ought\s+to"
                           r"|might\s+want\s+to)\s+"
                           r"(?P<verb>[a-z]+(?:-[a-z]+)?)(?P<rest>(?:\s+[^?;]+?)?)\s*[.!]*$", re.I)


def ought_of_all(text: str) -> str:
    """"the team needs to write tests" → "what if we all wrote tests"; other text as it
    came."""
    ought = _OUGHT_OF_ALL.match(text.strip())
    if ought is None:
        return text
    verb, rest = ought["verb"].lower(), ought["rest"]
    if verb in _HELD:  # "everyone should get a say": what all would have, said of them
        first = rest.split()[0].lower() if rest.split() else ""
        if not first or first in ("to", "been", "not") or (verb == "have" and (
                first.endswith(("ed", "wn")) or first in _PARTICIPLES
                or verb_of_participle(first))):  # "… should have known": a regret
            return text
        who = ought["who"]
        who = "we all" if who.lower().endswith(" us") or who.lower() == "we all" \
            else who[0].lower() + who[1:]
        rest = _THEIR.sub("our", rest) if who == "we all" else rest
        return f"what if {who} {_HELD[verb]}{rest}"
    if verb in _NO_OUGHT:
        return text
    past = past_tense(ought["verb"])
    return f"what if we all {past}{_THEIR.sub('our', rest)}" if past else text


# What all should be, have or get, asked of them as typed: "if everyone got a say" (not
# "to get a say": the user asked it of everyone, not of the person asked)
_HELD = {"be": "were", "have": "had", "get": "got"}
# Participles after "should have" that end in neither -ed nor -wn (a regret, no plan)
_PARTICIPLES = frozenset(("done", "seen", "gone", "taken", "given", "written", "spoken",
                          "told", "said", "heard", "made", "thought", "got", "gotten", "felt",
                          "kept", "left", "met", "brought", "caught", "sent", "built",
                          "forgotten", "chosen", "run", "been"))


_NO_OUGHT = frozenset(("not", "never", "stop", "be", "have", "get", "just", "really",
                       "always", "also"))


def ought_of_all_act(text: str) -> str:
    """"the team needs to write tests" → "write tests": by example, one's own part of what
    all ought to do; other text as it came."""
    ought = _OUGHT_OF_ALL.match(text.strip())
    if ought is None or past_tense(ought["verb"]) is None or ought["verb"].lower() in _NO_OUGHT:
        return text
    return f"{ought['verb']}{_THEIR.sub('my', ought['rest'])}"  # "update my tickets"


def wished_of_all(text: str) -> str:
    """"I wish people would reply in threads" → "what if we all replied in threads"; other
    text as it came."""
    match = _WISHED_OF_ALL.match(text.strip())
    if match is None or match["verb"].lower() in ("just", "actually", "please"):
        return text
    if match["verb"].lower() in ("not", "never", "stop"):
        # "I wish people would not ping me after 6": what no one would do; "… would stop
        # pinging me": what they would stop. (Not "we all", which would take in the user.)
        return _wished_not(match["who"], match["verb"].lower(), match["rest"].strip()) or text
    past = "were" if match["verb"].lower() == "be" else past_tense(match["verb"])
    if past is None:
        return text
    who = "we" if match["who"].lower() == "we" else "we all"
    return f"what if {who} {past}{match['rest']}"


def _wished_not(who: str, verb: str, rest: str) -> str | None:
    first, _, after = rest.partition(" ")
    if verb == "stop":
        return f"what if {who} stopped {rest}" if first.lower().endswith("ing") else None
    past = past_tense(first) if first.isalpha() and first.islower() else None
    if past is None or first in ("be", "have", "do", "stop"):
        return None
    if who.lower() == "we":
        return f"what if we didn't {rest}"
    return f"what if no one {past} {after}".rstrip()


# "it was decided that …", "management decided …": told as decided (the question's
# words: settled_questions.py)
_DECIDED_THAT = re.compile(r"^(?:it\s+(?:was|has\s+been|['’]s\s+been)\s+decided|(?:management"
                           r"|leadership|the\s+(?:\w+\s+)?(?:leads|managers|team))\s+(?:has\s+)?"
                           r"decided)\s+(?:that\s+)?(?P<rest>(?!to\b)[a-z][^?;]*?)\s*[.!]*$", re.I)


def decided_that(said: str) -> str | None:
    """What a decision told decided ("it was decided that standup is at 10" → "standup is
    at 10"); None for other text."""
    match = _DECIDED_THAT.match(" ".join(said.split()))
    return match["rest"] if match else None


def settled_en(text: str) -> bool:
    """Whether the English change is already settled, announced or one day's news ("we're
    moving standup to 10", "standup cancelled today"): no trial to offer."""
    said = " ".join(text.split()).rstrip(" .!")
    # (not "… decided that we move the retro": asked as the plan, its wrapping off)
    decided = decided_that(said)
    return (announced(said) != said or off_for_now(said) or (
        decided is not None and not decided.lower().startswith("we ")) \
        or dated_decision(said) is not None  # "going forward, all PRs need two approvals"
        or dated_note(said) is not None)  # "from Monday: standups at 9:30"


def addressed_name(text: str, language: str) -> str | None:
    """The name a request is said to, when it opens with one ("Dana, could you take notes?"
    → "Dana"); None otherwise."""
    match = (_ADDRESSED_TR if language == "tr" else _ADDRESSED).match(text.strip())
    if match is None or not match["name"][0].isupper():
        return None
    name = match["name"]
    return None if name.lower() in _NOT_NAMES or name.lower() in common_words() else name


# "… baksa çok iyi olur", "… gelse fena olmaz": the wish said after "-sa/-se".
_TR_WISHED_AFTER = re.compile(r"(?<=[^\W\d_]s[ae])\s*,?\s+(?:(?:bence|çok|cok|daha)\s+)?(?:(?:iyi|"
                              r"güzel|guzel|harika|süper|super|faydalı|yararlı)\s+olur(?:du)?"
                              r"|fena\s+olmaz(?:d[ıi])?)\s*[.!]*$", re.I)


def _without_their_name(text: str, person: str) -> str:
    """"Dana, could you own the notes?" → "could you own the notes?", "Dana: async updates"
    → "async updates", when the question is for Dana: it is said to them, and their name in
    it would be said to themselves."""
    name = person.split()[0] if person.split() else ""
    if not name:
        return text
    # (not "Max: 3 meetings a day", a limit: a name may be a word too)
    match = re.match(rf"(?:{re.escape(name)}(?:\s*,\s*|(?:\s*[:–—]\s*|\s+-\s+)(?!\d)"
                     r"|\s+(?=(?:(?:could|can|would"
                     r"|will)\s+you|please)\b))|(?:please\s+)?(?:make|have|let)\s+"
                     rf"{re.escape(name)}\s+(?=[a-z]))(?P<rest>\S.*)$", text, re.I)
    if match:
        return match["rest"]  # "Dana, could you…", "make Dana own the notes"
    # Turkish, of them: "Ayşe PR'lara bakmalı", "Ayşe'nin PR'lara bakması lazım" → the act
    match = re.match(rf"{re.escape(name)}(?:['’]n?[iıuü]n)?\s+(?P<rest>\S.*?\w)m(?P<v>[ae])"
                     r"(?:l[ıi]|s[ıi]\s+(?:lazım|gerek|gerekiyor|şart|(?:(?:bence|çok)\s+)?(?:iyi"
                     r"|güzel|faydalı|yararlı)\s+olur(?:du)?|fena\s+olmaz)|s[ıi]n[ıi]\s+(?:çok\s+)?"
                     r"(?:isterim|istiyorum|rica\s+ederim))\s*[.!]?$", text, re.I)
    if match and match["rest"].split()[0].lower() not in ("ile", "için", "gibi", "ve"):
        return match["rest"] + ("mak" if match["v"].lower() == "a" else "mek")
    # "Ayşe standup'ı yönetebilir", "Ayşe retroya gelsin": what she could or is to do;
    # "Ayşe PR'lara baksa çok iyi olur": what she is wished to do
    match = re.match(rf"{re.escape(name)}(?:\s+d[ae])?\s+(?P<rest>\S.*?\w)(?:y?(?P<v>[ae])bilir|"
                     r"s(?P<w>[ıiuü])n|s(?P<x>[ae]))(?:\s+mi(?:\s+acaba)?)?\s*[.!?]?$",
                     _TR_WISHED_AFTER.sub("", text), re.I)
    if match and match["rest"].split()[0].lower() not in ("ile", "için", "gibi", "ve") \
            and len(match["rest"].split()) > 1:
        back = (match["v"] or match["w"] or match["x"] or "").lower() in ("a", "ı", "u")
        return match["rest"] + ("mak" if back else "mek")
    return text


# --- A message's wrapping: greeting, sign-off, markup, chat shorthand ----------------

# "Hello team! …", "Good morning, …", "Merhaba arkadaşlar, …": a greeting, then the change.
_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|howdy|yo|dear|greetings|good\s+(?:morning|afternoon|evening)|"
    r"merhaba|merhabalar|selam|selamlar|slm|mrb|günaydın|iyi\s+günler|iyi\s+çalışmalar)"
    # whom it is said to: "all", "team", "arkadaşlar", a name; not "Good morning standups:"
    r"(?:\s+(?:all|team|everyone|everybody|folks|guys|y'all|there|people|friends|arkadaşlar|"
    r"ekip|herkes|herkese|millet|(?-i:[A-ZÇĞİÖŞÜ][\w'’-]*))){0,3}\s*[!,.:;]+\s+(?=\S)", re.I)
_SIGN_OFF_WORDS = (r"(?:thanks|thank\s+you|many\s+thanks|thx|ty|tia|cheers|best|regards|"
                   r"best\s+regards|kind\s+regards|te[şs]ekk[üu]rler|te[şs]ekk[üu]r\s+ederim|"
                   r"[şs]imdiden\s+te[şs]ekk[üu]rler|tşk|tşkler|sa[ğg]\s?ol(?:un)?|"
                   r"sayg[ıi]lar[ıi]mla|"
                   r"kolay\s+gelsin)")
# "… Thanks, Ana", "… Cheers! – Ana", "…? Thanks Dana": after a sentence (or a line, made
# one), with the writer's name or none. Without a sentence's end before it, only a
# capitalised thanks that a mark ends ("…10 Thanks! Ana"): "to Tia", "our Best
# Practices" are the change's own words.
_SIGN_OFF_REST = (r"(?:\s+(?:so\s+much|a\s+lot|in\s+advance|all|team|everyone|herkese))?)"
                  r"\s*[!.,]*\s*(?:[-–—]\s*)?(?:[A-ZÇĞİÖŞÜ][\w'’-]*(?:\s+[A-ZÇĞİÖŞÜ][\w'’-]*)?)?"
                  r"\s*[!.]*$")
_SIGN_OFF = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…,;]\s))\s*(?i:" + _SIGN_OFF_WORDS + _SIGN_OFF_REST
    + r"|\s(?:Thanks|Thank\s+you|Many\s+thanks|Cheers|Teşekkürler)\s*[!.,]+\s*"
    r"(?:[A-ZÇĞİÖŞÜ][\w'’-]*(?:\s+[A-ZÇĞİÖŞÜ][\w'’-]*)?)?\s*[!.]*$")
_TR_SIGN_OFF = re.compile(r"(?:[\s,.!]+(?:te[şs]ekk[üu]rler|[şs]imdiden\s+te[şs]ekk[üu]rler|tşk|"
                          r"tsk|tşkler|tskler|sa[ğg]\s?ol(?:un)?|sayg[ıi]lar[ıi]mla|kolay\s+gelsin)"
                          r"|[,.!]\s*te[şs]ekk[üu]r\s+"
                          r"ederim)\s*[!.]*$", re.I)
# "**move standup to 10**", "__not__", "> quoted", "Re: …": how it was written, not said.
_EMPHASIS = re.compile(r"(?<![^\s(])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w.])")
# Python's own names are not emphasis: "add docstrings to __init__ files".
_DUNDERS = frozenset(("init", "main", "name", "all", "str", "repr", "call", "dict", "file",
                      "version", "len", "eq", "hash", "iter", "enter", "exit", "future", "doc",
                      "slots", "post_init", "getattr", "new", "del"))
_REPLY = re.compile(r"^(?:>+\s*|(?:re|fw|fwd|aw)\s*:\s*)+", re.I)
# An aside in brackets, closing or before more words: "(see JIRA-123)", "(thoughts?)".
_ASIDE = re.compile(r"\s*\((?:(?i:see|cf|ref|cc|fyi|thoughts|ideas|opinions|feedback|wdyt|"
                    r"imo|imho|just\s+an?\s+idea|as\s+discussed|ok|okay|y/n|yes/no|right|agreed"
                    r"|no\s+pressure|no\s+rush|maybe|perhaps"
                    # a condition: "(if budget allows)", "(if possible)", "(when we can)"
                    r"|if|when\s+we\s+can|budget\s+permitting|time\s+permitting"
                    # a reason: "(too risky)", "(nobody reads it)", "(it's too slow)"
                    r"|too|because|since|nobody|no\s+one|it['’]s|it\s+is|they['’]re"
                    r"|(?:sadece\s+)?bir\s+fikir|fikir|öneri|bence|ne\s+dersin(?:iz)?|konuştuğumuz\s+gibi"
                    r")\b[^()]*|"
                    r"(?!UTF|SHA|ISO|RFC)[A-Z]{2,}-\d+)\)(?:\s*[.!?]*$|(?=\s+\w))")


def without_aside(text: str) -> str:
    """`text` without an aside ("… (just an idea)", "… (JIRA-123)", "async standups (just
    an idea) from Monday"), if more is left."""
    said = _ASIDE.sub("", text)
    return said if re.search(r"\w", said) else text


# "+1 to moving standup to 10", "… +1", "… lol": agreement and laughter.
_PLUS_ONE = re.compile(r"^\+1\s+(?:to|for|on)\s+(?=\S)", re.I)
_CHAT_TAIL = re.compile(r"(?:\s*,\s*|\s+)(?:\+1|lol|lmao|haha+|hehe+|idk|imo|imho|tbh|fwiw|wdyt)"
                        r"\s*[.!?]*$", re.I)  # "…, wdyt?": the comma too
# Shorthand said in chat: "imo", "tbh", "btw" in front; "kinda" anywhere; "u", "shd".
_CHAT_LEAD = re.compile(r"^(?:imo|imho|tbh|tbf|ngl|fwiw|btw|iirc|idk|afaik|in\s+my\s+opinion|"
                        r"to\s+be\s+honest|not\s+(?:gonna|going\s+to)\s+lie|to\s+be\s+fair)"
                        r"\s*[,:]?\s+(?=\S)", re.I)
_CHAT_WORDS = {"u": "you", "ur": "your", "shd": "should", "shud": "should", "shld": "should",
               "cld": "could", "wld": "would", "gotta": "need to",
               "wanna": "want to", "gonna": "going to", "oughta": "ought to",
               "kinda": "", "sorta": ""}  # not "hafta": Turkish for "week"
# lower case, between spaces: not "U.S.", "U-turn", "UR findings" (user research)
_CHAT_WORD = re.compile(r"(?<!\S)(" + "|".join(_CHAT_WORDS) + r")(?!\S)")
# "pair w/ juniors", "review PRs w/in 24h", "deploys w/o a review", "thru Friday"
_SHORT_WORDS = {"w/": "with", "w/o": "without", "w/in": "within", "thru": "through"}
_SHORT_WORD = re.compile(r"(?<!\S)(w/o|w/in|w/|thru)(?=\s|$)", re.I)
# "3x a week", "3x/week", "2x weekly syncs": how many times, said in words
_TIMES_SAID = {"1": "once", "2": "twice", "3": "three times", "4": "four times",
               "5": "five times"}
_TIMES_PER = re.compile(r"(?i)(?<!\S)([1-5])\s?x\s*(?:/\s*|a\s+|per\s+|an\s+)"
                        r"(day|week|month|sprint|quarter|year)\b(?:\s+(?P<them>(?!(?:and|or|"
                        r"instead|for|with|in|on|at|by|to)\b)[a-z][\w'’-]*s)\b)?")
_TIMES_LY = re.compile(r"(?i)(?<!\S)([12])\s?x\s+(daily|weekly|monthly)\b")
# "I'm thinking we could …", "thinking maybe we …": the thought leads the plan.
_THINKING = re.compile(r"^(?:(?:i['’]?m|i\s+am|i\s+was|i['’]ve\s+been|i\s+have\s+been|been"
                       r"|was)\s+)?thinking\s*,?\s+(?:that\s+)?(?=(?:we|maybe|perhaps)\b)", re.I)
# The "I" or the "it" chat leaves out of a wish: "wish we had fewer handoffs", "I'd love
# if the team …" → "I wish we had …", "I'd love it if the team …".
_WISH_NO_I = re.compile(r"^(?:really\s+)?wish\s+(?=(?:we|people|everyone|everybody|folks"
                        r"|the\s+team|they)\b)", re.I)
_WISH_IT = re.compile(r"^(i(?:'d|’d|\s+would)\s+(?:really\s+)?(?:love|like|prefer))\s+if\b", re.I)
# Turkish words of opinion in front ("bence", "sence", "acaba"): the question is the app's.
_TR_LEAD = re.compile(r"^(?:(?:bence|sence|sizce|acaba|belki|bir\s+de|ayr[ıi]ca|bana\s+kal[ıi]rsa|"
                      r"l[üu]tfen|pls|plz)\s*,?|"
                      r"bi(?:r)?\s+fikir\s*[,:])\s+(?=\S)", re.I)


# ", like, ", ", um, ": a spoken pause set off by commas ("maybe we could, like, share …").
_SPOKEN_ASIDE = re.compile(r"\s*,\s*(?:like|um+|uh+|erm|you\s+know|i\s+mean)\s*,\s*", re.I)
# "we could like start …": a spoken "like" after a modal ("would like to" is a wish, kept)
_SPOKEN_LIKE = re.compile(r"\b(could|should|can|must|let's|lets|maybe|gotta)\s+like\s+"
                          r"(?!to\b)(?=\w)", re.I)


def _times_said(match: re.Match[str]) -> str:
    """"3x a week" → "three times a week"; "3x/week standups" → "standups three times a
    week" (not "3x a week is enough": "is" is no thing)."""
    times = f"{_TIMES_SAID[match[1]]} a {match[2].lower()}"
    them = match["them"]
    if them is None:
        return times
    if them.lower() in ("is", "was", "has", "does", "this", "its", "his", "us", "yes") \
            or them[:-1].lower() in _VERBS or them[:-2].lower() in _VERBS:
        return f"{times} {them}"
    return f"{them} {times}"


def without_chat_lead(text: str) -> str:
    """`text` without the chat shorthand said in front, however many ("tbh imo we should
    …" → "we should …"), so that what reads a plan from its first words sees them."""
    while (bare := _CHAT_LEAD.sub("", text, count=1)) != text:
        text = bare
    return text


def _plain_chat(text: str, language: str) -> str:
    """Chat shorthand read as speech: "imo we shd move standup to 10" → "we should move
    standup to 10"; "we could kinda…" → "we could…"."""
    if language == "en":
        text = without_chat_lead(_SPOKEN_LIKE.sub(r"\1 ", _SPOKEN_ASIDE.sub(" ", text)))
        text = _CHAT_WORD.sub(lambda m: _CHAT_WORDS[m[1]], text)
        text = _SHORT_WORD.sub(lambda m: _SHORT_WORDS[m[1].lower()], text)
        text = _TIMES_PER.sub(_times_said, text)
        text = _TIMES_LY.sub(lambda m: f"{_TIMES_SAID[m[1]]}-{m[2].lower()}", text)
        text = _WISH_IT.sub(r"\1 it if", _WISH_NO_I.sub("I wish ", text))
        text = _THINKING.sub("", text)
    else:
        text = _TR_TAIL.sub("", _TR_LEAD.sub("", text))
    return " ".join(text.split())


# "…alalım lütfen", "…alalım pls": a please after the proposal, not its words.
_TR_TAIL = re.compile(r"(?<=\w)\s*,?\s+(?:l[üu]tfen|pls|plz|please|bence)\s*[.!]*$", re.I)


def _without_letter_wrapping(text: str, language: str) -> str:
    """A message pasted whole: its greeting, sign-off, markup, closing aside, "+1" and
    "lol" taken off ("Hi all, let's move standup to 10. Thanks, Ana" → "let's move standup
    to 10."). What is left must still say something."""
    before = text
    text = _EMPHASIS.sub(lambda m: m[0] if m[1] == "__" and m[2] in _DUNDERS else m[2],
                         _REPLY.sub("", text))
    text = _PLUS_ONE.sub("", _GREETING.sub("", text))
    for pattern in (_SIGN_OFF, _TR_SIGN_OFF if language == "tr" else _CHAT_TAIL, _ASIDE):
        text = pattern.sub("", text)
    text = text.strip()
    return text if re.search(r"\w", text) else before


# A closing bracket that says what the change is not, or its other choice: "use one board
# for all teams (not three)", "rotate pairs weekly (or monthly)", "… (45 değil)".
_BRACKET_NOT = re.compile(r"\s*\(\s*(?:not|instead\s+of)\s+(?P<b>(?!just\b|only\b|even\b)"
                          r"[^()]+?)\s*\)\s*[.!]*$", re.I)
_BRACKET_OR = re.compile(r"\s*\(\s*(?P<or>or|rather\s+than)\s+(?P<b>[^()]+?)\s*\)\s*[.!]*$",
                         re.I)
_TR_BRACKET_NOT = re.compile(r"\s*\([^()]+?\s+değil\s*\)\s*[.!]*$", re.I)


def _unbracketed(text: str, language: str) -> str:
    """A closing "(not three)" as "instead of three", "(or monthly)" as "or monthly": the
    brackets were only how it was typed, and kept they are quoted back. In Turkish, a
    closing "(45 değil)" is said by the change already."""
    if language != "en":
        return _TR_BRACKET_NOT.sub("", text) or text
    said = _BRACKET_NOT.sub(lambda m: f" instead of {m['b']}", text)
    return _BRACKET_OR.sub(lambda m: f" {m['or'].lower()} {m['b']}", said)


# A meeting note's or a tracker's label before the change: "AI:", "AI (Dana):", "Action item
# -", "Next steps:", "Decision:", "- [ ]", "[Action]", "JIRA-123", "Aksiyon:", "Karar:".
_NOTE_LABEL = re.compile(
    r"^(?:(?:[-*•]\s*)?\[[ xX✓]?\]\s*|\[(?i:action|todo|ai|ap)\]\s*"
    r"|(?!(?:UTF|SHA|ISO|RFC|COVID)-)[A-Z][A-Z0-9]+-\d+\s*[:–—-]?\s+"
    r"|(?i:ai|ap|a/i|action(?:\s+(?:item|point))?s?|next\s+steps?|decision|decided|agreed|"
    r"kendime\s+not|note\s+to\s+self|reminder\s+to\s+self|"
    r"outcomes?|results?|takeaways?|rfc|retro\s+action|follow[- ]up|aksiyon(?:\s+maddesi)?|"
    r"karar|yeni\s+düzen|yeni\s+kural|yapılacak(?:lar)?|"
    r"sonraki\s+adım(?:lar)?)\s*(?:\([^()]*\))?\s*(?::|\s[-–—])\s*)+(?=\S)")


# A line pasted from a chat: "[10:42] Dana: …", "Dana [10:42 AM]: …", "10:42 Dana: …".
_CHAT_PREFIX = re.compile(
    r"^(?:\[\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\]\s*(?:@?[\w.'’-]+(?:\s+[\w.'’-]+)?\s*:\s+)?"
    r"|\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s+@?[A-ZÇĞİÖŞÜ][\w.'’-]*"
    r"(?:\s+[A-ZÇĞİÖŞÜ][\w.'’-]*)?\s*:\s+"
    r"|@?[A-ZÇĞİÖŞÜ][\w.'’-]*(?:\s+[A-ZÇĞİÖŞÜ][\w.'’-]*)?\s+\[\d{1,2}[:.]\d{2}"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?\]\s*:?\s+)(?=\S)")


def without_note_label(text: str) -> str:
    """The change without the label a meeting note or a ticket puts in front ("AI (Dana):
    update the runbook" → "update the runbook"); "Decision: we deploy on Tuesdays" is the
    plan decided, "deploy on Tuesdays". Left in, "AI" was asked about as the topic. A chat
    line's time and writer go too ("[10:42] Dana: can we …")."""
    text = _CHAT_PREFIX.sub("", text)
    rest = _NOTE_LABEL.sub("", text)
    if rest == text or not re.search(r"\w", rest):
        return text
    return we_from_then(rest)


# --- Capitals ------------------------------------------------------------------------

_ACRONYMS = {w.lower(): w for w in (
    "PR", "PRs", "CI", "CD", "QA", "UI", "UX", "API", "APIs", "OKR", "OKRs", "KPI", "KPIs",
    "WIP", "MVP", "SLA", "SLAs", "ADR", "ADRs", "ETA", "HR", "PMs", "SRE", "DM", "DMs", "I",
    "US", "UK", "EU", "AWS", "GCP", "SQL", "OOO", "QA", "SSO", "VPN", "PTO", "Q1", "Q2", "Q3",
    "Q4")}


def calm_capitals(text: str, language: str) -> str:
    """All capitals ("SHORTER STANDUPS PLEASE") as ordinary writing, so it is read and
    quoted as words, not shouted back; short known acronyms, days and months keep their
    capitals in English. Mixed case is the user's and is kept."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 6 or any(ch.islower() for ch in letters) or len(text.split()) < 2:
        return text
    if language == "tr":
        return text.replace("I", "ı").replace("İ", "i").lower()
    lowered = text.lower()

    def word(match: re.Match[str]) -> str:
        w = match[0]
        if w in _ACRONYMS:
            return _ACRONYMS[w]
        return w.capitalize() if w in ALWAYS_CAPITAL else w

    return re.sub(r"[\w:]+", word, lowered)


# --- A question tagged on ------------------------------------------------------------

_TAGS_EN = re.compile(
    r"\s*[,;.!–—-]\s*(?:what do you (?:all |guys )?think|wdyt|thoughts|any thoughts|"
    r"right|ok|okay|no|yes|yeah|agreed|sound good|sounds good|does that work|"
    r"would that work|how does that sound|make sense|makes sense|good idea|"
    r"worth a try|yay or nay|objections|any objections|fair|"
    r"(?:does|would)\s+(?:that|this)\s+(?:make\s+sense|sound\s+(?:ok|okay|good|reasonable|fair))|"
    r"(?:is|would)\s+(?:that|this)\s+(?:be\s+)?(?:ok|okay|possible|doable|feasible)|"
    r"could\s+(?:that|this)\s+work|can\s+we\s+do\s+that)\s*\?+$", re.I)
_POLL_EN = re.compile(r"(?<=\w)\s*[,;–—-]?\s*\(?(?:y/n|y\s+or\s+n|yes/no|yes\s+or\s+no|yay/nay)"
                      r"\)?\s*\?*$", re.I)
_TAGS_TR = re.compile(
    r"\s*[,;.!–—-]\s*(?:ne dersin(?:iz)?|ne düşünüyorsun(?:uz)?|olur mu|değil mi|"
    r"sence(?: de)?|sizce(?: de)?|nasıl olur|uygun mu|mantıklı mı|fikrin(?:iz)? ne|"
    r"katılır mısın(?:ız)?|tamam mı|ha|nasıl buldun(?:uz)?|nasıl gidiyor|nasıl oldu|"
    r"memnun musun(?:uz)?|beğendin(?:iz)? mi)\s*\?+$", re.I)


def _without_tag_question(text: str, language: str) -> str:
    """"move the standup to 10am, what do you think?" → "move the standup to 10am": the
    question is the app's to ask."""
    tags = _TAGS_EN if language == "en" else _TAGS_TR
    shorter = tags.sub("", text)
    if language == "en":  # "async standups y/n?": a poll's tail, asked by the question
        shorter = _POLL_EN.sub("", shorter)
    return shorter if shorter.strip() else text


# --- One proposal among sentences, without its reason --------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_ABBREVIATION = re.compile(r"(?:\b(?:a\.m|p\.m|e\.g|i\.e|etc|vs|approx)\.|\b[A-Za-z]\.)$")
# A sentence that only announces a proposal: "Can we try something?", "Quick idea."
_ANNOUNCES = re.compile(
    r"^(?:(?:can|could|may|shall)\s+(?:we|i)\s+(?:try|suggest|propose|ask(?:\s+you)?|"
    r"change)\s+(?:something|a thing|an idea)(?:\s+new|\s+different)?|"
    r"(?:here'?s|here is|i have|i've got)\s+an?\s+(?:idea|thought|suggestion|proposal)|"
    r"hear me out|(?:just\s+)?(?:an?\s+|one\s+|quick\s+|small\s+)?(?:idea|thought|"
    r"suggestion|proposal)|bir fikir|bir önerim var|aklıma bir şey geldi)\W*$", re.I)


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] += " " + piece  # "at 9 a.m. on Mondays": one sentence
        else:
            parts.append(piece)
    return parts


_NOT_A_START = frozenset(("for", "in", "on", "at", "by", "until", "till", "then", "just", "and",
                         "but", "or", "so", "also", "ve", "ama", "sonra", "yani"))
# Turkish words that point back to another sentence: "Bunu kaldıralım" alone loses what
# "bunu" was (`points_back` has the English ones).
_TR_POINTS_BACK = frozenset(("bunu", "onu", "bunları", "onları", "şunu", "bunlar", "onlar"))


def _says_back(text: str) -> bool:
    """Whether `text`, in either language, points back at something said before it."""
    return bool(points_back(text)) or not _TR_POINTS_BACK.isdisjoint(
        re.findall(r"[\w'’]+", text.casefold()))


# First words of a sentence that says how things are (not "I'd like…", a plan of one's own).
_SAYS_HOW_IT_IS = frozenset((
    "they", "he", "she", "it", "everyone", "everybody", "someone", "somebody", "nobody",
    "people", "anyone", "anybody", "there", "they're", "it's", "there's", "the", "our",
    "half", "most", "some", "many", "few", "this", "that", "these", "those", "no", "none",
    "customers", "users", "clients"))


# Words that make a sentence a proposal, whatever it starts with ("The planning meeting
# should be shorter too" is a second plan, not an aside).
_PROPOSES = frozenset(("should", "shouldn't", "could", "must", "need", "needs", "let's",
                       "lets", "ought", "shall", "would", "could've", "please"))


# What closes a message or muses around the change: "Anyway, let me know.", "Curious what
# you think.", "I've been thinking about it a lot.", "Ne dersiniz?"
_CLOSES = re.compile(
    r"^(?:(?:so|anyway|anyways|ok|okay|but|and)\W+)*(?:let\s+me\s+know\b.*|lmk\b.*|"
    r"(?:i'?m\s+|just\s+)?curious\s+(?:what|how)\b.*|(?:any\s+)?thoughts(?:\s+welcome)?|"
    r"happy\s+to\s+(?:discuss|talk|chat|help|pair)\b.*|open\s+to\s+(?:other\s+)?(?:ideas|suggestions)\b.*|"
    r"(?:let's|lets)\s+(?:discuss|talk(?:\s+about\s+it)?)(?:\s+(?:soon|tomorrow|later))?|"
    r"i'?ve\s+been\s+thinking\b.*|i\s+was\s+thinking\s+about\s+(?:it|this)\b.*|"
    r"(?:just\s+)?(?:a\s+)?(?:food\s+for\s+thought|my\s+two\s+cents|just\s+saying)|"
    r"ne\s+dersin(?:iz)?|ne\s+düşünüyorsun(?:uz)?|haber\s+ver(?:in)?|bir\s+düşünün)\W*$", re.I)


def _kind_of(sentence: str, language: str) -> str:
    """"plan", "aside" (a reason, a complaint, a question, an announcement, thanks) or ""
    when it cannot be told."""
    if _ANNOUNCES.match(sentence.strip()) or _CLOSES.match(sentence.strip()):
        return "aside"
    words = re.findall(r"[\w'’]+", sentence.casefold())
    if not words or asks_nothing(words):
        return "aside"
    if language == "en":
        # "Retro keeps running over. Maybe we move standup to 10. It drags otherwise.": a
        # plan between two asides is read without its wrapping, as a first one was
        sentence = without_spoken_wrapping(sentence, "en")
        shape = read_change(sentence, ChangeKind.DIFFERENTLY, "en").shape
        if shape is Shape.QUOTE_QUESTION and fragment_said(sentence).startswith("what if "):
            return "plan"  # "Cameras optional for the weekly? It's exhausting."
        if shape in (Shape.QUOTE_THOUGHT, Shape.QUOTE_QUESTION) or (
                shape.value.startswith("quote") and words[0] in _SAYS_HOW_IT_IS
                and not _PROPOSES & set(words)):
            return "aside"  # "Nobody reads it.", "Half the team is in Berlin."
        if shape.value.startswith("quote") and _SAYS_HOW_IT_GOES.search(sentence) \
                and not _PROPOSES & set(words):
            return "aside"  # "Deploys are painful.", "So last sprint was rough, we had …"
        return "" if shape.value.startswith("quote") or words[0] in _NOT_A_START else "plan"
    form = "question" if sentence.rstrip().endswith("?") else turkish_form(sentence)
    return {"proposal": "plan", "statement": "aside", "question": "aside"}.get(form, "")


# A clause of how things are or went: a subject's verb in the present or the past ("are
# painful", "was rough", "keep getting interrupted", "had three incidents").
_SAYS_HOW_IT_GOES = re.compile(
    r"(?<![\w'’])(?:is|are|was|were|isn't|aren't|wasn't|weren't|has\s+been|have\s+been|"
    r"keeps?|kept|had|got|gets|felt|feels|seems|seemed)\s+\w", re.I)


def _one_proposal(text: str, language: str) -> str:
    """Of a few sentences, the one that proposes something, when the others are only its
    reasons, a complaint or a question ("Stop the Friday status mail. Nobody reads it."):
    quoted back, they would read as blame."""
    parts = _sentences(text)
    if not 2 <= len(parts) <= 8:
        return text
    kinds = [_kind_of(p, language) for p in parts]
    if kinds.count("plan") != 1 or "" in kinds:
        return text
    plan = parts[kinds.index("plan")].rstrip(" .!…")
    if language == "en":
        plan = without_spoken_wrapping(plan, "en")  # as `_kind_of` read it
    words = re.findall(r"[\w'’]+", plan.casefold())
    if len(words) < 3 or _says_back(_without_its_lead(plan, language)):
        return text  # "Kaldıralım.", "do them async": the rest says what
    asked = fragment_said(plan) if language == "en" else plan
    if asked != plan and asked.startswith("what if "):
        return asked  # "Cameras optional for the weekly? It's exhausting.": a note asked
    if kinds.index("plan") and language == "en":
        # "…is slow. Cache the dependencies.": read as a first sentence would be, unless
        # its capital is what lets it be read at all ("Mob programming on Fridays")
        lowered = _lower_first_word(plan)
        if not read_change(lowered, ChangeKind.DIFFERENTLY, "en").quoted:
            return lowered
    return plan


def _without_its_lead(plan: str, language: str) -> str:
    """An English plan as it is read, its lead gone: the "it" of "would it make sense to …"
    points at nothing; other text as it came."""
    if language != "en":
        return plan
    reading = read_change(plan, ChangeKind.DIFFERENTLY, "en")
    return plan if reading.quoted else reading.words


# How a thing is or goes, said of it: "is a mess", "keeps running over", "drags"
_HOW_IT_GOES = (r"(?:is|are|was|were|has\s+been|have\s+been|feels?|seems?|looks?|gets?|sucks?|"
                r"keeps?\s+\w+ing|takes?|drags?|runs?|goes|go|piles?|breaks?|fails?|causes?|"
                r"needs?|sits?|waits?|lingers?|stays?|hangs?|lives?|clash(?:es)?|overlaps?|"
                r"overruns?|lasts?|eats?|slows?|wastes?|confuses?|costs?)")
# "the deploy checklist is a mess, I want to rewrite it": how a thing is, then a plan that
# points back at it with "it" or "them".
_RAMBLE = re.compile(
    r"^(?:(?:honestly|tbh|so|ok|okay|basically|imo|ugh|well)\s*,?\s+)?(?P<np>(?:(?:the|our|this|that|these|those|my)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+"
    rf"(?P<be>{_HOW_IT_GOES})(?:\s+(?P<mid>[^,.;!?]*?))?(?:[,.;!]|\s[-–—])?\s+"
    r"(?:(?:so|and|but|honestly|tbh)\s+)?"
    r"(?:i\s+(?:really\s+)?(?:want|need|would\s+like|would\s+love|plan|'m\s+going|"
    r"am\s+going|keep\s+meaning)\s+to|i['’]d\s+(?:really\s+)?(?:like|love)\s+to|i'll|i\s+will"
    r"|i'm\s+gonna|(?:maybe\s+)?we\s+(?:should|"
    r"need\s+to|could|must|have\s+to|ought\s+to)|(?:maybe|perhaps)\s+we|let'?s|(?:can|could|should)\s+we"
    r"|(?:maybe|perhaps)(?=\s+[a-z]+\s+(?:it|them)\b)"
    r"(?:\s+(?:just|maybe|please|pls))?|(?<=so\s)just|(?<=so\s)(?=\w)|(?<=[-–—.;!]\s)(?=\w))\s*"
    r"(?P<verb>[a-z]+(?:\s+[a-z]+ing)?(?:\s+(?:on|with|through|over|about))?)\s+(?P<pro>it|them)"
    r"(?P<tail>(?:\s+[^,.;!?]*)?)[.!?]?$", re.I)
# What people keep doing something to: "(people keep missing) the retro (because …)".
_KEPT_DOING = re.compile(r"(?P<np>(?:the|our|my)\s+(?:[\w'’-]+\s+){0,2}?(?P<head>[\w'’-]+))"
                         r"(?=$|\s+(?:because|when|since|as|in|on|at|for|with|and|but|so|every"
                         r"|each|after|before|again)\b)", re.I)
_SINGULAR = frozenset(("is", "was", "has", "feels", "seems", "looks", "gets", "sucks", "keeps",
                       "takes", "drags", "runs", "goes", "piles", "breaks", "fails", "causes",
                       "needs", "sits", "waits", "lingers", "stays", "hangs", "lives",
                       "clashes", "overlaps", "overruns", "lasts", "eats", "slows", "wastes",
                       "confuses", "costs"))
_NOT_A_REFERENT = frozenset(("it", "this", "that", "they", "these", "those", "everything",
                             "nothing", "everyone", "nobody", "i", "we", "you", "he", "she",
                             "there", "which", "what"))


# The reason for a change said before it: "since …", "given that …", "now that …".
_REASON_LEAD = (r"since|given(?:\s+that)?|now\s+that|as(?=\s+(?:we|the\s+team|our\s+team|"
                r"more\s+people|people|everyone)\s)")
# What a plan said after why it is asked starts with: "we should", "let's", "could we",
# "I'd like to", "how about", "what if we" (after "I think", "so", "maybe")
_PLAN_LEAD = (r"(?:i\s+think\s+|so\s+|maybe\s+|perhaps\s+)?(?:we\s+(?:should|need\s+to|could|"
              r"must|ought\s+to|might|can|need)|let['’]?s|(?:can|could|should|shall)\s+we|"
              r"i['’]d\s+(?:like|love)|i\s+(?:want|propose|suggest)|how\s+about|"
              r"what\s+(?:if\s+we|about))")
# "After last week's outage I think we should do blameless postmortems", "Since half the
# team is remote, let's make cameras optional": why (or when) first, then a plan.
_WHY_FIRST = re.compile(
    rf"^(?P<why>(?P<lead>after|following|with|while|whilst|{_REASON_LEAD})\s+[^,;.!?]{{3,80}}?)"
    rf"(?:(?:,\s*|\s+)(?P<plan>{_PLAN_LEAD}\b.*)"
    # after a comma, a thing or an act said as one ("with the team growing, maybe a weekly
    # demo", "…, no more 8am meetings", "…, move the demo to Thursday"), or someone's turn
    # ("with Dana away, Sam could run the retro")
    r"|,\s*(?P<said>(?:maybe|perhaps|no\s+more)\b(?![’']).*|(?-i:[A-Z])[\w'’-]+\s+(?:could|"
    r"should|can|might|will|to)\s.*|(?P<verb>[a-z][a-z-]*)\s.*))$", re.I)
# "standups drag, so let's …", "mornings are busy, could we …", "Retro keeps running over.
# Maybe we …": what is wrong, said first in a clause of its own, then the plan
_PROBLEM_FIRST = re.compile(
    r"^(?:(?:honestly|tbh|so|ok|okay|ugh|well)\s*,?\s+)?(?:(?:the|our|my|all|these|those)\s+)?"
    r"(?!(?:once|when|whenever|if|after|before|until|till|as|while|since|because|unless|now|"
    r"given|in\s+case|what|whatever|where|how)\b)"  # when or if it holds, said first: kept
    # a thing, not a plan's lead ("let's run planning …", "we should run …")
    r"(?:(?!(?:let['’]?s|lets|we|i|you|should|could|would|can|will|must|might|may|need|"
    r"please|pls|maybe|perhaps|to|and|or|don['’]?t|not|never|who|whoever|which|that)\b)"
    r"[\w'’-]+\s+){1,4}?"
    rf"{_HOW_IT_GOES}\b[^,.;!?]{{0,60}}?"
    r"(?:\s*[,.;!]\s*(?:so\s+)?|\s+[-–—]\s+|\s+so\s+)"
    rf"(?P<plan>(?:{_PLAN_LEAD}|maybe|perhaps|no\s+more)\b(?![’'])(?!\s+not\b).*"
    # or an act, said as one ("Friday is a holiday, move the demo to Thursday")
    r"|(?P<verb>[a-z][a-z-]*)\s.*)$", re.I)
# "Since half the team is remote, cameras optional for the weekly": the reason in its own
# clause; what follows is the change, whatever its shape.
_REASON_FIRST = re.compile(rf"^(?:because|seeing\s+as|{_REASON_LEAD})\s+"
                           r"[^,;.!?]{3,80},\s*(?P<plan>\S.*)$", re.I)


def _why_first_off(text: str) -> str:
    """The change after why it is asked: the plan after "since half the team is remote,
    let's …", where it is read, or with when said last ("after lunch we should walk": "we
    should walk after lunch"); else whatever follows a reason in its own clause, unless it
    points back at the reason ("since the build is slow, cache it"); other text as it came."""
    said = _read_or_kept(text, _plan_after_why)
    if said != text:
        return said
    problem = _PROBLEM_FIRST.match(text)
    if problem and problem["verb"] and not _verb_shape(
            problem["plan"].split(), plain_word(problem["verb"]), False):
        problem = None  # "standups drag, people leave": no plan
    # read as its own change would be: "…, so we stop losing track", "…. It drags."
    plan = _without_purpose(_one_proposal(problem["plan"], "en")) if problem else ""
    if plan and not points_back(plan, showing=False):
        said = _read_or_kept(text, lambda _: plan)
        if said != text:
            return said
    match = _REASON_FIRST.match(text)
    plan = _one_proposal(match["plan"], "en") if match else ""
    return plan if plan and not points_back(plan, showing=False) else text

# "with the team growing", "with Dana away": why; "with the new joiners": with whom, said
# after the plan as "after …" is
_WITH_A_REASON = re.compile(rf"\b(?!(?:{'|'.join(sorted(_ING_NOUNS))})\b)\w{{2,}}ing\b"
                            r"|\b(?:away|out|off|gone|remote|around|back|busy|"
                            r"on\s+(?:leave|holiday|vacation))$", re.I)


def _plan_after_why(text: str) -> str:
    match = _WHY_FIRST.match(text)
    if match is None or (match["verb"] and not _verb_shape(
            match["said"].split(), plain_word(match["verb"]), False)):
        return text  # "after the outage, people left early": no plan
    plan = _without_purpose(_one_proposal(match["plan"] or match["said"], "en"))  # ". It drags."
    if points_back(plan, showing=False):
        return text  # "since the release notes are long, shorten their intro"
    if match["said"] and match["verb"] is None:  # "maybe Sam runs the retro": Sam's turn
        turn = fragment_said(plan)
        plan = turn if turn.startswith("what if ") else plan
    lead = match["lead"].lower()
    if lead not in ("after", "while", "whilst") and (
            lead != "with" or _WITH_A_REASON.search(match["why"])):
        return plan
    plan = plan.rstrip(" .!")
    mark = "?" if plan.endswith("?") else ""
    return f"{plan.rstrip('?').rstrip()} {match['why'][0].lower()}{match['why'][1:]}{mark}"


# "we have a weekly sync; maybe drop it?", "We've been doing daily standups for a year;
# maybe switch to 3x a week?": what the team has now, then a plan for it.
_WE_HAVE = re.compile(
    r"^(?:(?:so|ok|okay|currently|right\s+now|at\s+the\s+moment)\s*,?\s+)?we(?:['’]ve\s+been\s+"
    r"(?:doing|having|running|holding)|['’]ve\s+got|['’]re\s+(?:doing|having|running)|\s+(?:still\s+)?"
    r"(?:have|do|run|hold)|\s+have\s+got|\s+are\s+(?:doing|having|running))\s+"
    r"(?P<np>(?:(?:a|an|the|our)\s+)?[\w'’:-]+(?:\s+[\w'’:-]+){0,3}?)"
    r"(?:\s+(?:for|since|every|each|at|on|in)\b[^,.;!?–—]*)?\s*(?:[,.;!]|\s[-–—])\s*"
    r"(?:(?:so|and|but)\s+)?(?:(?:maybe|perhaps)(?:\s+we\s+(?:should|could))?|let['’]?s|"
    r"(?:should|could|can)\s+we|we\s+(?:should|could|might|need\s+to)|i['’]d\s+like\s+to|"
    r"i\s+want\s+to)?\s*(?P<verb>[a-z]+)\s+(?:(?P<pro>it|them)\b|(?=to\s))"
    r"(?P<tail>[^?.!]*)[?.!]*$", re.I)
# Verbs that take the thing before "to" ("switch standups to weekly").
_MOVED_TO = frozenset(("switch", "move", "change", "shift", "cut", "reduce", "bump", "push",
                       "turn"))


def _we_have_then(text: str) -> str | None:
    """"we have a weekly sync; maybe drop it" → "drop the weekly sync"; "we do daily
    standups. maybe switch to weekly?" → "switch daily standups to weekly"; None where
    the plan does not point back at what the team has."""
    match = _WE_HAVE.match(text)
    if match is None:
        return None
    np, verb = match["np"], match["verb"].lower()
    words = np.split()
    if words[0].lower() in ("too", "so", "many", "lots", "plenty", "no", "few", "fewer", "more",
                            "some", "enough"):
        return None  # "we have too many meetings, let's cut them": an amount, not a thing
    if words[0].lower() in ("a", "an"):
        np = " ".join(["the", *words[1:]])
    if match["pro"] is None:
        if verb not in _MOVED_TO:
            return None
    elif _is_plural(words[-1].lower()) != (match["pro"].lower() == "them"):
        return None  # "we have demos, maybe move it": not said of them
    act = f"{verb} {np} {match['tail'].strip()}".strip()
    return act if read_change(act, ChangeKind.DIFFERENTLY, "en").shape in (
        Shape.VERB, Shape.VERB_NO_LONGER) else None


def _referent_restored(text: str) -> str:
    """"the deploy checklist is a mess, I want to rewrite it" → "rewrite the deploy
    checklist": the plan with what "it" or "them" points back at, when that is the one
    subject before it and agrees in number; quoted whole, the plan was lost in the ramble."""
    had = _we_have_then(text)
    if had is not None:
        return had
    match = _RAMBLE.match(text)
    if match is None or match["np"].split()[0].lower() in _NOT_A_REFERENT:
        return text
    singular = match["be"].split()[0].lower() in _SINGULAR
    np, one = match["np"], match["pro"].lower() == "it"
    kept = _KEPT_DOING.match(match["mid"] or "") if match["be"].lower().startswith("keep") \
        else None
    if kept is not None:  # "people keep missing the retro …, move it": the retro
        if kept["head"].lower().endswith("s") == one:
            return text
        np = kept["np"]
    elif singular != one:
        return text  # "the docs are old, rewrite it": not said of them
    if np.split()[-1].lower().startswith(match["verb"].lower()):
        return text  # "PR reviews take days, could we review them …": "review PR reviews"
    np = _lower_first_word(np)  # "Release notes": "PRs", "Friday" stay
    act = f"{match['verb']} {np}{match['tail'] or ''}"
    if read_change(act, ChangeKind.DIFFERENTLY, "en").shape not in (Shape.VERB,
                                                                     Shape.VERB_NO_LONGER):
        return text
    return act


def _lower_first_word(text: str) -> str:
    """"Cache the dependencies" → "cache the dependencies", as the first sentence would
    have been read; acronyms, days and months ("PRs", "Friday") kept. (A name is lowered
    too: the caller keeps the capital only where the lowered text no longer reads.)"""
    first = text.split(" ", 1)[0]
    if not first[:1].isupper() or not first[1:].islower() or first.lower() in ALWAYS_CAPITAL:
        return text
    return first[0].lower() + text[1:]


# "because" anywhere; the short and ambiguous ones ("cause" is also a noun: "root cause
# analysis"; "as" begins "as usual", "as well as", "as of Monday") only after a comma and
# before a subject: ", as nobody reads it", ", cause it takes an hour".
_NOT_A_REASON = r"(?!(?:could|should|would|can|will|must|might|may|needs?|has|have)\b)"
_REASON_EN = re.compile(
    # ", it's always a disaster", ", that's an hour a week": how it is, after a comma or
    # a dash; ", it overlaps with planning", ", they never start on time": what it does
    # ", nobody goes", ", everyone hates it": who does what
    r"(?:(?:(?<=,)|(?<=\s[-–—]))(?=\s*(?:it's|it’s|it is|that's|that’s|they're|they’re|it was"
    # ", it would help the new joiners", " - that'd save us an hour": what it would bring
    r"|(?:it|that|this|they)(?:\s+(?:would|will|might|could)|['’](?:d|ll))\s+(?:really\s+)?"
    r"(?:help|save|give|free|cut|reduce|improve)\b"
    r"|(?:it|that)\s+(?:(?:never|always|just|rarely|barely|often|usually|constantly|"
    r"really)\s+)?(?!(?:needs|has\s+to|is|was)\b)(?:doesn't|does\s+not|isn't|wasn't|[a-z]+s)"
    r"|they\s+(?:(?:never|always|just|rarely|barely|often|usually|constantly|really)\s+)?"
    r"(?:don't|do\s+not|aren't|weren't|(?!(?:could|should|would|can|will|must|might|may|"
    r"need|have|are|were)\b)[a-z]+)"
    r"|(?:nobody|no one|everyone|everybody)\s+" + _NOT_A_REASON + r"[a-z]+"
    # ", people are zoomed out", ", folks feel rushed": how people are
    r"|(?:people|folks|the\s+team)\s+(?:are|were|feel|felt|seem|get)\b)(?:\s|$))|"
    r",?\s+because|,\s*(?:since|given that|seeing as|(?:cause|'cause|cuz|coz|bc|b/c|as)"
    r"(?=\s+(?:i|we|you|they|he|she|it|nobody|no one|everyone|everybody|people|the|our|"
    r"this|that|these|those|there)\b))"
    # "… since mornings are busy", "… as Fridays are quiet": a thing and how it is
    r"|,?\s+(?:since|as)(?=\s+(?:the\s+|our\s+|most\s+)?[a-z]+s?\s+(?:are|is|get|gets|"
    r"tend\s+to|keep|keeps|run|runs|feel|feels|seem|seems)\s+(?!\w+ed\b)\S)"
    # "… since nobody comes", ", otherwise they go stale": before a subject, no comma needed
    r"|,?\s+(?:since|otherwise|or\s+else)(?=\s+(?:i|we|you|they|he|she|it|nobody|no one|"
    r"everyone|everybody|people)\b)"
    # not a time: "since we started", "since I joined"
    r"(?!\s+\S+\s+(?:\w+ed|began|came|went|left|got|took|made|became)\b))\s+\S.*$", re.I)
_REASON_TR = re.compile(r"[,;]?\s+(?:[çc][üu]nk[üu]|zira|ne de olsa)\s+\S.*$", re.I)


# What the change is for, said first ("To improve velocity, we should cut WIP", "In order
# to ship faster, let's …", "so we can ship faster, let's pair") or after it ("… so that
# releases take minutes, not hours"): like a reason, the user's to give; the plan is what
# is asked about. A short "so" after the act stays its part ("share the roadmap so
# everyone can see it"); "…, so let's move it" is a plan after "so".
_SO_WHO = (r"so\s+that\s+|so\s+(?=(?:i|we|you|they|he|she|it|everyone|everybody|nobody|no\s+one|"
           r"people|the\s+team|new\s+\w+)\s+\S)")
_PURPOSE_FIRST = re.compile(r"^(?:(?:in\s+order\s+to|so\s+as\s+to|to)\s+(?!(?:the|a|an|our|my|"
                            rf"your|this|that|these|those)\s)|{_SO_WHO}|for\s+(?=(?:more\s+|"
                            r"better\s+)?(?:focus|clarity|visibility|transparency|consistency|"
                            rf"fairness|simplicity|speed|quality|sanity)\s*,))[^,]{{3,60}},\s+"
                            r"(?P<plan>(?P<lead>[\w'’]+)\b.*)$", re.I)
_PLAN_LEADS = frozenset(("we", "let's", "lets", "let", "i'd", "i", "please", "can", "could",
                         "should", "shall", "maybe", "perhaps", "how", "what", "no"))
# ", so we stop losing track": "so" and who, after a comma, in the last clause
_PURPOSE_AFTER = re.compile(r"(?:,?\s+(?:so\s+that|so\s+as\s+to|in\s+order\s+to)\s+[^.!?;]*?|,\s*so"
                            r"(?=\s+(?:we|people|everyone|everybody|nobody|no\s+one|the\s+team|"
                            r"they|you|i)\s+(?!(?:should|could|must|ought|shall)\b))\s+[^,.!?;]*?)"
                            r"(?=\s*(?:[.!?;]|$))", re.I)


def _purpose_first_off(text: str) -> str:
    match = _PURPOSE_FIRST.match(text)
    return match["plan"] if match and plain_word(match["lead"]) in _PLAN_LEADS | _VERBS \
        else text


def _without_purpose(text: str) -> str:
    text = _purpose_first_off(text)
    after = _PURPOSE_AFTER.search(text)
    if after and after.start() and len(text[: after.start()].split()) >= 3:
        text = text[: after.start()] + text[after.end():]
    return text


def without_reason(text: str, language: str, *, closing: bool = False) -> str:
    """"stop the weekly report because nobody reads it" → "stop the weekly report": the
    reason is the user's to give in their own words; quoted back, it reads as blame.
    `closing`: only a reason said last, in one clause (read before the change is: the
    plan after "people miss the retro because it clashes - move it" is not cut off)."""
    reason = _REASON_EN if language == "en" else _REASON_TR
    match = reason.search(text)
    if match is None or not match.start():
        return text
    if closing and re.search(r"[.!?;]\s|\s[-–—]\s", match[0]):
        return text
    kept = text[: match.start()].rstrip(" ,;-–—")
    return kept if kept.split() and (closing or len(kept.split()) >= 2) \
        and not only_when(kept) else text


# "we don't need the Monday sync anymore", "I don't think we need the status email", "no
# need for …": the stop, said as what is not needed; looked at together, by example it was
# refused.
_NO_NEED = re.compile(r"^(?:(?:i\s+(?:don't|do\s+not|dont)\s+think\s+we|we\s+(?:really\s+)?"
                      r"(?:don't|do\s+not|dont|no\s+longer))\s+(?:really\s+)?need|"
                      r"(?:there(?:['’]s|\s+is)\s+)?"
                      r"no\s+(?:real\s+)?need\s+for)"  # "there's no need for the status email"
                      r"\s+(?P<x>(?:(?:the|our|this|that|these|those|a|an|"
                      rf"any|all\s+(?:the|these|those))\s+[^,;:]+?|{BARE_PLURAL}"
                      r"|(?P<doing>[a-z][a-z'’-]+ing)\s+[^,;:]+?))"  # "… need cc'ing the team"
                      r"(?:\s+any\s?more)?\s*[.!?]*$", re.I)


def _no_need(text: str) -> str:
    match = _NO_NEED.match(text)
    if match is None or re.search(r"(?i)(?<!\w)(?:to|if|because|since)(?!\w)", match["x"]):
        return text
    if match["doing"] and not _is_gerund(match["doing"].lower()):
        return text  # "we don't need morning standups": read as a thing elsewhere
    return ("stop " if match["doing"] else "drop ") + re.sub(r"(?i)^any\s+", "", match["x"])


# --- Said in the passive -------------------------------------------------------------

# "standups should be kept short", "PRs need to be reviewed within a day", "Friday deploys
# shouldn't be allowed": what is to be done, said of the thing.
_PASSIVE = re.compile(
    r"^(?P<subj>(?:the\s+|our\s+|all\s+|every\s+|each\s+|a\s+|an\s+)?[\w'’-]+"
    r"(?:\s+[\w'’-]+){0,3}?)\s+(?:should|must|needs?\s+to|has\s+to|have\s+to|ought\s+to|"
    r"could|can|shall|will|wo(?=n['’]t)|is\s+to|are\s+to)(?P<not>\s+not|n['’]t)?\s+(?:always\s+)?"
    r"(?:be|get)\s+(?:always\s+)?"
    r"(?P<done>[a-z]+)(?P<rest>(?:\s+\S.*)?)$", re.I)
# After "by", a time ("by Friday", "by EOD"), not who does it ("by two people").
_BY_A_TIME = re.compile(r"(?<!\w)by\s+(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day|end|eod|cob|"
                        r"noon|midday|tomorrow|then|\d)\w", re.I)


def _active(text: str) -> str:
    """"standups should be kept short" → "keep standups short": the act, said as one, so it
    is asked about rather than quoted. Only a participle of a verb we know, a thing that is
    not "it" or a person, and no "by" someone."""
    match = _PASSIVE.match(text.rstrip(" .!"))
    if match is None or _BY_A_TIME.search(match["rest"]):
        return text
    verb = verb_of_participle(match["done"])
    subject = match["subj"]
    first = subject.split()[0]
    if verb is None or _says_back(first) or plain_word(first) in _PEOPLE_SUBJECTS:
        return text
    # "The retro", "Standups": a capital that only starts the sentence; not "Jira",
    # "Dana's board" or "Friday deploys", which are names
    several = len(subject.split()) > 1 or (first.endswith("s") and not first.endswith("ss"))
    if first[:1].isupper() and first[1:].islower() and several \
            and first.lower() not in ALWAYS_CAPITAL and not re.search(r"['’]", first):
        subject = first.lower() + subject[len(first):]
    said = f"{verb} {subject}{match['rest']}"
    return f"not {said}" if match["not"] else said


_PEOPLE_SUBJECTS = frozenset(("we", "you", "i", "everyone", "everybody", "people", "someone",
                              "somebody", "anyone", "they", "he", "she", "nobody"))


# --- Several changes in one ----------------------------------------------------------

# What joins a second change to the first: "…; …", "… and also …", "…, plus …", "… + …",
# "… ve ayrıca …", "…, bir de …". A plain "and" does not ("write tests and docs", "talk
# less and listen more" are one change).
# "a & b" joins two changes, but not between single letters: "the R & D team", "Q & A".
_AMPERSAND = r"(?<!\b\w)\s+[+&]\s+(?!\w\b)"
_ALSO_EN = re.compile(r",?\s+and\s+also\s+|,\s+also,?\s+|,?\s+as\s+well\s+as\s+(?=\w+\s)"
                      r"|,\s*(?:and\s+)?plus\s+|" + _AMPERSAND
                      + r"|,?\s+and\s+then\s+also\s+"
                      # "reply in threads and stop pinging people": a stop joined on
                      r"|,?\s+and\s+(?=(?:stop|quit|no\s+longer|don't|do\s+not|never)\s)", re.I)
_ALSO_TR = re.compile(r",?\s+ve\s+ayrıca\s*,?\s+|,\s*(?:ve\s+)?ayrıca\s*,?\s+"
                      r"|,\s*bir\s+de\s+|" + _AMPERSAND, re.I)
# A sentence's word that only joins it to the one before: "Also, stop the demos."
_JOINING = re.compile(r"^(?:also|and|plus|then|and also|ayrıca|bir de|ve)\b\s*,?\s*", re.I)


def first_of_several(text: str, language: str,
                     action: ChangeKind = ChangeKind.DIFFERENTLY, *,
                     by_example: bool = False) -> tuple[str, bool]:
    """The first of several changes typed together, and whether there were more: "move
    standup to 10 and also stop Friday demos", "a, b and c", a list, "… ve ayrıca …".
    Asked together they made one long question; one is asked about, as a first step. To
    stop, the first that says a stop ("use the wiki; stop emailing the report": not "no
    longer use the wiki"). `by_example`: "reply in threads and also stop pinging people"
    is two acts of one's own, not one asked as the other's replacement."""
    parts = _sentence_plans(text, language) or _clauses(text, language)
    if len(parts) == 2 and language == "en" and not by_example:
        parts = _one_for_the_other(*parts)
    if len(parts) < 2:
        return (parts[0] if parts else text), False
    if action is ChangeKind.STOP:
        # one that says "stop" outright before one that moves something ("move standup to
        # 10 and also stop Friday demos": the demos are what stops)
        stops = [p for p in parts if says_stop(p, language)]
        outright = [p for p in stops if language != "en" or not _moves_to_only(p)]
        return next(iter(outright or stops), parts[0]), True
    return parts[0], True


def _moves_to_only(text: str) -> bool:
    """Whether `text` says a stop only by moving something elsewhere ("move standup to 10")."""
    return bool(re.match(r"(?i)(?:let's\s+|we\s+should\s+)?(?:move|switch|convert|turn|shift|"
                         r"migrate)\s", text))


def _sentence_plans(text: str, language: str) -> list[str]:
    """The plans among a few sentences, when two or more propose something and the others
    are only asides ("Move standup to 10. Also, cancel the Friday demos.")."""
    parts = _sentences(text)
    if len(parts) < 2:
        return []
    plans = []
    for at, part in enumerate(parts):
        said = _JOINING.sub("", part) if at else part
        kind = _kind_of(said, language)
        if kind == "":
            return []
        if kind == "plan":
            plans.append(said.rstrip(" .!…"))
    if len(plans) < 2 or any(map(_says_back, plans)):  # "…. Let's move it back": one
        return []
    return plans


def _clauses(text: str, language: str) -> list[str]:
    """The changes of one sentence: split where a second change is joined on, or a list
    of three or more acts ("move standup to 10, shorten the retro and add a demo")."""
    parts = [p.strip(" ,.") for p in re.split(r"\s*;\s+", text)]  # a list made one line
    if len(parts) >= 2:
        if not all(_balanced(p) for p in parts):
            return []  # "… (see the notes; both of them)": one change with an aside
        kinds = [_kind_of(p, language) for p in parts]
        if kinds[0] != "plan" and "aside" not in kinds:
            return []  # "A is a thing; B is the plan": sayings, not a list of changes
        if "aside" in kinds:  # "rotate pairs weekly; it spreads knowledge": its reason
            plans = [p for p, kind in zip(parts, kinds, strict=True) if kind == "plan"]
            return plans[:1] if "" not in kinds else []
    else:
        joiner = _ALSO_EN if language == "en" else _ALSO_TR
        parts = [p.strip(" ,.") for p in joiner.split(text)]
        if language == "en" and not all(_is_an_act(p) or _plain_first(p) in _NEGATIVE
                                        for p in parts[1:]):
            parts = []  # "invite PMs as well as designers": one act, two people
    if len(parts) < 2:
        parts = _listed_acts(text, language)
    if len(parts) == 1:
        return parts
    if len(parts) < 2 or not all(_balanced(p) for p in parts) \
            or any(len(p.split()) < 2 for p in parts[:2]):
        return []
    return parts


def _listed_acts(text: str, language: str) -> list[str]:
    """"a, b and c", "a, b, and c": three acts or more, each its own verb; in Turkish two
    proposals are enough ("retroyu kısaltalım, demoyu cumaya alalım")."""
    if language == "en":
        items = re.split(r",\s+(?:and\s+)?|\s+and\s+(?=[^,]*$)", text)
        if len(items) < 3 or "," not in text:
            return []
        if not all(_is_an_act(item) for item in items):
            return []
        when = _CLOSING_WHEN.search(items[-1])
        if when and not any(_CLOSING_WHEN.search(item) for item in items[:-1]):
            # "review PRs, merge them and deploy daily": the "daily" is said of them all
            items[0] += when[0]
        return items
    items = [p.strip() for p in re.split(r",\s+|\s+ve\s+", text)]
    if len(items) < 2 or not all(turkish_form(p) == "proposal" and len(p.split()) >= 2
                                 for p in items):
        return []
    return items


# How often or when, said at the end of a list's last act.
_CLOSING_WHEN = re.compile(r"\s+(?:daily|weekly|monthly|nightly|fortnightly|every\s+(?:day|"
                           r"week|morning|sprint|release|time)|each\s+(?:day|week|sprint|"
                           r"morning)|(?:once|twice)\s+a\s+(?:day|week)|on\s+(?:mon|tues|wednes|"
                           r"thurs|fri)days)$", re.I)


def _is_an_act(text: str) -> bool:
    reading = read_change(text, ChangeKind.DIFFERENTLY, "en")
    return reading.shape in (Shape.VERB, Shape.VERB_NO_LONGER) and len(text.split()) >= 2


_NEGATIVE = frozenset(("no", "never", "don't", "dont", "not", "stop"))


def _plain_first(text: str) -> str:
    return (text.split() or [""])[0].lower()


def _balanced(text: str) -> bool:
    """Whether brackets and quotes opened in `text` close in it too."""
    return text.count("(") == text.count(")") and text.count("“") == text.count("”") \
        and text.count('"') % 2 == 0


_STOP_LEAD = re.compile(r"^(?:stop|quit)\s+(?=\w+ing\b)", re.I)  # "stop emailing …"


def _one_for_the_other(first: str, second: str) -> list[str]:
    """"use the wiki; stop emailing the report" is one change, the wiki for the mail:
    "use the wiki instead of emailing the report"."""
    for act, stop in ((first, second), (second, first)):
        dropped = _STOP_LEAD.sub("", stop)
        if dropped != stop and _is_an_act(act) and not says_stop(act, "en") \
                and not points_back(dropped):
            return [f"{act} instead of {dropped}"]
    return [first, second]
