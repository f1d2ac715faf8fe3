"""The English supportive question for a change already decided: not "what if we …" but
what would help now ("we're coming in at 9" → "what would help you most, now that we're
coming in at 9?"); one day's news asks how to stay in touch without the meeting."""

from __future__ import annotations

import re

from mlcoach.influence.announced_changes import announced
from mlcoach.influence.dated_changes import dated_decision, dated_note
from mlcoach.influence.fragments import off_for_now
from mlcoach.influence.phrasing import Reading, Shape
from mlcoach.influence.stated_rules import stated_rule
from mlcoach.influence.tidying import decided_that

# "decision: …", "new rule: …": the label said before the change decided
_LABEL = re.compile(r"^\W*(?:decision|decided|new\s+rule|rule|agreed|new\s+process|mandatory"
                    r"|required)\s*:\s*",
                    re.I)
# "we're cancelling standup today": one day's news too, said as under way
_OFF_SAID = re.compile(r"^we(?:['’]re|\s+are|['’]ll\s+be|\s+will\s+be)\s+(?:cancell?ing|skipping|"
                       r"calling\s+off)\s+(?:the\s+|our\s+)?(?P<thing>[\w:'’-]+(?:\s+[\w:'’-]+)?)"
                       r"\s+(?P<when>today|tonight|tomorrow|this\s+(?:week|sprint|\w+day)"
                       r"|next\s+\w+day|on\s+\w+day)$", re.I)


def without_label(said: str) -> str:
    """The decision without its label ("decision: standup at 10" → "standup at 10")."""
    return _LABEL.sub("", said)


def one_day_news(said: str) -> bool:
    """Whether the English change is one day's news of a meeting not held ("standup
    cancelled today", "we're skipping the retro this week"): off once, nothing decided."""
    said = " ".join(said.split()).rstrip(" .!")
    return off_for_now(said) or _OFF_SAID.match(said) is not None


def settled_key(said: str, reading: Reading, *, labelled: bool) -> tuple[str, str] | None:
    """The [ask] frame key and its {x} for a settled English change `said` (as validated),
    read as `reading`; `labelled`: typed as "decision: …". None where the usual question
    reads well."""
    said = " ".join(said.split()).rstrip(" .!")
    if off_for_now(said) and reading.shape is Shape.HAVE:
        return "settled_once", reading.words  # "no standup today"
    off = _OFF_SAID.match(said)
    if off:
        return "settled_once", f"no {off['thing']} {off['when']}"
    if announced(said) != said:  # "we're coming in at 9", as the user said it
        return "settled_said", said[0].lower() + said[1:]
    if decided_that(said):  # "it was decided that standup is at 10"
        return "settled_said", decided_that(said) or said
    dated = dated_decision(said)
    if dated is not None:  # "starting Monday, standup is at 10": "now that it's decided that …"
        return "settled_dated", dated
    note = dated_note(said)
    if note is not None:  # "from Monday: standups at 9:30"
        return "settled_note", note
    if stated_rule(said) == said:  # "writing tests is mandatory": it holds
        return "settled_said", said[0].lower() + said[1:]
    if not labelled:
        return None
    if reading.shape is Shape.VERB:  # "decision: we deploy on Tuesdays only"
        return "settled_we", reading.words
    if reading.shape is Shape.HAVE:  # "new rule: no meetings over lunch"
        return "settled_have", reading.words
    return "settled_quote", _LABEL.sub("", said)  # "decision: standup at 10"
