"""Influence coach: compose a suggestion for moving one person towards one change.

All wording lives in ``resources/coach/<lang>.toml``; this module only picks and fills it.
Output is deterministic: variety comes from a stable hash of the request, never `random`.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from mlcoach.domain.errors import MlcoachError
from mlcoach.domain.i18n import N_, Term
from mlcoach.domain.ids import sha256
from mlcoach.domain.model import ChangeKind, Size, Style
from mlcoach.influence.act_or_thing import a_thing_used, base_verb, heads_a_compound
from mlcoach.influence.amounts import says_an_amount_or_a_want
from mlcoach.influence.chat_marks import one_line, spoken_name, without_marks
from mlcoach.influence.conditionals import without_consent
from mlcoach.influence.dated_changes import as_proposed, dated_decision, dated_note
from mlcoach.influence.english_words import _MASS, _NOUNISH, _VERBS, ABBREVIATION, plain_word
from mlcoach.influence.fragments import how_first, rhythm_first
from mlcoach.influence.judgements import problem_named_tr
from mlcoach.influence.letters import restored
from mlcoach.influence.made_changes import already_made
from mlcoach.influence.no_change import says_no_change
from mlcoach.influence.occasions import one_occasion
from mlcoach.influence.phrasing import (
    Reading,
    Shape,
    asks_nothing,
    asks_of_someone_else,
    complains_of_someone,
    display_name,
    ends_with_abbreviation,
    hypothetical_act,
    is_a_habit,
    is_not_an_act,
    lower_lead,
    my_act,
    names_a_tool,
    read_change,
    strip_lead,
    wording_action,
    you_for,
)
from mlcoach.influence.retro_labels import continues, turkish_retro_column
from mlcoach.influence.settled_questions import one_day_news, settled_key, without_label
from mlcoach.influence.shared_decisions import decided_together, ours_to_decide
from mlcoach.influence.starts_later import starts_later
from mlcoach.influence.stated_rules import stated_rule
from mlcoach.influence.stated_states import should_go
from mlcoach.influence.tidying import (
    addressed_name,
    column_after_greeting,
    first_of_several,
    ought_of_all,
    ought_of_all_act,
    proposed_en,
    retro_column,
    settled_en,
    tidy_change,
    unwrapped,
    wished_of_all,
    without_aside,
    without_chat_lead,
    without_note_label,
    without_reason,
)
from mlcoach.influence.turkish_made import announced_tr, made_tr, new_arrangement_tr
from mlcoach.influence.turkish_news import one_day_news_tr
from mlcoach.influence.turkish_reading import says_stop_tr, turkish_form
from mlcoach.influence.turkish_wishes import wished_of_others_tr
from mlcoach.influence.verb_forms import gerund
from mlcoach.influence.whose_act import as_mine
from mlcoach.influence.work_nouns import common_case, common_words

logger = logging.getLogger(__name__)

LANGUAGES = ("en", "tr")
MAX_CHANGE_CHARS = 500
EXAMPLE_CHANGE = N_("move the release checklist into the wiki instead of email")

# Days until the suggested follow-up, per audience and size (small, medium, large).
# Reassurance-minded people get the most time; an example needs longest to be noticed.
_FOLLOW_UP_DAYS: dict[str, tuple[int, int, int]] = {
    Style.FACTS.value: (3, 5, 8),
    Style.ENTHUSIASM.value: (2, 3, 6),
    Style.REASSURANCE.value: (3, 5, 10),
    Style.CREDIBILITY.value: (2, 5, 9),
    "mixed": (2, 4, 7),
    "example": (5, 7, 14),
}
_SIZE_INDEX = {Size.SMALL: 0, Size.MEDIUM: 1, Size.LARGE: 2}

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
_TRAILING = " \t.,;:!?…"

# "A instead of B", "instead of B, A", "A rather than B", "B yerine A" (Turkish).
_SPLITS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:instead of|rather than)\s+(?P<b>[^,]+?)\s*,\s*(?P<a>.+)$", re.I),
    re.compile(r"^(?P<a>.+?)[\s,]+(?:instead of|rather than)\s+(?P<b>.+)$", re.I),
    re.compile(r"^(?P<b>.+?)\s+yerine\s*,?\s*(?P<a>.+)$", re.I),
)


class ComposerError(MlcoachError, ValueError):
    """The request cannot be composed; the message is one plain line for the user, a
    template the app says in the user's language."""


@dataclass(frozen=True, slots=True)
class SuggestionRequest:
    """What the user asked the influence coach for."""

    change: str
    style: Style | None
    action: ChangeKind = ChangeKind.DIFFERENTLY
    size: Size = Size.MEDIUM
    person: str | None = None
    by_example: bool = False
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Composed:
    """A composed influence suggestion, ready to show, copy or save."""

    style: Style | None
    opening: str
    tips: tuple[str, str, str]
    question: str
    avoid: str
    next_step: str
    follow_up_days: int
    by_example: bool
    language: str = "en"
    action: ChangeKind = ChangeKind.DIFFERENTLY
    size: Size = Size.MEDIUM
    person: str | None = None
    change: str = ""

    def as_text(self) -> str:
        """Return a readable block for copy/paste and the CLI, headed in its own language."""
        labels = _catalog(self.language).table("labels")
        kind = "example" if self.by_example else (self.style.value if self.style else "mixed")
        title = " · ".join(
            (
                _str(labels, "title_example" if self.by_example else "title"),
                _str(labels["audience"], kind),
                _str(labels["action"], self.action.value),
                _str(labels["size"], self.size.value),
            )
        )
        lines = [title]
        if self.person:
            name = display_name(self.person, self.language)
            lines.append(_fill(_str(labels, "person_line"), {"name": name}))
        opening = (
            self.opening
            if self.by_example
            else _fill(_str(labels, "quoted"), {"text": self.opening})
        )
        heading = "opening_example" if self.by_example else "opening"
        tips = "tips_example" if self.by_example else "tips"
        lines += ["", _str(labels, heading), opening, "", _str(labels, tips)]
        lines += [f"- {tip}" for tip in self.tips]
        if self.question:
            lines += ["", _str(labels, "question"), self.question]
        lines += ["", _str(labels, "avoid"), self.avoid, "", _str(labels, "next_step")]
        lines.append(self.next_step)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-able mapping of the suggestion."""
        return {
            "style": self.style.value if self.style else None,
            "by_example": self.by_example,
            "action": self.action.value,
            "size": self.size.value,
            "person": self.person,
            "change": self.change,
            "language": self.language,
            "opening": self.opening,
            "tips": list(self.tips),
            "question": self.question,
            "avoid": self.avoid,
            "next_step": self.next_step,
            "follow_up_days": self.follow_up_days,
        }


@dataclass(frozen=True, slots=True)
class GuessOption:
    """One answer to a guess question; `style` is None for "can't tell"."""

    id: str
    text: str
    style: Style | None


@dataclass(frozen=True, slots=True)
class GuessQuestion:
    """One of the two questions that help guess a person's style."""

    id: str
    text: str
    options: tuple[GuessOption, ...]


