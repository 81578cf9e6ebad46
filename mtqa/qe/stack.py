"""The stacked word tagger: a second stage over the QE model's word P(BAD).

Per MT word the QE model gives P(BAD); this module turns that and cheap evidence around it into
a feature row (:func:`word_features`) and a logistic regression shipped as JSON
(``mtqa/data/qe/word-stack.json``, fitted by ``scripts/train_word_stack.py``) turns the row into a
stacked P(BAD) (:meth:`StackModel.probs`). numpy only: no learning library at runtime.

Features (names in :data:`FEATURES`; "with source" ones are 0 without a source):

- the word's P(BAD) and its logit, its left and right neighbours', the highest in a window of
  two words each side, its rank within the sentence and its distance from the sentence's mean;
- the sentence: predicted DA z-score, mean and highest P(BAD), number of words;
- the word: punctuation, function word, digits, capitalised (not first in its sentence),
  English word frequency (wordfreq Zipf), length, Cyrillic letters;
- with the source (the dictionary aligner, :mod:`mtqa.lexicon.align`): whether the word is a
  content word linked to some source word, a content word linked to none, whether a source
  content word near its relative position is covered by no translation word, the share of
  uncovered source content words, and the source/translation length ratio.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from mtqa.errors import ModelError
from mtqa.lexicon.frequency import zipf as _zipf

FORMAT = "mtqa-word-stack/1"
STACK_FILE = "word-stack.json"

FEATURES: tuple[str, ...] = (
    "p",
    "logit_p",
    "p_left",
    "p_right",
    "p_window_max",
    "p_rank",
    "p_minus_mean",
    "sent_score",
    "sent_mean_p",
    "sent_max_p",
    "log_words",
    "is_punct",
    "is_function",
    "has_digit",
    "is_capitalised",
    "zipf",
    "log_chars",
    "non_latin",
    "lm_logp",
    "lm_pmi",
    "lm_next_pmi",
    "lm_unknown",
    "p_other",
    "p_other_window_max",
    "src_linked",
    "src_unlinked_content",
    "src_near_uncovered",
    "src_uncovered_share",
    "src_log_len_ratio",
)
SOURCE_FEATURES = frozenset(f for f in FEATURES if f.startswith("src_"))
# Relative-position distance (share of sentence length) within which an uncovered source content
# word counts as "near" a translation word.
NEAR = 0.15


@dataclass(frozen=True)
class SourceEvidence:
    """What the aligner says about each translation word (one entry per word, in order)."""

    linked: tuple[bool, ...]  # a content word linked to some source word
    unlinked_content: tuple[bool, ...]  # a content word linked to no source word
    near_uncovered: tuple[bool, ...]  # an uncovered source content word sits near its position
    uncovered_share: float  # share of source content words no translation word covers
    log_len_ratio: float  # log((source words + 1) / (translation words + 1))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _is_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _non_latin(text: str) -> bool:
    return any(ch.isalpha() and "LATIN" not in unicodedata.name(ch, "") for ch in text)


def _sentence_initial(mt: str, start: int) -> bool:
    before = mt[:start].rstrip(" \"'«“‘([")
    return not before or before[-1] in ".!?:;\n"


def lm_evidence(mt: str, spans: Sequence[tuple[int, int]], lm: Any) -> np.ndarray:
    """Per word: [log10 p(word | two previous words), PMI = that minus log10 p(word), PMI of the
    next word given this one, unknown to the LM] under the trigram model of mtqa.checks.lm
    (lowercased words; punctuation and unknown words get zeros)."""
    out = np.zeros((len(spans), 4), np.float32)
    low = [mt[s:e].lower() for s, e in spans]
    known = [_is_word(w) and lm.unigram(w) is not None for w in low]
    pmi = [0.0] * len(spans)
    history: list[str] = []
    for j, w in enumerate(low):
        if not _is_word(w):
            continue
        if not known[j]:
            out[j, 3] = 1.0
            history = []
            continue
        lp = lm.logp(w, *history[::-1][:2])
        pmi[j] = lp - float(lm.unigram(w))
        out[j, 0], out[j, 1] = lp, pmi[j]
        history.append(w)
    nxt = [j for j, w in enumerate(low) if _is_word(w)]
    for a, b in pairwise(nxt):
        out[a, 2] = pmi[b]
    return out


def word_features(
    mt: str,
    spans: Sequence[tuple[int, int]],
    p_bad: Sequence[float],
    score: float,
    source: SourceEvidence | None = None,
    p_other: Sequence[float] | None = None,
    lm: Any = None,
) -> np.ndarray:
    """One row of :data:`FEATURES` per word ``mt[start:end]`` of ``spans`` (the QE model's words,
    in order, with their P(BAD) and the sentence's predicted score). ``p_other``: the other QE
    model's P(BAD) for the same words; ``lm``: an :class:`mtqa.checks.lm.EnglishLM` (features
    that need what is not given stay 0). Float32, [words, features]."""
    from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS

    n = len(spans)
    out = np.zeros((n, len(FEATURES)), np.float32)
    if n == 0:
        return out
    p = np.asarray(p_bad, np.float64)
    mean, top = float(p.mean()), float(p.max())
    # rank 1.0 = the sentence's highest P(BAD), 0.0 = its lowest (ties share the higher rank)
    order = np.searchsorted(np.sort(p), p, side="right")
    rank = (order - 1) / max(n - 1, 1)
    col = {name: k for k, name in enumerate(FEATURES)}
    for j, (start, end) in enumerate(spans):
        text = mt[start:end]
        low = text.lower()
        word = _is_word(text)
        row = out[j]
        row[col["p"]] = p[j]
        row[col["logit_p"]] = _logit(p[j])
        row[col["p_left"]] = p[j - 1] if j > 0 else 0.0
        row[col["p_right"]] = p[j + 1] if j + 1 < n else 0.0
        window = [p[k] for k in range(max(0, j - 2), min(n, j + 3)) if k != j]
        row[col["p_window_max"]] = max(window) if window else 0.0
        row[col["p_rank"]] = rank[j]
        row[col["p_minus_mean"]] = p[j] - mean
        row[col["sent_score"]] = score
        row[col["sent_mean_p"]] = mean
        row[col["sent_max_p"]] = top
        row[col["log_words"]] = math.log1p(n)
        row[col["is_punct"]] = 0.0 if word else 1.0
        row[col["is_function"]] = 1.0 if low in EN_FUNCTION_WORDS else 0.0
        row[col["has_digit"]] = 1.0 if any(ch.isdigit() for ch in text) else 0.0
        row[col["is_capitalised"]] = (
            1.0 if text[:1].isupper() and not _sentence_initial(mt, start) else 0.0
        )
        row[col["zipf"]] = _zipf(low) if word else 0.0
        row[col["log_chars"]] = math.log1p(len(text))
        row[col["non_latin"]] = 1.0 if _non_latin(text) else 0.0
        if p_other is not None:
            row[col["p_other"]] = p_other[j]
            near = [p_other[k] for k in range(max(0, j - 2), min(n, j + 3)) if k != j]
            row[col["p_other_window_max"]] = max(near) if near else 0.0
        if source is not None:
            row[col["src_linked"]] = float(source.linked[j])
            row[col["src_unlinked_content"]] = float(source.unlinked_content[j])
            row[col["src_near_uncovered"]] = float(source.near_uncovered[j])
            row[col["src_uncovered_share"]] = source.uncovered_share
            row[col["src_log_len_ratio"]] = source.log_len_ratio
    if lm is not None:
        k = col["lm_logp"]
        out[:, k : k + 4] = lm_evidence(mt, spans, lm)
    return out


def source_evidence(src: str, mt: str, spans: Sequence[tuple[int, int]]) -> SourceEvidence:
    """Align ``src`` and ``mt`` with the dictionary aligner and read, for each word span of the
    QE model, the evidence of :class:`SourceEvidence` (aligner tokens mapped by overlap)."""
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lookup import load_lexicon

    al = align(load_lexicon(), src, mt)
    useful = [c or t.text[:1].isdigit() for t, c in zip(al.src, al.src_content)]
    uncovered = [i for i, u in enumerate(useful) if u and not al.src_linked(i)]
    n_useful = sum(useful)
    linked, unlinked, near = [], [], []
    k = 0
    for start, end in spans:
        while k < len(al.mt) and al.mt[k].end <= start:
            k += 1
        inside = [j for j in range(k, len(al.mt)) if al.mt[j].start < end and start < al.mt[j].end]
        content = any(al.mt_content[j] for j in inside)
        has_link = any(al.mt_linked(j) for j in inside)
        linked.append(content and has_link)
        unlinked.append(content and not has_link)
        near.append(any(al.relative_position(i, j) <= NEAR for j in inside for i in uncovered))
    return SourceEvidence(
        linked=tuple(linked),
        unlinked_content=tuple(unlinked),
        near_uncovered=tuple(near),
        uncovered_share=len(uncovered) / n_useful if n_useful else 0.0,
        log_len_ratio=math.log((len(al.src) + 1) / (len(al.mt) + 1)),
    )


@dataclass(frozen=True)
class StackVariant:
    """A fitted logistic regression for one QE model variant, and how its probability is put
    back on the model's own P(BAD) scale.

    The stacked probability is re-expressed as the model P(BAD) of the same rank on ru-en dev
    (a monotone piecewise-linear map, ``knots_stack`` -> ``knots_model``, fitted on dev): a word
    the stack puts in the top 1 % of dev words gets the P(BAD) the model's own top 1 % starts
    at. So the check's levels, bridge and support shares and the calibration's confidence
    floors keep their meaning (how rare a flag is) while the stack decides which words are
    flagged. ``threshold`` is the best-MCC level on that scale."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float  # best word MCC on ru-en dev, on the model's scale: the 'minor' level
    knots_stack: np.ndarray
    knots_model: np.ndarray

    @property
    def needs_source(self) -> bool:
        return any(f in SOURCE_FEATURES for f in self.features)

    @property
    def needs_other(self) -> bool:
        return any(f.startswith("p_other") for f in self.features)

    @property
    def needs_lm(self) -> bool:
        return any(f.startswith("lm_") for f in self.features)

    def probs(self, rows: np.ndarray) -> np.ndarray:
        """Stacked P(BAD) for feature rows laid out as :data:`FEATURES`."""
        if rows.shape[0] == 0:
            return np.zeros(0, np.float64)
        cols = [FEATURES.index(f) for f in self.features]
        x = (rows[:, cols].astype(np.float64) - self.mean) / self.scale
        z = x @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def on_model_scale(self, probs: np.ndarray) -> np.ndarray:
        """Stacked probabilities re-expressed as the model P(BAD) of the same rank on dev."""
        return np.interp(probs, self.knots_stack, self.knots_model)

    def levels(self, rows: np.ndarray) -> np.ndarray:
        """What the check uses in place of the model's P(BAD): :meth:`on_model_scale` of
        :meth:`probs`."""
        return self.on_model_scale(self.probs(rows))


