"""Polarity flips against the source: a negative prefix on one side only.

Two rules, run in this order by :meth:`mtqa.checks.source.adequacy.AdequacyCheck._polarity`:

* **The dictionary's own negative renderings** (:func:`dictionary_flips`): the translation has X
  where the dictionary renders a nearby source word by a negative-prefixed X. «неизвестными» →
  "known" (Mueller: неизвестный → unknown), «разочарований» → "appointment" (disappointment),
  «беспорядки» → "order" (disorder). This needs no Russian word-formation analysis (неожиданный
  is not не + *ожиданный*): only that the source word begins with a negative prefix (не-,
  без-/бес-, де-, дис-, анти-, раз-/рас-), that one of its renderings is a negative prefix (un-,
  in-, im-, il-, ir-, dis-, non-, de-) on a lemma of the English word, that the English word is
  not one of its renderings, carries no negation nearby ("not known") and renders no other
  source content word. The suggestion is the English word with the prefix.
* **Word formation** (:func:`word_formation_flips`), both directions:

  - *dropped*: the source word is a negative prefix on a word of its own lemma family
    (не + проверенных, без + успешно, анти + правительственных, де + стабилизации), the English
    word renders the rest (a central dictionary rendering, a long cognate, or, when English has
    the negated form as a word of its own, any rendering of the rest or of its verb) and has no
    negation of its own: «непроверенных» → "verified", «безуспешно» → "successfully",
    «неразорвавшийся» → "exploded". The suggestion is the negated English word ("unverified")
    when English has one;
  - *added*: the English word is a negative prefix on a word of its own part of speech
    (un-/in-/im-/il-/ir-/dis-/non-/de-/anti-), renders no source word, and a nearby source word
    without any negation renders the rest: «успешно» → "unsuccessfully", «законной» →
    "illegal", «стабильна» → "unstable". The suggestion is the rest ("successfully").

Round 12 added: the dictionary rule reads the lexicon's links too (an aspect partner's:
«разгрузили» → "loaded", where разгружать → "unload"; loose links only when the negative word
is common), English adjectives lemminflect does not know count by their ending ("inaccessible"),
and :func:`unlinked_flips` handles a negated word neither side's dictionary links.

The English side is compared through its lemmas, its US/UK spellings (favorable/favourable),
the adjective of an -ly adverb (successfully → successful) and the verb of a participle
(verified → verify); the Russian side through the lexicon's renderings of the word, of its lemma
and, for a participle, of its verb and that verb's aspect partner.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mtqa.lexicon.align import cognate
from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas, penn_tag, ru_lemmas

if TYPE_CHECKING:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import Alignment
    from mtqa.lexicon.lookup import Lexicon
    from mtqa.types import Flag, Segment

RU_NEGATIVE_START = ("не", "без", "бес", "де", "дис", "анти", "раз", "рас", "обез", "обес")
EN_NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non-", "non", "de")
# Word formation: the Russian and English negative prefixes whose rest must be a word of its own.
_RU_NEG = ("анти", "дез", "дис", "де", "не", "без", "бес")
_EN_NEG = ("anti-", "anti", "non-", "non", "dis", "de", "un", "in", "im", "il", "ir")
# Russian negative prefixes that translators often render by an antonym (небольшой → small):
# their rest must link by a central rendering, a long cognate, or English must have the negated
# form as a word of its own.
_RU_FREE = frozenset({"не", "без", "бес"})
# English negative prefixes tried for the suggestion of a dropped negation, in this order.
_EN_SUGGEST = ("un", "in", "im", "il", "ir", "dis", "non")
# Source verbs a translator may leave out or render freely: their link says nothing.
_RU_LIGHT = frozenset(["быть", "стать", "мочь", "иметь", "делать", "сделать", "являться"])
_EN_NEGATORS = frozenset(["not", "no", "non", "never", "without", "n't", "neither", "nor"])
# What is left of "doesn 't", "didn 't" when the apostrophe is spaced off (tokens "doesn", "t").
_EN_NEGATED_AUX = frozenset(
    ["don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "wouldn", "couldn", "shouldn",
     "hasn", "haven", "hadn", "mustn", "cannot"]
)  # fmt: skip
# Source words that negate the word after them (a prefix-negative English word renders both).
_RU_NEGATORS = frozenset(["не", "без", "ни", "нет"])
# Words after which «не» is expletive (сколько ... не, как ни): it negates nothing.
_RU_EXPLETIVE = frozenset(["сколько", "как", "чуть", "едва", "пока"])
# A link through any rendering (not a central one) counts only this close (source words, after
# scaling positions by length).
_ANY_WINDOW = 3
# The log10 unigram probability (the trigram LM's) an English negated form must reach to count
# as a word of English (about a Zipf frequency of 1.5: "unexploded", "unverified").
_KNOWN_LOGP = -7.5


# -- English and Russian word formation ---------------------------------------------------------


@lru_cache(maxsize=100_000)
def ru_negative(word: str) -> str | None:
    """The negative prefix of ``word`` when the rest is a known word of the same lemma family
    (дестабилизации = де + стабилизации; недели is not не + дели), else None."""
    from mtqa.lexicon.lemmas import _morph

    for prefix in _RU_NEG:
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < 5 or not _morph().word_is_known(rest):
            continue
        full, part = ru_lemmas(word), ru_lemmas(rest)
        if not full or not part:
            continue
        # Any reading of each: недопустимо is an adverb first, допустимо an adjective's short
        # form first, and both have the other reading too.
        if any(f.pos == p.pos and f.lemma == prefix + p.lemma for f in full for p in part):
            return prefix
        if full[0].pos != part[0].pos:
            continue
        # A participle's lemma is its verb (проверенных → проверить) while the negated word is
        # an adjective of its own (непроверенный): the same form with the prefix is enough.
        if full[0].lemma.startswith(prefix) and _morph().parse(rest)[0].tag.POS in ("PRTF", "PRTS"):
            return prefix
    return None


@lru_cache(maxsize=100_000)
def en_negative(word: str) -> str | None:
    """The negative prefix of ``word`` when the rest is a known English word of the same part of
    speech (in-/im-/il-/ir- only on adjectives and their adverbs: "illegal", "illegally", not
    "information"), else None."""
    from mtqa.lexicon.lemmas import all_lemmas

    for prefix in _EN_NEG:
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < 5:
            continue
        full_pos, rest_pos = set(all_lemmas(word)), set(all_lemmas(rest))
        if not full_pos and not rest_pos:
            full_pos = rest_pos = _suffix_kinds(rest)
        if not rest_pos or not (full_pos & rest_pos):
            continue
        if prefix in ("in", "im", "il", "ir") and not (full_pos & rest_pos & {"ADJ", "ADV"}):
            continue
        return prefix
    return None


# Endings of English adjectives lemminflect may not know ("accessible", "inaccessible").
_EN_ADJ_ENDINGS = ("ible", "able", "ive", "ous", "ful", "ent", "ant")


def _suffix_kinds(rest: str) -> set[str]:
    """{"ADJ"} when ``rest`` has an adjective's ending and is a common English word (Zipf 2.5 or
    more: "accessible", not "dividual"), for words lemminflect knows neither with nor without
    the prefix; else an empty set."""
    from mtqa.lexicon.frequency import zipf

    if rest.endswith(_EN_ADJ_ENDINGS) and zipf(rest) >= 2.5:
        return {"ADJ"}
    return set()


@lru_cache(maxsize=100_000)
def en_forms(word: str) -> frozenset[str]:
    """The forms an English word is compared by: its lemmas (a participle's verb: verified →
    verify), its US/UK spellings (favorable/favourable, stabilize/stabilise), and the adjective of
    an -ly adverb (successfully → successful, legally → legal, stably → stable)."""
    low = word.lower()
    out = set(en_lemma_set(low))
    if low.endswith("ly") and len(low) > 5:
        stem = low[:-2]
        cands = [stem]
        if stem.endswith("i"):
            cands.append(stem[:-1] + "y")  # happily → happy
        if low.endswith(("bly", "ply")):
            cands.append(low[:-1] + "e")  # stably → stable
        out.update(c for c in cands if any(lem.pos == "ADJ" for lem in en_lemmas(c)))
    for form in list(out):
        for a, b in (("our", "or"), ("ise", "ize"), ("yse", "yze"), ("tre", "ter")):
            if a in form:
                out.add(form.replace(a, b))
            if b in form:
                out.add(form.replace(b, a))
    return frozenset(out)


def _kinds_ru(word: str) -> frozenset[str]:
    """Content parts of speech of a Russian word form; a participle counts as a verb too."""
    from mtqa.lexicon.lemmas import _morph

    kinds = {lem.pos for lem in ru_lemmas(word)} & {"NOUN", "ADJ", "VERB", "ADV"}
    if any(p.tag.POS in ("PRTF", "PRTS") for p in _morph().parse(word.lower())):
        kinds |= {"VERB", "ADJ"}
    return frozenset(kinds)


def _kinds_en(word: str) -> frozenset[str]:
    """Content parts of speech of an English word; a participle counts as an adjective too."""
    kinds = {lem.pos for lem in en_lemmas(word)}
    if penn_tag(word) in ("VBN", "VBG", "VBD"):
        kinds.add("ADJ")
    if kinds <= {"NOUN"}:
        kinds |= _unknown_adjective(word.lower())  # "accessible": lemminflect's guess is a noun
    return frozenset(kinds)


@lru_cache(maxsize=100_000)
def _unknown_adjective(low: str) -> frozenset[str]:
    """{"ADJ"} for an adjective lemminflect does not know (see :func:`_suffix_kinds`)."""
    from mtqa.lexicon.lemmas import all_lemmas

    return frozenset() if all_lemmas(low) else frozenset(_suffix_kinds(low))


def same_kind(ru_word: str, en_word: str) -> bool:
    """Whether the two words share a content part of speech."""
    return bool(_kinds_ru(ru_word) & _kinds_en(en_word))


def _verb_links(lex: Lexicon, ru_word: str) -> frozenset[str]:
    """English lemmas the verb of a Russian participle (проверенных → проверить) and its aspect
    partners (проверять) may be rendered by: the lexicon lists the participle's adjective, with
    other senses, more often than the verb's."""
    out: set[str] = set()
    for lem in ru_lemmas(ru_word):
        verb = lem.lemma
        if lem.pos != "ADJ" or not verb.endswith(("ть", "ться", "ти", "чь")) or len(verb) < 6:
            continue
        out.update(lex.links.get(verb, ()))
        for other in lex.verb_stems.get(verb[:5], ()):
            if other[:-2].startswith(verb[:-3]) or verb[:-2].startswith(other[:-3]):
                out.update(lex.links.get(other, ()))
    return frozenset(out)


