"""Choosing the next prompt, with a short reason a person can read.

The rules, in order of strength:

1. A prompt the user called "not for me" stays away for 90 days, and its theme
   weighs less; the reflection reminder is not offered once today's
   reflection is written.
2. No prompt repeats within 14 days while unseen ones remain; when all have
   been seen, the least recently seen comes back first.
3. The prompt fits the part of the day when one that fits exists.
4. Among the rest, themes weigh more when they are a focus theme and when they
   had little room in the last seven days, so the week stays balanced.

Pure and deterministic for a given random source.
"""

from __future__ import annotations

import logging
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mlcoach.coaching.content import theme_names
from mlcoach.domain.i18n import N_, translate
from mlcoach.domain.model import DayPart, Prompt, PromptEvent, Response, Settings
from mlcoach.domain.timestamps import as_utc

__all__ = [
    "FOCUS_WEIGHT",
    "NOT_FOR_ME_DAYS",
    "REFLECTION_TAG",
    "REPEAT_DAYS",
    "Choice",
    "active_focus",
    "choose",
    "day_part",
    "is_first_of_day",
    "start_focus",
    "suggested_focus",
]

logger = logging.getLogger(__name__)

#: A prompt is not shown again within this many days while unseen ones remain.
REPEAT_DAYS = 14
#: "Not for me" keeps a prompt away for this many days.
NOT_FOR_ME_DAYS = 90
#: How much more a focus theme weighs.
FOCUS_WEIGHT = 5.0
#: A theme shown n times in the last seven days weighs 1 / (1 + n) ** BALANCE_POWER.
BALANCE_POWER = 1.5
#: Each "not for me" in a theme multiplies its weight by this much ...
NOT_FOR_ME_FACTOR = 0.7
#: ... but never below this.
NOT_FOR_ME_FLOOR = 0.25
#: A prompt never seen before weighs this much more than one seen long ago.
UNSEEN_WEIGHT = 1.5
#: Prompts carrying this tag remind the user to write the day's reflection.
REFLECTION_TAG = "reflection"

_WEEK = timedelta(days=7)
_PART_LIMITS = (
    (time(11, 30), DayPart.MORNING),
    (time(14, 0), DayPart.MIDDAY),
    (time(16, 30), DayPart.AFTERNOON),
)

@dataclass(frozen=True, slots=True)
class Choice:
    """The prompt to show, why it was chosen, and the intention to recall with it."""

    prompt: Prompt
    why: str
    intention: str | None = None



def _theme_word(theme: str) -> str:
    """Return a theme name as it reads in a sentence."""
    return theme.replace("_", " ").replace("-", " ")


def day_part(clock: time) -> DayPart:
    """Return the part of the working day a local wall-clock time falls in."""
    clock = clock.replace(tzinfo=None)
    for limit, part in _PART_LIMITS:
        if clock < limit:
            return part
    return DayPart.END_OF_DAY


def active_focus(settings: Settings, today: date) -> tuple[str, ...]:
    """Return the focus themes that still run on `today`."""
    if settings.focus_until is not None and today > settings.focus_until:
        return ()
    return tuple(settings.focus_themes)


def start_focus(settings: Settings, theme: str, today: date, weeks: int = 1) -> Settings:
    """Return settings with `theme` as the focus for one or two weeks from `today`."""
    weeks = min(2, max(1, weeks))
    return replace(
        settings, focus_themes=(theme,), focus_until=today + timedelta(days=7 * weeks - 1)
    )


def is_first_of_day(history: Sequence[PromptEvent], now: datetime, tz: tzinfo) -> bool:
    """Return True when no prompt was shown yet on the local day of `now`."""
    today = as_utc(now).astimezone(tz).date()
    return not any(as_utc(e.shown_at).astimezone(tz).date() == today for e in history)


