"""Whether a change is one the team has already made, in either language ("we moved retro
to Friday", "we now do standups async", "retroyu cumaya aldık"): the whole suggestion is
then a check-in on how it is going, not a proposal or a trial."""

from __future__ import annotations

from mlcoach.domain.model import ChangeKind
from mlcoach.influence.phrasing import Shape, read_change
from mlcoach.influence.turkish_made import made_tr
from mlcoach.influence.turkish_you import their_change_tr


def already_made(change: str, action: ChangeKind, language: str,
                 person: str | None = None) -> bool:
    """Whether `change` (tidied, as the question reads it) says a change already made."""
    if language == "tr":  # «Ayşe standup'ı 10'a aldı», said to Ayşe, too
        return made_tr(change) or (person is not None
                                   and their_change_tr(change, person) is not None)
    return read_change(change, action, "en", person).shape in (Shape.DONE, Shape.NOW,
                                                               Shape.QUOTE_DONE)