def renders_rest(lex: Lexicon, ru_word: str, en_word: str, central: int) -> str | None:
    """How ``en_word`` renders ``ru_word``: "central" (one of its first ``central`` dictionary
    renderings, or a long cognate), "any" (any rendering the lexicon links, or one of its
    participle's verb), or None."""
    forms = en_forms(en_word)
    if any(r in forms for r in lex.renderings(ru_word)[:central]):
        return "central"
    if len(en_word) >= 6 and cognate(ru_word, en_word):
        return "central"
    if forms & (lex.src_candidates(ru_word) | _verb_links(lex, ru_word)):
        return "any"
    return None


def negated_form(check: AdequacyCheck, en_word: str) -> str | None:
    """The English word with the negative prefix English uses on it, when the language model
    knows that word ("verified" → "unverified", "legal" → "illegal"), else None."""
    return _negated_with(check, en_word.lower(), _EN_SUGGEST, us_spelling=True)


def _negated_with(
    check: AdequacyCheck,
    low: str,
    prefixes: tuple[str, ...],
    *,
    assimilated_in: bool = False,
    us_spelling: bool = False,
) -> str | None:
    """The most frequent of ``prefixes`` + ``low`` the language model knows well enough, else
    None. im-/il-/ir- only before the letters English writes them before; with
    ``assimilated_in`` no in- before those letters either; with ``us_spelling`` a British -our
    word the (American) model lacks is asked for as -or (unfavourable → unfavorable)."""
    best: tuple[float, str] | None = None
    for prefix in prefixes:
        if prefix == "im" and not low.startswith(("b", "m", "p")):
            continue
        if prefix == "il" and not low.startswith("l"):
            continue
        if prefix == "ir" and not low.startswith("r"):
            continue
        if assimilated_in and prefix == "in" and low.startswith(("b", "m", "p", "l", "r")):
            continue
        cand = prefix + low
        logp = check.lm.unigram(cand)
        if logp is None and us_spelling and "our" in cand:
            logp = check.lm.unigram(cand.replace("our", "or"))
        if logp is not None and logp >= _KNOWN_LOGP and (best is None or logp > best[0]):
            best = (float(logp), cand)
    return best[1] if best else None


