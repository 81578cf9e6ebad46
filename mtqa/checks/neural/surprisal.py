"""Target-only surprisal under a causal language model (GPT-2 family or any causal LM).

Score: ``surprisal_bits``, the mean surprisal per token in bits (no source needed). Flags: words
the LM finds far less likely than its own choice, with that choice as the suggestion (greedy
continuation). Capitalised words after the first are skipped by default: names are rare for any
LM and are the vocabulary check's business.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from mtqa.checks.neural.base import NeuralCheck, doubted_words, first_token, suggestions_for
from mtqa.types import CheckResult, Flag, Segment

DEFAULTS: dict[str, Any] = {
    "max_token_prob": 0.01,
    "severity": {"minor": 6.0, "major": 9.0, "critical": 99.0},
    "skip_capitalised": True,
    "suggest": True,
}


class SurprisalCheck(NeuralCheck):
    name = "surprisal"
    version = "1"
    kind = "causal"
    default_model = "gpt2"
    needs = ()

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        lm = self.causal()
        scored = lm.score([s.mt for s in segments])
        skip_caps = bool(self.param("skip_capitalised", DEFAULTS["skip_capitalised"]))
        doubts = []
        for seg, sc in zip(segments, scored):
            found = doubted_words(seg.mt, sc, self.params, DEFAULTS)
            # The first word has no context to judge it by.
            found = [d for d in found if first_token(sc, d.word) > 0]
            if skip_caps:
                found = [d for d in found if not d.word.is_capitalised]
            doubts.append(found)
        flat = [d for ds in doubts for d in ds]
        requests = [
            (seg.mt, sc, first_token(sc, d.word))
            for seg, sc, ds in zip(segments, scored, doubts)
            for d in ds
        ]
        if self.param("suggest", DEFAULTS["suggest"]) and requests:
            suggested = suggestions_for(flat, lm.next_word(requests))
        else:
            suggested = [None] * len(flat)
        results = []
        k = 0
        for sc, seg, ds in zip(scored, segments, doubts):
            flags: list[Flag] = []
            for d in ds:
                suggestion = suggested[k]
                k += 1
                flags.append(
                    self.flag(
                        seg, d.word.start, d.word.end, category="fluency", severity=d.severity,
                        confidence=d.confidence,
                        message=f"the language model finds '{d.word.text}' surprising here",
                        suggestion=suggestion,
                    )
                )  # fmt: skip
            bits = -sc.mean_logprob / math.log(2)
            results.append(CheckResult(scores={"surprisal_bits": bits}, flags=tuple(flags)))
        return results
