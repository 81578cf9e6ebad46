"""Surface evidence against the source: a translation that copies it, or is far off its length."""

from __future__ import annotations

import math
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

import regex

from mtqa.checks.source.words import CJK_LANGS, CYRILLIC_LANGS, WORD
from mtqa.text import script_of

# Mean and standard deviation of ln(len(translation)/len(source)) for human translations of news
# (WMT21/22 ru-en references; WMT22 en-ru, WMT23 zh-en), used for length outliers.
LENGTH_STATS: dict[str, tuple[float, float]] = {
    "ru-en": (0.043, 0.145),
    "en-ru": (0.033, 0.14),
    "zh-en": (1.36, 0.27),
    "en-zh": (-1.36, 0.27),
}


_TGT_SCRIPT = {
    **dict.fromkeys(CYRILLIC_LANGS, "cyrillic"),
    **dict.fromkeys(CJK_LANGS, "cjk"),
}


def _script_counts(text: str) -> dict[str, int]:
    """How many letters of ``text`` each script has, scripts in first-seen order (counted per
    distinct character: the same counts as tallying script_of over every letter)."""
    counts: dict[str, int] = {}
    for c, n in Counter(text).items():  # Counter keeps first-seen order
        if c.isalpha():
            script = script_of(c)
            counts[script] = counts.get(script, 0) + n
    return counts


# Per source (checked against every translation of it); the dict is only read.
_source_script_counts = lru_cache(maxsize=4096)(_script_counts)


@lru_cache(maxsize=4096)  # per (casefolded) source; only read
def _char_counts(text: str) -> Counter[str]:
    return Counter(text)


def _common_letters(a: str, b: str) -> int:
    """``sum((Counter(a) & Counter(b)).values())``: characters the two texts share, with
    multiplicity (``b``, the source, counted once per source)."""
    cb = _char_counts(b)
    return sum(min(n, cb[c]) for c, n in Counter(a).items() if c in cb)


# A source whose letters are at most this share in its own language's script is written in the
# target's script already (a product name, a title, an English quote): copying it is no error.
FOREIGN_SOURCE_SHARE = 0.25


def copy_message(
    mt: str,
    src: str,
    tgt_lang: str,
    copy_ratio: float,
    min_words: int,
    src_lang: str | None = None,
) -> str | None:
    """Why ``mt`` is an untranslated copy of ``src`` (a copy, or mostly in the source script), or
    None. With ``src_lang`` written in another script than ``tgt_lang``, a source already in the
    target's script («AMD Ryzen 5 3600 OEM (14999р.)», «Star Wars Fallen order.») may be copied:
    what the source language writes in its own script is what a translator must translate."""
    mt = mt.strip()
    if len(WORD.findall(mt)) < min_words:
        return None
    letters = _script_counts(mt)
    src_letters = _source_script_counts(src)
    if not letters or not src_letters:
        return None
    # the scripts in first-seen order, as set(list of every letter's script) would insert them
    src_script = max(set(src_letters), key=src_letters.__getitem__)
    share = letters.get(src_script, 0) / sum(letters.values())
    tgt_script = _TGT_SCRIPT.get(tgt_lang, "latin")
    own_script = _TGT_SCRIPT.get(src_lang, "latin") if src_lang else None
    if (
        own_script is not None
        and own_script != tgt_script
        and src_letters.get(own_script, 0) <= FOREIGN_SOURCE_SHARE * sum(src_letters.values())
    ):
        return None
    a, b = mt.casefold(), src.strip().casefold()
    # real_quick_ratio() >= quick_ratio() >= ratio(): the cheap bounds settle nearly every pair
    # (a translation shares few characters with a source in another script) with the same answer.
    # Both bounds are computed here as difflib does (2 * matches / total lengths; the character
    # multiset intersection for quick_ratio), before paying for a SequenceMatcher's index of b.
    total = len(a) + len(b)
    if (
        (2.0 * min(len(a), len(b)) / total if total else 1.0) >= copy_ratio
        and (2.0 * _common_letters(a, b) / total if total else 1.0) >= copy_ratio
        and SequenceMatcher(None, a, b).ratio() >= copy_ratio
    ):
        return "the translation is a copy of the source"
    if src_script != tgt_script and share >= 0.5:
        return f"the translation is mostly in the source's {src_script} script"
    return None


# An acronym of the source's script (МЧС, МВД, ВОЗ, ЦБ): English spells many out ("the Ministry
# of Emergency Situations" for «МЧС»), about a word per letter.
_ACRONYM = regex.compile(r"(?<![\p{L}\p{M}])[\p{Lu}]{2,5}(?![\p{L}\p{M}])")
ACRONYM_LETTER_CHARS = 8


def acronym_chars(src: str) -> int:
    """How many characters the source's non-Latin acronyms may add when spelt out in English."""
    return sum(
        len(m.group()) * (ACRONYM_LETTER_CHARS - 1)
        for m in _ACRONYM.finditer(src)
        if script_of(m.group()[0]) != "latin"
    )


def length_z(src: str, ratio: float, mean: float, sd: float, short_chars: float) -> float:
    """How many (length-widened) standard deviations ln(``ratio``) lies from the pair's mean.
    A translation longer than usual is measured against the source with its acronyms spelt out
    («МЧС предупредило жителей Подмосковья о грозе» → "The Ministry of Emergency Situations
    warned residents of the Moscow region about a thunderstorm" is no addition); a shorter one
    against the source as written (an acronym kept is no omission either)."""
    # short sentences vary more: widen the spread by sqrt(1 + short/len)
    spread = (sd or 1.0) * math.sqrt(1.0 + short_chars / len(src.strip()))
    z = (math.log(ratio) - mean) / spread
    extra = acronym_chars(src) if z > 0 else 0
    if extra:
        n = len(src.strip())
        spelt = ratio * n / (n + extra)
        wide = (sd or 1.0) * math.sqrt(1.0 + short_chars / (n + extra))
        z = max(0.0, min(z, (math.log(spelt) - mean) / wide))
    return z