def negated_nearby(mt_low: list[str], j: int) -> bool:
    """A negator or a negative-prefixed word among the three words before ``j`` ("doesn 't
    last long" for «недолго»)."""
    for k in range(max(0, j - 3), j):
        w = mt_low[k]
        if w in _EN_NEGATORS or w in _EN_NEGATED_AUX or w.endswith(("n't", "n’t")):
            return True
        if w.startswith(("dis", "anti", "non", "un")):
            return True
    return False


# -- the dictionary's negative renderings ---------------------------------------------------------


def negative_rendering(renderings: tuple[str, ...], en_word: str) -> str | None:
    """The negative prefix that turns a lemma of ``en_word`` into one of ``renderings``
    ("known", (…"unknown"…) → "un"), or None; None too when ``en_word`` is a rendering itself."""
    low = en_word.lower()
    rend = set(renderings)
    lemmas = {low} | set(en_lemma_set(low))
    if rend & lemmas:
        return None
    for prefix in EN_NEGATIVE_PREFIXES:
        if any(prefix + lemma in rend for lemma in lemmas):
            return prefix
    return None


def renders_other(al: Alignment, j: int, i: int) -> bool:
    """Whether English word j renders a source content word other than i (light verbs and
    function words aside), one no other English word renders ("infected ... infection": the
    first renders «заразили», so the second need not)."""
    for k in al.partners_of_mt(j):
        if k == i or not al.src_content[k]:
            continue
        if any(b != j for b in al.partners_of_src(k)):
            continue
        lemmas = ru_lemmas(al.src[k].text)
        if lemmas and lemmas[0].lemma in _RU_LIGHT:
            continue
        return True
    return False


