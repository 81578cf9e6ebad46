"""Source-based evidence: numbers, dates and names carried over, copies, and length outliers.

Nothing here knows particular sentences: numbers are compared by value (decimal commas, digit
groups, scale words such as "млн"/"million"), names by a standard transliteration (BGN/PCGN for
Cyrillic) and a similarity ratio on a spelling skeleton that forgives the usual Latin variants
(Zelensky/Zelenskiy/Zelenskyy) and Russian case endings.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import regex

from mtqa.checks.base import Check, Languages, severity_for
from mtqa.text import script_of
from mtqa.types import CheckResult, Flag, Segment

_CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "mk", "sr", "kk"})
_CJK_LANGS = frozenset({"zh", "ja", "ko", "yue"})
# Languages that group digits with spaces ("1 000 000") and write decimal commas.
_SPACE_GROUPING = frozenset({"ru", "uk", "be", "bg", "fr", "de", "pl", "cs", "sv", "fi", "kk"})

# Mean and standard deviation of ln(len(translation)/len(source)) for human translations of news
# (WMT21/22 ru-en references; WMT22 en-ru, WMT23 zh-en), used for length outliers.
_LENGTH_STATS: dict[str, tuple[float, float]] = {
    "ru-en": (0.043, 0.145),
    "en-ru": (0.033, 0.14),
    "zh-en": (1.36, 0.27),
    "en-zh": (-1.36, 0.27),
}

# --- numbers ------------------------------------------------------------------------------------

_NUMBER = regex.compile(
    r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}\p{N}])(\d+(?:[.,]\d+)*(?:[ \u00a0\u202f\u2009]\d{3}(?![\d]))*(?:[.,]\d+)?)"
)
_DATE = regex.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d])")
_TIME = regex.compile(r"(?<![\d])(\d{1,2}):(\d{2})(?![\d])")
_DOTTED_TIME = regex.compile(
    r"(?<![\d.,])(\d{1,2})\.(\d{2})(?=\s?(?:[ap]\.?m\b|ч\b|час))", regex.IGNORECASE
)
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*")
_MT_NAME_PART = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")  # hyphens split compounds
_GROUP_SPACE = regex.compile(r"[ \u00a0\u202f\u2009]")
_DECIMAL_SEP = regex.compile(r"[.,]")
_GLUED_SCALE_RE = regex.compile(r"(?:(k|mn|m|bn|b|tn)(?![\p{L}])|(万|亿))", regex.IGNORECASE)
_SCALE_WORD_RE = regex.compile(r"[ \u00a0\u202f\u2009]?(?:\$|€|£)?([\p{L}]+)")
_SPACED_THOUSANDS = regex.compile(r" \d{3}")
_PM = regex.compile(r"\s?p\.?m\b", regex.IGNORECASE)
_DECADE = regex.compile(r"s\b|-[хе]\b|’s|'s")
_RU_PLURAL_ENDING = regex.compile(r"-(?:х|е)")
_POSSESSIVE = regex.compile(r"['’]s$")
_DIGIT_BEFORE = regex.compile(r"\d\s*$")
_DIGIT_AFTER = regex.compile(r"\s*\d")
_PERCENT = regex.compile(
    r"\s?(?:%|％|процент|per\s?cent|pct\b|п\.\s?п\.|percentage point)", regex.IGNORECASE
)

_SCALE_WORDS: list[tuple[str, float]] = [
    # (prefix of the word that follows a number, multiplier); first match wins
    ("тыс", 1e3),
    ("млн", 1e6),
    ("миллион", 1e6),
    ("млрд", 1e9),
    ("миллиард", 1e9),
    ("трлн", 1e12),
    ("триллион", 1e12),
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("bln", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("trn", 1e12),
    ("tn", 1e12),
]
_GLUED_SCALE = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "万": 1e4,
    "亿": 1e8,
}

_EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
).split()
_EN_NUMBER_WORDS: dict[str, float] = {
    **{w: float(i) for i, w in enumerate(_EN_UNITS)},
    **{w: float(v) for w, v in _EN_TENS.items()},
    **{w: float(i + 1) for i, w in enumerate(_EN_ORDINALS)},
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12.0,
    "half": 0.5,
    "twice": 2.0,
    "double": 2.0,
    "triple": 3.0,
    "once": 1.0,
}
# Russian numeral stems (case endings vary); matched as prefixes with a short tail.
_RU_NUMBER_STEMS: list[tuple[str, float]] = [
    ("одиннадцат", 11),
    ("двенадцат", 12),
    ("тринадцат", 13),
    ("четырнадцат", 14),
    ("пятнадцат", 15),
    ("шестнадцат", 16),
    ("семнадцат", 17),
    ("восемнадцат", 18),
    ("девятнадцат", 19),
    ("двадцат", 20),
    ("тридцат", 30),
    ("сорок", 40),
    ("пятьдесят", 50),
    ("шестьдесят", 60),
    ("семьдесят", 70),
    ("восемьдесят", 80),
    ("девяност", 90),
    ("полтор", 1.5),
    ("половин", 0.5),
    ("один", 1),
    ("одн", 1),
    ("перв", 1),
    ("два", 2),
    ("две", 2),
    ("двух", 2),
    ("двум", 2),
    ("втор", 2),
    ("три", 3),
    ("трех", 3),
    ("трёх", 3),
    ("трем", 3),
    ("трет", 3),
    ("четыр", 4),
    ("четвер", 4),
    ("пят", 5),
    ("шест", 6),
    ("сем", 7),
    ("седьм", 7),
    ("восем", 8),
    ("восьм", 8),
    ("девят", 9),
    ("десят", 10),
    ("сто", 100),
    ("двест", 200),
    ("тысяч", 1e3),
    ("миллион", 1e6),
    ("миллиард", 1e9),
    ("дважды", 2),
    ("трижды", 3),
]
# The same stems, in the same order, grouped by first letter (only those can match a word).
_RU_NUMBER_STEMS_BY_LETTER: dict[str, list[tuple[str, float]]] = {}
for _stem_value in _RU_NUMBER_STEMS:
    _RU_NUMBER_STEMS_BY_LETTER.setdefault(_stem_value[0][0], []).append(_stem_value)
_HAN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10000,
}
_HAN_RUN = regex.compile("[" + "".join(_HAN_DIGITS) + "]+")
_EN_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_EN_MONTH_ABBR = {m[:3]: i for m, i in _EN_MONTHS.items()} | {"sept": 9}
_RU_MONTH_STEMS = [
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
]
_RU_MAY = frozenset({"май", "мая", "мае", "маем"})
_ROMAN = regex.compile(r"^(?=[IVXLC]{2,}$)(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class _Item:
    """A number or a month found in one text, with every value it may stand for."""

    start: int
    end: int
    text: str
    values: frozenset[Any]
    scale: float | None = None
    scaled: frozenset[Any] = field(default_factory=frozenset)

    def matches(self, other: _Item) -> bool:
        if self.scale and other.scale:
            return bool(self.scaled & other.scaled)
        return bool((self.values | self.scaled) & (other.values | other.scaled))


def _roman(token: str) -> int | None:
    if not _ROMAN.match(token):
        return None
    total = 0
    for a, b in zip(token, token[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def _parse_number(text: str, lang: str) -> set[float]:
    """Every value a digit string may mean: "1,500" is 1500 in English text and maybe 1.5."""
    digits = _GROUP_SPACE.sub("", text)
    seps = [c for c in digits if c in ".,"]
    if not seps:
        return {float(digits)}
    parts = _DECIMAL_SEP.split(digits)
    values: set[float] = set()
    if len(set(seps)) == 2:
        dec = seps[-1]
        whole = digits[: digits.rfind(dec)].replace(",", "").replace(".", "")
        values.add(float(f"{whole}.{parts[-1]}"))
    elif len(seps) > 1:
        if all(len(p) == 3 for p in parts[1:]):
            values.add(float("".join(parts)))
        else:  # a dotted date or version: keep the pieces
            values.update(float(p) for p in parts)
    else:
        values.add(float(f"{parts[0]}.{parts[1]}"))
        if len(parts[1]) == 3:
            values.add(float(parts[0] + parts[1]))
    return values


def _scale_after(text: str, end: int, lang: str) -> tuple[float | None, int]:
    tail = text[end : end + 16]
    glued = _GLUED_SCALE_RE.match(tail)
    if glued:
        return _GLUED_SCALE[(glued.group(1) or glued.group(2)).lower()], end + glued.end()
    m = _SCALE_WORD_RE.match(tail)
    if m:
        word = m.group(1).lower()
        for prefix, mult in _SCALE_WORDS:
            if word.startswith(prefix) and (len(prefix) >= 4 or len(word) - len(prefix) <= 2):
                return mult, end + m.end()
    return None, end


def nums_of(values: set[Any]) -> set[float]:
    return {v for v in values if isinstance(v, float)}


def _round(values: set[float]) -> frozenset[float]:
    # nine significant digits: 315.1 × 10⁸ and 31.51 × 10⁹ must meet
    return frozenset(float(f"{v:.9g}") for v in values)


def _round_mixed(values: set[Any]) -> frozenset[Any]:
    return frozenset(float(f"{v:.9g}") if isinstance(v, float) else v for v in values)


def _han_number(run: str) -> float:
    """Value of a run of Chinese numerals ("十六" = 16, "三百二十" = 320)."""
    total, current = 0.0, 0.0
    for c in run:
        v = _HAN_DIGITS[c]
        if v >= 10:
            total += (current or 1) * v
            current = 0
        else:
            current = current * 10 + v if current else v
    return total + current


# Items either side of an item's proportional place that may be its counterpart on the other side.
_NEAR = 64


def _near(other: Sequence[object], i: int, n: int) -> range:
    """Indices of ``other`` near the place of item ``i`` of ``n``: all of it when it is short, a
    window in a long sentence, so matching costs items x window, not items x items."""
    mid = i * len(other) // max(1, n)
    return range(max(0, mid - _NEAR), min(len(other), mid + _NEAR))


def numbers(text: str, lang: str) -> list[_Item]:
    """Numbers, dates, times and month names in a text, with candidate values."""
    items: list[_Item] = []
    taken = bytearray(len(text))  # 1 where a date or time already claimed the character
    for m in _DATE.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= day <= 31 and 1 <= month <= 12:
            items.append(_Item(m.start(1), m.end(1), m.group(1), _round({float(day)})))
            items.append(_Item(m.start(2), m.end(2), m.group(2), frozenset({("month", month)})))
            full_year = year if year >= 100 else 2000 + year
            items.append(
                _Item(m.start(3), m.end(3), m.group(3), _round({float(full_year), float(year)}))
            )
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in [*_TIME.finditer(text), *_DOTTED_TIME.finditer(text)]:
        h, mi = int(m.group(1)), int(m.group(2))
        if h <= 24 and mi < 60 and not taken[m.start()]:
            # "в 17 часов 47 минут" → "at 5:47 p.m.": the parts may stand as plain numbers
            parts = {
                float(h),
                float(mi),
                float(h % 12 or 12),
                float(h + 12 if h < 12 else h),
                float(f"{h}.{mi:02d}"),
            }
            items.append(
                _Item(m.start(), m.end(), m.group(), frozenset({("time", h % 12, mi), *parts}))
            )
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    grouping = lang in _SPACE_GROUPING
    for m in _NUMBER.finditer(text):
        if taken[m.start()]:
            continue
        raw = m.group(1)
        if not grouping and _SPACED_THOUSANDS.search(raw):
            # "On March 5 100 people": only languages that group digits with spaces join them
            raw = raw.split(" ")[0]
        start, end = m.start(1), m.start(1) + len(raw)
        values = _parse_number(raw, lang)
        if " " in raw:  # a phone number or two numbers side by side may be grouped too
            values |= {float(p) for p in raw.split(" ")}
        after = text[end : end + 3]
        if after[:1] == "月":  # Chinese "2月" is February
            values.add(("month", int(values and min(v for v in values if isinstance(v, float)))))  # type: ignore[arg-type]
        if _PM.match(text[end : end + 6]):
            values |= {v + 12 for v in values if isinstance(v, float) and v < 12}
        if _DECADE.match(after) or _RU_PLURAL_ENDING.match(after):
            values |= {v % 100 for v in nums_of(values) if v >= 1000} | {
                1900 + v for v in nums_of(values) if v < 100
            }
        scale, scale_end = _scale_after(text, end, lang)
        nums = {v for v in values if isinstance(v, float)}
        scaled: frozenset[Any] = _round({v * scale for v in nums}) if scale else frozenset()
        if _PERCENT.match(text[end : end + 12]):
            scale, scaled = 1.0, frozenset(("pct", v) for v in _round(nums))
        items.append(
            _Item(
                start,
                end,
                text[start:scale_end].strip() if scale else raw,
                _round_mixed(values),
                scale,
                scaled,
            )
        )
    for w in _WORD.finditer(text):
        low = _POSSESSIVE.sub("", w.group().lower())
        month = None
        if script_of(low[0]) == "cyrillic":  # Latin words in Russian text too: "May 2020 Update"
            if not w.group()[:1].islower():
                pass  # Russian writes months in lower case; "Мартин" is a name
            elif low in _RU_MAY:
                month = 5
            else:
                month = next(
                    (n for s, n in _RU_MONTH_STEMS if low.startswith(s) and len(low) - len(s) <= 3),
                    None,
                )
        elif w.group()[:1].isupper():
            month = _EN_MONTHS.get(low)
            if month is None and text[w.end() : w.end() + 1] == ".":
                month = _EN_MONTH_ABBR.get(low)
            near_digit = _DIGIT_BEFORE.search(
                text[max(0, w.start() - 4) : w.start()]
            ) or _DIGIT_AFTER.match(text[w.end() : w.end() + 4])
            initial = not text[: w.start()].strip() or text[: w.start()].rstrip()[-1] in '.!?"“«'
            if low == "may" and initial and not near_digit:
                month = None  # the modal verb or a surname, unless a day number stands next to it
        if month:
            items.append(_Item(w.start(), w.end(), w.group(), frozenset({("month", month)})))
    items.sort(key=lambda it: it.start)
    return items


def number_words(text: str, lang: str) -> list[_Item]:
    """Numbers spelled out ("two", "двух", "twenty-five"); they may stand for a source digit."""
    out: list[_Item] = []
    roman_ok = lang not in _CJK_LANGS  # "XXI век", "World War II"
    for w in _WORD.finditer(text):
        low = w.group().lower()
        vals: set[float] = set()
        if low in _EN_NUMBER_WORDS:
            vals.add(_EN_NUMBER_WORDS[low])
        elif "-" in low and all(p in _EN_NUMBER_WORDS for p in low.split("-")):
            vals.add(sum(_EN_NUMBER_WORDS[p] for p in low.split("-")))
        if script_of(low[0]) == "cyrillic":
            for stem, v in _RU_NUMBER_STEMS_BY_LETTER.get(low[0], ()):
                if low.startswith(stem) and len(low) - len(stem) <= 3:
                    vals.add(float(v))
                    break
        r = _roman(w.group()) if roman_ok else None
        if r:
            vals.add(float(r))
        if script_of(low[0]) == "cjk":
            runs = _HAN_RUN.findall(low)
            vals |= {_han_number(r) for r in runs} | {
                float(_HAN_DIGITS[c]) for r in runs for c in r
            }
        if vals:
            scale, _ = _scale_after(text, w.end(), lang)
            scaled = (
                _round({v * scale for v in vals}) if scale and max(vals) < scale else frozenset()
            )
            out.append(_Item(w.start(), w.end(), w.group(), _round(vals), None, scaled))
    return out


# --- names --------------------------------------------------------------------------------------

# BGN/PCGN romanisation of Russian, without its optional diacritics (the usual newsroom form).
_BGN: dict[str, str] = {
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
    # Ukrainian and Belarusian letters (their own national systems, close enough for matching)
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "w",
}
_VOWELS = set("аеёиоуыэюяіїє")
_CASE_ENDINGS = sorted(
    "ого его ому ему ыми ими ами ями ой ей ий ый ая яя ую юю ым им ом ем ых их ах ях ов ев ам ям "
    "а я у ю е ы и ь о".split(),
    key=len,
    reverse=True,
)
# Adjectives from names ("Тверская область" → "Tver Region") are capitalised but render as the base.
_NAME_ADJECTIVE = regex.compile(
    r"(?:ск|цк)(?:ий|ый|ой|ая|ое|ие|ые|ого|ому|им|ым|ом|ую|ых|их|ими|ыми)$"
)
_PATRONYMIC = regex.compile(r"(?:ович|евич|ьич|овн|евн|ичн)\p{L}{0,3}$")
_IY_END = regex.compile(r"(?:iy|yy)$")
_IJ_RUN = regex.compile(r"[yij]+")
_DOUBLED = regex.compile(r"(.)\1+")
_VOWEL_LETTERS = regex.compile(r"[aeiouy]")


def transliterate(word: str) -> str:
    """BGN/PCGN romanisation of a Cyrillic word ("е" is "ye" at the start and after vowels)."""
    out = []
    prev = ""
    for ch in word:
        low = ch.lower()
        if low == "е" and (not prev or prev in _VOWELS or prev in "ъь"):
            lat = "ye"
        else:
            lat = _BGN.get(low, low)
        if ch.isupper() and lat:
            lat = lat[0].upper() + lat[1:]
        out.append(lat)
        prev = low
    return "".join(out)


def _lemma_guess(word: str) -> str:
    """A nominative guess for a Russian name in another case, for suggestions."""
    low = word.lower()
    for end, repl in (
        ("ского", "ский"),
        ("скому", "ский"),
        ("ским", "ский"),
        ("ском", "ский"),
        ("цкого", "цкий"),
        ("цкому", "цкий"),
        ("цким", "цкий"),
    ):
        if low.endswith(end):
            return word[: -len(end)] + repl
    for end in ("ом", "ым", "а", "у", "е"):
        if low.endswith(end) and len(low) > len(end) + 2 and low[-len(end) - 1] not in _VOWELS:
            return word[: -len(end)]
    return word


def _news_spelling(latin: str) -> str:
    """BGN's final -iy/-yy as newsrooms write it: Dmitriy → Dmitry, Zelenskiy → Zelensky."""
    return _IY_END.sub("y", latin)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling skeleton on which Latin variants of one name coincide (Kiev/Kiyev, Alexei/Aleksey)."""
    w = word.lower()
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if c.isalpha())
    for a, b in (
        ("x", "ks"),
        ("sch", "sh"),
        ("tz", "ts"),
        ("dzh", "j"),
        ("dj", "j"),
        ("z", "s"),
        ("kh", "h"),
        ("ph", "f"),
        ("w", "v"),
        ("ck", "k"),
        ("q", "k"),
        ("ch", "\x01"),
        ("c", "k"),
        ("\x01", "ch"),
        ("tz", "ts"),
        ("ie", "e"),
    ):
        w = w.replace(a, b)
    w = _IJ_RUN.sub("i", w)
    w = _DOUBLED.sub(r"\1", w)
    return w


@lru_cache(maxsize=65536)
def consonants(skel: str) -> str:
    """The consonants of a skeleton: back-transliterated names differ mostly in vowels (Russel/Rassel)."""
    return _VOWEL_LETTERS.sub("", skel)


def _stem(word: str) -> str:
    low = word.lower()
    for end in _CASE_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return word[: -len(end)]
    return word


@lru_cache(maxsize=65536)
def _name_forms(word: str) -> tuple[str, str]:
    """(skeleton of the whole word, skeleton of its stem without a case ending or possessive)."""
    word = _POSSESSIVE.sub("", word)
    if any(script_of(c) == "cyrillic" for c in word):
        return skeleton(transliterate(word)), skeleton(transliterate(_stem(word)))
    return skeleton(word), skeleton(word)


@lru_cache(maxsize=65536)
def _letter_counts(text: str) -> Counter[str]:
    return Counter(text)


def _ratio(a: str, b: str, floor: float) -> float:
    """``SequenceMatcher(None, a, b).ratio()`` when it is at least ``floor``; else some value
    below ``floor`` (cheap upper bounds rule most pairs out without matching them)."""
    total = len(a) + len(b)
    if floor > 0.0 and total:
        if 2.0 * min(len(a), len(b)) / total < floor:
            return 0.0
        common = sum((_letter_counts(a) & _letter_counts(b)).values())
        if 2.0 * common / total < floor:
            return 0.0
    return SequenceMatcher(None, a, b).ratio()


@lru_cache(maxsize=65536)  # a long text repeats its names: compare each pair once
def name_similarity(src_word: str, mt_word: str, floor: float = 0.0) -> float:
    """How well ``mt_word`` renders ``src_word`` (either may be Cyrillic or Latin), 0..1.

    With ``floor`` > 0 a similarity below ``floor`` may come back as any value below it (faster).
    """
    full_a, stem_a = _name_forms(src_word)
    full_b, stem_b = _name_forms(mt_word)
    best = _ratio(full_a, full_b, floor)
    for stem, other in ((stem_a, full_b), (stem_b, full_a)):
        if len(stem) >= 4:
            best = max(best, _ratio(stem, other[: len(stem)], floor))
    ca, cb = consonants(stem_a), consonants(stem_b)
    if (
        len(ca) >= 2
        and len(cb) >= 2
        and (
            consonants(full_a) == consonants(full_b)
            or (min(len(ca), len(cb)) >= 3 and (ca.startswith(cb) or cb.startswith(ca)))
        )
    ):
        best = max(best, 0.95)  # same consonants in order: a spelling variant (Artem/Artjom)
    return best


@dataclass(frozen=True)
class _Name:
    text: str
    required: bool
    rare: bool


def _zipf(word: str, lang: str) -> float:
    return _zipf_cached(word.lower(), lang)


@lru_cache(maxsize=65536)
def _zipf_cached(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except (LookupError, ValueError):
        return 0.0


def source_names(src: str, lang: str, common_zipf: float) -> list[_Name]:
    """Capitalised words of the source that are names, with whether the MT must show them.

    Sentence-initial words, all-caps abbreviations and patronymics may be absent from a good
    translation; so may very frequent names (countries, capitals, institutions), which English
    writes with its own exonyms (Китай → China) that no transliteration reaches.
    """
    if lang in _CJK_LANGS:
        return []
    out: list[_Name] = []
    for m in _WORD.finditer(src):
        w = m.group()
        if not w[:1].isupper() or len(w) < 3:
            continue
        k = m.start()  # the last character before the word's spaces (no prefix copy: linear)
        while k and src[k - 1].isspace():
            k -= 1
        initial = not k or src[k - 1] in '.!?:«"“„—–-(…'
        caps = w.isupper()
        z = _zipf(w, lang)
        if lang not in _CYRILLIC_LANGS and (z >= common_zipf - 1.0 or caps):
            continue  # Latin source: capitalised common words ("President") are not names
        # only names in running text may be judged garbled; a sentence start may be any word
        rare = z < common_zipf and not initial and not _NAME_ADJECTIVE.search(w.lower())
        required = not initial and not caps and rare and not _PATRONYMIC.search(w.lower())
        out.append(_Name(w, required, rare and not caps))
    return out


# --- the check ----------------------------------------------------------------------------------


class SourceCheck(Check):
    """Compares MT with its source: numbers, dates, names, copies and length.

    Scores: ``length_ratio`` (MT characters / source characters) and ``source_match`` (0..100,
    share of the source's numbers, dates and required names found in the MT; 100 when it has none).
    Flags: ``number`` (an MT number, date or month with no counterpart in the source), ``name`` (an
    MT word that looks like a mangled rendering of a source name; suggestion = transliteration),
    ``untranslated`` (MT is a copy of the source, or mostly in the source script; critical) and
    ``length`` (length ratio far from the pair's usual; whole sentence, low confidence).

    Params: ``number_severity`` ("major"), ``name_found_ratio`` (0.9), ``name_mangled_ratio``
    (0.75), ``name_common_zipf`` (4.5), ``english_common_zipf`` (3.0), ``copy_ratio`` (0.9),
    ``copy_min_words`` (2), ``length_min_chars`` (20), ``length_stats`` ({pair: [mean, sd]} of
    ln ratio), ``length_z`` ({minor, major, critical} thresholds on |z|).
    """

    name = "source"
    version = "1"
    needs = ("src",)

    def __init__(
        self, params: Mapping[str, Any] | None = None, langs: Languages = Languages()
    ) -> None:
        super().__init__(params, langs)
        pair = f"{langs.src}-{langs.tgt}"
        stats = dict(_LENGTH_STATS)
        stats.update({k: tuple(v) for k, v in self.param("length_stats", {}).items()})
        self.length_mean, self.length_sd = stats.get(pair, (0.0, 0.25))
        self.length_z = dict(self.param("length_z", {"minor": 3.0, "major": 4.5, "critical": 6.0}))

    def resources(self) -> str:
        from importlib import metadata

        return f"translit:bgn-pcgn|wordfreq:{metadata.version('wordfreq')}"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        return [self._check_one(seg) for seg in segments]

    def _check_one(self, seg: Segment) -> CheckResult:
        src = seg.src or ""
        flags: list[Flag] = []
        copy_flag = self._copy(seg, src)
        if copy_flag is not None:
            flags.append(copy_flag)
        found_n, total_n, number_flags = self._numbers(seg, src)
        found_m, total_m, name_flags = self._names(seg, src)
        flags += number_flags + name_flags
        if copy_flag is not None:
            found_n = found_m = 0
        length_ratio = len(seg.mt.strip()) / max(1, len(src.strip()))
        length_flag = self._length(seg, src, length_ratio)
        if length_flag is not None:
            flags.append(length_flag)
        total = total_n + total_m
        match = 100.0 * (found_n + found_m) / total if total else 100.0
        if copy_flag is not None:
            match = 0.0
        flags.sort(key=lambda f: (f.start, f.end, f.category))
        return CheckResult(
            scores={"length_ratio": length_ratio, "source_match": match}, flags=tuple(flags)
        )

    # -- copies and length --

    def _copy(self, seg: Segment, src: str) -> Flag | None:
        mt = seg.mt.strip()
        start = seg.mt.find(mt)
        n_words = len(_WORD.findall(mt))
        if n_words < int(self.param("copy_min_words", 2)):
            return None
        letters = [script_of(c) for c in mt if c.isalpha()]
        src_letters = [script_of(c) for c in src if c.isalpha()]
        if not letters or not src_letters:
            return None
        src_script = max(set(src_letters), key=src_letters.count)
        share = letters.count(src_script) / len(letters)
        tgt_script = {
            **{l: "cyrillic" for l in _CYRILLIC_LANGS},
            **{l: "cjk" for l in _CJK_LANGS},
        }.get(self.langs.tgt, "latin")
        same = SequenceMatcher(None, mt.casefold(), src.strip().casefold()).ratio()
        if same >= float(self.param("copy_ratio", 0.9)):
            message = "the translation is a copy of the source"
        elif src_script != tgt_script and share >= 0.5:
            message = f"the translation is mostly in the source's {src_script} script"
        else:
            return None
        return self.flag(
            seg,
            start,
            start + len(mt),
            category="untranslated",
            severity="critical",
            confidence=0.95,
            message=message,
        )

    def _length(self, seg: Segment, src: str, ratio: float) -> Flag | None:
        if len(src.strip()) < int(self.param("length_min_chars", 20)) or ratio <= 0:
            return None
        # short sentences vary more: widen the spread by sqrt(1 + short/len)
        short = float(self.param("length_short_chars", 60))
        sd = (self.length_sd or 1.0) * math.sqrt(1.0 + short / len(src.strip()))
        z = (math.log(ratio) - self.length_mean) / sd
        severity = severity_for(abs(z), self.length_z)
        if severity is None:
            return None
        mt = seg.mt.strip()
        start = seg.mt.find(mt)
        what = "shorter" if z < 0 else "longer"
        hint = "omission" if z < 0 else "addition"
        return self.flag(
            seg,
            start,
            start + len(mt),
            category="length",
            severity=severity,
            confidence=min(0.8, 0.1 * abs(z)),
            message=f"translation is {ratio:.2f}× the source length, much {what} than usual (possible {hint})",
        )

    # -- numbers --

    def _numbers(self, seg: Segment, src: str) -> tuple[int, int, list[Flag]]:
        s_items = numbers(src, self.langs.src)
        m_items = numbers(seg.mt, self.langs.tgt)
        s_words = number_words(src, self.langs.src)
        m_words = number_words(seg.mt, self.langs.tgt)
        used: set[int] = set()
        missing: list[_Item] = []
        found = 0
        for i, s in enumerate(s_items):
            near = _near(m_items, i, len(s_items))
            k = next((k for k in near if k not in used and s.matches(m_items[k])), None)
            if k is None:
                k = next((k for k in near if s.matches(m_items[k])), None)  # repeated use
            if k is not None:
                used.add(k)
                found += 1
            elif any(s.matches(m_words[k]) for k in _near(m_words, i, len(s_items))):
                found += 1
            else:
                missing.append(s)
        flags = []
        unmatched = [
            m
            for k, m in enumerate(m_items)
            if k not in used
            and not any(m.matches(s_items[i]) for i in _near(s_items, k, len(m_items)))
            and not any(m.matches(s_words[i]) for i in _near(s_words, k, len(m_items)))
        ]
        severity = self.param("number_severity", "major")
        for m in unmatched:
            if m.values == {1.0}:
                continue  # "a year", "сутки" → "1 year", "24 hours": singulars carry no digit
            suggestion = missing[0].text if len(missing) == 1 and len(unmatched) == 1 else None
            what = (
                "month"
                if any(isinstance(v, tuple) and v[0] == "month" for v in m.values)
                else "number"
            )
            flags.append(
                self.flag(
                    seg,
                    m.start,
                    m.end,
                    category="number",
                    severity=severity,
                    confidence=0.7,
                    message=f"{what} {m.text!r} has no counterpart in the source"
                    + (f" (source has {suggestion!r})" if suggestion else ""),
                    suggestion=suggestion,
                )
            )
        return found, len(s_items), flags

    # -- names --

    def _names(self, seg: Segment, src: str) -> tuple[int, int, list[Flag]]:
        names = source_names(src, self.langs.src, float(self.param("name_common_zipf", 4.5)))
        if not names:
            return 0, 0, []
        found_ratio = float(self.param("name_found_ratio", 0.9))
        mangled_ratio = float(self.param("name_mangled_ratio", 0.75))
        en_common = float(self.param("english_common_zipf", 3.0))
        # Only similarities at or above these thresholds decide anything below.
        floor = min(found_ratio, mangled_ratio)
        mt_words = [m for m in _MT_NAME_PART.finditer(seg.mt) if len(m.group()) >= 2]
        found = required = 0
        close: list[tuple[float, regex.Match[str], _Name]] = []
        claimed: set[int] = set()  # MT words that render some source name well
        for k, name in enumerate(names):
            # A name is sought among the MT words near its place: a window, so a long sentence
            # costs names x window, not names x words (the whole sentence up to 2 windows).
            near = _near(mt_words, k, len(names))
            scored = [
                (name_similarity(name.text, mt_words[j].group(), floor), mt_words[j]) for j in near
            ]
            best = max(scored, key=lambda t: t[0], default=(0.0, None))
            for sim, m in scored:
                if sim >= found_ratio and m is not None:
                    claimed.add(m.start())
            if name.required:
                required += 1
            if best[0] >= found_ratio:
                found += name.required
            elif best[1] is not None and best[0] >= mangled_ratio and name.rare:
                close.append((best[0], best[1], name))
        flags = []
        for sim, m, name in close:
            w = m.group()
            if m.start() in claimed or not w[:1].isupper() or _zipf(w, self.langs.tgt) >= en_common:
                continue  # the MT word is another name's rendering, or an ordinary word
            if abs(len(skeleton(w)) - len(skeleton(transliterate(_stem(name.text))))) > 3:
                continue  # a derived word ("Lithuanian" for "Литвы"), not a misspelling
            if any(script_of(c) == "cyrillic" for c in name.text):
                suggestion = _news_spelling(transliterate(_lemma_guess(name.text)))
            else:
                suggestion = name.text
            flags.append(
                self.flag(
                    seg,
                    m.start(),
                    m.end(),
                    category="name",
                    severity="minor",
                    confidence=0.3,
                    message=f"{w!r} may be a garbled rendering of the source name {name.text!r}",
                    suggestion=suggestion,
                )
            )
        return found, required, flags
