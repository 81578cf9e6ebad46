"""How common a word is in running text: wordfreq's Zipf frequency (0 = unknown, 7 = "the")."""

from __future__ import annotations

from functools import lru_cache

# (word as asked, lang) -> Zipf frequency: the hot path is one dict lookup, without lowering the
# word or calling through the lower-cased cache below. Cleared past this many entries.
_ASKED: dict[tuple[str, str], float] = {}
ASKED_LIMIT = 400_000


def zipf(word: str, lang: str = "en") -> float:
    """The Zipf frequency of ``word`` in ``lang`` (wordfreq folds case itself, so the cache is
    keyed on the lower-cased word); 0.0 for a language wordfreq has no list for."""
    key = (word, lang)
    try:
        return _ASKED[key]
    except KeyError:
        pass
    value = _zipf(word.lower(), lang)
    if len(_ASKED) >= ASKED_LIMIT:
        _ASKED.clear()
    _ASKED[key] = value
    return value


@lru_cache(maxsize=200_000)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError):
        return 0.0
