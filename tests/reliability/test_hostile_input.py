"""Hostile input: stored exactly, or refused with one clear line; a refused import or prompt
pack changes nothing. Through the command line (in-process and as a real process), the
quick capture path and the store API, plus hypothesis fuzzing of the import parser."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlcoach.cli.main import main
from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.model import Kind
from mlcoach.security.keys import OSKeyring
from mlcoach.store import quick
from mlcoach.store.vault import Layout
from mlcoach.transfer import exporting

MB_TEXT = ("One megabyte of a very long reflection. " * 25_000)[:999_999] + "!"
TRICKY = {
    "rtl override": "Thanked \u202eanA\u202c for the review \u2066isolated\u2069",
    "emoji": "Celebrated the release 🎉 with 👩🏽‍💻 and 🇹🇷, flags and ZWJ",
    "sql": "Robert'); DROP TABLE moments;-- \" ' ; -- /* */ %_ \\",
    "fts syntax": 'NEAR(a b) AND "quoted" OR NOT * ^ col:term (',
    "combining": "Cafe\u0301 re\u0301sume\u0301 \u0915\u094d\u0937 Zalgo z\u0335\u0321a\u0336",
    "zero width": "zero\u200bwidth\u200cjoiners\u200dand\ufeffbom",
    "controls": "tab\tand\rcarriage and \x1b[31mescape\x1b[0m and \x7f",
    "newlines": "first line\nsecond line\n\nthird",
    "non-bmp": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈 𠜎 mathematical and old scripts",
    "turkish": "İstanbul'da ıslak ışık: I ı İ i",
}
NAMES = ["Ana", "ana", "ANA", " Ana ", "Ana  Maria", "ana maria", "Straße", "STRASSE",
         "İlke", "i̇lke", "Ａｎａ"]


def _cli(layout: Layout, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(layout.root), *argv], keys=OSKeyring(env={}),
                stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code in (1, 2), err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err and "unexpected error" not in err, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def _export(layout: Layout) -> dict[str, Any]:
    code, out, err = _cli(layout, "export")
    assert code == 0, err
    doc = json.loads(out)
    doc.pop("exported_at")
    return dict(doc)


# -- text ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_text_is_stored_exactly_on_every_path(opened, layout, name):
    text = TRICKY[name]
    via_store = opened.store.add_moment(text, Kind.EXAMPLE)
    via_quick = quick.add_moment(layout.db, opened.secret, text, Kind.EXAMPLE, person=None,
                                 style=None, tags=[], now=datetime.now(timezone.utc))
    code, out, err = _cli(layout, "capture", "--", text)
    assert code == 0, err
    for moment_id in (via_store.id, via_quick):
        stored = opened.store.get_moment(moment_id)
        assert stored is not None and stored.text == text.strip()
    # The command line takes one line: runs of whitespace (tabs, newlines) become one
    # space there; every other character arrives exactly.
    typed = opened.store.get_moment(out.strip())
    assert typed is not None and typed.text == " ".join(text.split())
    # Exports carry it unchanged and the search finds it without a syntax error.
    texts = [m["text"] for m in _export(layout)["moments"]]
    assert texts.count(text.strip()) == 2 + (text.strip() == " ".join(text.split()))
    code, _, err = _cli(layout, "search", text)
    assert code == 0, err


def test_one_megabyte_moment_round_trips_and_one_more_character_is_refused(opened, layout,
                                                                          tmp_path):
    moment = opened.store.add_moment(MB_TEXT)
    assert opened.store.get_moment(moment.id).text == MB_TEXT  # type: ignore[union-attr]
    code, out, err = _cli(layout, "capture", MB_TEXT)
    assert code == 0, err
    assert opened.store.get_moment(out.strip()).text == MB_TEXT  # type: ignore[union-attr]
    code, _, err = _cli(layout, "capture", MB_TEXT + "x")
    _one_line_error(code, err, "longer than 1000000 characters")
    # Export then import into a fresh folder: byte-exact.
    dump = tmp_path / "big.json"
    assert _cli(layout, "export", "-o", str(dump))[0] == 0
    other = Layout(tmp_path / "other")
    code, _, err = _cli(other, "import", str(dump))
    assert code == 0, err
    assert sorted(m["text"] for m in _export(other)["moments"]) == [MB_TEXT, MB_TEXT]


@pytest.mark.parametrize("bad,fragment", [
    ("a NUL \x00 inside", "NUL character"),
    ("lone surrogate \ud800 here", "not valid text"),
    ("\udcff from undecodable argv bytes", "not valid text"),
    ("   ", "empty"),
])
def test_text_that_cannot_be_stored_is_refused_everywhere(opened, layout, bad, fragment):
    before = _export(layout)
    code, _, err = _cli(layout, "capture", "--", bad)
    _one_line_error(code, err, fragment)
    with pytest.raises(UsageError, match=fragment):
        opened.store.add_moment(bad)
    with pytest.raises(UsageError, match=fragment):
        quick.add_moment(layout.db, opened.secret, bad, Kind.OTHER, person=None, style=None,
                         tags=[], now=datetime.now(timezone.utc))
    for argv in (["people", "add", bad], ["capture", "fine", "--tag", bad],
                 ["capture", "fine", "--person", bad]):
        code, _, err = _cli(layout, *argv)
        _one_line_error(code, err)
    assert _export(layout) == before


def test_invalid_utf8_on_the_real_command_line(cli_env):
    """Bytes that are not UTF-8 reach Python as lone surrogates: one line, exit 2."""
    res = subprocess.run([sys.executable, "-m", "mlcoach", "capture", b"caf\xe9 \xff"],
                         env=cli_env, capture_output=True, timeout=60)
    assert res.returncode == 2, res.stderr
    assert res.stderr.decode("utf-8", "replace").count("\n") == 1
    assert b"Traceback" not in res.stderr


def test_ten_thousand_tags(opened, layout):
    tags = [f"t{i}" for i in range(10_000)]
    argv = ["capture", "one moment with many tags"]
    for t in tags:
        argv += ["--tag", t]
    code, out, err = _cli(layout, *argv)
    assert code == 0, err
    stored = opened.store.get_moment(out.strip())
    assert stored is not None and list(stored.tags) == tags  # order kept
    doc = _export(layout)
    assert doc["moments"][0]["tags"] == tags
    # Duplicates by case collapse to one; a tag with a space is refused.
    code, out, _ = _cli(layout, "capture", "dupes", "--tag", "Demo", "--tag", "DEMO",
                        "--tag", "demo")
    assert list(opened.store.get_moment(out.strip()).tags) == ["demo"]  # type: ignore[union-attr]
    code, _, err = _cli(layout, "capture", "x", "--tag", "two words")
    _one_line_error(code, err, "spaces")


def test_names_that_collide_by_case_are_one_person(opened, layout):
    assert _cli(layout, "people", "add", "Ana", "--style", "facts")[0] == 0
    for name in ("ana", "ANA", " Ana ", "aNa"):
        code, _, err = _cli(layout, "people", "add", name)
        _one_line_error(code, err, "already in your people list")
        code, _, err = _cli(layout, "capture", f"talked to @{name.strip()}")
        assert code == 0, err
    people = opened.store.people()
    assert [p.name for p in people] == ["Ana"]
    assert {m.person for m in opened.store.moments()} == {"Ana"}
    # Names that differ in more than case stay apart, each stored as typed.
    for name in ("Straße", "İlke", "Ａｎａ", "Ana Maria"):
        assert _cli(layout, "people", "add", name)[0] == 0
    assert _cli(layout, "people", "add", "ana   maria")[0] == 1  # spaces collapse too
    assert sorted(p.name for p in opened.store.people()) == sorted(
        ["Ana", "Straße", "İlke", "Ａｎａ", "Ana Maria"])


def test_import_with_people_colliding_by_case_keeps_one(opened, layout, tmp_path):
    doc = _minimal_doc()
    doc["people"] = [_person("p1", "Ana"), _person("p2", "ANA"), _person("p3", "ana")]
    doc["moments"] = [_moment("m1", person="ana")]
    path = tmp_path / "people.json"
    path.write_text(json.dumps(doc))
    code, _, err = _cli(layout, "import", str(path))
    assert code == 0, err
    assert [p.name for p in opened.store.people()] == ["Ana"]
    assert opened.store.moments()[0].person == "Ana"


# -- dates ---------------------------------------------------------------------------------

ZONES = ["UTC", "Asia/Tokyo", "Pacific/Kiritimati", "America/New_York", "Etc/GMT+12"]
STAMPS = ["0001-01-01T00:00:00+00:00", "0001-01-01T00:30:00+01:00", "1899-12-31T23:59:59+00:00",
          "1900-01-01T00:00:00+14:00", "1969-12-31T23:59:59+00:00", "2038-01-19T03:14:08+00:00",
          "2999-12-31T23:59:59-12:00", "9999-12-31T23:59:59+00:00", "9999-12-31T23:00:00-05:00"]


@pytest.fixture(params=ZONES)
def zone(request, monkeypatch):  # type: ignore[no-untyped-def]
    """Run in a local time zone far east or far west of UTC."""
    import time

    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("stamp", STAMPS)
def test_far_past_and_far_future_dates_import_or_are_refused_cleanly(opened, layout, tmp_path,
                                                                    zone, stamp):
    doc = _minimal_doc()
    doc["moments"] = [_moment("m-far", created_at=stamp)]
    doc["reflections"] = [{"id": "r-far", "day": stamp[:10], "created_at": stamp,
                           "energy": 3, "went_well": "x", "differently": "", "intention": ""}]
    path = tmp_path / "far.json"
    path.write_text(json.dumps(doc))
    before = _export(layout)
    code, _, err = _cli(layout, "import", str(path))
    if not 1900 <= int(stamp[:4]) <= 2999:
        _one_line_error(code, err, "outside the years 1900 to 2999")
        assert _export(layout) == before  # refused: nothing changed
        return
    assert code == 0, err
    # Imported: every reading command still works with it in the store, in any zone.
    for argv in (["export"], ["export", "--format", "csv"], ["export", "--format", "md"],
                 ["stats"], ["stats", "--json"], ["search", "moment"],
                 ["search", "moment", "--since", "0001-01-01"], ["people", "list"],
                 ["prompt"]):
        code, _, err = _cli(layout, *argv)
        assert code == 0, (argv, err)
    exported = _export(layout)["moments"][0]["created_at"]
    assert datetime.fromisoformat(exported) == datetime.fromisoformat(stamp)


@pytest.mark.parametrize("since", ["0001-01-01", "0002-01-01", "1900-01-01", "9999-12-31"])
def test_far_dates_on_the_command_line(opened, layout, zone, since):
    code, _, err = _cli(layout, "search", "x", "--since", since)
    assert code == 0, err


def test_a_date_that_is_not_one(cli_env):
    from tests.conftest import run_cli

    for bad in ("10000-01-01", "2026-02-30", "yesterday"):
        res = run_cli(cli_env, "search", "x", "--since", bad)
        assert res.returncode == 2 and "not a date" in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1


# -- import files --------------------------------------------------------------------------

def _minimal_doc() -> dict[str, Any]:
    return {"format": "mlcoach-export", "version": 1,
            "exported_at": "2026-11-23T10:00:00+01:00", "moments": [], "people": [],
            "suggestions": [], "reflections": [], "prompt_events": [], "custom_prompts": []}


def _moment(mid: str, *, person: str | None = None,
            created_at: str = "2026-11-20T10:00:00+01:00") -> dict[str, Any]:
    return {"id": mid, "created_at": created_at, "updated_at": created_at,
            "text": f"moment {mid}", "kind": "example", "person": person, "style": None,
            "tags": [], "outcome": None, "outcome_at": None, "prompt_event_id": None,
            "suggestion_id": None, "planned": False, "follow_up_on": None}


def _person(pid: str, name: str) -> dict[str, Any]:
    return {"id": pid, "name": name, "style": "facts", "notes": "", "archived": False,
            "created_at": "2026-11-01T10:00:00+00:00", "updated_at": None}


BAD_FILES: dict[str, bytes] = {
    "empty": b"",
    "truncated": json.dumps({**_minimal_doc(), "moments": [_moment("a")]}).encode()[:-40],
    "not json": b"this is not json at all",
    "binary": bytes(range(256)) * 4,
    "utf-16": json.dumps(_minimal_doc()).encode("utf-16"),
    "nested deeply": b"[" * 200_000 + b"]" * 200_000,
    "nested object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "wrong format": json.dumps({**_minimal_doc(), "format": "jrnl"}).encode(),
    "future version": json.dumps({**_minimal_doc(), "version": 2}).encode(),
    "version as text": json.dumps({**_minimal_doc(), "version": "1"}).encode(),
    "moments not a list": json.dumps({**_minimal_doc(), "moments": {"a": 1}}).encode(),
    "moment not an object": json.dumps({**_minimal_doc(), "moments": [1]}).encode(),
    "bad kind": json.dumps({**_minimal_doc(),
                            "moments": [{**_moment("a"), "kind": "DROP TABLE"}]}).encode(),
    "naive time": json.dumps({**_minimal_doc(), "moments": [
        {**_moment("a"), "created_at": "2026-11-20T10:00:00"}]}).encode(),
    "nul in text": json.dumps({**_minimal_doc(), "moments": [
        {**_moment("a"), "text": "a\u0000b"}]}).encode(),
    "lone surrogate": b'{"format": "mlcoach-export", "version": 1, "moments": '
                      b'[{"id": "a", "created_at": "2026-11-20T10:00:00+01:00", '
                      b'"text": "x\\ud800y", "kind": "example"}]}',
    "huge number": b'{"format": "mlcoach-export", "version": 1' + b"0" * 10_000 + b"}",
    "text too long": json.dumps({**_minimal_doc(), "moments": [
        {**_moment("a"), "text": "x" * 1_000_001}]}).encode(),
    "tags not a list": json.dumps({**_minimal_doc(), "moments": [
        {**_moment("a"), "tags": "abc"}]}).encode(),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_import_files_are_refused_in_one_line_and_change_nothing(opened, layout,
                                                                     tmp_path, name):
    opened.store.add_moment("already here")
    before = _export(layout)
    path = tmp_path / "bad.json"
    path.write_bytes(BAD_FILES[name])
    code, _out, err = _cli(layout, "import", str(path))
    _one_line_error(code, err)
    assert _export(layout) == before


def test_an_id_twice_in_one_file_is_one_entry_or_refused(opened, layout, tmp_path):
    """The very same entry twice is one moment; the same id with other words is refused
    whole (keeping the first copy silently dropped the second's words)."""
    doc = {**_minimal_doc(), "moments": [_moment("same"), _moment("same")]}
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(doc))
    code, _, err = _cli(layout, "import", str(path))
    assert code == 0, err
    assert [m.text for m in opened.store.moments()] == ["moment same"]
    doc["moments"] = [_moment("other"), {**_moment("other"), "text": "2nd"}]
    path.write_text(json.dumps(doc))
    code, _, err = _cli(layout, "import", str(path))
    _one_line_error(code, err, "moments[1] has the id of an earlier entry")
    assert [m.text for m in opened.store.moments()] == ["moment same"]


