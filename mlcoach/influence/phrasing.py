"""Read the change a user typed and shape it for the supportive question.

People type a change in many shapes: "use the wiki", "we should use the wiki", "could we
try async standups?", "stopping the status email", "no more Friday deploys", "standups",
"code reviews: smaller PRs". `read_change` recognises the shape and returns the words to
put in a frame ("to use the wiki", "if we had no more Friday deploys"), or says that the
words can only be quoted. It never changes the case of what was typed, except the first
letter of a common word that starts the sentence ("Use the wiki" → "use the wiki") and the
first letter of a lone quoted word ("standup" → “Standup”).

Frames themselves are wording and live in resources/coach/<lang>.toml under [ask].
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from mlcoach.domain.enums import ChangeKind
from mlcoach.influence.act_or_thing import (
    _COMPOUND_HEADS,
    _CONDUCT_VERBS,
    _head,
    _is_gerund,
    _is_past,
    _looks_like_noun_phrase,
    _verb_shape,
    base_verb,
    gerund_as_act,
    heads_a_compound,
    verb_of_participle,
)
from mlcoach.influence.bare_phrases import bare_said, meeting_named, practice_named
from mlcoach.influence.done_changes import (
    done_by,
    done_change,
    now_change,
    said_changed,
    thing_now,
)
from mlcoach.influence.english_words import (
    _ABBREVIATION_END,
    _ARTICLES,
    _AUX,
    _CLAUSE_ADVERBS,
    _COMPOUND_LEADS,
    _DETERMINERS,
    _FILLERS,
    _IF_WE,
    _ING_HEADS,
    _ING_MODIFIERS,
    _KNOWN,
    _LABEL_THEN,
    _LABELS,
    _MASS,
    _MAX_WORDS,
    _MODALS,
    _NEG_MODALS,
    _NEGATIONS,
    _NOT_GERUNDS,
    _NOUNISH,
    _NUMBERS,
    _OBJECT_MARKERS,
    _PREPOSITIONS,
    _PRONOUNS,
    _QUANTITIES,
    _REMOVAL_GERUNDS,
    _REMOVAL_VERBS,
    _ROLE_VERBS,
    _SPOKEN_LABELS,
    _STOP_GERUND_PHRASES,
    _STOP_GERUNDS,
    _STOP_PHRASES,
    _STOP_VERBS,
    _SUBJECTS,
    _TAILS,
    _TO_VERBS,
    _VERBS,
    _WANTS,
    ARROW,
    ARROWS,
    CLOSING_WHEN,
    MONTHS,
    _is_plural,
    _words,
    how_about_lead,
    without_spoken_label,
)
from mlcoach.influence.english_words import (
    plain_word as _plain,
)
from mlcoach.influence.judgements import is_a_judgement, problem_named, problem_named_tr
from mlcoach.influence.regrets import REGRET as _REGRET
from mlcoach.influence.stated_stops import state_to_have
from mlcoach.influence.turkish_made import made_tr, new_arrangement_tr
from mlcoach.influence.turkish_reading import (
    _TR_AS_ALWAYS,
    _TR_NEEDED,
    _TR_NOT_PROPOSALS,
    _TR_NOT_SAID_OF,
    _TR_PARTICLES,
    _TR_VERBAL_NOUN,
    TURKISH_LETTERS,
    _harmonised,
    _says_stop_tr,
    _tr_imperative,
    _tr_said_of_someone,
    turkish_form,
    typed_in_turkish,
)
from mlcoach.influence.turkish_reading import (
    ENDING_AFTER_APOSTROPHE as _ENDING_AFTER_APOSTROPHE,
)
from mlcoach.influence.turkish_wishes import wished_of_others_tr
from mlcoach.influence.turkish_you import said_to_you_tr, their_change_tr
from mlcoach.influence.verb_forms import past_tense
from mlcoach.influence.wished_of_others import wishes_of_others
from mlcoach.influence.work_nouns import PRODUCTS, titled

_TRAILING = " \t.,;:!?…"


class Shape(Enum):
    """How the change can be put into a question (the key of its frame)."""

    VERB = "verb"  # "use the wiki": to {x}
    VERB_NO_LONGER = "verb_no_longer"  # stop + "send the mail": to no longer {x}
    VERB_NOT = "verb_not"  # "don't skip the retro": not to {x} ("no longer skip" would stop)
    START_NOUN = "start_noun"  # to start {x}
    STOP_NOUN = "stop_noun"  # to stop {x}
    TRY_NOUN = "try_noun"  # if we tried {x}
    HAVE = "have"  # "no more X", "fewer meetings": if we had {x}
    START_GERUND = "start_gerund"  # to start {x}
    STOP_GERUND = "stop_gerund"  # to stop {x}
    TRY_GERUND = "try_gerund"  # to try {x}
    GERUND_SUBJECT = "gerund_subject"  # "stopping the mail": how would {x} work for you
    IF_WE = "if_we"  # "what if we dropped it": if we {x}
    IF_CLAUSE = "if_clause"  # "what if standups were async": if {x}
    QUOTE_START = "quote_start"
    QUOTE_STOP = "quote_stop"
    QUOTE_OTHER = "quote_other"
    QUOTE_QUESTION = "quote_question"
    QUOTE_THOUGHT = "quote_thought"  # "nobody reads the status email": looked at together
    QUOTE_DONE = "quote_done"  # "retroyu cumaya aldık" in the English app: quoted, since
    DONE = "done"  # "we moved standup to 10": how it has been since
    NOW = "now"  # "we now do standups async": how it is going now that it is so


@dataclass(frozen=True, slots=True)
class Reading:
    """The change as the question will use it."""

    shape: Shape
    words: str  # what fills {x}: the user's words, shaped (or quoted text when quoting)
    topic: str | None = None  # "code reviews" in "code reviews: smaller PRs"
    verb_phrase: str | None = None  # a bare verb phrase for "do it yourself first: …"

    @property
    def quoted(self) -> bool:
        return self.shape.value.startswith("quote")


# The English word lists are in english_words.py; whether a change is an act or a thing,
# in act_or_thing.py.


def ends_with_abbreviation(text: str) -> bool:
    """Whether `text` ends with an abbreviation's dot ("… etc.", "9 a.m."), not a full stop."""
    return bool(_ABBREVIATION_END.search(text))


_CLAUSE_MARKS = re.compile(r"(?:[.!;]\s|\s[-–—]\s|\(|\)|\n|\?\s\S)")


def _starts_with(text: str, phrases: tuple[str, ...]) -> bool:
    low = text.lower()
    return any(low == p or low.startswith(p + " ") for p in phrases)


# Negations typed without their apostrophe, as in chat ("we shouldnt deploy on fridays").
_BARE_CONTRACTIONS = re.compile(
    r"(?<![\w'’])(should|could|would|must|do|does|did|is|are|was|were|ca|wo|have|has)nt(?!\w)",
    re.I)


def read_change(
    text: str, action: ChangeKind, language: str = "en", person: str | None = None
) -> Reading:
    """Return how `text` (the whole change, "instead of" included) can be asked about."""
    cleaned = re.sub(r"[?!]*\?[?!.…]*$", "?", " ".join(text.split()))  # "??", "?!" → "?"
    if language == "en":
        # "dont" → "don't", "DONT" → "DON'T" (not "DOn't")
        cleaned = _BARE_CONTRACTIONS.sub(lambda m: f"{m[0][:-1]}'{m[0][-1]}", cleaned)
    question = cleaned.rstrip(" .!…").endswith("?")
    core = cleaned.rstrip(_TRAILING).strip()
    if _ABBREVIATION_END.search(cleaned.rstrip(" !…?")):
        core += "."  # "move standup to 9:30 a.m.": the dot belongs to the word
    if language != "en":
        if person:  # «Ayşe'nin 1:1'ini cumaya aldık», said to Ayşe: «1:1'inizi …»
            cleaned, core = said_to_you_tr(cleaned, person), said_to_you_tr(core, person)
            theirs = None if question else their_change_tr(core, person)
            if theirs is not None:  # «Ayşe standup'ı 10'a aldı»: «… aldınız», checked in on
                return Reading(Shape.QUOTE_DONE, theirs)
        if question:
            return Reading(Shape.QUOTE_QUESTION, cleaned.rstrip(" .!…"))
        if action is ChangeKind.START and re.search("ba[şs]la", core.lower()):
            action = ChangeKind.DIFFERENTLY  # "… başlamak": no second "başlasak"
        return _quote_reading(core, action, question, language, _says_stop_tr(core))
    if _ARROW_LEFT.search(core):  # "move the notes -> wiki": unread, so quoted as typed
        return _quote_reading(core, action, question, "en", _says_stop_en(core))
    if _AT_ALL.search(core):  # "stop @channel pings": read as the word it is
        reading = _read_en(_AT_ALL.sub(r"atmark\1", core), action, question, person)
        back = _put_back(reading, lambda v: _AT_BACK.sub(r"@\1", v), ("topic", "verb_phrase"))
        assert back is not None  # it fits anywhere
        return back
    if "either" in core.casefold():  # "either async standups or shorter ones"
        plain = _strip_modal(strip_tails(_strip_fillers(without_spoken_label(core))))[0]
        either = _EITHER.match(plain)
        rest = plain[either.end():] if either is not None else ""
        first = rest.split()[0].casefold() if rest else ""
        if first:  # read without it, then said before the words it led
            reading = _read_en(rest, action, question, person)
            back = None if reading.quoted else _put_back(reading, lambda v: (
                "either " + v if v.casefold().startswith(first) else None))
            if back is not None:
                return back
    detail = _DETAIL.search(core)
    if detail is not None:  # "shorter standups (15 min max)": read without it, then kept
        back = _read_with_detail(core, detail, action, question, person)
        if back is not None:
            return back
    reading = _read_en(core, action, question, person)
    start = _START_SAID_LAST.search(core)
    if reading.quoted and start is not None and start.start():
        # "async standups, starting next month": read without when it starts, then kept
        said, when = core[:start.start()], " " + start["when"]
        last = said.split()[-1].casefold()
        alone = _read_en(said, action, question, person)
        back = None if alone.quoted else _put_back(alone, lambda v: (
            v + when if v.casefold().endswith(last) else None))
        if back is not None:
            return back
    return reading


# When a change starts or holds, said last: "…, starting next month", "… from January",
# "… again", "… this sprint".
_START_SAID_LAST = re.compile(rf",?\s+(?P<when>{CLOSING_WHEN})\s*[.!]*$", re.I)


def _read_with_detail(core: str, detail: re.Match[str], action: ChangeKind, question: bool,
                      person: str | None) -> Reading | None:
    """`core` read without its bracketed detail, the detail put back after the word it
    followed ("move standup to 10 (after the school run) for a sprint"); None where the
    reading is quoted or no longer has that word where it was."""
    said, after = core[:detail.start()], core[detail.end():]
    last = said.split()[-1] if said.split() else ""
    reading = _read_en(said + after, action, question, person)
    if reading.quoted or not last:
        return None
    if not after:
        return _put_back(reading, lambda v: (
            v + detail[0] if v.casefold().endswith(last.casefold()) else None))
    # the word before it, then the first word after it, once only
    at = re.compile(rf"(?<!\S){re.escape(last)}(?=\s+{re.escape(after.split()[0])}(?!\S))", re.I)

    def put(v: str) -> str | None:
        return at.sub(lambda m: m[0] + detail[0], v) if len(at.findall(v)) == 1 else None

    return _put_back(reading, put)


# An arrow the tidying did not say in words ("standups -> async" is "make standups async").
_ARROW_LEFT = re.compile(ARROW)


# "either … or …": the choice said with its lead, which no reading knows.
_EITHER = re.compile(r"(?i)^either\s+(?=\S.*\s+or\s+\S)")


# A closing detail in brackets, a few words: "(15 min max)", "(after the school run)";
# the asides that are no part of the change ("(just an idea)", "(too risky)") are off.
_DETAIL = re.compile(r"\s+\((?=[^()]*\w)[^()]{1,40}\)(?=\s+\w|$)")


def _put_back(reading: Reading, put: Callable[[str], str | None],
              fields: tuple[str, ...] = ("verb_phrase",)) -> Reading | None:
    """`reading` of a change read without a part of it (an @here, a lead, a closing
    detail), with the part put back by `put` into its words and, where they take it,
    into `fields`. `put` gives None where a text does not take it (reshaped: the words
    no longer start or end as the change did) and so does this: the whole is read as
    it was typed."""
    words = put(reading.words)
    if words is None:
        return None
    back: dict[str, Any] = {f: put(v) for f in fields if isinstance(v := getattr(reading, f), str)}
    return dataclasses.replace(reading, words=words,
                               **{f: v for f, v in back.items() if v is not None})


