"""An act done on one occasion ("go to the offsite", "attend the training on Friday"):
by example it is done once, and seen, not kept up for weeks as a new way of working."""

from __future__ import annotations

import re

# What happens once: an event, not a meeting that recurs.
_EVENTS = (r"off-?sites?|trainings?|workshops?|conferences?|part(?:y|ies)|kick-?offs?|launch"
           r"|hackathons?|summits?|celebrations?|dinners?|on-?sites?|meetups?|events?"
           r"|away\s+days?|team\s+days?|team\s+building|town\s*halls?|all-?hands")
# A recurring meeting said with one day ("the retro on Friday", "the demo tomorrow").
_DATED = (r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
          r"|tomorrow|today|tonight|next\s+week|this\s+week)\b")
_GO = (r"^(?:go|come|turn\s+up|show\s+up|be)\s+(?:to|at)\s+|^(?:attend|join)\s+")
_OCCASION = re.compile(rf"(?:{_GO})(?:the|this|our|next|tomorrow['’]s|\w+day['’]s)\s+"
                       rf"(?:[\w'’-]+\s+){{0,2}}?(?P<event>{_EVENTS})\b(?P<rest>.*)$", re.I)
_MEETING = re.compile(rf"(?:{_GO})(?:the|this|our|next)\s+(?:[\w'’-]+\s+){{0,2}}?"
                      r"(?:standup|retro|demo|review|planning|sync|meeting)s?\b.*" + _DATED,
                      re.I)


# «offsite'a gitmek», «eğitime katılalım», «konferansa gelmek»
_OCCASION_TR = re.compile(r"(?:off-?site|eğitim|workshop|atölye|konferans|parti|kick-?off"
                          r"|lansman|hackathon|zirve|etkinlik|kutlama)\w*['’]?(?:y?[ae])\s+"
                          r"(?:git|gid|katıl|gel)\w*$", re.I)


def one_occasion(act: str, language: str = "en") -> bool:
    """Whether `act` (an act in the user's words, "go to the offsite") is done on one
    occasion; a recurring all-hands counts only with its day ("attend the all-hands on
    Friday")."""
    act = " ".join(act.split()).rstrip(" .!")
    if language == "tr":
        return _OCCASION_TR.search(act) is not None
    match = _OCCASION.match(act)
    if match is not None:
        recurring = re.match(r"(?i)town|all", match["event"]) is not None
        return not recurring or re.search(_DATED, match["rest"], re.I) is not None
    return _MEETING.match(act) is not None