BLAME = N_("this says what someone does or did, and a question built on it would read as "
           "blame; describe the change you would like instead (for example: {example})")
TEAM_DECISION = N_("leading by example is for what you change in your own work, and this "
                   "is for the team to decide together; ask about it instead")
NOT_AN_ACT = N_("leading by example needs something you will do yourself, and this asks a "
                "question or says how things are; describe what you will do (for example: "
                "{example})")


def split_change(change: str) -> tuple[str, str | None]:
    """Split free text into (A, B): what to do and what it replaces (None when absent).

    Handles "A instead of B", "instead of B, A", "A rather than B" and the Turkish
    "B yerine A". Whitespace runs become one space and trailing punctuation is dropped;
    the user's words are otherwise kept as written.
    """
    text = _clean(change)
    for pattern in _SPLITS:
        match = pattern.match(text)
        if match is None:
            continue
        a, b = _clean(match.group("a")), _clean(match.group("b"))
        if a and b:
            return a, b
    return text, None


# How long the change is to last ("for two weeks", "iki hafta boyunca"): a change that
# says it takes no line that sets a time of its own ("for the next couple of weeks").
_DURATION = re.compile(
    r"(?<!\w)for\s+(?:the\s+next\s+|a\s+|an\s+)?(?:\d+|one|two|three|four|five|six|few|"
    r"couple\s+of|couple)?\s*(?:days?|weeks?|months?|sprints?|quarters?)(?!\w)"
    r"|(?<!\w)(?:bir|iki|üç|dört|beş|altı|birkaç|\d+)\s+(?:gün|hafta|ay|sprint)"
    r"(?:lık|lik|luk|lük|lığına|liğine|luğuna|lüğüne)?(?:\s+boyunca)?(?!\w)",
    re.I)


def _names_a_duration(text: str) -> bool:
    return _DURATION.search(text) is not None


_ANOTHER_PAIR = re.compile(r"(?<!\w)(?:instead\s+of|rather\s+than|yerine)(?!\w)", re.I)


def _more_than_a_for_b(a: str, b: str, language: str) -> bool:
    """Whether A alone would lose what was typed, by example: a second pair ("use the wiki
    instead of email and Slack instead of Teams"), or in Turkish a B that carries the
    subject or an A that is only a thing ("standup 9 yerine 10'da olsun", "mail yerine
    slack"): the whole change is the act then."""
    if _ANOTHER_PAIR.search(a) or _ANOTHER_PAIR.search(b):
        return True
    if language != "tr":  # "Kanban instead of Scrum": a lone name is quoted alone
        return len(a.split()) == 1 and read_change(a, ChangeKind.DIFFERENTLY, "en").quoted
    return len(b.split()) > 1 or turkish_form(a) == "thing"


def manner_of(text: str) -> tuple[str, bool] | None:
    """(language, by example) of a suggestion composed as `text` (Composed.as_text), read
    from its title line; None for a text not composed so (an import from elsewhere)."""
    title = text.split("\n", 1)[0].split(" · ", 1)[0]
    for language in LANGUAGES:
        labels = _catalog(language).table("labels")
        for key, by_example in (("title", False), ("title_example", True)):
            if title == _str(labels, key):
                return language, by_example
    return None


