"""Wrong senses across a gap, against the source: "X's Y" and "X of [the] Y".

A literal machine translation renders a Russian noun with its genitive partner by a real
dictionary sense that does not fit the partner: «обращение президента» -> "the president's
treatment" (address), «исход выборов» -> "the exodus of the elections" (outcome). The anchored step
of the ``senses`` check judges adjacent pairs only; here the two words stand across a
possessive 's or an "of" (with or without "the"). This step of ``senses`` (docs/senses.md,
"Twelfth round") reads, with a source only:

1. **Shape.** "X's Y" (the possessive is one word of the trigram model: "president's") and
   "X of [the] Y", X and Y lowercase content words the model knows (the possessor may be a
   capitalised name).
2. **The pair mirrors the source.** The head (Y of "X's Y", X of "X of Y") renders
   exactly one source word S (by any of the Russian lemmas of S's form: a homograph's other
   parse counts; ``gapped_word_rank_max`` bounds the word's rank among its renderings), and
   the partner renders the noun in the genitive that follows S (right after it or after one
   adjective: «обращение президента», «исход выборов»; a capitalised possessor: a
   capitalised noun there). "sheets of steel" for «листы из стали» is no genitive.
   (The genitive Y of "X of Y" is not judged: the trigram model does not see X from Y across
   "of the", and without the article it had no view of the homograph tried here, "decision
   of ships" against "decision of court"; as a synonym swap it flagged clean text, "members
   of the public" -> "society".)
3. **The pair is odd** to the trigram model: PMI of Y after "X's" (log10 p(Y | X's) - log10
   p(Y)), or of Y after "X of" (log10 p(Y | X of) - log10 p(Y | of); "the" is left out, as a
   Russian genitive has none) at most ``gapped_pmi_max``.
4. **Another rendering of S fits.** One of the first ``gapped_alt_rank_max`` + 1 one-word
   renderings of a lemma of S, same part of speech, inflected like the word, at most
   ``gapped_alt_rarer_max`` rarer (log10 unigram), makes the pair the model has seen with PMI
   >= ``gapped_alt_pmi_min`` and a gain >= ``gapped_gain_min`` over the pair
   (``gapped_poss_gain_min`` for "X's Y", ``gapped_gain_min_the`` after "of the"). The best
   gain is the suggestion; a gain >= ``gapped_major_gain`` makes the flag major.

Pure function of its inputs; the caller (the ``senses`` check) owns the resources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from mtqa.checks.genitive import _ru_nouns
from mtqa.checks.lm import pmi
from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemmas, inflect, penn_tag, ru_lemma_set
from mtqa.text import Token, words

DEFAULTS: dict[str, Any] = {
    # LM gain of the alternative pair over the pair (None: the step is off) for "X of Y" ...
    "gapped_gain_min": 1.6,
    # ... for "X's Y" (the model's bigram after the possessive word sees both words) ...
    "gapped_poss_gain_min": 1.0,
    # ... for "X of the Y" (the trigram model cannot see X from Y across "of the", so the
    # pair is judged as "X of Y" and needs a larger margin).
    "gapped_gain_min_the": 2.5,
    # The alternative pair: PMI at least this (and seen by the model).
    "gapped_alt_pmi_min": 1.0,
    # The pair itself: PMI at most this.
    "gapped_pmi_max": 0.0,
    # Alternatives: among the first this + 1 renderings of a lemma of the source word.
    "gapped_alt_rank_max": 7,
    # The word judged renders the source word at most this rank. At 2 ("a literal MT takes a
    # central rendering") a correct "the president's appeal" (*appeal*: the 5th rendering of
    # «обращение») is left alone, but so are literal errors Mueller lists late ("the patient's
    # fortune", 8th of «состояние»); on the clean sets the two flag the same (nothing).
    "gapped_word_rank_max": 15,
    # ... and no other source word at this rank or better.
    "gapped_orig_rank_max": 15,
    # An alternative at most this much rarer (log10 unigram) than the word.
    "gapped_alt_rarer_max": 1.0,
    # "X of [the] Y" is also read as the compound "Y X" and the possessive "Y's X" (the best
    # of the three PMIs, for the pair and for the alternative alike).
    "gapped_compound": False,
    # A gain of at least this is a major flag (99: never).
    "gapped_major_gain": 99.0,
}

_POSSESSIVE_ENDINGS = ("'s", "’s")
# Contractions, not possessives.
_NOT_POSSESSORS = frozenset(
    {"it", "he", "she", "that", "there", "what", "who", "let", "here", "where", "how", "this"}
)
SIGN = "“{orig}” renders the source's «{ru}» in a sense that does not fit here: “{alt}”?"


class GappedFind(NamedTuple):
    """One pair to flag: its character span, the corrected span, the LM gain, the source
    word's lemma whose rendering is suggested and the message (``SIGN``)."""

    start: int
    end: int
    suggestion: str
    gain: float
    ru: str
    message: str


