"""Hostile files and outputs: endless import files, a suggestion without its optional style,
CSV cells a spreadsheet would run, Markdown that would come out live, an export aimed at
the data folder, settings that an export and re-import must keep, a one-character
passphrase."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mlcoach.cli.main import main
from mlcoach.security.keys import OSKeyring
from mlcoach.store.vault import Layout
from mlcoach.transfer import exporting

HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
           "\tTAB=1", "\r=1", "＝fullwidth"]
MARKDOWN = ["# Heading", "![img](http://evil.example/p.png)", "[link](http://evil.example)",
            "<script>alert(1)</script>", "`code` **bold**", "> quote", "www.evil.example",
            "1. list", "--- rule", "| table |"]


def _cli(layout: Layout, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(layout.root), *argv], keys=OSKeyring(env={}),
                stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _one_line(code: int, err: str, expected_code: int, *fragments: str) -> None:
    assert code == expected_code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "unexpected error" not in err, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def _doc(**sections: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "mlcoach-export", "version": 1, **sections}


def _import(layout: Layout, tmp_path: Path, doc: dict[str, Any]) -> tuple[int, str, str]:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), "utf-8")
    return _cli(layout, "import", str(path))


def _hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


# -- endless files -------------------------------------------------------------------------

def test_import_from_dev_zero_stops_at_the_limit(opened, layout, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(exporting, "MAX_IMPORT_BYTES", 1024 * 1024)
    code, _, err = _cli(layout, "import", "/dev/zero")
    _one_line(code, err, 1, "too large")


@pytest.mark.slow
def test_endless_import_sources_in_a_real_process_use_bounded_memory(cli_env) -> None:  # type: ignore[no-untyped-def]
    """`mlcoach import /dev/zero` and `yes | mlcoach import /dev/stdin`, under a 1 GB
    address-space limit: each is refused in one line instead of reading forever."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    argv = [sys.executable, "-m", "mlcoach", "import"]
    zero = subprocess.run([*argv, "/dev/zero"], env=cli_env, capture_output=True, text=True,
                          timeout=120, preexec_fn=limit)
    _one_line(zero.returncode, zero.stderr, 1, "too large")
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        piped = subprocess.run([*argv, "/dev/stdin"], env=cli_env, stdin=yes.stdout,
                               capture_output=True, text=True, timeout=120, preexec_fn=limit)
    finally:
        yes.kill()
        yes.wait()
    _one_line(piped.returncode, piped.stderr, 1, "too large")


# -- optional fields -----------------------------------------------------------------------

