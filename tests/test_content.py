"""Tests for the prompt library and its loader, validator and pack writer."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlcoach.coaching import content
from mlcoach.coaching.content import (
    KNOWN_TAGS,
    MAX_TEXT_CHARS,
    MAX_TRY_CHARS,
    PromptFileError,
    dump_pack,
    load_builtin,
    parse_prompts,
    theme_names,
    toml_string,
    validate_file,
)
from mlcoach.domain.model import DayPart, Prompt, PromptText, Theme

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "prompts"


# --------------------------------------------------------------------------- the library


@pytest.fixture(scope="module")
def library() -> list[Prompt]:
    return load_builtin()


def _by_theme(prompts: list[Prompt]) -> dict[str, list[Prompt]]:
    grouped: dict[str, list[Prompt]] = {}
    for prompt in prompts:
        grouped.setdefault(prompt.theme, []).append(prompt)
    return grouped


def test_every_theme_has_a_file_and_at_least_ten_prompts(library: list[Prompt]) -> None:
    grouped = _by_theme(library)
    assert set(grouped) == {theme.value for theme in Theme}
    for theme, prompts in grouped.items():
        assert len(prompts) >= 10, theme
    assert len(library) >= 120


def test_ids_are_unique_and_prefixed_by_theme(library: list[Prompt]) -> None:
    ids = [prompt.id for prompt in library]
    assert len(ids) == len(set(ids))
    for prompt in library:
        assert re.fullmatch(rf"{prompt.theme}-\d\d", prompt.id), prompt.id


def test_every_prompt_has_complete_english_and_turkish(library: list[Prompt]) -> None:
    for prompt in library:
        assert set(prompt.texts) == {"en", "tr"}, prompt.id
        for language, wording in prompt.texts.items():
            assert wording.text.strip() == wording.text != "", (prompt.id, language)
            assert wording.try_this.strip() == wording.try_this != "", (prompt.id, language)
            assert len(wording.text) <= MAX_TEXT_CHARS
            assert len(wording.try_this) <= MAX_TRY_CHARS
        assert prompt.parts, prompt.id
        assert set(prompt.tags) <= KNOWN_TAGS
        assert not prompt.custom


def test_no_exclamation_marks_and_no_you_should(library: list[Prompt]) -> None:
    for prompt in library:
        for language, wording in prompt.texts.items():
            for text in (wording.text, wording.try_this):
                assert "!" not in text and "¡" not in text, (prompt.id, language)
                assert "you should" not in text.lower(), prompt.id
                assert "yapmalısınız" not in text, prompt.id


def test_turkish_puts_no_comma_before_ve(library: list[Prompt]) -> None:
    """"…hâl hatır sorma, ve ilkini…" is an English comma in a Turkish sentence."""
    for prompt in library:
        wording = prompt.texts["tr"]
        for text in (wording.text, wording.try_this):
            assert ", ve " not in text, prompt.id


def _sentences(text: str) -> int:
    unquoted = re.sub(r'"[^"]*"', '"…"', text)
    return len(re.findall(r"[.?](?:\s|$)", unquoted)) or 1


def test_prompt_text_is_one_or_two_sentences(library: list[Prompt]) -> None:
    for prompt in library:
        assert _sentences(prompt.texts["en"].text) <= 2, prompt.id


def test_try_this_differs_from_the_prompt(library: list[Prompt]) -> None:
    for prompt in library:
        for language, wording in prompt.texts.items():
            assert wording.try_this.casefold() != wording.text.casefold(), (prompt.id, language)
            assert wording.try_this.casefold() not in wording.text.casefold(), prompt.id


def test_no_two_prompts_open_with_the_same_three_words(library: list[Prompt]) -> None:
    def opening(text: str) -> str:
        words = re.findall(r"[\w']+", text.lower())
        return " ".join(words[:3])

    counts = Counter(opening(prompt.texts["en"].text) for prompt in library)
    repeated = {words: n for words, n in counts.items() if n > 1}
    assert not repeated


def test_openings_are_varied_in_turkish_too(library: list[Prompt]) -> None:
    counts = Counter(" ".join(p.texts["tr"].text.split()[:2]) for p in library)
    assert max(counts.values()) <= 5, counts.most_common(3)


def test_each_theme_covers_morning_and_end_of_day(library: list[Prompt]) -> None:
    for theme, prompts in _by_theme(library).items():
        parts = {part for prompt in prompts for part in prompt.parts}
        assert DayPart.MORNING in parts, theme
        assert DayPart.END_OF_DAY in parts, theme


def test_theme_names_in_both_languages() -> None:
    english = theme_names("en")
    turkish = theme_names("tr")
    assert set(english) == set(turkish) == {theme.value for theme in Theme}
    assert all(english.values()) and all(turkish.values())
    assert english != turkish
    assert theme_names("tr_TR.UTF-8") == turkish
    assert theme_names("xx") == english
    assert theme_names("") == english


def test_load_builtin_returns_a_fresh_list(library: list[Prompt]) -> None:
    first = load_builtin()
    first.clear()
    assert load_builtin() == library


def test_each_builtin_file_validates_on_its_own() -> None:
    files = sorted(PROMPTS_DIR.glob("*.toml"))
    assert {path.stem for path in files} == {theme.value for theme in Theme}
    total = 0
    for path in files:
        prompts = validate_file(path)
        assert {prompt.theme for prompt in prompts} == {path.stem}
        total += len(prompts)
    assert total == len(load_builtin())


# --------------------------------------------------------------------------- errors

GOOD_PROMPT = """
[[prompt]]
id = "recognition-03"
parts = ["morning"]
[prompt.en]
text = "Thank someone."
try = "Say thanks."
"""


def _doc(body: str, *, theme: str | None = "recognition") -> str:
    head = f'theme = "{theme}"\n' if theme else ""
    return head + body


BAD_DOCUMENTS = [
    (
        _doc(GOOD_PROMPT.replace('["morning"]', '["evening"]')),
        'recognition.toml: prompt "recognition-03": field "parts": unknown part "evening"',
    ),
    (
        _doc(GOOD_PROMPT.replace('["morning"]', '"morning"')),
        'recognition.toml: prompt "recognition-03": field "parts": expected an array',
    ),
    (
        _doc(GOOD_PROMPT.replace('["morning"]', '["morning", "morning"]')),
        'prompt "recognition-03": field "parts": part "morning" is listed twice',
    ),
    (
        _doc(GOOD_PROMPT.replace('["morning"]', "[]")),
        'prompt "recognition-03": field "parts": must name at least one',
    ),
    (
        _doc(GOOD_PROMPT + '[prompt.tr]\ntext = "Teşekkür edin."\n'),
        'recognition.toml: prompt "recognition-03": field "tr.try": missing',
    ),
    (
        _doc(GOOD_PROMPT + '[prompt.tr]\ntext = "x"\ntry = "y"\nextra = "z"\n'),
        'prompt "recognition-03": field "tr.extra": unknown key',
    ),
    (
        _doc(GOOD_PROMPT.replace("parts =", 'tag = ["meeting"]\nparts =')),
        'recognition.toml: prompt "recognition-03": field "tag": unknown key',
    ),
    (
        _doc(GOOD_PROMPT.replace("parts =", 'tags = ["standup"]\nparts =')),
        'prompt "recognition-03": field "tags": unknown tag "standup"',
    ),
    (
        _doc(GOOD_PROMPT.replace("parts =", "tags = [3]\nparts =")),
        'prompt "recognition-03": field "tags": expected strings, found an integer',
    ),
    (
        "version = 2\n" + _doc(GOOD_PROMPT),
        'recognition.toml: field "version": unknown key',
    ),
    (
        _doc(GOOD_PROMPT, theme="kindness"),
        'recognition.toml: field "theme": unknown theme "kindness"',
    ),
    (_doc(GOOD_PROMPT, theme=None), 'prompt "recognition-03": field "theme": missing'),
    (
        _doc(GOOD_PROMPT.replace("parts =", 'theme = "energy"\nparts =')),
        'prompt "recognition-03": field "theme": "energy" differs from the file\'s theme',
    ),
    (
        _doc(GOOD_PROMPT.replace('"recognition-03"', '"Recognition 03"')),
        'recognition.toml: prompt #1: field "id": invalid id "Recognition 03"',
    ),
    (
        _doc(GOOD_PROMPT.replace('id = "recognition-03"', "id = 3")),
        'recognition.toml: prompt #1: field "id": expected a string, got an integer',
    ),
    (
        _doc(GOOD_PROMPT.replace('id = "recognition-03"\n', "")),
        'recognition.toml: prompt #1: field "id": missing',
    ),
    (
        _doc(GOOD_PROMPT + GOOD_PROMPT),
        'recognition.toml: prompt "recognition-03": field "id": duplicate id',
    ),
    (
        _doc(GOOD_PROMPT.replace('"Thank someone."', '"   "')),
        'prompt "recognition-03": field "en.text": must not be empty',
    ),
    (
        _doc(GOOD_PROMPT.replace('"Thank someone."', '"' + "x" * (MAX_TEXT_CHARS + 1) + '"')),
        'prompt "recognition-03": field "en.text": too long (401 characters, at most 400)',
    ),
    (
        _doc(GOOD_PROMPT.replace('"Say thanks."', '"' + "x" * (MAX_TRY_CHARS + 1) + '"')),
        'prompt "recognition-03": field "en.try": too long',
    ),
    (
        _doc(GOOD_PROMPT.replace('"Say thanks."', "true")),
        'prompt "recognition-03": field "en.try": expected a string, got a boolean',
    ),
    (
        _doc(GOOD_PROMPT.replace("[prompt.en]", "[prompt.tr]")),
        'recognition.toml: prompt "recognition-03": field "en": missing',
    ),
    (
        _doc('[[prompt]]\nid = "a"\nen = "just text"\n'),
        'prompt "a": field "en": expected a table with text and try, got a string',
    ),
    (_doc("prompt = 3\n"), 'recognition.toml: field "prompt": expected [[prompt]] tables'),
    (_doc("prompt = [1]\n"), "recognition.toml: prompt #1: expected a table, got an integer"),
    ('name = { en = "x" }\n', 'recognition.toml: field "name": only allowed together'),
    (_doc('[name]\ntr = "Ad"\n'), 'recognition.toml: field "name": missing the English name'),
    (_doc('[name]\nEnglish = "x"\n'), 'recognition.toml: field "name.English": not a language'),
    (_doc("pack = 1\n"), 'recognition.toml: field "pack": expected a string'),
    ('theme = "recognition"\n[[prompt]\n', "recognition.toml: not valid TOML"),
    (b'theme = "recognition"\n\xff\xfe', "recognition.toml: not valid UTF-8 text"),
    ("x = 1" + "1" * 5000, "recognition.toml: not valid TOML: a number has too many digits"),
    ("x = " + "[" * 5000 + "]" * 5000, "recognition.toml: not valid TOML: nested too deeply"),
    ("x = " + "{a = " * 3000 + "1" + "}" * 3000, "recognition.toml: not valid TOML"),
]


@pytest.mark.parametrize(("data", "expected"), BAD_DOCUMENTS)
def test_bad_entries_name_file_entry_and_field(data: str | bytes, expected: str) -> None:
    with pytest.raises(PromptFileError) as caught:
        parse_prompts(data, "recognition.toml")
    message = str(caught.value)
    assert expected in message
    assert message.startswith("recognition.toml: ")
    assert "\n" not in message and "\r" not in message


def test_error_keeps_its_parts_as_attributes() -> None:
    with pytest.raises(PromptFileError) as caught:
        parse_prompts(_doc(GOOD_PROMPT.replace('["morning"]', '["evening"]')), "r.toml")
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.source, error.entry, error.field) == (
        "r.toml",
        'prompt "recognition-03"',
        "parts",
    )


def test_user_text_in_messages_is_escaped_onto_one_line() -> None:
    with pytest.raises(PromptFileError) as caught:
        parse_prompts('theme = "a\\nb\\u2028c\\u0085"\n', "x.toml")
    assert "\\u000A" in str(caught.value)
    assert len(str(caught.value).splitlines()) == 1


def test_file_too_large() -> None:
    with pytest.raises(PromptFileError, match="too large"):
        parse_prompts(b"#" * (content.MAX_FILE_BYTES + 1), "big.toml")
    with pytest.raises(PromptFileError, match="too large"):
        parse_prompts("#" * (content.MAX_FILE_BYTES + 1), "big.toml")


def test_wrong_input_type_is_a_prompt_file_error() -> None:
    with pytest.raises(PromptFileError, match="expected text or bytes"):
        parse_prompts(12, "x.toml")  # type: ignore[arg-type]


def test_validate_file_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(PromptFileError) as caught:
        validate_file(tmp_path / "missing.toml")
    assert str(caught.value).startswith("missing.toml: cannot read")
    with pytest.raises(PromptFileError, match="cannot read"):
        validate_file(tmp_path)


def test_validate_file_reads_a_pack(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text(
        'pack = "Team habits"\n'
        '[[prompt]]\nid = "team.one"\ntheme = "energy"\n'
        '[prompt.en]\ntext = "  Take a walk.\\n"\ntry = "Stand up."\n',
        encoding="utf-8",
    )
    (prompt,) = validate_file(path, custom=True)
    assert prompt == Prompt(
        id="team.one",
        theme="energy",
        texts={"en": PromptText("Take a walk.", "Stand up.")},
        parts=tuple(DayPart),
        custom=True,
    )


def test_good_document_parses() -> None:
    (prompt,) = parse_prompts("\ufeff" + _doc(GOOD_PROMPT), "recognition.toml")
    assert prompt.id == "recognition-03"
    assert prompt.theme == "recognition"
    assert prompt.parts == (DayPart.MORNING,)
    assert prompt.texts["en"] == PromptText("Thank someone.", "Say thanks.")
    assert parse_prompts("", "empty.toml") == []


# --------------------------------------------------------------------------- built-in loader


@pytest.fixture
def fake_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "prompts"
    folder.mkdir()
    monkeypatch.setattr(content, "_prompt_folder", lambda: folder)
    content._library.cache_clear()
    yield folder
    content._library.cache_clear()


def _theme_file(theme: str, prompt_id: str) -> str:
    return f'theme = "{theme}"\n[name]\nen = "{theme.title()}"\n' + GOOD_PROMPT.replace(
        "recognition-03", prompt_id
    )


def test_builtin_ids_must_be_unique_across_files(fake_resources: Path) -> None:
    (fake_resources / "energy.toml").write_text(_theme_file("energy", "same"), encoding="utf-8")
    (fake_resources / "remote.toml").write_text(_theme_file("remote", "same"), encoding="utf-8")
    with pytest.raises(PromptFileError) as caught:
        load_builtin()
    assert str(caught.value) == (
        'remote.toml: prompt "same": field "id": duplicate id (also used in energy.toml)'
    )


def test_builtin_file_must_declare_its_own_theme(fake_resources: Path) -> None:
    (fake_resources / "energy.toml").write_text(_theme_file("remote", "a"), encoding="utf-8")
    with pytest.raises(PromptFileError, match=re.escape('energy.toml: field "theme"')):
        load_builtin()


def test_builtin_file_needs_a_display_name(fake_resources: Path) -> None:
    (fake_resources / "energy.toml").write_text(_doc(GOOD_PROMPT, theme="energy"), "utf-8")
    with pytest.raises(PromptFileError, match=re.escape('energy.toml: field "name"')):
        load_builtin()


def test_builtin_loader_is_cached(fake_resources: Path) -> None:
    (fake_resources / "energy.toml").write_text(_theme_file("energy", "a"), encoding="utf-8")
    (fake_resources / "notes.txt").write_text("not a prompt file", encoding="utf-8")
    assert [p.id for p in load_builtin()] == ["a"]
    (fake_resources / "remote.toml").write_text(_theme_file("remote", "b"), encoding="utf-8")
    assert [p.id for p in load_builtin()] == ["a"]
    assert theme_names("tr") == {"energy": "Energy"}


# --------------------------------------------------------------------------- fuzzing

VOCABULARY = st.sampled_from(
    [
        *(theme.value for theme in Theme),
        *(part.value for part in DayPart),
        *KNOWN_TAGS,
        "en",
        "tr",
        "x",
        "",
        " ",
        "recognition-01",
    ]
)
KEYS = st.sampled_from(
    ["theme", "name", "pack", "prompt", "id", "parts", "tags", "en", "tr", "text", "try", "de-DE"]
) | st.text(max_size=8)
SCALARS = (
    VOCABULARY | st.text(max_size=20) | st.integers() | st.booleans() | st.floats(allow_nan=True)
)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    pairs = (f"{toml_string(key)} = {_toml_value(item)}" for key, item in value.items())
    return "{" + ", ".join(pairs) + "}"


VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=20,
)
# Mostly plausible documents, with a wrong value or key mixed in here and there, so
# that the fuzzing reaches every check rather than stopping at the first key.
GOOD_IDS = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,63}", fullmatch=True)
THEMES = st.sampled_from([theme.value for theme in Theme])
STRINGS = st.text(max_size=30) | VOCABULARY
WORDING = st.fixed_dictionaries(
    {"text": STRINGS | STRINGS | VALUES, "try": STRINGS | STRINGS | VALUES},
    optional={"x": VALUES},
)
PROMPT_TABLE = st.fixed_dictionaries(
    {"id": GOOD_IDS | GOOD_IDS | VOCABULARY | VALUES, "en": WORDING | WORDING | VALUES},
    optional={
        "theme": THEMES | THEMES | VALUES,
        "parts": st.lists(VOCABULARY, max_size=5) | VALUES,
        "tags": st.lists(VOCABULARY, max_size=3) | VALUES,
        "tr": WORDING | VALUES,
    },
)
DOCUMENT = st.fixed_dictionaries(
    {"prompt": st.lists(PROMPT_TABLE | PROMPT_TABLE | VALUES, max_size=4) | VALUES},
    optional={
        "theme": THEMES | THEMES | VALUES,
        "name": st.dictionaries(KEYS, STRINGS | VALUES, max_size=3) | VALUES,
        "pack": STRINGS | VALUES,
    },
) | st.dictionaries(KEYS, VALUES, max_size=4)


def _document_text(document: dict[str, object]) -> str:
    return "\n".join(
        f"{toml_string(key)} = {_toml_value(value)}" for key, value in document.items()
    )


def _parse_or_error(data: str | bytes) -> None:
    try:
        prompts = parse_prompts(data, "fuzz.toml")
    except PromptFileError as error:
        assert len(str(error).splitlines()) == 1
        assert str(error).startswith("fuzz.toml")
    else:
        assert all(isinstance(prompt, Prompt) for prompt in prompts)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_fuzz_structured_documents_raise_only_prompt_file_error(
    document: dict[str, object],
) -> None:
    _parse_or_error(_document_text(document))


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_fuzz_bytes_raise_only_prompt_file_error(data: bytes) -> None:
    _parse_or_error(data)


@settings(max_examples=300)
@given(st.text(max_size=400))
def test_fuzz_text_raises_only_prompt_file_error(data: str) -> None:
    _parse_or_error(data)


@settings(max_examples=200)
@given(st.data())
def test_fuzz_mutated_builtin_files_raise_only_prompt_file_error(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(sorted(PROMPTS_DIR.glob("*.toml"))))
    raw = bytearray(path.read_bytes()[:1500])
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = data.draw(st.sampled_from(b'"\\[]{}=,.\n#x\x00\xff '))
        if action == "insert":
            raw.insert(position, byte)
        elif position < len(raw):
            if action == "delete":
                del raw[position]
            else:
                raw[position] = byte
    _parse_or_error(bytes(raw))


# --------------------------------------------------------------------------- packs

TRICKY = st.sampled_from(
    ['"', "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "\x85", "\u2028", "'", "😀", "ş", "#"]
)
CHARS = st.characters(exclude_categories=["Cs"]) | TRICKY


def _clean_text(limit: int) -> st.SearchStrategy[str]:
    return st.text(CHARS, min_size=1, max_size=limit).map(str.strip).filter(bool)


def _shown_text(limit: int) -> st.SearchStrategy[str]:
    """A card's words: no controls or reordering marks (a pack refuses them), something
    visible; the escapes are still tried on the pack's name."""
    from mlcoach.coaching.content import _hidden

    return _clean_text(limit).map(lambda t: "".join(c for c in t if not _hidden(c)).strip()) \
        .filter(lambda t: any(c.isprintable() and not c.isspace() for c in t))


