"""The end-of-day reflection's rotating question, from resources/reflection/questions.toml.

One question a day, the same for the whole day (and on every machine), chosen by the
local date alone: day N of the calendar asks question N modulo the list. The answer is
kept in the reflection's first text field, so the stored reflection keeps its shape.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources

LANGUAGES = ("en", "tr")


@dataclass(frozen=True, slots=True)
class ReflectionQuestion:
    """One rotating question, in one language."""

    id: str
    text: str


@functools.cache
def _questions() -> tuple[dict[str, str], ...]:
    raw = resources.files("mlcoach.resources").joinpath("reflection", "questions.toml")
    items = tomllib.loads(raw.read_text(encoding="utf-8")).get("question", [])
    out = []
    for item in items:
        if not all(isinstance(item.get(k), str) and item[k].strip() for k in ("id", *LANGUAGES)):
            raise RuntimeError(f"reflection question {item!r} needs an id and every language")
        out.append({k: item[k] for k in ("id", *LANGUAGES)})
    if not out:
        raise RuntimeError("there are no reflection questions")
    return tuple(out)


def question_for(day: date, language: str = "en") -> ReflectionQuestion:
    """The question asked on `day`, in `language` (English for an unknown language)."""
    items = _questions()
    item = items[day.toordinal() % len(items)]
    return ReflectionQuestion(item["id"], item[language if language in LANGUAGES else "en"])


def all_questions(language: str = "en") -> list[ReflectionQuestion]:
    """Every rotating question, in order."""
    lang = language if language in LANGUAGES else "en"
    return [ReflectionQuestion(item["id"], item[lang]) for item in _questions()]
