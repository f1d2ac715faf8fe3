"""The one timestamp convention: every instant is an aware UTC datetime in the core, and
the store keeps it as naive UTC text ("YYYY-MM-DD HH:MM:SS.ffffff", SQLAlchemy's SQLite
DateTime form). Light on purpose: `mlcoach capture`'s fast path imports it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

DB_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def as_utc(value: datetime) -> datetime:
    """`value` as an aware UTC datetime; a naive value is taken to be UTC already."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else (
        value.astimezone(timezone.utc))


def to_db(value: datetime) -> str:
    """The stored text form of an aware instant (naive UTC, microseconds)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store; pass an aware one")
    return value.astimezone(timezone.utc).strftime(DB_FORMAT)


def from_db(value: Any) -> datetime | None:
    """A stored value (text, naive datetime or an aggregate's text) as aware UTC; None for
    None or text that is no timestamp."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    try:
        return as_utc(datetime.fromisoformat(str(value)))
    except ValueError:
        return None


def db_to_iso(value: Any) -> str | None:
    """A stored timestamp as ISO 8601 with its offset ("…+00:00").

    Rewrites the stored text directly when it has the usual shape: several times faster
    than parsing ten years of rows into datetimes (the JSON export does this per row).
    """
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 26 and value[10] == " " and value[19] == ".":
        micro = value[20:]
        return (value[:10] + "T" + value[11:19] + ("" if micro == "000000" else "." + micro)
                + "+00:00")
    parsed = from_db(value)
    return None if parsed is None else parsed.isoformat()


def local_day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """UTC-comparable aware datetimes for the start and end of a local day."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
