"""Import direction: ui/ (installed as mlcoach.ui) imports the core, the core never imports Qt.

The source folder mlcoach/ holds only the core: pyproject's package-dir maps ui/ to
mlcoach.ui and resources/ to mlcoach.resources, so nothing under mlcoach/ is Qt code.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "mlcoach"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
UI = "mlcoach.ui"
# The one door from the core into the UI: `mlcoach run` and friends, imported only
# inside the function that starts the desktop app.
LAZY_UI_IMPORTS = {("mlcoach/cli/main.py", "mlcoach.ui.launcher")}


def _core_files() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(module, at module level) for every import statement in `tree`."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((alias.name, top) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module, top))
                found.extend((f"{child.module}.{a.name}", top) for a in child.names)
            visit(child, inner)

    visit(tree, True)
    return found


def _is(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_mlcoach_folder_holds_no_ui_package() -> None:
    assert not (CORE / "ui").exists(), "ui code lives in ui/ (installed as mlcoach.ui)"


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_never_imports_qt_or_the_ui(path: Path) -> None:
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    for module, top in _imports(tree):
        assert not any(_is(module, qt) for qt in QT), f"{rel} imports {module}"
        if _is(module, UI):
            allowed = any(rel == where and _is(module, door) for where, door in LAZY_UI_IMPORTS)
            assert allowed and not top, (
                f"{rel} imports {module}: the core must not depend on the UI")


def test_importing_every_core_module_loads_no_qt() -> None:
    """Also through third-party modules the core imports."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import mlcoach\n"
        "skip = ('mlcoach.store.migrations.env', 'mlcoach.store.migrations.versions.')\n"
        "names = [m.name for m in pkgutil.walk_packages(mlcoach.__path__, 'mlcoach.')\n"
        "         if not m.name.startswith(skip) and not m.name.startswith('mlcoach.ui')\n"
        "         and m.name != 'mlcoach.__main__' and m.name != 'mlcoach.resources']\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.startswith({QT!r}) or m.startswith('{UI}'))\n"
        "print(len(names), bad)\n"
        "sys.exit(1 if bad or len(names) < 10 else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=False)
    assert res.returncode == 0, res.stdout + res.stderr


UI_ROOT = ROOT / "ui"
STORE_INSIDES = ("sqlalchemy", "sqlcipher3", "alembic", "mlcoach.store.models",
                 "mlcoach.store.db")


@pytest.mark.parametrize("path", sorted(UI_ROOT.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_ui_reaches_data_only_through_the_store(path: Path) -> None:
    """The windows use Store methods and domain objects, never SQL or ORM rows.

    import-linter checks the same for the core packages (pyproject's contracts); the UI
    is installed from its own folder, so this test reads its imports directly.
    """
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    for module, _top in _imports(tree):
        assert not any(_is(module, inside) for inside in STORE_INSIDES), (
            f"{rel} imports {module}: ask the store for domain objects instead")


def test_import_linter_contracts_hold(tmp_path: Path) -> None:
    """The layer contracts in pyproject.toml (also run by `make test` directly), over the
    core and ui/ in their installed shape: mlcoach/<core packages> and mlcoach/ui, as
    scripts/typecheck.sh lays them out."""
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.skip("import-linter is not installed in this environment")
    tree = tmp_path / "mlcoach"
    tree.mkdir()
    for entry in (ROOT / "mlcoach").iterdir():
        (tree / entry.name).symlink_to(entry)
    (tree / "ui").symlink_to(ROOT / "ui")
    res = subprocess.run([str(exe), "--no-cache", str(ROOT / "pyproject.toml")], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
