"""Plain result types of the garble generator (frozen dataclasses, no rendering)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mtqa.types import Severity


@dataclass(frozen=True)
class Pair:
    """A clean parallel sentence pair: Russian ``src`` and its correct English ``mt``."""

    src: str
    mt: str
    id: str = ""


@dataclass(frozen=True)
class GarbleSpan:
    """A corrupted stretch of the garbled text: code-point offsets, end exclusive."""

    start: int
    end: int
    family: str
    severity: Severity

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "severity": self.severity,
            "category": self.family,
        }


@dataclass(frozen=True)
class Garble:
    """One corrupted translation: ``mt`` is ``clean`` with the errors in ``spans``."""

    src: str
    clean: str
    mt: str
    family: str
    spans: tuple[GarbleSpan, ...]
    note: str = ""  # what was changed, for people reading the data ("дело: case -> affair")
