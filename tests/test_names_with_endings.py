"""A saved person named with a Turkish case ending ("Ana'ya", "Ali’nin") on the command line.

A capture's "@Ana'ya" already reaches Ana (tests/test_capture_parse.py). Typed after
`--person` or as a command's NAME, the same words found no one: `search --person "Ana'ya"`
said "no matches" about moments that were there, `capture --person "Ana'nın"` made a
second person, `people edit "Ana'ya"` said there was no such person. The name as typed
still comes first: someone saved as "Ana'ya" is reached by that name. The CLI tests run
the real command in a child process on an encrypted store; the store tests use the
in-memory keyring.
"""

from __future__ import annotations

import json

from mlcoach.domain.enums import Kind
from tests.conftest import run_cli


def _names(cli_env) -> set[str]:  # type: ignore[no-untyped-def]
    res = run_cli(cli_env, "people", "list", "--json")
    assert res.returncode == 0, res.stderr
    return {p["name"] for p in json.loads(res.stdout)}


def test_cli_search_for_a_person_named_with_an_ending_finds_their_moments(cli_env) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(cli_env, "capture", "@Ana'ya sürüm notları için teşekkür ettim").returncode == 0
    assert run_cli(cli_env, "capture", "@Işıl'a sürüm planında destek oldum").returncode == 0
    for typed in ("Ana'ya", "Ana’nın", "ana'yla"):
        res = run_cli(cli_env, "search", "sürüm", "--person", typed, "--json")
        assert res.returncode == 0, res.stderr
        hits = json.loads(res.stdout)
        assert len(hits) == 1, typed
        assert "teşekkür" in hits[0]["snippet"], typed


def test_cli_capture_for_a_person_named_with_an_ending_adds_no_one(cli_env) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(cli_env, "people", "add", "Ali").returncode == 0
    res = run_cli(cli_env, "capture", "--person", "Ali'nin", "sunumu çok netti")
    assert res.returncode == 0, res.stderr
    assert _names(cli_env) == {"Ali"}
    hits = json.loads(run_cli(cli_env, "search", "sunumu", "--person", "Ali", "--json").stdout)
    assert len(hits) == 1


def test_cli_people_commands_reach_the_person_named_with_an_ending(cli_env) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(cli_env, "people", "add", "Ana").returncode == 0
    res = run_cli(cli_env, "people", "edit", "Ana'ya", "--notes", "Yazılı not sever.")
    assert res.returncode == 0, res.stderr
    [ana] = json.loads(run_cli(cli_env, "people", "list", "--json").stdout)
    assert ana["name"] == "Ana" and ana["notes"] == "Yazılı not sever."


def test_a_person_saved_with_the_ending_is_reached_by_that_name_first(store) -> None:  # type: ignore[no-untyped-def]
    store.add_person("Ana")
    store.add_person("Ana'ya")  # made by an older version's capture, not merged yet
    store.add_moment("Thanked her", kind=Kind.RECOGNITION, person="Ana'ya")
    assert store.find_person("Ana'ya").name == "Ana'ya"
    assert [mo.text for mo in store.moments(person="Ana'ya")] == ["Thanked her"]
    assert store.moments(person="Ana") == []
    assert store.find_person("Ana'nın").name == "Ana"


def test_adding_a_name_with_an_ending_beside_the_name_is_the_users_choice(store) -> None:  # type: ignore[no-untyped-def]
    store.add_person("Ana")
    store.add_person("Ana'ya")
    assert {p.name for p in store.people()} == {"Ana", "Ana'ya"}


def test_a_name_that_only_looks_like_it_has_an_ending_finds_no_one_else(store) -> None:  # type: ignore[no-untyped-def]
    store.add_person("O")
    store.add_person("Brien")
    assert store.find_person("O'neil") is None  # a one-letter head is a name of its own
    assert store.find_person("Brien's") is not None
    assert store.find_person("Anna'ya") is None
