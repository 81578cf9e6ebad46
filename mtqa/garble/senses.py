"""Where the generator learns what a Russian word can become in English.

``SenseSource`` is the small interface the families use. ``LexiconSenses`` answers it from
:mod:`mtqa.lexicon` - the same reading of the bilingual dictionary (Mueller 7 from Debian's
``mueller7-dict``, GPL-2+, read where the system has it and never copied) and the same
lemmatiser as the adequacy check. ``BuiltinSenses`` is a tiny hand-written table for tests and
machines without the dictionary; ``TableSenses`` wraps any in-memory table.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Protocol

from mtqa.garble.words import ru_lemmas, ru_stem, zipf
from mtqa.lexicon import dictd
from mtqa.lexicon.lookup import Lexicon, load_lexicon

# English words at least this frequent (wordfreq Zipf) are "common" renderings: a literal MT
# takes those, not the dictionary's rare synonyms listed beside them ("autochthonal").
COMMON_ZIPF = 4.0
# A set phrase the families can find in a translation: two to four plain English words.
_EN_PHRASE = re.compile(r"[a-z]+(?: [a-z]+){1,3}")


class SenseSource(Protocol):
    """What a Russian word can be rendered as, and set phrases with their Russian words."""

    name: str

    def renderings(self, ru_word: str) -> tuple[str, ...]:
        """Single-word English renderings of a Russian word form, the usual ones first."""
        ...

    def translations(self, en_word: str) -> frozenset[str]:
        """Russian dictionary words an English base form translates (to tell senses apart)."""
        ...

    def phrases(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(English set phrase, the Russian dictionary-form words it translates) pairs."""
        ...

    def __hash__(self) -> int:  # the families cache their phrase index per source
        ...


class TableSenses:
    """A ``SenseSource`` over an in-memory table: Russian word -> [(English, rank)]."""

    name = "table"

    def __init__(
        self,
        table: dict[str, list[tuple[str, int]]],
        phrases: tuple[tuple[str, tuple[str, ...]], ...],
    ) -> None:
        self._table = table
        self._phrases = phrases
        inverse: dict[str, set[str]] = defaultdict(set)
        for ru, ens in table.items():
            for en, _ in ens:
                inverse[en].add(ru)
        self._inverse = {en: frozenset(rus) for en, rus in inverse.items()}
        # Word forms the lemmatiser does not relate to a key are matched by their stem.
        self._by_stem: dict[str, list[str]] = defaultdict(list)
        for ru in table:
            self._by_stem[ru_stem(ru)].append(ru)

    def renderings(self, ru_word: str) -> tuple[str, ...]:
        found: dict[str, int] = {}
        keys = [k for k in ru_lemmas(ru_word) if k in self._table]
        if not keys:
            keys = self._by_stem.get(ru_stem(ru_word), [])
        for key in keys:
            for en, rank in self._table[key]:
                found[en] = min(rank, found.get(en, rank))
        return tuple(sorted(found, key=lambda en: (found[en], -zipf(en), en)))

    def translations(self, en_word: str) -> frozenset[str]:
        return self._inverse.get(en_word, frozenset())

    def phrases(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return self._phrases


class BuiltinSenses(TableSenses):
    """A few polysemous words and set phrases, written for the tests (not from any test file)."""

    name = "builtin"

    def __init__(self) -> None:
        senses = {
            "дело": ["case", "affair", "business", "deed"],
            "мир": ["peace", "world"],
            "язык": ["language", "tongue"],
            "ключ": ["key", "spring", "clue"],
            "свет": ["light", "world"],
            "замок": ["castle", "lock"],
            "лицо": ["face", "person", "entity"],
            "принимать": ["accept", "take", "adopt", "receive"],
            "решение": ["decision", "solution", "resolution"],
            "участие": ["participation", "part", "share"],
            "внимание": ["attention", "notice"],
            "обращать": ["turn", "address", "convert"],
            "счет": ["account", "score", "bill"],
            "в": ["in", "into"],
        }
        table = {ru: [(en, rank) for rank, en in enumerate(ens)] for ru, ens in senses.items()}
        phrases = (
            ("take part", ("принимать", "участие")),
            ("make a decision", ("принимать", "решение")),
            ("pay attention", ("обращать", "внимание")),
            ("take into account", ("принимать", "в", "счет")),
        )
        super().__init__(table, phrases)


class LexiconSenses:
    """A ``SenseSource`` over a :class:`mtqa.lexicon.lookup.Lexicon` (the dictionary's lemma maps).

    * renderings: the lexicon's one-word renderings of the word's lemmas in dictionary order
      (most central sense first), the common English words (Zipf >= ``COMMON_ZIPF``) before the
      rare ones; the dictionary alone lists equally central renderings alphabetically.
    * translations: the Russian lemmas whose one-word renderings include the English word.
    * phrases: the lexicon's set phrases of two to four plain English words, with the Russian
      content lemmas they translate.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.name = f"lexicon:{lexicon.signature()}"
        self._renderings: dict[str, tuple[str, ...]] = {}
        self._inverse: dict[str, frozenset[str]] | None = None
        self._phrases: tuple[tuple[str, tuple[str, ...]], ...] | None = None

    def renderings(self, ru_word: str) -> tuple[str, ...]:
        try:
            return self._renderings[ru_word]
        except KeyError:
            pass
        found = self.lexicon.renderings(ru_word)
        # A stable sort: each group keeps the dictionary's order.
        value = tuple(sorted(found, key=lambda en: zipf(en) < COMMON_ZIPF))
        if len(self._renderings) > 200_000:
            self._renderings.clear()
        self._renderings[ru_word] = value
        return value

    def translations(self, en_word: str) -> frozenset[str]:
        if self._inverse is None:
            inverse: dict[str, set[str]] = defaultdict(set)
            renders = self.lexicon.renders
            for ru in renders:
                for en in renders.get(ru):
                    inverse[en].add(ru)
            self._inverse = {en: frozenset(rus) for en, rus in inverse.items()}
        return self._inverse.get(en_word, frozenset())

    def phrases(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if self._phrases is None:
            found: set[tuple[str, tuple[str, ...]]] = set()
            table = self.lexicon.phrases
            for ru in table:
                for en in table.get(ru):
                    if _EN_PHRASE.fullmatch(en):
                        found.add((en, tuple(ru.split())))
            self._phrases = tuple(sorted(found))
        return self._phrases


@lru_cache(maxsize=4)
def default_senses(prefer_dictd: bool = True, dictionary: str | None = None) -> SenseSource:
    """Senses from ``mtqa.lexicon`` where a dictionary is found (``dictionary``, else
    ``$MTQA_DICTIONARY``, else the system's Mueller), else the builtin table.

    A dictionary path given that is missing or not dictd raises :class:`mtqa.errors.MtqaError`.
    """
    if prefer_dictd and dictd.resolve(dictionary) is not None:
        return LexiconSenses(load_lexicon(dictionary))
    return BuiltinSenses()
