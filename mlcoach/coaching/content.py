"""The prompt library: loading, strict validation and pack files.

Built-in prompts live in ``resources/prompts/<theme>.toml`` (installed as the
``mlcoach.resources`` package).  A theme file looks like this::

    theme = "recognition"
    [name]
    en = "Recognizing small wins"
    tr = "Küçük kazanımları görmek"

    [[prompt]]
    id = "recognition-01"
    parts = ["morning", "midday"]
    tags = ["meeting"]
    [prompt.en]
    text = "..."
    try = "..."
    [prompt.tr]
    text = "..."
    try = "..."

A *pack* (prompts a user or a team imports and exports) uses the same format,
except that the top-level ``theme`` is optional, each ``[[prompt]]`` may then
carry its own ``theme``, and a top-level ``pack = "name"`` is allowed.

Every problem with a file is reported as a :class:`PromptFileError` whose
message is one line naming the file, the entry and the field.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import NoReturn

from mlcoach.domain.i18n import N_, Phrase, Term
from mlcoach.domain.model import DayPart, Prompt, PromptText, Theme
from mlcoach.domain.text import REORDERING

__all__ = [
    "KNOWN_TAGS",
    "MAX_TEXT_CHARS",
    "MAX_TRY_CHARS",
    "PromptFileError",
    "dump_pack",
    "load_builtin",
    "parse_prompts",
    "theme_names",
    "toml_string",
    "validate_file",
]

MAX_TEXT_CHARS = 400
MAX_TRY_CHARS = 300
MAX_NAME_CHARS = 100
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_PROMPTS = 10_000

KNOWN_TAGS: frozenset[str] = frozenset(
    {"meeting", "one-to-one", "remote", "new-colleague", "chat", "code-review"}
)

_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_LANGUAGE_RE = re.compile(r"[a-z]{2}(?:[-_][A-Z]{2})?")
_TOP_KEYS = ("theme", "name", "pack", "prompt")
_PROMPT_KEYS = ("id", "theme", "parts", "tags")
_TEXT_KEYS = ("text", "try")
_PART_VALUES = tuple(part.value for part in DayPart)
_THEME_VALUES = tuple(theme.value for theme in Theme)


class PromptFileError(ValueError):
    """A prompt file or pack is unreadable or invalid.

    The message is a single line: ``<file>: <entry>: field "<field>": <problem>``,
    where the entry and field parts appear when they apply.
    """

    def __init__(
        self,
        source: str,
        problem: str,
        /,
        *,
        entry: str | Phrase | None = None,
        field: str | None = None,
        **params: object,
    ) -> None:
        self.source = source
        self.entry = None if entry is None else str(entry)
        self.field = field
        self.problem = Phrase(problem, **params)
        # As MlcoachError: an English template and its fields, which error_text translates.
        self.template = _ERROR_LINES[entry is not None, field is not None]
        self.params: dict[str, object] = {"source": source or "<prompts>", "entry": entry,
                                          "field": _quote(field or ""), "problem": self.problem}
        super().__init__(_one_line(self.template.format(**self.params)))


_ERROR_LINES = {
    (False, False): "{source}: {problem}",
    (True, False): "{source}: {entry}: {problem}",
    (False, True): N_("{source}: field {field}: {problem}"),
    (True, True): N_("{source}: {entry}: field {field}: {problem}"),
}


# --------------------------------------------------------------------------- strings


def _escape_char(ch: str) -> str | None:
    """Return the TOML escape for `ch`, or None when it can be written as is."""
    if ch == '"':
        return '\\"'
    if ch == "\\":
        return "\\\\"
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029):
        return f"\\u{code:04X}"
    return None


def toml_string(value: str) -> str:
    """Return `value` as a TOML basic string (with the quotes).

    Backslash and quote are escaped; control characters, DEL, the C1 controls
    and the Unicode line/paragraph separators are written as ``\\uXXXX`` so the
    result always stays on one line.  Raises ValueError for a lone surrogate,
    which TOML cannot represent.
    """
    out = ['"']
    for ch in value:
        escaped = _escape_char(ch)
        if escaped is not None:
            out.append(escaped)
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            raise ValueError(f"lone surrogate U+{ord(ch):04X} cannot be written to TOML")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _one_line(text: str) -> str:
    """Escape control characters, line separators and lone surrogates in a message."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or code in (0x2028, 0x2029)
            or (0xD800 <= code <= 0xDFFF)
        ):
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    return "".join(out)


