"""Linking source and translation words: dictionary and mined lexicon first, then cheap cues.

A Russian word and an English word are linked when

1. the lexicon says a lemma of the one may be rendered by a lemma of the other, or
2. both are the same number, or
3. they are cognates or transliterations: the Latin transliteration of the Russian word and the
   English word share a long prefix ("регулирование"/"regulation", "Шмыгаль"/"Shmyhal"), or
4. together with their neighbours they render a set phrase of the lexicon ("юридическое лицо" /
   "legal entity").

Everything is cached per word form, so aligning a sentence costs a few set intersections per
word pair. Position is not a link but is available to callers (``relative_position``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from mtqa.lexicon.lemmas import CONTENT_POS, EN_FUNCTION_WORDS, en_lemma_set, en_lemmas, ru_lemmas
from mtqa.lexicon.lookup import Lexicon
from mtqa.text import RUSSIAN_BGN, Token, words

# ё and й as their plain vowels: cognates and schemes spell them so more often than yo/y.
_TRANSLIT = {**RUSSIAN_BGN, "ё": "e", "й": "i"}
# Letters that transliteration schemes and cognates spell in several ways, folded for comparing.
_FOLD = str.maketrans({"y": "i", "j": "i", "h": "g", "c": "k", "q": "k", "w": "v", "x": "ks"})


@lru_cache(maxsize=100_000)
def transliterate(word: str) -> str:
    return "".join(_TRANSLIT.get(c, c) for c in word.lower())


@lru_cache(maxsize=100_000)
def _folded(latin: str) -> str:
    s = latin.lower().replace("kh", "h").replace("ts", "c").replace("ph", "f").replace("th", "t")
    s = s.translate(_FOLD)
    out: list[str] = []
    for ch in s:  # collapse doubled letters (Russia/Россия)
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=200_000)
def cognate(src_word: str, mt_word: str) -> bool:
    """Same word in two scripts: folded transliterations share a prefix of 5 letters, or of 4
    letters that make most of two words of similar length."""
    if not mt_word.isascii() or len(mt_word) < 3 or len(src_word) < 3:
        return False
    a, b = _folded(transliterate(src_word)), _folded(mt_word)
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    shorter, longer = min(len(a), len(b)), max(len(a), len(b))
    if n >= 5:
        return True
    # Short words: most of the shorter word, and no much longer partner (мир is not "mirror").
    return n >= 4 and n >= 0.75 * shorter and longer - shorter <= 3


@lru_cache(maxsize=200_000)
def ru_is_content(word: str) -> bool:
    if len(word) < 2 or not word[0].isalpha():
        return False
    lem = ru_lemmas(word)
    return bool(lem) and lem[0].pos in CONTENT_POS | {"PROPN"}


@lru_cache(maxsize=200_000)
def en_is_content(word: str) -> bool:
    if len(word) < 2 or not word[0].isalpha() or word.lower() in EN_FUNCTION_WORDS:
        return False
    lem = en_lemmas(word)
    return bool(lem) and lem[0].pos in CONTENT_POS | {"PROPN"} and lem[0].lemma not in _EN_LIGHT


# Light verbs and fillers that translators add freely; never evidence of a mistranslation.
_EN_LIGHT = frozenset(
    [
        "be",
        "have",
        "do",
        "make",
        "take",
        "get",
        "give",
        "go",
        "come",
        "say",
        "tell",
        "also",
        "just",
        "very",
        "well",
        "then",
        "there",
        "here",
        "now",
        "so",
        "still",
        "even",
        "more",
        "most",
        "much",
        "many",
        "such",
        "other",
        "own",
        "same",
        "new",
        "well-known",
    ]
)


# At most this many partners per word when a word repeats (nearest by relative position).
MAX_PARTNERS = 8


@dataclass(frozen=True)
class Alignment:
    src: tuple[Token, ...]
    mt: tuple[Token, ...]
    links: frozenset[tuple[int, int]]  # (src index, mt index)
    src_content: tuple[bool, ...]
    mt_content: tuple[bool, ...]

    src_partners: tuple[tuple[int, ...], ...] = ()  # per source word: linked mt words
    mt_partners: tuple[tuple[int, ...], ...] = ()  # per mt word: linked source words

    def src_linked(self, i: int) -> bool:
        return bool(self.src_partners[i])

    def mt_linked(self, j: int) -> bool:
        return bool(self.mt_partners[j])

    def partners_of_mt(self, j: int) -> tuple[int, ...]:
        return self.mt_partners[j]

    def partners_of_src(self, i: int) -> tuple[int, ...]:
        return self.src_partners[i]

    def relative_position(self, i: int, j: int) -> float:
        """How far apart src word i and mt word j sit, as a share of sentence length (0..1)."""
        return abs((i + 0.5) / max(1, len(self.src)) - (j + 0.5) / max(1, len(self.mt)))


@dataclass(frozen=True)
class SrcWord:
    """What aligning needs about one source word form (cached per lexicon)."""

    number: str | None
    candidates: frozenset[str]
    prefixes: frozenset[str]  # first five letters of candidates, for derived English forms
    folded: str
    content: bool


@dataclass(frozen=True)
class MtWord:
    """What aligning needs about one translation word form."""

    number: str | None
    lemmas: frozenset[str]  # empty for function words
    prefixes: frozenset[str]
    folded: str
    content: bool


_MT_WORDS: dict[str, MtWord] = {}


def mt_word(text: str) -> MtWord:
    try:
        return _MT_WORDS[text]
    except KeyError:
        pass
    if text[:1].isdigit():
        info = MtWord(text.replace(",", "."), frozenset(), frozenset(), "", False)
    elif text.lower() in EN_FUNCTION_WORDS:
        info = MtWord(None, frozenset(), frozenset(), "", False)
    else:
        lemmas = en_lemma_set(text)
        info = MtWord(
            None,
            lemmas,
            frozenset(m[:5] for m in lemmas if len(m) >= 5),
            _folded(text) if text.isascii() else "",
            en_is_content(text),
        )
    if len(_MT_WORDS) < 500_000:
        _MT_WORDS[text] = info
    return info


def src_word(lexicon: Lexicon, text: str) -> SrcWord:
    cache = lexicon.word_cache
    try:
        return cache[text]  # type: ignore[return-value]
    except KeyError:
        pass
    if text[:1].isdigit():
        info = SrcWord(text.replace(",", "."), frozenset(), frozenset(), "", False)
    else:
        cands = lexicon.src_candidates(text)
        info = SrcWord(
            None,
            cands,
            frozenset(c[:5] for c in cands if len(c) >= 5),
            _folded(transliterate(text)) if len(text) >= 3 else "",
            ru_is_content(text),
        )
    if len(cache) < 500_000:
        cache[text] = info
    return info


def pair_link(lexicon: Lexicon, s_text: str, s: SrcWord, m_text: str, m: MtWord) -> bool:
    """Whether the source word may be rendered by the translation word (see the module doc)."""
    if s.number is not None or m.number is not None:
        return s.number == m.number
    if not m.lemmas:
        return False
    if not s.candidates.isdisjoint(m.lemmas):
        return True
    if not s.prefixes.isdisjoint(m.prefixes) and lexicon.links_word(s_text, m_text):
        return True
    return bool(s.folded) and s.folded[:3] == m.folded[:3] and cognate(s_text, m_text)


def word_link(lexicon: Lexicon, src_text: str, mt_text: str) -> bool:
    return pair_link(lexicon, src_text, src_word(lexicon, src_text), mt_text, mt_word(mt_text))


# Per-source-sentence caches are emptied when they grow past this many sentences.
SOURCE_CACHE_LIMIT = 50_000
T = TypeVar("T")


def per_source(cache: dict[str, object], src: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per source sentence (a source is checked against several
    translations), kept in ``cache``, which is emptied when it holds SOURCE_CACHE_LIMIT."""
    try:
        return cache[src]  # type: ignore[return-value]
    except KeyError:
        pass
    value = compute()
    if len(cache) >= SOURCE_CACHE_LIMIT:
        cache.clear()
    cache[src] = value
    return value


