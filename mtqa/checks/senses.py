"""Wrong senses without a source: a round trip English -> Russian -> English through a dictionary.

A literal machine translation picks one English rendering of a polysemous Russian word where
another was meant: «дело» -> "case" for "affair" ("Ministry of Foreign Cases"), «силы» ->
"powers" for "forces" ("armed powers"). Read back through an English-Russian dictionary, the
two renderings share a Russian lemma. For each pair of adjacent English content words (and
"X of Y") the trigram language model that ``fluency`` uses finds odd, every word is looked up
backwards: its Russian lemmas (the dictionary senses that render it by one word), then those
lemmas' other one-word renderings (the *alternatives*). A pair is flagged when an alternative
for one of its words makes a pair the LM has seen and strongly prefers (a PMI gain, so a
commoner word does not win for being common); the suggestion is that pair and the message
names the shared Russian word:

    “Foreign Cases” reads like a literal rendering of «дело»: “Foreign Affairs”?

With a source (``src``) the shared Russian lemma found among the source's lemmas corroborates the
round trip (a major flag when the LM gain is large); a source without it asks the LM for a larger
gain. Target only, every flag is minor. Without a dictionary the check is a no-op and its signature says ``no-dictionary``.

Two more kinds of evidence (docs/senses.md): an adjacent alternative that English print uses
as a collocation (symspellpy's list of frequent bigrams, :func:`mtqa.checks.lm.common_bigrams`)
needs a smaller LM gain, and one print does not use is not enough; and a pair that renders a
Russian set phrase word by word ("legal faces", «юридическое лицо») is flagged with the
dictionary's rendering of the phrase ("legal entities").
"""

from __future__ import annotations

import math
from collections.abc import Container, Mapping, Sequence
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from mtqa.checks.base import Check, Languages
from mtqa.checks.gapped import DEFAULTS as GAPPED_DEFAULTS, GappedStep
from mtqa.checks.genitive import DEFAULTS as GENITIVE_DEFAULTS, GenitiveStep
from mtqa.checks.homograph import DEFAULTS as HOMOGRAPH_DEFAULTS, HomographStep
from mtqa.checks.lm import pmi
from mtqa.errors import MtqaError
from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemmas, inflect, penn_tag, ru_lemma_set
from mtqa.text import words
from mtqa.types import CheckResult, Flag, Segment

DEFAULTS: dict[str, Any] = {
    # An English word rarer than this (log10 unigram of the trigram LM) is not judged.
    "min_logprob": -6.0,
    # The original pair: PMI (log10) at most this (adjacent pairs must also be unseen bigrams).
    "pmi_max": 0.0,
    # The alternative pair: PMI at least this, and this much above the original's (target only).
    "alt_pmi_min": 2.8,
    "gain_min": 3.3,
    # ... when the shared Russian lemma is also in the source. Not looser by default: a source
    # word both renderings translate says which word was rendered, not which sense is right
    # (clean WMT21 references with sources: 1.3% of sentences flagged at 1.5 / 2.0).
    "alt_pmi_min_src": 2.8,
    "gain_min_src": 3.3,
    # ... when a source is there but has no word of that lemma (an abbreviation, «МИД» for
    # «Министерство иностранных дел», or a paraphrase): a silent source is weak evidence against
    # the round trip, so the LM must prefer the alternative more (None: never flag).
    "gain_min_src_absent": 3.8,
    # With the list of English bigrams frequent in print (symspellpy's, when installed): an
    # adjacent alternative pair ("X of Y" keeps the thresholds above) on it is an established
    # collocation ("armed forces") and needs only this PMI and gain (target only, or the shared
    # lemma in the source); an adjacent alternative pair not on it needs a gain of
    # ``gain_min_uncommon`` (None: never flagged), and a set phrase's rendering must be on it.
    # ``common_bigrams: false`` ignores the list (the thresholds above alone decide).
    "common_bigrams": True,
    "common_alt_pmi_min": 2.0,
    "common_gain_min": 2.9,
    "gain_min_uncommon": None,
    # The alternative must be among the first renderings of the shared Russian lemma (0-based).
    "alt_rank_max": 3,
    # ... or among its first ``wide_alt_rank_max`` + 1 when the original word is among the
    # lemma's first ``wide_orig_rank_max`` + 1 (the literal MT took a central rendering) and the
    # alternative pair is adjacent and frequent in print; the LM margins are then the plain
    # ``alt_pmi_min`` and ``gain_min`` (the list does not lower them too).
    "wide_alt_rank_max": 20,
    "wide_orig_rank_max": 2,
    # ... and the original word among the first renderings of that lemma too (a literal MT
    # takes a common rendering, not the 20th).
    "orig_rank_max": 15,
    # A Russian lemma that has the original word only inside a longer rendering ("indigenous"
    # in «коренной»'s "indigenous population"): its first renderings up to this rank (0-based;
    # -1: none) are alternatives too ("indigenous causes" -> "root causes"). Off: at 4 it found
    # that pair but flagged three more clean WMT21 sentences ("district prosecutor").
    "linked_rank_max": -1,
    # A literal rendering replaces the usual word by a word about as common or commoner: the
    # alternative may be at most this much rarer (log10 unigram) than the original.
    "alt_rarer_max": 1.0,
    # Readings of the sentence the one-word round trip cannot cross (original English news): an
    # adjective before its noun is not swapped for a word that is no adjective ("Evil President"
    # -> "Vice President" through «порок», a noun); a gerund after "X of" is a verb heading its
    # own object, not a noun collocating with X ("process of informing"); a verb before an
    # adjective complement is a linking verb ("his statement appeared significant"), not
    # "issued", and the pair of the two ("appeared credible") is no collocation either. False:
    # the round trip reads every pair as before.
    "sentence_readings": True,
    # Gain for a major flag without a source (never, by default: the LM alone is minor evidence);
    # with a source the shared lemma in the source corroborates and ``major_gain_src`` applies.
    "major_gain": 99.0,
    "major_gain_src": 4.0,
    # With a source: "corroborate" (the source's lemmas choose the thresholds above: ``_src``
    # when the shared lemma is in the source, ``gain_min_src_absent`` when not), "skip" (leave
    # the segment to the adequacy check) or "ignore" (judge it as target-only text).
    "with_source": "corroborate",
    # Set phrases rendered word by word ("legal faces" for «юридическое лицо»): each word of
    # the pair renders one word of a Russian set phrase (at rank ``phrase_orig_rank_max`` at
    # most) whose dictionary rendering is two words the LM has seen together with PMI at least
    # ``phrase_pmi_min`` and this gain over the pair (None: no phrase round trip);
    # the pair itself must have PMI at most ``phrase_pmi_max`` (an unseen pair after a word
    # with strong partners of its own).
    "phrase_pmi_max": -0.37,
    # ... at most this when the rendering only swaps one word for a synonym (see _synonym_swap).
    "phrase_swap_pmi_max": -0.6,
    "phrase_orig_rank_max": 15,
    "phrase_pmi_min": 2.0,
    "phrase_gain_min": 2.5,
    # ... and both words of the rendering rarer than this (log10 unigram): content words.
    "phrase_word_logprob_max": -3.2,
    # A Russian set phrase rendered word by word where the dictionary's own rendering of the
    # phrase is missing or unusable ("accepted participation" for «принять участие», which
    # Mueller lists with "bear a part"): the two Russian lemmas are a set phrase of the
    # dictionary, each English word among the first ``double_orig_rank_max`` + 1 renderings of
    # its lemma, and other renderings of both lemmas (among the first ``double_rank_max`` + 1)
    # make a pair frequent in print ("took part"; symspellpy's list, without it never), seen by
    # the LM with PMI at least ``double_pmi_min`` and this gain over the pair (None: not looked
    # for). A phrase the dictionary renders with a word of the pair ("no mean abilities" for
    # «хорошие способности») is left alone. The LM margins are small because the dictionary's
    # phrase and print's collocation carry the evidence: light verbs have low PMI ("took part"
    # 1.1).
    "double_rank_max": 15,
    "double_orig_rank_max": 5,
    "double_pmi_min": 0.5,
    "double_gain_min": 1.0,
    # A noun after a verb it is never used with, where English print joins it to a support verb
    # ("had place" for «имело место»: "took place"; "turn attention": "pay attention"): the verb
    # an inflected verb form (or a base form after "to" or a modal), the noun bare (no
    # determiner), the pair unseen by the LM with PMI <= 0; a support verb of ``light_verbs``,
    # inflected like it, makes a pair on the frequent-bigram list, seen, with PMI at least
    # ``light_pmi_min`` and this gain (None: not looked for; without the list never).
    "light_verbs": (
        "take",
        "make",
        "give",
        "pay",
        "have",
        "do",
        "hold",
        "play",
        "draw",
        "exert",
        "provide",
        "bring",
        "keep",
        "reach",
        "raise",
        "conduct",
        "carry",
        "achieve",
        "put",
    ),
    "light_pmi_min": 1.5,
    "light_gain_min": 2.5,
    # With a source, an adjacent pair that mirrors two neighbouring source words (the anchored
    # step): one word renders a source word S (and no other source word), the other word
    # renders a source word at most ``anchored_window`` words from S (or a word derived from it:
    # «процентный» from «процент»). The pair is odd to the LM (unseen, PMI <= ``pmi_max``);
    # another rendering of S among its first ``anchored_alt_rank_max`` + 1, more central than
    # the word (``anchored_more_central``: a literal MT's slip, not a translator's choice of a
    # synonym), makes with the neighbour an established collocation (``anchored_common``: on the
    # list of bigrams frequent in print, or, with ``anchored_wordnet``, a compound noun of
    # WordNet where the system has it) the LM has seen, with PMI >= ``anchored_alt_pmi_min``
    # and a gain >= ``anchored_gain_min`` (None: the step is off).
    "anchored_window": 2,
    "anchored_alt_rank_max": 3,
    "anchored_more_central": True,
    "anchored_common": True,
    "anchored_wordnet": True,
    "anchored_alt_pmi_min": 1.0,
    "anchored_gain_min": 1.5,
    # "X of Y" rendered from a Russian genitive where print says "Y X" (mtqa/checks/genitive.py)
    **GENITIVE_DEFAULTS,
    # With a source, "X's Y" and "X of [the] Y" whose word renders a source word in a sense the
    # partner rules out (mtqa/checks/gapped.py)
    **GAPPED_DEFAULTS,
    # With a source, a noun rendering a rare noun reading of a source form that is mostly
    # another word («стали»: became, rarely steel; mtqa/checks/homograph.py)
    **HOMOGRAPH_DEFAULTS,
}