WORDINGS = st.builds(
    PromptText, text=_shown_text(MAX_TEXT_CHARS), try_this=_shown_text(MAX_TRY_CHARS)
)
PROMPTS = st.builds(
    Prompt,
    id=st.from_regex(r"[a-z0-9][a-z0-9._-]{0,63}", fullmatch=True),
    theme=st.sampled_from([theme.value for theme in Theme]),
    texts=st.tuples(
        WORDINGS, st.dictionaries(st.sampled_from(["tr", "de", "pt-BR", "zh_TW"]), WORDINGS)
    ).map(lambda pair: {"en": pair[0], **pair[1]}),
    parts=st.lists(st.sampled_from(list(DayPart)), min_size=1, unique=True).map(tuple),
    tags=st.lists(st.sampled_from(sorted(KNOWN_TAGS)), unique=True).map(tuple),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(PROMPTS, max_size=4, unique_by=lambda prompt: prompt.id), st.text(CHARS, max_size=50)
)
def test_pack_round_trip(prompts: list[Prompt], name: str) -> None:
    if len(name.strip()) > 100:
        return
    text = dump_pack(prompts, name)
    assert parse_prompts(text, "pack.toml") == prompts
    assert parse_prompts(text.encode("utf-8"), "pack.toml") == prompts
    parsed = tomllib.loads(text)
    assert parsed.get("pack", "") == name.strip()
    assert "theme" not in parsed
    assert all("theme" in entry for entry in parsed.get("prompt", []))