def _quote(text: str) -> str:
    """Quote `text` for a message, escaping quotes and backslashes inside it."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _show(value: object, limit: int = 40) -> str:
    """A short, quoted rendering of a user value for an error message."""
    if isinstance(value, str):
        return _quote(value if len(value) <= limit else value[: limit - 1] + "…")
    return _type_name(value)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return Term(N_("a boolean"))
    if isinstance(value, int):
        return Term(N_("an integer"))
    if isinstance(value, float):
        return Term(N_("a float"))
    if isinstance(value, str):
        return Term(N_("a string"))
    if isinstance(value, list):
        return Term(N_("an array"))
    if isinstance(value, dict):
        return Term(N_("a table"))
    if isinstance(value, datetime | date | time):
        return Term(N_("a date or time"))
    return type(value).__name__


def _entry(prompt_id: str) -> Phrase:
    """Which prompt a message is about: 'prompt "greet-01"'."""
    return Phrase(N_("prompt {id}"), id=_quote(prompt_id))


_UNKNOWN = {"part": N_("unknown part {value} (known: {known})"),
            "tag": N_("unknown tag {value} (known: {known})")}
_TWICE = {"part": N_("part {value} is listed twice"), "tag": N_("tag {value} is listed twice")}


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Document:
    """Everything a prompt file holds."""

    theme: str | None
    names: dict[str, str]
    pack: str
    prompts: list[Prompt]


class _Checker:
    """Validates one parsed document; every failure names file, entry and field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, problem: str, *, entry: str | Phrase | None = None,
             field: str | None = None, **params: object) -> NoReturn:
        raise PromptFileError(self.source, problem, entry=entry, field=field, **params)

    def text(self, value: object, *, entry: str | Phrase | None, field: str, limit: int,
             shown: bool = False) -> str:
        """A string field, stripped; `shown`: words a prompt card shows, which must have
        something visible and no control or reordering characters."""
        if not isinstance(value, str):
            self.fail(N_("expected a string, got {kind}"), entry=entry, field=field,
                      kind=_type_name(value))
        stripped = value.strip()
        if not stripped or (shown and not any(ch.isprintable() and not ch.isspace()
                                              for ch in stripped)):
            self.fail(N_("must not be empty"), entry=entry, field=field)
        hidden = next((ch for ch in stripped if _hidden(ch)), None) if shown else None
        if hidden is not None:
            self.fail(N_("contains the control character {code}"), entry=entry,
                      field=field, code=f"U+{ord(hidden):04X}")
        if len(stripped) > limit:
            self.fail(N_("too long ({n} characters, at most {limit})"), entry=entry,
                      field=field, n=len(stripped), limit=limit)
        return stripped

    def theme(self, value: object, *, entry: str | Phrase | None, field: str = "theme") -> str:
        if not isinstance(value, str):
            self.fail(N_("expected a string, got {kind}"), entry=entry, field=field,
                      kind=_type_name(value))
        if value not in _THEME_VALUES:
            self.fail(
                N_("unknown theme {value} (known: {known})"),
                entry=entry,
                field=field,
                value=_show(value),
                known=", ".join(_THEME_VALUES),
            )
        return value

    def names(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            self.fail(
                N_("expected a table of language = name, got {kind}"),
                field="name",
                kind=_type_name(value),
            )
        names: dict[str, str] = {}
        for language, name in value.items():
            self.language(language, entry=None, field=f"name.{language}")
            names[language] = self.text(
                name, entry=None, field=f"name.{language}", limit=MAX_NAME_CHARS
            )
        if "en" not in names:
            self.fail(N_('missing the English name "en"'), field="name")
        return names

    def language(self, key: str, *, entry: str | Phrase | None, field: str) -> None:
        if not _LANGUAGE_RE.fullmatch(key):
            self.fail(
                N_('not a language code (expected two lowercase letters such as "en", '
                   'optionally with a region such as "pt-BR")'),
                entry=entry,
                field=field,
            )

    def document(self, data: dict[str, object], *, custom: bool) -> _Document:
        for key in data:
            if key not in _TOP_KEYS:
                self.fail(N_("unknown key (allowed at the top: {known})"), field=key,
                          known=", ".join(_TOP_KEYS))
        theme: str | None = None
        if "theme" in data:
            theme = self.theme(data["theme"], entry=None)
        names: dict[str, str] = {}
        if "name" in data:
            if theme is None:
                self.fail(N_('only allowed together with a top-level "theme"'), field="name")
            names = self.names(data["name"])
        pack = ""
        if "pack" in data:
            pack = self.text(data["pack"], entry=None, field="pack", limit=MAX_NAME_CHARS)

        raw_prompts = data.get("prompt", [])
        if not isinstance(raw_prompts, list):
            self.fail(
                N_("expected [[prompt]] tables, got {kind}"),
                field="prompt",
                kind=_type_name(raw_prompts),
            )
        if len(raw_prompts) > MAX_PROMPTS:
            self.fail(N_("too many prompts (at most {n})"), field="prompt", n=MAX_PROMPTS)
        prompts: list[Prompt] = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_prompts, start=1):
            prompt = self.prompt(raw, index, file_theme=theme, custom=custom)
            if prompt.id in seen:
                self.fail(
                    N_("duplicate id (also used by prompt #{n})"),
                    entry=_entry(prompt.id),
                    field="id",
                    n=seen[prompt.id],
                )
            seen[prompt.id] = index
            prompts.append(prompt)
        return _Document(theme=theme, names=names, pack=pack, prompts=prompts)

    def prompt(self, raw: object, index: int, *, file_theme: str | None, custom: bool) -> Prompt:
        """One prompt entry checked field by field, each failure naming its entry and field
        (long: one check per field of the documented prompt format, in file order)."""
        entry: Phrase = Phrase(N_("prompt #{n}"), n=index)
        if not isinstance(raw, dict):
            self.fail(N_("expected a table, got {kind}"), entry=entry, kind=_type_name(raw))
        # Name the entry by its id as soon as the id is known to be sound.
        if "id" not in raw:
            self.fail(N_("missing"), entry=entry, field="id")
        raw_id = raw["id"]
        if not isinstance(raw_id, str):
            self.fail(N_("expected a string, got {kind}"), entry=entry, field="id",
                      kind=_type_name(raw_id))
        if not _ID_RE.fullmatch(raw_id):
            self.fail(
                N_("invalid id {value} (1-64 of a-z, 0-9, '.', '_', '-', "
                   "starting with a letter or digit)"),
                value=_show(raw_id),
                entry=entry,
                field="id",
            )
        prompt_id = raw_id
        entry = _entry(prompt_id)

        languages: list[str] = []
        for key in raw:
            if key in _PROMPT_KEYS:
                continue
            if _LANGUAGE_RE.fullmatch(key):
                languages.append(key)
                continue
            self.fail(
                N_('unknown key (allowed: {known}, and language tables such as "en")'),
                known=", ".join(_PROMPT_KEYS),
                entry=entry,
                field=key,
            )

        if "theme" in raw:
            theme = self.theme(raw["theme"], entry=entry)
            if file_theme is not None and theme != file_theme:
                self.fail(
                    N_("{value} differs from the file's theme {theme}"),
                    value=_show(theme),
                    theme=_quote(file_theme),
                    entry=entry,
                    field="theme",
                )
        elif file_theme is not None:
            theme = file_theme
        else:
            self.fail(N_("missing (the file has no top-level theme)"), entry=entry,
                      field="theme")

        parts = tuple(DayPart)
        if "parts" in raw:
            parts = tuple(
                DayPart(value)
                for value in self.word_list(
                    raw["parts"], _PART_VALUES, entry=entry, field="parts", noun="part"
                )
            )
            if not parts:
                self.fail(N_("must name at least one part of the day"), entry=entry,
                          field="parts")
        tags: tuple[str, ...] = ()
        if "tags" in raw:
            tags = self.word_list(
                raw["tags"], tuple(sorted(KNOWN_TAGS)), entry=entry, field="tags", noun="tag"
            )

        if "en" not in raw:
            self.fail(N_("missing (every prompt needs English wording)"), entry=entry,
                      field="en")
        texts: dict[str, PromptText] = {}
        for language in ["en", *sorted(lang for lang in languages if lang != "en")]:
            texts[language] = self.wording(raw[language], language, entry=entry)
        return Prompt(id=prompt_id, theme=theme, texts=texts, parts=parts, tags=tags, custom=custom)

    def word_list(
        self,
        value: object,
        allowed: tuple[str, ...],
        *,
        entry: str | Phrase,
        field: str,
        noun: str,
    ) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.fail(
                N_("expected an array of strings, got {kind}"),
                entry=entry,
                field=field,
                kind=_type_name(value),
            )
        words: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self.fail(
                    N_("expected strings, found {kind}"),
                    entry=entry,
                    field=field,
                    kind=_type_name(item),
                )
            if item not in allowed:
                self.fail(
                    _UNKNOWN[noun],
                    entry=entry,
                    field=field,
                    value=_show(item),
                    known=", ".join(allowed),
                )
            if item in words:
                self.fail(_TWICE[noun], entry=entry, field=field, value=_show(item))
            words.append(item)
        return tuple(words)

    def wording(self, value: object, language: str, *, entry: str | Phrase) -> PromptText:
        if not isinstance(value, dict):
            self.fail(
                N_("expected a table with text and try, got {kind}"),
                entry=entry,
                field=language,
                kind=_type_name(value),
            )
        for key in value:
            if key not in _TEXT_KEYS:
                self.fail(
                    N_("unknown key (allowed: text, try)"), entry=entry,
                    field=f"{language}.{key}"
                )
        for key in _TEXT_KEYS:
            if key not in value:
                self.fail(N_("missing"), entry=entry, field=f"{language}.{key}")
        text = self.text(value["text"], entry=entry, field=f"{language}.text",
                         limit=MAX_TEXT_CHARS, shown=True)
        try_this = self.text(
            value["try"], entry=entry, field=f"{language}.try", limit=MAX_TRY_CHARS, shown=True
        )
        return PromptText(text=text, try_this=try_this)


