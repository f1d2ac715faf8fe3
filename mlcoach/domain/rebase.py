"""Words typed over a text that was saved anew meanwhile: a person's notes edited in one
window while a merge, another window or the command line changed them. What the user
changed goes onto the text as it is now, word by word; where both changed the same
words, both texts are kept, the typed one first. Nothing either side wrote is lost.

diff-match-patch finds what each side changed (its diff, over words mapped to one
character each, as its line mode does for lines); the three-way step is ours, so that a
change lands only where its words are found exactly: the library's fuzzy patching put
"email" into "a video call" as "a videemail".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True, slots=True)
class _Edit:
    """Tokens start..end of the text both began from, replaced by `words` (start ==
    end: `words` put in there)."""

    start: int
    end: int
    words: tuple[str, ...]


def rebased(typed: str, base: str, now: str) -> str:
    """`typed` (the user's text, edited from `base`) with what was saved since (`now`,
    also from `base`) kept: the edits of both when they touch different words, else
    both texts, `typed` first."""
    if now == base or typed == now:
        return typed
    if typed == base:
        return now
    if not base.strip():  # nothing shared to place the two around
        return f"{typed.rstrip()}\n\n{now.strip()}"
    tokens = _TOKEN.findall(base)
    theirs = _edits(tokens, now)
    mine = [edit for edit in _edits(tokens, typed) if edit not in theirs]  # made on both
    theirs, mine = _longer_kept(theirs, mine), _longer_kept(mine, theirs)
    if _clash(mine, theirs):
        return f"{typed.rstrip()}\n\n{now.strip()}"
    out = list(tokens)
    put_in = {edit.start for edit in theirs if edit.start == edit.end}
    # From the end, so each edit's places are still the base's. Words put at one place
    # by both: mine first, read on from what the user saw ("Prefers a call." + " Ask
    # first." typed, + "\n\nLikes agendas." merged in), then theirs.
    for edit, side in sorted([*((e, 1) for e in theirs), *((e, 0) for e in mine)],
                             key=lambda pair: (pair[0].start, pair[0].end, pair[1]),
                             reverse=True):
        words = list(edit.words)
        if side == 0 and edit.start == edit.end and edit.start in put_in and \
                not words[-1].isspace() and not out[edit.start][:1].isspace():
            words.append(" ")  # two words put in at one place stay two
        out[edit.start:edit.end] = words
    return "".join(out).strip()


def _longer_kept(edits: list[_Edit], others: list[_Edit]) -> list[_Edit]:
    """`edits` without words put in where `others` put in the same words and more ("Likes
    agendas." merged in, "Likes agendas. Ask first." typed there): the longer is kept."""
    def words(edit: _Edit) -> str:
        return " ".join("".join(edit.words).split())

    return [edit for edit in edits if not (edit.start == edit.end and any(
        other.start == other.end == edit.start and f" {words(edit)} " in f" {words(other)} "
        and words(other) != words(edit) for other in others))]


def _edits(tokens: list[str], text: str) -> list[_Edit]:
    """What turns `tokens` into `text`, as edits of `tokens`' places."""
    index: dict[str, str] = {}

    def chars(words: list[str]) -> str:  # one private-use character per distinct word
        return "".join(index.setdefault(w, chr(0xF0000 + len(index))) for w in words)

    old, new = chars(tokens), chars(_TOKEN.findall(text))
    words_of = {c: w for w, c in index.items()}
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact, however long the notes (a few thousand words at most)
    edits: list[_Edit] = []
    at = 0
    for op, run in dmp.diff_main(old, new, False):
        if op == dmp.DIFF_EQUAL:
            at += len(run)
            continue
        last = edits[-1] if edits and edits[-1].end == at else None
        if op == dmp.DIFF_DELETE:
            start = last.start if last is not None else at
            words = last.words if last is not None else ()
            at += len(run)
            edit = _Edit(start, at, words)
        else:
            added = tuple(words_of[c] for c in run)
            edit = _Edit(last.start, last.end, last.words + added) if last is not None \
                else _Edit(at, at, added)
        if last is not None:
            edits.pop()
        edits.append(edit)
    return edits


def _clash(mine: list[_Edit], theirs: list[_Edit]) -> bool:
    """Whether an edit of each side touches the same words. Words put in at one place
    by both do not: both are kept."""
    for a in mine:
        for b in theirs:
            if a.start < b.end and b.start < a.end:
                return True  # both replace some of the same words
            if (a.start == a.end and b.start < a.start < b.end) or (
                    b.start == b.end and a.start < b.start < a.end):
                return True  # one puts words inside what the other replaces
    return False
