"""Counted things in the command line's output: "1 moment", "3 moments", "3 an".

English picks the singular or plural source; Turkish has one form after a number, so
both sources map to it in resources/i18n/tr.toml.
"""

from __future__ import annotations

from collections.abc import Mapping

from mlcoach.domain.i18n import N_, translate

_NOUNS: dict[str, tuple[str, str]] = {
    "moments": (N_("{n} moment"), N_("{n} moments")),
    "people": (N_("{n} person"), N_("{n} people")),
    "suggestions": (N_("{n} suggestion"), N_("{n} suggestions")),
    "reflections": (N_("{n} reflection"), N_("{n} reflections")),
    "prompt_events": (N_("{n} prompt record"), N_("{n} prompt records")),
    "custom_prompts": (N_("{n} prompt of your own"), N_("{n} prompts of your own")),
    "prompts": (N_("{n} prompt"), N_("{n} prompts")),
    "settings": (N_("{n} setting"), N_("{n} settings")),
}


def counted(kind: str, n: int, language: str) -> str:
    """`n` things of `kind` (a section of an export, "prompts" or "settings")."""
    one, many = _NOUNS[kind]
    return translate(one if n == 1 else many, language, n=n)


def listed(counts: Mapping[str, int], language: str) -> str:
    """The non-zero counts, comma-separated ("" when all are zero)."""
    return ", ".join(counted(kind, n, language) for kind, n in counts.items() if n)
