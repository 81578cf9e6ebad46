"""Run mtqa over human-labelled rows and measure its agreement with the labels.

Rows are grouped by (dataset, language pair, split). Within a group, every number in ``scores``
and the combined ``quality`` are correlated with the human ``score``; flags are compared with
the human word tags and spans; contrastive rows (``mt_good`` vs ``mt``) give pairwise accuracy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from mtqa.calibration import Calibration
from mtqa.evaluate.dataset import EvalRow
from mtqa.evaluate.metrics import (
    CORRELATIONS,
    Estimate,
    SpanScores,
    TagScores,
    bootstrap,
    pairwise_accuracy,
    span_scores,
    tag_scores,
)
from mtqa.evaluate.wordtags import resolve as resolve_word_rule, word_tags
from mtqa.types import Segment, SentenceResult

QUALITY = "quality"
# Scores where lower means better, for pairwise accuracy when the calibration gives no direction.
LOWER_IS_BETTER = frozenset({"ter"})


@dataclass(frozen=True)
class Settings:
    """What to run: check names (None: the default set), inputs to hide, bootstrap size."""

    checks: tuple[str, ...] | None = None
    # Reference models (`--model`, repeatable): each adds the neural checks that fit it.
    models: tuple[str, ...] = ()
    device: str = "auto"
    use_src: bool = True
    use_ref: bool = True
    resamples: int = 1000
    seed: int = 0
    # Scores that get bootstrap intervals (None: all); Kendall on big files makes them costly.
    interval_scores: frozenset[str] | None = None
    # How results become word tags (mtqa.evaluate.wordtags): "auto" (by the gold tags' origin),
    # "export" (word taggers' words and flags at major or worse) or "flags" (any flag's tokens).
    word_tags: str = "auto"


@dataclass
class Scored:
    """mtqa's output for the rows of one language pair, in row order."""

    rows: list[EvalRow]
    results: list[SentenceResult]
    good: list[SentenceResult | None]  # the result for ``mt_good`` of contrastive rows
    signature: str
    score_owners: dict[str, str] = field(default_factory=dict)  # score name → check


@dataclass(frozen=True)
class GroupReport:
    dataset: str
    lang_pair: str
    split: str
    inputs: str
    rows: int
    sentence: dict[str, dict[str, Estimate]] = field(default_factory=dict)
    word: TagScores | None = None
    word_rule: str = "flags"  # how results became word tags (mtqa.evaluate.wordtags)
    span: SpanScores | None = None
    pairs: dict[str, dict[str, float | int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "lang_pair": self.lang_pair,
            "split": self.split,
            "inputs": self.inputs,
            "rows": self.rows,
            "sentence": {
                name: {m: e.to_dict() for m, e in stats.items()}
                for name, stats in self.sentence.items()
            },
            "word": None if self.word is None else {**self.word.to_dict(), "rule": self.word_rule},
            "span": None if self.span is None else self.span.to_dict(),
            "pairs": {
                name: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in d.items()}
                for name, d in self.pairs.items()
            },
        }


def split_lang_pair(lang_pair: str) -> tuple[str, str]:
    src, _, tgt = lang_pair.partition("-")
    return (src or "ru"), (tgt or "en")


def build_checker(
    lang_pair: str, settings: Settings, calibration: Calibration | None, has_src: bool = True
) -> Any:
    """A Checker for one language pair; each ``--model`` adds the neural checks that fit it, as in
    ``mtqa check`` (a missing model is a ModelError, never a silent no-op)."""
    from mtqa.checks import Check, Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    src, tgt = split_lang_pair(lang_pair)
    langs = Languages(src=src, tgt=tgt)
    names = list(settings.checks) if settings.checks is not None else None
    extra: list[Check] = []
    if settings.models:
        from mtqa.checks.neural import model_checks

        probe = [Segment(index=0, id="probe", mt="-", src="-" if has_src else None)]
        names, extra = model_checks(settings.models, settings.device, langs, probe, names)
    return Checker(checks=names, langs=langs, calibration=calibration, extra=extra)


