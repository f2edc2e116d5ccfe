"""Span look-ups that stay linear on hostile input (a sentence of 100,000 numbers).

Both claim grammars and the extract stage ask "which span holds this
position?" and "where does the clause before this figure start?" once per
token; a scan from the sentence start each time would be quadratic.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Generic, TypeVar

import regex

LOOKBACK = 200
"""How far back a clause or window search looks: context beyond it never decides a figure."""

AHEAD = 80
"""How far ahead of a figure a match may look: units, bounds and dates after a figure are short."""

T = TypeVar("T")


def last_break(pattern: regex.Pattern[str], text: str, floor: int, position: int) -> int:
    """Where the clause holding `position` starts: just past the last match of a REVERSE pattern, else the floor."""
    low = max(floor, position - LOOKBACK)
    match = pattern.search(text, low, position)
    return match.end() if match else low


class SpanIndex(Generic[T]):
    """Spans sorted by start, each with a payload; finds the one holding a position in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        self.spans = sorted(spans, key=lambda s: (s[0], -s[1]))
        self.starts = [s[0] for s in self.spans]
        self.reach: list[int] = []
        furthest = -1
        for start, end, _ in self.spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def holding(self, position: int) -> tuple[int, int, T] | None:
        """The first-starting span with start <= position < end, if any."""
        index = bisect_right(self.starts, position) - 1
        if index < 0 or self.reach[index] <= position:
            return None
        while index >= 0 and self.reach[index] > position:
            index -= 1
        for k in range(index + 1, len(self.spans)):
            span = self.spans[k]
            if span[0] > position:
                break
            if span[1] > position:
                return span
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span meets [start, end)."""
        index = bisect_right(self.starts, end - 1) - 1
        return index >= 0 and self.reach[index] > start