def test_imported_tags_are_folded_like_typed_ones_and_otherwise_kept(opened, layout,
                                                                     tmp_path):
    doc = {**_minimal_doc(), "moments": [{**_moment("t"), "tags": ["two words", "🎉", "ß"]}]}
    path = tmp_path / "tags.json"
    path.write_text(json.dumps(doc))
    assert _cli(layout, "import", str(path))[0] == 0
    assert _export(layout)["moments"][0]["tags"] == ["two words", "🎉", "ss"]


def test_future_version_names_the_version_and_the_way_forward(opened, layout, tmp_path):
    path = tmp_path / "future.json"
    path.write_bytes(BAD_FILES["future version"])
    code, _, err = _cli(layout, "import", str(path))
    _one_line_error(code, err, "version 2", "update mlcoach")


def test_a_huge_file_is_refused_before_it_is_read(opened, layout, tmp_path, monkeypatch):
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:  # sparse: 300 MB that take no disk space
        fh.truncate(300 * 1024 * 1024)
    read: list[Path] = []
    real = exporting.read_limited
    monkeypatch.setattr(exporting, "read_limited", lambda p, *a: (read.append(p), real(p, *a))[1])
    code, _, err = _cli(layout, "import", str(path))
    _one_line_error(code, err, "too large")
    assert path not in read


