"""A noun rendering a rare reading of a source form that is mostly another word (homographs).

A Russian word form can be two words: «стали» is mostly the past of «стать» (became, began)
and rarely a case of «сталь» (steel); «тем» is mostly a conjunction or «тот» and rarely the
genitive plural of «тема» (topics). A literal machine translation that takes the rare reading
writes "Housing prices steel to decline" for «Цены на жильё стали снижаться». This step of the
``senses`` check (docs/senses.md, "Twelfth round"), with a source only, flags an English noun
that:

1. renders (through the dictionary, :meth:`RoundTrip.russian`) exactly one source word, and
   only through noun readings of that form whose pymorphy3 share (the parse scores summed per
   lemma) is at most ``homograph_share_max``;
2. where the form's likeliest reading, with a share of at least ``homograph_top_min``, is
   another lemma and no noun (a verb, a conjunction, an adverb ...);
3. and which the trigram model has never seen after the word before it nor before the word
   after it (an English noun that a rare reading put there rarely fits its neighbours).

No suggestion: the dictionary's renderings of the likelier reading are often of another part
of speech and need rewording. Pure function of its inputs; the caller owns the resources.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemmas
from mtqa.text import words

DEFAULTS: dict[str, Any] = {
    # The rare reading's share of the form's parses at most this (None: the step is off) ...
    "homograph_share_max": 0.05,
    # ... and the likeliest reading's at least this.
    "homograph_top_min": 0.5,
    # The word renders the rare reading's lemma among its first this + 1 renderings.
    "homograph_orig_rank_max": 15,
}

# lemminflect reads some pronouns as nouns ("themselves").
_PRONOUNS = frozenset(
    {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves"}
    | {"themselves", "oneself", "someone", "anyone", "everyone", "nobody", "somebody"}
)
SIGN = (
    "“{word}” renders «{form}» read as «{rare}», a rare reading of this form; "
    "the source more likely has «{top}» here"
)


# A form's readings: (lemma, pymorphy3 part of speech, share), likeliest first.
Readings = tuple[tuple[str, str, float], ...]


class HomographFind(NamedTuple):
    """One English noun to flag: its character span and the message (``SIGN``)."""

    start: int
    end: int
    message: str


@lru_cache(maxsize=20_000)
def readings(form: str) -> Readings:
    """(lemma, pymorphy3 part of speech, share) of a Russian word form, shares of the parses
    summed per (lemma, part of speech), likeliest first."""
    from mtqa.lexicon.lemmas import _morph

    agg: dict[tuple[str, str], float] = {}
    for parse in _morph().parse(form.lower()):
        key = (parse.normal_form.replace("ё", "е"), str(parse.tag.POS))
        agg[key] = agg.get(key, 0.0) + float(parse.score)
    return tuple(
        (lemma, pos, share) for (lemma, pos), share in sorted(agg.items(), key=lambda kv: -kv[1])
    )


@lru_cache(maxsize=4096)  # per source: checked against every translation of it
def _source_readings(
    src: str,
) -> tuple[tuple[str, ...], tuple[Readings, ...], tuple[frozenset[str], ...]]:
    """The source's word forms, the :func:`readings` of each (none for a number or a word of
    one or two letters) and the set of lemmas of each form's readings."""
    forms = tuple(t.text for t in words(src))
    parsed = tuple(readings(f) if len(f) >= 3 and f.isalpha() else () for f in forms)
    return forms, parsed, tuple(frozenset(lemma for lemma, _, _ in r) for r in parsed)


def _has_rare_noun(parsed: tuple[Readings, ...], share_max: float, top_min: float) -> bool:
    """Whether some form's likeliest reading (share >= ``top_min``) is no noun while another
    lemma's noun reading has a share <= ``share_max``: the step's precondition."""
    for r in parsed:
        if (
            r
            and r[0][2] >= top_min
            and r[0][1] != "NOUN"
            and any(
                pos == "NOUN" and share <= share_max and lemma != r[0][0] for lemma, pos, share in r
            )
        ):
            return True
    return False


class HomographStep:
    """``params`` the check's settings (DEFAULTS above), ``lm`` the trigram model, ``trip``
    the senses check's :class:`~mtqa.checks.senses.RoundTrip`."""

    def __init__(self, params: Mapping[str, Any], lm: Any, trip: Any) -> None:
        self._p = params
        self._lm = lm
        self._trip = trip

    def find(self, mt: str, src: str) -> list[HomographFind]:
        """The nouns of ``mt`` that render a rare noun reading of one form of ``src`` whose
        likeliest reading is another word, where the model knows neither neighbouring pair."""
        p = self._p
        if p["homograph_share_max"] is None or not src:
            return []
        forms, parsed, lemma_sets = _source_readings(src)
        if not _has_rare_noun(parsed, p["homograph_share_max"], p["homograph_top_min"]):
            return []  # most sources: no form read mostly as another word with a rare noun
        toks = words(mt)
        low = [t.text.lower() for t in toks]
        out: list[HomographFind] = []
        for i, tok in enumerate(toks):
            w = low[i]
            if not self._noun(tok.text):
                continue
            rendered = {ru for ru, _ in self._trip.russian(w, int(p["homograph_orig_rank_max"]))}
            at = [k for k, lems in enumerate(lemma_sets) if lems & rendered]
            if len(at) != 1:
                continue
            k = at[0]
            found = self._rare_reading(parsed[k], rendered)
            if found is None or not self._odd(low, i):
                continue
            rare, top = found
            out.append(
                HomographFind(
                    tok.start,
                    tok.end,
                    SIGN.format(word=tok.text, form=forms[k], rare=rare, top=top),
                )
            )
        return out

    def _noun(self, text: str) -> bool:
        """Whether ``text`` is a lowercase English content word the model knows that can be a
        noun (three letters or more, no function word or pronoun)."""
        w = text.lower()
        return (
            text.islower()
            and w.isalpha()
            and len(w) >= 3
            and w not in EN_FUNCTION_WORDS
            and w not in _PRONOUNS
            and self._lm.unigram(w) is not None
            and any(lem.pos == "NOUN" for lem in en_lemmas(w))
        )

    def _rare_reading(self, parsed: Readings, rendered: set[str]) -> tuple[str, str] | None:
        """(rare lemma, likeliest lemma) when the word renders only rare noun readings of the
        form and its likeliest reading is another lemma and no noun; else None."""
        if not parsed:
            return None
        top_lemma, top_pos, top_share = parsed[0]
        if top_share < self._p["homograph_top_min"] or top_pos == "NOUN":
            return None
        mine = [(lemma, pos, share) for lemma, pos, share in parsed if lemma in rendered]
        if not mine or top_lemma in rendered:
            return None
        if any(pos != "NOUN" for _, pos, _ in mine):
            return None
        if sum(share for _, _, share in mine) > self._p["homograph_share_max"]:
            return None
        return mine[0][0], top_lemma

    def _odd(self, low: list[str], i: int) -> bool:
        """Whether the model has seen neither the bigram ending in word ``i`` nor the one
        starting there (where both words are known)."""
        lm = self._lm
        for a, b in ((i - 1, i), (i, i + 1)):
            if a < 0 or b >= len(low):
                continue
            x, y = low[a], low[b]
            if lm.unigram(x) is None or lm.unigram(y) is None:
                continue
            if lm.seen_bigram(x, y):
                return False
        return True
