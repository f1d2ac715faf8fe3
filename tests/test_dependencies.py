"""pyproject.toml declares exactly the third-party packages the shipped code imports.

A wheel installed by pipx gets only what `[project] dependencies` lists: an import that
is not declared works in the development venv (where the test tools pull it in) and
fails for a user. A declared package nothing imports is weight every user downloads.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("mlcoach", "ui", "resources")  # what the wheel installs
# Declared although no shipped module imports it, and why.
DECLARED_UNUSED = {
    # Read the key from the Secret Service directly (keyring also needs it on Linux).
    "jeepney",
    # Not imported: zoneinfo reads it on Windows, which has no system zone database.
    "tzdata",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _top_level_imports() -> dict[str, list[str]]:
    """Top-level module name -> files importing it, for every absolute import."""
    found: dict[str, list[str]] = {}
    for folder in SHIPPED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split(".")[0], []).append(
                        str(path.relative_to(ROOT)))
    return found


# Standard-library modules of other Python versions, imported where they exist
# (mlcoach/domain/ids.py: _sha256 on 3.11, _sha2 from 3.12).
_STDLIB_ELSEWHERE = {"_sha2"}


def _third_party() -> dict[str, list[str]]:
    return {m: files for m, files in _top_level_imports().items()
            if m not in sys.stdlib_module_names and m not in _STDLIB_ELSEWHERE
            and m != "mlcoach"}


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {_norm(re.match(r"[A-Za-z0-9._-]+", dep).group(0))  # type: ignore[union-attr]
            for dep in project["dependencies"]}


def _distribution(module: str) -> set[str]:
    return {_norm(d) for d in importlib.metadata.packages_distributions().get(module, [])}


def test_every_third_party_import_is_declared() -> None:
    declared = _declared()
    missing = {}
    for module, files in _third_party().items():
        dists = _distribution(module)
        assert dists, f"{module} (imported by {files[0]}) is not installed at all"
        if not dists & declared:
            missing[module] = (sorted(dists), files[0])
    assert not missing, f"imported but not in pyproject's dependencies: {missing}"


def test_nothing_declared_is_left_unused() -> None:
    used: set[str] = set()
    for module in _third_party():
        used |= _distribution(module)
    unused = _declared() - used - DECLARED_UNUSED
    assert not unused, f"declared in pyproject but never imported: {sorted(unused)}"


def test_the_scan_sees_imports_inside_functions_too() -> None:
    # The CLI imports most of the core lazily; a scan of module level only would miss
    # sqlcipher3 (imported inside the store's connect function) and PySide6.
    third = _third_party()
    assert {"sqlcipher3", "PySide6", "keyring", "platformdirs"} <= set(third)
