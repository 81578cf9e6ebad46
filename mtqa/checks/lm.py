"""Fluency of English output under an n-gram language model (no source needed).

Evidence comes from the CMU US-English trigram model shipped in the ``pocketsphinx`` wheel:

* per-token surprisal, summarised per sentence as ``lm_logprob`` (mean log10 probability of the
  scored tokens, ``</s>`` included) and ``fluency`` = that mean mapped linearly onto 0..100;
* odd collocations: two adjacent content words that are each common but (almost) never seen
  together, measured by PMI = log p(w2 | context, w1) − log p(w2). A garbled collocation
  ("peaceful warfare", "Foreign Cases") has PMI near or below zero where real ones score +2..+4;
* very surprising stretches: consecutive tokens whose contextual PMI is far below zero.

A flagged word gets a suggestion from a fill-in-the-blank search over frequent LM words: the
word ``x`` maximising p(x | left context)·p(right context | x), kept only when it beats the
original by a wide margin. The model's vocabulary is lowercase and dated (no "putin", "kyiv"):
words it does not know are skipped, never flagged here (the vocabulary check looks at those).
"""

from __future__ import annotations

import math
import os
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.text import words
from mtqa.types import CheckResult, Flag, Segment

# pocketsphinx returns log-probabilities in base 1.0001; this turns them into log10.
_TO_LOG10 = math.log10(1.0001)
_UNKNOWN = -536870912
_MODEL_FILE = ("en-us", "en-us.lm.bin")

DEFAULTS: dict[str, Any] = {
    # Words whose unigram log10 p is at least this are function/stop words (about the top 150).
    "stop_logprob": -3.1,
    # Both words of a pair must be at least this common (log10 unigram) for absence to mean much.
    "common_logprob": -5.6,
    # fluency = 100 * (lm_logprob - fluency_low) / (fluency_high - fluency_low), clipped.
    "fluency_low": -4.5,
    "fluency_high": -1.5,
    # Collocation badness = (pmi_max - PMI) + commonness bonus; see _collocation_badness.
    "pmi_max": 0.3,
    "commonness_weight": 0.5,
    "collocation_severity": {"minor": 0.6, "major": 1.4, "critical": 99.0},
    # Stretch of tokens each with contextual PMI below this (log10) and at least this long.
    "stretch_pmi": -1.5,
    "stretch_min_tokens": 3,
    "stretch_severity": {"minor": 1.5, "major": 2.2, "critical": 99.0},
    # Suggestion search: candidates are the most frequent non-stop LM words.
    "suggest_candidates": 3000,
    "suggest_margin": 1.5,
}


@dataclass(frozen=True)
class _Unit:
    """One LM word inside a sentence, with the code-point span it covers in ``mt``."""

    word: str
    start: int
    end: int


class EnglishLM:
    """The pocketsphinx trigram model with cached log10 lookups. Use :func:`english_lm`."""

    def __init__(self, path: str) -> None:
        import pocketsphinx

        self.path = path
        self.model = pocketsphinx.NGramModel.readfile(path)
        self._prob = self.model.prob
        self._unigram: dict[str, float | None] = {}

    def unigram(self, word: str) -> float | None:
        """log10 p(word), or None when the model does not know the word."""
        try:
            return self._unigram[word]
        except KeyError:
            raw = self._prob([word])
            value = None if raw == _UNKNOWN else raw * _TO_LOG10
            self._unigram[word] = value
            return value

    def logp(self, word: str, *history: str) -> float:
        """log10 p(word | history), history newest first; ``word`` must be known."""
        return float(self._prob([word, *history])) * _TO_LOG10

    @cached_property
    def vocabulary(self) -> tuple[str, ...]:
        """Every unigram of the model, read from the word table at the end of the binary file."""
        with open(self.path, "rb") as f:
            data = f.read()
        count = struct.unpack("<I", data[20:24])[0]
        names = data.rstrip(b"\x00").split(b"\x00")[-count:]
        return tuple(n.decode("utf-8", "replace") for n in names)

    def by_frequency(self) -> list[tuple[float, str]]:
        pairs = [(self.unigram(w), w) for w in self.vocabulary]
        return sorted(((p, w) for p, w in pairs if p is not None), reverse=True)

    @lru_cache(maxsize=8)  # noqa: B019 - one model per process, lives as long as the process
    def stop_words(self, threshold: float) -> frozenset[str]:
        """Function words, found by frequency alone: unigram log10 p >= threshold."""
        return frozenset(w for p, w in self.by_frequency() if p >= threshold)

    @lru_cache(maxsize=8)  # noqa: B019
    def fill_candidates(self, stop_threshold: float, n: int) -> tuple[str, ...]:
        """The ``n`` most frequent plain alphabetic words that are not stop words."""
        out = []
        for p, w in self.by_frequency():
            if p < stop_threshold and w.isalpha():
                out.append(w)
                if len(out) >= n:
                    break
        return tuple(out)