# "@here", "@channel": what they are called, a word of the change (said first, they
# call everyone: "@here let's start on time")
_AT_ALL = re.compile(r"(?<=\S\s)@(here|channel|everyone|all)(?![\w-])", re.I)
_AT_BACK = re.compile(r"(?<![\w-])atmark(here|channel|everyone|all)(?![\w-])", re.I)


# What "we could use" uses, not wants: the wiki, Slack, one thing instead of another.
_USED = re.compile(r"^(?:the|our|[A-Z][\w-]*['’]s)\b|\b(?:instead\s+of|rather\s+than)\b"
                   r"|,\s*not\b|(?:^|\b(?:in|on|via|through|with)\s+)(?:"
                   + "|".join(sorted(PRODUCTS)) + r")\b", re.I)


# Another sentence after the first, or a dash before what is said of it.
_SAID_AFTER = re.compile(r"(?<=\w\w)[.!;]\s+\S|\s[-–—]\s+\S")


def _read_en(core: str, action: ChangeKind, question: bool, person: str | None) -> Reading:
    # Turkish typed in the English app ("Toplantıyı 10'a alalım") is quoted whole; a
    # Turkish name in an English change ("pair with Doğan on releases") is not.
    if typed_in_turkish(core):
        if not question and new_arrangement_tr(core, turkish_form(core)):
            return Reading(Shape.QUOTE_THOUGHT, core)  # "demo … yapılmayacak": not to try
        if not question and made_tr(core):  # "retroyu cumaya aldık": a change made
            return Reading(Shape.QUOTE_DONE, core)
        return _quote_reading(core, action, question, "en", _says_stop_tr(core))
    if not question and (TURKISH_LETTERS.search(core) or _ENDING_AFTER_APOSTROPHE.search(core)) \
            and new_arrangement_tr(core, turkish_form(core)):
        return Reading(Shape.QUOTE_THOUGHT, core)  # "standup artık yazılı": not to try
    core = without_spoken_label(core)  # quoted, "heads up we're moving …" was kept whole
    body = strip_tails(_strip_fillers(core))
    adverb = _ADVERB_AFTER_ID.match(body)  # "I'd really like to …": as "I'd like to …"
    if adverb is not None:
        body = f"{adverb['id']} {body[adverb.end():]}"
    done = None if question else done_change(body) or said_changed(body) or (
        done_by(body, _name_pattern(person)) if person else None)
    now = None if question or done else now_change(body) or thing_now(body) or (
        _they_now(body, person) if person else None)
    if (done or now) and _SAID_AFTER.search(body):
        # "we tried async standups and hated them. Let's not do it again": the change made
        # and what is said of it, quoted together, not read into one sentence
        return Reading(Shape.QUOTE_DONE, core)
    if done is not None:
        if person:  # "we moved Dana's 1:1", said to Dana: "your 1:1"
            done = re.sub(rf"(?<![\w'’]){_name_pattern(person)}['’]s\b", "your", done, flags=re.I)
        return Reading(Shape.DONE, you_for(done, person))
    if now is not None:
        return Reading(Shape.NOW, you_for(now, person))
    had = None if question or _SAID_AFTER.search(body) else state_to_have(body)
    if had is not None:  # "zero Friday deploys", "Friday deploy freeze": if we had them
        return Reading(Shape.HAVE, lower_lead(had))  # "No meetings …": "if we had no …"
    kept = _WE_KEEP.match(body) if action is ChangeKind.STOP and not question else None
    if kept is not None:  # to stop: "we keep scheduling meetings over lunch" is what to stop
        again = _read_en(kept["doing"], action, question, person)
        if not again.shape.name.startswith("QUOTE"):
            return again
    if not question and (_REGRET.search(body) or _goes_wrong(_strip_modal(body)[0])
                         or is_a_judgement(body)):  # "standups: too long", "not a fan of …"
        return Reading(Shape.QUOTE_THOUGHT, core)  # "we should have tested it": not a plan
    problem = None if question else problem_named(body)
    if problem is not None and action is ChangeKind.STOP:  # "slow code reviews", no verb
        return Reading(Shape.STOP_NOUN, lower_lead(body))
    if problem is not None:  # "long standups": "if standups were shorter", not "tried"
        thing, better = problem
        return Reading(Shape.IF_CLAUSE, f"{thing} were {better}") if better \
            else Reading(Shape.QUOTE_THOUGHT, core)
    said_to_them = False
    if person and not question:
        together = _done_with_them(body, person, action)
        if together is not None:  # "pair with Dana on the migration", said to Dana
            return together
    if person:
        theirs = _to_the_person(body, person)
        # "Dana should be in the retro", "Dana could run standup": an act asked of them
        said_to_them = theirs != body and theirs in (
            _their_own_act(body, _name_pattern(person)),
            _wished_of_them(body, _name_pattern(person)))
        body = theirs
    says_stop = _says_stop_en(_strip_modal(body)[0])
    if ": " in body:
        head, _, rest = body.partition(": ")
        rest = rest.strip().rstrip(_TRAILING)
        asking = how_about_lead(head)  # "how about code reviews: smaller PRs"
        head = head[len(asking):].strip() if asking else head
        first = _plain(head.split()[0]) if head.split() else ""
        topic_ok = "," not in head and first not in _PREPOSITIONS | _SUBJECTS | _AUX
        if topic_ok and 0 < len(head.split()) <= 4 and rest and ": " not in rest:
            inner = _read_en(rest, action, question, person)
            if inner.quoted and bare_said(rest) != rest:  # "standups: blockers first"
                inner = _read_en(bare_said(rest), action, question, person)
            # "standups: me first" is no act ("to me first")
            pronoun = _plain(rest.split()[0]) in {"me", "you", "us", "them", "him", "her"}
            if not inner.quoted and inner.topic is None and not pronoun:
                return Reading(inner.shape, inner.words, head.strip(), inner.verb_phrase)
        return _quote_reading(core, action, question, "en", says_stop)
    lowered = body.lower().replace("’", "'")
    clause = _hypothesis(body)
    if clause is not None:
        yours = you_for(clause, person)
        if yours != clause:  # "if Dana were in the retro", said to Dana: to be in it
            verb, _, rest = yours[4:].partition(" ")
            base = "be" if verb == "were" else base_verb(verb)
            if base and rest and not _CLAUSE_MARKS.search(rest):
                act = f"{base} {rest}"
                return Reading(Shape.VERB, act, verb_phrase=act)
        return Reading(Shape.IF_CLAUSE, yours)
    for lead in _IF_WE:
        if lowered.startswith(lead + " ") and lead.endswith("we") \
                and not lowered.startswith(lead + " would "):
            rest = body[len(lead) + 1 :]
            if rest and not _CLAUSE_MARKS.search(rest) and len(rest.split()) <= _MAX_WORDS:
                return Reading(Shape.IF_WE, _in_the_past(rest))
    mine = _my_plan_asked(body, person)
    if mine is not None:
        return mine
    modal = False
    asking = how_about_lead(body)
    if asking is not None and not lowered.startswith(asking.lower() + " we "):
        body = gerund_as_act(body[len(asking) + 1 :])  # "how about owning …": to own …
    else:
        for lead in _WANTS:
            if lowered.startswith(lead + " "):
                rest = body[len(lead) + 1 :]
                if lead == "we could use" and _USED.search(rest) and not re.match(
                        r"(?i)(?:more|less|fewer|some|a\s+bit|a\s+lot)\b", rest):
                    break  # "we could use the wiki instead of email": used, not wanted
                wanted = _classify(rest, action, False, person)
                if wanted is not None and wanted.shape in _NOUN_SHAPES:
                    return Reading(Shape.HAVE, wanted.words)
                if wanted is not None and wanted.shape is Shape.VERB \
                        and _is_gerund(_plain(rest.split()[0])):
                    return wanted  # "I'd love moving standup to 10": to move it
                if wanted is not None and wanted.shape in (Shape.START_GERUND,
                                                           Shape.GERUND_SUBJECT):
                    # "I'd love moving standup to 10": to move it; "we need pairing on
                    # bugs": to start pairing on them
                    act = gerund_as_act(rest)
                    if act != rest:
                        return Reading(Shape.VERB, act, verb_phrase=act)
                    if wanted.shape is Shape.START_GERUND:
                        return wanted
        body, modal = _strip_modal(body)
    body = _strip_fillers(body)
    reading = _classify(body, action, modal or said_to_them, person)
    if reading is None and said_to_them and body.split() \
            and _plain(body.split()[0]) in _ROLE_VERBS and not _CLAUSE_MARKS.search(body):
        return Reading(Shape.VERB, body, verb_phrase=body)  # "lead standup", said to Dana
    if reading is None:
        if not question and _is_a_thought(body, action):
            return Reading(Shape.QUOTE_THOUGHT, core)
        return _quote_reading(core, action, question, "en", says_stop)
    return reading


def _in_the_past(rest: str) -> str:
    """"skip the retro" → "skipped the retro", "don't deploy …" → "didn't deploy …": after
    "if we", a hypothesis is said in the past."""
    first, _, after = rest.partition(" ")
    low = _plain(first)
    if low in ("all", "both", "just", "also", "always") and after:
        return f"{first} {_in_the_past(after)}"  # "what if we all write tests"
    if low in ("don't", "dont") and after:
        return f"didn't {after}"
    if low in ("could", "can") and after:  # "it would be great if we could pair …"
        then = _in_the_past(after)
        same = _plain(after.split()[0]) in _SAME_IN_THE_PAST  # "… if we could quit …"
        return then if then != after or same else rest
    past = past_tense(low) if low in _VERBS else None  # after "we", "pair" is a verb
    return f"{past} {_and_then_past(after)}".strip() if past else rest


# "… and use Slack instead", "… and post them": a second act, its own object after it
_AND_THEN = re.compile(r"(?<=\s)and\s+(?P<verb>[a-z]+)(?=\s+(?P<next>\S+))")


def _and_then_past(text: str) -> str:
    """"the retro and use Slack instead" → "the retro and used Slack instead": the second
    act of a hypothesis in the past too ("the retro and demo" stays: no object follows)."""
    def past(match: re.Match[str]) -> str:
        verb, nxt = match["verb"], match["next"]
        said = past_tense(verb) if verb in _VERBS and (
            _plain(nxt) in _OBJECT_MARKERS or nxt[:1].isupper() or nxt[:1].isdigit()) else None
        return f"and {said}" if said else match[0]
    return _AND_THEN.sub(past, text)


# "what if standups were async", "what if I blocked mornings for focus": a change asked
# as a hypothesis, its subject other than "we" (which _IF_WE reads).
_WHAT_IF = re.compile(r"^(?:what\s+if|imagine\s+if|suppose|supposing|how\s+about\s+if)\s+"
                      r"(?P<clause>\S.*)$", re.I)
_HYPOTHETICAL_VERBS = _words("were was had could got became")
# "what if standups didn't run over", "what if the on-call person didn't have sprint work"
_NOT_IN_HYPOTHESIS = _words("didn't didnt weren't werent wasn't wasnt")
_NOT_A_HYPOTHESIS = _PRONOUNS - {"i"} | _words(
    "it there this that nobody noone someone somebody anyone anybody everything nothing")


# Verbs whose past is their base ("put", "set", "cut"): after "what if Sam", the past.
_SAME_IN_THE_PAST = frozenset(v for v in _VERBS if past_tense(v) == v)


def _hypothesis_parts(body: str) -> tuple[str, str, str, str] | None:
    """(clause, subject, verb, rest) of "what if standups were async" ("standups were
    async", "standups", "were", "async"), when its verb is said as a hypothesis ("were",
    "had", a past tense); None otherwise."""
    match = _WHAT_IF.match(body)
    if match is None or _CLAUSE_MARKS.search(match["clause"]) \
            or len(match["clause"].split()) > _MAX_WORDS:
        return None
    words = match["clause"].split()
    # "what if someone from design shared mockups earlier": an act, whoever takes it up;
    # not "what if someone got sick" (a worry), nor "what if someone breaks prod"
    someone = _plain(words[0]) in ("someone", "somebody")
    if _plain(words[0]) in _NOT_A_HYPOTHESIS and not someone:
        return None  # "what if we …" is read as "if we"; "what if it breaks" is a worry
    if _plain(words[0]) == "i":
        verb = _plain(words[1]) if len(words) > 1 else ""
        if (base_verb(verb) is not None and _is_past(verb)) or (
                verb in _NOT_IN_HYPOTHESIS and len(words) > 2 and _plain(words[2]) in _VERBS):
            return match["clause"], words[0], words[1], " ".join(words[2:])
        return None  # ("what if I didn't check Slack after 6": not to do it)
    lead = 1 if _plain(words[0]) in _words("the our all every each my your") else 0
    for size in range(lead + 1, min(lead + 4, len(words))):
        verb, rest = _plain(words[size]), " ".join(words[size + 1:])
        if someone and not (rest and (size == 1 or _plain(words[1]) in ("from", "in", "on"))
                            and _is_past(verb) and verb not in _HYPOTHETICAL_VERBS
                            and base_verb(verb) in _VERBS):
            continue
        if verb in _HYPOTHETICAL_VERBS or (verb in _NOT_IN_HYPOTHESIS and rest) \
                or (_is_past(verb) and rest and verb != "ed") or (
                verb in _SAME_IN_THE_PAST and rest):  # "what if Sam put the notes …"
            return match["clause"], " ".join(words[:size]), words[size], rest
    return None


