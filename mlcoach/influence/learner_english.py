"""English as a Turkish speaker often writes it at work, read as the act it means: "stop to
merge without review" (from "… merge etmeyi bırakalım") is stopping the merging, not a
pause in order to merge. ("we must to write tests" is read with the modals in
english_words.py.)"""

from __future__ import annotations

import re

from mlcoach.influence.english_words import _VERBS
from mlcoach.influence.verb_forms import gerund

# "stop to merge", "quit to write": what stops is the act after "to" …
_STOP_TO = re.compile(r"(?<![\w'’-])(?P<stop>stop|quit)\s+to\s+(?P<verb>[a-z]+(?:-[a-z]+)?)"
                      r"(?![\w'’])", re.I)
# … but one stops to think, to celebrate: a pause for it, right as typed.
_PAUSED_FOR = frozenset(("think", "reflect", "breathe", "pause", "look", "listen", "ask",
                         "check", "celebrate", "consider", "chat", "talk", "rest", "eat",
                         "say", "thank", "notice", "wonder", "recap", "regroup"))


def stopping_said(text: str) -> str:
    """"stop to merge without review" → "stop merging without review"; "stop to think"
    stays as typed."""

    def said(match: re.Match[str]) -> str:
        verb = match["verb"].lower()
        if verb in _PAUSED_FOR or verb not in _VERBS:
            return match[0]
        form = gerund(verb)
        return match[0] if form is None else f"{match['stop']} {form}"

    return _STOP_TO.sub(said, text)