class _Shape(NamedTuple):
    i: int  # token index of X
    j: int  # token index of Y
    kind: str  # "poss", "of" or "of the"
    x: str  # the LM word for X ("president's" for a possessive)
    y: str


@lru_cache(maxsize=100_000)
def _pos(word: str) -> frozenset[str]:
    return frozenset(lem.pos for lem in en_lemmas(word))


@lru_cache(maxsize=4096)  # per source: checked against every translation of it
def _source_forms(src: str) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """The source's words and, per word, the lemmas of all its parses (a homograph has
    several)."""
    src_words = tuple(t.text for t in words(src))
    return src_words, tuple(ru_lemma_set(w.lower()) for w in src_words)


def _dependents(src_words: Sequence[str], k: int) -> list[int]:
    """Positions of the noun in the genitive that depends on source word ``k``: right after
    it, or after one adjective («обращение нового президента»)."""
    n = len(src_words)
    out = []
    if k + 1 < n and _ru_nouns(src_words[k + 1])[1]:
        out.append(k + 1)
    if k + 2 < n and _adjective(src_words[k + 1]) and _ru_nouns(src_words[k + 2])[1]:
        out.append(k + 2)
    return out


@lru_cache(maxsize=100_000)
def _adjective(word: str) -> bool:
    from mtqa.lexicon.lemmas import _morph

    return any(p.tag.POS == "ADJF" for p in _morph().parse(word.lower()))


