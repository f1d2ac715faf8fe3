"""An English judgement of how things are, typed as the change: "standups: too long",
"Friday demo - pointless", "not a fan of the Friday demo". A thought to look at together,
never a thing to try ("if we tried this: “standups: too long”")."""

from __future__ import annotations

import re

from mlcoach.influence.amounts import says_an_amount

# What is said of a thing after a colon or a dash: "too long", "pointless", "a waste".
_VERDICT = re.compile(r"^(?:(?:way|much|far|a\s+bit|kinda|really)\s+)?too\s+[a-z]+"
                      r"(?:\s+and\s+too\s+[a-z]+)?|pointless|useless|not\s+(?:useful|working|"
                      r"great|ideal|helpful)|(?:a\s+)?(?:total\s+)?waste(?:\s+of\s+time)?|"
                      r"broken|painful|boring|(?:a\s+)?mess|meh|overkill|unnecessary|"
                      r"(?:a\s+)?time\s*sink", re.I)
_NOT_A_FAN = re.compile(r"^(?:(?:i['’]?m|i\s+am|honestly|personally)\s+)*(?:not\s+a\s+(?:big\s+|"
                        r"huge\s+)?fan\s+of|not\s+sold\s+on|not\s+convinced\s+(?:by|of|about))\s+"
                        r"\S", re.I)


_SEPARATOR = re.compile(r"(\s*:\s+|\s+[-–—]\s+)")


def is_a_judgement(text: str) -> bool:
    """Whether `text` judges a thing rather than proposing a change to it."""
    text = " ".join(text.split())
    if _NOT_A_FAN.match(text) or says_an_amount(text):  # "too many people ping me after 6"
        return True
    parts = _SEPARATOR.split(text, maxsplit=1)
    if len(parts) != 3:
        return False
    head, _, rest = parts
    return len(head.split()) <= 4 and _VERDICT.fullmatch(rest.strip(" .!")) is not None
