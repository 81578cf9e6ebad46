"""Wrong senses inside syntactic pairs, against the source.

A literal MT renders a polysemous Russian word by a real dictionary sense that does not go with
its partner: «решить проблему» → "decide the problem" (solve), «ряд стран» → "a row of
countries" (a number), «чистая прибыль» → "clean profit" (net). Both English words render
their source words, and the two source words belong together; what is wrong is the pair.

:func:`collocation_flags` generalises the support-verb test (:mod:`mtqa.checks.source.support`)
to every such pair:

* **English pairs** (:func:`english_pairs`): a verb and the noun after it, only determiners or
  possessives between ("decide the problem"); two adjacent content words, the second a noun
  ("clean profit", "key bet"); a noun, "of", at most a determiner and a noun ("a row of
  countries"). Punctuation breaks a pair; a capitalised word mid-sentence (a name) is never
  judged.
* **Source pairs**: each English word is linked to a source word (:mod:`mtqa.lexicon.align`),
  the two source words are different, at most ``colloc_src_window`` words apart with no
  punctuation between, and of the kinds the English pair asks for (a verb before its noun; an
  adjective or noun with a noun, either order: «отдела кадров» → "shots department"; two
  nouns for "X of Y"). An English verb that renders nothing stands for an uncovered source verb
  right before the noun's source word (``colloc_unlinked_verbs``: "tore ... relations" for
  «разорвала отношения», which the dictionary gives only as "break" and "tear").
* **Alternatives**: the other one-word dictionary renderings of one source word (the verb's
  with its aspect partners', as the wrong-sense test reads them), of the part of speech its
  English word has in the pair, inflected like it.
* **The language model** (the trigram model the other tests use), in place: the alternative
  must raise the window's log10 probability, less the unigram difference of the two words (the
  context's preference, not the commoner word's), by ``colloc_gain`` (``colloc_gain_unlinked``
  for an unlinked verb); the English pair must not be an association the LM knows (the first
  word raises the second's log10 p by at most ``colloc_orig_assoc_max``: through the word
  between, or as if adjacent) and the alternative pair must be one
  (≥ ``colloc_alt_assoc_min``).

The flag covers the pair; the suggestion is the pair with the alternative in place ("solve the
problem"); the message names the source words and the other renderings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas, penn_tag, ru_lemmas, word_forms

if TYPE_CHECKING:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import Alignment
    from mtqa.lexicon.contexts import SenseContexts
    from mtqa.types import Flag, Segment

DEFAULTS: dict[str, Any] = {
    "collocation": True,
    # The pair kinds judged. "mod" (modifier + noun) is off: on 9,000 clean sentences with
    # sources no setting flagged fewer than 13 for 3 of the 12 hand-written garbles it found
    # (docs/adequacy.md, eighth round).
    "colloc_kinds": ("verb", "of"),
    # log10 PMI gain the alternative needs in place (gain minus the unigram difference), per
    # kind of pair; 0.5 more when the English verb renders nothing (an uncovered source verb).
    "colloc_gain_verb": 3.0,
    "colloc_gain_of": 2.5,
    "colloc_gain_mod": 3.5,
    "colloc_gain_unlinked": 0.5,
    # The dictionary's own evidence (mtqa.lexicon.contexts): the sense of the alternative that
    # renders the source word names the source partner in a note, an example or a subject
    # label ("heavy 7) сильный (о буре, дожде)"; "solve 1) решать (проблему)"), and the sense
    # of the English word does not. Then the LM need only prefer the alternative by this
    # much, and join the alternative to the partner at least this much, for every kind of pair.
    "colloc_dict": True,
    # ... for these kinds: Mueller notes a verb's sense by its objects for near-synonyms alike
    # ("pass 4) принимать (закон)" beside "adopt 2) принимать; to adopt a decision"), so for
    # verbs the note tells less (it flagged "adopted a law" → "passed" in clean text).
    "colloc_dict_kinds": ("mod", "of"),
    "colloc_gain_dict": 1.5,
    "colloc_alt_assoc_min_dict": 1.0,
    # The English pair, in any inflection (through "the", "a", "its", "their" for a verb and
    # its noun), may raise its second word's log10 p by at most this: not a collocation.
    "colloc_orig_assoc_max": 0.0,
    # The alternative pair must raise it by at least this (a pair the LM knows).
    "colloc_alt_assoc_min": 0.5,
    # The judged English word must be this common (log10 unigram): rare words are chosen.
    "colloc_min_unigram": -5.0,
    # Source words of the pair at most this far apart.
    "colloc_src_window": 2,
    "colloc_unlinked_verbs": True,
    # Renderings of the source word tried, in the dictionary's order.
    "colloc_max_candidates": 30,
    # With the adequacy check's opt-in ``wordnet`` setting (tenth round): modifier pairs, which
    # the LM alone cannot judge, by the LM at this gain when WordNet's coherence of the
    # alternative with the sentence also beats the English word's by `colloc_wordnet_gain`.
    "colloc_gain_mod_wordnet": 2.5,
    "colloc_wordnet_gain": 1.0,
}

# English words between a verb and its object: determiners and possessives.
_DETERMINERS = frozenset(
    ["a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "this", "these",
     "that", "those", "some", "any", "all", "both"]
)  # fmt: skip
# English verbs that are no lexical verb of a pair (auxiliaries, modals, copulas).
_EN_AUX = frozenset(
    ["be", "is", "are", "was", "were", "been", "being", "am", "have", "has", "had", "do",
     "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
     "get", "gets", "got", "become", "became", "becomes"]
)  # fmt: skip
_PUNCT = frozenset(',;:()[]"“”«»!?.—–')


@dataclass(frozen=True)
class EnglishPair:
    """Two English words that belong together: ``head`` first in the text, ``dep`` second.

    ``kind`` is "verb" (verb + object), "mod" (modifier + noun) or "of" (noun + of + noun);
    ``gap`` holds the word indices between them."""

    first: int
    second: int
    kind: str
    gap: tuple[int, ...]


def _param(check: AdequacyCheck, key: str) -> Any:
    """The check's value for one of this module's parameters (the calibration file's
    ``checks.adequacy`` may set it), else the default above."""
    return check.param(key, DEFAULTS[key])


def _kinds(check: AdequacyCheck, key: str) -> frozenset[str]:
    value = _param(check, key)
    return frozenset([value] if isinstance(value, str) else value)


@lru_cache(maxsize=65536)
def _pos(word: str) -> frozenset[str]:
    return frozenset(lem.pos for lem in en_lemmas(word.lower()))


def _ru_pos(word: str) -> frozenset[str]:
    return frozenset(lem.pos for lem in ru_lemmas(word))


def _plain(word: str) -> bool:
    return word.isalpha() and len(word) >= 3


def english_pairs(al: Alignment, mt: str) -> list[EnglishPair]:
    """The verb + object, modifier + noun and noun + of + noun pairs of the translation."""
    toks = al.mt
    out: list[EnglishPair] = []

    def joined(a: int, b: int) -> bool:
        # no punctuation in the text between word a and word b
        return not any(c in _PUNCT for c in mt[toks[a].end : toks[b].start])

    for j, tok in enumerate(toks):
        if not _plain(tok.text) or "NOUN" not in _pos(tok.text) or not al.mt_content[j]:
            continue
        # modifier + noun, adjacent
        k = j - 1
        if (
            k >= 0
            and _plain(toks[k].text)
            and al.mt_content[k]
            and joined(k, j)
            and _pos(toks[k].text) & {"ADJ", "NOUN"}
            and penn_tag(toks[k].text) != "VBD"
        ):
            out.append(EnglishPair(k, j, "mod", ()))
        # verb + (determiners) + noun
        k = j - 1
        gap: list[int] = []
        while k >= 0 and toks[k].text.lower() in _DETERMINERS and len(gap) < 2:
            gap.insert(0, k)
            k -= 1
        if k >= 0 and _plain(toks[k].text) and joined(k, j):
            low = toks[k].text.lower()
            tag = penn_tag(low)
            if (
                low not in _EN_AUX
                and "VERB" in _pos(low)
                and (gap or (tag is not None and tag.startswith("VB")) or _pos(low) == {"VERB"})
            ):
                out.append(EnglishPair(k, j, "verb", tuple(gap)))
        # noun + of + (determiner) + noun
        k = j - 1
        gap = []
        if k >= 0 and toks[k].text.lower() in ("the", "a", "an"):
            gap.append(k)
            k -= 1
        if k >= 1 and toks[k].text.lower() == "of":
            gap.insert(0, k)
            h = k - 1
            if _plain(toks[h].text) and "NOUN" in _pos(toks[h].text) and joined(h, j):
                out.append(EnglishPair(h, j, "of", tuple(gap)))
    return out


def _src_joined(al: Alignment, src: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not any(c in _PUNCT for c in src[al.src[lo].end : al.src[hi].start])


def source_pairs(
    check: AdequacyCheck, seg: Segment, al: Alignment, pair: EnglishPair
) -> list[tuple[int, int, bool]]:
    """(source word of the first English word, of the second, linked?) for the English pair:
    linked words whose source words are related as the pair asks; for a verb that renders
    nothing, the uncovered source verb right before the noun's source word (linked False)."""
    assert seg.src is not None
    window = int(_param(check, "colloc_src_window"))
    firsts = al.partners_of_mt(pair.first)
    seconds = al.partners_of_mt(pair.second)
    out: list[tuple[int, int, bool]] = []
    for r2 in seconds:
        if "NOUN" not in _ru_pos(al.src[r2].text):
            continue
        for r1 in firsts:
            if r1 == r2 or abs(r1 - r2) > window or not _src_joined(al, seg.src, r1, r2):
                continue
            p1 = _ru_pos(al.src[r1].text)
            if pair.kind == "verb":
                ok = "VERB" in p1 and r1 < r2
            elif pair.kind == "mod":
                ok = bool(p1 & {"ADJ", "NOUN"})
            else:
                ok = "NOUN" in p1 and r1 < r2
            if ok:
                out.append((r1, r2, True))
        if not firsts and pair.kind == "verb" and _param(check, "colloc_unlinked_verbs"):
            for r1 in range(r2 - 1, max(-1, r2 - window - 1), -1):
                if "VERB" in _ru_pos(al.src[r1].text):
                    if not al.src_linked(r1) and _src_joined(al, seg.src, r1, r2):
                        out.append((r1, r2, False))
                    break
    return out


