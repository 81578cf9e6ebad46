"""Names: transliteration of Cyrillic names and how well an MT word renders a source name.

Names are compared by a standard transliteration (BGN/PCGN for Cyrillic) and a similarity ratio on
a spelling skeleton that forgives the usual Latin variants (Zelensky/Zelenskiy/Zelenskyy) and
Russian case endings.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import regex

from mtqa.checks.source.words import CJK_LANGS as _CJK_LANGS
from mtqa.checks.source.words import CYRILLIC_LANGS as _CYRILLIC_LANGS
from mtqa.checks.source.words import POSSESSIVE as _POSSESSIVE
from mtqa.checks.source.words import WORD as _WORD
from mtqa.text import script_of

# BGN/PCGN romanisation of Russian, without its optional diacritics (the usual newsroom form).
_BGN: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Ukrainian and Belarusian letters (their own national systems, close enough for matching)
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "w",
}
_VOWELS = set("аеёиоуыэюяіїє")
_CASE_ENDINGS = sorted(
    "ого его ому ему ыми ими ами ями ой ей ий ый ая яя ую юю ым им ом ем ых их ах ях ов ев ам ям "
    "а я у ю е ы и ь о".split(),
    key=len,
    reverse=True,
)
# Adjectives from names ("Тверская область" → "Tver Region") are capitalised but render as the base.
_NAME_ADJECTIVE = regex.compile(
    r"(?:ск|цк)(?:ий|ый|ой|ая|ое|ие|ые|ого|ому|им|ым|ом|ую|ых|их|ими|ыми)$"
)
_PATRONYMIC = regex.compile(r"(?:ович|евич|ьич|овн|евн|ичн)\p{L}{0,3}$")
_IY_END = regex.compile(r"(?:iy|yy)$")
_IJ_RUN = regex.compile(r"[yij]+")
_DOUBLED = regex.compile(r"(.)\1+")
_VOWEL_LETTERS = regex.compile(r"[aeiouy]")


def transliterate(word: str) -> str:
    """BGN/PCGN romanisation of a Cyrillic word ("е" is "ye" at the start and after vowels)."""
    out = []
    prev = ""
    for ch in word:
        low = ch.lower()
        if low == "е" and (not prev or prev in _VOWELS or prev in "ъь"):
            lat = "ye"
        else:
            lat = _BGN.get(low, low)
        if ch.isupper() and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        prev = low
    return "".join(out)


def _lemma_guess(word: str) -> str:
    """A nominative guess for a Russian name in another case, for suggestions."""
    low = word.lower()
    for end, repl in (
        ("ского", "ский"),
        ("скому", "ский"),
        ("ским", "ский"),
        ("ском", "ский"),
        ("цкого", "цкий"),
        ("цкому", "цкий"),
        ("цким", "цкий"),
    ):
        if low.endswith(end):
            return word[: -len(end)] + repl
    for end in ("ом", "ым", "а", "у", "е"):
        if low.endswith(end) and len(low) > len(end) + 2 and low[-len(end) - 1] not in _VOWELS:
            return word[: -len(end)]
    return word


def _news_spelling(latin: str) -> str:
    """BGN's final -iy/-yy as newsrooms write it: Dmitriy → Dmitry, Zelenskiy → Zelensky."""
    return _IY_END.sub("y", latin)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling skeleton on which Latin variants of one name coincide (Kiev/Kiyev, Alexei/Aleksey)."""
    w = word.lower()
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if c.isalpha())
    for a, b in (
        ("x", "ks"),
        ("sch", "sh"),
        ("tz", "ts"),
        ("dzh", "j"),
        ("dj", "j"),
        ("z", "s"),
        ("kh", "h"),
        ("ph", "f"),
        ("w", "v"),
        ("ck", "k"),
        ("q", "k"),
        ("ch", "\x01"),
        ("c", "k"),
        ("\x01", "ch"),
        ("tz", "ts"),
        ("ie", "e"),
    ):
        w = w.replace(a, b)
    w = _IJ_RUN.sub("i", w)
    w = _DOUBLED.sub(r"\1", w)
    return w


@lru_cache(maxsize=65536)
def consonants(skel: str) -> str:
    """The consonants of a skeleton: back-transliterated names differ mostly in vowels (Russel/Rassel)."""
    return _VOWEL_LETTERS.sub("", skel)


def _stem(word: str) -> str:
    low = word.lower()
    for end in _CASE_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return word[: -len(end)]
    return word


@lru_cache(maxsize=65536)
def _name_forms(word: str) -> tuple[str, str]:
    """(skeleton of the whole word, skeleton of its stem without a case ending or possessive)."""
    word = _POSSESSIVE.sub("", word)
    if any(script_of(c) == "cyrillic" for c in word):
        return skeleton(transliterate(word)), skeleton(transliterate(_stem(word)))
    return skeleton(word), skeleton(word)


@lru_cache(maxsize=65536)
def _letter_counts(text: str) -> Counter[str]:
    return Counter(text)


def _ratio(a: str, b: str, floor: float) -> float:
    """``SequenceMatcher(None, a, b).ratio()`` when it is at least ``floor``; else some value
    below ``floor`` (cheap upper bounds rule most pairs out without matching them)."""
    total = len(a) + len(b)
    if floor > 0.0 and total:
        if 2.0 * min(len(a), len(b)) / total < floor:
            return 0.0
        common = sum((_letter_counts(a) & _letter_counts(b)).values())
        if 2.0 * common / total < floor:
            return 0.0
    return SequenceMatcher(None, a, b).ratio()


def name_similarity(src_word: str, mt_word: str, floor: float = 0.0) -> float:
    """How well ``mt_word`` renders ``src_word`` (either may be Cyrillic or Latin), 0..1.

    With ``floor`` > 0 a similarity below ``floor`` may come back as any value below it (faster).
    """
    full_a, stem_a = _name_forms(src_word)
    full_b, stem_b = _name_forms(mt_word)
    best = _ratio(full_a, full_b, floor)
    for stem, other in ((stem_a, full_b), (stem_b, full_a)):
        if len(stem) >= 4:
            best = max(best, _ratio(stem, other[: len(stem)], floor))
    ca, cb = consonants(stem_a), consonants(stem_b)
    if (
        len(ca) >= 2
        and len(cb) >= 2
        and (
            consonants(full_a) == consonants(full_b)
            or (min(len(ca), len(cb)) >= 3 and (ca.startswith(cb) or cb.startswith(ca)))
        )
    ):
        best = max(best, 0.95)  # same consonants in order: a spelling variant (Artem/Artjom)
    return best


@dataclass(frozen=True)
class Name:
    text: str
    required: bool
    rare: bool


def _zipf(word: str, lang: str) -> float:
    return _zipf_cached(word.lower(), lang)


@lru_cache(maxsize=65536)
def _zipf_cached(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except (LookupError, ValueError):
        return 0.0


def source_names(src: str, lang: str, common_zipf: float) -> list[Name]:
    """Capitalised words of the source that are names, with whether the MT must show them.

    Sentence-initial words, all-caps abbreviations and patronymics may be absent from a good
    translation; so may very frequent names (countries, capitals, institutions), which English
    writes with its own exonyms (Китай → China) that no transliteration reaches.
    """
    if lang in _CJK_LANGS:
        return []
    out: list[Name] = []
    for m in _WORD.finditer(src):
        w = m.group()
        if not w[:1].isupper() or len(w) < 3:
            continue
        before = src[: m.start()].rstrip()
        initial = not before or before[-1] in '.!?:«"“„—–-(…'
        caps = w.isupper()
        z = _zipf(w, lang)
        if lang not in _CYRILLIC_LANGS and (z >= common_zipf - 1.0 or caps):
            continue  # Latin source: capitalised common words ("President") are not names
        # only names in running text may be judged garbled; a sentence start may be any word
        rare = z < common_zipf and not initial and not _NAME_ADJECTIVE.search(w.lower())
        required = not initial and not caps and rare and not _PATRONYMIC.search(w.lower())
        out.append(Name(w, required, rare and not caps))
    return out
