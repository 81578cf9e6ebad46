"""The learned wrong-sense decision of the adequacy check: candidates, features, a small model.

The dictionary lookup finds many English words that render no source word or render it in an
unusual sense; most of them are free but correct translations. This module turns every such
word into a *candidate* (with the best dictionary alternative the language model prefers in
place, as the rule-based path does), describes it by mechanism-level features (alignment,
uncovered source words, dictionary, language model, word frequency; never word lists) and lets
a small model trained on synthetic garbles (``scripts/train_adequacy.py``) decide. The model is
plain JSON (standardised logistic regression or depth-limited trees), read without scikit-learn.

A candidate is one English content word with its best alternative; the decision is a
probability, with two thresholds chosen on a development split for precision on clean text:
``minor`` (a flag at all) and ``major``.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtqa.checks.source.adequacy import _inflect_like
from mtqa.errors import MtqaError
from mtqa.lexicon.frequency import zipf as _zipf
from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas

if TYPE_CHECKING:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import Alignment
    from mtqa.types import Segment, Severity

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "data" / "adequacy" / "decision.json"

# Uncovered source words this far from the English word's relative position are considered
# when no linked anchor points to them (in source words).
POSITION_WINDOW = 3

FEATURES: tuple[str, ...] = (
    "linked",  # the English word renders some source word (then: in which sense)
    "free",  # linked, with no linked content word beside it
    "anchor_linked",  # the neighbour judged with it is a linked content word
    "via_anchor",  # the uncovered source word sits near the anchor's partner (linked: 1)
    "gain",  # PMI gain (log10) of the best dictionary alternative in context
    "rule_margin",  # the rule path's margin (gain minus its graded threshold), clipped
    "rule_fired",  # the rule path would flag this word
    "seen_orig",  # the LM has seen the English word with its neighbour
    "seen_sugg",  # ... and the alternative with the neighbour
    "rank",  # the alternative's rank among the source word's renderings
    "n_candidates",  # renderings of the source word the LM knows, of this part of speech
    "log_renderings",  # log(1 + all one-word renderings of the source word)
    "zipf_mt",  # wordfreq zipf of the English word
    "zipf_sugg",  # ... of the alternative
    "lm_unigram",  # log10 unigram of the English word
    "capitalised",
    "first_word",
    "uncovered_src",  # share of source content words nothing renders (a free translation)
    "unlinked_mt",  # share of English content words linked to nothing
    "n_uncovered_near",  # uncovered same-kind source words considered for this word
    "src_distance",  # |relative position of source word - of English word| (0..1)
    "n_partners",  # source words the English word links to
    "seen_left",  # the LM has seen the word with the word before it
    "seen_right",  # ... with the word after it
    "noun",
    "verb",
    "adj",
    "n_alternatives",  # alternatives tried that the LM prefers at all (gain > 0)
    "pmi_left",  # log10 p(word | word before) - log10 p(word): how well it follows
    "pmi_right",  # log10 p(next | word) - log10 p(next): how well the next word follows it
    "own_rank",  # linked: the English word's rank among the source word's renderings (else 20)
    "zipf_gap",  # zipf of the source word's commonest rendering minus the English word's
    "central",  # linked by one of its source word's central renderings (judged when it misfits)
    "alt_sides",  # sides where the LM has seen the alternative, not the word, with the neighbour
    "alt_pmi_left",  # log10 p(alternative | word before) - log10 p(alternative)
    "alt_pmi_right",  # log10 p(next | alternative) - log10 p(next)
    "partner",  # the alternative is a rendering of the source verb's aspect partner only
    "wn_gain",  # WordNet coherence of the alternative minus the word's (0 when off or unknown)
    "wn_word",  # WordNet coherence of the word itself with the sentence (0 when off or unknown)
)
# Features read only when the adequacy check's ``wordnet`` setting is on (0 otherwise).
WORDNET_FEATURES: tuple[str, ...] = ("wn_gain", "wn_word")

# A central rendering is judged only where the LM has not seen it with a neighbour, against this
# many of its source word's renderings (a bounded cost: most linked words are central).
CENTRAL_ALTERNATIVES = 10


# The exact shortcuts of ``sense_candidates`` (a source word's alternatives, an alternative's form
# and gain computed once per English word; a key that cannot beat the best not built); off only in the test that compares
# them with the plain computation.
_SHORTCUTS = True


_UNSET = object()


@dataclass(frozen=True)
class SenseCandidate:
    """One English word the adequacy check may call a wrong sense, with its best alternative."""

    j: int  # English word index
    n: int  # neighbour judged with it
    i: int  # source word index the alternative renders
    form: str  # the alternative, inflected like the English word
    gain: float
    rule_margin: float  # -inf when the rule path would not consider it
    rule_strong: bool  # the rule path's two-sided (major) case
    features: tuple[float, ...]
    wn_gain: float = 0.0  # WordNet coherence gain of the alternative (0 when off or unknown)


def sense_candidates(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[SenseCandidate]:
    """Every English content word the wrong-sense test can judge, with its best alternative.

    A superset of what the rule path considers: besides the rule's anchors (a linked content
    word beside it, or a free linked word judged against its neighbour), an unlinked word is
    also judged against any neighbour, with uncovered source words near its relative position.
    """
    p = check._p
    window = int(p["anchor_window"])
    linked_src = {a for a, _ in al.links}
    linked_mt = {b for _, b in al.links}
    src_content = [i for i, c in enumerate(al.src_content) if c]
    mt_content = [j for j, c in enumerate(al.mt_content) if c]
    uncovered = sum(1 for i in src_content if i not in linked_src) / max(1, len(src_content))
    unlinked = sum(1 for j in mt_content if j not in linked_mt) / max(1, len(mt_content))
    scale = len(al.src) / max(1, len(al.mt))
    lm = check.lm
    padded = check._padded(al)
    # parameters and graded thresholds read once per sentence, not per alternative
    gain_partner, late_gain = p["sense_gain_partner"], p["late_rank_gain"]
    near_ranks = p["near_ranks"]
    thresholds: dict[tuple[str, bool | None, bool], float] = {}
    out: list[SenseCandidate] = []
    for j in range(len(al.mt)):
        if not check._judgeable(al, j):
            continue
        linked = j in linked_mt
        word = al.mt[j].text
        mt_pos = {lem.pos for lem in en_lemmas(word)}
        mt_lemmas = en_lemma_set(word)
        free = bool(
            linked
            and p["free_anchor"]
            and not any(
                0 <= j + d < len(al.mt) and j + d in linked_mt and al.mt_content[j + d]
                for d in (-1, +1)
            )
        )
        left = check._seen_words(al.mt[j - 1].text, word) if j > 0 else None
        right = check._seen_words(word, al.mt[j + 1].text) if j + 1 < len(al.mt) else None
        seen_left, seen_right = bool(left), bool(right)
        # A central rendering is a candidate only where it misfits: a neighbour the LM has
        # never seen it with ("third block", "actions fell").
        misfit = linked and (left is False or right is False)
        kind = "free" if free else "linked" if linked else ""
        # (margin, -rank, ...) of the best alternative overall and of the rule's own best
        best: tuple[Any, ...] | None = None
        rule_best: tuple[float, int, int, str, int, bool] | None = None
        considered: set[int] = set()
        n_positive = 0
        scored: dict[str, tuple[str, float | None]] = {}
        alternatives: dict[int, tuple[bool, list[str]]] = {}
        owned: dict[int, tuple[Any, dict[str, int]]] = {}
        own_sources: list[tuple[int, bool]] | None = None
        word_unigram = lm.unigram(word.lower()) or 0.0
        before: Any = _UNSET  # the LM's log10 p of the word's window (see _gain), when asked
        for side in (-1, +1):
            n = j + side
            # a possessive neighbour ("company's actions") is a word too
            if not (0 <= n < len(al.mt)) or not al.mt[n].text.replace("'", "").isalpha():
                continue
            anchor = n in linked_mt and bool(al.mt_content[n])
            if not (anchor or free or not linked):
                continue
            if al.mt[n].text[:1].isupper() != word[:1].isupper() and min(n, j) > 0:
                continue
            lo_tok, hi_tok = al.mt[min(n, j)], al.mt[max(n, j)]
            if seg.mt[lo_tok.end : hi_tok.start].strip():
                continue
            rule_ok = (anchor or free) and al.mt[n].text.isalpha()  # as the rules judge
            sources: list[tuple[int, bool]] = []
            if linked:
                # Its source words that no other English word renders (рост rendered as
                # "growth" elsewhere is not what "gain" mistranslates).
                if own_sources is None or not _SHORTCUTS:  # the same on both sides
                    own_sources = [
                        (i, True) for i in al.partners_of_mt(j) if check._renders_alone(al, i, j)
                    ]
                sources = own_sources
            else:
                near: set[int] = set()
                if anchor:
                    for a in al.partners_of_mt(n):
                        for i in range(a - window, a + window + 1):
                            if i != a and 0 <= i < len(al.src) and i not in linked_src:
                                near.add(i)
                                sources.append((i, True))
                centre = round(j * scale)
                for i in range(centre - POSITION_WINDOW, centre + POSITION_WINDOW + 1):
                    if 0 <= i < len(al.src) and i not in linked_src and i not in near:
                        sources.append((i, False))
            seen_orig: bool | None = None
            pair_checked = False
            for i, via_anchor in sources:
                # a source word's alternatives depend on the English word, not on the side
                if _SHORTCUTS and i in alternatives:
                    is_central, candidates = alternatives[i]
                else:
                    is_central = bool(linked and mt_lemmas & check._central(al.src[i].text))
                    candidates = []
                    if not is_central or misfit:
                        candidates = check._source_candidates(
                            al, i, mt_pos, mt_lemmas, linked, central=is_central
                        )
                        if is_central and candidates:
                            candidates = check._common_candidates(
                                al.src[i].text, mt_pos, CENTRAL_ALTERNATIVES
                            )
                    alternatives[i] = (is_central, candidates)
                if not candidates:
                    continue
                if not pair_checked:
                    seen_orig = check._seen_pair(al, min(n, j))
                    pair_checked = True
                if seen_orig is None:
                    break
                considered.add(i)
                if _SHORTCUTS and i in owned:
                    own, own_ranks = owned[i]
                else:
                    own = check.lexicon.renderings(al.src[i].text)
                    own_ranks = {c: k for k, c in enumerate(c for c in candidates if c in own)}
                    owned[i] = (own, own_ranks)
                for rank, cand in enumerate(candidates):
                    if cand in mt_lemmas:
                        continue
                    # the form and its gain depend on the word and the alternative only: the
                    # same alternative recurs on the other side and under other source words
                    if _SHORTCUTS and cand in scored:
                        form, gain = scored[cand]
                    else:
                        form = _inflect_like(cand, word)
                        if _SHORTCUTS:
                            # check._gain(al, j, j + 1, [form]) inlined, its window before the
                            # word read once per word: (after - before) / 1 * 1 is after - before
                            if before is _UNSET:
                                before = check._window_logp(padded[j : j + 5], 1)
                            after = check._window_logp(
                                (padded[j], padded[j + 1], form.lower(), *padded[j + 3 : j + 5]), 1
                            )
                            gain = None if before is None or after is None else after - before
                        else:
                            gain = check._gain(al, j, j + 1, [form])
                        if gain is not None:
                            gain -= (lm.unigram(form.lower()) or 0.0) - word_unigram
                        scored[cand] = (form, gain)
                    if gain is None:
                        continue
                    if cand not in own and gain < gain_partner:
                        continue
                    n_positive += gain > 0
                    late = late_gain if rank >= near_ranks else 0.0
                    first = gain - late
                    rule_cand = rule_ok and via_anchor and not is_central and cand in own
                    # neither the rule's key nor the best key can take it: what follows (the
                    # seen-pair lookup, the keys) would change nothing
                    if _SHORTCUTS and not rule_cand and best is not None and first < best[0]:
                        continue
                    seen_sugg = bool(
                        check._seen_words(
                            *((al.mt[n].text, form) if n < j else (form, al.mt[n].text))
                        )
                    )
                    t_key = (kind, seen_orig, seen_sugg)
                    base = thresholds.get(t_key)
                    if base is None:
                        base = thresholds[t_key] = check._sense_threshold(*t_key)
                    # the rules rank the dictionary's own renderings among themselves
                    r_rank = own_ranks.get(cand, rank)
                    r_late = late_gain if r_rank >= near_ranks else 0.0
                    margin = gain - base - r_late
                    strong = seen_orig is False and seen_sugg and not free and gain >= base + 1.0
                    rule_key = (margin, -r_rank, i, form, n, strong)
                    # (rule_cand: the rules read the dictionary's own renderings)
                    if rule_cand and (rule_best is None or rule_key > rule_best):
                        rule_best = rule_key
                    # a key whose first item is below the best's cannot beat it
                    if _SHORTCUTS and best is not None and first < best[0]:
                        continue
                    key = (
                        first,
                        -rank,
                        i,
                        form,
                        n,
                        gain,
                        seen_orig,
                        seen_sugg,
                        rank,
                        len(candidates),
                        anchor,
                        via_anchor,
                        is_central,
                        cand,
                    )
                    if best is None or key > best:
                        best = key
        if best is None:
            continue
        (i, form, n, gain, seen_orig, seen_sugg, rank, n_cand, anchor, via_anchor, central) = best[
            2:13
        ]
        best_cand = best[13]
        r_margin = rule_best[0] if rule_best is not None else -math.inf
        r_strong = bool(rule_best is not None and rule_best[5] and rule_best[0] >= 0)
        pos_set = {lem.pos for lem in en_lemmas(word)}
        low = word.lower()
        rend = check._sense_renderings(al.src[i].text)
        feats = {
            "linked": float(linked),
            "free": float(free),
            "anchor_linked": float(anchor),
            "via_anchor": float(via_anchor),
            "gain": max(-5.0, min(5.0, gain)),
            "rule_margin": max(-5.0, min(5.0, r_margin)),
            "rule_fired": float(r_margin >= 0),
            "seen_orig": float(bool(seen_orig)),
            "seen_sugg": float(bool(seen_sugg)),
            "rank": float(min(rank, 12)),
            "n_candidates": float(n_cand),
            "log_renderings": math.log1p(len(rend)),
            "zipf_mt": _zipf(low),
            "zipf_sugg": _zipf(form.lower()),
            "lm_unigram": lm.unigram(low) or -8.0,
            "capitalised": float(word[:1].isupper()),
            "first_word": float(j == 0),
            "uncovered_src": uncovered,
            "unlinked_mt": unlinked,
            "n_uncovered_near": float(len(considered)),
            "src_distance": al.relative_position(i, j),
            "n_partners": float(len(al.partners_of_mt(j))),
            "seen_left": float(seen_left),
            "seen_right": float(seen_right),
            "noun": float("NOUN" in pos_set),
            "verb": float("VERB" in pos_set),
            "adj": float("ADJ" in pos_set),
            "n_alternatives": float(min(n_positive, 20)),
            "pmi_left": _pmi(lm, al, j - 1, j),
            "pmi_right": _pmi(lm, al, j, j + 1),
            "own_rank": _own_rank(rend, mt_lemmas) if linked else 20.0,
            "zipf_gap": _top_zipf(check, al.src[i].text, rend) - _zipf(low),
            "central": float(central),
            "alt_sides": float(_alt_sides(check, al, j, form, seen_left, seen_right)),
            "alt_pmi_left": _pmi_words(lm, al.mt[j - 1].text if j > 0 else None, form),
            "alt_pmi_right": _pmi_words(
                lm, form, al.mt[j + 1].text if j + 1 < len(al.mt) else None
            ),
            "partner": float(best_cand not in check.lexicon.renderings(al.src[i].text)),
        }
        feats["wn_gain"], feats["wn_word"] = _wordnet_scores(check, al, j, form)
        if r_margin >= 0 and rule_best is not None:
            # The rule's own choice of neighbour and alternative stands where the rule fires.
            _, _, i, form, n, _ = rule_best
        out.append(
            SenseCandidate(
                j=j,
                n=n,
                i=i,
                form=form,
                gain=gain,
                rule_margin=r_margin,
                rule_strong=r_strong,
                features=tuple(map(feats.__getitem__, FEATURES)),
                wn_gain=feats["wn_gain"],
            )
        )
    return out


def _wordnet_scores(check: AdequacyCheck, al: Alignment, j: int, form: str) -> tuple[float, float]:
    """WordNet coherence (lexicon/wordnet.py) with the sentence's other content words: of
    ``form`` minus that of mt word j, and of word j itself; 0 for what the setting being off or
    WordNet lacking a word leaves unknown."""
    coherence = check.coherence
    if coherence is None:
        return 0.0, 0.0
    from mtqa.lexicon.wordnet import context_lemmas

    words = [t.text for t in al.mt]
    context = coherence.context(context_lemmas(words, j))
    own = coherence.word_score(words[j], context)
    alt = coherence.word_score(form, context)
    own_value = 0.0 if own is None else min(5.0, own)
    if own is None or alt is None:
        return 0.0, own_value
    return max(-5.0, min(5.0, alt - own)), own_value


# Source words whose commonest rendering's Zipf frequency each check keeps (a bounded cache:
# cleared past this many entries).
TOP_ZIPF_LIMIT = 100_000


def _top_zipf(check: AdequacyCheck, src_word: str, renderings: Sequence[str]) -> float:
    """The largest Zipf frequency among the one-word ``renderings`` (the check's
    ``_sense_renderings(src_word)``) or 0.0: cached per check and source word."""
    cache = check._top_zipf_cache
    try:
        return cache[src_word]
    except KeyError:
        pass
    value = max((_zipf(r) for r in renderings if " " not in r), default=0.0)
    if _SHORTCUTS:
        if len(cache) >= TOP_ZIPF_LIMIT:
            cache.clear()
        cache[src_word] = value
    return value


def _own_rank(renderings: Sequence[str], lemmas: frozenset[str]) -> float:
    for k, r in enumerate(renderings[:20]):
        if r in lemmas:
            return float(k)
    return 20.0


def _alt_sides(
    check: AdequacyCheck, al: Alignment, j: int, form: str, seen_left: bool, seen_right: bool
) -> int:
    """Sides of mt word j where the LM has seen ``form`` with the neighbour but not the word
    (content-word neighbours only: "included an" says nothing of the sense)."""
    sides = 0
    if j > 0 and al.mt_content[j - 1] and not seen_left:
        sides += bool(check._seen_words(al.mt[j - 1].text, form))
    if j + 1 < len(al.mt) and al.mt_content[j + 1] and not seen_right:
        sides += bool(check._seen_words(form, al.mt[j + 1].text))
    return sides


def _pmi_words(lm: Any, w1: str | None, w2: str | None) -> float:
    """Bigram PMI of two words (0 at the sentence's edge or for a word the LM lacks)."""
    if w1 is None or w2 is None:
        return 0.0
    w1, w2 = w1.lower(), w2.lower()
    if lm.unigram(w1) is None or lm.unigram(w2) is None:
        return 0.0
    return max(-5.0, min(5.0, float(lm.logp(w2, w1)) - (lm.unigram(w2) or 0.0)))


def _pmi(lm: Any, al: Alignment, a: int, b: int) -> float:
    """Bigram PMI of mt words a and b (0 at the sentence's edge or for a word the LM lacks)."""
    if a < 0 or b >= len(al.mt):
        return 0.0
    w1, w2 = al.mt[a].text.lower(), al.mt[b].text.lower()
    u1, u2 = lm.unigram(w1), lm.unigram(w2)
    if u1 is None or u2 is None:
        return 0.0
    return max(-5.0, min(5.0, float(lm.logp(w2, w1)) - u2))


# -- the model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SenseDecision:
    """A trained decision: P(wrong sense | features) and the two thresholds.

    ``kind`` is ``logistic`` (``mean``, ``scale``, ``coef``, ``intercept``) or ``trees``
    (gradient-boosted regression trees: ``init`` log-odds, ``learning_rate``, ``trees`` as
    parallel lists ``feature``, ``threshold``, ``left``, ``right``, ``value``; a leaf has
    feature -1).
    """

    kind: str
    features: tuple[str, ...]
    params: Mapping[str, Any]
    minor: float
    major: float
    union: bool  # the rule path's two-sided (major) flags stand too
    version: str  # first 8 hex digits of the file's SHA-1 (for the signature)
    # The trees as tuples of parallel lists: no dictionary look-ups inside the walk.
    _trees: tuple[tuple[Any, Any, Any, Any, Any], ...] = field(
        init=False, repr=False, compare=False, default=()
    )
    # The same trees compiled once into one function of nested comparisons (None: walked).
    _compiled: Callable[[Sequence[float]], float] | None = field(
        init=False, repr=False, compare=False, default=None
    )

    def __post_init__(self) -> None:
        if self.kind == "trees":
            trees = tuple(
                (t["feature"], t["threshold"], t["left"], t["right"], t["value"])
                for t in self.params["trees"]
            )
            object.__setattr__(self, "_trees", trees)
            object.__setattr__(
                self,
                "_compiled",
                _compile_trees(
                    self.params["init"], self.params["learning_rate"], trees, len(self.features)
                ),
            )

    def probability(self, x: Sequence[float]) -> float:
        if len(x) != len(self.features):
            raise ValueError(f"expected {len(self.features)} features, got {len(x)}")
        if self.kind == "logistic":
            z = float(self.params["intercept"])
            for v, m, s, c in zip(
                x, self.params["mean"], self.params["scale"], self.params["coef"]
            ):
                z += c * (v - m) / s
        elif self._compiled is not None:
            z = self._compiled(x)
        else:
            z = self._walk(x)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def _walk(self, x: Sequence[float]) -> float:
        """The trees' log-odds, walked node by node (the plain computation ``_compiled`` makes
        faster, and the fallback for trees it does not compile)."""
        z = float(self.params["init"])
        rate = float(self.params["learning_rate"])
        for feature, threshold, left, right, value in self._trees:
            node = 0
            f = feature[0]
            while f >= 0:
                node = left[node] if x[f] <= threshold[node] else right[node]
                f = feature[node]
            z += rate * value[node]
        return z

    def severity(self, prob: float, cand: SenseCandidate | None = None) -> Severity | None:
        """The flag's severity for a candidate of this probability, or None for no flag."""
        if prob >= self.major or (self.union and cand is not None and cand.rule_strong):
            return "major"
        if prob >= self.minor:
            return "minor"
        return None


# Trees deeper than this are walked, not compiled (Python's parser limits nesting).
_MAX_COMPILED_DEPTH = 40


def _compile_trees(
    init: Any,
    learning_rate: Any,
    trees: Sequence[tuple[Any, Any, Any, Any, Any]],
    n_features: int,
) -> Callable[[Sequence[float]], float] | None:
    """One function computing what ``SenseDecision._walk`` computes, with each tree written out
    as nested ``if x[f] <= threshold`` tests: the same comparisons, the same leaf terms
    (``rate * value``, multiplied here once) added in the same order, so every float is
    identical. None (walk the trees) for anything but finite float thresholds and values, a node
    index outside its tree, a feature index of ``n_features`` or more, or a tree deeper than
    ``_MAX_COMPILED_DEPTH``."""
    try:
        z0 = float(init)
        rate = float(learning_rate)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(z0):
        return None
    lines: list[str] = []
    used: set[int] = set()
    for tree in trees:
        body: list[str] = []
        try:
            if not _emit_tree(tree, 0, 1, rate, n_features, body, used):
                return None
        except (IndexError, TypeError):
            return None
        lines.extend(body)
    # the features the trees read, as locals
    head = ["def _tree_sum(x):", f"    z = {z0!r}"]
    head.extend(f"    x{f} = x[{f}]" for f in sorted(used))
    lines = [*head, *lines, "    return z"]
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<adequacy decision trees>", "exec"), namespace)  # noqa: S102
    fn: Callable[[Sequence[float]], float] = namespace["_tree_sum"]
    return fn


def _literal(v: Any) -> str | None:
    """A finite float written so that Python reads back the same float; None otherwise."""
    if type(v) is not float or not math.isfinite(v):
        return None
    return repr(v)


def _emit_tree(
    tree: tuple[Any, Any, Any, Any, Any],
    node: int,
    depth: int,
    rate: float,
    n_features: int,
    body: list[str],
    used: set[int],
) -> bool:
    """Append the code of ``tree`` from ``node`` down to ``body``; False where it cannot be
    compiled (see ``_compile_trees``)."""
    feature, threshold, left, right, value = tree
    if not (0 <= node < len(feature)) or depth > _MAX_COMPILED_DEPTH:
        return False
    pad = "    " * depth
    f = feature[node]
    if type(f) is not int or f >= n_features:
        return False
    if f < 0:
        if _literal(value[node]) is None:
            return False
        leaf = _literal(rate * value[node])
        if leaf is None:
            return False
        body.append(f"{pad}z += {leaf}")
        return True
    t = _literal(threshold[node])
    if t is None:
        return False
    used.add(f)
    body.append(f"{pad}if x{f} <= {t}:")
    if not _emit_tree(tree, left[node], depth + 1, rate, n_features, body, used):
        return False
    body.append(f"{pad}else:")
    return _emit_tree(tree, right[node], depth + 1, rate, n_features, body, used)


def load_decision(path: str | Path | None = None) -> SenseDecision:
    """Read a decision file (the shipped one by default); a bad file is a user error."""
    target = Path(path) if path is not None else DEFAULT_MODEL
    try:
        text = target.read_text(encoding="utf-8")
        raw = json.loads(text)
        features = tuple(raw["features"])
        decision = SenseDecision(
            kind=str(raw["kind"]),
            features=features,
            params=raw["params"],
            minor=float(raw["thresholds"]["minor"]),
            major=float(raw["thresholds"]["major"]),
            union=bool(raw.get("union_with_rules", False)),
            version=hashlib.sha1(text.encode("utf-8")).hexdigest()[:8],
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise MtqaError(f"adequacy decision file {target}: {exc}") from exc
    if decision.kind not in ("logistic", "trees"):
        raise MtqaError(f"adequacy decision file {target}: unknown kind {decision.kind!r}")
    missing = [f for f in features if f not in FEATURES]
    if missing:
        raise MtqaError(f"adequacy decision file {target}: unknown features {missing}")
    return decision


def vector(decision: SenseDecision, cand: SenseCandidate) -> list[float]:
    """The candidate's features in the order the decision was trained on."""
    index = {name: k for k, name in enumerate(FEATURES)}
    return [cand.features[index[name]] for name in decision.features]
