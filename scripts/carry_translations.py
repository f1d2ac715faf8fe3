"""Carry finished translations over to strings whose context changed (a class moved or split).

`make translations` runs lupdate, which marks a string unfinished when its context (the
class name, or translate()'s first argument) is new. This fills such an entry from the
same source text in the catalogue as it was before (git HEAD by default), when every old
context that had it agrees on one translation, or when the `--from NEW=OLD` hint names the
old context to take it from.

Usage: python scripts/carry_translations.py TS [--old FILE] [--from NEW=OLD ...]
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

Key = tuple[str, str]  # (source, comment)
_CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.S)
_MESSAGE = re.compile(r"<message(?: [^>]*)?>.*?</message>", re.S)


def _field(block: str, tag: str) -> str:
    found = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    return html.unescape(found.group(1)) if found else ""


def _unfinished(block: str) -> bool:
    return re.search(r'<translation type="(unfinished|vanished|obsolete)"', block) is not None


def _catalogue(text: str) -> dict[str, dict[Key, str]]:
    """Each context's finished messages, as the raw text lupdate wrote."""
    found: dict[str, dict[Key, str]] = defaultdict(dict)
    for context in _CONTEXT.finditer(text):
        for message in _MESSAGE.finditer(context.group(2)):
            block = message.group(0)
            if not _unfinished(block):
                found[context.group(1)][(_field(block, "source"), _field(block, "comment"))] = block
    return found


def main(argv: list[str]) -> int:
    """Fill unfinished entries of the .ts in place; say what was carried and what was not."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("ts", type=Path)
    parser.add_argument("--old", type=Path, help="the catalogue before (default: git HEAD)")
    parser.add_argument("--from", dest="hints", action="append", default=[],
                        help="NEW=OLD: take NEW context's strings from OLD context first")
    args = parser.parse_args(argv)
    if args.old:
        old_text = args.old.read_text(encoding="utf-8")
    else:
        old_text = subprocess.run(["git", "show", f"HEAD:{args.ts.as_posix()}"], check=True,
                                  capture_output=True, text=True, timeout=30).stdout
    old = _catalogue(old_text)
    hints = dict(h.split("=", 1) for h in args.hints)
    counts = {"carried": 0, "not carried": 0}

    def fill(name: str, block: str) -> str:
        if not _unfinished(block):
            return block
        key = (_field(block, "source"), _field(block, "comment"))
        found = old.get(hints.get(name, ""), {}).get(key) or old.get(name, {}).get(key)
        if found is None:
            options = {c[key] for c in old.values() if key in c}
            found = options.pop() if len(options) == 1 else None
        if found is None:
            counts["not carried"] += 1
            print(f"not carried: {name}: {key[0]!r}", file=sys.stderr)
            return block
        counts["carried"] += 1
        return found

    def context(match: re.Match[str]) -> str:
        name = match.group(1)
        body = _MESSAGE.sub(lambda m: fill(name, m.group(0)), match.group(2))
        return f"<context>\n    <name>{name}</name>{body}</context>"

    text = args.ts.read_text(encoding="utf-8")
    args.ts.write_text(_CONTEXT.sub(context, text), encoding="utf-8")
    print(", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