def source_side(
    lexicon: Lexicon, src: str
) -> tuple[tuple[Token, ...], tuple[SrcWord, ...], tuple[bool, ...]]:
    """The source sentence's tokens, what aligning needs about each, and which are content
    words; cached per sentence (a source is aligned with several translations)."""

    def compute() -> tuple[tuple[Token, ...], tuple[SrcWord, ...], tuple[bool, ...]]:
        tokens = words(src)
        info = tuple(src_word(lexicon, t.text) for t in tokens)
        return tokens, info, tuple(s.content for s in info)

    return per_source(lexicon.source_cache, src, compute)


def align(lexicon: Lexicon, src: str, mt: str) -> Alignment:
    """Link every source word to every translation word it may render (many-to-many).

    Works through indexes of the translation's lemmas, prefixes, transliteration keys and
    numbers, so the cost grows with the number of words, not with their product.
    """
    s_tok, s_info, s_content = source_side(lexicon, src)
    m_tok = words(mt)
    m_info = [mt_word(t.text) for t in m_tok]
    by_lemma: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    by_sound: dict[str, list[int]] = {}
    by_number: dict[str, list[int]] = {}
    for j, m in enumerate(m_info):
        if m.number is not None:
            by_number.setdefault(m.number, []).append(j)
            continue
        for lem in m.lemmas:
            by_lemma.setdefault(lem, []).append(j)
        for pre in m.prefixes:
            by_prefix.setdefault(pre, []).append(j)
        if m.lemmas and len(m.folded) >= 3:
            by_sound.setdefault(m.folded[:3], []).append(j)
    mt_lemmas = frozenset(by_lemma)
    mt_prefixes = frozenset(by_prefix)
    links: set[tuple[int, int]] = set()
    scale = len(s_tok) / max(1, len(m_tok))
    for i, s in enumerate(s_info):
        if s.number is not None:
            for j in by_number.get(s.number, ()):
                links.add((i, j))
            continue
        found: set[int] = set()
        if s.candidates:
            for lem in s.candidates & mt_lemmas:  # C-speed, iterates the smaller set
                found.update(by_lemma[lem])
            for pre in s.prefixes & mt_prefixes:
                for j in by_prefix[pre]:
                    if j not in found and lexicon.links_word(s_tok[i].text, m_tok[j].text):
                        found.add(j)
        if s.folded:
            for j in by_sound.get(s.folded[:3], ()):
                if j not in found and cognate(s_tok[i].text, m_tok[j].text):
                    found.add(j)
        if len(found) > MAX_PARTNERS:
            # A word repeated many times: keep the partners nearest the same relative position
            # (bounded work on long or repetitive input).
            found = set(sorted(found, key=lambda j: abs(j * scale - i))[:MAX_PARTNERS])
        for j in found:
            links.add((i, j))
    if lexicon.phrases:
        _phrase_links(lexicon, src, by_lemma, links, scale)
    src_partners: list[list[int]] = [[] for _ in s_tok]
    mt_partners: list[list[int]] = [[] for _ in m_tok]
    for i, j in sorted(links):
        src_partners[i].append(j)
        mt_partners[j].append(i)
    return Alignment(
        s_tok,
        m_tok,
        frozenset(links),
        s_content,
        tuple(m.content for m in m_info),
        tuple(map(tuple, src_partners)),
        tuple(map(tuple, mt_partners)),
    )


