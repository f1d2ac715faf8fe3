"""Text that has words but names no change: a musing ("I was thinking about it", "been
thinking about this a lot") or a condition alone ("if the team agrees"). The user is
asked to describe the change instead of being asked "to about it"."""

from __future__ import annotations

import re

from mlcoach.influence.conditionals import only_consent

_MUSING = re.compile(
    r"^(?:(?:so|ok|okay|hey|hmm+|um+|well|just)\W+)*(?:i\s+was|i['’]?ve\s+been|i\s+have\s+been|"
    r"i['’]?m|i\s+am|been|just)\s+(?:thinking|wondering|musing|pondering|thinking\s+out\s+loud)"
    r"(?:\s+(?:about|of|on|over)\s+(?:it|this|that|things|stuff|something|all\s+this))?"
    r"(?:\s+(?:a\s+lot|lately|recently|again|out\s+loud|aloud|for\s+a\s+while))*\W*$", re.I)


# "no idea", "not sure yet": an answer, not a change.
_UNSURE = re.compile(r"^(?:no\s+idea|not\s+sure|unsure|dunno|no\s+clue)(?:\s+yet)?\W*$", re.I)


def says_no_change(text: str) -> bool:
    """Whether the English `text` muses or sets a condition without naming any change."""
    return _MUSING.match(text.strip()) is not None or only_consent(text) \
        or _UNSURE.match(text.strip()) is not None