@dataclass(frozen=True)
class StackModel:
    digest: str  # first 8 hex digits of the file's SHA-256 (goes into the check's signature)
    variants: dict[str, StackVariant]

    def variant(self, name: str) -> StackVariant | None:
        return self.variants.get(name)


def stack_path() -> Path:
    return Path(str(resources.files("mtqa.data") / "qe" / STACK_FILE))


def parse_stack(raw: bytes, where: str = STACK_FILE) -> StackModel:
    """A :class:`StackModel` from the JSON bytes of a stack file."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
        variants = {}
        for name, v in data["variants"].items():
            feats = tuple(v["features"])
            unknown = [f for f in feats if f not in FEATURES]
            if unknown:
                raise ValueError(f"unknown features {unknown}")
            arrays = [np.asarray(v[k], np.float64) for k in ("mean", "scale", "weights")]
            if any(a.shape != (len(feats),) for a in arrays):
                raise ValueError(f"{name}: mean/scale/weights must have {len(feats)} values")
            knots = [np.asarray(v[k], np.float64) for k in ("knots_stack", "knots_model")]
            if knots[0].shape != knots[1].shape or knots[0].ndim != 1 or len(knots[0]) < 2:
                raise ValueError(f"{name}: knots_stack and knots_model must be equal lists")
            if np.any(np.diff(knots[0]) < 0) or np.any(np.diff(knots[1]) < 0):
                raise ValueError(f"{name}: knots must be non-decreasing")
            variants[name] = StackVariant(
                features=feats,
                mean=arrays[0],
                scale=arrays[1],
                weights=arrays[2],
                bias=float(v["bias"]),
                threshold=float(v["threshold"]),
                knots_stack=knots[0],
                knots_model=knots[1],
            )
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise ModelError(f"{where}: not a word-stack file ({err})") from None
    return StackModel(hashlib.sha256(raw).hexdigest()[:8], variants)


_LOADED: dict[str, StackModel | None] = {}


def load_stack(path: Path | None = None) -> StackModel | None:
    """The stack file at ``path`` (default: the shipped one), or None when there is none.
    Loaded once per path and process."""
    path = path or stack_path()
    key = str(path)
    if key not in _LOADED:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            _LOADED[key] = None
        else:
            _LOADED[key] = parse_stack(raw, str(path.name))
    return _LOADED[key]


def to_json(variants: dict[str, dict[str, Any]], about: str) -> str:
    """The text of a stack file (used by the training script)."""
    return json.dumps({"format": FORMAT, "about": about, "variants": variants}, indent=1) + "\n"
