"""Forced decoding: how likely a source-conditioned translation model finds the given translation.

Scores (as Prism-src): ``forced_logprob``, the mean log-probability per target token with the end
of sentence included, and ``forced_score`` = 100·exp(forced_logprob), the geometric-mean token
probability in percent. Flags: words whose tokens the model finds unlikely while it prefers
another, with the word it would have written as the suggestion (greedy continuation from the
words before).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from mtqa.checks.neural.base import NeuralCheck, doubted_words, first_token, suggestions_for
from mtqa.types import CheckResult, Flag, Segment

DEFAULTS: dict[str, Any] = {
    "max_token_prob": 0.05,
    # Nats between the model's preferred token and the given one (4 ≈ 55× more likely).
    "severity": {"minor": 4.0, "major": 6.0, "critical": 9.0},
    "suggest": True,
}


class ForcedDecodingCheck(NeuralCheck):
    name = "forced"
    version = "1"
    needs = ("src",)

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        model = self.seq2seq()
        src, tgt = self.langs.src, self.langs.tgt
        scored = model.score([s.src or "" for s in segments], [s.mt for s in segments], src, tgt)
        doubts = [
            doubted_words(seg.mt, sc, self.params, DEFAULTS) for seg, sc in zip(segments, scored)
        ]
        requests = [
            (seg.src or "", sc, first_token(sc, d.word))
            for seg, sc, ds in zip(segments, scored, doubts)
            for d in ds
        ]
        flat = [d for ds in doubts for d in ds]
        words = model.next_word(requests, src, tgt) if self.param("suggest", True) else []
        suggested = suggestions_for(flat, words) if words else [None] * len(flat)
        results = []
        k = 0
        for seg, sc, ds in zip(segments, scored, doubts):
            flags: list[Flag] = []
            for d in ds:
                suggestion = suggested[k]
                k += 1
                message = f"the translation model finds '{d.word.text}' unlikely here"
                if suggestion:
                    message += f"; it would write '{suggestion}'"
                flags.append(
                    self.flag(
                        seg, d.word.start, d.word.end, category="mistranslation",
                        severity=d.severity, confidence=d.confidence, message=message,
                        suggestion=suggestion,
                    )
                )  # fmt: skip
            mean = sc.mean_logprob
            results.append(
                CheckResult(
                    scores={"forced_logprob": mean, "forced_score": 100.0 * math.exp(mean)},
                    flags=tuple(flags),
                )
            )
        return results
