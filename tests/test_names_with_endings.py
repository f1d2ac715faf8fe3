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

import pytest

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


def test_cli_search_for_someone_not_saved_says_so_beside_no_matches(cli_env) -> None:  # type: ignore[no-untyped-def]
    """"Anaa" (a typo) read as "nothing with Ana": stdout stays what a script reads, and
    one line on stderr says no one is called that."""
    assert run_cli(cli_env, "capture", "@Ana sürüm notları için teşekkür ettim").returncode == 0
    for argv in (("search", "sürüm", "--person", "Anaa"),
                 ("search", "sürüm", "--person", "Anaa", "--json")):
        res = run_cli(cli_env, *argv)
        assert res.returncode == 0
        assert res.stdout.strip() in ("no matches", "[]")
        assert res.stderr.strip() == "mlcoach: no one called 'Anaa' is in your people list"
    res = run_cli(cli_env, "search", "yokböylebirkelime", "--person", "Ana'ya")
    assert res.returncode == 0 and res.stdout.strip() == "no matches" and not res.stderr


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
    assert run_cli(cli_env, "people", "add", "Anna").returncode == 0
    res = run_cli(cli_env, "people", "merge", "Anna", "Ana'nın")
    assert res.returncode == 0, res.stderr
    assert _names(cli_env) == {"Ana"}
    res = run_cli(cli_env, "suggest", "--change", "haftalık toplantıyı kısaltmak",
                  "--person", "Ana'ya", "--style", "facts", "--save")
    assert res.returncode == 0, res.stderr
    assert "Ana'ya" not in res.stdout and "Ana" in res.stdout
    assert _names(cli_env) == {"Ana"}


def test_a_person_saved_with_the_ending_is_reached_by_that_name_first(store) -> None:  # type: ignore[no-untyped-def]
    store.add_person("Ana")
    store.add_person("Ana'ya")  # made by an older version's capture, not merged yet
    store.add_moment("Thanked her", kind=Kind.RECOGNITION, person="Ana'ya")
    assert store.find_person("Ana'ya", typed=True).name == "Ana'ya"
    assert [mo.text for mo in store.moments(person="Ana'ya")] == ["Thanked her"]
    assert store.moments(person="Ana") == []
    assert store.find_person("Ana'nın", typed=True).name == "Ana"


def test_a_window_saving_someone_gone_meanwhile_does_not_write_to_another(store) -> None:  # type: ignore[no-untyped-def]
    """The People panel holds "Ana'ya" while the command line merges or deletes her: the
    editor's save must not land on Ana (her notes replaced by the other's)."""
    from mlcoach.domain.errors import MlcoachError

    store.add_person("Ana", notes="Prefers written notes.")
    store.add_person("Ana'ya", notes="Asked about the release.")
    store.delete_person("Ana'ya")
    for save in (lambda: store.edit_person("Ana'ya", notes="Asked about the release. More."),
                 lambda: store.archive_person("Ana'ya"),
                 lambda: store.delete_person("Ana'ya")):
        with pytest.raises(MlcoachError, match="no person called"):
            save()
    [ana] = store.people()
    assert ana.name == "Ana" and ana.notes == "Prefers written notes." and not ana.archived


def test_adding_a_name_with_an_ending_beside_the_name_is_the_users_choice(store) -> None:  # type: ignore[no-untyped-def]
    store.add_person("Ana")
    store.add_person("Ana'ya")
    assert {p.name for p in store.people()} == {"Ana", "Ana'ya"}


def test_a_name_that_only_looks_like_it_has_an_ending_finds_no_one_else(store) -> None:  # type: ignore[no-untyped-def]
    store.add_person("O")
    store.add_person("Brien")
    assert store.find_person("O'neil", typed=True) is None  # one letter: a name of its own
    assert store.find_person("Brien's", typed=True) is not None
    assert store.find_person("Anna'ya", typed=True) is None
    store.add_person("Sa")  # "@Sa'id" was once read as Sa with an ending
    assert store.find_person("Sa'id", typed=True) is None
    assert store.find_person("Sa'ya", typed=True) is not None


def test_a_name_typed_with_an_at_is_the_person_an_at_mention_names(cli_env) -> None:  # type: ignore[no-untyped-def]
    """`people add @Ana` made a person "@Ana", and `capture --person @Ana` another, beside
    the Ana that "@Ana" in a capture's text names: the app teaches "@Name" itself."""
    assert run_cli(cli_env, "people", "add", "@Ana", "--style", "facts").returncode == 0
    assert run_cli(cli_env, "capture", "@Ana thanks for the notes").returncode == 0
    assert run_cli(cli_env, "capture", "--person", "@Ana", "clear review").returncode == 0
    again = run_cli(cli_env, "people", "add", "@ana")
    assert again.returncode == 1 and "'ana' is already in your people list" in again.stderr
    assert run_cli(cli_env, "people", "edit", "@Ana", "--style", "reassurance").returncode == 0
    res = run_cli(cli_env, "people", "list", "--json")
    people = [(p["name"], p["style"]) for p in json.loads(res.stdout)]
    assert people == [("Ana", "reassurance")], people
    hits = json.loads(run_cli(cli_env, "search", "review", "--person", "@Ana", "--json").stdout)
    assert len(hits) == 1