def _hypothesis(body: str) -> str | None:
    parts = _hypothesis_parts(body)
    return parts[0] if parts else None


# A switch's state, alone or where it holds: "on", "off during focus time" (not "on
# Tuesdays", a day).
_SWITCH = re.compile(r"(?:on|off)(?:$|\s+(?:during|in|for|at|when|while|until|after|before|by"
                     r"|outside)\b)", re.I)


def hypothetical_act(text: str) -> str | None:
    """A hypothesis as the act it proposes: "what if standups were async" → "make standups
    async", "what if I blocked mornings" → "block mornings"; None where no act can be
    told ("what if PRs were reviewed sooner": someone else's)."""
    body = strip_tails(_strip_fillers(" ".join(text.split()))).rstrip(_TRAILING)
    parts = _hypothesis_parts(body)
    if parts is None:
        return None
    _, subject, verb, rest = parts
    if subject.lower() in ("no one", "everyone", "everybody") and base_verb(_plain(verb)):
        # "what if no one deployed on Fridays": one's own part is not to deploy then
        act = f"{base_verb(_plain(verb))} {rest}".strip()
        return f"don't {act}" if subject.lower() == "no one" else act
    if subject.lower() == "i":
        base = "don't" if _plain(verb) in _NOT_IN_HYPOTHESIS else base_verb(_plain(verb))
        return _YOURS.sub(lambda m: _YOUR[m[0].lower()], f"{base} {rest}".strip()) \
            if base else None
    first = _plain(rest.split()[0]) if rest.split() else ""
    if _plain(verb) in ("were", "was") and _SWITCH.match(rest):
        return f"keep {subject} {rest}"  # "what if cameras were off": keep them so
    if _plain(verb) in ("were", "was") and first in _WHEN_OR_WHERE:
        # "what if releases were on Tuesdays": release on Tuesdays; "what if retros were
        # every two weeks": have them so (a meeting: the team's to decide)
        named = subject.split()
        if _plain(named[0]) in _words("the our"):
            named = named[1:]
        stem = _plain(named[-1])[:-1] if named and _is_plural(_plain(named[-1])) else ""
        if len(named) == 1 and stem in _VERBS:
            return f"{stem} {rest}"
        if stem in _VERBS:  # "code reviews", "design reviews": done, as one's own work
            return f"do {' '.join(named)} {rest}"
        return f"have {' '.join(named)} {rest}" if named else None
    if _plain(verb) in ("were", "was") and first and verb_of_participle(first) is None \
            and not first.endswith("ed") and first not in _PREPOSITIONS | _ARTICLES:
        return f"make {subject} {rest}"
    return None


# What says when or where a thing is: "were on Tuesdays", "were before noon".
_WHEN_OR_WHERE = _words("on in at before after every during by")


def _is_a_thought(body: str, action: ChangeKind) -> bool:
    """Whether the words say how things are or what someone feels ("I hate that we skip
    the retro", "nobody reads the status email", "last sprint we shipped without tests"),
    not something to try ("people pick their own tickets"). To start or stop, "we …" and
    "everyone …" are the plan itself ("we start standups at 9:30"): only "I …", "nobody
    …" and a time ("last sprint …") are thoughts then."""
    if action is ChangeKind.STOP and _SAYS_ENOUGH.search(body):
        return True  # "we don't need the Monday sync anymore": "stopped this: …" would double it
    if _HOW_IT_IS.search(body) or _REGRET.search(body):
        return True  # "our retros are too long", "Dana should have asked": how things are
    words = [_plain(w) for w in body.split()[:3]]
    said = len(words) > 1 and (words[1] in _CLAUSE_ADVERBS | _SAID_NOT | {"keep", "kept"}
                               or _is_past(words[1]))
    if said and words[0] in _SAID_OF_SOMEONE:
        return True  # "you never answer on Slack", "he missed the deadline": never a plan
    if said and body[:1].isupper() and words[0] not in _KNOWN and not _is_plural(words[0]) \
            and not body.split()[0].isupper():
        return True  # "Dana never answers", "Sam missed the demo"; not "PRs reviewed …"
    if words and _is_past(words[0]) and (len(words) == 1 or words[1] in _OBJECT_MARKERS):
        return True  # "skipped the retro again": what happened, to look at together
    if words[:2] == ["no", "one"]:
        words = ["nobody", *words[2:]]
    timed = bool(words) and words[0] in ("last", "yesterday")
    if timed:  # "last sprint we …"
        words = words[2:] if words[0] == "last" else words[1:]
    if not words or words[0] not in _THOUGHT_SUBJECTS:
        return False
    return timed or action is ChangeKind.DIFFERENTLY or words[0] in _FIRST_PERSON


# How things go wrong, said of a thing: "the build is broken", "deploys keep
# breaking", "standups take too long", "meetings start late".
_GOES_WRONG = re.compile(
    r"(?:(?<=\w)\s+keeps?\s+\w+ing\b|\b(?:is|are|was|were|gets|get)\s+"
    r"(?:(?:still|always|often|constantly|usually)\s+)?"
    r"(?:broken|late|down|failing|flaky|missing|skipped|ignored)\b|\b(?:takes?|took|runs?|"
    r"ran|drags?|dragged|goes|go|went)\s+(?:on\s+)?(?:too\s+long|long|forever|ages|over|"
    r"for\s+(?:days|weeks|hours|ages))\b|"
    # how long it takes: "PR reviews take days", "builds take 40 minutes"
    r"\b(?:takes?|took|lasts?|lasted|(?:runs?|ran|drags?\s+on|dragged\s+on|sits?|sat|waits?|"
    r"waited)\s+(?:(?:un\w+ed|idle|open|around)\s+)?for)\s+(?:(?:up\s+to|over|about|around|"
    r"almost|nearly|"
    r"at\s+least)\s+)?(?:(?:\d+\+?|an?|a\s+few|few|several|many|multiple|two|three)\s*)?"
    r"(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?)\b|"
    r"\b(?:starts?|started|ends?|ended|runs?|ran)\s+late\b|"
    r"\b(?:drags?|dragged|drones?|droned)\s+on\b|"
    r"\b(?:never|rarely|seldom|don['’]?t|doesn['’]?t)\s+(?:starts?|ends?|finish(?:es)?|begins?)"
    r"\s+on\s+time\b)", re.I)
# How things usually go, said of ours: "our retros always end without action items", "the
# builds never pass on Mondays". A thought to look at together: tried, it would read
# "if we tried our retros always end …" (a rule proposed comes without "our": "standups
# always start at 9:30").
_HOW_OURS_GO = re.compile(
    r"^(?:(?:all|most|some)\s+(?:of\s+)?)?(?:our|the|my|these|those)\s+(?:[\w'’:-]+\s+){0,2}?"
    r"[\w'’:-]+s\s+(?:always|never|usually|often|rarely|seldom|constantly|still)\s+[a-z]", re.I)


# "we keep scheduling meetings over lunch": what we do again and again, on purpose (not
# "we keep forgetting the retro", a slip to look at together)
_WE_KEEP = re.compile(r"^we\s+(?:(?:always|still)\s+)?keep\s+(?:on\s+)?(?!(?:forgetting|missing"
                      r"|losing|breaking|failing|getting|running\s+(?:late|over))\b)"
                      r"(?P<doing>[a-z][\w'’-]*ing\b.*)$", re.I)


def _goes_wrong(body: str) -> bool:
    """"the build is broken", not "fix the build when it is broken" or "wrap up standups
    that run over" (an act, with what goes wrong in a clause of its own)."""
    first = _plain(body.split()[0]) if body.split() else ""
    if _HOW_OURS_GO.match(body):
        return True
    found = _GOES_WRONG.search(body)
    return found is not None and first not in _VERBS | _STOP_VERBS | _STOP_GERUNDS \
        | _NEGATIONS_WORDS and not _is_gerund(first) \
        and not _SUBORDINATE.search(body[:found.start()])


_SUBORDINATE = re.compile(r"(?<![\w'’])(?:when|whenever|while|if|that|which|who|until|once|"
                          r"after|before|unless|because|as soon as)(?![\w'’])", re.I)


_NEGATIONS_WORDS = _words("no not never don't dont please let's lets make always")
# A clause that already says something should end ("… anymore", "… should stop").
_SAYS_ENOUGH = re.compile(
    r"(?<!\w)(?:don't|dont|do not|doesn't|does not|shouldn't|should not|no longer|"
    r"any ?more|(?:should|must|can|could) (?:stop|go|end)|isn't needed|is not needed|"
    r"not needed)(?!\w)", re.I)
_FIRST_PERSON = _words("i i'm i'd i've i'll nobody")
# What someone did or does, said of them: a complaint to look at, never a plan to try.
_SAID_OF_SOMEONE = _words("you you're you've he she he's she's")
_SAID_NOT = _words("didn't doesn't don't isn't wasn't won't can't keeps was")
_HOW_IT_IS = re.compile(r"(?<!\w)(?:is|are|was|were|gets|get|feels|feel|seems|seem)\s+"
                        r"(?:way\s+|far\s+|just\s+|really\s+)?(?:too|so)\s+\w", re.I)
_THOUGHT_SUBJECTS = _words(
    "i i'm i'd i've i'll we we're we'd we've we'll nobody everyone everybody they they're "
    "it's there's that's"
)


_TURKISH_LETTERS = TURKISH_LETTERS


def _name_pattern(person: str) -> str:
    """`person` as a pattern that takes either apostrophe ("O'Brien", "O’Brien"), and for a
    full name its first name too ("Dana Smith": "review Dana's PRs")."""
    def one(name: str) -> str:
        return "['’]".join(re.escape(part) for part in re.split("['’]", name))

    names = person.split()
    if len(names) < 2 or names[0].lower() in _ARTICLES | _DETERMINERS | _SUBJECTS:
        return one(person)  # "the platform team": a description, whole
    return f"(?:{one(' '.join(names))}|{one(names[0])})"


# Acts done together: "pair with Dana on the migration", said to Dana, is "if we paired on
# the migration"; another act with them is the user's ("share my notes with Dana": "if I
# shared my notes with you").
_TOGETHER = _words("pair work meet sync talk catch check have do plan brainstorm review "
                   "walk go run hold book schedule")


def _done_with_them(body: str, person: str,
                    action: ChangeKind = ChangeKind.DIFFERENTLY) -> Reading | None:
    """The user's act towards `person`, the one asked, as what the question supposes: "if
    we paired on the migration", "if I sent the agenda to you", "if I reviewed your PRs
    first"; to stop or start, a habit named ("interrupting Dana in meetings": "if we
    stopped interrupting you …"); None for other text."""
    first = _plain(body.split()[0]) if body.split() else ""
    lead = {ChangeKind.STOP: "stop", ChangeKind.START: "start"}.get(action)
    if lead and first.endswith("ing") and _is_gerund(first):
        return _done_with_them(f"{lead} {body}", person)
    name = _name_pattern(person)
    act = _strip_modal(_strip_fillers(body))[0]
    both = re.match(rf"(?:{name}\s+and\s+(?:i|me)|(?:i|me)\s+and\s+{name})\s+(?:(?:should|could"
                    r"|can|will|must|need\s+to|ought\s+to)\s+)?(?P<act>[a-z].*)$", act, re.I)
    if both:  # "Dana and I should pair more": what we would do
        verb, _, rest = both["act"].rstrip(" .!").partition(" ")
        past = past_tense(_plain(verb)) if _plain(verb) in _VERBS else None
        return Reading(Shape.IF_CLAUSE, f"we {past} {rest}".rstrip()) \
            if past and not _CLAUSE_MARKS.search(rest) and "," not in rest else None
    mine = next((p for p in _MY_PLAN if act.lower().replace("’", "'").startswith(p + " ")), None)
    if mine:  # "I'll pair with Dana on the migration": the act
        act = act[len(mine) + 1:].lstrip()
    match = re.match(rf"(?P<verb>[a-z][a-z-]*)(?P<mid>(?:\s+[^\s,;]+){{0,6}}?)\s+"
                     rf"(?P<prep>with|to|for)?\s*(?<!\w){name}(?P<poss>['’]s)?(?![\w'’])"
                     r"(?P<rest>[^;]*?)\s*[.!]*$", act, re.I)
    if match is None or len(re.findall(rf"(?<!\w){name}(?!\w)", act, re.I)) != 1:
        return None
    verb, poss = _plain(match["verb"]), bool(match["poss"])
    past = past_tense(verb) if verb in _VERBS and (poss or verb not in _ASKED_OF_THEM) \
        else None
    mid, rest, prep = match["mid"], match["rest"], (match["prep"] or "").lower()
    # "stop interrupting Dana in meetings": the act on them after "stop", "start", "keep"
    habit = verb in ("stop", "start", "keep", "quit") and _is_gerund(_plain(mid.strip()))
    if past is None or _ME_OR_YOU.search(f"{mid} {rest}") \
            or (not prep and ((mid and not habit) or (verb == "have" and not poss))) \
            or _CLAUSE_MARKS.search(act) or re.sub(r",\s*not\s[^,]*$", "", rest).count(",") \
            or re.match(r"\s*(?:(?:and|or|plus)\b|[&+/,])", rest, re.I):  # more people than them
        return None  # "ask Dana to …", "have Dana in the retro" are read below
    if prep == "with" and verb in _TOGETHER and not poss:  # "pair with Dana on the migration"
        return Reading(Shape.IF_CLAUSE, f"we {past}{mid}{rest}")
    whom = "your" if poss else "you"  # "review Dana's PRs first": "if I reviewed your PRs"
    said = f"{mid} {prep} {whom}{rest}" if prep else f"{mid} {whom}{rest}"
    # a habit towards them is likely the team's ("stop interrupting Dana"): "if we stopped …"
    return Reading(Shape.IF_CLAUSE, f"{'we' if habit else 'I'} {past} {' '.join(said.split())}")


