"""Numbers, dates, times and months in a text, with every value each may stand for.

Numbers are compared by value: decimal commas, digit groups, scale words ("млн"/"million"),
spelled-out numerals in English, Russian and Chinese, Roman numerals, month names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Any

import regex

from mtqa.checks.source.words import (
    CJK_LANGS as _CJK_LANGS,
    POSSESSIVE as _POSSESSIVE,
    WORD as _WORD,
)
from mtqa.text import script_of

# Languages that group digits with spaces ("1 000 000") and write decimal commas.
_SPACE_GROUPING = frozenset({"ru", "uk", "be", "bg", "fr", "de", "pl", "cs", "sv", "fi", "kk"})

# (not the tail of a number glued to letters: "RUB30,000" gives no "000")
_NUMBER = regex.compile(
    r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}\p{N}])(?<!\p{N}[.,])(\d+(?:[.,]\d+)*(?:[ \u00a0\u202f\u2009]\d{3}(?![\d]))*(?:[.,]\d+)?)"
)
# "07.02.2018", and "02 / 07 / 2018", "30.01. 2018" as tokenised MT writes a date
_DATE = regex.compile(r"(?<![\d.])(\d{1,2}) ?[./] ?(\d{1,2}) ?[./] ?(\d{4}|\d{2})(?![\d])")
# "17:47", and "5: 47" / "17 : 47" as tokenised MT output writes a time
_TIME = regex.compile(r"(?<![\d])(\d{1,2}) ?: ?(\d{2})(?![\d])")
_DOTTED_TIME = regex.compile(
    r"(?<![\d.,])(\d{1,2})\.(\d{2})(?=\s?(?:[ap]\.?m\b|ч\b|час))", regex.IGNORECASE
)
_GROUP_SPACE = regex.compile(r"[ \u00a0\u202f\u2009]")
_DECIMAL_SEP = regex.compile(r"[.,]")
_GLUED_SCALE_RE = regex.compile(r"(?:(k|mn|m|bn|b|tn)(?![\p{L}])|(万|亿))", regex.IGNORECASE)
_SCALE_WORD_RE = regex.compile(r"[ \u00a0\u202f\u2009]?(?:\$|€|£)?([\p{L}]+)")
_SPACED_THOUSANDS = regex.compile(r" \d{3}")
_FINAL = regex.compile(r"\s*(?:финал|final)", regex.IGNORECASE)
_PM = regex.compile(r"\s?p\.?m\b", regex.IGNORECASE)
_DECADE = regex.compile(r"s\b|-[хе]\b|’s|'s")
_RU_PLURAL_ENDING = regex.compile(r"-(?:х|е)")
_DIGIT_BEFORE = regex.compile(r"\d\s*$")
_DIGIT_AFTER = regex.compile(r"\s*\d")
_PERCENT = regex.compile(
    r"\s?(?:%|％|процент|per\s?cent|pct\b|п\.\s?п\.|percentage point)", regex.IGNORECASE
)

_SCALE_WORDS: list[tuple[str, float]] = [
    # (prefix of the word that follows a number, multiplier); first match wins
    ("тысяч", 1e3),
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
    # words that stand for a number English writes in digits: "за сутки" -> "in 24 hours"
    ("суток", 24),
    ("сутк", 24),
    ("круглосуточн", 24),
]
# Hundreds from 200 to 900 in every case and in compounds: «двести», «четырёхсот», «пятистам»,
# «восьмьюстами», «трёхсотлетие» (a digit's stem, then -сти/-ста/-сот/-стам/-стами/-стах).
_RU_HUNDREDS = regex.compile(
    r"^(дв|тр|четыр|пят|шест|сем|восем|восьм|девят)"
    r"(?:е|и|ух|ум|умя|ех|ёх|ем|ём|емя|ьмя|ь|ью|и)?(?:сти|ста|сот\p{L}*|стам|стами|стах)$"
)
_RU_HUNDRED_DIGITS = {
    "дв": 2,
    "тр": 3,
    "четыр": 4,
    "пят": 5,
    "шест": 6,
    "сем": 7,
    "восем": 8,
    "восьм": 8,
    "девят": 9,
}
# Collective numerals («двое», «троих», «пятерых») and multiples («вдвое», «втрое»: -fold).
_RU_COLLECTIVE = regex.compile(
    r"^в?(дво|тро|четвер|пятер|шестер|семер|восьмер|девятер|десятер)(?:е|о|их|ых|им|ым|ими|ыми)?$"
)
_RU_COLLECTIVE_VALUES = {
    "дво": 2,
    "тро": 3,
    "четвер": 4,
    "пятер": 5,
    "шестер": 6,
    "семер": 7,
    "восьмер": 8,
    "девятер": 9,
    "десятер": 10,
}
# «пол-» + a unit: half of it, and the half in the unit English counts in («полгода»: 6 months).
_RU_HALF_UNITS = {
    "полгода": (0.5, 6.0),
    "полугода": (0.5, 6.0),
    "полчаса": (0.5, 30.0),
    "получаса": (0.5, 30.0),
    "полвека": (0.5, 50.0),
    "полувека": (0.5, 50.0),
    "полсотни": (50.0,),
    "полмиллиона": (5e5,),
    "полмиллиарда": (5e8,),
    "полтриллиона": (5e11,),
}
# A count of days written «сутки» («двое суток», «3 суток»): English counts hours (48, 72).
_RU_DAYS_AFTER = regex.compile(r"[ \u00a0]+сут(?:ки|ок|кам|ками|ках)\b", regex.IGNORECASE)
# Compound adjectives and nouns led by a numeral in the genitive («тридцатилетний»: 30-year-old,
# «стопроцентной»: 100%, «двухэтажный», «тысячелетнюю»), followed by a unit of count, age or
# measure (a closed class: «стоимость», «семинар» are no compounds).
_RU_COMPOUND_STEMS = {
    "одно": 1.0,
    "двух": 2.0,
    "трех": 3.0,
    "трёх": 3.0,
    "четырех": 4.0,
    "четырёх": 4.0,
    "пяти": 5.0,
    "шести": 6.0,
    "семи": 7.0,
    "восьми": 8.0,
    "девяти": 9.0,
    "десяти": 10.0,
    "одиннадцати": 11.0,
    "двенадцати": 12.0,
    "пятнадцати": 15.0,
    "двадцати": 20.0,
    "тридцати": 30.0,
    "сорока": 40.0,
    "пятидесяти": 50.0,
    "шестидесяти": 60.0,
    "семидесяти": 70.0,
    "восьмидесяти": 80.0,
    "девяноста": 90.0,
    "сто": 100.0,
    "ста": 100.0,
    "двухсот": 200.0,
    "трехсот": 300.0,
    "трёхсот": 300.0,
    "пятисот": 500.0,
    "тысяче": 1000.0,
}
_RU_NUMERAL_COMPOUND = regex.compile(
    "^("
    + "|".join(sorted(map(regex.escape, _RU_COMPOUND_STEMS), key=len, reverse=True))
    + r")(?:лет|летн|летие|этаж|процент|странич|месяч|недел|днев|час|минут|секунд|тонн|метр"
    r"|километр|килограм|граммов|литр|градус|рублев|долларов|кратн|комнат|местн|серийн|томн"
    r"|ярусн|значн|разов|миллион|миллиард|тысяч)\p{L}*$"
)
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
_RU_MAY = frozenset({"май", "мая", "маю", "мае", "маем"})
# What may follow a month stem: case endings ("июля"), or an adjective ("мартовские", "июльский").
_RU_MONTH_TAIL = regex.compile(r"(?:[ьяеюуа]|ем|ём|ом)?|(?:ов|ь)?ск\p{L}{1,3}")
# Capitalised, a month is a headline's first word ("Июль уйдет с жарой"), a title ("Август Раш")
# or a named event's adjective («Октябрьской революции»: the October Revolution); "Мартин" is a
# name.
_RU_MONTH_TAIL_CAPITALISED = regex.compile(r"(?:[ьяеюуа]|ем|ём|ом)?|(?:ов|ь)?ск\p{L}{1,3}")
_ROMAN = regex.compile(r"^(?=[IVXLC]{2,}$)(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class Item:
    """A number or a month found in one text, with every value it may stand for."""

    start: int
    end: int
    text: str
    values: frozenset[Any]
    scale: float | None = None
    scaled: frozenset[Any] = field(default_factory=frozenset)

    def matches(self, other: Item) -> bool:
        # two clock times meet only as times ("17:30" is "5:30 p.m.", not "18:30")
        mine, theirs = self.times(), other.times()
        if mine and theirs:
            return bool(mine & theirs)
        if self.scale and other.scale:
            return bool(self.scaled & other.scaled)
        return bool((self.values | self.scaled) & (other.values | other.scaled))

    def times(self) -> frozenset[Any]:
        """The clock times ("time", hour mod 12, minute) this item stands for (none for most)."""
        return frozenset(v for v in self.values if isinstance(v, tuple) and v[0] == "time")


def quantities(text: str, lang: str) -> list[Item]:
    """Every number of a text, in digits or in words, in text order (the numbers a qualifier
    before them or a unit after them belongs to: qualifiers.py, units.py)."""
    return sorted(numbers(text, lang) + number_words(text, lang), key=lambda it: it.start)


def one_to_one(mt_items: Sequence[Item], src_items: Sequence[Item]) -> list[tuple[Item, Item]]:
    """(translation item, source item) for each number that appears once on each side: the
    item matches exactly one item of the other side, and no other item of its own side matches
    that one. Items are compared only with those that share a value (or a scaled value), so
    the work grows with the number of items, not its square."""

    def keys(item: Item) -> frozenset[Any]:
        return item.values | item.scaled

    def index(items: Sequence[Item]) -> dict[Any, list[int]]:
        out: dict[Any, list[int]] = {}
        for k, item in enumerate(items):
            for key in keys(item):
                out.setdefault(key, []).append(k)
        return out

    by_mt, by_src = index(mt_items), index(src_items)

    def partners(item: Item, items: Sequence[Item], by: dict[Any, list[int]]) -> list[int]:
        near = sorted({k for key in keys(item) for k in by.get(key, ())})
        return [k for k in near if items[k].matches(item)]

    pairs = []
    for m in mt_items:
        found = partners(m, src_items, by_src)
        if len(found) != 1:
            continue
        s = src_items[found[0]]
        if len(partners(s, mt_items, by_mt)) == 1:
            pairs.append((m, s))
    return pairs


def restored_scale(mt_item: Item, src_items: Sequence[Item]) -> Item | None:
    """The source number that ``mt_item`` gives at a thousand, a million or a billion times its
    value, where the source writes a fraction with no scale word: the translator restored a
    scale word the source left out («более 1,5 военнослужащих» → "over 1500 military
    members"). An error of the source, not of the translation, and no slip a literal MT makes;
    None when there is no such number."""
    mine = nums_of(set(mt_item.values))
    for s in src_items:
        if s.scale or s.times():
            continue
        for v in nums_of(set(s.values)):
            if v == int(v):
                continue  # a whole number may be a count of thousands the text speaks of
            if any(abs(m - v * mult) <= 1e-9 * m for m in mine for mult in (1e3, 1e6, 1e9)):
                return s
    return None


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


def numbers(text: str, lang: str) -> list[Item]:
    """Numbers, dates, times and month names in a text, with candidate values."""
    return list(_numbers(text, lang))


# Cached per text: a source is checked against every translation of it (several systems, a
# revised draft); the items are never modified, and each call gets a list of its own.
@lru_cache(maxsize=4096)
def _numbers(text: str, lang: str) -> tuple[Item, ...]:
    items: list[Item] = []
    taken = bytearray(len(text))  # 1 where a date or time already claimed the character
    for m in _DATE.finditer(text):
        day, month_no, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= day <= 12 < month_no <= 31:
            # "01.30.2018": the month first, as US English writes it (30 January)
            day, month_no = month_no, day
            first, second = 2, 1
        else:
            first, second = 1, 2
        if 1 <= day <= 31 and 1 <= month_no <= 12:
            # a day of 12 or less may be a month: English (US) writes the month first
            day_values: set[Any] = {float(day)} | ({("month", day)} if day <= 12 else set())
            month_values: set[Any] = {("month", month_no)} | (
                {float(month_no)} if day <= 12 else set()
            )
            items.append(
                Item(m.start(first), m.end(first), m.group(first), _round_mixed(day_values))
            )
            items.append(
                Item(m.start(second), m.end(second), m.group(second), _round_mixed(month_values))
            )
            full_year = year if year >= 100 else 2000 + year
            items.append(
                Item(m.start(3), m.end(3), m.group(3), _round({float(full_year), float(year)}))
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
                Item(m.start(), m.end(), m.group(), frozenset({("time", h % 12, mi), *parts}))
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
        values: set[Any] = set(_parse_number(raw, lang))
        if " " in raw:  # a phone number or two numbers side by side may be grouped too
            values |= {float(p) for p in raw.split(" ")}
        after = text[end : end + 3]
        if after[:1] == "月":  # Chinese "2月" is February
            values.add(("month", int(min(v for v in values if isinstance(v, float)))))
        if text[max(0, start - 2) : start] == "1/" and _FINAL.match(text, end):
            # «1/8 финала»: the round of 16 ("last 16"), as English sport writes it
            values |= {2 * v for v in nums_of(values)}
        if _RU_DAYS_AFTER.match(text, end):
            values |= {24 * v for v in nums_of(values)}
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
            Item(
                start,
                end,
                text[start:scale_end].strip() if scale else raw,
                _round_mixed(values),
                scale,
                scaled,
            )
        )
    # (most texts name no month: the words are then not walked with their offsets)
    words = _WORD.findall(text)
    for w in _WORD.finditer(text) if any(map(_may_name_month, words)) else ():
        word = w.group()
        month = _word_month(word)
        if month is None:
            if "-" in word:  # «апрель-май», «в июле-августе»: each part
                at = w.start()
                for part in word.split("-"):
                    part_month = _word_month(part) if part else None
                    if part_month is not None and part_month != _EN_CAPITALISED:
                        items.append(
                            Item(at, at + len(part), part, frozenset({("month", part_month)}))
                        )
                    at += len(part) + 1
            continue
        if month == _EN_CAPITALISED:
            low = _POSSESSIVE.sub("", word.lower())
            month = _EN_MONTHS.get(low)
            if month is None and text[w.end() : w.end() + 1] == ".":
                month = _EN_MONTH_ABBR.get(low)
            if month and _after_name(text, w.start(), w.end()):
                month = None  # "Theresa May", the "Hemp March": a name or a title
            if low == "may":  # (what follows is only needed for "May"; the same test as ever)
                near_digit = _DIGIT_BEFORE.search(
                    text[max(0, w.start() - 4) : w.start()]
                ) or _DIGIT_AFTER.match(text[w.end() : w.end() + 4])
                before = text[: w.start()]
                initial = not before.strip() or before.rstrip()[-1] in '.!?"“«'
                if initial and not near_digit:
                    month = None  # the modal verb or a surname, unless a day stands next to it
        if month:
            items.append(Item(w.start(), w.end(), w.group(), frozenset({("month", month)})))
    items.sort(key=lambda it: it.start)
    return tuple(items)


# A capitalised word right before a month name makes it part of a name ("Theresa May", "Hemp
# March", "Father August") unless it announces a date ("In May", "Last March") or a digit stands
# next to the month ("Friday May 5").
_CAPITALISED_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’]*) $")
_EN_DATE_OPENERS = frozenset(
    {
        "in",
        "on",
        "since",
        "until",
        "till",
        "by",
        "from",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "during",
        "this",
        "every",
        "each",
        "through",
        "before",
        "after",
        "of",
        "for",
        "at",
        "to",
        "and",
        "or",
        "between",
        "around",
        "about",
    }
)


def _after_name(text: str, start: int, end: int) -> bool:
    """Whether the month word at ``start:end`` follows a capitalised word that is no date opener,
    with no digit next to it."""
    m = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
    if m is None or m.group(1).lower() in _EN_DATE_OPENERS:
        return False
    return not (
        _DIGIT_AFTER.match(text[end : end + 4])
        or _DIGIT_BEFORE.search(text[max(0, start - 4) : start])
    )


# What _word_month returns for a capitalised Latin word: its month depends on the text around it.
_EN_CAPITALISED = -1


@lru_cache(maxsize=65536)
def _word_month(word: str) -> int | None:
    """The month a word names on its own (a Cyrillic month form), ``_EN_CAPITALISED`` for a
    capitalised Latin word (a month name or abbreviation only in context), else None. Pure: a
    function of the word alone, so cached."""
    low = _POSSESSIVE.sub("", word.lower())
    if script_of(low[0]) == "cyrillic":  # Latin words in Russian text too: "May 2020 Update"
        tail = _RU_MONTH_TAIL if word[:1].islower() else _RU_MONTH_TAIL_CAPITALISED
        if low in _RU_MAY or (low.startswith("майск") and word[:1].islower()):
            return 5
        return next(
            (n for s, n in _RU_MONTH_STEMS if low.startswith(s) and tail.fullmatch(low[len(s) :])),
            None,
        )
    if word[:1].isupper():
        return _EN_CAPITALISED
    return None


@lru_cache(maxsize=65536)
def _may_name_month(word: str) -> bool:
    """Whether _numbers may take ``word`` for a month: a Cyrillic month form, or a capitalised
    Latin word that is a month name or abbreviation (which one, the text around it decides)."""
    month = _word_month(word)
    if month is None:
        return "-" in word and any(
            _word_month(p) not in (None, _EN_CAPITALISED) for p in word.split("-") if p
        )
    if month != _EN_CAPITALISED:
        return True
    low = _POSSESSIVE.sub("", word.lower())
    return low in _EN_MONTHS or low in _EN_MONTH_ABBR


def number_words(text: str, lang: str) -> list[Item]:
    """Numbers spelled out ("two", "двух", "twenty-five"); they may stand for a source digit."""
    return list(_number_words(text, lang))


@lru_cache(maxsize=4096)  # per text, as _numbers
def _number_words(text: str, lang: str) -> tuple[Item, ...]:
    out: list[Item] = []
    roman_ok = lang not in _CJK_LANGS  # "XXI век", "World War II"
    if not any(map(_word_values, _WORD.findall(text), repeat(roman_ok))):
        return ()  # (most texts: no word has a value; the words' offsets are not needed)
    for w in _WORD.finditer(text):
        vals = _word_values(w.group(), roman_ok)
        if vals and _RU_DAYS_AFTER.match(text, w.end()):
            vals = vals | {24.0 * v for v in vals}
        if vals:
            scale, _ = _scale_after(text, w.end(), lang)
            scaled = (
                _round({v * scale for v in vals}) if scale and max(vals) < scale else frozenset()
            )
            out.append(Item(w.start(), w.end(), w.group(), _round(set(vals)), None, scaled))
    return tuple(sorted(out + _compounds(text, out), key=lambda it: it.start))


_SCALES = (1e3, 1e6, 1e9, 1e12)


def _compounds(text: str, words: list[Item]) -> list[Item]:
    """Compound numbers spelt in words, one Cyrillic word each part («сто двадцать» 120,
    «сорок два» 42, «двадцать пятого» 25th, «две тысячи двадцатом» 2020): adjacent number
    words whose values fall (units after tens after hundreds; a scale word multiplies what
    precedes it), each run as one more item beside its words."""
    out: list[Item] = []
    i = 0
    while i < len(words):
        j, total, current = i, 0.0, 0.0
        limit = scale_limit = math.inf  # the next part must be below these
        while j < len(words):
            w = words[j]
            vals = [v for v in w.values if isinstance(v, float) and v == int(v) and v > 0]
            if len(vals) != 1 or script_of(w.text[0]) != "cyrillic":
                break
            if j > i and text[words[j - 1].end : w.start].strip():
                break  # not adjacent
            v = vals[0]
            if v in _SCALES:
                if v >= scale_limit or (j > i and not current):
                    break
                total, current = total + (current or 1.0) * v, 0.0
                limit = scale_limit = v
            elif v < limit:
                current += v
                limit = 100.0 if v >= 100 else 10.0 if v >= 20 else 1.0
            else:
                break
            j += 1
        if j - i >= 2:
            span = text[words[i].start : words[j - 1].end]
            out.append(Item(words[i].start, words[j - 1].end, span, _round({total + current})))
            i = j
        else:
            i += 1
    return out


@lru_cache(maxsize=65536)
def _word_values(word: str, roman_ok: bool) -> frozenset[float]:
    """The values a spelled-out number word stands for on its own (empty for other words).
    Pure: a function of the word alone, so cached."""
    low = word.lower()
    vals: set[float] = set()
    if low in _EN_NUMBER_WORDS:
        vals.add(_EN_NUMBER_WORDS[low])
    elif "-" in low and all(p in _EN_NUMBER_WORDS for p in low.split("-")):
        vals.add(sum(_EN_NUMBER_WORDS[p] for p in low.split("-")))
    cyrillic = script_of(low[0]) == "cyrillic"
    hundreds = _RU_HUNDREDS.match(low) if cyrillic else None
    collective = _RU_COLLECTIVE.match(low) if cyrillic and not hundreds else None
    if hundreds:
        vals.add(100.0 * _RU_HUNDRED_DIGITS[hundreds.group(1)])
    elif collective and not (low.startswith("в") and not low.endswith(("е", "о"))):
        vals.add(float(_RU_COLLECTIVE_VALUES[collective.group(1)]))
    elif low in _RU_HALF_UNITS:
        vals.update(_RU_HALF_UNITS[low])
    elif low == "ста":  # «до ста лет»
        vals.add(100.0)
    elif cyrillic and (compound := _RU_NUMERAL_COMPOUND.match(low)):
        vals.add(_RU_COMPOUND_STEMS[compound.group(1)])
    elif cyrillic:
        for stem, v in _RU_NUMBER_STEMS_BY_LETTER.get(low[0], ()):
            if low.startswith(stem) and len(low) - len(stem) <= 3:
                vals.add(float(v))
                break
    r = _roman(word) if roman_ok else None
    if r is None and roman_ok and "-" in word:  # «IV-го века», «XX-м»: a Russian ending
        head, _, tail = word.partition("-")
        if len(tail) <= 3 and all(script_of(c) == "cyrillic" for c in tail):
            r = _roman(head)
    if r:
        vals.add(float(r))
    if script_of(low[0]) == "cjk":
        runs = _HAN_RUN.findall(low)
        vals |= {_han_number(r) for r in runs} | {float(_HAN_DIGITS[c]) for r in runs for c in r}
    return frozenset(vals)
