"""What every neural check shares: a model named by the user, resolved at once, loaded on first use."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.errors import ModelError
from mtqa.models.aliases import ModelKind
from mtqa.models.loader import DEVICES, CausalLM, Seq2SeqModel, TokenScores, load_model
from mtqa.models.resolve import ModelRef, resolve
from mtqa.models.spans import tokens_by_word
from mtqa.text import Token
from mtqa.types import Severity


@dataclass(frozen=True)
class WordDoubt:
    """A word the model would not have written: how strongly, and at which token."""

    word: Token
    token: int  # index of the word's least likely token
    gap: float  # nats between the model's preferred token and the given one
    confidence: float  # p(preferred) · (1 − p(given)/p(preferred))
    severity: Severity


class NeuralCheck(Check):
    """A check backed by a reference model. Params: ``model`` (alias, hub id or folder), ``device``.

    The model is resolved when the check is built (fast, offline, raises :class:`ModelError` when
    it is missing) and loaded the first time a batch runs.
    """

    kind: ClassVar[ModelKind] = "seq2seq"
    default_model: ClassVar[str] = "opus-mt"
    # The model batches, sorts and caches by itself; hand it everything at once.
    batch_size: ClassVar[int] = 100_000

    def __init__(self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()):
        super().__init__(params, langs)
        self.model_name = str(self.param("model", self.default_model))
        self.device = str(self.param("device", "auto"))
        if self.device not in DEVICES:
            raise ModelError(f"--device must be one of {', '.join(DEVICES)}, not {self.device!r}")
        self.ref = self.resolve_model(self.langs.src, self.langs.tgt)

    def resolve_model(self, src: str, tgt: str) -> ModelRef:
        # download: set by `mtqa check --model`, so a connected machine fetches what is missing
        ref = resolve(self.model_name, src, tgt, download=bool(self.param("download", False)))
        if ref.kind != self.kind:
            want = "a translation (encoder-decoder)" if self.kind == "seq2seq" else "a causal"
            raise ModelError(f"check {self.name} needs {want} model; {ref.name} is {ref.kind}")
        return ref

    def resources(self) -> str:
        return f"model:{self.ref.signature}|device:{self.device}"

    def seq2seq(self, ref: ModelRef | None = None) -> Seq2SeqModel:
        model = load_model(ref or self.ref, self.device)
        assert isinstance(model, Seq2SeqModel)
        return model

    def causal(self) -> CausalLM:
        model = load_model(self.ref, self.device)
        assert isinstance(model, CausalLM)
        return model


def doubted_words(
    text: str, scores: TokenScores, params: Mapping[str, Any], defaults: Mapping[str, Any]
) -> list[WordDoubt]:
    """Words whose tokens the model finds unlikely while preferring something else.

    A token counts when p(token) < ``max_token_prob`` and the model's own choice is at least
    ``severity`` nats more likely; a word takes its worst token.
    """
    max_prob = float(params.get("max_token_prob", defaults["max_token_prob"]))
    thresholds = params.get("severity", defaults["severity"])
    out = []
    for word, idx in tokens_by_word(text, scores.spans):
        worst, worst_gap = -1, -1.0
        for i in idx:
            if math.exp(scores.logprobs[i]) >= max_prob:
                continue
            gap = scores.best_logprobs[i] - scores.logprobs[i]
            if gap > worst_gap:
                worst, worst_gap = i, gap
        if worst < 0:
            continue
        severity = severity_for(worst_gap, thresholds)
        if severity is None:
            continue
        p_best = math.exp(scores.best_logprobs[worst])
        confidence = p_best * (1.0 - math.exp(-worst_gap))
        out.append(WordDoubt(word, worst, worst_gap, confidence, severity))
    return out


def first_token(scores: TokenScores, word: Token) -> int:
    """Index of the first token overlapping ``word``."""
    for i, (s, e) in enumerate(scores.spans):
        if s < word.end and e > word.start:
            return i
    return len(scores.spans)


def same_word(a: str | None, b: str) -> bool:
    return a is not None and a.casefold() == b.casefold()


def suggestions_for(
    doubts: Sequence[WordDoubt], suggested: Sequence[str | None]
) -> list[str | None]:
    """Drop suggestions that repeat the word itself."""
    return [None if same_word(s, d.word.text) else s for d, s in zip(doubts, suggested)]
