"""Notes typed over notes saved anew meanwhile (mlcoach.domain.rebase): both sides' words
are kept. Pure functions, no store."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from mlcoach.domain.rebase import rebased

WORDS = st.sampled_from(["Ana", "prefers", "a", "call", "agendas", "1:1", "Friday", "ok."])
LINE = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)


def test_words_typed_at_the_end_go_before_the_notes_merged_in():
    assert rebased("Prefers a call. Ask first.", "Prefers a call.",
                   "Prefers a call.\n\nLikes agendas.") == \
        "Prefers a call. Ask first.\n\nLikes agendas."


def test_edits_of_different_words_are_both_kept():
    assert rebased("Kind. Prefers a call.", "Prefers a call.",
                   "Prefers a call. Hates Mondays.") == "Kind. Prefers a call. Hates Mondays."
    assert rebased("Mine a b", "a b", "Theirs a b") == "Mine Theirs a b"


def test_the_same_words_changed_on_both_sides_keep_both_texts():
    """Not "a videemail", as patching by the nearest match gave."""
    assert rebased("Prefers email.", "Prefers a call.", "Prefers a video call.") == \
        "Prefers email.\n\nPrefers a video call."
    assert rebased("New.", "", "Other.") == "New.\n\nOther."


@given(LINE, LINE, LINE)
def test_a_side_that_did_not_change_takes_the_other(typed, base, now):
    assert rebased(typed, base, base) == typed
    assert rebased(base, base, now) == now
    assert rebased(typed, base, typed) == typed


@given(st.lists(LINE, min_size=4, max_size=8, unique=True), st.data())
def test_lines_changed_apart_are_merged_line_by_line(lines, data):
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1).filter(lambda j: abs(i - j) >= 2))
    mine, theirs = data.draw(LINE), data.draw(LINE)
    typed, now, both = list(lines), list(lines), list(lines)
    typed[i] = both[i] = f"{mine} (mine)"
    now[j] = both[j] = f"{theirs} (theirs)"
    assert rebased("\n".join(typed), "\n".join(lines), "\n".join(now)) == "\n".join(both)


@given(st.lists(WORDS, max_size=12).map(" ".join), st.data())
def test_no_word_either_side_added_is_lost(base, data):
    def edited() -> str:
        words = base.split()
        for _ in range(data.draw(st.integers(1, 3))):
            at = data.draw(st.integers(0, len(words)))
            if data.draw(st.booleans()) and at < len(words):
                del words[at]
            else:
                words.insert(at, data.draw(st.sampled_from(["Mine", "Theirs", "call", "ok."])))
        return " ".join(words)

    typed, now = edited(), edited()
    merged = Counter(rebased(typed, base, now).split())
    for side in (typed, now):  # as many of each word as that side added, at least
        added = Counter(side.split()) - Counter(base.split())
        assert not added - merged, (typed, base, now)


def test_words_put_in_at_one_place_by_both_and_more_by_one_are_kept_once():
    """The notes merged in ("Likes agendas.") and the same notes typed on in a draft
    ("Likes agendas. Ask first."): not both, one after the other."""
    assert rebased("Kept.\n\nLikes agendas. Ask first.", "Kept.",
                   "Kept.\n\nLikes agendas.") == "Kept.\n\nLikes agendas. Ask first."
    assert rebased("x a", "x", "x ab c") == "x a ab c"  # a word is a word, not a part of one