def test_a_suggestion_without_its_optional_style_imports(opened, layout, tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(suggestions=[{"id": "s1", "created_at": "2026-01-02T10:00:00+00:00",
                             "change": "share the plan earlier", "text": "", "action": "start",
                             "size": "small"}])
    code, out, err = _import(layout, tmp_path, doc)
    assert (code, err) == (0, ""), err
    assert "imported 1 suggestion" in out
    exported = json.loads(_cli(layout, "export")[1])
    from mlcoach.transfer.exporting import canonical_id

    assert [(s["id"], s["style"]) for s in exported["suggestions"]] == [
        (canonical_id("s1"), None)]


# -- CSV and Markdown ----------------------------------------------------------------------

def _hostile_doc() -> dict[str, Any]:
    moments, people = [], []
    for i, value in enumerate(HOSTILE + MARKDOWN):
        people.append({"id": f"p{i}", "name": value, "created_at": "2026-01-01T09:00:00+00:00",
                       "notes": value})
        moments.append({"id": f"m{i}", "created_at": "2026-01-02T10:00:00+00:00",
                        "text": value, "kind": "other", "person": value,
                        "tags": [value.replace(" ", "").replace("\t", "").replace("\r", "")]})
    reflections = [{"id": "r1", "day": "2026-01-02", "created_at": "2026-01-02T17:00:00+00:00",
                    "went_well": "=1+1", "differently": "# not a heading",
                    "intention": "![x](http://evil.example/i.png)"}]
    return _doc(people=people, moments=moments, reflections=reflections)


def test_csv_export_escapes_every_cell_a_spreadsheet_would_run(opened, layout, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _import(layout, tmp_path, _hostile_doc())
    assert code == 0, err
    code, out, err = _cli(layout, "export", "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) > len(HOSTILE) * 2
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r", "＝")]
    assert dangerous == []
    # Escaped, not dropped: the text is all there after the quote.
    for value in HOSTILE:
        assert "'" + value in cells


def test_markdown_export_shows_hostile_text_literally(opened, layout, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = _import(layout, tmp_path, _hostile_doc())
    assert code == 0, err
    code, md, err = _cli(layout, "export", "--format", "md")
    assert code == 0, err
    headings = [line for line in md.splitlines() if line.lstrip().startswith(("#", ">", "|"))]
    assert headings == ["# mlcoach journal", "## 2026-01-02"], headings
    for live in ("![", "](", "<script", "<b", "http://", "www.evil", "`code`", "**bold**"):
        assert live not in md, live
    assert "\\# Heading" in md and "&lt;script&gt;" not in md and "&lt;script\\>" in md


# -- where an export may go ----------------------------------------------------------------

@pytest.mark.parametrize("target", ["store.json", "mlcoach.db", "backups/x.json", "new.json",
                                    "."])
def test_export_into_the_data_folder_is_refused(opened, layout, tmp_path, target: str) -> None:  # type: ignore[no-untyped-def]
    before = _hashes(layout.root)
    code, _, err = _cli(layout, "export", "-o", str(layout.root / target))
    _one_line(code, err, 2, "data folder")
    alias = tmp_path / "alias"
    alias.symlink_to(layout.root)
    code, _, err = _cli(layout, "export", "-o", str(alias / target))
    _one_line(code, err, 2, "data folder")
    assert _hashes(layout.root) == before
    code, _, err = _cli(layout, "export", "-o", str(tmp_path / "elsewhere.json"))
    assert code == 0, err


# -- settings ------------------------------------------------------------------------------

def test_settings_round_trip_through_export_and_import(opened, layout, tmp_path,  # type: ignore[no-untyped-def]
                                                       memory_keyring) -> None:
    from dataclasses import replace
    from datetime import time

    store = opened.store
    store.save_settings(replace(store.settings(), prompts_per_day=2, day_start=time(7, 30),
                                launch_at_login=True))
    exported = tmp_path / "export.json"
    assert _cli(layout, "export", "-o", str(exported))[0] == 0
    other = Layout(tmp_path / "other")
    code, out, err = _cli(other, "import", str(exported))
    assert code == 0, err
    assert "2 settings" in out
    assert "launch_at_login" in out  # about this computer: said, not taken
    from mlcoach.store.vault import open_store

    again = open_store(other, keys=OSKeyring())
    try:
        settings = again.store.settings()
    finally:
        again.store.close()
    assert (settings.prompts_per_day, settings.day_start) == (2, time(7, 30))
    assert settings.launch_at_login is False
    doc = json.loads(exported.read_text("utf-8"))
    doc["settings"] = {"prompts_per_day": "lots", "no_such_setting": 1}
    code, out, err = _import(other, tmp_path, doc)
    assert code == 0, err
    assert "prompts_per_day" in out and "no_such_setting" in out


# -- passphrases ---------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["environment", "stdin"])
def test_a_short_passphrase_is_refused(layout, memory_keyring, monkeypatch, how: str) -> None:  # type: ignore[no-untyped-def]
    if how == "environment":
        monkeypatch.setenv("MLCOACH_PASSPHRASE", "x")
        code, _, err = _cli(layout, "init", "--passphrase")
    else:
        monkeypatch.delenv("MLCOACH_PASSPHRASE", raising=False)
        code, _, err = _cli(layout, "init", "--passphrase", stdin="1234567\n")
    _one_line(code, err, 2, "at least 8 characters")
    assert not layout.meta.exists() and not layout.db.exists()
    monkeypatch.setenv("MLCOACH_PASSPHRASE", "eight ch")
    assert _cli(layout, "init", "--passphrase")[0] == 0
    assert os.path.exists(layout.meta)
