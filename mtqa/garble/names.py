"""Source names in a translation, and the wrong spellings literal MT gives them.

The schemes themselves live in :mod:`mtqa.translit`: BGN/PCGN (what English news writes) and the
wrong schemes (German, French, scholarly without diacritics).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from mtqa.garble.words import ru_stem
from mtqa.translit import WRONG_SCHEMES, romanise


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.lower(), b.lower()).ratio()


def name_match(src_word: str, mt_word: str) -> float:
    """How well ``mt_word`` looks like an English romanisation of ``src_word`` (any case form)."""
    forms = {romanise(src_word), romanise(ru_stem(src_word))}
    best = 0.0
    for form in forms:
        best = max(best, similarity(form, mt_word))
        if len(form) >= 4 and mt_word.lower().startswith(form.lower()[:-1]):
            best = max(best, 0.9)
    return best


def wrong_romanisations(src_word: str, mt_word: str) -> list[str]:
    """Spellings of the source name by a wrong scheme, or of its inflected form kept whole.

    Only spellings that differ from ``mt_word`` (ignoring case) are returned.
    """
    stem = ru_stem(src_word)
    stem = stem[:1].upper() + stem[1:] if src_word[:1].isupper() else stem
    candidates = [romanise(src_word, s) for s in WRONG_SCHEMES]
    candidates.append(romanise(src_word))  # the inflected form kept whole ("Shmygalya")
    candidates += [romanise(stem, s) for s in WRONG_SCHEMES]
    return [c for c in dict.fromkeys(candidates) if c.lower() != mt_word.lower()]
