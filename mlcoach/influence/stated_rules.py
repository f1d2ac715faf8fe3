"""An English rule stated impersonally ("starting Monday, it is mandatory to write tests",
"writing tests is mandatory", "code review is required before merge"): decided, not a thing
to try; asked what would help now that it holds, and led by example by keeping to it,
never by "making it mandatory"."""

from __future__ import annotations

import re

from mlcoach.influence.dated_changes import _WHEN
from mlcoach.influence.english_words import _VERBS
from mlcoach.influence.verb_forms import gerund

_RULE = r"mandatory|required|compulsory|obligatory|a\s+must"
# "starting Monday, it is mandatory to write tests", "it's now required to link a ticket"
_IT_IS = re.compile(
    rf"^(?P<when>[^,]{{3,40}},\s*|(?:{_WHEN})\s+)?it(?P<be>\s+is|['’]s|\s+will\s+be|['’]ll\s+be|\s+becomes)\s+"
    rf"(?P<not>not\s+)?(?:now\s+)?(?P<rule>{_RULE})\s+(?:for\s+(?:everyone|everybody|all(?:\s+of\s+us)?|us|"
    r"the\s+(?:whole\s+)?team)\s+)?to\s+(?P<act>[a-z][\w'’-]*)(?P<rest>(?:\s.*)?)$", re.I)
# "it is now required that PRs have two approvals": the rule said as a clause
_IT_IS_THAT = re.compile(
    rf"^(?P<when>[^,]{{3,40}},\s*|(?:{_WHEN})\s+)?it(?:\s+is|['’]s)\s+(?:now\s+)?"
    r"(?P<rule>mandatory|required|compulsory|obligatory)\s+that\s+(?P<clause>\w.*)$", re.I)
# "writing tests is mandatory (from next week)", "tests are required", "code review is a must"
_IS_RULE = re.compile(rf"^(?P<when>[^,]{{3,40}},\s*)?(?P<thing>(?!it\b|this\b|that\b)[a-z][\w'’-]*"
                      rf"(?:\s+[\w'’-]+){{0,6}}?)\s+(?:is|are|will\s+be)\s+(?P<not>not\s+)?(?:now\s+)?(?P<rule>{_RULE})"
                      r"(?P<rest>(?:\s.*)?)$", re.I)


def _said(text: str) -> str:
    return " ".join(text.split()).rstrip(" .!")


def _when_after(match: re.Match[str]) -> str:
    """The date said first, said after the rule (" starting Monday")."""
    when = (match["when"] or "").strip().rstrip(",")
    return f" {when[0].lower()}{when[1:]}" if when else ""


def stated_rule(text: str) -> str | None:
    """The rule `text` states, said with its subject ("it is mandatory to write tests" →
    "writing tests is mandatory"); None where `text` states no rule (a question, a
    proposal: "tests should be mandatory", "make tests mandatory")."""
    said = _said(text)
    if "?" in said:
        return None
    match = _IT_IS.match(said)
    if match is not None:
        verb = match["act"].lower()
        doing = gerund(verb) if verb in _VERBS else None
        if doing is None:
            return None
        be = "will be" if "ll" in match["be"] else "is"  # "it will be required to …"
        be += " not" if match["not"] else ""  # "it is not mandatory to attend the demo"
        return f"{doing}{match['rest']} {be} {match['rule'].lower()}{_when_after(match)}"
    match = _IT_IS_THAT.match(said)
    if match is not None:
        return f"it's {match['rule'].lower()} that {match['clause']}{_when_after(match)}"
    match = _IS_RULE.match(said)
    if match is None:
        return None
    return said[match.start("thing"):] + _when_after(match)  # the date after, as told
