"""The @ of mentioning said as a verb ("stop @mentioning the whole team", "stop @ing
everyone") and the @here/@channel kind keep their mark and read as words; a name's @
("ask @dana") is still dropped."""

from __future__ import annotations

import pytest

from mlcoach.domain.model import ChangeKind, Style
from mlcoach.influence.chat_marks import spoken_name
from mlcoach.influence.composer import (
    ComposerError,
    SuggestionRequest,
    compose,
    supportive_question,
)

DIFF = ChangeKind.DIFFERENTLY


@pytest.mark.parametrize(("change", "question"), [
    ("Please stop @mentioning the whole team on Slack",
     "How would it work for you to stop @-mentioning the whole team on Slack?"),
    ("Please stop @-mentioning the whole team on Slack",
     "How would it work for you to stop @-mentioning the whole team on Slack?"),
    ("stop @ing everyone", "How would it work for you to stop @-mentioning everyone?"),
    ("stop @’ing the whole team", "How would it work for you to stop @-mentioning the whole team?"),
    ("stop @channel pings", "How would it work for you to stop @channel pings?"),
])
def test_the_mark_of_mentioning_is_kept_and_read(change: str, question: str) -> None:
    """"stop @mentioning the whole team" was asked "to stop mentioning the whole team" (not
    the same thing); "stop @ing everyone" quoted as “stop ing everyone”; "stop @channel
    pings" asked "if we tried stop @channel pings"."""
    assert supportive_question(change, DIFF, "en") == question


@pytest.mark.parametrize("style", list(Style))
def test_every_style_and_the_example_keep_it(style: Style) -> None:
    change = "Please stop @mentioning the whole team on Slack"
    assert "@-mentioning the whole team" in compose(
        SuggestionRequest(change=change, style=style, person="Sam")).question
    assert "@-mentioning the whole team" in compose(
        SuggestionRequest(change=change, style=style, by_example=True)).opening


def test_a_names_mark_is_still_dropped() -> None:
    """"ask @dana" came out "ask dana": the handle's lower case is no name's."""
    assert supportive_question("ask @dana about the release", DIFF, "en") == \
        "How would it work for you to ask Dana about the release?"
    assert supportive_question("ask @devops about the release", DIFF, "en") == \
        "How would it work for you to ask devops about the release?"
    assert supportive_question("@ilker ile PR'lara bakalım", DIFF, "tr").startswith(
        "Şöyle yapsak diyorum: «İlker ile PR'lara bakalım».")


@pytest.mark.parametrize(("change", "act"), [
    ("please stop @here after 6pm", "stop using @here after 6pm"),
    ("don't @channel after hours", "no longer use @channel after hours"),
    ("please @here when the build breaks", "use @here when the build breaks"),
])
def test_a_mark_used_as_a_verb_is_asked_about_as_its_use(change: str, act: str) -> None:
    """"please stop @here after 6pm" was quoted back whole: "stop @here" reads as no act."""
    assert supportive_question(change, DIFF, "en") == f"How would it work for you to {act}?"


@pytest.mark.parametrize(("change", "question"), [
    ("ask @dana.k", "How would it work for you to ask Dana?"),
    ("ask @dana.k about the release", "How would it work for you to ask Dana about the release?"),
    ("pair with @dana_k on reviews", "How would it work for you to pair with Dana on reviews?"),
    ("ask @dana-k92 first", "How would it work for you to ask Dana first?"),
    ("ask @dana.", "How would it work for you to ask Dana?"),
    ("ask @dana.k's team", "How would it work for you to ask Dana's team?"),
])
def test_a_handle_with_a_dot_is_the_person(change: str, question: str) -> None:
    """"ask @dana.k" was asked "to ask dana.k", and "ask @dana." "to ask dana": the handle's
    dot kept it from reading as a name."""
    assert supportive_question(change, DIFF, "en") == question


def test_a_handle_with_a_dot_is_the_person_in_turkish_and_by_example() -> None:
    assert "«Dana ile eşleşelim»" in supportive_question("@dana.k ile eşleşelim", DIFF, "tr")
    # its ending is the "k"'s, so it is not moved onto "Dana" («Dana'ye»)
    assert "dana.k'ye" in supportive_question("@dana.k'ye soralım", DIFF, "tr")
    assert "ask Dana" in compose(SuggestionRequest(change="ask @dana.k before merging", style=None,
                                                   by_example=True)).opening


def test_the_person_typed_as_a_handle_is_called_by_name() -> None:
    composed = compose(SuggestionRequest(change="move standup to 10", person="@dana.k",
                                         style=Style.FACTS))
    assert composed.opening.startswith("Dana, ") and "dana.k" not in composed.as_text()


@pytest.mark.parametrize("change", ["@dana.k", "@dana", "@dana.k:"])
def test_a_handle_alone_is_no_change(change: str) -> None:
    """"@dana.k" alone was asked "if we tried this: “dana.k”"."""
    with pytest.raises(ComposerError, match="describe the change"):
        compose(SuggestionRequest(change=change, style=Style.FACTS))


def test_a_double_name_or_a_groups_handle_is_not_cut() -> None:
    """A hyphen with a word after it is a double name or a group ("@jean-luc", "@front-end"),
    never cut to its first part as "@dana.k" is."""
    assert "jean-luc" in supportive_question("ask @jean-luc about it", DIFF, "en")
    assert "front-end" in supportive_question("ask @front-end about it", DIFF, "en")
    assert spoken_name("jean-luc") == "jean-luc" and spoken_name("@dana-k") == "dana"