def test_search_says_no_one_is_called_that_only_of_names_no_one_saved_has(  # type: ignore[no-untyped-def]
        opened, capsys) -> None:
    """Among many people, the stderr line after an empty `search --person` comes for a
    typo and for someone deleted, not for a name with an ending ("Ana'ya") nor for
    someone archived: their moments are searched, there are just none with the word."""
    from mlcoach.cli.main import main

    store = opened.store
    for n in range(300):
        store.add_person(f"Kişi {n:03}")
    for name in ("Ana", "Eski", "Giden"):
        store.add_person(name)
    store.archive_person("Eski")
    store.delete_person("Giden")
    store.close()
    root = str(opened.layout.root)
    for typed, said in (("Ana'ya", False), ("ana", False), ("Kişi 150", False),
                        ("Eski", False), ("Eski'ye", False), ("Anaa", True),
                        ("Giden", True), ("Giden'e", True), ("Kişi 300", True)):
        assert main(["--data-dir", root, "search", "yokböyle", "--person", typed]) == 0
        out, err = capsys.readouterr()
        assert out.strip() == "no matches", typed
        expected = f"mlcoach: no one called {typed!r} is in your people list\n"
        assert err == (expected if said else ""), typed


@pytest.mark.parametrize(("typed", "new", "says"), [
    ("Dana'ya", "Dana Kaya", "Dana Kaya'ya"),  # the same last sound: the ending fits
    ("Dana'ya", "Deniz", "Deniz"),  # "Deniz'ya" is not Turkish: the name alone
    ("Dana's", "Deniz", "Deniz's"),  # English "'s" fits any name
    ("Dana", "Dana Reyes", "Dana Reyes"),
    ("Ahmet'te", "Mehmet", "Mehmet'te"),
    ("Ahmet'te", "Ahmed", "Ahmed"),  # voiced: "Ahmed'de", not "'te"
])
def test_a_name_typed_with_an_ending_follows_a_rename_where_the_ending_fits(
        typed: str, new: str, says: str) -> None:
    from mlcoach.domain.capture import renamed_with_ending

    old = typed.split("'")[0]
    assert renamed_with_ending(typed, old, new) == says


def test_someone_new_typed_with_an_ending_is_saved_without_it(cli_env) -> None:  # type: ignore[no-untyped-def]
    """A capture's "@Burak'a" added Burak, but `--person "Burak'a"` added "Burak'a" and
    `suggest --person "Selin'e"` said "With Selin'e"; the composer's window already read
    the name without its ending. A name's own letters after an apostrophe stay."""
    assert run_cli(cli_env, "capture", "incelemesi için teşekkür ettim",
                   "--person", "Burak'a").returncode == 0
    res = run_cli(cli_env, "suggest", "--style", "facts", "--change",
                  "share the agenda a day before", "--person", "Selin'e", "--save")
    assert res.returncode == 0, res.stderr
    assert "With Selin\n" in res.stdout and "Selin'e" not in res.stdout
    assert run_cli(cli_env, "capture", "paired on the fix", "--person", "Ya'el").returncode == 0
    assert _names(cli_env) == {"Burak", "Selin", "Ya'el"}


def test_the_store_saves_someone_new_without_the_ending_typed(store) -> None:  # type: ignore[no-untyped-def]
    moment = store.add_moment("Deniz'e teşekkür ettim", person="Deniz'e")
    assert moment.person == "Deniz"
    again = store.add_moment("Deniz'in sunumu", person="Deniz'in")
    assert again.person == "Deniz" and [p.name for p in store.people()] == ["Deniz"]


@pytest.mark.parametrize(("said", "person", "named"), [
    ("Dana", "Dana Kaya", True), ("DANA", "Dana", True), ("dana kaya", "Dana Kaya", True),
    ("IŞIK", "Işık", True), ("ışık", "IŞIK Demir", True), ("O’Neil", "O'Neil", True),
    ("Dana", "Dana'ya", True), ("Kaya", "Dana Kaya", False), ("Dan", "Dana", False),
    ("Dana", None, False), ("Dana", "  ", False),
])
def test_a_name_is_told_as_names_are_matched(said: str, person: str | None,
                                             named: bool) -> None:
    """Whom a change names is told one way for the question's every reading: the state
    ("Işık should be in the retro") compared names lower-cased, so "IŞIK" (whose I lowers
    to i) was someone else, and "O’Neil" with a typographic apostrophe was too."""
    from mlcoach.domain.capture import names_person

    assert names_person(said, person) is named
