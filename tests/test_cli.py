"""The command line as a person (or a script) uses it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

DEMO = "Asked Ana how a shorter standup would work for her @Ana #meetings"


def test_capture_prints_an_id_and_export_shows_it(cli_env):
    res = run_cli(cli_env, "capture", DEMO, "--kind", "question")
    assert res.returncode == 0, res.stderr
    moment_id = res.stdout.strip()
    assert len(moment_id) == 36
    assert "recovery key" in res.stderr  # shown once at set-up
    res = run_cli(cli_env, "export", "--format", "json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    (moment,) = doc["moments"]
    assert moment["id"] == moment_id
    assert moment["person"] == "Ana" and moment["tags"] == ["meetings"]
    assert moment["kind"] == "question"
    second = run_cli(cli_env, "capture", "Thanked Bo")
    assert "recovery key" not in second.stderr


def test_data_dir_option_wins_over_env(cli_env, tmp_path):
    res = run_cli(cli_env, "--data-dir", str(tmp_path / "elsewhere"), "capture", "x")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "elsewhere" / "mlcoach.db").exists()
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("args, code, fragment", [
    (["capture", ""], 2, "empty"),
    (["capture", "   "], 2, "empty"),
    (["capture", "x", "--kind", "rant"], 2, "unknown kind 'rant'"),
    (["capture", "x", "--style", "loud"], 2, "unknown style 'loud'"),
    (["capture", "@Ana #tag"], 2, "empty"),
    (["capture", "\u200b\ufeff"], 2, "empty"),  # only invisible characters
    (["capture", "x", "--person", ""], 2, "person name is empty"),
    (["capture", "x", "--person", "\u200b"], 2, "person name is empty"),
    (["capture", "x", "--tag", "\u202e"], 2, "tag is empty"),
    # a Latin-1 byte in argv (Python keeps it as a lone surrogate): not "empty", and the
    # option it came in is named
    (["capture", "x", "--person", "\udce9"], 2, "--person contains characters that are not"),
    (["capture", "caf\udce9"], 2, "TEXT contains characters that are not valid"),
    (["people", "add", "\u2060"], 2, "empty"),
    (["people", "edit", "Ana", "--style", "facts", "--clear-style"], 2, "not allowed with"),
    (["frobnicate"], 2, "invalid choice"),
    (["search", "x", "--since", "yesterday"], 2, "not a date"),
])
def test_bad_input_gives_one_line_and_exit_code(cli_env, args, code, fragment):
    res = run_cli(cli_env, *args)
    assert res.returncode == code
    assert fragment in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.stderr
    assert not (Path(cli_env["MLCOACH_DATA_DIR"]) / "mlcoach.db").exists()


def test_malformed_import_file_changes_nothing(cli_env, tmp_path):
    assert run_cli(cli_env, "capture", "keep me").returncode == 0
    before = json.loads(run_cli(cli_env, "export").stdout)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "mlcoach-export", "version": 1, "moments": [{"id": 1}]}')
    res = run_cli(cli_env, "import", str(bad))
    assert res.returncode == 1 and res.stderr.startswith("mlcoach: ")
    assert len(res.stderr.strip().splitlines()) == 1
    future = tmp_path / "future.json"
    future.write_text('{"format": "mlcoach-export", "version": 99}')
    res = run_cli(cli_env, "import", str(future))
    assert res.returncode == 1 and "newer" in res.stderr
    missing = run_cli(cli_env, "import", str(tmp_path / "nope.json"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    after = json.loads(run_cli(cli_env, "export").stdout)
    assert after["moments"] == before["moments"]


def test_import_is_idempotent_across_data_folders(cli_env, tmp_path):
    run_cli(cli_env, "capture", DEMO, "--kind", "question")
    out = tmp_path / "export.json"
    assert run_cli(cli_env, "export", "-o", str(out)).returncode == 0
    other = dict(cli_env, MLCOACH_DATA_DIR=str(tmp_path / "other"))
    first = run_cli(other, "import", str(out))
    assert first.returncode == 0 and "imported 1 moment," in first.stdout
    second = run_cli(other, "import", str(out))
    assert second.returncode == 0 and "nothing new" in second.stdout


def test_unwritable_data_folder(cli_env, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    res = run_cli(cli_env, "--data-dir", str(blocker / "data"), "capture", "x")
    assert res.returncode == 1
    assert "data folder" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_no_keyring_first_start_names_both_choices(cli_env):
    env = dict(cli_env, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    res = run_cli(env, "capture", "x")
    assert res.returncode == 1
    assert "mlcoach init --passphrase" in res.stderr
    assert "mlcoach init --no-encryption" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    res = run_cli(env, "init", "--no-encryption")
    assert res.returncode == 0
    assert run_cli(env, "capture", "x").returncode == 0


def test_passphrase_store_from_the_environment(cli_env):
    env = dict(cli_env, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               MLCOACH_PASSPHRASE="a long passphrase")
    assert run_cli(env, "init", "--passphrase").returncode == 0
    assert run_cli(env, "capture", "secret moment").returncode == 0
    wrong = run_cli(dict(env, MLCOACH_PASSPHRASE="nope"), "export")
    assert wrong.returncode == 1 and "wrong passphrase" in wrong.stderr
    none = {k: v for k, v in env.items() if k != "MLCOACH_PASSPHRASE"}
    res = run_cli(none, "export")
    assert res.returncode == 1 and "MLCOACH_PASSPHRASE" in res.stderr


def test_a_wrong_passphrase_is_said_in_the_language_chosen_in_settings(cli_env):
    """Turkish chosen in Settings, English system: the command line's wrong-passphrase
    line was English, since the setting is inside the store it could not open."""
    from pathlib import Path

    from mlcoach.system.language_hint import HINT_NAME

    env = dict(cli_env, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               MLCOACH_PASSPHRASE="a long passphrase", LANG="en_US.UTF-8")
    assert run_cli(env, "init", "--passphrase").returncode == 0
    (Path(env["MLCOACH_DATA_DIR"]) / HINT_NAME).write_text("tr\n")  # as Settings keep it
    wrong = run_cli(dict(env, MLCOACH_PASSPHRASE="nope"), "export")
    assert wrong.returncode == 1 and "parola yanlış" in wrong.stderr, wrong.stderr


def test_recover_from_a_lost_keyring_entry(cli_env):
    first = run_cli(cli_env, "capture", "precious")
    key = run_cli(cli_env, "doctor", "--recovery-key").stdout.strip()
    assert key and key in first.stderr
    keyring_file = next(Path(cli_env["XDG_DATA_HOME"]).rglob("keyring_pass.cfg"))
    keyring_file.unlink()
    locked = run_cli(cli_env, "export")
    assert locked.returncode == 1 and "mlcoach recover" in locked.stderr
    bad = run_cli(cli_env, "recover", input="AAAA-BBBB\n")
    assert bad.returncode == 2
    good = run_cli(cli_env, "recover", input=key + "\n")
    assert good.returncode == 0, good.stderr
    doc = json.loads(run_cli(cli_env, "export").stdout)
    assert [m["text"] for m in doc["moments"]] == ["precious"]


def test_a_lost_store_json_comes_back_from_its_copy(cli_env):
    """Removing store.json (an accident, a sync tool) locked the user out: "store.json is
    missing … restore that file", with no copy of it anywhere. The backups keep one."""
    assert run_cli(cli_env, "capture", "precious").returncode == 0
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    meta = (data / "store.json").read_text()
    (data / "store.json").unlink()
    doctor = run_cli(cli_env, "doctor")
    assert "store.json" in doctor.stdout and "copy" in doctor.stdout
    assert run_cli(cli_env, "capture", "after").returncode == 0
    assert (data / "store.json").read_text() == meta
    (data / "store.json").write_text("")  # damaged: the copy again
    doc = json.loads(run_cli(cli_env, "export").stdout)
    assert sorted(m["text"] for m in doc["moments"]) == ["after", "precious"]
    (data / "backups" / "mlcoach-store.json").unlink()  # a store made before the copy existed
    assert run_cli(cli_env, "capture", "later").returncode == 0
    assert (data / "backups" / "mlcoach-store.json").read_text() == meta


