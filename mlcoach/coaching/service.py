"""The coaching service: the store, the scheduler and the prompt choice working together.

The UI and the CLI call this; it holds no Qt and takes the clock, time zone and
random source from its caller, so tests drive it with a fake clock.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from mlcoach.coaching import scheduler as sch
from mlcoach.coaching.chooser import choose
from mlcoach.coaching.content import load_builtin, theme_names
from mlcoach.coaching.meeting_prep import Prep, next_prep, refreshed
from mlcoach.coaching.ports import CoachStore
from mlcoach.coaching.scheduler_state import SchedulerState
from mlcoach.domain.errors import StoreBusyError
from mlcoach.domain.i18n import N_, translate, ui_language, weekday_short
from mlcoach.domain.model import Person, Prompt, PromptEvent, Response, Settings
from mlcoach.system.clock import boot_clock

if TYPE_CHECKING:
    from mlcoach.coaching.calendar_ics import Meeting

logger = logging.getLogger(__name__)

STATE_KEY = "scheduler_state"
PREP_KEY = "meeting_prep_shown"
WELCOME_KEY = "welcome_done"  # set once the welcome was finished or skipped


def welcome_pending(store: CoachStore) -> bool:
    """Whether the first-run welcome has not been finished or skipped yet."""
    return not store.get_state(WELCOME_KEY, False)
NAMED_KEY = "recognition_named"  # person id -> day they were last named in a prompt
NAMING_THEMES = ("recognition", "attention")
NAME_AGAIN_DAYS = 7
HISTORY_DAYS = 100  # covers 90 days of "not for me" and the 14-day no-repeat window


@dataclass(frozen=True, slots=True)
class Offer:
    """A prompt ready to show; `event` is its recorded prompt event (None for a preview)."""

    prompt: Prompt
    theme_name: str
    text: str
    try_this: str
    why: str
    note: str
    event: PromptEvent | None
    named_id: str | None = None  # the person the note names for recognition
    # The intention the note recalls ("" once erased since); None: it recalls none.
    recalled: str | None = None
    named_line: str = ""  # the note's line naming `named_id`'s person


def _note(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


# The scheduler's reasons (Due.reason with "_" as " "), for the catalogue.
_REASONS = (N_("scheduled"), N_("snoozed"), N_("held after meeting"), N_("catch up"), N_("off"))


@dataclass(frozen=True, slots=True)
class Preview:
    """What `mlcoach prompt` prints."""

    offer: Offer
    due_at: datetime | None
    reason: str
    tz: tzinfo
    now: datetime
    language: str = "en"

    @property
    def theme_name(self) -> str:
        return self.offer.theme_name

    @property
    def text(self) -> str:
        return self.offer.text

    @property
    def try_this(self) -> str:
        return self.offer.try_this

    @property
    def why(self) -> str:
        return self.offer.why

    @property
    def note(self) -> str:
        return self.offer.note

    def when_text_in(self, language: str) -> str:
        """When the next prompt is due, in `language`."""
        if self.due_at is None:
            return translate("Prompts are off (prompts per day is 0).", language)
        reason = translate(self.reason.replace("_", " "), language)
        if self.due_at <= self.now:
            return translate("A prompt is due now ({reason}).", language, reason=reason)
        local = self.due_at.astimezone(self.tz)
        when = f"{weekday_short(local.date(), language)} {local:%d.%m %H:%M}" \
            if language != "en" else f"{local:%a %d %b %H:%M}"
        return translate("Next scheduled prompt: {when} ({reason})", language, when=when,
                         reason=reason)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.offer.prompt.id,
            "theme": self.offer.prompt.theme,
            "theme_name": self.theme_name,
            "text": self.text,
            "try_this": self.try_this,
            "why": self.why,
            "note": self.note or None,
            "next_due": self.due_at.isoformat() if self.due_at else None,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Status:
    """What the tray shows: the next prompt time and today's count (in `tooltip`)."""

    paused: bool
    shown_today: int
    tooltip: str


#: busy_meetings(settings, start, end): calendar_sources' own, or a MeetingCache's.
MeetingSource = Callable[[Settings, datetime, datetime], "list[Meeting]"]


