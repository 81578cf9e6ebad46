"""The Russian words a dictionary sense names beside its renderings: notes, examples, labels.

Mueller tells its senses apart by context: "heavy 7) сильный (о буре, дожде, росе и т.п.)",
"solve 1) решать, разрешать (проблему и т.п.)", "unit 5) _воен. часть", "net profit чистая
прибыль". The lemma maps of :mod:`mtqa.lexicon.lookup` drop these notes (they are no
renderings); :class:`SenseContexts` reads them back for one English headword at a time, from
the dictionary's own files, when a check asks: whether the sense of "heavy" that renders
«сильный» names «дождь».

Nothing is cached on disk and nothing is copied from the dictionary: the entry text is read
from the system's files on first use (about a second for Mueller) and parsed per headword.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import regex

from mtqa.errors import MtqaError
from mtqa.lexicon import dictd
from mtqa.lexicon.lemmas import ru_lemmas

# A sense number ("1)", "2.") or a homonym mark ("_I", "_II") opens a new sense.
_SENSE_BREAK = regex.compile(r"(?:^|\s)(?:\d+\s*[.)]|_[IVX]+(?=\s))")
_LABEL = regex.compile(r"_(\p{Cyrillic}+)\.")
_CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+(?:-\p{Cyrillic}+)*")
# Short Russian words that are no context (pronouns, prepositions, "и т.п.").
_MIN_LEN = 3


class SenseContexts:
    """Per English headword: its senses as sets of Russian lemmas (renderings, notes and
    examples together) and the stems of their subject labels ("воен" for ``_воен.``)."""

    def __init__(self, files: dictd.DictionaryFiles | None) -> None:
        self._files = files
        self._index: dict[str, list[tuple[int, int]]] | None = None
        self._text: bytes | None = None

    def _load(self) -> None:
        assert self._files is not None
        index: dict[str, list[tuple[int, int]]] = {}
        for head, offset, length in dictd.read_index(self._files):
            index.setdefault(head.lower(), []).append((offset, length))
        try:
            self._text = dictd.read_text(self._files)
        except MtqaError:
            self._text = b""  # an unreadable text: no sense notes, as without a dictionary
        self._index = index

    def senses(self, headword: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """(Russian lemmas, label stems) of each sense of the headword's entries."""
        return _senses(self, headword.lower())

    def _entry_text(self, headword: str) -> str:
        if self._files is None:
            return ""
        if self._index is None:
            self._load()
        assert self._index is not None and self._text is not None
        parts = [
            self._text[offset : offset + length].decode("utf-8", "replace")
            for offset, length in self._index.get(headword, ())
        ]
        return "\n".join(parts)

    def names(
        self,
        headword: str,
        is_source: Callable[[str], bool],
        partner_lemmas: frozenset[str],
    ) -> bool:
        """Whether a sense of ``headword`` that renders the source word (a lemma for which
        ``is_source`` holds) names one of ``partner_lemmas``: a Russian word of its note or
        example, or a subject label that begins the partner (``_воен.`` for «военный»)."""
        for lemmas, labels in self.senses(headword):
            own = {lem for lem in lemmas if is_source(lem)}
            if not own:
                continue
            if (lemmas - own) & partner_lemmas:
                return True
            if any(p.startswith(stem) for stem in labels for p in partner_lemmas):
                return True
        return False


@lru_cache(maxsize=20_000)
def _senses(
    contexts: SenseContexts, headword: str
) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    text = " ".join(line.strip() for line in contexts._entry_text(headword).split("\n"))
    out = []
    for chunk in _SENSE_BREAK.split(text):
        labels = frozenset(
            m.group(1).lower() for m in _LABEL.finditer(chunk) if len(m.group(1)) >= 4
        )
        lemmas: set[str] = set()
        for m in _CYRILLIC_WORD.finditer(_LABEL.sub(" ", chunk)):
            word = m.group(0)
            if len(word) < _MIN_LEN:
                continue
            lemmas.update(lem.lemma for lem in ru_lemmas(word) if lem.pos != "FUNC")
        if lemmas:
            out.append((frozenset(lemmas), labels))
    return tuple(out)
