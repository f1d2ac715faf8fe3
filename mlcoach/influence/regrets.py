"""What was not done, said as a regret ("we should have tested it", "you could've told me",
"we should have moved standup to 10"): looked at together, never asked as a plan; not
"we should have automated tests", a thing to have."""

from __future__ import annotations

import re

from mlcoach.influence.act_or_thing import _is_past, verb_of_participle
from mlcoach.influence.english_words import (
    _OBJECT_MARKERS,
    _PRONOUNS,
    _VERBS,
    _is_plural,
    _words,
)
from mlcoach.influence.english_words import (
    plain_word as _plain,
)

_REGRET_AT = re.compile(r"(?<![\w'’])(?:(?:should|could|would|must|shouldn['’]t|couldn['’]t|"
                        r"wouldn['’]t)(?:\s+not)?\s+have|(?:should|could|would)['’]ve)"
                        r"\s+(?P<done>[\w'’]+)", re.I)
_PARTICIPLES = _words("been done gone taken given written seen known shown begun broken "
                      "chosen driven eaten fallen forgotten frozen hidden spoken stolen "
                      "thrown woken worn")


# Participles that before a noun say what kind it is: "should have dedicated time".
_DESCRIBING = _words("automated dedicated fixed shared scheduled written recorded documented "
                     "structured timeboxed time-boxed planned focused protected agreed "
                     "blocked booked set")


class _Regret:
    """"should have asked", "could've told me": what was not done, not "have a meeting"."""

    @staticmethod
    def search(text: str) -> bool:
        for m in _REGRET_AT.finditer(text):
            done = _plain(m.group("done"))
            if not (_is_past(done) or done in _PARTICIPLES):
                continue
            after = text[m.end():].split()
            nxt = _plain(after[0]) if after else ""
            # "should have automated tests", "fixed agendas": a participle before a noun
            # describes a thing to have, not a thing that was not done
            if not nxt or nxt in _OBJECT_MARKERS or nxt in _PRONOUNS \
                    or after[0][:1].isupper() or not (_is_plural(nxt) or nxt.isalpha()):
                return True
            # "should have moved standup to 10": a verb's act on a thing, not a thing had
            if nxt.isalpha() and not _is_plural(nxt) and done not in _DESCRIBING \
                    and verb_of_participle(done) in _VERBS:
                return True
        return False


REGRET = _Regret()
