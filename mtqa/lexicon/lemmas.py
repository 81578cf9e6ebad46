"""Russian and English lemmas behind one small interface, cached per word form.

Russian: ``pymorphy3`` with ``pymorphy3-dicts-ru`` (OpenCorpora dictionary and an analyser for
unknown words). Every parse counts, not just the likeliest: «стали» is both *стать* and *сталь*,
and a link through any of them is evidence the translator had a reason for the English word.

English: ``lemminflect``. It was chosen over ``simplemma`` because it returns *all* lemmas with
their universal part of speech ("leaves" → leave/leaf as NOUN, leave as VERB), from a lexicon
(the Automatically Generated Inflection Database) plus rules for unknown words, in a few
microseconds per form. The part of speech is what the adequacy check compares ("an uncovered
source word of the same kind"); ``simplemma`` gives one lemma per form and no part of speech.

Parts of speech are coarse and shared by both languages: NOUN, ADJ, VERB, ADV, NUM, PROPN and
FUNC (pronouns, prepositions, conjunctions, particles, auxiliaries, interjections).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple


class Lemma(NamedTuple):
    lemma: str
    pos: str


CONTENT_POS = frozenset({"NOUN", "ADJ", "VERB", "ADV"})

# English closed classes (determiners, pronouns, prepositions, conjunctions, auxiliaries): never
# content words, whatever a dictionary headword or the lemmatiser's guess for unknown forms says.
EN_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "no",
        "every",
        "each",
        "either",
        "neither",
        "both",
        "all",
        "few",
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "where",
        "when",
        "why",
        "how",
        "whether",
        "if",
        "then",
        "than",
        "as",
        "so",
        "because",
        "though",
        "although",
        "while",
        "until",
        "unless",
        "since",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "without",
        "from",
        "to",
        "into",
        "onto",
        "upon",
        "about",
        "above",
        "below",
        "under",
        "over",
        "through",
        "during",
        "before",
        "after",
        "between",
        "among",
        "against",
        "across",
        "along",
        "around",
        "behind",
        "beyond",
        "within",
        "towards",
        "toward",
        "via",
        "per",
        "and",
        "or",
        "but",
        "nor",
        "yet",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "am",
        "have",
        "has",
        "had",
        "having",
        "do",
        "does",
        "did",
        "done",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "n't",
        "'s",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "there",
        "here",
        "also",
    ]
)

_RU_POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "PRTF": "ADJ",
    "PRTS": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "GRND": "VERB",
    "ADVB": "ADV",
    "NUMR": "NUM",
    "NPRO": "FUNC",
    "PRED": "ADV",
    "PREP": "FUNC",
    "CONJ": "FUNC",
    "PRCL": "FUNC",
    "INTJ": "FUNC",
}
_EN_POS = {
    "NOUN": "NOUN",
    "PROPN": "PROPN",
    "ADJ": "ADJ",
    "VERB": "VERB",
    "ADV": "ADV",
    "NUM": "NUM",
    "AUX": "FUNC",
    "PRON": "FUNC",
    "ADP": "FUNC",
    "CCONJ": "FUNC",
    "SCONJ": "FUNC",
    "DET": "FUNC",
    "PART": "FUNC",
    "INTJ": "FUNC",
}


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def ru_lemmas(word: str) -> tuple[Lemma, ...]:
    """Every (normal form, coarse POS) pymorphy3 gives ``word``, likeliest first, no repeats.

    ``ё`` is folded to ``е`` so dictionary spellings and news spellings meet.
    """
    low = word.lower().replace("ё", "е")
    if low != word:
        return ru_lemmas(low)  # one analysis per folded form (Москва, МОСКВА, москва)
    out: list[Lemma] = []
    for parse in _morph().parse(low):
        pos = parse.tag.POS
        if pos is None:
            tag = str(parse.tag)
            pos = "NUMR" if "NUMB" in tag else "FUNC"
        coarse = _RU_POS.get(pos, "FUNC")
        if "Apro" in parse.tag:  # possessive and demonstrative pronouns (свой, этот)
            coarse = "FUNC"
        if "Name" in parse.tag or "Surn" in parse.tag or "Geox" in parse.tag:
            coarse = "PROPN" if coarse == "NOUN" else coarse
        item = Lemma(parse.normal_form.replace("ё", "е"), coarse)
        if item not in out:
            out.append(item)
    return tuple(out)


@lru_cache(maxsize=1)
def _en_tables() -> tuple[dict[str, Any], ...] | None:
    """lemminflect's lemma, lemma-override, inflection and inflection-override tables, read
    in place: its public lookups deep-copy every answer, which was most of their cost. None
    when its internals are not the ones this was written against (the public calls are used)."""
    try:
        from lemminflect.core.Inflections import Inflections
        from lemminflect.core.Lemmatizer import Lemmatizer

        lem, infl = Lemmatizer(), Inflections()
        tables = (
            lem._getLemmaDict(),
            lem._getOverridesDict(),
            infl._getInflDict(),
            infl._getOverridesDict(),
        )
    except (ImportError, AttributeError, TypeError):
        return None
    return tables if all(isinstance(t, dict) for t in tables) else None


def _all_lemmas(low: str) -> dict[str, Any]:
    """``lemminflect.getAllLemmas(low)`` for a lowercase form (values not lowercased here)."""
    tables = _en_tables()
    if tables is None:
        from lemminflect import getAllLemmas

        return dict(getAllLemmas(low))
    return {**tables[0].get(low, {}), **tables[1].get(low, {})}


def all_lemmas(low: str) -> dict[str, Any]:
    """``lemminflect.getAllLemmas(low)`` for a lowercase form, the same answer (values
    lowercased as lemminflect does), without its copies. A new dict each call."""
    return {
        upos: tuple(w.lower() for w in v) if isinstance(v, (list, tuple)) else v.lower()
        for upos, v in _all_lemmas(low).items()
    }


def all_inflections(lemma: str) -> dict[str, Any]:
    """``lemminflect.getAllInflections(lemma)`` for a lowercase lemma, the same answer, without
    its copies. Cached per lemma: the dict is shared, read it only."""
    return _all_inflections(lemma)


@lru_cache(maxsize=65536)
def _all_inflections(lemma: str) -> dict[str, Any]:
    """``lemminflect.getAllInflections(lemma)`` for a lowercase lemma (values lowercased).
    Cached: callers only read the dict."""
    tables = _en_tables()
    if tables is None:
        from lemminflect import getAllInflections

        return dict(getAllInflections(lemma))
    forms = {**tables[2].get(lemma, {}), **tables[3].get(lemma, {})}
    return {
        tag: tuple(f.lower() for f in v) if isinstance(v, (list, tuple)) else v.lower()
        for tag, v in forms.items()
    }


@lru_cache(maxsize=200_000)
def en_lemmas(word: str) -> tuple[Lemma, ...]:
    """Every (lemma, coarse POS) lemminflect knows for ``word`` (lowercased), the form itself
    included as a noun-like fallback when the lexicon does not know it."""
    low = word.lower().replace("’", "'")
    if low != word:
        return en_lemmas(low)  # one analysis per folded form (Talks, TALKS, talks)
    out: list[Lemma] = []
    for upos, lemmas in _all_lemmas(low).items():
        coarse = _EN_POS.get(upos, "FUNC")
        for lem in lemmas:
            item = Lemma(lem.lower(), coarse)
            if item not in out:
                out.append(item)
    if not out:
        from lemminflect import getAllLemmasOOV

        for lem in getAllLemmasOOV(low, "NOUN").get("NOUN", (low,)):
            out.append(Lemma(lem.lower(), "NOUN"))
        if Lemma(low, "NOUN") not in out:
            out.append(Lemma(low, "NOUN"))
    return tuple(out)


@lru_cache(maxsize=200_000)
def ru_lemma_set(word: str) -> frozenset[str]:
    return frozenset(lem.lemma for lem in ru_lemmas(word))


@lru_cache(maxsize=200_000)
def en_lemma_set(word: str) -> frozenset[str]:
    low = word.lower().replace("’", "'")
    if low != word:
        return en_lemma_set(low)
    return frozenset(lem.lemma for lem in en_lemmas(word)) | {low}


def ru_pos(word: str) -> frozenset[str]:
    return frozenset(lem.pos for lem in ru_lemmas(word))


def en_pos(word: str) -> frozenset[str]:
    return frozenset(lem.pos for lem in en_lemmas(word))


@lru_cache(maxsize=200_000)
def penn_tag(word: str) -> str | None:
    """The inflection tag (NNS, VBD...) ``word`` has as a form of one of its lemmas, if any."""
    low = word.lower()
    for lem in en_lemmas(low):
        if lem.lemma == low:
            continue
        for tag, forms in _all_inflections(lem.lemma).items():
            if low in forms:
                return str(tag)
    return None


@lru_cache(maxsize=200_000)
def inflect(lemma: str, tag: str | None) -> str:
    """``lemma`` in the inflection ``tag`` (plural, past...), via lemminflect; itself for None."""
    if tag is None:
        return lemma
    out = _table_inflection(lemma, tag)
    if out is None:
        from lemminflect import getInflection

        out = getInflection(lemma, tag)
    return str(out[0]) if out else lemma


def _table_inflection(lemma: str, tag: str) -> Any:
    """``lemminflect.getInflection(lemma, tag)`` when its tables hold the answer (a lowercase
    lemma, not a proper-noun tag), read in place; None when lemminflect must be asked."""
    if tag in ("NNP", "NNPS") or lemma != lemma.lower() or _en_tables() is None:
        return None
    forms = _all_inflections(lemma)
    form = forms.get(tag)
    if form is None:
        from lemminflect.core.LexicalUtils import pennTagAlts

        for alt in pennTagAlts(tag):
            form = forms.get(alt)
            if form:
                break
    return form


def word_forms(word: str, pos: str) -> list[str]:
    """``word`` and the other inflections of its lemmas of part of speech ``pos`` (a verb's
    base, past, third person, participles; a noun's singular and plural)."""
    low = word.lower()
    tags = ("VB", "VBD", "VBZ", "VBG", "VBN") if pos == "VERB" else ("NN", "NNS")
    out = [low]
    for lem in en_lemmas(low):
        if lem.pos != pos:
            continue
        for tag in tags:
            form = lem.lemma if tag in ("VB", "NN") else inflect(lem.lemma, tag)
            if form not in out:
                out.append(form)
    return out