def _hidden(ch: str) -> bool:
    """A character a prompt card must not show: a control (NUL, ESC; not a line break or
    tab) or one that reorders the text around it (bidi overrides and isolates)."""
    import unicodedata

    return (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in REORDERING


def check_custom_prompt(item: dict[str, object], source: str) -> Prompt:
    """A user's prompt as an mlcoach export holds it ("texts", "parts", "tags"), checked
    by the rules of a prompt pack: an import takes nothing `prompts import` would refuse,
    nor the id of a built-in prompt. PromptFileError otherwise."""
    raw: dict[str, object] = {k: v for k, v in item.items() if k in ("id", "theme", "tags")}
    if item.get("parts"):
        raw["parts"] = item["parts"]
    texts = item.get("texts")
    if isinstance(texts, dict):
        raw.update(texts)
    prompt = _Checker(source).prompt(raw, 0, file_theme=None, custom=True)
    if prompt.id in {p.id for p in load_builtin()}:
        raise PromptFileError(source, N_("has the id of a built-in prompt; rename it"),
                              entry=_entry(prompt.id), field="id")
    return prompt


def _decode(data: object, source: str) -> str:
    if isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:
            raise PromptFileError(source, N_("file too large (more than {n} bytes)"),
                                  n=MAX_FILE_BYTES)
        text = data
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if len(raw) > MAX_FILE_BYTES:
            raise PromptFileError(source, N_("file too large (more than {n} bytes)"),
                                  n=MAX_FILE_BYTES)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PromptFileError(
                source, N_("not valid UTF-8 text (bad byte at offset {n})"), n=exc.start
            ) from None
    else:
        raise PromptFileError(source, N_("expected text or bytes, got {kind}"),
                              kind=_type_name(data))
    return text.removeprefix("\ufeff")


def _parse_document(data: bytes | str, source: str, *, custom: bool) -> _Document:
    text = _decode(data, source)
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PromptFileError(source, N_("not valid TOML: {reason}"), reason=str(exc)) from None
    except RecursionError:
        raise PromptFileError(source, N_("not valid TOML: nested too deeply")) from None
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        if "digits" in str(exc):
            raise PromptFileError(source, N_("not valid TOML: a number has too many digits")
                                  ) from None
        raise PromptFileError(source, N_("not valid TOML: {reason}"), reason=str(exc)) from None
    return _Checker(source).document(parsed, custom=custom)


def parse_prompts(data: bytes | str, source: str, *, custom: bool = False) -> list[Prompt]:
    """Parse and strictly validate a prompt file or pack.

    `source` names the file in error messages.  `custom` marks the prompts as
    the user's own.  Raises PromptFileError, and nothing else, for any input.
    """
    return _parse_document(data, source, custom=custom).prompts


def validate_file(path: Path, *, custom: bool = False) -> list[Prompt]:
    """Read and validate the prompt file or pack at `path`."""
    name = Path(path).name or str(path)
    from mlcoach.system.reading import read_at_most

    try:  # bounded: a device or a pipe may never end, or never begin
        data = read_at_most(path, MAX_FILE_BYTES)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise PromptFileError(name, N_("cannot read: {reason}"), reason=reason) from None
    return parse_prompts(data, Path(path).name, custom=custom)  # which says when too large


# --------------------------------------------------------------------------- built-ins


@dataclass(frozen=True, slots=True)
class _Library:
    prompts: tuple[Prompt, ...]
    names: dict[str, dict[str, str]]


def _prompt_folder() -> Traversable:
    """The folder holding the built-in theme files."""
    return importlib.resources.files("mlcoach.resources").joinpath("prompts")


@functools.lru_cache(maxsize=1)
def _library() -> _Library:
    folder = _prompt_folder()
    files = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".toml")),
        key=lambda item: item.name,
    )
    prompts: list[Prompt] = []
    names: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    for item in files:
        source = item.name
        try:
            data = item.read_bytes()
        except OSError as exc:
            raise PromptFileError(source, f"cannot read: {exc.strerror or exc}") from None
        document = _parse_document(data, source, custom=False)
        expected = source.removesuffix(".toml")
        if document.theme != expected:
            raise PromptFileError(
                source, f'a built-in file must declare theme = "{expected}"', field="theme"
            )
        if not document.names:
            raise PromptFileError(source, "missing the theme's display name", field="name")
        names[expected] = document.names
        for prompt in document.prompts:
            if prompt.id in owner:
                raise PromptFileError(
                    source,
                    f"duplicate id (also used in {owner[prompt.id]})",
                    entry=f'prompt "{prompt.id}"',
                    field="id",
                )
            owner[prompt.id] = source
            prompts.append(prompt)
    return _Library(prompts=tuple(prompts), names=names)


