"""A saved suggestion composed again for the new words of its planned moment.

A planned moment's words are the change its suggestion was composed from; when the user
edits them in History, the suggestion follows, so the old words are nowhere left.
"""

from __future__ import annotations

import logging

from mlcoach.domain.model import Suggestion
from mlcoach.influence.composer import ComposerError, SuggestionRequest, compose, manner_of

logger = logging.getLogger(__name__)


def reworded(saved: Suggestion, change: str) -> str | None:
    """The text of `saved` composed for `change` from what it was composed with (style,
    kind and size of change, person, language, by example or not); None when its text
    was not composed here or the coach cannot compose the new words (a complaint about
    someone, say): the store then keeps the new words alone."""
    try:
        return _composed_again(saved, change)
    except ComposerError as exc:
        # the template only: the log file outlives what the user edits or deletes
        logger.info("the edited words make no suggestion: %s", exc.template)
    except Exception as exc:  # a fault of the wording's rules must not stop the edit
        logger.error("the suggestion was not composed again: %s", type(exc).__name__)
    return None


def _composed_again(saved: Suggestion, change: str) -> str | None:
    manner = manner_of(saved.text)
    if manner is None:
        return None
    language, by_example = manner
    return compose(SuggestionRequest(
        change=change, style=None if by_example else saved.style, action=saved.action,
        size=saved.size, person=saved.person, by_example=by_example, language=language)
    ).as_text()
