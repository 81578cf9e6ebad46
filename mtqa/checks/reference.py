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
    Params: ``chrf_word_order`` (0 = chrF, 2 = chrF++), ``lowercase`` (bool, BLEU and TER),
    ``ter_max_words`` (150). sacrebleu's TER tries up to 1,000 word shifts, each an edit distance
    over the whole sentence (seconds at 100 words of repeated tokens); past ``ter_max_words`` words
    on either side ``ter`` is the word edit distance without shifts, banded (an upper bound).
    """

    name = "reference"
    per_segment = True
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
        self.ter_max_words = int(self.param("ter_max_words", 150))

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
                "ter": self._ter(seg.mt, refs[0]),
            }
            out.append(CheckResult(scores=scores))
        return out

    def _ter(self, mt: str, ref: str) -> float:
        hyp_words = self.ter._preprocess_segment(mt).split()
        ref_words = self.ter._preprocess_segment(ref).split()
        if max(len(hyp_words), len(ref_words)) <= self.ter_max_words:
            return float(self.ter.sentence_score(mt, [ref]).score)
        return 100.0 * banded_edit_distance(hyp_words, ref_words) / max(1, len(ref_words))


def banded_edit_distance(a: Sequence[str], b: Sequence[str], band: int = 25) -> int:
    """Levenshtein distance between word lists, exact within ``band`` cells of the diagonal
    (stretched to the length ratio), else an upper bound; O(len(a) x band) time and memory
    O(band)."""
    n, m = len(a), len(b)
    if not n or not m:
        return max(n, m)
    band = max(band, m // n + 2)  # consecutive rows' bands must overlap
    inf = n + m
    prev = {j: j for j in range(min(m, band) + 1)}
    for i in range(1, n + 1):
        mid = i * m // n
        lo, hi = max(0, mid - band), min(m, mid + band)
        row: dict[int, int] = {}
        for j in range(lo, hi + 1):
            if j == 0:
                row[j] = i
                continue
            best = prev.get(j - 1, inf) + (a[i - 1] != b[j - 1])
            best = min(best, prev.get(j, inf) + 1, row.get(j - 1, inf) + 1)
            row[j] = best
        prev = row
    return min(prev.get(m, inf), max(n, m))  # the last row's band holds the corner (mid = m)
