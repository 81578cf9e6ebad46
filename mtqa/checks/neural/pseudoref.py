"""Pseudo-reference: translate the source with the reference model and compare it with the MT.

Scores: ``pseudo_chrf``, ``pseudo_bleu`` and ``pseudo_ter`` (sacrebleu, sentence level) of the MT
against the model's own translation. Flags: MT words that the word-level diff (difflib over
case-folded words) shows as replaced or added *and* that the model, forcing the MT, finds
unlikely while preferring something else; the suggestion is the pseudo-reference's wording there.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from mtqa.checks.base import Languages
from mtqa.checks.neural.base import NeuralCheck, doubted_words
from mtqa.text import words
from mtqa.types import CheckResult, Flag, Segment

DEFAULTS: dict[str, Any] = {
    "num_beams": 4,
    # Lower than the forced check's: the diff already says the model wrote something else here.
    "max_token_prob": 0.2,
    "severity": {"minor": 2.0, "major": 4.0, "critical": 7.0},
}


def differing_words(mt: str, pseudo: str) -> dict[int, str | None]:
    """MT word index → the pseudo-reference's words in its place (None when the MT adds words)."""
    a = [w.lower for w in words(mt)]
    b_tokens = words(pseudo)
    b = [w.lower for w in b_tokens]
    out: dict[int, str | None] = {}
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            if i2 - i1 == j2 - j1:  # word for word
                for k in range(i2 - i1):
                    out[i1 + k] = b_tokens[j1 + k].text
            else:
                text = pseudo[b_tokens[j1].start : b_tokens[j2 - 1].end]
                for k in range(i1, i2):
                    out[k] = text if j2 - j1 <= 3 else None
        elif op == "delete":
            for k in range(i1, i2):
                out[k] = None
    return out


class PseudoReferenceCheck(NeuralCheck):
    name = "pseudoref"
    version = "1"
    needs = ("src",)

    def __init__(self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()):
        super().__init__(params, langs)
        from sacrebleu.metrics import BLEU, CHRF, TER

        self.chrf = CHRF()
        self.bleu = BLEU(effective_order=True)
        self.ter = TER()

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        model = self.seq2seq()
        src_lang, tgt_lang = self.langs.src, self.langs.tgt
        srcs = [s.src or "" for s in segments]
        beams = int(self.param("num_beams", DEFAULTS["num_beams"]))
        pseudo = model.translate(srcs, src_lang, tgt_lang, num_beams=beams)
        scored = model.score(srcs, [s.mt for s in segments], src_lang, tgt_lang)
        results = []
        for seg, ref, sc in zip(segments, pseudo, scored):
            diff = differing_words(seg.mt, ref)
            mt_words = words(seg.mt)
            flags: list[Flag] = []
            for d in doubted_words(seg.mt, sc, self.params, DEFAULTS):
                k = next((i for i, w in enumerate(mt_words) if w.start == d.word.start), None)
                if k is None or k not in diff:
                    continue
                suggestion = diff[k]
                if suggestion is not None and suggestion.casefold() == d.word.text.casefold():
                    suggestion = None
                message = f"the model's own translation differs here: '{ref}'"
                flags.append(
                    self.flag(
                        seg, d.word.start, d.word.end, category="mistranslation",
                        severity=d.severity, confidence=d.confidence, message=message,
                        suggestion=suggestion,
                    )
                )  # fmt: skip
            results.append(
                CheckResult(
                    scores={
                        "pseudo_chrf": self.chrf.sentence_score(seg.mt, [ref]).score,
                        "pseudo_bleu": self.bleu.sentence_score(seg.mt, [ref]).score,
                        "pseudo_ter": self.ter.sentence_score(seg.mt, [ref]).score,
                    },
                    flags=tuple(flags),
                )
            )
        return results