# Verbs whose act with the person named is asked of them, read by _to_the_person.
_ASKED_OF_THEM = _words("ask let get invite encourage tell remind allow")


def _to_the_person(body: str, person: str) -> str:
    """The change as said to `person` themselves: "ask Dana to own X" → "own X", "let Dana
    run X" → "run X", "review Dana's PRs" → "review your PRs"."""
    name = _name_pattern(person)
    asked = re.match(rf"(?:(?:let['’]?s|lets|we\s+(?:should|could|can)|(?:can|could|should)\s+we)"
                     rf"\s+)?(?:please\s+)?(?P<verb>ask|let|have|get|invite|encourage|tell|remind"
                     rf"|allow)\s+{name}\s+"
                     r"(?P<rest>\S.*)$", body, re.I)
    if asked:
        verb, rest = asked.group("verb").lower(), asked.group("rest")
        first = _plain(rest.split()[0])
        if first in ("and", "or", "&", "plus") or rest.split()[0].endswith(","):
            return body  # "ask Dana and Priya to pair": more people than the one asked
        if first == "to":
            after = rest[3:].lstrip()
            if verb == "invite" and after and _plain(after.split()[0]) not in _VERBS:
                return f"join {after}"  # "invite Priya to the design review"
            if after and _plain(after.split()[0]) in _ARTICLES:
                return body  # "ask Dana to the …": not an act to put after "to"
            return (_said_to_them(after) or body) if after else body
        return rest if verb in ("let", "have") else body  # "ask Dana about …" stays whole
    own = _their_own_act(body, name) or _wished_of_them(body, name)
    if own is not None:
        return own
    body = re.sub(rf"(?<!\w){name}['’]s\b", "your", body, flags=re.I)
    # "weekly updates from Dana", "a sync with Dana": "from you", "with you"
    # ("with Dana and Priya": more people than the one asked, kept whole)
    return re.sub(rf"(?<=\w)(\s+(?:from|by|with|for)\s+){name}(?![\w'’])"
                  r"(?!\s*(?:[,&/+]|(?:and|or|plus)\b))", r"\1you", body, flags=re.I)


def you_for(words: str, person: str | None) -> str:
    """"Dana was in the retro", "Dana is on call", said to Dana: "you were in the retro",
    "you are on call"; other words as they came."""
    if not person:
        return words
    match = re.match(rf"(?:{_name_pattern(person)})\s+(?P<verb>[\w'’]+)(?P<rest>(?:\s.*)?)$", words,
                     re.I)
    if match is None:
        return words
    verb = match["verb"]
    low = verb.lower()
    if low in ("was", "were"):
        verb = "were"
    elif low in _IRREGULAR_PRESENT:
        verb = _IRREGULAR_PRESENT[low]
    elif low.endswith("s") and _base_form(low) in _VERBS | _ROLE_VERBS:
        verb = _base_form(low)
    return f"you {verb}{match['rest']}"


def _they_now(body: str, person: str) -> str | None:
    """"Dana now runs the retro", said to Dana: "Dana runs the retro" (then "you run …")."""
    match = re.match(rf"(?P<name>{_name_pattern(person)})\s+now\s+(?P<verb>[a-z]+s)\s+"
                     r"(?P<rest>[^?;]+?)\s*[.!]*$", body, re.I)
    if match is None or _base_form(match["verb"]) not in _VERBS | _ROLE_VERBS:
        return None
    return f"{match['name']} {match['verb']} {match['rest']}"


_NICE = r"(?:great|nice|good|helpful|awesome|cool|useful|ideal|better)"
_WISH_IF = r"^(?:it['’]?d|it\s+would|would)\s+be\s+" + _NICE + r"\s+"


def _wished_of_them(body: str, name: str) -> str | None:
    """"it'd be great if Dana joined the retro", "would be nice to have Dana in the retro",
    "Dana joining the retro would help": "join the retro", "be in the retro", said to Dana;
    None for other words."""
    said = re.match(rf"{_WISH_IF}if\s+{name}\s+(?P<verb>\S+)\s+(?P<rest>[^,;]+?)\s*[.!]*$",
                    body, re.I)
    if said:
        verb = _plain(said["verb"])
        base = "be" if verb in ("were", "was") else base_verb(verb)
        return _said_to_them(f"{base} {said['rest']}") if base else None
    said = re.match(rf"(?:can|could|should|would|will)\s+{name}\s+(?P<rest>(?:be|join|attend|lead|"
                    r"run|host|take|own|help)\b[^?;]*?)\s*\?*$", body, re.I)
    if said:  # "can Dana be at the design review?", said to Dana
        return _said_to_them(said["rest"])
    said = re.match(rf"{_WISH_IF}to\s+have\s+{name}\s+(?P<rest>(?:in|at|on|join|lead|run|"
                    r"host)\b[^,;]*?)\s*[.!]*$", body, re.I)
    if said:
        rest = said["rest"]
        return rest if _plain(rest.split()[0]) in _ROLE_VERBS | {"join", "run"} else f"be {rest}"
    said = re.match(rf"{name}\s+(?P<ing>[a-z]+ing)\s+(?P<rest>[^,;]+?)(?:\s+would\s+(?:really\s+)?"
                    rf"(?:help|be\s+{_NICE}))?\s*[.!]*$", body, re.I)
    if said:
        stem = said["ing"].lower()[:-3]
        base = next((b for b in (stem, stem + "e", stem[:-1]) if b in _VERBS | _ROLE_VERBS), None)
        return _said_to_them(f"{base} {said['rest']}") if base else None
    return None


# ("_ROLE_VERBS", in english_words.py: what a person may do in a change that names them.)
_MODALS_AFTER_NAME = _words("should could can would will might may must to")


def _their_own_act(body: str, name: str) -> str | None:
    """"Dana should run the demo", "Dana to run the demo", "Dana runs the demo": "run the
    demo", said to Dana. None when the change says something else of her ("Dana and Priya
    …", "Dana shouldn't …", "Dana's team …")."""
    said = re.match(rf"(?:(?:maybe|perhaps|ideally|i\s+think|i\s+feel\s+like|i\s+guess)\s*,?\s+)?"
                    rf"{name}\s+(?P<first>\S+)\s+(?P<rest>\S.*)$", body, re.I)
    if not said:
        return None
    first, rest = _plain(said.group("first")), said.group("rest")
    if first in ("needs", "has", "gets", "wants") and _plain(rest.split()[0]) == "to":
        first, rest = "to", rest.split(None, 1)[1] if len(rest.split()) > 1 else ""
        if not rest:
            return None
    if first in _MODALS_AFTER_NAME:
        after = _plain(rest.split()[0])
        if after in _words("not never no have") or not after.isalpha():
            return None  # a refusal, or the past ("should have asked")
        if after in _ARTICLES:
            return None  # "Dana to the release review": no act of hers to put after "to"
        return _said_to_them(rest)
    # Without a modal, only a role is taken as her part ("Dana leads the retro"): "Dana
    # interrupts people" or "Dana works late" say what she does now, often the very thing
    # to change, and asking her "to interrupt people" would be the opposite.
    if _base_form(first) in _ROLE_VERBS:
        act = f"{_base_form(first)} {rest}"  # "leads" → "lead"
        # "… and writes notes": each act of hers, in the same form
        act = re.sub(r"(?<=\sand\s)(\w+)(?!\S)", lambda m: _base_form(m.group(1))
                     if _base_form(m.group(1)) in _VERBS | _ROLE_VERBS else m.group(1), act)
        return _said_to_them(act)
    return None


_IRREGULAR_PRESENT = {"is": "are", "was": "were", "has": "have", "does": "do",
                      "isn't": "aren't", "wasn't": "weren't", "doesn't": "don't",
                      "goes": "go"}


