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

from dataclasses import dataclass
from functools import lru_cache

from mtqa.lexicon.lemmas import CONTENT_POS, EN_FUNCTION_WORDS, en_lemma_set, en_lemmas, ru_lemmas
from mtqa.lexicon.lookup import Lexicon
from mtqa.text import Token, words

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Letters that transliteration schemes and cognates spell in several ways, folded for comparing.
_FOLD = str.maketrans({"y": "i", "j": "i", "h": "g", "c": "k", "q": "k", "w": "v", "x": "ks"})


@lru_cache(maxsize=100_000)
def transliterate(word: str) -> str:
    return "".join(_TRANSLIT.get(c, c) for c in word.lower())


@lru_cache(maxsize=100_000)
def _folded(latin: str) -> str:
    s = latin.lower().replace("kh", "h").replace("ts", "c").replace("ph", "f").replace("th", "t")
    s = s.translate(_FOLD)
    out = []
    for ch in s:  # collapse doubled letters (Russia/Россия)
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=200_000)
def cognate(src_word: str, mt_word: str) -> bool:
    """Same word in two scripts: folded transliterations share a prefix of 5 letters or of most
    of the shorter word (names: 4 letters)."""
    if not mt_word.isascii() or len(mt_word) < 3 or len(src_word) < 3:
        return False
    a, b = _folded(transliterate(src_word)), _folded(mt_word)
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    shorter = min(len(a), len(b))
    return n >= 5 or (n >= 4 and n >= 0.75 * shorter) or (n >= 3 and n == shorter)


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
    "be have do make take get give go come say tell also just very well then there here now "
    "so still even more most much many such other own same new well-known".split()
)


@dataclass(frozen=True)
class Alignment:
    src: tuple[Token, ...]
    mt: tuple[Token, ...]
    links: frozenset[tuple[int, int]]  # (src index, mt index)
    src_content: tuple[bool, ...]
    mt_content: tuple[bool, ...]

    def src_linked(self, i: int) -> bool:
        return any(a == i for a, _ in self.links)

    def mt_linked(self, j: int) -> bool:
        return any(b == j for _, b in self.links)

    def partners_of_mt(self, j: int) -> list[int]:
        return [a for a, b in self.links if b == j]

    def partners_of_src(self, i: int) -> list[int]:
        return [b for a, b in self.links if a == i]

    def relative_position(self, i: int, j: int) -> float:
        """How far apart src word i and mt word j sit, as a share of sentence length (0..1)."""
        return abs((i + 0.5) / max(1, len(self.src)) - (j + 0.5) / max(1, len(self.mt)))


def word_link(lexicon: Lexicon, src_word: str, mt_word: str) -> bool:
    if src_word[:1].isdigit() or mt_word[:1].isdigit():
        return src_word.replace(",", ".") == mt_word.replace(",", ".")
    if lexicon.links_word(src_word, mt_word):
        return True
    return cognate(src_word, mt_word)


def align(lexicon: Lexicon, src: str, mt: str) -> Alignment:
    """Link every source word to every translation word it may render (many-to-many)."""
    s_tok, m_tok = words(src), words(mt)
    links: set[tuple[int, int]] = set()
    # Function words link to nothing: dictionary headwords like "the" list content senses.
    mt_sets = [
        frozenset() if t.text.lower() in EN_FUNCTION_WORDS else en_lemma_set(t.text) for t in m_tok
    ]
    for i, s in enumerate(s_tok):
        cands = lexicon.src_candidates(s.text) if not s.text[:1].isdigit() else frozenset()
        for j, m in enumerate(m_tok):
            if (cands and not cands.isdisjoint(mt_sets[j])) or (
                mt_sets[j]
                and (s.text[:1].isdigit() or m.text[:1].isdigit() or cognate(s.text, m.text))
                and word_link(lexicon, s.text, m.text)
            ):
                links.add((i, j))
    _phrase_links(lexicon, s_tok, m_tok, mt_sets, links)
    return Alignment(
        s_tok,
        m_tok,
        frozenset(links),
        tuple(ru_is_content(t.text) for t in s_tok),
        tuple(en_is_content(t.text) for t in m_tok),
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


def _phrase_links(
    lexicon: Lexicon,
    s_tok: tuple[Token, ...],
    m_tok: tuple[Token, ...],
    mt_sets: list[frozenset[str]],
    links: set[tuple[int, int]],
) -> None:
    for n in (2, 3):
        for i in range(len(s_tok) - n + 1):
            for key in phrase_keys(s_tok, i, n):
                for phrase in lexicon.phrase_renderings(key):
                    hits = []
                    for w in phrase.split():
                        js = [j for j, ls in enumerate(mt_sets) if w in ls]
                        if not js:
                            break
                        hits.extend(js)
                    else:
                        for a in range(i, i + n):
                            for j in hits:
                                links.add((a, j))