def test_builtin_library_round_trips_through_a_pack(library: list[Prompt]) -> None:
    text = dump_pack(library, "Everything")
    assert parse_prompts(text, "all.toml") == library
    custom = parse_prompts(text, "all.toml", custom=True)
    assert all(prompt.custom for prompt in custom)


@given(st.text(CHARS))
def test_toml_string_round_trips_on_one_line(value: str) -> None:
    encoded = toml_string(value)
    assert len(encoded.splitlines()) == 1
    assert tomllib.loads(f"v = {encoded}")["v"] == value


def test_toml_string_escapes() -> None:
    assert toml_string('a"b\\c') == '"a\\"b\\\\c"'
    assert toml_string("\n\x7f\x00") == '"\\u000A\\u007F\\u0000"'
    assert toml_string("😀ş") == '"😀ş"'
    with pytest.raises(ValueError, match="surrogate"):
        toml_string("\ud800")


def test_dump_pack_refuses_what_it_cannot_read_back() -> None:
    good = PromptText("Do it.", "Try it.")
    with pytest.raises(
        PromptFileError, match=re.escape('pack: prompt "a": field "en.text": lone surrogate')
    ):
        dump_pack([Prompt(id="a", theme="energy", texts={"en": PromptText("\udc00", "x")})])
    with pytest.raises(
        PromptFileError, match=re.escape('prompt "a": field "theme": unknown theme')
    ):
        dump_pack([Prompt(id="a", theme="nope", texts={"en": good})])
    with pytest.raises(PromptFileError, match=re.escape('prompt "a": field "en": missing')):
        dump_pack([Prompt(id="a", theme="energy", texts={"tr": good})])
    with pytest.raises(PromptFileError, match=re.escape('field "id": duplicate id')):
        dump_pack([Prompt(id="a", theme="energy", texts={"en": good})] * 2)
    with pytest.raises(
        PromptFileError, match=re.escape('prompt "a": field "Deutsch": not a language')
    ):
        dump_pack([Prompt(id="a", theme="energy", texts={"en": good, "Deutsch": good})])