def compose(req: SuggestionRequest) -> Composed:
    """Compose a suggestion for `req`; the same request always gives the same text.

    Long on purpose: the parts of a suggestion (opening, tips, question, avoid, next
    step) are picked in one pass from the same inputs, which reads as one recipe.
    """
    language = req.language if req.language in LANGUAGES else "en"
    # what the wording reads: no emoji, no @/# marks, no shouting, tag question or reason
    # (by example, "Dana, could you …" keeps Dana: it asks something of them)
    validated = column_after_greeting(_validate(req.change, language))
    validated, ruled = _rule_said(validated, language)
    kept = language == "tr" and continues(validated, req.action)  # "Devam: haftalık demo"
    validated, chosen = _column_said(validated, language, req.action)
    proposed = language == "en" and proposed_en(validated)  # "Proposal: …": not decided
    validated = _unwrapped_en(validated) if language == "en" else validated
    validated = as_proposed(validated) if proposed else validated
    change, several = _one_change(validated, language,
                                  None if req.by_example else spoken_name(req.person),
                                  chosen, by_example=req.by_example)
    typed = " ".join(req.change.split())  # what is saved with the suggestion
    catalog = _catalog(language)
    # "we moved retro to Friday": already made, so the whole suggestion checks in on it
    made = already_made(change, chosen, language, spoken_name(req.person))
    # "karar: standup 10'da", "standup artık yazılı": how things are to be, decided
    new = not made and (_new_tr(req.change, change) or one_day_news_tr(validated)
                        if language == "tr"
                        else decided_label(req.change)
                        or (settled_en(validated) and not proposed) or ruled)
    if req.by_example and language == "tr" and one_day_news_tr(validated):
        raise ComposerError(TEAM_DECISION)  # «bugün standup yok»: no act of one's own
    # "karar: standup 10'da": decided; the example is keeping to it ("… alıyoruz": not yet)
    # decided, not made: no "already done"; "Pazartesiden itibaren …": from its first day
    decided = due = False
    if req.by_example and new and language == "tr" and not announced_tr(change):
        made, new, decided = True, False, True
        due = starts_later(validated, language)
    # "decision: two approvals per PR", "from Monday: tests before merge", "it is mandatory
    # to write tests": what was decided, kept to (not "try two approvals per PR", "make
    # writing tests mandatory"); a team ritual stays the team's
    note = (validated if ruled else None) or dated_note(validated) or (
        without_label(validated) if decided_label(req.change) else None)
    if req.by_example and ruled and re.search(r"\bnot\b", validated):
        raise ComposerError(NOT_AN_ACT, example=Term(EXAMPLE_CHANGE))  # "… is not mandatory"
    if req.by_example and new and language == "en" and note and not (
            decided_together(note) or decided_together(change)):
        made, new, decided, change = True, False, True, note
        due = starts_later(validated, language)
    if req.by_example and not made:
        change = my_act(change)  # "I want to answer within a day": the act is the user's
        # "what if standups were async": the act proposed, "make standups async" (the
        # team's to decide, so asked about instead); a hypothesis of no act is no act
        act = hypothetical_act(change)
        if act is not None and (not act.startswith("have ") or decided_together(act, language)):
            change = act  # "have pair sessions on Fridays" is no act the user said
            if chosen is ChangeKind.STOP:  # "PRs are too big", a stop: "make PRs smaller",
                chosen = ChangeKind.DIFFERENTLY  # the act that stops it, not "no longer …"
    a, b = split_change(strip_lead(change) or change)
    action = wording_action(a, chosen, language)  # "send fewer emails": not "no longer"
    person = spoken_name(req.person)
    shown = display_name(person, language) if person else None  # "dana" reads "Dana"
    kind = "example" if req.by_example else (req.style.value if req.style else "mixed")
    section = catalog.table("example") if req.by_example else catalog.table("style", kind)
    days = _FOLLOW_UP_DAYS[kind][_SIZE_INDEX[req.size]]
    seed = "\x1f".join(
        (
            change,
            req.style.value if req.style else "-",
            req.action.value,
            req.size.value,
            person or "",
            "example" if req.by_example else "persuade",
        )
    )
    grammar = catalog.table("grammar")
    use_b = b is not None and not req.by_example
    if complains_of_someone(change, language, person):
        raise ComposerError(BLAME, example=Term(EXAMPLE_CHANGE))
    if req.by_example and not made and asks_of_someone_else(change, language, person):
        raise ComposerError("leading by example is for what you change in your own work, "
                            "and this change asks something of someone else; ask them "
                            "instead")
    if req.by_example and not made and (
            decided_together(strip_lead(change) or change, language)
            # "tests should be mandatory": a rule for all, which no one makes alone
            or _MADE_A_RULE.match(strip_lead(change) or change) is not None
            # "from next sprint we demo on Thursdays": the team's ritual, decided with its
            # date (read with its "we": "demo on Thursdays" alone is one's own demo)
            or (language == "en" and _teams_dated(validated))
            or ours_to_decide(_our_act(change, language))):
        raise ComposerError(TEAM_DECISION)
    if req.by_example and not made and (is_not_an_act(change, language, chosen) or (
            language == "en" and says_an_amount_or_a_want(validated))):
        raise ComposerError(NOT_AN_ACT, example=Term(EXAMPLE_CHANGE))
    if made:  # kept to or asked about as it is; the words of a proposal take no part
        example = _fill(_str(catalog.table("ask"), "quote"), {"text": change})
    elif req.by_example and b is not None and (action is ChangeKind.STOP
                                             or _more_than_a_for_b(a, b, language)):
        # "use the wiki instead of email": B is what stops; A alone would read "no longer
        # use the wiki". The user does the whole change, as typed, themselves.
        example = _example_a(strip_lead(change) or change, ChangeKind.DIFFERENTLY, grammar,
                             asked=False)
    elif req.by_example:
        example = _example_a(a, action, grammar, asked=b is None and change.endswith("?"),
                             said=change if b is None else None)
    values: dict[str, str] = {
        "days": str(days),
        # "post the Retro notes": a common word's capital is no name's (a quote stays)
        "a": (example if made or example.startswith(("“", "«")) or language != "en"
              else common_case(_said_to_you(example))) if req.by_example
        else _format_a(a, action, grammar, with_b=use_b),
        "b": _quote(b, grammar) if b is not None else "",
    }
    values.update(_person_forms(catalog.table("person"), shown))
    reading = None if req.by_example else as_mine(read_change(change, action, language, person))
    # "Dana moved standup to 10", said to Dana: the check-in says it was theirs
    values.update(_MADE_BY[_made_by(reading, language) if made else "we"])
    if reading is not None:
        # a change made is no first step of the others typed with it
        values.update(_ask_values(reading, catalog, first=several and not made, kept=kept,
                                  new=new))
        if new and language == "en":
            values.update(_settled_ask(validated, reading, catalog,
                                       labelled=decided_label(typed), person=person))

    # Stopping a colleague's habit is feedback, not a practice to pause and bring back.
    habit = action is ChangeKind.STOP and not req.by_example and not made \
        and "stop_habit" in section.get("openings", {}) and is_a_habit(a, language)
    action_key = "done" if made else "stop_habit" if habit else action.value
    # "karar: standup 10'da", "decision: standup at 10": settled, so no trial is offered
    settled = new and "new" in section.get("tips", {})
    action_key = "new" if settled else action_key
    # "standup cancelled today": one day's news, off once; no arrangement to settle into
    once = settled and "once" in section.get("tips", {}) and (
        one_day_news_tr(validated) if language == "tr" else one_day_news(validated))
    # "go to the offsite", by example: done once and seen, not kept up for weeks
    occasion = req.by_example and not made and "once" in section.get("openings", {}) \
        and one_occasion(a, language) and not ruled  # a rule holds each time
    once = once or occasion
    action_key = "once" if once else action_key

    timed = _names_a_duration(change)
    # "starting Monday, write tests", by example: from its first day, not "this week"
    later = req.by_example and not made and not once \
        and starts_later(change, language, from_then_on=True)
    # "from next sprint we demo on Thursdays": talked over before it starts, not "settling"
    later_new = settled and not once and "next_step_due" in section \
        and starts_later(validated, language)

    def pick(path: tuple[str, ...], salt: str) -> str:
        pool = _strs(section, *path)
        digest = sha256(f"{seed}\x1f{salt}".encode())
        index = int.from_bytes(digest[:8], "big")
        chosen = pool[index % len(pool)]
        if timed and _names_a_duration(chosen):  # "for a month, … for the next two weeks"
            untimed = [t for t in pool if not _names_a_duration(t)]
            chosen = untimed[index % len(untimed)] if untimed else chosen
        return _tidy(_fill(chosen, values))

    opening = pick(("openings", "due" if due else "decided" if decided else action_key),
                   "opening")
    if person and not req.by_example and not (shown or person)[:1].islower():
        # a name is called ("Dana, …"); "the platform team, …" is not, so not a description
        line = _lower_first(opening, language)
        vocative = _str(catalog.table("labels"), "vocative")
        opening = _fill(vocative, {"name": shown or person, "line": line})
    if req.by_example and several:  # "move standup to 10" of three: the others wait
        opening += " " + pick(("more", "several"), "several")
    third = req.style.value if req.by_example and req.style else "general"
    if habit or made or settled or occasion:  # size and style tips speak of a practice
        first, second, third_tip = (_tidy(_fill(t, values))
                                    for t in _strs(section, "tips", action_key)[:3])
        if made and f"done_{req.size.value}" in section.get("tips", {}):
            # a small change made is checked in passing, a large one a part at a time
            third_tip = pick(("tips", f"done_{req.size.value}"), "tip-size")
        tips = (first, second, third_tip)
    else:
        tips = (
            pick(("tips", action_key), "tip-action"),
            pick(("tips", req.size.value), "tip-size"),
            pick(("tips", third), "tip-general"),
        )
    question = ""
    if reading is not None:
        # A question or a thought is not offered "as a trial" or "pictured next week".
        frames = "thought_frames" if (habit or new or _is_thought(reading, language)) and \
            "thought_frames" in section.get("question", {}) else "frames"
        frames = "done_frames" if made else frames
        question = pick(("question", frames), "question")
    avoid_pool = list(_strs(section, "avoid", action_key))
    if not habit and not made and not settled and not occasion:  # a habit's one pitfall
        avoid_pool += _strs(section, "avoid", "large" if req.size is Size.LARGE else "general")
    digest = sha256(f"{seed}\x1favoid".encode())
    avoid = _tidy(_fill(avoid_pool[int.from_bytes(digest[:8], "big") % len(avoid_pool)], values))
    return Composed(
        style=req.style,
        opening=opening,
        tips=tips,
        question=question,
        avoid=avoid,
        next_step=pick(("next_step_due" if due else "next_step_later" if later
                        else "next_step_done" if made
                        else "next_step_habit" if habit else "next_step_once" if once
                        else "next_step_due" if settled and later_new
                        else "next_step_new" if settled
                        else _next_step_table(section, action), req.size.value), "next"),
        follow_up_days=days,
        by_example=req.by_example,
        language=language,
        action=req.action,
        size=req.size,
        person=person,
        change=typed,
    )


