"""Reference-based evidence: sentence-level chrF, BLEU and TER from sacrebleu."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mtqa.checks.base import Check
from mtqa.types import CheckResult, Segment

# Targets written without spaces between words: BLEU needs a tokenizer that splits characters.
_CJK_TARGETS = frozenset({"zh", "ja", "ko", "th", "yue"})


class ReferenceCheck(Check):
    """Scores ``chrf``, ``bleu`` (effective order) and ``ter`` of ``mt`` against ``ref``; no flags.

    Tokenisation follows the target language: BLEU uses ``zh`` for Chinese, ``char`` for other
    scripts without word spaces and ``13a`` otherwise; TER turns on ``asian_support`` for those
    targets. chrF works on characters and needs no tokenizer. The metric objects are built once.
    Params: ``chrf_word_order`` (0 = chrF, 2 = chrF++), ``lowercase`` (bool, BLEU and TER).
    """

    name = "reference"
    version = "1"
    needs = ("ref",)

    def __init__(self, params: Any = None, langs: Any = None) -> None:
        if langs is None:
            super().__init__(params)
        else:
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
        self.chrf = CHRF(word_order=int(self.param("chrf_word_order", 0)))
        self.bleu = BLEU(tokenize=bleu_tok, effective_order=True, lowercase=lowercase)
        self.ter = TER(asian_support=asian, case_sensitive=not lowercase)

    def resources(self) -> str:
        import sacrebleu

        return "|".join(
            [
                f"sacrebleu:{sacrebleu.__version__}",
                f"chrf:{self.chrf.get_signature().format(short=True)}",
                f"bleu:{self.bleu.get_signature().format(short=True)}",
                f"ter:{self.ter.get_signature().format(short=True)}",
            ]
        )

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
