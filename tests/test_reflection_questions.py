"""The reflection's rotating question: from the ideas, one a day, in both languages."""

from __future__ import annotations

import itertools
import json
import tomllib
from datetime import date, datetime, timedelta
from importlib import resources

from mlcoach.coaching.reflection_questions import all_questions, question_for
from tests.conftest import run_cli


def test_one_question_a_day_and_neighbouring_days_differ() -> None:
    day = date(2026, 3, 2)
    assert question_for(day) == question_for(date(2026, 3, 2))
    seen = [question_for(day + timedelta(days=n)).id for n in range(len(all_questions()))]
    assert len(set(seen)) == len(seen)  # every question comes round before any repeats
    assert all(a != b for a, b in itertools.pairwise(seen))


def test_the_ideas_are_asked_in_both_languages() -> None:
    en = {q.text for q in all_questions("en")}
    for wanted in ("Who did you try to move today, and did they follow?",
                   "Whose small win did you notice today?",
                   "Where did you lead by example today?"):
        assert wanted in en
    tr = all_questions("tr")
    assert [q.id for q in tr] == [q.id for q in all_questions("en")]
    assert all(q.text and q.text not in en for q in tr)
    assert question_for(date(2026, 3, 2), "de") == question_for(date(2026, 3, 2), "en")


def test_questions_are_short_enough_for_a_minute() -> None:
    raw = resources.files("mlcoach.resources").joinpath("reflection", "questions.toml")
    for item in tomllib.loads(raw.read_text(encoding="utf-8"))["question"]:
        assert len(item["en"]) <= 90 and item["en"].endswith("?")
        assert "!" not in item["en"] + item["tr"]


def test_reflect_in_the_terminal_saves_the_days_answers(cli_env: dict[str, str]) -> None:
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    res = run_cli(cli_env, "reflect", "--text", input="4\nPriya tried the checklist\n\nThank Sam\n")
    assert res.returncode == 0, res.stderr
    today = datetime.now().astimezone().date()
    assert question_for(today).text in res.stdout
    assert "Saved today's reflection." in res.stdout
    doc = json.loads(run_cli(cli_env, "export").stdout)
    (saved,) = doc["reflections"]
    assert (saved["energy"], saved["went_well"], saved["differently"], saved["intention"]) == (
        4, "Priya tried the checklist", "", "Thank Sam")
    # Enter keeps what is there; a bad energy changes nothing.
    again = run_cli(cli_env, "reflect", "--text", input="\n\nAsk earlier\n\n")
    assert again.returncode == 0, again.stderr
    bad = run_cli(cli_env, "reflect", "--text", input="9\n")
    assert bad.returncode == 2 and "energy must be between 1 and 5" in bad.stderr
    (saved,) = json.loads(run_cli(cli_env, "export").stdout)["reflections"]
    assert (saved["energy"], saved["went_well"], saved["differently"], saved["intention"]) == (
        4, "Priya tried the checklist", "Ask earlier", "Thank Sam")


def test_reflect_in_the_terminal_speaks_turkish(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    assert run_cli(env, "init", "--no-encryption").returncode == 0
    empty = run_cli(env, "reflect", "--text", input="\n\n\n\n")
    assert empty.returncode == 1 and "kaydedilecek bir şey yok" in empty.stderr
    res = run_cli(env, "reflect", "--text", input="3\n\n\nYarın Ayşe'ye teşekkür et\n")
    assert res.returncode == 0, res.stderr
    today = datetime.now().astimezone().date()
    assert question_for(today, "tr").text in res.stdout
    assert "Bugünün değerlendirmesi kaydedildi." in res.stdout
