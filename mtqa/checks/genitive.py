"""Russian genitives rendered word for word: "X of Y" where English print says "Y X".

A literal Russian -> English translation renders a noun with a noun in the genitive as
"X of Y": «рынок труда» -> "the market of labour", «силы безопасности» -> "forces of
security", «сотрудники полиции» -> "employees of police". English print joins such pairs as
a noun compound ("labour market", "security forces", "police officers"). This step of the
``senses`` check (docs/senses.md, "Genitives rendered 'X of Y'") reads every "X of [the] Y"
of two nouns the trigram language model finds odd (PMI of Y after "X of" at most
``genitive_pmi_max``), tries the compounds "Y X'" (Y in its singular as a modifier, X' the
word itself or another dictionary rendering of a Russian lemma it renders: the round trip of
:class:`mtqa.checks.senses.RoundTrip`), and keeps one that symspellpy's list of bigrams frequent
in print has and the LM prefers by a PMI margin. An "X of Y" the LM has seen with a PMI above
the floor ("the price of oil", "the rule of law") is left alone: English says both.

With a source, the "of" must be Russian grammar rendered literally: X and Y render two source
nouns, the second in the genitive right after the first (or after «на»/«по»: «цены на нефть»);
without such a construction in the source no flag. Pure function of its inputs; the caller
(the ``senses`` check) owns the resources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from mtqa.checks.lm import pmi
from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemmas, penn_tag
from mtqa.text import Token, words

DEFAULTS: dict[str, Any] = {
    # Look for "X of Y" rendered from a Russian genitive (False: never).
    "genitive": True,
    # "X of [the] Y": PMI (log10 p(Y | X of) - log10 p(Y | of)) at most this.
    "genitive_pmi_max": 0.0,
    # The compound "Y X'": on the frequent-bigram list, seen by the LM with PMI at least this,
    # and this much above the PMI of "X of Y".
    "genitive_compound_pmi_min": 1.0,
    "genitive_gain_min": 1.7,
    # ... and this much when "the" stands before Y: "of the Y" often names one particular Y
    # that English keeps after "of" ("the streets of the city", "a teacher of the school").
    "genitive_gain_min_the": 2.9,
    # ... and this much when X' is another rendering of X's Russian lemma, not X itself.
    "genitive_swap_gain_min": 3.2,
    # X's alternatives: the round trip's ranks (as ``alt_rank_max`` / ``orig_rank_max``).
    "genitive_alt_rank_max": 3,
    "genitive_orig_rank_max": 15,
    # An alternative X' at most this much rarer (log10 unigram) than X.
    "genitive_alt_rarer_max": 1.0,
    # With the source's genitive corroborating it, a gain of at least this is a major flag
    # (99: never; target only always minor).
    "genitive_major_gain_src": 99.0,
}

# Heads that take "of" in English whatever the source says: quantities, parts, kinds, and the
# first words of complex prepositions ("out of", "instead of", "on behalf of", "in case of").
_PARTITIVE = frozenset(
    {
        "number", "lot", "lots", "part", "parts", "rest", "most", "half", "kind", "kinds",
        "type", "types", "sort", "sorts", "piece", "pieces", "group", "groups", "series",
        "set", "range", "amount", "amounts", "share", "majority", "minority", "couple",
        "dozen", "dozens", "hundreds", "thousands", "millions", "billions", "percent",
        "per", "cent", "top", "bottom", "side", "end", "beginning", "middle", "front", "back",
        "one", "none", "each", "all", "both", "some", "many", "much", "few", "several",
        "list", "variety", "total", "sum", "bit", "deal", "plenty", "pair", "quarter", "third",
        "out", "inside", "outside", "ahead", "instead", "because", "regardless", "behalf",
        "spite", "terms", "case", "favour", "favor", "view", "course", "place", "account",
    }
)  # fmt: skip
_SIGN = "“{orig}” reads like a Russian genitive rendered word for word; English print says “{alt}”"
_SIGN_SRC = _SIGN + " (source «{ru}»)"


class GenitiveFind(NamedTuple):
    """One "X of Y" to flag: its character span, the compound suggested, the PMI gain, and
    the source words (noun + genitive) it renders, when a source corroborates it."""

    start: int
    end: int
    suggestion: str
    gain: float
    message: str
    source: str | None


@lru_cache(maxsize=100_000)
def _pos(word: str) -> frozenset[str]:
    return frozenset(lem.pos for lem in en_lemmas(word))


def _noun_only(word: str) -> bool:
    """Whether the lowercase English word can be a noun (lemminflect) and is no function word."""
    return word not in EN_FUNCTION_WORDS and "NOUN" in _pos(word)


def _modifier_noun(word: str) -> bool:
    """Y of "X of Y": a noun that is no adjective ("publication of the original")."""
    return _noun_only(word) and "ADJ" not in _pos(word)


@lru_cache(maxsize=100_000)
def _modifier_forms(word: str) -> tuple[str, ...]:
    """A noun as the first word of a compound: its singular first ("prices" -> "price"), then
    the word itself (plural-only modifiers: "sales department")."""
    out = [lem.lemma for lem in en_lemmas(word) if lem.pos == "NOUN"]
    out.append(word)
    # a singular that is also an adjective reads as one ("goods" -> "good portion")
    return tuple(w for w in dict.fromkeys(out) if w == word or _modifier_noun(w))


@lru_cache(maxsize=100_000)
def _ru_nouns(word: str) -> tuple[bool, bool]:
    """(can be a noun, can be a noun in the genitive) for a Russian word form (pymorphy3)."""
    from mtqa.lexicon.lemmas import _morph

    noun = gent = False
    for parse in _morph().parse(word.lower().replace("ё", "е")):
        if parse.tag.POS == "NOUN":
            noun = True
            if "gent" in parse.tag or "gen2" in parse.tag:
                gent = True
    return noun, gent


def source_genitives(src: str) -> tuple[tuple[str, str], ...]:
    """Pairs of source word forms (head noun, dependent noun) where the dependent is a noun in
    the genitive right after the head, or any noun after «на»/«по» right after it."""
    toks = [t.text for t in words(src)]
    out: list[tuple[str, str]] = []
    for k in range(len(toks) - 1):
        if not _ru_nouns(toks[k])[0]:
            continue
        nxt = toks[k + 1]
        if _ru_nouns(nxt)[1]:
            out.append((toks[k], nxt))
        elif nxt.lower() in ("на", "по") and k + 2 < len(toks) and _ru_nouns(toks[k + 2])[0]:
            out.append((toks[k], toks[k + 2]))
    return tuple(out)


class GenitiveStep:
    """Finds "X of Y" renderings of Russian genitives in a translation (see the module doc).

    ``lm``: the trigram model of ``fluency``; ``common``: the frequent-bigram list (without it
    the step finds nothing); ``trip``: the senses round trip (X's alternatives; None: X only);
    ``lexicon``: the merged lexicon (links source and English words; needed with a source)."""

    def __init__(
        self, params: Mapping[str, Any], lm: Any, common: Any, trip: Any, lexicon: Any
    ) -> None:
        self._p = {k: params.get(k, v) for k, v in DEFAULTS.items()}
        self._lm = lm
        self._common = common
        self._trip = trip
        self._lexicon = lexicon
        self._cache: dict[tuple[str, str], tuple[tuple[float, str, str], ...]] = {}

    def find(self, mt: str, src: str | None = None) -> list[GenitiveFind]:
        if not self._p["genitive"] or self._common is None:
            return []
        toks = words(mt)
        genitives = source_genitives(src) if src else None
        out: list[GenitiveFind] = []
        for i in range(len(toks) - 2):
            found = self._at(mt, toks, i, genitives)
            if found is not None:
                out.append(found)
        return out

    def _at(
        self,
        mt: str,
        toks: Sequence[Token],
        i: int,
        genitives: tuple[tuple[str, str], ...] | None,
    ) -> GenitiveFind | None:
        a = toks[i]
        if toks[i + 1].text != "of" or mt[a.end : toks[i + 1].start] != " ":
            return None
        j = i + 2
        if toks[j].text == "the":
            j += 1  # "of a Y" is an English choice: a Russian genitive has no article to render
        if j >= len(toks):
            return None
        b = toks[j]
        if any(mt[toks[k].end : toks[k + 1].start] != " " for k in range(i + 1, j)):
            return None
        x, y = a.text, b.text
        if not (x.isalpha() and y.isalpha() and len(x) >= 3 and len(y) >= 3):
            return None
        if mt[b.end : b.end + 1] in ("-", "'", "’") or mt[a.start - 1 : a.start] == "-":
            return None
        # lowercase words (the first word of the sentence may be capitalised): a title of
        # capitalised words is a name English keeps ("Chairman of the Committee", "the Bank
        # of Russia")
        if y[:1].isupper() or (x[:1].isupper() and i > 0):
            return None
        if not (x[1:].islower() and y[1:].islower()):
            return None
        xl, yl = x.lower(), y.lower()
        if xl in _PARTITIVE or not _noun_only(xl) or not _modifier_noun(yl):
            return None
        if _modifier_forms(xl)[0] == _modifier_forms(yl)[0]:
            return None  # "the security of the security": a repetition, not a genitive
        if j + 1 < len(toks) and self._modifies(mt, b, toks[j + 1]):
            return None  # Y modifies the next noun: "the head of state television"
        cands = self._compounds(xl, yl)
        if j > i + 2:
            cands = tuple(c for c in cands if c[0] >= self._p["genitive_gain_min_the"])
        if not cands:
            return None
        source = None
        if genitives is not None:
            lex = self._lexicon
            if lex is None:
                return None
            pairs = [
                (h, d) for h, d in genitives if lex.links_word(h, xl) and lex.links_word(d, yl)
            ]
            if not pairs:
                return None  # no genitive of two such nouns in the source: the "of" is English
            h, d = pairs[0]
            cands = tuple(c for c in cands if c[2] == xl or lex.links_word(h, c[2]))
            if not cands:
                return None
            source = f"{h} {d}"
        gain, left, right = cands[0]
        start = a.start
        new = f"{left.capitalize() if x[:1].isupper() else left} {right}"
        orig = mt[start : b.end]
        sign = _SIGN_SRC if source else _SIGN
        return GenitiveFind(
            start, b.end, new, gain, sign.format(orig=orig, alt=new, ru=source), source
        )

    def _modifies(self, mt: str, b: Token, nxt: Token) -> bool:
        """Whether Y stands before a noun it modifies ("of state television")."""
        if mt[b.end : nxt.start] != " " or not nxt.text.isalpha():
            return False
        low = nxt.text.lower()
        if low in EN_FUNCTION_WORDS or not _noun_only(low):
            return False
        return bool(self._lm.seen_bigram(b.text.lower(), low))

    def _compounds(self, x: str, y: str) -> tuple[tuple[float, str, str], ...]:
        """(gain, modifier, head) compounds for "x of y", best gain first; () when none or
        when "x of y" is English the LM knows."""
        key = (x, y)
        got = self._cache.get(key)
        if got is not None:
            return got
        value = self._compute(x, y)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = value
        return value

    def _compute(self, x: str, y: str) -> tuple[tuple[float, str, str], ...]:
        p, lm, common = self._p, self._lm, self._common
        of_pmi = pmi(lm, x, "of", y)
        if of_pmi is None or of_pmi > p["genitive_pmi_max"]:
            return ()
        ux = lm.unigram(x)
        heads: list[tuple[str, bool]] = [(x, False)]
        if self._trip is not None:
            tag = penn_tag(x)
            for alt in self._trip.alternatives(
                x, int(p["genitive_alt_rank_max"]), int(p["genitive_orig_rank_max"])
            ):
                if (lm.unigram(alt.form) or -99.0) < ux - p["genitive_alt_rarer_max"]:
                    continue
                if tag is not None and penn_tag(alt.form) not in (tag, None):
                    continue
                heads.append((alt.form, True))
        out: list[tuple[float, str, str]] = []
        for left in _modifier_forms(y):
            for head, swapped in heads:
                if not common.has(left, head) or not lm.seen_bigram(left, head):
                    continue
                cpmi = pmi(lm, left, None, head)
                if cpmi is None or cpmi < p["genitive_compound_pmi_min"]:
                    continue
                gain = cpmi - of_pmi
                need = p["genitive_swap_gain_min"] if swapped else p["genitive_gain_min"]
                if gain >= need:
                    out.append((gain, left, head))
        out.sort(key=lambda c: (-c[0], c[1], c[2]))
        return tuple(out)
