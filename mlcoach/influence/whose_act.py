"""Whose act a change is, said to the one asked: the user's own on their own things
("share my notes after every meeting" → "if I shared my notes …"), which "for you to
share my notes" would ask the colleague to do."""

from __future__ import annotations

import re

from mlcoach.influence.english_words import _words
from mlcoach.influence.english_words import plain_word as _plain
from mlcoach.influence.phrasing import _ME_OR_YOU, _YOURS, Reading, Shape
from mlcoach.influence.verb_forms import gerund, past_tense

# Verbs whose act on "my" things is the user's own: "share my notes", "block my
# calendar", "mute my notifications". Not "review my PRs", "read my notes", "answer my
# questions": those ask the colleague to act on the user's things.
_MY_OWN_ACTS = _words("share send post publish block mute silence snooze clear protect keep "
                      "limit cap turn switch put close set update timebox time-box plan "
                      "prepare write admit invite own")
# "share what I'm learning", "admit when I'm wrong": the user said as "I" after the verb.
_I_SAID = re.compile(r"(?<![\w'’])I(?:['’](?:m|ve|ll|d))?(?![\w'’])")
# As gerunds, habits of one's own too: "stop checking my phone in meetings".
_MY_OWN_HABITS = frozenset(filter(None, map(gerund, _MY_OWN_ACTS))) | _words(
    "checking answering reading merging skipping cancelling canceling rescheduling working")
_MINE_AS_IF = {Shape.STOP_GERUND: "stopped", Shape.START_GERUND: "started",
               Shape.TRY_GERUND: "tried"}


def as_mine(reading: Reading) -> Reading:
    """A question about the user's own act as one ("share my notes after meetings" → "if
    I shared my notes after meetings"): "for you to share my notes" asked the colleague to
    do it. Other readings as they came."""
    words = reading.words
    if not (_YOURS.search(words) or _I_SAID.search(words)) or _ME_OR_YOU.search(words) \
            or reading.topic:
        return reading
    verb, _, after = words.partition(" ")
    if reading.shape in _MINE_AS_IF:  # "stop checking my phone in meetings"
        if _plain(verb) in _MY_OWN_HABITS:
            return Reading(Shape.IF_CLAUSE, f"I {_MINE_AS_IF[reading.shape]} {words}",
                           verb_phrase=reading.verb_phrase)
        return reading
    if reading.shape is not Shape.VERB or not after:
        return reading
    if _plain(verb) in ("stop", "start", "quit") and _plain(after.split()[0]) in _MY_OWN_HABITS:
        past = past_tense(_plain(verb))  # "stop checking my phone in meetings"
        return Reading(Shape.IF_CLAUSE, f"I {past} {after}", verb_phrase=reading.verb_phrase)
    if _plain(verb) == "be":  # "be on time to my own meetings": how I would be
        return Reading(Shape.IF_CLAUSE, f"I were {after}", verb_phrase=reading.verb_phrase)
    if _plain(verb) not in _MY_OWN_ACTS:
        return reading
    past = past_tense(_plain(verb))
    return Reading(Shape.IF_CLAUSE, f"I {past} {after}", verb_phrase=reading.verb_phrase) \
        if past else reading
