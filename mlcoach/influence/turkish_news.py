"""Turkish one day's news of a meeting not held («bugün standup yok», «yarınki demo
iptal», «bu haftaki retro yapılmayacak»): off once, no arrangement decided, nothing to
try or to lead by example."""

from __future__ import annotations

import re

from mlcoach.influence.letters import restored

_WHEN = (r"(?:bugün(?:kü)?|yarın(?:ki)?|bu\s+akşam(?:ki)?|bu\s+(?:hafta|sprint|pazartesi|salı"
         r"|çarşamba|perşembe|cuma)(?:ki|nın|nin)?)")
_MEETING = (r"(?:standup|stand-up|daily|retro|retrospektif|demo|toplantı|planlama|sync|1:1"
            r"|one-on-one|refinement|grooming)(?:['’]?[a-zçğıöşü]{0,4})?")
_OFF = (r"(?:iptal(?:\s+edildi)?|yok|yapılmayacak|yapılmıyor|olmayacak|olmuyor"
        r"|ertelendi)")
_NEWS = re.compile(rf"^(?:{_WHEN}\s+{_MEETING}\s+{_OFF}|{_MEETING}\s+{_WHEN}\s+{_OFF}"
                   rf"|{_MEETING}\s+{_OFF}\s+{_WHEN})$")


def one_day_news_tr(text: str) -> bool:
    """Whether the Turkish `text` is one day's news of a meeting not held."""
    said = " ".join(restored(text).replace("İ", "i").replace("I", "ı").lower().split())
    return _NEWS.match(said.rstrip(" .!")) is not None
