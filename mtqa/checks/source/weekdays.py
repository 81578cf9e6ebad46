"""Days of the week in a text, and a translation's day that contradicts the source's.

Weekdays are compared the way months are (``numbers.py``): each mention is an
:class:`~mtqa.checks.source.numbers.Item` whose values are ``("weekday", 1..7)`` (Monday = 1).
Found in Russian (every case form, «по пятницам», adjectives «субботний»; the abbreviations
пн…сб only in a range, a list or before a date or time), English (Monday…Sunday, plurals,
possessives; "Fri." only before a date) and Chinese (星期一, 周一, 礼拜天).

A mention is no date when it is part of a name or another word's sense:

- a day after an adjective that is not a temporal one ("Чёрная пятница", "Страстная пятница",
  "окружающей среды", "Невзоровские среды"), or capitalised in running Russian text (the TV
  channel «Пятница»);
- in English, a day after a capitalised word in running text ("Black Friday", "Good Friday",
  "Super Tuesday"), or before one unless a preposition announces a date ("the Sunday Times",
  "Thursday Island", but "on Friday Trump said");
- «среда» (also "environment") only after a preposition that takes a day (в, по, до, со…) or
  before a date, never as «в среде».

«В ночь на воскресенье» may be rendered "on Saturday night": such a day also stands for the day
before.

:func:`weekday_findings` reports a translation's day that matches none of the source's days, and
only when the source names a day: a translator may add a day the source leaves out, or write
"yesterday" for «в пятницу», and neither is a contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from mtqa.checks.source.numbers import Item

EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_DAY_NO = {d: i + 1 for i, d in enumerate(EN_DAYS)}
_EN_ABBR = {
    "Mon": 1,
    "Tue": 2,
    "Tues": 2,
    "Wed": 3,
    "Thu": 4,
    "Thur": 4,
    "Thurs": 4,
    "Fri": 5,
    "Sat": 6,
    "Sun": 7,
}
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
_EN_WORD = regex.compile(
    r"\b(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:s)?\b"
    r"|(MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)S?"
    r"|(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.(?=,?\s+(?:\d|" + _MONTH_ABBR + r")))"
)
# Words that announce a date before a day ("on Friday Trump said"); sentence-initial ones too.
_EN_DATE_WORDS = frozenset(
    "on at in for during over around about from to into between since by until till through "
    "before after this last next every each that early late as of and or but only then "
    "yesterday today tomorrow tonight".split()
)
_EN_MONTH = regex.compile(_MONTH_ABBR)
_EN_PREV_WORD = regex.compile(r"([\p{L}'’]+)[ \u00a0]+$")
_EN_NEXT_WORD = regex.compile(r"[ \u00a0]+(?=\p{Lu})")

# Russian: stem, day number, and the endings that may follow it.
_NOUN_TAIL = r"(?:а|у|ом|е|и|ов|ам|ами|ах)?"
_ADJ_TAIL = r"(?:ий|ый|ая|яя|ое|ее|ие|ые|его|ого|ему|ому|ей|ой|юю|ую|им|ым|ем|ом|их|ых|ими|ыми)"
_RU_DAYS: tuple[tuple[str, int, str], ...] = (
    ("понедельник", 1, _NOUN_TAIL),
    ("вторник", 2, _NOUN_TAIL),
    ("сред", 3, r"(?:а|у|ы|ой|ам|ами|ах)"),
    ("четверг", 4, _NOUN_TAIL),
    ("пятниц", 5, r"(?:а|у|ы|е|ей|ам|ами|ах)"),
    ("суббот", 6, r"(?:а|у|ы|е|ой|ам|ами|ах)"),
    ("воскресень", 7, r"(?:е|я|ю|ем|ям|ями|ях)"),
    # adjectives: «субботний матч», «воскресной проповеди»
    ("понедельничн", 1, _ADJ_TAIL),
    ("вторничн", 2, _ADJ_TAIL),
    ("четвергов", 4, _ADJ_TAIL),
    ("пятничн", 5, _ADJ_TAIL),
    ("субботн", 6, _ADJ_TAIL),
    ("воскресн", 7, _ADJ_TAIL),
)
_RU_NOUNS = 7  # the first seven entries are the nouns
_RU_DAY = regex.compile(
    r"(?<![\p{L}\p{N}-])(?:"
    + "|".join(f"({stem}{tail})" for stem, _, tail in _RU_DAYS)
    + r")(?![\p{L}\p{N}-])",
    regex.IGNORECASE,
)
# «среда» is also "environment": a day only after a preposition that takes a day, after «и»/«или»
# following another day («во вторник и среду»), after «ночь на», or before a date.
_SREDA_PREPOSITIONS = {
    "среду": {"в", "во", "по"},
    "среды": {"с", "со", "до", "после"},
    "средам": {"по"},
    "средой": {"перед"},
}
_RU_ABBR = {"пн": 1, "вт": 2, "ср": 3, "чт": 4, "пт": 5, "сб": 6, "вс": 7}
# Abbreviations only in a range or list («пн–пт», «сб, вс») or before a date or time («пт, 12:00»).
_RU_ABBR_RE = regex.compile(
    r"(?<![\p{L}\p{N}])(пн|вт|ср|чт|пт|сб|вс|Пн|Вт|Ср|Чт|Пт|Сб|Вс)\.?(?![\p{L}])"
)
_RU_ABBR_NEXT = regex.compile(
    r"\.?\s*(?:[-–—,]\s*(?:пн|вт|ср|чт|пт|сб|вс)(?![\p{L}])|,?\s*\d)", regex.IGNORECASE
)
_RU_ABBR_BEFORE = regex.compile(r"(?:пн|вт|ср|чт|пт|сб|вс)\.?\s*[-–—,]\s*$", regex.IGNORECASE)
_DIGIT_BEFORE = regex.compile(r"\d\s*$")
_RU_PREV_WORD = regex.compile(r"(\p{L}+)[ \u00a0]+$")
_RU_ADJECTIVE = regex.compile(
    r"(?:ая|яя|ую|юю|ой|ей|ый|ий|ое|ее|ого|его|ому|ему|ые|ие|ых|их|ым|им|ыми|ими|ою)$"
)
# Modifiers that keep a day a date: «в эту/ту/прошлую/минувшую/ближайшую/каждую пятницу».
_RU_TEMPORAL = regex.compile(
    r"^(?:эт(?:от|у|а|о|ой|им|ом|и|их)|т(?:от|у|а|ой|ем|е|ех)|ин(?:ую|ой|ые)|вс(?:ю|е|ех)|"
    r"(?:прошл|прошедш|минувш|следующ|будущ|ближайш|последн|нынешн|сегодняшн|вчерашн|завтрашн|"
    r"позавчерашн|послезавтрашн|грядущ|наступающ|очередн|кажд|люб|перв|втор|трет|четв[её]рт|"
    r"пят|шест|седьм|одн|цел)\p{L}*)$"
)
_RU_NIGHT_BEFORE = regex.compile(r"ноч\p{L}*\s+(?:с\s+\p{L}+\s+)?на\s+$", regex.IGNORECASE)
_RU_NEXT_DATE = regex.compile(r"^,?\s*\d")

_ZH_DAY = regex.compile(r"(星期|礼拜|周)([一二三四五六日天])(?![次遍回个期年])")
_ZH_DAY_NO = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


@dataclass
class DayItem(Item):
    """A day mention: ``day`` is the day it names (1 = Monday); its values may hold another day
    it can stand for («в ночь на воскресенье»: also Saturday)."""

    day: int = 0


def _item(start: int, end: int, text: str, day: int, also: int | None = None) -> DayItem:
    days = {day} if also is None else {day, also}
    return DayItem(start, end, text, frozenset(("weekday", d) for d in days), day=day)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a headline part."""
    k = start
    while k and text[k - 1] in " \u00a0\t":
        k -= 1
    return not k or text[k - 1] in ".!?:;\n—–(…"


