"""Back-translation: translate the MT back into the source language and compare with the source.

Score: ``bt_chrf``, sentence chrF (sacrebleu) of the back-translation against the source, and
``bt_lost``, the share of source content words the round trip loses. A lost word is one with no
word of the back-translation equal to it or sharing a long prefix (so Russian inflection does not
count as a loss).

Alignment: the source-conditioned model's cross-attention (averaged over layers and heads, from
the same forced-decoding pass the ``forced`` check uses) links each MT token to the source token
it attends to most; a lost source word points at each run of adjacent MT words aligned to it.
Lost words that no MT word aligns to are counted but not flagged (there is no span to point at).
Flags are made only in sentences whose ``bt_chrf`` is below ``max_chrf``, where the round trip really went astray.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mtqa.checks.base import Languages
from mtqa.checks.neural.base import NeuralCheck
from mtqa.errors import ModelError
from mtqa.models.loader import TokenScores
from mtqa.models.resolve import ModelRef, is_per_pair
from mtqa.models.spans import tokens_by_word
from mtqa.text import Token, words
from mtqa.types import CheckResult, Flag, Segment

DEFAULTS: dict[str, Any] = {
    "num_beams": 4,
    "max_chrf": 60.0,
    "min_word_chars": 4,
    "severity": "minor",
}


def _kept(word: str, candidates: Sequence[str]) -> bool:
    w = word.casefold()
    need = max(4, int(0.6 * len(w) + 0.5))
    return any(c == w or (len(c) >= need and c[:need] == w[:need]) for c in candidates)


def lost_words(src: str, back: str, min_chars: int) -> tuple[list[Token], int]:
    """Source content words missing from the back-translation, and how many content words there are."""
    content = [w for w in words(src) if len(w.text) >= min_chars or w.is_number]
    bt = [w.lower for w in words(back)]
    return [w for w in content if not _kept(w.text, bt)], len(content)


def aligned_mt_spans(scores: TokenScores, mt: str, src_word: Token) -> list[tuple[int, int]]:
    """Runs of adjacent MT words whose tokens attend most to ``src_word`` (none: an omission)."""
    runs: list[tuple[int, int]] = []
    last = -2
    for k, (word, idx) in enumerate(tokens_by_word(mt, scores.spans)):
        if not any(
            scores.src_spans[i][0] < src_word.end and scores.src_spans[i][1] > src_word.start
            for i in idx
        ):
            continue
        if k == last + 1 and runs:
            runs[-1] = (runs[-1][0], word.end)
        else:
            runs.append((word.start, word.end))
        last = k
    return runs


class BackTranslationCheck(NeuralCheck):
    name = "backtranslation"
    version = "1"
    needs = ("src",)

    def __init__(self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()):
        super().__init__(params, langs)
        if self.ref.lang_codes is not None:
            self.reverse: ModelRef = self.ref  # one multilingual model translates both ways
        elif is_per_pair(self.model_name):
            self.reverse = self.resolve_model(self.langs.tgt, self.langs.src)
        else:
            raise ModelError(
                f"back-translation needs a {langs.tgt}→{langs.src} model too; give --model as an "
                "alias (opus-mt) or a folder template such as DIR/opus-mt-{src}-{tgt}"
            )
        from sacrebleu.metrics import CHRF

        self.chrf = CHRF()

    def resources(self) -> str:
        return f"{super().resources()}|reverse:{self.reverse.signature}"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        src_lang, tgt_lang = self.langs.src, self.langs.tgt
        mts = [s.mt for s in segments]
        srcs = [s.src or "" for s in segments]
        beams = int(self.param("num_beams", DEFAULTS["num_beams"]))
        back = self.seq2seq(self.reverse).translate(mts, tgt_lang, src_lang, num_beams=beams)
        forward = self.seq2seq().score(srcs, mts, src_lang, tgt_lang)
        max_chrf = float(self.param("max_chrf", DEFAULTS["max_chrf"]))
        min_chars = int(self.param("min_word_chars", DEFAULTS["min_word_chars"]))
        results = []
        for seg, bt, sc in zip(segments, back, forward):
            chrf = self.chrf.sentence_score(bt, [seg.src or ""]).score
            lost, n_content = lost_words(seg.src or "", bt, min_chars)
            flags: list[Flag] = []
            if chrf < max_chrf:
                for w in lost:
                    for span in aligned_mt_spans(sc, seg.mt, w):
                        flags.append(
                            self.flag(
                                seg, span[0], span[1], category="mistranslation",
                                severity=self.param("severity", DEFAULTS["severity"]),
                                confidence=0.5 * (1.0 - chrf / 100.0) + 0.25,
                                message=f"source word '{w.text}' is lost in the back-translation "
                                f"('{_clip(bt)}')",
                            )
                        )  # fmt: skip
            results.append(
                CheckResult(
                    scores={
                        "bt_chrf": chrf,
                        "bt_lost": len(lost) / n_content if n_content else 0.0,
                    },
                    flags=tuple(_merge(flags)),
                )
            )
        return results


def _merge(flags: list[Flag]) -> list[Flag]:
    """One flag per MT span (several lost source words can point at the same words)."""
    by_span: dict[tuple[int, int], Flag] = {}
    for f in flags:
        by_span.setdefault((f.start, f.end), f)
    return sorted(by_span.values(), key=lambda f: (f.start, f.end))


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
