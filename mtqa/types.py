"""Plain result types shared by every part of mtqa.

Everything here is a frozen dataclass of plain values: rendering lives in ``mtqa.report``.
Character offsets are Python code-point offsets into ``mt``, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["minor", "major", "critical"]
SEVERITIES: tuple[Severity, ...] = ("minor", "major", "critical")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Segment:
    """One translated sentence with its optional source and reference."""

    index: int
    id: str
    mt: str
    src: str | None = None
    ref: str | None = None
    # Where the sentence sits in its document (paragraph number, character offset), if known.
    paragraph: int = 0
    offset: int = 0

    def has(self, field_name: str) -> bool:
        value = getattr(self, field_name)
        return value is not None and value.strip() != ""


@dataclass(frozen=True)
class Flag:
    """A suspicious span of ``mt``."""

    start: int
    end: int
    text: str
    category: str
    severity: Severity
    confidence: float
    message: str
    check: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "severity": self.severity,
            "confidence": round(self.confidence, 4),
            "message": self.message,
            "suggestion": self.suggestion,
            "check": self.check,
        }


@dataclass(frozen=True)
class CheckResult:
    """What one check says about one segment."""

    scores: dict[str, float] = field(default_factory=dict)
    flags: tuple[Flag, ...] = ()
    # Weaker spans the check found suspicious, below its own flag level: never reported, read by
    # mtqa.corroborate to back up (or fail to back up) other checks' flags on the same words.
    support: tuple[Flag, ...] = ()
    # Words a word tagger tags BAD at its own word-level threshold (punctuation included): never
    # reported, never corroborating; read by the word-tag export for scorers (mtqa.evaluate.wordtags).
    word_tags: tuple[Flag, ...] = ()


EMPTY_RESULT = CheckResult()


@dataclass(frozen=True)
class SentenceResult:
    segment: Segment
    quality: float
    scores: dict[str, float]
    flags: tuple[Flag, ...]
    signature: str
    # Every check's CheckResult.word_tags (not reported, not in to_dict): mtqa.evaluate.wordtags.
    word_tags: tuple[Flag, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        seg = self.segment
        return {
            "id": seg.id,
            "index": seg.index,
            "mt": seg.mt,
            "src": seg.src,
            "ref": seg.ref,
            "quality": round(self.quality, 2),
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "flags": [f.to_dict() for f in self.flags],
            "signature": self.signature,
        }

    def worst_severity(self) -> Severity | None:
        if not self.flags:
            return None
        return max((f.severity for f in self.flags), key=SEVERITY_RANK.__getitem__)


@dataclass(frozen=True)
class DocumentResult:
    sentences: tuple[SentenceResult, ...]
    summary: dict[str, Any]
    signature: str

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary, "sentences": [s.to_dict() for s in self.sentences]}
