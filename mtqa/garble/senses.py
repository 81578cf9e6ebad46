"""Where the generator learns what a Russian word can become in English.

``SenseSource`` is the small interface the families use. ``DictdSenses`` reads an English-Russian
dictd dictionary (the Mueller dictionary of Debian's ``mueller7-dict``, GPL-2+) where the system
has it, at runtime: nothing of it is copied into the repository. ``BuiltinSenses`` is a tiny
hand-written fallback for tests and machines without the dictionary.

Once ``mtqa.lexicon`` (the bilingual dictionary reader of the adequacy issue) is merged, a
``SenseSource`` over its lookup should replace the minimal reader below.
"""

from __future__ import annotations

import gzip
import os
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from mtqa.errors import MtqaError
from mtqa.garble.words import ru_lemmas, ru_stem, zipf

DICTD_DIRS = (Path("/usr/share/dictd"), Path("/usr/local/share/dictd"))
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


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
        # Without pymorphy3 word forms are matched by their stem.
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


def _b64(text: str) -> int:
    n = 0
    for ch in text:
        n = n * 64 + _B64.index(ch)
    return n


_TRANSCRIPTION = re.compile(r"\[[^\]]*\]")
_LABEL = re.compile(r"(?<!\w)_[^\s.;,)]*\.?")
_SENSE_MARK = re.compile(r"(?:^|\s)(?:\d+\.|\d+\)|[а-я]\))(?=\s)")
_BRACKETS = re.compile(r"\([^)]*\)")
_CYR = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN_WORDS = re.compile(r"^[a-z]+(?: [a-z]+){1,3}$")
_CYR_WORD = re.compile(r"^[а-яё]+$")


def parse_entry(head: str, body: str) -> tuple[list[str], list[tuple[str, tuple[str, ...]]]]:
    """Single-word Russian translations of ``head`` in order, and its (English, Russian) phrases."""
    text = " ".join(line.strip() for line in body.splitlines()[1:])
    text = _TRANSCRIPTION.sub(" ", text)
    text = _LABEL.sub(" ", text)
    text = _BRACKETS.sub(" ", text)
    translations: list[str] = []
    phrases: list[tuple[str, tuple[str, ...]]] = []
    for sense in _SENSE_MARK.split(text):
        for segment in sense.split(";"):
            segment = " ".join(segment.split()).strip(" .")
            if not segment:
                continue
            first = _CYR.search(segment)
            if first is None:
                continue
            if first.start() == 0:
                for item in segment.split(","):
                    item = item.strip().lower().replace("ё", "е")
                    if _CYR_WORD.match(item):
                        translations.append(item)
                continue
            english = segment[: first.start()].strip(" ,").lower()
            russian = segment[first.start() :].split(",")[0].strip().lower().replace("ё", "е")
            ru_words = tuple(russian.split())
            if (
                _LATIN_WORDS.match(english)
                and head in english.split()
                and 2 <= len(ru_words) <= 3
                and all(_CYR_WORD.match(w) for w in ru_words)
            ):
                phrases.append((english, ru_words))
    return list(dict.fromkeys(translations)), phrases


class DictdSenses(TableSenses):
    """Senses read from an English-Russian dictd dictionary (``NAME.index`` + ``NAME.dict.dz``)."""

    def __init__(self, index_path: Path, dict_path: Path) -> None:
        try:
            with open(index_path, encoding="utf-8") as f:
                index = [line.rstrip("\n").split("\t") for line in f]
            opener = gzip.open if dict_path.suffix == ".dz" else open
            with opener(dict_path, "rb") as g:
                body = g.read()
        except (OSError, UnicodeDecodeError) as e:
            raise MtqaError(f"cannot read the dictd dictionary {index_path}: {e}") from None
        if not index or any(len(row) < 3 for row in index[:50]):
            raise MtqaError(f"{index_path} is not a dictd index")
        table: dict[str, list[tuple[str, int]]] = defaultdict(list)
        phrases: dict[str, tuple[str, ...]] = {}
        for row in index:
            head = row[0]
            if not head.isalpha() or not head.islower() or not head.isascii():
                continue
            start, length = _b64(row[1]), _b64(row[2])
            entry = body[start : start + length].decode("utf-8", "replace")
            translations, entry_phrases = parse_entry(head, entry)
            for rank, ru in enumerate(translations):
                table[ru].append((head, rank))
            for en, ru_words in entry_phrases:
                phrases.setdefault(en, ru_words)
        super().__init__(dict(table), tuple(sorted(phrases.items())))
        self.name = f"dictd:{index_path.stem}"


def find_dictd(name: str = "mueller7") -> tuple[Path, Path] | None:
    """The system's ``name`` dictd files, or None where it is not installed."""
    for folder in DICTD_DIRS:
        index, body = folder / f"{name}.index", folder / f"{name}.dict.dz"
        if index.exists() and body.exists():
            return index, body
    return None


@lru_cache(maxsize=2)
def default_senses(prefer_dictd: bool = True) -> SenseSource:
    """The Mueller dictionary where the system has it (or ``MTQA_DICTIONARY``), else the builtin."""
    if prefer_dictd:
        env = os.environ.get("MTQA_DICTIONARY")
        if env:
            base = Path(env)
            stem = base.with_suffix("") if base.suffix in (".index", ".dz") else base
            stem = stem.with_suffix("") if stem.suffix == ".dict" else stem
            return DictdSenses(stem.with_suffix(".index"), stem.with_suffix(".dict.dz"))
        found = find_dictd()
        if found:
            return DictdSenses(*found)
    return BuiltinSenses()