def input_mode(settings: Settings, rows: Sequence[EvalRow]) -> str:
    """The inputs the checks saw: 'mt', 'mt+src', 'mt+ref' or 'mt+src+ref' (any row having it)."""
    mode = "mt"
    if settings.use_src and any(r.src for r in rows):
        mode += "+src"
    if settings.use_ref and any(r.ref for r in rows):
        mode += "+ref"
    return mode


class _UniqueSegments:
    """Segments to score, each distinct (mt, visible src, visible ref) once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.segments: list[Segment] = []
        self._index: dict[tuple[str, str | None, str | None], int] = {}

    def index_of(self, mt: str, row: EvalRow) -> int:
        src = row.src if self.settings.use_src else None
        ref = row.ref if self.settings.use_ref else None
        key = (mt, src, ref)
        if key not in self._index:
            self._index[key] = len(self.segments)
            self.segments.append(
                Segment(index=len(self.segments), id=row.id, mt=mt, src=src, ref=ref)
            )
        return self._index[key]


def score_rows(
    rows: Sequence[EvalRow],
    settings: Settings,
    calibration: Calibration | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Scored]:
    """Run the checks over all rows (and contrastive twins), grouped by language pair.

    Identical (mt, src, ref) inputs are scored once: contrastive files repeat ``mt_good``.
    """
    by_pair: dict[str, list[EvalRow]] = {}
    for r in rows:
        by_pair.setdefault(r.lang_pair, []).append(r)
    out: dict[str, Scored] = {}
    for lang_pair, pair_rows in by_pair.items():
        has_src = settings.use_src and any(r.src for r in pair_rows)
        checker = build_checker(lang_pair, settings, calibration, has_src)
        segments = _UniqueSegments(settings)
        mt_idx = [segments.index_of(r.mt, r) for r in pair_rows]
        good_idx = [segments.index_of(r.mt_good, r) if r.mt_good else None for r in pair_rows]
        results: list[SentenceResult] = []
        step = 256  # chunks keep memory flat and let a caller show progress
        todo = segments.segments
        for b in range(0, len(todo), step):
            results.extend(checker.check_segments(todo[b : b + step]))
            if progress is not None:
                progress(min(len(todo), b + step))
        out[lang_pair] = Scored(
            rows=list(pair_rows),
            results=[results[i] for i in mt_idx],
            good=[results[i] if i is not None else None for i in good_idx],
            signature=checker.signature,
            score_owners=dict(checker.score_owners),
        )
    return out


def _orientation(calibration: Calibration | None, inputs: str) -> dict[str, float]:
    """+1/−1 per score: its ``direction`` in the combination model (the sign of its correlation
    with the human labels it was fitted on; unknown: not listed)."""
    if calibration is None:
        return {}
    direction = calibration.model_for(inputs).get("direction", {})
    return {name: (1.0 if d >= 0 else -1.0) for name, d in direction.items()}


def score_names(results: Sequence[SentenceResult]) -> list[str]:
    names: set[str] = set()
    for r in results:
        names.update(r.scores)
    return [QUALITY, *sorted(names)]


def _value(result: SentenceResult, name: str) -> float:
    if name == QUALITY:
        return result.quality
    return result.scores.get(name, math.nan)


def evaluate_group(
    rows: Sequence[EvalRow],
    results: Sequence[SentenceResult],
    good: Sequence[SentenceResult | None],
    settings: Settings,
    calibration: Calibration | None = None,
) -> GroupReport:
    first = rows[0]
    inputs = input_mode(settings, rows)
    names = score_names(list(results) + [g for g in good if g is not None])
    sentence: dict[str, dict[str, Estimate]] = {}
    labelled = [i for i, r in enumerate(rows) if r.score is not None]
    if len(labelled) >= 2:
        human = [cast(float, rows[i].score) for i in labelled]  # labelled: score is not None
        for name in names:
            values = [_value(results[i], name) for i in labelled]
            keep = [j for j, v in enumerate(values) if not math.isnan(v)]
            if len(keep) < 2:
                continue
            x = [values[j] for j in keep]
            y = [human[j] for j in keep]
            wanted = settings.interval_scores is None or name in settings.interval_scores
            resamples = settings.resamples if wanted else 0
            sentence[name] = {
                metric: bootstrap(fn, x, y, resamples=resamples, seed=settings.seed)
                for metric, fn in CORRELATIONS.items()
            }

    word = None
    tagged = [i for i, r in enumerate(rows) if r.mt_tok is not None and r.mt_tags is not None]
    word_rule = resolve_word_rule(settings.word_tags, [rows[i] for i in tagged])
    if tagged:
        gold: list[bool] = []
        pred: list[bool] = []
        for i in tagged:
            r = rows[i]
            assert r.mt_tok is not None and r.mt_tags is not None
            gold.extend(r.mt_tags)
            pred.extend(word_tags(results[i], r.mt_tok, word_rule))
        word = tag_scores(gold, pred)

    span = None
    spanned = [i for i, r in enumerate(rows) if r.spans is not None and r.mt_good is None]
    if spanned:
        span = span_scores(
            (
                len(rows[i].mt),
                rows[i].spans or (),
                [(f.start, f.end, f.severity) for f in results[i].flags],
            )
            for i in spanned
        )

    pairs: dict[str, dict[str, float | int]] = {}
    twins = [i for i, g in enumerate(good) if g is not None]
    if twins:
        sign = _orientation(calibration, inputs)
        for name in names:
            fallback = -1.0 if name in LOWER_IS_BETTER else 1.0
            direction = 1.0 if name == QUALITY else sign.get(name, fallback)
            groups: dict[str, tuple[list[float], list[float]]] = {}
            for i in twins:
                g = good[i]
                assert g is not None
                gv, bv = _value(g, name), _value(results[i], name)
                if math.isnan(gv) or math.isnan(bv):
                    continue
                for key in ("all", f"severity:{rows[i].severity}", f"type:{rows[i].perturbation}"):
                    bucket = groups.setdefault(key, ([], []))
                    bucket[0].append(direction * gv)
                    bucket[1].append(direction * bv)
            if groups:
                pairs[name] = {
                    key: pairwise_accuracy(gs, bs) for key, (gs, bs) in sorted(groups.items())
                }
                pairs[name]["n"] = len(groups["all"][0])
    return GroupReport(
        dataset=first.dataset,
        lang_pair=first.lang_pair,
        split=first.split,
        inputs=inputs,
        rows=len(rows),
        sentence=sentence,
        word=word,
        word_rule=word_rule,
        span=span,
        pairs=pairs,
    )


@dataclass
class Evaluation:
    groups: list[GroupReport]
    signatures: dict[str, str]
    settings: Settings

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": {
                "checks": list(self.settings.checks) if self.settings.checks else None,
                "models": list(self.settings.models),
                "use_src": self.settings.use_src,
                "use_ref": self.settings.use_ref,
                "bootstrap_resamples": self.settings.resamples,
                "seed": self.settings.seed,
                "word_tags": self.settings.word_tags,
            },
            "signatures": self.signatures,
            "groups": [g.to_dict() for g in self.groups],
        }


def evaluate_rows(
    rows: Sequence[EvalRow],
    settings: Settings,
    calibration: Calibration | None = None,
    progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """Score ``rows`` and report per (dataset, language pair, split), in first-seen order."""
    scored = score_rows(rows, settings, calibration, progress)
    if calibration is None:
        from mtqa.calibration import shipped_calibration
        from mtqa.checks import select_checks

        calibration = shipped_calibration(select_checks(settings.checks).names)
    groups: dict[tuple[str, str, str], list[int]] = {}
    flat: list[tuple[EvalRow, SentenceResult, SentenceResult | None]] = []
    for s in scored.values():
        flat.extend(zip(s.rows, s.results, s.good))
    for i, (row, _, _) in enumerate(flat):
        groups.setdefault((row.dataset, row.lang_pair, row.split), []).append(i)
    reports = []
    for idx in groups.values():
        reports.append(
            evaluate_group(
                [flat[i][0] for i in idx],
                [flat[i][1] for i in idx],
                [flat[i][2] for i in idx],
                settings,
                calibration,
            )
        )
    return Evaluation(
        groups=reports,
        signatures={lp: s.signature for lp, s in scored.items()},
        settings=settings,
    )