def _assoc(lm: Any, words: Sequence[str]) -> float | None:
    """How much words[0] raises words[-1]'s log10 probability: through the one word between
    (the trigram's reach), or as if adjacent, whichever is higher; None for an unknown word."""
    if any(lm.unigram(w) is None for w in words):
        return None
    first, last = words[0], words[-1]
    direct = lm.logp(last, first) - (lm.unigram(last) or 0.0)
    if len(words) == 2:
        return float(direct)
    if len(words) == 3:
        mid = words[1]
        return float(max(direct, lm.logp(last, mid, first) - lm.logp(last, mid)))
    # two words between ("of the"): only the adjacent reading is within the LM's reach
    return float(direct)


def _assoc_words(pair: EnglishPair, words: Sequence[str]) -> list[str]:
    """The words whose association measures the pair: "X of Y" without a determiner after
    "of" (the trigram sees two words back), else the span as it stands."""
    if pair.kind == "of":
        return [words[0], "of", words[-1]]
    return list(words)


def known_assoc(lm: Any, kind: str, first: str, second: str) -> float | None:
    """The highest association the LM knows between the two words in any of their
    inflections, as the pair's kind joins them: a verb and its noun adjacent or through "the"
    or "a"; a modifier and its noun adjacent; a noun and its noun through "of". None when the
    LM knows neither word as given."""
    if lm.unigram(first.lower()) is None or lm.unigram(second.lower()) is None:
        return None
    if kind == "verb":
        firsts, gaps = word_forms(first, "VERB"), [(), ("the",), ("a",), ("their",), ("its",)]
    elif kind == "mod":
        firsts, gaps = [first.lower()], [()]
    else:
        firsts, gaps = word_forms(first, "NOUN"), [("of",)]
    best: float | None = None
    for f in firsts:
        for s in word_forms(second, "NOUN"):
            for gap in gaps:
                value = _assoc(lm, [f, *gap, s])
                if value is not None and (best is None or value > best):
                    best = value
    return best


