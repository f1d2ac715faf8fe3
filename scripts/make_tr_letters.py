"""Write resources/coach/tr_letters.toml: the Turkish words the app's own Turkish text and
word lists use, and the common workplace words of scripts/tr_common_words.txt, for reading
Turkish typed on an ASCII keyboard (mlcoach/influence/letters.py).

Run from the repository root: python scripts/make_tr_letters.py
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

TURKISH = re.compile("[çğıöşüÇĞİÖŞÜ]")
# ASCII examples in the code's comments, and the question particles (read by harmony)
JUNK = frozenset(("kisaltalim", "toplantilari", "olmasin", "aeıiou", "aeıioöuü", "mi", "mu",
                  "miyiz", "misiniz", "miyim", "musunuz", "muyuz", "is", "sure", "um"))
PREFER = ("şu", "şunu", "şunlar", "üç", "tutun")
HEADER = """\
# Türkçe sözcükler: ASCII klavyeyle yazılmış Türkçeyi ("toplantilari kisa tutalim")
# doğru harfleriyle okumak için. scripts/make_tr_letters.py üretir: uygulamanın kendi
# Türkçe metinleri ve sözcük listeleri, ve iş yerinde sık geçen sözcükler.
# plain: Türkçe harfi olmadan doğru yazılan sözcükler ("rapor", "standup"); harfli
# bir sözcükle aynı biçime katlananlar ("ise" / "işe") tahmin edilmez, yazıldığı gibi kalır.
"""


def words_of(text: str) -> set[str]:
    lowered = text.replace("İ", "i").replace("I", "ı").lower()
    return {w for w in re.findall(r"[^\W\d_]+", lowered) if len(w) >= 2}


def strings(node: Any) -> list[str]:
    """Every string in a TOML table but its English ones."""
    if isinstance(node, dict):
        return [s for key, value in node.items() if key != "en" for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return [node] if isinstance(node, str) else []


def listing(name: str, items: list[str]) -> list[str]:
    lines, line = [f"{name} = ["], "  "
    for item in items:
        if len(line) + len(item) + 4 > 95:
            lines.append(line.rstrip())
            line = "  "
        line += f'"{item}", '
    return [*lines, line.rstrip(), "]"]


def main() -> None:
    root = Path("resources")
    words = words_of(Path("scripts/tr_common_words.txt").read_text(encoding="utf-8"))
    sources = [root / "coach/tr.toml", root / "i18n/tr.toml", root / "reflection/questions.toml",
               *sorted((root / "prompts").glob("*.toml"))]
    for path in sources:
        for text in strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            words |= words_of(text)
    proper = set(words)  # the app's own Turkish: its words without letters are right as typed
    for path in sorted(Path("mlcoach/influence").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and TURKISH.search(node.value):
                said = re.sub(r"\\[a-zA-Z]|\(\?[^)]*\)|\[[^\]]*\]", " ", node.value)
                words |= {w for w in words_of(said) if len(w) >= 4}  # not "ıs", "ldı"
    lettered = sorted(w for w in words if TURKISH.search(w) and w not in JUNK)
    plain = sorted(w for w in proper if not TURKISH.search(w) and w not in JUNK)
    out = [HEADER, *listing("words", lettered), *listing("plain", plain),
           '# where two words fold alike, these win: "su" in a change at work is "şu"',
           "prefer = [" + ", ".join(f'"{w}"' for w in PREFER) + "]"]
    Path("resources/coach/tr_letters.toml").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
