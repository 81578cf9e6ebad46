"""The error families: each corrupts one clean pair the way literal MT goes wrong.

Every family is a function ``(pair, rng, senses) -> Garble | None``: the corrupted translation
with the changed characters labelled, or None when the pair offers no place for this error (a
family never returns a broken or unchanged example). Families are mechanisms over the pair and
the dictionary, never lists of known garbles.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise

from mtqa.garble.names import name_match, wrong_romanisations
from mtqa.garble.senses import SenseSource
from mtqa.garble.types import Garble, GarbleSpan, Pair
from mtqa.garble.words import Word, is_cyrillic, match_case, ru_lemmas, words, zipf
from mtqa.types import Severity

Family = Callable[[Pair, random.Random, SenseSource], "Garble | None"]

FUNCTION_ZIPF = 6.0  # English words this frequent are function words ("the", "in", "was")
_RU_NEGATION = re.compile(
    r"(?<![а-яё])(не|нет|ни|никогда|ничего|нельзя|никто|нигде)(?![а-яё])", re.IGNORECASE
)
_RU_ADJECTIVE = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ых|их|ую|юю)$")
_RU_PRIVATIVE = ("не", "без", "бес", "де", "дез", "дис", "анти", "раз", "рас")
_EN_PRIVATIVE = ("un", "dis", "de")
_AUX = [
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "may",
    "might",
    "has",
    "have",
    "had",
]
_CONTRACTED = {
    "don't": "do",
    "doesn't": "does",
    "didn't": "did",
    "isn't": "is",
    "aren't": "are",
    "wasn't": "was",
    "weren't": "were",
    "can't": "can",
    "won't": "will",
    "haven't": "have",
    "hasn't": "has",
    "hadn't": "had",
    "shouldn't": "should",
    "couldn't": "could",
    "wouldn't": "would",
    "mustn't": "must",
}
# Russian function words a word-by-word rendering turns into their first English gloss.
_RU_FUNCTION = {
    "в": "in",
    "во": "in",
    "на": "on",
    "с": "with",
    "со": "with",
    "по": "by",
    "за": "for",
    "от": "from",
    "для": "for",
    "к": "to",
    "ко": "to",
    "о": "about",
    "об": "about",
    "из": "from",
    "и": "and",
    "не": "not",
    "без": "without",
    "под": "under",
    "над": "over",
    "при": "at",
    "до": "before",
    "через": "through",
    "между": "between",
    "перед": "before",
}


def _garble(
    pair: Pair, start: int, end: int, new: str, family: str, severity: Severity, note: str
) -> Garble | None:
    """``pair.mt`` with [start, end) replaced by ``new``, labelled; None if nothing changed."""
    mt = pair.mt[:start] + new + pair.mt[end:]
    if mt == pair.mt or not new.strip():
        return None
    return Garble(
        pair.src,
        pair.mt,
        mt,
        family,
        (GarbleSpan(start, start + len(new), family, severity),),
        note,
    )


def _en_forms(word: str) -> list[tuple[str, str]]:
    """(base form, plural suffix) readings of an English word: "cases" -> ("case", "s")."""
    low = word.lower()
    forms = [(low, "")]
    if low.endswith("ies") and len(low) > 4:
        forms.append((low[:-3] + "y", "ies"))
    elif low.endswith("es") and len(low) > 4:
        forms += [(low[:-2], "es"), (low[:-1], "s")]
    elif low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        forms.append((low[:-1], "s"))
    return forms


def _plural(base: str, suffix: str) -> str:
    if not suffix:
        return base
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return base + "es"
    return base + "s"


def _related(a: str, b: str) -> bool:
    """Same word family (shared start), so swapping them would not change the sense."""
    n = min(len(a), len(b), 5)
    return a[:n] == b[:n] if n >= 4 else a == b


def _content(word: Word) -> bool:
    return len(word.text) >= 3 and word.text.isalpha() and zipf(word.lower) < FUNCTION_ZIPF


def _links(pair: Pair, senses: SenseSource) -> list[tuple[Word, Word, str, str, tuple[str, ...]]]:
    """(source word, mt word, mt base form, plural suffix, renderings) where the dictionary links them."""
    mt_words = [w for w in words(pair.mt) if _content(w)]
    out = []
    for sw in words(pair.src):
        if len(sw.text) < 3 or not is_cyrillic(sw.text):
            continue
        rends = senses.renderings(sw.text)
        if not rends:
            continue
        known = set(rends)
        for mw in mt_words:
            for base, suffix in _en_forms(mw.text):
                if base in known:
                    out.append((sw, mw, base, suffix, rends))
                    break
    return out


def wrong_sense(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A source word rendered by another of its dictionary senses ("дело": case -> affair)."""
    options = []
    for sw, mw, base, suffix, rends in _links(pair, senses):
        source_words = set(ru_lemmas(sw.text))
        own = senses.translations(base) - source_words
        # Another sense: a rendering that shares no other Russian translation with the word
        # used (so "head" -> "chief", synonyms, is not taken; "case" -> "affair" is).
        alts = [
            e
            for e in rends[:12]
            if e != base
            and e.isalpha()
            and not _related(e, base)
            and zipf(e) >= 3.5
            and not (senses.translations(e) - source_words) & own
        ]
        if alts:
            options.append((sw, mw, base, suffix, alts))
    if not options:
        return None
    sw, mw, base, suffix, alts = rng.choice(options)
    new = match_case(_plural(rng.choice(alts), suffix), mw.text)
    return _garble(
        pair, mw.start, mw.end, new, "wrong_sense", "major", f"{sw.text}: {mw.text} -> {new}"
    )


