"""The state keys under which the app keeps what is typed in an editor of one saved thing
(History's moment editor, the person editor), and in the coach window, until it is saved
or discarded.

The store drops a thing's draft with the thing: a deleted person's half-typed notes must
not outlive them (`delete_person`, `merge_person`, `delete_moment`), nor the coach's
words about them. No SQLAlchemy here: the light store's windows read these keys too.
"""

from __future__ import annotations

import json
import logging

from mlcoach.domain.capture import renamed_with_ending, without_ending
from mlcoach.domain.text import name_key

logger = logging.getLogger(__name__)

#: The format of an editor's draft (the person editor's, History's, the coach's).
FORMAT = 1

Values = dict[str, str]  # an editor's fields, as text

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


def about_person(value: object, person_id: str, key: str | None) -> bool:
    """Whether the coach draft `value` is about the person `person_id` (name key `key`,
    None: not known): held to them (Who picked them, under whatever name they had
    then) or naming them."""
    held = value.get("person") if isinstance(value, dict) else None
    return held == person_id or (key is not None and names_person(value, key))


def coach_followed(value: object, old: str, new: str, person_id: str) -> object:
    """The coach draft `value` about `old` once they are `new` (renamed, or merged into
    `new`, whose id is `person_id`): Who says the name they have now ("Ana'ya" for Ana
    renamed Ana Kaya is "Ana Kaya'ya"), held to them still."""
    values = value.get("values") if isinstance(value, dict) else None
    if not isinstance(value, dict) or not isinstance(values, dict) or \
            not isinstance(values.get("who"), str):
        return value
    who = renamed_with_ending(values["who"].strip().lstrip("@"), old, new)
    return {**value, "values": {**values, "who": who}, "person": person_id}