def test_an_import_failing_half_way_changes_nothing(opened, layout, tmp_path):
    """Valid file, but the second moment collides with a row the store has: all or nothing."""
    opened.store.add_moment("already here")
    before = _export(layout)
    doc = _minimal_doc()
    doc["moments"] = [_moment("fresh-1"), {**_moment("fresh-2"), "suggestion_id": "nowhere"}]
    path = tmp_path / "half.json"
    path.write_text(json.dumps(doc))
    code, _, err = _cli(layout, "import", str(path))
    if code != 0:
        _one_line_error(code, err)
        assert _export(layout) == before
    else:
        after = _export(layout)
        assert len(after["moments"]) == 3


# -- prompt packs ----------------------------------------------------------------------------

BAD_PACKS = {
    "not toml": "this = = broken",
    "unknown field": '[[prompt]]\nid = "x"\ntheme = "presence"\nbogus = 1\n',
    "missing text": '[[prompt]]\nid = "x"\ntheme = "presence"\n',
    "wrong type": '[[prompt]]\nid = 5\ntheme = "presence"\n[prompt.en]\ntext = "a"\ntry = "b"\n',
    "unknown theme": '[[prompt]]\nid = "x"\ntheme = "nope"\n[prompt.en]\ntext = "a"\ntry = "b"\n',
    "huge text": '[[prompt]]\nid = "x"\ntheme = "presence"\n[prompt.en]\ntext = "'
                 + "a" * 100_000 + '"\ntry = "b"\n',
    "deep": "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "binary": "\x00\x01\x02 not text",
    # valid on its own, but the id is the built-in library's: validate said "all valid"
    # of a file import then refused
    "built-in id": '[[prompt]]\nid = "attention-01"\ntheme = "presence"\n[prompt.en]\n'
                   'text = "Ask one open question in your next meeting."\n'
                   'try = "What would make this easier for you?"\n',
}


