"""The base class every check builds on: one job, one batch method."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from mtqa.types import EMPTY_RESULT, CheckResult, Flag, Segment, Severity


@dataclass(frozen=True)
class Languages:
    src: str = "ru"
    tgt: str = "en"


class Check(ABC):
    """A family of evidence about translations.

    Subclasses set ``name`` and ``needs`` (segment fields that must be present, e.g. ``("src",)``)
    and implement :meth:`check_batch`. :meth:`run` batches segments sorted by length and returns
    results in input order; segments that lack a needed field get an empty result.
    """

    name: ClassVar[str]
    version: ClassVar[str] = "1"
    needs: ClassVar[tuple[str, ...]] = ()
    # Target languages the check supports; None means any.
    target_langs: ClassVar[frozenset[str] | None] = None
    batch_size: ClassVar[int] = 64
    # True when a segment's result depends on its mt, src and ref alone (not on the other
    # segments of the batch): the pipeline then checks identical segments once.
    per_segment: ClassVar[bool] = False

    def __init__(self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()):
        self.params: dict[str, Any] = dict(params or {})
        self.langs = langs

    @classmethod
    def supports(cls, langs: Languages) -> bool:
        return cls.target_langs is None or langs.tgt in cls.target_langs

    def resources(self) -> str:
        """Names and versions of what this check reads (for the result signature)."""
        return ""

    def signature(self) -> str:
        res = self.resources()
        return f"{self.name}@{self.version}" + (f"[{res}]" if res else "")

    def param(self, key: str, default: Any) -> Any:
        return self.params.get(key, default)

    def params_with(self, defaults: Mapping[str, Any]) -> dict[str, Any]:
        """Every key of ``defaults``, with the value from the calibration file where it has one."""
        return {k: self.param(k, v) for k, v in defaults.items()}

    @abstractmethod
    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        """One result per segment, same order; every segment here has the fields in ``needs``."""

    def run(self, segments: Sequence[Segment]) -> list[CheckResult]:
        results: list[CheckResult] = [EMPTY_RESULT] * len(segments)
        usable = [i for i, s in enumerate(segments) if all(s.has(f) for f in self.needs)]
        usable.sort(key=lambda i: len(segments[i].mt))
        for b in range(0, len(usable), self.batch_size):
            idx = usable[b : b + self.batch_size]
            out = self.check_batch([segments[i] for i in idx])
            if len(out) != len(idx):
                raise RuntimeError(f"check {self.name} returned {len(out)} results for {len(idx)}")
            for i, r in zip(idx, out):
                results[i] = r
        return results

    def flag(
        self,
        seg: Segment,
        start: int,
        end: int,
        *,
        category: str,
        severity: Severity,
        confidence: float,
        message: str,
        suggestion: str | None = None,
    ) -> Flag:
        """Build a flag on ``seg.mt[start:end]`` credited to this check."""
        return Flag(
            start=start,
            end=end,
            text=seg.mt[start:end],
            category=category,
            severity=severity,
            confidence=max(0.0, min(1.0, confidence)),
            message=message,
            check=self.name,
            suggestion=suggestion,
        )


def severity_for(value: float, thresholds: Mapping[str, float]) -> Severity | None:
    """Map a badness value to a severity, given ascending thresholds {minor, major, critical}."""
    chosen: Severity | None = None
    for sev in ("minor", "major", "critical"):
        limit = thresholds.get(sev)
        if limit is not None and value >= limit:
            chosen = sev
    return chosen