def guess_questions(language: str = "en") -> list[GuessQuestion]:
    """Return the two-question guess, with options that each point to a style."""
    raw = _catalog(language if language in LANGUAGES else "en").data.get("guess")
    if not isinstance(raw, list):
        raise RuntimeError("coach text has no [[guess]] questions")
    questions = []
    for item in raw:
        options = tuple(
            GuessOption(
                id=_str(option, "id"),
                text=_str(option, "text"),
                style=Style(option["style"]) if option.get("style") else None,
            )
            for option in item["options"]
        )
        question = GuessQuestion(id=_str(item, "id"), text=_str(item, "text"), options=options)
        questions.append(question)
    return questions


def guess_style(answers: Sequence[str]) -> Style | None:
    """Return the style the chosen option ids point to, or None when they don't tell.

    The most frequent style wins; on a tie, the earlier answer wins, because the first
    question (what they ask for when they push back) is the stronger signal.
    """
    by_id = {option.id: option.style for q in guess_questions("en") for option in q.options}
    votes: dict[Style, int] = {}
    for answer in answers:
        if answer not in by_id:
            raise ComposerError("unknown answer {answer!r} to the style questions",
                                answer=answer)
        style = by_id[answer]
        if style is not None:
            votes[style] = votes.get(style, 0) + 1
    if not votes:
        return None
    best = max(votes.values())
    return next(style for style in votes if votes[style] == best)


# --- text helpers -------------------------------------------------------------------


def _clean(text: str) -> str:
    """Collapse whitespace runs and drop trailing punctuation, but the dot of a closing
    abbreviation ("… etc.", "at 9 a.m.")."""
    text = " ".join(text.split())
    cleaned = text.rstrip(_TRAILING).strip()
    if ends_with_abbreviation(text.rstrip(" !?…")):
        cleaned += "."
    return cleaned


def _validate(change: str, language: str) -> str:
    if language == "tr":  # "toplantilari kisa tutalim": read, and quoted, with its letters
        change = restored(change)
    line = one_line(change)
    # "3. çeyreğe kadar…": in Turkish a number with a dot is an ordinal ("the 3rd"), not
    # a list's bullet, unless a list follows (made one line above).
    ordinal = language == "tr" and re.match(r"\d{1,2}\.\s", line) is not None
    # quoted by the user, marks and all ("\"Use the wiki :)\""): the question quotes it
    # once; a closing aside is no part of it, before the marks or after them
    text = without_aside(without_marks(without_aside(_unquoted(line)), language))
    if ordinal and not line.startswith(text):
        text = line.split(None, 1)[0] + " " + text
    if language == "en":  # "tbh, the retro should be shorter": read from "the retro"
        text = without_chat_lead(text)
    # a note's label after a bullet or inside the quotes ("- AI: Dana to update …")
    text = without_note_label(_unquoted(text))
    words = re.findall(r"[\w'’]+", text.casefold())
    # "@dana.k" alone names someone to ask, not what to ask of them
    handle = re.fullmatch(r"@(?!(?:here|channel|everyone|all)\b)[^\W\d_][\w.-]*[\s.,:!?]*",
                          line.strip(), re.I)
    if not any(ch.isalpha() for word in words for ch in word) or asks_nothing(words) \
            or says_no_change(text, language) or handle:
        # empty, "!!!", "'", "10:00", an emoji, "ok thanks", "I was thinking about it"
        raise ComposerError("describe the change you want (for example: {example})",
                            example=Term(EXAMPLE_CHANGE))
    if len(text) > MAX_CHANGE_CHARS:
        raise ComposerError("the change is {length} characters long; describe it in at most "
                            "{limit}, one change at a time", length=len(text),
                            limit=MAX_CHANGE_CHARS)
    return text


def _unquoted(text: str) -> str:
    """`text` without the quotes around all of it, if it has no others."""
    if len(text) > 2 and text[0] + text[-1] in ('""', "“”", "«»", "''", "‘’", "„“") \
            and not set(text[1:-1]) & set(text[0] + text[-1]):
        return text[1:-1].strip()
    return text


def _lower_first(text: str, language: str) -> str:
    """Lowercase the first letter for use mid-sentence, unless it looks like an acronym or "I"."""
    if len(text) < 2 or not text[0].isupper() or not text[1].islower():
        return text
    turkish = {"I": "ı", "İ": "i"} if language == "tr" else {}
    return turkish.get(text[0], text[0].lower()) + text[1:]


def _quote(text: str, grammar: Mapping[str, Any]) -> str:
    return _fill(_str(grammar, "quote"), {"text": text})