def _typed(value: object, fields: tuple[str, ...]) -> tuple[dict[str, str], dict[str, str]] | None:
    """A person editor's draft as (values, base), each with `fields` as text; None when
    it is not one (unreadable, or kept without what its editor started from)."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        return None
    values, base = value.get("values"), value.get("base")
    for part in (values, base):
        if not isinstance(part, dict) or not all(isinstance(part.get(f), str) for f in fields):
            return None
    assert isinstance(values, dict) and isinstance(base, dict)
    return values, base


def moved_person_draft(gone: object, kept: object, merged: dict[str, str],
                       now: dict[str, str]) -> object | None:
    """What the person editor offers for the one kept by a merge, whose fields are `now`
    (their notes with the merged one's after them), given the draft of the one merged
    into them (`gone`, whose fields were `merged`) and their own (`kept`, or None): the
    notes and style typed about the one merged in and not saved come along, their notes
    in place of the saved ones the merge added; the name typed there does not (the merge
    chose the name). None: no draft for them."""
    fields = ("name", "style", "notes")
    came = _typed(gone, fields)
    typed = came[0] if came is not None else merged
    # typed there and not saved (a rename onto their name saves before it merges)
    notes, style = (came is not None and typed[f].strip() not in (
        came[1][f].strip(), merged[f].strip()) for f in ("notes", "style"))
    own = _typed(kept, fields)
    if own is None and (kept is not None or not (notes or style)):
        return kept  # nothing of theirs to carry over, or a draft not ours to change
    values = {f: now[f] if own is None or own[0][f] == own[1][f] else own[0][f]
              for f in fields}
    # The notes merged in, as typed about them if they were: in place of the saved
    # ones, or after the kept one's own typed notes (which the merge's did not reach).
    saved = merged["notes"].strip()
    words = typed["notes"].strip() if notes else saved
    if saved and saved in values["notes"]:
        values["notes"] = values["notes"].replace(saved, words, 1)
    elif words and words not in values["notes"]:
        values["notes"] = f"{values['notes'].rstrip()}\n\n{words}".lstrip()
    if style and values["style"] == now["style"]:
        values["style"] = typed["style"]
    moved: dict[str, object] | None = {"format": FORMAT, "values": values, "base": now} \
        if values != now else None
    if moved is not None and came is not None and (notes or style):
        # the merged one's words apart too, for an editor of theirs open now (CARRIED)
        alone = values if own is None else moved_person_draft(gone, None, merged, now)
        if isinstance(alone, dict) and isinstance(alone.get("values"), dict):
            alone = alone["values"]
        moved[CARRIED] = {"values": alone, "base": now}
    return moved


#: Under a person's draft: the words typed about someone merged into them, kept apart so
#: an editor of theirs open before the merge, which never showed them, neither writes
#: over them nor forgets them on its Save or Discard (see kept_with_carried).
CARRIED = "carried"
#: In a draft an editor writes: the carried words it brought back (and holds in its
#: values now), so that words a later merge carried are told from them. Never stored.
SHOWN = "carried_shown"


def kept_with_carried(stored: str, value: object) -> object:
    """`value`, a person editor's draft to write, with the words a merge carried into the
    draft stored there now (JSON), unless the editor showed those very words (`SHOWN`;
    "carried": None, as earlier versions wrote it): a second merge's, carried since it
    opened, stay."""
    existing = _loaded(stored)
    carried = existing.get(CARRIED) if isinstance(existing, dict) else None
    if not isinstance(value, dict):
        return value
    shown = value.get(SHOWN)
    value = {k: v for k, v in value.items() if k != SHOWN}
    if carried is None or carried == shown or CARRIED in value:
        return value
    return {**value, CARRIED: carried}


def left_when_forgotten(stored: str | None, shown: object = None) -> object | None:
    """What stays of a person's draft (its JSON, or None) when an editor is saved or
    discarded: the words a merge carried into it, unless they are those the editor
    showed (`shown`); None: nothing."""
    existing = _loaded(stored) if stored is not None else None
    carried = existing.get(CARRIED) if isinstance(existing, dict) else None
    if carried is None or carried == shown:
        return None
    return {"format": FORMAT, CARRIED: carried}


def _loaded(stored: str) -> object:
    try:
        loaded: object = json.loads(stored)
    except ValueError:
        return None  # not ours to read: written over, as it was before
    return loaded


def offered(value: object, fields: tuple[str, ...], loaded: Values | None = None,
            texts: tuple[str, ...] = ()) -> Values | None:
    """What an editor offers back from the draft `value` kept under its key; None when
    there is none or it is not ours. With `loaded` (the editor's fields as saved now), a
    field the draft has as it started from (not typed in) is the saved one: a change
    saved since elsewhere is not undone. In the fields named in `texts` (notes), the
    words typed go onto the words saved since, both kept (domain.rebase), and so do the
    words a merge carried here (CARRIED), unless the draft holds them already.
    The editor writes drafts as {"format": FORMAT, "values": ..., "base": ...}: `base`
    is what it loaded; `values` what it holds."""
    if value is None:
        return None
    ours = isinstance(value, dict) and value.get("format") == FORMAT
    values = value.get("values") if isinstance(value, dict) and ours else None
    carried = _carried(value, fields) if loaded is not None else None
    only_carried = values is None and carried is not None and loaded is not None
    if only_carried:  # only words a merge carried here
        values, value = dict(loaded or {}), {"base": loaded}
    if not _readable(values, fields):
        logger.warning("a kept editor draft is not readable; ignoring it")
        return None
    assert isinstance(value, dict) and isinstance(values, dict)
    base = value.get("base")
    if loaded is not None and _readable(base, fields) and isinstance(base, dict):
        values = {f: loaded[f] if values[f] == base[f] else
                  _rebased(values[f], base[f], loaded[f]) if f in texts else values[f]
                  for f in fields}
        if carried is not None and (only_carried or base != carried[1]):  # not in them yet
            words, since = carried
            values = {f: values[f] if words[f] == since[f] else
                      _rebased(words[f], since[f], values[f]) if f in texts else
                      words[f] if values[f] == loaded[f] else values[f] for f in fields}
    return values


def _carried(value: object, fields: tuple[str, ...]) -> tuple[Values, Values] | None:
    """The words a merge carried into a person's draft (edit_drafts.CARRIED), as (values,
    base); None when there are none."""
    carried = value.get(CARRIED) if isinstance(value, dict) else None
    words = carried.get("values") if isinstance(carried, dict) else None
    since = carried.get("base") if isinstance(carried, dict) else None
    if not (_readable(words, fields) and _readable(since, fields)):
        return None
    assert isinstance(words, dict) and isinstance(since, dict)
    return words, since


def _rebased(typed: str, base: str, now: str) -> str:
    if now == base:
        return typed
    from mlcoach.domain.rebase import rebased  # rare: saved anew under a draft

    return rebased(typed, base, now)


def _readable(values: object, fields: tuple[str, ...]) -> bool:
    return isinstance(values, dict) and set(values) == set(fields) and all(
        isinstance(v, str) for v in values.values())
