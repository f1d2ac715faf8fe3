"""The names a window shows for the core's enums: kinds, outcomes, responses, styles.

One home for each, so every window says "Recognition" or "Not yet" the same way and
the translator sees each word once (context "Names").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mlcoach.domain.model import Kind, Outcome, Response, Style
from mlcoach.store.timeline import EntryKind

translate = QCoreApplication.translate  # lupdate reads translate("Names", "…") calls


def kind_names() -> dict[Kind, str]:
    """Moment kinds as the user reads them, in the order the capture window offers them."""
    return {Kind.EXAMPLE: translate("Names", "Example"),
            Kind.SUGGESTION: translate("Names", "Suggestion"),
            Kind.RECOGNITION: translate("Names", "Recognition"),
            Kind.SUPPORT: translate("Names", "Support"),
            Kind.QUESTION: translate("Names", "Question"),
            Kind.DELEGATION: translate("Names", "Delegation"),
            Kind.OTHER: translate("Names", "Other")}


def kind_words() -> dict[Kind, str]:
    """Moment kinds inside a sentence ("17:20 · Ana · recognition"), where some languages
    write them differently from a label."""
    return {Kind.EXAMPLE: translate("Names", "example"),
            Kind.SUGGESTION: translate("Names", "suggestion"),
            Kind.RECOGNITION: translate("Names", "recognition"),
            Kind.SUPPORT: translate("Names", "support"),
            Kind.QUESTION: translate("Names", "question"),
            Kind.DELEGATION: translate("Names", "delegation"),
            Kind.OTHER: translate("Names", "other")}


def outcome_names() -> dict[Outcome, str]:
    """Outcomes as the user reads them."""
    return {Outcome.FOLLOWED: translate("Names", "Followed"),
            Outcome.NOT_YET: translate("Names", "Not yet"),
            Outcome.DECLINED: translate("Names", "Declined")}


def response_names() -> dict[Response, str]:
    """Prompt responses as the user reads them."""
    return {Response.SHOWN: translate("Names", "Shown"),
            Response.DONE: translate("Names", "Done"),
            Response.SNOOZED: translate("Names", "Later"),
            Response.SKIPPED: translate("Names", "Skipped"),
            Response.NOT_FOR_ME: translate("Names", "Not for me"),
            Response.EXPIRED: translate("Names", "Missed")}


def style_names() -> dict[Style, str]:
    """Audience styles as the user reads them."""
    return {Style.FACTS: translate("Names", "Facts"),
            Style.ENTHUSIASM: translate("Names", "Enthusiasm"),
            Style.REASSURANCE: translate("Names", "Reassurance"),
            Style.CREDIBILITY: translate("Names", "Credibility")}


def style_name(style: Style | None) -> str:
    """One audience style; None is "Not sure yet"."""
    return style_names()[style] if style is not None else translate("Names", "Not sure yet")


def entry_kind_names() -> dict[EntryKind, str]:
    """Timeline row types as the user reads them."""
    return {EntryKind.MOMENT: translate("Names", "Moments"),
            EntryKind.PROMPT: translate("Names", "Prompts"),
            EntryKind.SUGGESTION: translate("Names", "Suggestions"),
            EntryKind.REFLECTION: translate("Names", "Reflections")}
