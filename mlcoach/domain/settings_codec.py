"""Settings as JSON-able data and back: the store's saved form and the export's."""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from datetime import date, time
from typing import Any

from mlcoach.domain.model import SETTING_RANGES, Settings

logger = logging.getLogger(__name__)

_DEFAULTS = Settings()


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """A JSON-able dict of every setting."""
    out: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


# The values a text setting may take, where it is a choice.
_CHOICES: dict[str, tuple[str, ...]] = {
    "notification_route": ("card", "notification", "both"),
    "language": ("", "en", "tr"),
}


def _item_ok(name: str, item: Any) -> bool:
    """One element of a list setting: a weekday 0-6, a theme name, an e-mail address."""
    if name == "workdays":
        return isinstance(item, int) and not isinstance(item, bool) and 0 <= item <= 6
    return isinstance(item, str) and 0 < len(item) <= 320 and item.isprintable()


def settings_from_dict(raw: dict[str, Any], *, warn: bool = True) -> Settings:
    """Merge saved values over the defaults, skipping any value of the wrong shape; a
    number outside its range (SETTING_RANGES) takes the nearest end of it, and a day that
    does not end after it starts takes the default hours (and reflection time). `warn`
    logs each one skipped or moved."""
    settings = replace(_DEFAULTS, **_taken(raw, warn))
    if settings.day_end <= settings.day_start:  # no prompt would ever fall in such a day
        if warn:
            logger.warning("ignoring saved working hours that end before they start")
        # The reflection time goes with them: chosen for those hours (05:30 for a night
        # shift), it was offered at 05:30 every day inside the default ones.
        settings = replace(settings, day_start=_DEFAULTS.day_start, day_end=_DEFAULTS.day_end,
                           reflection_time=_DEFAULTS.reflection_time)
    return settings


def setting_taken(name: str, value: Any) -> bool:
    """Whether one setting's saved `value` has the shape and range `name` takes, alone."""
    taken = _taken({name: value}, warn=False)
    return name in taken and settings_to_dict(replace(_DEFAULTS, **taken))[name] == value


def _taken(raw: dict[str, Any], warn: bool) -> dict[str, Any]:
    """The values of `raw` of the right shape, numbers moved into their range."""
    base = _DEFAULTS
    changes: dict[str, Any] = {}
    for f in fields(base):
        if f.name not in raw:
            continue
        default, value = getattr(base, f.name), raw[f.name]
        try:
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, int):
                ok = isinstance(value, int) and not isinstance(value, bool)
                low, high = SETTING_RANGES.get(f.name, (0, 10_000))
                if ok and not low <= value <= high:  # the nearest end of its range
                    if warn:
                        logger.warning("a saved setting out of range: %s", f.name)
                    value = min(max(value, low), high)
            elif isinstance(default, time):
                value = time.fromisoformat(value)
                ok = True
            elif isinstance(default, tuple):
                if isinstance(value, str | bytes | dict):
                    raise TypeError(f.name)  # a string is not a list of its letters
                value = tuple(value)
                ok = all(_item_ok(f.name, v) for v in value) and len(set(value)) == len(value)
            elif f.name == "focus_until":
                value = date.fromisoformat(value) if value else None
                ok = True
            else:
                ok = isinstance(value, str) and value in _CHOICES.get(f.name, (value,)) \
                    and value.isprintable() and len(value) <= 4096
        except (TypeError, ValueError):
            ok = False
        if ok:
            changes[f.name] = value
        elif warn:
            logger.warning("ignoring a saved setting of the wrong shape: %s", f.name)
    return changes