def model_path() -> str:
    import pocketsphinx

    return os.path.join(pocketsphinx.get_model_path(), *_MODEL_FILE)


@lru_cache(maxsize=1)
def english_lm() -> EnglishLM:
    """The process-wide model, loaded on first use (about 0.04 s)."""
    return EnglishLM(model_path())


@lru_cache(maxsize=65536)
def lm_units(token: str) -> tuple[tuple[str | None, int, int], ...]:
    """How one word token maps onto LM words: (lm word or None, start, end) relative to the token.

    Numbers map to None (the model spells numbers out). Possessives fall back to ``word`` + ``'s``,
    hyphenated compounds to their parts, dotted abbreviations (U.S.) to spelled letters (u. s.).
    """
    lm = english_lm()
    low = token.lower().replace("’", "'")
    if low[:1].isdigit():
        return ((None, 0, len(token)),)
    if lm.unigram(low) is not None:
        return ((low, 0, len(token)),)
    if "." in low:
        parts = [p for p in low.split(".") if p]
        if parts and all(len(p) == 1 and p.isalpha() for p in parts):
            out, pos = [], 0
            for p in parts:
                i = low.index(p, pos)
                out.append((p + ".", i, i + 1))
                pos = i + 1
            return tuple(out)
    if low.endswith("'s") and len(low) > 2:
        stem = lm_units(token[:-2])
        return (*stem, ("'s", len(token) - 2, len(token)))
    if "-" in low:
        out2: list[tuple[str | None, int, int]] = []
        pos = 0
        for part in low.split("-"):
            if part:
                for w, a, b in lm_units(token[pos : pos + len(part)]):
                    out2.append((w, pos + a, pos + b))
            pos += len(part) + 1
        return tuple(out2)
    return ((low, 0, len(token)),)


@dataclass
class _Scored:
    """A sentence under the LM: units and, per unit, log10 p in context (None if unknown)."""

    units: list[_Unit]
    logp: list[float | None]
    uni: list[float | None]
    end_logp: float | None


def score_units(lm: EnglishLM, units: list[_Unit]) -> _Scored:
    logps: list[float | None] = []
    unis: list[float | None] = []
    prob = lm._prob
    h2, h1 = "<s>", "<s>"
    first = True
    for u in units:
        uni = lm.unigram(u.word)
        unis.append(uni)
        if uni is None:
            logps.append(None)
        else:
            raw = prob([u.word, h1]) if first else prob([u.word, h1, h2])
            logps.append(raw * _TO_LOG10)
        h2, h1 = h1, u.word
        first = False
    end = None
    if units and unis[-1] is not None:
        end = prob(["</s>", h1, h2]) * _TO_LOG10
    return _Scored(units, logps, unis, end)


def sentence_units(mt: str) -> list[_Unit]:
    units: list[_Unit] = []
    for tok in words(mt):
        for w, a, b in lm_units(tok.text):
            if w is None:
                units.append(_Unit("<unk>", tok.start + a, tok.start + b))
            else:
                units.append(_Unit(w, tok.start + a, tok.start + b))
    return units