def _english(text: str) -> list[DayItem]:
    out: list[DayItem] = []
    for m in _EN_WORD.finditer(text):
        word = m.group(1) or m.group(2) or m.group(3)
        if m.group(3):
            out.append(_item(m.start(), m.end(), m.group(), _EN_ABBR[word]))
            continue
        prev = _EN_PREV_WORD.search(text[max(0, m.start() - 40) : m.start()])
        prev_word = prev.group(1) if prev else ""
        date_word = prev_word.lower() in _EN_DATE_WORDS
        if prev_word[:1].isupper() and not date_word:
            continue  # "Black Friday", "Good Friday", "Super Tuesday"
        nxt = _EN_NEXT_WORD.match(text, m.end())
        if nxt and not date_word and not _EN_MONTH.match(text, nxt.end()):
            continue  # "the Sunday Times", "Thursday Island"; not "Saturday July 25"
        out.append(_item(m.start(), m.end(), m.group(), _EN_DAY_NO[word.capitalize()]))
    return out


def _russian(text: str) -> list[DayItem]:
    out: list[DayItem] = []
    for m in _RU_DAY.finditer(text):
        group = next(i for i, g in enumerate(m.groups()) if g)
        stem, day, _ = _RU_DAYS[group]
        word = m.group()
        low = word.lower()
        if word[:1].isupper() and not word.isupper() and not _opens_sentence(text, m.start()):
            continue  # a name: the TV channel «Пятница», the island Четверг
        prev = _RU_PREV_WORD.search(text[max(0, m.start() - 40) : m.start()])
        prev_low = prev.group(1).lower() if prev else ""
        noun = group < _RU_NOUNS  # an adjective («воскресной проповеди») may follow another
        if noun and _RU_ADJECTIVE.search(prev_low) and not _RU_TEMPORAL.match(prev_low):
            continue  # «Чёрная пятница», «окружающей среды», «Невзоровские среды»
        night = bool(_RU_NIGHT_BEFORE.search(text[max(0, m.start() - 32) : m.start()]))
        if stem == "сред":
            after_day = prev_low in ("и", "или") and any(m.start() - o.end < 12 for o in out)
            dated = bool(_RU_NEXT_DATE.match(text[m.end() : m.end() + 4]))
            if not (night or dated or after_day or prev_low in _SREDA_PREPOSITIONS.get(low, ())):
                continue
        # «в ночь на воскресенье»: "on Saturday night" renders it as well
        out.append(_item(m.start(), m.end(), word, day, (day - 1 or 7) if night else None))
    for m in _RU_ABBR_RE.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if _DIGIT_BEFORE.search(before):
            continue  # «100 Вт» is watts
        if _RU_ABBR_NEXT.match(text, m.end(1)) or _RU_ABBR_BEFORE.search(before):
            out.append(_item(m.start(), m.end(), m.group(), _RU_ABBR[m.group(1).lower()]))
    return out


