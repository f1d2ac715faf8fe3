"""Checking and normalising what people type: text, tags and names (no heavy imports)."""

from __future__ import annotations

import re
import unicodedata

from mlcoach.domain.errors import UsageError
from mlcoach.domain.i18n import N_, Term

MAX_TEXT = 1_000_000
MAX_NAME = 200
MAX_TAG = 100


def is_text(value: str) -> bool:
    """Whether `value` is whole Unicode text: no half character (a lone surrogate, which
    Python keeps for bytes that were not UTF-8 or for "\\ud800" in JSON) that SQLite,
    a file name or a message could not take."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean_text(value: str, what: str = N_("text"), limit: int = MAX_TEXT) -> str:
    """Strip and check user text; reject empty, NUL-bearing or oversized input.

    Args:
        what: what the text is, in a few English words marked with `N_` (for messages).
    """
    term = Term(what)
    value = value.strip()  # stored exactly otherwise: names and tags are composed below
    if len(value) > limit:
        raise UsageError("{what} is longer than {limit} characters", what=term, limit=limit)
    if not is_text(value):  # first: a byte that is not UTF-8 is not "empty"
        raise UsageError("{what} contains characters that are not valid text", what=term)
    # Only invisible characters (zero-width spaces, a byte-order mark, direction marks)
    # read as empty too: stored, they show as a blank line or a blank name.
    if not any(ch.isprintable() and not ch.isspace() for ch in value):
        raise UsageError("{what} is empty", what=term)
    if "\x00" in value:
        raise UsageError("{what} contains a NUL character", what=term)
    return value


def clean_notes(value: str) -> str:
    """Notes on someone as kept: any text, empty too, but what an export of them could
    not be imported with (a NUL, more than MAX_TEXT characters, bytes that are not
    UTF-8). `people edit --notes -` kept a NUL, and every later export was refused whole."""
    term = Term(N_("notes"))
    if len(value) > MAX_TEXT:
        raise UsageError("{what} is longer than {limit} characters", what=term, limit=MAX_TEXT)
    if not is_text(value):
        raise UsageError("{what} contains characters that are not valid text", what=term)
    if "\x00" in value:
        raise UsageError("{what} contains a NUL character", what=term)
    return value


def clean_tag(tag: str) -> str:
    """Normalise a tag: no leading '#', no spaces, casefolded."""
    # One form for what looks the same: "café" typed with "é" or "e" and an accent.
    tag = unicodedata.normalize("NFC", clean_text(tag.lstrip("#"), N_("tag"), MAX_TAG))
    if any(ch.isspace() for ch in tag):
        raise UsageError("tag {tag!r} contains spaces", tag=tag)
    _refuse_hidden(tag, N_("tag"))  # "#ops\u200b" would be a second #ops
    folded = fold_tag(tag)  # "ß" becomes "ss": the limit is the stored tag's
    if len(folded) > MAX_TAG:
        raise UsageError("{what} is longer than {limit} characters", what=Term(N_("tag")),
                         limit=MAX_TAG)
    return folded


def kept_tag(tag: str) -> str | None:
    """An imported tag as the store keeps it: folded as a typed one, without a "#" before
    it or a character that does not show ("ops\u200b" is #ops); None when nothing is left.
    A space stays: a store may hold "two words" from an earlier import, and its backups
    must come back whole."""
    shown = "".join(ch for ch in tag if hidden_character(ch) is None).strip().lstrip("#")
    return fold_tag(shown.strip()) or None


def fold_tag(tag: str) -> str:
    """A tag as it is stored: composed and casefolded, with "İ" as "i" ("#İzmir" and
    "#izmir" are one tag; casefold alone gives "i" and a combining dot)."""
    return unicodedata.normalize("NFC", tag).casefold().replace("i\u0307", "i")


# The marks that reorder the text around them ("A\u202eB" shows as "AB" reversed after
# it): bidi embeddings, overrides and isolates. No name, prompt or message line holds them.
REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Controls a terminal, an editor or a viewer acts on (ESC starts a terminal sequence),
# and the reordering marks ("rtl\u202egnp.exe" shows as "rtlexe.png"): what a file we
# write for other programs must not carry. Tab, line feed and carriage return stay.
_ACTED_ON = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                       + "".join(sorted(REORDERING)) + "]")


def inert(text: str) -> str:
    """`text` with controls and reordering marks shown as "\ufffd", as the shell's
    output already does."""
    return _ACTED_ON.sub("\ufffd", text)


# Characters that do not show but make a name differ ("Ana" and "Ana\u200b" would be two
# people who look the same). Zero-width joiners stay: names in several scripts need them.
_HIDDEN_IN_NAMES = frozenset("\u00ad\u180e\u200b\u200e\u200f\u2060\ufeff") | REORDERING


def hidden_character(text: str) -> str | None:
    """The first character of `text` that does not show on screen yet makes it differ: one
    of the above, or a control (ESC, BEL: Qt draws nothing for them; spaces are not)."""
    return next((ch for ch in text if ch in _HIDDEN_IN_NAMES or (
        unicodedata.category(ch) == "Cc" and not ch.isspace())), None)


def clean_name(name: str) -> str:
    """A person's name as typed: checked as text, spaces made single, no character that
    hides in it, and no "@" before it: "@Ana" is Ana, as a capture's @Ana is."""
    cleaned = unicodedata.normalize(  # "José" with "é", or with "e" and an accent: one
        "NFC", " ".join(clean_text(name, N_("person name"), MAX_NAME).split()))
    cleaned = cleaned.lstrip("@").lstrip() or cleaned  # "@" alone stays what it was
    _refuse_hidden(cleaned, N_("person name"))
    return cleaned


def kept_name(name: str) -> str:
    """An imported name as the store keeps it: `clean_name`'s, without a character that
    does not show. A store made before those were refused may hold "Ana\x1b", and its
    export must come back whole; the Ana it shows as is who she is."""
    return clean_name("".join(ch for ch in name if hidden_character(ch) is None))


def _refuse_hidden(text: str, what: str) -> None:
    hidden = hidden_character(text)
    if hidden is not None:
        raise UsageError("{what} contains an invisible character (U+{code})",
                         what=Term(what), code=f"{ord(hidden):04X}")


def name_to_save(name: str) -> str:
    """A name someone is added, renamed or imported under: `clean_name`'s, with a letter
    or a digit in it. Signs alone ("---", "!!!", "…", an emoji) name no one: shown in a
    list or after "With" they read as a slip, not as a person. In any script ("Işık",
    "李雷", "O'Neil")."""
    cleaned = clean_name(name)
    if not any(unicodedata.category(ch)[0] in "LN" for ch in cleaned):
        raise UsageError("{name!r} is not a name: it has no letter or digit", name=cleaned)
    return cleaned


def name_key(name: str) -> str:
    """The key under which names collide: "Ana" and "ana" are the same person, and so are
    "IŞIK", "Işık" and "ışık", "İsmail" and "ismail": Turkish pairs I with ı and İ with i,
    other languages I with i, and a name is typed either way, so all four fold to "i"."""
    return case_key(name).replace("i\u0307", "i").replace("ı", "i")  # İ folds to i + dot


def case_key(name: str) -> str:
    """A name folded by case alone, as keys were before migration 0004 folded the Turkish
    I: "Işık" and "Işik" differ here, "Ana" and "ANA" do not."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()