class FluencyCheck(Check):
    """Language-model fluency of English MT: surprisal, odd collocations, suggestions."""

    name = "fluency"
    version = "1"
    target_langs = frozenset({"en"})
    batch_size = 256

    def __init__(
        self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()
    ) -> None:
        super().__init__(params, langs)
        self._p = {k: self.param(k, v) for k, v in DEFAULTS.items()}
        self._lm: EnglishLM | None = None

    def resources(self) -> str:
        try:
            from importlib import metadata

            version = metadata.version("pocketsphinx")
        except Exception:  # pragma: no cover - metadata missing in odd installs
            version = "unknown"
        return f"cmu-en-us-lm(pocketsphinx-{version})"

    @property
    def lm(self) -> EnglishLM:
        if self._lm is None:
            self._lm = english_lm()
        return self._lm

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        return [self.check_one(seg) for seg in segments]

    def fluency_from_logprob(self, mean_logprob: float) -> float:
        """The documented mapping: linear from ``fluency_low`` (0) to ``fluency_high`` (100)."""
        lo, hi = self._p["fluency_low"], self._p["fluency_high"]
        return max(0.0, min(100.0, 100.0 * (mean_logprob - lo) / (hi - lo)))

    def check_one(self, seg: Segment) -> CheckResult:
        lm = self.lm
        units = sentence_units(seg.mt)
        scored = score_units(lm, units)
        values = [lp for lp in scored.logp if lp is not None]
        if scored.end_logp is not None:
            values.append(scored.end_logp)
        if not values:
            return CheckResult()
        mean = sum(values) / len(values)
        scores = {"fluency": self.fluency_from_logprob(mean), "lm_logprob": mean}
        flags = self._collocations(seg, scored)
        flags.extend(self._stretches(seg, scored, flags))
        return CheckResult(scores=scores, flags=tuple(flags))

    # -- collocations -------------------------------------------------------------------------

    def pair_pmi(self, scored: _Scored, i: int) -> float | None:
        """PMI of unit i with the unit before it (best of bigram and trigram context), or None
        when the pair is not a pair of common content words."""
        p = self._p
        stop = self.lm.stop_words(p["stop_logprob"])
        if i == 0:
            return None
        u1, u2 = scored.uni[i - 1], scored.uni[i]
        if u1 is None or u2 is None:
            return None
        w1, w2 = scored.units[i - 1].word, scored.units[i].word
        if w1 in stop or w2 in stop or not (w1.isalpha() and w2.isalpha()):
            return None
        if min(u1, u2) < p["common_logprob"]:
            return None
        tri = scored.logp[i]
        assert tri is not None
        bi = self.lm.logp(w2, w1)
        return max(bi, tri) - u2

    def _collocation_badness(self, pmi: float, u1: float, u2: float) -> float:
        """How much a low PMI says: lower PMI and more common words (absence is telling)."""
        p = self._p
        commonness = min(u1, u2) - p["common_logprob"]  # >= 0, ~2 for very common words
        return (p["pmi_max"] - pmi) + p["commonness_weight"] * commonness

    def _collocations(self, seg: Segment, scored: _Scored) -> list[Flag]:
        p = self._p
        flags: list[Flag] = []
        for i in range(1, len(scored.units)):
            pmi = self.pair_pmi(scored, i)
            if pmi is None or pmi >= p["pmi_max"]:
                continue
            u1, u2 = scored.uni[i - 1], scored.uni[i]
            assert u1 is not None and u2 is not None
            badness = self._collocation_badness(pmi, u1, u2)
            severity = severity_for(badness, p["collocation_severity"])
            if severity is None:
                continue
            a, b = scored.units[i - 1], scored.units[i]
            blamed, suggestion = self._blame(scored, i - 1, i)
            pair = seg.mt[a.start : b.end]
            if blamed is None:
                start, end = a.start, b.end
                hint = ""
            else:
                start, end = blamed.start, blamed.end
                hint = f"; '{seg.mt[start:end]}' fits its context worst"
            confidence = 1.0 - math.exp(-badness / 1.5)
            msg = (
                f"'{pair}' is a rare combination of common words (PMI {pmi:+.1f}); "
                f"likely a mistranslated collocation{hint}"
            )
            if suggestion:
                msg += f" (did you mean '{suggestion}'?)"
            flags.append(
                self.flag(
                    seg,
                    start,
                    end,
                    category="collocation",
                    severity=severity,
                    confidence=confidence,
                    message=msg,
                    suggestion=suggestion,
                )
            )
        return flags

    # -- fill-in-the-blank -------------------------------------------------------------------

    def _window_logp(self, words_: list[str], i: int, x: str) -> float:
        """log10 p of x at position i plus the next two words given x (trigram window)."""
        lm = self.lm
        left1 = words_[i - 1] if i >= 1 else "<s>"
        left2 = words_[i - 2] if i >= 2 else "<s>"
        total = lm.logp(x, left1, left2)
        right1 = words_[i + 1] if i + 1 < len(words_) else "</s>"
        if lm.unigram(right1) is not None:
            total += lm.logp(right1, x, left1)
        if i + 2 < len(words_) and lm.unigram(words_[i + 2]) is not None:
            total += lm.logp(words_[i + 2], right1, x)
        return total

    def best_fill(self, words_: list[str], i: int) -> tuple[str, float]:
        """The candidate word for slot i with the best window log10 p, and its gain over the
        word that is there."""
        p = self._p
        original = self._window_logp(words_, i, words_[i])
        best_w, best = words_[i], original
        for x in self.lm.fill_candidates(p["stop_logprob"], int(p["suggest_candidates"])):
            v = self._window_logp(words_, i, x)
            if v > best:
                best_w, best = x, v
        return best_w, best - original

    def _blame(self, scored: _Scored, i: int, j: int) -> tuple[_Unit | None, str | None]:
        """Which of two units the evidence blames, and a replacement when one clearly wins."""
        words_ = [u.word for u in scored.units]
        fill_i, gain_i = self.best_fill(words_, i)
        fill_j, gain_j = self.best_fill(words_, j)
        k, fill, gain = (i, fill_i, gain_i) if gain_i > gain_j else (j, fill_j, gain_j)
        if gain < self._p["suggest_margin"]:
            return None, None
        return scored.units[k], fill

    # -- surprising stretches ----------------------------------------------------------------

    def _stretches(self, seg: Segment, scored: _Scored, already: list[Flag]) -> list[Flag]:
        p = self._p
        flags: list[Flag] = []
        run: list[int] = []
        n = len(scored.units)
        for i in range(n + 1):
            bad = False
            if i < n:
                lp, uni = scored.logp[i], scored.uni[i]
                bad = lp is not None and uni is not None and lp - uni < p["stretch_pmi"]
            if bad:
                run.append(i)
                continue
            if len(run) >= p["stretch_min_tokens"]:
                depth = -sum((scored.logp[k] or 0.0) - (scored.uni[k] or 0.0) for k in run)
                badness = depth / len(run) + 0.1 * len(run)
                severity = severity_for(badness, p["stretch_severity"])
                start, end = scored.units[run[0]].start, scored.units[run[-1]].end
                covered = any(f.start >= start and f.end <= end for f in already)
                if severity is not None and not covered:
                    flags.append(
                        self.flag(
                            seg,
                            start,
                            end,
                            category="fluency",
                            severity=severity,
                            confidence=1.0 - math.exp(-badness / 3.0),
                            message=(
                                f"'{seg.mt[start:end]}' reads very unusually "
                                f"({len(run)} words far less likely than usual in context)"
                            ),
                        )
                    )
            run = []
        return flags