_SOURCE_MODES = frozenset({"corroborate", "skip", "ignore"})


class Alternative(NamedTuple):
    form: str  # the alternative English word, inflected like the original
    ru: str  # the Russian lemma both words render
    rank: int  # rank of the alternative among that lemma's renderings
    orig_rank: int  # rank of the original word among them


class _Pair(NamedTuple):
    i: int  # token index of the first word
    j: int  # token index of the second word
    mid: str | None  # "of" for "X of Y", _GAP for a verb and its object with an adjective between


# A verb and the noun after the adjective that follows it ("accepted active participation"),
# judged as the pair of the two only by the set-phrase round trips (the trigram model sees no
# further than the adjective).
_GAP = "+"


_SIGN = "“{orig}” reads like a literal rendering of «{ru}»: “{alt}”?"
_PHRASE_SIGN = "“{orig}” reads like a word-by-word rendering of the set phrase «{ru}»: “{alt}”?"
_DOUBLE_SIGN = "“{orig}” reads like a word-by-word rendering of «{ru}»: “{alt}”?"
_ANCHORED_SIGN = "“{orig}” renders the source's «{ru}» in a sense that does not fit here: “{alt}”?"
_LIGHT_SIGN = "“{orig}”: English joins “{noun}” to another verb: “{alt}”?"
# Words before a base-form verb that make it one ("to turn", "will take").
_VERB_BEFORE = frozenset(
    {"to", "will", "would", "can", "could", "must", "should", "may", "might", "not"}
)
_REFLEXIVES = frozenset(
    {"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves"}
    | {"themselves", "oneself"}
)


# What a pair's judgement finds: (gain, alternative, side "left"/"right"/"pair", the word replaced).
_Found = tuple[float, "Alternative | PhraseAlternative", str, str]


def _in_source(ru: str, src_lemmas: Container[str]) -> bool:
    """Whether every Russian lemma of ``ru`` (one lemma, or a set phrase's) is in the source."""
    return all(part in src_lemmas for part in ru.split())


class _SourceProbe:
    """A source's lemmas as :meth:`SenseCheck._find` reads them (``lemma in probe`` only),
    recording every question asked and its answer: ``_find`` is deterministic given the pair
    and those answers, so its result holds for any source that answers them alike."""

    __slots__ = ("asked", "lemmas")

    def __init__(self, lemmas: frozenset[str]) -> None:
        self.lemmas = lemmas
        self.asked: list[tuple[str, bool]] = []

    def __contains__(self, lemma: object) -> bool:
        answer = lemma in self.lemmas
        self.asked.append((str(lemma), answer))
        return answer


@lru_cache(maxsize=4096)
def _source_positions(src: str) -> dict[str, tuple[int, ...]]:
    """Each lemma of the source's words (lowercased) -> the word positions that have it."""
    out: dict[str, list[int]] = {}
    for k, tok in enumerate(words(src)):
        for lem in ru_lemma_set(tok.text.lower()):
            out.setdefault(lem, []).append(k)
    return {lem: tuple(ks) for lem, ks in out.items()}