def untranslated(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A source word left in Cyrillic in place of its English rendering (or of a name)."""
    options = [(sw, mw) for sw, mw, *_ in _links(pair, senses)]
    options += _names(pair, senses)
    if not options:
        return None
    sw, mw = rng.choice(options)
    return _garble(
        pair, mw.start, mw.end, sw.text, "untranslated", "major", f"{mw.text} -> {sw.text}"
    )


@lru_cache(maxsize=4)
def _phrase_index(senses: SenseSource) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    index: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for english, russian in senses.phrases():
        en = tuple(english.split())
        if en[0] == "to" and len(en) > 2:
            en = en[1:]
        index.setdefault(en[0], []).append((en, russian))
    return index


def _literal(ru_words: tuple[str, ...], avoid: set[str], senses: SenseSource) -> list[str] | None:
    """Word-by-word English for dictionary-form Russian words (the first sense of each)."""
    out = []
    for ru in ru_words:
        if ru in _RU_FUNCTION:
            out.append(_RU_FUNCTION[ru])
            continue
        rends = [e for e in senses.renderings(ru) if e.isalpha() and e not in avoid]
        if not rends:
            return None
        out.append(rends[0])
    return out


def calque(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A set phrase of the source rendered word by word.

    Either a dictionary set phrase found in the translation whose Russian words are in the
    source ("take part" for «принимать участие» -> "accept participation"), or a modifier the
    translation rendered freely replaced by its literal dictionary gloss ("root causes" for
    «коренные причины» -> "indigenous causes").
    """
    mt_words = words(pair.mt)
    src_lemmas = {lemma for w in words(pair.src) for lemma in ru_lemmas(w.text)}
    lows = [w.lower for w in mt_words]
    options: list[tuple[int, int, str, str]] = []
    index = _phrase_index(senses)
    for i, low in enumerate(lows):
        for en, russian in index.get(low, ()):
            if tuple(lows[i : i + len(en)]) != en:
                continue
            if not all(r in src_lemmas for r in russian if r not in _RU_FUNCTION):
                continue
            literal = _literal(russian, set(en), senses)
            if literal and literal != list(en):
                first, last = mt_words[i], mt_words[i + len(en) - 1]
                text = match_case(" ".join(literal), first.text)
                options.append(
                    (first.start, last.end, text, f"{' '.join(russian)}: {' '.join(en)}")
                )
    if not options:
        # The modifier to replace must not render any other source word itself.
        linked = {(mw.start, mw.end) for _, mw, *_ in _links(pair, senses)}
        src_words = [w for w in words(pair.src) if len(w.text) >= 3]
        for a, b in pairwise(src_words):
            if pair.src[a.end : b.start] != " " or not _RU_ADJECTIVE.search(a.lower):
                continue
            head = set(senses.renderings(b.text))
            mod = [e for e in senses.renderings(a.text) if e.isalpha()]
            if not head or not mod:
                continue
            for m1, m2 in pairwise(mt_words):
                if (
                    pair.mt[m1.end : m2.start] != " "
                    or not _content(m1)
                    or not m1.text.islower()
                    or not m2.text.islower()
                    or (m1.start, m1.end) in linked
                ):
                    continue
                if not any(base in head for base, _ in _en_forms(m2.text)):
                    continue
                if any(
                    base in mod or _related(base, e) for base, _ in _en_forms(m1.text) for e in mod
                ):
                    continue  # already the literal rendering
                gloss = mod[0]
                before = pair.mt[: m1.start].split()[-1:]
                if zipf(gloss) >= FUNCTION_ZIPF or [gloss] == [w.lower() for w in before]:
                    continue  # a function word, or "internal internal systems"
                options.append((m1.start, m1.end, gloss, f"{a.text} {b.text}: {m1.text} {m2.text}"))
    if not options:
        return None
    start, end, text, note = rng.choice(options)
    return _garble(pair, start, end, text, "calque", "major", note)


def polarity(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A negative prefix dropped ("unacceptable" -> "acceptable") where the source negates."""
    privative = [
        w for w in words(pair.src) if len(w.text) >= 5 and w.lower.startswith(_RU_PRIVATIVE)
    ]
    if not privative:
        return None
    linked = {
        mw.lower
        for sw in privative
        for mw in words(pair.mt)
        if mw.lower in senses.renderings(sw.text)
    }
    options = []
    for mw in words(pair.mt):
        for prefix in _EN_PRIVATIVE:
            rest = mw.lower[len(prefix) :]
            if not mw.lower.startswith(prefix) or len(rest) < 4 or zipf(rest) < 3.0:
                continue
            # Linked to a negated source word by the dictionary, or "un-" (nearly always negative).
            if mw.lower in linked or prefix == "un":
                options.append((mw, rest))
    if not options:
        return None
    mw, rest = rng.choice(options)
    new = match_case(rest, mw.text)
    return _garble(pair, mw.start, mw.end, new, "polarity", "critical", f"{mw.text} -> {new}")


def derivation(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A participle swapped for its twin: "-ing" <-> "-ed" ("developing" -> "developed")."""
    options = []
    for mw in words(pair.mt):
        low = mw.lower
        if len(low) < 6 or not mw.text.isalpha():
            continue
        if low.endswith("ing"):  # developing -> developed, studying -> studied
            stem = low[:-3]
            cands = [stem + "ed", stem[:-1] + "ied" if stem.endswith("y") else ""]
        elif low.endswith("ed"):  # developed -> developing, studied -> studying
            stem = low[:-2]
            cands = [stem + "ing", stem[:-1] + "ying" if stem.endswith("i") else ""]
        else:
            continue
        known = [c for c in dict.fromkeys(cands) if c and c != low and zipf(c) >= 2.5]
        if known:
            options.append((mw, max(known, key=zipf)))
    if not options:
        return None
    mw, new = rng.choice(options)
    new = match_case(new, mw.text)
    return _garble(pair, mw.start, mw.end, new, "derivation", "major", f"{mw.text} -> {new}")


def _names(pair: Pair, senses: SenseSource) -> list[tuple[Word, Word]]:
    """(source name, its romanisation in mt): capitalised words that transliterate each other.

    An English word the dictionary knows in lower case ("Situation" at the start of a sentence)
    is a cognate, not a name.
    """
    src_caps = [
        w
        for w in words(pair.src)
        if w.text[:1].isupper() and len(w.text) >= 3 and is_cyrillic(w.text)
    ]
    mt_caps = [
        w
        for w in words(pair.mt)
        if w.text[:1].isupper()
        and len(w.text) >= 3
        and w.text.isascii()
        and not senses.translations(w.lower)
    ]
    pairs = []
    for mw in mt_caps:
        best = max(src_caps, key=lambda sw: name_match(sw.text, mw.text), default=None)
        if best is not None and name_match(best.text, mw.text) >= 0.75:
            pairs.append((best, mw))
    return pairs


def name(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A name of the source romanised by a wrong scheme or from its inflected form."""
    options = [
        (sw, mw, alt)
        for sw, mw in _names(pair, senses)
        for alt in wrong_romanisations(sw.text, mw.text)
    ]
    if not options:
        return None
    sw, mw, alt = rng.choice(options)
    return _garble(pair, mw.start, mw.end, alt, "name", "major", f"{sw.text}: {mw.text} -> {alt}")


_COORD = re.compile(r"\b([A-Za-z]{3,}) (and|or) ([A-Za-z]{3,})\b")


def _shape(word: str) -> str:
    """The inflectional ending class of an English word, to coordinate like with like."""
    for ending in ("ing", "ed", "ly", "s"):
        if word.endswith(ending):
            return ending
    return ""


def repetition(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """One side of a coordination repeated ("calm and quiet" -> "calm and calm")."""
    options = []
    for m in _COORD.finditer(pair.mt):
        a, b = m.group(1), m.group(3)
        if (
            a.lower() == b.lower()
            or zipf(a.lower()) >= FUNCTION_ZIPF
            or zipf(b.lower()) >= FUNCTION_ZIPF
        ):
            continue
        if not b.islower() or not (a.islower() or m.start(1) == 0):
            continue  # names are not coordinated words
        if _shape(a.lower()) != _shape(b):
            continue  # "conference and addressed": not two words of one kind
        options.append((m.start(3), m.end(3), a.lower()))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return _garble(pair, start, end, new, "repetition", "major", f"... {new}")


def negation(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A negation dropped where the source negates, or inserted where it does not."""
    src_negated = bool(_RU_NEGATION.search(pair.src))
    mt_words = words(pair.mt)
    if src_negated:
        options = []
        for i, w in enumerate(mt_words):
            nxt = mt_words[i + 1] if i + 1 < len(mt_words) else None
            if (
                w.lower in ("not", "never")
                and i > 0
                and pair.mt[mt_words[i - 1].end : w.start] == " "
            ):
                prev = mt_words[i - 1]
                mt = pair.mt[: prev.end] + pair.mt[w.end :]
                end = nxt.end - (w.end - prev.end) if nxt else prev.end
                options.append((mt, prev.start, end, f"dropped '{w.text}'"))
            elif w.lower.replace("’", "'") in _CONTRACTED:
                plain = match_case(_CONTRACTED[w.lower.replace("’", "'")], w.text)
                mt = pair.mt[: w.start] + plain + pair.mt[w.end :]
                end = w.start + len(plain) + ((nxt.end - w.end) if nxt else 0)
                options.append((mt, w.start, end, f"{w.text} -> {plain}"))
        if not options:
            return None
        mt, start, end, note = rng.choice(options)
        span = GarbleSpan(start, end, "negation", "critical")
        return Garble(pair.src, pair.mt, mt, "negation", (span,), note)
    options2 = []
    for w, nxt in pairwise(mt_words):
        if (
            w.lower in _AUX
            and nxt.lower not in ("not", "never")
            and nxt.text.islower()
            and pair.mt[w.end : nxt.start] == " "
        ):
            options2.append(w)
    if not options2:
        return None
    w = rng.choice(options2)
    return _insert_not(pair, w)


def _insert_not(pair: Pair, aux: Word) -> Garble:
    mt = pair.mt[: aux.end] + " not" + pair.mt[aux.end :]
    span = GarbleSpan(aux.end + 1, aux.end + 4, "negation", "critical")
    return Garble(pair.src, pair.mt, mt, "negation", (span,), f"inserted 'not' after '{aux.text}'")


_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? $"
)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")


def number(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """A number the source also has changed (a year shifted, a digit replaced, a scale slip)."""
    src_digits = {re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(pair.src)}
    options = [
        m
        for m in _NUMBER.finditer(pair.mt)
        if re.sub(r"\D", "", m.group()) in src_digits and len(re.findall(r"[.,]", m.group())) <= 1
    ]  # dates like 14.07.2015 are left to the date checks
    if not options:
        return None
    m = rng.choice(options)
    text = m.group()
    if re.fullmatch(r"(19|20)\d\d", text):
        new = str(int(text) + rng.choice([-2, -1, 1, 2]))
    elif _MONTH.search(pair.mt[: m.start()]) and text.isdigit() and int(text) <= 31:
        new = str(rng.choice([d for d in range(1, 29) if d != int(text)]))  # another day
    elif len(text) == 1 or rng.random() < 0.3:
        new = (
            str(int(re.sub(r"\D", "", text)) * 10)
            if "," not in text and "." not in text
            else text + "0"
        )
    else:
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        i = rng.choice(digits)
        choices = [d for d in "0123456789" if d != text[i] and not (i == 0 and d == "0")]
        new = text[:i] + rng.choice(choices) + text[i + 1 :]
    return _garble(pair, m.start(), m.end(), new, "number", "major", f"{text} -> {new}")


_CLAUSE_SEP = re.compile(r"(?:, |; )")


def scramble(pair: Pair, rng: random.Random, senses: SenseSource) -> Garble | None:
    """Two neighbouring clauses swapped ("A, B." -> "B, A.")."""
    mt = pair.mt.rstrip()
    end_punct = ""
    while mt and mt[-1] in ".!?\"'»”":
        end_punct = mt[-1] + end_punct
        mt = mt[:-1]
    cuts = [(m.start(), m.end()) for m in _CLAUSE_SEP.finditer(mt)]
    bounds = [0] + [c for cut in cuts for c in cut] + [len(mt)]
    chunks = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    options = []
    for k in range(len(chunks) - 1):
        (a0, a1), (b0, b1) = chunks[k], chunks[k + 1]
        if len(mt[a0:a1].split()) >= 3 and len(mt[b0:b1].split()) >= 3:
            options.append(k)
    if not options:
        return None
    k = rng.choice(options)
    (a0, a1), (b0, b1) = chunks[k], chunks[k + 1]
    first, second, sep = mt[a0:a1], mt[b0:b1], mt[a1:b0]
    if a0 == 0:  # the sentence now starts with the second clause
        head = first.split()[0]
        if head != "I" and zipf(head.lower()) >= 4.0:
            first = first[0].lower() + first[1:]
        second = second[0].upper() + second[1:]
    new = second + sep + first
    garbled = mt[:a0] + new + mt[b1:] + pair.mt[len(mt) :]
    if garbled == pair.mt:
        return None
    span = GarbleSpan(a0, a0 + len(new), "scramble", "minor")
    return Garble(
        pair.src, pair.mt, garbled, "scramble", (span,), f"swapped clauses {k + 1}-{k + 2}"
    )


FAMILIES: dict[str, Family] = {
    "wrong_sense": wrong_sense,
    "calque": calque,
    "polarity": polarity,
    "derivation": derivation,
    "name": name,
    "repetition": repetition,
    "negation": negation,
    "number": number,
    "untranslated": untranslated,
    "scramble": scramble,
}
