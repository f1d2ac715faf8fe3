"""Checking and normalising what people type: text, tags and names (no heavy imports)."""

from __future__ import annotations

from mlcoach.errors import UsageError

MAX_TEXT = 1_000_000
MAX_NAME = 200
MAX_TAG = 100


def clean_text(value: str, what: str = "text", limit: int = MAX_TEXT) -> str:
    """Strip and check user text; reject empty, NUL-bearing or oversized input."""
    value = value.strip()
    if not value:
        raise UsageError(f"{what} is empty")
    if "\x00" in value:
        raise UsageError(f"{what} contains a NUL character")
    if len(value) > limit:
        raise UsageError(f"{what} is longer than {limit} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"{what} contains characters that are not valid text") from exc
    return value


def clean_tag(tag: str) -> str:
    """Normalise a tag: no leading '#', no spaces, casefolded."""
    tag = clean_text(tag.lstrip("#"), "tag", MAX_TAG)
    if any(ch.isspace() for ch in tag):
        raise UsageError(f"tag {tag!r} contains spaces")
    return tag.casefold()


def name_key(name: str) -> str:
    """The key under which names collide: "Ana" and "ana" are the same person."""
    return " ".join(name.split()).casefold()
