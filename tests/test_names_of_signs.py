"""A person's name needs a letter or a digit: "---", "!!!", "…" or an emoji alone name no
one, on every path that adds or renames someone. Names in any script stay."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from mlcoach.domain.errors import UsageError
from mlcoach.domain.model import ChangeKind, Kind, Size, Style
from mlcoach.domain.text import name_to_save
from mlcoach.store import quick
from mlcoach.transfer import exporting
from tests.conftest import run_cli

SIGNS = ["---", "@@", "!!!", "'", "…", "👍", "👨\u200d👩\u200d👧", "@ -", "\u0301", "« »"]
NAMES = ["Işık", "Łukasz", "李雷", "O'Neil", "Jean-Luc", "Ana B.", "Agent 7", "Ana 👍"]
REFUSED = "is not a name: it has no letter or digit"
WHEN = "2026-01-05T09:00:00+00:00"


@pytest.mark.parametrize("name", SIGNS)
def test_signs_alone_are_not_a_name(name):
    with pytest.raises(UsageError, match=REFUSED):
        name_to_save(name)


@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_script_are_names(name):
    assert name_to_save(f"  @{name} ") == name


@pytest.mark.parametrize("name", SIGNS)
def test_the_store_adds_and_renames_no_one_to_signs(store, name):
    store.add_person("Ana")
    for attempt in (
        lambda: store.add_person(name),
        lambda: store.edit_person("Ana", new_name=name),
        lambda: store.add_moment("Helped", person=name),
        lambda: store.add_suggestion(style=Style.FACTS, change="shorter standups",
                                     action=ChangeKind.START, size=Size.SMALL,
                                     text="With them", person=name),
    ):
        with pytest.raises(UsageError, match=REFUSED):
            attempt()
    assert [p.name for p in store.people()] == ["Ana"]
    assert store.moments() == [] and store.suggestions() == []


def test_a_moment_for_someone_saved_with_signs_before_still_finds_them(store):
    """Someone saved as "---" before this rule is still reached by their name (nothing
    saved is lost), and can be given a real one."""
    from sqlalchemy import insert

    from mlcoach.store import models as m

    now = datetime.now(timezone.utc)
    with store._writes.begin() as s:
        s.execute(insert(m.PersonRow), [{"id": "p1", "name": "---", "name_key": "---",
                                         "notes": "", "archived": False,
                                         "created_at": now, "updated_at": now}])
    assert store.add_moment("Helped", person="---").person == "---"
    assert store.edit_person("---", new_name="Dana").name == "Dana"
    assert [m.person for m in store.moments()] == ["Dana"]


@pytest.mark.parametrize("name", ["---", "👍"])
def test_the_quick_capture_adds_no_one_called_by_signs(opened, layout, name):
    now = datetime.now(timezone.utc)
    with pytest.raises(UsageError, match=REFUSED):
        quick.add_moment(layout.db, opened.secret, "Helped", Kind.OTHER, person=name,
                         style=None, tags=[], now=now)
    assert opened.store.people() == [] and opened.store.moments() == []


def test_an_export_holding_someone_saved_with_signs_before_imports_whole(store, tmp_path,
                                                                        memory_keyring):
    """An export made before this rule holds what was saved then: it was refused whole
    ("is not a name mlcoach can keep"), so a backup in that form could not be restored.
    Names of signs are refused where they are typed, not where they come back."""
    from sqlalchemy import insert

    from mlcoach.security.keys import OSKeyring
    from mlcoach.store import models as m
    from mlcoach.store.vault import Layout, open_store

    now = datetime.now(timezone.utc)
    with store._writes.begin() as s:
        s.execute(insert(m.PersonRow), [{"id": "p1", "name": "---", "name_key": "---",
                                         "notes": "met at the offsite", "archived": False,
                                         "created_at": now, "updated_at": now}])
    store.add_moment("Helped", person="---")
    raw = json.dumps(exporting.export_document(store)).encode()
    other = open_store(Layout(tmp_path / "other"), keys=OSKeyring())
    try:
        added = exporting.import_document(other.store, exporting.parse_export(raw))
        assert (added["people"], added["moments"]) == (1, 1)
        [person] = other.store.people()
        assert (person.name, person.notes) == ("---", "met at the offsite")
        assert [m.person for m in other.store.moments()] == ["---"]
    finally:
        other.store.close()


@pytest.mark.parametrize(("args", "fragment"), [
    (["capture", "Helped", "--person=---"], REFUSED),
    (["capture", "Helped", "--person", "👍"], REFUSED),
    (["people", "add", "!!!"], REFUSED),
    (["people", "add", "@@"], REFUSED),
    (["suggest", "--style", "facts", "--change", "use the wiki", "--person=…", "--save"],
     REFUSED),
])
def test_the_command_line_refuses_signs_as_a_name_and_sets_nothing_up(cli_env, tmp_path,
                                                                        args, fragment):
    res = run_cli(cli_env, *args)
    assert res.returncode == 2, res.stderr
    assert fragment in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "data" / "mlcoach.db").exists()  # nothing was set up


def test_the_command_line_renames_no_one_to_signs(cli_env):
    assert run_cli(cli_env, "people", "add", "Ana").returncode == 0
    res = run_cli(cli_env, "people", "edit", "Ana", "--name", "…")
    assert res.returncode == 2 and REFUSED in res.stderr
    listed = run_cli(cli_env, "people", "list", "--json")
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Ana"]


def test_names_in_any_script_are_added_from_the_command_line(cli_env):
    for name in NAMES:
        res = run_cli(cli_env, "people", "add", name)
        assert res.returncode == 0, res.stderr
    listed = run_cli(cli_env, "people", "list", "--json")
    assert sorted(p["name"] for p in json.loads(listed.stdout)) == sorted(NAMES)



def test_a_rename_to_at_ana_on_the_command_line_says_how_to_merge(cli_env):
    """`people edit Bo --name @Ana` with Ana saved said only that Ana is taken."""
    for name in ("Ana", "Bo"):
        assert run_cli(cli_env, "people", "add", name).returncode == 0
    res = run_cli(cli_env, "people", "edit", "Bo", "--name", "@Ana")
    assert res.returncode == 1 and "mlcoach people merge Bo Ana" in res.stderr

