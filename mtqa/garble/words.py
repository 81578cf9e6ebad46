"""Word-level helpers for the garble families: tokens with offsets, lemmas, frequencies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtqa.lexicon.frequency import zipf as zipf  # re-exported for the garble families
from mtqa.lexicon.lemmas import ru_lemmas as lexicon_ru_lemmas

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# Russian inflectional endings, longest first: a crude stem for word forms the lemmatiser does not
# relate to a table's words, and for a name's inflected form.
_RU_ENDINGS = sorted(
    [
        "а",
        "я",
        "о",
        "е",
        "ы",
        "и",
        "у",
        "ю",
        "ь",
        "й",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ой",
        "ей",
        "ый",
        "ий",
        "ого",
        "его",
        "ому",
        "ему",
        "ом",
        "ем",
        "ым",
        "им",
        "ых",
        "их",
        "ую",
        "юю",
        "ам",
        "ям",
        "ами",
        "ями",
        "ах",
        "ях",
        "ов",
        "ев",
        "ей",
        "ия",
        "ие",
        "ий",
        "ию",
        "ием",
        "ией",
        "иях",
        "иям",
        "иями",
        "ть",
        "ти",
        "ет",
        "ут",
        "ют",
        "ит",
        "ат",
        "ят",
        "ешь",
        "ишь",
        "ем",
        "им",
        "ете",
        "ите",
        "ал",
        "ала",
        "ало",
        "али",
        "ил",
        "ила",
        "ило",
        "или",
        "ся",
        "сь",
    ],
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def words(text: str) -> list[Word]:
    """Alphabetic words of ``text`` with their offsets (hyphen/apostrophe compounds kept whole)."""
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def match_case(new: str, old: str) -> str:
    """``new`` written with the capitalisation pattern of ``old``."""
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


@lru_cache(maxsize=65536)
def ru_lemmas(word: str) -> tuple[str, ...]:
    """Dictionary forms a Russian word form may have (mtqa.lexicon's lemmatiser), then the form."""
    low = word.lower().replace("ё", "е")
    return tuple(dict.fromkeys([*(lem.lemma for lem in lexicon_ru_lemmas(low)), low]))


def ru_stem(word: str) -> str:
    """``word`` without its longest inflectional ending, keeping at least 3 letters."""
    low = word.lower().replace("ё", "е")
    for ending in _RU_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            return low[: -len(ending)]
    return low


def runs_of(text: str, sep: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of the stretches of ``text`` between matches of ``sep``."""
    pos = 0
    for m in sep.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)