def _stem_positions(ru: str, positions: Mapping[str, tuple[int, ...]]) -> tuple[int, ...]:
    """Positions of source words with the lemma ``ru`` or a word derived from it by a suffix
    (a relational adjective of a noun: «процент» -> «процентный», «бюджет» -> «бюджетный»,
    which English renders as a noun modifier)."""
    exact = positions.get(ru, ())
    if len(ru) < 5:
        return exact
    stem = ru[:-1]
    return exact + tuple(
        k for lem, ks in positions.items() if lem != ru and lem.startswith(stem) for k in ks
    )


@lru_cache(maxsize=4096)  # per source: checked against every translation of it
def _source_lemmas(src: str) -> frozenset[str]:
    """The lemmas of every word of the source (lowercased)."""
    return frozenset(lem for tok in words(src) for lem in ru_lemma_set(tok.text.lower()))


# Per pair, at most this many (questions, result) records of different sources.
_SOURCE_RECORDS = 8


@lru_cache(maxsize=100_000)
def _pos(word: str) -> frozenset[str]:
    return frozenset(lem.pos for lem in en_lemmas(word))


def _gerund(word: str) -> bool:
    """An -ing form English reads as a verb ("informing"), not a noun of its own ("building")."""
    return word.endswith("ing") and "VERB" in _pos(word) and "NOUN" not in _pos(word)


def _adjective_for_noun(word: str, alt: str, side: str, mid: str | None) -> bool:
    """Whether the round trip would swap an adjective before its noun for a word English reads
    only as a noun or verb: the shared Russian lemma then is no rendering of the adjective."""
    return side == "left" and mid is None and "ADJ" in _pos(word) and "ADJ" not in _pos(alt)


def _linking(toks: Sequence[Any], j: int, mt: str) -> bool:
    """Whether token ``j`` can be a verb and the next token is a lowercase word English reads
    only as an adjective: the verb links its subject to the adjective ("appeared significant")."""
    if j + 1 >= len(toks) or mt[toks[j].end : toks[j + 1].start] != " ":
        return False
    nxt = toks[j + 1].text
    if not nxt.isalpha() or not nxt.islower() or nxt in EN_FUNCTION_WORDS:
        return False
    return "VERB" in _pos(toks[j].text.lower()) and _pos(nxt) == frozenset({"ADJ"})


def _verb_complement(verb: str, adjective: str) -> bool:
    """Whether the pair is a word English reads only as a verb and a lowercase word it reads
    only as an adjective: a linking verb and its complement ("appeared credible"), no pair of
    words chosen for each other."""
    if not adjective.islower() or adjective in EN_FUNCTION_WORDS:
        return False
    return _pos(verb.lower()) == frozenset({"VERB"}) and _pos(adjective) == frozenset({"ADJ"})


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# The rank given to a Russian lemma that has the English word only in a longer rendering.
LINKED = 1000


class PhraseAlternative(NamedTuple):
    words: tuple[str, ...]  # the dictionary's rendering of the set phrase, inflected like the pair
    ru: str  # the Russian set phrase (lemmas) both the pair and the rendering translate
    swap: bool = False  # one word kept, the other swapped for another rendering of its word
    double: bool = False  # both words swapped for other renderings of their Russian lemmas


