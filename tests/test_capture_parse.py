"""What a capture keeps of the words typed: @names and #tags picked out, no word lost."""

from __future__ import annotations

import json

import pytest

from mlcoach.domain.capture import parse_capture
from tests.conftest import run_cli


@pytest.mark.parametrize(("raw", "text", "person", "tags"), [
    # the person and tags at the end are taken off; the words stay
    ("Asked Ana how a shorter standup would work for her @Ana #meetings",
     "Asked Ana how a shorter standup would work for her", "Ana", ("meetings",)),
    ("Thanked @Ana_Maria for the demo #release", "Thanked Ana Maria for the demo",
     "Ana Maria", ("release",)),
    # every other name keeps its word (Bob was dropped from all three)
    ("Kudos to the team @Ana @Bob", "Kudos to the team Ana Bob", "Ana", ()),
    ("Introduced @Ana to @Bob", "Introduced Ana to Bob", "Ana", ()),
    ("Thanked @Bob #release @Ana", "Thanked Bob release Ana", "Bob", ("release",)),
    # a possessive is the person's, not a person "Ana's"
    ("Praised @Ana's demo", "Praised Ana's demo", "Ana", ()),
    ("Praised @Ana’s demo", "Praised Ana’s demo", "Ana", ()),
    ("Thanked @O'Brien for the notes", "Thanked O'Brien for the notes", "O'Brien", ()),
    # Turkish writes a proper noun's case ending after an apostrophe: the person is Ana
    ("@Ana'ya net notlar için teşekkür ettim", "Ana'ya net notlar için teşekkür ettim",
     "Ana", ()),
    ("@Ali’nin sunumu çok iyiydi", "Ali’nin sunumu çok iyiydi", "Ali", ()),
    ("Teşekkürler @Mehmet'e", "Teşekkürler Mehmet'e", "Mehmet", ()),
    ("@O'Brien'ın notları", "O'Brien'ın notları", "O'Brien", ()),
    ("Helped @Jose\u0301'ye", "Helped Jose\u0301'ye", "José", ()),
    # a one-letter head is a name of its own
    ("Met @O'neil today", "Met O'neil today", "O'neil", ()),
    # letters after an apostrophe that are no ending are the name's own (Hebrew, Arabic)
    ("@Ya'el ran a calm retro", "Ya'el ran a calm retro", "Ya'el", ()),
    ("Paired with @Sa'id on the migration", "Paired with Sa'id on the migration", "Sa'id", ()),
    ("Thanked @Ma’ayan for the demo", "Thanked Ma’ayan for the demo", "Ma’ayan", ()),
    ("@Ya'el'e teşekkür ettim", "Ya'el'e teşekkür ettim", "Ya'el", ()),
    # endings stacked, and English contractions, are still no part of the name
    ("@Deniz'lerden biri aradı", "Deniz'lerden biri aradı", "Deniz", ()),
    ("@ANA'YA teşekkürler", "ANA'YA teşekkürler", "ANA", ()),  # typed in capitals
    ("@AYŞE'NİN sunumu", "AYŞE'NİN sunumu", "AYŞE", ()),
    ("@IŞIL'IN notları", "IŞIL'IN notları", "IŞIL", ()),
    ("@YA'EL ran the retro", "YA'EL ran the retro", "YA'EL", ()),
    ("@Ana'll send the notes", "Ana'll send the notes", "Ana", ()),
    # one line: line breaks and runs of spaces are one space
    ("Retro notes:\n1. keep demos\n2. shorter  standups @Ana #retro\n",
     "Retro notes: 1. keep demos 2. shorter standups", "Ana", ("retro",)),
    ("mail@Ana and #tag", "mail@Ana and", None, ("tag",)),
    # the same person at the end, however typed; a possessive at the end is a word
    ("Thanks @ana @Ana", "Thanks ana", "ana", ()),
    ("That idea was all @Ana's", "That idea was all Ana's", "Ana", ()),
    # a tag with a letter in it may start with a digit ("#1on1", as jrnl's tags come in);
    # "#42" is a number, an issue's, and stays a word
    ("#1on1 with @Ana", "1on1 with", "Ana", ("1on1",)),
    ("Fixed issue #42 with @Bo #q3", "Fixed issue #42 with", "Bo", ("q3",)),
    # a name or tag typed with a combining accent is whole; the words stay as typed
    ("Helped @Jose\u0301 with #cafe\u0301", "Helped Jose\u0301 with", "José", ("café",)),
])
def test_a_capture_keeps_every_word_and_picks_the_person_and_tags(raw, text, person, tags):
    assert parse_capture(raw) == (text, person, tags)


def test_a_person_chosen_apart_keeps_every_at_name_in_the_words():
    """--person Carol "Paired with @Dan": Dan was taken off as if he were the person."""
    assert parse_capture("Paired with @Dan", person="Carol") == ("Paired with Dan", "Carol", ())
    assert parse_capture("Paired with @Carol", person="Carol") == ("Paired with", "Carol", ())


def test_cli_capture_with_a_turkish_ending_finds_the_person_already_there(cli_env):
    """"@Ana'ya", "@ışıl'a": the people Ana and Işıl, not new people "Ana'ya" and "ışıl'a"."""
    for name in ("Ana", "Işıl"):
        assert run_cli(cli_env, "people", "add", name).returncode == 0
    for raw in ("@Ana'ya net notlar için teşekkür ettim", "@ışıl'a destek oldum"):
        assert run_cli(cli_env, "capture", raw).returncode == 0
    people = json.loads(run_cli(cli_env, "people", "list", "--json").stdout)
    assert {p["name"] for p in people} == {"Ana", "Işıl"}
    assert all(p["last_interaction"] for p in people)


def test_cli_capture_with_two_names_finds_both(cli_env):
    assert run_cli(cli_env, "capture", "Kudos to the team @Ana @Bob").returncode == 0
    assert run_cli(cli_env, "capture", "--person", "Carol", "Paired with @Dan").returncode == 0
    for word in ("Bob", "Dan"):
        res = run_cli(cli_env, "search", word, "--json")
        assert res.returncode == 0 and len(json.loads(res.stdout)) == 1, word
    people = run_cli(cli_env, "people", "list", "--json")
    names = {p["name"] for p in json.loads(people.stdout)}
    assert names == {"Ana", "Carol"}