def _format_a(a: str, action: ChangeKind, grammar: Mapping[str, Any], *, with_b: bool) -> str:
    """Shape A for insertion after "to …" (English) or inside quotes (Turkish).

    A bare noun phrase or gerund gets a verb in front ("to start a weekly demo", "to use
    the wiki instead of email"); a stop gets "stop" ("no longer" before a bare verb)
    unless the user already said it.
    """
    for prefix in _optional_strs(grammar, "strip_leading"):
        if a.lower().startswith(prefix) and len(a) > len(prefix):
            a = a[len(prefix) :]
            break
    if grammar.get("lower_first"):
        a = lower_lead(a)  # "Use the wiki" → "use the wiki"; "GitHub", "Friday" stay
    wraps = grammar.get("wrap", {})
    wrap = None
    shape = _shape_of(a, grammar)
    if action is ChangeKind.STOP and not with_b:
        if not _says_stop(a, grammar):
            wrap = wraps.get("stop") if shape else wraps.get("stop_verb", wraps.get("stop"))
            if grammar.get("turkish") and turkish_form(a) == "verbal_noun":
                wrap = wraps.get("stop_verbal_noun", wrap)  # an act: a habit to give up
    elif shape is not None:
        wrap = wraps.get(f"{'start' if action is ChangeKind.START else 'other'}_{shape}")
    quoted = _quote(a, grammar)
    return _fill(wrap, {"text": quoted}) if isinstance(wrap, str) else quoted


# Lead by example, English: the verb each reading of the change takes (a key of
# [grammar.wrap]); verb phrases and gerund subjects ("stopping the mail") take none.
_EXAMPLE_WRAPS = {
    Shape.START_NOUN: "start_noun", Shape.START_GERUND: "start_gerund",
    Shape.STOP_NOUN: "stop", Shape.STOP_GERUND: "stop", Shape.TRY_NOUN: "other_noun",
    Shape.TRY_GERUND: "other_gerund", Shape.HAVE: "have",
}


# "not more than 3 meetings a day": "not" before these is no "don't".
_NOT_A_VERB = frozenset(("more", "less", "all", "every", "only", "too", "enough", "a", "an",
                         "the", "many", "much", "just", "everyone", "everything", "any"))


def _example_a(a: str, action: ChangeKind, grammar: Mapping[str, Any], *, asked: bool,
               said: str | None = None) -> str:
    """A as something the user does themselves (lead by example). In English the change is
    read as for the question: a verb phrase is used as it was shaped ("not use Jira
    anymore" → "no longer use Jira"), a thing gets its verb ("start GitHub Discussions"),
    and a clause, a wish or a question is quoted whole, since it is not an act ("“I wish
    we had fewer meetings”"). `asked`: typed as a question; `said`: the change with what
    led it ("let's align on …": after "let's", a verb we do not list is still one)."""
    if not grammar.get("lower_first"):  # Turkish: always quoted, as the question does
        if grammar.get("turkish") and (asked or turkish_form(a) not in ("thing",
                                                                          "verbal_noun")):
            # "toplantıları kısaltalım", "rapor geç gönderildi": not a thing to do without
            return _quote(f"{a}?" if asked else a, grammar)
        return _format_a(a, action, grammar, with_b=False)
    text = a + "?" if asked else a
    reading = read_change(text, action, "en")
    wish = reading.shape is Shape.HAVE and reading.words != lower_lead(a)
    if reading.quoted and said is not None and said != a:
        led = read_change(f"{said}?" if asked else said, action, "en")
        if led.verb_phrase:
            return led.verb_phrase
    if reading.shape is Shape.IF_WE:  # "what if we rotated the on-call": rotate it
        words = reading.words
        if words.startswith("all "):  # "what if we all updated our tickets": your part
            words = re.sub(r"(?<![\w'’])our(?![\w'’])", "your", words[4:])
        first, _, rest = words.partition(" ")
        verb = base_verb(first)
        if verb is not None and rest and not _IF_WE_NOT_AN_ACT.search(rest):
            return f"{verb} {rest}"
        not_done = _not_done(reading.words)
        if not_done is not None:
            return not_done
    mine = reading.shape is Shape.IF_CLAUSE and reading.words.startswith("I ")
    if reading.quoted or reading.shape is Shape.IF_WE or wish or mine:
        words = reading.words if reading.quoted else text
        after = words[4:].split(" ", 1)[0].lower()
        if words[:4].lower() == "not " and after and after not in _NOT_A_VERB \
                and not after.endswith("ing"):  # "not having an agenda …": no "don't"
            words = "don't " + words[4:]  # "let's not skip the retro": one's own "don't"
        return f"“{words}”"
    if reading.verb_phrase:
        return reading.verb_phrase
    without = _gone_without(reading.words) if reading.shape is Shape.HAVE else None
    if without is not None:
        return without
    key = _EXAMPLE_WRAPS.get(reading.shape, "")
    if reading.shape is Shape.TRY_NOUN and not names_a_tool(reading.words):
        key = "try_noun"  # "try async standups"; but "use the wiki", "use Jira"
    first_two = [w.lower() for w in reading.words.split()[:2]]
    thing = len(first_two) == 2 and heads_a_compound(*first_two)  # "end dates": no "end"
    wraps = grammar.get("wrap", {})  # and not "start end dates": "start using end dates"
    wrap = wraps.get(f"{key}_used", wraps.get(key)) if a_thing_used(reading.words) \
        else wraps.get(key)
    if not isinstance(wrap, str) or (_says_stop(reading.words, grammar) and not thing):
        return reading.words
    return _fill(wrap, {"text": reading.words})


_MY = re.compile(r"(?<![\w'’])(?:my|mine|myself)(?![\w'’])", re.I)
_YOUR_OF_MY = {"my": "your", "mine": "yours", "myself": "yourself"}


def _said_to_you(act: str) -> str:
    """"block my calendar", by example, is said to the user: "block your calendar"."""
    return _MY.sub(lambda m: _YOUR_OF_MY[m[0].lower()], act)


def _not_done(words: str) -> str | None:
    """"didn't have meetings on Fridays" → "go without meetings on Fridays", "didn't deploy
    on Fridays" → "don't deploy on Fridays", "no longer held a retro every two weeks" →
    "stop holding a retro every two weeks": one's own part of what we would not do."""
    first, _, rest = words.partition(" ")
    if first.lower() == "no" and rest.lower().startswith("longer "):
        said, _, thing = rest[7:].partition(" ")  # "no longer held a retro …": stop holding
        verb = base_verb(said)
        doing = gerund(verb) if verb is not None else None
        return f"stop {doing} {thing}" if doing and thing else None
    if first.lower() not in ("didn't", "didnt") or not rest:
        return None
    verb, _, thing = rest.partition(" ")
    if verb.lower() == "have" and thing:
        return _gone_without(f"no {thing}")
    if _IF_WE_NOT_AN_ACT.search(rest) or plain_word(verb) not in _VERBS:
        return None
    return f"don't {rest}"


