"""The state keys under which the app keeps what is typed in an editor of one saved thing
(History's moment editor, the person editor), and in the coach window, until it is saved
or discarded.

The store drops a thing's draft with the thing: a deleted person's half-typed notes must
not outlive them (`delete_person`, `merge_person`, `delete_moment`), nor the coach's
words about them. No SQLAlchemy here: the light store's windows read these keys too.
"""

from __future__ import annotations

from mlcoach.domain.capture import without_ending
from mlcoach.domain.text import name_key

_PERSON = "person_draft:"
_MOMENT = "moment_draft:"

#: The person editor's draft while it adds someone new (no id yet).
NEW_PERSON = _PERSON + "new"

#: The coach window's inputs (who, the change, ...): one draft; it goes with the person
#: its "who" names when they are deleted.
COACH = "coach_draft"


def person_key(person_id: str) -> str:
    """The key of the draft typed in the editor of the person `person_id`."""
    return _PERSON + person_id


def moment_key(moment_id: str) -> str:
    """The key of the draft typed in the editor of the moment `moment_id`."""
    return _MOMENT + moment_id


def names_person(value: object, key: str) -> bool:
    """Whether the coach draft `value` (JSON) is about the person whose name key is `key`
    ("Ana", "@Ana" and "Ana'ya" typed in "Who" are all Ana)."""
    values = value.get("values") if isinstance(value, dict) else None
    who = values.get("who") if isinstance(values, dict) else None
    if not isinstance(who, str):
        return False
    typed = who.strip().lstrip("@")
    return key in (name_key(typed), name_key(without_ending(typed)))
