"""What the coach reads and writes, as a Protocol: the ORM `Store` (CLI, windows) and the
raw `LightStore` (the idle tray app) both fit it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from mlcoach.domain.model import (
    Person,
    Prompt,
    PromptEvent,
    Reflection,
    Response,
    Settings,
    Suggestion,
)


class CoachStore(Protocol):
    """The schedule's inputs (settings, state, recent prompt events, today's reflection)
    and its records (prompt shown, response)."""

    def settings(self) -> Settings: ...

    def get_state(self, key: str, default: Any = None) -> Any: ...

    def set_state(self, key: str, value: Any) -> None: ...

    def custom_prompts(self) -> list[Prompt]: ...

    def prompt_events(self, since: datetime | None = None) -> list[PromptEvent]: ...

    def record_prompt_shown(self, prompt_id: str, theme: str, *, why: str = "",
                            at: datetime | None = None) -> PromptEvent: ...

    def record_response(self, event_id: str, response: Response,
                        at: datetime | None = None) -> PromptEvent: ...

    def reflection(self, day: date) -> Reflection | None: ...

    def last_intention(self, before: date) -> str | None: ...

    def recognition_due(self, now: datetime,
                        gap_days: int = 14) -> list[tuple[Person, int]]: ...

    def prep_for_meeting(self, names: Sequence[str]
                         ) -> list[tuple[Person, Suggestion | None]]: ...
