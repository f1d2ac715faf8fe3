"""Drafts of words typed in an editor (ui/edit_draft.py) go with what they are about:
deleting a person, merging them away or deleting a moment deletes its draft in the same
transaction, and the coach's draft goes with the person its "Who" names. Drafts are
state, not data: an export leaves them out, as it leaves out the reflection's."""

from __future__ import annotations

import json
import subprocess
import sys

from mlcoach.store.edit_drafts import COACH, moment_key, names_person, person_key
from mlcoach.transfer.exporting import export_csv, export_json
from tests.conftest import run_cli

SECRET = "Struggling since the reorg; keep this between us"


def _draft(**values: str) -> dict[str, object]:
    return {"format": 1, "values": values}


def test_deleting_a_person_deletes_their_draft_and_only_theirs(store):
    ana, bo = store.add_person("Ana"), store.add_person("Bo")
    for person in (ana, bo):
        store.set_state(person_key(person.id), _draft(name=person.name, style="",
                                                      notes=SECRET))
    store.delete_person("Ana")
    assert store.get_state(person_key(ana.id)) is None
    assert store.get_state(person_key(bo.id)) is not None


def test_merging_a_person_away_deletes_their_draft(store):
    ana, into = store.add_person("Ana'ya"), store.add_person("Ana")
    store.set_state(person_key(ana.id), _draft(name="Ana'ya", style="", notes=SECRET))
    store.merge_person("Ana'ya", "Ana")
    assert store.get_state(person_key(ana.id)) is None
    assert store.find_person("Ana").id == into.id


def test_merging_keeps_the_words_typed_about_both_for_the_one_kept(store):
    """Notes typed (not saved) in both editors, then the two put together: the kept
    one's editor offers both, each in its place; the style typed for the one merged in
    too, where the kept one's was not typed."""
    gone = store.add_person("Ana'ya", notes="Likes agendas.")
    kept = store.add_person("Ana", notes="Prefers a call.")
    store.set_state(person_key(gone.id), {"format": 1, "values": {
        "name": "Ana'ya", "style": "facts", "notes": "Likes agendas. " + SECRET},
        "base": {"name": "Ana'ya", "style": "", "notes": "Likes agendas."}})
    store.set_state(person_key(kept.id), {"format": 1, "values": {
        "name": "Ana", "style": "", "notes": "Prefers a call. Not on Fridays."},
        "base": {"name": "Ana", "style": "", "notes": "Prefers a call."}})
    store.merge_person("Ana'ya", "Ana")
    assert store.get_state(person_key(gone.id)) is None
    offered = store.get_state(person_key(kept.id))
    assert offered["values"] == {"name": "Ana", "style": "facts", "notes":
                                 "Prefers a call. Not on Fridays.\n\nLikes agendas. " + SECRET}
    assert offered["base"]["notes"] == "Prefers a call.\n\nLikes agendas."


def test_a_merge_keeps_the_notes_it_adds_in_the_kept_ones_draft(store):
    """Notes typed (not saved) in Ana's editor, then Ana'ya merged into her: her draft's
    notes, brought back over the saved ones, left out Ana'ya's notes the merge had added,
    and a Save then dropped them."""
    store.add_person("Ana'ya", notes="Likes agendas.")
    kept = store.add_person("Ana", notes="Prefers a call.")
    store.set_state(person_key(kept.id), {"format": 1, "values": {
        "name": "Ana", "style": "", "notes": "Prefers a call. Not on Fridays."},
        "base": {"name": "Ana", "style": "", "notes": "Prefers a call."}})
    store.merge_person("Ana'ya", "Ana")
    offered = store.get_state(person_key(kept.id))
    assert offered["values"]["notes"] == "Prefers a call. Not on Fridays.\n\nLikes agendas."


def test_deleting_a_moment_deletes_its_draft(store):
    moment = store.add_moment("Asked Bo about the release")
    store.set_state(moment_key(moment.id), _draft(text=SECRET, kind="other", outcome=""))
    store.delete_moment(moment.id)
    assert store.get_state(moment_key(moment.id)) is None


def test_undoing_a_moments_delete_puts_its_draft_back(store):
    moment = store.add_moment("Asked Bo about the release")
    draft = _draft(text=SECRET, kind="other", outcome="")
    store.set_state(moment_key(moment.id), draft)
    gone = store.delete_moment(moment.id)
    assert store.get_state(moment_key(moment.id)) is None
    store.restore_moment(gone)
    assert store.get_state(moment_key(moment.id)) == draft


def test_the_coach_draft_goes_with_the_person_it_names(store):
    store.add_person("Ana")
    store.set_state(COACH, _draft(who="@Ana'ya", style="", change=SECRET, kind="start",
                                  size="small", example=""))
    store.delete_person("Ana")
    assert store.get_state(COACH) is None


def test_who_names_a_person_as_typed():
    assert names_person(_draft(who=" @Ana "), "ana")
    assert names_person(_draft(who="Ana'ya"), "ana")
    assert not names_person(_draft(who="Anabel"), "ana")
    assert not names_person({"format": 1}, "ana") and not names_person("text", "ana")


def test_an_export_leaves_the_drafts_out(store):
    ana = store.add_person("Ana")
    store.set_state(person_key(ana.id), _draft(name="Ana", style="", notes=SECRET))
    store.set_state(COACH, _draft(who="Ana", style="", change=SECRET, kind="", size="",
                                  example=""))
    assert SECRET not in export_json(store) and SECRET not in export_csv(store)


