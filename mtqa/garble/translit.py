"""Romanisation schemes for Russian names: the usual English one and the wrong ones MT uses."""

from __future__ import annotations

from difflib import SequenceMatcher

from mtqa.garble.words import ru_stem

_VOWELS = "аеёиоуыэюя"
_COMMON = dict(
    zip(
        "абвгдзиклмнопрстуфыэ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "z",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "y",
            "e",
        ],
    )
)
# Letters whose romanisation differs between schemes; "е" handled separately (ye/je/e).
SCHEMES: dict[str, dict[str, str]] = {
    # BGN/PCGN as English news uses it (apostrophes for ь/ъ dropped).
    "english": {
        "ё": "yo",
        "ж": "zh",
        "й": "y",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ь": "",
        "ю": "yu",
        "я": "ya",
    },
    "german": {
        "ё": "jo",
        "ж": "sch",
        "й": "j",
        "х": "ch",
        "ц": "z",
        "ч": "tsch",
        "ш": "sch",
        "щ": "schtsch",
        "ъ": "",
        "ь": "",
        "ю": "ju",
        "я": "ja",
        "в": "w",
        "з": "s",
    },
    "french": {
        "ё": "io",
        "ж": "j",
        "й": "ï",
        "х": "kh",
        "ц": "ts",
        "ч": "tch",
        "ш": "ch",
        "щ": "chtch",
        "ъ": "",
        "ь": "",
        "ю": "iou",
        "я": "ia",
        "у": "ou",
    },
    # ISO 9 / scholarly letters with the diacritics lost, as a careless pipeline writes them.
    "scholarly": {
        "ё": "e",
        "ж": "z",
        "й": "j",
        "х": "h",
        "ц": "c",
        "ч": "c",
        "ш": "s",
        "щ": "sc",
        "ъ": "",
        "ь": "'",
        "ю": "ju",
        "я": "ja",
    },
}
_E = {"english": "ye", "german": "je", "french": "ie", "scholarly": "e"}


def romanise(word: str, scheme: str = "english") -> str:
    """``word`` (Cyrillic) in ``scheme``; capitalisation follows the first letter."""
    table = SCHEMES[scheme]
    out, prev = [], ""
    for ch in word.lower():
        if ch == "е":
            lat = _E[scheme] if (not prev or prev in _VOWELS or prev in "ъь") else "e"
        else:
            lat = table.get(ch, _COMMON.get(ch, ch))
        out.append(lat)
        prev = ch
    text = "".join(out)
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


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
    candidates = [romanise(src_word, s) for s in ("german", "french", "scholarly")]
    candidates.append(romanise(src_word))  # the inflected form kept whole ("Shmygalya")
    candidates += [romanise(stem, s) for s in ("german", "french", "scholarly")]
    return [c for c in dict.fromkeys(candidates) if c.lower() != mt_word.lower()]
