"""How common a word is in running text: wordfreq's Zipf frequency (0 = unknown, 7 = "the")."""

from __future__ import annotations

from functools import lru_cache


def zipf(word: str, lang: str = "en") -> float:
    """The Zipf frequency of ``word`` in ``lang`` (wordfreq folds case itself, so the cache is
    keyed on the lower-cased word); 0.0 for a language wordfreq has no list for."""
    return _zipf(word.lower(), lang)


@lru_cache(maxsize=200_000)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError):
        return 0.0