def test_people_delete_on_the_command_line_deletes_their_draft(cli_env):
    assert run_cli(cli_env, "people", "add", "Priya").returncode == 0
    code = ("import os, sys; from pathlib import Path; "
            "from mlcoach.security.keys import OSKeyring; "
            "from mlcoach.store.edit_drafts import person_key; "
            "from mlcoach.store.vault import Layout, open_store; "
            "o = open_store(Layout(Path(os.environ['MLCOACH_DATA_DIR'])), keys=OSKeyring()); "
            "p = o.store.find_person('Priya'); key = person_key(p.id) if p else sys.argv[2]; "
            "o.store.set_state(key, {'format': 1, 'values': {'notes': sys.argv[1]}}) "
            "if sys.argv[1] else None; "
            "print(key, o.store.get_state(key) is not None); o.store.close()")

    def run(*args: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", code, *args], env=cli_env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    key, kept = run(SECRET, "")
    assert kept == "True"
    assert run_cli(cli_env, "people", "delete", "Priya", "--yes").returncode == 0
    assert run("", key) == [key, "False"]
    assert json.loads(run_cli(cli_env, "people", "list", "--all", "--json").stdout) == []


def test_words_a_merge_carried_outlive_an_editor_that_never_showed_them(store, opened):
    """Written through either store: a draft written by an editor open since before the
    merge keeps the carried words beside its own; its Save or Discard leaves them alone;
    an editor that showed them (its writes say which) takes them with it."""
    from mlcoach.store.edit_drafts import CARRIED, SHOWN
    from mlcoach.store.light import LightStore

    ana = store.add_person("Ana", notes="Prefers a call.")
    key = person_key(ana.id)
    carried = {"values": {"name": "Ana", "style": "", "notes": "Likes agendas. " + SECRET},
               "base": {"name": "Ana", "style": "", "notes": "Likes agendas."}}
    light = LightStore(opened.layout.db, opened.secret)
    for writer in (store, light):
        store.set_state(key, {"format": 1, CARRIED: carried})
        stale = {"format": 1, "values": {"name": "Ana", "style": "", "notes": "Typed."},
                 "base": {"name": "Ana", "style": "", "notes": "Prefers a call."}}
        assert writer.keep_draft(key, stale, person_id=ana.id)
        assert store.get_state(key) == {**stale, CARRIED: carried}
        writer.forget_draft(key)  # saved or discarded there
        assert store.get_state(key) == {"format": 1, CARRIED: carried}
        assert writer.keep_draft(key, {**stale, SHOWN: carried}, person_id=ana.id)
        assert store.get_state(key) == stale  # shown there: not kept apart again
        writer.forget_draft(key, carried)
        assert store.get_state(key) is None


def test_words_a_second_merge_carried_outlive_an_editor_that_showed_the_first(store, opened):
    """An editor that brought back the words one merge carried, open while a second
    merge carried more: its writes and its Save took the second merge's words too."""
    from mlcoach.store.edit_drafts import CARRIED, SHOWN
    from mlcoach.store.light import LightStore

    ana = store.add_person("Ana", notes="Prefers a call.")
    key = person_key(ana.id)
    base = {"name": "Ana", "style": "", "notes": "Prefers a call."}
    first = {"values": {**base, "notes": "Likes agendas. Ask first."}, "base": base}
    second = {"values": {**base, "notes": "Back from leave in May."}, "base": base}
    typed = {"format": 1, "values": {**base, "notes": "Typed."}, "base": base}
    light = LightStore(opened.layout.db, opened.secret)
    for writer in (store, light):
        store.set_state(key, {"format": 1, CARRIED: second})  # the second merge's
        assert writer.keep_draft(key, {**typed, SHOWN: first}, person_id=ana.id)
        assert store.get_state(key) == {**typed, CARRIED: second}
        writer.forget_draft(key, first)  # saved: the words it showed go, not the rest
        assert store.get_state(key) == {"format": 1, CARRIED: second}
        store.forget_state(key)


FIELDS = ("name", "style", "notes")


def test_a_draft_offers_only_what_was_typed_over_what_is_saved_now():
    """The draft changed the notes; the style was saved since elsewhere (the coach
    remembered it) and the notes got a line from another window: the style shows as
    saved now, the notes keep both."""
    from mlcoach.store.edit_drafts import offered

    base = {"name": "Ana", "style": "", "notes": "Prefers a call."}
    typed = {**base, "notes": "Prefers a call. Ask about the move."}
    now = {**base, "style": "facts", "notes": "Prefers a call.\n\nLikes agendas."}
    shown = offered({"format": 1, "values": typed, "base": base}, FIELDS, now, ("notes",))
    assert shown is not None and shown["style"] == "facts"
    assert "Ask about the move." in shown["notes"] and "Likes agendas." in shown["notes"]


def test_a_draft_not_ours_is_not_offered():
    from mlcoach.store.edit_drafts import offered

    for raw in (None, "notes", {"format": 2, "values": {}}, {"format": 1, "values": {
            "name": "Ana"}}, {"format": 1, "values": {"name": 1, "style": "", "notes": ""}}):
        assert offered(raw, FIELDS) is None