def _chinese(text: str) -> list[DayItem]:
    return [
        _item(m.start(), m.end(), m.group(), _ZH_DAY_NO[m.group(2)]) for m in _ZH_DAY.finditer(text)
    ]


def weekdays(text: str, lang: str) -> list[DayItem]:
    """Days of the week named in ``text`` as dates, in text order."""
    return list(_weekdays(text, lang))


# Cached per text (a source is checked against every translation of it); the items are never
# modified, and each call gets a list of its own (as numbers.numbers).
@lru_cache(maxsize=4096)
def _weekdays(text: str, lang: str) -> tuple[DayItem, ...]:
    if lang in ("ru", "uk", "be"):
        items = _russian(text) if lang == "ru" else []
    elif lang in ("zh", "ja", "yue"):
        items = _chinese(text)
    else:
        items = _english(text)
    items.sort(key=lambda it: it.start)
    return tuple(items)


@dataclass(frozen=True)
class WeekdayFinding:
    """A translation's day (``start``..``end``) that none of the source's days matches;
    ``suggestion``: the source's day in English when the source has exactly one unmatched day."""

    start: int
    end: int
    text: str
    source: str
    suggestion: str | None


def weekday_findings(src: str, mt: str, src_lang: str, tgt_lang: str) -> list[WeekdayFinding]:
    """The translation's days that contradict the source's (nothing when the source has none)."""
    s_items = weekdays(src, src_lang)
    if not s_items:
        return []
    m_items = weekdays(mt, tgt_lang)
    unmatched = [m for m in m_items if not any(m.matches(s) for s in s_items)]
    if not unmatched:
        return []
    missing = [s for s in s_items if not any(s.matches(m) for m in m_items)]
    missing_days = {s.day for s in missing if isinstance(s, DayItem)}
    one = len(missing_days) == 1
    source = missing[0].text if one else ", ".join(dict.fromkeys(s.text for s in s_items))
    suggestion = EN_DAYS[missing_days.pop() - 1] if one else None
    return [WeekdayFinding(m.start, m.end, m.text, source, suggestion) for m in unmatched]
