"""ORM tables (SQLAlchemy 2 typed declarative). The store maps rows to domain dataclasses."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC text."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    """Declarative base for every table."""


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    # casefolded name: "ana" and "Ana" are the same person
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    style: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PromptEventRow(Base):
    __tablename__ = "prompt_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    prompt_id: Mapped[str] = mapped_column(String(64))
    theme: Mapped[str] = mapped_column(String(32))
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    response: Mapped[str] = mapped_column(String(16), default="shown")
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    why: Mapped[str] = mapped_column(Text, default="")


class SuggestionRow(Base):
    __tablename__ = "suggestions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    style: Mapped[str | None] = mapped_column(String(16))  # None: mixed or by example
    change: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(16))
    size: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person: Mapped[PersonRow | None] = relationship(lazy="joined")


class MomentRow(Base):
    __tablename__ = "moments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    style: Mapped[str | None] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    prompt_event_id: Mapped[str | None] = mapped_column(ForeignKey("prompt_events.id"))
    suggestion_id: Mapped[str | None] = mapped_column(ForeignKey("suggestions.id"))
    planned: Mapped[bool] = mapped_column(Boolean, default=False)
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)

    person: Mapped[PersonRow | None] = relationship(lazy="joined")
    tag_rows: Mapped[list[MomentTagRow]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="MomentTagRow.position"
    )

    __table_args__ = (
        Index("ix_moments_person_created", "person_id", "created_at"),
        # Covers the stats' realized-vs-attempted counts (migration 0003).
        Index("ix_moments_outcome", "outcome", "person_id", "style",
              sqlite_where=sql_text("outcome IS NOT NULL")),
    )


class MomentTagRow(Base):
    __tablename__ = "moment_tags"

    moment_id: Mapped[str] = mapped_column(
        ForeignKey("moments.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(Text, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_moment_tags_tag", "tag"),)


class DeletedMomentRow(Base):
    """A deleted moment's id (migration 0008's triggers keep it; recovery reads it)."""

    __tablename__ = "deleted_moments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)


class DeletedPersonRow(Base):
    """A deleted person's id (migration 0009's triggers keep it; recovery reads it), and
    for one merged into another, that one's id (0011; Store.merge_person)."""

    __tablename__ = "deleted_people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    merged_into: Mapped[str | None] = mapped_column(String(36))


class DeletedReflectionRow(Base):
    """A deleted reflection's id (migration 0010's triggers keep it; recovery reads it)."""

    __tablename__ = "deleted_reflections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)


class ReflectionRow(Base):
    __tablename__ = "reflections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    energy: Mapped[int | None] = mapped_column(Integer)
    went_well: Mapped[str] = mapped_column(Text, default="")
    differently: Mapped[str] = mapped_column(Text, default="")
    intention: Mapped[str] = mapped_column(Text, default="")


class CustomPromptRow(Base):
    __tablename__ = "custom_prompts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    theme: Mapped[str] = mapped_column(String(32))
    # JSON: {"texts": {"en": {"text": .., "try": ..}}, "parts": [..], "tags": [..]}
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
