"""Reference-based evidence: sentence-level chrF, BLEU and TER from sacrebleu."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mtqa.checks.base import Check, Languages
from mtqa.types import CheckResult, Segment

# Targets written without spaces between words: BLEU needs a tokenizer that splits characters.
_CJK_TARGETS = frozenset({"zh", "ja", "ko", "th", "yue"})


class ReferenceCheck(Check):
    """Scores ``chrf``, ``bleu`` (effective order) and ``ter`` of ``mt`` against ``ref``; no flags.

    Tokenisation follows the target language: BLEU uses ``zh`` for Chinese, ``char`` for other
    scripts without word spaces and ``13a`` otherwise; TER turns on ``asian_support`` (with
    ``normalized``, which it needs) for those targets. chrF works on characters and needs no
    tokenizer. The metric objects are built once.
    Params: ``chrf_word_order`` (0 = chrF, 2 = chrF++), ``lowercase`` (bool, BLEU and TER).
    """

    name = "reference"
    version = "1"
    needs = ("ref",)

    def __init__(
        self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()
    ) -> None:
        super().__init__(params, langs)
        from sacrebleu.metrics import BLEU, CHRF, TER  # sacrebleu imports tokenizers lazily too

        tgt = self.langs.tgt
        lowercase = bool(self.param("lowercase", False))
        asian = tgt in _CJK_TARGETS
        if tgt == "zh":
            bleu_tok = "zh"
        elif asian:
            bleu_tok = "char"
        else:
            bleu_tok = "13a"
        word_order = int(self.param("chrf_word_order", 0))
        self._signature = (
            f"case:{'lc' if lowercase else 'mixed'}|chrf-word-order:{word_order}"
            f"|bleu-tok:{bleu_tok}|ter-asian:{'yes' if asian else 'no'}"
        )
        self.chrf = CHRF(word_order=word_order)
        self.bleu = BLEU(tokenize=bleu_tok, effective_order=True, lowercase=lowercase)
        # asian_support only acts on normalised text, so CJK targets get both.
        self.ter = TER(asian_support=asian, normalized=asian, case_sensitive=not lowercase)

    def resources(self) -> str:
        import sacrebleu

        # sacrebleu's own signatures need a finished corpus evaluation; spell out the same facts.
        return f"sacrebleu:{sacrebleu.__version__}|{self._signature}"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        out = []
        for seg in segments:
            refs = [seg.ref or ""]
            scores = {
                "chrf": self.chrf.sentence_score(seg.mt, refs).score,
                "bleu": self.bleu.sentence_score(seg.mt, refs).score,
                "ter": self.ter.sentence_score(seg.mt, refs).score,
            }
            out.append(CheckResult(scores=scores))
        return out
