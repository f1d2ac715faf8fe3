"""`prompts export --all` writes the library's prompts beside the user's own; that pack,
imported on another machine (or validated), was refused whole at the first library id:
"prompt id 'attention-01' is already used by the built-in library; rename it". The
library's prompts, as the library has them, are skipped now and said so; one changed
under a library id is still refused (CLI in a child process, a real store file)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

MINE = """pack = "mine"
[[prompt]]
id = "thanks-for-the-catch"
theme = "recognition"
[prompt.en]
text = "Thank someone for a review that caught a real bug."
try = "Say which bug, and what it saved."
"""


def _all_with_mine(cli_env: dict[str, str], tmp_path: Path) -> Path:
    mine, pack = tmp_path / "mine.toml", tmp_path / "all.toml"
    mine.write_text(MINE, encoding="utf-8")
    assert run_cli(cli_env, "prompts", "import", str(mine)).returncode == 0
    res = run_cli(cli_env, "prompts", "export", "--all", "-o", str(pack))
    assert res.returncode == 0, res.stderr
    return pack


def _elsewhere(cli_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """Another machine's fresh store."""
    other = {**cli_env, "MLCOACH_DATA_DIR": str(tmp_path / "other")}
    assert run_cli(other, "init", "--no-encryption").returncode == 0
    return other


def _own_ids(env: dict[str, str]) -> list[str]:
    listed = json.loads(run_cli(env, "prompts", "list", "--json").stdout)
    return [p["id"] for p in listed if p["custom"]]


def test_a_pack_of_all_prompts_imports_the_users_own_and_skips_the_librarys(
        cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pack = _all_with_mine(cli_env, tmp_path)
    library = len(json.loads(run_cli(cli_env, "prompts", "list", "--json").stdout)) - 1
    other = _elsewhere(cli_env, tmp_path)
    checked = run_cli(other, "prompts", "validate", str(pack))
    assert (checked.returncode, checked.stdout) == (0, (
        f"{pack}: 1 prompt, all valid; {library} prompts already in the built-in library "
        "will be skipped\n"))
    res = run_cli(other, "prompts", "import", str(pack))
    assert (res.returncode, res.stderr) == (0, "")
    assert res.stdout == (f"imported 1 prompt from {pack}; {library} prompts already in "
                          "the built-in library skipped\n")
    assert _own_ids(other) == ["thanks-for-the-catch"]


def test_a_pack_of_the_library_alone_imports_nothing_and_says_why(cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "library.toml"
    assert run_cli(cli_env, "prompts", "export", "--all", "-o", str(pack)).returncode == 0
    turkish = {**cli_env, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr"}
    for env, said in ((cli_env, "are already in the built-in library (nothing was "
                                "imported)"),
                      (turkish, "yerleşik kitaplıkta zaten var (hiçbir şey içe aktarılmadı)")):
        res = run_cli(env, "prompts", "import", str(pack))
        assert res.returncode == 1 and said in res.stderr and res.stderr.count("\n") == 1
    assert _own_ids(cli_env) == []


def test_a_library_prompt_changed_in_the_pack_is_still_refused(cli_env, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pack = _all_with_mine(cli_env, tmp_path)
    text = pack.read_text(encoding="utf-8")
    first = text.index('text = "', text.index("[[prompt]]")) + len('text = "')
    pack.write_text(text[:first] + "Today, " + text[first:], encoding="utf-8")
    other = _elsewhere(cli_env, tmp_path)
    res = run_cli(other, "prompts", "import", str(pack))
    assert res.returncode == 1
    assert "is already used by the built-in library; rename it (nothing was imported)" \
        in res.stderr
    assert _own_ids(other) == []
