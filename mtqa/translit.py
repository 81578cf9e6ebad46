"""Romanisation of Cyrillic names: one letter table per scheme, here and nowhere else.

* ``RUSSIAN_BGN``: BGN/PCGN without its optional diacritics, the form English newsrooms write
  (Шмыгаль -> Shmygal); ``CYRILLIC_BGN`` adds the Ukrainian and Belarusian letters.
* ``LETTER_SPELLINGS`` / ``PAIR_SPELLINGS``: every spelling English text shows for a letter (BGN
  first, then scholarly/ISO-like, German/Polish-style, Ukrainian г -> h): a name written in any of
  them is a good rendering (the names check matches against them).
* ``FOREIGN_SPELLINGS``: the letter spellings among those that only foreign-language schemes
  write; a name spelled with one is good only where English text knows the word.
* ``WRONG_SCHEMES``: schemes English news does not use for a Russian name but careless pipelines
  produce: German (Duden), French, and scholarly/ISO 9 with its diacritics lost. Each is BGN with
  the letters where it differs; the garble generator misspells names with them.

:func:`romanise` spells a word in one scheme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

RUSSIAN_BGN: dict[str, str] = {
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
}
# Ukrainian and Belarusian letters (their own national systems, close enough for matching).
CYRILLIC_BGN: dict[str, str] = {
    **RUSSIAN_BGN,
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "w",
}
VOWELS = frozenset("аеёиоуыэюяіїє")

# Latin spellings of each letter that English text shows for names: BGN/PCGN first, then
# scholarly/ISO-like, German/Polish-style, and Ukrainian г -> h. A name's good spellings are every
# combination (the names check matches them as one automaton).
LETTER_SPELLINGS: dict[str, tuple[str, ...]] = {
    "а": ("a",),
    "б": ("b",),
    "в": ("v",),
    "г": ("g", "h", "gh"),
    "д": ("d",),
    "е": ("e", "ye", "ie", "je"),
    "ё": ("yo", "e", "io", "jo", "o"),
    "ж": ("zh", "j", "z", "g", "s"),
    "з": ("z", "s"),
    "и": ("i", "y", "e"),
    "й": ("y", "i", "j", ""),
    "к": ("k", "c"),
    "л": ("l",),
    "м": ("m",),
    "н": ("n",),
    "о": ("o", "a"),
    "п": ("p",),
    "р": ("r",),
    "с": ("s", "ss", "c"),
    "т": ("t", "th"),
    "у": ("u", "ou", "oo", "w"),
    "ф": ("f", "ph", "v"),
    "х": ("kh", "h", "ch", "j", "x", "g"),
    "ц": ("ts", "c", "tz", "z", "tc", "cz"),
    "ч": ("ch", "tch", "tsch", "cz", "c", "tsh"),
    "ш": ("sh", "sch", "sz", "ch", "s"),
    "щ": ("shch", "sch", "sc", "szcz", "sh"),
    "ъ": ("",),
    "ы": ("y", "i"),
    "ь": ("", "i", "y", "'"),
    "э": ("e", "a"),
    "ю": ("yu", "iu", "ju", "u", "ew"),
    "я": ("ya", "ia", "ja", "a"),
    "і": ("i",),
    "ї": ("yi", "i", "ji"),
    "є": ("ye", "ie", "je", "e"),
    "ґ": ("g",),
    "ў": ("w", "u"),
}
# Letter pairs rendered as one sound ("кс" -> x, "ий"/"ый" at the end -> y/i, "ье" -> ie/ye).
PAIR_SPELLINGS: dict[str, tuple[str, ...]] = {
    "кс": ("x",),
    "ий": ("y", "i", "ii", "iy", "yi", "ij", "ie"),
    "ый": ("y", "yi", "iy", "i"),
    "ей": ("ey", "ei", "ej", "ay"),
    "ай": ("ay", "ai", "aj"),
    "ой": ("oy", "oi", "oj"),
    "ье": ("ie", "ye", "e", "ije", "je"),
    "ья": ("ya", "ia", "ja"),
    "ью": ("yu", "iu", "ju"),
    "кк": ("kk", "k", "ck"),
    "дж": ("j", "dzh", "dj", "g"),
    "нь": ("n", "gn", "ny"),
}
# The spellings above that German, French, Polish or scholarly schemes write and English news does
# not, for a Russian name (Wolgograd, Poutine, Sotschi, Mjasnikov, Andrej). A spelling that needs
# one is good only where English text knows the word as written (Juan, Josep, Scholz, Michael):
# names from those languages come back in their own spelling.
FOREIGN_SPELLINGS: dict[str, frozenset[str]] = {
    "е": frozenset({"ie", "je"}),
    "ё": frozenset({"io", "jo"}),
    "ж": frozenset({"j", "z", "g", "s"}),
    "з": frozenset({"s"}),
    "й": frozenset({"j"}),
    "у": frozenset({"ou"}),
    "х": frozenset({"ch", "j", "x", "g"}),
    "ц": frozenset({"c", "z", "tc", "cz"}),
    "ч": frozenset({"tch", "tsch", "cz", "c", "tsh"}),
    "ш": frozenset({"sch", "sz", "ch", "s"}),
    "щ": frozenset({"sch", "sc", "szcz"}),
    "ь": frozenset({"'"}),
    "ю": frozenset({"ju"}),
    "я": frozenset({"ja"}),
    "ї": frozenset({"ji"}),
    "є": frozenset({"je"}),
    "ий": frozenset({"ij"}),
    "ей": frozenset({"ej"}),
    "ай": frozenset({"aj"}),
    "ой": frozenset({"oj"}),
    "ье": frozenset({"ije", "je"}),
    "ья": frozenset({"ja"}),
    "ью": frozenset({"ju"}),
}


@dataclass(frozen=True)
class Scheme:
    """A romanisation: a Latin spelling per letter, and "е" at a word's start or after a vowel
    (BGN's "ye", German "je", French "ie"; elsewhere "е" is the table's "e")."""

    name: str
    letters: Mapping[str, str]
    initial_e: str


def _scheme(name: str, initial_e: str, changes: dict[str, str]) -> Scheme:
    """A scheme as BGN with the letters where it differs."""
    return Scheme(name, MappingProxyType({**CYRILLIC_BGN, **changes}), initial_e)


BGN = _scheme("bgn", "ye", {})
WRONG_SCHEMES: dict[str, Scheme] = {
    s.name: s
    for s in (
        _scheme(
            "german",
            "je",
            {
                "в": "w",
                "з": "s",
                "ё": "jo",
                "ж": "sch",
                "й": "j",
                "х": "ch",
                "ц": "z",
                "ч": "tsch",
                "ш": "sch",
                "щ": "schtsch",
                "ю": "ju",
                "я": "ja",
            },
        ),
        _scheme(
            "french",
            "ie",
            {
                "у": "ou",
                "ё": "io",
                "ж": "j",
                "й": "ï",
                "ч": "tch",
                "ш": "ch",
                "щ": "chtch",
                "ю": "iou",
                "я": "ia",
            },
        ),
        # ISO 9 / scholarly with the diacritics lost (č -> c, š -> s, ž -> z), as a careless
        # pipeline writes them.
        _scheme(
            "scholarly",
            "e",
            {
                "ё": "e",
                "ж": "z",
                "й": "j",
                "х": "h",
                "ц": "c",
                "ч": "c",
                "ш": "s",
                "щ": "sc",
                "ь": "'",
                "ю": "ju",
                "я": "ja",
            },
        ),
    )
}
SCHEMES: dict[str, Scheme] = {"bgn": BGN, **WRONG_SCHEMES}


def romanise(word: str, scheme: str | Scheme = "bgn") -> str:
    """``word`` in ``scheme`` (a name of :data:`SCHEMES` or a :class:`Scheme`); an upper-case
    letter gives a capitalised spelling ("Ш" -> "Sh"); other characters are kept."""
    table = SCHEMES[scheme] if isinstance(scheme, str) else scheme
    out = []
    prev = ""
    for ch in word:
        low = ch.lower()
        if low == "е" and (not prev or prev in VOWELS or prev in "ъь"):
            lat = table.initial_e
        else:
            lat = table.letters.get(low, low)
        if ch.isupper() and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        prev = low
    return "".join(out)


# How Russian writes the names of other languages, read backwards: per source language, the
# Latin spellings a Cyrillic letter or cluster stands for in that language's own spelling
# (German Шольц: ш -> sch, ц -> z: Scholz; Japanese Кисида by Polivanov: си -> shi: Kishida;
# Korean Чен: ч -> j, е -> o, н -> ng: Jong; Portuguese Гутерриш: final иш -> es: Guterres;
# Hungarian Сийярто: с -> sz, й -> j, я -> ja: Szijjarto). A key ending in "$" holds only at the
# end of a word. Every letter may also keep its BGN spelling (RUSSIAN_BGN), so a candidate mixes
# the two ("Merz": BGN m, e, r and German ц -> z). These are conventions of spelling, not names:
# the names check keeps a candidate only where English text knows it as a word. Greek-style ф -> ph
# is left out: Russian words from Greek share it (Фобос is no "Phobos" in a weather centre's name).
ORIGIN_CONVENTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "german": {
        "ш": ("sch",),
        "ч": ("tsch",),
        "шт": ("st",),
        "шп": ("sp",),
        "ц": ("z", "tz"),
        "й": ("j",),
        "ай": ("ei", "ai", "ay"),
        "ей": ("ei",),
        "ой": ("eu",),
        "х": ("h", "ch"),
        "в": ("w",),
        "ф": ("v",),
        "з": ("s",),
        "к": ("ck",),
        "кк": ("ck",),
        "с": ("ss",),
        "е": ("ae", "ä"),
        "э": ("ae", "e"),
        "ё": ("oe",),
        "ю": ("ue", "u"),
        "я": ("ja",),
        "и": ("ie",),
        "ль": ("l",),
    },
    "french": {
        "ш": ("ch",),
        "ж": ("j", "g"),
        "у": ("ou",),
        "ю": ("u",),
        "о": ("au", "eau"),
        "о$": ("ot", "eau", "eaux", "aux", "ault"),
        "э": ("e", "ai"),
        "е": ("ai",),
        "ье$": ("ier", "iez", "iet"),
        "ье": ("ie",),
        "эль": ("el",),
        "ель": ("el", "elle"),
        "ль": ("l", "ll"),
        "к": ("c", "qu"),
        "кс": ("x",),
        "с": ("c", "ss"),
        "г": ("gu",),
        "и": ("y",),
        "й": ("ille", "il"),
    },
    "english": {
        "дж": ("j", "g"),
        "х": ("h",),
        "у": ("oo", "ou"),
        "э": ("a",),
        "ай": ("i", "y", "igh"),
        "ей": ("a", "ay", "ai"),
        "о": ("au", "aw"),
        "с": ("ss", "c"),
        "к": ("c", "ck"),
        "в": ("w",),
        "уи": ("wi",),
        "т": ("th",),
        "и": ("ee", "ea"),
        # English "ea" read as two vowels, which Russian writes иа (Keanu: Киану)
        "иа": ("ea",),
        "и$": ("y", "ie", "ey"),
        "к$": ("ke", "ck"),
        "н$": ("ne",),
        "т$": ("te",),
        "с$": ("se", "ce"),
        "л$": ("le",),
        "тч": ("tch",),
    },
    "japanese": {
        "си": ("shi",),
        "ти": ("chi",),
        "цу": ("tsu",),
        "дзи": ("ji",),
        "дз": ("z",),
        "дзю": ("ju",),
        "дзё": ("jo",),
        "дзя": ("ja",),
        "сю": ("shu",),
        "сё": ("sho",),
        "ся": ("sha",),
        "тю": ("chu",),
        "тё": ("cho",),
        "тя": ("cha",),
        "х": ("h",),
        "й": ("i",),
        "н": ("m",),
        "ва": ("wa",),
        "оо": ("o", "oh"),
    },
    "korean": {
        "ч": ("j",),
        "чх": ("ch",),
        "пх": ("p",),
        "тх": ("t",),
        "кх": ("k",),
        "ын": ("eun", "un"),
        "ен": ("ong", "eong", "yong"),
        "ён": ("yeon", "yong"),
        "он": ("ong", "eon"),
        "ян": ("yang",),
        "ань": ("ang",),
        "ень": ("yong",),
        "ю": ("yoo",),
        "сок": ("suk",),
    },
    "spanish": {
        "х": ("j", "g"),
        "с": ("z", "c"),
        "ль": ("l", "ll"),
        "нь": ("n", "ni"),
        "к": ("c", "qu"),
        "ье": ("ie",),
        "кс": ("x",),
        "ги": ("gui",),
        "ге": ("gue",),
    },
    "portuguese": {
        "ж": ("j",),
        "ш": ("s", "x", "ch"),
        "у$": ("o",),
        "иш$": ("es",),
        "ньу": ("nho",),
        "к": ("c",),
        "с": ("c", "z"),
        "ль": ("l", "lh"),
    },
    "hungarian": {
        "ш": ("s",),
        "с": ("sz",),
        "ч": ("cs",),
        "ж": ("zs",),
        "й": ("j", "ly"),
        "дь": ("gy",),
        "нь": ("ny",),
        "ть": ("ty",),
        "ц": ("c",),
        "ё": ("o",),
        "ю": ("u",),
        "я": ("ja", "a"),
    },
    "turkish": {
        "дж": ("c",),
        "ч": ("c",),
        "ш": ("s",),
        "ж": ("j",),
        "ы": ("i",),
        "ю": ("u",),
        "ё": ("o",),
        "х": ("h",),
    },
    "hebrew": {
        "х": ("h", "ch"),
        "ц": ("tz",),
    },
    "arabic": {
        # Russian drops the final h of Arabic -ah and writes the Arabic h as х (Насралла:
        # Nasrallah, Хезболла: Hezbollah, Рамалла: Ramallah)
        "х": ("h",),
        "а$": ("ah",),
        "дж": ("j",),
    },
    "italian": {
        "дж": ("g", "gi", "gg", "ggi"),
        "ч": ("c", "ci"),
        "к": ("c", "ch"),
        "кк": ("cc",),
        "ль": ("gl", "l"),
        "нь": ("gn",),
        "ц": ("z", "zz"),
        # sc is ш only before e and i (Scicluna, Pasce); before a, o, u Italian writes sci
        # (Ascot is no Italian «Ашот»)
        "ш": ("sci",),
        "ше": ("sce",),
        "ши": ("sci",),
    },
    "polish": {
        "ж": ("z", "rz"),
        "ш": ("sz",),
        "ч": ("cz",),
        "щ": ("szcz",),
        "в": ("w",),
        "й": ("j",),
        "е": ("ie",),
        "я": ("ia", "ja"),
        "ю": ("iu",),
        "ц": ("c",),
        "х": ("ch", "h"),
        "дж": ("drz", "dz"),
        "кий$": ("ki",),
        "ий$": ("i",),
    },
}
