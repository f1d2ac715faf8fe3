"""Understanding a one-line capture: inline @Name picks a person, #tag adds a tag."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from mlcoach.domain.text import fold_tag, name_key, name_to_save

# A name is one word; underscores stand for spaces (@Ana_Maria -> "Ana Maria"). Combining
# marks belong to it ("Jose" and an accent is José), though \w leaves them out.
_PERSON = re.compile(r"(?<![\w@])@([^\W\d_][\w\u0300-\u036f.'’-]*)", re.UNICODE)
# A tag has a letter somewhere: "#1on1" and "#q3" are tags, "#42" (an issue) is a number.
_TAG = re.compile(r"(?<![\w#&])#(?=[\w\u0300-\u036f-]*?[^\W\d_])([^\W_][\w\u0300-\u036f-]*)",
                  re.UNICODE)
_APOSTROPHES = "'’"


# What follows a name's last apostrophe is not the name where it is an English "'s" ("'ll",
# "'d") or a Turkish ending, written after an apostrophe on proper nouns ("@Ana'ya",
# "@Ali’nin", "@Deniz'lerden"). Other letters are the name's own ("@Ya'el", "@Sa'id",
# "@Ma'ayan"), as are a one-letter head ("@O'neil") and capitals ("@O'Brien").
@functools.cache
def _ending() -> re.Pattern[str]:
    """Compiled when a name first has an apostrophe (~1 ms of every `mlcoach capture`)."""
    return re.compile(
        r"s|ll|d|re|ve"  # English
        r"|(?=.)(?:l[ae]r)?"  # Turkish: plural, possessive, case, "-ki", in that order
        r"(?:[ıiuü]?m(?:[ıiuü]z)?|[ıiuü]?n[ıiuü]z|s?[ıiuü]|l[ae]r[ıiuü])?"
        r"(?:y?[ae]|y?[ıiuü]|n?[ıiuü]n|[dt][ae]n?|y?l[ae]|[cç][ae]|[dt][ıiuü]r)?"
        r"(?:ki(?:l[ae]r)?)?")


class ParsedCapture(NamedTuple):
    """The text to store and what was picked out of it."""

    text: str
    person: str | None
    tags: tuple[str, ...]


def parse_capture(raw: str, person: str | None = None) -> ParsedCapture:
    """Pick @Name and #tags out of a capture.

    The first @Name is the moment's person, unless `person` was chosen otherwise
    (`--person`). Tags, and that person, at the very end are taken off the words ("...
    for her @Ana #meetings"); every other @Name keeps its word without the sigil
    ("Introduced @Ana to @Bob", "Praised @Ana's demo"), so no word typed is lost. Line
    breaks and runs of spaces are one space (a capture is one line).
    """
    names = [_name(m.group(1)) for m in _PERSON.finditer(raw)]
    chosen = person if person is not None else (names[0] if names else None)
    tags = tuple(dict.fromkeys(fold_tag(t) for t in _TAG.findall(raw)))
    words = raw.split()  # one line: runs of spaces, tabs and line breaks are one space
    attached = False
    while words:
        last = words[-1]
        mention = _PERSON.fullmatch(last)
        if _TAG.fullmatch(last):
            words.pop()
        elif mention and not attached and chosen is not None \
                and not _has_ending(mention.group(1)) \
                and _name(mention.group(1)).casefold() == chosen.casefold():
            words.pop()
            attached = True
        else:
            break
    body = " ".join(words)
    body = _PERSON.sub(lambda m: m.group(1).replace("_", " "), body)
    body = _TAG.sub(lambda m: m.group(1), body)
    return ParsedCapture(text=body, person=chosen, tags=tags)


def _split_ending(token: str) -> tuple[str, str]:
    """A token as its name and the ending after it ("Ana'ya" -> "Ana", "'ya")."""
    cut = max(token.rfind(mark) for mark in _APOSTROPHES)
    head, tail = token[:cut], token[cut + 1:]
    if head.isupper() and tail.isupper():  # typed in capitals: "@ANA'YA", "AYŞE'NİN"
        tail = tail.replace("İ", "i").replace("I", "ı").lower()
    if cut > 0 and sum(c.isalpha() for c in head) >= 2 and _ending().fullmatch(tail):
        return head, token[cut:]
    return token, ""


def without_ending(name: str) -> str:
    """A name typed on its own (`--person`, a command's NAME, the composer's "Who")
    without an "@" before it or a case ending after it: "@Ana" and "Ana'ya" are Ana, as
    a capture's @Ana'ya is."""
    name = name.strip()
    return _split_ending(name.lstrip("@").lstrip() or name)[0]


def names_person(said: str, person: str | None) -> bool:
    """Whether `said` names `person`, by their name or their first name, as names are
    matched: "DANA" and "Dana", "IŞIK" and "Işık", "O’Neil" and "O'Neil" alike."""
    name = without_ending(person or "").replace("’", "'").split()
    key = name_key(said.replace("’", "'"))
    return bool(name) and key in (name_key(" ".join(name)), name_key(name[0]))


def new_person_name(typed: str) -> str:
    """The name someone new is saved under when a capture or a suggestion names them:
    checked as `people add` checks one, without the "@" or case ending it was typed with
    ("Burak'a" adds Burak)."""
    return name_to_save(without_ending(typed))


def renamed_with_ending(typed: str, old: str, new: str) -> str:
    """What a name typed on its own says once the person it names (`old`) is renamed
    `new`: "Dana'ya" for Dana renamed "Dana Kaya" is "Dana Kaya'ya". The ending stays
    where it still fits the new name's sound (English "'s" always; a Turkish ending where
    the last vowel and the last sound are alike, "Dana'ya" for "Deniz" is not "Deniz'ya"),
    else the new name alone."""
    name, ending = _split_ending(typed.strip())
    if not ending or name_key(name) != name_key(old):
        return new
    if ending[1:] == "s" or _sound(old) == _sound(new):
        return new + ending
    return new


_VOWELS = "aeıioöuüâîû"
_VOICELESS = "çfhkpsşt"


def _sound(name: str) -> tuple[str, str]:
    """What a Turkish ending after `name` follows: its last vowel and how it ends (a
    vowel, a voiceless consonant or another one)."""
    word = name.strip().lower().replace("i\u0307", "i")
    vowel = next((c for c in reversed(word) if c in _VOWELS), "")
    last = word[-1:] if word else ""
    end = "vowel" if last in _VOWELS else "voiceless" if last in _VOICELESS else "voiced"
    return vowel, end


def person_keys(name: str) -> tuple[str, str]:
    """The keys a name typed on its own is looked up by: its own, then without a case
    ending ("Ana'ya": Ana). The two are equal without one; a person saved with the
    ending is found by its own key first."""
    return name_key(name), name_key(without_ending(name))


def _has_ending(token: str) -> bool:
    """Whether a token carries an ending after its name ("Ana's", "Ana'ya")."""
    return bool(_split_ending(token.rstrip(".'’-"))[1])


def _name(token: str) -> str:
    """The person a token names: "Ana_Maria" is "Ana Maria", "Ana's", "Ana'ya" and "Ana."
    are "Ana"; composed ("José" typed with "e" and an accent is "José")."""
    name = _split_ending(token.rstrip(".'’-"))[0].rstrip(".'’-").replace("_", " ")
    return unicodedata.normalize("NFC", name)