def phrase_keys(tokens: tuple[Token, ...], i: int, n: int) -> list[str]:
    """Lemma keys ("юридический лицо") for the ``n`` source words starting at ``i``."""
    keys = [""]
    for t in tokens[i : i + n]:
        lemmas = [lem.lemma for lem in ru_lemmas(t.text) if lem.pos != "FUNC"][:2]
        if not lemmas:
            return []
        keys = [f"{k} {lem}".strip() for k in keys for lem in lemmas]
    return keys


def source_phrases(lexicon: Lexicon, src: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start word, length, lemma key, English phrase) for every set phrase of the lexicon in
    ``src``; cached per source sentence (a source is checked against several translations)."""

    def compute() -> tuple[tuple[int, int, str, str], ...]:
        tokens = words(src)
        return tuple(
            (i, n, key, phrase)
            for n in (2, 3)
            for i in range(len(tokens) - n + 1)
            for key in phrase_keys(tokens, i, n)
            for phrase in lexicon.phrase_renderings(key)
        )

    return per_source(lexicon.phrase_cache, src, compute)


def source_units(lexicon: Lexicon, src: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start word, 2, lemma key, English word) for every pair of adjacent source words the
    lexicon renders by one English word together ("окружающей среды" → environment); cached
    per source sentence."""

    def compute() -> tuple[tuple[int, int, str, str], ...]:
        if not lexicon.units:
            return ()
        tokens = words(src)
        return tuple(
            (i, 2, lemmas, word)
            for i in range(len(tokens) - 1)
            for lemmas in phrase_keys(tokens, i, 2)
            for word in lexicon.unit_renderings(lemmas)
        )

    return per_source(lexicon.unit_cache, src, compute)


def _phrase_links(
    lexicon: Lexicon,
    src: str,
    positions: dict[str, list[int]],
    links: set[tuple[int, int]],
    scale: float,
) -> None:
    """Links for the source's set phrases rendered in the translation; ``positions`` maps each
    English lemma to the translation words that have it, in order."""
    phrases = source_phrases(lexicon, src)
    if not phrases:
        return
    for i, n, _, phrase in phrases:
        hits: list[int] = []
        for w in phrase.split():
            if w in EN_FUNCTION_WORDS:
                continue
            js = positions.get(w)
            if not js:
                break
            if len(js) > MAX_PARTNERS:
                js = sorted(js, key=lambda j: abs(j * scale - i))[:MAX_PARTNERS]
            hits.extend(js)
        else:
            for a in range(i, i + n):
                for j in hits:
                    links.add((a, j))