def _alternatives(check: AdequacyCheck, src_word: str, pos: frozenset[str]) -> list[str]:
    lm = check.lm
    limit = int(_param(check, "colloc_max_candidates"))
    out: list[str] = []
    for cand in check._sense_renderings(src_word):
        if " " in cand or "-" in cand or not cand.isalpha() or lm.unigram(cand) is None:
            continue
        if not (_pos(cand) & pos):
            continue
        out.append(cand)
        if len(out) >= limit:
            break
    return out


def collocation_flags(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[Flag]:
    """Pairs with one word in the wrong sense of its source word (see the module docstring)."""
    assert seg.src is not None
    if not _param(check, "collocation"):
        return []
    flags: list[Flag] = []
    taken: set[int] = set()
    kinds = _kinds(check, "colloc_kinds")
    for pair in english_pairs(al, seg.mt):
        if pair.kind not in kinds and not _param(check, "colloc_dict"):
            continue
        if pair.first in taken or pair.second in taken:
            continue
        if _name_inside(al, pair):
            continue
        best = None
        for r1, r2, linked in source_pairs(check, seg, al, pair):
            found = _judge(check, al, pair, r1, r2, linked)
            if found is not None and (best is None or found[:2] > best[:2]):
                best = found
        if best is None:
            continue
        named, _, side, src_idx, form, r1, r2, gain = best
        taken.update((pair.first, pair.second))
        flags.append(_flag(check, seg, al, pair, side, src_idx, form, r1, r2, gain, named))
    return flags


def _name_inside(al: Alignment, pair: EnglishPair) -> bool:
    """A capitalised word after the sentence's first word (a name or a title) in the pair."""
    return any(j > 0 and al.mt[j].text[:1].isupper() for j in (pair.first, pair.second))


def _judge(
    check: AdequacyCheck,
    al: Alignment,
    pair: EnglishPair,
    r1: int,
    r2: int,
    linked: bool,
    trace: list[tuple[Any, ...]] | None = None,
) -> tuple[bool, float, int, int, str, int, int, float] | None:
    """The best alternative for one word of the pair: (named by the dictionary, rank score,
    English word index, source word index, the alternative's form, r1, r2, gain), or None."""
    from mtqa.checks.source.adequacy import _inflect_like

    lm = check.lm
    seq = check._padded(al)
    k, j = pair.first, pair.second
    span = [seq[k + 2], *(seq[g + 2] for g in pair.gap), seq[j + 2]]
    before_ctx = (seq[k], seq[k + 1])
    after_ctx = tuple(seq[j + 3 : j + 4])
    orig_assoc = _assoc(lm, _assoc_words(pair, span))
    max_assoc = float(_param(check, "colloc_orig_assoc_max"))
    if orig_assoc is None or (orig_assoc > max_assoc and trace is None):
        return None
    orig_lp = check._window_logp((*before_ctx, *span, *after_ctx), len(span))
    if orig_lp is None:
        return None
    lm_tier = pair.kind in _kinds(check, "colloc_kinds")
    dict_tier = bool(_param(check, "colloc_dict")) and pair.kind in _kinds(
        check, "colloc_dict_kinds"
    )
    extra = 0.0 if linked else float(_param(check, "colloc_gain_unlinked"))
    need = float(_param(check, f"colloc_gain_{pair.kind}")) + extra
    need_dict = float(_param(check, "colloc_gain_dict")) + extra
    alt_min = float(_param(check, "colloc_alt_assoc_min"))
    alt_min_dict = float(_param(check, "colloc_alt_assoc_min_dict"))
    floor = float(_param(check, "colloc_min_unigram"))
    # modifier pairs by the LM and WordNet together (the opt-in ``wordnet`` setting)
    wn_tier = pair.kind == "mod" and check.coherence is not None
    need_wn = float(_param(check, "colloc_gain_mod_wordnet")) + extra
    if not (lm_tier or dict_tier or wn_tier) and trace is None:
        return None
    # the least gain any tier accepts
    lowest = min(
        need if lm_tier else 99.0, need_dict if dict_tier else 99.0, need_wn if wn_tier else 99.0
    )
    known: float | None = None
    best = None
    # the first word is judged against the second, and (for linked pairs) the second against
    # the first
    sides = [(k, r1, r2, 0)] + ([(j, r2, r1, len(span) - 1)] if linked else [])
    for idx, src_idx, partner_idx, slot in sides:
        word = al.mt[idx].text
        if pair.kind == "verb" and slot == 0:
            pos = frozenset(["VERB"])
        elif pair.kind == "mod" and slot == 0:
            pos = _pos(word) & frozenset(["ADJ", "NOUN"])
        else:
            pos = frozenset(["NOUN"])
        lemmas = en_lemma_set(word)
        # a rare English word is a choice, not a literal rendering (the LM's evidence alone)
        common = (lm.unigram(word.lower()) or -99.0) >= floor
        for cand in _alternatives(check, al.src[src_idx].text, pos):
            if cand in lemmas:
                continue
            form = _inflect_like(cand, word).lower()
            if form == word.lower() or lm.unigram(form) is None:
                continue
            shift = (lm.unigram(form) or 0.0) - (lm.unigram(word.lower()) or 0.0)
            if trace is None and -orig_lp - shift < lowest:
                continue  # the window's log10 p is at most 0: no gain can reach a tier
            trial = list(span)
            trial[slot] = form
            lp = check._window_logp((*before_ctx, *trial, *after_ctx), len(trial))
            if lp is None:
                continue
            gain = lp - orig_lp - shift
            if trace is None and gain < lowest:
                continue
            alt_assoc = _assoc(lm, _assoc_words(pair, trial))
            if alt_assoc is None:
                continue
            by_lm = lm_tier and common and alt_assoc >= alt_min and gain >= need
            by_dict = dict_tier and gain >= need_dict and alt_assoc >= alt_min_dict
            by_wn = (
                wn_tier
                and common
                and alt_assoc >= alt_min
                and gain >= need_wn
                and _wordnet_gain(check, al, idx, form)
                >= float(_param(check, "colloc_wordnet_gain"))
            )
            if not (by_lm or by_dict or by_wn or trace is not None):
                continue
            if known is None:
                # the pair in any inflection, through any determiner: a collocation the LM
                # knows is a choice, not a wrong sense
                known = known_assoc(lm, pair.kind, span[0], span[-1])
                if known is None:
                    return None
            named = (by_dict or trace is not None) and _named(
                check, cand, word, al.src[src_idx].text, al.src[partner_idx].text
            )
            if trace is not None:
                trace.append(
                    (" ".join(span), form, linked, orig_assoc, known, alt_assoc, gain, word, named)
                )
            if max(orig_assoc, known) > max_assoc or not (by_lm or by_wn or (by_dict and named)):
                continue
            # the dictionary's sense first, then the alternative the LM prefers here and
            # joins to the partner most
            key = (bool(by_dict and named), gain + alt_assoc, idx, src_idx, form, r1, r2, gain)
            if best is None or key[:2] > best[:2]:
                best = key
    return best


def _wordnet_gain(check: AdequacyCheck, al: Alignment, j: int, form: str) -> float:
    """WordNet's coherence of ``form`` minus mt word j's with the sentence (decision.py's)."""
    from mtqa.checks.source.decision import _wordnet_scores

    return _wordnet_scores(check, al, j, form)[0]


def _named(check: AdequacyCheck, cand: str, word: str, src_word: str, partner: str) -> bool:
    """Whether the dictionary's sense of ``cand`` that renders ``src_word`` names the source
    partner (:mod:`mtqa.lexicon.contexts`) while no sense of the English word that renders it
    does (then the English word is the dictionary's choice for this partner too)."""
    from mtqa.checks.source.support import same_verb_family

    contexts = _contexts(check._dictionary)
    own = frozenset(lem.lemma for lem in ru_lemmas(src_word))
    verbs = [lem.lemma for lem in ru_lemmas(src_word) if lem.pos == "VERB"]

    def is_source(lemma: str) -> bool:
        return lemma in own or any(same_verb_family(lemma, v) for v in verbs)

    partner_lemmas = frozenset(lem.lemma for lem in ru_lemmas(partner) if lem.pos != "FUNC")
    if not partner_lemmas or not contexts.names(cand, is_source, partner_lemmas):
        return False
    return not any(contexts.names(w, is_source, partner_lemmas) for w in en_lemma_set(word))


@lru_cache(maxsize=4)
def _contexts(dictionary: str | None) -> SenseContexts:
    """The sense contexts of the dictionary the check reads (none without one)."""
    from mtqa.lexicon import dictd
    from mtqa.lexicon.contexts import SenseContexts

    return SenseContexts(dictd.resolve(dictionary))


def _flag(
    check: AdequacyCheck,
    seg: Segment,
    al: Alignment,
    pair: EnglishPair,
    side: int,
    src_idx: int,
    form: str,
    r1: int,
    r2: int,
    gain: float,
    named: bool,
) -> Flag:
    assert seg.src is not None
    start, end = al.mt[pair.first].start, al.mt[pair.second].end
    word = al.mt[side]
    replaced = form[:1].upper() + form[1:] if word.text[:1].isupper() else form
    suggestion = seg.mt[start : word.start] + replaced + seg.mt[word.end : end]
    lo, hi = min(r1, r2), max(r1, r2)
    src_text = seg.src[al.src[lo].start : al.src[hi].end]
    others = [
        r
        for r in check._sense_renderings(al.src[src_idx].text)
        if " " not in r
        and r != form
        and check.lm.unigram(r) is not None
        and _pos(r) & _pos(word.text)  # the English word's part of speech
        and r not in en_lemma_set(form)
    ]
    others.sort(key=lambda r: -(check.lm.unigram(r) or -99.0))
    shown = ", ".join([form, *others[:3]])
    partner = al.src[r2 if src_idx == r1 else r1].text
    why = (
        f"; the dictionary's sense of '{form}' names «{partner}»"
        if named
        else f"; English joins '{form}' to "
        f"'{al.mt[pair.second if side == pair.first else pair.first].text}'"
    )
    return check.flag(
        seg,
        start,
        end,
        category="mistranslation",
        severity="minor",
        confidence=1.0 - math.exp(-gain / 2.0),
        message=(
            f"'{word.text}' renders «{al.src[src_idx].text}» in a sense that does not go with "
            f"the pair «{src_text}»{why}; «{al.src[src_idx].text}» can be: {shown}"
        ),
        suggestion=suggestion,
    )
