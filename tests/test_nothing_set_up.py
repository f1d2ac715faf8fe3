"""Bad input changes nothing, not even on first use: a dry run, an empty reflection or an
edit of what is not stored leaves no data folder and no key behind (CLI in a child
process, a file-backed keyring; see tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _nothing_set_up(env: dict[str, str]) -> None:
    assert not Path(env["MLCOACH_DATA_DIR"]).exists()
    assert not list(Path(env["XDG_DATA_HOME"]).rglob("*.cfg"))  # no key in the keyring


@pytest.mark.parametrize("args", [
    ("people", "edit", "Nobody", "--style", "facts"),
    ("people", "archive", "Nobody"),
    ("outcome", "abcd1234", "followed"),
])
def test_an_edit_of_nothing_stored_sets_nothing_up(cli_env, args) -> None:
    res = run_cli(cli_env, *args)
    assert res.returncode == 1 and "no store" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    _nothing_set_up(cli_env)


def test_an_empty_reflection_on_first_use_sets_nothing_up(cli_env) -> None:
    res = run_cli(cli_env, "reflect", "--text", input="\n\n\n\n")
    assert res.returncode == 1 and "nothing to save" in res.stderr
    _nothing_set_up(cli_env)
    res = run_cli(cli_env, "reflect", "--text", input="4\nShipped the demo\n\n\n")
    assert res.returncode == 0, res.stderr
    assert Path(cli_env["MLCOACH_DATA_DIR"], "mlcoach.db").exists()


def test_a_dry_run_before_any_store_previews_and_sets_nothing_up(cli_env, tmp_path) -> None:
    journal = tmp_path / "jrnl.json"
    journal.write_text(json.dumps({"tags": {}, "entries": [
        {"title": "Asked Chen for the numbers", "body": "", "date": "2024-03-01",
         "time": "09:30", "tags": [], "starred": False}]}))
    res = run_cli(cli_env, "import", "--from", "jrnl", "--dry-run", str(journal))
    assert res.returncode == 0, res.stderr
    assert "would import 1 moment;" in res.stdout and "nothing was changed" in res.stdout
    _nothing_set_up(cli_env)
    other = dict(cli_env, MLCOACH_DATA_DIR=str(tmp_path / "other"),
                 XDG_DATA_HOME=str(tmp_path / "other-home"))  # its own keyring file
    assert run_cli(other, "capture", "Thanked Ana for the notes").returncode == 0
    export = tmp_path / "export.json"
    assert run_cli(other, "export", "--format", "json", "-o", str(export)).returncode == 0
    res = run_cli(cli_env, "import", "--dry-run", str(export))
    assert res.returncode == 0, res.stderr
    assert "would import 1 moment;" in res.stdout
    _nothing_set_up(cli_env)


@pytest.mark.parametrize(("args", "said"), [
    (("search", "retro"), "no matches"),
    (("stats",), "Streak: 0 days"),
    (("stats", "--json"), '"streak": 0'),
    (("export", "--format", "json"), '"format": "mlcoach-export"'),
    (("export", "--format", "csv"), "type,id,when,text"),
    (("people", "list"), "no people yet"),
    (("prompts", "list"), "attention-01"),
    (("prompts", "export"), 'pack = "my prompts"'),
    (("prompt",), "Try this"),
])
def test_reading_before_any_store_answers_as_empty_and_sets_nothing_up(cli_env, args, said):
    """A first `mlcoach search` or `stats` printed a recovery key and put a key in the
    keyring for a store nobody asked for; it now reads as an empty store would."""
    res = run_cli(cli_env, *args)
    assert res.returncode == 0, res.stderr
    assert said in res.stdout, res.stdout[:300]
    assert "recovery key" not in res.stderr
    _nothing_set_up(cli_env)


def test_reading_a_data_folder_that_is_a_file_is_refused(cli_env, tmp_path) -> None:
    env = dict(cli_env, MLCOACH_DATA_DIR=str(tmp_path / "a-file"))
    (tmp_path / "a-file").write_text("not a folder")
    res = run_cli(env, "search", "retro")
    assert res.returncode == 1 and "is a file, not a folder" in res.stderr


@pytest.mark.parametrize(("args", "stdin", "said"), [
    (("suggest", "--style", "facts", "--change", "x" * 600, "--save"), None, "at most 500"),
    (("suggest", "--style", "facts", "--change", "...", "--save"), None, "describe the change"),
    (("suggest", "--style", "facts", "--change", "use the wiki", "--person", " ", "--save"),
     None, "person name is empty"),
    (("suggest", "--style", "facts", "--change", "-", "--save"), "use\x00the wiki", "NUL"),
    (("people", "add", "Bo", "--notes", "-"), "keep\x00Fridays light", "NUL"),
])
def test_a_refused_save_on_first_use_sets_nothing_up(cli_env, args, stdin, said) -> None:
    """`suggest --save` with a change it then refused, or `people add` with notes the store
    refused, set up a store and a keyring entry first, and showed the recovery key ("shown
    once") beside the error."""
    res = run_cli(cli_env, *args, input=stdin)
    assert res.returncode == 2 and said in res.stderr, res.stderr
    assert "recovery key" not in res.stderr and len(res.stderr.strip().splitlines()) == 1
    _nothing_set_up(cli_env)