def _base_form(word: str) -> str:
    """The form of a verb said to "you": "leads" → "lead", "fixes" → "fix"."""
    low = word.lower()
    if low in _IRREGULAR_PRESENT:
        return _IRREGULAR_PRESENT[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        return low[:-1]
    return low


_BLAME = re.compile(r",?\s+(?:but|though|although)\s+(?:she|he|they)\s+(?:never|always|still|"
                    r"won't|doesn't|don't|keeps|rarely|hardly|refuses)\b.*$", re.I)
# "before she merges", "when she's done": a time of her own act; "so that he knows" may
# be anyone, and stays.
_SHE = re.compile(r"(?P<lead>(?<![\w'’])(?:before|after|when|whenever|once|until|while|as soon "
                  r"as)\s+)(?:she|he)(?:\s+(?P<verb>[\w'’]+)|(?P<is>['’]s))(?![\w'’])", re.I)
_THIRD_PERSON = re.compile(r"(?<![\w'’])(?:she|he|her|his|him|she's|he's)(?![\w'’])", re.I)


# Her act on a thing of hers: "update her tickets daily" (not "give her feedback", where
# she is whom it is given to).
_HER_THING = re.compile(r"^(?P<verb>[a-z]+)\s+(?:her|his)\s+(?P<rest>[a-z][\w'’-]*\b.*)$", re.I)
_TO_SOMEONE = _words("give send show tell offer ask bring pass hand lend teach buy get email "
                     "message ping remind thank help let make call invite pay cc loop mentor "
                     "coach praise owe promise wish find leave")


def _said_to_them(act: str) -> str | None:
    """Her act with what it says of her said to her: "review her own PRs" → "review your
    own PRs", "tell me before she merges" → "tell me before you merge"; a clause of how she
    is ("… but she never does") is left out, since the question is not where to say it.
    None when a she/he/her is left that may be someone else ("check with Sam before he
    merges", "give her feedback"): then the words are quoted as typed."""
    act = _BLAME.sub("", act)
    act = re.sub(r"(?<![\w'’])(?:her|his) own(?![\w'’])", "your own", act, flags=re.I)
    act = re.sub(r"(?<![\w'’])(?:herself|himself)(?![\w'’])", "yourself", act, flags=re.I)
    others = any(w[:1].isupper() for w in act.split()[1:])  # another name: whose "he"?
    owned = _HER_THING.match(act)
    if owned and not others and _plain(owned["verb"]) in _VERBS \
            and _plain(owned["verb"]) not in _TO_SOMEONE:
        act = f"{owned['verb']} your {owned['rest']}"  # "update her tickets": her own
    if not others:
        def she(m: re.Match[str]) -> str:
            if m.group("is"):
                return m.group("lead") + "you're"
            verb = m.group("verb")
            keep = verb.lower() in _AUX and verb.lower() not in _IRREGULAR_PRESENT
            return m.group("lead") + "you " + (verb if keep else _base_form(verb))

        act = _SHE.sub(she, act)
    return None if _THIRD_PERSON.search(act) else act


# "cc me", "tell me when …", "ping me": someone else acts towards the user.
_ME = re.compile(r"(?<![\w'’])me(?![\w'’])", re.I)
# "respect my time", "answer my emails": someone else acts on what is the user's; "block
# my calendar", "share my screen", "review my own PRs" are the user's own acts.
_ON_MINE = re.compile(r"^(?:respect|value|read|answer|reply\s+to|review|approve|credit|"
                      r"acknowledge|support|trust|follow|check|prioriti[sz]e|consider)\s+"
                      r"(?:all\s+)?my\s+(?!own\b)", re.I)
# "ask Dana to …", "get the team to …": the act is theirs.
_ASKING = re.compile(r"(?:please\s+)?(?:ask|tell|remind|get|encourage|allow|expect|want"
                     r"|i(?:['’]d|\s+would)\s+(?:really\s+)?(?:like|love|prefer)"
                     r"|i\s+(?:really\s+)?(?:want|need))\s+"
                     r"(?P<who>(?:the|my|our)\s+team|[\w'’]+)\s+to\s+\w", re.I)
_OTHERS = _words("someone somebody everyone everybody people them him her others colleagues "
                 "juniors seniors devs developers engineers testers designers reviewers "
                 "managers leads pms")
_TR_ME = re.compile(r"(?<!\w)(?:bana|beni|benden|benimle)(?!\w)", re.I)
_TR_LET_THEM = ("sın", "sin", "sun", "sün", "sınlar", "sinler", "sunlar", "sünler")
# "yapılsın", "yazılsın" (let it be done) and "olsun" wish for a thing, name no one.
_TR_PASSIVE_WISH = ("ılsın", "ilsin", "ulsun", "ülsün", "ınsın", "insin", "unsun", "ünsün",
                    "olsun", "olsunlar",
                    # after a vowel ("incelensin", "okunsun") and not ("olmasın",
                    # "yapılmasın", "incelenmesin"): no one is named either
                    "nsın", "nsin", "nsun", "nsün", "olmasın", "olmasınlar", "lmasın",
                    "lmesin", "nmasın", "nmesin")


# A request said to someone by name: "Dana, could you …", "Dana, please …".
_CALLED = re.compile(r"^(?P<name>[A-ZÇĞİÖŞÜ][\w'’-]*(?:\s+[A-ZÇĞİÖŞÜ][\w'’-]*)?),\s+"
                     r"(?:please|pls|could\s+you|can\s+you|would\s+you|will\s+you)\b")


def asks_of_someone_else(text: str, language: str = "en", person: str | None = None) -> bool:
    """Whether the change is something another person would do, not the user: "respect
    my time", "cc me on client emails", "ask Dana to write docs", "Dana should review PRs",
    "Ahmet test yazsın", "kamerayı açmayı unutmayın". The user cannot lead it by example."""
    name = _first_name(person)
    if language != "en":
        text = _harmonised(text)
        if _TR_ME.search(text):
            return True
        words = re.findall(r"[\w']+", text.replace("İ", "i").replace("I", "ı").lower())
        while len(words) > 1 and words[-1] in _TR_PARTICLES:
            words.pop()
        last = words[-1] if words else ""
        named = bool(name and words and words[0].split("'")[0] == name.replace("i̇", "i"))
        if named and (last in _TR_NEEDED
                      or not last.endswith((*_TR_VERBAL_NOUN, *_TR_MY_OWN))):
            return True  # "Mehmet raporu cumaya göndersin", "Ayşe'nin bakması lazım";
            # not "Ayşe ile … yapacağım"
        if words[0] in ("sen", "siz") and len(words) > 2 \
                and not last.endswith((*_TR_VERBAL_NOUN, *_TR_MY_OWN)):
            return True  # "sen PR'lara bir gün içinde bak"
        if (len(last) >= 5 and last.endswith(_TR_YOU_DO) and last not in _TR_NOT_SAID_OF) \
                or (len(words) > 1 and _tr_imperative(last)):
            return True  # "sözümü kesmeyin", "testleri ekleyin", "raporu gönderin": to them
        if "benim" in words and not last.endswith(_TR_VERBAL_NOUN):
            return True  # "benim PR'larımı incele"
        if wished_of_others_tr(text):
            return True  # "Ayşe PR'lara bir gün içinde baksa çok iyi olur": hers to do
        if _TR_WANT_OF_THEM.search(text) or (
                len(words) > 2 and words[1] in _TR_GROUP
                and not last.endswith((*_TR_MY_OWN, *_TR_VERBAL_NOUN, "alım", "elim"))):
            return True  # "Ayşe'nin … bakmasını isterim", "tasarım ekibi … paylaşsa"
        return turkish_form(text) == "proposal" and len(last) >= 5 \
            and last.endswith(_TR_LET_THEM) and not last.endswith(_TR_PASSIVE_WISH) \
            and last not in _TR_NOT_PROPOSALS  # "raporu cumaya kadar göndersin"
    called = _CALLED.match(" ".join(text.split()))
    if called and called["name"].lower() not in _words("team all everyone everybody folks "
                                                        "guys hey hi hello so ok okay"):
        return True  # "Dana, could you take notes", "Dana, please review my PR": to Dana
    body = _strip_modal(_strip_fillers(" ".join(text.split())))[0]
    if _ME.search(body) or _ON_MINE.match(body) or wishes_of_others(body):
        return True  # "what if the design team shared mockups earlier": theirs
    words = [_plain(w) for w in body.replace("’", "'").split()[:3]]
    with_me = words[1:3] in (["and", "i"], ["and", "me"])  # "Dana and I will pair …"
    if len(words) > 1 and not with_me and (words[0] == name or words[0] in _OTHERS or (
            body[:1].isupper() and words[0] not in _KNOWN | _THOUGHT_SUBJECTS
            and not _is_plural(words[0]) and words[1] in _THEY_OUGHT
            and words[2:3] != ["be"]
            and (words[1] != "to" or (len(words) > 2 and words[2] in _VERBS)))):
        return True  # "Dana needs to write tests", "people should update Jira"
    if _HAVE_THEM.match(body) or _SOMEONE_COULD.match(body):
        return True  # "have the team fill in the template", "can someone update the docs"
    have = _HAVE_NAMED.match(body)
    if have and name and _plain(have["who"]) == name:
        return True  # "make Dana own the release notes" (not "make Confluence the wiki")
    asked = _ASKING.match(body)
    if asked is None:
        return False
    who = asked.group("who")
    return (who[:1].isupper() and _plain(who) not in _KNOWN) or _plain(who) in _OTHERS \
        or who.lower().endswith(" team") or _plain(who) == name


# «Ayşe'nin PR'lara bakmasını isterim»: what the user wants of someone else.
_TR_WANT_OF_THEM = re.compile(r"^\S+['’]n?[ıiuü]n\s.*\wm[ae]s[ıi]n[ıi]\s+(?:çok\s+)?(?:isterim"
                              r"|istiyorum|rica\s+ederim)\s*[.!]*$", re.I)
# A team named as the subject: «tasarım ekibi maketleri erken paylaşsa».
_TR_GROUP = _words("ekibi takımı grubu birimi ekipleri takımları")
# "Dana should …", "Sam needs to …": what someone else ought to do.
_THEY_OUGHT = _words("should must needs need has have ought shall will to")
_HAVE_THEM = re.compile(r"(?:please\s+)?(?:have|make|get)\s+(?:the\s+team|everyone|everybody|"
                        r"people|them|him|her|all\s+of\s+them)\s+\w", re.I)
_HAVE_NAMED = re.compile(r"(?i:please\s+)?(?i:have|make)\s+(?P<who>[A-ZÇĞİÖŞÜ][\w'’-]+)\s+"
                         r"(?P<act>[a-z]\w*)")
_SOMEONE_COULD = re.compile(r"(?:can|could|would|will)\s+(?:someone|somebody|anyone|anybody|"
                            r"one\s+of\s+you)\b", re.I)
# Said to them: "kesmeyin", "ekleyin", "unutmayın".
_TR_YOU_DO = ("meyin", "mayın", "yin", "yın", "yun", "yün")


# Acts that are a person's habit, not a team's practice: "stop interrupting people",
# "being late to standup", "checking Slack in one-to-ones". A stop of one of these is
# feedback to a colleague, said in private, not a step to pause and bring back.
_HABIT_ACTS = _words(
    "interrupt interrupting micromanage micromanaging multitask multitasking overcommit "
    "overcommitting blame blaming criticise criticising criticize criticizing nag nagging "
    "complain complaining procrastinate procrastinating gossip gossiping shout shouting "
    "yell yelling dismiss dismissing snap snapping mock mocking sigh sighing apologise "
    "apologising apologize apologizing vent venting"
)
# "being late", "being so negative": a way of being; not "being on call", a rota.
_HABIT_BEING = _words("late rude negative defensive sarcastic dismissive harsh short so too "
                      "always passive-aggressive loud")
_AFTER_HOURS = ("work working email emailing message messaging text texting answer answering "
                "reply replying ping pinging")
# … and these when the rest says how or when ("working late", "talking over people").
_HABIT_IF = {
    "late": _words("arrive arriving come coming show showing turn turning join joining "
                   "work working stay staying reply replying answer answering"),
    "over": _words("talk talking speak speaking"),
    "off": _words("cut cutting"),
    "during": _words("check checking look looking scroll scrolling text texting type "
                     "typing"),
    "weekends": _words(_AFTER_HOURS),
    "night": _words(_AFTER_HOURS),
    "midnight": _words(_AFTER_HOURS),
}
_HABIT_LEADS = ("the habit of", "stop", "stopping", "quit", "quitting", "no more", "no longer",
                "don't", "do not", "never", "avoid", "avoiding")
_TR_HABITS = ("sözünü kes", "sözümü kes", "lafını kes", "lafımı kes", "sözünü böl",
              "araya gir", "geç kal", "geç gel", "bağırmak", "bağırma", "suçlamak",
              "suçlama", "eleştirmek", "şikayet etmek", "şikâyet etmek", "görmezden gel",
              "dedikodu yap", "mikro yönet", "kaba davran", "alay et", "telefona bak",
              "telefonla oyna")


def is_a_habit(text: str, language: str = "en") -> bool:
    """Whether a change to stop is a person's habit ("interrupting people in meetings",
    "toplantılarda sözünü kesmek") rather than a practice ("the Monday status call")."""
    if language != "en":
        low = text.replace("İ", "i").replace("I", "ı").lower()
        return any(stem in low for stem in _TR_HABITS)
    body = _strip_modal(_strip_fillers(" ".join(text.split())))[0]
    changed = True
    while changed:
        changed = False
        for lead in _HABIT_LEADS:
            if _starts_with(body, (lead,)) and len(body) > len(lead):
                body, changed = body[len(lead) + 1 :], True
    words = [_plain(w) for w in body.split()]
    if not words:
        return False
    if words[0] in _HABIT_ACTS:
        return True
    if words[0] in ("be", "being"):
        return len(words) > 1 and words[1] in _HABIT_BEING
    rest = words[1:8]
    return any(words[0] in acts and when in rest for when, acts in _HABIT_IF.items())


def _the_month(word: str, before: str) -> bool:
    """Whether "May" is the month ("from May", "in May"; "we may" is no month)."""
    return _plain(word) == "may" and (word[0] == "M" or _plain(before) in _PREPOSITIONS)


def _strip_fillers(text: str) -> str:
    """Drop "please", "maybe", "I think" and the like from the front, repeatedly, and a
    label before a colon ("Idea: …", "FYI, …"; not "Proposal reviews every Friday")."""
    changed = True
    while changed:
        changed = False
        lowered = text.lower().replace("’", "'")
        for filler in _FILLERS + _LABELS:
            if lowered.startswith(filler) and len(text) > len(filler):
                after = text[len(filler)]
                dash = filler in _LABELS and re.match(r"\s+[-–—]\s+\S", text[len(filler):])
                said = filler in _SPOKEN_LABELS and after == " " \
                    and _LABEL_THEN.match(lowered[len(filler) + 1:]) is not None
                # ("I propose async standups": a filler too, not only a label's colon)
                label = filler in _LABELS and (filler not in _FILLERS or filler in _SPOKEN_LABELS)
                if after in (",:" if label else " ,:") or dash or said:
                    text = text[len(filler) :].lstrip(" ,:-–—")
                    changed = True
                    break
    return text


def strip_tails(text: str) -> str:
    """Drop trailing "please", "thanks" and the like ("… pls thx")."""
    while True:
        shorter = _strip_one_tail(text)
        if shorter == text:
            return text
        text = shorter


def _strip_one_tail(text: str) -> str:
    lowered = text.lower()
    for tail in _TAILS:
        if lowered.endswith(tail) and len(text) > len(tail) + 3:
            before = text[: -len(tail)].rstrip(" -–—/")  # "use the wiki - thanks"
            last = before.split()[-1].lower() if before.split() else ""
            if last in _ARTICLES | _PREPOSITIONS | _words("of or and than") | set(ARROWS) \
                    and len(tail.split()) < 3:  # ("the day before when you get a chance")
                return text  # "end each retro with a thank you", "instead of maybe",
                # "weekly -> maybe"
            return before.rstrip(_TRAILING)
    return text


# "we really should", "we definitely need to", "we probably shouldn't": the modal said
# with an adverb, as it is without
_ADVERB_BEFORE_MODAL = re.compile(
    r"^(?P<who>we|you)\s+(?:really|definitely|probably|honestly|seriously|actually|just|"
    r"totally|absolutely|genuinely|perhaps|maybe|also|still|certainly|clearly)\s+(?=(?:should|"
    r"could|can|must|need|have\s+to|ought|might|may|shall)(?:n['’]?t)?\b)", re.I)


# "I'd happily drop …", "I'd much rather …": how one would do it, no part of the act
_ADVERB_AFTER_ID = re.compile(r"^(?P<id>i(?:['’]d|\s+would))\s+(?:happily|gladly|probably|"
                              r"personally|actually|really|honestly|definitely|totally|also|"
                              r"much|still|then|certainly|genuinely|absolutely)\s+(?=\S)", re.I)
# "I'd have the retro on Friday", "I'd rather move standup", "I'd prefer to move …": the
# act one would choose (not "I'd have liked …", "I'd have been …": a regret)
_ID_CHOOSE = re.compile(r"^i(?:['’]d|\s+would)\s+(?:rather\s+(?!not\b|we\b|they\b|you\b|"
                        r"have\b)|prefer\s+to\s+|(?=have\s+(?:the|a|an|our|my|one|two|"
                        r"standup|retro|demo|planning|1:1s?)\b))", re.I)


def _strip_modal(text: str) -> tuple[str, bool]:
    """Drop "we should", "let's", "could we" … and say whether a verb phrase must follow."""
    adverb = _ADVERB_BEFORE_MODAL.match(text)
    if adverb is not None:
        text = f"{adverb['who']} {text[adverb.end():]}"
    adverb = _ADVERB_AFTER_ID.match(text)  # "personally I'd happily …", after a filler
    if adverb is not None:
        text = f"{adverb['id']} {text[adverb.end():]}"
    chosen = _ID_CHOOSE.match(text)
    if chosen is not None and _plain(text[chosen.end():].split(" ", 1)[0]) in _VERBS | {"have"} \
            and len(text[chosen.end():].split()) > 1:
        return _strip_fillers(text[chosen.end():]), True
    lowered = text.lower().replace("’", "'")
    for lead in _NEG_MODALS:
        if lowered.startswith(lead + " ") and len(text) > len(lead) + 1:
            rest = _strip_fillers(text[len(lead) + 1 :])
            if lead.endswith(("keep", "go on")) and rest.split() \
                    and _is_gerund(_plain(rest.split()[0])):
                return "stop " + rest, True  # "we can't keep skipping the retro"
            return ("not " + rest if not lead.endswith("stop") else "stop " + rest), True
    for lead in _MODALS:
        if lowered.startswith(lead + " ") and len(text) > len(lead) + 1:
            rest = _strip_fillers(text[len(lead) + 1 :])
            words = rest.split()
            if lead.endswith("we") and len(words) > 2 and words[0].lower() == "all" \
                    and _plain(words[1]) in _VERBS:
                rest = rest.split(None, 1)[1]  # "how about we all pair on bugs": to pair …
            if lead in ("going to", "gonna") and rest.split()[:1] and \
                    _plain(rest.split()[0]) in _ARTICLES:
                continue  # "going to the gym on Fridays": a place, not "to try the gym"
            if lead in _WE_WANT and rest.split()[:1] \
                    and _plain(rest.split()[0]) in ("be", "see", "have", "get"):
                continue  # "we want to be faster", "… to see fewer meetings": no act
            if lead in ("i'd", "i would") and rest.split()[:1] \
                    and _plain(rest.split()[0]) in _WOULD_NO_ACT:
                continue  # "I'd love async standups", "I'd like to see …": a wish
            if lead in _WILL and (not rest.split()
                                  or _plain(rest.split()[0]) not in _VERBS | {"not"}):
                continue  # "we will never ship on time", "we'll need more tests": no plan
            if re.match(r"(?i)(?:instead\s+of|rather\s+than)\b", rest):
                continue  # "to instead of 0": no act after the lead, which is then a word
            if "every" in lead:  # "update their tickets", said to each: "your tickets"
                rest = _THEIRS.sub(lambda m: _YOUR_OWN[m[0].lower()], rest)
            if lead.endswith("mind"):  # "would you mind pairing with Ana …": to pair
                rest = gerund_as_act(rest)
            return rest, True
    proposed = re.match(r"we\s+(?=(?:stop|quit|drop|cancel|switch|introduce|try)\s)", lowered)
    if proposed:  # "we stop merging on Fridays": a verb of change, said as the plan ("we
        # start standups at 9:30" says when they start)
        return text[proposed.end():], True
    return text, False


_WILL = ("we'll", "we will", "we're going to", "we are going to")
# Acts done once, not kept up: "moving standup to 10" is to move it, not to start moving it
_DONE_ONCE = frozenset(("move", "switch", "change", "shift", "cancel", "rename", "merge",
                        "split", "replace", "swap", "reschedule", "bump", "push", "retire",
                        "archive"))
# What "I'd" says before no act of the listener's: a wish, a view, leave asked
_WOULD_NO_ACT = frozenset(("like", "love", "prefer", "rather", "say", "suggest", "propose",
                           "recommend", "vote", "be", "want", "hate", "mind", "appreciate",
                           "argue", "guess", "think", "imagine", "need", "have", "not", "never"))
_WE_WANT = frozenset(_MODALS[_MODALS.index("we want to"):_MODALS.index("we should really")])


def _classify(body: str, action: ChangeKind, modal: bool, person: str | None) -> Reading | None:
    """Shape `body` (fillers and modals gone), or None when it can only be quoted."""
    if not body or _CLAUSE_MARKS.search(body) or len(body.split()) > _MAX_WORDS:
        return None
    if (body.isupper() and " " in body) or _title_case(body):
        # Typed in capitals or Title Case: quoted as typed, not shouted mid-sentence nor
        # lowered (which would lower the names in "Pair With Dana On Releases" too).
        return None
    a, b, joiner = _split(body)
    words = a.split()
    low = _plain(words[0])
    second = _plain(words[1]) if len(words) > 1 else ""
    tail = (f", {joiner}" if joiner == "not" else f" {joiner}") + f" {b}" if b else ""
    if person and re.search(rf"(?<!\w){_name_pattern(person)}(?!\w)", a):  # "Mark", not "mark"
        return None  # the change names the person it is said to: quote it
    if low in _FRONTED:  # "on Fridays no deploys": never "if we tried on Fridays …"
        moved = _fronted_moved(words) if not b else None
        return _classify(moved, action, modal, person) if moved else None
    if low == "be" and second and second not in _PRONOUNS | _AUX \
            | _ARTICLES | {"not", "never"} and not any(_plain(w) in _AUX for w in words[1:]):
        x = "be" + a[2:]  # "be on time", "Be kind in reviews": an act, said so
        if action is ChangeKind.STOP and not b:
            return Reading(Shape.VERB_NO_LONGER, x, verb_phrase=f"no longer {x}")
        return Reading(Shape.VERB, x + tail, verb_phrase=x + tail)
    # "have a demo on Fridays", "have QA join refinement": an act, as after "let's"; not
    # "have you seen …" nor "have reviewed the PRs" (what is done)
    have_act = low == "have" and bool(second) and second not in _words("been got gotten to") \
        and not _is_past(second)
    if low in _SUBJECTS or (low in _AUX and not ((modal or have_act) and low in _VERBS | {"be"})) \
            or second in _PRONOUNS:
        return None  # a clause or a question ("we use …", "is the standup useful")
    if words[0][:1].isupper() and len(words) > 2 and second.endswith("s") \
            and second[:-1] in _VERBS and _plain(words[2]) in _ARTICLES:
        return None  # "Mark runs the standup": a name and what they do, not "to mark"
    negated = {"not", "never", "don't", "to", "longer"}
    if any(_plain(w) in _AUX and _plain(before) not in negated and not _the_month(w, before)
           for before, w in itertools.pairwise(_main_clause(words))) \
            or "," in a or "," in (b or ""):
        return None
    if second in ("not", "never", "longer") and not a.lower().startswith(("do not ", "no longer ")):
        return None  # "do not" alone, "why not": nothing to reshape
    x = lower_lead(a)
    if low in ("not", "don't", "dont", "never") or a.lower().startswith(("do not ", "no longer ")):
        return _negation(a, words, low, tail)
    if low in _QUANTITIES:
        if len(words) < 2 or (low == "no" and second in _VERBS | {"longer"}):
            return None
        if low == "no" and second == "more" and len(words) > 2 and _is_gerund(_plain(words[2])):
            # "no more skipping the retro": a stop of the act, not "if we had no more skipping"
            return Reading(Shape.STOP_GERUND, " ".join(words[2:]) + tail)
        if not _looks_like_noun_phrase(words, low):
            return None
        return Reading(Shape.HAVE, x + tail)
    # a stop's own verb before what it stops, to stop: "kill meetings over lunch", "stop
    # 8am meetings" (read as a thing, "if we did away with kill meetings …" or quoted)
    stops = action is ChangeKind.STOP and low in _STOP_VERBS | _REMOVAL_VERBS \
        and len(words) > 1 and second not in _words("of to and or") \
        and not heads_a_compound(low, second)
    if stops or _verb_shape(words, low, modal):
        if x == a and low not in _KNOWN | PRODUCTS and words[0][:1].isupper() \
                and words[0][1:].islower() and words[0].isalpha() \
                and second in _ARTICLES | _words("it them him her us me everyone everybody"):
            x = words[0][0].lower() + a[1:]  # "Call the design team": a verb we do not list
        if action is ChangeKind.STOP and low not in _STOP_VERBS | _REMOVAL_VERBS and not b \
                and not _starts_with(a, _STOP_PHRASES) and not _moves_to(a) \
                and not _FREE_OF.search(a):  # "keep Fridays deploy-free" says the stop
            if _LATER_STOP.search(a):
                return None  # "use the wiki and stop emailing": "no longer" would undo it
            return Reading(Shape.VERB_NO_LONGER, x, verb_phrase=f"no longer {x}")
        return Reading(Shape.VERB, x + tail, verb_phrase=x + tail)
    if low in _NOUNISH and len(words) >= 3 and _is_plural(second) \
            and _plain(words[2]) in _PREPOSITIONS | _NUMBERS \
            and (second not in _COMPOUND_HEADS or low in _CONDUCT_VERBS) \
            and not heads_a_compound(low, second):
        # "end meetings five minutes early", "log decisions in the wiki": an act or a thing
        # ("demo days on Fridays")? Quoted whole, which reads right either way; but the
        # head of a compound is no object left here ("release trains every two weeks",
        # "test plans for every feature"; "end meetings early" was read as the act above)
        return None
    if low in _ING_MODIFIERS and (not second or not (_is_plural(second) or second in _MASS)):
        low_is_gerund = True  # "working on five things", "working late"; not "working lunches"
    else:
        low_is_gerund = _is_gerund(low)
    if low_is_gerund:
        removal = low in _REMOVAL_GERUNDS or _starts_with(a, _STOP_GERUND_PHRASES) \
            or _moves_to(a)
        if low in _STOP_GERUNDS or (removal and action is ChangeKind.STOP) \
                or (low in ("starting", "beginning") and action is ChangeKind.START) \
                or (low == "trying" and action is not ChangeKind.STOP):  # not "start trying"
            return Reading(Shape.GERUND_SUBJECT, x + tail)
        act = gerund_as_act(x)
        if action is ChangeKind.START and act != x and act.split()[0].lower() in _DONE_ONCE:
            return Reading(Shape.VERB, act + tail, verb_phrase=act + tail)  # not "start moving"
        if action is ChangeKind.START:
            return Reading(Shape.START_GERUND, x + tail)
        if action is ChangeKind.STOP and not b:
            return Reading(Shape.STOP_GERUND, x + tail)
        return Reading(Shape.TRY_GERUND, x + tail)
    if not b and practice_named(a):  # "code review before merge": the practice, as named
        named = a[0].lower() + a[1:] if words[0][1:].islower() else a  # "Code review"
        shape = {ChangeKind.START: Shape.START_NOUN, ChangeKind.STOP: Shape.STOP_NOUN}
        return Reading(shape.get(action, Shape.TRY_NOUN), named)
    if not b and meeting_named(a):  # "design review": a design review, or the one we have
        named = a[0].lower() + a[1:] if words[0][1:].islower() else a  # "Design review"
        x = ("the" if action is ChangeKind.STOP else "an" if low[:1] in "aeiou" else "a") \
            + " " + named
        shape = {ChangeKind.START: Shape.START_NOUN, ChangeKind.STOP: Shape.STOP_NOUN}
        return Reading(shape.get(action, Shape.TRY_NOUN), x)
    if not _looks_like_noun_phrase(words, low):
        return None
    if len(words) == 1 and not b and not (_is_plural(low) and words[0].islower()):
        return None  # a lone singular word: quote it ("standup" → “Standup”)
    if action is ChangeKind.START:
        return Reading(Shape.START_NOUN, x + tail)
    if action is ChangeKind.STOP and not b:
        if _FREE_OF.search(a):  # "meeting-free Fridays": what the stop brings
            return Reading(Shape.HAVE, x)
        return Reading(Shape.STOP_NOUN, x + tail)
    return Reading(Shape.TRY_NOUN, x + tail)


# Prepositions that say where or when, said first: "on Fridays no deploys".
_FRONTED = _words("in on at with without for by after before during from within across over "
                  "under via per through around between")


def _fronted_moved(words: list[str]) -> str | None:
    """"on Fridays no deploys" → "no deploys on Fridays": a short place or time said
    before what it is about, put after it; None where no such order is told."""
    for at in range(2, min(5, len(words) - 1)):
        if _plain(words[at]) in _QUANTITIES | _ARTICLES - _words("every each all") \
                and not words[at - 1].endswith(","):
            rest = words[at:]
            if len(rest) > 1 and not any(_plain(w) in _FRONTED for w in rest):
                return " ".join(rest + words[:at])
            return None
    return None


# What opens a clause of its own after an act: "record meetings for people who can't
# join", "close tickets when they are done", "put the roadmap where everyone can see it",
# "share notes so people can catch up"; an auxiliary inside it is not the change's.
_CLAUSE_OPENERS = _words("who which that when whenever once after before until unless if "
                         "while because where wherever so")


def _main_clause(words: list[str]) -> list[str]:
    """The words up to a relative or time clause that follows an act's verb and object
    (from the third word on: "that is …" and "when is …" open the change themselves)."""
    if not words or _plain(words[0]) not in _VERBS:
        return words  # "the standup that is always late": a thing, how it is
    for at, word in enumerate(words):
        if at >= 2 and _plain(word) in _CLAUSE_OPENERS:
            return words[:at]
    return words


# A later clause that is itself the stop ("use the wiki and stop emailing the report").
_LATER_STOP = re.compile(r"\s(?:and|then|or|but)\s+(?:stop|quit|no longer|don't|do not|never|"
                         r"avoid|drop|cancel|skip)\b", re.I)

_NOUN_SHAPES = frozenset((Shape.START_NOUN, Shape.STOP_NOUN, Shape.TRY_NOUN, Shape.HAVE))


def _negation(a: str, words: list[str], low: str, tail: str) -> Reading | None:
    """ "not/don't/never/no longer X" as a question, without stacking negations."""
    n = 2 if a.lower().startswith(("do not ", "no longer ")) else 1
    rest = re.sub(r"\s+any\s?more$", "", " ".join(words[n:]), flags=re.I)  # "no longer" says it
    if not rest:
        return None
    rest_first = _plain(words[n])
    if rest_first == "forget" and len(words) > n + 2 and _plain(words[n + 1]) == "to" \
            and low != "never" and not a.lower().startswith("no longer "):
        x = "remember to " + " ".join(words[n + 2:])  # "let's not forget to update …"
        return Reading(Shape.VERB, x + tail, verb_phrase=x)
    if rest_first in _STOP_VERBS and not a.lower().startswith("no longer "):
        # "don't skip the retro", "never cancel the demo": a stop not to make
        if low == "never":
            x = lower_lead(a)
            return Reading(Shape.VERB, x + tail, verb_phrase=x)
        return Reading(Shape.VERB_NOT, rest + tail, verb_phrase=f"don't {rest}")
    if rest_first in _STOP_GERUNDS | _STOP_VERBS | {"no", "not", "never", "don't"}:
        return None  # "not stopping X" means carrying on: quote rather than guess
    if _is_gerund(rest_first):
        return Reading(Shape.STOP_GERUND, rest + tail)
    if rest_first in _VERBS:
        if low == "never" or a.lower().startswith("no longer "):
            x = lower_lead(a)
            return Reading(Shape.VERB, x + tail, verb_phrase=x)
        return Reading(Shape.VERB_NO_LONGER, rest + tail, verb_phrase=f"no longer {rest}")
    return None


# What one uses rather than tries: a place, a tool, a thing written ("the wiki", "a release
# checklist", "feature flags"). A practice or a meeting is tried ("async standups").
_TOOLS = _words(
    "wiki doc docs document documents template templates checklist checklists board boards "
    "dashboard dashboards channel channels thread threads tool tools tracker spreadsheet "
    "spreadsheets sheet sheets form forms bot bots script scripts runbook runbooks playbook "
    "playbooks linter linters formatter calendar calendars label labels tag tags hook hooks "
    "flag flags video videos recording recordings card cards sizes bullet bullets points "
    "emoji emojis page pages repo repos branches tickets format formats agenda agendas notes "
    "list lists queue inbox log logs email mail chat alias prefix place places guide guides "
    "diagram diagrams glossary standard standards timer timers tracker trackers folder "
    "folders drive issue issues field fields laptop laptops whiteboard whiteboards phone "
    "phones screen screens")
# Names of ways of working, not tools: "try Kanban".
_METHODS = _words("kanban scrum scrumban xp tdd bdd safe lean pomodoro shape")


def names_a_tool(text: str) -> bool:
    """Whether a thing to try is a tool, a place or a written thing, which one uses ("the
    wiki", "GitHub Discussions", "a release checklist"), not a practice, which one tries
    ("mob programming on Fridays", "a weekly demo", "no-meeting Wednesdays")."""
    words = text.split()
    if not words:
        return False
    head = _head(words)
    plain = _plain(head)
    if plain in _TOOLS:
        return True
    # a product's name ("Slack", "GitHub Discussions"); not a day, an acronym ("PRs",
    # "QA") or a method ("Kanban")
    return head[:1].isupper() and any(ch.islower() for ch in head[1:]) \
        and plain not in ALWAYS_CAPITAL and plain not in _METHODS \
        and not head[1:].rstrip("s").isupper()


# Not "may": a modal far more often than the month
ALWAYS_CAPITAL = _words(
    "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays "
    "thursdays fridays saturdays sundays i"
) | (frozenset(MONTHS) - {"may"})
_TITLE_SMALL = _words("the a an to for of and on in with at by from our my your every each")


def _title_case(text: str) -> bool:
    """Whether every word is capitalised, small ones too ("Stop Sending The Status Email")."""
    lettered = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    if len(lettered) < 2 or not all(w[:1].isupper() and w[1:2].islower() for w in lettered):
        return False  # "PR Reviews" has an acronym: "the PR reviews" reads as typed
    if all(_plain(w) in ALWAYS_CAPITAL for w in lettered[1:]):
        return False  # "No-meeting Wednesdays" is written as it should be
    # Three capitalised words are a title ("Move Standup Earlier"); two are one when the
    # first is not a verb ("Weekly Demo"), as "Use Jira" names a tool after its verb.
    return (len(lettered) >= 3 or any(_plain(w) in _TITLE_SMALL for w in lettered[1:])
            or _plain(lettered[0]) in _KNOWN - _VERBS)


def lower_lead(text: str) -> str:
    """Lower the first letter when the first word is a common word typed in sentence case."""
    first = text.split(" ", 1)[0]
    if len(first) >= 2 and first[0].isupper() and first[1:].islower() and not titled(text):
        low = first.lower()
        second = _plain(text.split()[1]) if len(text.split()) > 1 else ""
        if low in _KNOWN or (low.endswith("ing") and low not in _NOT_GERUNDS) \
                or (low in _COMPOUND_LEADS and second in _ING_HEADS):  # "Mob programming"
            return first[0].lower() + text[1:]
    return text


_SPLIT = (
    re.compile(r"^(?:instead of|rather than)\s+(?P<b>[^,]+?)\s*,\s*(?P<a>.+)$", re.I),
    re.compile(r"^(?P<a>.+?)[\s,]+(?P<j>instead of|rather than)\s+(?P<b>.+)$", re.I),
    # "use the wiki, not email", "demo on Fridays, not monthly": what it is not, said after
    re.compile(r"^(?P<a>.+?),\s*(?P<j>not)\s+(?P<b>[^,]+)$", re.I),
)


def _split(text: str) -> tuple[str, str | None, str]:
    for pattern in _SPLIT:
        match = pattern.match(text)
        if match:
            a = match.group("a").strip(" ,")
            b = match.group("b").strip(" ,")
            joiner = (match.groupdict().get("j") or "instead of").lower()
            if a and b:
                return a, b, joiner
    return text, None, ""


def _moves_to(text: str) -> bool:
    """"move the standup to async", "switching from email to Slack": says what comes."""
    if re.match(r"keep(?:ing)?\s.+\sfrom\s", text, re.I):  # "keep the retro from running over"
        return True
    return _starts_with(text, tuple(_TO_VERBS)) and bool(
        re.search(r"\s(?:to|into)\s", text, re.I))


# "deploy-free Fridays", "no-meeting Wednesdays", "zero meetings on Fridays", "meetingless
# Fridays", "try not to…", "…: no longer needed": the stop is said already. ("without" and
# "with no" are not: "deploying without tests" is what a user wants stopped.)
_FREE_OF = re.compile(
    r"\w-free(?![\w-])|(?<![\w-])no-\w|^(?:(?:let's|lets|we|please)\s+)?(?:have\s+)?"
    r"(?:zero|0)\s+[a-z]"
    r"|(?:meeting|email|paper|slack|call|deploy|notification|ping)s?less(?!\w)"
    r"|(?<![\w'’])(?:try|trying)\s+not\s+to\s|(?<![\w'’])no\s+longer\s+(?:needed|necessary)",
    re.I)


def says_stop(text: str, language: str) -> bool:
    """Whether the change says "stop" in its own words ("stop emailing", "no more X",
    "toplantıyı iptal edelim"), after what leads it ("let's", "we should")."""
    if language != "en":
        return _says_stop_tr(text)
    return _says_stop_en(_strip_modal(_strip_fillers(" ".join(text.split())))[0])


def _says_stop_en(text: str) -> bool:
    if _moves_to(text) or _LATER_STOP.search(text) or _FREE_OF.search(text):
        return True
    return _starts_with(text, (*_STOP_VERBS, *_STOP_GERUNDS, *_REMOVAL_VERBS,
                               *_REMOVAL_GERUNDS, *_STOP_PHRASES, *_STOP_GERUND_PHRASES,
                               *_NEGATIONS, "no more", "no"))


_ONE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _quote_reading(
    core: str, action: ChangeKind, question: bool, language: str, says_stop: bool
) -> Reading:
    words = core
    # not "iOS", "gRPC", "iPhone": names as written; nor a link or a file ("https://…")
    if " " not in words and words.islower() and _ONE_WORD.fullmatch(words):
        words = _upper_first(words, language)
    if question and language == "en":
        shape = Shape.QUOTE_QUESTION
        words += "?"  # the user's own question mark, inside the quotes
    elif action is ChangeKind.START and not (
            says_stop if language != "en" else _starts_with(core, (*_NEGATIONS, "no more"))):
        shape = Shape.QUOTE_START  # but not "started this: “Stop Sending The Status Email”"
    elif action is ChangeKind.STOP and not says_stop:
        shape = Shape.QUOTE_STOP
    else:
        shape = Shape.QUOTE_OTHER
    return Reading(shape, words)


def _upper_first(word: str, language: str) -> str:
    if language == "tr":
        first = {"i": "İ", "ı": "I"}.get(word[0], word[0].upper())
    else:
        first = word[0].upper()
    return first + word[1:]


def strip_lead(text: str) -> str:
    """`text` without the fillers and modals in front ("we should use X" → "use X")."""
    text = " ".join(text.split())
    body = _strip_fillers(text)
    lowered = body.lower()
    lead = how_about_lead(body)
    if lead is not None and not lowered.startswith((lead.lower() + " we ",
                                                    lead.lower() + " if ")):
        body = body[len(lead) + 1 :]
    else:
        body = _strip_modal(body)[0]
    body = _strip_fillers(body)
    if body.lower().startswith(("instead of", "rather than")) or not any(
        ch.isalnum() for ch in body
    ):
        return text  # only a filler was typed before "instead of": keep it all
    return body


# The user's own plan, which leading by example acts on: "I want to answer within a day".
# Asked of a colleague it stays the user's ("I'd like to run the retro" is not theirs).
_MY_PLAN = ("i keep meaning to", "i've been meaning to", "i have been meaning to",
            "i really want to", "i really need to", "i want to",
            "i'd like to", "i would like to", "i'd love to", "i would love to",
            "i plan to", "i'm planning to", "i am planning to", "i intend to", "i'm going to",
            "i am going to", "i will", "i'll", "i need to", "i must", "i should", "i'll try to",
            "i will try to", "i try to", "i have to", "i'm gonna", "i'm keen to",
            "i am keen to", "i'm happy to", "i am happy to", "i'd be happy to",
            "i would be happy to", "happy to", "i'd be keen to", "i would be keen to",
            # an offer: "I can take notes in planning", "glad to own the on-call calendar"
            "i'm glad to", "i'd be glad to", "glad to", "i'm willing to", "i'd be willing to",
            "willing to", "i'm ready to", "ready to", "i can", "i could")


def _my_plan_asked(body: str, person: str | None) -> Reading | None:
    """"I want to review PRs within a day" as what the colleague is asked about: "if I
    reviewed PRs within a day" (the user's own act, said in the past as a supposition);
    None where the rest is no plain act or its verb has no past we can tell."""
    lowered = body.lower().replace("’", "'")
    lead = next((p for p in _MY_PLAN if lowered.startswith(p + " ")), None)
    if lead is None:
        return None
    rest = _strip_fillers(body[len(lead) + 1:].lstrip())
    # read as said, whatever the kind: "no longer" before what they want would undo it
    reading = _classify(rest, ChangeKind.DIFFERENTLY, True, person)
    if reading is None or reading.shape is not Shape.VERB:
        return None
    verb, _, after = reading.words.partition(" ")
    past = past_tense(_plain(verb)) if _plain(verb) in _VERBS else None
    if past is None or not after:
        return None
    return Reading(Shape.IF_CLAUSE, f"I {past} {_and_then_past(after)}")


# Words that say the user or the one asked is in the act: "help me …", "with you".
_ME_OR_YOU = re.compile(r"(?<![\w'’])(?:me|us|you|your|yours|we|our)(?![\w'’])", re.I)


def my_act(text: str) -> str:
    """`text` without "I want to", "I'll" … in front ("from now on" too): the act the
    user will do, said to them ("keep my update short" → "keep your update short")."""
    body = _strip_fillers(" ".join(text.split()))
    lowered = body.lower().replace("’", "'")
    for lead in _MY_PLAN:
        if lowered.startswith(lead + " ") and len(body) > len(lead) + 1:
            act = body[len(lead) + 1:].lstrip()
            return _YOURS.sub(lambda m: _YOUR[m[0].lower()], act)
    return text


_THEIRS = re.compile(r"(?<![\w'’])(?:their|theirs|themselves|themself)(?![\w'’])", re.I)
_YOUR_OWN = {"their": "your", "theirs": "yours", "themselves": "yourself",
             "themself": "yourself"}
_YOURS = re.compile(r"(?<![\w'’])(?:my|mine|myself)(?![\w'’])", re.I)
_YOUR = {"my": "your", "mine": "yours", "myself": "yourself"}


def display_name(name: str, language: str = "en") -> str:
    """A person's name as it should be shown: typed all in lower case, each word
    capitalised ("dana smith" → "Dana Smith"; a group only its first: "Platform team");
    otherwise as typed ("van Dijk")."""
    name = " ".join(name.split()).lstrip("@")  # "@dana", as a mention is typed
    first = name.split(" ", 1)[0].lower() if name else ""
    if name[:1].islower() and first not in _ARTICLES | _SUBJECTS | _DETERMINERS \
            and not any(ch.isupper() for ch in name):  # "van Dijk", "de Souza": as typed
        # a Turkish letter says how its "i" is capitalised, whatever the app's language
        casing = "tr" if _TURKISH_LETTERS.search(name) else language
        words = name.split(" ")
        if any(w.casefold() in _GROUPS for w in words):  # "platform team": a description
            return _upper_first(name, casing)
        # "dana smith" → "Dana Smith", "o'brien" → "O'Brien", "ahmet bey" → "Ahmet Bey"
        return " ".join(re.sub(r"(?:^|(?<=^\w['’]))\w", lambda m: _upper_first(m[0], casing), w)
                        for w in words)
    return name  # "the platform team" is a description, not a name: keep it as typed


# Words that make a "name" a group of people: its other words are not capitalised.
_GROUPS = _words("team teams group squad crew department dept folks devs engineers "
                 "managers leads staff ekip ekibi takım takımı grup grubu birim birimi "
                 "arkadaşlar arkadaşlarım arkadaşlarımız")


# Words that, alone, ask for no change ("ok", "thanks", "hmm", "stop", "lütfen"): the
# one-word fillers and every word of the tails above, and a few of their own.
_ASKS_NOTHING = (
    frozenset(p for p in _FILLERS if " " not in p)
    | frozenset(w for tail in _TAILS for w in tail.split())
    | _TR_PARTICLES
    | _words("okey k you yes no sure fine hello urgent tbd todo idk etc na lol kinda sorta "
             "tamam teşekkür "
             "ederim sağ ol acil evet hayır merhaba selam peki olur belki hmm hm hmmm umm "
             "um uh n a stop start quit change bırak bırakmak başla başlamak değiştir")
)


def asks_nothing(words: Iterable[str]) -> bool:
    """Whether these (casefolded) words, all of them, say no change at all."""
    return set(words) <= _ASKS_NOTHING


# "send fewer emails", "deploy less often", "daha az toplantı": more or less of something,
# which "no longer …" would turn into its opposite ("no longer send fewer emails").
_MORE_OR_LESS = re.compile(r"(?<![\w'’])(?<!no )(?<!any )(?:less|fewer|more)(?![\w'’])", re.I)
_TR_MORE_OR_LESS = re.compile(r"(?<!\w)daha(?!\w)", re.I)


def wording_action(text: str, action: ChangeKind, language: str = "en") -> ChangeKind:
    """The action the words should be put in: a stop of "more" or "less" of something
    that does not say stop itself is a change of how much ("send fewer emails")."""
    if action is not ChangeKind.STOP:
        return action
    if language == "en":
        body = _strip_modal(_strip_fillers(text))[0]
        if _MORE_OR_LESS.search(body) and not _says_stop_en(body):
            return ChangeKind.DIFFERENTLY
    elif _TR_MORE_OR_LESS.search(text) and not _says_stop_tr(text):
        return ChangeKind.DIFFERENTLY
    return action


# Said of a person ("you always interrupt me", "Dana never reviews PRs", "he missed the
# deadline", "hep geç kalıyorsun"): a question built on it would read as blame.
_BLAMED = _SAID_OF_SOMEONE | _words("they they've they're")
# Turkish said to "you": "…kalıyorsun", "unuttun", "göndermediniz".
_TR_TO_YOU = ("yorsun", "yorsunuz", "madın", "medin", "madınız", "mediniz", "dın", "din",
              "dun", "dün", "dınız", "diniz", "dunuz", "dünüz", "tın", "tin", "tun", "tün",
              "tınız", "tiniz", "tunuz", "tünüz")


def _first_name(person: str | None) -> str | None:
    """The word a change names `person` by ("Dana" of "Dana Smith"); None for a group or
    a description ("the team", "our designers")."""
    words = person.lstrip("@").split() if person else []
    if not words or words[0].lower() in _ARTICLES | _DETERMINERS | _SUBJECTS:
        return None
    return _plain(words[0])


def complains_of_someone(text: str, language: str = "en", person: str | None = None) -> bool:
    """Whether `text` says what a person does or did wrong rather than a change."""
    body = strip_tails(_strip_fillers(" ".join(text.split()).rstrip(_TRAILING)))
    if language != "en" or typed_in_turkish(body):
        return _tr_complains(body, person)
    words = [_plain(w) for w in body.replace("’", "'").split()[:3]]
    if len(words) < 2:
        return False
    # the person asked, by name; another capitalised word may be a tool ("Jenkins keeps
    # failing"), which is how things are, looked at together
    named = words[0] == _first_name(person)
    if person and words[0] in (f"{_first_name(person)}'s", f"{_first_name(person)}s'") \
            and not _MORE_SAID.search(body) and (_HOW_IT_IS.search(body) or is_a_judgement(body)):
        return True  # "Dana's updates are too long", said to Dana: how she does it, judged
    if not (named or words[0] in _BLAMED) or _MORE_SAID.search(body):
        return False  # "Dana always shares notes, everyone could do that": praise, a plan
    if _NO_NEED.match(" ".join(words[1:3]) + " " + " ".join(
            _plain(w) for w in body.split()[3:4])):
        return False  # "you don't need to cc everyone", "you never have to ask first"
    if named and person and done_by(body, _name_pattern(person)) is not None:
        return False  # "Dana moved standup to 10": a change she made, checked in on
    said = words[1] in _CLAUSE_ADVERBS | _SAID_NOT or _is_past(words[1]) or (
        words[1] in ("keep", "keeps", "kept") and len(words) > 2 and _is_gerund(words[2]))
    return said or bool(_REGRET.search(body))


# A clause after the first ("…, let's do that again"): more is said than a complaint.
_MORE_SAID = re.compile(r"[,;:—–]|\s-\s")
# Leave to the person, not blame: "don't need to", "never have to", "still need to".
_NO_NEED = re.compile(r"(?:don't|doesn't|dont|doesnt|never|still|do not)\s+(?:need|have|has)"
                      r"(?:\s+to)?\b|(?:do|does)\s+not\s+(?:need|have)\b", re.I)


def _tr_complains(body: str, person: str | None) -> bool:
    body = _harmonised(body)
    words = re.findall(r"[\w']+", body.replace("İ", "i").replace("I", "ı").lower())
    while len(words) > 1 and words[-1] in _TR_PARTICLES:
        words.pop()
    if not words:
        return False
    last = words[-1]
    if len(last) >= 5 and last.endswith(_TR_TO_YOU) and last not in _TR_NOT_SAID_OF \
            and _tr_said_of_someone(last):
        return True  # "hep geç kalıyorsun", "testleri yine unuttun"
    first = str(person).lstrip("@").split()[0].replace("İ", "i").replace("I", "ı").lower() \
        if _first_name(person) else None
    if person and their_change_tr(body, str(person).lstrip("@")) is not None:
        return False  # «Ayşe standup'ı 10'a aldı», said to Ayşe: her change, checked in on
    return first is not None and len(words) > 1 and words[0].split("'")[0] == first \
        and turkish_form(body) == "statement" and not last.endswith(_TR_MY_OWN) \
        and not (len(last) >= 4 and last.endswith(("sa", "se"))) \
        and not made_tr(body)  # "Ayşe retroda olsa": a wish; "Ayşe'nin 1:1'ini … aldık": ours
    # "Mehmet toplantılarda telefona bakıyor"; not "Ayşe ile kod incelemesi yapacağım"


# Turkish endings of the user's own act: the future and the first person.
_TR_MY_OWN = ("acak", "ecek", "acağım", "eceğim", "acağız", "eceğiz", "ım", "im", "um", "üm",
              "ız", "iz", "uz", "üz", "yorum", "yoruz")


def is_not_an_act(text: str, language: str = "en",
                  action: ChangeKind = ChangeKind.DIFFERENTLY) -> bool:
    """Whether `text` asks a question or says how things are, where an act of one's own is
    wanted ("Is the weekly sync still useful?", "the standup is too long"); `action`: the
    kind chosen ("flaky tests" to stop is an act, to start or try none)."""
    body = " ".join(text.split())
    if language != "en":
        form = turkish_form(body)
        last = (re.findall(r"[\w']+", _harmonised(body).lower()) or [""])[-1]
        # "…geç kaldı", "…uzun sürüyor": how things are; "…geleceğim", "…paylaşıyorum":
        # the user's own act, said in the future or the first person
        said = set(re.findall(r"[\w']+", _harmonised(body).lower()))
        if action is not ChangeKind.STOP and problem_named_tr(body):
            return True  # «gereksiz toplantılar»: no act to start or try
        return form == "question" or body.rstrip(" .!…").endswith("?") or (
            form == "statement" and (not last.endswith(_TR_MY_OWN) or (
                last.endswith("yoruz") and bool(_TR_AS_ALWAYS & said))))  # "hep geç …"
    if _plain((_strip_fillers(body).split() or [""])[0]) in _FIRST_PERSON - {"nobody"} \
            and not body.rstrip(" .!…").endswith("?"):
        return False  # "I always send the agenda a day ahead": the user's own, quoted
    reading = read_change(body, ChangeKind.DIFFERENTLY, "en")
    if action is ChangeKind.STOP and problem_named(strip_tails(_strip_fillers(body))):
        return False  # "pointless meetings", to stop: one's own to go without
    if reading.shape is Shape.IF_CLAUSE and reading.words.startswith("I "):
        return False  # "our standup: I'll keep my update short", asked "if I kept …"
    return reading.shape in (Shape.QUOTE_QUESTION, Shape.QUOTE_THOUGHT, Shape.IF_CLAUSE,
                             Shape.DONE, Shape.NOW, Shape.QUOTE_DONE)  # "if PRs were …"
