"""Fluency of English output under an n-gram language model (no source needed).

Evidence comes from the CMU US-English trigram model shipped in the ``pocketsphinx`` wheel:

* per-token surprisal, summarised per sentence as ``lm_logprob`` (mean log10 probability of the
  scored tokens, ``</s>`` included) and ``fluency`` = that mean mapped linearly onto 0..100;
* odd collocations: two adjacent content words that are each common but (almost) never seen
  together, measured by PMI = log p(w2 | context, w1) − log p(w2). A garbled collocation
  ("peaceful warfare", "Foreign Cases") has PMI near or below zero where real ones score +2..+4;
* very surprising stretches: consecutive tokens whose contextual PMI is far below zero.

Precision first: the model has never seen many real pairs of news English ("energy cooperation",
"trade war"), so a collocation flag from it alone is minor at most and carries no suggestion (the
strongest "usual partner" of a neighbouring word is often unrelated: "eleventh package" ->
"eleventh grade"). How well a usual partner fits the context still adds to the badness. Pairs at
the edge of a hyphenated compound ("nuclear-powered cruise") and stray letters ("75-th") are not
judged. The model's vocabulary is lowercase and dated (no "putin", "kyiv"): words it does not know
are skipped, never flagged here (the vocabulary check looks at those).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.text import words
from mtqa.types import CheckResult, Flag, Segment

# pocketsphinx returns log-probabilities in base 1.0001; this turns them into log10.
_TO_LOG10 = math.log10(1.0001)
_UNKNOWN = -536870912
_MODEL_FILE = ("en-us", "en-us.lm.bin")
# Precomputed collocates (scripts/build_lm_tables.py); used only when built for this model and pool.
COLLOCATES_TABLE = "collocates-en.json.gz"

DEFAULTS: dict[str, Any] = {
    # Words whose unigram log10 p is at least this are function/stop words (about the top 150).
    "stop_logprob": -3.1,
    # Both words of a pair must be at least this common (log10 unigram) for absence to mean much.
    "common_logprob": -5.6,
    # fluency = 100 * (lm_logprob - fluency_low) / (fluency_high - fluency_low), clipped.
    "fluency_low": -4.5,
    "fluency_high": -1.5,
    # Collocation candidates: PMI below pmi_max, both words nominal (see EnglishLM.nominal);
    # badness = (partner PMI - collocate_pmi) + commonness_weight*commonness + (pmi_max - PMI).
    "pmi_max": 0.0,
    "nominal_min": -0.6,
    "commonness_weight": 0.5,
    # The trigram model alone is weak evidence (many real pairs are simply unseen by it): a
    # collocation flag is minor at most, and only far from the usual (tuned on WMT21 references).
    "collocation_severity": {"minor": 2.4, "major": 99.0, "critical": 99.0},
    # Stretch of tokens each with contextual PMI below this (log10) and at least this long.
    "stretch_pmi": -1.5,
    "stretch_min_tokens": 3,
    "stretch_severity": {"minor": 1.5, "major": 2.2, "critical": 99.0},
    # Partners searched: the most frequent nominal non-stop LM words.
    "suggest_candidates": 5000,
    # A flag needs a neighbour whose strongest partner in the pool has at least this PMI.
    "collocate_pmi": 2.8,
    # Subtracted from the badness of a pair of capitalised common words (titles, names).
    "title_penalty": 1.2,
    # Weight of the log10 gain in window probability when a usual partner replaces the word.
    "gain_weight": 0.25,
}


_NUMBER_ROOTS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion"
).split()
# Cardinal and ordinal number words: they count or order any noun, so "eleventh package" is no
# collocation to judge.
NUMBER_WORDS = frozenset(
    [*_NUMBER_ROOTS, "first", "second", "third", "fifth", "eighth", "ninth", "twelfth"]
    + [w + "th" for w in _NUMBER_ROOTS if not w.endswith(("y", "e", "t", "o"))]
    + [w[:-1] + "ieth" for w in _NUMBER_ROOTS if w.endswith("y")]
    + ["fourth", "sixth", "seventh", "eleventh", "thirteenth", "fourteenth", "fifteenth"]
    + ["sixteenth", "seventeenth", "eighteenth", "nineteenth", "hundredth", "thousandth"]
)


class _Unit(NamedTuple):
    """One LM word inside a sentence, with the code-point span it covers in ``mt``."""

    word: str
    start: int
    end: int


class _Unigrams(dict):
    """word -> log10 p(word) or None, filled from the model on first asking (``__missing__``),
    so a known word is one C-level dict lookup."""

    def __init__(self, prob: Any) -> None:
        super().__init__()
        self._prob = prob

    def __missing__(self, word: str) -> float | None:
        raw = self._prob([word])
        value = None if raw == _UNKNOWN else raw * _TO_LOG10
        if len(self) < LOOKUP_CACHE_LIMIT:
            self[word] = value
        return value


# Unigram and seen-bigram answers kept (past it: cleared, or for unigrams asked anew each time).
LOOKUP_CACHE_LIMIT = 500_000


class EnglishLM:
    """The pocketsphinx trigram model with cached log10 lookups. Use :func:`english_lm`."""

    def __init__(self, path: str) -> None:
        import pocketsphinx

        self.path = path
        self.model = pocketsphinx.NGramModel.readfile(path)
        self._prob = self.model.prob
        self._unigram = _Unigrams(self._prob)
        # The hot lookup, bound once: a known word costs one dict subscript (see unigram()).
        self.unigram = self._unigram.__getitem__  # type: ignore[method-assign,assignment]
        self._seen: dict[tuple[str, str], bool] = {}
        self._backoff: dict[str, float] = {}
        self._nominal: dict[str, float] = {}
        self._collocate: dict[tuple[str, int, int, int], tuple[tuple[str, float], ...]] = {}

    def unigram(self, word: str) -> float | None:
        """log10 p(word), or None when the model does not know the word. (Each instance
        binds its cache's lookup over this method; this is the same answer.)"""
        return self._unigram[word]

    def logp(self, word: str, *history: str) -> float:
        """log10 p(word | history), history newest first; ``word`` must be known."""
        # Not cached: a model lookup costs about 1 µs, and most (word, history) asked are new.
        return float(self._prob([word, *history])) * _TO_LOG10

    def backoff(self, word: str) -> float:
        """log10 backoff weight of ``word`` as a bigram history, measured on rare probe words.

        A bigram (w1, w2) the model never saw has log p(w2|w1) = backoff(w1) + log p(w2) exactly.
        """
        try:
            return self._backoff[word]
        except KeyError:
            diffs = [round(self.logp(z, word) - (self.unigram(z) or 0.0), 4) for z in self.probes]
            value = max(set(diffs), key=diffs.count)
            self._backoff[word] = value
            return value

    def seen_bigram(self, w1: str, w2: str) -> bool:
        key = (w1, w2)
        try:
            return self._seen[key]
        except KeyError:
            pass
        pmi = self.logp(w2, w1) - (self.unigram(w2) or 0.0)
        value = abs(pmi - self.backoff(w1)) > 1e-3
        if len(self._seen) > LOOKUP_CACHE_LIMIT:
            self._seen.clear()
        self._seen[key] = value
        return value

    def nominal(self, word: str) -> float:
        """How much 'the' raises p(word): > 0 for nouns and adjectives, < 0 for verbs and names."""
        try:
            return self._nominal[word]
        except KeyError:
            value = self.logp(word, "the") - (self.unigram(word) or 0.0)
            self._nominal[word] = value
            return value

    def collocates(
        self, word: str, side: int, pool: tuple[str, ...], k: int = 20
    ) -> tuple[tuple[str, float], ...]:
        """The ``k`` pool words x with the highest PMI next to ``word``, best first
        (side +1: "word x", -1: "x word").

        Cached per word, so over a corpus the cost is one pool scan per distinct content word.
        """
        key = (word, side, len(pool), k)
        try:
            return self._collocate[key]
        except KeyError:
            pass
        table = self._collocates_table
        if table is not None and table.serves(pool, k):
            found = table.lookup(self, word, side, pool)
            if found is not None:
                self._collocate[key] = found
                return found
        value = self.scan_collocates(word, side, pool, k)
        self._collocate[key] = value
        return value

    def scan_collocates(
        self, word: str, side: int, pool: tuple[str, ...], k: int = 20
    ) -> tuple[tuple[str, float], ...]:
        """:meth:`collocates` computed from the model: one probability per pool word."""
        prob = self._prob
        if side > 0:
            scored = [(prob([x, word]) * _TO_LOG10 - (self.unigram(x) or 0.0), x) for x in pool]
        else:
            uw = self.unigram(word) or 0.0
            scored = [(prob([word, x]) * _TO_LOG10 - uw, x) for x in pool]
        scored.sort(reverse=True)
        return tuple((x, v) for v, x in scored[:k] if x != word)

    @cached_property
    def _collocates_table(self) -> CollocatesTable | None:
        return CollocatesTable.load_shipped(os.path.getsize(self.path))

    @cached_property
    def probes(self) -> tuple[str, ...]:
        """Five of the rarest plain words: no history predicts them, so they expose backoff."""
        rare = [w for p, w in reversed(self.by_frequency()) if w.isalpha()]
        return tuple(rare[:5])

    @cached_property
    def vocabulary(self) -> tuple[str, ...]:
        """Every unigram of the model, read from the word table at the end of the binary file."""
        with open(self.path, "rb") as f:
            data = f.read()
        count = struct.unpack("<I", data[20:24])[0]
        names = data.rstrip(b"\x00").split(b"\x00")[-count:]
        return tuple(n.decode("utf-8", "replace") for n in names)

    @cached_property
    def _by_frequency(self) -> list[tuple[float, str]]:
        pairs = [(self.unigram(w), w) for w in self.vocabulary]
        return sorted(((p, w) for p, w in pairs if p is not None), reverse=True)

    def by_frequency(self) -> list[tuple[float, str]]:
        """(log10 p, word) for the whole vocabulary, most frequent first."""
        return self._by_frequency

    @lru_cache(maxsize=8)  # noqa: B019 - one model per process, lives as long as the process
    def stop_words(self, threshold: float) -> frozenset[str]:
        """Function words, found by frequency alone: unigram log10 p >= threshold."""
        return frozenset(w for p, w in self.by_frequency() if p >= threshold)

    @lru_cache(maxsize=8)  # noqa: B019
    def fill_candidates(self, stop_threshold: float, n: int) -> tuple[str, ...]:
        """The ``n`` most frequent plain words, stop words excluded: candidate partners."""
        out = []
        for p, w in self.by_frequency():
            if p < stop_threshold and w.isalpha():
                out.append(w)
                if len(out) >= n:
                    break
        return tuple(out)


def pool_digest(pool: Sequence[str]) -> str:
    """A short fingerprint of a candidate pool (its words in order)."""
    return hashlib.sha1("\n".join(pool).encode("utf-8")).hexdigest()[:16]


class CollocatesTable:
    """Precomputed :meth:`EnglishLM.collocates` results, shipped in package data.

    Per word and side it stores the chosen pool indices and the model's raw log-probabilities
    (integers, base 1.0001) as one string "index logprob index logprob ...", so the PMI values are recomputed with the same arithmetic as a scan
    and come out identical. It answers only for the pool, ``k`` and model file it was built from.
    """

    def __init__(self, meta: Mapping[str, Any], sides: Mapping[str, Mapping[str, str]]):
        self.meta = dict(meta)
        self.sides = {int(side): entries for side, entries in sides.items()}
        # id(pool) -> (pool, whether it is the table's pool); holding the pool keeps its id unique
        self._checked: dict[int, tuple[tuple[str, ...], bool]] = {}

    @classmethod
    def load_shipped(cls, model_bytes: int) -> CollocatesTable | None:
        """The table in package data, or None when it is missing or built for another model."""
        try:
            raw = (
                resources.files("mtqa.data").joinpath("lm").joinpath(COLLOCATES_TABLE).read_bytes()
            )
        except (FileNotFoundError, ModuleNotFoundError):
            return None
        data = json.loads(gzip.decompress(raw))
        if data["meta"].get("model_bytes") != model_bytes:
            return None
        return cls(data["meta"], data["sides"])

    def serves(self, pool: tuple[str, ...], k: int) -> bool:
        if k != self.meta["k"] or len(pool) != self.meta["suggest_candidates"]:
            return False
        checked = self._checked.get(id(pool))
        if checked is None:
            checked = self._checked[id(pool)] = (
                pool,
                pool_digest(pool) == self.meta["pool_digest"],
            )
        return checked[1]

    def lookup(
        self, lm: EnglishLM, word: str, side: int, pool: tuple[str, ...]
    ) -> tuple[tuple[str, float], ...] | None:
        entry = self.sides[side].get(word)
        if entry is None:
            return None
        numbers = [int(n) for n in entry.split()]
        pairs = zip(numbers[::2], numbers[1::2])
        if side > 0:
            return tuple((pool[i], r * _TO_LOG10 - (lm.unigram(pool[i]) or 0.0)) for i, r in pairs)
        uw = lm.unigram(word) or 0.0
        return tuple((pool[i], r * _TO_LOG10 - uw) for i, r in pairs)


def model_path() -> str:
    import pocketsphinx

    return os.path.join(pocketsphinx.get_model_path(), *_MODEL_FILE)


@lru_cache(maxsize=1)
def english_lm() -> EnglishLM:
    """The process-wide model, loaded on first use (about 0.04 s)."""
    return EnglishLM(model_path())


def pmi(lm: Any, x: str, mid: str | None, y: str) -> float | None:
    """How much ``x`` raises the log10 probability of ``y`` after it: log10 p(y | x) - log10
    p(y) for an adjacent pair, log10 p(y | x mid) - log10 p(y | mid) for "x mid y" ("market of
    labour"); None when the model lacks either word. ``lm``: an :class:`EnglishLM` (or any
    object with its ``unigram`` and ``logp``)."""
    ux, uy = lm.unigram(x), lm.unigram(y)
    if ux is None or uy is None:
        return None
    if mid is None:
        return float(lm.logp(y, x) - uy)
    return float(lm.logp(y, mid, x) - lm.logp(y, mid))


# symspellpy's English bigram list (Google Books Ngram counts intersected with SCOWL; MIT
# package), read where pip installed it, never copied into mtqa.
_COMMON_BIGRAMS = ("symspellpy", "frequency_bigramdictionary_en_243_342.txt")


@dataclass(frozen=True)
class CommonBigrams:
    """English word pairs frequent in print (each seen about 6.4 million times or more in
    Google Books): established collocations ("armed forces", "legal entities"), unlike the
    trigram model's "seen", which a pair met once in its corpus passes."""

    pairs: frozenset[str]  # "w1 w2", lowercase
    signature: str

    def __contains__(self, pair: object) -> bool:
        return pair in self.pairs

    def has(self, w1: str, w2: str) -> bool:
        return f"{w1.lower()} {w2.lower()}" in self.pairs


@lru_cache(maxsize=1)
def common_bigrams() -> CommonBigrams | None:
    """The list, loaded once (about 0.2 s); None when symspellpy is not installed."""
    from importlib.util import find_spec

    # find_spec locates the package without importing it (its __init__ imports more than needed).
    spec = find_spec(_COMMON_BIGRAMS[0])
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), _COMMON_BIGRAMS[1])
    if not os.path.exists(path):
        return None
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                pairs.append(f"{parts[0].lower()} {parts[1].lower()}")
    from importlib import metadata

    version = metadata.version(_COMMON_BIGRAMS[0])
    return CommonBigrams(frozenset(pairs), f"symspellpy-{version}:bigrams-{len(pairs)}")


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
    new = tuple.__new__  # _Unit(w, s, e) without the namedtuple's Python-level __new__ frame
    for text, start, _ in words(mt):
        for w, a, b in lm_units(text):
            units.append(new(_Unit, ("<unk>" if w is None else w, start + a, start + b)))
    return units