def test_recover_sets_up_a_store_whose_store_json_is_lost(cli_env):
    """store.json and its copy gone: the recovery key, which opens the store, sets it up
    again (recover said "no store", doctor "no store yet")."""
    first = run_cli(cli_env, "capture", "precious")
    key = run_cli(cli_env, "doctor", "--recovery-key").stdout.strip()
    assert key and key in first.stderr
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    (data / "store.json").unlink()
    (data / "backups" / "mlcoach-store.json").unlink()
    locked = run_cli(cli_env, "export")
    assert locked.returncode == 1 and "mlcoach recover" in locked.stderr
    doctor = run_cli(cli_env, "doctor")
    assert doctor.returncode == 1 and "[FAIL] store" in doctor.stdout, doctor.stdout
    wrong = run_cli(cli_env, "recover", input="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-"
                    "IIII-JJJJ-KKKK-LLLL-MMMM-NNNN\n")
    assert wrong.returncode != 0 and not (data / "store.json").exists()
    good = run_cli(cli_env, "recover", input=key + "\n")
    assert good.returncode == 0, good.stderr
    doc = json.loads(run_cli(cli_env, "export").stdout)
    assert [m["text"] for m in doc["moments"]] == ["precious"]
    assert run_cli(cli_env, "doctor").returncode == 0


def test_stats_json_counts_realized_and_attempted(cli_env):
    run_cli(cli_env, "capture", "x")
    res = run_cli(cli_env, "stats", "--json")
    assert res.returncode == 0
    stats = json.loads(res.stdout)
    assert stats["moments_today"] == 1 and stats["streak"] == 1
    assert stats["attempted"] == 0 and stats["realized_ratio"] is None


def test_people_commands(cli_env):
    assert run_cli(cli_env, "people", "add", "Ana", "--style", "facts").returncode == 0
    dup = run_cli(cli_env, "people", "add", "ana")
    assert dup.returncode == 1 and "already" in dup.stderr
    assert run_cli(cli_env, "people", "edit", "ANA", "--style", "reassurance",
                   "--notes", "new to the team").returncode == 0
    people = json.loads(run_cli(cli_env, "people", "list", "--json").stdout)
    assert people[0]["style"] == "reassurance" and people[0]["notes"] == "new to the team"
    assert run_cli(cli_env, "people", "archive", "Ana").returncode == 0
    assert json.loads(run_cli(cli_env, "people", "list", "--json").stdout) == []
    missing = run_cli(cli_env, "people", "edit", "Zed", "--style", "facts")
    assert missing.returncode == 1 and "no person" in missing.stderr


def test_people_delete_takes_their_name_and_notes_and_keeps_the_moments(cli_env):
    """Archive only hid someone, with their notes; `people delete` removes them. Not on
    a terminal it asks for --yes and changes nothing; an unknown name is one line."""
    assert run_cli(cli_env, "people", "add", "Priya", "--notes", "hates long meetings"
                   ).returncode == 0
    assert run_cli(cli_env, "capture", "Thanked @Priya for the review").returncode == 0
    assert run_cli(cli_env, "suggest", "--style", "facts", "--change", "share the agenda a "
                   "day before", "--person", "Priya", "--save").returncode == 0
    asked = run_cli(cli_env, "people", "delete", "Priya")
    assert asked.returncode == 2 and "--yes" in asked.stderr
    assert len(asked.stderr.strip().splitlines()) == 1
    assert [p["name"] for p in json.loads(run_cli(cli_env, "people", "list", "--json").stdout)
            ] == ["Priya"]
    done = run_cli(cli_env, "people", "delete", "priya", "--yes")
    assert done.returncode == 0, done.stderr
    assert "deleted Priya" in done.stdout and "2 moments" in done.stdout
    assert json.loads(run_cli(cli_env, "people", "list", "--all", "--json").stdout) == []
    assert json.loads(run_cli(cli_env, "search", "meetings", "--json").stdout) == []
    doc = json.loads(run_cli(cli_env, "export").stdout)
    assert doc["people"] == []
    [moment] = [m for m in doc["moments"] if not m.get("planned")]
    # their own words stay as written; the link to the person goes
    assert moment["text"] == "Thanked Priya for the review" and moment["person"] is None
    [suggestion] = doc["suggestions"]  # composed again for no one in particular
    assert "Priya" not in suggestion["text"] and suggestion["person"] is None
    missing = run_cli(cli_env, "people", "delete", "Zed", "--yes")
    assert missing.returncode == 1 and "no person" in missing.stderr


def test_people_delete_counts_the_moments_that_stay_in_words(cli_env):
    """"the 1 moment with them stays", and "the 0 moments with them stay" for someone
    with none: one moment is said without a number, none not at all, in both languages."""
    for name in ("Priya", "Sam", "Deniz"):
        assert run_cli(cli_env, "people", "add", name).returncode == 0
    assert run_cli(cli_env, "capture", "Thanked @Priya for the review").returncode == 0
    one = run_cli(cli_env, "people", "delete", "Priya", "--yes")
    assert one.stdout.strip() == ("deleted Priya and their notes; the moment with them "
                                  "stays in your history, with no one attached")
    none = run_cli(cli_env, "people", "delete", "Sam", "--yes")
    assert none.stdout.strip() == "deleted Sam and their notes"
    turkish = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "", "LC_ALL": "",
               "LC_MESSAGES": ""}
    assert run_cli(cli_env, "capture", "Asked @Deniz about the plan").returncode == 0
    tr_one = run_cli(turkish, "people", "delete", "Deniz", "--yes")
    assert tr_one.stdout.strip() == ("Deniz ve notları silindi; onunla ilgili an "
                                     "geçmişinizde kalıyor, artık kimseye bağlı değil")


def test_search_cli(cli_env):
    run_cli(cli_env, "capture", "Moved the checklist into the wiki @Ana --", "--kind", "example")
    res = run_cli(cli_env, "search", "checklist", "--json")
    assert res.returncode == 0
    (hit,) = json.loads(res.stdout)
    assert hit["type"] == "moment" and "[checklist]" in hit["snippet"]
    none = run_cli(cli_env, "search", "checklist", "--kind", "question", "--json")
    assert json.loads(none.stdout) == []


def test_version():
    res = subprocess.run([sys.executable, "-m", "mlcoach", "--version"], capture_output=True,
                         text=True)
    assert res.returncode == 0 and res.stdout.startswith("mlcoach ")


