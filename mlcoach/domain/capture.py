"""Understanding a one-line capture: inline @Name picks a person, #tag adds a tag."""

from __future__ import annotations

import re
from typing import NamedTuple

# A name is one word; underscores stand for spaces (@Ana_Maria -> "Ana Maria").
_PERSON = re.compile(r"(?<![\w@])@([^\W\d_][\w.'-]*)", re.UNICODE)
_TAG = re.compile(r"(?<![\w#&])#([^\W\d_][\w-]*)", re.UNICODE)


class ParsedCapture(NamedTuple):
    """The text to store and what was picked out of it."""

    text: str
    person: str | None
    tags: tuple[str, ...]


def parse_capture(raw: str) -> ParsedCapture:
    """Pick @Name and #tags out of a line.

    Tokens at the end of the line are removed ("... for her @Ana #meetings");
    inline ones keep their word without the sigil ("Thanked @Ana for the #demo").
    """
    names = [_clean_name(m.group(1)) for m in _PERSON.finditer(raw)]
    tags = tuple(dict.fromkeys(t.casefold() for t in _TAG.findall(raw)))
    words = raw.split()
    while words and (_PERSON.fullmatch(words[-1]) or _TAG.fullmatch(words[-1])):
        words.pop()
    body = " ".join(words)
    body = _PERSON.sub(lambda m: _clean_name(m.group(1)), body)
    body = _TAG.sub(lambda m: m.group(1), body)
    return ParsedCapture(text=body.strip(), person=names[0] if names else None, tags=tags)


def _clean_name(token: str) -> str:
    return token.rstrip(".'-").replace("_", " ")
