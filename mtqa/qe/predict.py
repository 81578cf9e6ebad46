"""Running the shipped QE model: sentence DA z-scores and P(BAD) per word of ``mt``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from mtqa.errors import ModelError
from mtqa.qe.base import load_base, prepare_text

VARIANTS = ("full", "target")
_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class WordProb:
    """A word of ``mt`` (code-point offsets, end exclusive) and the model's P(BAD) for it."""

    start: int
    end: int
    p_bad: float


@dataclass(frozen=True)
class QEOutput:
    score: float  # predicted DA z-score (MLQE-PE scale: 0 = an average translation)
    words: tuple[WordProb, ...]


def delta_path(variant: str) -> Path:
    """The shipped delta for ``variant`` ('full': with source, 'target': MT only)."""
    if variant not in VARIANTS:
        raise ModelError(f"unknown QE variant {variant!r} (known: {', '.join(VARIANTS)})")
    return Path(str(resources.files("mtqa.data") / "qe" / f"qe-{variant}.safetensors"))


def words_of(text: str) -> list[tuple[int, int]]:
    """Word and punctuation spans of ``text``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


class QEPredictor:
    """The base encoder plus one shipped (or given) delta; load once, call :meth:`predict`."""

    def __init__(
        self,
        variant: str = "full",
        delta: Path | None = None,
        base: tuple[Any, Any] | None = None,
        device: str = "cpu",
        threads: int | None = None,
    ) -> None:
        import torch

        from mtqa.qe.model import QEModel, apply_delta, read_delta
        from mtqa.qe.runtime import thread_count

        path = delta or delta_path(variant)
        if not path.is_file():
            raise ModelError(f"QE weights not found: {path}")
        try:
            tensors, self.meta = read_delta(path)
        except (ValueError, OSError) as err:
            raise ModelError(f"cannot read QE weights {path}: {err}") from None
        self.variant = self.meta["variant"]
        self.threshold = float(self.meta["threshold"])
        self.max_len = int(self.meta["max_len"])
        encoder, self.tokenizer = base or load_base()
        trained = int(self.meta["trained_layers"])
        if base is not None:  # other predictors may share this base: train on private copies
            encoder = _with_own_top_layers(encoder, trained)
        self.model = QEModel(encoder, trained)
        apply_delta(self.model, tensors)
        self.device = torch.device(device)
        if self.device.type == "cpu":
            # torch's thread count is process-wide: set when a model is made, never at import.
            torch.set_num_threads(thread_count(threads))
        self.model.to(self.device).eval()

    @property
    def with_src(self) -> bool:
        return self.variant == "full"

    def predict(
        self, mts: Sequence[str], srcs: Sequence[str] | None = None, batch_size: int | None = 32
    ) -> list[QEOutput]:
        """One output per ``mt``; ``srcs`` is required by the 'full' variant and ignored otherwise."""
        batch_size = batch_size or 32
        if self.with_src and (srcs is None or len(srcs) != len(mts)):
            raise ModelError("the source-aware QE model needs one source per translation")
        order = sorted(range(len(mts)), key=lambda i: len(mts[i]))
        out: list[QEOutput | None] = [None] * len(mts)
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            results = self._batch(
                [mts[i] for i in idx], [srcs[i] for i in idx] if self.with_src and srcs else None
            )
            for i, r in zip(idx, results):
                out[i] = r
        return [r for r in out if r is not None]

    def _batch(self, mts: Sequence[str], srcs: Sequence[str] | None) -> list[QEOutput]:
        import torch

        prepared = [prepare_text(m) for m in mts]
        common = {
            "truncation": "longest_first" if srcs else True,
            "max_length": self.max_len,
            "return_offsets_mapping": True,
            "split_special_tokens": True,
            "padding": True,
            "return_tensors": "pt",
        }
        if srcs:
            enc = self.tokenizer([prepare_text(s) for s in srcs], prepared, **common)
        else:
            enc = self.tokenizer(prepared, **common)
        with torch.no_grad():
            scores, logits = self.model(
                enc["input_ids"].to(self.device), enc["attention_mask"].to(self.device)
            )
            p_bad = torch.softmax(logits.float(), -1)[..., 1].cpu().numpy()
        mt_seq = 1 if srcs else 0
        results = []
        for row, (raw, text) in enumerate(zip(mts, prepared)):
            seq_ids = enc.sequence_ids(row)
            subwords = [
                (int(s), int(e), float(p_bad[row, t]))
                for t, ((s, e), sid) in enumerate(zip(enc["offset_mapping"][row].tolist(), seq_ids))
                if sid == mt_seq and e > s
            ]
            results.append(QEOutput(float(scores[row]), word_probs(raw, text, subwords)))
        return results


def word_probs(
    raw: str, prepared: str, subwords: Sequence[tuple[int, int, float]]
) -> tuple[WordProb, ...]:
    """Words of ``prepared`` (offsets moved back into ``raw``) with the highest P(BAD) of the
    subwords ``(start, end, p)`` that overlap them; words cut off by truncation get none."""
    shift = _offset_shift(raw, prepared)
    words = []
    for start, end in words_of(prepared):
        probs = [p for s, e, p in subwords if s < end and start < e]
        if probs:
            words.append(WordProb(start + shift, end + shift, max(probs)))
    return tuple(words)


def _with_own_top_layers(encoder: Any, trained_layers: int) -> Any:
    """``encoder`` sharing everything but its top ``trained_layers`` layers, which are copies.

    Two variants built on one base (as QECheck does) must not write their deltas into the same
    layer objects: the second would silently replace the first one's trained layers.
    """
    import copy

    from torch import nn

    outer = copy.copy(encoder)
    outer._modules = dict(encoder._modules)
    inner = copy.copy(encoder.encoder)
    inner._modules = dict(encoder.encoder._modules)
    layers = list(encoder.encoder.layer)
    first = len(layers) - trained_layers
    inner._modules["layer"] = nn.ModuleList(
        layers[:first] + [copy.deepcopy(layer) for layer in layers[first:]]
    )
    outer._modules["encoder"] = inner
    return outer


def _offset_shift(raw: str, prepared: str) -> int:
    """How far offsets into ``prepared`` (stripped, NFC) move to land in ``raw``.

    Exact when NFC left the text alone (nearly always); otherwise only approximate.
    """
    return len(raw) - len(raw.lstrip())
