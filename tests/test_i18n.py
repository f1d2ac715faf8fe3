"""The core's catalogue (resources/i18n/*.toml): every message the core shows has Turkish."""

from __future__ import annotations

import ast
import string
import tomllib
from datetime import date
from pathlib import Path

import pytest

from mlcoach.domain.errors import MlcoachError, UsageError
from mlcoach.domain.i18n import (
    N_,
    Term,
    catalogue,
    error_text,
    translate,
    ui_language,
    weekday_short,
)

ROOT = Path(__file__).resolve().parents[1]
# Modules only the command line uses: their messages stay in English.
# Every module of mlcoach/cli/ is the command line's own, and so are these.
CLI_ONLY = {"transfer/exporting.py", "__main__.py"} | {
    p.relative_to(ROOT / "mlcoach").as_posix() for p in (ROOT / "mlcoach" / "cli").glob("*.py")}
# ImportError_ is defined in exporting (CLI only) and raised by transfer/journals too.
ERRORS = {"MlcoachError", "UsageError", "StoreLockedError", "NotInitializedError", "ImportError_"}


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    names = set(ERRORS)
    changed = True
    while changed:
        changed = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if (isinstance(node, ast.ClassDef) and node.name not in names
                        and any(isinstance(b, ast.Name) and b.id in names for b in node.bases)):
                    names.add(node.name)
                    changed = True
    return names


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def core_messages() -> tuple[dict[str, str], list[str]]:
    """Every catalogue source in the core (-> where), and error raises that cannot be looked up."""
    core = ROOT / "mlcoach"
    trees = {p: ast.parse(p.read_text("utf-8")) for p in sorted(core.rglob("*.py"))
             if p.relative_to(core).as_posix() not in CLI_ONLY}
    errors = _error_classes(trees)
    found: dict[str, str] = {}
    bad: list[str] = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, where = _callee(node), f"{path.name}:{node.lineno}"
            args: list[ast.expr] = []
            if name in ("N_", "translate") and node.args:
                args = [node.args[0]]
            elif name == "clean_text":
                args = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "what")]
            elif name in errors and node.args:
                first = node.args[0]
                if not isinstance(first, ast.Constant | ast.Name):
                    bad.append(f"{where}: {ast.unparse(first)[:60]}")
                args = [first]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, where)
    return found, bad


def cli_messages() -> set[str]:
    """Messages of the command line's own modules: translated where the catalogue has them."""
    core = ROOT / "mlcoach"
    found: set[str] = set()
    for rel in CLI_ONLY:
        if not (core / rel).exists():
            continue  # listed ahead of a module that lands with another branch
        tree = ast.parse((core / rel).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_error_messages_are_templates_not_built_strings() -> None:
    _, bad = core_messages()
    assert bad == [], "pass the English template and its fields: Error('... {x}', x=x)"


def test_every_core_message_has_turkish_with_the_same_fields() -> None:
    found, _ = core_messages()
    assert len(found) > 40
    turkish = catalogue("tr")
    missing = sorted(f"{where}: {text!r}" for text, where in found.items() if text not in turkish)
    assert missing == []
    wrong = [text for text in found if fields(turkish[text]) != fields(text)]
    assert wrong == []


def test_the_catalogue_has_no_stale_entries() -> None:
    raw = tomllib.loads((ROOT / "resources/i18n/tr.toml").read_text("utf-8"))["messages"]
    found, _ = core_messages()
    assert sorted(set(raw) - set(found) - cli_messages()) == []
    assert all(isinstance(v, str) and v.strip() for v in raw.values())


def test_turkish_is_looked_up_and_filled() -> None:
    assert translate("{count} today", "tr", count=3) == "bugün 3"
    assert translate("{count} today", "en", count=3) == "3 today"
    assert translate("not in the catalogue {x}", "tr", x=1) == "not in the catalogue 1"
    assert weekday_short(date(2025, 6, 12), "tr") == "Per"
    assert weekday_short(date(2025, 6, 12), "en") == "Thu"


def test_errors_keep_english_for_the_cli_and_translate_for_the_ui() -> None:
    exc = UsageError("{what} is empty", what=Term(N_("person name")))
    assert str(exc) == "person name is empty"
    assert error_text(exc, "tr") == "kişi adı boş"
    nested = MlcoachError("{reason}; unlock your keyring, or run `mlcoach recover` with your "
                          "recovery key", reason=MlcoachError(
                              "the system keyring cannot be read: {reason}", reason="locked"))
    assert "locked" in error_text(nested, "tr") and "anahtar" in error_text(nested, "tr")
    assert error_text(ValueError("plain"), "tr") == "plain"


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "tr_TR.UTF-8"}, "tr"), ({"LANGUAGE": "tr:en"}, "tr"), ({"LANG": "de_DE"}, "en"),
    ({"LC_ALL": "C", "LANG": "tr_TR"}, "tr"), ({}, "en"),
])
def test_language_follows_the_environment(env: dict[str, str], expected: str) -> None:
    assert ui_language("", env) == expected
    assert ui_language("en", {"LANG": "tr_TR.UTF-8"}) == "en"


