"""Suggestions fit the kind and size of change, and the four styles differ in substance."""

from __future__ import annotations

import itertools
import re
import tomllib
from importlib import resources

import pytest

from mlcoach.domain.model import ChangeKind, Size, Style
from mlcoach.influence.composer import Composed, SuggestionRequest, compose

CHANGES = ("the weekly status email", "use the wiki instead of email", "standups",
           "move the retro to Thursday")
# Words that carry each style's substance: evidence, a picture, a way back, expertise.
MARKERS = {
    Style.FACTS: r"figure|number|measure|count|evidence|comparison|cost",
    Style.ENTHUSIASM: r"picture|imagin|enjoy|energy|look(?:ing)? forward|love|win|sketch|idea|"
                      r"story|mood|light|frees|freed|options are good|good moment",
    Style.REASSURANCE: r"trial|pause|go(?:ing)? back|worr|safe|undo|comfortable|way back|restart|"
                       r"all right|unless you want|fine|no cost|small",
    Style.CREDIBILITY: r"precedent|expert|detail|trade-off|review|technical|holes|case|pilot|"
                       r"trace|reason|exact|risk|right terms|example|under the hood",
}


def _text(c: Composed) -> str:
    return " ".join((c.opening, *c.tips, c.avoid, c.next_step))


def _all(lang: str = "en") -> list[tuple[SuggestionRequest, Composed]]:
    out = []
    for change, action, size, style, person in itertools.product(
            CHANGES, ChangeKind, Size, [*Style, None], (None, "Dana")):
        req = SuggestionRequest(change, style, action, size, person, language=lang)
        out.append((req, compose(req)))
    return out


def test_the_four_styles_differ_in_substance() -> None:
    for change, action, size in itertools.product(CHANGES, ChangeKind, Size):
        composed = {s: compose(SuggestionRequest(change, s, action, size)) for s in Style}
        for one, two in itertools.combinations(Style, 2):
            a, b = composed[one], composed[two]
            assert a.opening != b.opening and a.next_step != b.next_step
            assert not set(a.tips) & set(b.tips) and a.avoid != b.avoid
        for style, c in composed.items():
            own = set(re.findall(MARKERS[style], _text(c).lower()))
            assert len(own) >= 2, (style, action, size, _text(c))


def test_stopping_has_its_own_next_steps() -> None:
    for req, c in _all():
        if req.action is ChangeKind.STOP:
            lowered = c.next_step.lower()
            assert "first run" not in lowered and "try it together" not in lowered, c.next_step
            assert "first version" not in lowered and "proof of concept" not in lowered


def test_no_them_to_them_without_a_person() -> None:
    for lang in ("en", "tr"):
        for req, c in _all(lang):
            text = c.as_text().lower()
            assert not re.search(r"\b(them to them|them them|their their|onunla onunla)\b", text)
            if req.person is None:
                assert "send them to them" not in text


_CLAIMS = re.compile(
    r"\bI(?:'ve| have)? (?:wrote|tried|checked|compared|looked at|traced|put|worked through|"
    r"noted|measured|counted|found|used)\b|\bI've (?:used|worked|noted|checked|compared|"
    r"looked|traced|tried|been using)\b")


def test_openings_never_claim_work_the_user_has_not_done() -> None:
    data = tomllib.loads(resources.files("mlcoach.resources").joinpath("coach", "en.toml")
                         .read_text(encoding="utf-8"))
    for name, section in data["style"].items():
        for action, lines in section["openings"].items():
            for line in lines:
                assert not _CLAIMS.search(line), (name, action, line)


def test_credibility_offers_non_technical_precedent() -> None:
    data = tomllib.loads(resources.files("mlcoach.resources").joinpath("coach", "en.toml")
                         .read_text(encoding="utf-8"))
    section = data["style"]["credibility"]
    words = " ".join(line for pool in (*section["tips"].values(), *section["next_step"].values())
                     for line in pool)
    for everyday in ("team", "meeting", "template"):
        assert everyday in words


@pytest.mark.parametrize("person", ["dana", "ayşe", "ilker"])
def test_a_name_typed_in_lower_case_is_shown_capitalised(person: str) -> None:
    for lang in ("en", "tr"):
        c = compose(SuggestionRequest("standups", Style.FACTS, ChangeKind.STOP, person=person,
                                      language=lang))
        shown = c.opening.split(",")[0]
        assert shown[0].isupper() and shown[1:] == person[1:]
