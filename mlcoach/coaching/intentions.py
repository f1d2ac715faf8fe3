"""Yesterday's intention as the next morning's prompt recalls it.

The reflection asks "Tomorrow I will…", and people type the whole sentence: recalled
as "Yesterday you meant to: Tomorrow I will thank Ana" it read as a slip. The words the
user typed are kept; only what is said of when and of whom is said from today's side.
"""

from __future__ import annotations

import re

# "Tomorrow, I will …", "tmrw I'll …", "I'm going to …", "to …": the lead before the act.
_WHEN = (r"(?:(?:tomorrow\s+morning|tomorrow|tmrw|tmr|first\s+thing(?:\s+tomorrow)?)"
         r"\s*[,:;–—-]?\s*)?")
_LEAD_EN = re.compile(
    rf"^{_WHEN}(?:(?:i\s+will|i['’]ll|i\s+shall|i['’]m\s+going\s+to|i\s+am\s+going\s+to"
    r"|i['’]m\s+gonna|i\s+want\s+to|i['’]d\s+like\s+to|i\s+would\s+like\s+to|i\s+plan\s+to"
    r"|i\s+need\s+to|i\s+must|i\s+should|i\s+intend\s+to)\s+)?(?:to\s+)?(?=\S)", re.I)
# The user's own words, said back to them.
_YOURS = {"my": "your", "myself": "yourself", "me": "you", "i'm": "you're",
          "i’m": "you’re", "i've": "you've", "i’ve": "you’ve", "i'll": "you'll",
          "i’ll": "you’ll", "i'd": "you'd", "i’d": "you’d", "i": "you"}
_MINE = re.compile(r"(?<![\w'’])(?:my|myself|me|i['’](?:m|ve|ll|d)|i)(?![\w'’])", re.I)
_I_AM = re.compile(r"(?<![\w'’])i\s+(am|was)(?![\w'’])", re.I)
# «Yarın Ana'ya teşekkür edeceğim»: "tomorrow" is today now.
_LEAD_TR = re.compile(r"^(?:yar[ıi]n|yar[ıi]n\s+sabah)\s*[,:;–—-]?\s+(?=\S)", re.I)


def recalled(intention: str, language: str) -> str:
    """`intention` as recalled the morning after: without "Tomorrow I will" in front, and
    in English with "my" said as "your" ("Tomorrow I'll ask my team" → "ask your team")."""
    text = " ".join(intention.split())
    if language == "tr":
        return _LEAD_TR.sub("", text) or text
    act = _LEAD_EN.sub("", text)
    if len(act.split()) < 2:
        return act or text  # a word alone is left as typed
    act = _I_AM.sub(lambda m: "you " + ("are" if m[1].lower() == "am" else "were"), act)
    return _MINE.sub(lambda m: _YOURS[m[0].lower()], act)