def test_the_tray_status_and_notes_follow_the_language_setting(store) -> None:  # type: ignore[no-untyped-def]
    import random
    from dataclasses import replace
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from mlcoach.coaching.service import Coach

    tz = ZoneInfo("Europe/Istanbul")
    now = datetime(2026, 11, 23, 10, 0, tzinfo=tz)  # a Monday morning
    coach = Coach(store, clock=lambda: now.astimezone(UTC), tz=lambda: tz,
                  rng=random.Random(1), real_clock=lambda: 0.0)
    store.save_settings(replace(store.settings(), language="tr"))
    store.save_reflection(now.date().replace(day=22), energy=3, intention="Ayşe'ye teşekkür et")
    tooltip = coach.status(now).tooltip
    assert tooltip.startswith("mlcoach · ") and tooltip.endswith("bugün 0")
    assert "sonraki hatırlatma" in tooltip or "kapalı" in tooltip
    assert coach.preview(now).note.startswith("Dün niyetiniz şuydu: Ayşe'ye teşekkür et")
    store.save_settings(replace(store.settings(), language="en"))
    coach.reload_settings()
    assert coach.status(now).tooltip.endswith("0 today")


def test_turkish_puts_the_percent_sign_first() -> None:
    """`stats` said "(100%)" under Turkish, where the History window shows "%100"."""
    from mlcoach.domain.i18n import percent

    assert percent(1.0, "tr") == "%100" and percent(0.5, "en") == "50%"
    assert percent(2 / 3, "tr") == "%67"


def test_a_damaged_file_is_said_with_the_way_out() -> None:
    """`stats` on a store with a damaged index page said only "the data file could not be
    read (database disk image is malformed)", with no next step."""
    import sqlite3

    from mlcoach.store.errors import unavailable

    damaged = unavailable(sqlite3.DatabaseError("database disk image is malformed"))
    assert "mlcoach doctor" in str(damaged) and "nothing was changed" in str(damaged)
    assert "mlcoach doctor" in error_text(damaged, "tr")
    other = unavailable(sqlite3.OperationalError("disk I/O error"))
    assert str(other) == "the data file could not be read (disk I/O error)"


def test_an_import_field_error_is_one_message_in_either_language() -> None:
    """An import's most common errors ("moments[3]: field 'created_at' must carry its
    UTC offset") were f-strings: English under a Turkish locale."""
    from mlcoach.transfer import exporting

    doc = {"format": "mlcoach-export", "version": 1, "moments": [
        {"id": "11111111-1111-4111-8111-111111111111", "text": "x", "kind": "other",
         "created_at": "2026-01-02T10:00:00"}]}
    with pytest.raises(MlcoachError) as caught:
        exporting.validate_export(doc)
    assert str(caught.value) == "moments[0]: field 'created_at' must carry its UTC offset"
    assert error_text(caught.value, "tr") == "moments[0]: 'created_at' alanı UTC farkını taşımalı"