def load_builtin() -> list[Prompt]:
    """Return every built-in prompt (loaded once, then cached)."""
    return list(_library().prompts)


def theme_names(language: str) -> dict[str, str]:
    """Return the display name of each built-in theme in `language` (English fallback).

    Accepts "tr", "tr_TR", "tr-TR" or "tr_TR.UTF-8" style language values.
    """
    wanted = [language, language.split(".")[0].replace("_", "-"), language[:2].lower()]
    result: dict[str, str] = {}
    for theme, names in _library().names.items():
        chosen = next((names[w] for w in wanted if w in names), names["en"])
        result[theme] = chosen
    return result


# --------------------------------------------------------------------------- writing


def dump_pack(prompts: Sequence[Prompt], name: str = "") -> str:
    """Write `prompts` as a pack (each prompt carries its theme).

    The result parses back with :func:`parse_prompts` to equal prompts.
    Raises PromptFileError when a prompt could not be read back (for example an
    empty text or an unknown theme), naming the prompt and the field.
    """
    source = "pack"
    lines = ["# mlcoach prompt pack"]
    pack_name = name.strip()
    if pack_name:
        lines.append(f"pack = {_field_string(pack_name, source, None, 'pack')}")
    for prompt in prompts:
        entry = f"prompt {_quote(prompt.id)}"
        lines += ["", "[[prompt]]"]
        lines.append(f"id = {_field_string(prompt.id, source, entry, 'id')}")
        lines.append(f"theme = {_field_string(str(prompt.theme), source, entry, 'theme')}")
        parts = ", ".join(_field_string(str(p), source, entry, "parts") for p in prompt.parts)
        lines.append(f"parts = [{parts}]")
        if prompt.tags:
            tags = ", ".join(_field_string(t, source, entry, "tags") for t in prompt.tags)
            lines.append(f"tags = [{tags}]")
        order = sorted(prompt.texts, key=lambda lang: (lang != "en", lang))
        for language in order:
            if not _LANGUAGE_RE.fullmatch(language):
                raise PromptFileError(source, N_("not a language code"), entry=entry,
                                      field=language)
            wording = prompt.texts[language]
            lines.append(f"[prompt.{language}]")
            lines.append(f"text = {_field_string(wording.text, source, entry, f'{language}.text')}")
            lines.append(
                f"try = {_field_string(wording.try_this, source, entry, f'{language}.try')}"
            )
    text = "\n".join(lines) + "\n"
    parse_prompts(text, source)  # refuse to write what could not be read back
    return text


def _field_string(value: str, source: str, entry: str | None, field: str) -> str:
    try:
        return toml_string(value)
    except ValueError as exc:
        raise PromptFileError(source, str(exc), entry=entry, field=field) from None
