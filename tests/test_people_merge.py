"""Someone known under two names, put together (`Store.merge_person`, `people merge`).

Before @mentions understood Turkish endings, "@Ana'ya" made a person "Ana'ya" beside Ana;
a typo makes "Anna" beside Ana. A rename onto the other name was refused, so the user
had no way to bring the two together. Store tests run on an encrypted store with an
in-memory keyring; the CLI tests run the real command in a child process.
"""

from __future__ import annotations

import json

import pytest

from mlcoach.domain.enums import ChangeKind, Kind, Size, Style
from mlcoach.domain.errors import MlcoachError
from tests.conftest import run_cli


def test_merging_moves_moments_suggestions_notes_and_style(store) -> None:  # type: ignore[no-untyped-def]
    from mlcoach.influence.composer import SuggestionRequest, compose
    from mlcoach.influence.reworded import reworded

    def composed(person: str) -> str:
        return compose(SuggestionRequest(change="keep reviews short", style=Style.FACTS,
                                         action=ChangeKind.START, size=Size.SMALL,
                                         person=person)).as_text()

    store.add_person("Ana", notes="Prefers written notes.")
    store.add_person("Anna", style=Style.FACTS, notes="Reads the numbers first.")
    store.add_moment("Thanked Ana for the notes", kind=Kind.RECOGNITION, person="Ana")
    store.add_moment("Asked Anna about the release", kind=Kind.QUESTION, person="Anna")
    store.add_suggestion(style=Style.FACTS, change="keep reviews short",
                         action=ChangeKind.START, size=Size.SMALL, text=composed("Anna"),
                         person="Anna")

    kept = store.merge_person("Anna", "Ana", reword=reworded)

    assert kept.name == "Ana" and kept.style == Style.FACTS
    assert "Prefers written notes." in kept.notes and "Reads the numbers first." in kept.notes
    assert [p.name for p in store.people(include_archived=True)] == ["Ana"]
    assert {"Thanked Ana for the notes", "Asked Anna about the release"} <= {
        mo.text for mo in store.moments(person="Ana")}
    [suggestion] = store.suggestions(person="Ana")
    assert suggestion.text == composed("Ana")


def test_a_merge_keeps_the_style_already_chosen_and_shows_an_archived_one(store) -> None:  # type: ignore[no-untyped-def]
    store.add_person("Ana", style=Style.REASSURANCE)
    store.add_person("Anna", style=Style.FACTS)
    store.archive_person("Ana")
    kept = store.merge_person("Anna", "Ana")
    assert kept.style == Style.REASSURANCE and not kept.archived


@pytest.mark.parametrize(("name", "into"), [("Ana", "ana"), ("Nobody", "Ana"),
                                            ("Ana", "Nobody")])
def test_a_merge_that_cannot_be_changes_nothing(store, name: str, into: str) -> None:  # type: ignore[no-untyped-def]
    store.add_person("Ana", notes="Prefers written notes.")
    store.add_moment("Thanked Ana", kind=Kind.RECOGNITION, person="Ana")
    with pytest.raises(MlcoachError):
        store.merge_person(name, into)
    [ana] = store.people()
    assert ana.notes == "Prefers written notes." and len(store.moments(person="Ana")) == 1


def test_cli_rename_onto_a_name_taken_says_how_to_merge(cli_env) -> None:  # type: ignore[no-untyped-def]
    for name in ("Ana", "Ana'ya"):
        assert run_cli(cli_env, "people", "add", name).returncode == 0
    res = run_cli(cli_env, "people", "edit", "Ana'ya", "--name", "ana")
    assert res.returncode == 1
    assert res.stderr.strip().endswith("""mlcoach people merge "Ana'ya" Ana""")
    assert len(res.stderr.strip().splitlines()) == 1
    names = {p["name"] for p in json.loads(run_cli(cli_env, "people", "list",
                                                   "--json").stdout)}
    assert names == {"Ana", "Ana'ya"}


def test_cli_merge_puts_the_moments_with_the_name_that_stays(cli_env) -> None:  # type: ignore[no-untyped-def]
    for name in ("Ana", "Ana'ya"):  # "Ana'ya" as an older version's capture made it
        assert run_cli(cli_env, "people", "add", name).returncode == 0
    assert run_cli(cli_env, "capture", "Asked about the release", "--person",
                   "Ana'ya").returncode == 0
    res = run_cli(cli_env, "people", "merge", "Ana'ya", "Ana")
    assert res.returncode == 0, res.stderr
    assert "Ana'ya" in res.stdout and "Ana" in res.stdout
    people = json.loads(run_cli(cli_env, "people", "list", "--json").stdout)
    assert [p["name"] for p in people] == ["Ana"] and people[0]["last_interaction"]
    found = json.loads(run_cli(cli_env, "search", "release", "--person", "Ana",
                               "--json").stdout)
    assert len(found) == 1
    again = run_cli(cli_env, "people", "merge", "Ana'ya", "Ana")
    assert again.returncode == 1 and "Ana'ya" in again.stderr


def test_notes_put_together_past_what_an_import_takes_are_refused(store) -> None:  # type: ignore[no-untyped-def]
    """Merging, or adding back someone archived, joins two people's notes: past a million
    characters the store kept notes its own import refuses, so no export could be brought
    back. Refused, nothing changed."""
    from mlcoach.domain.text import MAX_TEXT

    half = "n" * (MAX_TEXT // 2 + 1)
    store.add_person("Ana", notes=half)
    store.add_person("Anna", notes="m" * len(half))
    with pytest.raises(MlcoachError, match="longer than"):
        store.merge_person("Anna", "Ana")
    assert sorted(p.name for p in store.people()) == ["Ana", "Anna"]
    store.archive_person("Anna")
    with pytest.raises(MlcoachError, match="longer than"):
        store.add_person("Anna", notes=half)
    (anna,) = [p for p in store.people(include_archived=True) if p.name == "Anna"]
    assert anna.archived and anna.notes == "m" * len(half)