def _our_act(change: str, language: str) -> str:
    """"what if we dropped the Friday demo" → "drop the Friday demo": what "we" would do, so
    that a team's act announced or proposed is seen as the team's; "" for other text."""
    if language != "en":
        return ""
    reading = read_change(change, ChangeKind.DIFFERENTLY, "en")
    if reading.shape is not Shape.IF_WE:
        return ""
    first, _, rest = reading.words.partition(" ")
    if first.lower() == "no" and rest.lower().startswith("longer "):
        first, _, rest = rest[7:].partition(" ")  # "no longer held the standup …": as held
    if first.lower() in ("didn't", "didnt") and rest.lower().startswith(("have ", "hold ")):
        return "no " + rest.split(" ", 1)[1]  # "didn't have a retro this week": none held
    verb = base_verb(first)
    return f"{verb} {rest}" if verb is not None and rest else ""


# "no meetings on Fridays", by example: one goes without them oneself.
_AFTER_A_THING = frozenset(("on", "in", "at", "after", "before", "during", "for", "this",
                            "next", "until", "till", "from", "to", "with", "without", "unless"))
_UNCOUNTED = frozenset(("email", "e-mail", "mail", "slack", "music", "noise", "overtime",
                        "multitasking", "notifications", "screen"))
def _gone_without(words: str) -> str | None:
    """"no Slack after 6pm" → "go without Slack after 6pm", "no laptop in standup" → "go
    without a laptop in standup"; None for words that are not "no" and a thing."""
    parts = words.split()  # "no more Friday deploys" says itself as a resolution
    if len(parts) < 2 or parts[0].lower() != "no" \
            or parts[1].lower() in ("longer", "one", "more"):
        return None
    head = parts[1]  # "no late deploys on Fridays": "deploys" says how many
    for word in parts[2:]:
        if word.lower() in _AFTER_A_THING:
            break
        head = word
    low = head.lower()
    stem = low[:-2] if low.endswith(("shes", "ches", "sses", "xes")) else low[:-1]
    if low.endswith("s") and stem in _VERBS and stem not in _NOUNISH:
        return f"skip {' '.join(parts[1:])}"  # "no Friday deploys": acts one does not do
    named = head is parts[1] and parts[1][:1].isupper()  # "no Slack", not "no Monday meeting"
    bare = named or low in _MASS | _UNCOUNTED or (low.endswith("s") and not low.endswith("ss"))
    letter = next((ch for ch in parts[1].lower() if ch.isalpha()), "")
    article = "" if bare else ("an " if letter in "aeiou" else "a ")
    return f"go without {article}{' '.join(parts[1:])}"


# What makes "if we …" more than an act: "if we moved it and they agreed", "if we had…".
_IF_WE_NOT_AN_ACT = re.compile(r"(?<!\w)(?:we|they|he|she|you|i|it|if|would)(?!\w)", re.I)


def _shape_of(a: str, grammar: Mapping[str, Any]) -> str | None:
    """Return "noun" or "gerund" when A does not start with a verb we can put after "to"."""
    first = a.split(" ", 1)[0].lower()
    if first in _optional_strs(grammar, "noun_starts") or first[:1].isdigit():
        return "noun"
    plural = grammar.get("plural_suffix")
    if (
        isinstance(plural, str)
        and plural
        and len(first) >= 3
        and first.endswith(plural)
        and not first.endswith(_optional_strs(grammar, "not_plural_endings"))
        and first not in _optional_strs(grammar, "not_nouns")
    ):
        return "noun"
    suffix = grammar.get("gerund_suffix")
    if isinstance(suffix, str) and suffix and first.endswith(suffix) and len(first) > 5:
        return None if first in _optional_strs(grammar, "not_gerunds") else "gerund"
    return None


def _says_stop(a: str, grammar: Mapping[str, Any]) -> bool:
    """Whether A already says "stop" in its own words (so we must not add another)."""
    if grammar.get("turkish"):
        a = a.replace("İ", "i").replace("I", "ı")
    lowered = a.lower()
    words = _strs(grammar, "stop_words")
    if grammar.get("stop_match") == "predicate":  # said by the last words (Turkish)
        return says_stop_tr(a, tuple(words))
    return any(lowered == word or lowered.startswith(word + " ") for word in words)


def _next_step_table(section: Mapping[str, Any], action: ChangeKind) -> str:
    """Stopping something has its own next steps (a pause, a way back) where written."""
    return "next_step_stop" if action is ChangeKind.STOP and "next_step_stop" in section \
        else "next_step"


# "decision: standup at 10", "new rule: …": a change labelled as decided.
_DECIDED_EN = re.compile(r"^\W*(?:\d{1,2}[.)]\s+)?(?:decision|decided|new\s+rule|rule|agreed"
                         r"|new\s+process|mandatory|required)\s*:\s*\w", re.I)


# "make tests mandatory", by example: the rule is the team's, keeping to it one's own
_MADE_A_RULE = re.compile(r"(?i)make\s+.+\s+(?:mandatory|required|compulsory|obligatory"
                          r"|a\s+must)\b")


def _rule_said(validated: str, language: str) -> tuple[str, bool]:
    """"it is mandatory to write tests": a rule that holds, said as one ("writing tests is
    mandatory"); whether `validated` states one."""
    rule = stated_rule(validated) if language == "en" else None
    return (validated, False) if rule is None else (rule, True)


def _teams_dated(said: str) -> bool:
    """Whether `said` tells, with its date, how the team holds a ritual ("from next sprint
    we demo on Thursdays", "… we'll hold the retro on Fridays"); "… we do code reviews in
    pairs" leaves one's own part to lead by example."""
    decided = dated_decision(said)
    if decided is None:
        return False
    held = re.sub(r"(?i)^we(?:['’]ll|\s+will)?\s+", "", decided)
    return held != decided and (decided_together(held) or decided_together(f"we {held}"))


def decided_label(typed: str) -> bool:
    """Whether the English change as typed is labelled as decided ("decision: …")."""
    return _DECIDED_EN.match(typed.strip()) is not None


def _new_tr(typed: str, change: str) -> bool:
    """Whether the Turkish change as typed (its "karar:" label still on) says how things
    are to be from now on; `change` is the change as read."""
    return new_arrangement_tr(" ".join(restored(typed).split()), turkish_form(change))


