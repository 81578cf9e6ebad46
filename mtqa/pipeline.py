"""Runs the configured checks over segments and combines their evidence into results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import metadata
from typing import Any

from mtqa.calibration import Calibration, combination_features, shipped_calibration
from mtqa.checks import DEFAULT_CHECKS, Check, Languages, check_class
from mtqa.types import (
    SEVERITIES,
    SEVERITY_RANK,
    DocumentResult,
    Flag,
    Segment,
    SentenceResult,
)


def _version() -> str:
    try:
        return metadata.version("mtqa")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def input_mode(seg: Segment) -> str:
    """Which inputs a segment has: 'mt', 'mt+src', 'mt+ref' or 'mt+src+ref'."""
    mode = "mt"
    if seg.has("src"):
        mode += "+src"
    if seg.has("ref"):
        mode += "+ref"
    return mode


class Checker:
    """Loads checks once and scores any number of segments or documents with them."""

    block_size = 1024

    def __init__(
        self,
        checks: Sequence[str] | None = None,
        langs: Languages = Languages(),
        calibration: Calibration | None = None,
        extra: Sequence[Check] = (),
    ) -> None:
        self.langs = langs
        names = list(checks) if checks is not None else list(DEFAULT_CHECKS)
        self.calibration = calibration or shipped_calibration(names)
        self.checks: list[Check] = []
        for name in names:
            cls = check_class(name)
            if cls.supports(langs):
                self.checks.append(cls(self.calibration.check_params(name), langs))
        self.checks.extend(extra)
        parts = [
            f"mtqa:{_version()}",
            f"{langs.src}-{langs.tgt}",
            "checks:" + "+".join(c.signature() for c in self.checks),
            f"cal:{self.calibration.label}-{self.calibration.digest}",
        ]
        self.signature = "|".join(parts)

    def check_segments(self, segments: Sequence[Segment]) -> list[SentenceResult]:
        # Blocks keep per-sentence caches (tokens, LM lookups) warm across the checks of a block
        # and bound memory; results do not depend on the block size.
        results: list[SentenceResult] = []
        for b in range(0, len(segments), self.block_size):
            results.extend(self._check_block(segments[b : b + self.block_size]))
        return results

    def _check_block(self, segments: Sequence[Segment]) -> list[SentenceResult]:
        per_check = [check.run(segments) for check in self.checks]
        results = []
        for i, seg in enumerate(segments):
            scores: dict[str, float] = {}
            flags: list[Flag] = []
            for outputs in per_check:
                scores.update(outputs[i].scores)
                flags.extend(outputs[i].flags)
            flags = _dedupe(flags)
            features = combination_features(scores, flags)
            quality = self.calibration.quality(features, input_mode(seg))
            results.append(
                SentenceResult(
                    segment=seg,
                    quality=quality,
                    scores=scores,
                    flags=tuple(flags),
                    signature=self.signature,
                )
            )
        return results

    def check_document(self, segments: Sequence[Segment]) -> DocumentResult:
        sentences = self.check_segments(segments)
        return DocumentResult(
            sentences=tuple(sentences), summary=summarise(sentences), signature=self.signature
        )


def _dedupe(flags: Iterable[Flag]) -> list[Flag]:
    """Order flags by position; of two flags of one category where one span contains the other,
    keep the more severe (then the more confident, then the longer) one."""
    ranked = sorted(
        flags, key=lambda f: (-SEVERITY_RANK[f.severity], -f.confidence, f.start - f.end, f.start)
    )
    # Per category, the kept spans indexed by start: "a kept span starting at or before f's start
    # ends at or after f's end" (it contains f) and "one starting at or after it ends at or before
    # f's end" (f contains it) are prefix-max and suffix-min queries, O(log n) each, so a sentence
    # with tens of thousands of flags is not quadratic.
    starts = sorted({f.start for f in ranked})
    rank = {s: i + 1 for i, s in enumerate(starts)}
    size = len(starts)
    categories = {f.category for f in ranked}
    # Fenwick trees over start rank: max end of a prefix; over reversed rank: min end of a suffix
    ends_max = {c: [-1] * (size + 1) for c in categories}
    ends_min = {c: [1 << 62] * (size + 1) for c in categories}
    kept: list[Flag] = []
    for f in ranked:
        hi, lo = ends_max[f.category], ends_min[f.category]
        r, best_end = rank[f.start], -1
        while r:
            best_end, r = max(best_end, hi[r]), r & (r - 1)
        r, least_end = size + 1 - rank[f.start], 1 << 62
        while r:
            least_end, r = min(least_end, lo[r]), r & (r - 1)
        if best_end >= f.end or least_end <= f.end:
            continue
        kept.append(f)
        r = rank[f.start]
        while r <= size:
            hi[r], r = max(hi[r], f.end), r + (r & -r)
        r = size + 1 - rank[f.start]
        while r <= size:
            lo[r], r = min(lo[r], f.end), r + (r & -r)
    return sorted(kept, key=lambda f: (f.start, f.end, f.check))


def document_quality(sentences: Sequence[SentenceResult]) -> float | None:
    """The document's quality: the mean of sentence qualities weighted by sentence length (chars)."""
    total = sum(max(1, len(s.segment.mt)) for s in sentences)
    if not total:
        return None
    return sum(s.quality * max(1, len(s.segment.mt)) for s in sentences) / total


def summarise(sentences: Sequence[SentenceResult]) -> dict[str, Any]:
    counts = {s: 0 for s in SEVERITIES}
    categories: dict[str, int] = {}
    for s in sentences:
        for f in s.flags:
            counts[f.severity] += 1
            categories[f.category] = categories.get(f.category, 0) + 1
    quality = document_quality(sentences)
    worst = min(sentences, key=lambda s: s.quality) if sentences else None
    return {
        "quality": None if quality is None else round(quality, 2),
        "sentences": len(sentences),
        "flagged_sentences": sum(1 for s in sentences if s.flags),
        "flags": counts,
        "categories": dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
        "min_quality": None if worst is None else round(worst.quality, 2),
        "worst_index": None if worst is None else worst.segment.index,
        "signature": sentences[0].signature if sentences else None,
    }