@pytest.mark.parametrize("name", sorted(BAD_PACKS))
def test_bad_prompt_packs_are_refused_and_change_nothing(opened, layout, tmp_path, name):
    path = tmp_path / "pack.toml"
    path.write_text(BAD_PACKS[name], encoding="utf-8")
    before = _export(layout)
    code, _, err = _cli(layout, "prompts", "validate", str(path))
    _one_line_error(code, err)
    code, _, err = _cli(layout, "prompts", "import", str(path))
    _one_line_error(code, err)
    assert _export(layout) == before


def test_a_pack_with_control_characters_is_refused_whole(opened, layout, tmp_path):
    """A prompt card cannot show a NUL, an ESC sequence or a right-to-left override, and an
    export holding one could not be imported again: the pack is refused, nothing taken.
    (Packs once kept any character TOML can carry.)"""
    for text in ("a\\u0000b", "a \\u001b[31m red", "\u202eRTL"):
        path = tmp_path / "pack.toml"
        path.write_text('[[prompt]]\nid = "odd"\ntheme = "presence"\n[prompt.en]\n'
                        f'text = "{text}"\ntry = "b"\n', encoding="utf-8")
        code, _, err = _cli(layout, "prompts", "import", str(path))
        assert code != 0 and "contains the control character U+" in err
        assert len(err.strip().splitlines()) == 1
        assert opened.store.custom_prompts() == []


