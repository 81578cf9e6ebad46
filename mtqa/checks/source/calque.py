"""Calques: a set phrase of the source rendered word by word (part of the ``adequacy`` check).

The dictionary renders «юридическое лицо» as "legal entity" and «окружающая среда» as one word,
environment; a translation that renders each source word on its own ("legal faces",
"surrounding medium") is flagged where the language model prefers the dictionary's phrase in
place, or, for a compound the LM cannot judge, where print and the dictionary agree (see
docs/adequacy.md, the calque sections). :class:`CalqueRules` holds the rules; the check that
runs them is :class:`mtqa.checks.source.adequacy.AdequacyCheck`, which inherits them and gives
them its settings, dictionary and language model. The word helpers they share with the other
rules live in ``adequacy`` and are imported where used (``adequacy`` imports this module).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mtqa.lexicon.align import Alignment, per_source, source_phrases, source_units
from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemma_set, en_lemmas, penn_tag, ru_lemmas
from mtqa.lexicon.units import source_gapped
from mtqa.types import Flag, Segment

if TYPE_CHECKING:
    from mtqa.checks.base import Check
    from mtqa.lexicon.lookup import Lexicon

    _Base = Check  # what the mixin is used in: Check.flag and the rest, for the type checker
else:
    _Base = object


class CalqueRules(_Base):
    """The calque rules of the adequacy check (a mixin of :class:`AdequacyCheck`)."""

    _p: dict[str, Any]
    _calque_phrase_cache: dict[str, object]
    _aspect_index: dict[str, list[str]] | None

    if TYPE_CHECKING:
        # Given by AdequacyCheck.
        @property
        def lexicon(self) -> Lexicon: ...
        @property
        def lm(self) -> Any: ...
        def _window_logp(self, window: tuple[str, ...], required: int) -> float | None: ...
        def _padded(self, al: Alignment) -> tuple[str, ...]: ...
        def _gain(
            self, al: Alignment, lo: int, hi: int, replacement: list[str], per_word: bool = False
        ) -> float | None: ...
        def _central(self, src_word: str) -> frozenset[str]: ...
        def _seen_pair(self, al: Alignment, lo: int) -> bool | None: ...
        def _seen_words(self, w1: str, w2: str) -> bool | None: ...

    def _calques(self, seg: Segment, al: Alignment) -> list[Flag]:
        """Word-by-word renderings of the source's set phrases; of several dictionary phrases
        for the same source words, the one the LM prefers in place (one flag per span)."""
        from mtqa.checks.source.adequacy import _ARTICLES, _phrase_present

        best: dict[tuple[int, int], tuple[float, Flag]] = {}
        assert seg.src is not None
        mt_sets = [en_lemma_set(t.text) for t in al.mt]
        phrases, gapped = self._source_calque_phrases(seg.src, al)
        # Source words one of whose dictionary phrases the translation has, word for word
        # ("took measures" for «приняло меры», which the dictionary also renders "take steps"),
        # are rendered.
        rendered = {
            (i, n) for i, n, _, phrase in phrases if _phrase_present(phrase, mt_sets, every=True)
        }
        for i, n, key, phrase in phrases:
            if (i, n) in rendered:
                continue
            found = self._calque(seg, al, mt_sets, i, n, phrase, key)
            if found is None:
                continue
            gain, f = found
            if not any(f.start < e and s < f.end for s, e in best if (s, e) != (f.start, f.end)):
                old = best.get((f.start, f.end))
                if old is None or gain > old[0]:
                    best[(f.start, f.end)] = (gain, f)
        if self._p["calque_units"]:
            # Two source words the dictionary renders by one English word ("окружающая среда"
            # → environment), where no set phrase was found on the same words.
            units: dict[tuple[int, int], tuple[float, Flag]] = {}
            singles = [p for p in gapped if " " not in p[3] and (p[0], p[1]) not in rendered]
            # A set phrase that is an article and one word («морская пехота» → "the marines")
            # is a unit: the word stands for the two source words.
            singles += [
                (i, n, key, phrase.split()[1])
                for i, n, key, phrase in phrases
                if n == 2
                and (i, n) not in rendered
                and len(phrase.split()) == 2
                and phrase.split()[0] in _ARTICLES
            ]
            for i, n, key, word in (*source_units(self.lexicon, seg.src), *singles):
                found = self._calque(seg, al, mt_sets, i, n, word, key, unit=True)
                if found is None and self._p["calque_unit_verbs"]:
                    # A verb unit of a verb and its object (оказывать давление → exert) said
                    # with the translation's own noun: "render pressure" → "exert pressure".
                    for phrase in self._verb_unit_phrases(al, mt_sets, i, n, key, word):
                        found = self._calque(seg, al, mt_sets, i, n, phrase, key)
                        if found is not None:
                            break
                if found is None:
                    continue
                gain, f = found
                if any(f.start < e and s < f.end for s, e in best):
                    continue
                old = units.get((f.start, f.end))
                if old is None or gain > old[0]:
                    units[(f.start, f.end)] = (gain, f)
            best.update(units)
        return [f for _, f in sorted(best.values(), key=lambda x: x[1].start)]

    def _source_calque_phrases(
        self, src: str, al: Alignment
    ) -> tuple[tuple[tuple[int, int, str, str], ...], tuple[tuple[int, int, str, str], ...]]:
        """(the set phrases ``_calques`` weighs, the gapped ones) of the source sentence ``src``
        (``al.src`` is its tokens): a function of the source alone, so computed once per source,
        which is checked against several translations (``align.per_source``, bounded)."""

        def compute() -> tuple[tuple[tuple[int, int, str, str], ...], tuple[Any, ...]]:
            own = source_phrases(self.lexicon, src)
            spans = {(i, n) for i, n, _, _ in own}
            # The aspect partner's phrases only where the source's own verb has none.
            phrases = [*own, *(p for p in self._aspect_phrases(al) if (p[0], p[1]) not in spans)]
            # Set phrases with a function word inside («принять во внимание»): the multiword
            # ones as phrases, the one-word ones as units (in _calques).
            gapped = source_gapped(self.lexicon, src) if self._p["calque_gapped"] else ()
            phrases += [p for p in gapped if " " in p[3]]
            return tuple(phrases), tuple(gapped)

        return per_source(self._calque_phrase_cache, src, compute)

    def _verb_unit_phrases(
        self,
        al: Alignment,
        mt_sets: Sequence[frozenset[str]],
        i: int,
        n: int,
        key: str,
        word: str,
    ) -> list[str]:
        """ "VERB NOUN" for a unit verb of a Russian verb and its object noun (key "оказывать
        давление", word exert), NOUN each one-word rendering of the source noun the
        translation has ("pressure"): the phrase the unit stands for, in the translation's
        own words."""
        from mtqa.checks.source.adequacy import _RU_VERB_ENDINGS

        verb = key.split(" ", 1)[0]
        if not verb.endswith(_RU_VERB_ENDINGS) or " " in word:
            return []
        if "VERB" not in {lem.pos for lem in en_lemmas(word)}:
            return []
        nouns = self.lexicon.renderings(al.src[i + n - 1].text)
        present = set().union(*mt_sets) if mt_sets else set()
        return [f"{word} {noun}" for noun in nouns if noun in present and noun != word][:2]

    def _aspect_phrases(self, al: Alignment) -> list[tuple[int, int, str, str]]:
        """Set phrases that open with the source verb's aspect partner: the dictionary lists
        «обращать внимание» → "pay attention", the source has «обратили внимание» ("turned
        attention"). Partners share their first four letters (обратить/обращать) and the rest of
        the phrase, which keeps unrelated verbs out."""
        from mtqa.lexicon.align import phrase_keys

        lex = self.lexicon
        if self._aspect_index is None:
            # The verbs set phrases open with, by their first four letters (built once).
            index: dict[str, list[str]] = {}
            for key in lex.phrases:
                first = key.split(" ", 1)[0]
                if len(first) >= 6 and first.endswith(("ть", "ться", "ти", "чь")):
                    index.setdefault(first[:4], [])
                    if first not in index[first[:4]]:
                        index[first[:4]].append(first)
            self._aspect_index = index
        out: list[tuple[int, int, str, str]] = []
        for i, tok in enumerate(al.src[:-1]):
            verbs = {lem.lemma for lem in ru_lemmas(tok.text) if lem.pos == "VERB"}
            for verb in verbs:
                if len(verb) < 6:
                    continue
                for partner in self._aspect_index.get(verb[:4], ()):
                    if partner == verb:
                        continue
                    for n in (2, 3):
                        if i + n > len(al.src):
                            break
                        for rest in phrase_keys(al.src, i + 1, n - 1):
                            key = f"{partner} {rest}"
                            out.extend((i, n, key, ph) for ph in lex.phrase_renderings(key))
        return out

    @staticmethod
    def _phrase_partners(
        al: Alignment, src_idx: list[int], extra: Mapping[int, tuple[int, ...]] | None = None
    ) -> list[int] | None:
        """One English partner per source word of ``src_idx``, distinct and adjacent (at most
        one function word between them), the tightest such choice; None when there is none.
        A source word with several partners (a word the translation repeats, a word two
        renderings share) takes the one beside the others. ``extra``: more partners of a source
        word (English function words the dictionary lets render it: «ещё» → "yet")."""
        options = [(*al.partners_of_src(a), *(extra or {}).get(a, ())) for a in src_idx]
        if any(not o for o in options):
            return None
        best: list[int] | None = None
        for combo in itertools.islice(itertools.product(*options), 512):
            if len(set(combo)) != len(combo):
                continue
            lo, hi = min(combo), max(combo) + 1
            inside = [j for j in range(lo, hi) if j not in combo]
            if len(inside) > 1 or any(al.mt_content[j] for j in inside):
                continue
            if best is None or hi - lo < max(best) + 1 - min(best):
                best = list(combo)
        return best

    def _calque(
        self,
        seg: Segment,
        al: Alignment,
        mt_sets: list[frozenset[str]],
        i: int,
        n: int,
        phrase: str,
        key: str,
        unit: bool = False,
    ) -> tuple[float, Flag] | None:
        """A set phrase of source words i..i+n rendered word by word: every source content word
        linked to its own English word, adjacent, where the LM prefers the dictionary's phrase
        in place. A phrase that opens with a source function word («в результате» → "as a result
        of") takes the English function word before the span along ("in outcome"); such a
        phrase may have a single content word, other phrases need two."""
        from mtqa.checks.source.adequacy import (
            _ARTICLES,
            _EN_PREPOSITIONS,
            _PUNCT_INSIDE,
            _RU_ADJECTIVE_LEMMA,
            _adverbial,
            _inflect_like,
            _is_word,
            _match_case,
            _phrase_present,
        )

        ph_words = phrase.split()
        # Evidence weaker than a dictionary link on each side (an English word the dictionary
        # does not give for its source word, a compound term of other words, a unit the
        # adjective also renders alone): the flag stays minor, as precision first asks.
        weak = False
        if _phrase_present(phrase, mt_sets):
            return None  # the dictionary's phrase is there
        src_idx = [a for a in range(i, i + n) if al.src_content[a]]
        # Content words of the phrase, and a verb the lemmatiser counts as a function word
        # where the dictionary links it to a source word ("have in mind" for «иметь в виду»).
        content = [
            w
            for w in ph_words
            if w not in EN_FUNCTION_WORDS
            or (
                w not in _ARTICLES
                and w not in _EN_PREPOSITIONS
                and any(self.lexicon.links_word(al.src[a].text, w) for a in src_idx)
            )
        ] or ph_words
        # «в результате», «на месте»: a source function word, then one content word.
        prep = not al.src_content[i] and len(src_idx) == 1 and n == 2
        if unit:
            # One English word for two source content words, a rendering of neither alone
            # (железная дорога → railway, not "road"): the unit is not word for word.
            if len(content) != 1 or len(src_idx) != 2 or prep:
                return None
            alone = [a for a in src_idx if content[0] in self.lexicon.renderings(al.src[a].text)]
            # ... but a noun the dictionary also gives for the adjective alone, as its
            # attributive use, stands for the pair ("submarine" for «подводная лодка»:
            # «подводный» → submarine, as in "submarine cable"; "underwater boat").
            if alone and not (
                self._p["calque_unit_attributive"]
                and alone == [src_idx[0]]
                and key.split()[0].endswith(_RU_ADJECTIVE_LEMMA)
                and "NOUN" in {lem.pos for lem in en_lemmas(content[0])}
            ):
                return None
            weak = bool(alone)
        elif len(content) < 2 and not (prep and self._p["calque_prepositional"]):
            return None
        if len(src_idx) < 2 and not prep:
            return None
        idiom = not unit and not any(
            self.lexicon.links_word(al.src[a].text, w)
            for a in src_idx
            for w in ph_words
            if w not in _ARTICLES and w not in _EN_PREPOSITIONS
        )
        # An idiom none of whose words renders a word of the source phrase ("raise cain" for
        # «устроить скандал», "win the day" for «одержать победу»): a paraphrase the
        # translator need not have chosen, not the phrase's own rendering. A verb the
        # lemmatiser counts as a function word counts here ("have in mind" for «иметь в виду»:
        # have renders иметь). But a compound term (adjective + noun) rendered word by word,
        # each word in its central sense, where the dictionary has a term of other words
        # ("mortal execution" for «смертная казнь» → capital punishment), is the calque itself
        # (`calque_compound_terms`).
        compound = (
            idiom
            and self._p["calque_compound_terms"]
            and n == 2
            and len(src_idx) == 2
            and key.split()[0].endswith(_RU_ADJECTIVE_LEMMA)
        )
        if idiom and not compound:
            return None
        extra = self._function_partners(al, src_idx)
        if prep and not al.partners_of_src(src_idx[0]):
            extra = {**extra, **self._prepositional_partner(seg.mt, al, src_idx[0])}
        js = self._phrase_partners(al, src_idx, extra)
        if js is None:
            return None
        if compound and not self._central_words(al, min(js), max(js) + 1, src_idx):
            return None
        weak = weak or compound or any(al.mt_content[j] and not al.partners_of_mt(j) for j in js)
        if len(src_idx) >= 2 and self._unit_rendering(al, src_idx, max(js)):
            return None
        lo, hi = min(js), max(js) + 1
        if prep and not _adverbial(ph_words):
            # The span will take the English preposition along ("In general"), so the
            # dictionary's phrase must read as an adverbial too: "as a result", "on the whole",
            # "overall". A noun phrase the parse kept of a longer entry ("the whole" for «в
            # целом») put in its place is no English ("The whole, judging by the downloads").
            return None
        if prep:
            # The English word before the span renders the source's first word: a preposition
            # («в» → "in"), or a function word or adverb the dictionary gives for it («так
            # сказать» → "thus say").
            if lo == 0 or not (
                al.mt[lo - 1].text.lower() in _EN_PREPOSITIONS
                or (
                    self._closed_or_adverb(al.mt[lo - 1].text)
                    and self.lexicon.links_word(al.src[i].text, al.mt[lo - 1].text)
                )
            ):
                return None
            if seg.mt[al.mt[lo - 1].end : al.mt[lo].start].strip():
                return None
            lo -= 1
            if len(src_idx) == 1 and hi - lo != 2:
                return None
        if not all(_is_word(al.mt[j].text, possessive=unit) for j in range(lo, hi)):
            return None
        if _PUNCT_INSIDE.search(seg.mt[al.mt[lo].end : al.mt[hi - 1].start]):
            return None  # "work, others fight" for «ведут борьбу»: no phrase across a comma
        if any(
            self._known_pair(al, j)
            for j in range(lo, hi - 1)
            if al.mt_content[j] and al.mt_content[j + 1]  # "means of" is no collocation
        ) or (hi - lo == 3 and not al.mt_content[lo + 1] and self._known_of(al, lo)):
            return None  # an English collocation the LM knows ("demarcation line"): a choice
        last = al.mt[hi - 1].text
        replacement = list(ph_words)
        if (
            len(replacement) > 1
            and hi < len(al.mt)
            and replacement[-1] in EN_FUNCTION_WORDS
            and replacement[-1] == al.mt[hi].text.lower()
        ):
            replacement.pop()  # "as a result of" before "of the crash": its "of" is there
        # The dictionary's article ("the state of emergency") where the translation has one
        # before the span ("an extraordinary position"): scored in the article's place, not
        # after it ("an the state of emergency" is no English for the LM to prefer).
        article = None
        if (
            len(replacement) > 1
            and replacement[0] in _ARTICLES
            and lo > 0
            and al.mt[lo - 1].text.lower() in _ARTICLES
        ):
            article = replacement.pop(0)
        # Each dictionary word in the inflection of the English word in its place: word for
        # word when the lengths match ("accepted measures" → "took measures"), else the last.
        places = (
            list(range(len(replacement))) if len(replacement) == hi - lo else [len(replacement) - 1]
        )
        for k in places:
            model = al.mt[lo + k].text if len(replacement) == hi - lo else last
            j = lo + k if len(replacement) == hi - lo else hi - 1
            if (
                replacement[k] not in EN_FUNCTION_WORDS
                and al.mt_content[j]
                and penn_tag(replacement[k]) is None  # "armed forces" is inflected already
            ) or (
                replacement[k] in EN_FUNCTION_WORDS
                and replacement[k] in content  # "have" of "have in mind" in place of "had"
                and model.lower() in EN_FUNCTION_WORDS
            ):
                form = _inflect_like(replacement[k], model)
                # An inflection the LM has never seen is no English to prefer ("labouring"
                # for "labour" in place of "working force", "armses"): the dictionary's form.
                # Not for a unit word, whose form in place print must know (see
                # _unit_by_print: "mainstreams" for "main directions" is no word of print).
                if unit or self.lm.unigram(form.lower()) is not None:
                    replacement[k] = form
        if article is None:
            gain = self._calque_gain(al, lo, hi, replacement, unit)
        else:
            gain = self._calque_gain(al, lo - 1, hi, [article, *replacement], unit)
        margin = (
            "calque_unit_gain" if unit else "calque_gain_prepositional" if prep else "calque_gain"
        )
        by_print = False
        if gain is None or gain < self._p[margin]:
            if not (unit and self._unit_by_print(al, lo, hi, key, phrase, replacement)):
                return None
            by_print, gain = True, float(self._p[margin])
        start, end = al.mt[lo].start, al.mt[hi - 1].end
        original = seg.mt[start:end]
        rare = by_print or (
            self._rare_pairs(al, lo, hi) and self._central_words(al, lo, hi, src_idx)
        )
        suggestion = " ".join(
            _match_case(al.mt[min(lo + k, hi - 1)].text, w) for k, w in enumerate(replacement)
        )
        src_text = seg.src[al.src[i].start : al.src[i + n - 1].end]  # type: ignore[index]
        return gain, self.flag(
            seg,
            start,
            end,
            category="mistranslation",
            severity="minor" if rare or weak else "major",
            confidence=1.0 - math.exp(-gain / 2.0),
            message=(
                f"'{original}' renders «{src_text}» word by word; the dictionary translates the "
                f"phrase as: {phrase}"
                + (
                    " (minor: English print uses the one word, not this pair)"
                    if by_print
                    else " (minor: words too rare for the language model to judge as a pair)"
                    if rare
                    else " (minor: the dictionary does not give every word of it for the source)"
                    if weak
                    else ""
                )
            ),
            suggestion=suggestion,
        )

    def _unit_by_print(
        self, al: Alignment, lo: int, hi: int, key: str, word: str, replacement: list[str]
    ) -> bool:
        """Print's and the dictionary's evidence for a unit calque the LM cannot judge (see
        ``calque_unit_zipf`` and ``calque_unit_later_zipf``); ``word`` is the dictionary's unit
        word (the headword, not its inflection in place: "minerals" is the headword mineral),
        ``replacement`` the unit in the inflection in place, which print must use too
        (``calque_unit_form_zipf``: "mainstreams" for "main directions" it does not)."""
        from mtqa.checks.source.adequacy import _RU_ADJECTIVE_LEMMA, _strip_possessive

        unit = word.lower()
        if hi - lo != 2 or not unit.isalpha() or len(replacement) != 1:
            return False
        if self.lexicon.unit_is_first_sense(key, unit):
            floor = float(self._p["calque_unit_zipf"])
        elif self.lexicon.unit_is_noun_sense(key, unit):
            floor = float(self._p["calque_unit_later_zipf"])
        else:
            return False
        if not floor or not key.split()[0].endswith(_RU_ADJECTIVE_LEMMA):
            return False  # a compound noun (adjective + noun), not a verb and its object
        texts = [_strip_possessive(al.mt[j].text) for j in range(lo, hi)]
        # Lowercase, but for a capital opening the sentence: else a title or a name ("Victory
        # Day", "Special Opinion").
        if not all(
            t[1:].islower() and (t[0].islower() or lo + k == 0) for k, t in enumerate(texts)
        ):
            return False
        from mtqa.checks.lm import common_bigrams
        from mtqa.lexicon.frequency import zipf

        bigrams = common_bigrams()
        if bigrams is None or zipf(unit) < floor or bigrams.has(*texts):
            return False
        if zipf(replacement[0].lower()) < float(self._p["calque_unit_form_zipf"]):
            return False  # a mass noun in the plural ("mainstreams"): not what was meant
        w1, w2 = (t.lower() for t in texts)
        if w1 + w2 == unit:
            return False
        seen = self._seen_words(w1, w2)
        if not self.lexicon.unit_is_first_sense(key, unit) and seen is not False:
            return False  # a later sense: only for a pair the LM has never seen
        if seen:
            lm = self.lm
            pmi = float(lm.logp(w2, w1)) - (lm.unigram(w2) or 0.0)
            return pmi < self._p["calque_print_pmi"]
        return True

    def _unit_rendering(self, al: Alignment, src_idx: Sequence[int], head: int) -> bool:
        """Whether the span's last English word (its head noun) is linked to every source word
        of ``src_idx`` and renders none of them alone ("Cuban railways" for «железными дорогами
        Кубы»: "railways" renders the pair): the phrase is rendered as a unit, not word by
        word ("armed strengths": "armed" renders «вооруженные» alone)."""
        if not all(head in al.partners_of_src(a) for a in src_idx):
            return False
        if "NOUN" not in {lem.pos for lem in en_lemmas(al.mt[head].text)}:
            return False
        lemmas = en_lemma_set(al.mt[head].text)
        return not any(lemmas & set(self.lexicon.renderings(al.src[a].text)) for a in src_idx)

    def _central_words(self, al: Alignment, lo: int, hi: int, src_idx: Sequence[int]) -> bool:
        """Whether every English content word of [lo, hi) is a central rendering (first in the
        dictionary, or commonest) of a source word of ``src_idx`` it is linked to: each word in
        its main sense ("reciprocal concessions" for «взаимных уступок»), not a side sense
        ("innate gauze" for «природный газ»)."""
        for j in range(lo, hi):
            if not al.mt_content[j]:
                continue
            lemmas = en_lemma_set(al.mt[j].text)
            partners = [a for a in al.partners_of_mt(j) if a in src_idx]
            if not any(lemmas & self._central(al.src[a].text) for a in partners):
                return False
        return True

    def _rare_pairs(self, al: Alignment, lo: int, hi: int) -> bool:
        """Whether mt words [lo, hi) hold adjacent content words and every such pair is too
        rare for the LM to have seen (its log10 unigrams sum below ``calque_rare_pair``; a word
        it does not know counts as ``calque_unknown_logp``)."""
        floor = float(self._p["calque_unknown_logp"])
        sums = [
            sum(
                u if (u := self.lm.unigram(al.mt[k].text.lower())) is not None else floor
                for k in (j, j + 1)
            )
            for j in range(lo, hi - 1)
            if al.mt_content[j] and al.mt_content[j + 1]
        ]
        return bool(sums) and max(sums) < float(self._p["calque_rare_pair"])

    @staticmethod
    def _closed_or_adverb(word: str) -> bool:
        """An English function word or an adverb only (never a noun, verb or adjective)."""
        low = word.lower()
        if low in EN_FUNCTION_WORDS:
            return True
        pos = {lem.pos for lem in en_lemmas(low)}
        return pos == {"ADV"}

    def _function_partners(self, al: Alignment, src_idx: list[int]) -> dict[int, tuple[int, ...]]:
        """For each source word of ``src_idx`` that no English word renders, the English words
        beside the others' partners that may stand for it: a function word the dictionary lets
        render it ("yet bout" for «ещё раз», "free while" for «свободное время»: function words
        never link), or a word linked to another word of the phrase ("turned attention" for
        «обратили внимание»: "turned" links to «внимание» through "turn attention", the
        lexicon has no link for «обратили»)."""
        from mtqa.checks.source.adequacy import _ARTICLES, _EN_PREPOSITIONS

        lonely = [a for a in src_idx if not al.partners_of_src(a)]
        if len(lonely) == len(src_idx):
            return {}
        # A source word whose every partner is another's too ("had in view" for «имел в виду»:
        # «имел» links to "view" through "иметь в виду" → view) may take a function word.
        shared = [
            a
            for a in src_idx
            if a not in lonely
            and set(al.partners_of_src(a))
            <= {j for b in src_idx if b != a for j in al.partners_of_src(b)}
        ]
        if not lonely and not shared:
            return {}
        near = {j for a in src_idx for j in al.partners_of_src(a)}
        lo, hi = max(0, min(near) - 2), min(len(al.mt), max(near) + 3)
        out: dict[int, tuple[int, ...]] = {}
        for a in (*lonely, *shared):
            found = tuple(
                j
                for j in range(lo, hi)
                if al.mt[j].text.isalpha()
                and (
                    (j in near and a in lonely) or self._unlinked_partner(al, a, j, near)
                    if al.mt_content[j]
                    else self.lexicon.links_word(al.src[a].text, al.mt[j].text)
                    and (a in lonely or al.mt[j].text.lower() not in _EN_PREPOSITIONS | _ARTICLES)
                )
            )
            if found:
                out[a] = found
        return out

    def _unlinked_partner(
        self, al: Alignment, a: int, j: int, near: frozenset[int] | set[int] = frozenset()
    ) -> bool:
        """Whether English content word j, linked to no source word, may stand for source word
        ``a`` of a set phrase (``calque_unlinked_partner``): a noun for a noun; for an
        adjective, an adjective, participle or noun modifier right before a noun that renders
        another word of the phrase (``near``: their English partners), as English orders them
        ("payment balance"; not "didn 't live" for «не жили богато»)."""
        if not self._p["calque_unlinked_partner"] or al.partners_of_mt(j):
            return False
        # Not for a verb: verbs are rendered freely, and a right verb the dictionary lacks
        # ("repelled an attack" for «отразили атаку») would be judged against its phrase.
        ru = {lem.pos for lem in ru_lemmas(al.src[a].text)}
        word = al.mt[j].text
        if len(word) > 1 and word.isupper():
            return False  # an acronym is a name, no rendering of a common word ("UN Security")
        en = {lem.pos for lem in en_lemmas(word)}
        if "NOUN" in ru and "NOUN" in en:
            return True
        if "ADJ" not in ru or j + 1 not in near:
            return False
        if word.lower().endswith(("ed", "ing")) and "VERB" in en:
            en.add("ADJ")  # a participle before its noun ("earned pay" for «заработная плата»)
        head = {lem.pos for lem in en_lemmas(al.mt[j + 1].text)}
        return bool(en & {"ADJ", "NOUN"}) and "NOUN" in head

    def _prepositional_partner(self, mt: str, al: Alignment, a: int) -> dict[int, tuple[int, ...]]:
        """For the one content word ``a`` of a prepositional set phrase, which no English word
        renders: the unlinked English word after an English preposition (``_unlinked_partner``)
        nearest its place ("In partiality" for «В частности»), if within a fifth of the
        sentence. The preposition opens an adverbial: not "of", not after a noun ("cases of
        illness" is no rendering of «в мире»)."""
        from mtqa.checks.source.adequacy import _EN_PREPOSITIONS

        def adverbial(k: int) -> bool:
            prep = al.mt[k].text.lower()
            if prep not in _EN_PREPOSITIONS or prep == "of":
                return False
            if k == 0 or not al.mt_content[k - 1] or mt[al.mt[k - 1].end : al.mt[k].start].strip():
                return True  # opens the sentence or a clause, or follows a function word
            return "NOUN" not in {lem.pos for lem in en_lemmas(al.mt[k - 1].text)}

        found = [
            j
            for j in range(1, len(al.mt))
            if al.mt_content[j]
            and al.mt[j].text.isalpha()
            and adverbial(j - 1)
            and self._unlinked_partner(al, a, j)
            and al.relative_position(a, j) <= 0.2
        ]
        if not found:
            return {}
        return {a: (min(found, key=lambda j: al.relative_position(a, j)),)}

    def _calque_gain(
        self, al: Alignment, lo: int, hi: int, replacement: list[str], per_word: bool
    ) -> float | None:
        """The LM's gain for the dictionary's phrase in place of mt words [lo, hi) (see
        :meth:`_gain`). Hyphenated dictionary words are scored as words ("tear-gas", not
        "V-day"). A lowercase English word of the span the LM does not know at all
        ("lachrymatory gas", "hylic peace": the dictionary's rarest glosses) counts as
        ``calque_unknown_logp``; a dictionary word it does not know, or a capitalised unknown
        word (a name), leaves the gain unknown (None)."""
        words = [
            w
            for r in replacement
            for w in (r.split("-") if all(len(p) >= 3 for p in r.split("-")) else [r])
        ]
        gain = self._gain(al, lo, hi, words, per_word)
        if gain is not None:
            return gain
        lm = self.lm
        unknown = [j for j in range(lo, hi) if lm.unigram(al.mt[j].text.lower()) is None]
        if not unknown or any(lm.unigram(w.lower()) is None for w in words):
            return None
        if not all(al.mt[j].text.islower() for j in unknown):
            return None  # a name or a transliteration ("Ruki Vverh" for «Руки вверх»)
        # The span's words the LM knows, scored in place, plus the floor for each it does not.
        floor = float(self._p["calque_unknown_logp"])
        seq = self._padded(al)
        known_before = 0.0
        for k in range(lo, hi):
            w = seq[k + 2]
            if lm.unigram(w) is None:
                known_before += floor
                continue
            hist = [h for h in (seq[k + 1], seq[k]) if h == "<s>" or lm.unigram(h) is not None]
            known_before += lm.logp(w, *hist)
        trial = (*seq[lo : lo + 2], *(w.lower() for w in words))
        after = self._window_logp(trial, len(words))
        if after is None:
            return None
        if per_word:
            return (after / len(words) - known_before / (hi - lo)) * (hi - lo)
        return (after - known_before) / max(1, hi - lo, len(words)) * max(1, hi - lo)

    def _known_pair(self, al: Alignment, lo: int) -> bool:
        """Whether mt words lo and lo+1 are a pair the LM has seen, with a PMI (log10) of at
        least ``calque_known_pmi``: an English collocation, not a word-by-word rendering."""
        if not self._seen_pair(al, lo):
            return False
        lm = self.lm
        w1, w2 = al.mt[lo].text.lower(), al.mt[lo + 1].text.lower()
        return float(lm.logp(w2, w1)) - (lm.unigram(w2) or 0.0) >= self._p["calque_known_pmi"]

    def _known_of(self, al: Alignment, lo: int) -> bool:
        """Whether mt words lo, lo+1, lo+2 ("Cabinet of Ministers") are an "X of Y" the LM
        knows: the first word raises the third's log10 p after the second by
        ``calque_known_pmi`` or more."""
        from mtqa.lexicon.lemmas import word_forms

        lm = self.lm
        w1, w2, w3 = (al.mt[k].text.lower() for k in (lo, lo + 1, lo + 2))
        if lm.unigram(w3) is None:
            return False
        base = float(lm.logp(w3, w2))
        # Any inflection of the first word: the trigram LM has seen "entered into force" and
        # not "enters into force"; the collocation is the same.
        firsts = dict.fromkeys([w1, *word_forms(w1, "VERB"), *word_forms(w1, "NOUN")])
        return any(
            lm.unigram(f) is not None
            and float(lm.logp(w3, w2, f)) - base >= self._p["calque_known_pmi"]
            for f in firsts
        )