def _is_thought(reading: Reading, language: str) -> bool:
    """Whether the change was typed as a question or says how things are."""
    if reading.shape in (Shape.QUOTE_QUESTION, Shape.QUOTE_THOUGHT, Shape.DONE, Shape.NOW,
                         Shape.QUOTE_DONE):
        return True  # "we moved standup to 10" is not offered as a trial either
    return language == "tr" and turkish_form(reading.words) in ("question", "statement")


def _column_said(text: str, language: str, action: ChangeKind) -> tuple[str, ChangeKind]:
    """A Turkish retro column ("Bırak: …") as the kind of change it says (English reads
    its own in `_one_change`, where a verb can say it)."""
    return turkish_retro_column(text, action) if language == "tr" else (text, action)


def _unwrapped_en(text: str) -> str:
    """An English change without its wrapping ("Hi team, …", "… - thoughts?"), a closing
    reason or "if that suits you" (the question asks that itself): what reads a plan from
    its first or last words, or tells one day's news, sees the plan."""
    return without_reason(without_consent(unwrapped(text, "en")), "en", closing=True)


def _one_change(text: str, language: str, person: str | None,
                action: ChangeKind, *, by_example: bool = False) -> tuple[str, bool]:
    """The change tidied, and the first of several when more were typed in one ("move
    standup to 10 and also stop Friday demos"): whether there were more. An English
    change comes without its wrapping (`_unwrapped_en`)."""
    if language == "en":
        text = retro_column(text, action)
    if person is None and not by_example:  # "Dana, could you take notes?": said to Dana
        person = addressed_name(text, language)
    if language == "en":
        text = ought_of_all_act(text) if by_example else wished_of_all(text)
        if action is not ChangeKind.STOP and not by_example:
            # "the team needs to write tests", "biweekly retro": not as a stop ("Keep:
            # weekly demo", chosen as a stop, is not "held every week")
            text = how_first(rhythm_first(should_go(ought_of_all(text))))
    change = tidy_change(text, language, person, action)
    first, several = first_of_several(change, language, action, by_example=by_example)
    return (change, False) if first == change \
        else (tidy_change(first, language, person, action), several)


def _ask_values(reading: Reading, catalog: _Catalog, *, first: bool = False,
                kept: bool = False, new: bool = False) -> dict[str, str]:
    """The supportive question's parts: {ask}/{Ask} (English) or {lead}/{q} (Turkish);
    `first`: the change is the first of several, and the question says so; `new`: a
    Turkish change says how things are to be from now on."""
    values = _ask_parts(reading, catalog, kept, new)
    frames = catalog.table("ask")
    if not first:
        return values
    if "lead" in values:
        lead = _lower_first(values["lead"], "tr")
        return {**values, "lead": _fill(_str(frames, "first"), {"lead": lead})}
    ask = values["ask"]
    if not ask.endswith("?") or ask.endswith("?”?"):
        return values
    ask = _fill(_str(frames, "first"), {"ask": ask[:-1]})
    return {"ask": ask, "Ask": ask[0].upper() + ask[1:]}


def _settled_ask(said: str, reading: Reading, catalog: _Catalog, *,
                 labelled: bool, person: str | None = None) -> dict[str, str]:
    """{ask}/{Ask} for an English change already decided: what would help now, not
    "what if we …" (nothing where the usual question reads well); said to `person`, what
    they will do is said of "you" ("… decided that you will run standup")."""
    found = settled_key(said, reading, labelled=labelled)
    if found is None:
        return {}
    key, words = found
    words = you_for(words, person)
    frames = catalog.table("ask")
    ask = _fill(_str(frames, key), {"x": common_case(words), "q": _fill(_str(frames, "quote"),
                                                                         {"text": words})})
    return {"ask": ask, "Ask": ask[0].upper() + ask[1:]}


# «… aldınız»: the change the person spoken to made.
_YOU_DID_TR = re.compile(r"[dt][ıiuü]n[ıiuü]z$")
# Who made a change checked in on, as the openings say it.
_MADE_BY = {
    "we": {"since_change": "we made this change", "change_made": "we've made this change",
           "yaptik": "Bu değişikliği yaptık", "yaptigimizdan": "Bu değişikliği yaptığımızdan"},
    "you": {"since_change": "you made this change", "change_made": "you've made this change",
            "yaptik": "Bu değişikliği yaptınız",
            "yaptigimizdan": "Bu değişikliği yaptığınızdan"},
    "me": {"since_change": "I made this change", "change_made": "I've made this change",
           "yaptik": "Bu değişikliği yaptım", "yaptigimizdan": "Bu değişikliği yaptığımdan"},
    "other": {"since_change": "this change came in", "change_made": "this change is in place",
              "yaptik": "Bu değişiklik yapıldı", "yaptigimizdan": "Bu değişiklikten"},
}


def _made_by(reading: Reading | None, language: str) -> str:
    """"we", "me", "you" or "other": who the words of a change made say made it ("we
    moved …", "I moved …", "you moved …" said to Dana, "standup moved …", «retroyu cumaya
    aldık»)."""
    if reading is None:
        return "we"
    words = reading.words.lower()
    if language == "tr":
        if _YOU_DID_TR.search(words):
            return "you"
        return "we" if re.search(r"[dt][ıiuü]k(?!\w)", words) else "other"
    first = words.split(maxsplit=1)[0] if words.split() else ""
    if first == "you" and reading.shape is not Shape.DONE:
        return "other"  # "you now run the retro": the team's doing, perhaps, not theirs
    return {"we": "we", "you": "you", "i": "me"}.get(first, "other")


