"""The state keys under which the app keeps what is typed in an editor of one saved thing
(History's moment editor, the person editor) until it is saved or discarded.

The store drops a thing's draft with the thing: a deleted person's half-typed notes must
not outlive them (`delete_person`, `merge_person`, `delete_moment`). No SQLAlchemy here:
the light store's windows read these keys too.
"""

from __future__ import annotations

_PERSON = "person_draft:"
_MOMENT = "moment_draft:"

#: The person editor's draft while it adds someone new (no id yet).
NEW_PERSON = _PERSON + "new"


def person_key(person_id: str) -> str:
    """The key of the draft typed in the editor of the person `person_id`."""
    return _PERSON + person_id


def moment_key(moment_id: str) -> str:
    """The key of the draft typed in the editor of the moment `moment_id`."""
    return _MOMENT + moment_id
