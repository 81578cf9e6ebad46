"""Support-verb constructions rendered with the verb's literal sense, against the source.

Russian joins many nouns to a "support" verb whose own meaning is bleached: «сделать заявление»
(make a statement), «совершить визит» (pay a visit), «сдержать обещание» (keep a promise). A
literal MT renders the verb by its default dictionary sense: "did a statement", "committed a
visit", "restrained its promise". The English noun is right and linked to the source noun; the
verb is a rendering of the source verb; but English joins that noun to another verb.

:func:`support_flags` reads, for each source verb followed (within three words, across
adjectives, pronouns and a preposition) by a noun it governs:

* the English noun that renders the source noun (not followed by "of": "a variety of"), and the
  English verb up to three words before it, only function words between ("did a statement",
  "restrained its promise"; adjectives too with ``support_adjective_gap``), which renders the
  source verb ("do" and "have", function words that never link, stand for any); a base-form
  verb right before the noun that can be a noun or adjective is a modifier ("state awards");
* the English verbs the dictionary joins to that noun: Mueller's phrase lines whose Russian
  side is a verb, at most a preposition, and the noun, and whose English side is a verb +
  the same English noun (``lexicon.support``: "сделать заявление" → "make a statement"), and,
  when the source verb is a support verb of the dictionary's phrases (it or its aspect partner
  opens at least ``support_class_min`` of them: дать, сделать, взять, вести, совершить...),
  the verbs the dictionary's English phrases join to the English noun whatever their Russian
  side (``lexicon.en_support``: "apology" → make, offer, tender) and a closed class of English
  support verbs (``support_verbs``) judged by the trigram LM alone; these last two, and a
  phrase of the noun with another Russian verb, only where the candidate is itself a
  dictionary rendering of the source verb (потерпеть → suffer);
* the trigram LM in place: the English verb must not raise the noun's probability
  (association ≤ ``support_orig_assoc_max``: through the word between, or as if adjacent), and
  the candidate must be preferred by a log10 gain, less the unigram difference of the two verbs
  (the context's preference, not the commoner verb's), of ``support_gain_dict`` (a dictionary
  phrase whose Russian verb is the source verb or its aspect partner: major),
  ``support_gain_dict_any`` (a dictionary phrase of the noun with another Russian verb),
  ``support_gain_en`` (an English phrase of the dictionary) or ``support_gain_lm`` (a support
  verb of the closed class); all but the first are minor, and the closed class and
  ``dict_any`` also need the candidate + noun to be a pair the LM associates
  (≥ ``support_alt_assoc_min``).

The message names the source words and the dictionary's phrase; the suggestion is the English
span with the verb replaced ("made a statement"). The English verb being one the dictionary
joins to the noun (a phrase of the noun, any Russian verb, or an English phrase of the
dictionary) ends the test: a choice, not a calque.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemma_set, en_lemmas, penn_tag, ru_lemmas

if TYPE_CHECKING:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import Alignment
    from mtqa.lexicon.lookup import Lexicon
    from mtqa.types import Flag, Segment

# English verbs that never stand in for a support verb (auxiliaries, modals, copulas).
_EN_NOT_SUPPORT = frozenset(
    [
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "am",
        "'s",
        "'re",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "get",
        "gets",
        "got",
        "gotten",
        "getting",
        "become",
        "becomes",
        "became",
    ]
)
# English function words that are support verbs themselves ("did a statement", "had place").
_EN_LIGHT = frozenset(["do", "did", "does", "done", "doing", "have", "has", "had", "having"])
# Prefixes that make a perfective of a bare imperfective (делать/сделать, терпеть/потерпеть).
_RU_PERFECTIVE_PREFIXES = ("с", "по", "за", "на", "вы", "у", "о", "при", "под", "про")


@lru_cache(maxsize=65536)
def same_verb_family(a: str, b: str) -> bool:
    """Whether two Russian verb lemmas are one verb or aspect partners: equal, partners by
    stem (:func:`mtqa.checks.source.adequacy.aspect_partners`: задержать/задерживать,
    обратить/обращать), or a bare imperfective and its perfective with a prefix
    (делать/сделать, ставить/поставить, терпеть/потерпеть)."""
    if a == b:
        return True
    from mtqa.checks.source.adequacy import aspect_partners

    if aspect_partners(a, [b]):
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) >= 4 and any(long_ == p + short for p in _RU_PERFECTIVE_PREFIXES):
        return True
    # Imperfectives by suffix that the stem rule does not see: -ать → -авать (задать/задавать),
    # -ести → -осить (внести/вносить), -нять → -нимать (принять/принимать).
    return any(
        short.endswith(end) and long_ == short[: -len(end)] + imperf
        for end, imperf in (("ать", "авать"), ("ести", "осить"), ("нять", "нимать"))
    )


def _support_entries(lexicon: Lexicon, noun: str) -> tuple[tuple[str, str, str, str], ...]:
    out = []
    for v in lexicon.support.get(noun):
        parts = v.split("|")
        if len(parts) == 4:
            out.append((parts[0], parts[1], parts[2], parts[3]))
    return tuple(out)


def support_class(lexicon: Lexicon, min_nouns: int) -> frozenset[str]:
    """Russian verbs that open at least ``min_nouns`` support phrases of the dictionary (with
    their aspect partners counted together): the support verbs of Russian, from the data."""
    counts: dict[str, int] = {}
    for noun in lexicon.support:
        for ru_verb, _, _, _ in _support_entries(lexicon, noun):
            counts[ru_verb] = counts.get(ru_verb, 0) + 1
    by_start: dict[str, list[str]] = {}
    for v in counts:
        by_start.setdefault(v[:3], []).append(v)
    out = set()
    for v in counts:
        family = {v}
        family.update(w for w in by_start.get(v[:3], ()) if same_verb_family(v, w))
        family.update(p + v for p in _RU_PERFECTIVE_PREFIXES if p + v in counts)
        family.update(v[len(p) :] for p in _RU_PERFECTIVE_PREFIXES if v.startswith(p))
        if sum(counts.get(w, 0) for w in family) >= min_nouns:
            out.add(v)
    return frozenset(out)


def _in_class(check: AdequacyCheck, verb: str, klass: frozenset[str]) -> bool:
    """Whether ``verb`` or an aspect partner of it is in the support class (cached per check)."""
    cache = check._support_verb_cache
    if verb not in cache:
        if len(cache) > 50_000:
            cache.clear()
        cache[verb] = verb in klass or any(
            same_verb_family(verb, k) for k in _family_candidates(verb, klass)
        )
    return cache[verb]


# The pairs same_verb_family joins by suffix alone when the shorter verb is all suffix.
_BARE_SUFFIX_PAIRS = ("ать", "авать", "ести", "осить", "нять", "нимать")


def _family_candidates(verb: str, klass: frozenset[str]) -> set[str]:
    """The class verbs that can be of ``verb``'s family (a superset; same_verb_family decides):
    aspect partners by stem and the suffix pairs share the first letter (the stem is a prefix of
    the lemma and only its end alternates); a prefixed perfective is the other plus a prefix."""
    out = set(_by_initial(klass).get(verb[:1], ()))
    out.update(p + verb for p in _RU_PERFECTIVE_PREFIXES if p + verb in klass)
    out.update(
        verb[len(p) :]
        for p in _RU_PERFECTIVE_PREFIXES
        if verb.startswith(p) and verb[len(p) :] in klass
    )
    out.update(w for w in _BARE_SUFFIX_PAIRS if w in klass)
    return out


@lru_cache(maxsize=8)
def _by_initial(klass: frozenset[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for k in klass:
        index.setdefault(k[:1], []).append(k)
    return {c: tuple(v) for c, v in index.items()}


def _ru_verbs(word: str) -> set[str]:
    return {lem.lemma for lem in ru_lemmas(word) if lem.pos == "VERB"}


def _ru_nouns(word: str) -> list[str]:
    return [lem.lemma for lem in ru_lemmas(word) if lem.pos == "NOUN"]


def _en_verb(word: str) -> bool:
    low = word.lower()
    if low in _EN_NOT_SUPPORT or not low.isalpha():
        return False
    return any(lem.pos == "VERB" for lem in en_lemmas(low))


def _en_gap_ok(word: str, adjectives: bool) -> bool:
    """A word that may stand between an English verb and its object: a function word ("a",
    "its") or, with ``adjectives``, an adjective that is no verb or noun ("a huge")."""
    low = word.lower()
    if low in EN_FUNCTION_WORDS:
        return True
    return adjectives and {lem.pos for lem in en_lemmas(low)} == {"ADJ"}


def support_flags(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[Flag]:
    p = check._p
    lex = check.lexicon
    if not len(lex.support):
        return []
    if check._support_class is None:
        check._support_class = support_class(lex, int(p["support_class_min"]))
    klass = check._support_class
    lm = check.lm
    seq = check._padded(al)
    flags: list[Flag] = []
    done: set[int] = set()
    for b, vtok in enumerate(al.src):
        verbs = _ru_verbs(vtok.text)
        if not verbs:
            continue
        for a in range(b + 1, min(len(al.src), b + 4)):
            nouns = _ru_nouns(al.src[a].text)
            if not nouns:
                # adjectives, pronouns, prepositions may stand between
                if _ru_verbs(al.src[a].text):
                    break
                continue
            found = _judge(check, seg, al, seq, lm, b, a, verbs, nouns, klass, done)
            if found is not None:
                flags.append(found)
            break  # the first noun is the object
    return flags


def _judge(
    check: AdequacyCheck,
    seg: Segment,
    al: Alignment,
    seq: tuple[str, ...],
    lm: Any,
    b: int,
    a: int,
    verbs: set[str],
    nouns: list[str],
    klass: frozenset[str],
    done: set[int],
) -> Flag | None:
    p = check._p
    lex = check.lexicon
    entries = [e for n in nouns for e in _support_entries(lex, n)]
    is_support = any(_in_class(check, v, klass) for v in verbs)
    for j in al.partners_of_src(a):
        if j in done or not al.mt[j].text.isalpha():
            continue
        n_set = en_lemma_set(al.mt[j].text)
        if not any(lem.pos == "NOUN" for lem in en_lemmas(al.mt[j].text.lower())):
            continue
        # The English verb: up to three words before the noun, function words and adjectives
        # between.
        k = None
        for kk in range(j - 1, max(-1, j - 4), -1):
            w = al.mt[kk].text
            if _en_verb(w) and (w.lower() not in EN_FUNCTION_WORDS or w.lower() in _EN_LIGHT):
                k = kk
                break
            if not _en_gap_ok(w, bool(p["support_adjective_gap"])):
                break
        if k is None:
            continue
        # The verb renders the source verb (the literal sense); "do" and "have" are function
        # words, which never link.
        if b not in al.partners_of_mt(k) and not en_lemma_set(al.mt[k].text) & {"do", "have"}:
            continue
        if (
            k == j - 1
            and penn_tag(al.mt[k].text) in (None, "VB", "VBP")
            and {lem.pos for lem in en_lemmas(al.mt[k].text.lower())} & {"NOUN", "ADJ"}
        ):
            continue  # "state awards": a modifier, not a verb and its object
        if j + 1 < len(al.mt) and al.mt[j + 1].text.lower() == "of":
            continue  # "a variety of", "the task of": a quantifier or a noun with its complement
        v_set = en_lemma_set(al.mt[k].text)
        same_noun = [e for e in entries if not en_lemma_set(e[2]).isdisjoint(n_set)]
        if any(e[1] in v_set for e in same_noun):
            continue  # a verb the dictionary joins to this noun
        en_nouns = {lem.lemma for lem in en_lemmas(al.mt[j].text.lower()) if lem.pos == "NOUN"}
        if any(not v_set.isdisjoint(lex.en_support.get(noun)) for noun in en_nouns):
            continue  # ... or an English phrase of the dictionary joins to it
        cands: dict[str, str] = {}  # English verb → kind
        for ru_verb, en_verb, _, _ in same_noun:
            kind = "dict" if any(same_verb_family(v, ru_verb) for v in verbs) else "dict_any"
            if kind == "dict_any" and not (is_support and lex.links_word(al.src[b].text, en_verb)):
                continue  # another Russian verb's phrase: only a rendering of a support verb
            if cands.get(en_verb) != "dict":
                cands[en_verb] = kind
        if is_support:
            # The verbs the dictionary's English phrases join to this noun, whatever their
            # Russian side ("suffer a defeat", "ask a question"), then English support verbs.
            # Both only where the source verb's own dictionary renderings include the verb:
            # the literal MT chose another rendering of the same source verb.
            src_verb = al.src[b].text
            for noun in en_nouns:
                for en_verb in lex.en_support.get(noun):
                    if lex.links_word(src_verb, en_verb):
                        cands.setdefault(en_verb, "en")
            for en_verb in p["support_verbs"]:
                if lex.links_word(src_verb, en_verb):
                    cands.setdefault(en_verb, "lm")
        if not cands:
            continue
        gap = [g for g in range(k + 1, j) if al.mt[g].text.lower() in EN_FUNCTION_WORDS]
        span_words = [seq[k + 2], *(seq[g + 2] for g in gap), seq[j + 2]]
        before_ctx = (seq[k], seq[k + 1])
        after_ctx = tuple(seq[j + 3 : j + 4])
        orig_lp = check._window_logp((*before_ctx, *span_words, *after_ctx), len(span_words))
        if orig_lp is None:
            continue
        orig_assoc = _assoc(lm, span_words)
        if orig_assoc is None or orig_assoc > p["support_orig_assoc_max"]:
            continue
        best = None
        tag = penn_tag(al.mt[k].text)
        for en_verb, kind in cands.items():
            if en_verb in v_set or lm.unigram(en_verb) is None:
                continue
            form = _inflect(en_verb, tag)
            if lm.unigram(form) is None:
                continue
            trial = [form, *span_words[1:]]
            alt_assoc = _assoc(lm, trial)
            if alt_assoc is None:
                continue
            if kind not in ("dict", "en") and alt_assoc < p["support_alt_assoc_min"]:
                continue  # the dictionary's own phrase needs no print evidence of the pair
            lp = check._window_logp((*before_ctx, *trial, *after_ctx), len(trial))
            if lp is None:
                continue
            # The context's preference, not the commoner verb's: log10 gain minus the unigram
            # difference (as the wrong-sense test's PMI margin).
            gain = lp - orig_lp - ((lm.unigram(form) or 0.0) - (lm.unigram(span_words[0]) or 0.0))
            need = p[f"support_gain_{kind}"]
            if need is None or gain < need:
                continue
            key = (kind == "dict", kind == "en", gain)
            if best is None or key > best[0]:
                best = (key, en_verb, form, kind, gain)
        if best is None:
            continue
        _, en_verb, form, kind, gain = best
        done.add(j)
        start, end = al.mt[k].start, al.mt[j].end
        original = seg.mt[start:end]
        suggestion = _match_case(al.mt[k].text, form) + seg.mt[al.mt[k].end : end]
        src_text = cast(str, seg.src)[al.src[b].start : al.src[a].end]  # aligned: src is set
        phrase = next(
            (e[3] for e in entries if e[1] == en_verb and not en_lemma_set(e[2]).isdisjoint(n_set)),
            f"{en_verb} {al.mt[j].text.lower()}",
        )
        where = "English joins the noun to" if kind == "lm" else "the dictionary's phrase"
        return check.flag(
            seg,
            start,
            end,
            category="mistranslation",
            severity="major" if kind == "dict" else "minor",
            confidence=1.0 - math.exp(-gain / 2.0),
            message=(
                f"'{original}' renders the support verb of «{src_text}» word by word; "
                f"{where}: {phrase}"
            ),
            suggestion=suggestion,
        )
    return None


def _assoc(lm: Any, words: list[str]) -> float | None:
    """How much the verb (words[0]) raises the noun's (words[-1]) log10 probability: through
    the one word between (the trigram's reach), or as if adjacent ("keep promise" for "kept its
    promise"), whichever is higher."""
    if any(lm.unigram(w) is None for w in words):
        return None
    verb, noun = words[0], words[-1]
    direct = lm.logp(noun, verb) - (lm.unigram(noun) or 0.0)
    if len(words) == 2:
        return direct
    if len(words) == 3:
        mid = words[1]
        return max(direct, lm.logp(noun, mid, verb) - lm.logp(noun, mid))
    return None


def _inflect(lemma: str, tag: str | None) -> str:
    from mtqa.lexicon.lemmas import inflect

    if tag is None or not tag.startswith("VB"):
        return lemma
    return inflect(lemma, tag)


def _match_case(model: str, word: str) -> str:
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