class FluencyCheck(Check):
    """Language-model fluency of English MT: surprisal and odd collocations."""

    name = "fluency"
    per_segment = True
    version = "1"
    target_langs = frozenset({"en"})
    batch_size = 256

    def __init__(
        self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()
    ) -> None:
        super().__init__(params, langs)
        self._p = self.params_with(DEFAULTS)
        self._lm: EnglishLM | None = None

    def resources(self) -> str:
        try:
            from importlib import metadata

            version = metadata.version("pocketsphinx")
        except Exception:  # noqa: BLE001  # pragma: no cover - metadata missing in odd installs
            version = "unknown"
        return f"cmu-en-us-lm(pocketsphinx-{version})"

    @property
    def _stop(self) -> frozenset[str]:
        return self.lm.stop_words(self._p["stop_logprob"])

    @property
    def _pool(self) -> tuple[str, ...]:
        p = self._p
        return self.lm.fill_candidates(p["stop_logprob"], int(p["suggest_candidates"]))

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
        unless the pair is two common nominal content words the model never saw together."""
        p = self._p
        lm = self.lm
        if i == 0:
            return None
        u1, u2 = scored.uni[i - 1], scored.uni[i]
        if u1 is None or u2 is None or min(u1, u2) < p["common_logprob"]:
            return None
        w1, w2 = scored.units[i - 1].word, scored.units[i].word
        stop = lm.stop_words(p["stop_logprob"])
        if w1 in stop or w2 in stop or not (w1.isalpha() and w2.isalpha()):
            return None
        # Only pairs inside a noun phrase: verbs, names and adverbs do not follow "the".
        if min(lm.nominal(w1), lm.nominal(w2)) < p["nominal_min"]:
            return None
        if lm.seen_bigram(w1, w2):
            return None
        tri = scored.logp[i]
        assert tri is not None
        return max(lm.logp(w2, w1), tri) - u2

    def _collocations(self, seg: Segment, scored: _Scored) -> list[Flag]:
        flags: list[Flag] = []
        for start, end, pmi, badness in self._pair_badness(seg.mt, scored):
            severity = severity_for(badness, self._p["collocation_severity"])
            if severity is None:
                continue
            msg = (
                f"two common words the language model has not seen together (PMI {pmi:+.1f}); "
                "possibly a mistranslated collocation"
            )
            flags.append(
                self.flag(
                    seg,
                    start,
                    end,
                    category="collocation",
                    severity=severity,
                    confidence=1.0 - math.exp(-badness / 1.5),
                    message=msg,
                )
            )
        return flags

    def collocation_candidates(
        self, mt: str, min_badness: float = 1.0
    ) -> list[tuple[int, int, float]]:
        """(start, end, badness) of every adjacent pair of ``mt`` the model finds odd, weak ones
        included (badness below the flag threshold): for a check or the pipeline that has other
        evidence on the same words (the source, a dictionary) to corroborate."""
        scored = score_units(self.lm, sentence_units(mt))
        return [
            (start, end, badness)
            for start, end, _pmi, badness in self._pair_badness(mt, scored)
            if badness >= min_badness
        ]

    def _pair_badness(self, mt: str, scored: _Scored) -> list[tuple[int, int, float, float]]:
        """(start, end, PMI, badness) of each pair of common nominal words the model never saw
        together, next to a word with a strong usual partner."""
        p = self._p
        out: list[tuple[int, int, float, float]] = []
        stop = self._stop
        common = p["common_logprob"]
        uni = scored.uni
        for i in range(1, len(scored.units)):
            # Cheapest tests first: both words known, common and not stop words.
            u1, u2 = uni[i - 1], uni[i]
            if u1 is None or u2 is None or u1 < common or u2 < common:
                continue
            a, b = scored.units[i - 1], scored.units[i]
            if a.word in stop or b.word in stop:
                continue
            # Only words next to each other; hyphenated compounds ("counter-sniper") are coined
            # freely and are not collocations.
            if mt[a.end : b.start].strip(" ") or a.end == b.start:
                continue
            # The edge of a hyphenated compound ("nuclear-powered cruise") and stray letters
            # ("75-th anniversary") are not a pair of words chosen for each other.
            if mt[a.start - 1 : a.start] == "-" or mt[b.end : b.end + 1] == "-":
                continue
            if min(len(a.word), len(b.word)) < 3 or a.word in NUMBER_WORDS:
                continue
            # Capitalised words mid-sentence are usually names, which combine freely; a title
            # made of common words ("Ministry of Foreign Cases") is judged, more strictly.
            title = mt[b.start].isupper() or (a.start > 0 and mt[a.start].isupper())
            if title and not (mt[a.start].isupper() and mt[b.start].isupper()):
                continue
            pmi = self.pair_pmi(scored, i)
            if pmi is None or pmi >= p["pmi_max"]:
                continue
            right = self.lm.collocates(a.word, +1, self._pool)
            left = self.lm.collocates(b.word, -1, self._pool)
            strength = max(right[0][1] if right else 0.0, left[0][1] if left else 0.0)
            if strength < p["collocate_pmi"]:
                continue
            # The pair itself is the flagged span: the evidence says the two words do not go
            # together, not which one is wrong. How much the usual partner of either word, put in
            # place, raises the trigram log-prob (gain) adds to the badness; it is no suggestion.
            words_ = [u.word for u in scored.units]
            options: list[tuple[float, float]] = []
            for _x, x_pmi, g in self._fills(words_, i, right[:8], i + 1):
                options.append((x_pmi + g, g))
            for _x, x_pmi, g in self._fills(words_, i - 1, left[:8], i + 1):
                # per scored word: this window holds two words, the one above one
                options.append((x_pmi + g / 2.0, g / 2.0))
            _, gain = max(options) if options else (0.0, -1.0)
            commonness = min(u1, u2) - p["common_logprob"]
            badness = (
                (strength - p["collocate_pmi"])
                + p["commonness_weight"] * commonness
                + (p["pmi_max"] - pmi)
                + p["gain_weight"] * max(-1.0, min(gain, 4.0))
                - (p["title_penalty"] if title else 0.0)
            )
            out.append((a.start, b.end, pmi, badness))
        return out

    def _fills(
        self, words_: list[str], i: int, candidates: Sequence[tuple[str, float]], end: int
    ) -> list[tuple[str, float, float]]:
        """(candidate, its PMI, gain): how much each candidate put at position i changes the
        trigram log10 prob of words[i:end] given the two words before."""
        lo, hi = max(0, i - 2), min(len(words_), end)
        context = ["<s>", "<s>", *words_[lo:hi]]
        pos = i - lo + 2

        def window(seq: list[str]) -> float:
            total = 0.0
            for j in range(pos, len(seq)):
                if seq[j] == "<unk>" or self.lm.unigram(seq[j]) is None:
                    continue
                hist = [h for h in (seq[j - 1], seq[j - 2]) if h != "<unk>"]
                total += self.lm.logp(seq[j], *hist)
            return total

        original = window(context)
        out = []
        for x, x_pmi in candidates:
            trial = list(context)
            trial[pos] = x
            out.append((x, x_pmi, window(trial) - original))
        return out

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
