"""Lexical adequacy against the source: a word-by-word back-translation with a dictionary.

Every English content word is linked to the source words it may render (:mod:`mtqa.lexicon.align`:
the system dictionary, the shipped mined lexicon, numbers and cognates). Three patterns are
flagged, each only when a second piece of evidence agrees:

* **wrong sense** — an English content word links to no source word, a source content word of
  the same part of speech is left uncovered, a neighbouring English word is linked next to that
  source word (so we know where the word should have come from), and the trigram language model
  prefers one of the source word's dictionary renderings in the English context by a margin;
  the suggestion is that rendering ("peaceful warfare" ← «мирного урегулирования» → "peaceful
  settlement");
* **calque** — source words that the dictionary translates as a unit ("юридическое лицо" →
  "legal entity") rendered word by word ("legal faces"), when the language model prefers the
  dictionary's phrase in place;
* **polarity** — a negative or reversing prefix on one side only (де-/дис-/анти-/не-/без- vs
  de-/dis-/anti-/un-/non-/in-), the rest of the word linking across.

Which wrong-sense candidates become flags, and how severe, is decided by a small trained model
(:mod:`mtqa.checks.source.decision`, ``learned_decision``); the graded rules below remain its
fallback and their two-sided (major) flags stand beside it.

Scores for the calibration: ``adequacy.uncovered_src`` (share of source content words no English
word renders) and ``adequacy.unlinked_mt`` (share of English content words linked to nothing).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from mtqa.checks.base import Check, Languages
from mtqa.checks.lm import _TO_LOG10
from mtqa.checks.source.calque import CalqueRules
from mtqa.lexicon.align import (
    Alignment,
    align,
)
from mtqa.lexicon.lemmas import (
    EN_FUNCTION_WORDS,
    en_lemma_set,
    en_lemmas,
    en_pos,
    inflect,
    penn_tag,
    ru_lemmas,
)
from mtqa.lexicon.lookup import Lexicon
from mtqa.types import CheckResult, Flag, Segment, Severity

if TYPE_CHECKING:
    from mtqa.checks.source.decision import SenseDecision
    from mtqa.lexicon.wordnet import Coherence

DEFAULTS: dict[str, Any] = {
    # log10 gain the LM must see when the dictionary rendering replaces the English word(s).
    "sense_gain": 1.0,
    # ... when the English word does render its source word, in another sense.
    "sense_gain_linked": 2.0,
    # ... when the LM has seen neither pair (the gain is then mostly the words' frequencies).
    "sense_gain_unseen": 2.5,
    "sense_gain_linked_unseen": 2.0,
    # ... when the LM has seen the English pair too.
    "sense_gain_seen": 99.0,
    "sense_gain_linked_seen": 99.0,
    # ... when no linked content word stands beside the word (judged against its neighbour).
    "free_anchor": True,
    "sense_gain_free": 1.0,
    "sense_gain_free_unseen": 1.5,
    "sense_gain_free_seen": 1.5,
    # ... and is not among the source word's first renderings (its central senses).
    "central_senses": 2,
    # ... nor among its commonest one-word renderings (by the LM's unigram frequency): the
    # dictionary's order within a sense is not by use (сотня: fivescore, cent, century, hundred).
    "common_senses": 1,
    "calque_gain": 1.5,
    # Set phrases that open with a source preposition («в результате» → "as a result of") are
    # judged too, with a single content word ("in outcome").
    "calque_prepositional": True,
    # ... when the LM prefers the dictionary's phrase by this much (the source preposition and
    # its English rendering are both there: less is left to chance than for two content words).
    "calque_gain_prepositional": 1.0,
    # ... unless two adjacent words of the English span are a pair the LM has seen with this
    # PMI (log10) or more: a collocation of English ("demarcation line"), not a calque.
    "calque_known_pmi": 1.0,
    # A calque whose adjacent English content words are each a pair too rare for the LM to
    # have seen (log10 unigrams summing below this: "reciprocal concessions", "pedagogical
    # institute"), every word in a central sense of its source word, is minor: the LM's
    # silence about such a pair is no evidence, and the dictionary's phrase is one good choice
    # among others; the QE model agreeing raises it (mtqa/corroborate.py).
    "calque_rare_pair": -9.8,
    # An English word of a word-by-word span that the LM does not know at all scores this
    # log10 p (about the LM's rarest known words): the dictionary's archaic glosses.
    "calque_unknown_logp": -7.0,
    # Two source words the dictionary renders by one English word (окружающая среда →
    # environment) rendered word by word ("surrounding medium"); the LM's gain is then taken
    # per word predicted (a shorter phrase is likelier for being short) and must reach
    # `calque_unit_gain`.
    "calque_units": True,
    # Set phrases whose Russian has a function word inside («принимать во внимание» → take
    # into account, consider; mtqa.lexicon.units), judged as the others are.
    "calque_gapped": True,
    # A verb unit of a verb and its object (оказывать давление → exert) is also tried as that
    # verb with the translation's noun ("render pressure" → "exert pressure"), as a phrase.
    "calque_unit_verbs": True,
    "calque_unit_gain": 1.0,
    # A source word of a set phrase with no English partner (the translation's word is no
    # rendering the dictionary lists: "driver's" for «водительских», "Currency" for
    # «валютный») may take an English content word beside its neighbours' partners that
    # renders no source word at all ("driver's rights" for «водительских прав»).
    "calque_unlinked_partner": True,
    # A set phrase of an adjective and a noun whose dictionary term shares no word with the
    # source words' renderings (смертная казнь → capital punishment) is judged too, when the
    # translation renders each source word in its central sense ("mortal execution").
    "calque_compound_terms": True,
    # A unit word the dictionary also gives for the unit's adjective alone (подводный →
    # submarine, attributive) still stands for the pair when it is a noun ("underwater boat"
    # for «подводная лодка» → submarine).
    "calque_unit_attributive": True,
    # When the LM cannot tell (it knows few compounds: "kindergarten" scores below "children's
    # garden"), print and the dictionary can: the two source words are the FIRST rendering
    # Mueller gives for the unit word (kindergarten ← «детский сад», railway ← «железная
    # дорога»; later senses of a headword are too loose), the unit word is common English
    # (wordfreq Zipf at least this), and the two lowercase English words are no pair on the
    # list of bigrams frequent in print (symspellpy's): reported minor. 0 turns this off.
    "calque_unit_zipf": 3.5,
    # ... and for a LATER noun sense of the unit word (mineral ← «полезные ископаемые», its
    # second; personnel ← «личный состав», an alternative of its first), when the unit word is
    # at least this common and the trigram LM has never seen the two English words together
    # ("useful fossils"; not "main questions" for knot ← «главный вопрос»). 0 turns this off.
    "calque_unit_later_zipf": 3.5,
    # Either way, two English words the LM has seen together with this PMI (log10) or more
    # are an English pair, not a word-by-word rendering ("main trends" for «основные
    # направления», mainstream's first rendering; the general guard is `calque_known_pmi`).
    "calque_print_pmi": 0.5,
    # ... and the unit word in the inflection in place must be this common in print too
    # (wordfreq Zipf): "kindergartens" (2.6) is, "mainstreams" (1.1) is not.
    "calque_unit_form_zipf": 2.0,
    # Support-verb constructions rendered with the verb's literal sense ("did a statement" for
    # «сделал заявление»; mtqa.checks.source.support): the LM's gains for a dictionary phrase of
    # the source verb and noun (major), for a dictionary phrase of the noun with another Russian
    # verb, and for a support verb of English (None: not tried).
    "support": True,
    "support_gain_dict": 0.9,
    "support_gain_dict_any": 1.5,
    "support_gain_en": None,
    "support_gain_lm": 2.0,
    "support_orig_assoc_max": 0.0,
    "support_alt_assoc_min": 0.5,
    "support_class_min": 8,
    # Adjectives between the English verb and its noun, skipped in the LM's view ("accepted
    # additional measures" scored as "accepted measures"): off, as it flagged a WMT21 reference.
    "support_adjective_gap": False,
    "support_verbs": (
        "make",
        "take",
        "give",
        "pay",
        "hold",
        "keep",
        "set",
        "ask",
        "win",
        "suffer",
        "draw",
        "play",
        "raise",
        "reach",
        "bring",
        "carry",
        "deal",
        "strike",
        "conduct",
        "provide",
    ),
    # Renderings of the source word tried as suggestions, most central sense first (those the
    # LM knows, of the English word's part of speech); after the first `near_ranks` the gain
    # must be `late_rank_gain` higher (the dictionary's later senses are rarer).
    "max_candidates": 12,
    "near_ranks": 2,
    "late_rank_gain": 1.0,
    # An English word this common (log10 unigram) or rarer than min_logprob is not judged.
    "min_logprob": -6.0,
    # The uncovered source word must sit this close (source words) to the anchor's partner.
    "anchor_window": 2,
    "polarity": True,
    # Source words this far (in words, after scaling positions by length) from the English word.
    "polarity_window": 12,
    # Derivation swaps (derivation.py): an -ing/-ed form the source word's grammar rules out,
    # when the LM prefers the form the source asks for by this log10 gain.
    "derivation": True,
    "derivation_gain": 0.5,
    "derivation_gain_active": -1.0,
    # An -ing/-ed word that renders no source word is judged against the uncovered source
    # words this close to its relative position (0: never).
    "derivation_unlinked_window": 2,
    # A rendering of the source verb's aspect partner only (not of the verb itself: the
    # dictionary lists задерживать, not задержать) is an alternative for the learned decision
    # when the LM prefers it by this PMI gain: weaker dictionary evidence, more LM evidence.
    "sense_gain_partner": 2.0,
    # Wrong senses decided by the learned model (decision.py, mtqa/data/adequacy/decision.json;
    # `decision_path` another file) instead of the graded rules above; 0 for the rules.
    "learned_decision": 1,
    # WordNet sense coherence (lexicon/wordnet.py, tenth round; opt-in, off: it did not meet its
    # ship rule, docs/adequacy.md). On: a candidate the decision leaves unflagged is flagged minor
    # when its probability is at least `wordnet_floor` and WordNet's coherence of the
    # alternative with the sentence beats the English word's by `wordnet_gain`; the candidates
    # also carry the `wn_gain` feature (read by a decision file trained with it). The folder is
    # `wordnet_path` (a calibration setting), MTQA_WORDNET or the system's wordnet-base.
    "wordnet": 0,
    "wordnet_floor": 0.2,
    "wordnet_gain": 1.5,
    # A wrong sense is a different meaning, not a synonym (twelfth round, precision): a
    # learned-decision flag whose alternative is a near synonym of the English word in WordNet
    # is dropped. Near synonyms: the same synset, or synsets similar to each other
    # (adjectives) or of one verb group, where the two words' sense numbers (0: the commonest)
    # add up to at most `synonym_senses` ("domestic" / internal: 0 + 2; "large" / big: 0 + 0;
    # not "strength" / force, whose shared sense is each word's third). Where the language
    # model's evidence is two-sided (it has never seen the English word with its neighbour and
    # has seen the alternative there: "gross internal product") only synonyms in both words'
    # commonest senses are dropped ("cruel" / brutal); the rule path's own two-sided major
    # flags always stand. Needs WordNet (wordnet-base; `wordnet_path`, MTQA_WORDNET); without
    # it nothing is dropped. -1: off.
    "synonym_senses": 2,
}

# Source words a translator may leave out or render freely: never the missing sense.
_RU_LIGHT = frozenset(
    ["быть", "стать", "мочь", "иметь", "делать", "сделать", "являться", "оказаться"]
)
# English prepositions: the closed class a source preposition («в», «на», «по») is rendered by.
_EN_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "with",
        "of",
        "into",
        "onto",
        "upon",
        "about",
        "over",
        "under",
        "after",
        "before",
        "during",
        "through",
        "across",
        "among",
        "between",
        "within",
        "without",
        "against",
        "behind",
        "beyond",
    ]
)
_TAG_POS = {"N": "NOUN", "V": "VERB", "J": "ADJ", "R": "ADV"}
_ARTICLES = frozenset(["the", "a", "an"])
_RU_VERB_ENDINGS = ("ть", "ться", "ти", "чь")


def _adverbial(words: Sequence[str]) -> bool:
    """Whether a dictionary phrase can stand where a prepositional or adverbial phrase stood:
    it opens with a preposition, "as" or an adverb ("as a result", "on the whole", "so to
    speak", "overall"), not with an article or a noun ("the whole")."""
    return words[0] in _EN_PREPOSITIONS or words[0] == "as" or "ADV" in en_pos(words[0])


# Punctuation between two words of a span: no set phrase is rendered across it.
_PUNCT_INSIDE = re.compile(r"[,;:()\[\]\"“”«»!?.—–]")
_POSSESSIVE = ("'s", "’s", "'", "’")
# Endings of a Russian adjective's dictionary form (pymorphy3's normal form: «детский»).
_RU_ADJECTIVE_LEMMA = ("ый", "ий", "ой")


def _strip_possessive(text: str) -> str:
    """``text`` without an English possessive ending ("children's" → "children")."""
    for tail in _POSSESSIVE:
        if text.endswith(tail) and len(text) > len(tail):
            return text[: -len(tail)]
    return text


def _is_word(text: str, possessive: bool = False) -> bool:
    """Letters only; with ``possessive``, also letters with an English possessive ending (how
    a word-by-word rendering of a Russian adjective often reads: «детский сад» → "children's
    garden")."""
    return (_strip_possessive(text) if possessive else text).isalpha()


def _inflect_like(candidate: str, original: str) -> str:
    """``candidate`` (a lemma) in the inflection ``original`` has (plural, past...), when the
    candidate has that inflection's part of speech: "valued" (an adjective, and the past of
    *value*) keeps an adjective candidate as it is ("valuable", not "valuabled")."""
    tag = penn_tag(original)
    if tag is None:
        return candidate
    pos = _TAG_POS.get(tag[:1])
    if pos is not None and pos not in {lem.pos for lem in en_lemmas(candidate)}:
        return candidate
    return inflect(candidate, tag)


def _phrase_present(phrase: str, mt_sets: Sequence[frozenset[str]], every: bool = False) -> bool:
    """Whether every content word of the dictionary's phrase (every word, for a phrase of
    function words only, "once again", or with ``every``) is among the translation's lemmas."""
    # A possessive is its own token in tokenised text ("Jehovah 's Witnesses"): the dictionary's
    # "jehovah's" is there when "jehovah" is.
    words = [_strip_possessive(w) for w in phrase.split()]
    content = words if every else [w for w in words if w not in EN_FUNCTION_WORDS] or words
    return all(any(w in s for s in mt_sets) for w in content)


# Russian stems of an aspect pair: the perfective in -ить, the imperfective in -ать/-ять with the
# stem's last consonant alternated (обратить/обращать, отметить/отмечать, поразить/поражать).
_ALTERNATION = {
    "щ": ("т", "ст"),
    "ч": ("т", "к"),
    "ж": ("д", "з", "г"),
    "жд": ("д",),  # возбудить/возбуждать, подтвердить/подтверждать (Church Slavonic д → жд)
    "ш": ("с", "х"),
    "вл": ("в",),
    "пл": ("п",),
    "бл": ("б",),
    "мл": ("м",),
}


def _verb_stem(lemma: str) -> tuple[str, str, bool]:
    """(stem, infinitive class, reflexive) of a Russian verb lemma: задерживать → (задерж,
    ива, False), обратиться → (обрат, и, True)."""
    reflexive = lemma.endswith(("ся", "сь"))
    base = lemma[:-2] if reflexive else lemma
    for ending in ("ть", "ти", "чь"):
        if base.endswith(ending):
            base = base[: -len(ending)]
            break
    for suffix in ("ыва", "ива", "ва"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 4:
            return base[: -len(suffix)], "ива", reflexive
    if base[-1:] in ("а", "я", "и", "е", "о", "у"):
        return base[:-1], base[-1], reflexive
    return base, "", reflexive


def _alternated(perf: str, imperf: str) -> bool:
    """Whether an imperfective stem is the perfective's with its last consonant alternated
    (обрат/обращ, отмет/отмеч, спрос/спраш)."""
    return any(
        imperf.endswith(alt) and perf.endswith(src) and perf[: -len(src)] == imperf[: -len(alt)]
        for alt, sources in _ALTERNATION.items()
        for src in sources
    )


def aspect_partners(lemma: str, verbs: Sequence[str]) -> list[str]:
    """The verbs among ``verbs`` that are ``lemma``'s aspect partners: the same stem and
    reflexivity (задержать/задерживать, выступить/выступать, выделить/выделять), a perfective
    in -ить with its imperfective in -ать/-ять and the stem's last consonant alternated
    (обратиться/обращаться), or an imperfective in -ивать/-ывать with о → а in the stem
    (договориться/договариваться, спросить/спрашивать). Not a stem that merely begins alike
    (задёргивать)."""
    stem, cls, refl = _verb_stem(lemma)
    if len(stem) < 3:
        return []
    out = []
    for other in verbs:
        if other == lemma:
            continue
        o_stem, o_cls, o_refl = _verb_stem(other)
        if o_refl != refl:
            continue
        if o_stem == stem:
            out.append(other)
        elif {cls, o_cls} in ({"и", "а"}, {"и", "я"}):
            perf, imperf = (stem, o_stem) if cls == "и" else (o_stem, stem)
            if _alternated(perf, imperf):
                out.append(other)
        elif "ива" in (cls, o_cls) and cls != o_cls:
            perf, imperf = (o_stem, stem) if cls == "ива" else (stem, o_stem)
            at = perf.rfind("о")
            if at > 0 and len(perf) - at <= 3:
                ablaut = perf[:at] + "а" + perf[at + 1 :]
                if imperf == ablaut or _alternated(ablaut, imperf):
                    out.append(other)
    return out


# Verb roots whose prefixed perfective and imperfective differ in more than a suffix:
# провести/проводить, принять/принимать, вызвать/вызывать, продать/продавать.
_SUPPLETIVE = (
    ("вести", "водить"),
    ("везти", "возить"),
    ("нести", "носить"),
    ("йти", "ходить"),
    ("нять", "нимать"),
    ("брать", "бирать"),
    ("звать", "зывать"),
    ("слать", "сылать"),
    ("мереть", "мирать"),
    ("переть", "пирать"),
    ("стать", "ставать"),
    ("дать", "давать"),
    ("знать", "знавать"),
)
# по- makes a motion verb perfective without a partner (понести is not поносить).
_MOTION = frozenset(["вести", "везти", "нести", "йти"])


def suppletive_partners(lemma: str) -> list[str]:
    """The prefixed verb's partner of the other aspect by its root (провести → проводить,
    принимать → принять), whether or not it exists; [] for an unprefixed root."""
    refl = lemma[-2:] if lemma.endswith(("ся", "сь")) else ""
    base = lemma[: len(lemma) - len(refl)]
    out = []
    for perf, imperf in _SUPPLETIVE:
        for mine, theirs in ((perf, imperf), (imperf, perf)):
            prefix = base[: -len(mine)]
            if not base.endswith(mine) or not prefix or (prefix == "по" and perf in _MOTION):
                continue
            out.append(prefix + theirs + ("ся" if refl else ""))
    return out


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# A cache's "not there" (None is a cached answer)
_MISSING: Any = object()
# WordNet pointers between near synonyms: similar to (adjectives), verb group
_NEAR_POINTERS = frozenset(["&", "$"])


class AdequacyCheck(CalqueRules, Check):
    """English words with no counterpart in the source, calques and polarity flips."""

    name = "adequacy"
    per_segment = True
    version = "4"
    needs = ("src",)
    target_langs = frozenset({"en"})
    batch_size = 256

    def __init__(
        self,
        params: Mapping[str, Any] | None = None,
        langs: Languages = Languages(),
        dictionary: str | None = None,
    ) -> None:
        super().__init__(params, langs)
        self._p = self.params_with(DEFAULTS)
        self._dictionary = dictionary if dictionary is not None else self.params.get("dictionary")
        self._lexicon: Lexicon | None = None
        self._lm: Any = None
        self._decision: SenseDecision | None = None
        self._coherence: Coherence | None = None
        self._synonyms: Any = _MISSING  # WordNet for the synonym guard (None: not installed)
        self._synonym_cache: dict[tuple[str, str, int], bool] = {}
        self._cand_cache: dict[tuple[str, frozenset[str]], list[str]] = {}
        self._seen_cache: dict[tuple[str, str], bool | None] = {}
        self._central_cache: dict[tuple[str, str], frozenset[str]] = {}
        self._rend_cache: dict[str, tuple[str, ...]] = {}
        self._top_zipf_cache: dict[str, float] = {}  # see decision._top_zipf
        self._calque_phrase_cache: dict[str, object] = {}  # see _source_calque_phrases
        self._negative_cache: dict[tuple[str, str], str | None] = {}  # polarity.dictionary_flips
        self._verbs_by_prefix: dict[str, list[str]] | None = None
        self._window_cache: dict[tuple[tuple[str, ...], int], float | None] = {}
        self._support_class: frozenset[str] | None = None
        self._support_verb_cache: dict[str, bool] = {}
        self._aspect_index: dict[str, list[str]] | None = None
        self._padded_al: Alignment | None = None
        self._padded_words: tuple[str, ...] = ()
        # (segment id, span start, span end, linked, pair seen, suggestion seen, rank, gain) of every
        # wrong-sense candidate, when a caller sets a list here (scripts/adequacy_report.py).
        self._trace: list[tuple[Any, ...]] | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            from mtqa.lexicon.lookup import load_lexicon

            self._lexicon = load_lexicon(self._dictionary)
            penn_tag("talks")  # loads lemminflect's inflection tables once, with the lexicon
        return self._lexicon

    @property
    def decision(self) -> SenseDecision | None:
        """The learned wrong-sense decision, loaded once, or None when the rules decide."""
        if not self._p["learned_decision"]:
            return None
        if self._decision is None:
            from mtqa.checks.source.decision import load_decision

            self._decision = load_decision(self.params.get("decision_path"))
        return self._decision

    @property
    def coherence(self) -> Coherence | None:
        """WordNet sense coherence when the ``wordnet`` setting is on (loaded once), else None;
        a user error when it is on and no WordNet folder is found."""
        if not self._p["wordnet"]:
            return None
        if self._coherence is None:
            from mtqa.errors import MtqaError
            from mtqa.lexicon.wordnet import Coherence, load_wordnet

            path = self.params.get("wordnet_path")
            wn = load_wordnet(str(path) if path else None)
            if wn is None:
                raise MtqaError(
                    "checks.adequacy.wordnet is on but no WordNet was found "
                    "(apt-get install wordnet-base, or set wordnet_path / MTQA_WORDNET)"
                )
            self._coherence = Coherence(wn)
        return self._coherence

    # cached_property: read in the hottest loops, where a property's call frame showed up
    @cached_property
    def lm(self) -> Any:
        if self._lm is None:
            from mtqa.checks.lm import english_lm

            self._lm = english_lm()
        return self._lm

    @property
    def synonym_wordnet(self) -> Any:
        """WordNet for the synonym guard (``synonym_senses``), loaded once; None when it is off
        or the system has no WordNet."""
        if self._synonyms is _MISSING:
            self._synonyms = None
            if self._p["synonym_senses"] >= 0 and self.decision is not None:
                from mtqa.lexicon.wordnet import load_wordnet

                path = self.params.get("wordnet_path")
                self._synonyms = load_wordnet(str(path) if path else None)
        return self._synonyms

    def resources(self) -> str:
        decision = self.decision
        suffix = f";decision:{decision.version}" if decision is not None else ""
        if self.synonym_wordnet is not None:
            suffix = ";synonyms:wordnet-3.0" + suffix
        if self.coherence is not None:
            suffix += ";wordnet:3.0"
        return self.lexicon.signature() + suffix

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        return [self.check_one(seg) for seg in segments]

    # -- one segment ---------------------------------------------------------------------------

    def check_one(self, seg: Segment) -> CheckResult:
        assert seg.src is not None
        al = align(self.lexicon, seg.src, seg.mt)
        src_content = [i for i, c in enumerate(al.src_content) if c]
        mt_content = [j for j, c in enumerate(al.mt_content) if c]
        linked_src = {a for a, _ in al.links}
        linked_mt = {b for _, b in al.links}
        scores: dict[str, float] = {}
        if src_content:
            uncovered = sum(1 for i in src_content if i not in linked_src)
            scores["adequacy.uncovered_src"] = uncovered / len(src_content)
        if mt_content:
            unlinked = sum(1 for j in mt_content if j not in linked_mt)
            scores["adequacy.unlinked_mt"] = unlinked / len(mt_content)
        flags: list[Flag] = []
        flags.extend(self._calques(seg, al))
        if self._p["support"]:
            from mtqa.checks.source.support import support_flags

            for f in support_flags(self, seg, al):
                if not any(f.start < g.end and g.start < f.end for g in flags):
                    flags.append(f)
        taken = {(f.start, f.end) for f in flags}
        senses = (
            self._decided_senses(seg, al)
            if self.decision is not None
            else self._wrong_senses(seg, al, linked_src, linked_mt)
        )
        for f in senses:
            if not any(f.start < e and s < f.end for s, e in taken):
                flags.append(f)
                taken.add((f.start, f.end))
        from mtqa.checks.source.collocation import collocation_flags

        for f in collocation_flags(self, seg, al):  # wrong senses inside syntactic pairs
            if not any(f.start < e and s < f.end for s, e in taken):
                flags.append(f)
                taken.add((f.start, f.end))
        if self._p["polarity"]:
            for f in self._polarity(seg, al):
                if not any(f.start < e and s < f.end for s, e in taken):
                    flags.append(f)
                    taken.add((f.start, f.end))
        if self._p["derivation"]:
            from mtqa.checks.source.derivation import derivation_flags

            for f in derivation_flags(self, seg, al):
                if not any(f.start < e and s < f.end for s, e in taken):
                    flags.append(f)
        scores["adequacy.flags"] = float(len(flags))
        return CheckResult(scores=scores, flags=tuple(flags))

    # -- language model ------------------------------------------------------------------------

    def _window_logp(self, window: tuple[str, ...], required: int) -> float | None:
        """log10 p of window[2:2 + required] (plus up to two following words) given the two
        words before; None when one of the ``required`` words is unknown to the LM. Cached per
        window: the same few words recur across candidates, sentences and systems."""
        key = (window, required)
        # .get with a marker, not try/except: most windows asked are new (None is a value)
        cached = self._window_cache.get(key, _MISSING)
        if cached is not _MISSING:
            return cached
        lm = self.lm
        # lm.logp(w, *history) inlined (the same float: the model's integer log times
        # _TO_LOG10), with the unigram lookup bound once: the hottest loop of the check
        unigram, prob = lm.unigram, lm._prob
        total = 0.0
        known = True
        for k in range(2, len(window)):
            w = window[k]
            if unigram(w) is None:
                if k < required + 2:
                    known = False
                    break
                continue
            query = [w]
            h = window[k - 1]
            if h == "<s>" or unigram(h) is not None:
                query.append(h)
            h = window[k - 2]
            if h == "<s>" or unigram(h) is not None:
                query.append(h)
            total += float(prob(query)) * _TO_LOG10
        value = total if known else None
        if len(self._window_cache) > 500_000:
            self._window_cache.clear()
        self._window_cache[key] = value
        return value

    def _padded(self, al: Alignment) -> tuple[str, ...]:
        """The translation's words lowercased after two sentence-start markers (kept for the
        alignment being judged)."""
        if self._padded_al is not al:
            self._padded_al = al
            self._padded_words = ("<s>", "<s>", *(t.text.lower() for t in al.mt))
        return self._padded_words

    def _gain(
        self, al: Alignment, lo: int, hi: int, replacement: list[str], per_word: bool = False
    ) -> float | None:
        """How much the LM prefers ``replacement`` for mt words [lo, hi) (log10), or None."""
        seq = self._padded(al)
        # Only words lo-2 .. hi+1 count: the two before, the span and the two after.
        before = self._window_logp(seq[lo : hi + 4], hi - lo)
        trial = (*seq[lo : lo + 2], *(w.lower() for w in replacement), *seq[hi + 2 : hi + 4])
        after = self._window_logp(trial, len(replacement))
        if before is None or after is None:
            return None
        if per_word:
            # mean log10 p per word predicted: a shorter replacement is not favoured for
            # leaving words out (two words by one, "surrounding medium" → "environment")
            following = len(seq[hi + 2 : hi + 4])
            n_before, n_after = hi - lo + following, len(replacement) + following
            return (after / n_after - before / n_before) * n_before
        # per word of the longer side, so a longer phrase is not favoured for its length
        return (after - before) / max(1, hi - lo, len(replacement)) * max(1, hi - lo)

    # -- wrong sense ---------------------------------------------------------------------------

    def _judgeable(self, al: Alignment, j: int) -> bool:
        tok = al.mt[j]
        if not al.mt_content[j] or not tok.text.isalpha() or len(tok.text) < 3:
            return False
        if (
            j > 0
            and tok.text[:1].isupper()
            and (
                not al.mt[j - 1].text[:1].isupper()
                or (self.lm.unigram(tok.text.lower()) or -99) < -5.0
            )
        ):
            return False  # a name mid-sentence (a title of common words is judged)
        uni = self.lm.unigram(tok.text.lower())
        return uni is not None and uni >= self._p["min_logprob"]

    def _wrong_senses(
        self, seg: Segment, al: Alignment, linked_src: set[int], linked_mt: set[int]
    ) -> list[Flag]:
        """English words next to a linked content word (the anchor) that render the wrong sense:

        * unlinked: the word renders no source word while a source word near the anchor's
          partner, of the same part of speech, is left uncovered;
        * linked: the word renders its source word, but in a sense that does not go with the
          anchor, and another rendering of the same source word does.

        The trigram model must prefer a dictionary rendering of the source word by a PMI margin
        graded by what it has seen (``_sense_threshold``): least when it knows the suggested pair
        and not the English one, more when it knows neither, most (or never) when it knows the
        English pair too. A linked word with no linked content word beside it (a "free" word) is
        judged against its neighbour, whatever it is, with its own margins. Suggestions beyond
        the first ``near_ranks`` need ``late_rank_gain`` more. Only the two-sided case (English
        pair unseen, suggested pair seen, beside a linked content word, by a clear margin) is a
        major flag; the rest are minor.
        """
        p = self._p
        flags: list[Flag] = []
        window = int(p["anchor_window"])
        for j in range(len(al.mt)):
            linked = j in linked_mt
            if not self._judgeable(al, j):
                continue
            mt_pos = {lem.pos for lem in en_lemmas(al.mt[j].text)}
            mt_lemmas = en_lemma_set(al.mt[j].text)
            best: tuple[float, int, int, str, int, float, bool] | None = None
            # A word that renders its source word but has no linked content word beside it is
            # judged against whatever word is beside it ("the affairs" for «дела»), harder.
            free = (
                linked
                and p["free_anchor"]
                and not any(
                    0 <= j + d < len(al.mt) and j + d in linked_mt and al.mt_content[j + d]
                    for d in (-1, +1)
                )
            )
            for side in (-1, +1):
                n = j + side
                if not (0 <= n < len(al.mt)):
                    continue
                if free:
                    if not al.mt[n].text.isalpha():
                        continue
                elif n not in linked_mt or not al.mt_content[n]:
                    continue
                if al.mt[n].text[:1].isupper() != al.mt[j].text[:1].isupper() and min(n, j) > 0:
                    continue  # a name next to a common word
                lo_tok, hi_tok = al.mt[min(n, j)], al.mt[max(n, j)]
                if seg.mt[lo_tok.end : hi_tok.start].strip():
                    continue  # punctuation between: not one phrase
                if linked:
                    # Its source words that no other English word renders (рост rendered as
                    # "growth" elsewhere is not what "gain" mistranslates).
                    sources = [i for i in al.partners_of_mt(j) if self._renders_alone(al, i, j)]
                else:
                    sources = [
                        i
                        for a in al.partners_of_mt(n)
                        for i in range(a - window, a + window + 1)
                        if i != a and 0 <= i < len(al.src) and i not in linked_src
                    ]
                seen_orig: bool | None = None
                pair_checked = False
                for i in sources:
                    candidates = self._source_candidates(al, i, mt_pos, mt_lemmas, linked)
                    if not candidates:
                        continue
                    if not pair_checked:
                        # Checked once, and only when there is something to suggest.
                        seen_orig = self._seen_pair(al, min(n, j))
                        pair_checked = True
                    if seen_orig is None:
                        break  # a word the LM does not know: no judgement
                    ceiling = self._gain_ceiling(al, j, seen_orig, free, linked)
                    # the dictionary's own renderings (an aspect partner's are the learned
                    # decision's), ranked among themselves
                    own = self.lexicon.renderings(al.src[i].text)
                    for rank, cand in enumerate(c for c in candidates if c in own):
                        if cand in mt_lemmas:
                            continue
                        form = _inflect_like(cand, al.mt[j].text)
                        if (
                            ceiling is not None
                            and ceiling[0] - (self.lm.unigram(form.lower()) or 0.0) < ceiling[1]
                        ):
                            continue  # cannot reach its margin: skip the LM window
                        seen_sugg = self._seen_words(
                            *((al.mt[n].text, form) if n < j else (form, al.mt[n].text))
                        )
                        gain = self._gain(al, j, j + 1, [form])
                        if gain is None:
                            continue
                        # PMI, not probability: a commoner word must not win for being common.
                        gain -= (self.lm.unigram(form.lower()) or 0.0) - (
                            self.lm.unigram(al.mt[j].text.lower()) or 0.0
                        )
                        base = self._sense_threshold(
                            "free" if free else "linked" if linked else "",
                            seen_orig,
                            bool(seen_sugg),
                        )
                        late = p["late_rank_gain"] if rank >= p["near_ranks"] else 0.0
                        if self._trace is not None:
                            self._trace.append(
                                (
                                    seg.id,
                                    al.mt[min(n, j)].start,
                                    al.mt[max(n, j)].end,
                                    linked + free,
                                    seen_orig,
                                    bool(seen_sugg),
                                    rank,
                                    gain,
                                )
                            )
                        two_sided = seen_orig is False and bool(seen_sugg) and not free
                        strong = two_sided and gain >= base + 1.0
                        key = (gain - base - late, -rank, i, form, n, gain, strong)
                        if best is None or key > best:
                            best = key
            if best is None or best[0] < 0:
                continue
            _, _, i, form, n, gain, strong = best
            # Major only on two-sided evidence: the LM knows the suggested pair and not the
            # English one, beside a linked content word, by a clear margin.
            severity: Severity = "major" if strong else "minor"
            confidence = 1.0 - math.exp(-gain / 2.0)
            flags.append(self._sense_flag(seg, al, j, n, i, form, severity, confidence))
        return flags

    def _sense_flag(
        self,
        seg: Segment,
        al: Alignment,
        j: int,
        n: int,
        i: int,
        form: str,
        severity: Severity,
        confidence: float,
    ) -> Flag:
        """The wrong-sense flag on mt words j and n, suggesting ``form`` for word j."""
        lo, hi = (n, j) if n < j else (j, n)
        start, end = al.mt[lo].start, al.mt[hi].end
        phrase = seg.mt[start:end]
        suggestion = phrase.replace(al.mt[j].text, _match_case(al.mt[j].text, form))
        src_word = al.src[i].text
        # The suggestion, then the commonest other renderings (the dictionary's order puts
        # rare words like "autochthonal" early).
        common = sorted(
            (r for r in self._sense_renderings(src_word)[:12] if " " not in r),
            key=lambda r: -(self.lm.unigram(r) or -99.0),
        )
        shown = ", ".join(list(dict.fromkeys([form.lower(), *common]))[:4])
        why = "does not fit here" if al.mt_linked(j) else "renders no source word"
        return self.flag(
            seg,
            start,
            end,
            category="mistranslation",
            severity=severity,
            confidence=confidence,
            message=f"'{al.mt[j].text}' {why}; source has «{src_word}»: {shown}",
            suggestion=suggestion,
        )

    def _decided_senses(self, seg: Segment, al: Alignment) -> list[Flag]:
        """Wrong senses by the learned decision (:mod:`mtqa.checks.source.decision`)."""
        from mtqa.checks.source.decision import sense_candidates, vector

        decision = self.decision
        assert decision is not None
        flags: list[Flag] = []
        coherence = self.coherence
        for cand in sense_candidates(self, seg, al):
            prob = decision.probability(vector(decision, cand))
            severity = decision.severity(prob, cand)
            if severity is not None and self._synonym_alternative(al, cand):
                continue  # another word for the same meaning: no wrong sense
            if (
                severity is None
                and coherence is not None
                and prob >= self._p["wordnet_floor"]
                and cand.wn_gain >= self._p["wordnet_gain"]
            ):
                severity = "minor"  # the decision leans this way and WordNet's topic agrees
            if severity is not None:
                flags.append(
                    self._sense_flag(seg, al, cand.j, cand.n, cand.i, cand.form, severity, prob)
                )
        return flags

    def _synonym_alternative(self, al: Alignment, cand: Any) -> bool:
        """Whether the candidate's alternative is a WordNet near synonym of the English word
        and the language model's case is one-sided (``synonym_senses``): a choice between
        synonyms, not a wrong sense. The rule path's two-sided major flags are never dropped."""
        if cand.rule_strong:
            return False
        from mtqa.checks.source.decision import FEATURES

        wordnet = self.synonym_wordnet
        if wordnet is None:
            return False
        word, other = al.mt[cand.j].text.lower(), cand.form.lower()
        feats = dict(zip(FEATURES, cand.features))
        if not feats["seen_orig"] and feats["seen_sugg"]:
            # the LM never saw the English pair and knows the alternative's: only synonyms in
            # both words' commonest senses ("cruel" / brutal) are still a choice of words
            return self.near_synonyms(wordnet, word, other, 0)
        return self.near_synonyms(wordnet, word, other, int(self._p["synonym_senses"]))

    def near_synonyms(self, wordnet: Any, word: str, other: str, top: int) -> bool:
        """Whether two English words of a part of speech both have share a WordNet synset, or
        have synsets similar to each other or of one verb group, at sense numbers (0: the
        commonest) adding up to at most ``top``."""
        key = (word, other, top)
        found = self._synonym_cache.get(key)
        if found is not None:
            return found
        value = False
        for a in en_lemmas(word):
            for b in en_lemmas(other):
                if a.pos != b.pos or value:
                    continue
                theirs = {
                    s.synset.offset: k
                    for k, s in enumerate(wordnet.senses(b.lemma, b.pos)[: top + 1])
                }
                for k, sense in enumerate(wordnet.senses(a.lemma, a.pos)[: top + 1]):
                    near = [sense.synset.offset]
                    near += [off for sym, off, _ in sense.synset.pointers if sym in _NEAR_POINTERS]
                    if any(off in theirs and k + theirs[off] <= top for off in near):
                        value = True
                        break
        if len(self._synonym_cache) > 200_000:
            self._synonym_cache.clear()
        self._synonym_cache[key] = value
        return value

    def _sense_renderings(self, src_word: str) -> tuple[str, ...]:
        """The source word's one-word renderings, most central first, for wrong senses. The
        dictionary lists most verbs under one aspect (задерживать: detain, delay...; задержать
        has none of its own): a verb takes its aspect partners' renderings too, first when they
        hold more verbs than its own."""
        try:
            return self._rend_cache[src_word]
        except KeyError:
            pass
        own = self.lexicon.renderings(src_word)
        value = own
        verbs = [lem.lemma for lem in ru_lemmas(src_word) if lem.pos == "VERB"]
        if verbs:
            if self._verbs_by_prefix is None:
                index: dict[str, list[str]] = {}
                for group in self.lexicon.verb_stems.values():
                    for verb in group:
                        index.setdefault(verb[:3], []).append(verb)
                self._verbs_by_prefix = index
            partners = [
                r
                for lemma in verbs
                for other in [
                    *aspect_partners(lemma, self._verbs_by_prefix.get(lemma[:3], [])),
                    *suppletive_partners(lemma),
                ]
                for r in self.lexicon.renders.get(other, ())
            ]
            if partners:

                def n_verbs(words: Sequence[str]) -> int:
                    return sum(1 for r in words if any(x.pos == "VERB" for x in en_lemmas(r)))

                # the aspect the dictionary renders better comes first (its central senses)
                first = n_verbs(own) < n_verbs(partners)
                ordered = [*partners, *own] if first else [*own, *partners]
                value = tuple(dict.fromkeys(ordered))
        if len(self._rend_cache) > 200_000:
            self._rend_cache.clear()
        self._rend_cache[src_word] = value
        return value

    def _central(self, src_word: str) -> frozenset[str]:
        """The source word's central renderings: its first in the dictionary and its commonest."""
        key = ("central", src_word)
        try:
            return self._central_cache[key]
        except KeyError:
            pass
        rend = self._sense_renderings(src_word)
        common = sorted(
            (r for r in rend if " " not in r and self.lm.unigram(r) is not None),
            key=lambda r: -(self.lm.unigram(r) or -99.0),
        )
        value = frozenset(
            [*rend[: int(self._p["central_senses"])], *common[: int(self._p["common_senses"])]]
        )
        if len(self._central_cache) > 200_000:
            self._central_cache.clear()
        self._central_cache[key] = value
        return value

    def _gain_ceiling(
        self, al: Alignment, j: int, seen_orig: bool, free: bool, linked: bool
    ) -> tuple[float, float] | None:
        """(c, margin) such that a candidate of unigram log10 u has a PMI gain of at most c - u
        at word j (the replaced window's log10 p is at most 0), and needs at least ``margin``.

        Only when the margin does not depend on the candidate (the English pair is seen) and no
        trace is kept; else None, and every candidate is scored.
        """
        if self._trace is not None or not seen_orig:
            return None
        before = self._window_logp(self._padded(al)[j : j + 4], 1)
        if before is None:
            return None
        margin = self._sense_threshold("free" if free else "linked" if linked else "", True, False)
        return -before + (self.lm.unigram(al.mt[j].text.lower()) or 0.0), margin

    def _sense_threshold(self, kind: str, seen_orig: bool, seen_sugg: bool) -> float:
        """The PMI gain a suggestion needs, graded by what the LM has seen: least when it knows
        the suggested pair and not the English one, more when it knows neither or both."""
        p = self._p
        pre = f"sense_gain_{kind}" if kind else "sense_gain"
        if not seen_orig and seen_sugg:
            return float(p[pre])
        if not seen_orig:
            return float(p[pre + "_unseen"])
        return float(p[pre + "_seen"])

    def _seen_pair(self, al: Alignment, lo: int) -> bool | None:
        """Whether the trigram model has seen mt words lo and lo+1 together (None: a word is
        unknown to it)."""
        return self._seen_words(al.mt[lo].text, al.mt[lo + 1].text)

    def _seen_words(self, w1: str, w2: str) -> bool | None:
        key = (w1.lower(), w2.lower())
        cached = self._seen_cache.get(key, _MISSING)
        if cached is not _MISSING:
            return cached
        lm = self.lm
        value: bool | None = None
        if lm.unigram(key[0]) is not None and lm.unigram(key[1]) is not None:
            value = bool(lm.seen_bigram(*key))
        if len(self._seen_cache) > 500_000:
            self._seen_cache.clear()
        self._seen_cache[key] = value
        return value

    @staticmethod
    def _renders_alone(al: Alignment, i: int, j: int) -> bool:
        """Whether mt word j is the only English word that renders source word i. A partner
        beside j that renders the source word beside i does not count: a word of a multiword
        dictionary rendering ("armed" under «силы», from "armed forces") links to both words of
        «вооружённые силы», but renders the first."""
        return all(
            b == j or (abs(b - j) == 1 and any(abs(k - i) == 1 for k in al.partners_of_mt(b)))
            for b in al.partners_of_src(i)
        )

    def _source_candidates(
        self,
        al: Alignment,
        i: int,
        mt_pos: set[str],
        mt_lemmas: Any,
        linked: bool,
        central: bool = False,
    ) -> list[str]:
        """The renderings source word ``i`` offers in place of an MT word of ``mt_pos`` (lemmas
        ``mt_lemmas``), or none when the word is not one to judge by: not a content word, of no
        shared part of speech, a light verb, negated, or (``linked``) already rendered centrally
        (unless ``central``: the learned decision judges central renderings too)."""
        if not al.src_content[i]:
            return []
        src_lemmas = ru_lemmas(al.src[i].text)
        src_pos = {lem.pos for lem in src_lemmas} & {"NOUN", "ADJ", "VERB"}
        if not (src_pos & mt_pos) or src_lemmas[0].lemma in _RU_LIGHT:
            return []
        if i > 0 and al.src[i - 1].text.lower() in ("не", "ни"):
            return []  # a negated word is often rendered by an antonym
        if linked and not central and mt_lemmas & self._central(al.src[i].text):
            return []  # the word is one of the source word's central renderings
        return self._candidates(al.src[i].text, mt_pos)

    def _candidates(self, src_word: str, mt_pos: set[str]) -> list[str]:
        key = (src_word, frozenset(mt_pos))
        try:
            return self._cand_cache[key]
        except KeyError:
            pass
        value = self._find_candidates(src_word, mt_pos)
        if len(self._cand_cache) > 200_000:
            self._cand_cache.clear()
        self._cand_cache[key] = value
        return value

    def _common_candidates(self, src_word: str, mt_pos: set[str], n: int) -> list[str]:
        """The ``n`` commonest (LM unigram) renderings of the source word of ``mt_pos``: the
        alternatives a central rendering is judged against (the dictionary's order puts rare
        words first: средства → cardiac, digester, ... resource)."""
        key = (src_word, frozenset(mt_pos | {f"#common{n}"}))
        try:
            return self._cand_cache[key]
        except KeyError:
            pass
        lm = self.lm
        found = [
            cand
            for cand in self._sense_renderings(src_word)
            if " " not in cand
            and lm.unigram(cand) is not None
            and {lem.pos for lem in en_lemmas(cand)} & mt_pos
        ]
        value = sorted(found, key=lambda c: -(lm.unigram(c) or -99.0))[:n]
        if len(self._cand_cache) > 200_000:
            self._cand_cache.clear()
        self._cand_cache[key] = value
        return value

    def _find_candidates(self, src_word: str, mt_pos: set[str]) -> list[str]:
        out: list[str] = []
        for cand in self._sense_renderings(src_word):
            if " " in cand or self.lm.unigram(cand) is None:
                continue
            if not ({lem.pos for lem in en_lemmas(cand)} & mt_pos):
                continue
            out.append(cand)
            if len(out) >= self._p["max_candidates"]:
                break
        return out

    # -- calques: mtqa/checks/source/calque.py (CalqueRules, inherited) ---------------------

    # -- polarity ------------------------------------------------------------------------------

    def _polarity(self, seg: Segment, al: Alignment) -> list[Flag]:
        from mtqa.checks.source.polarity import polarity_flags

        return polarity_flags(self, seg, al)
