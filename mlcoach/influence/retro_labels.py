"""A Turkish start/stop/continue retro's column before the change ("Bırak: cuma
toplantısı", "Başla: kod incelemelerini sabah yapmak", "Devam: haftalık demo"), as English
"Stop: …" is read in `tidying.retro_column`: the column says the kind of change when none
was chosen, and a continue column that what it heads is kept up."""

from __future__ import annotations

import re

from mlcoach.domain.model import ChangeKind

# "Bırak:", "Bırakalım -", "Birak:" (typed without its letters), "Başla:", "Başlayalım:",
# "Durdur:"; "Daha az:", "Daha çok:" say how much, and stay in the words. "Devam:",
# "Devam et:", "Sürdür:" head what the team keeps doing.
_COLUMN = re.compile(
    r"^(?P<col>b[ıi]rak(?:al[ıi]m)?|durdur(?:al[ıi]m)?|ba[şs]la(?:yal[ıi]m)?|"
    r"devam(?:\s+et|\s+edelim)?|s[üu]rd[üu]r(?:elim)?|"
    r"daha\s+(?:az|[çc]ok|fazla))\s*(?::|\s[-–—])\s*(?P<rest>\S.*)$", re.I)


def _lowered(word: str) -> str:
    return word.replace("I", "ı").replace("İ", "i").lower()


def turkish_retro_column(text: str, action: ChangeKind) -> tuple[str, ChangeKind]:
    """The change without its column label, and the kind it says ("Bırak: cuma toplantısı"
    → "cuma toplantısı", to stop) where the change was chosen as a different way of working
    or as that kind; chosen as the other kind, the text stays as typed."""
    match = _COLUMN.match(text.strip())
    if match is None:
        return text, action
    column, rest = _lowered(match["col"]), match["rest"]
    if column.startswith(("devam", "sürdür", "surdur")):
        return rest, action  # kept up, or stopped where a stop was chosen: see `continues`
    if column.startswith("daha"):
        return f"{column.split()[0]} {column.split()[1]} {rest}", action
    said = ChangeKind.START if column.startswith(("baş", "bas")) else ChangeKind.STOP
    if action not in (ChangeKind.DIFFERENTLY, said):
        return text, action  # "Bırak: …" chosen as a start: as typed, nothing guessed
    return rest, said


def continues(text: str, action: ChangeKind) -> bool:
    """Whether `text` is headed by a continue column ("Devam: haftalık demo") and is asked
    as keeping it up: not where a stop was chosen (as English "Keep: …" chosen as a stop)."""
    match = _COLUMN.match(text.strip())
    return match is not None and action is not ChangeKind.STOP \
        and _lowered(match["col"]).startswith(("devam", "sürdür", "surdur"))


def has_turkish_column(text: str) -> bool:
    """Whether `text` starts with a Turkish retro column ("Bırak:", "Devam:", "Daha az:")."""
    return _COLUMN.match(text.strip()) is not None
