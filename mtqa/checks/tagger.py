"""The garble tagger: a source-aware word tagger trained only on literal-MT garbles.

**Not shipped and not in any profile** (it did not pass its gate, docs/model.md "The garble
tagger"): the check runs only when named (``--checks default,tagger``) with a delta trained by
``scripts/train_qe.py --garble-tagger`` given in ``$MTQA_TAGGER_DELTA`` (or the ``delta``
parameter); it is how scripts/tagger_eval.py and scripts/clean_rates.py measure a tagger as it
would run.

The same encoder as the ``qe`` check (multilingual-e5-small, top 4 layers fine-tuned) with a word
head trained on synthetic garbles and their clean twins only (``scripts/train_qe.py
--garble-tagger``; ``mtqa/data/qe/qe-tagger.safetensors``, docs/model.md "The garble tagger"):
no post-edit tags, so its BAD words mean "this phrase looks like a literal-MT error given the
source", not "a post-editor touched this". Runs only where there is a source (``needs``).

Words with P(BAD) at or above the file's threshold (chosen so that 2% of clean WMT21 news
references with their sources get a flag) are merged into phrases (as the ``qe`` check merges
them) and become ``minor`` flags; the category says what the span is (``mistranslation``,
``name``, ``number``, ``untranslated``) and the message names the source words it stands for.
A tagger flag on the same words as a dictionary check's flag corroborates it (mtqa.corroborate):
one flag is kept, the dictionary's, with its suggestion, raised to major.

Runs on ONNX Runtime with int8 weights (mtqa.qe.runtime, cached on first use); torch is never
imported by this module, and the offline profile never loads it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from mtqa.checks.base import Check, Languages
from mtqa.checks.qe import merge_phrases, phrase_category, source_counterpart
from mtqa.deps import install_hint
from mtqa.errors import ModelError
from mtqa.types import CheckResult, Flag, Segment

TAGGER_FILE = "qe-tagger.safetensors"
DELTA_ENV = "MTQA_TAGGER_DELTA"

DEFAULTS: dict[str, Any] = {
    # A word between two flagged words joins them when its P(BAD) is at least this share of the
    # threshold (at most max_gap such words in a row), as in the qe check.
    "bridge": 0.5,
    "max_gap": 1,
    # Name the source words a flagged phrase stands for.
    "explain": True,
    "precision": "int8",
    "threads": None,
    # Categories left to other checks: a span with a digit is the numbers check's (it compares
    # the figures with the source's exactly; the tagger's number flags on clean WMT21 news were
    # all false alarms, docs/model.md).
    "skip_categories": ("number",),
    # Another tagger delta or base model file (tests, experiments); None: the shipped ones.
    "delta": None,
    "base_file": None,
}


def tagger_path() -> Path:
    """Where a shipped garble tagger delta would be (none ships today)."""
    return Path(str(resources.files("mtqa.data") / "qe" / TAGGER_FILE))


class GarbleTaggerCheck(Check):
    name = "tagger"
    version = "1"
    needs = ("src",)
    target_langs = frozenset({"en"})
    batch_size = 256
    per_segment = True

    def __init__(self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()):
        super().__init__({**DEFAULTS, **(params or {})}, langs)

    @property
    def delta(self) -> Path:
        given = self.param("delta", None) or os.environ.get(DELTA_ENV, "").strip()
        return Path(given).expanduser() if given else tagger_path()

    @cached_property
    def model(self) -> Any:
        """The tagger on ONNX Runtime (built into the user cache on first use)."""
        if not self.delta.is_file():
            raise ModelError(
                f"garble tagger weights not found: {self.delta} (none ship; train one with"
                f" scripts/train_qe.py --garble-tagger and name it in ${DELTA_ENV})"
            )
        threads = self.param("threads", None)
        try:
            from mtqa.qe.runtime import OnnxQE

            base = self.param("base_file", None)
            model = OnnxQE(
                "full",
                delta=self.delta,
                base_file=Path(base) if base else None,
                precision=str(self.param("precision", "int8")),
                threads=int(threads) if threads is not None else None,
            )
        except ImportError as err:
            raise ModelError(
                f"the tagger check needs {err.name or 'onnxruntime'}: {install_hint('qe')}"
            ) from None
        if not model.with_src:
            raise ModelError(f"{self.delta} is not a source-aware model")
        return model

    def resources(self) -> str:
        from mtqa.qe.runtime import delta_sha256

        try:
            digest = delta_sha256(self.delta)[:8]
        except OSError:
            digest = "missing"
        return f"e5-small-q4+tagger-delta:{digest}@onnx-{self.param('precision', 'int8')}"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        model = self.model
        outs = model.predict([s.mt for s in segments], [s.src or "" for s in segments])
        return [self._result(seg, out, model.threshold) for seg, out in zip(segments, outs)]

    def _result(self, seg: Segment, out: Any, threshold: float) -> CheckResult:
        phrases = merge_phrases(
            seg.mt,
            out.words,
            threshold,
            bridge=float(self.param("bridge", 0.5)) * threshold,
            max_gap=int(self.param("max_gap", 1)),
        )
        skip = set(self.param("skip_categories", ()))
        flags: list[Flag] = []
        for ph in phrases:
            category = phrase_category(seg.mt, seg.src, ph.start, ph.end)
            if category in skip:
                continue
            flags.append(
                self.flag(
                    seg,
                    ph.start,
                    ph.end,
                    category=category,
                    severity="minor",
                    confidence=ph.p_bad,
                    message=self._message(seg, ph, category),
                )
            )
        bad = sum(1 for w in out.words if w.p_bad >= threshold)
        share = bad / len(out.words) if out.words else 0.0
        return CheckResult(scores={"tagger_bad": share}, flags=tuple(flags))

    def _message(self, seg: Segment, ph: Any, category: str) -> str:
        text = seg.mt[ph.start : ph.end]
        p = f"P(garbled) {ph.p_bad:.2f}"
        head = "garble tagger (a model trained on literal-MT errors, with the source): "
        if category == "untranslated":
            return f"{head}«{text}» is left untranslated; {p}"
        where = None
        if self.param("explain", True) and seg.src:
            where = source_counterpart(seg.src, seg.mt, ph.start, ph.end)
        if where is None:
            return f"{head}«{text}» reads like a literal mistranslation of the source; {p}"
        return f"{head}«{text}» reads like a literal mistranslation of «{where[0]}»; {p}"
