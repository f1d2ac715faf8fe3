"""packaging/deb/build.py's fixed choices still match the code (no package is built here;
tests/integration/test_deb.py builds, installs and removes one)."""

from __future__ import annotations

import ast

from tests.integration.test_deb import ROOT, build_script


def test_each_declared_tool_is_still_used_where_the_script_says() -> None:
    # When a library call replaces a program (QtDBus for notify-send, say), this fails
    # until RUNTIME_TOOLS drops the Debian package that only that program needed.
    for package, (evidence, module) in build_script().RUNTIME_TOOLS.items():
        text = (ROOT / module).read_text(encoding="utf-8")
        assert evidence in text, f"{module} no longer uses {evidence}: drop {package}"


def test_the_code_starts_no_program_the_package_does_not_declare() -> None:
    declared = {evidence for evidence, _module in build_script().RUNTIME_TOOLS.values()}
    started: set[str] = set()
    for folder in ("mlcoach", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                # subprocess.run(["prog", ...]) and friends: the first list item
                if isinstance(node, ast.Call) and node.args \
                        and isinstance(node.args[0], ast.List) and node.args[0].elts \
                        and isinstance(node.args[0].elts[0], ast.Constant) \
                        and isinstance(node.args[0].elts[0].value, str) \
                        and getattr(node.func, "attr", "") in ("run", "Popen", "check_output",
                                                              "call", "start", "startDetached"):
                    started.add(node.args[0].elts[0].value)
    assert started <= declared, started - declared


def test_launcher_isolates_python_and_finds_the_private_libraries() -> None:
    script = build_script()
    text = script.launcher()
    first, _, body = text.partition("\n")
    assert first == "#!/usr/bin/python3 -IS"  # no user site, no dist-packages, no PYTHON*
    ast.parse(body)
    assert f'site.addsitedir("/{script.SITE}")' in body
    assert "from mlcoach.cli.main import main" in body
