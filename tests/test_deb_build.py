"""packaging/deb/build.py's fixed choices still match the code (no package is built here;
tests/integration/test_deb.py builds, installs and removes one)."""

from __future__ import annotations

import ast

from tests.integration.test_deb import ROOT, build_script


def test_each_declared_tool_is_still_used_where_the_script_says() -> None:
    # When a library call replaces a program (as QtDBus replaced notify-send), this fails
    # until RUNTIME_TOOLS drops the Debian package that only that program needed.
    for package, (program, module) in build_script().RUNTIME_TOOLS.items():
        text = (ROOT / module).read_text(encoding="utf-8")
        assert f'"{program}"' in text, f"{module} no longer runs {program}: drop {package}"


RUNNERS = {"run", "Popen", "check_output", "check_call", "call", "_ask", "start",
           "startDetached", "execute"}


def _started_programs() -> set[str]:
    """The first word of every literal argument list handed to something that runs it,
    in any position (desktop.py passes its lists through a helper: _ask(run, [...]))."""
    started: set[str] = set()
    for folder in ("mlcoach", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                if getattr(node.func, "attr", getattr(node.func, "id", "")) not in RUNNERS:
                    continue
                for arg in node.args:
                    if isinstance(arg, ast.List) and arg.elts \
                            and isinstance(arg.elts[0], ast.Constant) \
                            and isinstance(arg.elts[0].value, str):
                        started.add(arg.elts[0].value)
    return started


def test_the_code_starts_no_program_the_package_does_not_declare() -> None:
    declared = {program for program, _module in build_script().RUNTIME_TOOLS.values()}
    started = _started_programs()
    assert "xprop" in started  # the scan sees calls made through a helper
    assert started <= declared, started - declared


def test_launcher_isolates_python_and_finds_the_private_libraries() -> None:
    script = build_script()
    text = script.launcher()
    first, _, body = text.partition("\n")
    assert first == "#!/usr/bin/python3 -IS"  # no user site, no dist-packages, no PYTHON*
    ast.parse(body)
    assert f'site.addsitedir("/{script.SITE}")' in body
    assert "from mlcoach.cli.main import main" in body
