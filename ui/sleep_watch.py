"""Whether the machine slept since the app last looked, from two clocks: one that counts
suspend (boot time) runs ahead of one that does not (monotonic) by the time asleep. No
D-Bus needed (logind's word, ui/wake.py, only says when to look)."""

from __future__ import annotations

from collections.abc import Callable

SLEEP_GAP = 60.0  # seconds the boot clock ran ahead of the steady one: the machine slept


class SleepWatch:
    """Tells whether the machine slept since the last look.

    A clock that counts suspend (`boot`) runs ahead of one that does not (`steady`)
    by the time asleep; no D-Bus needed.
    """

    def __init__(self, boot: Callable[[], float], steady: Callable[[], float]) -> None:
        self._boot, self._steady = boot, steady
        self._marks = (boot(), steady())

    def slept(self) -> float:
        """Seconds asleep since the last call, when more than SLEEP_GAP; else 0."""
        marks = (self._boot(), self._steady())
        gap = (marks[0] - self._marks[0]) - (marks[1] - self._marks[1])
        self._marks = marks
        return gap if gap > SLEEP_GAP else 0.0
