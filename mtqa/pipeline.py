"""Runs the configured checks over segments and combines their evidence into results."""

from __future__ import annotations

import gc
import math
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import metadata
from typing import Any

from mtqa.calibration import Calibration, shipped_calibration
from mtqa.checks import Check, CheckSelection, Languages, check_class, select_checks
from mtqa.corroborate import corroborate
from mtqa.types import (
    SEVERITIES,
    SEVERITY_RANK,
    CheckResult,
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


_WARNED: set[str] = set()


def warn_fallback(selection: CheckSelection) -> None:
    """One stderr line per process when the default profile had to leave its neural checks out."""
    if selection.fallback is None or selection.fallback in _WARNED:
        return
    _WARNED.add(selection.fallback)
    print(
        f"mtqa: warning: running the offline profile, not the default ({selection.fallback}); "
        "quality is weaker without the neural model (see docs/install.md)",
        file=sys.stderr,
    )


# Checking allocates millions of small objects, most of which the per-word caches keep for good;
# with Python's default first collector threshold (700 allocations) the collector re-scans those
# caches over and over (about a sixth of the offline profile's CPU time on news). While segments
# are checked the threshold is raised to this; cycles are still collected, less often.
GC_THRESHOLD = 100_000
_gc_lock = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's first threshold to GC_THRESHOLD for the duration (never lower it);
    the caller's setting comes back when the last concurrent user leaves."""
    global _gc_users, _gc_saved
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            first, *rest = _gc_saved
            if 0 < first < GC_THRESHOLD:
                gc.set_threshold(GC_THRESHOLD, *rest)
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_saved is not None:
                gc.set_threshold(*_gc_saved)
                _gc_saved = None


class Checker:
    """Loads checks once and scores any number of segments or documents with them.

    ``checks``: check or profile names (see :mod:`mtqa.checks`); None is the default profile.
    """

    block_size = 1024

    def __init__(
        self,
        checks: Sequence[str] | None = None,
        langs: Languages = Languages(),
        calibration: Calibration | None = None,
        extra: Sequence[Check] = (),
    ) -> None:
        self.langs = langs
        self.selection = select_checks(checks)
        warn_fallback(self.selection)
        names = list(self.selection.names)
        self.calibration = calibration or shipped_calibration(names)
        self.checks: list[Check] = []
        for name in names:
            cls = check_class(name)
            if cls.supports(langs):
                self.checks.append(cls(self.calibration.check_params(name), langs))
        self.checks.extend(extra)
        # Checks that read the source: on the very same words their flag speaks for both.
        self._sourced = frozenset(c.name for c in self.checks if "src" in c.needs)
        # Which check produced each score name (filled as they come): a calibration can leave
        # out one check's evidence (see Calibration.combiner).
        self.score_owners: dict[str, str] = {}
        parts = [
            f"mtqa:{_version()}",
            f"{langs.src}-{langs.tgt}",
            "checks:" + "+".join(c.signature() for c in self.checks),
            f"cal:{self.calibration.label}-{self.calibration.digest}",
        ]
        if self.selection.signature:
            parts.append(self.selection.signature)
        self.signature = "|".join(parts)

    def check_segments(self, segments: Sequence[Segment]) -> list[SentenceResult]:
        # Blocks keep per-sentence caches (tokens, LM lookups) warm across the checks of a block
        # and bound memory; results do not depend on the block size.
        results: list[SentenceResult] = []
        with fewer_collections():
            for b in range(0, len(segments), self.block_size):
                results.extend(self._check_block(segments[b : b + self.block_size]))
        return results

    def _check_block(self, segments: Sequence[Segment]) -> list[SentenceResult]:
        # Identical segments (same mt, src and ref: boilerplate lines, MT systems that agree)
        # are checked once by every check whose result depends on the segment alone.
        first: dict[tuple[str, str | None, str | None], int] = {}
        distinct: list[Segment] = []
        where: list[int] = []
        for seg in segments:
            key = (seg.mt, seg.src, seg.ref)
            d = first.get(key)
            if d is None:
                d = first[key] = len(distinct)
                distinct.append(seg)
            where.append(d)
        per_check: list[list[CheckResult]] = []
        for check in self.checks:
            if check.per_segment and len(distinct) < len(segments):
                outputs = check.run(distinct)
                per_check.append([outputs[d] for d in where])
            else:
                per_check.append(check.run(segments))
        results = []
        for i, seg in enumerate(segments):
            scores: dict[str, float] = {}
            flags: list[Flag] = []
            for check, outputs in zip(self.checks, per_check):
                scores.update(outputs[i].scores)
                floor = self.calibration.min_confidence(check.name, seg.has("src"))
                flags.extend(f for f in outputs[i].flags if f.confidence >= floor)
                for name in outputs[i].scores:
                    self.score_owners.setdefault(name, check.name)
            # Independent checks agreeing (or not) on the same words (mtqa/corroborate.py).
            flags = corroborate(
                flags,
                {c.name: out[i] for c, out in zip(self.checks, per_check)},
                src=seg.src,
                mt=seg.mt,
            )
            flags = _dedupe(_prefer_sourced(flags, self._sourced))
            quality = self.calibration.score(
                scores, flags, input_mode(seg), self.langs.src, self.score_owners
            )
            results.append(
                SentenceResult(
                    segment=seg,
                    quality=quality,
                    scores=scores,
                    flags=tuple(flags),
                    signature=self.signature,
                    word_tags=tuple(w for out in per_check for w in out[i].word_tags),
                )
            )
        return results

    def check_document(self, segments: Sequence[Segment]) -> DocumentResult:
        sentences = self.check_segments(segments)
        return DocumentResult(
            sentences=tuple(sentences), summary=summarise(sentences), signature=self.signature
        )


# Categories that say the same thing about a span: the language model's odd-pair `collocation`
# flag is weaker evidence of what a dictionary `mistranslation` flag says (and explains).
SAME_FINDING = {"collocation": "mistranslation"}


def _family(category: str) -> str:
    return SAME_FINDING.get(category, category)


def _prefer_sourced(flags: list[Flag], sourced: frozenset[str]) -> list[Flag]:
    """Of two flags on the very same words and of one category, one from a check that read the
    source and one from a check that did not, keep the first — its message and suggestion come
    from the source ("Kianu": «Киану» → "Keanu", where the word list alone guessed "Kian") — at
    the more severe of the two severities and the higher confidence: two checks agree the words
    are wrong, and only one of them knows what the source says. Not when the other check's
    suggestion is a spelling English knows better (:func:`_better_told`)."""
    if len(flags) < 2 or not sourced:
        return flags
    by_span: dict[tuple[int, int, str], list[Flag]] = {}
    for f in flags:
        by_span.setdefault((f.start, f.end, _family(f.category)), []).append(f)
    out: list[Flag] = []
    for group in by_span.values():
        from_src = [f for f in group if f.check in sourced]
        if not from_src or len(from_src) == len(group) or _better_told(group, sourced):
            out += group
            continue
        worst = max(group, key=lambda f: SEVERITY_RANK[f.severity])
        confidence = max(f.confidence for f in group)
        for f in from_src:
            if SEVERITY_RANK[worst.severity] > SEVERITY_RANK[f.severity]:
                f = replace(f, severity=worst.severity)
            out.append(replace(f, confidence=confidence) if f.confidence < confidence else f)
    return out


def _better_told(group: list[Flag], sourced: frozenset[str]) -> bool:
    """Whether a check that did not read the source suggests a spelling English knows better than
    every source-aware suggestion ("Dsseldorf": the word list's "Düsseldorf", not a scheme's
    "Dyusseldorf"); then the flags are left as they are."""
    from mtqa.lexicon.frequency import zipf

    def known(f: Flag) -> float:
        return zipf(f.suggestion) if f.suggestion else -1.0

    best_src = max(known(f) for f in group if f.check in sourced)
    return any(known(f) > best_src for f in group if f.check not in sourced)


def _dedupe(flags: Iterable[Flag]) -> list[Flag]:
    """Order flags by position; of two flags of one category (or of categories that say the same
    thing, SAME_FINDING) where one span contains the other, keep the more severe (then the more
    confident, then the longer) one."""
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
    categories = {_family(f.category) for f in ranked}
    # Fenwick trees over start rank: max end of a prefix; over reversed rank: min end of a suffix
    ends_max = {c: [-1] * (size + 1) for c in categories}
    ends_min = {c: [1 << 62] * (size + 1) for c in categories}
    kept: list[Flag] = []
    for f in ranked:
        hi, lo = ends_max[_family(f.category)], ends_min[_family(f.category)]
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


# The document score: WORST_WEIGHT of it is the mean quality of its worst WORST_SHARE of
# sentences, so a few garbled sentences pull an otherwise clean article down (docs/evaluation-scale.md).
WORST_SHARE = 0.25
WORST_WEIGHT = 0.5


def document_quality(sentences: Sequence[SentenceResult]) -> float | None:
    """The document's quality (0-100), from its sentence qualities q_i and lengths n_i (chars):

        (1 − w) · Σ q_i·n_i / Σ n_i  +  w · mean of the ⌈s·N⌉ lowest q_i

    with w = WORST_WEIGHT (0.5) and s = WORST_SHARE (0.25) of the N sentences (at least one).
    A one-sentence document gets that sentence's quality.
    """
    if not sentences:
        return None
    lengths = [max(1, len(s.segment.mt)) for s in sentences]
    mean = sum(s.quality * n for s, n in zip(sentences, lengths)) / sum(lengths)
    k = max(1, math.ceil(WORST_SHARE * len(sentences)))
    worst = sorted(s.quality for s in sentences)[:k]
    return (1.0 - WORST_WEIGHT) * mean + WORST_WEIGHT * sum(worst) / k


def summarise(sentences: Sequence[SentenceResult]) -> dict[str, Any]:
    counts = dict.fromkeys(SEVERITIES, 0)
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