# A polarity finding: (source word, rank, flag); of the findings on one source word the lowest
# rank is kept: an aligned pair first, then the closer kind of link, then the nearer position.
_Found = tuple[int, tuple[int, int, float], "Flag"]


def polarity_flags(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[Flag]:
    """The rules: the dictionary's negative renderings first, word formation on the rest; one
    flag per source word, on the English word best aligned to it (a negative source word drops
    its negation once: «Неустановленные лица подожгли» → "Established persons set fire" flags
    "Established", not "set" as well)."""
    found = _dictionary_found(check, seg, al)
    found += _formation_found(check, seg, al, done={f.start for _, _, f in found})
    flags = _one_per_source_word(found)
    # a не- word neither dictionary links, judged by word formation alone (minor)
    flags += unlinked_flips(check, seg, al, done={f.start for f in flags})
    return sorted(flags, key=lambda f: f.start)


def _one_per_source_word(found: list[_Found]) -> list[Flag]:
    best: dict[int, tuple[tuple[int, int, float], Flag]] = {}
    for i, rank, flag in found:
        if i not in best or rank < best[i][0]:
            best[i] = (rank, flag)
    return sorted((flag for _, flag in best.values()), key=lambda f: f.start)


def _rank(al: Alignment, i: int, j: int, how: str | None, scale: float) -> tuple[int, int, float]:
    """How well English word j stands for source word i (lower is better)."""
    kind = {"dictionary": 0, "central": 1}.get(how or "", 2)
    return (0 if (i, j) in al.links else 1, kind, abs(i - j * scale))


def _suggestable(check: AdequacyCheck, ru_word: str, negated: str, prefix: str) -> bool:
    """Whether a negated English word may be suggested for a source word that lost its negation:
    the dictionary gives it for the source word, or English reads it as ``prefix`` on a word of
    its own part of speech ("unverified"; not "inset" for "set", nor a word the LM merely knows)."""
    from mtqa.lexicon.lemmas import all_lemmas

    low = negated.lower()
    forms = en_forms(low)
    if any(r == low or r in forms for r in check.lexicon.renderings(ru_word.lower())):
        return True
    if prefix in ("un", "non"):
        return True  # un-/non- on an English word only ever negates it
    full, rest = set(all_lemmas(low)), set(all_lemmas(low[len(prefix) :]))
    if prefix in ("in", "im", "il", "ir"):
        return "ADJ" in full or "ADV" in full  # "illegal", "impatient"; not "inset", "impress"
    # "dislike" for "like", "destabilize" for "stabilize"; a word lemminflect does not know
    # ("destabilization") counts, as the language model knows it
    return bool(full & rest) or not full


# (source word, English word) -> negative_rendering's answer, per check; cleared past this many.
NEGATIVE_CACHE_LIMIT = 100_000
_MISSING: Any = object()


def dictionary_flips(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[Flag]:
    """English words whose negative-prefixed form the dictionary gives for a nearby source word
    that carries a negative prefix."""
    return [flag for _, _, flag in _dictionary_found(check, seg, al)]


def _dictionary_found(check: AdequacyCheck, seg: Segment, al: Alignment) -> list[_Found]:
    src_low = [t.text.lower() for t in al.src]
    negative = [
        i
        for i, w in enumerate(src_low)
        if al.src_content[i]
        and len(w) >= 6
        and w.startswith(RU_NEGATIVE_START)
        and not (i > 0 and src_low[i - 1] in ("не", "ни"))
    ]
    if not negative:
        return []
    mt_low = [t.text.lower() for t in al.mt]
    scale = len(al.src) / max(1, len(al.mt))
    window = int(check._p["polarity_window"])
    cache = check._negative_cache
    flags: list[_Found] = []
    for j, tok in enumerate(al.mt):
        if not al.mt_content[j] or not tok.text.isalpha() or len(tok.text) < 3:
            continue
        if negated_nearby(mt_low, j):
            continue
        for i in negative:
            if abs(i - j * scale) > window:
                continue
            # a function of the two words: cached per check (bounded), the pairs recur
            key = (al.src[i].text, tok.text)
            prefix = cache.get(key, _MISSING)
            if prefix is _MISSING:
                prefix = negative_rendering(_negative_links(check.lexicon, key[0]), key[1])
                if len(cache) >= NEGATIVE_CACHE_LIMIT:
                    cache.clear()
                cache[key] = prefix
            if prefix is None or renders_other(al, j, i):
                continue
            rank = _rank(al, i, j, "dictionary", scale)
            flags.append((i, rank, _dictionary_flag(check, seg, al, i, j, prefix)))
            break
    return flags


def _dictionary_flag(
    check: AdequacyCheck, seg: Segment, al: Alignment, i: int, j: int, prefix: str
) -> Flag:
    from mtqa.checks.source.adequacy import _match_case

    tok = al.mt[j]
    negative = _match_case(tok.text, prefix + tok.text.lower())
    return check.flag(
        seg,
        tok.start,
        tok.end,
        category="mistranslation",
        severity="major",
        confidence=0.8,
        message=(
            f"polarity: '{tok.text}' drops the negation of «{al.src[i].text}» "
            f"(the dictionary renders it as {prefix + tok.text.lower()!r} and the like)"
        ),
        suggestion=negative,
    )


# -- word formation -------------------------------------------------------------------------------


def word_formation_flips(
    check: AdequacyCheck, seg: Segment, al: Alignment, done: set[int] | None = None
) -> list[Flag]:
    """A negative prefix on one side only, the rest of the word linking across (both
    directions; see the module's docstring)."""
    return [flag for _, _, flag in _formation_found(check, seg, al, done)]


def _formation_found(
    check: AdequacyCheck, seg: Segment, al: Alignment, done: set[int] | None = None
) -> list[_Found]:
    done = done or set()
    lex = check.lexicon
    mt_low = [t.text.lower() for t in al.mt]
    src_low = [t.text.lower() for t in al.src]
    # Only words that carry a negative prefix on a real word take part (cached per form).
    src_neg = {i: p for i, w in enumerate(src_low) if al.src_content[i] and (p := ru_negative(w))}
    mt_neg = {j: p for j, w in enumerate(mt_low) if al.mt_content[j] and (p := en_negative(w))}
    particle = "не" in src_low
    if not src_neg and not mt_neg and not particle:
        return []
    # Partners are sought near the same relative position (bounded work on long input).
    scale = len(al.src) / max(1, len(al.mt))
    window = int(check._p["polarity_window"])
    flags: list[_Found] = []
    for j, tok in enumerate(al.mt):
        if not al.mt_content[j] or not tok.text.isalpha() or tok.start in done:
            continue
        en_neg = mt_neg.get(j)
        if en_neg is None and not negated_nearby(mt_low, j):
            found = _dropped(check, seg, al, j, src_neg, scale, window) if src_neg else None
            if found is None and particle:
                found = _dropped_particle(check, seg, al, j, src_low, scale)
            if found is not None:
                flags.append(found)
        elif en_neg is not None and not al.mt_linked(j):
            found = _added(check, seg, al, j, en_neg, src_neg, scale, window, lex)
            if found is not None:
                flags.append(found)
    return flags


def _dropped(
    check: AdequacyCheck,
    seg: Segment,
    al: Alignment,
    j: int,
    src_neg: dict[int, str],
    scale: float,
    window: int,
) -> _Found | None:
    """Source negative, translation positive: the rest of the source word links. A word that
    renders another source word is accounted for (счастье ... несчастье); a link to the
    negative word itself (a cognate: official/неофициальная) is not."""
    tok = al.mt[j]
    for i, ru_neg in src_neg.items():
        if abs(i - j * scale) > window or renders_other(al, j, i):
            continue
        rest = al.src[i].text.lower()[len(ru_neg) :]
        if not same_kind(rest, tok.text):
            continue
        if any(t.text.lower() == rest for t in al.src):
            continue  # «давно ... недавно»: the plain word is in the source too, and may be it
        how = renders_rest(check.lexicon, rest, tok.text, 6 if ru_neg in _RU_FREE else 8)
        if how is None:
            continue
        negated = negated_form(check, tok.text) if ru_neg in _RU_FREE else None
        if ru_neg == "анти":
            negated = "anti-" + tok.text.lower()  # English forms anti- words freely
        elif ru_neg.startswith("де") and check.lm.unigram("de" + tok.text.lower()) is not None:
            negated = "de" + tok.text.lower()
        if how == "any" and (
            ru_neg not in _RU_FREE
            or negated is None
            or negated.startswith("dis")  # displaced, dismissed: more than a negation
            or abs(i - j * scale) > _ANY_WINDOW
        ):
            continue  # a loose link, and English has no plainly negated word for the source's
        from mtqa.checks.source.adequacy import _match_case

        if (
            negated
            and ru_neg != "анти"
            and not _suggestable(
                check, al.src[i].text, negated, negated[: len(negated) - len(tok.text)]
            )
        ):
            negated = None
        suggestion = _match_case(tok.text, negated) if negated else None
        flag = _word_flag(check, seg, al, i, j, ru_neg + "-", "drops", suggestion)
        return i, _rank(al, i, j, how, scale), flag
    return None


def _dropped_particle(
    check: AdequacyCheck, seg: Segment, al: Alignment, j: int, src_low: list[str], scale: float
) -> _Found | None:
    """The source negates a word by a separate «не» (не смог, не было возможности), the English
    word renders that word with no negation of its own, and English has the negated word
    ("able" → "unable"): the negation went missing."""
    from mtqa.checks.source.negation import EN_NEGATION, EN_NEGATIVE, RU_FIXED

    tok = al.mt[j]
    if not tok.text.isalpha() or len(tok.text) < 4:
        return None
    if EN_NEGATION.search(seg.mt) or EN_NEGATIVE.search(seg.mt):
        return None  # the negation may stand anywhere in the English sentence
    for i in al.partners_of_mt(j):
        if i == 0 or src_low[i - 1] != "не" or (src_low[i - 1], src_low[i]) in RU_FIXED:
            continue
        if i > 1 and src_low[i - 2] in _RU_EXPLETIVE:
            continue  # «сколько раз я не слышал»: an expletive не, no negation
        if i + 1 < len(src_low) and src_low[i + 1] == "ли":
            continue  # «не нужна ли помощь»: a question ("if he needed help"), no negation
        lemmas = ru_lemmas(src_low[i])
        if lemmas and lemmas[0].pos == "FUNC":
            continue  # «не в нашу честь»: не negates a phrase, no word English would prefix
        if renders_other(al, j, i):
            continue
        negated = negated_form(check, tok.text)
        if negated is None:
            continue
        from mtqa.checks.source.adequacy import _match_case

        prefix = negated[: len(negated) - len(tok.text)]
        suggest = _suggestable(check, "не " + al.src[i].text, negated, prefix)
        flag = check.flag(
            seg,
            tok.start,
            tok.end,
            category="mistranslation",
            severity="major",
            confidence=0.7,
            message=(f"polarity: '{tok.text}' drops the negation of «не {al.src[i].text}»"),
            suggestion=_match_case(tok.text, negated) if suggest else None,
        )
        return i, _rank(al, i, j, "central", scale), flag
    return None


def _added(
    check: AdequacyCheck,
    seg: Segment,
    al: Alignment,
    j: int,
    en_neg: str,
    src_neg: dict[int, str],
    scale: float,
    window: int,
    lex: Lexicon,
) -> _Found | None:
    """Translation negative, source positive: the rest of the English word links to a source
    word with no negation before it."""
    tok = al.mt[j]
    rest = tok.text.lower()[len(en_neg) :]
    centre = round(j * scale)
    src_low = [t.text.lower() for t in al.src]
    for i in range(max(0, centre - window), min(len(al.src), centre + window + 1)):
        s = al.src[i]
        if not al.src_content[i] or i in src_neg or (i, j) in al.links:
            continue
        if src_low[i].startswith(("не", "без", "бес")) or any(
            src_low[k] in _RU_NEGATORS for k in range(max(0, i - 3), i)
        ):
            continue  # «не представлялось возможным» → "impossible"
        if not same_kind(s.text, rest):
            continue
        how = renders_rest(lex, s.text, rest, 8)
        if how == "any" and (al.src_linked(i) or abs(i - j * scale) > _ANY_WINDOW):
            continue  # a loose link counts only for a source word nothing else renders, nearby
        if how is None or lex.links_word(s.text, tok.text):
            continue
        from mtqa.checks.source.adequacy import _match_case

        flag = _word_flag(
            check, seg, al, i, j, en_neg.rstrip("-") + "-", "adds", _match_case(tok.text, rest)
        )
        return i, _rank(al, i, j, how, scale), flag
    return None


def _word_flag(
    check: AdequacyCheck,
    seg: Segment,
    al: Alignment,
    i: int,
    j: int,
    prefix: str,
    verb: str,
    suggestion: str | None,
) -> Flag:
    tok = al.mt[j]
    side = "the translation" if verb == "adds" else "the source"
    return check.flag(
        seg,
        tok.start,
        tok.end,
        category="mistranslation",
        severity="major",
        confidence=0.7,
        message=(
            f"polarity: '{tok.text}' {verb} the prefix {prefix} that {side} has; "
            f"source has «{al.src[i].text}»"
        ),
        suggestion=suggestion,
    )


# -- round 12: the lexicon's links, reversive verbs, and words no dictionary links ---------------


def _negative_links(lex: Lexicon, ru_word: str) -> tuple[str, ...]:
    """What the dictionary rule compares against: the word's renderings, then every English
    lemma the lexicon links it to (an aspect partner's: «разгрузили» → "unload" through
    разгружать) and a participle's verb's (расформирован → "disband")."""
    from mtqa.lexicon.frequency import zipf

    extra = sorted(lex.src_candidates(ru_word) | _verb_links(lex, ru_word))
    # a loose link counts when it is a common word ("unload", not "delate")
    return lex.renderings(ru_word) + tuple(e for e in extra if zipf(e) >= _COMMON_ZIPF)


# The Zipf frequency a lexicon link beyond the word's renderings must reach to count.
_COMMON_ZIPF = 2.5


# English prefixes tried for an unlinked word, by the Russian prefix's kind.
_EN_BY_RU = {"не": ("un", "in", "im", "il", "ir", "non"), "de": ("de", "dis", "un")}


def unlinked_flips(
    check: AdequacyCheck, seg: Segment, al: Alignment, done: set[int] | None = None
) -> list[Flag]:
    """Neither side linked: a source word that is a negative prefix on a word of its own lemma
    family (:func:`ru_negative`: «недееспособным», «неправомерным») which no English word
    renders and whose rest the dictionary does not know either, and near it (``_ANY_WINDOW``)
    an English adjective or adverb that renders nothing and whose negated form is an English
    word ("capable": "incapable", "lawful": "unlawful"). The only such pair in reach is
    flagged, minor: word formation is the only witness. When the dictionary knows the rest
    (простой, однозначный) the English word may be its antonym, rightly («непростой» →
    "complicated"), and nothing is flagged. The suggestion is the negated form."""
    from mtqa.checks.source.adequacy import _match_case

    done = done or set()
    src_low = [t.text.lower() for t in al.src]
    mt_low = [t.text.lower() for t in al.mt]
    scale = len(al.src) / max(1, len(al.mt))
    lex = check.lexicon
    sources: list[tuple[int, str]] = []
    for i, w in enumerate(src_low):
        if not al.src_content[i] or al.src_linked(i) or (i > 0 and src_low[i - 1] in ("не", "ни")):
            continue
        prefix = ru_negative(w)
        if prefix is None or prefix == "анти":
            continue
        rest = w[len(prefix) :]
        if lex.renderings(rest) or lex.src_candidates(rest) or _verb_links(lex, rest):
            # the dictionary knows the rest: «непростой» → "complicated", «неоднозначный» →
            # "ambiguous" are antonyms of what it gives, not dropped negations
            continue
        sources.append((i, "не" if prefix in ("не", "без", "бес") else "de"))
    if not sources:
        return []
    flags: list[Flag] = []
    for j, tok in enumerate(al.mt):
        if tok.start in done or not al.mt_content[j] or al.mt_linked(j):
            continue
        if not tok.text.isalpha() or len(tok.text) < 5 or negated_nearby(mt_low, j):
            continue
        if en_negative(mt_low[j]) or not _adjective_only(mt_low[j]):
            continue
        near = [(i, kind) for i, kind in sources if abs(i - j * scale) <= _ANY_WINDOW]
        near = [(i, kind) for i, kind in near if same_kind(al.src[i].text.lower(), tok.text)]
        if len(near) != 1:
            continue
        i, kind = near[0]
        negated = _negated_with(check, mt_low[j], _EN_BY_RU[kind], assimilated_in=True)
        if negated is None:
            continue
        prefix = f"{ru_negative(src_low[i])}-"
        flag = _word_flag(check, seg, al, i, j, prefix, "drops", _match_case(tok.text, negated))
        flags.append(replace(flag, severity="minor", confidence=0.5))
    return flags


def _adjective_only(low: str) -> bool:
    """Whether the English word reads as an adjective or adverb only (not a verb form, not a
    noun): "capable", "lawful", not "needed", "called", "figure"."""
    kinds = _kinds_en(low)
    return bool(kinds) and kinds <= {"ADJ", "ADV"} and penn_tag(low) is None