# -- fuzzing ---------------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)
FIELDS = {"id": st.text(max_size=70), "created_at": st.text(max_size=40) | JSON,
          "updated_at": st.none() | st.text(max_size=40), "text": st.text(max_size=50) | JSON,
          "kind": st.sampled_from([k.value for k in Kind]) | st.text(max_size=10),
          "person": st.none() | st.text(max_size=30), "tags": st.lists(st.text(max_size=10))
          | JSON, "planned": st.booleans() | JSON, "follow_up_on": st.none() | st.text(
              max_size=12), "outcome": st.none() | st.text(max_size=10)}
MOMENTS = st.lists(st.fixed_dictionaries({}, optional=FIELDS), max_size=3)


def _parses_or_refuses(raw: bytes) -> dict[str, Any] | None:
    try:
        return exporting.parse_export(raw)
    except exporting.ImportError_ as exc:
        assert "\n" not in str(exc) and str(exc)
        return None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_import_bytes_only_ever_refused_cleanly(raw):
    _parses_or_refuses(raw)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_fuzz_import_json_values_only_ever_refused_cleanly(value):
    _parses_or_refuses(json.dumps(value).encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MOMENTS, st.sampled_from(["people", "moments", "reflections", "suggestions",
                                 "prompt_events", "custom_prompts"]))
def test_fuzz_import_entries_only_ever_refused_cleanly(items, section):
    _parses_or_refuses(json.dumps({**_minimal_doc(), section: items}).encode())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(MOMENTS)
def test_fuzz_import_into_a_store_is_all_or_nothing(store, items):
    """What the parser accepts imports; whatever fails leaves the store as it was."""
    doc = _parses_or_refuses(json.dumps({**_minimal_doc(), "moments": items}).encode())
    if doc is None:
        return
    before = exporting.export_document(store)
    try:
        exporting.import_document(store, copy.deepcopy(doc))
    except MlcoachError:
        after = exporting.export_document(store)
        before.pop("exported_at")
        after.pop("exported_at")
        assert after == before
