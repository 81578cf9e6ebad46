"""Neural quality estimation: mtqa's own fine-tuned multilingual-e5-small (see mtqa/data/qe/).

Two shipped models: source-aware (``<s> src </s></s> mt </s>``) for segments with a source and
target-only for those without. Scores: ``qe`` = predicted MLQE-PE DA z-score (about −2..+1.5;
0 is an average translation of that data, higher is better), ``qe_bad`` = share of words the
model tags BAD. Words with P(BAD) ≥ the model's threshold (chosen on ru-en dev) become flags,
consecutive ones merged into one phrase: category ``adequacy`` when the source was read,
``fluency`` otherwise; severity from the phrase's highest P(BAD).

Runs on ONNX Runtime with int8 weights by default (``mtqa.qe.runtime``: exported once into the
user cache on first use, then loaded in about a second); parameter ``backend: torch`` runs the
fp32 torch model instead (for comparison and training), ``precision: fp32`` the ONNX export
without quantisation, ``threads`` overrides the thread count (else ``--threads`` / the free
cores). Torch is imported only to build the cache on first use, or by the torch backend.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.deps import install_hint
from mtqa.errors import ModelError
from mtqa.types import CheckResult, Flag, Segment

PRECISION_ENV = "MTQA_QE_PRECISION"

DEFAULTS: dict[str, Any] = {
    # P(BAD) levels above the model's own threshold (which is the 'minor' level).
    "major": 0.8,
    "critical": 0.95,
    "device": "cpu",
    # how the model runs: "onnx" (mtqa.qe.runtime) or "torch" (fp32, QEPredictor)
    "backend": "onnx",
    "precision": "int8",
    "threads": None,
}


class QECheck(Check):
    name = "qe"
    version = "1"
    target_langs = frozenset({"en"})
    # Segments handed to check_batch at once; the ONNX runtime regroups them by token count.
    batch_size = 256
    torch_batch_size = 32

    def __init__(self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()):
        merged = {**DEFAULTS, **(params or {})}
        # MTQA_QE_PRECISION=fp32 trades speed (about 2.5x slower) for fp32's sensitivity to small
        # differences: int8 agrees on correlations but ranks near-identical pairs less well
        # (docs/qe-runtime.md).
        precision = os.environ.get(PRECISION_ENV)
        if precision:
            merged["precision"] = precision.strip().lower()
        super().__init__(merged, langs)
        self._predictors: dict[str, Any] = {}

    @cached_property
    def _base(self) -> tuple[Any, Any]:
        from mtqa.qe.base import load_base

        return load_base()

    def predictor(self, variant: str) -> Any:
        if variant not in self._predictors:
            self._predictors[variant] = self._load(variant)
        return self._predictors[variant]

    def _load(self, variant: str) -> Any:
        backend = str(self.param("backend", "onnx"))
        threads = self.param("threads", None)
        threads = int(threads) if threads is not None else None
        try:
            if backend == "onnx":
                from mtqa.qe.runtime import OnnxQE

                return OnnxQE(
                    variant, precision=str(self.param("precision", "int8")), threads=threads
                )
            if backend != "torch":
                raise ModelError(f"unknown qe backend {backend!r} (known: onnx, torch)")
            from mtqa.qe.predict import QEPredictor

            return QEPredictor(
                variant, base=self._base, device=str(self.param("device", "cpu")), threads=threads
            )
        except ImportError as err:
            raise ModelError(
                f"the qe check needs {err.name or 'torch'}: {install_hint('qe')} "
                "(install the CPU build of torch first: docs/install.md)"
            ) from None

    def resources(self) -> str:
        backend = str(self.param("backend", "onnx"))
        if backend == "onnx":
            return f"e5-small-q4+qe-delta@onnx-{self.param('precision', 'int8')}"
        return "e5-small-q4+qe-delta"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        results: list[CheckResult | None] = [None] * len(segments)
        for variant, with_src in (("full", True), ("target", False)):
            idx = [i for i, s in enumerate(segments) if s.has("src") == with_src]
            if not idx:
                continue
            model = self.predictor(variant)
            mts = [segments[i].mt for i in idx]
            srcs = [segments[i].src or "" for i in idx] if with_src else None
            rows = self.torch_batch_size if self.param("backend", "onnx") == "torch" else None
            for i, out in zip(idx, model.predict(mts, srcs, batch_size=rows)):
                results[i] = self._result(segments[i], out, model.threshold, with_src)
        return [r if r is not None else CheckResult() for r in results]

    def _result(self, seg: Segment, out: Any, threshold: float, with_src: bool) -> CheckResult:
        bad = [w for w in out.words if w.p_bad >= threshold]
        scores = {"qe": out.score, "qe_bad": len(bad) / len(out.words) if out.words else 0.0}
        levels = {
            "minor": threshold,
            "major": self.param("major", 0.8),
            "critical": self.param("critical", 0.95),
        }
        flags: list[Flag] = []
        for start, end, p in _phrases(seg.mt, bad):
            severity = severity_for(p, levels)
            if severity is None:
                continue
            kind = "adequacy" if with_src else "fluency"
            flags.append(
                self.flag(
                    seg,
                    start,
                    end,
                    category=kind,
                    severity=severity,
                    confidence=p,
                    message=f"QE model: likely {'mistranslated' if with_src else 'disfluent'} "
                    f"(P(BAD) {p:.2f})",
                )
            )
        return CheckResult(scores=scores, flags=tuple(flags))


def _phrases(mt: str, bad: Sequence[Any]) -> list[tuple[int, int, float]]:
    """Merge BAD words separated only by spaces or punctuation into (start, end, max P(BAD))."""
    phrases: list[list[Any]] = []
    for w in bad:
        if phrases and all(not ch.isalnum() for ch in mt[phrases[-1][1] : w.start]):
            phrases[-1][1] = w.end
            phrases[-1][2] = max(phrases[-1][2], w.p_bad)
        else:
            phrases.append([w.start, w.end, w.p_bad])
    return [(s, e, p) for s, e, p in phrases]