class Coach:
    """Decides when to prompt and what, records every prompt and response."""

    def __init__(self, store: CoachStore, *, clock: Callable[[], datetime],
                 tz: Callable[[], tzinfo], rng: random.Random,
                 real_clock: Callable[[], float] = boot_clock,
                 prompts: Callable[[], Sequence[Prompt]] | None = None,
                 meetings: MeetingSource | None = None) -> None:
        self.store = store
        self._clock, self._tz, self._rng, self._real = clock, tz, rng, real_clock
        self._prompts_source = prompts
        # Where the busy meetings come from: read here by default (the shell, tests); the
        # app passes a MeetingCache, read on its worker (coaching/meeting_cache.py).
        self._meetings = meetings
        self._settings: Settings | None = None

    # -- inputs ---------------------------------------------------------------------

    def now(self) -> datetime:
        return self._clock()

    def tz(self) -> tzinfo:
        return self._tz()

    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = self.store.settings()
        return self._settings

    def welcome_pending(self) -> bool:
        """Whether the first-run welcome has not been finished or skipped yet."""
        return welcome_pending(self.store)

    def reload_settings(self) -> None:
        """Forget cached settings (after the Settings dialog saved)."""
        self._settings = None

    def prompts(self) -> list[Prompt]:
        if self._prompts_source is not None:
            return list(self._prompts_source())
        return [*load_builtin(), *self.store.custom_prompts()]

    def language(self) -> str:
        return ui_language(self.settings().language)

    def _state(self) -> SchedulerState:
        raw = self.store.get_state(STATE_KEY)
        state = SchedulerState.from_json(raw)
        if raw is None or state.seed == 0:
            # Seeded from a copy: creating the state must not move the stream the prompt is
            # chosen from, or the first `mlcoach prompt` differs from the second.
            state = SchedulerState.new(copy.copy(self._rng))
            try:
                self._save_state(state)
            except StoreBusyError:  # another writer: a look (the tray's status) must not
                pass  # fail for it; the same state is made and saved next time
        return state

    def _stored_state(self) -> SchedulerState:
        """The state as stored, for a look at a pause or the pace: never written (the
        tray's menu asks on its thread; a fresh state's seed is made where a plan needs
        it, in _state)."""
        return SchedulerState.from_json(self.store.get_state(STATE_KEY))

    def _save_state(self, state: SchedulerState) -> None:
        self.store.set_state(STATE_KEY, state.to_json())

    def _history(self, now: datetime) -> list[PromptEvent]:
        return self.store.prompt_events(since=now - timedelta(days=HISTORY_DAYS))

    def _busy(self, now: datetime) -> list[tuple[datetime, datetime]]:
        settings = self.settings()
        if not settings.calendar_path and not settings.calendar_eds:
            return []
        from mlcoach.coaching.calendar_ics import merge_busy

        local = now.astimezone(self.tz())  # a meeting at a floating "09:00" is local 09:00
        return merge_busy(self.busy_meetings(settings, local - timedelta(hours=12),
                                             local + timedelta(days=3)))

    def busy_meetings(self, settings: Settings, start: datetime,
                      end: datetime) -> list[Meeting]:
        """The busy meetings in [start, end), from the source given (see __init__)."""
        from mlcoach.coaching.meeting_cache import read_calendars

        return (self._meetings or read_calendars)(settings, start, end)

    def _observed_state(self, now: datetime, history: Sequence[PromptEvent]) -> SchedulerState:
        state = self._state()
        observed = sch.observe_clock(state, now, real=self._real(), history=history,
                                     tz=self.tz())
        if observed != state:
            self._save_state(observed)
        return observed

    # -- when -----------------------------------------------------------------------

    def next_due(self, now: datetime, desktop_busy: bool = False) -> datetime | None:
        """The earliest time a prompt or the reflection offer is due."""
        due, reflection = self._dues(now, desktop_busy)
        prep = self.next_prep(now)
        times = [t for t in (due.at, reflection, prep.show_at if prep else None)
                 if t is not None]
        return min(times) if times else None

    def _dues(self, now: datetime, desktop_busy: bool) -> tuple[sch.Due, datetime | None]:
        history = self._history(now)
        state = self._observed_state(now, history)
        busy = self._busy(now)
        tz = self.tz()
        due = sch.next_due(now, settings=self.settings(), history=history, state=state,
                           tz=tz, busy=busy, desktop_busy=desktop_busy)
        reflection = sch.reflection_due(now, settings=self.settings(), state=state, tz=tz,
                                        reflected_today=self._reflected_today(now),
                                        busy=busy, desktop_busy=desktop_busy)
        return due, reflection

    def _reflected_today(self, now: datetime) -> bool:
        return self.store.reflection(now.astimezone(self.tz()).date()) is not None

    def due_action(self, now: datetime, busy: bool = False) -> str | None:
        """"prep", "reflect", "prompt" or None: what to do when the timer fires at `now`."""
        prep = self.next_prep(now)
        if prep is not None and prep.show_at <= now:
            return "prep"
        due, reflection = self._dues(now, busy)
        if reflection is not None and reflection <= now:
            return "reflect"
        if due.is_now(now):
            return "prompt"
        return None

    # -- meeting preparation ------------------------------------------------------------

    def next_prep(self, now: datetime) -> Prep | None:
        """The next meeting preparation card not yet shown, if any."""
        return next_prep(self.store, self.settings(), now.astimezone(self.tz()),
                         self.language(), self.store.get_state(PREP_KEY, []),
                         meetings=self.busy_meetings)

    def prep_now(self, prep: Prep) -> Prep | None:
        """The preparation card `prep` as the store has its people now (None: no one is
        left on it): meeting_prep.refreshed."""
        return refreshed(prep, self.store, self.language())

    def take_prep(self, now: datetime, busy: bool = False) -> Prep | None:
        """The card due now, marked as taken so it comes once; None while presenting, in
        Do Not Disturb or paused.

        Prompts wait until the meeting starts (the calendar holds them during it),
        so a prompt card never lands on top of the preparation card.
        """
        prep = self.next_prep(now)
        if prep is None or prep.show_at > now:
            return None
        shown = [k for k in self.store.get_state(PREP_KEY, []) if isinstance(k, str)]
        self.store.set_state(PREP_KEY, [*shown[-49:], prep.key])
        paused = self._stored_state().pause_until
        if busy or (paused is not None and paused > now):  # drop it rather than interrupt
            return None
        if not self._prep_fits(prep, now):
            return None
        from dataclasses import replace

        state = self._state()
        if state.settle_until is None or state.settle_until < prep.start:
            self._save_state(replace(state, settle_until=prep.start))
        return prep

    def _prep_fits(self, prep: Prep, now: datetime) -> bool:
        """A card for a meeting in working hours on a workday, shown outside any other
        meeting: not at 06:20 for a 06:30 call, not for Saturday's dinner, and not in a
        one-to-one running up to the next meeting (a screen may be shared)."""
        from mlcoach.coaching.day_rules import day_of, working_hours

        tz = self.tz()
        hours = working_hours(day_of(prep.start, tz), self.settings(), tz)
        if hours is None or not hours[0] <= prep.start < hours[1]:
            return False
        return not any(start <= now < end for start, end in self._busy(now)
                       if start < prep.start)

    def mark_reflection_offered(self, now: datetime) -> None:
        self._save_state(sch.mark_reflection_offered(self._state(), now, self.tz()))

    def hold_first_prompt(self, now: datetime, minutes: int = 30) -> None:
        """After the welcome, the first prompt comes at the next good moment, not at once."""
        from dataclasses import replace

        state = self._state()
        self._save_state(replace(state, settle_until=now + timedelta(minutes=minutes)))

    def woke_up(self, now: datetime) -> None:
        """The machine resumed from sleep: let the first prompt wait a moment."""
        self._save_state(sch.on_wake(self._state(), now))

    def settings_saved(self, now: datetime) -> None:
        """New hours, a higher count or an earlier reflection time can make something due
        at once: it waits a moment, as after sleep, instead of landing while the user is
        still in Settings."""
        self._save_state(sch.on_wake(self._state(), now))

    def started(self, now: datetime) -> None:
        """The app started (a login, mostly): as after sleep, the first prompt waits a
        moment instead of greeting the login, or racing a prompt asked for from the menu."""
        self._save_state(sch.on_wake(self._state(), now))

    # -- what ----------------------------------------------------------------------

    def _choose(self, now: datetime, coming_back: bool = False) -> Offer:
        """The prompt to show at `now`; `coming_back`: the snoozed one, due later (what
        `mlcoach prompt` shows beside "next: … (snoozed)")."""
        tz = self.tz()
        history = self._history(now)
        today = now.astimezone(tz).date()
        state = self._state()
        intention = self.store.last_intention(today)
        snoozed = None
        if state.snoozed_prompt_id and state.snooze_until \
                and (coming_back or state.snooze_until <= now) \
                and sch.snooze_live(now, self.settings(), state, tz):
            snoozed = next((p for p in self.prompts() if p.id == state.snoozed_prompt_id), None)
        if snoozed is not None:
            why = translate("You asked to see this one again a little later.", self.language())
            prompt, recall = snoozed, None
        else:
            choice = choose(now, prompts=self.prompts(), history=history,
                            settings=self.settings(), tz=tz, rng=self._rng,
                            intention=intention, reflected_today=self._reflected_today(now),
                            language=self.language())
            prompt, why, recall = choice.prompt, choice.why, choice.intention
        lang = self.language()
        words = prompt.text_for(lang)
        names = theme_names(lang)
        named = self._overdue_person(now) if prompt.theme in NAMING_THEMES else None
        named_line = self._named_line(*named) if named is not None else ""
        recall_line = self._recall_line(recall) if recall else ""
        return Offer(prompt, names.get(prompt.theme, prompt.theme.title()), words.text,
                     words.try_this, why, _note(recall_line, named_line), None,
                     named[0].id if named else None, recall or None, named_line)

    def _recall_line(self, intention: str) -> str:
        from mlcoach.coaching.intentions import recalled

        lang = self.language()
        return translate("Yesterday you meant to: {intention}", lang,
                         intention=recalled(intention, lang))

    def _named_line(self, person: Person, days: int) -> str:
        line = (N_("It has been a day since you last recognized or supported {name}.")
                if days == 1 else
                N_("It has been {days} days since you last recognized or supported {name}."))
        return translate(line, self.language(), days=days, name=person.name)

    def note_now(self, offer: Offer) -> Offer:
        """`offer` with its note as the store says it now, for a card that stays up ten
        minutes (and opens again from the tray for one more): the intention it recalls
        as its reflection has it (an edit shows at once; erased, its line goes), the
        person it names as they are (renamed: the new name; deleted, archived or
        recognized since: the line goes)."""
        if offer.recalled is None and offer.named_id is None:
            return offer
        shown = offer.event.shown_at if offer.event is not None else self.now()
        recalled, named_id, named_line = offer.recalled, offer.named_id, offer.named_line
        if recalled is not None:
            day = shown.astimezone(self.tz()).date()
            recalled = (self.store.last_intention(day) or "").strip()
        if named_id is not None:
            gap = self.settings().recognition_gap_days
            due = {p.id: (p, days) for p, days in self.store.recognition_due(shown, gap)} \
                if gap > 0 else {}
            found = due.get(named_id)
            named_id = named_id if found is not None else None
            named_line = self._named_line(*found) if found is not None else ""
        if (recalled, named_id, named_line) == (offer.recalled, offer.named_id,
                                                offer.named_line):
            return offer
        note = _note(self._recall_line(recalled) if recalled else "", named_line)
        return dataclasses.replace(offer, note=note, recalled=recalled, named_id=named_id,
                                   named_line=named_line)

    def _overdue_person(self, now: datetime) -> tuple[Person, int] | None:
        """The most overdue person for recognition not named in the last week."""
        gap = self.settings().recognition_gap_days
        if gap <= 0:
            return None
        named: dict[str, str] = self.store.get_state(NAMED_KEY, {}) or {}
        today = now.astimezone(self.tz()).date()
        for person, days in self.store.recognition_due(now, gap):
            last = named.get(person.id)
            # A day after today was noted by a clock set wrong into the future: not a wait.
            if last and 0 <= (today - date.fromisoformat(last)).days < NAME_AGAIN_DAYS:
                continue
            return person, days
        return None

    def _remember_named(self, person_id: str, now: datetime) -> None:
        """Note who an offered prompt named, so the same name waits a week."""
        named: dict[str, str] = self.store.get_state(NAMED_KEY, {}) or {}
        named[person_id] = now.astimezone(self.tz()).date().isoformat()
        self.store.set_state(NAMED_KEY, named)

    def preview(self, now: datetime) -> Preview:
        """The prompt that would be shown now and when the next one is due; records nothing
        (the state working it out would save stays with this call: coaching/unsaved.py)."""
        from mlcoach.coaching.unsaved import Unsaved

        coach = copy.copy(self)
        coach.store = Unsaved(self.store)
        due, _ = coach._dues(now, False)
        offer = coach._choose(now, coming_back=due.snoozed)
        return Preview(offer, due.at, due.reason, self.tz(), now, self.language())

    def offer(self, now: datetime, manual: bool = False) -> Offer | None:
        """Choose a prompt and record it as shown."""
        try:
            offer = self._choose(now)
        except ValueError as exc:  # no prompts at all
            logger.warning("no prompt to show: %s", exc)
            return None
        state = self._state()
        if state.snoozed_prompt_id == offer.prompt.id:
            self._save_state(_clear_snooze(state))
        asked = translate(" (asked for from the menu)", self.language())
        why = offer.why + (asked if manual else "")
        event = self.store.record_prompt_shown(offer.prompt.id, offer.prompt.theme, why=why,
                                               at=now)
        if offer.named_id is not None:
            self._remember_named(offer.named_id, now)
        return dataclasses.replace(offer, why=why, event=event)

    def respond(self, event_id: str, response: str) -> str | None:
        """Record a response; returns a sentence to show once (back-off), if any."""
        now = self.now()
        kind = Response(response)
        event = self.store.record_response(event_id, kind, at=now)
        state = self._state()
        history = self._history(now)
        if kind is Response.SNOOZED and not self._put_off_before(event, history):
            state = sch.snooze(state, now, prompt_id=event.prompt_id)
        state, notice = sch.after_response(state, history, now,
                                           settings=self.settings(), tz=self.tz())
        self._save_state(state)
        if notice is None:
            return None
        return translate(sch.NOTICE_TEXTS[notice.kind], self.language(), **dict(notice.params))

    def _put_off_before(self, event: PromptEvent, history: Sequence[PromptEvent]) -> bool:
        """Whether `event` is a prompt's return after "Later" the same day: a second Later
        lets it go (the day goes on as planned) instead of bringing it back again."""
        day = event.shown_at.astimezone(self.tz()).date()
        return any(e.id != event.id and e.prompt_id == event.prompt_id
                   and e.response is Response.SNOOZED and e.shown_at < event.shown_at
                   and e.shown_at.astimezone(self.tz()).date() == day for e in history)

    def restore_pace(self) -> None:
        """Undo an automatic back-off: the daily count is the setting's again."""
        self._save_state(sch.restore(self._state()))

    def lowered_pace(self, now: datetime) -> tuple[int, int] | None:
        """(lowered, full) prompts a day while an automatic back-off holds; None at full pace."""
        state = self._stored_state()
        today = now.astimezone(self.tz()).date()
        if state.backoff_count is None or state.backoff_until is None \
                or state.backoff_until < today:
            return None
        return state.backoff_count, max(0, self.settings().prompts_per_day)

    def restore_offered(self) -> bool:
        """Whether the "Back to N a day?" offer was made for the back-off that holds now."""
        state = self._stored_state()
        return state.backoff_count is not None and state.restore_offered

    # -- pauses ----------------------------------------------------------------------

    def pause(self, kind: str) -> None:
        self._save_state(sch.pause(self._state(), self.now(), kind, self.tz()))  # type: ignore[arg-type]

    def resume(self) -> None:
        self._save_state(sch.resume(self._state()))

    def is_paused(self) -> bool:
        until = self._stored_state().pause_until
        return until is not None and until > self.now()

    # -- status ------------------------------------------------------------------------

    def status(self, now: datetime) -> Status:
        tz = self.tz()
        due, _ = self._dues(now, False)  # first: it observes the clock, which moves prompts
        state = self._state()
        shown = sch.prompts_today(self._history(now), now, tz)
        paused_until = state.pause_until
        paused = paused_until is not None and paused_until > now
        lang = self.language()
        if self.settings().prompts_per_day <= 0:
            text = translate("mlcoach · prompts are off", lang)
        elif paused and paused_until is not None:
            text = translate("mlcoach · paused until {time}", lang,
                             time=f"{paused_until.astimezone(tz):%H:%M}")
        elif due.at is not None:
            local = due.at.astimezone(tz)
            when = f"{local:%H:%M}"
            if local.date() != now.astimezone(tz).date():
                when = f"{weekday_short(local.date(), lang)} {when}"
            text = translate("mlcoach · next prompt {time}", lang, time=when)
        else:
            text = "mlcoach"
        text += " · " + translate("{count} today", lang, count=shown)
        return Status(paused, shown, text)


def _clear_snooze(state: SchedulerState) -> SchedulerState:
    from dataclasses import replace

    return replace(state, snooze_until=None, snoozed_prompt_id=None)