class GappedStep:
    """The step: ``params`` the check's settings (DEFAULTS above), ``lm`` the trigram model,
    ``trip`` the senses check's :class:`~mtqa.checks.senses.RoundTrip`, ``renders`` the
    lexicon's Russian lemma -> one-word English renderings."""

    def __init__(self, params: Mapping[str, Any], lm: Any, trip: Any, renders: Any) -> None:
        self._p = params
        self._lm = lm
        self._trip = trip
        self._renders = renders

    def find(self, mt: str, src: str, taken: Sequence[tuple[int, int]] = ()) -> list[GappedFind]:
        """Pairs of ``mt`` across a possessive or "of" whose word renders a source word of
        ``src`` in a sense the partner rules out (spans in ``taken`` are left alone)."""
        if self._p["gapped_gain_min"] is None or not src:
            return []
        toks = words(mt)
        src_words, forms = _source_forms(src)
        caps = tuple(w[:1].isupper() for w in src_words)
        out: list[GappedFind] = []
        for shape in self._shapes(mt, toks):
            a, b = toks[shape.i], toks[shape.j]
            if any(a.start < e and s < b.end for s, e in taken):
                continue
            # the head: Y of "X's Y", X of "X of Y"
            side = "y" if shape.kind == "poss" else "x"
            found = self._judge(shape, side, forms, caps, src_words)
            if found is None:
                continue
            gain, alt, ru = found
            tok = b if side == "y" else a
            word = tok.text
            if side == "y":
                new = mt[a.start : tok.start] + _match_case(word, alt)
            else:
                new = _match_case(word, alt) + mt[tok.end : b.end]
            orig = mt[a.start : b.end]
            out.append(
                GappedFind(a.start, b.end, new, gain, ru, SIGN.format(orig=orig, ru=ru, alt=new))
            )
        return out

    # -- shapes ---------------------------------------------------------------------------------

    def _known(self, word: str) -> bool:
        return (
            word.isalpha()
            and len(word) >= 3
            and word not in EN_FUNCTION_WORDS
            and self._lm.unigram(word) is not None
        )

    def _shapes(self, mt: str, toks: Sequence[Token]) -> list[_Shape]:
        out: list[_Shape] = []
        n = len(toks)
        for i in range(n - 1):
            a = toks[i]
            text = a.text
            # "X's Y": one LM word for the possessive
            if text.endswith(_POSSESSIVE_ENDINGS) and len(text) > 3:
                stem = text[:-2]
                b = toks[i + 1]
                y = b.text
                if (
                    stem.isalpha()
                    and stem.lower() not in _NOT_POSSESSORS
                    and y.islower()
                    and self._known(y)
                    and mt[a.end : b.start] == " "
                ):
                    poss = stem.lower() + "'s"
                    if self._lm.unigram(poss) is not None:
                        out.append(_Shape(i, i + 1, "poss", poss, y))
                continue
            # "X of [the] Y"
            if not (text.islower() and self._known(text)) or i + 2 >= n:
                continue
            if toks[i + 1].text.lower() != "of":
                continue
            j, kind = i + 2, "of"
            if toks[j].text.lower() == "the" and j + 1 < n:
                j, kind = j + 1, "of the"
            b = toks[j]
            if not (b.text.islower() and self._known(b.text)) or "NOUN" not in _pos(b.text):
                continue
            if j + 1 < n and self._modifier(mt, b, toks[j + 1]):
                continue  # "of world champion", "of three months": Y is no head
            if mt[b.end : b.end + 1] == "-" or mt[a.start - 1 : a.start] == "-":
                continue
            out.append(_Shape(i, j, kind, text, b.text))
        return out

    def _modifier(self, mt: str, b: Token, nxt: Token) -> bool:
        """Whether ``b`` modifies the noun ``nxt`` after it ("world champion")."""
        w = nxt.text
        return (
            mt[b.end : nxt.start] == " "
            and w.islower()
            and self._known(w)
            and "NOUN" in _pos(w)
            and bool(self._lm.seen_bigram(b.text.lower(), w))
        )

    # -- judging --------------------------------------------------------------------------------

    def _pmi(self, shape: _Shape, x: str, y: str) -> float | None:
        if shape.kind == "poss":
            return pmi(self._lm, x, None, y)
        best = pmi(self._lm, x, "of", y)
        if self._p["gapped_compound"] and best is not None:
            for mod in {y, _singular(y)}:
                for form in (mod, mod + "'s"):
                    if self._lm.unigram(form) is not None and self._lm.seen_bigram(form, x):
                        value = pmi(self._lm, form, None, x)
                        if value is not None and value > best:
                            best = value
        return best

    def _seen(self, shape: _Shape, x: str, y: str) -> bool:
        """Whether the model has seen the pair ("X's Y": its bigram; "X of Y": always true)."""
        if shape.kind == "poss":
            return bool(self._lm.seen_bigram(x, y))
        return True  # the PMI floor of the alternative says it

    def _russian(self, word: str) -> set[str]:
        """The Russian lemmas ``word`` renders (round trip, up to ``gapped_orig_rank_max``)."""
        return {ru for ru, _ in self._trip.russian(word, int(self._p["gapped_orig_rank_max"]))}

    def _judge(
        self,
        shape: _Shape,
        side: str,
        forms: Sequence[frozenset[str]],
        caps: Sequence[bool],
        src_words: tuple[str, ...],
    ) -> tuple[float, str, str] | None:
        """(gain, alternative, Russian lemma) for the word on ``side`` of the pair, or None."""
        p = self._p
        x, y = shape.x, shape.y
        word, other = (y, x) if side == "y" else (x, y)
        base = self._pmi(shape, x, y)
        if base is None or base > p["gapped_pmi_max"]:
            return None
        ranks = dict(self._trip.russian(word, int(p["gapped_orig_rank_max"])))
        at = [k for k, lems in enumerate(forms) if lems & ranks.keys()]
        if len(at) != 1:
            return None  # renders no source word, or several: which was rendered is open
        k = at[0]
        if min(ranks[ru] for ru in forms[k] & ranks.keys()) > p["gapped_word_rank_max"]:
            return None  # a less central rendering: a translator's choice
        near = _dependents(src_words, k)
        if not near:
            return None  # no genitive after S: the "of" or "'s" renders something else
        if shape.kind == "poss" and other.endswith("'s"):
            partner = other[:-2]
            if not partner.islower() and any(caps[t] for t in near):
                pass  # a capitalised possessor: a capitalised genitive
            else:
                rendered = self._russian(partner)
                if not any(forms[t] & rendered for t in near):
                    return None
        else:
            rendered = self._russian(other)
            if not any(forms[t] & rendered for t in near):
                return None
        gain_min = {
            "poss": p["gapped_poss_gain_min"],
            "of": p["gapped_gain_min"],
            "of the": p["gapped_gain_min_the"],
        }[shape.kind]
        best: tuple[float, str, str] | None = None
        for alt, ru in self._alternatives(word, forms[k]):
            ax, ay = (x, alt) if side == "y" else (alt, y)
            if not self._seen(shape, ax, ay):
                continue
            alt_pmi = self._pmi(shape, ax, ay)
            if alt_pmi is None or alt_pmi < p["gapped_alt_pmi_min"]:
                continue
            gain = alt_pmi - base
            if gain >= gain_min and (best is None or gain > best[0]):
                best = (gain, alt, ru)
        return best

    def _alternatives(self, word: str, lemmas: frozenset[str]) -> list[tuple[str, str]]:
        """Other renderings of the source word's lemmas (every parse of its form), of the
        word's part of speech, inflected like it, at most ``gapped_alt_rarer_max`` rarer."""
        p = self._p
        own = {lem.lemma for lem in en_lemmas(word)} | {word}
        pos = _pos(word)
        tag = penn_tag(word)
        floor = (self._lm.unigram(word) or 0.0) - p["gapped_alt_rarer_max"]
        out: dict[str, str] = {}
        for ru in sorted(lemmas):
            for en in self._renders.get(ru, ())[: int(p["gapped_alt_rank_max"]) + 1]:
                if en in own or not en.isalpha() or len(en) < 3 or not (_pos(en) & pos):
                    continue
                form = inflect(en, tag)
                if form in own or form in out:
                    continue
                if (self._lm.unigram(form) or -99.0) < floor:
                    continue
                out[form] = ru
        return list(out.items())


def _singular(word: str) -> str:
    nouns = [lem.lemma for lem in en_lemmas(word) if lem.pos == "NOUN"]
    return nouns[0] if nouns else word


def _match_case(model: str, word: str) -> str:
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
