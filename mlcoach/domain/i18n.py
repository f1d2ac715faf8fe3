"""The language the user reads, and the core's own user-facing text in that language.

The Qt layer translates its strings with Qt (resources/translations/mlcoach_<lang>.ts).
Text the core builds for the UI (the tray status, notices, error messages) is written
in English in the code and looked up here in a small catalogue,
resources/i18n/<lang>.toml: one ``[messages]`` table keyed by the English source, with
``{name}`` fields filled after the lookup. A missing entry falls back to the English.
Wrap a source string in `N_` where it is defined away from its use, so the catalogue
test finds it. The command line uses the same catalogue for its help, labels and errors.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import PurePath
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datetime stays off the way to the tray icon
    from datetime import date

SUPPORTED = ("en", "tr")

def ui_language(setting: str, env: Mapping[str, str] | None = None) -> str:
    """Pick "en" or "tr" from the setting, then LANGUAGE / LC_ALL / LC_MESSAGES / LANG."""
    if setting in SUPPORTED:
        return setting
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in SUPPORTED:
                return code
            if code and code not in ("c", "posix"):
                return "en"
    return "en"


def N_(text: str) -> str:
    """Mark `text` as catalogue source without translating it (translate it at use)."""
    return text


class Term(str):
    """One of the app's own words inside a message (translated with it), not user text."""

    __slots__ = ()


@functools.cache
def catalogue(language: str) -> Mapping[str, str]:
    """The messages of `language`, keyed by their English source (empty for English)."""
    if language not in SUPPORTED or language == "en":
        return MappingProxyType({})
    import tomllib

    from mlcoach.resources import folder

    raw = folder("i18n", f"{language}.toml")
    messages = tomllib.loads(raw.read_text(encoding="utf-8")).get("messages", {})
    return MappingProxyType({str(k): str(v) for k, v in messages.items() if v})


class Phrase:
    """A part of a message with fields of its own ("is outside the years {a} to {b}"),
    translated with the message it is put in."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: object) -> None:
        self.template, self.params = template, params

    def __str__(self) -> str:
        return self.template.format(**self.params) if self.params else self.template

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def translate(text: str, language: str, /, **params: object) -> str:
    """`text` in `language`, its `{name}` fields filled from `params`.

    `Term` and `Phrase` values and exceptions among `params` are translated too.
    """
    found = catalogue(language).get(text, text)
    if not params:
        return found
    return found.format(**{k: _param(v, language) for k, v in params.items()})


def _param(value: object, language: str) -> object:
    if isinstance(value, Term):
        return Term(catalogue(language).get(value, value))
    if isinstance(value, Phrase):
        return translate(value.template, language, **value.params)
    if isinstance(value, BaseException):
        return error_text(value, language)
    if isinstance(value, PurePath):
        return shown_path(value)
    if isinstance(value, str) and not _whole(value):  # a file name given as text
        return _escaped(value)
    return value


def _whole(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(text: str) -> str:
    """Text holding bytes that were not UTF-8 (Python's lone surrogates) shown as `\xff`,
    as shown_path shows them; any other lone surrogate as `\ud800`."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def shown_path(path: PurePath | str) -> str:
    """A file name as a message shows it, on one line: bytes that are not UTF-8 as
    `\\xff` (as `ls -b` shows them), a newline or other control character escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def error_text(exc: BaseException, language: str) -> str:
    """An error's message in `language`: app errors carry their English template and fields."""
    template = getattr(exc, "template", None)
    params = getattr(exc, "params", None)
    if isinstance(template, str) and isinstance(params, dict):
        return translate(template, language, **params)
    text = str(exc)
    return catalogue(language).get(text, text)


def percent(ratio: float, language: str) -> str:
    """`ratio` as a whole percentage: "75%", in Turkish "%75"."""
    return f"%{ratio * 100:.0f}" if language == "tr" else f"{ratio:.0%}"


def weekday_short(day: date, language: str) -> str:
    """The short weekday name of `day` ("Mon", "Pzt")."""
    return translate(_WEEKDAYS[day.weekday()], language)


_WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