def _ask_parts(reading: Reading, catalog: _Catalog, kept: bool = False,
               new: bool = False) -> dict[str, str]:
    """The question's parts; `kept`: a Turkish continue column headed the change ("Devam:
    haftalık demo"), and what it heads is kept up rather than tried or started."""
    frames = catalog.table("ask")
    quoted = _fill(_str(frames, "quote"), {"text": reading.words})
    if "leads" in frames:  # Turkish: always the user's words whole, in quotes
        key = reading.shape.value.removeprefix("quote_")
        form = turkish_form(reading.words) if key != "question" else ""
        if made_tr(reading.words):  # "retroyu cumaya aldık": how it has gone since
            key, form = "done", "done"
        elif key in ("start", "other") and problem_named_tr(reading.words):
            key = "question"  # «gereksiz toplantılar»: looked at together, not tried
        elif reading.shape is Shape.QUOTE_DONE and _YOU_DID_TR.search(reading.words):
            key, form = "done_yours", "done"  # «… aldınız», said to the one who did it
        elif form == "question":  # "… gerekli mi", typed without its question mark
            key = "question"
            quoted = _fill(_str(frames, "quote"), {"text": reading.words + "?"})
        elif form == "statement":  # "toplantılar çok uzun sürüyor": a thought, not a plan
            key = "question"
        elif form == "proposal" and key in ("start", "stop"):
            key = "other"  # "…yapalım", "…kullanalım" say what to do themselves
        elif key == "stop" and re.search(r"(?<!\w)yerine(?!\w)", reading.words):
            key = "other"  # "mail yerine Slack kullanmak": Slack is not what stops
        elif form == "thing" and key == "other":  # "Ayşe'nin raporu": something to try
            key = "other_thing"
        if key in ("other", "other_thing", "start") and wished_of_others_tr(reading.words):
            key = "wish"  # «tasarım ekibi mockup'ları erken paylaşsa»: not "if we did"
        if kept and key in ("other", "other_thing", "start"):
            key = "keep"
        elif new and key != "done":  # "standup'ı 10'a alıyoruz": announced, to come
            key = "once" if one_day_news_tr(reading.words) \
                else "coming" if announced_tr(reading.words) else "new"
            quoted = _fill(_str(frames, "quote"), {"text": reading.words})
        lead = _str(frames["leads"], key if key in frames["leads"] else "other")
        asked = reading.words.endswith("?") or form == "question"
        # "bugün standup yok": not how it would be for them, but what would help meanwhile
        # "Yeni düzen: …": decided, so what it changes for them, not how it "would be"
        after = _str(frames, "after_once" if key == "once" else "after_new"
                     if key in ("new", "coming") else "after")
        return {"lead": lead, "q": quoted if asked else quoted + ".", "after": after}
    # "since Standup moved to 10": the user's capital on a common word is no name
    words = reading.words if reading.quoted else common_case(reading.words)
    ask = _fill(_str(frames, reading.shape.value), {"x": words, "q": quoted})
    if reading.topic:
        ask = _fill(_str(frames, "topic"), {"topic": _topic_case(reading.topic), "ask": ask})
    return {"ask": ask, "Ask": ask[0].upper() + ask[1:]}


def _topic_case(topic: str) -> str:
    """A note's heading mid-sentence: "Code reviews" → "code reviews" (a common thing, its
    capital only the note's first letter); "Jira", "PRs" as typed."""
    topic = common_case(topic)
    words = topic.split()
    if len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower() \
            and words[-1].lower() in common_words():
        return topic[0].lower() + topic[1:]
    return topic


def _person_forms(forms: Mapping[str, Any], person: str | None) -> dict[str, str]:
    values = {}
    for key, form in forms.items():
        if person:
            values[key] = _fill(_str(form, "named"), {"name": person})
        else:
            values[key] = _str(form, "plain")
    return values


_MARK_THEN_STOP = re.compile(r"([?!][”»])\.")


def _tidy(text: str) -> str:
    """“Is it useful?”. → “Is it useful?”: the user's own mark ends the sentence; so does
    an abbreviation's dot ("at 9 a.m.." → "at 9 a.m.")."""
    return _ABBREVIATION_THEN_STOP.sub(r"\1", _MARK_THEN_STOP.sub(r"\1", text))


_ABBREVIATION_THEN_STOP = re.compile(f"({ABBREVIATION})\\.", re.I)


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Fill {placeholders} in one pass, so braces inside the user's words stay as typed."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"coach text uses unknown placeholder {{{key}}}")
        return values[key]

    return _PLACEHOLDER.sub(replace, template)


# --- catalog ------------------------------------------------------------------------


def _str(node: Mapping[str, Any], key: str) -> str:
    value = node.get(key)
    if not isinstance(value, str):
        raise RuntimeError(f"coach text is missing the string {key!r}")
    return value


def _optional_strs(node: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuntimeError(f"coach text has a malformed list {key!r}")
    return tuple(value)


def _strs(node: Mapping[str, Any], *path: str) -> tuple[str, ...]:
    value: Any = node
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise RuntimeError(f"coach text is missing the list {'.'.join(path)!r}")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class _Catalog:
    data: dict[str, Any]

    def table(self, *path: str) -> dict[str, Any]:
        value: Any = self.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if not isinstance(value, dict):
            raise RuntimeError(f"coach text is missing the table {'.'.join(path)!r}")
        return value


@lru_cache(maxsize=len(LANGUAGES))
def _catalog(language: str) -> _Catalog:
    """Load the coach wording for `language` (falls back to English)."""
    if language not in LANGUAGES:
        language = "en"
    path = resources.files("mlcoach.resources").joinpath("coach", f"{language}.toml")
    logger.debug("loading coach text %s", path)
    return _Catalog(tomllib.loads(path.read_text(encoding="utf-8")))


def supportive_question(
    change: str, action: ChangeKind, language: str = "en", person: str | None = None
) -> str:
    """The bare supportive question for `change`, as the plainest style frames it."""
    language = language if language in LANGUAGES else "en"
    catalog = _catalog(language)
    typed = change
    validated = column_after_greeting(_validate(change, language))
    validated, ruled = _rule_said(validated, language)
    kept = language == "tr" and continues(validated, action)
    validated, action = _column_said(validated, language, action)
    proposed = language == "en" and proposed_en(validated)
    validated = _unwrapped_en(validated) if language == "en" else validated
    validated = as_proposed(validated) if proposed else validated
    change, several = _one_change(validated, language, spoken_name(person),
                                  action)
    if complains_of_someone(change, language, spoken_name(person)):
        raise ComposerError(BLAME, example=Term(EXAMPLE_CHANGE))
    action = wording_action(split_change(strip_lead(change) or change)[0], action, language)
    made = already_made(change, action, language, spoken_name(person))
    new = not made and (_new_tr(typed, change) or one_day_news_tr(validated)
                        if language == "tr"
                        else decided_label(typed) or (settled_en(validated) and not proposed)
                        or ruled)
    reading = as_mine(read_change(change, action, language, spoken_name(person)))
    values = _ask_values(reading, catalog, first=several and not made, kept=kept, new=new)
    if language == "en":
        if new:
            values.update(_settled_ask(validated, reading, catalog,
                                       labelled=decided_label(typed),
                                       person=spoken_name(person)))
        return values["Ask"]
    after = _str(catalog.table("ask"), "after_done") if made else values["after"]
    return _fill("{lead}: {q} ", values) + after
