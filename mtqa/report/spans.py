"""Which stretches of a sentence to highlight when flags overlap: every flag stays visible."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from mtqa.types import SEVERITY_RANK, Flag, Severity


class Piece(NamedTuple):
    """A stretch of text covered by the same flags (the most severe first)."""

    start: int
    end: int
    flags: tuple[Flag, ...]

    @property
    def severity(self) -> Severity:
        return self.flags[0].severity


def markable(flags: Sequence[Flag], length: int) -> list[Flag]:
    """Flags that can be marked in a text of ``length`` (non-empty, inside it)."""
    return [f for f in flags if 0 <= f.start < f.end <= length]


def pieces(flags: Sequence[Flag], length: int) -> list[Piece]:
    """The text cut at every flag boundary; each covered piece with the flags covering it.

    "dual destination" and "destination goods" give three pieces: "dual " (one flag),
    "destination" (both) and " goods" (one): both flags stay visible.
    """
    usable = markable(flags, length)
    cuts = sorted({p for f in usable for p in (f.start, f.end)})
    out: list[Piece] = []
    for a, b in pairwise(cuts):
        covering = [f for f in usable if f.start <= a and b <= f.end]
        if covering:
            covering.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.start, -(f.end - f.start)))
            out.append(Piece(a, b, tuple(covering)))
    return out


def groups(flags: Sequence[Flag], length: int) -> list[Piece]:
    """Overlapping flags merged into one stretch (their union), most severe flag first."""
    usable = sorted(markable(flags, length), key=lambda f: (f.start, f.end))
    merged: list[list[Flag]] = []
    end = -1
    for f in usable:
        if merged and f.start < end:
            merged[-1].append(f)
            end = max(end, f.end)
        else:
            merged.append([f])
            end = f.end
    out = []
    for group in merged:
        group.sort(key=lambda f: -SEVERITY_RANK[f.severity])
        out.append(Piece(min(f.start for f in group), max(f.end for f in group), tuple(group)))
    return out
