"""ORM rows to domain objects: the one place the store turns a row into what callers see."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from mlcoach.domain.model import (
    ChangeKind,
    Kind,
    Moment,
    Outcome,
    Person,
    Prompt,
    PromptEvent,
    Reflection,
    Response,
    Size,
    Style,
    Suggestion,
)
from mlcoach.store import codec
from mlcoach.store import models as m

_E = TypeVar("_E", bound=StrEnum)


def enum_or_none(cls: type[_E], value: str | None) -> _E | None:
    return None if value is None else cls(value)


def dedupe(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def person(r: m.PersonRow) -> Person:
    return Person(id=r.id, name=r.name, style=enum_or_none(Style, r.style), notes=r.notes,
                  archived=r.archived, created_at=r.created_at)


def moment(r: m.MomentRow) -> Moment:
    return Moment(
        id=r.id, text=r.text, kind=Kind(r.kind), created_at=r.created_at,
        person=r.person.name if r.person else None, style=enum_or_none(Style, r.style),
        tags=tuple(t.tag for t in r.tag_rows), outcome=enum_or_none(Outcome, r.outcome),
        outcome_at=r.outcome_at, prompt_event_id=r.prompt_event_id,
        suggestion_id=r.suggestion_id, planned=r.planned, follow_up_on=r.follow_up_on,
    )


def suggestion(r: m.SuggestionRow) -> Suggestion:
    return Suggestion(
        id=r.id, created_at=r.created_at, style=enum_or_none(Style, r.style), change=r.change,
        action=ChangeKind(r.action), size=Size(r.size), text=r.text,
        person=r.person.name if r.person else None, follow_up_on=r.follow_up_on,
        outcome=enum_or_none(Outcome, r.outcome), outcome_at=r.outcome_at,
    )


def reflection(r: m.ReflectionRow) -> Reflection:
    return Reflection(id=r.id, day=r.day, created_at=r.created_at, updated_at=r.updated_at,
                      energy=r.energy, went_well=r.went_well, differently=r.differently,
                      intention=r.intention)


def prompt_event(r: m.PromptEventRow) -> PromptEvent:
    return PromptEvent(id=r.id, prompt_id=r.prompt_id, theme=r.theme, shown_at=r.shown_at,
                       response=Response(r.response), responded_at=r.responded_at, why=r.why)


def custom_prompt(r: m.CustomPromptRow) -> Prompt:
    return codec.custom_prompt(r.id, r.theme, r.data)