def _not_for_me_at(event: PromptEvent) -> datetime:
    """Return when a prompt was declined with "not for me"."""
    return as_utc(event.responded_at or event.shown_at)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the history says, gathered once per choice."""

    last_shown: dict[str, datetime]
    declined: frozenset[str]
    theme_declined: Counter[str]
    theme_week: Counter[str]
    theme_last: dict[str, datetime]


def _facts(history: Sequence[PromptEvent], now: datetime) -> _Facts:
    """Return the facts of `history` that the choice depends on."""
    last_shown: dict[str, datetime] = {}
    theme_last: dict[str, datetime] = {}
    declined: set[str] = set()
    theme_declined: Counter[str] = Counter()
    theme_week: Counter[str] = Counter()
    horizon = now - timedelta(days=NOT_FOR_ME_DAYS)
    for event in history:
        shown = as_utc(event.shown_at)
        if shown > last_shown.get(event.prompt_id, datetime.min.replace(tzinfo=UTC)):
            last_shown[event.prompt_id] = shown
        if shown > theme_last.get(event.theme, datetime.min.replace(tzinfo=UTC)):
            theme_last[event.theme] = shown
        if event.response is Response.NOT_FOR_ME and _not_for_me_at(event) > horizon:
            declined.add(event.prompt_id)
            theme_declined[event.theme] += 1
        if event.response is not Response.SNOOZED and now - _WEEK < shown <= now:
            theme_week[event.theme] += 1
    return _Facts(last_shown, frozenset(declined), theme_declined, theme_week, theme_last)


def _narrow(pool: list[Prompt], keep: list[Prompt]) -> tuple[list[Prompt], bool]:
    """Return `keep` when it is not empty, else `pool`; and whether it narrowed."""
    return (keep, True) if keep else (pool, False)


def _theme_weight(theme: str, facts: _Facts, focus: Sequence[str]) -> float:
    """Return how much a theme weighs now."""
    weight = FOCUS_WEIGHT if theme in focus else 1.0
    weight *= max(NOT_FOR_ME_FLOOR, NOT_FOR_ME_FACTOR ** facts.theme_declined[theme])
    return weight / math.pow(1 + facts.theme_week[theme], BALANCE_POWER)


def _why(
    prompt: Prompt,
    *,
    now: datetime,
    today: date,
    facts: _Facts,
    least_week: int,
    focus: Sequence[str],
    focus_until: date | None,
    part: DayPart,
    fits_part: bool,
    repeat: bool,
    all_declined: bool,
    recall: bool,
    language: str = "en",
) -> str:
    """Return a short sentence, in `language`, saying why `prompt` was chosen."""
    theme = theme_names(language).get(prompt.theme, _theme_word(prompt.theme))
    clauses: list[tuple[str, dict[str, object]]] = []
    if recall:
        clauses.append((N_("first prompt today, with the intention you wrote yesterday"), {}))
    if prompt.theme in focus:
        if focus_until is not None and focus_until - today < _WEEK:
            weekday = translate(_WEEKDAYS[focus_until.weekday()], language)
            clauses.append((N_("“{theme}” is your focus theme until {weekday}"),
                            {"theme": theme, "weekday": weekday}))
        else:
            clauses.append((N_("“{theme}” is your focus theme"), {"theme": theme}))
    named = prompt.theme in focus  # the theme is named once; later clauses say "it"
    last = facts.theme_last.get(prompt.theme)
    if last is None:
        first = N_("your first prompt on it") if named else N_("your first prompt on “{theme}”")
        clauses.append((first, {"theme": theme}))
    elif (days := (now - last).days) >= 3:
        since = (N_("{days} days since your last prompt on it") if named
                 else N_("{days} days since your last prompt on “{theme}”"))
        clauses.append((since, {"theme": theme, "days": days}))
    elif facts.theme_week[prompt.theme] <= least_week:
        least = (N_("it had the least room this week") if named
                 else N_("“{theme}” had the least room this week"))
        clauses.append((least, {"theme": theme}))
    if all_declined:
        clauses.append((N_("every other prompt is set aside as not for you"), {}))
    elif repeat:
        clauses.append((N_("you've seen all the others in the last two weeks"), {}))
    if fits_part and len(clauses) < 2 and len(set(prompt.parts)) < len(DayPart):
        clauses.append((_SUITS[part], {}))
    if not clauses:
        clauses.append((_FRESH[part], {}))
    text = "; ".join(translate(t, language, **kw) for t, kw in clauses[:3])
    return text[0].upper() + text[1:] + "."


_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
             N_("Saturday"), N_("Sunday"))
_SUITS = {
    DayPart.MORNING: N_("it suits the morning"),
    DayPart.MIDDAY: N_("it suits the middle of the day"),
    DayPart.AFTERNOON: N_("it suits the afternoon"),
    DayPart.END_OF_DAY: N_("it suits the end of the day"),
}
_FRESH = {
    DayPart.MORNING: N_("a fresh prompt for the morning"),
    DayPart.MIDDAY: N_("a fresh prompt for the middle of the day"),
    DayPart.AFTERNOON: N_("a fresh prompt for the afternoon"),
    DayPart.END_OF_DAY: N_("a fresh prompt for the end of the day"),
}


def choose(
    now: datetime,
    *,
    prompts: Sequence[Prompt],
    history: Sequence[PromptEvent],
    settings: Settings,
    tz: tzinfo,
    rng: random.Random,
    intention: str | None = None,
    first_of_day: bool | None = None,
    focus_theme: str | None = None,
    reflected_today: bool = False,
    language: str = "en",
) -> Choice:
    """Return the next prompt to show and why; raises ValueError when there are no prompts.

    Long on purpose: the rules (intention recalled, focus theme, recent themes, "not
    for me", time of day) are weighed in one place, in the order a reader checks them.

    Args:
        intention: the intention written in the last reflection; recalled with
            the first prompt of the day.
        first_of_day: whether this is the day's first prompt; inferred from
            `history` when None.
        focus_theme: an extra focus theme (for example from the weekly review).
        reflected_today: today's reflection is written, so no reminder to write it.
    """
    if not prompts:
        raise ValueError("there are no prompts to choose from")
    now = as_utc(now)
    local = now.astimezone(tz)
    part = day_part(local.time())
    facts = _facts(history, now)
    focus = active_focus(settings, local.date())
    if focus_theme:
        focus = (*focus, focus_theme)

    pool = list(prompts)
    if reflected_today:
        pool, _ = _narrow(pool, [p for p in pool if REFLECTION_TAG not in p.tags])
    pool, narrowed = _narrow(pool, [p for p in pool if p.id not in facts.declined])
    all_declined = not narrowed and bool(facts.declined)
    repeat_before = now - timedelta(days=REPEAT_DAYS)
    fresh = [
        p for p in pool if p.id not in facts.last_shown or facts.last_shown[p.id] <= repeat_before
    ]
    pool, narrowed = _narrow(pool, fresh)
    repeat = not narrowed
    if repeat:
        oldest = min(facts.last_shown[p.id] for p in pool)
        pool = [p for p in pool if facts.last_shown[p.id] == oldest]
    pool, fits_part = _narrow(pool, [p for p in pool if part in p.parts])

    # A theme's weight is shared among its prompts in the pool, so a theme with many
    # prompts left is not favoured over one with few.
    freshness = [UNSEEN_WEIGHT if p.id not in facts.last_shown else 1.0 for p in pool]
    theme_total: dict[str, float] = {}
    for p, fresh_weight in zip(pool, freshness, strict=True):
        theme_total[p.theme] = theme_total.get(p.theme, 0.0) + fresh_weight
    theme_weight = {theme: _theme_weight(theme, facts, focus) for theme in theme_total}
    weights = [
        theme_weight[p.theme] * fresh_weight / theme_total[p.theme]
        for p, fresh_weight in zip(pool, freshness, strict=True)
    ]
    prompt = rng.choices(pool, weights=weights)[0]
    if first_of_day is None:
        first_of_day = is_first_of_day(history, now, tz)
    recall = first_of_day and bool(intention and intention.strip())
    why = _why(
        prompt,
        now=now,
        today=local.date(),
        facts=facts,
        least_week=min(facts.theme_week[p.theme] for p in prompts),
        focus=focus,
        focus_until=settings.focus_until,
        part=part,
        fits_part=fits_part,
        repeat=repeat,
        all_declined=all_declined,
        recall=recall,
        language=language,
    )
    logger.debug("chose %s: %s", prompt.id, why)
    return Choice(prompt, why, intention.strip() if recall and intention else None)


def suggested_focus(
    history: Sequence[PromptEvent], prompts: Sequence[Prompt], now: datetime
) -> str:
    """Return the theme that had the least practice lately, as a focus for the week ahead."""
    # Least acted on in the last two weeks first, then least shown, then longest
    # unseen; themes whose every prompt is set aside as "not for me" come last.
    themes = sorted({p.theme for p in prompts})
    if not themes:
        raise ValueError("there are no prompts to take themes from")
    now = as_utc(now)
    facts = _facts(history, now)
    since = now - timedelta(days=REPEAT_DAYS)
    done: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    for event in history:
        if since < as_utc(event.shown_at) <= now:
            shown[event.theme] += 1
            if event.response is Response.DONE:
                done[event.theme] += 1
    closed = {
        theme
        for theme in themes
        if all(p.id in facts.declined for p in prompts if p.theme == theme)
    }
    never = datetime.min.replace(tzinfo=UTC)
    return min(
        themes,
        key=lambda t: (t in closed, done[t], shown[t], facts.theme_last.get(t, never), t),
    )