@pytest.mark.parametrize("argv", [
    ["capture", "x"], ["export"], ["stats", "--json"], ["doctor"], ["people", "list"],
    ["search", "x"],
])
def test_store_commands_never_import_qt(cli_env, argv):
    code = (
        "import sys\n"
        "from mlcoach.cli.main import main\n"
        f"rc = main({argv!r})\n"
        "assert rc in (0, 1), rc\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'mlcoach.ui'))]\n"
        "print(','.join(bad) or 'clean')\n"
    )
    res = subprocess.run([sys.executable, "-c", code], env=cli_env, capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == "clean"


def test_saved_suggestion_marked_followed_raises_the_realized_ratio(cli_env):
    change = "move the release checklist into the wiki instead of email"
    res = run_cli(cli_env, "suggest", "--style", "reassurance", "--change", change,
                  "--person", "Ana", "--save", "--json")
    assert res.returncode == 0, res.stderr
    saved = json.loads(res.stdout)
    assert change in saved["question"]
    before = json.loads(run_cli(cli_env, "stats", "--json").stdout)
    assert before["realized"] == 0 and before["realized_ratio"] in (None, 0, 0.0)
    res = run_cli(cli_env, "outcome", saved["id"][:8], "followed")
    assert res.returncode == 0, res.stderr
    after = json.loads(run_cli(cli_env, "stats", "--json").stdout)
    assert after["realized"] == 1 and after["realized_ratio"] == 1.0
    assert after["by_person"]["Ana"]["realized"] == 1
    assert after["by_style"]["reassurance"]["ratio"] == 1.0


@pytest.mark.parametrize(("args", "code", "fragment"), [
    (("outcome", "0", "followed"), 2, "first 4 characters"),
    (("outcome", "abcd", "followed"), 1, "no suggestion or moment"),
    (("outcome", "abcd", "maybe"), 2, "unknown outcome"),
])
def test_outcome_errors_are_one_line(cli_env, args, code, fragment):
    run_cli(cli_env, "capture", "Thanked Bo")
    res = run_cli(cli_env, *args)
    assert res.returncode == code
    assert fragment in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_prompt_asked_twice_gives_the_same_prompt(cli_env):
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    first = run_cli(cli_env, "prompt", "--json")  # the first call also sets the scheduler up
    second = run_cli(cli_env, "prompt", "--json")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert json.loads(first.stdout)["id"] == json.loads(second.stdout)["id"]


def test_command_line_speaks_turkish_under_a_turkish_locale(cli_env):
    env = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    res = run_cli(env, "capture", "")
    assert res.returncode == 2
    assert res.stderr.startswith("mlcoach: anın metni boş: ne olduğunu yazın")
    assert len(res.stderr.strip().splitlines()) == 1
    assert run_cli(env, "init", "--no-encryption").returncode == 0
    res = run_cli(env, "prompt")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert any(line.startswith("Şunu deneyin: ") for line in lines)
    why = next(line for line in lines if line.startswith("Neden: "))
    assert "prompt" not in why and " a " not in why
    res = run_cli(env, "suggest", "--style", "facts", "--change", "standuplar",
                  "--action", "stop", "--json")
    assert json.loads(res.stdout)["question"].startswith("Şunu bıraksak diyorum: «Standuplar».")
    english = run_cli({**env, "LANG": "en_GB.UTF-8"}, "capture", "")
    assert "the moment is empty" in english.stderr


def test_errors_follow_the_language_chosen_in_settings(cli_env):
    """Under an English locale, a store whose Settings say Turkish gets Turkish errors
    (those raised once the command has opened the store)."""
    from dataclasses import replace

    from mlcoach.security.keys import OSKeyring
    from mlcoach.store.vault import Layout, open_store

    env = {**cli_env, "LANG": "en_GB.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    assert run_cli(env, "init", "--no-encryption").returncode == 0
    english = run_cli(env, "people", "archive", "Nobody")
    assert english.returncode == 1 and "no person called 'Nobody'" in english.stderr
    opened = open_store(Layout(Path(env["MLCOACH_DATA_DIR"])), keys=OSKeyring())
    try:
        opened.store.save_settings(replace(opened.store.settings(), language="tr"))
    finally:
        opened.store.close()
    turkish = run_cli(env, "people", "archive", "Nobody")
    assert turkish.returncode == 1
    assert turkish.stderr.strip() == "mlcoach: 'Nobody' adında bir kişi yok"


def test_suggest_shows_a_saved_name_as_saved(cli_env):
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "people", "add", "Dana", "--style", "facts").returncode == 0
    res = run_cli(cli_env, "suggest", "--person", "dana", "--change", "standups",
                  "--action", "stop", "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["opening"].startswith("Dana, ") and doc["style"] == "facts"
    assert "Dana" in doc["next_step"]


def test_help_and_usage_errors_speak_turkish(cli_env):
    env = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    res = run_cli(env, "--help")
    assert res.returncode == 0
    assert res.stdout.startswith("kullanım: mlcoach")
    assert "sistem tepsisindeki uygulamayı başlatır" in res.stdout
    bad = run_cli(env, "frobnicate")
    assert bad.returncode == 2 and "hata: " in bad.stderr and "geçersiz seçim" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    english = run_cli({**env, "LANG": "C"}, "--help")
    assert english.stdout.startswith("usage: mlcoach") and "start the tray app" in english.stdout
    # Typed options' own errors, and argparse's less common words, were English.
    for args, turkish in ((("capture", "--kind", "nope", "hi"), "bilinmeyen tür: 'nope'"),
                          (("search", "q", "--since", "2024-13-01"), "tarih değil"),
                          (("search", "q", "--limit", "abc"), "geçersiz int değeri"),
                          (("capture", "--style"), "bir değer bekleniyor")):
        res = run_cli(env, *args)
        assert res.returncode == 2 and turkish in res.stderr, res.stderr
    assert "programın sürüm numarasını" in run_cli(env, "--help").stdout
    res = run_cli({**env, "LANG": "C"}, "suggest", "--action", "change")
    assert "unknown action 'change' (choose from start, stop, differently)" in res.stderr


# -- where an export may go: every command that writes a file the user names -------------


@pytest.mark.parametrize("command", [["export"], ["prompts", "export", "--all"]])
@pytest.mark.parametrize("name", ["mlcoach.db", "store.json", "backups/x.db"])
def test_no_export_goes_into_the_data_folder(cli_env, command, name):
    assert run_cli(cli_env, "capture", "moment A").returncode == 0
    assert run_cli(cli_env, "capture", "moment B").returncode == 0
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    res = run_cli(cli_env, *command, "-o", str(data / name))
    assert res.returncode == 2 and "cannot export into the data folder" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    after = run_cli(cli_env, "export")
    assert after.returncode == 0 and "damaged" not in after.stderr
    assert sorted(m["text"] for m in json.loads(after.stdout)["moments"]) == ["moment A",
                                                                            "moment B"]


@pytest.mark.parametrize("command", [["export"], ["prompts", "export", "--all"]])
def test_an_export_through_a_symlink_writes_the_file_it_names(cli_env, tmp_path, command):
    assert run_cli(cli_env, "capture", "through the link").returncode == 0
    real = tmp_path / "exports" / "real.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    res = run_cli(cli_env, *command, "-o", str(link))
    assert res.returncode == 0, res.stderr
    assert link.is_symlink() and real.read_text() != "old"


@pytest.mark.skipif(os.geteuid() != 0, reason="making a link another user owns needs root")
@pytest.mark.parametrize("command", [["export"], ["prompts", "export", "--all"]])
@pytest.mark.parametrize("where", ["name", "folder"])
def test_an_export_refuses_a_link_another_user_planted_in_a_shared_folder(
        cli_env, tmp_path, command, where):
    """Another user's link in /tmp to the victim's own file: the export went through it
    (resolved first, so even the kernel's protected_symlinks did not stop it)."""
    victim = tmp_path / "victim" / "notes.txt"
    victim.parent.mkdir()
    victim.write_text("mine")
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    planted = shared / ("report.json" if where == "name" else "exports")
    planted.symlink_to(victim if where == "name" else victim.parent)
    os.lchown(planted, 65534, 65534)  # nobody's
    output = planted if where == "name" else planted / "notes.txt"
    res = run_cli(cli_env, *command, "-o", str(output))
    assert res.returncode == 2 and "another user" in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert victim.read_text() == "mine"
    # The user's own link there is followed, as before.
    os.lchown(planted, os.getuid(), os.getgid())
    assert run_cli(cli_env, *command, "-o", str(output)).returncode == 0
    assert victim.read_text() != "mine"


@pytest.mark.parametrize("command", [["export"], ["prompts", "export", "--all"]])
def test_an_export_never_replaces_a_folder_a_fifo_or_a_device(cli_env, tmp_path, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, fragment in ((fifo, "not a regular file"), (folder, "is a folder"),
                             (Path("/dev/null"), "not a regular file")):
        res = run_cli(cli_env, *command, "-o", str(target))
        assert res.returncode == 2 and fragment in res.stderr, res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
    assert fifo.is_fifo() and folder.is_dir() and Path("/dev/null").is_char_device()


@pytest.mark.parametrize("command", [["export"], ["prompts", "export", "--all"]])
def test_an_export_error_names_the_file_asked_for(cli_env, tmp_path, command):
    missing = tmp_path / "no-such-folder" / "x.json"
    res = run_cli(cli_env, *command, "-o", str(missing))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert f"cannot write {missing}: there is no folder" in res.stderr
    assert not Path(cli_env["MLCOACH_DATA_DIR"]).exists()  # refused before anything was done


@pytest.mark.parametrize("command", [["export"], ["prompts", "export", "--all"]])
def test_an_export_to_dash_goes_to_stdout(cli_env, tmp_path, command):
    res = subprocess.run([sys.executable, "-m", "mlcoach", *command, "-o", "-"], env=cli_env,
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() and not (tmp_path / "-").exists()


def test_an_imported_setting_out_of_range_is_ignored_and_prompts_still_work(cli_env, tmp_path):
    """A huge gap once made every `prompt` (and the app's schedule) fail with OverflowError."""
    doc = tmp_path / "settings.json"
    doc.write_text(json.dumps({"format": "mlcoach-export", "version": 1, "settings": {
        "min_gap_minutes": 10**30, "prompts_per_day": 2_000_000_000, "meeting_prep_minutes": 30}}))
    res = run_cli(cli_env, "import", str(doc))
    assert res.returncode == 0, res.stderr
    assert "WARNING" not in res.stderr
    assert "min_gap_minutes" in res.stdout + res.stderr  # said to be ignored
    res = run_cli(cli_env, "prompt")
    assert res.returncode == 0, res.stderr
    assert "unexpected error" not in res.stderr and "WARNING" not in res.stderr
    settings = json.loads(run_cli(cli_env, "export").stdout)["settings"]
    assert settings["min_gap_minutes"] == 75 and settings["meeting_prep_minutes"] == 30


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("args", [
    ["prompts", "validate", "/dev/zero"], ["prompts", "import", "/dev/zero"],
    ["import", "/dev/zero"], ["import", "--from", "dayone", "/dev/zero"],
    ["import", "--from", "jrnl", "/dev/zero"],
])
def test_an_endless_file_is_refused_within_bounded_memory(cli_env, args):
    """Each of these once read /dev/zero until the kernel killed it (24 GB)."""
    import resource

    def one_gigabyte() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    res = subprocess.run([sys.executable, "-m", "mlcoach", *args], env=cli_env, text=True,
                         capture_output=True, timeout=120, preexec_fn=one_gigabyte)
    assert res.returncode in (1, 2), res.stderr
    assert "unexpected" not in res.stderr and "Traceback" not in res.stderr
    last = res.stderr.strip().splitlines()[-1]  # after the first use's set-up lines, if any
    assert "large" in last or "MB" in last, res.stderr


@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_a_capture_that_cannot_print_its_id_says_it_was_stored(cli_env, stdout):
    if stdout == "full" and not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    assert run_cli(cli_env, "capture", "set up first").returncode == 0
    with open("/dev/full", "w") if stdout == "full" else open(os.devnull, "w") as sink:
        res = subprocess.run(
            [sys.executable, "-m", "mlcoach", "capture", "Stayed to pair on the flaky test"],
            env=cli_env, stdout=sink, stderr=subprocess.PIPE, text=True, timeout=60,
            preexec_fn=(lambda: os.close(1)) if stdout == "closed" else None)
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "the moment was stored as " in res.stderr and "do not capture it again" in res.stderr
    stored_id = res.stderr.split("stored as ", 1)[1].split(",", 1)[0]
    moments = json.loads(run_cli(cli_env, "export").stdout)["moments"]
    assert [m["id"] for m in moments if m["text"].startswith("Stayed")] == [stored_id]


def test_an_id_longer_than_any_id_is_refused_plainly(cli_env):
    res = run_cli(cli_env, "outcome", "a" * 60_000, "followed")
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "36 characters" in res.stderr and len(res.stderr) < 200


def test_a_data_folder_path_too_long_for_sqlite_is_refused_before_anything(cli_env, tmp_path):
    from mlcoach.system.paths import MAX_FOLDER_CHARS

    folder = tmp_path / "deep"
    while len(str(folder)) < MAX_FOLDER_CHARS - 60:
        folder /= "x" * 50
    fits = folder / ("y" * (MAX_FOLDER_CHARS - len(str(folder)) - 1))
    assert len(str(fits)) == MAX_FOLDER_CHARS
    res = run_cli(cli_env, "--data-dir", str(fits), "capture", "fits")  # the longest taken
    assert res.returncode == 0 and "backup was not taken" not in res.stderr, res.stderr
    too_long = fits.with_name(fits.name + "z")
    res = run_cli(cli_env, "--data-dir", str(too_long), "capture", "too long")
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert f"is {MAX_FOLDER_CHARS + 1} characters long" in res.stderr
    assert not too_long.exists()


@pytest.mark.parametrize("backend", ["nonexistent.module.Backend", "", "os.path"])
def test_a_keyring_backend_that_cannot_load_is_named_as_such(cli_env, backend):
    env = dict(cli_env, PYTHON_KEYRING_BACKEND=backend)
    res = run_cli(env, "capture", "anything")
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert f"PYTHON_KEYRING_BACKEND={backend} is not a keyring backend" in res.stderr
    assert "unexpected" not in res.stderr
    assert not (Path(cli_env["MLCOACH_DATA_DIR"]) / "mlcoach.db").exists()
    doctor = run_cli(env, "doctor")
    assert "[FAIL] keyring: PYTHON_KEYRING_BACKEND=" in doctor.stdout
    assert "backups:" in doctor.stdout  # the other checks still ran


@pytest.mark.parametrize("backend", ["no.such.Backend", "keyrings.alt.file.PlainTextKeyring"])
def test_a_keyring_backend_mistyped_after_set_up_is_named_by_every_command(cli_env, backend):
    """With a store already set up, a mistyped backend made every command, doctor too,
    end in "unexpected error (AttributeError: …)"."""
    assert run_cli(cli_env, "capture", "before the typo").returncode == 0
    env = dict(cli_env, PYTHON_KEYRING_BACKEND=backend)
    for args in (("stats",), ("search", "typo"), ("people", "list"), ("capture", "x"),
                 ("export",)):
        res = run_cli(env, *args)
        assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1, res.stderr
        assert f"PYTHON_KEYRING_BACKEND={backend} is not a keyring backend" in res.stderr
        assert "unexpected" not in res.stderr
    doctor = run_cli(env, "doctor")
    assert "[FAIL] keyring: PYTHON_KEYRING_BACKEND=" in doctor.stdout
    assert "unexpected" not in doctor.stdout + doctor.stderr
    found = run_cli(cli_env, "search", "typo")
    assert found.returncode == 0 and "before the [typo]" in found.stdout  # nothing changed


def test_a_data_folder_path_is_measured_in_bytes_as_sqlite_measures_it(tmp_path):
    from mlcoach.domain.errors import UsageError
    from mlcoach.system.paths import MAX_FOLDER_CHARS, data_dir

    folder = tmp_path / ("ş" * ((MAX_FOLDER_CHARS - len(str(tmp_path))) // 2 + 1))  # 2 bytes each
    assert len(str(folder)) <= MAX_FOLDER_CHARS < len(os.fsencode(folder))
    with pytest.raises(UsageError, match="characters long"):
        data_dir(folder)


def test_stored_text_cannot_drive_the_terminal(cli_env):
    """A moment (typed, or from a hostile import) holding terminal sequences is listed with
    its control characters shown as "�": it cannot retitle or clear the terminal. JSON and
    a piped export keep the data as it is."""
    text = "esc \x1b]0;TITLE\x07 and \x1b[2J then \x9b31m the retro notes"
    assert run_cli(cli_env, "capture", text).returncode == 0
    res = run_cli(cli_env, "search", "retro")
    assert res.returncode == 0, res.stderr
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout and "\x9b" not in res.stdout
    assert "esc \ufffd]0;TITLE\ufffd and \ufffd[2J then \ufffd31m the [retro] notes" in res.stdout
    exported = run_cli(cli_env, "export", "--format", "json")
    assert [m["text"] for m in json.loads(exported.stdout)["moments"]] == [text]


@pytest.mark.parametrize("args", [
    ["stats", "--since", "\x1b]0;TITLE\x07"],  # argparse lists these as typed
    ["search", "retro", "\x9b2J\nmore"],
    ["reflect", "--text", "went \u202efine"],
])
def test_a_usage_error_cannot_drive_the_terminal(cli_env, args):
    """An argument the parser does not know is echoed in its one-line error with its
    controls, line breaks and reordering marks shown as "\ufffd"."""
    res = run_cli(cli_env, *args)
    assert res.returncode == 2 and "unrecognized arguments" in res.stderr
    assert len(res.stderr.splitlines()) == 1, res.stderr
    assert not any(ch in res.stderr for ch in "\x1b\x07\x9b\u202e"), repr(res.stderr)
    assert "\ufffd" in res.stderr


def test_a_data_dir_that_is_a_file_is_said_so(cli_env, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    res = run_cli(cli_env, "--data-dir", str(target), "capture", "x")
    assert res.returncode == 1 and "is a file, not a folder" in res.stderr
    assert target.read_text() == "mine"


def test_a_handed_over_moment_needs_a_real_uuid():
    from mlcoach.domain.ids import new_id
    from mlcoach.system import instance

    good = instance.HandedMoment(new_id(), "Thanked Ana", "recognition", None, None, ())
    assert instance.parse(instance.encode_moment(good).rstrip(b"\n")) is not None
    for ident in ("-" * 36, "a" * 36, new_id().upper()):
        bad = good._replace(id=ident)
        assert instance.parse(instance.encode_moment(bad).rstrip(b"\n")) is None, ident


def _limited_memory() -> None:  # in the child: an endless read fails fast, not at 24 GB
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _from_dev_zero(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    with open("/dev/zero", "rb") as zero:
        return subprocess.run([sys.executable, "-m", "mlcoach", *args], env=env, stdin=zero,
                              text=True, capture_output=True, timeout=60,
                              preexec_fn=_limited_memory)


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/zero and RLIMIT_AS")
def test_an_endless_standard_input_is_not_read_to_its_end(cli_env, tmp_path):
    env = {k: v for k, v in cli_env.items() if k != "MLCOACH_PASSPHRASE"}
    res = _from_dev_zero(env, "init", "--passphrase")
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip() == ("mlcoach: the passphrase on standard input is longer than "
                                  "4096 characters (nothing was changed)")
    assert not (tmp_path / "data").exists()

    assert run_cli(cli_env, "capture", "kept").returncode == 0
    res = _from_dev_zero(cli_env, "recover")
    assert res.returncode == 2 and "recovery key is not valid" in res.stderr, res.stderr
    assert "kept" in run_cli(cli_env, "export").stdout


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_data_folder_whose_name_is_not_text_is_refused(cli_env, tmp_path):
    env = {k: v for k, v in cli_env.items() if k != "MLCOACH_DATA_DIR"}
    folder = os.fsencode(tmp_path) + b"/caf\xe9"  # Latin-1, not UTF-8
    for args, run_env in (([b"--data-dir", folder], env),
                          ([], {**env, "XDG_DATA_HOME": os.fsdecode(folder)})):
        res = subprocess.run([sys.executable, "-m", "mlcoach", *args, "capture", "hi"],
                             env=run_env, capture_output=True, text=True, timeout=60)
        assert res.returncode == 2, res.stderr
        assert "not UTF-8 text" in res.stderr and "unexpected" not in res.stderr
    assert not os.path.exists(folder)


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_CORE")
@pytest.mark.parametrize("debug, expect_zero", [("", True), ("1", False)])
def test_an_mlcoach_process_leaves_no_core_dump(cli_env, debug, expect_zero):
    """A core file would hold the raw key and decrypted notes outside the store."""
    probe = ("import resource\n"
             "hard = resource.getrlimit(resource.RLIMIT_CORE)[1]\n"
             "resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # as a shell may\n"
             "from mlcoach.cli.main import main\n"
             "main(['--version'])\n"
             "print(hard, resource.getrlimit(resource.RLIMIT_CORE)[0])\n")
    env = {**cli_env, "MLCOACH_DEBUG": debug}
    res = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, timeout=60)
    hard, soft = (int(n) for n in res.stdout.split()[-2:])
    if hard == 0:
        pytest.skip("core dumps are off for this whole session already")
    assert (soft == 0) is expect_zero, res.stdout + res.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_a_pipe_nobody_writes_to_is_an_empty_file_not_a_hang(cli_env, tmp_path):
    fifo = tmp_path / "journal.json"
    os.mkfifo(fifo)
    for args, said in ((["import", str(fifo)], "the file is empty"),
                       (["import", "--dry-run", str(fifo)], "the file is empty"),
                       (["import", "--from", "jrnl", str(fifo)], "the file is empty")):
        res = run_cli(cli_env, *args, timeout=30)  # open() used to wait for a writer
        assert res.returncode == 1 and said in res.stderr, (args, res.stderr)
    assert not (tmp_path / "data").exists()  # nothing was set up for it


def test_an_empty_data_folder_is_refused_not_read_as_the_default(cli_env):
    """`mlcoach --data-dir "$UNSET" wipe --yes` once wiped the real data folder."""
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    store = Path(cli_env["MLCOACH_DATA_DIR"]) / "mlcoach.db"
    assert store.exists()
    for args, env in ((["--data-dir", "", "wipe", "--yes"], cli_env),
                      (["--data-dir", "  ", "wipe", "--yes"], cli_env),
                      (["wipe", "--yes"], {**cli_env, "MLCOACH_DATA_DIR": ""})):
        done = run_cli(env, *args)
        assert done.returncode == 2, done
        assert "is empty; name a folder (nothing was changed)" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert store.exists()


def test_calendar_dates_outside_what_a_calendar_holds_are_a_usage_error(cli_env, tmp_path):
    cal = tmp_path / "cal.ics"
    cal.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261202T090000Z\r\n"
                   "END:VEVENT\r\nEND:VCALENDAR\r\n")
    for args in (["--from", "0001-01-01", "--to", "0001-01-02"], ["--from", "9999-12-30"]):
        done = run_cli(cli_env, "calendar", str(cal), *args)
        assert done.returncode == 2
        assert done.stderr.strip() == "mlcoach: --from and --to must be dates from 1900 to 9000"


def test_an_error_line_shows_no_control_character_of_a_file_or_its_words(cli_env, tmp_path):
    """A file name with a newline printed two lines; a calendar's ESC ] … BEL, quoted in
    the reason it was refused, set the terminal's title."""
    named = tmp_path / "two\nlines.json"
    done = run_cli(cli_env, "import", str(named))
    assert done.returncode != 0 and len(done.stderr.strip().splitlines()) == 1
    assert "two\\nlines.json" in done.stderr  # the name as `ls -b` shows it
    cal = tmp_path / "title.ics"
    # (an event without a start is skipped, a time zone no one can read is left out:
    # the sequence sits in the calendar's own start)
    cal.write_bytes(b"BEGIN:VCALENDAR\r\nDTSTART:\x1b]0;pwned\x07\r\nEND:VCALENDAR\r\n")
    done = run_cli(cli_env, "calendar", str(cal))
    assert "not a valid iCalendar file" in done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr


def test_a_home_folder_of_no_such_user_is_a_usage_error(cli_env):
    for args in (["--data-dir", "~nosuchuser-mlcoach/x", "stats"],
                 ["export", "-o", "~nosuchuser-mlcoach/x.json"]):
        done = run_cli(cli_env, *args)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().endswith("no such user's home folder (nothing was changed)")


def test_a_passphrase_or_an_answer_that_is_not_text_changes_nothing(cli_env, tmp_path):
    """A NUL or bytes that are not UTF-8 were an "unexpected error", after the store was
    half set up (a .mlcoach.db.new left behind, or a store and its key made)."""
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    for typed, why in ((b"abcdefghij\x00kl\n", "contains a NUL character"),
                       (b"abcdefghij\xff\xfe\n", "not UTF-8 text")):
        done = subprocess.run([sys.executable, "-m", "mlcoach", "init", "--passphrase"],
                              env=cli_env, input=typed, capture_output=True, timeout=60)
        assert done.returncode == 2 and why in done.stderr.decode()
        assert not data.exists()
    for typed, why in ((b"3\nab\x00c\n\n\n", "contains a NUL character"),
                       (b"3\n\xff\xfe bad\n\n\n", "not valid text")):
        done = subprocess.run([sys.executable, "-m", "mlcoach", "reflect", "--text"],
                              env=cli_env, input=typed, capture_output=True, timeout=60)
        assert done.returncode == 2 and why in done.stderr.decode()
        assert not data.exists()


def test_export_does_not_replace_a_file_made_read_only(cli_env, tmp_path):
    kept = tmp_path / "kept.json"
    kept.write_text("the user's own")
    kept.chmod(0o444)
    done = run_cli(cli_env, "export", "-o", str(kept))
    assert done.returncode == 2
    assert done.stderr.strip().endswith("the file is read-only (nothing was written)")
    assert kept.read_text() == "the user's own"


def test_two_reflections_typed_at_once_keep_each_others_words(cli_env):
    """Session A opened first and waited; B saved three answers; A then gave its energy and
    pressed Enter for the rest, which wrote back the empty answers A had read."""
    assert run_cli(cli_env, "capture", "a store to reflect in").returncode == 0
    first = subprocess.Popen([sys.executable, "-m", "mlcoach", "reflect", "--text"],
                             env=cli_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None and "Reflecting on" in first.stdout.readline()
        second = run_cli(cli_env, "reflect", "--text",
                         input="4\nShipped the release\nAsk earlier\nPair with Bob\n")
        assert second.returncode == 0, second.stderr
        _out, err = first.communicate("2\n\n\n\n", timeout=60)
    finally:
        first.kill()
    assert first.returncode == 0, err
    doc = json.loads(run_cli(cli_env, "export", "--format", "json").stdout)
    (reflection,) = doc["reflections"]
    assert (reflection["energy"], reflection["went_well"], reflection["differently"],
            reflection["intention"]) == (2, "Shipped the release", "Ask earlier", "Pair with Bob")


@pytest.mark.parametrize("args", [
    ("people", "add", "Dee", "--notes", "\udcff"), ("people", "edit", "Ana", "--notes", "\udcff"),
    ("people", "edit", "\udcff", "--notes", "x"), ("people", "archive", "\udcff"),
    ("search", "x", "--person", "\udcff"), ("capture", "a\udcffb"),
    ("suggest", "--style", "facts", "--change", "x", "--person", "\udcff"),
])
def test_bytes_that_are_not_text_in_any_option_are_one_line_and_change_nothing(cli_env, args):
    """`--notes $'\\xff'` (Python keeps the byte as a lone surrogate) ended in "unexpected
    error (UnicodeEncodeError …)" for six options; capture said it well."""
    assert run_cli(cli_env, "people", "add", "Ana").returncode == 0
    before = run_cli(cli_env, "export").stdout
    env = dict(cli_env, PYTHONIOENCODING="utf-8:surrogateescape")
    res = subprocess.run([sys.executable, "-m", "mlcoach",
                          *(a.encode("utf-8", "surrogateescape") for a in args)],
                         env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "contains characters that are not valid text" in res.stderr
    assert "unexpected" not in res.stderr
    assert json.loads(run_cli(cli_env, "export").stdout)["people"] == \
        json.loads(before)["people"]


@pytest.mark.parametrize("args", [("wipe",), ("recover",), ("reflect", "--text"), ("stats",),
                                  ("capture", "x")])
def test_a_closed_standard_input_is_read_as_empty(cli_env, args):
    """`mlcoach wipe <&-` ended in "unexpected error (AttributeError: 'NoneType' object has
    no attribute 'isatty')"; so did recover, reflect --text and init --passphrase."""
    assert run_cli(cli_env, "capture", "kept").returncode == 0
    res = subprocess.run([sys.executable, "-m", "mlcoach", *args], env=cli_env,
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                         preexec_fn=lambda: os.close(0))
    assert "unexpected" not in res.stderr and len(res.stderr.strip().splitlines()) <= 1, \
        res.stderr
    assert "kept" in run_cli(cli_env, "search", "kept").stdout  # nothing was lost


def test_suggest_for_a_person_without_save_sets_nothing_up(cli_env):
    """`suggest --person Ana` (nothing to keep) made an encrypted store and a keyring
    entry and printed a recovery key; the store is set up by what stores something."""
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    res = run_cli(cli_env, "suggest", "--change", "use the wiki", "--person", "Ana")
    assert res.returncode == 0 and "With Ana" in res.stdout
    assert "recovery key" not in res.stderr and not data.exists()
    assert run_cli(cli_env, "people", "add", "Ana", "--style", "credibility").returncode == 0
    res = run_cli(cli_env, "suggest", "--change", "use the wiki", "--person", "ana")
    assert "With Ana" in res.stdout and "credibility-minded" in res.stdout  # as saved


def test_small_things_said_plainly(cli_env, tmp_path):
    """An empty command listed no commands to choose from; a data folder that is a link to
    nowhere was "cannot create …: File exists"; a missing file to import was not named."""
    res = run_cli(cli_env, "")
    assert res.returncode == 2 and "choose from 'run', 'capture'" in res.stderr
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    res = run_cli(cli_env, "--data-dir", str(dangling), "capture", "x")
    assert res.returncode == 1 and "is a link to" in res.stderr and "does not exist" in res.stderr
    assert not (tmp_path / "nowhere").exists()
    missing = str(tmp_path / "missing.json")
    for args in (("import", missing), ("import", "--dry-run", missing),
                 ("import", "--from", "jrnl", missing)):
        res = run_cli(cli_env, *args)
        assert res.returncode == 1 and "missing.json" in res.stderr, (args, res.stderr)


def test_the_listings_speak_turkish_under_a_turkish_locale(cli_env: dict[str, str]) -> None:
    """`stats`, `people list`, `search` and `init` printed English under LANG=tr_TR,
    while the README says the command line speaks the windows' language."""
    turkish = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}
    assert "oluşturuldu" in run_cli(turkish, "init", "--no-encryption").stdout
    assert run_cli(cli_env, "people", "add", "Bo", "--style", "facts").returncode == 0
    assert "Seri: 0 gün" in run_cli(turkish, "stats").stdout
    assert "Bo — olgular; henüz an yok" in run_cli(turkish, "people", "list").stdout
    assert run_cli(turkish, "search", "yokyok").stdout.strip() == "eşleşme yok"
    english = {k: v for k, v in cli_env.items() if not k.startswith(("LC_", "LANGUAGE"))}
    assert "Streak: 0 days" in run_cli({**english, "LANG": "C.UTF-8"}, "stats").stdout


def test_import_summaries_count_in_both_languages(cli_env: dict[str, str],
                                                   tmp_path: Path) -> None:
    """An import said "imported 1 moments, 1 people" in English under LANG=tr_TR too."""
    other = dict(cli_env, MLCOACH_DATA_DIR=str(tmp_path / "other"),
                 XDG_DATA_HOME=str(tmp_path / "other-home"))
    assert run_cli(other, "people", "add", "Bo", "--style", "facts").returncode == 0
    assert run_cli(other, "capture", "Thanked @Bo for the notes").returncode == 0
    assert run_cli(other, "capture", "Asked Bo about the plan").returncode == 0
    export = tmp_path / "export.json"
    assert run_cli(other, "export", "--format", "json", "-o", str(export)).returncode == 0
    english = {k: v for k, v in cli_env.items() if not k.startswith(("LC_", "LANGUAGE"))}
    english["LANG"] = "C.UTF-8"
    turkish = {**english, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}
    res = run_cli(english, "import", "--dry-run", str(export))
    assert res.stdout.strip() == "would import 2 moments, 1 person; nothing was changed"
    res = run_cli(turkish, "import", str(export))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "2 an, 1 kişi içe aktarıldı"
    again = run_cli(turkish, "import", str(export))
    assert again.stdout.strip() == "içe aktarılacak yeni bir şey yok"
    assert run_cli(english, "import", str(export)).stdout.strip() == "nothing new to import"


def test_the_remaining_lines_speak_turkish(cli_env: dict[str, str], tmp_path: Path) -> None:
    """search's type column, outcome's and --save's notes, and import's errors were English
    under LANG=tr_TR (their texts were built with f-strings no catalogue could look up)."""
    turkish = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}
    assert run_cli(cli_env, "capture", "Thanked Ana for the review").returncode == 0
    assert "  an  " in run_cli(turkish, "search", "review").stdout
    saved = run_cli(turkish, "suggest", "--style", "facts", "--change", "write tests",
                    "--save")
    assert "planlanmış bir an olarak kaydedildi" in saved.stderr
    found = run_cli(cli_env, "search", "tests", "--json").stdout
    ref = next(h["id"] for h in json.loads(found) if h["type"] == "suggestion")
    marked = run_cli(turkish, "outcome", ref[:8], "followed")
    assert marked.returncode == 0 and "«karşılık buldu» olarak işaretlendi" in marked.stderr
    missing = run_cli(turkish, "outcome", "zzzzz", "followed")
    assert missing.returncode == 1 and "kimlikli bir öneri ya da an yok" in missing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"a":')
    res = run_cli(turkish, "import", str(bad))
    assert res.returncode == 1 and "dosya geçerli JSON değil" in res.stderr, res.stderr
    english = run_cli({**turkish, "LANG": "C.UTF-8", "LANGUAGE": ""}, "import", str(bad))
    assert "the file is not valid JSON" in english.stderr


def test_adding_someone_archived_brings_them_back(cli_env: dict[str, str]) -> None:
    """After `people archive Bob`, `people add Bob` said "already in your people list"
    while `people list` did not show him, and nothing could bring him back."""
    assert run_cli(cli_env, "people", "add", "Bob", "--notes", "likes facts").returncode == 0
    assert run_cli(cli_env, "capture", "Asked @Bob about the plan").returncode == 0
    assert run_cli(cli_env, "people", "archive", "Bob").returncode == 0
    assert "Bob" not in run_cli(cli_env, "people", "list").stdout
    back = run_cli(cli_env, "people", "add", "bob", "--style", "facts", "--notes", "new lead")
    assert back.returncode == 0 and "back in your people list" in back.stdout, back.stderr
    (bob,) = json.loads(run_cli(cli_env, "people", "list", "--json").stdout)
    assert bob["name"] == "Bob" and bob["style"] == "facts"
    assert bob["notes"] == "likes facts\n\nnew lead"
    again = run_cli(cli_env, "people", "add", "Bob")
    assert again.returncode == 1 and "already" in again.stderr


def test_every_command_action_and_option_says_what_it_is() -> None:
    """`mlcoach people --help` listed list/add/edit/archive with no word on them, and most
    options (--kind, --style, --change, --json, -o …) had no help, in either language."""
    import argparse

    from mlcoach.cli.parser import build_parser

    bare: list[str] = []

    def walk(parser: argparse.ArgumentParser, where: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helped = {a.dest for a in action._choices_actions if a.help}
                bare.extend(f"{where} {name}" for name in action.choices if name not in helped)
                for name, sub in action.choices.items():
                    walk(sub, f"{where} {name}")
            elif not action.help:
                bare.append(f"{where} {'/'.join(action.option_strings) or action.dest}")

    walk(build_parser(), "mlcoach")
    assert bare == []


def test_an_unencrypted_store_that_lost_store_json_opens_again(cli_env: dict[str, str]) -> None:
    """With no key to ask for, nothing secret is needed to know how it is protected: it
    was sent to `recover` for a recovery key it never had."""
    assert run_cli(cli_env, "init", "--no-encryption").returncode == 0
    assert run_cli(cli_env, "capture", "plain words").returncode == 0
    data = Path(cli_env["MLCOACH_DATA_DIR"])
    (data / "store.json").unlink()
    (data / "backups" / "mlcoach-store.json").unlink()
    doctor = run_cli(cli_env, "doctor")
    assert "[WARN] store.json: missing; the store is not encrypted" in doctor.stdout
    doc = json.loads(run_cli(cli_env, "export").stdout)
    assert [m["text"] for m in doc["moments"]] == ["plain words"]
    assert json.loads((data / "store.json").read_text())["encryption"] == "none"


def test_an_empty_prompt_pack_is_not_called_valid(cli_env, tmp_path):
    """`prompts validate` of an empty file said "0 prompts, all valid" and exit 0, and
    `prompts import` "imported 0 prompts"."""
    empty = tmp_path / "pack.toml"
    empty.write_text("", encoding="utf-8")
    for command in ("validate", "import"):
        res = run_cli(cli_env, "prompts", command, str(empty))
        assert res.returncode == 1
        assert res.stderr == f"mlcoach: {empty}: no prompts in this file (nothing was imported)\n"


def test_ctrl_d_at_the_passphrase_prompt_is_a_clear_refusal(cli_env, tmp_path):
    """Ctrl+D at "mlcoach passphrase:" said "unexpected error (EOFError: )"."""
    import pty

    with_pass = {**cli_env, "MLCOACH_PASSPHRASE": "a long enough passphrase"}
    assert run_cli(with_pass, "init", "--passphrase").returncode == 0
    primary, secondary = pty.openpty()
    try:  # a new session: no /dev/tty of ours, so getpass reads the terminal given
        proc = subprocess.Popen([sys.executable, "-m", "mlcoach", "search", "x"],
                                env=cli_env, stdin=secondary, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        assert proc.stderr is not None
        said = b""
        while b"passphrase:" not in said:  # getpass flushes what was typed before it asks
            chunk = os.read(proc.stderr.fileno(), 256)
            assert chunk, said
            said += chunk
        os.write(primary, b"\x04")
        _out, rest = proc.communicate(timeout=60)
    finally:
        os.close(primary)
        os.close(secondary)
    err = (said + rest).decode()
    assert proc.returncode == 2, err
    assert "nothing was typed at the prompt" in err and "EOFError" not in err


@pytest.mark.parametrize("args", [("calendar", ""), ("import", ""), ("export", "-o", " "),
                                  ("prompts", "validate", ""), ("search", ""),
                                  ("search", "#"), ("search", "- !")])
def test_an_empty_name_or_query_is_a_usage_error(cli_env, args):
    """`calendar ""` (an unset variable) read the current folder as a calendar; `search ""`
    said "no matches", and so did `search "#"`: signs alone are no word to find."""
    done = run_cli(cli_env, *args)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "empty" in done.stderr or "at least one word" in done.stderr


@pytest.mark.parametrize(("name", "shown"), [
    (b"\xfe.json", "\\xfe.json"), (b"tab\there.json", "tab\\there.json"),
])
def test_a_file_name_in_a_message_is_one_readable_line(cli_env, tmp_path, name, shown):
    """`mlcoach import $'\\xfe.json'` said "cannot read …/\\udcfe.json" (Python's lone
    surrogate); a tab was shown as U+FFFD."""
    res = subprocess.run([sys.executable, "-m", "mlcoach", "import",
                          bytes(tmp_path) + b"/" + name], env=cli_env, capture_output=True,
                         timeout=60, check=False)
    assert res.returncode == 1
    err = res.stderr.decode("utf-8")
    assert len(err.strip().splitlines()) == 1, err
    assert f"cannot read {tmp_path}/{shown}:" in err


def test_a_data_folder_with_a_newline_is_shown_on_one_line(cli_env, tmp_path):
    folder = tmp_path / "my\ndata"
    res = run_cli(cli_env, "--data-dir", str(folder), "init")
    assert res.returncode == 0, res.stderr
    assert f"store created in {tmp_path}/my\\ndata, encrypted" in res.stdout
    assert (folder / "store.json").exists() or any(folder.iterdir())


def test_ctrl_d_at_a_passphrase_prompt_refuses_on_a_line_of_its_own(monkeypatch, capsys):
    """getpass ends the prompt's line only when a line was typed: after Ctrl+D the
    refusal followed "mlcoach passphrase: " on the same line."""
    import getpass

    from mlcoach.cli.main import ask_secret
    from mlcoach.domain.errors import UsageError

    def ctrl_d(prompt: str) -> str:
        sys.stderr.write(prompt)
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", ctrl_d)
    with pytest.raises(UsageError, match="nothing was typed"):
        ask_secret("mlcoach passphrase: ")
    assert capsys.readouterr().err == "mlcoach passphrase: \n"


def test_calendar_says_so_in_its_exit_code_when_nothing_could_be_read(cli_env, tmp_path):
    """`calendar --eds` with Evolution out of reach printed "[]" or "no calendar entries"
    and exited 0, as if the day were free; so did the calendar chosen in Settings when it
    could not be read. One source read is enough for 0 (the other's line still says why)."""
    cal = tmp_path / "day.ics"
    cal.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Team sync\r\n"
                   "DTSTART:20261124T100000Z\r\nDTEND:20261124T103000Z\r\nEND:VEVENT\r\n"
                   "END:VCALENDAR\r\n")
    window = ("--from", "2026-11-24", "--to", "2026-11-25")
    res = run_cli(cli_env, "calendar", "--eds", "--json", *window)  # no session bus
    assert res.returncode == 1 and res.stdout == "", res
    assert "session bus" in res.stderr
    both = run_cli(cli_env, "calendar", str(cal), "--eds", "--json", *window)
    assert both.returncode == 0 and [m["summary"] for m in json.loads(both.stdout)] == \
        ["Team sync"]
    assert "session bus" in both.stderr


def test_text_given_as_a_dash_is_read_from_standard_input(cli_env):
    """What is on a command line shows in `ps` and /proc to every local user: a note about
    a colleague given as "-" is read from standard input instead, and stored as typed."""
    res = run_cli(cli_env, "capture", "-", "--kind", "support",
                  input="Stayed with Ana through the outage @Ana #oncall\n")
    assert res.returncode == 0, res.stderr
    res = run_cli(cli_env, "people", "add", "Bo", "--notes", "-",
                  input="Going through a divorce; keep Fridays light.\n")
    assert res.returncode == 0, res.stderr
    res = run_cli(cli_env, "suggest", "--change", "-", "--style", "facts", "--json",
                  input="move standup to 10\n")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["change"] == "move standup to 10"
    doc = json.loads(run_cli(cli_env, "export", "--format", "json").stdout)
    (moment,) = doc["moments"]
    assert (moment["text"], moment["person"], moment["tags"]) == (
        "Stayed with Ana through the outage", "Ana", ["oncall"])
    assert [p["notes"] for p in doc["people"] if p["name"] == "Bo"] == [
        "Going through a divorce; keep Fridays light."]


@pytest.mark.parametrize("args, stdin, fragment", [
    (["capture", "-"], "  \n", "the moment on standard input is empty"),
    (["people", "add", "Bo", "--notes", "-"], "x" * 1_000_001,
     "longer than 1000000 characters"),
])
def test_a_dash_with_nothing_or_too_much_on_standard_input_changes_nothing(
        cli_env, args, stdin, fragment):
    run_cli(cli_env, "capture", "first")  # a store to leave as it was
    res = run_cli(cli_env, *args, input=stdin)
    assert res.returncode == 2
    assert fragment in res.stderr and res.stderr.count("\n") == 1
    doc = json.loads(run_cli(cli_env, "export", "--format", "json").stdout)
    assert [m["text"] for m in doc["moments"]] == ["first"] and doc["people"] == []


@pytest.mark.parametrize(("pack", "english", "turkish"), [
    ('[[prompt]]\nid = "mine-1"\ntheme = "recognition"\n[prompt.en]\ntext = "Thank someone"\n',
     'pack.toml: prompt "mine-1": field "en.try": missing',
     'pack.toml: "mine-1" hatırlatması: "en.try" alanı: eksik'),
    ('[[prompt]]\nid = "mine-1"\ntheme = "lunch"\n',
     'pack.toml: prompt "mine-1": field "theme": unknown theme "lunch" (known: recognition,',
     'pack.toml: "mine-1" hatırlatması: "theme" alanı: bilinmeyen tema "lunch" (bilinenler: '
     'recognition,'),
    ('prompt = 3\n', 'pack.toml: field "prompt": expected [[prompt]] tables, got an integer',
     'pack.toml: "prompt" alanı: [[prompt]] tabloları bekleniyordu, tam sayı geldi'),
])
def test_a_prompt_pack_refused_says_why_in_the_users_language(cli_env, tmp_path, pack,
                                                              english, turkish):
    """A pack's errors were English under a Turkish locale, while the rest of the command
    line speaks Turkish."""
    path = tmp_path / "pack.toml"
    path.write_text(pack)
    turkish_env = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}
    for env, expected in ((cli_env, english), (turkish_env, turkish)):
        res = run_cli(env, "prompts", "validate", str(path))
        assert res.returncode == 1 and res.stderr.count("\n") == 1, res.stderr
        assert expected in res.stderr, res.stderr


def test_a_reflection_deleted_while_reflect_asks_is_not_saved_back_empty(cli_env):
    """`reflect --text` read today's reflection, History deleted it, and Enter was pressed
    at every question (keep what was written): an empty reflection was saved for the
    day. Nothing is saved now, and it says why."""
    assert run_cli(cli_env, "reflect", "--text", input="3\nCalm demo\n\nRest\n").returncode == 0
    asking = subprocess.Popen([sys.executable, "-m", "mlcoach", "reflect", "--text"],
                              env=cli_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert asking.stdout is not None and "Reflecting on" in asking.stdout.readline()
        deleted = subprocess.run([sys.executable, "-c", (
            "import os; from datetime import datetime\n"
            "from pathlib import Path\n"
            "from mlcoach.security.keys import OSKeyring\n"
            "from mlcoach.store.vault import Layout, open_store\n"
            "o = open_store(Layout(Path(os.environ['MLCOACH_DATA_DIR'])), keys=OSKeyring())\n"
            "o.store.delete_reflection(o.store.reflections()[0].day)\n"
            "o.store.close()\n")], env=cli_env, capture_output=True, text=True, timeout=60)
        assert deleted.returncode == 0, deleted.stderr
        _out, err = asking.communicate("\n\n\n\n", timeout=60)
    finally:
        asking.kill()
    assert asking.returncode == 1
    assert "today's reflection was deleted while you answered" in err
    doc = json.loads(run_cli(cli_env, "export", "--format", "json").stdout)
    assert doc["reflections"] == []


@pytest.mark.parametrize("tz", ["JST-9", "EST5EDT,M3.2.0,M11.1.0"])
def test_a_posix_tz_rule_shows_the_next_prompt(cli_env, tz):
    """TZ=JST-9 is a POSIX rule `date` reads; `mlcoach prompt` stopped with "unexpected
    error (TypeError: unhashable type: 'tzlocal')" once it planned the day."""
    env = dict(cli_env, TZ=tz)
    assert run_cli(env, "capture", "Thanked Ana").returncode == 0
    for args in (("prompt",), ("prompt", "--json")):
        res = run_cli(env, *args)
        assert res.returncode == 0 and res.stdout.strip() and not res.stderr, res.stderr


def _run_into(env: dict[str, str], sink: int, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI with standard output on `sink`, as a user's shell runs it: buffered (the
    tests' own PYTHONUNBUFFERED hid what a full buffer does at exit)."""
    env = {k: v for k, v in env.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "mlcoach", *args], env=env, stdout=sink,
                          stderr=subprocess.PIPE, text=True, timeout=60)


@pytest.mark.parametrize("args", [("stats",), ("people", "list"), ("--version",),
                                  ("search", "Ana", "--json"), ("capture", "Asked Ana")])
def test_an_output_nobody_reads_or_a_full_disk_ends_in_a_documented_code(cli_env, args):
    """`mlcoach stats | head -0` ended with Python's "Exception ignored in: <_io.TextIOWrapper
    …> BrokenPipeError" and code 120, `mlcoach stats > /dev/full` with "OSError: [Errno 28]"
    and 120: the short output waited in the buffer until exit. A reader gone is no error
    (as for a long export); a full disk is one line and code 1."""
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    assert run_cli(cli_env, "capture", "Thanked @Ana").returncode == 0
    read, write = os.pipe()
    os.close(read)
    try:
        gone = _run_into(cli_env, write, *args)
    finally:
        os.close(write)
    assert gone.returncode == 0 and gone.stderr == "", gone.stderr
    with open("/dev/full", "w") as full:
        res = _run_into(cli_env, full.fileno(), *args)
    assert res.returncode == 1 and len(res.stderr.splitlines()) == 1, res.stderr
    assert res.stderr.startswith("mlcoach: ") and "Exception" not in res.stderr
    assert "No space left on device" in res.stderr


def test_a_usage_error_with_standard_error_full_keeps_its_exit_code(cli_env):
    env = {k: v for k, v in cli_env.items() if k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "mlcoach", "no-such-command"], env=env,
                             stdout=subprocess.PIPE, stderr=full, timeout=60)
    assert res.returncode == 2


@pytest.mark.parametrize(("args", "stdin", "fragment"), [
    (["people", "edit", "Bo", "--notes", "-"], b"Fridays\x00light", "NUL"),
    (["people", "add", "Cy", "--notes", "-"], b"Fridays\x00light", "NUL"),
    (["people", "edit", "Bo", "--notes", "-"], b"caf\xe9 first", "--notes contains characters"),
    (["people", "add", "Cy", "--notes", "-"], b"caf\xe9 first", "--notes contains characters"),
    (["suggest", "--style", "facts", "--change", "-"], b"caf\xe9 first",
     "--change contains characters"),
])
def test_notes_an_import_would_refuse_are_refused_when_typed(cli_env, tmp_path, args, stdin,
                                                             fragment):
    """A NUL in notes read from standard input was kept, and from then on every export was
    refused by `mlcoach import` ("field 'notes' … contains a NUL character"): the user's
    backup of everything could not be brought back. Bytes that are not UTF-8 there ended
    in "unexpected error (UnicodeEncodeError …)". Both are one line, and nothing changes."""
    assert run_cli(cli_env, "people", "add", "Bo", "--notes", "Reads numbers").returncode == 0
    before = run_cli(cli_env, "people", "list", "--json").stdout
    res = subprocess.run([sys.executable, "-m", "mlcoach", *args], env=cli_env, input=stdin,
                         capture_output=True, timeout=60)
    err = res.stderr.decode()
    assert res.returncode == 2 and len(err.splitlines()) == 1 and fragment in err, err
    assert run_cli(cli_env, "people", "list", "--json").stdout == before
    export = tmp_path / "all.json"
    assert run_cli(cli_env, "export", "-o", str(export)).returncode == 0
    elsewhere = dict(cli_env, MLCOACH_DATA_DIR=str(tmp_path / "elsewhere"))
    assert run_cli(elsewhere, "import", str(export)).returncode == 0


@pytest.mark.parametrize(("args", "there"), [
    (("calendar",), True), (("calendar",), False), (("prompts", "validate"), False),
    (("prompts", "import"), False), (("import", "--from", "jrnl"), False),
])
def test_a_file_name_not_in_utf8_is_shown_as_ls_shows_it_by_every_command(cli_env, tmp_path,
                                                                            args, there):
    """`mlcoach calendar $'\\xfe.ics'` (a file that is no calendar) and `prompts validate`
    said "\\udcfe.ics" (Python's lone surrogate) where `import` already said "\\xfe"."""
    name = bytes(tmp_path) + b"/\xfe.ics"
    if there:
        with open(name, "wb") as f:
            f.write(b"not a calendar\n")
    res = subprocess.run([sys.executable, "-m", "mlcoach", *args, name], env=cli_env,
                         capture_output=True, timeout=60, check=False)
    err = res.stderr.decode("utf-8")
    assert res.returncode == 1 and len(err.strip().splitlines()) == 1, err
    assert "\\xfe.ics" in err and "udc" not in err, err


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_database_that_is_no_file_is_said_so_not_waited_on(cli_env, kind):
    """A pipe in place of mlcoach.db held every command for ever (Ctrl+C too): SQLite
    opened it and waited for a writer, first as the store, then as a damaged file to set
    aside. Now one line, and the backups are left as they were."""
    assert run_cli(cli_env, "capture", "Thanked Ana").returncode == 0
    db = Path(cli_env["MLCOACH_DATA_DIR"]) / "mlcoach.db"
    backups = sorted(p.name for p in db.with_name("backups").iterdir())
    db.unlink()
    os.mkfifo(db) if kind == "fifo" else db.mkdir()
    for args in (("capture", "Asked Bo"), ("stats",), ("export",)):
        res = run_cli(cli_env, *args, timeout=30)
        assert res.returncode == 1 and len(res.stderr.splitlines()) == 1, res.stderr
        assert "is not a database file" in res.stderr
    assert sorted(p.name for p in db.with_name("backups").iterdir()) == backups