class RoundTrip:
    """English word -> Russian lemmas -> other English renderings, from a lexicon's ``renders``
    map (Russian lemma -> one-word English renderings, most central first), cached per word.

    With the lexicon's ``phrases`` table (Russian lemma sequence of a set phrase -> its English
    renderings), a pair of English words also goes round as a pair: "legal faces" ->
    «юридический» + «лицо» -> the set phrase «юридическое лицо» -> "legal entity"."""

    def __init__(self, renders: Any, links: Any = None, phrases: Any = None) -> None:
        self._renders = renders
        self._links = links
        self._phrases = phrases
        self._inverse: dict[str, tuple[tuple[str, int], ...]] | None = None
        self._alts: dict[str, tuple[Alternative, ...]] = {}
        self._ru_cache: dict[str, tuple[tuple[str, int], ...]] = {}

    @property
    def phrases(self) -> Any:
        """Russian set phrase (lemmas) -> English renderings, or None."""
        return self._phrases

    @property
    def inverse(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """English lemma -> (Russian lemma, rank of the English word among its renderings)."""
        if self._inverse is None:
            inv: dict[str, list[tuple[str, int]]] = {}
            for ru in self._renders:
                for rank, en in enumerate(self._renders.get(ru)):
                    inv.setdefault(en, []).append((ru, rank))
            if self._links is not None:
                # Russian lemmas whose longer renderings contain the word ("коренной" ->
                # "indigenous"), at rank LINKED: weaker evidence than a one-word rendering.
                for ru in self._links:
                    for en in self._links.get(ru):
                        have = inv.setdefault(en, [])
                        if not any(r == ru for r, _ in have):
                            have.append((ru, LINKED))
            self._inverse = {k: tuple(v) for k, v in inv.items()}
        return self._inverse

    def russian(self, word: str, orig_rank_max: int) -> tuple[tuple[str, int], ...]:
        """Russian lemmas the English word form renders (rank among their renderings at most
        ``orig_rank_max``, or LINKED when only a longer rendering has it), best rank first."""
        key = f"{word}|{orig_rank_max}"
        got = self._ru_cache.get(key)
        if got is not None:
            return got
        low = word.lower()
        best: dict[str, int] = {}
        for lemma in {lem.lemma for lem in en_lemmas(low)} | {low}:
            for ru, rank in self.inverse.get(lemma, ()):
                if rank <= orig_rank_max or rank == LINKED:
                    best[ru] = min(rank, best.get(ru, rank))
        value = tuple(sorted(best.items(), key=lambda kv: (kv[1], kv[0])))
        if len(self._ru_cache) > 200_000:
            self._ru_cache.clear()
        self._ru_cache[key] = value
        return value

    def phrase_alternatives(
        self, x: str, y: str, orig_rank_max: int
    ) -> tuple[PhraseAlternative, ...]:
        """Renderings of the Russian set phrases "r1 r2" where ``x`` renders r1 and ``y`` renders
        r2 (two English content words), other than the pair itself; the last word inflected
        like ``y``."""
        if self._phrases is None:
            return ()
        ys = self.russian(y, orig_rank_max)
        if not ys:
            return ()
        own = {lem.lemma for w in (x, y) for lem in en_lemmas(w.lower())} | {x.lower(), y.lower()}
        tag = penn_tag(y.lower())
        out: dict[tuple[str, ...], PhraseAlternative] = {}
        for r1, _ in self.russian(x, orig_rank_max):
            for r2, _ in ys:
                key = f"{r1} {r2}"
                if len(r1) < 3 or len(r2) < 3:
                    continue  # «в», «к»: a preposition from a longer rendering, not a word
                for en in self._phrases.get(key, ()):
                    words_ = tuple(en.lower().split())
                    if words_[:1] in (("the",), ("a",), ("an",)):
                        words_ = words_[1:]
                    if len(words_) != 2 or not all(
                        w.isalpha() and w not in EN_FUNCTION_WORDS for w in words_
                    ):
                        continue
                    if set(words_) <= own:
                        continue  # the pair itself, or its words reordered
                    if not all(
                        _pos(w) & _pos(o.lower()) for w, o in zip(words_, (x, y), strict=True)
                    ):
                        continue  # "landing ship" is no "sit down": word for word, same kinds
                    swap = self._synonym_swap(words_, (x, y), (r1, r2))
                    form = (*words_[:-1], inflect(words_[-1], tag))
                    old = out.get(form)
                    if old is None or (old.swap and not swap):
                        out[form] = PhraseAlternative(form, key, swap)
        return tuple(out.values())

    def _synonym_swap(
        self, words_: tuple[str, ...], pair: tuple[str, str], ru: tuple[str, str]
    ) -> bool:
        """Whether the rendering keeps one word of the pair and swaps the other for another
        one-word rendering of the same Russian word ("district prosecutor" -> "district
        attorney"): often a choice between synonyms, so the pair must be odder to the LM; the
        plain case is a word the dictionary gives only inside the set phrase ("legal entity":
        *entity* is no rendering of «лицо» alone)."""
        for k in (0, 1):
            kept, other = k, 1 - k
            if words_[kept] not in {lem.lemma for lem in en_lemmas(pair[kept].lower())} | {
                pair[kept].lower()
            }:
                continue
            if words_[other] in self._renders.get(ru[other]):
                return True
        return False

    def alternatives(
        self, word: str, alt_rank_max: int, orig_rank_max: int, linked_rank_max: int = -1
    ) -> tuple[Alternative, ...]:
        """Other one-word renderings of the Russian lemmas ``word`` renders, inflected like it,
        with the same part of speech; best (lowest) rank first, one entry per form. A lemma
        that has ``word`` only inside a longer rendering («коренной»: "indigenous (population)")
        gives its first ``linked_rank_max`` + 1 renderings (none at -1)."""
        key = f"{word}|{alt_rank_max}|{orig_rank_max}|{linked_rank_max}"
        try:
            return self._alts[key]
        except KeyError:
            pass
        low = word.lower()
        lemmas = en_lemmas(low)
        own = {lem.lemma for lem in lemmas} | {low}
        pos = {lem.pos for lem in lemmas}
        tag = penn_tag(low)
        best: dict[str, Alternative] = {}
        for lemma in own:
            for ru, orig_rank in self.inverse.get(lemma, ()):
                if orig_rank == LINKED:
                    top = linked_rank_max
                elif orig_rank <= orig_rank_max:
                    top = alt_rank_max
                else:
                    continue
                for rank, en in enumerate(self._renders.get(ru)[: top + 1]):
                    if en in own or not en.isalpha() or len(en) < 3:
                        continue
                    if not (_pos(en) & pos):
                        continue
                    form = inflect(en, tag)
                    if form in own:
                        continue
                    old = best.get(form)
                    if old is None or (old.rank, old.orig_rank) > (rank, orig_rank):
                        best[form] = Alternative(form, ru, rank, orig_rank)
        value = tuple(sorted(best.values(), key=lambda a: (a.rank, a.form)))
        if len(self._alts) > 200_000:
            self._alts.clear()
        self._alts[key] = value
        return value


class SenseCheck(Check):
    """Adjacent English words that read like a literal rendering of another sense of one
    Russian word, found by a dictionary round trip and the trigram LM."""

    name = "senses"
    per_segment = True
    version = "4"
    target_langs = frozenset({"en"})
    batch_size = 256

    def __init__(
        self,
        params: Mapping[str, Any] | None = None,
        langs: Languages = Languages(),
        dictionary: str | None = None,
        lexicon: Any = None,
        lm: Any = None,
        common: Any = None,
    ) -> None:
        super().__init__(params, langs)
        self._p = self.params_with(DEFAULTS)
        if self._p["with_source"] not in _SOURCE_MODES:
            modes = ", ".join(sorted(_SOURCE_MODES))
            raise MtqaError(
                f"senses: with_source must be one of {modes}, not {self._p['with_source']!r}"
            )
        self._dictionary = dictionary if dictionary is not None else self.params.get("dictionary")
        self._lexicon = lexicon
        self._lexicon_loaded = lexicon is not None
        self._lm = lm
        self._common: Any = common
        self._common_loaded = common is not None
        self._trip: RoundTrip | None = None
        self._pair_cache: dict[tuple[str, str | None, str], _Found | None] = {}
        # with a source: per pair, (the source questions _find asked with their answers, result)
        self._src_pair_cache: dict[
            tuple[str, str | None, str], list[tuple[tuple[tuple[str, bool], ...], _Found | None]]
        ] = {}
        self._light_cache: dict[tuple[str, str], tuple[float, str] | None] = {}
        self._genitive: GenitiveStep | None = None
        self._gapped: GappedStep | None = None
        self._homograph: HomographStep | None = None
        self._wordnet: Any = None
        self._wordnet_loaded = False
        # the anchored step's source-independent finds per pair
        self._anchored_cache: dict[
            tuple[str, str], tuple[tuple[float, Alternative, str, str, str], ...]
        ] = {}

    # -- resources ------------------------------------------------------------------------------

    @property
    def lexicon(self) -> Any:
        """The merged lexicon when a dictionary is installed, else None (the check is a no-op:
        the shipped mined lexicon has no sense lists to go round with)."""
        if not self._lexicon_loaded:
            from mtqa.lexicon import dictd
            from mtqa.lexicon.lookup import load_lexicon

            self._lexicon_loaded = True
            if dictd.resolve(self._dictionary) is not None:
                self._lexicon = load_lexicon(self._dictionary)
        return self._lexicon

    @property
    def trip(self) -> RoundTrip | None:
        if self._trip is None and self.lexicon is not None:
            lex = self.lexicon
            # links (longer renderings) stay out: linked_rank_max is off by default, and
            # inverting them costs seconds at load for no flag on the tuning material
            links = lex.links if self._p["linked_rank_max"] >= 0 else None
            self._trip = RoundTrip(lex.renders, links, getattr(lex, "phrases", None))
        return self._trip

    @property
    def common(self) -> Any:
        """English bigrams frequent in print (:func:`mtqa.checks.lm.common_bigrams`), or None
        when unavailable or switched off (``common_bigrams: false``)."""
        if not self._p["common_bigrams"]:
            return None
        if not self._common_loaded:
            from mtqa.checks.lm import common_bigrams

            self._common_loaded = True
            self._common = common_bigrams()
        return self._common

    # cached_property: read in the hottest loops, where a property's call frame showed up
    @cached_property
    def lm(self) -> Any:
        if self._lm is None:
            from mtqa.checks.lm import english_lm

            self._lm = english_lm()
        return self._lm

    def resources(self) -> str:
        lex = self.lexicon
        if lex is None:
            return "no-dictionary"
        common = self.common
        wordnet = ";wordnet:3.0" if self.wordnet is not None else ""
        return (
            lex.signature() + ";cmu-en-us-lm" + (f";{common.signature}" if common else "") + wordnet
        )

    # -- checking -------------------------------------------------------------------------------

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        return [self.check_one(seg) for seg in segments]

    def check_one(self, seg: Segment) -> CheckResult:
        trip = self.trip
        if trip is None:
            return CheckResult()
        src_lemmas: frozenset[str] | None = None
        if seg.src:
            mode = self._p["with_source"]
            if mode == "skip":
                return CheckResult()
            if mode == "corroborate":
                src_lemmas = _source_lemmas(seg.src)
        toks = words(seg.mt)
        mt = seg.mt
        flags: list[Flag] = []
        taken: list[tuple[int, int]] = []
        pairs = self._pairs(mt, toks)
        for pair in pairs:
            a, b = toks[pair.i], toks[pair.j]
            found = self._judge(a.text.lower(), pair.mid, b.text.lower(), src_lemmas)
            if found is None:
                continue
            gain, alt, side, _ = found
            start, end = a.start, b.end
            if any(start < e and s < end for s, e in taken):
                continue
            orig = mt[start:end]
            sign = _SIGN
            if isinstance(alt, PhraseAlternative):
                left, right = (_match_case(m, w) for m, w in zip((a.text, b.text), alt.words))
                new = left + mt[a.end : b.start] + right
                sign = _DOUBLE_SIGN if alt.double else _PHRASE_SIGN
            elif side == "left":
                new = _match_case(a.text, alt.form) + mt[a.end : b.end]
            else:
                new = mt[a.start : b.start] + _match_case(b.text, alt.form)
            corroborated = src_lemmas is not None and _in_source(alt.ru, src_lemmas)
            major = gain >= (self._p["major_gain_src"] if corroborated else self._p["major_gain"])
            flags.append(
                self.flag(
                    seg,
                    start,
                    end,
                    category="mistranslation",
                    severity="major" if major else "minor",
                    confidence=1.0 - math.exp(-gain / 3.0),
                    message=sign.format(orig=orig, ru=alt.ru, alt=new),
                    suggestion=new,
                )
            )
            taken.append((start, end))
        if src_lemmas is not None and seg.src:
            for pair, gain, alt, side in self._anchored(toks, pairs, seg.src, taken):
                a, b = toks[pair.i], toks[pair.j]
                if side == "left":
                    new = _match_case(a.text, alt.form) + mt[a.end : b.end]
                else:
                    new = mt[a.start : b.start] + _match_case(b.text, alt.form)
                flags.append(
                    self.flag(
                        seg,
                        a.start,
                        b.end,
                        category="mistranslation",
                        severity="major" if gain >= self._p["major_gain_src"] else "minor",
                        confidence=1.0 - math.exp(-gain / 3.0),
                        message=_ANCHORED_SIGN.format(orig=mt[a.start : b.end], ru=alt.ru, alt=new),
                        suggestion=new,
                    )
                )
        for lstart, lend, (lgain, usual), noun in self._light_verbs(mt, toks):
            if any(lstart < e and s < lend for s, e in taken):
                continue
            flags.append(
                self.flag(
                    seg,
                    lstart,
                    lend,
                    category="mistranslation",
                    severity="minor",
                    confidence=1.0 - math.exp(-lgain / 3.0),
                    message=_LIGHT_SIGN.format(orig=mt[lstart:lend], noun=noun, alt=usual),
                    suggestion=usual,
                )
            )
            taken.append((lstart, lend))
        flags += self._genitive_flags(seg, src_lemmas is not None, taken)
        if src_lemmas is not None:
            flags += self._gapped_flags(seg, taken)
            flags += self._homograph_flags(seg, taken)
        return CheckResult(scores={"senses.flags": float(len(flags))}, flags=tuple(flags))

    def _gapped_flags(self, seg: Segment, taken: list[tuple[int, int]]) -> list[Flag]:
        """Flags of the gapped step (mtqa/checks/gapped.py): "X's Y", "X of [the] Y" against
        the source."""
        if self._p["gapped_gain_min"] is None or not seg.src:
            return []
        if self._gapped is None:
            self._gapped = GappedStep(self._p, self.lm, self.trip, self.lexicon.renders)
        out = []
        for g in self._gapped.find(seg.mt, seg.src, taken):
            out.append(
                self.flag(
                    seg,
                    g.start,
                    g.end,
                    category="mistranslation",
                    severity="major" if g.gain >= self._p["gapped_major_gain"] else "minor",
                    confidence=1.0 - math.exp(-g.gain / 3.0),
                    message=g.message,
                    suggestion=g.suggestion,
                )
            )
            taken.append((g.start, g.end))
        return out

    def _homograph_flags(self, seg: Segment, taken: list[tuple[int, int]]) -> list[Flag]:
        """Flags of the homograph step (mtqa/checks/homograph.py), with a source."""
        if self._p["homograph_share_max"] is None or not seg.src:
            return []
        if self._homograph is None:
            self._homograph = HomographStep(self._p, self.lm, self.trip)
        out = []
        for h in self._homograph.find(seg.mt, seg.src):
            if any(h.start < e and s < h.end for s, e in taken):
                continue
            out.append(
                self.flag(
                    seg,
                    h.start,
                    h.end,
                    category="mistranslation",
                    severity="minor",
                    confidence=0.5,
                    message=h.message,
                    suggestion=None,
                )
            )
            taken.append((h.start, h.end))
        return out

    def _genitive_flags(
        self, seg: Segment, with_src: bool, taken: list[tuple[int, int]]
    ) -> list[Flag]:
        """Flags of the genitive step (mtqa/checks/genitive.py), off unless ``genitive``."""
        if not self._p["genitive"]:
            return []
        if self._genitive is None:
            self._genitive = GenitiveStep(self._p, self.lm, self.common, self.trip, self.lexicon)
        out = []
        for g in self._genitive.find(seg.mt, seg.src if with_src else None):
            if any(g.start < e and s < g.end for s, e in taken):
                continue
            major = g.source is not None and g.gain >= self._p["genitive_major_gain_src"]
            out.append(
                self.flag(
                    seg,
                    g.start,
                    g.end,
                    category="mistranslation",
                    severity="major" if major else "minor",
                    confidence=1.0 - math.exp(-g.gain / 3.0),
                    message=g.message,
                    suggestion=g.suggestion,
                )
            )
            taken.append((g.start, g.end))
        return out

    def _anchored(
        self, toks: Sequence[Any], pairs: Sequence[_Pair], src: str, taken: list[tuple[int, int]]
    ) -> list[tuple[_Pair, float, Alternative, str]]:
        """Adjacent pairs that mirror two neighbouring source words, one of them rendered in a
        sense that does not fit (see ``anchored_*`` in DEFAULTS): (pair, gain, alternative,
        side of the word replaced)."""
        if self._p["anchored_gain_min"] is None:
            return []
        positions = _source_positions(src)
        out = []
        for pair in pairs:
            if pair.mid is not None:
                continue
            start, end = toks[pair.i].start, toks[pair.j].end
            if any(start < e and s < end for s, e in taken):
                continue
            found = self._find_anchored(
                toks[pair.i].text.lower(), toks[pair.j].text.lower(), positions
            )
            if found is not None and isinstance(found[1], Alternative):
                out.append((pair, found[0], found[1], found[2]))
                taken.append((start, end))
        return out

    def _collocation(self, x: str, y: str) -> str:
        """Whether "x y" is an established English collocation: on the list of bigrams frequent
        in print ("print"), or (with ``anchored_wordnet``) a compound noun WordNet lists
        ("bank card", "life expectancy": "wordnet"); "" when neither."""
        common = self.common
        if common is not None and common.has(x, y):
            return "print"
        wordnet = self.wordnet
        if wordnet is None:
            return ""
        heads = {lem.lemma for lem in en_lemmas(y) if lem.pos == "NOUN"}
        return "wordnet" if any(wordnet.has_lemma(f"{x} {h}") for h in heads) else ""

    @property
    def wordnet(self) -> Any:
        """Princeton WordNet where the system has it (``anchored_wordnet``, the anchored step
        on), else None."""
        if not self._p["anchored_wordnet"] or self._p["anchored_gain_min"] is None:
            return None
        if not self._wordnet_loaded:
            from mtqa.lexicon.wordnet import load_wordnet

            self._wordnet_loaded = True
            self._wordnet = load_wordnet()
        return self._wordnet

    def _find_anchored(
        self, x: str, y: str, positions: Mapping[str, tuple[int, ...]]
    ) -> _Found | None:
        """The best other rendering of a source word that one word of the pair renders, the
        other word rendering a source word beside it (None when nothing passes)."""
        candidates = self._anchored_cache.get((x, y))
        if candidates is None:
            candidates = self._anchored_candidates(x, y)
            if len(self._anchored_cache) > 200_000:
                self._anchored_cache.clear()
            self._anchored_cache[(x, y)] = candidates
        if not candidates:
            return None
        trip = self.trip
        assert trip is not None
        rank_max = int(self._p["orig_rank_max"])
        window = int(self._p["anchored_window"])
        for gain, alt, side, word, other in candidates:  # best gain first
            # the source words the word itself may render: with two, which was rendered is open
            rendered = {
                k
                for ru, _ in trip.russian(word, rank_max)
                if len(ru) > 2
                for k in positions.get(ru, ())
            }
            at = positions.get(alt.ru, ())
            if len(rendered) != 1 or set(at) != rendered:
                continue
            anchors = [
                k for ru, _ in trip.russian(other, rank_max) for k in _stem_positions(ru, positions)
            ]
            if any(0 < abs(s - t) <= window for s in at for t in anchors):
                return (gain, alt, side, word)
        return None

    def _anchored_candidates(
        self, x: str, y: str
    ) -> tuple[tuple[float, Alternative, str, str, str], ...]:
        """What the anchored step can find in the pair whatever the source: (gain, alternative,
        side, word replaced, the other word), best gain first."""
        p = self._p
        lm = self.lm
        trip = self.trip
        assert trip is not None
        if lm.seen_bigram(x, y):
            return ()
        pmi = self._pmi(x, None, y)
        if pmi is None or pmi > p["pmi_max"]:
            return ()
        out = []
        for side, word, other in (("left", x, y), ("right", y, x)):
            own = {lem.lemma for lem in en_lemmas(word)} | {word}
            floor = (lm.unigram(word) or 0.0) - p["alt_rarer_max"]
            for alt in trip.alternatives(
                word, int(p["anchored_alt_rank_max"]), int(p["orig_rank_max"])
            ):
                if p["anchored_more_central"] and alt.rank >= alt.orig_rank:
                    continue  # the word is the more central rendering: a choice, not a slip
                if own & ({lem.lemma for lem in en_lemmas(alt.form)} | {alt.form}):
                    continue  # another form of the same English word ("including")
                if (lm.unigram(alt.form) or -99.0) < floor:
                    continue
                ax, ay = (alt.form, y) if side == "left" else (x, alt.form)
                if p["anchored_common"] and not self._collocation(ax, ay):
                    continue
                if not lm.seen_bigram(ax, ay):
                    continue
                alt_pmi = self._pmi(ax, None, ay)
                if alt_pmi is None or alt_pmi < p["anchored_alt_pmi_min"]:
                    continue
                gain = alt_pmi - pmi
                if gain >= p["anchored_gain_min"]:
                    out.append((gain, alt, side, word, other))
        return tuple(sorted(out, key=lambda c: -c[0]))

    def _light_verbs(
        self, mt: str, toks: Sequence[Any]
    ) -> list[tuple[int, int, tuple[float, str], str]]:
        """(start, end, (gain, suggestion), noun) for verb + bare noun pairs whose noun English
        print joins to a support verb (see ``light_verbs`` in DEFAULTS)."""
        p = self._p
        common = self.common
        if p["light_gain_min"] is None or common is None:
            return []
        out = []
        for i in range(len(toks) - 1):
            a, b = toks[i], toks[i + 1]
            verb, noun = a.text, b.text
            if not (verb.isalpha() and noun.isalpha() and verb.islower() and noun.islower()):
                continue
            if mt[a.end : b.start] != " " or mt[b.end : b.end + 1] == "-":
                continue
            lemma = self._verb_lemma(verb, toks[i - 1].text.lower() if i else "")
            if lemma is None or noun in EN_FUNCTION_WORDS or noun in _REFLEXIVES:
                continue
            key = (verb, noun)
            if key in self._light_cache:
                best = self._light_cache[key]
            else:
                best = self._light_alternative(verb, lemma, noun)
                if len(self._light_cache) > 200_000:
                    self._light_cache.clear()
                self._light_cache[key] = best
            if best is not None:
                out.append((a.start, b.end, best, noun))
        return out

    def _light_alternative(self, verb: str, lemma: str, noun: str) -> tuple[float, str] | None:
        """(gain, "support-verb noun") for a verb + noun pair, or None (see _light_verbs)."""
        p = self._p
        lm = self.lm
        common = self.common
        assert common is not None
        if "NOUN" not in _pos(noun) or lm.seen_bigram(verb, noun):
            return None
        pmi = self._pmi(verb, None, noun)
        if pmi is None or pmi > p["pmi_max"]:
            return None
        tag = penn_tag(verb)
        best: tuple[float, str] | None = None
        for light in p["light_verbs"]:
            if light == lemma:
                continue
            form = inflect(light, tag)
            if not common.has(form, noun) or not lm.seen_bigram(form, noun):
                continue
            alt_pmi = self._pmi(form, None, noun)
            if alt_pmi is None or alt_pmi < p["light_pmi_min"]:
                continue
            gain = alt_pmi - pmi
            if gain >= p["light_gain_min"] and (best is None or gain > best[0]):
                best = (gain, f"{form} {noun}")
        return best

    @staticmethod
    @lru_cache(maxsize=100_000)
    def _verb_lemma(word: str, before: str) -> str | None:
        """The verb lemma of a word that stands as a verb: an inflected verb form that is no
        noun (had, accepted, taking), or a base form after "to" or a modal (to turn)."""
        low = word.lower()
        lemmas = en_lemmas(low)
        verbs = [lem.lemma for lem in lemmas if lem.pos == "VERB"]
        if not verbs:
            return None
        kinds = {lem.pos for lem in lemmas}
        tag = penn_tag(low)
        if tag in ("VBD", "VBN"):
            return verbs[0]
        if tag in ("VBG", "VBZ"):
            return verbs[0] if "NOUN" not in kinds and "ADJ" not in kinds else None
        if tag is None and before in _VERB_BEFORE:
            return verbs[0]
        return None

    def _pairs(self, mt: str, toks: Sequence[Any]) -> list[_Pair]:
        """Adjacent content words (modifier+noun, verb+object), "X of Y" and a verb with its
        object after an adjective, skipping names mid-sentence (a capitalised title of common
        words is judged) and hyphenated parts."""
        out: list[_Pair] = []
        n = len(toks)
        ok = [self._word_ok(mt, toks, i) for i in range(n)]
        for i in range(n - 1):
            a = toks[i]
            if not ok[i]:
                continue
            for j, mid in ((i + 1, None), (i + 2, "of"), (i + 2, _GAP)):
                if j >= n:
                    break
                if mid == _GAP:
                    if not self._verb_adjective(a.text, toks[i + 1].text):
                        continue
                elif mid is not None and toks[i + 1].text.lower() != mid:
                    continue
                if mid is None and mt[a.end : toks[j].start] != " ":
                    continue
                if mid is not None and (
                    mt[a.end : toks[i + 1].start] != " "
                    or mt[toks[i + 1].end : toks[j].start] != " "
                ):
                    continue
                if not ok[j]:
                    continue
                b = toks[j]
                if (
                    mid is None
                    and self._p["sentence_readings"]
                    and (_linking(toks, j, mt) or _verb_complement(a.text, b.text))
                ):
                    continue  # "statement appeared significant": a linking verb
                if mt[b.end : b.end + 1] == "-" or mt[a.start - 1 : a.start] == "-":
                    continue
                cap_a, cap_b = a.text[:1].isupper(), b.text[:1].isupper()
                if (cap_a and i > 0 and not cap_b) or (cap_b and not cap_a):
                    continue  # a name next to a common word
                out.append(_Pair(i, j, mid))
        return out

    @staticmethod
    @lru_cache(maxsize=100_000)
    def _verb_adjective(verb: str, adjective: str) -> bool:
        """Whether ``verb`` can be a verb and ``adjective`` an adjective (and no verb)."""
        if not adjective.islower() or not verb[1:].islower() or adjective in EN_FUNCTION_WORDS:
            return False
        kinds = _pos(adjective)
        return "VERB" in _pos(verb.lower()) and "ADJ" in kinds and "VERB" not in kinds

    def _word_ok(self, mt: str, toks: Sequence[Any], i: int) -> bool:
        w = toks[i].text
        if not w.isalpha() or len(w) < 3:
            return False
        low = w.lower()
        if low in EN_FUNCTION_WORDS:
            return False
        if w[1:] != low[1:] and not w.isupper():
            return False  # McDonald, iPhone
        uni = self.lm.unigram(low)
        return uni is not None and uni >= self._p["min_logprob"]

    # -- the language model's view --------------------------------------------------------------

    def _pmi(self, x: str, mid: str | None, y: str) -> float | None:
        return pmi(self.lm, x, mid, y)

    def _seen(self, x: str, mid: str | None, y: str) -> bool:
        if mid is None:
            return bool(self.lm.seen_bigram(x, y))
        # "X of Y": the trigram raised p(Y | of) above what "of" alone gives.
        pmi = self._pmi(x, mid, y)
        return pmi is not None and pmi > 0.3

    def _judge(
        self, x: str, mid: str | None, y: str, src_lemmas: frozenset[str] | None
    ) -> _Found | None:
        key = (x, mid, y)
        if src_lemmas is None:
            if key in self._pair_cache:
                return self._pair_cache[key]
            value = self._find(x, mid, y, None)
            if len(self._pair_cache) > 500_000:
                self._pair_cache.clear()
            self._pair_cache[key] = value
            return value
        # With a source, a result computed for another source is reused when this source
        # answers every question that computation asked of it the same way (the pairs of a
        # news batch recur across sentences and systems; most ask nothing or one lemma).
        records = self._src_pair_cache.get(key)
        if records is not None:
            for asked, found in records:
                if all((lemma in src_lemmas) is answer for lemma, answer in asked):
                    return found
        probe = _SourceProbe(src_lemmas)
        value = self._find(x, mid, y, probe)
        if records is None:
            if len(self._src_pair_cache) > 200_000:
                self._src_pair_cache.clear()
            records = self._src_pair_cache[key] = []
        if len(records) < _SOURCE_RECORDS:
            records.append((tuple(probe.asked), value))
        return value

    def _find(
        self, x: str, mid: str | None, y: str, src_lemmas: Container[str] | None
    ) -> _Found | None:
        p = self._p
        trip = self.trip
        assert trip is not None
        if mid == _GAP:
            # a verb and its object across an adjective: the set-phrase round trips alone
            pmi = self._pmi(x, None, y)
            if pmi is None or pmi > p["pmi_max"] or self.lm.seen_bigram(x, y):
                return None
            found = self._find_phrase(x, y, pmi, src_lemmas)
            return found if found is not None else self._find_double(x, y, pmi, src_lemmas)
        pmi = self._pmi(x, mid, y)
        if pmi is None or pmi > p["pmi_max"]:
            return None
        if mid is None and self.lm.seen_bigram(x, y):
            return None
        absent_gain = p["gain_min_src_absent"]
        lm = self.lm
        common = self.common
        best: _Found | None = None
        for side, word in (("left", x), ("right", y)):
            floor = (lm.unigram(word) or 0.0) - p["alt_rarer_max"]
            if p["sentence_readings"] and mid == "of" and side == "right" and _gerund(word):
                continue  # "process of informing": a verb, judged by its object, not by X
            for alt in self._alternatives(word, mid is None and common is not None):
                if p["sentence_readings"] and _adjective_for_noun(word, alt.form, side, mid):
                    continue
                if alt.rank > p["alt_rank_max"] and not (
                    common is not None
                    and common.has(*((alt.form, y) if side == "left" else (x, alt.form)))
                ):
                    continue  # a wide alternative: adjacent and frequent in print only
                if src_lemmas is None:
                    alt_pmi_min, gain_min = p["alt_pmi_min"], p["gain_min"]
                elif alt.ru in src_lemmas:
                    alt_pmi_min, gain_min = p["alt_pmi_min_src"], p["gain_min_src"]
                elif absent_gain is None:
                    continue
                else:
                    alt_pmi_min, gain_min = p["alt_pmi_min"], absent_gain
                if (lm.unigram(alt.form) or -99.0) < floor:
                    continue
                ax, ay = (alt.form, y) if side == "left" else (x, alt.form)
                if common is not None and mid is None:
                    if common.has(ax, ay):
                        # the list relaxes the rank limit or the LM margins, not both
                        if alt.rank <= p["alt_rank_max"] and (
                            src_lemmas is None or alt.ru in src_lemmas
                        ):
                            # an established collocation of English print: less LM margin
                            alt_pmi_min = min(alt_pmi_min, p["common_alt_pmi_min"])
                            gain_min = min(gain_min, p["common_gain_min"])
                    elif p["gain_min_uncommon"] is None:
                        continue
                    else:
                        gain_min = max(gain_min, p["gain_min_uncommon"])
                alt_pmi = self._pmi(ax, mid, ay)
                if alt_pmi is None or alt_pmi < alt_pmi_min:
                    continue
                if not self._seen(ax, mid, ay):
                    continue
                gain = alt_pmi - pmi
                if gain < gain_min:
                    continue
                if best is None or gain > best[0]:
                    best = (gain, alt, side, word)
        if best is None and mid is None:
            best = self._find_phrase(x, y, pmi, src_lemmas)
        if best is None and mid is None:
            best = self._find_double(x, y, pmi, src_lemmas)
        return best

    def _alternatives(self, word: str, wide: bool) -> tuple[Alternative, ...]:
        """The one-word round trip's alternatives for ``word``; with ``wide``, followed by those
        past ``alt_rank_max`` (up to ``wide_alt_rank_max``) for which the word is among the
        lemma's first ``wide_orig_rank_max`` + 1 renderings (two cached lists, each computed
        once per word)."""
        p = self._p
        trip = self.trip
        assert trip is not None
        near = trip.alternatives(
            word, int(p["alt_rank_max"]), int(p["orig_rank_max"]), int(p["linked_rank_max"])
        )
        if not wide or p["wide_alt_rank_max"] <= p["alt_rank_max"]:
            return near
        have = {a.form for a in near}
        far = trip.alternatives(word, int(p["wide_alt_rank_max"]), int(p["wide_orig_rank_max"]))
        return near + tuple(
            a
            for a in far
            if a.rank > p["alt_rank_max"]
            and a.orig_rank <= p["wide_orig_rank_max"]
            and a.form not in have
        )

    def _find_double(
        self, x: str, y: str, pmi: float, src_lemmas: Container[str] | None
    ) -> _Found | None:
        """Both words swapped for other renderings of their Russian lemmas, making a pair
        English print uses ("accepted participation" -> «принимать участие» -> "took part")."""
        p = self._p
        common = self.common
        if p["double_gain_min"] is None or common is None:
            return None
        trip = self.trip
        assert trip is not None
        lm = self.lm
        rank, orig = int(p["double_rank_max"]), int(p["double_orig_rank_max"])
        phrases = trip.phrases
        lefts = [a for a in trip.alternatives(x, rank, orig) if a.orig_rank <= orig]
        if not lefts:
            return None
        rights = [b for b in trip.alternatives(y, rank, orig) if b.orig_rank <= orig]
        best: _Found | None = None
        for a in lefts:
            if (lm.unigram(a.form) or -99.0) < (lm.unigram(x) or 0.0) - p["alt_rarer_max"]:
                continue
            for b in rights:
                if not common.has(a.form, b.form):
                    continue
                if (lm.unigram(b.form) or -99.0) < (lm.unigram(y) or 0.0) - p["alt_rarer_max"]:
                    continue
                ru = f"{a.ru} {b.ru}"
                if phrases is None or ru not in phrases:
                    continue  # not a Russian set phrase the dictionary lists
                if self._sanctioned(x, y, phrases.get(ru)):
                    continue  # the dictionary renders the phrase with a word of the pair
                if src_lemmas is not None and not _in_source(ru, src_lemmas):
                    continue
                alt_pmi = self._pmi(a.form, None, b.form)
                if alt_pmi is None or alt_pmi < p["double_pmi_min"]:
                    continue
                if not lm.seen_bigram(a.form, b.form):
                    continue
                gain = alt_pmi - pmi
                if gain < p["double_gain_min"] or (best is not None and gain <= best[0]):
                    continue
                best = (gain, PhraseAlternative((a.form, b.form), ru, double=True), "pair", "")
        return best

    @staticmethod
    def _sanctioned(x: str, y: str, renderings: Sequence[str]) -> bool:
        """Whether a dictionary rendering of the set phrase has a word of the pair (its lemma):
        "good ability" is how «хорошие способности» may be put ("no mean abilities")."""
        own = {lem.lemma for w in (x, y) for lem in en_lemmas(w)} | {x, y}
        return any(
            lem.lemma in own or w in own
            for en in renderings
            for w in en.lower().split()
            if w not in EN_FUNCTION_WORDS
            for lem in en_lemmas(w)
        )

    def _find_phrase(
        self, x: str, y: str, pmi: float, src_lemmas: Container[str] | None
    ) -> _Found | None:
        """The pair as a word-by-word rendering of a Russian set phrase whose dictionary
        rendering is two words the LM has seen together, with a large PMI gain over the pair."""
        p = self._p
        if p["phrase_gain_min"] is None or pmi > p["phrase_pmi_max"]:
            return None
        trip = self.trip
        assert trip is not None
        lm = self.lm
        best: _Found | None = None
        for alt in trip.phrase_alternatives(x, y, int(p["phrase_orig_rank_max"])):
            if alt.swap and pmi > p["phrase_swap_pmi_max"]:
                continue
            if src_lemmas is not None and not _in_source(alt.ru, src_lemmas):
                continue  # a source without the set phrase says the pair renders something else
            ax, ay = alt.words
            if self.common is not None and not self.common.has(ax, ay):
                continue  # the set phrase's rendering must be a collocation English print uses
            if max(lm.unigram(ax) or 0.0, lm.unigram(ay) or 0.0) > p["phrase_word_logprob_max"]:
                continue  # "sit down": a particle, not a content word of a set phrase
            alt_pmi = self._pmi(ax, None, ay)
            if alt_pmi is None or alt_pmi < p["phrase_pmi_min"] or not lm.seen_bigram(ax, ay):
                continue
            gain = alt_pmi - pmi
            if gain < p["phrase_gain_min"]:
                continue
            if best is None or gain > best[0]:
                best = (gain, alt, "pair", f"{x} {y}")
        return best
